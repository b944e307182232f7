// Run the rules' test suite (tests/rules) inside the real Pyodide runtime under Node, offline.
//
// Why: the browser runs lp_rules in Pyodide (Python 3.14, WebAssembly), not CPython 3.11, so
// the same tests must pass there. Everything is installed from local files with
// pyodide.unpackArchive (no micropip, no package index): the pure-Python test wheels that
// `make pyodide-wheels` downloaded into build/pyodide-wheels, and the project's own wheel from
// dist/. The repo is mounted with NODEFS at the same absolute path, so tests find their files
// (the worked examples among them) exactly as in the native run.
//
// The shared pass over every combination of answers (tests/rules/space.py) checks only every
// 8th full combination here, Pyodide being several times slower than CPython; every answer set
// the page can reach is still checked, and the run's summary says how many of each were checked
// ("rules space, <build>: ..."). --stride N changes it (--stride 1: every combination). The
// hypothesis tests draw a stride-th of their examples (at least 20; space.examples): a draw
// finds a logic error, the same under either Python, which the native run searches for; here
// the draws need only run the code they reach on Pyodide's Python and standard library.
//
//   node tests/pyodide/run_rules_tests.mjs [--stdlib python_stdlib.zip] [--stride N] [pytest args]

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const args = process.argv.slice(2);

/** Take `--name value` out of the arguments; undefined when absent. */
function option(name) {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
}

const stdlib = option("--stdlib");
const stdLibURL = stdlib === undefined ? undefined : resolve(stdlib);
const stride = option("--stride") ?? "8";
if (!/^[1-9][0-9]*$/.test(stride)) {
  console.error(`--stride must be a whole number from 1; got ${stride}`);
  process.exit(2);
}

/** The wheel files in a folder, failing loudly when set-up has not been run. */
function wheelsIn(folder, prefix = "") {
  const found = existsSync(folder)
    ? readdirSync(folder).filter((f) => f.endsWith(".whl") && f.startsWith(prefix))
    : [];
  if (found.length === 0) {
    console.error(`no ${prefix}*.whl in ${folder}: run 'make wheel pyodide-wheels' first`);
    process.exit(2);
  }
  return found.map((f) => join(folder, f));
}

/** Mount a host folder at the same absolute path inside Pyodide's filesystem. */
function mountSame(py, path) {
  py.FS.mkdirTree(path);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: path }, path);
}

const started = performance.now();
const py = await loadPyodide(stdLibURL ? { stdLibURL } : {});
const loaded = performance.now();

const wheels = [
  ...wheelsIn(join(root, "build", "pyodide-wheels")),
  ...wheelsIn(join(root, "dist"), "lp_rules-"),
];
// unpackArchive extracts into the working directory unless told otherwise; wheels belong in
// site-packages, where an installed package lives.
const extractDir = py.runPython("import site; site.getsitepackages()[0]");
for (const wheel of wheels) {
  // A Node Buffer is refused by unpackArchive: it needs a plain Uint8Array.
  py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir });
}

mountSame(py, root);

const versions = py.runPython(`
import sys, lp_rules
assert "site-packages" in lp_rules.__file__, f"lp_rules must come from the wheel, not {lp_rules.__file__}"
f"Python {sys.version.split()[0]} on {sys.platform}; lp_rules {lp_rules.RULES_VERSION} from {lp_rules.__file__}"
`);
console.log(`pyodide: loaded in ${((loaded - started) / 1000).toFixed(2)} s; ${versions}`);

py.globals.set("pytest_args", py.toPy(["tests/rules", "-q", "-p", "no:cacheprovider", ...args]));
console.log(`pyodide: the shared pass checks every ${stride === "1" ? "" : `${stride}th `}full combination`);
const code = await py.runPythonAsync(`
import os, sys
os.environ["LP_RULES_STRIDE"] = ${JSON.stringify(stride)}
os.chdir(${JSON.stringify(root)})
# The repo root is on sys.path for the 'tests' package, but src/ is not: lp_rules comes from
# the installed wheel.
sys.path.insert(0, ${JSON.stringify(root)})
import pytest
int(pytest.main(list(pytest_args)))
`);
console.log(`pyodide: tests finished in ${((performance.now() - loaded) / 1000).toFixed(2)} s`);
process.exit(code);
