//# allFunctionsCalledOnLoad
// @ts-check
// The checklist page's state, and the only way it changes: `reduce(state, event) -> state`.
//
// Pure: no DOM and no globals, so every move the page can make (an answer confirmed with
// Continue, a link read, Back or Forward, the rules loading or failing, Python's full outcome
// arriving, a what-if opened and closed, Start again) is a unit test under `node --test`
// (tests/js/state.test.mjs). The entry module (checklist.js) turns DOM events into these events
// and draws each new state with the views; what the page should do once (move focus, write the
// address, ask the rules) is written into the state as an intent (`focus`, `address`) that lasts
// for one event only, or derived from it (`request`).
//
// Two sets of answers, never mixed: `answers` are the user's own, confirmed one question at a
// time (a link is a set of answers already confirmed); a what-if (`whatIf`) shows the outcome
// for other answers without touching them, so the address, the record, Copy and Download always
// carry the user's answers.

/**
 * @typedef {Record<string, any>} Answers  question id -> option id, or rows for "candidates"
 * @typedef {"loading" | "ready" | "failed"} Runtime
 * @typedef {{question: string | null, row: number | null, field: string | null, message: string}} FieldError
 * @typedef {{key: string, result: any}} Full  Python's full outcome, and the answers it is for
 * @typedef {{question: string, answer: string}} Change
 * @typedef {{answers: Answers, changes: Change[], full: Full | null}} WhatIf
 * @typedef {null | {to: "next", from: string | null} | {to: "outcome"} | {to: "what-if"}
 *   | {to: "return", change: Change | null}} Focus
 *   "next": on from question `from` (null: from the start) to the next question's legend, or to
 *   the outcome's heading when the answers are complete; "outcome": the outcome's heading if an
 *   outcome shows; "what-if": the what-if notice; "return": back from a what-if, to the link
 *   that opened it
 * @typedef {null | "push" | "replace" | "clear" | "what-if"} Address  how the address follows
 *   the answers: a new history entry (Back undoes it), the same entry, a new entry with no
 *   answers, or a what-if's own entry (the user's address, the what-if's changes with it)
 * @typedef {{
 *   answers: Answers, recordedOutcome: string | null,
 *   linkUnread: boolean, linkAsItIs: boolean, notice: string | null,
 *   runtime: Runtime, full: Full | null, record: string,
 *   whatIf: WhatIf | null, errors: FieldError[], refused: boolean,
 *   practitionersEdited: boolean, focus: Focus, address: Address, version: number,
 * }} State
 * `version` counts changes of the user's answers (the form is filled again when it moves);
 * `refused`: the errors are the rules' refusal of the answers, and no outcome shows.
 */

/** A key for a set of answers, the same whatever order they were written in.
 *  @param {Answers} answers */
export function answersKey(answers) {
  return JSON.stringify(Object.keys(answers).sort().map((k) => [k, answers[k]]));
}

/** Whether two answers to one question are the same (an option id, or practitioners' rows).
 *  @param {any} a @param {any} b */
function sameAnswer(a, b) {
  // An option id is the same option exactly when it is the same text (written out as a key,
  // text is compared as it is); only practitioners' rows need the key.
  if (typeof a === "string" && typeof b === "string") return a === b;
  return answersKey({ v: a }) === answersKey({ v: b });
}

/** The state as the page opens, before the address is read.
 *  @param {{runtime?: Runtime}} [options] @returns {State} */
export function initial({ runtime = "loading" } = {}) {
  return {
    answers: {}, recordedOutcome: null, linkUnread: false, linkAsItIs: true, notice: null,
    runtime, full: null, record: "", whatIf: null, errors: [], refused: false,
    practitionersEdited: false, focus: null, address: null, version: 0,
  };
}

/** The answers whose outcome shows: the what-if's while one is open, else the user's.
 *  @param {State} state */
export function shownAnswers(state) {
  return state.whatIf ? state.whatIf.answers : state.answers;
}

