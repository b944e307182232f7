// Unit tests for the checklist's pure core (docs/assets/js/checklist/core.js), run by
// `node --test tests/js/` (make test). The questions are the rules' own (`python -m lp_rules
// schema`), so the tests follow the real checklists; the share links come from the fixture file
// the Python tests read too (tests/fixtures/share_links.json).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

import {
  candidateErrors, fill, fillParts, invalidError, notNeeded, nextQuestion, progress, queryFor, today, visibleQuestions,
} from "../../docs/assets/js/checklist/core.js";
import { linkText, readLink } from "../../docs/assets/js/checklist/links.js";

const ROOT = new URL("../../", import.meta.url);
const python = existsSync(new URL(".venv/bin/python", ROOT)) ? new URL(".venv/bin/python", ROOT).pathname : "python3";
const schema = JSON.parse(execFileSync(python, ["-m", "lp_rules", "schema"], { cwd: ROOT, encoding: "utf8" }));
/** @type {Record<string, any[]>} */
const QUESTIONS = Object.fromEntries(schema.tools.map((t) => [t.id, t.questions]));
/** The page's words, as the page data holds them (lp_rules.schema.page_words). */
const WORDS = schema.words;
const fixture = JSON.parse(readFileSync(new URL("tests/fixtures/share_links.json", ROOT), "utf8"));
/** The link reader's rules for each tool, as the page gets them (lp_rules.links.reader_rules). */
const READER = JSON.parse(execFileSync(python, ["-c",
  "import json; from lp_rules import TOOL_IDS; from lp_rules.links import reader_rules; " +
  "print(json.dumps({t: reader_rules(t) for t in TOOL_IDS}))"], { cwd: ROOT, encoding: "utf8" }));

for (const link of fixture.links) {
  test(`share link: ${link.name}`, () => {
    const questions = QUESTIONS[link.tool];
    assert.deepEqual(readLink(link.query, READER[link.tool]).answers, link.answers);
    assert.equal(queryFor(link.answers, questions, "v", 2), link.written ?? link.query);
  });
}

test("a hostile list of practitioners is refused before any row is read", () => {
  const reading = readLink(`v=2&candidates=${Array(200).fill("gp").join("~")}`, READER["who-should-lead"]);
  assert.deepEqual([reading.type, reading.field], ["invalid", "answers.candidates"]);
});

test("the answers are read from the fragment, and from an older link's query", () => {
  assert.equal(linkText("", "#v=2&harm=no"), "v=2&harm=no");
  assert.equal(linkText("?v=2&harm=yes", ""), "v=2&harm=yes");
  assert.equal(linkText("?utm_source=mail", "#v=2&harm=no"), "v=2&harm=no");
  assert.equal(linkText("?v=2&harm=yes", "#decision-table"), "v=2&harm=yes"); // a place, not a link
  assert.equal(linkText("", "#decision-table"), "");
});

test("a record's outcome goes after the answers", () => {
  assert.equal(queryFor({ harm: "yes" }, QUESTIONS["change-lead"], "v", 2, [["outcome", "safeguarding_first"]]),
    "v=2&harm=yes&outcome=safeguarding_first");
});

test("today is the local date as YYYY-MM-DD", () => {
  assert.equal(today(new Date(2026, 0, 5)), "2026-01-05");
});

const change = QUESTIONS["change-lead"];

test("before the rules answer: the answered questions and the first unanswered one", () => {
  assert.deepEqual([...visibleQuestions(change, {}, null)], ["harm"]);
  // In asking order, whatever the rules would need: the page uses this only where it cannot
  // yet read the answers with the compiled rules (checklist/compiled.js).
  const [first, second, third] = change.map((q) => q.id);
  assert.deepEqual([...visibleQuestions(change, { [first]: "no" }, null)], [first, second]);
  assert.equal(nextQuestion(change, { [first]: "no", [second]: change[1].options[0].id }, null), third);
});

test("answers the rules stop needing stay visible, and are marked not needed", () => {
  const answers = { harm: "no", event: "absence_short", family_agrees: "yes", successor: "no" };
  const result = { status: "complete", relevant: ["harm", "event"], next: [] };
  assert.deepEqual([...visibleQuestions(change, answers, result)], ["harm", "event", "family_agrees", "successor"]);
  assert.deepEqual([...notNeeded(change, answers, result)], ["family_agrees", "successor"]);
});

