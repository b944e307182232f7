// Injected by Playwright before the page's own scripts (the page itself carries no hook): records
// when the checklist becomes operable (checklist.js has wired the form: data-started; the page's
// HTML already has inputs and a status before its script arrives, and an answer given then is
// not acted on), when the outcome is first on screen (from the compiled decisions:
// data-decided), when Python has completed it (data-recommendation), and when the status says
// ready or failed.
window.__lpMarks = {};
new MutationObserver(() => {
  const marks = window.__lpMarks;
  const now = performance.now();
  const status = document.querySelector(".lp-status, #stock-status");
  if (!marks.operable && document.querySelector(".lp-checklist[data-started]")) {
    const first = document.querySelector(".lp-form input, .lp-form select");
    if (first && first.offsetParent !== null) marks.operable = now;
  }
  if (!marks.ready && status && status.dataset.state === "ready") marks.ready = now;
  if (!marks.failed && status && status.dataset.state === "failed") marks.failed = now;
  if (!marks.decided && document.querySelector("[data-decided]")) marks.decided = now;
  if (!marks.outcome && document.querySelector("[data-recommendation]")) marks.outcome = now;
}).observe(document, { subtree: true, childList: true, attributes: true });

// For the in-page programs that time an answer to the next paint (latency.mjs, urgent.mjs): the
// time the next frame's rendering began (its animation-frame callbacks run in the order they were
// asked for, before its style, layout and paint: asked for before the click, this one runs before
// the page's) and the time it ended (a message posted from that callback is delivered only once the frame's rendering task
// is done). Exact to the microsecond, unlike the Event Timing API's 8 ms steps, and it works for
// the programs' synthetic clicks, which Event Timing does not report.
window.__lpNextPaint = () => new Promise((resolve) => {
  requestAnimationFrame(() => {
    const frame = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve({ frame, painted: performance.now() });
    channel.port2.postMessage(null);
  });
});
