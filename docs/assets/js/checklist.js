//# allFunctionsCalledOnLoad
// V8's compile hint (the line above; in each of the checklist's modules too): compile every
// function while the module downloads, not at its first call, which on a slow phone was
// most of the first answer's work (docs/performance.md).
// @ts-check
// The checklist page: answers in the form and in the address's fragment ("#v=2&harm=no", which
// browsers never send to any host); the outcome decided at once from the rules compiled into the
// page, and completed by the rules themselves in a Web Worker.
//
// This file holds no rule, question or outcome wording, and no words of its own: questions, the
// compiled rules and the page's words (`data.words`, lp_rules.checklists.texts) come from the
// page's JSON data block (generated from lp_rules at build time) and the full outcome from
// lp_rules in the worker. It wires the pieces, each with one job (docs/assets/js/checklist/):
//   links.js          the link reader: an address's answers read exactly as lp_rules.links reads
//                     them (pure, tested equal to it: tests/site/test_link_readers.py)
//   core.js           answers -> link, which questions show, errors in words (pure, unit-tested)
//   compiled.js       the outcome and what to do, from the compiled rules (pure, tested against
//                     lp_rules.evaluate on every answer set: tests/site/test_compiled.py)
//   state.js          the page's state and every way it changes: reduce(state, event) (pure,
//                     unit-tested: tests/js/state.test.mjs)
//   worker-client.js  the rules worker, its load status and request ids
//   form-view.js      questions and their Continue, Check your answers, errors
//   practitioners-view.js  the practitioner editor (GOV.UK's add-another: summary cards);
//                     it turns its own buttons into state events (dispatch)
//   outcome-view.js   the outcome and the record
//   what-if-view.js   the what-if's notice and its "Back to your answers"
// This file is the wiring: DOM events become state.js's events, and each new state is drawn by
// the views (draw), which also carries out its one-off intents (focus, the address, a request).
//
// A question takes effect when the user continues (GOV.UK's question pattern: Continue, or Enter
// on an option): arrow keys only move between the options, and nothing shows that is then
// withdrawn. A link (a share link, reload, Back, Forward) is a set of answers already confirmed.
// A "what would change it" alternative opens a labelled what-if that leaves the user's answers,
// the address and the record as they are, until "Back to your answers".
//
// Every answer's effect (the next question, whether the answers are complete, the outcome with
// "Do this now") is shown at once from the compiled rules, before Python has loaded and where it
// cannot; when Python's full outcome arrives it completes the same outcome in place (reasons, why
// not, what would change it, the practitioners, the record), and if the two ever disagree the page
// shows an error and no advice.

import { agrees, evaluate as decideNow, nearOutcomes, urgentExample } from "./checklist/compiled.js";
import { fill, invalidError, nextQuestion, queryFor, today } from "./checklist/core.js";
import { find, make } from "./checklist/dom.js";
import { createFormView } from "./checklist/form-view.js";
import { LINK_MARK, isPlaceOnPage, linkText, readAsItIs, readLink } from "./checklist/links.js";
import { createOutcomeView } from "./checklist/outcome-view.js";
import { answersKey, initial, reduce, request, shownAnswers, shownFull } from "./checklist/state.js";
import { createRulesClient, createStatusView } from "./checklist/worker-client.js";
import { createWhatIfNotice } from "./checklist/what-if-view.js";

/** @typedef {import("./checklist/core.js").Answers} Answers */
/** @typedef {import("./checklist/core.js").Question} Question */
/** @typedef {import("./checklist/state.js").State} State */
/** @typedef {import("./checklist/state.js").Event} StateEvent */
/** @typedef {import("./checklist/state.js").FieldError} FieldError */

/** How many sets of answers nearest the start the page decides while it waits for answers,
 *  making each outcome's first parts (prepareNear). In the default build (2026-12-08) every
 *  outcome of who-should-lead's choice questions is within 67 sets (19 outcomes), and 80 reach
 *  10 of change-lead's outcomes and 2 of consent-withdrawn's. */
