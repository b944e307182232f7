// @ts-check
// The checklist's rules, running in Python (Pyodide) inside a module Web Worker.
//
// Why a worker: loading Python takes a second or two and must not block the page, which is
// usable (answerable) from first paint. Every file comes from the site's own origin: no CDN, no
// package index, no micropip. The worker runs under its own Content-Security-Policy (a worker's
// policy comes from its script's response headers, not from the page: tools/sitegen/csp.py,
// WORKER_POLICY, sent by the host and added by the service worker): only the site's origin and
// 'wasm-unsafe-eval', so no eval, no blob: or data: scripts, no request to another host.
//
// Why every file is checked: the wheel is the rules, and the runtime (the WebAssembly engine, its
// JavaScript, the standard library, the lock file) runs them; a damaged or altered byte in any of
// them could change an outcome. The page carries the SHA-256 of the runtime's manifest
// (runtime.json beside pyodide.mjs: each runtime file's SHA-256 and size; tools/sitegen/
// runtime.py) and of the wheel. The worker downloads the manifest and refuses it unless it has
// that hash, then downloads each runtime file itself, counting the bytes as they arrive, and
// refuses any whose size or SHA-256 differs from its entry, before any of it runs:
//
// - the files Pyodide fetches (pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json) reach it
//   through this worker's `fetch`, which answers them with the checked bytes already in memory;
// - the two ES modules (pyodide.mjs, pyodide.asm.mjs) cannot be run from bytes in memory without
//   a blob: or data: URL or eval, which the worker's policy forbids (rightly). So they are
//   downloaded and checked first, and only then imported from the same URL: the URLs are
//   content-addressed and served "immutable" (caching.py), so the browser's module loader takes
//   the bytes just checked from its HTTP cache (or the service worker's copy, itself checked
//   against the build's hashes: sw.js) rather than the network. The gap that remains: a host
//   that forbids caching and sends different bytes for the same URL a second time. A damaged
//   download is refused before it is imported; an altered site could change this file anyway.
//
// Why a damaged file is fetched once more, past every cache: runtime files and the wheel are
// served "immutable" (their URLs name their content), so a copy damaged on the way (a host, a
// proxy or a network that altered a byte) stays in the browser's HTTP cache for a year, and every
// later load, Retry, reload or checklist got the same damaged copy. So a file that fails its size
// or hash check is downloaded once more with `cache: "reload"`, which goes to the host and
// replaces the HTTP cache's copy (the modules imported afterwards then get the good bytes); the
// service worker, which checks its own copies against the release's hashes (sw.js), deletes a copy
// that fails. Only if the second copy fails too is the file reported damaged. The Retry button
// (`fresh`) downloads every file this way from the start (decisions/0008).
//
// Why a missing file is checked against the site's current release: a page opened just before a
// new release was published names runtime and rules files (content-addressed) that the host no
// longer has. Retrying cannot bring them back; reloading the page gets the new release. So when
// such a file is not found (HTTP 404 or 410), the worker asks for the site's service worker script
// (sw.js, revalidated), which lists every file of the release the host now serves: if the missing
// file is not in it, the failure says that a new version was published and to reload
// (`action: "reload"`); otherwise it is reported as the host's error, as before.
//
// Why plain words and a watch on the bytes: a practitioner must know at once whether to wait,
// retry or use the decision table. While bytes arrive the page is told how much has arrived (at
// most once a second: PROGRESS_MS); nothing for STALL_MS while downloading is a stall; a damaged or
// incomplete file is reported as soon as its last byte arrives; a network error or an HTTP error
// is said in words, never as the browser's "Failed to fetch".
//
// Why a saved start-up: most of a second visit's wait is Python starting and importing the rules,
// which gives the same memory every time. So the first visit saves Pyodide's memory snapshot,
// taken once the rules are imported and before any answer reaches Python, in the browser's Cache
// Storage (never sent anywhere) with its SHA-256; later visits restore it instead of starting
// Python again. It is keyed by the runtime manifest's hash, the wheel's hash and this worker's
// own content-addressed folder, so a new version never uses an old one. A saved start-up whose
// bytes do not match its hash (truncated, damaged, or saved without one) is deleted and Python
// starts afresh in the same load, at once; one that fails to restore is deleted likewise, and
// the page's Retry button always starts afresh. The snapshot options (_makeSnapshot,
// _loadSnapshot) are Pyodide's own but not yet public API: tests/perf/test_saved_start.py fails
// if a Pyodide upgrade changes them, and the checklist still works without them.
//
// Why each step is timed: a returning visit's wait is spread over several steps that run side by
// side (the runtime's files read and checked, its modules imported, the saved start-up read and
// checked, Python restored, the rules installed), and which one is the longest depends on the
// machine and its load. Each is a performance measure ("files", "import", "read:<file>",
// "check:<file>", "read:saved-start", "check:saved-start", "restore", "fresh", and "install"
// after a restore), which DevTools' performance panel shows and a profiling script
// reads from the worker (performance.getEntriesByType("measure")); nothing is sent anywhere.
//
// Why no words of its own: every sentence a practitioner reads is in the rules package
// (lp_rules.checklists.texts CHECKLIST_SCRIPT, where an editor looks), and the page hands this
// worker its words in the init message (worker-client.js), as the page data holds them.
//
// Messages in:  {type: "init", root, pyodide, wheel, wheelSha256, runtimeSha256, words, fresh}
//               (fresh: the Retry button: every download past the caches, no saved start-up;
//               words: the page's words, schema()["words"])
//               {type: "evaluate", id, request}   (request: JSON text for lp_rules.bridge)
// Messages out: {type: "status", state: "loading", message, loaded, total} (bytes, or null)
//               {type: "status", state: "failed", message, action}
//               (action: "retry", or "reload" when a new version was published: Retry cannot work)
//               {type: "status", state: "ready", message, start}  (start: "saved" | "fresh")
//               {type: "reply", id, reply}         (reply: JSON text from lp_rules.bridge)

