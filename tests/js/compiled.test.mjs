// Unit tests for the page's compiled evaluator (docs/assets/js/checklist/compiled.js), run by
// `node --test tests/js/`. Its equality with lp_rules.evaluate on every answer set is checked by
// tests/site/test_compiled.py; these check what the page does with it: a disagreement with
// Python is caught, and data it cannot read stops it loudly.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";

import { agrees, evaluate, FORMAT, nearOutcomes, urgentExample } from "../../docs/assets/js/checklist/compiled.js";

const ROOT = new URL("../../", import.meta.url);
const python = existsSync(new URL(".venv/bin/python", ROOT)) ? new URL(".venv/bin/python", ROOT).pathname : "python3";
const code = "import json; from lp_rules import get_tool, load_profile; from lp_rules.compiled import compile_tool; " +
  "print(json.dumps(compile_tool(get_tool('change-lead'), load_profile())))";
const data = JSON.parse(execFileSync(python, ["-c", code], { cwd: ROOT, encoding: "utf8" }));
const full = (/** @type {any} */ r) => ({ ...r, reasons: ["…"], full: undefined });

test("an urgent answer is complete at once, and nothing else is asked", () => {
  const result = evaluate(data, { harm: "yes" });
  assert.equal(result.status, "complete");
  assert.equal(result.urgent, true);
  assert.deepEqual(result.next, []);
  assert.equal(result.actions[0].code, "call_999_if_immediate_danger");
});

test("Python's outcome agrees when it shows the same; any difference is a disagreement", () => {
  const quick = evaluate(data, { harm: "yes" });
  assert.ok(quick.actions.length > 1);
  assert.ok(agrees(quick, full(quick)));
  assert.ok(!agrees(quick, { ...full(quick), recommendation: "other" }));
  assert.ok(!agrees(quick, { ...full(quick), actions: quick.actions.slice(1) }));
  assert.ok(!agrees(quick, { ...full(quick), actions: quick.actions.map((a, i) => (i ? a : { ...a, text: "Other" })) }));
  assert.ok(!agrees(quick, { ...full(quick), warnings: ["Check the list"] }));
  assert.ok(!agrees({ status: "invalid", field: "answers.harm" }, full(quick)));
});

test("answers the rules refuse give no outcome, only the field", () => {
  assert.deepEqual(evaluate(data, { harm: "perhaps" }), { status: "invalid", field: "answers.harm" });
  assert.deepEqual(evaluate(data, { colour: "red" }), { status: "invalid", field: "answers.colour" });
});

test("data of another format, or a condition kind it does not know, stops it loudly", () => {
  assert.throws(() => evaluate({ ...data, format: FORMAT + 1 }, {}), /format/);
  const odd = { ...data, rules: [{ ...data.rules[0], when: ["moonphase"] }] };
  assert.throws(() => evaluate(odd, { harm: "no" }), /unknown condition kind moonphase/);
});

test("the urgent example is an urgent outcome the answers read off the urgent condition give", () => {
  const example = urgentExample(data);
  assert.ok(example);
  assert.equal(example.status, "complete");
  assert.equal(example.urgent, true);
  // The same outcome one of the urgent condition's answers gives.
  const [kind, question, values] = data.urgentWhen;
  assert.equal(kind, "in");
  assert.ok(values.some((/** @type {string} */ v) => agrees(example, full(evaluate(data, { [question]: v })))));
  // Read through "any" and "all" too; nothing when the condition names no answer to read.
  assert.ok(urgentExample({ ...data, urgentWhen: ["any", [["always"], data.urgentWhen]] })?.urgent);
  assert.ok(urgentExample({ ...data, urgentWhen: ["all", [data.urgentWhen]] })?.urgent);
  assert.equal(urgentExample({ ...data, urgentWhen: ["always"] }), null);
  // No urgent outcome for those answers: none.
  assert.equal(urgentExample({ ...data, urgentWhen: ["in", question, ["no"]] }), null);
});

test("the answers nearest the start come first, each set one the rules lead to, with its result", () => {
  const walked = [...nearOutcomes(data, 40)];
  assert.equal(walked.length, 40);
  assert.deepEqual(walked[0].answers, {});
  walked.forEach(({ answers, result }, i) => {
    assert.deepEqual(result, evaluate(data, answers));
    if (i === 0) return;
    // Fewest answers first; each set is one before it, with the question the rules asked next
    // of that set answered (so no set a person could not reach by answering what is asked).
    assert.ok(Object.keys(answers).length >= Object.keys(walked[i - 1].answers).length);
    const from = walked.slice(0, i).find((w) => w.result.status === "needs_more"
      && Object.keys(answers).length === Object.keys(w.answers).length + 1
      && Object.entries(w.answers).every(([q, a]) => answers[q] === a)
      && w.result.next[0] in answers);
    assert.ok(from, JSON.stringify(answers));
  });
  // The first question's options all come straight after: "Yes" to significant harm's urgent
  // outcome among them.
  assert.ok(walked.slice(1, 1 + data.options.harm.length).some(({ result }) => result.urgent));
  assert.ok(walked.some(({ result }) => result.status === "complete" && !result.urgent));
  assert.equal([...nearOutcomes(data, 0)].length, 0);
});

test("the walk ends where no question is left to answer", () => {
  const tiny = { ...data, rules: data.rules.slice(0, 1) };
  const walked = [...nearOutcomes(tiny, 1000)];
  assert.ok(walked.length < 1000);
  assert.ok(walked.slice(1).every(({ result }) => result.status !== "needs_more"
    || !(result.next[0] in tiny.options)));
});
