// @ts-check
// The checklist page: answers in the form and in the address's fragment ("#v=2&harm=no", which
// browsers never send to any host); the outcome decided at once from the rules compiled into the
// page, and completed by the rules themselves in a Web Worker.
//
// This file holds no rule, question or outcome wording: questions and the compiled rules come from
// the page's JSON data block (generated from lp_rules at build time) and the full outcome from
// lp_rules in the worker. It wires the pieces, each with one job (docs/assets/js/checklist/):
//   links.js          the link reader: an address's answers read exactly as lp_rules.links reads
//                     them (pure, tested equal to it: tests/site/test_link_readers.py)
//   core.js           answers -> link, which questions show, errors in words (pure, unit-tested)
//   compiled.js       the outcome and what to do, from the compiled rules (pure, tested against
//                     lp_rules.evaluate on every answer set: tests/site/test_compiled.py)
//   worker-client.js  the rules worker, its load status and request ids
//   form-view.js      questions, the practitioner editor, Check your answers, errors
//   outcome-view.js   the outcome and the record
// and keeps the page's state: the answers, the record, and whether the full rules are ready.
//
// Every answer's effect (the next question, whether the answers are complete, the outcome with
// "Do this now") is shown at once from the compiled rules, before Python has loaded and where it
// cannot; when Python's full outcome arrives it completes the same outcome in place (reasons, why
// not, what would change it, the practitioners, the record), and if the two ever disagree the page
// shows an error and no advice.

import { agrees, evaluate as decideNow } from "./checklist/compiled.js";
import { candidateErrors, invalidError, nextQuestion, queryFor, today } from "./checklist/core.js";
import { find, make } from "./checklist/dom.js";
import { createFormView } from "./checklist/form-view.js";
import { LINK_MARK, isPlaceOnPage, linkText, readAsItIs, readLink } from "./checklist/links.js";
import { createOutcomeView } from "./checklist/outcome-view.js";
import { createRulesClient } from "./checklist/worker-client.js";

/** @typedef {import("./checklist/core.js").Answers} Answers */
/** @typedef {import("./checklist/core.js").Question} Question */

const DISAGREE =
  "This checklist worked out two different outcomes for these answers, so it shows no advice. " +
  "Use the decision table below and the guidance it links to, and please tell the site's owners.";
const PRACTITIONERS_CHANGED =
  "You have changed the practitioners. Select “Use these practitioners” to see the outcome for them.";

const el = document.querySelector(".lp-checklist");
if (el instanceof HTMLElement) main(el);

