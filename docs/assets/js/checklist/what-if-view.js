//# allFunctionsCalledOnLoad
// @ts-check
// The what-if's notice: a "what would change it" alternative shows its outcome under a notice
// that says it is a what-if, what differs from the user's answers, and "Back to your answers".
// The entry module (checklist.js) keeps the user's answers, the address and the record theirs.

import { make } from "./dom.js";

/**
 * The what-if notice, just above the outcome: what differs from the user's answers, and "Back
 * to your answers". The outcome below it is the what-if's; the user's answers, the address and
 * the record stay theirs.
 * @param {HTMLElement} outcomeEl
 */
export function createWhatIfNotice(outcomeEl) {
  const box = make("div", "lp-notice lp-what-if");
  box.hidden = true;
  const text = make("p", "lp-what-if-text");
  text.tabIndex = -1;
  text.id = "lp-what-if-text";
  const keep = make("p", "", "Your own answers are kept: the link to this page, the record, Copy and " +
    "Download are for your answers, not this what-if.");
  const back = make("button", "lp-button lp-button-secondary", "Back to your answers");
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
      const parts = changes.map(([summary, label]) => `“${summary}” were “${label}”`);
      text.replaceChildren(make("strong", "", "You are looking at a what-if:"),
        ` the outcome if ${parts.join(" and ")}.`);
    },
    focus() {
      box.scrollIntoView({ block: "start" });
      text.focus({ preventScroll: true });
    },
  };
}
