// @ts-check
// Service worker: the site keeps working offline once visited, every new release reaches the
// reader, and a page and the files it uses always come from one release.
//
// The build (tools/sitegen/offline.py) fills in VERSION (a hash of every file), PRECACHE (every
// page and file but the Python runtime, each with its SHA-256), RUNTIME (the Python runtime,
// pyodide/<hash>/, kept only once a checklist has used it, so a guidance-only visit never
// downloads it) and CONTENT_ADDRESSED (tools/sitegen/caching.py: which URLs hold a hash of their
// content). Two kinds of file, two rules:
//
// - Content-addressed files (the runtime, the wheel, every script and style): a URL can only
//   ever mean one content, so a copy of it in any release's cache is right, once checked against
//   the hash this release lists for it (5 below). Cache first.
// - Release files (pages, the search index, images): the same URL has new content in a new
//   release. Online they come from the network, checked with the host whatever its cache headers
//   say (cache: "no-cache"), so a new release shows on the reader's first load after it is
//   published. Offline they come from this worker's own release cache, and never from another's.
//
// What was wrong before, and why it is done this way:
//
// 1. Scripts, styles and the wheel kept their names across releases and were served cache
//    first, from whichever cache had them: a page fresh from the network ran next to the
//    previous release's scripts, and the previous wheel failed its hash check on every load.
//    Now everything a page runs is content-addressed, so no cache can hold a stale copy of it.
// 2. The precache was fetched through the browser's HTTP cache, where the wheel (same name,
//    cached for a year) was still the old one: the new release's cache got the old wheel and the
//    checklists stayed broken until the site's data was cleared. Now release files are fetched
//    past the HTTP cache and every file is checked against the hash the build recorded
//    (integrity): a release's cache holds exactly that release, or the install fails and the
//    browser tries again on a later visit.
// 3. A new worker took over at once (skipWaiting, clients.claim) and deleted the old caches:
//    pages still open from the old release then got the new release's files, or lost the old
//    runtime and wheel they still needed (gone from the host too). Now the new worker waits, as
//    service workers do by default, until no page the old one serves is open; only then does it
//    take over and delete the old caches. Meanwhile online readers already get the new release
//    from the network (above); only the offline copy waits, and it is always one whole release.
// 4. Pages fetched from the network were written into the running worker's cache, so an old
//    release's cache gained newer pages, shown offline next to older files. Now a release's
//    cache is written only when it is installed (and the runtime when a checklist asks).
//
// 5. A content-addressed copy was served as it was, unchecked: one damaged on disk (or written by
//    anything else with access to the site's storage) broke the checklists until the site's data
//    was cleared. Now a copy is served only if it matches the hash this release lists for it (every
//    file is listed, the runtime included); one that does not is deleted, the file is fetched past
//    the HTTP cache (cache: "reload", which may hold the same damage), and the fresh copy, if it
//    matches, takes its place, so the offline copy is whole again. A copy this release does not
//    list (another release's file) is used only when the network fails. The rules worker checks
//    every runtime and rules file it gets and asks once more past the caches if one fails
//    (rules-worker.js); the worker's own script, which nothing else can check, is checked here
//    before the browser runs it, cached or not (decisions/0008).
//
// Which release each page came from is remembered by its client id: from this cache, or from
// the network with exactly the bytes this release has (its SHA-256), is this release; anything
// else is another release. A page of this release gets its release files from this cache (fast,
// and right even when the host has moved on); a page of another release gets them from the
// network only. When the worker has been restarted and does not know a page, release files come
// from the network, and from this cache only if the network fails.
//
// Offline, an address this worker has no copy of (never published, or mistyped) gets the site's
// own "Using the guide offline" page (offline/), at that address, in place of the browser's error
// page: it says what works offline. It is served with a <base> and Material's base set to where
// it really lives, so its links, styles and search work at any depth.
//
// Nothing kept here holds an answer. Answers live only in a checklist page's address (its fragment,
// or an older link's query); pages are stored under their address without the query, only when a
// release is installed, and matched without it (ignoreSearch; a cache never matches on a fragment),
// so no key or body in any cache holds either
// (tests/perf/test_offline.py searches them all for a marker answer).
//
// The checklists' rules worker (rules-worker.js) gets its own Content-Security-Policy whenever
// this worker serves it (WORKER_POLICY, tools/sitegen/csp.py): a worker takes its policy from its
// script's response headers, not from the page, and not every host can set headers.
//
// The saved Python start-up ("lpg-python-start") belongs to the checklists' worker
// (rules-worker.js), which keys it by the runtime's and the rules' hashes and replaces it itself,
// so it is left alone here.

const VERSION = "dev";
const RUNTIME_VERSION = "dev";
const PRECACHE = [];
const RUNTIME = [];
const CONTENT_ADDRESSED = /(?!)/;
const WORKER_POLICY = "";
const OFFLINE_PAGE = "offline/";