// No bytes at all for this long while downloading: a stall. Kept on this one line: the tests'
// served copy of the site changes only it (tests/browser/test_privacy_and_faults.py), to see a
// stall in seconds; nothing a page, a link or a request sends can change it.
const STALL_MS = 20000;
// At most one progress message a second. Each one costs the page a frame (the bar and its count
// laid out and the page repainted): on the slow phone (processor 4 times slower) about 30-50 ms
// of main-thread time, traced 2026-12-07, so at 4 a second (250 ms until then) the download took
// a sixth of the thread the answers given meanwhile need. At 1.6 Mbit/s the count, in tenths of
// a MB, moves by 0.2 a second: it still moves at every message.
const PROGRESS_MS = 1000;
const RESTORE_MS = 20000; // a saved start-up that takes longer than this is not used again
const MANIFEST = "runtime.json";
// What Pyodide loads from its folder, downloaded (and checked) at once so the page can be told
// how much there is; any other file it asks for is checked against the manifest the same way.
const PRELOAD = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
  "pyodide-lock.json"];
const TYPES = { ".wasm": "application/wasm", ".json": "application/json", ".zip": "application/zip" };
const START_CACHE = "lpg-python-start";
const START_HASH = "X-LPG-SHA256"; // the saved start-up's SHA-256, kept with it

import { fill } from "./checklist/core.js";

let handle = null; // lp_rules.bridge.handle once Python is ready
let done = false; // "ready" or "failed" has been sent: nothing more about loading is
const aborter = new AbortController(); // stops every download once loading has failed
let firstTry = "default"; // how a file is first fetched: "reload" (past the caches) on Retry
let site = null; // the site's root URL, once known
/** @type {Record<string, string>} */
let words = {}; // the page's words (the init message's), before anything is said

/** A failure to report as it is: its message is plain words for a practitioner; `action` is what
 *  the page should offer ("retry", or "reload" when only a new page can work). */
class LoadFailure extends Error {
  constructor(message, action = "retry") {
    super(message);
    this.action = action;
  }
}