/** Python's full outcome for the answers shown, if it has arrived. @param {State} state */
export function shownFull(state) {
  return state.whatIf ? state.whatIf.full : state.full;
}

/** What the rules (Python) should be asked now, or null: read the opened link first (for what
 *  the page should say about it), else the full outcome for the answers shown. Asked once per
 *  distinct request: the entry module sends it when it differs from the last one sent.
 *  @param {State} state
 *  @returns {null | {type: "link"} | {type: "evaluate", answers: Answers, key: string}} */
export function request(state) {
  if (state.runtime !== "ready" || state.refused) return null;
  if (state.linkUnread) return { type: "link" };
  const answers = shownAnswers(state);
  if (shownFull(state)) return null;
  return { type: "evaluate", answers, key: answersKey(answers) };
}

/** The answers the user confirmed, and what follows from new answers: no record or full outcome
 *  for them yet, no what-if, no errors.
 *  @param {State} state @param {Answers} answers @param {Partial<State>} more @returns {State} */
function withAnswers(state, answers, more) {
  return {
    ...state, answers, recordedOutcome: null, full: null, record: "", whatIf: null, errors: [],
    refused: false, practitionersEdited: false, version: state.version + 1, ...more,
  };
}

/** Focus for an outcome the page held back until the rules had read an older or oddly written
 *  link: to the outcome once it shows, as for any link. @param {State} state @returns {Focus} */
function withheld(state) {
  return state.linkUnread && !state.linkAsItIs ? { to: "outcome" } : null;
}

/** The changes from the user's answers to a what-if's, in asking order of their keys.
 *  @param {Answers} mine @param {Answers} other @returns {Change[]} */
function changesBetween(mine, other) {
  return Object.keys(other)
    .filter((k) => !sameAnswer(mine[k], other[k]))
    .map((k) => ({ question: k, answer: other[k] }));
}

/**
 * @typedef {{type: "link-read", answers: Answers, recordedOutcome: string | null,
 *     hasText: boolean, asItIs: boolean}
 *   | {type: "link-refused", errors: FieldError[]}
 *   | {type: "answer-confirmed", question: string, value: any}
 *   | {type: "continue-refused", errors: FieldError[]}
 *   | {type: "practitioners-edited"} | {type: "errors-dismissed"}
 *   | {type: "rules-loading"} | {type: "rules-ready"} | {type: "rules-failed"}
 *   | {type: "rules-read-link", answers: Answers, recordedOutcome: string | null, notice: string | null}
 *   | {type: "full-outcome-arrived", key: string, result: any, record: string}
 *   | {type: "rules-refused", key: string, errors: FieldError[]}
 *   | {type: "what-if-opened", question: string, answer: string}
 *   | {type: "what-if-restored", changes: Change[]}
 *   | {type: "what-if-closed"}
 *   | {type: "start-again"}} Event
 * "practitioners-edited": the practitioner editor's list changed (a practitioner saved or
 * removed): not yet the answer, until "Use these practitioners" confirms it;
 * "errors-dismissed": the editor closed without saving, so its errors go (a refusal of the answers
 * stays: it is about the answers, not the editor).
 * "what-if-opened": an alternative from "what would change it", from the outcome shown;
 * "what-if-restored": Back or Forward to a what-if's history entry, by its changes.
 * "link-read": the address read by the page's reader (links.js), as the page opens or as Back
 * and Forward return to an entry; "rules-read-link": the rules' own reading of it;
 * "link-refused": the page's reader or the rules refused the link as a whole; "rules-refused":
 * the rules refused the answers shown (`key`: which answers).
 */

/** The next state. Pure: the same state and event always give the same state.
 *  @param {State} previous @param {Event} event @returns {State} */
