// Per-answer latency, in the page: change the last visible choice question's answer (a question
// with a Continue: the practitioner editor has radios of its own but no Continue) to its next option
// and continue (two clicks, as a person would: the answer takes effect on Continue), and time from
// Continue two ways:
// - js: until the page has acted on it. The page's handlers run within the click, so when the
//   page has changed by the time the click returns (its pending mutation records say so), the
//   time is the click's: checklist.js's own work in the answer's event (deciding from the compiled
//   rules, showing the next question or the outcome). Otherwise it is the time to the first change
//   after the click. Timing the click itself keeps the bench's own observer (marks.mjs, which runs
//   just after the page's work) out of this figure.
// - paint: until the frame that shows the change has been rendered (style, layout and paint on
//   the main thread: window.__lpNextPaint in marks.mjs), which is what a person sees; it includes
//   the wait for that frame to begin (frameWait) and the frame's own work (render: the page's
//   animation-frame callbacks, which move focus and scroll, then style, layout and paint). The
//   frame is asked for just before the click, so its callback runs first in that frame.
export default async (count) => {
  const root = document.querySelector(".lp-checklist");
  const watch = { subtree: true, childList: true, attributes: true, characterData: true };
  const firstChange = () => new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
    observer.observe(root, watch);
    setTimeout(() => reject(new Error("the page did not change within 60 s of an answer")), 60_000);
  });
  const times = [];
  for (let i = 0; i < count; i++) {
    const sets = [...root.querySelectorAll(".lp-form [data-question]:not([hidden])")]
      .filter((set) => set.querySelector(".lp-continue"));
    const radios = [...sets[sets.length - 1].querySelectorAll("input[type=radio]")];
    const next = radios[(radios.findIndex((r) => r.checked) + 1) % radios.length];
    next.click();
    await window.__lpNextPaint(); // the choice's own frame, not counted
    const pending = new MutationObserver(() => {});
    pending.observe(root, watch);
    const frameAfterClick = window.__lpNextPaint(); // asked first: its callback runs before the page's
    const started = performance.now();
    sets[sets.length - 1].querySelector(".lp-continue").click();
    const returned = performance.now();
    const changed = pending.takeRecords().length > 0;
    pending.disconnect();
    const acted = changed ? returned : await firstChange();
    const { frame, painted } = await (changed ? frameAfterClick : window.__lpNextPaint());
    times.push({ js: acted - started, paint: painted - started, frameWait: frame - acted,
      render: painted - frame });
    await new Promise((resolve) => setTimeout(resolve, 60)); // a brisk person, not a flood
  }
  return times;
};