/** A file whose size or SHA-256 is not the published one: worth one more download past the caches. */
class Mismatch extends LoadFailure {}

function post(message) {
  self.postMessage({ type: "status", ...message });
}

/** Report a failure (only the first: it is the cause) and stop every download. */
function fail(message, action = "retry") {
  if (done) return;
  done = true;
  post({ state: "failed", message, action });
  aborter.abort();
}

/** Report an error thrown while loading: a LoadFailure as it is, anything else in general words. */
function failWith(error) {
  if (error instanceof LoadFailure) fail(error.message, error.action);
  else fail(fill(words.not_loaded, { again: words.again }));
}

// ---- downloads: progress, stalls, and checks -------------------------------------------------

const progress = { total: 0, active: 0, lastByte: 0, sentAt: 0, timer: 0 };

// Bytes as they travel. A host that compresses sends far fewer bytes than the files hold (about
// 3.9 MB for Python's 14.3 MB), and says how many in Content-Length beside Content-Encoding; the
// stream gives the decompressed bytes, so each file's share of its bytes on the wire is its share
// of the decompressed ones. url -> {size: decompressed, wire: as sent (null: not said), loaded}.
const transfers = new Map();

/** The decompressed bytes of the counted files that have arrived so far. */
function arrived() {
  let loaded = 0;
  for (const t of transfers.values()) loaded += t.loaded;
  return loaded;
}

/** The bytes sent so far and in all, as the host sends them, once every counted file has
 *  started; null when one of them did not say its size (then the share of the files is shown). */
function onTheWire() {
  let loaded = 0;
  let total = 0;
  for (const t of transfers.values()) {
    if (t.wire == null || !t.size) return null;
    loaded += Math.min(t.loaded, t.size) * (t.wire / t.size);
    total += t.wire;
  }
  return { loaded, total };
}

/** How many bytes `response` will send for a file of `size` bytes: its Content-Length when it is
 *  compressed, the file's own size when it is not; null when it does not say. */
function wireSize(response, size) {
  const encoding = response.headers.get("Content-Encoding");
  if (!encoding || encoding === "identity") return size;
  const length = Number(response.headers.get("Content-Length"));
  return Number.isFinite(length) && length > 0 ? length : null;
}

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

/** Tell the page how much has arrived, at most every PROGRESS_MS (and always when all has): the
 *  bytes as sent when the host says them, otherwise the share of the files. */
function showProgress(force) {
  const now = performance.now();
  if (done || (!force && now - progress.sentAt < PROGRESS_MS)) return;
  progress.sentAt = now;
  const { total } = progress;
  const loaded = arrived();
  const what = words.downloading;
  // No figure until every file has started: a total of the files begun so far would grow.
  const wire = transfers.size < PRELOAD.length ? undefined : onTheWire();
  const figure = wire
    ? fill(words.downloaded_mb, { loaded: megabytes(wire.loaded), total: megabytes(wire.total) })
    : wire === null && total
      ? fill(words.downloaded_percent, { percent: String(Math.floor((100 * Math.min(loaded, total)) / total)) })
      : null;
  // The page shows what comes before the colon as the phase, and the whole beside the bar.
  const message = figure ? `${what}: ${figure}` : `${what}…`;
  post({ state: "loading", message, loaded: Math.min(loaded, total) || loaded, total: total || null });
}

/** A download started: while any is running, STALL_MS without a byte fails the load. */
function downloadStarted() {
  if (progress.active++ === 0) {
    progress.lastByte = performance.now();
    progress.timer = setInterval(() => {
      if (performance.now() - progress.lastByte > STALL_MS) {
        fail(fill(words.download_stalled, { seconds: String(STALL_MS / 1000), network: words.network }));
      }
    }, 1000);
  }
}

function downloadEnded() {
  if (--progress.active === 0) clearInterval(progress.timer);
}

function bytesArrived(count, transfer) {
  progress.lastByte = performance.now();
  if (transfer) {
    transfer.loaded += count;
    showProgress(false);
  }
}

