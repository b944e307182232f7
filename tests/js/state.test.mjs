// Unit tests for the checklist page's state machine (docs/assets/js/checklist/state.js), run by
// `node --test tests/js/` (make jscheck). Written from the page's contract (issues 20 and 21):
// an answer takes effect when confirmed; a link is a set of confirmed answers; Python's full
// outcome completes only the answers it was asked about; a what-if never touches the user's
// answers, address or record.

import assert from "node:assert/strict";
import { test } from "node:test";

import { answersKey, initial, reduce, request, shownAnswers, shownFull } from "../../docs/assets/js/checklist/state.js";

/** Run events from a state. @param {any} state @param {any[]} events */
const run = (state, events) => events.reduce(reduce, state);
const confirm = (question, value) => ({ type: "answer-confirmed", question, value });
const ready = { type: "rules-ready" };
const link = (answers, asItIs = true) =>
  ({ type: "link-read", answers, recordedOutcome: null, hasText: true, asItIs });
const full = (answers, recommendation = "cover_absence") =>
  ({ type: "full-outcome-arrived", key: answersKey(answers), result: { status: "complete", recommendation },
    record: `record for ${JSON.stringify(answers)}` });
const USER = { harm: "no", safety: "no", event: "absence_short" };
/** A link opened, the rules ready and their reading of it the page's. @param {any} answers */
const opened = (answers) => [link(answers), ready,
  { type: "rules-read-link", answers, recordedOutcome: null, notice: null }];

test("reduce is pure: the state it is given is never changed", () => {
  const before = run(initial(), [ready, confirm("harm", "no")]);
  const copy = structuredClone(before);
  reduce(before, confirm("safety", "no"));
  reduce(before, { type: "what-if-opened", question: "harm", answer: "yes" });
  assert.deepEqual(before, copy);
});

test("an answer confirmed is kept, makes a history entry and moves focus on from its question", () => {
  const s = reduce(initial(), confirm("harm", "no"));
  assert.deepEqual(s.answers, { harm: "no" });
  assert.equal(s.address, "push");
  assert.deepEqual(s.focus, { to: "next", from: "harm" });
});

test("intents last one event: the next event does not move focus or write the address again", () => {
  const s = run(initial(), [confirm("harm", "no"), ready]);
  assert.equal(s.focus, null);
  assert.equal(s.address, null);
});

test("confirming the answer a question already has moves on without a new history entry", () => {
  const s = run(initial(), [confirm("harm", "no"), confirm("harm", "no")]);
  assert.equal(s.address, null);
  assert.deepEqual(s.focus, { to: "next", from: "harm" });
  assert.equal(s.version, 1);
});

test("Continue with nothing chosen: the errors, and the answers as they were", () => {
  const error = { question: "safety", row: null, field: null, message: "Select whether…" };
  const s = run(initial(), [confirm("harm", "no"), { type: "continue-refused", errors: [error] }]);
  assert.deepEqual(s.errors, [error]);
  assert.deepEqual(s.answers, { harm: "no" });
  assert.equal(s.refused, false);
  assert.deepEqual(reduce(s, confirm("safety", "no")).errors, []);
});

test("a link is a set of confirmed answers: no history entry, focus to its outcome", () => {
  const s = reduce(initial(), link(USER));
  assert.deepEqual(s.answers, USER);
  assert.equal(s.address, null);
  assert.deepEqual(s.focus, { to: "outcome" });
  assert.equal(s.linkUnread, true);
});

test("the rules are asked to read a link before its full outcome, and only when ready", () => {
  let s = reduce(initial(), link(USER));
  assert.equal(request(s), null); // Python still loading
  s = reduce(s, ready);
  assert.deepEqual(request(s), { type: "link" });
  s = reduce(s, { type: "rules-read-link", answers: USER, recordedOutcome: null, notice: null });
  assert.deepEqual(request(s), { type: "evaluate", answers: USER, key: answersKey(USER) });
  assert.equal(s.address, "replace");
  assert.equal(s.version, 1, "the rules read what the page read: the form is not filled again");
});

test("the rules reading an older link otherwise: their answers, their notice, the form refilled", () => {
  const migrated = { ...USER, event: "absence_long" };
  const s = run(initial(), [link(USER, false), ready,
    { type: "rules-read-link", answers: migrated, recordedOutcome: null, notice: "An older link" }]);
  assert.deepEqual(s.answers, migrated);
  assert.equal(s.notice, "An older link");
  assert.equal(s.version, 2);
  assert.deepEqual(s.focus, { to: "outcome" }, "the outcome held back for the rules now shows");
});

