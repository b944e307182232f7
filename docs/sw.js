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
//   ever mean one content, so any copy of it, in any release's cache, is right. Cache first.
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
// Nothing kept here holds an answer. Answers live only in a checklist page's address (its query);
// pages are stored under their address without the query, only when a release is installed, and
// matched without it (ignoreSearch), so no key or body in any cache holds a query
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
const scope = new URL("./", self.location.href);
const HASHES = new Map(PRECACHE.map(([path, integrity]) => [new URL(path, scope).href, integrity]));

/** Is this URL's content fixed by its name? */
function contentAddressed(url) {
  return CONTENT_ADDRESSED.test(new URL(url).pathname);
}

/** A request for one listed file: checked against its hash, and past the HTTP cache unless its
 * name fixes its content (then a copy the browser already has is right and saves a download). */
function listed([path, integrity]) {
  const url = new URL(path, scope).href;
  return new Request(url, { integrity, cache: contentAddressed(url) ? "default" : "no-cache" });
}

/** Put the listed files that are not there yet into a cache (all or none). */
async function fill(cacheName, entries) {
  const cache = await caches.open(cacheName);
  const missing = [];
  for (const entry of entries) {
    if (!(await cache.match(new URL(entry[0], scope).href))) missing.push(entry);
  }
  await cache.addAll(missing.map(listed));
}

self.addEventListener("install", (event) => {
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

self.addEventListener("activate", (event) => {
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
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
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

/** Content-addressed files: any cached copy, else the network. */
async function fixed(request) {
  return (await caches.match(request.url, { ignoreSearch: true })) ?? fetch(request);
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
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "cache-runtime") {
    event.waitUntil(fill(RUNTIME_CACHE, RUNTIME));
  }
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (new URL(request.url).pathname.endsWith("/rules-worker.js")) {
    event.respondWith(fixed(request).then(withWorkerPolicy));
  } else if (contentAddressed(request.url)) event.respondWith(fixed(request));
  else event.respondWith(releaseFile(event));
});
