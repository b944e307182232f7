// In a checklist page with nothing answered: answer "Yes" to significant harm and continue (two
// clicks, as a person would: the answer takes effect on Continue) and time from Continue until the
// urgent outcome is on screen; and whether Python was ready when the answer was given (on a cold
// phone it is not: the compiled decisions answer alone). The page's handlers run within the
// click: when the urgent outcome is there as the click returns, the time is the click's (so the
// bench's own observer, marks.mjs, which runs just after, is not counted); otherwise the time to
// the first change that shows it.
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
  root.querySelector('input[name="harm"][value="yes"]').click();
  const started = performance.now();
  root.querySelector('[data-question="harm"] .lp-continue').click();
  const returned = performance.now();
  return { ms: (urgent() ? returned : await shown()) - started, pythonReady };
};
