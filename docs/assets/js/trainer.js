// @ts-check
// The trainer's view of the worked scenarios (docs/trainer.md, built by tools/sitegen/trainer.py).
//
// The page already holds every scenario and its outcome, worked out when the site was built; without
// this script they are shown one after another, each outcome inside a <details> element. This script
// shows one scenario at a time (ArrowLeft/ArrowRight, PageUp/PageDown as presentation clickers send,
// or the Previous/Next buttons), lets the room's prediction be chosen (click, or its number key), and
// reveals the outcome (the Reveal button, or R). No Python and no request: nothing is computed here.
// Its words are the page's data (the root's data-words: lp_rules texts.TRAINER_SCRIPT).

const root = document.querySelector("[data-trainer]");
if (root) setUp(/** @type {HTMLElement} */ (root));

/** The element the build made for `selector` inside `parent`: the page and this script come from
 *  one build (tools/sitegen/trainer.py), so it is there.
 *  @param {ParentNode} parent @param {string} selector @returns {HTMLElement} */
function part(parent, selector) {
  return /** @type {HTMLElement} */ (parent.querySelector(selector));
}

/** Every element for `selector` inside `parent`, in document order.
 *  @param {ParentNode} parent @param {string} selector @returns {HTMLElement[]} */
function parts(parent, selector) {
  return /** @type {HTMLElement[]} */ ([...parent.querySelectorAll(selector)]);
}

/** `{outcome}`: an outcome's title; `{n}` of `{total}`: a scenario's number.
 * @typedef {{scenario: string, reveal: string, hide: string, answer_tag: string,
 *   predicted: string, no_prediction: string, right: string, wrong: string}} Words */

