// @ts-check
// Register the service worker that keeps the site usable offline (see sw.js at the site root).
// A classic script on every page; the worker's URL and scope are the site root, found from this
// script's own address so the site works under any path (a GitHub Pages project site, say).
(() => {
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  const root = new URL("../../", /** @type {HTMLScriptElement} */ (document.currentScript).src);
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
      // Offline use is a bonus: the site works the same without it.
    });
  });
})();
