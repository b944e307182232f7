// Unit tests for the outcome view's pure helpers (docs/assets/js/checklist/outcome-view.js), run
// by `node --test tests/js/` (make test). Sources' short names and their grouping are the rules'
// outcome model's (lp_rules.presentation), tested in tests/rules/test_presentation.py.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  doNowCount, rankedCandidates, reasonsLine, routeSources,
} from "../../docs/assets/js/checklist/outcome-view.js";

test("practitioners: the suggested one first, then by rank, then those who cannot lead", () => {
  const listed = [
    { index: 0, eligible: false, rank: null },
    { index: 1, eligible: true, rank: 2 },
    { index: 2, eligible: true, rank: 1 },
    { index: 3, eligible: false, rank: null },
    { index: 4, eligible: true, rank: 3 },
  ];
  assert.deepEqual(rankedCandidates(listed, 2).map((c) => c.index), [2, 1, 4, 0, 3]);
  assert.deepEqual(listed.map((c) => c.index), [0, 1, 2, 3, 4], "the answers' order is left alone");
  assert.deepEqual(rankedCandidates(listed, null).map((c) => c.index), [2, 1, 4, 0, 3]);
});

test("do this now: the three safeguarding steps when urgent, otherwise two", () => {
  assert.equal(doNowCount({ urgent: true }), 3);
  assert.equal(doNowCount({ urgent: false }), 2);
});

test("the suggested practitioner's reasons read as one line", () => {
  assert.equal(reasonsLine(["The family prefers them.", "Good relationship with the family."]),
    "The family prefers them; good relationship with the family.");
});

test("who to call cites each page once, in first-cited order, and not a route without one", () => {
  const a = { title: "NSPCC: Report abuse", url: "https://example.org/a" };
  const b = { title: "GOV.UK", url: "https://example.org/b" };
  const routes = [{ source: a }, { source: null }, { source: b }, { source: a }];
  assert.deepEqual(routeSources(routes), [a, b]);
});