test("the rules failing: the page's own reading of a link stands, and nothing is asked", () => {
  const s = run(initial(), [link(USER, false), { type: "rules-failed" }]);
  assert.equal(s.linkUnread, false);
  assert.equal(s.linkAsItIs, true);
  assert.equal(request(s), null);
  assert.deepEqual(s.focus, { to: "outcome" });
});

test("a link refused as a whole keeps none of it", () => {
  const error = { question: null, row: null, field: null, message: "This link could not be read" };
  const s = run(initial(), [confirm("harm", "no"), { type: "link-refused", errors: [error] }]);
  assert.deepEqual(s.answers, {});
  assert.equal(s.refused, true);
  assert.equal(request(reduce(s, ready)), null);
});

test("Back and Forward read the address again: another entry's answers, no what-if", () => {
  const s = run(initial(), [link(USER), ready, full(USER),
    { type: "what-if-opened", question: "harm", answer: "yes" }, link({ harm: "no" })]);
  assert.deepEqual(s.answers, { harm: "no" });
  assert.equal(s.whatIf, null);
  assert.equal(s.full, null);
  assert.equal(s.record, "");
});

test("Python's full outcome completes only the answers it was asked about", () => {
  let s = run(initial(), opened(USER));
  s = reduce(s, full({ harm: "no" })); // a reply for answers since changed
  assert.equal(s.full, null);
  s = reduce(s, full(USER));
  assert.equal(s.full?.result.recommendation, "cover_absence");
  assert.equal(s.record, `record for ${JSON.stringify(USER)}`);
  assert.equal(request(s), null, "nothing more to ask");
});

test("a new answer drops the old full outcome and record (they were for other answers)", () => {
  const s = run(initial(), [...opened(USER), full(USER), confirm("event", "needs_met")]);
  assert.equal(s.full, null);
  assert.equal(s.record, "");
  assert.equal(s.recordedOutcome, null);
});

test("what-if: the outcome shown is the alternative's, the user's answers and record stay", () => {
  let s = run(initial(), [...opened(USER), full(USER)]);
  s = reduce(s, { type: "what-if-opened", question: "event", answer: "needs_met" });
  const alternative = { ...USER, event: "needs_met" };
  assert.deepEqual(shownAnswers(s), alternative);
  assert.deepEqual(s.answers, USER);
  assert.deepEqual(s.whatIf?.changes, [{ question: "event", answer: "needs_met" }]);
  assert.equal(s.address, null, "the address keeps the user's answers");
  assert.deepEqual(s.focus, { to: "what-if" });
  assert.deepEqual(request(s), { type: "evaluate", answers: alternative, key: answersKey(alternative) });
  s = reduce(s, full(alternative, "close"));
  assert.equal(shownFull(s)?.result.recommendation, "close");
  assert.equal(s.record, `record for ${JSON.stringify(USER)}`, "the record is never the what-if's");
  assert.equal(s.full?.result.recommendation, "cover_absence");
});

test("Back to your answers restores them, their full outcome, and focus to the alternative's link", () => {
  const s = run(initial(), [...opened(USER), full(USER),
    { type: "what-if-opened", question: "event", answer: "needs_met" }, { type: "what-if-closed" }]);
  assert.equal(s.whatIf, null);
  assert.deepEqual(shownAnswers(s), USER);
  assert.equal(shownFull(s)?.result.recommendation, "cover_absence");
  assert.equal(request(s), null, "the user's full outcome is kept: nothing to ask again");
  assert.deepEqual(s.focus, { to: "return", change: { question: "event", answer: "needs_met" } });
});

test("a late reply for a what-if closed since is dropped", () => {
  const alternative = { ...USER, event: "needs_met" };
  const s = run(initial(), [...opened(USER), full(USER),
    { type: "what-if-opened", question: "event", answer: "needs_met" }, { type: "what-if-closed" },
    full(alternative, "close")]);
  assert.equal(shownFull(s)?.result.recommendation, "cover_absence");
  assert.equal(s.record, `record for ${JSON.stringify(USER)}`);
});

test("a what-if from a what-if lists every change from the user's answers", () => {
  const s = run(initial(), [link(USER),
    { type: "what-if-opened", question: "event", answer: "needs_met" },
    { type: "what-if-opened", question: "safety", answer: "yes" }]);
  assert.deepEqual(s.whatIf?.changes,
    [{ question: "safety", answer: "yes" }, { question: "event", answer: "needs_met" }]);
  assert.deepEqual(s.answers, USER);
});

