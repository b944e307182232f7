// Unit tests for the outcome view's pure helpers (docs/assets/js/checklist/outcome-view.js), run
// by `node --test tests/js/` (make test). The source titles are the rules' own
// (`python -m lp_rules schema`), so a new source gets a sensible short name or fails here.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";

import {
  doNowCount, groupSources, rankedCandidates, reasonsLine, routeSources, shortSourceName,
} from "../../docs/assets/js/checklist/outcome-view.js";

const ROOT = new URL("../../", import.meta.url);
const python = existsSync(new URL(".venv/bin/python", ROOT)) ? new URL(".venv/bin/python", ROOT).pathname : "python3";
const schema = JSON.parse(execFileSync(python, ["-m", "lp_rules", "schema"], { cwd: ROOT, encoding: "utf8" }));

test("every source has a short name, no longer than its title and its own", () => {
  const titles = Object.values(schema.sources);
  assert.ok(titles.length >= 8);
  for (const title of titles) {
    const short = shortSourceName(title);
    assert.ok(short.length > 5 && short.length <= title.length, `${title} -> ${short}`);
  }
  assert.equal(shortSourceName("Anytown: Role of Lead Practitioner Guidance"), "Anytown guidance");
  assert.equal(shortSourceName("Working Together to Safeguard Children 2023 (DfE)"),
    "Working Together to Safeguard Children 2023");
  const shorts = titles.map(shortSourceName);
  assert.equal(new Set(shorts).size, shorts.length, "two sources share a short name");
});

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

test("sources: grouped by document in first-cited order, each section once", () => {
  const cite = (source, url) => ({ source, title: `${source} title`, section: url, url });
  const grouped = groupSources([cite("A", "a/#1"), cite("WT23", "s/#1"), cite("A", "a/#2"),
    cite("A", "a/#1"), cite("B", "a/#1")]);
  assert.deepEqual(grouped.map((g) => [g.source, g.sections.map((s) => s.url)]),
    [["A", ["a/#1", "a/#2"]], ["WT23", ["s/#1"]], ["B", ["a/#1"]]]);
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
