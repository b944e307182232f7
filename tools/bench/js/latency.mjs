// Per-answer latency, in the page: change the last visible question's answer to its next option
// and continue (two clicks, as a person would: the answer takes effect on Continue) and time from
// Continue until the page has acted on it (the first DOM change after that click). Includes checklist.js's own work on the main
// thread (the address update, deciding from the compiled rules, building the outcome).
export default async (count) => {
  const root = document.querySelector(".lp-checklist");
  const rendered = () => new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => reject(new Error("the page did not change within 60 s of an answer")), 60_000);
  });
  const times = [];
  for (let i = 0; i < count; i++) {
    const sets = [...root.querySelectorAll(".lp-form [data-question]:not([hidden])")]
      .filter((set) => set.querySelector("input[type=radio]"));
    const radios = [...sets[sets.length - 1].querySelectorAll("input[type=radio]")];
    const next = radios[(radios.findIndex((r) => r.checked) + 1) % radios.length];
    next.click();
    const done = rendered();
    const started = performance.now();
    sets[sets.length - 1].querySelector(".lp-continue").click();
    times.push((await done) - started);
    await new Promise((resolve) => setTimeout(resolve, 60)); // a brisk person, not a flood
  }
  return times;
};