export function reduce(previous, event) {
  /** @type {State} */
  const state = { ...previous, focus: null, address: null };
  switch (event.type) {
    case "link-read":
      return withAnswers(state, event.answers, {
        recordedOutcome: event.recordedOutcome, notice: null,
        linkUnread: event.hasText, linkAsItIs: event.asItIs, focus: { to: "outcome" },
      });
    case "link-refused":
      // None of the link is kept (the form never shows an answer the rules did not accept),
      // and the errors ask for the questions to be answered.
      return withAnswers(state, {}, {
        linkUnread: false, linkAsItIs: true, refused: true, errors: event.errors,
      });
    case "answer-confirmed": {
      if (sameAnswer(state.answers[event.question], event.value)) {
        // The answer it had: nothing changes (practitioners edited back to the list they were
        // are that list again), and the user moves on.
        return {
          ...state, errors: [], whatIf: null, practitionersEdited: false,
          focus: { to: "next", from: event.question },
        };
      }
      const answers = { ...state.answers, [event.question]: event.value };
      return withAnswers(state, answers, {
        linkUnread: false, linkAsItIs: true, focus: { to: "next", from: event.question }, address: "push",
      });
    }
    case "continue-refused":
      return { ...state, errors: event.errors, refused: false };
    case "practitioners-edited":
      return { ...state, practitionersEdited: true, whatIf: null, errors: state.refused ? state.errors : [] };
    case "errors-dismissed":
      return state.refused ? state : { ...state, errors: [] };
    case "rules-loading":
      return { ...state, runtime: "loading" };
    case "rules-ready":
      return { ...state, runtime: "ready" };
    case "rules-failed":
      // Python will not read the link: the page's own reading (equal to the rules') stands, and
      // an outcome held back until the rules had read it shows now.
      return { ...state, runtime: "failed", linkUnread: false, linkAsItIs: true, focus: withheld(state) };
    case "rules-read-link": {
      const same = answersKey(event.answers) === answersKey(state.answers);
      const next = same ? { ...state, full: null, record: "", whatIf: null }
        : withAnswers(state, event.answers, {});
      return {
        ...next, linkUnread: false, linkAsItIs: true, recordedOutcome: event.recordedOutcome,
        notice: event.notice ?? state.notice, address: "replace", focus: withheld(state),
      };
    }
    case "full-outcome-arrived": {
      // A reply for answers no longer shown (the user moved on, or left a what-if) is dropped.
      if (state.whatIf) {
        if (event.key !== answersKey(state.whatIf.answers)) return state;
        return { ...state, whatIf: { ...state.whatIf, full: { key: event.key, result: event.result } } };
      }
      if (event.key !== answersKey(state.answers)) return state;
      return { ...state, full: { key: event.key, result: event.result }, record: event.record };
    }
    case "rules-refused": {
      if (event.key !== answersKey(shownAnswers(state))) return state;
      if (state.whatIf) return { ...state, whatIf: null };
      return { ...state, errors: event.errors, refused: true };
    }
    case "what-if-opened": {
      const answers = { ...shownAnswers(state), [event.question]: event.answer };
      const changes = changesBetween(state.answers, answers);
      if (!changes.length) return { ...state, whatIf: null };
      // Its own history entry, at the user's address: Back returns to their answers.
      return { ...state, whatIf: { answers, changes, full: null }, focus: { to: "what-if" }, address: "what-if" };
    }
    case "what-if-restored": {
      // Back or Forward to a what-if's history entry: the same changes to the user's answers.
      const answers = { ...state.answers };
      for (const c of event.changes) answers[c.question] = c.answer;
      const changes = changesBetween(state.answers, answers);
      if (!changes.length) return { ...state, whatIf: null };
      if (state.whatIf && answersKey(state.whatIf.answers) === answersKey(answers)) return state;
      return { ...state, whatIf: { answers, changes, full: null }, focus: { to: "what-if" } };
    }
    case "what-if-closed": {
      if (!state.whatIf) return state;
      return { ...state, whatIf: null, focus: { to: "return", change: state.whatIf.changes[0] ?? null } };
    }
    case "start-again":
      return {
        ...withAnswers(state, {}, {}), linkUnread: false, linkAsItIs: true, notice: null,
        focus: { to: "next", from: null }, address: "clear",
      };
    default:
      return state;
  }
}
