// Compile every .py in a zip to bytecode with Pyodide's own Python, writing a zip of .pyc files.
//
//   node tools/sitegen/stdlib_compile.mjs SOURCE.zip OUT.zip
//
// Why: Pyodide's stock standard library holds only sources, so every start in the browser
// compiles the ~160 modules Python needs before it is ready; that is most of its start-up time.
// Bytecode must come from the same interpreter version that runs it (here 3.14 in WebAssembly,
// which the build machine's CPython is not), so it is compiled inside the Pyodide the site ships.
// The .pyc files are "unchecked hash" ones (PEP 552): no source beside them, no timestamp, so the
// output is the same on every build. Entries are STORED: the host compresses the whole file.

import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [source, out] = process.argv.slice(2);
if (!source || !out) {
  console.error("usage: node tools/sitegen/stdlib_compile.mjs SOURCE.zip OUT.zip");
  process.exit(2);
}

const py = await loadPyodide();
py.FS.writeFile("/tmp/source.zip", readFileSync(source));
const count = py.runPython(`
import importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# Where Pyodide mounts the standard library zip, so tracebacks name the real place.
PREFIX = "/lib/python%d%d.zip/" % __import__("sys").version_info[:2]
count = 0
with zipfile.ZipFile("/tmp/source.zip") as src, zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_STORED) as dst:
    for info in src.infolist():
        data = src.read(info)
        name = info.filename
        if name.endswith(".py"):
            code = compile(data, PREFIX + name, "exec", dont_inherit=True, optimize=0)
            data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            name += "c"
            count += 1
        entry = zipfile.ZipInfo(name, date_time=info.date_time)
        entry.external_attr = info.external_attr
        dst.writestr(entry, data, compress_type=zipfile.ZIP_STORED)
count
`);
writeFileSync(out, py.FS.readFile("/tmp/out.zip"));
console.log(`compiled ${count} modules into ${out}`);
