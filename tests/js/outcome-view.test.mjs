// Unit tests for the outcome view's pure helpers (docs/assets/js/checklist/outcome-view.js), run
// by `node --test tests/js/` (make test). The practitioners' order and words, sources' short names
// and their grouping are the rules' outcome model's (lp_rules.presentation), tested in
// tests/rules/test_presentation.py.

import assert from "node:assert/strict";
import { test } from "node:test";

import { doNowCount, routeSources } from "../../docs/assets/js/checklist/outcome-view.js";

test("do this now: the three safeguarding steps when urgent, otherwise two", () => {
  assert.equal(doNowCount({ urgent: true }), 3);
  assert.equal(doNowCount({ urgent: false }), 2);
});

test("who to call cites each page once, in first-cited order, and not a route without one", () => {
  const a = { title: "NSPCC: Report abuse", url: "https://example.org/a" };
  const b = { title: "GOV.UK", url: "https://example.org/b" };
  const routes = [{ source: a }, { source: null }, { source: b }, { source: a }];
  assert.deepEqual(routeSources(routes), [a, b]);
});
