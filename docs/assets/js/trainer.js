// The trainer's view of the worked scenarios (docs/trainer.md, built by tools/sitegen/trainer.py).
//
// The page already holds every scenario and its outcome, worked out when the site was built; without
// this script they are shown one after another, each outcome inside a <details> element. This script
// shows one scenario at a time (ArrowLeft/ArrowRight, PageUp/PageDown as presentation clickers send,
// or the Previous/Next buttons), lets the room's prediction be chosen (click, or its number key), and
// reveals the outcome (the Reveal button, or R). No Python and no request: nothing is computed here.

const root = document.querySelector("[data-trainer]");
if (root) setUp(root);

function setUp(root) {
  const sections = [...root.querySelectorAll(".lp-trainer-scenario")];
  const live = root.querySelector("[data-trainer-live]");
  let current = 0;

  root.classList.add("lp-trainer--js");
  root.querySelectorAll("[data-trainer-js]").forEach((el) => { el.hidden = false; });

  for (const section of sections) {
    // The outcome comes out of its <details>: the Reveal button shows and hides it from now on.
    const details = section.querySelector("details.lp-trainer-reveal");
    const outcome = details.querySelector(".lp-trainer-outcome");
    outcome.hidden = true;
    details.replaceWith(outcome);

    // Each possible outcome becomes a toggle button: the room's prediction.
    for (const item of section.querySelectorAll(".lp-trainer-choice")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "lp-trainer-choice-button";
      button.setAttribute("aria-pressed", "false");
      if (item.dataset.key) button.setAttribute("aria-keyshortcuts", item.dataset.key);
      button.append(...item.childNodes);
      const tag = document.createElement("span");
      tag.className = "lp-trainer-choice-tag";
      tag.textContent = "The checklist's outcome";
      tag.hidden = true;
      button.append(tag);
      button.addEventListener("click", () => predict(section, item.dataset.choice));
      item.append(button);
    }
    section.querySelector("[data-trainer-reveal]")
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

  function show(index, { focus }) {
    current = index;
    sections.forEach((s, i) => { s.hidden = i !== index; });
    const section = sections[index];
    const heading = section.querySelector("h2");
    const hash = `#${section.id}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
    if (focus) {
      section.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
      announce(`Scenario ${index + 1} of ${sections.length}: ${title(section)}`);
    }
  }

  function go(index) {
    if (index < 0 || index >= sections.length || index === current) return;
    show(index, { focus: true });
  }

  function title(section) {
    return section.querySelector("h2").textContent.trim();
  }

  function choiceTitle(section, code) {
    const item = section.querySelector(`.lp-trainer-choice[data-choice="${CSS.escape(code)}"]`);
    return item.querySelector(".lp-trainer-choice-title").textContent;
  }

  function predict(section, code) {
    section.dataset.prediction = code;
    for (const item of section.querySelectorAll(".lp-trainer-choice")) {
      const chosen = item.dataset.choice === code;
      item.querySelector("button").setAttribute("aria-pressed", String(chosen));
      if (chosen) item.scrollIntoView({ block: "nearest" }); // the room sees what was chosen
    }
    if (isRevealed(section)) verdict(section);
    announce(`The room's prediction: ${choiceTitle(section, code)}`);
  }

  function isRevealed(section) {
    return section.dataset.revealed === "true";
  }

  function reveal(section, open) {
    const outcome = section.querySelector(".lp-trainer-outcome");
    const button = section.querySelector("[data-trainer-reveal]");
    section.dataset.revealed = String(open);
    outcome.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "Hide the outcome" : "Reveal the outcome";
    const answer = section.dataset.scenarioRecommendation;
    for (const item of section.querySelectorAll(".lp-trainer-choice")) {
      const isAnswer = open && item.dataset.choice === answer;
      item.classList.toggle("lp-trainer-choice--answer", isAnswer);
      item.querySelector(".lp-trainer-choice-tag").hidden = !isAnswer;
    }
    if (!open) return;
    const said = verdict(section);
    button.parentElement.scrollIntoView({ block: "start" });
    announce(`${outcome.querySelector(".lp-panel-kicker").textContent}: ${choiceTitle(section, answer)}. ${said}`);
  }

  /** Say whether the room's prediction was right; returns what it said. */
  function verdict(section) {
    const el = section.querySelector("[data-trainer-verdict]");
    const predicted = section.dataset.prediction;
    const answer = section.dataset.scenarioRecommendation;
    let text;
    if (!predicted) {
      text = "The room made no prediction.";
      el.dataset.verdict = "none";
    } else if (predicted === answer) {
      text = `✓ Right: the room predicted “${choiceTitle(section, predicted)}”.`;
      el.dataset.verdict = "right";
    } else {
      text = `✗ Not this time: the room predicted “${choiceTitle(section, predicted)}”.`;
      el.dataset.verdict = "wrong";
    }
    el.textContent = text;
    el.hidden = false;
    return text;
  }

  function announce(text) {
    // Cleared first, so the same words said twice are announced twice.
    live.textContent = "";
    requestAnimationFrame(() => { live.textContent = text; });
  }

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
      const item = section.querySelector(`.lp-trainer-choice[data-key="${key}"]`);
      if (!item) return;
      predict(section, item.dataset.choice);
    } else if (key === "." || key === ",") {
      // The theme's keys for the next or previous page would end the session: ignored here.
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation(); // the theme listens on window; these keys are the trainer's here
  }
}
