//# allFunctionsCalledOnLoad
// @ts-check
// The checklist's form: which questions show, "Question N of up to M", each question's Continue
// (GOV.UK's question pattern: a choice takes effect when the user continues), the practitioner
// editor (practitioners-view.js), Check your answers, and errors (GOV.UK's error summary and error messages). It reads and writes
// the DOM the build generated (tools/sitegen/checklist_html.py); every text goes in with
// textContent, so nothing from the address is ever inserted as HTML.

import { fill, isAnswered, notNeeded, progress, visibleQuestions } from "./core.js";
import { find, make } from "./dom.js";
import { createPractitionersEditor } from "./practitioners-view.js";

/** @typedef {import("./core.js").Question} Question */
/** @typedef {import("./core.js").Answers} Answers */
/** @typedef {import("./core.js").Progress} Progress */
/** @typedef {import("./core.js").FieldError} FieldError */
/** @typedef {import("./core.js").Row} Row */
/** @typedef {import("./core.js").Words} Words */
/** @typedef {import("./state.js").Event} StateEvent */

/** What the form view last wrote to a question's parts that showQuestions sets (undefined:
 *  nothing yet, so the page is read): an answer compares with these plain values instead of
 *  reading the page's elements back (six reads per question, every question, every answer). A
 *  write to one of these parts anywhere in this view records what it wrote.
 * @typedef {{shown?: boolean, notNeeded?: boolean, collapsedAnswer?: string, collapsed?: boolean,
 *   continueShown?: boolean, caption?: string}} Written */

/** Hide or show an element, writing the page only if that changes it.
 *  @param {HTMLElement} element @param {boolean} hidden @param {boolean | undefined} was */
function setHidden(element, hidden, was = element.hidden) {
  if (was !== hidden) element.hidden = hidden;
}

/** Set an element's text, writing the page only if that changes it.
 *  @param {HTMLElement} element @param {string} text @param {string | undefined} was */
function setText(element, text, was = element.textContent ?? "") {
  if (was !== text) element.textContent = text;
}

// Every scroll here is instant (the browser's "auto"; neither the theme nor checklist.css sets
// scroll-behavior), never smooth: a smooth scroll moves the page in every frame for a few hundred
// milliseconds, and at every step the theme's scroll handler (Material's viewport$, for
// toc.follow and navigation.top) reads the scroll position and so lays the page out there and
// then. After an answer, that scroll was still running when the next answer came, and its forced
// layout fell in the next answer's frame: on the slow phone (processor 4 times slower), 6-27 ms
// of main-thread time in about half the answers' painted frames (traced 2026-12-07, load 10-14
// on 2 CPUs). An instant scroll gives one scroll event, dispatched in the frame after the
// answer's.

/**
 * The form view of one checklist. `dispatch` takes the practitioner editor's events (the editor
 * handles its own buttons and radios: practitioners-view.js).
 * @param {{root: HTMLElement, questions: Question[], byId: Record<string, Question>,
 *   words: Words, dispatch: (event: StateEvent) => void}} ctx
 */
