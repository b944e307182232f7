// In a checklist page with nothing answered: answer "Yes" to significant harm and continue (two
// clicks, as a person would: the answer takes effect on Continue) and time from Continue until the
// urgent outcome is in the page (ms) and until the frame that shows it has been rendered (paint:
// style, layout and paint on the main thread, window.__lpNextPaint in marks.mjs; frameWait and
// render split it as in latency.mjs); and whether Python was ready when the answer was given (on
// a cold phone it is not: the compiled decisions answer alone). The page's handlers run within the
// click: when the urgent outcome is there as the click returns, ms is the click's (so the bench's
// own observer, marks.mjs, which runs just after, is not counted); otherwise the time to the first
// change that shows it.
// The tap on "Yes" itself (the first tap on an option of a cold page: it shows the question's
// Continue) is timed the same way, from the tap until its own frame has been rendered (tapPaint,
// tapRender: that frame's own work): until 2026-12-07 its frame was waited for but not counted,
// though it is the first response a person gets, and the one the page's first style and layout
// after its start fall in.
export default async () => {
  const root = document.querySelector(".lp-checklist");
  const urgent = () => root.querySelector(".lp-panel--urgent[data-decided]");
  const shown = () => new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (urgent()) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true });
    setTimeout(() => reject(new Error("no urgent outcome within 60 s of the answer")), 60_000);
  });
  const pythonReady = document.querySelector(".lp-status")?.dataset.state === "ready";
  const tapFrame = window.__lpNextPaint(); // asked first, as for Continue's below
  const tapped = performance.now();
  root.querySelector('input[name="harm"][value="yes"]').click();
  const tap = await tapFrame;
  const frameAfterClick = window.__lpNextPaint(); // asked first: its callback runs before the page's
  const started = performance.now();
  root.querySelector('[data-question="harm"] .lp-continue').click();
  const returned = performance.now();
  const atOnce = Boolean(urgent());
  const acted = atOnce ? returned : await shown();
  const { frame, painted } = await (atOnce ? frameAfterClick : window.__lpNextPaint());
  return { ms: acted - started, paint: painted - started, frameWait: frame - acted,
    render: painted - frame, pythonReady, tapPaint: tap.painted - tapped,
    tapRender: tap.painted - tap.frame };
};
