// The stock page: start stock Pyodide in a module worker and say when it is ready.
const status = document.getElementById("stock-status");
const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => { status.dataset.state = data; status.textContent = data; };
