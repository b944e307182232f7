// The checklist's rules, running in Python (Pyodide) inside a module Web Worker.
//
// Why a worker: loading Python takes a second or two and must not block the page, which is
// usable (answerable) from first paint. Why a hash check: the wheel is the rules; a wheel that
// does not match the SHA-256 the page was built with is refused before any of it runs.
// Every file comes from the site's own origin: no CDN, no package index, no micropip.
//
// Messages in:  {type: "init", root, pyodide, wheel, wheelSha256}
//               {type: "evaluate", id, request}   (request: JSON text for lp_rules.bridge)
// Messages out: {type: "status", state: "loading"|"ready"|"failed", message}
//               {type: "reply", id, reply}         (reply: JSON text from lp_rules.bridge)

let handle = null; // lp_rules.bridge.handle once Python is ready
let failed = false;

/** Report progress or failure to the page in plain words (a failure only once). */
function status(state, message) {
  if (failed) return;
  failed = state === "failed";
  self.postMessage({ type: "status", state, message });
}

// Pyodide's loader logs a failed download of its WebAssembly or standard library and then waits
// forever. Watching every download here lets the page say what happened straight away.
const siteFetch = self.fetch.bind(self);
self.fetch = async (...args) => {
  const what = "A file the checklist needs could not be downloaded";
  try {
    const response = await siteFetch(...args);
    if (!response.ok) status("failed", `${what} (HTTP ${response.status}).`);
    return response;
  } catch (error) {
    status("failed", `${what}. The network may be down or blocking it.`);
    throw error;
  }
};

/** Hex SHA-256 of some bytes. */
async function sha256(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Fetch a site file, failing with a message a practitioner can act on. */
async function fetchBytes(url, what) {
  const response = await siteFetch(url);
  if (!response.ok) throw new Error(`${what} could not be downloaded (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

async function start({ root, pyodide, wheel, wheelSha256 }) {
  status("loading", "Loading the checklist's rules…");
  const base = new URL(root, self.location.href);
  const indexURL = new URL(pyodide, base).href;
  const [{ loadPyodide }, wheelBytes] = await Promise.all([
    import(new URL("pyodide.mjs", indexURL).href).catch(() => {
      throw new Error("The Python runtime could not be downloaded.");
    }),
    fetchBytes(new URL(wheel, base).href, "The rules package"),
  ]);
  if ((await sha256(wheelBytes)) !== wheelSha256) {
    throw new Error(
      "The rules package downloaded does not match the one this page was published with, " +
        "so it was not used. Reload the page; if this keeps happening, tell the site's owners.",
    );
  }
  let py;
  try {
    py = await loadPyodide({ indexURL });
  } catch (error) {
    throw new Error(
      "Python, which runs the checklist's rules in your browser, could not be loaded. " +
        "The network may be down or blocking it.",
    );
  }
  const extractDir = py.runPython("import site; site.getsitepackages()[0]");
  py.unpackArchive(wheelBytes, "wheel", { extractDir });
  handle = py.pyimport("lp_rules.bridge").handle;
  status("ready", "The checklist is ready.");
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await start(message);
    } catch (error) {
      status("failed", error instanceof Error ? error.message : String(error));
    }
  } else if (message.type === "evaluate" && handle) {
    let reply;
    try {
      reply = handle(message.request);
    } catch (error) {
      reply = JSON.stringify({ type: "error", message: String(error) });
    }
    self.postMessage({ type: "reply", id: message.id, reply });
  }
});