test("an answer confirmed during a what-if closes it and is the user's own", () => {
  const s = run(initial(), [link(USER), { type: "what-if-opened", question: "event", answer: "needs_met" },
    confirm("safety", "yes")]);
  assert.equal(s.whatIf, null);
  assert.deepEqual(s.answers, { ...USER, safety: "yes" });
  assert.equal(s.address, "push");
});

test("Back or Forward to a what-if's history entry restores it from the user's answers", () => {
  const changes = [{ question: "event", answer: "needs_met" }];
  let s = run(initial(), [...opened(USER), full(USER), { type: "what-if-restored", changes }]);
  assert.deepEqual(shownAnswers(s), { ...USER, event: "needs_met" });
  assert.deepEqual(s.whatIf?.changes, changes);
  assert.deepEqual(s.focus, { to: "what-if" });
  assert.equal(s.address, null);
  s = reduce(s, { type: "what-if-restored", changes });
  assert.equal(s.focus, null, "the what-if already shown: nothing moves");
});

test("a what-if that changes nothing is no what-if", () => {
  const s = run(initial(), [link(USER), { type: "what-if-opened", question: "event", answer: "absence_short" }]);
  assert.equal(s.whatIf, null);
});

test("the rules refusing a what-if's answers closes it; refusing the user's shows the errors", () => {
  const error = { question: "event", row: null, field: null, message: "does not fit" };
  const alternative = { ...USER, event: "needs_met" };
  let s = run(initial(), [ready, link(USER), { type: "what-if-opened", question: "event", answer: "needs_met" }]);
  s = reduce(s, { type: "rules-refused", key: answersKey(alternative), errors: [error] });
  assert.equal(s.whatIf, null);
  assert.deepEqual(s.errors, []);
  s = reduce(s, { type: "rules-refused", key: answersKey(USER), errors: [error] });
  assert.deepEqual(s.errors, [error]);
  assert.equal(s.refused, true);
});

test("practitioners edited: marked until they are confirmed again", () => {
  const rows = [{ role: "teacher" }];
  let s = run(initial(), [confirm("candidates", rows), { type: "practitioners-edited" }]);
  assert.equal(s.practitionersEdited, true);
  s = reduce(s, confirm("candidates", [...rows, { role: "gp" }]));
  assert.equal(s.practitionersEdited, false);
});

test("practitioners edited and then confirmed as the list they were: the outcome is theirs again", () => {
  // Remove a practitioner, add them back the same, "Use these practitioners": nothing changed,
  // so the outcome for that list must not stay withdrawn as "changed".
  const rows = [{ role: "teacher" }];
  let s = run(initial(), [confirm("candidates", rows), { type: "practitioners-edited" }]);
  s = reduce(s, confirm("candidates", [{ role: "teacher" }]));
  assert.equal(s.practitionersEdited, false);
  assert.equal(s.address, null, "the same answer: no new history entry");
});

test("a practitioner saved after an error: the editor's errors go, a refusal of the answers stays", () => {
  const missing = { question: "candidates", row: 0, field: "role", message: "Select practitioner 1's role" };
  let s = run(initial(), [{ type: "continue-refused", errors: [missing] }]);
  assert.deepEqual(reduce(s, { type: "practitioners-edited" }).errors, []);
  assert.deepEqual(reduce(s, { type: "errors-dismissed" }).errors, [], "Cancel: the errors go too");
  assert.equal(reduce(s, { type: "errors-dismissed" }).practitionersEdited, false, "Cancel changes no list");
  const refusal = { question: "candidates", row: null, field: null, message: "List up to 8 practitioners" };
  s = run(initial(), [ready, { type: "link-refused", errors: [refusal] }]);
  assert.deepEqual(reduce(s, { type: "practitioners-edited" }).errors, [refusal]);
  assert.deepEqual(reduce(s, { type: "errors-dismissed" }).errors, [refusal]);
  assert.equal(reduce(s, { type: "errors-dismissed" }).refused, true);
});

test("Start again: no answers, a clean address, focus to the first question; the rules keep running", () => {
  const s = run(initial(), [...opened(USER), full(USER), { type: "start-again" }]);
  assert.deepEqual(s.answers, {});
  assert.equal(s.address, "clear");
  assert.deepEqual(s.focus, { to: "next", from: null });
  assert.equal(s.runtime, "ready");
  assert.equal(s.notice, null);
  assert.equal(s.record, "");
});

test("the answers' key does not depend on the order they were written in", () => {
  assert.equal(answersKey({ a: "1", b: "2" }), answersKey({ b: "2", a: "1" }));
  assert.notEqual(answersKey({ a: "1" }), answersKey({ a: "2" }));
});
