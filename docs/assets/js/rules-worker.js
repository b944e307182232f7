// The checklist's rules, running in Python (Pyodide) inside a module Web Worker.
//
// Why a worker: loading Python takes a second or two and must not block the page, which is
// usable (answerable) from first paint. Why a hash check: the wheel is the rules; a wheel that
// does not match the SHA-256 the page was built with is refused before any of it runs.
// Every file comes from the site's own origin: no CDN, no package index, no micropip.
//
// Why a saved start-up: most of a second visit's wait is Python starting and importing the rules,
// which gives the same memory every time. So the first visit saves Pyodide's memory snapshot,
// taken once the rules are imported and before any answer reaches Python, in the browser's Cache
// Storage (never sent anywhere); later visits restore it instead of starting Python again. It is
// keyed by the hashes of the runtime and the wheel the page was built with (the runtime's hash
// covers this file too: tools/sitegen/runtime.py), so a new version never uses an old one; if
// restoring fails, or the page asks for a fresh start (its Retry button), it is deleted and
// Python starts from scratch. The snapshot options (_makeSnapshot,
// _loadSnapshot) are Pyodide's own but not yet public API: tests/perf/test_saved_start.py fails
// if a Pyodide upgrade changes them, and the checklist still works without them.
//
// Messages in:  {type: "init", root, pyodide, wheel, wheelSha256, runtimeSha256, fresh}
//               {type: "evaluate", id, request}   (request: JSON text for lp_rules.bridge)
// Messages out: {type: "status", state: "loading"|"ready"|"failed", message, start}
//               (start, with "ready": "saved" when a saved start-up was restored, else "fresh")
//               {type: "reply", id, reply}         (reply: JSON text from lp_rules.bridge)

let handle = null; // lp_rules.bridge.handle once Python is ready
let failed = false;

/** Report progress or failure to the page in plain words (a failure only once). */
function status(state, message, start) {
  if (failed) return;
  failed = state === "failed";
  self.postMessage({ type: "status", state, message, start });
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

// ---- saved start-ups (Cache Storage; see the top of this file) --------------------------------

const START_CACHE = "lpg-python-start";

/** The saved start-up for this runtime and wheel, as a Response still to be read, or null. */
async function savedStart(key) {
  try {
    return (await (await caches.open(START_CACHE)).match(key)) ?? null;
  } catch {
    return null; // no Cache Storage here (a private window, say): Python starts from scratch
  }
}

/** Keep one saved start-up per site: this one, replacing any for an older version. */
async function saveStart(key, prefix, bytes) {
  try {
    const cache = await caches.open(START_CACHE);
    for (const old of await cache.keys()) {
      if (old.url.startsWith(prefix) && old.url !== key) await cache.delete(old);
    }
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // Storage full or unavailable: the next visit starts Python from scratch, as the first did.
  }
}

async function forgetStart(key) {
  try {
    await (await caches.open(START_CACHE)).delete(key);
  } catch {
    // Nothing saved, or no Cache Storage: nothing to forget.
  }
}

// ---- starting Python -------------------------------------------------------------------------

/** Install the wheel into a running Python and return the rules' entry point. */
function installRules(py, wheelBytes) {
  const extractDir = py.runPython("import site; site.getsitepackages()[0]");
  py.unpackArchive(wheelBytes, "wheel", { extractDir });
  return py.pyimport("lp_rules.bridge").handle;
}

/** Python's memory now, or null if this Pyodide cannot take it (the next visit starts afresh). */
function takeSnapshot(py) {
  try {
    return py.makeMemorySnapshot();
  } catch {
    return null;
  }
}

/** Pyodide's loader; its 1.3 MB engine script is fetched and parsed at the same time. */
async function importRuntime(indexURL) {
  const [loader] = await Promise.all(
    ["pyodide.mjs", "pyodide.asm.mjs"].map((name) => import(new URL(name, indexURL).href)),
  ).catch(() => {
    throw new Error("The Python runtime could not be downloaded.");
  });
  return loader;
}

/** The rules wheel, refused unless it is exactly the one the page was built with. */
async function verifiedWheel(url, expectedSha256) {
  const bytes = await fetchBytes(url, "The rules package");
  if ((await sha256(bytes)) !== expectedSha256) {
    throw new Error(
      "The rules package downloaded does not match the one this page was published with, " +
        "so it was not used. Reload the page; if this keeps happening, tell the site's owners.",
    );
  }
  return bytes;
}

async function start({ root, pyodide, wheel, wheelSha256, runtimeSha256, fresh }) {
  status("loading", "Loading the checklist's rules…");
  const base = new URL(root, self.location.href);
  const indexURL = new URL(pyodide, base).href;
  const prefix = new URL("python-start/", base).href;
  const key = runtimeSha256 && "caches" in self
    ? `${prefix}${runtimeSha256.slice(0, 16)}-${wheelSha256.slice(0, 16)}`
    : null;
  if (key && fresh) await forgetStart(key);
  const [loadPyodide, wheelBytes, saved] = await Promise.all([
    importRuntime(indexURL).then((loader) => loader.loadPyodide),
    verifiedWheel(new URL(wheel, base).href, wheelSha256),
    key && !fresh ? savedStart(key) : null,
  ]);
  let restored = false;
  if (saved) {
    try {
      const py = await loadPyodide({ indexURL, _loadSnapshot: saved.arrayBuffer() });
      handle = installRules(py, wheelBytes);
      restored = true;
    } catch {
      await forgetStart(key); // unusable: start from scratch below, and save a new one
    }
  }
  let snapshot = null;
  if (!handle) {
    let py;
    try {
      py = await loadPyodide({ indexURL, _makeSnapshot: Boolean(key) });
    } catch (error) {
      throw new Error(
        "Python, which runs the checklist's rules in your browser, could not be loaded. " +
          "The network may be down or blocking it.",
      );
    }
    handle = installRules(py, wheelBytes);
    if (key) snapshot = takeSnapshot(py); // before any answer reaches Python
  }
  status("ready", "The checklist is ready.", restored ? "saved" : "fresh");
  if (snapshot) await saveStart(key, prefix, snapshot);
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
