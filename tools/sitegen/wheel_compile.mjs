// Add Python 3.14 bytecode to the rules wheel the site ships, compiled by Pyodide's own Python.
//
//   node tools/sitegen/wheel_compile.mjs WHEEL OUT.whl
//
// Why: the wheel built by `python -m build` holds only sources, so every visit compiles lp_rules
// before the first answer (~0.2 s in the browser). Each module gets an "unchecked hash" .pyc
// (PEP 552) in __pycache__, beside its source, which Python then uses without recompiling; the
// sources stay for tracebacks. Same interpreter version as the browser's, same output every build.

import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [source, out] = process.argv.slice(2);
if (!source || !out) {
  console.error("usage: node tools/sitegen/wheel_compile.mjs WHEEL OUT.whl");
  process.exit(2);
}

const py = await loadPyodide();
py.FS.writeFile("/tmp/in.whl", readFileSync(source));
const count = py.runPython(`
import importlib.util, site, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

target = site.getsitepackages()[0] + "/"
count = 0
with zipfile.ZipFile("/tmp/in.whl") as src, zipfile.ZipFile("/tmp/out.whl", "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        data = src.read(info)
        dst.writestr(info, data)
        if info.filename.endswith(".py"):
            code = compile(data, target + info.filename, "exec", dont_inherit=True, optimize=0)
            pyc = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            name = importlib.util.cache_from_source(info.filename)
            dst.writestr(zipfile.ZipInfo(name, date_time=info.date_time), pyc)
            count += 1
count
`);
writeFileSync(out, py.FS.readFile("/tmp/out.whl"));
console.log(`compiled ${count} lp_rules modules into ${out}`);