const SITE_CACHE = `lpg-site-${VERSION}`;
const RUNTIME_CACHE = `lpg-runtime-${RUNTIME_VERSION}`;
const KEPT = [SITE_CACHE, RUNTIME_CACHE, "lpg-python-start"];
// This script's global scope, a service worker's (TypeScript's worker library calls \`self\` a
// dedicated worker's, whose events are not these).
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const scope = new URL("./", sw.location.href);
// Every file of this release (the runtime too) by URL, with its SHA-256 as an integrity value.
const HASHES = new Map([...PRECACHE, ...RUNTIME].map(([path, integrity]) => [new URL(path, scope).href, integrity]));
const RUNTIME_URLS = new Set(RUNTIME.map(([path]) => new URL(path, scope).href));

/** Is this URL's content fixed by its name? */
function contentAddressed(url) {
  return CONTENT_ADDRESSED.test(new URL(url).pathname);
}

/** A request for one listed file: checked against its hash, and past the HTTP cache unless its
 * name fixes its content (then a copy the browser already has is right and saves a download), or
 * unless `past` (the HTTP cache's copy was found damaged). */
function listed([path, integrity], past = false) {
  const url = new URL(path, scope).href;
  return new Request(url, { integrity, cache: past ? "reload" : contentAddressed(url) ? "default" : "no-cache" });
}

/** Put the listed files that are not there yet into a cache (all or none). A content-addressed
 * file the HTTP cache holds damaged (kept "immutable" for a year) fails its integrity check, so a
 * failed attempt is made once more past the HTTP cache, which replaces its copy. */
async function fill(cacheName, entries) {
  const cache = await caches.open(cacheName);
  const missing = [];
  for (const entry of entries) {
    if (!(await cache.match(new URL(entry[0], scope).href))) missing.push(entry);
  }
  try {
    await cache.addAll(missing.map((entry) => listed(entry)));
  } catch {
    await cache.addAll(missing.map((entry) => listed(entry, true)));
  }
}

sw.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await fill(SITE_CACHE, PRECACHE);
    // A reader who has used the checklists keeps them offline across an update that changes
    // the runtime: fetch the new one now, before the old one is deleted on activation.
    const names = await caches.keys();
    if (names.some((name) => name.startsWith("lpg-runtime-") && name !== RUNTIME_CACHE)) {
      await fill(RUNTIME_CACHE, RUNTIME);
    }
  })());
  // No skipWaiting: see 3 above.
});

sw.addEventListener("activate", (event) => {
  // Runs only when no page of the previous release is open (3 above), so deleting is safe. No
  // clients.claim: a page is served by the worker that served it when it loaded, or by none.
  event.waitUntil(
    caches.keys().then((names) => Promise.all(
      names
        .filter((name) => name.startsWith("lpg-") && !KEPT.includes(name))
        .map((name) => caches.delete(name)),
    )),
  );
});

// ---- which release each page is from -----------------------------------------------------

/** Client id -> Promise of true (a page of this release) or false (of another release). */
const releaseOf = new Map();

async function sha256(response) {
  return integrityOf(await response.arrayBuffer());
}