/** Run `step` and record its time as the performance measure `name` (see the top of this file). */
async function timed(name, step) {
  const start = performance.now();
  try {
    return await step();
  } finally {
    performance.measure(name, { start });
  }
}

/** Hex SHA-256 of some bytes. */
async function sha256(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** One file from the site, as bytes, refused unless its size and SHA-256 are `expected`'s.
 *  `what` names it for a practitioner (a `file_` word: "Part of Python..."). A copy that
 *  fails the check is downloaded once more past every cache (see the top of this file). */
async function download(url, what, expected, counted) {
  try {
    return await downloadOnce(url, what, expected, counted, firstTry);
  } catch (error) {
    if (!(error instanceof Mismatch) || firstTry === "reload" || done) throw error;
    return downloadOnce(url, what, expected, counted, "reload");
  }
}

/** One download of `url` with this cache mode, checked as `download` says. */
async function downloadOnce(url, what, expected, counted, cache) {
  const began = performance.now();
  const file = url.slice(url.lastIndexOf("/") + 1);
  const damaged = new Mismatch(fill(words.damaged, { what, again: words.again }));
  let size = 0;
  let transfer = null;
  downloadStarted();
  try {
    let response;
    try {
      response = await siteFetch(url, { signal: aborter.signal, cache });
    } catch {
      throw new LoadFailure(fill(words.not_downloaded, { what, network: words.network }));
    }
    if (!response.ok) {
      if ((response.status === 404 || response.status === 410) && (await replaced(url))) {
        throw new LoadFailure(words.published, "reload");
      }
      throw new LoadFailure(httpError(what, response.status));
    }
    // A counted file's transfer, started afresh on a second try.
    transfer = counted ? { size: expected.size, wire: wireSize(response, expected.size), loaded: 0 } : null;
    if (transfer) transfers.set(url, transfer);
    bytesArrived(0, null);
    const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
    const chunks = [];
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        throw new LoadFailure(fill(words.cut_off, { what, network: words.network }));
      }
      if (chunk.done) break;
      chunks.push(chunk.value);
      size += chunk.value.length;
      bytesArrived(chunk.value.length, transfer);
      if (expected.size != null && size > expected.size) {
        reader.cancel().catch(() => {});
        throw damaged;
      }
    }
    if (expected.size != null && size < expected.size) {
      throw new Mismatch(fill(words.incomplete, { what, again: words.again }));
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    performance.measure(`read:${file}`, { start: began });
    if ((await timed(`check:${file}`, () => sha256(bytes))) !== expected.sha256) throw damaged;
    return bytes;
  } catch (error) {
    if (transfer) transfer.loaded = 0; // not used: a second download counts afresh
    throw error;
  } finally {
    downloadEnded();
  }
}

/** What to say when the site answered a download of `what` with an HTTP error `status`. */
function httpError(what, status) {
  return fill(words.http_error, { what, status: String(status), again: words.again });
}

/** Is the release the host now serves one without this file (a new version was published)?
 *  Its service worker script lists every file of it (see the top of this file); unknown (no
 *  answer, or no list) counts as no. */