export function createFormView({ root, questions, byId, words, dispatch }) {
  /** @type {HTMLFormElement} */
  const form = find(root, ".lp-form");
  /** @type {HTMLElement} */
  const errorSummary = find(root, ".lp-error-summary");
  /** @type {HTMLElement} */
  const answersEl = find(root, ".lp-answers");
  /** Questions whose Continue shows besides the next one: a choice not yet confirmed, or a
   *  question the user returned to with Change. */
  const open = new Set();

  /** Each question's fieldset, found once (an answer's work looks them up by the dozen).
   *  @type {Map<string, HTMLFieldSetElement>} */
  const fieldsets = new Map(questions.map((q) => [q.id, find(form, `[data-question="${CSS.escape(q.id)}"]`)]));

  /** @param {string} qid @returns {HTMLFieldSetElement} */
  function fieldset(qid) {
    return fieldsets.get(qid) ?? find(form, `[data-question="${CSS.escape(qid)}"]`);
  }

  // Each choice question's Continue, under its options (the practitioners have their own,
  // "Use these practitioners"). Made here: without the script the form is not used.
  for (const q of questions) {
    if (q.kind === "candidates") continue;
    const row = make("div", "lp-continue-row");
    row.hidden = true;
    const button = make("button", "lp-button lp-continue", words.continue);
    button.type = "button";
    button.dataset.continue = q.id;
    row.append(button);
    fieldset(q.id).append(row);
  }


  /** The parts of each question that showQuestions sets, and a choice question's options
   *  (fillChoices), found once: the build made them and the page never replaces them. */
  const parts = new Map(questions.map((q) => {
    const fs = fieldset(q.id);
    const notNeededRow = find(fs, ".lp-not-needed");
    const radios = q.kind === "candidates" ? []
      : [.../** @type {NodeListOf<HTMLInputElement>} */ (fs.querySelectorAll(`input[name="${CSS.escape(q.id)}"]`))];
    return [q.id, {
      fs, notNeededRow, radios,
      /** @type {HTMLElement} */ collapsedAnswer: find(notNeededRow, "[data-collapsed-answer]"),
      /** @type {HTMLElement} */ expand: find(notNeededRow, "[data-expand]"),
      /** @type {HTMLElement | null} */ continueRow: fs.querySelector(".lp-continue-row"),
      /** @type {HTMLElement} */ caption: find(fs, "[data-progress]"),
      /** @type {Written} */ written: {},
    }];
  }));

  /** @param {string} qid */
  function partsOf(qid) {
    const found = parts.get(qid);
    if (!found) throw new Error(`checklist: no question ${qid}`);
    return found;
  }

  const candidatesQ = questions.find((q) => q.kind === "candidates");
  const practitioners = candidatesQ
    ? createPractitionersEditor({ fieldset: fieldset(candidatesQ.id), question: candidatesQ, dispatch })
    : null;

  /** The choices shown as the confirmed answers (a choice not confirmed with Continue is not
   *  kept once another answer is), leaving the practitioner editor as it is. Only an open
   *  question can show a choice other than its answer (a choice opens its question: the form's
   *  change event), so only those are looked at, not every option of every question.
   *  @param {Answers} answers */
  function fillChoices(answers) {
    for (const qid of open) check(qid, answers[qid]);
    open.clear();
  }

  /** A choice question's options as its answer has them, each changed only if it differs.
   *  @param {string} qid @param {unknown} answer */
  function check(qid, answer) {
    for (const radio of partsOf(qid).radios) {
      const checked = radio.value === answer;
      if (radio.checked !== checked) radio.checked = checked;
    }
  }

  /** The option chosen in a choice question now (confirmed or not), or null: from its options
   *  found once, not a search of the form at every Continue. @param {string} qid */
  function chosen(qid) {
    return partsOf(qid).radios.find((radio) => radio.checked)?.value ?? null;
  }

  /** Show a question's Continue (a choice made, or the question returned to with Change).
   *  @param {string} qid */
  function openQuestion(qid) {
    open.add(qid);
    const { continueRow, written } = partsOf(qid);
    if (continueRow) continueRow.hidden = false;
    written.continueShown = true;
  }

  /** @param {Answers} answers */
  function fillForm(answers) {
    open.clear();
    for (const q of questions) {
      if (q.kind === "candidates") {
        practitioners?.fill(Array.isArray(answers[q.id]) ? answers[q.id] : []);
        continue;
      }
      check(q.id, answers[q.id]);
    }
  }

  /**
   * Show the answered questions and the next one (never hide an answer: it would vanish from
   * under the user), mark the answers the rules no longer need, and caption the next question
   * "Question N of up to M". Only what differs from the page is written: an answer changes one
   * or two questions (the next one shown, one collapsed), and on a slow phone rewriting all of
   * them was most of an answer's work.
   * @param {Answers} answers @param {Progress | null} result null before the rules answer
   * @param {string | null} next
   */
  function showQuestions(answers, result, next) {
    const visible = visibleQuestions(questions, answers, result);
    const unneeded = result ? notNeeded(questions, answers, result) : new Set();
    for (const q of questions) {
      const { fs, notNeededRow, collapsedAnswer, expand, continueRow, caption, written } = partsOf(q.id);
      const shown = visible.has(q.id);
      setHidden(fs, !shown, written.shown === undefined ? undefined : !written.shown);
      written.shown = shown;
      const notNeededHere = unneeded.has(q.id);
      if (!notNeededHere) expanded.delete(q.id);
      const collapse = notNeededHere && !expanded.has(q.id);
      setHidden(notNeededRow, !notNeededHere,
        written.notNeeded === undefined ? undefined : !written.notNeeded);
      written.notNeeded = notNeededHere;
      const answer = collapse ? answerText(q, answers) : "";
      setText(collapsedAnswer, answer, written.collapsedAnswer);
      written.collapsedAnswer = answer;
      if (collapse !== (written.collapsed ?? fs.classList.contains("lp-question--collapsed"))) {
        const hadFocus = collapse && fs.contains(document.activeElement) &&
          !notNeededRow.contains(document.activeElement);
        fs.classList.toggle("lp-question--collapsed", collapse);
        if (hadFocus) expand.focus(); // focus never falls to the page
      }
      written.collapsed = collapse;
      if (continueRow) {
        const continueShown = (q.id === next || open.has(q.id)) && !collapse;
        setHidden(continueRow, !continueShown,
          written.continueShown === undefined ? undefined : !written.continueShown);
        written.continueShown = continueShown;
      }
      let text = "";
      if (q.id === next) {
        const { n, m } = progress(questions, answers, result, q.id, unneeded);
        text = fill(n === m ? words.question_of : words.question_of_up_to, { n: String(n), m: String(m) });
      }
      setText(caption, text, written.caption);
      written.caption = text;
    }
  }

  /** The answer given to a question, in words. @param {Question} q @param {Answers} answers */
  function answerText(q, answers) {
    if (q.kind === "candidates") {
      const count = answers[q.id].length;
      return count === 1 ? words.one_listed : fill(words.many_listed, { count: String(count) });
    }
    return q.options?.find((o) => o.id === answers[q.id])?.label ?? answers[q.id];
  }

  /** Questions the user opened again with Change, though the outcome does not need them. */
  const expanded = new Set();
  form.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("[data-expand]");
    const fs = button?.closest("fieldset");
    if (!fs) return;
    expanded.add(fs.dataset.question);
    fs.classList.remove("lp-question--collapsed");
    const { collapsedAnswer, written } = partsOf(fs.dataset.question ?? "");
    collapsedAnswer.textContent = "";
    Object.assign(written, { collapsed: false, collapsedAnswer: "" });
    focusQuestion(fs.dataset.question ?? "");
    if (byId[fs.dataset.question ?? ""]?.kind !== "candidates") openQuestion(fs.dataset.question ?? "");
  });

  /** A question's fieldset, shown (to move focus into it, or mark an error on it).
   *  @param {string} qid */
  function shownFieldset(qid) {
    const fs = fieldset(qid);
    fs.hidden = false;
    const found = parts.get(qid);
    if (found) found.written.shown = true;
    return fs;
  }

  /** Move focus to a question's legend, scrolled to the top of the viewport (below the
   *  site's sticky header: the fieldset's scroll-margin-top). @param {string} qid */
  function focusLegend(qid) {
    const fs = shownFieldset(qid);
    const legend = find(fs, "legend");
    fs.scrollIntoView({ block: "start" });
    legend.focus({ preventScroll: true });
  }

  /** Move focus to a question's answer (its chosen option, or its first control).
   *  @param {string} qid */
  function focusQuestion(qid) {
    const fs = shownFieldset(qid);
    /** @type {HTMLElement | null} */
    const target = byId[qid]?.kind === "candidates" ? practitioners?.firstControl() ?? null
      : fs.querySelector("input:checked") || fs.querySelector("input");
    fs.scrollIntoView({ block: "start" });
    target?.focus({ preventScroll: true });
  }

  // ---- errors (GOV.UK: a summary linking to each field, the message on the field) -----------

  function clearErrors() {
    // The summary is an alert: touched while there is nothing to clear, a screen reader says
    // "There is a problem" after every answer. So only a summary in use is emptied and hidden.
    const list = find(errorSummary, ".lp-error-list");
    if (!errorSummary.hidden || list.childElementCount) {
      errorSummary.hidden = true;
      list.replaceChildren();
    }
    form.querySelectorAll(".lp-field-error").forEach((p) => {
      /** @type {HTMLElement} */ (p).hidden = true;
      p.textContent = "";
    });
    form.querySelectorAll(".lp-question--error, .lp-field--error").forEach((f) =>
      f.classList.remove("lp-question--error", "lp-field--error"));
    form.querySelectorAll("[aria-invalid]").forEach((f) => f.removeAttribute("aria-invalid"));
    form.querySelectorAll("[data-error-described]").forEach((f) => {
      const ids = (f.getAttribute("aria-describedby") ?? "").split(" ")
        .filter((id) => id && id !== f.getAttribute("data-error-described"));
      if (ids.length) f.setAttribute("aria-describedby", ids.join(" "));
      else f.removeAttribute("aria-describedby");
      f.removeAttribute("data-error-described");
    });
  }

  /** Tie an error message to the element a screen reader announces it with.
   *  @param {Element} target @param {HTMLElement} message */
  function describe(target, message) {
    const ids = (target.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    target.setAttribute("aria-describedby", [...ids, message.id].join(" "));
    target.setAttribute("data-error-described", message.id);
  }

  /** @param {HTMLElement} p @param {string} text */
  function setMessage(p, text) {
    p.textContent = text;
    p.hidden = false;
  }

  /** Where an error's link goes, and the message shown on the field.
   *  @param {FieldError} error @returns {HTMLElement | null} the control to focus */
  function markField(error) {
    if (!error.question) return null;
    const fs = shownFieldset(error.question);
    const field = practitioners?.fieldFor(error);
    if (field) {
      // GOV.UK's radios with an error: the message under the legend, tied to the fieldset.
      setMessage(field.message, error.message);
      field.group.classList.add("lp-field--error");
      describe(field.box, field.message);
      return field.control;
    }
    fs.classList.add("lp-question--error");
    const p = find(fs, `#${CSS.escape(error.question)}-error`);
    // One message per question: the first error for it (further rows have their own fields).
    if (p.hidden) setMessage(p, error.message);
    if (!fs.hasAttribute("data-error-described")) describe(fs, p);
    return byId[error.question].kind === "candidates" ? practitioners?.firstControl() ?? null
      : fs.querySelector("input");
  }

  /** Show errors GOV.UK's way and move focus to the summary. @param {FieldError[]} errors */
  function showErrors(errors) {
    clearErrors();
    const list = find(errorSummary, ".lp-error-list");
    for (const error of errors) {
      const target = markField(error);
      const item = make("li");
      if (target) {
        const link = make("a", "", error.message);
        link.setAttribute("href", `#${target.id || fieldset(error.question ?? "").id}`);
        link.addEventListener("click", (event) => {
          event.preventDefault();
          target.closest("fieldset")?.scrollIntoView({ block: "start" });
          target.focus({ preventScroll: true });
        });
        item.append(link);
      } else {
        item.textContent = error.message;
      }
      list.append(item);
    }
    errorSummary.hidden = false;
    errorSummary.scrollIntoView({ block: "start" });
    errorSummary.focus({ preventScroll: true });
  }

  // ---- Check your answers ---------------------------------------------------------------

  /**
   * Every answer given, in asking order, each with a Change link to its question; answers this
   * outcome did not use are kept and marked "not needed for this outcome".
   * @param {Progress} result @param {Answers} answers @param {(role: string) => string} roleLabel
   */
  function renderAnswers(result, answers, roleLabel) {
    const list = find(answersEl, ".lp-summary-list");
    list.replaceChildren();
    const unneeded = notNeeded(questions, answers, result);
    for (const q of questions) {
      if (!isAnswered(q, answers)) continue;
      const row = make("div", "lp-summary-row");
      row.dataset.question = q.id;
      let value;
      if (q.kind === "candidates") {
        /** @type {Row[]} */
        const listed = answers[q.id];
        value = listed.length
          ? listed.map((c) => roleLabel(c[q.role_field ?? ""])).join(", ")
          : words.none_listed;
      } else {
        value = q.options?.find((o) => o.id === answers[q.id])?.label ?? answers[q.id];
      }
      const dd = make("dd", "", value);
      if (unneeded.has(q.id)) {
        row.classList.add("lp-summary-row--not-needed");
        row.dataset.notNeeded = "true";
        dd.append(make("span", "lp-not-needed-tag", words.not_needed));
      }
      const change = make("a", "lp-change", words.change);
      change.setAttribute("href", `#q-${q.id}`);
      change.append(make("span", "lp-visually-hidden", ` ${q.summary.toLowerCase()}`));
      change.addEventListener("click", (event) => {
        // Back to the question, its answer kept: it changes only when the user continues.
        event.preventDefault();
        focusQuestion(q.id);
        if (q.kind !== "candidates") openQuestion(q.id);
      });
      const action = make("dd", "lp-summary-action");
      action.append(change);
      row.append(make("dt", "", q.summary), dd, action);
      list.append(row);
    }
    answersEl.hidden = false;
  }

  function hideAnswers() {
    answersEl.hidden = true;
  }

  return {
    form,
    fieldset,
    fillForm,
    fillChoices,
    chosen,
    openQuestion,
    showQuestions,
    focusLegend,
    focusQuestion,
    clearErrors,
    showErrors,
    renderAnswers,
    hideAnswers,
  };
}
