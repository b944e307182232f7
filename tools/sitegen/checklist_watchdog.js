// @ts-check
// The checklist page's watchdog: says so in plain words when the checklist's own modules
// (checklist.js and checklist/*.js) do not start, whatever the cause (missing, cut short,
// damaged and refused by their integrity check, the wrong type, a script error), and offers the
// decision table, which needs no script. Without it the page would invite answers forever.
//
// A classic inline script, written into every checklist page by tools/sitegen/checklist_html.py
// and allowed by its SHA-256 hash in the page's Content-Security-Policy (tools/sitegen/csp.py).
// The entry module marks the checklist data-started when it has set itself up. A module script
// runs before DOMContentLoaded, so at that event the modules have started or failed; a module
// still downloading after START_MS (a stalled or very slow network) is reported too, and the
// report withdrawn if the modules start after all.
(() => {
  const START_MS = 10_000;
  const script = document.currentScript;
  const root = script && script.closest(".lp-checklist");
  if (!(root instanceof HTMLElement)) return;
  const notice = /** @type {HTMLElement} */ (root.querySelector(".lp-start-failed"));
  const parts = /** @type {HTMLElement[]} */ ([...root.querySelectorAll(".lp-status, .lp-form")]);
  /** @param {boolean} failed */
  function show(failed) {
    notice.hidden = !failed;
    for (const part of parts) part.hidden = failed;
    const table = document.getElementById("decision-table");
    if (failed && table instanceof HTMLDetailsElement) table.open = true;
  }
  document.addEventListener("DOMContentLoaded", () => show(!root.dataset.started));
  setTimeout(() => {
    if (!root.dataset.started) show(true);
  }, START_MS);
})();
