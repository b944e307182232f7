//# allFunctionsCalledOnLoad
// @ts-check
// The page's side of the rules worker (docs/assets/js/rules-worker.js; the protocol:
// {type: "status", state: "loading"|"ready"|"failed", message, loaded, total, start} and
// {type: "reply", id, reply}). The worker judges its own downloads (a stall, a corrupt file)
// and says so in plain words; this side has no fixed total timeout, because a slow network is
// not a failure: it only gives up when the worker has said nothing at all for WATCHDOG_MS while
// loading, or fails to start. Request ids make sure a reply to an older question is never shown
// over a newer one.

/** The last resort: a worker silent this long while loading is stuck (it reports progress
 *  about once a second while bytes arrive, and judges a stall itself after about 20 s). */
export const WATCHDOG_MS = 60_000;

import { fillParts } from "./core.js";

/** @typedef {import("./core.js").Words} Words */
/** @typedef {{loaded: number | null, total: number | null}} Bytes */
/** @typedef {(state: "loading" | "ready" | "failed", message: string,
 *   extra: {start?: string, loaded?: number | null, total?: number | null,
 *     action?: "retry" | "reload"}) => void} StatusHandler */

/**
 * A client for the rules worker.
 * @param {{init: Record<string, unknown>, words: Words, onStatus: StatusHandler,
 *   onReply: (reply: string) => void}} options
 *   init: the worker's init message without `type`, `words` and `fresh`; words: the page's
 *   words, for what this side says of the worker and for the worker itself; onReply is called only for the latest request.
 */
export function createRulesClient({ init, words, onStatus, onReply }) {
  /** @type {Worker | null} */
  let worker = null;
  let sequence = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let watchdog;

  /** @param {Worker} current @param {string} message */
  function fail(current, message) {
    clearTimeout(watchdog);
    current.terminate();
    if (current === worker) onStatus("failed", message, {});
  }

  /** (Re)arm the watchdog: called at the start and at every message while loading.
   *  @param {Worker} current */
  function watch(current) {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => fail(current, words.stalled), WATCHDOG_MS);
  }

  /** Start the rules; `fresh` (the Retry button) skips and deletes any saved Python start-up.
   *  @param {boolean} fresh */
  function start(fresh) {
    worker?.terminate();
    const current = new Worker(new URL("../rules-worker.js", import.meta.url), { type: "module" });
    worker = current;
    onStatus("loading", words.loading, { loaded: null, total: null });
    watch(current);
    current.addEventListener("error", (event) => {
      event.preventDefault();
      fail(current, words.cannot_start);
    });
    current.addEventListener("message", ({ data: message }) => {
      if (current !== worker) return;
      if (message.type === "status") {
        if (message.state === "loading") watch(current);
        else clearTimeout(watchdog);
        onStatus(message.state, message.message, {
          start: message.start, loaded: message.loaded ?? null, total: message.total ?? null,
          action: message.action === "reload" ? "reload" : "retry",
        });
      } else if (message.type === "reply") {
        if (message.id !== sequence) return; // an answer to an older question: a newer one is coming
        onReply(message.reply);
      }
    });
    current.postMessage({ type: "init", ...init, words, fresh }); // the worker says only these words
  }

  /** Send the rules a request (JSON text for lp_rules.bridge); only its reply will be shown.
   *  @param {string} request */
  function ask(request) {
    sequence += 1;
    worker?.postMessage({ type: "evaluate", id: sequence, request });
  }

  return { start, ask };
}

/**
 * The rules' load status on the page, next to the questions: the worker's words, the bytes so
 * far in a progress bar, and when loading failed, what still works and a Retry (or Reload, when
 * a new release took this page's rules off the host).
 * @param {HTMLElement} root the .lp-checklist element
 * @param {(selector: string) => any} find the element the build generated for a selector
 * @param {Words} words the page's words
 * @returns {StatusHandler}
 */
export function createStatusView(root, find, words) {
  /** @type {HTMLElement} */
  const statusEl = find(".lp-status");
  /** @type {HTMLElement} */
  const progressRow = find(".lp-progress-row");
  /** @type {HTMLProgressElement} */
  const progressBar = progressRow.querySelector("progress") ?? document.createElement("progress");
  /** @type {HTMLElement} */
  const retryRow = find(".lp-retry-row");
  /** @type {HTMLElement} */
  const retryButton = find(".lp-retry-row [data-retry]");

  /** Loading: the status region is announced, so it changes only with the phase ("Downloading
   *  the checklist's rules"), not with every byte count; the count is beside the bar.
   *  @param {string} message @param {number | null} loaded @param {number | null} total */
  function showProgress(message, loaded, total) {
    const counting = typeof loaded === "number";
    const phase = counting ? message.split(":")[0] : message;
    if (statusEl.textContent !== phase) statusEl.textContent = phase;
    progressRow.hidden = !counting;
    if (!counting) return;
    const text = progressRow.querySelector(".lp-progress-text");
    if (text) text.textContent = message;
    if (typeof total === "number" && total > 0) {
      progressBar.max = total;
      progressBar.value = Math.min(loaded, total);
    } else {
      progressBar.removeAttribute("value"); // indeterminate: the size is not known
    }
  }

  return (state, message, extra) => {
    statusEl.dataset.state = state;
    retryRow.hidden = state !== "failed";
    retryRow.dataset.offer = extra.action ?? "retry";
    retryButton.textContent = extra.action === "reload" ? words.reload : words.retry;
    if (state === "loading") {
      showProgress(message, extra.loaded ?? null, extra.total ?? null);
      return;
    }
    progressRow.hidden = true;
    if (state === "ready") {
      statusEl.textContent = message;
      statusEl.dataset.pythonStart = extra.start; // "saved" or "fresh": see rules-worker.js
      return;
    }
    // Failed: the compiled rules still give the outcome and what to do now; what needs Python
    // is said in one line, here and in the outcome.
    const table = /** @type {HTMLDetailsElement | null} */ (document.getElementById("decision-table"));
    statusEl.replaceChildren(...fillParts(words.still_works, { message }, (text) => {
      const link = document.createElement("a");
      link.textContent = text;
      link.href = "#decision-table";
      return link;
    }));
    if (table) table.open = true;
  };
}
