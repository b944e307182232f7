// Unit tests for the printed record's page fitting (docs/assets/js/checklist/record-view.js),
// run by `node --test tests/js/` (make test). Issue 21 item 7: at most 2 A4 pages, and no
// near-empty last page.

import assert from "node:assert/strict";
import { test } from "node:test";

import { MOST_PAGES, NEAR_EMPTY, pagesToEndOn } from "../../docs/assets/js/checklist/record-view.js";

test("a record that ends well is left as it is", () => {
  for (const pages of [0.4, 1, 1 + NEAR_EMPTY, 1.9, MOST_PAGES]) assert.equal(pagesToEndOn(pages), null, String(pages));
});

test("a near-empty last page is taken back into the page before it", () => {
  assert.equal(pagesToEndOn(1.05), 1);
  assert.equal(pagesToEndOn(1 + NEAR_EMPTY - 0.01), 1);
});

test("a record longer than the most pages is fitted to them", () => {
  assert.equal(pagesToEndOn(MOST_PAGES + 0.05), MOST_PAGES);
  assert.equal(pagesToEndOn(MOST_PAGES + 0.8), MOST_PAGES);
});
