// Run the checklist's Python path inside Pyodide under Node and report which standard-library
// modules it used: the measurement behind the trimmed stdlib (tools/sitegen/stdlib.py), and the
// smoke check that a trimmed zip is enough.
//
//   node tools/sitegen/stdlib_probe.mjs [--stdlib python_stdlib.zip] [--wheel lp_rules-*.whl]
//
// It does what the browser's worker does (docs/assets/js/rules-worker.js): load Pyodide, ask
// `site` for site-packages, unpackArchive the rules wheel there, import lp_rules.bridge and call
// handle() with JSON requests: every full combination of answers for every tool (sampled where
// there are many), every prefix of them, candidate lists, invalid and malformed requests, for
// every profile. It then raises a Python error through the FFI (Pyodide formats the traceback)
// and prints JSON: {"modules": [stdlib modules loaded from the zip], "evaluations", "outcomes",
// "errors", "load_ms", "evaluate_ms": {median, p95}}. It exits non-zero if any well-formed
// request got an "error" reply (as a module missing from the zip would cause).

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { installRules, probeRequests } from "./pyodide_rules.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? resolve(process.argv[at + 1]) : fallback;
}

function defaultWheel() {
  const dist = join(root, "dist");
  const found = readdirSync(dist).filter((f) => f.startsWith("lp_rules-") && f.endsWith(".whl"));
  if (found.length !== 1) throw new Error(`expected one lp_rules wheel in ${dist}: run make wheel`);
  return join(dist, found[0]);
}

const stdLibURL = option("--stdlib", undefined);
const wheel = option("--wheel", undefined) ?? defaultWheel();

const started = performance.now();
const py = await loadPyodide(stdLibURL ? { stdLibURL } : {});
const loadMs = performance.now() - started;

const handle = installRules(py, new Uint8Array(readFileSync(wheel)));

// 100 full answer sets per tool and profile, sampled (each with a prefix of itself, so 1,224
// requests in all): measured 2026-12-07, they load the same 138 modules and reach all 26
// outcomes that 600 and 3,000 do. With the stock zip: 10.8 s of CPU against 24.3 s for 600 (load
// 11); 30 sets reached 23 outcomes. tests/perf/test_stdlib.py fails if a run misses an outcome.
const requests = probeRequests(py, 100);

const outcomes = {};
const errors = [];
const times = [];
const texts = requests.map((r) => JSON.stringify(r));
texts.push("not json", "[1, 2]");
for (const text of texts) {
  const t = performance.now();
  const reply = JSON.parse(handle(text));
  times.push(performance.now() - t);
  if (reply.type === "result" && reply.result.status === "complete") {
    outcomes[reply.result.recommendation] = (outcomes[reply.result.recommendation] ?? 0) + 1;
  } else if (reply.type === "error" && text.startsWith("{")) {
    errors.push(`${text.slice(0, 120)} -> ${reply.message}`);
  }
}

// A Python exception crossing into JavaScript: Pyodide formats its traceback.
try {
  py.runPython("raise ValueError('probe')");
} catch (error) {
  if (!String(error).includes("ValueError: probe")) errors.push(`traceback: ${error}`);
}

const modules = JSON.parse(
  py.runPython(`
import json, sys
# Named by the file each came from (so aliases such as os.path count once, as posixpath).
# Frozen modules (os, io, site, importlib._bootstrap...) are built into the interpreter: their
# __file__ names the zip, but nothing is read from it.
prefix = "/lib/python%d%d.zip/" % sys.version_info[:2]
names = set()
for module in list(sys.modules.values()):
    path = getattr(module, "__file__", None) or ""
    frozen = getattr(getattr(module, "__spec__", None), "origin", None) == "frozen"
    if path.startswith(prefix) and not frozen:
        name = path[len(prefix):].rsplit(".", 1)[0].removesuffix("/__init__")
        names.add(name.replace("/", "."))
json.dumps(sorted(names))
`),
);

times.sort((a, b) => a - b);
const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(
  JSON.stringify(
    {
      stdlib: stdLibURL ?? "stock",
      wheel,
      load_ms: Math.round(loadMs),
      evaluations: texts.length,
      outcomes,
      errors,
      evaluate_ms: { median: +pick(0.5).toFixed(3), p95: +pick(0.95).toFixed(3) },
      modules,
    },
    null,
    1,
  ),
);
process.exit(errors.length ? 1 : 0);
