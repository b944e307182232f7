// The page's side of the rules worker (docs/assets/js/rules-worker.js): starting it, its load
// status, and request ids, so a reply to an older question is never shown over a newer one.

const LOAD_TIMEOUT_MS = 30000;

/**
 * A client for the rules worker.
 * @param {object} options
 * @param {object} options.init the worker's init message, without `type` and `fresh`
 * @param {(state: string, message: string, start?: string) => void} options.onStatus
 * @param {(reply: string) => void} options.onReply called only for the latest request
 */
export function createRulesClient({ init, onStatus, onReply }) {
  let worker = null;
  let sequence = 0;

  /** Start the rules; `fresh` (the Retry button) skips and deletes any saved Python start-up. */
  function start(fresh) {
    onStatus("loading", "Loading the checklist's rules…");
    worker?.terminate();
    const current = new Worker(new URL("../rules-worker.js", import.meta.url), { type: "module" });
    worker = current;
    const timer = setTimeout(() => {
      current.terminate();
      onStatus("failed", "The checklist's rules took too long to load.");
    }, LOAD_TIMEOUT_MS);
    current.addEventListener("error", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      current.terminate();
      onStatus("failed", "The checklist's rules could not be loaded.");
    });
    current.addEventListener("message", ({ data: message }) => {
      if (message.type === "status") {
        if (message.state !== "loading") clearTimeout(timer);
        onStatus(message.state, message.message, message.start);
      } else if (message.type === "reply") {
        if (message.id !== sequence) return; // an answer to an older question: a newer one is coming
        onReply(message.reply);
      }
    });
    current.postMessage({ type: "init", ...init, fresh });
  }

  /** Send the rules a request (JSON text for lp_rules.bridge); only its reply will be shown. */
  function ask(request) {
    sequence += 1;
    worker.postMessage({ type: "evaluate", id: sequence, request });
  }

  return { start, ask };
}
