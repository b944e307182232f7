// Service worker: the site keeps working offline once visited, and a new version replaces the
// old one cleanly.
//
// The build (tools/sitegen/offline.py) fills in VERSION (a hash of every file) and PRECACHE
// (every page and asset) and RUNTIME (the Python runtime, pyodide/). Pages are fetched
// network-first, so a new version shows as soon as it is online, with the cached copy as the
// fallback; everything else is cache-first. The runtime is cached only once a checklist has used
// it (so a guidance-only visit never downloads it), in a cache named after the runtime's own
// hash, so it survives site updates that do not change it. The saved Python start-up
// ("lpg-python-start") belongs to the checklists' worker (assets/js/rules-worker.js), which keys it
// by the runtime's and the rules' hashes and replaces it itself, so it is left alone here.

const VERSION = "dev";
const RUNTIME_VERSION = "dev";
const PRECACHE = [];
const RUNTIME = [];

const SITE_CACHE = `lpg-site-${VERSION}`;
const RUNTIME_CACHE = `lpg-runtime-${RUNTIME_VERSION}`;
const KEPT = [SITE_CACHE, RUNTIME_CACHE, "lpg-python-start"];
const scope = new URL("./", self.location.href);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SITE_CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names
          .filter((name) => name.startsWith("lpg-") && !KEPT.includes(name))
          .map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

/** Pages: the network first (fresh content), the cached page when offline. */
async function page(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(SITE_CACHE);
      cache.put(new URL(request.url).pathname, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

/** Assets and the runtime: the cache first, then the network (and keep what it returns). */
async function asset(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const runtime = new URL(request.url).pathname.startsWith(new URL("pyodide/", scope).pathname);
    const cache = await caches.open(runtime ? RUNTIME_CACHE : SITE_CACHE);
    cache.put(request, response.clone());
  }
  return response;
}

// A checklist page, once its rules are running, asks for the runtime to be kept for offline
// use. The files were just downloaded, so this is normally served from the HTTP cache.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "cache-runtime") {
    event.waitUntil(
      caches.open(RUNTIME_CACHE).then((cache) => cache.addAll(RUNTIME.map((path) => new URL(path, scope).href))),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  event.respondWith(request.mode === "navigate" ? page(request) : asset(request));
});
