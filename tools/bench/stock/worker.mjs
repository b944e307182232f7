// Stock Pyodide, loaded as its documentation shows, with no option; ready once Python runs.
const indexURL = new URL("pyodide/", self.location.href).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({ indexURL });
py.runPython("import sys");
self.postMessage("ready");