test("the next question is the rules' first needed one", () => {
  const result = { status: "needs_more", relevant: ["harm"], next: ["event", "family_agrees"] };
  assert.deepEqual([...visibleQuestions(change, { harm: "no" }, result)], ["harm", "event"]);
  assert.deepEqual([...notNeeded(change, { harm: "no" }, result)], []);
});

test("Question N of up to M", () => {
  assert.deepEqual(progress(change, {}, null, "harm"), { n: 1, m: change.length });
  const result = { status: "needs_more", relevant: ["harm"], next: ["event"] };
  assert.deepEqual(progress(change, { harm: "no" }, result, "event"), { n: 2, m: change.length });
  const later = { status: "needs_more", relevant: ["harm", "event"], next: ["changes_so_far"] };
  const answers = { harm: "no", event: "stepped_down", successor: "yes" };
  // "successor" is answered but not used: one question fewer can still be asked.
  assert.deepEqual(progress(change, answers, later, "changes_so_far"), { n: 3, m: change.length - 1 });
});

const who = QUESTIONS["who-should-lead"];
const candidatesQ = who.find((q) => q.kind === "candidates");

test("nobody listed is an error, not an outcome", () => {
  assert.deepEqual(candidateErrors([], candidatesQ), [
    { question: "candidates", row: null, field: null, message: candidatesQ.error },
  ]);
});

test("each missing practitioner field has its own message, with the practitioner's number", () => {
  const errors = candidateErrors([{ role: "teacher", relationship: "good", family_view: "agrees", main_needs: "yes", capacity: "yes", leaving_soon: "no" }, { role: "gp" }], candidatesQ);
  assert.equal(errors.length, candidatesQ.fields.length - 1);
  assert.ok(errors.every((e) => e.row === 1 && e.field !== "role"));
  assert.equal(errors[0].message, "Select how practitioner 2's relationship with the family is");
  assert.ok(errors.every((e) => !e.message.includes("{n}")));
});

test("an invalid link's error is the field's plain words, never an id", () => {
  const harm = invalidError("answers.harm", who, { harm: "maybe" }, WORDS);
  assert.equal(harm.question, "harm");
  assert.equal(harm.message, who[0].error);
  const field = invalidError("answers.candidates[0].relationship", who, {}, WORDS);
  assert.deepEqual([field.question, field.row, field.field], ["candidates", 0, "relationship"]);
  assert.equal(field.message, "Select how practitioner 1's relationship with the family is");
  const unknown = invalidError("link", who, {}, WORDS);
  assert.equal(unknown.question, null);
  const list = invalidError("answers.candidates", who, {}, WORDS);
  const row = invalidError("answers.candidates[2]", who, {}, WORDS);
  const twice = invalidError("answers.harm", who, {}, WORDS, "answers.harm: given more than once in the link");
  for (const e of [harm, field, unknown, list, row, twice]) {
    assert.doesNotMatch(e.message, /answers\.|_|\[\d|[{}]/); // no id, no name left unfilled
  }
  assert.match(list.message, /\b8 practitioners\b/);
  assert.match(row.message, /\bpractitioner 3\b/);
  assert.match(twice.message, new RegExp(`“${who[0].summary}”`));
});

test("a contradiction names the answer by its label", () => {
  const consent = QUESTIONS["consent-withdrawn"];
  const e = invalidError("answers.competence", consent, { who: "young_person", competence: "not_applicable" }, WORDS);
  assert.equal(e.question, "competence");
  assert.doesNotMatch(e.message, /not_applicable|young_person/);
});

test("the page's words are filled in by name, and a name the page does not know is kept", () => {
  assert.equal(fill("Question {n} of {m}", { n: "2", m: "5" }), "Question 2 of 5");
  assert.equal(fill("{who} ({n})", { n: "{who}" }), "{who} ({who})", "a value is never filled in again");
  assert.deepEqual(fillParts("Rules {version}. [What changed]", { version: "2.1" }, (t) => ({ link: t })),
    ["Rules ", "2.1", ". ", { link: "What changed" }]);
  const node = { element: true };
  assert.deepEqual(fillParts("Checked against: {sources}.", { sources: node }), ["Checked against: ", node, "."]);
  assert.deepEqual(fillParts("[not a link] {gone}", {}), ["[not a link]", " ", "{gone}"]);
});
