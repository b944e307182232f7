// Check Pyodide's memory snapshot, as the checklists' worker uses it (a "saved start-up": see
// docs/assets/js/rules-worker.js), under Node with the site's own runtime files and wheel.
//
//   node tests/perf/saved_start_check.mjs SITE_DIR
//
// It starts Python as the worker does on a first visit (_makeSnapshot, install the wheel, import
// lp_rules.bridge, snapshot), then evaluates requests in that interpreter and in one restored from
// the snapshot, and prints JSON: {"size", "compared", "differences": [requests whose replies
// differ], "needle", "needle_before", "needle_after"}. needle_before says whether a request's
// text is in the snapshot (taken before any request: it must not be); needle_after whether it is
// in a snapshot taken while Python holds that text (it must be: proof that the search would find
// answers if a snapshot held them). "any_request" says whether the snapshot holds the start of
// any request the page sends ('"answers":{').

import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadPyodide } from "pyodide";
import { installRules, probeRequests } from "../../tools/sitegen/pyodide_rules.mjs";

const site = resolve(process.argv[2] ?? "site");
// The default authority (the one whose site is in SITE_DIR by default): its folder's name.
const DEFAULT_PROFILE = readFileSync(new URL("../../src/lp_rules/authorities/DEFAULT", import.meta.url), "utf8").trim();
/** The one entry of a site folder (named by its content's hash: tools/sitegen/runtime.py). */
function only(folder) {
  const found = readdirSync(folder);
  if (found.length !== 1) throw new Error(`expected one entry in ${folder}, found ${found}`);
  return join(folder, found[0]);
}
const indexURL = only(join(site, "pyodide")) + "/";
const wheelFolder = only(join(site, "wheels"));
const wheels = readdirSync(wheelFolder).filter((f) => f.endsWith(".whl"));
if (wheels.length !== 1) throw new Error(`expected one wheel in ${wheelFolder}, found ${wheels}`);
const wheel = new Uint8Array(readFileSync(join(wheelFolder, wheels[0])));

const fresh = await loadPyodide({ indexURL, _makeSnapshot: true });
const freshHandle = installRules(fresh, wheel);
const snapshot = fresh.makeMemorySnapshot();

// The probe's requests (every profile and tool; complete, partial and invalid answers).
const requests = probeRequests(fresh, 60).map((request) => JSON.stringify(request));

const restored = await loadPyodide({ indexURL, _loadSnapshot: snapshot });
const restoredHandle = installRules(restored, wheel);
const differences = requests.filter((request) => freshHandle(request) !== restoredHandle(request));

// The text of one request, as the page sends it, in the snapshot and in a later one.
const needle = JSON.stringify({
  tool: "consent-withdrawn",
  answers: { harm: "no", who: "parent_carer", competence: "not_competent" },
  profile: DEFAULT_PROFILE,
  date: "2026-11-23",
});
const contains = (bytes, text = needle) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(text);
const needleBefore = contains(snapshot);
const witness = await loadPyodide({ indexURL, _makeSnapshot: true });
installRules(witness, wheel);
witness.globals.set("held", needle);
const needleAfter = contains(witness.makeMemorySnapshot());

console.log(JSON.stringify({
  size: snapshot.length,
  compared: requests.length,
  differences,
  needle,
  needle_before: needleBefore,
  needle_after: needleAfter,
  any_request: contains(snapshot, '"answers":{'),
}));