async function replaced(url) {
  if (!site || !url.startsWith(site)) return false;
  try {
    const response = await siteFetch(new URL("sw.js", site).href, { cache: "no-cache", signal: aborter.signal });
    const listing = response.ok ? await response.text() : "";
    // A built site's list (an unbuilt one, "const PRECACHE = [];", lists nothing to go by).
    return /const PRECACHE = \[\[/.test(listing) && !listing.includes(JSON.stringify(url.slice(site.length)));
  } catch {
    return false;
  }
}

// ---- the runtime's files, checked, and Pyodide's fetch -----------------------------------------

/** URL of a runtime file -> Promise of its checked bytes (filled in by `start`). */
const runtimeFiles = new Map();
let runtime = null; // {indexURL, files: manifest entries by name}

/** The checked bytes of one runtime file, downloading it on first use (a failure is reported at
 *  once, whoever is waiting for it). */
function runtimeFile(name) {
  const url = new URL(name, runtime.indexURL).href;
  if (!runtimeFiles.has(url)) {
    const entry = runtime.files[name];
    const bytes = entry
      ? download(url, words.file_python, entry, PRELOAD.includes(name))
      : Promise.reject(new LoadFailure(fill(words.not_published, { name, again: words.again })));
    bytes.catch(failWith);
    runtimeFiles.set(url, bytes);
  }
  return runtimeFiles.get(url);
}

// Pyodide downloads its WebAssembly, standard library and lock file with `fetch`: it gets the
// bytes checked above, never unchecked ones. Anything else goes to the network as asked, and a
// failure is reported at once (Pyodide's loader logs a failed download and then waits forever).
const siteFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
  if (runtime && url.href.startsWith(runtime.indexURL)) {
    const name = url.pathname.slice(new URL(runtime.indexURL).pathname.length);
    const bytes = await runtimeFile(name);
    const type = TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
    return new Response(bytes, { headers: { "Content-Type": type } });
  }
  try {
    const response = await siteFetch(input, init);
    if (!response.ok) fail(httpError(words.file_needed, response.status));
    return response;
  } catch (error) {
    fail(fill(words.not_downloaded, { what: words.file_needed, network: words.network }));
    throw error;
  }
};

/** The runtime's manifest, refused unless it is exactly the one the page was published with. */
async function loadManifest(indexURL, runtimeSha256) {
  const bytes = await download(new URL(MANIFEST, indexURL).href,
    words.file_list, { sha256: runtimeSha256, size: null }, false);
  runtime = { indexURL, files: JSON.parse(new TextDecoder().decode(bytes)).files };
  progress.total = PRELOAD.reduce((sum, name) => sum + (runtime.files[name]?.size ?? 0), 0);
}

/** Pyodide's loader, once both its modules' bytes are checked (see the top of this file). */
async function importRuntime() {
  await Promise.all(["pyodide.mjs", "pyodide.asm.mjs"].map(runtimeFile));
  const [loader] = await Promise.all(
    ["pyodide.mjs", "pyodide.asm.mjs"].map((name) => import(new URL(name, runtime.indexURL).href)),
  ).catch(() => {
    throw new LoadFailure(fill(words.not_started, { again: words.again }));
  });
  return loader.loadPyodide;
}

// ---- saved start-ups (Cache Storage; see the top of this file) --------------------------------

/** The saved start-up for this key, as bytes whose SHA-256 matches the one saved with them; null
 *  if there is none, or if it is unusable (then it is deleted: the next start is a fresh one). */
async function savedStart(key) {
  let saved;
  try {
    saved = await (await caches.open(START_CACHE)).match(key);
  } catch {
    return null; // no Cache Storage here (a private window, say): Python starts from scratch
  }
  if (!saved) return null;
  try {
    const expected = saved.headers.get(START_HASH);
    const bytes = new Uint8Array(await timed("read:saved-start", () => saved.arrayBuffer()));
    if (expected && (await timed("check:saved-start", () => sha256(bytes))) === expected) return bytes;
  } catch {
    // unreadable: as unusable
  }
  await forgetStart(key);
  return null;
}

/** Keep one saved start-up per site: this one, replacing any for an older version. */
async function saveStart(key, prefix, bytes) {
  try {
    const digest = await sha256(bytes);
    const cache = await caches.open(START_CACHE);
    for (const old of await cache.keys()) {
      if (old.url.startsWith(prefix) && old.url !== key) await cache.delete(old);
    }
    await cache.put(key, new Response(bytes, {
      headers: { "Content-Type": "application/octet-stream", [START_HASH]: digest },
    }));
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

/** The key of this runtime's, wheel's and worker's saved start-up; null without Cache Storage. */
function startKey(prefix, runtimeSha256, wheelSha256) {
  if (!("caches" in self)) return null;
  // This file's folder is named by its content (tools/sitegen/caching.py): a changed worker, which
  // may take or restore the start-up differently, never restores an older worker's.
  const folder = self.location.pathname.split("/").at(-2) ?? "";
  const worker = /^[0-9a-f]{16}$/.test(folder) ? folder : "dev";
  return `${prefix}${runtimeSha256.slice(0, 16)}-${wheelSha256.slice(0, 16)}-${worker}`;
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

/** Python restored from a saved start-up; null (and the start-up deleted) if it cannot be. */
async function restore(loadPyodide, snapshot, wheelBytes, key) {
  let timer;
  const tooLong = new Promise((resolve) => {
    timer = setTimeout(resolve, RESTORE_MS, "timeout");
  });
  try {
    const restoring = timed("restore", () => loadPyodide({ indexURL: runtime.indexURL, _loadSnapshot: snapshot }));
    const py = await Promise.race([restoring, tooLong]);
    if (py === "timeout") {
      await forgetStart(key);
      throw new LoadFailure(words.saved_unusable);
    }
    return await timed("install", async () => installRules(py, wheelBytes));
  } catch (error) {
    if (error instanceof LoadFailure) throw error;
    await forgetStart(key); // unusable: start from scratch, and save a new one
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function start({ root, pyodide, wheel, wheelSha256, runtimeSha256, fresh }) {
  post({ state: "loading", message: words.loading, loaded: null, total: null });
  if (!self.isSecureContext || !self.crypto?.subtle) {
    // Every file is checked with crypto.subtle, which browsers give only to https pages and
    // to localhost: on http://<an address on the network> the checks cannot run, so neither can
    // the rules (README: "Try it on a phone").
    throw new LoadFailure(words.insecure);
  }
  const base = new URL(root, self.location.href);
  site = base.href;
  if (fresh) firstTry = "reload";
  const prefix = new URL("python-start/", base).href;
  const key = startKey(prefix, runtimeSha256, wheelSha256);
  if (key && fresh) await forgetStart(key);
  // Read from the start: 31 MB from Cache Storage, needing nothing the manifest says.
  const saved = key && !fresh ? savedStart(key) : null;
  await loadManifest(new URL(pyodide, base).href, runtimeSha256);
  PRELOAD.forEach(runtimeFile);
  const wheelBytes = download(new URL(wheel, base).href, words.file_rules,
    { sha256: wheelSha256, size: null }, false);
  wheelBytes.catch(failWith);
  const [loadPyodide, rules, snapshot] = await timed("files", () => Promise.all([
    timed("import", importRuntime),
    wheelBytes,
    saved,
    ...PRELOAD.map(runtimeFile),
  ]));
  showProgress(true);
  let restored = false;
  if (snapshot) {
    post({ state: "loading", message: words.starting_saved, loaded: null, total: null });
    handle = await restore(loadPyodide, snapshot, rules, key);
    restored = Boolean(handle);
  }
  let saving = null;
  if (!handle) {
    post({ state: "loading", message: words.starting, loaded: null, total: null });
    let py;
    try {
      py = await timed("fresh", () => loadPyodide({ indexURL: runtime.indexURL, _makeSnapshot: Boolean(key) }));
    } catch {
      throw new LoadFailure(fill(words.python_failed, { again: words.again }));
    }
    handle = installRules(py, rules); // and the snapshot at once: no answer can come between
    if (key) saving = takeSnapshot(py); // before any answer reaches Python
  }
  if (done) return; // a failure was reported meanwhile: it stands
  done = true;
  post({ state: "ready", message: words.ready, start: restored ? "saved" : "fresh" });
  if (saving) await saveStart(key, prefix, saving);
}

self.addEventListener("message", async (/** @type {MessageEvent} */ event) => {
  const message = event.data;
  if (message.type === "init") {
    words = message.words;
    try {
      await start(message);
    } catch (error) {
      failWith(error);
    }
  } else if (message.type === "evaluate" && handle && !aborter.signal.aborted) {
    let reply;
    try {
      reply = handle(message.request);
    } catch (error) {
      reply = JSON.stringify({ type: "error", message: String(error) });
    }
    self.postMessage({ type: "reply", id: message.id, reply });
  }
});