/** @param {HTMLElement} root */
function setUp(root) {
  /** @type {Words} */
  const words = JSON.parse(root.dataset.words ?? "");
  const sections = parts(root, ".lp-trainer-scenario");
  const live = part(root, "[data-trainer-live]");
  /** Previous and next: the page has them once, and they move into the scenario shown, at its
   *  top and at its end. */
  const [topNav, endNav] = parts(root, ".lp-trainer-nav");
  let current = 0;

  root.classList.add("lp-trainer--js");
  parts(root, "[data-trainer-js]").forEach((el) => { el.hidden = false; });

  for (const section of sections) {
    // The outcome comes out of its <details>: the Reveal button shows and hides it from now on.
    const details = part(section, "details.lp-trainer-reveal");
    const outcome = part(details, ".lp-trainer-outcome");
    outcome.hidden = true;
    details.replaceWith(outcome);

    // Each possible outcome becomes a toggle button: the room's prediction.
    for (const item of parts(section, ".lp-trainer-choice")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "lp-trainer-choice-button";
      button.setAttribute("aria-pressed", "false");
      if (item.dataset.key) button.setAttribute("aria-keyshortcuts", item.dataset.key);
      button.append(...item.childNodes);
      const tag = document.createElement("span");
      tag.className = "lp-trainer-choice-tag";
      tag.textContent = words.answer_tag;
      tag.hidden = true;
      button.append(tag);
      button.addEventListener("click", () => predict(section, /** @type {string} */ (item.dataset.choice)));
      item.append(button);
    }
    part(section, "[data-trainer-reveal]")
      .addEventListener("click", () => reveal(section, !isRevealed(section)));
  }

  root.addEventListener("click", (event) => {
    if (!(event.target instanceof Element)) return;
    if (event.target.closest("[data-trainer-prev]")) go(current - 1);
    else if (event.target.closest("[data-trainer-next]")) go(current + 1);
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", () => {
    const index = fromHash();
    if (index !== null && index !== current) show(index, { focus: true });
  });
  show(fromHash() ?? 0, { focus: false });
  if (location.hash) sections[current].scrollIntoView({ block: "start" });

  /** The scenario the address names (#scenario-N), as an index, or null. */
  function fromHash() {
    const match = /^#scenario-(\d+)(?:-outcome)?$/.exec(location.hash);
    if (!match) return null;
    const n = Number(match[1]);
    return n >= 1 && n <= sections.length ? n - 1 : null;
  }

  /** @param {number} index @param {{focus: boolean}} options */
  function show(index, { focus }) {
    current = index;
    sections.forEach((s, i) => { s.hidden = i !== index; });
    const section = sections[index];
    section.prepend(topNav);
    section.append(endNav);
    for (const nav of [topNav, endNav]) {
      /** @type {HTMLButtonElement} */ (part(nav, "[data-trainer-prev]")).disabled = index === 0;
      /** @type {HTMLButtonElement} */ (part(nav, "[data-trainer-next]")).disabled = index === sections.length - 1;
    }
    const heading = part(section, "h2");
    const hash = `#${section.id}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
    if (focus) {
      section.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
      const scenario = words.scenario.replace("{n}", String(index + 1)).replace("{total}", String(sections.length));
      announce(`${scenario}: ${title(section)}`);
    }
  }

  /** @param {number} index */
  function go(index) {
    if (index < 0 || index >= sections.length || index === current) return;
    show(index, { focus: true });
  }

  /** @param {HTMLElement} section */
  function title(section) {
    return part(section, "h2").textContent?.trim();
  }

  /** @param {HTMLElement} section @param {string} code */
  function choiceTitle(section, code) {
    const item = part(section, `.lp-trainer-choice[data-choice="${CSS.escape(code)}"]`);
    return part(item, ".lp-trainer-choice-title").textContent;
  }

  /** @param {HTMLElement} section @param {string} code */
  function predict(section, code) {
    section.dataset.prediction = code;
    for (const item of parts(section, ".lp-trainer-choice")) {
      const chosen = item.dataset.choice === code;
      part(item, "button").setAttribute("aria-pressed", String(chosen));
      if (chosen) item.scrollIntoView({ block: "nearest" }); // the room sees what was chosen
    }
    if (isRevealed(section)) verdict(section);
    announce(words.predicted.replace("{outcome}", choiceTitle(section, code)));
  }

  /** @param {HTMLElement} section */
  function isRevealed(section) {
    return section.dataset.revealed === "true";
  }

  /** @param {HTMLElement} section @param {boolean} open */
  function reveal(section, open) {
    const outcome = part(section, ".lp-trainer-outcome");
    const button = part(section, "[data-trainer-reveal]");
    section.dataset.revealed = String(open);
    outcome.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? words.hide : words.reveal;
    const answer = /** @type {string} */ (section.dataset.scenarioRecommendation);
    for (const item of parts(section, ".lp-trainer-choice")) {
      const isAnswer = open && item.dataset.choice === answer;
      item.classList.toggle("lp-trainer-choice--answer", isAnswer);
      part(item, ".lp-trainer-choice-tag").hidden = !isAnswer;
    }
    if (!open) return;
    const said = verdict(section);
    button.parentElement?.scrollIntoView({ block: "start" });
    announce(`${part(outcome, ".lp-panel-kicker").textContent}: ${choiceTitle(section, answer)}. ${said}`);
  }

  /** Say whether the room's prediction was right; returns what it said.
   *  @param {HTMLElement} section @returns {string} */
  function verdict(section) {
    const el = part(section, "[data-trainer-verdict]");
    const predicted = section.dataset.prediction;
    const answer = section.dataset.scenarioRecommendation;
    let text;
    if (!predicted) {
      text = words.no_prediction;
      el.dataset.verdict = "none";
    } else if (predicted === answer) {
      text = words.right.replace("{outcome}", choiceTitle(section, predicted));
      el.dataset.verdict = "right";
    } else {
      text = words.wrong.replace("{outcome}", choiceTitle(section, predicted));
      el.dataset.verdict = "wrong";
    }
    el.textContent = text;
    el.hidden = false;
    return text;
  }

  /** @param {string} text */
  function announce(text) {
    // Cleared first, so the same words said twice are announced twice.
    live.textContent = "";
    requestAnimationFrame(() => { live.textContent = text; });
  }

  /** @param {KeyboardEvent} event */
  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof Element && target.closest("input, textarea, select, [contenteditable]")) return;
    const section = sections[current];
    const key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || key === "n") {
      go(current + 1);
    } else if (key === "ArrowLeft" || key === "PageUp" || key === "p") {
      go(current - 1);
    } else if (key === "r" || key === "R") {
      reveal(section, true);
    } else if (/^[0-9]$/.test(key)) {
      const item = /** @type {HTMLElement | null} */ (section.querySelector(`.lp-trainer-choice[data-key="${key}"]`));
      if (!item) return;
      predict(section, /** @type {string} */ (item.dataset.choice));
    } else if (key === "." || key === ",") {
      // The theme's keys for the next or previous page would end the session: ignored here.
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation(); // the theme listens on window; these keys are the trainer's here
  }
}