/** Some bytes' SHA-256 as an integrity value ("sha256-<base64>"), as the build lists them. */
async function integrityOf(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return `sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}

function remember(clientId, verdict) {
  if (!clientId) return;
  if (releaseOf.size > 200) releaseOf.clear(); // ids of closed pages; the rest fall back safely
  releaseOf.set(clientId, verdict.catch(() => false));
}

// ---- responses -------------------------------------------------------------------------------

/** Pages: the network (checked with the host), this release's copy when offline. */
async function page(event) {
  const { request } = event;
  const key = new URL(request.url);
  key.search = "";
  let response;
  try {
    response = await fetch(request, { cache: "no-cache" });
  } catch (error) {
    const cached = await (await caches.open(SITE_CACHE)).match(key.href) ?? await offlinePage();
    if (!cached) throw error;
    remember(event.resultingClientId, Promise.resolve(true));
    return cached;
  }
  const expected = HASHES.get(key.href);
  remember(event.resultingClientId, response.ok && expected
    ? sha256(response.clone()).then((actual) => actual === expected)
    : Promise.resolve(false));
  return response;
}

/** The "Using the guide offline" page, made to work at whatever address it is shown. */
async function offlinePage() {
  const cached = await (await caches.open(SITE_CACHE)).match(new URL(OFFLINE_PAGE, scope).href);
  if (!cached) return undefined;
  const home = new URL(OFFLINE_PAGE, scope).href;
  const html = (await cached.text())
    .replace(/(<meta http-equiv="Content-Security-Policy"[^>]*>)/, `$1<base href="${home}">`)
    .replace(/"base": "[^"]*"/, `"base": ${JSON.stringify(scope.href)}`);
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/** The rules worker's script, with its own policy (see the top of this file). */
async function withWorkerPolicy(response) {
  const headers = new Headers(response.headers);
  headers.set("Content-Security-Policy", WORKER_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Content-addressed files: a cached copy that matches this release's hash, else the network (see
 * 5 at the top of this file). With `whole` (a small file nothing else checks), the network's copy
 * is checked here too, and fetched once more past the HTTP cache if it does not match; the
 * result is then `damaged` if it still does not. */
async function fixed(event, whole = false) {
  const { request } = event;
  const url = new URL(request.url);
  url.search = "";
  const expected = HASHES.get(url.href);
  if (!expected) return unlisted(request, url.href);
  const emptied = []; // caches whose copy was damaged, and deleted
  for (const name of await caches.keys()) {
    if (!name.startsWith("lpg-") || name === "lpg-python-start") continue;
    const cache = await caches.open(name);
    const copy = await cache.match(url.href);
    if (!copy) continue;
    const bytes = await copy.arrayBuffer();
    if ((await integrityOf(bytes)) === expected) return rebuilt(copy, bytes);
    await cache.delete(url.href);
    emptied.push(cache);
  }
  // A damaged copy may have come from the HTTP cache, which holds the same file "immutable".
  let response = await fetch(request, emptied.length ? { cache: "reload" } : {});
  if (whole && response.ok) {
    let bytes = await response.arrayBuffer();
    if ((await integrityOf(bytes)) !== expected && !emptied.length) {
      response = await fetch(request, { cache: "reload" });
      bytes = await response.arrayBuffer();
    }
    if (response.ok && (await integrityOf(bytes)) !== expected) return DAMAGED;
    response = rebuilt(response, bytes);
  }
  const home = emptied.length ? emptied : await missingFrom(url.href);
  if (response.ok && home.length) event.waitUntil(putIfRight(response.clone(), url.href, expected, home));
  return response;
}

const DAMAGED = "damaged";

/** A copy of another release's file (this release lists all its own): it cannot be checked
 *  here, so it is used only when the network fails (the rules worker checks what it gets). */
async function unlisted(request, key) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(key);
    if (!cached) throw error;
    return cached;
  }
}

/** A cached response's bytes, read to check them, as a response again. */
function rebuilt(copy, bytes) {
  return new Response(bytes, { status: copy.status, statusText: copy.statusText, headers: copy.headers });
}

/** This release's cache of a listed file, if that cache exists and lacks it (its copy was deleted
 *  as damaged by an earlier load); else none. The runtime's cache is made only when a checklist
 *  asks (cache-runtime), never here. */
async function missingFrom(key) {
  const name = RUNTIME_URLS.has(key) ? RUNTIME_CACHE : SITE_CACHE;
  if (!(await caches.has(name))) return [];
  const cache = await caches.open(name);
  return (await cache.match(key)) ? [] : [cache];
}

/** Keep a fresh copy in these caches if it is exactly this release's file. */
async function putIfRight(response, key, expected, into) {
  const bytes = await response.arrayBuffer();
  if ((await integrityOf(bytes)) !== expected) return; // still damaged: the rules worker says so
  await Promise.all(into.map((cache) => cache.put(key, rebuilt(response, bytes))));
}

/** The rules worker's script, checked before the browser runs it, cached or not (nothing else can
 * check it: it is what checks everything else), with its own policy (see the top of this file).
 * If it does not match even past the HTTP cache, a stand-in runs that tells the page. */
async function rulesWorker(event) {
  const response = await fixed(event, true);
  return withWorkerPolicy(response === DAMAGED ? damagedWorker() : response);
}

/** A worker script that only reports that the real one arrived damaged (the rules worker's
 *  protocol, rules-worker.js), so the page says so in plain words. */
function damagedWorker() {
  const message = "The checklist's rules worker arrived damaged: it does not match the one this " +
    "site published, so it was not used. Reload the page or press the button below to try again; " +
    "if this keeps happening, tell the site's owners.";
  const script = `self.postMessage(${JSON.stringify({ type: "status", state: "failed", message, action: "retry" })});\n`;
  return new Response(script, { status: 200, headers: { "Content-Type": "text/javascript", "Cache-Control": "no-store" } });
}

/** Release files: from the release their page is from (see the top of this file). */
async function releaseFile(event) {
  const { request } = event;
  const cache = await caches.open(SITE_CACHE);
  const mine = await (releaseOf.get(event.clientId) ?? null);
  if (mine === true) {
    return (await cache.match(request.url, { ignoreSearch: true })) ?? fetch(request, { cache: "no-cache" });
  }
  try {
    return await fetch(request, { cache: "no-cache" });
  } catch (error) {
    const cached = mine === null ? await cache.match(request.url, { ignoreSearch: true }) : undefined;
    if (cached) return cached;
    throw error;
  }
}

// A checklist page, once its rules are running, asks for the runtime to be kept for offline
// use. The files were just downloaded, so this is normally served from the HTTP cache.
sw.addEventListener("message", (event) => {
  if (event.data && event.data.type === "cache-runtime") {
    event.waitUntil(fill(RUNTIME_CACHE, RUNTIME));
  }
});

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (new URL(request.url).pathname.endsWith("/rules-worker.js")) event.respondWith(rulesWorker(event));
  else if (contentAddressed(request.url)) event.respondWith(/** @type {Promise<Response>} */ (fixed(event))); // not `whole`: never DAMAGED
  else event.respondWith(releaseFile(event));
});