/** @param {HTMLElement} root */
function main(root) {
  const data = JSON.parse(find(root, ".lp-data").textContent);
  /** @type {Question[]} */
  const questions = data.questions;
  /** @type {Record<string, Question>} */
  const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
  /** @type {HTMLElement} */
  const statusEl = find(root, ".lp-status");
  /** @type {HTMLElement} */
  const progressRow = find(root, ".lp-progress-row");
  /** @type {HTMLProgressElement} */
  const progressBar = find(progressRow, "progress");
  /** @type {HTMLElement} */
  const retryRow = find(root, ".lp-retry-row");
  const retryButton = find(retryRow, "[data-retry]");
  const RETRY_TEXT = retryButton.textContent ?? "";
  const live = make("p", "lp-visually-hidden");
  live.setAttribute("aria-live", "polite");
  root.append(live);
  const siteRoot = new URL(data.root, document.baseURI);
  /** @type {HTMLElement} */
  const linkNotice = find(root, ".lp-link-notice");

  /** @type {Answers} */
  let answers = {};
  // A record's link says which outcome the rules gave when the record was made (see record.py).
  /** @type {string | null} */
  let recordedOutcome = null;
  // Whether the address still has to be read by the rules (lp_rules.links), for what they say
  // about it (an older link's notice): see openAddress.
  let linkUnread = false;
  // Whether the page's link reader read the address as it is (today's version, nothing carried
  // over or left out): the outcome can then show before the rules have read it.
  let linkAsItIs = true;
  /** The full rules (Python in the worker). @type {"loading" | "ready" | "failed"} */
  let runtime = "loading";
  /** The compiled outcome on screen and the answers it is for, so it is not drawn twice. */
  let shownQuick = "";
  /** @type {string | null} */
  let shownRecommendation = null;
  /** Whether the outcome on screen was worked out from the practitioners listed. */
  let shownFromPractitioners = false;
  let record = "";
  // Arrow keys in a radio group change the answer as the user moves through the options: focus
  // then stays where they are (the outcome or next question is announced, not focused), and the
  // group's steps share one history entry.
  let arrowing = false;
  let moveFocus = true;
  /** The question the user answered last (null: none, or Start again), so focus moves on from it. */
  /** @type {string | null} */
  let answeredQuestion = null;
  /** The question whose answer made the newest history entry, and whether by arrow keys. */
  /** @type {{question: string | null, arrows: boolean}} */
  let lastEntry = { question: null, arrows: false };

  const view = createFormView({ root, questions, byId });
  const outcome = createOutcomeView({
    root, data, byId, siteRoot, live, state: () => ({ answers, record, recordedOutcome, runtime }),
  });
  const { form } = view;
  const rules = createRulesClient({
    init: {
      root: siteRoot.href,
      pyodide: data.pyodide,
      wheel: data.wheel,
      wheelSha256: data.wheelSha256,
      runtimeSha256: data.runtimeSha256,
    },
    onStatus,
    onReply,
  });

  // The page is settled when the rules have answered its last request and the address holds
  // the last answer: until then the checklist is marked busy (data-busy), so a test (or
  // anything else) waits for the page instead of sleeping and hoping it has acted.
  let asking = false;
  let addressesToWrite = 0;
  function markBusy() {
    if (asking || addressesToWrite > 0) root.dataset.busy = "true";
    else delete root.dataset.busy;
  }

  /** The address for the answers now: the answers in the fragment, never in the query. */
  function addressNow() {
    const extra = /** @type {[string, string][]} */ (
      recordedOutcome ? [[data.link.outcomeParam, recordedOutcome]] : []);
    const link = queryFor(answers, questions, data.versionParam, data.linkVersion, extra);
    return `${location.pathname}${LINK_MARK}${link}`;
  }

  /** Put the answers in the address's fragment: a new history entry (so Back undoes an
   *  answer), except for further arrow-key steps in the same radio group, which replace theirs.
   *  @param {boolean} push @param {string} [url] @param {{question: string | null, arrows: boolean}} [entry] */
  function writeQuery(push, url = addressNow(), entry = { question: answeredQuestion, arrows: arrowing }) {
    const sameGroup = entry.arrows && lastEntry.arrows && entry.question === lastEntry.question;
    history[push && !sameGroup ? "pushState" : "replaceState"](null, "", url);
    if (push) lastEntry = entry;
  }

  function hideOutcome() {
    outcome.hide();
    view.hideAnswers();
    shownQuick = "";
    shownRecommendation = null;
    shownFromPractitioners = false;
  }

  /** The practitioners were edited after an outcome was worked out from them. That outcome no
   *  longer matches the form, so it is withdrawn (nobody should copy, print or act on it) until
   *  "Use these practitioners" works it out again; the questions above do not move. */
  function practitionersEdited() {
    if (!shownFromPractitioners) return;
    hideOutcome();
    outcome.pending(PRACTITIONERS_CHANGED);
    live.textContent = PRACTITIONERS_CHANGED;
  }

  /** After an answer (not an arrow-key step): focus goes on to the next question's legend.
   *  @param {string | null} next */
  function moveOn(next) {
    if (next && moveFocus && answeredQuestion !== null && next !== answeredQuestion) {
      view.focusLegend(next);
    }
    answeredQuestion = null;
  }

  /** The rules' answer (compiled, or Python's): the questions, then the outcome when it is
   *  complete.
   *  @param {any} result */
  function showResult(result) {
    view.clearErrors();
    const next = nextQuestion(questions, answers, result);
    view.showQuestions(answers, result, next);
    if (result.status !== "complete") {
      hideOutcome();
      live.textContent = `Next question: ${byId[result.next[0]].text}`;
      moveOn(next);
      return;
    }
    const appearing = shownRecommendation === null;
    const changed = shownRecommendation !== result.recommendation;
    outcome.render(result);
    view.renderAnswers(result, answers, outcome.roleLabel);
    shownRecommendation = result.recommendation;
    shownFromPractitioners = result.relevant.includes("candidates");
    if (changed) live.textContent = `Outcome: ${result.title}`;
    if (appearing && moveFocus) outcome.focus();
    answeredQuestion = null;
  }

  /** The rules refused the answers (an altered or broken link): say so in plain words on the
   *  field they name, never in the rules' own words, which hold ids.
   *  @param {string | undefined} field @param {string} message */
  function showInvalid(field, message) {
    hideOutcome();
    view.showErrors([invalidError(field, questions, answers, message)]);
    answeredQuestion = null;
  }

  /** The address was refused as a whole (an answer given twice, a name no link holds, a value
   *  far longer than any answer), by the page's reader or the rules: none of it is kept, so the
   *  form never shows an answer the rules did not accept (a link's "Yes" to significant harm
   *  with no outcome beside it), and the error asks for the questions to be answered.
   *  @param {string | undefined} field @param {string} message */
  function refuseLink(field, message) {
    linkUnread = false;
    answers = {};
    recordedOutcome = null;
    view.fillForm(answers);
    view.showQuestions(answers, null, nextQuestion(questions, answers, null));
    showInvalid(field, message);
  }

  // ---- the worker -----------------------------------------------------------------------

  /** @param {"loading" | "ready" | "failed"} state @param {string} message
   *  @param {{start?: string, loaded?: number | null, total?: number | null,
   *    action?: "retry" | "reload"}} extra */
  function onStatus(state, message, extra) {
    statusEl.dataset.state = state;
    retryRow.hidden = state !== "failed";
    // A new release took this page's rules off the host: only a reload can help, not Retry.
    retryRow.dataset.offer = extra.action ?? "retry";
    retryButton.textContent = extra.action === "reload" ? "Reload the page" : RETRY_TEXT;
    if (state === "loading") {
      runtime = "loading";
      outcome.runtimeChanged();
      showProgress(message, extra.loaded ?? null, extra.total ?? null);
      return;
    }
    progressRow.hidden = true;
    if (state === "failed") {
      // The compiled rules still give the outcome and what to do now; what needs Python is said
      // in one line, here and in the outcome.
      runtime = "failed";
      asking = false;
      markBusy();
      const table = /** @type {HTMLDetailsElement | null} */ (document.getElementById("decision-table"));
      const link = make("a", "", "the decision table below");
      link.href = "#decision-table";
      statusEl.replaceChildren(`${message} The checklist still gives the outcome and what to do now; `,
        "the reasons, the practitioners' ranking and the record need its full version. You can also use ",
        link, ".");
      if (table) table.open = true;
      outcome.runtimeChanged();
      if (linkUnread) {
        // Python will not read this link: decide from it as the form shows it.
        linkUnread = false;
        evaluate();
      }
      return;
    }
    statusEl.textContent = message;
    runtime = "ready";
    statusEl.dataset.pythonStart = extra.start; // "saved" or "fresh": see rules-worker.js
    if (linkUnread) askRulesToRead();
    else evaluate();
    keepForOffline();
  }

  /** Loading: the worker's words, and the bytes so far in a progress bar. The status region is
   *  announced, so it changes only with the phase ("Downloading the checklist's rules"), not with
   *  every byte count; the count is beside the bar.
   *  @param {string} message @param {number | null} loaded @param {number | null} total */
  function showProgress(message, loaded, total) {
    const counting = typeof loaded === "number";
    const phase = counting ? message.split(":")[0] : message;
    if (statusEl.textContent !== phase) statusEl.textContent = phase;
    progressRow.hidden = !counting;
    if (!counting) return;
    find(progressRow, ".lp-progress-text").textContent = message;
    if (typeof total === "number" && total > 0) {
      progressBar.max = total;
      progressBar.value = Math.min(loaded, total);
    } else {
      progressBar.removeAttribute("value"); // indeterminate: the size is not known
    }
  }

  /** Show what the compiled rules decide for the answers now, and ask Python for the full
   *  outcome when it is ready. A link made with another version or written oddly (links.js
   *  carried something over or left something out) gets no outcome until the rules have read it
   *  and the page can say what reading it took. */
  function evaluate() {
    const quick = decideNow(data.compiled, answers);
    if (linkUnread && !linkAsItIs) {
      // The questions as the compiled rules would ask them (where they can read the answers),
      // and no outcome yet.
      hideOutcome();
      const progress = "next" in quick ? quick : null;
      const next = nextQuestion(questions, answers, progress);
      view.showQuestions(answers, progress, next);
      moveOn(next);
    } else {
      showQuick(quick);
    }
    if (runtime !== "ready") return;
    const page = location.origin + location.pathname;
    const request = JSON.stringify({ tool: data.tool, answers, profile: data.profile, date: today(), page });
    ask(request);
  }

  /** The compiled rules' result on screen (unless it is there already: the rules read a link as
   *  the page had shown it, or Python's outcome completes it).
   *  @param {any} quick */
  function showQuick(quick) {
    if (quick.status === "invalid") {
      showInvalid(quick.field, "");
      return;
    }
    const key = JSON.stringify([quick, answers]);
    if (key === shownQuick) return;
    showResult(quick);
    shownQuick = key;
  }

  /** Python's full outcome: it must agree with what the compiled rules show, and then
   *  completes it in place (focus and scroll stay where they are).
   *  @param {any} result */
  function showFull(result) {
    const quick = decideNow(data.compiled, answers);
    if (!agrees(quick, result)) {
      hideOutcome();
      outcome.error(DISAGREE);
      live.textContent = DISAGREE;
      return;
    }
    showQuick(quick);
    if (result.status === "complete") outcome.complete(result);
  }

  /** Send the rules a request; the checklist is busy until its reply is shown.
   *  @param {string} request */
  function ask(request) {
    asking = true;
    markBusy();
    rules.ask(request);
  }

  /** @param {string} replyText */
  function onReply(replyText) {
    asking = false;
    markBusy();
    showReply(JSON.parse(replyText));
  }

  /** Ask the rules to read the address as opened (lp_rules.links.read_link), for their notice. */
  function askRulesToRead() {
    ask(JSON.stringify({ type: "link", tool: data.tool, query: linkText(location.search, location.hash) }));
  }

  /** The rules have read the address: answer with what they read, and say if it was migrated.
   *  @param {any} reply */
  function applyLink(reply) {
    linkUnread = false;
    const asShown = queryFor(answers, questions, data.versionParam, data.linkVersion);
    const asRead = queryFor(reply.answers, questions, data.versionParam, data.linkVersion);
    answers = reply.answers;
    recordedOutcome = reply.recorded_outcome;
    if (reply.notice) {
      find(linkNotice, "[data-notice-text]").textContent = reply.notice;
      linkNotice.hidden = false;
    }
    // The form already shows the address's answers, read when the page opened, and the user
    // may be adding a practitioner: refill it only where the rules read something else.
    if (asRead !== asShown) view.fillForm(answers);
    writeQuery(false);
    evaluate();
  }

  /** @param {any} reply */
  function showReply(reply) {
    if (reply.type === "link") {
      applyLink(reply);
    } else if (reply.type === "result") {
      record = reply.record;
      showFull(reply.result);
    } else if (reply.type === "invalid" && linkUnread) {
      refuseLink(reply.field, reply.message);
    } else if (reply.type === "invalid") {
      showInvalid(reply.field, reply.message);
    } else {
      hideOutcome();
      onStatus("failed", "Something went wrong while working out the answer.", {});
    }
  }

  /** Ask the service worker (sw.js), if there is one, to keep the runtime for offline use. */
  function keepForOffline() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready
      .then((registration) => registration.active?.postMessage({ type: "cache-runtime" }))
      .catch(() => {});
  }

  // ---- wiring ---------------------------------------------------------------------------

  form.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    arrowing = event.key.startsWith("Arrow") && target.matches("input[type=radio]");
  });
  // A pointer or a tap is never an arrow-key step, even after one.
  form.addEventListener("pointerdown", () => (arrowing = false));

  /** The form changed: an evaluation, and a new entry in the history (so Back undoes it).
   *  @param {boolean} saveCandidates @param {string} question */
  function answered(saveCandidates, question) {
    answeredQuestion = question;
    answers = view.answersFromForm(saveCandidates, answers);
    recordedOutcome = null; // the address no longer reopens the record
    // The answer's effect first, the address just after it is drawn: a new history entry costs
    // a slow phone more than the decision and the drawing together (27 ms against about 25 ms,
    // measured with the processor slowed 4 times).
    const url = addressNow();
    const entry = { question, arrows: arrowing };
    addressesToWrite += 1;
    evaluate();
    markBusy();
    requestAnimationFrame(() => setTimeout(() => {
      writeQuery(true, url, entry);
      addressesToWrite -= 1;
      markBusy();
    }));
  }

  form.addEventListener("change", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    // A practitioner's select changes nothing until "Use these practitioners": focus stays put.
    if (!target.matches("input[type=radio]")) {
      practitionersEdited();
      return;
    }
    moveFocus = !arrowing;
    answered(false, target.name);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button) return;
    if (button.matches("[data-add-candidate]")) {
      find(view.addCandidate(), "select").focus();
      practitionersEdited();
    } else if (button.matches("[data-remove]")) {
      view.removeCandidate(button);
      practitionersEdited();
      find(form, "[data-add-candidate]").focus();
    } else if (button.matches("[data-save-candidates]")) {
      useCandidates();
    }
  });

  /** "Use these practitioners": each missing field is an error on that field; nobody listed
   *  is an error too (nobody listed is not "nobody suitable"). */
  function useCandidates() {
    const q = view.candidatesQ;
    if (!q) return;
    const errors = candidateErrors(view.rowsFromForm(), q);
    if (errors.length) {
      view.showErrors(errors);
      return;
    }
    moveFocus = true;
    arrowing = false;
    answered(true, q.id);
  }

  /** "Start again": no answers, the first question, the same page and the same running rules. */
  find(root, "[data-start-again]").addEventListener("click", (/** @type {Event} */ event) => {
    event.preventDefault();
    answers = {};
    recordedOutcome = null;
    linkUnread = false;
    linkNotice.hidden = true;
    view.clearErrors();
    hideOutcome();
    view.fillForm(answers);
    history.pushState(null, "", location.pathname);
    lastEntry = { question: null, arrows: false };
    moveFocus = true;
    answeredQuestion = "";  // not null: focus moves on to the first question
    evaluate();
  });

  retryButton.addEventListener("click", () => {
    if (retryRow.dataset.offer === "reload") location.reload();
    else rules.start(true);
  });
  /** The address, as the page is opened or as Back or Forward return to it, is read by the
   *  page's link reader exactly as the rules read it (an older link is migrated, parameters
   *  that are not questions are ignored, a link they refuse gives no advice); the rules then
   *  read it too, for what the page should say about it. An older link with its answers in the
   *  query (sent to the host as it was opened) has them moved into the fragment at once, so no
   *  later request, reload or Back sends them again. */
  function openAddress() {
    const text = linkText(location.search, location.hash);
    if (location.search) {
      history.replaceState(history.state, "", `${location.pathname}${text ? LINK_MARK + text : ""}`);
    }
    const reading = readLink(text, data.link);
    if (reading.type === "invalid") {
      refuseLink(reading.field, reading.message);
      return;
    }
    answers = reading.answers;
    recordedOutcome = reading.recorded_outcome;
    shownQuick = ""; // the same answers may come with another record's outcome: draw it again
    linkAsItIs = readAsItIs(reading, data.link);
    linkUnread = text.length > 0;
    view.fillForm(answers);
    if (runtime === "ready" && linkUnread) askRulesToRead();
    else evaluate();
  }

  // Back and Forward (and an address changed by hand) between the answers; a place on the page
  // (the decision table's "#decision-table") is a jump, not a change of answers.
  window.addEventListener("popstate", () => {
    if (!isPlaceOnPage(location.hash)) openAddress();
  });

  openAddress();
  rules.start(false);
  // Started: the checklist's modules all arrived and run. The page's inline watchdog
  // (tools/sitegen/checklist_watchdog.js) says the checklist could not start if this never comes.
  root.dataset.started = "true";
}