const NEAR_OUTCOMES = 80;

const el = document.querySelector(".lp-checklist");
if (el instanceof HTMLElement) main(el);

/** @param {HTMLElement} root */
function main(root) {
  const data = JSON.parse(find(root, ".lp-data").textContent);
  /** @type {Question[]} */
  const questions = data.questions;
  /** The list question the practitioners' editor answers, if this checklist asks one. */
  const listQuestion = questions.find((q) => q.kind === "candidates");
  /** @type {Record<string, Question>} */
  const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
  /** Every word the page shows or says (lp_rules.checklists.texts). @type {import("./checklist/core.js").Words} */
  const words = data.words;
  const live = make("p", "lp-visually-hidden");
  live.setAttribute("aria-live", "polite");
  root.append(live);
  const siteRoot = new URL(data.root, document.baseURI);
  /** @type {HTMLElement} */
  const linkNotice = find(root, ".lp-link-notice");
  const retryButton = find(root, ".lp-retry-row [data-retry]");
  // Choices a person made before this script ran (a slow phone shows the first question seconds
  // earlier): kept as choices, to take effect on Continue like any other, not silently cleared.
  // Only where the address holds no answers: a link's answers are the ones to show.
  /** @type {HTMLInputElement[]} */
  const early = linkText(location.search, location.hash) ? []
    : [...root.querySelectorAll(".lp-form input[type=radio]:checked")]
      .filter((input) => input instanceof HTMLInputElement);

  /** @type {State} */
  let state = initial();
  const view = createFormView({ root, questions, byId, words, dispatch });
  const { form } = view;
  const outcome = createOutcomeView({
    root, data, byId, siteRoot, live,
    // The outcome shown is the what-if's while one is open; the record is always the user's.
    state: () => ({
      answers: shownAnswers(state), record: state.record, runtime: state.runtime,
      recordedOutcome: state.whatIf ? null : state.recordedOutcome,
    }),
  });
  const whatIf = createWhatIfNotice(find(root, ".lp-outcome"), words);
  const showStatus = createStatusView(root, (selector) => find(root, selector), words);
  const rules = createRulesClient({
    init: {
      root: siteRoot.href,
      pyodide: data.pyodide,
      wheel: data.wheel,
      wheelSha256: data.wheelSha256,
      runtimeSha256: data.runtimeSha256,
    },
    words,
    onStatus,
    onReply,
  });

  // ---- state -> views -------------------------------------------------------------------

  /** What is drawn now, so a new state redraws only what changed. */
  const drawn = {
    form: "", errors: "", outcome: "", complete: "", notice: "", whatIf: "",
    /** @type {string | null} */ recommendation: null, error: false,
    /** @type {number | null} the rule of the outcome on screen */ rule: null,
    /** Check your answers is still to be drawn for the outcome on screen (afterPaint). */
    answersDue: false,
  };
  /** The request sent to the rules ("link:…" or "evaluate:…") whose reply is still to come
   *  (so it is not sent twice), and whether one is. */
  let sent = "";
  let asking = false;
  let addressesToWrite = 0;
  /** The animation frame that will move focus (moveFocus), or 0. */
  let focusFrame = 0;
  /** Whether the work that waits for the answer's effect to be on screen (afterPaint) is due. */
  let laterDue = false;
  /** The latest download progress that came while it was (onStatus), drawn by afterPaint.
   *  @type {Parameters<typeof onStatus> | null} */
  let heldProgress = null;
  /** Whether the checklist is marked busy now (markBusy). */
  let busyMarked = false;

  /** The page is settled when the rules have answered its last request, the address holds the
   *  last answer, focus has moved where the answer takes it and the work after the answer's
   *  effect (afterPaint) is done: until then the checklist is marked busy (data-busy), so a test
   *  (or anything else) waits for the page instead of sleeping and hoping it has acted. */
  function markBusy() {
    const busy = Boolean(asking || addressesToWrite > 0 || focusFrame || laterDue);
    // Written only when it changes: an answer's event asks several times, and each write of an
    // attribute is a change to the page that observers are told of. Compared with what was
    // written last, kept here (nothing else writes the mark), not read back from the page.
    if (busy !== busyMarked) {
      busyMarked = busy;
      if (busy) root.dataset.busy = "true";
      else delete root.dataset.busy;
    }
  }

  /** The choices made before the script ran, chosen again after the form is filled (from the
   *  address, and again as the rules read it), until the person answers anything here.
   *  @param {Answers} answers */
  function keepEarlyChoices(answers) {
    if (Object.keys(answers).length > 0) early.length = 0;
    for (const radio of early) {
      if (radio.closest("[hidden]")) continue; // a question the rules do not ask yet
      radio.checked = true;
      view.openQuestion(radio.name);
    }
  }

  /** @param {StateEvent} event */
  function dispatch(event) {
    const previous = state;
    state = reduce(state, event);
    draw(previous, state, event);
  }

  /** The address for a state's user answers (never a what-if's), in the fragment, never the
   *  query. @param {State} of */
  function addressOf(of) {
    const extra = /** @type {[string, string][]} */ (
      of.recordedOutcome ? [[data.link.outcomeParam, of.recordedOutcome]] : []);
    const link = queryFor(of.answers, questions, data.versionParam, data.linkVersion, extra);
    return `${location.pathname}${LINK_MARK}${link}`;
  }

  /** Draw a new state, then carry out its intents.
   *  @param {State} previous @param {State} next @param {StateEvent} event */
  function draw(previous, next, event) {
    if (event.type === "answer-confirmed") view.fillChoices(next.answers);
    else if (next.version !== previous.version) view.fillForm(next.answers);

    /** @type {any} the compiled rules' result for the user's answers */
    const mine = decideNow(data.compiled, next.answers);
    // A link made with another version or written oddly gets no outcome until the rules have
    // read it and the page can say what reading it took.
    const held = next.linkUnread && !next.linkAsItIs;
    const progress = next.refused ? null : held ? ("next" in mine ? mine : null) : mine;
    const nextId = nextQuestion(questions, next.answers, progress?.status === "invalid" ? null : progress);
    // Keys of what each part is drawn from, not the compiled result itself: a complete result
    // (its actions, sources and routes) is about 5.5 KB as JSON, and writing it out twice made
    // an answer that shows an outcome several times dearer than deciding it. The form is drawn
    // from the answers and the result's status, next and relevant questions; these key it, and
    // the answers do not, as before (the whole result did not change either for another option
    // of a question the rules do not use): keyed by the answers too, every such answer redrew
    // the whole form, and answers on the phone took a third longer (median 7.6 ms against 5.7).
    const formKey = JSON.stringify([next.version, progress?.status ?? null, progress?.next ?? null,
      progress?.relevant ?? null]);
    if (formKey !== drawn.form) {
      view.showQuestions(next.answers, progress?.status === "invalid" ? null : progress, nextId);
      drawn.form = formKey;
    }
    if (next.version !== previous.version) keepEarlyChoices(next.answers);

    /** @type {FieldError[]} */
    const errors = next.errors.length ? next.errors
      : !held && mine.status === "invalid" ? [invalidError(mine.field, questions, next.answers, words)] : [];
    const errorsKey = JSON.stringify(errors);
    if (errorsKey !== drawn.errors) {
      if (errors.length) view.showErrors(errors);
      else view.clearErrors();
      drawn.errors = errorsKey;
    }

    const shown = shownAnswers(next);
    /** @type {any} */
    const quick = next.whatIf ? decideNow(data.compiled, shown) : mine;
    const noOutcome = held || next.refused || errors.length > 0 || quick.status !== "complete";
    const stale = !next.whatIf && next.practitionersEdited && listQuestion !== undefined
      && quick.relevant?.includes(listQuestion.id);
    if (noOutcome || stale) {
      if (drawn.outcome && !(stale && drawn.outcome === "stale")) hideOutcome();
      if (stale && drawn.outcome !== "stale") {
        outcome.pending(words.practitioners_changed);
        live.textContent = words.practitioners_changed;
        drawn.outcome = "stale";
      }
      if (noOutcome && !errors.length && !held && event.type === "answer-confirmed" && nextId) {
        live.textContent = fill(words.next_question_said, { question: byId[nextId].text });
      }
    } else {
      // The result is the compiled rules' for the answers shown: those answers key it.
      const key = JSON.stringify([answersKey(shown), next.recordedOutcome, Boolean(next.whatIf)]);
      if (key !== drawn.outcome) {
        outcome.render(quick);
        if (quick.recommendation !== drawn.recommendation) {
          live.textContent = fill(next.whatIf ? words.what_if_said : words.outcome_said, { title: quick.title });
        }
        Object.assign(drawn, { outcome: key, complete: "", recommendation: quick.recommendation, error: false,
          rule: quick.rule_index, answersDue: true });
      }
      const full = shownFull(next);
      if (full && full.key === answersKey(shown) && drawn.complete !== key) {
        if (agrees(quick, full.result)) {
          if (full.result.status === "complete") outcome.complete(full.result);
        } else {
          // Two outcomes for the same answers: an error and no advice, until the answers change.
          hideOutcome();
          outcome.error(words.disagree);
          live.textContent = words.disagree;
          Object.assign(drawn, { outcome: key, error: true });
        }
        drawn.complete = key;
      }
    }
    // The line about the full version says how the runtime is: an outcome drawn just now says
    // it already, so it is rewritten only when the runtime's state moves.
    if (next.runtime !== previous.runtime) outcome.runtimeChanged();

    const noticeKey = next.notice ?? "";
    if (noticeKey !== drawn.notice) {
      if (next.notice) find(linkNotice, "[data-notice-text]").textContent = next.notice;
      linkNotice.hidden = !next.notice;
      drawn.notice = noticeKey;
    }
    const whatIfKey = next.whatIf ? answersKey(next.whatIf.answers) : "";
    if (whatIfKey !== drawn.whatIf) {
      whatIf.show(next.whatIf ? next.whatIf.changes.map(({ question, answer }) => {
        const q = byId[question];
        return [q.summary, q.options?.find((o) => o.id === answer)?.label ?? String(answer)];
      }) : null);
      root.classList.toggle("lp-checklist--what-if", Boolean(next.whatIf));
      drawn.whatIf = whatIfKey;
    }

    moveFocus(next, nextId, !noOutcome && !stale && !drawn.error);
    writeAddress(next);
    afterPaint();
  }

  /** What an answer's effect does not wait for, done once it is on screen (after the next
   *  frame), for the state then: the rest of the outcome below "Do this now" (outcome-view's
   *  finish), Check your answers, the outcome's path on the decision map, further down the
   *  page, the request to the rules (its reply takes a worker's round trip anyway) and the
   *  download progress held meanwhile (onStatus). The page is busy until then. */
  function afterPaint() {
    if (laterDue) return;
    laterDue = true;
    markBusy();
    requestAnimationFrame(() => setTimeout(() => {
      laterDue = false;
      outcome.finish();
      if (drawn.answersDue) {
        drawn.answersDue = false;
        /** @type {any} the compiled rules' result for the user's answers (an outcome) */
        const mine = decideNow(data.compiled, state.answers);
        view.renderAnswers(mine, state.answers, outcome.roleLabel);
      }
      outcome.showPath(drawn.rule);
      askRules(state);
      if (heldProgress) onStatus(...heldProgress);
      markBusy();
    }));
  }

  function hideOutcome() {
    outcome.hide();
    view.hideAnswers();
    Object.assign(drawn, { outcome: "", complete: "", recommendation: null, error: false, rule: null,
      answersDue: false });
  }

  /** The state's focus intent, carried out once, in the next animation frame: moving focus and
   *  scrolling read the page's layout, so done in the answer's own event they forced the browser
   *  to lay the page out there and then, after the answer's changes (on a phone with the
   *  processor slowed 4 times, two thirds of an answer's work: 11 ms of 17). In the frame, the
   *  layout is the one the browser does anyway to show the change. The page is busy until then.
   *  If the user has moved focus themselves before that frame (a quick Tab on a slow phone), the
   *  page leaves it where they put it: taking it back would undo a keystroke by surprise.
   *  @param {State} next @param {string | null} nextId @param {boolean} outcomeShown */
  function moveFocus(next, nextId, outcomeShown) {
    const intent = next.focus;
    if (!intent || next.errors.length) return;
    cancelAnimationFrame(focusFrame); // a later intent replaces one not yet carried out
    const from = document.activeElement;
    focusFrame = requestAnimationFrame(() => {
      focusFrame = 0;
      markBusy();
      const now = document.activeElement;
      if (now === from || now === null || now === document.body) focusNow(intent, nextId, outcomeShown);
    });
    markBusy();
  }

  /** @param {NonNullable<State["focus"]>} intent @param {string | null} nextId
   *  @param {boolean} outcomeShown */
  function focusNow(intent, nextId, outcomeShown) {
    if (intent.to === "what-if") {
      whatIf.focus();
    } else if (intent.to === "return") {
      const change = intent.change;
      /** @type {HTMLElement | null} */
      const link = change && root.querySelector(
        `.lp-what-would-change [data-change="${CSS.escape(`${change.question}=${change.answer}`)}"] a`);
      const box = link?.closest("details");
      if (link && box) {
        box.open = true;
        link.focus();
      } else {
        outcome.focus();
      }
    } else if (outcomeShown && (intent.to === "outcome" || intent.to === "next")) {
      outcome.focus();
    } else if (intent.to === "next" && nextId && nextId !== intent.from) {
      view.focusLegend(nextId);
    }
  }

  /** The address follows the user's answers: a new history entry per answer (so Back undoes
   *  it), written just after the answer's effect is drawn (a new entry costs a slow phone more
   *  than the decision and the drawing together: 27 ms against about 25 ms, measured with the
   *  processor slowed 4 times). A what-if has an entry of its own at the same address (the
   *  user's answers), its changes in the entry's state, so Back returns to the user's answers
   *  and Forward to the what-if, as when these were plain links. @param {State} next */
  function writeAddress(next) {
    const how = next.address;
    if (how === "what-if" && next.whatIf) {
      const depth = (history.state?.lpWhatIf?.depth ?? 0) + 1;
      history.pushState({ lpWhatIf: { changes: next.whatIf.changes, depth } }, "", location.href);
    } else if (how === "replace") {
      history.replaceState(null, "", addressOf(state));
    } else if (how === "clear") {
      history.pushState(null, "", location.pathname);
    } else if (how === "push") {
      // The address of this answer's state, worked out when it is written, not in the answer.
      addressesToWrite += 1;
      markBusy();
      requestAnimationFrame(() => setTimeout(() => {
        history.pushState(null, "", addressOf(next));
        addressesToWrite -= 1;
        markBusy();
      }));
    }
  }

  // ---- the rules (Python, in the worker) -------------------------------------------------

  /** Ask the rules what the state needs, once per distinct request. @param {State} next */
  function askRules(next) {
    const wanted = request(next);
    if (!wanted) return;
    const key = wanted.type === "link"
      ? `link:${linkText(location.search, location.hash)}` : `evaluate:${wanted.key}`;
    if (key === sent) return;
    sent = key;
    asking = true;
    markBusy();
    rules.ask(JSON.stringify(wanted.type === "link"
      ? { type: "link", tool: data.tool, query: linkText(location.search, location.hash) }
      : { tool: data.tool, answers: wanted.answers, profile: data.profile, date: today(),
        page: location.origin + location.pathname }));
  }

  /** @param {"loading" | "ready" | "failed"} runtime @param {string} message
   *  @param {{start?: string, loaded?: number | null, total?: number | null,
   *    action?: "retry" | "reload"}} extra */
  function onStatus(runtime, message, extra) {
    if (runtime === state.runtime && runtime === "loading" && typeof extra.loaded === "number" && laterDue) {
      // A download's progress (its bytes so far, about once a second while Python loads) waits
      // until the answer's effect is on screen (afterPaint): drawn at once, its bar and count
      // were laid out and painted in the answer's own frame whenever one came in between.
      heldProgress = [runtime, message, extra];
      return;
    }
    heldProgress = null;
    showStatus(runtime, message, extra);
    if (runtime === state.runtime && runtime === "loading") return;
    if (runtime !== "loading") {
      sent = "";
      asking = false;
      markBusy();
    }
    dispatch({ type: runtime === "ready" ? "rules-ready" : runtime === "failed" ? "rules-failed" : "rules-loading" });
    if (runtime === "ready") keepForOffline();
  }

  /** @param {string} replyText */
  function onReply(replyText) {
    asking = false;
    markBusy();
    const reply = JSON.parse(replyText);
    const forLink = sent.startsWith("link:");
    const key = sent.slice(sent.indexOf(":") + 1);
    sent = ""; // answered: the same request may be needed again (a what-if reopened with Forward)
    if (reply.type === "link") {
      dispatch({ type: "rules-read-link", answers: reply.answers, recordedOutcome: reply.recorded_outcome,
        notice: reply.notice ?? null });
    } else if (reply.type === "result") {
      dispatch({ type: "full-outcome-arrived", key, result: reply.result, record: reply.record });
    } else if (reply.type === "invalid" && forLink) {
      dispatch({ type: "link-refused", errors: [invalidError(reply.field, questions, {}, words, reply.message)] });
    } else if (reply.type === "invalid") {
      const errors = [invalidError(reply.field, questions, shownAnswers(state), words, reply.message)];
      dispatch({ type: "rules-refused", key, errors });
    } else {
      hideOutcome();
      onStatus("failed", words.went_wrong, {});
    }
  }

  /** Ask the service worker (sw.js), if there is one, to keep the runtime for offline use. */
  function keepForOffline() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready
      .then((registration) => registration.active?.postMessage({ type: "cache-runtime" }))
      .catch(() => {});
  }

  // ---- DOM events -> events -------------------------------------------------------------

  /** Continue on a question: its choice takes effect, or GOV.UK's error when there is none.
   *  @param {string} qid */
  function continueFrom(qid) {
    const value = view.chosen(qid);
    if (value === null) {
      dispatch({ type: "continue-refused",
        errors: [{ question: qid, row: null, field: null, message: byId[qid].error }] });
      return;
    }
    dispatch({ type: "answer-confirmed", question: qid, value });
  }

  form.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (event.key !== "Enter" || !(target instanceof HTMLInputElement) || target.type !== "radio") return;
    event.preventDefault(); // Enter on an option continues, as a form's submit button would
    continueFrom(target.name);
  });
  form.addEventListener("change", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    early.length = 0; // the person is answering here now
    // A choice shows its question's Continue; it takes effect only there.
    if (target.matches("input[type=radio]")) view.openQuestion(target.name);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    // An option chosen again (the answer it has) still shows its question's Continue.
    if (target instanceof HTMLInputElement && target.type === "radio") view.openQuestion(target.name);
    const button = target.closest("button");
    if (!button) return;
    if (button.dataset.continue) continueFrom(button.dataset.continue);
  });

  // "What would change the outcome?": an alternative opens a what-if (outcome-view.js draws
  // its links, each in an item marked data-change="question=answer").
  root.addEventListener("click", (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest(".lp-what-would-change a");
    const change = link?.closest("[data-change]")?.getAttribute("data-change");
    if (!change) return;
    event.preventDefault();
    const at = change.indexOf("=");
    dispatch({ type: "what-if-opened", question: change.slice(0, at), answer: change.slice(at + 1) });
  });
  whatIf.back.addEventListener("click", () => {
    const depth = history.state?.lpWhatIf?.depth;
    if (depth) history.go(-depth); // popstate closes the what-if
    else dispatch({ type: "what-if-closed" });
  });

  find(root, "[data-start-again]").addEventListener("click", (/** @type {Event} */ event) => {
    event.preventDefault();
    dispatch({ type: "start-again" });
  });
  retryButton.addEventListener("click", () => {
    if (find(root, ".lp-retry-row").dataset.offer === "reload") location.reload();
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
      dispatch({ type: "link-refused", errors: [invalidError(reading.field, questions, {}, words, reading.message)] });
      return;
    }
    dispatch({ type: "link-read", answers: reading.answers, recordedOutcome: reading.recorded_outcome ?? null,
      hasText: text.length > 0, asItIs: readAsItIs(reading, data.link) });
  }

  // Back and Forward (and an address changed by hand) between the answers; a place on the page
  // (the decision table's "#decision-table") is a jump, not a change of answers.
  // A what-if's entry has the user's address and the what-if's changes in its history state.
  window.addEventListener("popstate", () => {
    if (isPlaceOnPage(location.hash)) return;
    if (`${location.pathname}${location.hash}` !== addressOf(state) || location.search) openAddress();
    const changes = history.state?.lpWhatIf?.changes;
    if (Array.isArray(changes)) dispatch({ type: "what-if-restored", changes });
    else if (state.whatIf) dispatch({ type: "what-if-closed" });
  });

  openAddress();
  rules.start(false);
  // While nobody has answered yet, the urgent outcome is laid out once, unseen, when the page is
  // first idle, so that the frame that shows it after "Yes" is not the renderer's first time
  // (outcome-view's rehearse); at the latest half a second after the start: on the slow phone a
  // page still loading had no idle moment in the 3 s before an answer in one cold visit of 3.
  // Not once an outcome is on screen (a share link's).
  const whenIdle = window.requestIdleCallback
    ?? ((/** @type {(deadline?: IdleDeadline) => void} */ then) => setTimeout(then, 0));
  whenIdle(() => {
    if (drawn.outcome) return;
    const urgent = urgentExample(data.compiled);
    if (urgent) outcome.rehearse(urgent);
  }, { timeout: 500 });
  // Then, in idle moments only, the outcomes nearest the start are decided and their first parts
  // made (outcome-view's prepare), so that an answer that first shows one copies them: on a slow
  // phone the first answers come while Python loads, and making an outcome's parts, with the
  // compiled rules' and the outcome's code run for the first time, was the dearest part of them.
  // A step at a time, each only while the moment lasts (without requestIdleCallback, one per
  // task), so an answer never waits for more than one.
  const near = nearOutcomes(data.compiled, NEAR_OUTCOMES);
  /** @param {IdleDeadline} [deadline] */
  function prepareNear(deadline) {
    for (let steps = 0; deadline ? deadline.timeRemaining() > 2 : steps < 1; steps += 1) {
      const { value, done } = near.next();
      if (done) return;
      if (value.result.status === "complete") outcome.prepare(value.result);
    }
    whenIdle(prepareNear);
  }
  whenIdle(prepareNear);
  // Started: the checklist's modules all arrived and run. The page's inline watchdog
  // (tools/sitegen/checklist_watchdog.js) says the checklist could not start if this never comes.
  root.dataset.started = "true";
}
