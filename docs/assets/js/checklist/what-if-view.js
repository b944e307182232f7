//# allFunctionsCalledOnLoad
// @ts-check
// The what-if's notice: a "what would change it" alternative shows its outcome under a notice
// that says it is a what-if, what differs from the user's answers, and "Back to your answers".
// The entry module (checklist.js) keeps the user's answers, the address and the record theirs.

import { fill } from "./core.js";
import { make } from "./dom.js";

/**
 * The what-if notice, just above the outcome: what differs from the user's answers, and "Back
 * to your answers". The outcome below it is the what-if's; the user's answers, the address and
 * the record stay theirs.
 * @param {HTMLElement} outcomeEl
 * @param {import("./core.js").Words} words the page's words
 */
export function createWhatIfNotice(outcomeEl, words) {
  const box = make("div", "lp-notice lp-what-if");
  box.hidden = true;
  const text = make("p", "lp-what-if-text");
  text.tabIndex = -1;
  text.id = "lp-what-if-text";
  const keep = make("p", "", words.what_if_kept);
  const back = make("button", "lp-button lp-button-secondary", words.back);
  back.type = "button";
  back.dataset.whatIfBack = "";
  box.append(text, keep, back);
  outcomeEl.before(box);

  return {
    back,
    /** Show the notice for these changes ([question's summary, answer's label]), or hide it.
     *  @param {[string, string][] | null} changes */
    show(changes) {
      box.hidden = !changes;
      if (!changes) return;
      const joined = changes.map(([summary, label]) => fill(words.what_if_change, { question: summary, answer: label }))
        .join(` ${words.and} `);
      text.replaceChildren(make("strong", "", words.what_if), " ",
        fill(words.what_if_outcome, { changes: joined }));
    },
    focus() {
      box.scrollIntoView({ block: "start" });
      text.focus({ preventScroll: true });
    },
  };
}
