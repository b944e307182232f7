//# allFunctionsCalledOnLoad
// @ts-check
// Who-should-lead's practitioners ("candidates"), GOV.UK's add-another pattern: one
// practitioner's questions at a time (radios), saved as a summary card ("Practitioner 1: Health
// visitor", the answers, Change and Remove), up to the question's most (8); "Use these
// practitioners" is the question's Continue. It reads and writes the DOM the build generated
// (tools/sitegen/checklist_html.py: the editor, and a card template cloned per practitioner);
// every text goes in with textContent. Its words are the list's own, from the page data
// (`question.editor`, written in lp_rules/checklists/practitioners.py): this file writes none.
//
// The list being edited lives here until "Use these practitioners" confirms it as the answer;
// what the page must know meanwhile (the list changed, so an outcome worked out from the old one
// is withdrawn; a practitioner saved with a question unanswered) goes to the page's state as
// state.js's events. The editor's radios and buttons are not questions: their events stop here,
// so the page's question handlers (checklist.js: Continue, Enter on an option) never see them.

import { candidateErrors, fieldMessage, fill } from "./core.js";
import { find } from "./dom.js";

/** @typedef {import("./core.js").Question} Question */
/** @typedef {import("./core.js").Row} Row */
/** @typedef {import("./core.js").FieldError} FieldError */
/** @typedef {import("./state.js").Event} StateEvent */

/**
 * The list's words (lp_rules.model.ListEditor, as the schema exports them): braces name what
 * the page fills in, `{n}` (a practitioner's number), `{<field id>}` (that answer's label),
 * `{title}` (a card's title).
 * @typedef {{title: string, name: string, add_first: string, add_another: string,
 *   removed: string, moved_up: string}} EditorWords
 */

/** The editor's radios are named "candidate-<field>" (checklist_html.CANDIDATE_PREFIX). */
const PREFIX = "candidate-";

/**
 * @param {{fieldset: HTMLElement, question: Question, dispatch: (event: StateEvent) => void}} ctx
 */
export function createPractitionersEditor({ fieldset, question, dispatch }) {
  /** @type {HTMLElement} */
  const body = find(fieldset, "[data-candidates]");
  /** @type {HTMLElement} */
  const list = find(body, "[data-candidate-list]");
  /** @type {HTMLElement} */
  const editor = find(body, "[data-candidate-editor]");
  /** @type {HTMLElement} */
  const actions = find(body, "[data-candidate-actions]");
  /** @type {HTMLElement} */
  const notice = find(body, "[data-candidate-notice]");
  /** @type {HTMLButtonElement} */
  const addButton = find(body, "[data-add-candidate]");
  /** @type {HTMLElement} */
  const full = find(body, "[data-candidate-full]");
  /** @type {HTMLTemplateElement} */
  const template = find(body, "#lp-candidate-card-template");
  const fields = question.fields ?? [];
  const max = question.max_items ?? 8;
  const words = /** @type {{editor: EditorWords}} */ (/** @type {unknown} */ (question)).editor;
  /** The practitioners saved (cards), in order. @type {Row[]} */
  let saved = [];
  /** The practitioner whose questions are open (saved.length: a new one), or null. @type {number | null} */
  let editing = null;

  /** @param {Question} field @param {string} value */
  const label = (field, value) => field.options?.find((o) => o.id === value)?.label ?? value;
  /** What the list's words fill in for practitioner `i`: their number and their answers' labels.
   *  @param {number} i @returns {Record<string, string>} */
  const values = (i) => Object.fromEntries([["n", String(i + 1)],
    ...fields.map((f) => [f.id, label(f, saved[i][f.id])])]);
  /** "Practitioner 2: GP", the card's title. @param {number} i */
  const title = (i) => fill(words.title, values(i));

  /** @param {Question} field @returns {HTMLInputElement[]} */
  function radios(field) {
    return Array.from(editor.querySelectorAll(`input[name="${CSS.escape(PREFIX + field.id)}"]`));
  }

  /** @returns {HTMLElement[]} */
  function cards() {
    return Array.from(list.querySelectorAll(".lp-candidate"));
  }

  /** The cards for the practitioners saved, and "Add another" (or, at the most, a sentence). */
  function render() {
    const made = saved.map((row, i) => {
      const card = /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
      card.dataset.index = String(i);
      find(card, "[data-title]").textContent = title(i);
      const name = fill(words.name, values(i));
      card.querySelectorAll("[data-name]").forEach((n) => (n.textContent = name));
      for (const f of fields.slice(1)) {
        find(card, `[data-value-for="${CSS.escape(f.id)}"]`).textContent = label(f, row[f.id]);
      }
      return card;
    });
    list.replaceChildren(...made);
    const atMost = saved.length >= max;
    /** @type {HTMLElement} */ (addButton.parentElement).hidden = atMost;
    addButton.textContent = saved.length ? words.add_another : words.add_first;
    full.hidden = !atMost;
  }

  /** Focus an element, scrolled into view below the site's sticky header if it is not in view.
   *  @param {HTMLElement} element */
  function focus(element) {
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "nearest" });
  }

  /** Open practitioner `i`'s questions (a card's Change: in the card's place, its answers kept).
   *  @param {number} i @param {{focus?: boolean}} [options] */
  function open(i, { focus: moveFocus = true } = {}) {
    if (editing !== null) close();
    editing = i;
    notice.hidden = true;
    const row = saved[i] ?? {};
    for (const f of fields) for (const radio of radios(f)) radio.checked = radio.value === row[f.id];
    find(editor, "[data-number]").textContent = String(i + 1);
    const card = cards()[i];
    if (card) {
      card.before(editor);
      card.hidden = true;
    } else {
      list.after(editor);
    }
    editor.hidden = false;
    actions.hidden = true;
    body.classList.add("lp-candidates--editing");
    if (moveFocus) focus(find(editor, "#candidate-editor-title"));
  }

  /** Close the questions, their answers cleared (a card holds what was saved). */
  function close() {
    editing = null;
    editor.hidden = true;
    list.after(editor);
    for (const f of fields) for (const radio of radios(f)) radio.checked = false;
    actions.hidden = false;
    body.classList.remove("lp-candidates--editing");
    render();
  }

  /** "Save practitioner": every question answered, or an error on each one that is not. */
  function save() {
    const i = editing;
    if (i === null) return;
    /** @type {Row} */
    const row = {};
    for (const f of fields) {
      const chosen = radios(f).find((r) => r.checked);
      if (chosen) row[f.id] = chosen.value;
    }
    /** @type {FieldError[]} */
    const errors = fields.filter((f) => !row[f.id])
      .map((f) => ({ question: question.id, row: i, field: f.id, message: fieldMessage(f, i) }));
    if (errors.length) {
      dispatch({ type: "continue-refused", errors });
      return;
    }
    const changed = fields.some((f) => saved[i]?.[f.id] !== row[f.id]);
    saved = saved.map((r, j) => (j === i ? row : r));
    if (i === saved.length) saved.push(row);
    close();
    dispatch(changed ? { type: "practitioners-edited" } : { type: "errors-dismissed" });
    focus(find(cards()[i], "[data-title]"));
  }

  /** "Cancel": the questions close, nothing saved; focus back where the user came from. */
  function cancel() {
    const i = editing;
    close();
    dispatch({ type: "errors-dismissed" });
    const card = i === null ? undefined : cards()[i];
    focus(card ? find(card, "[data-change-candidate]") : addButton);
  }

  /** "Remove": said in a status message, which takes focus (the card it was on has gone).
   *  @param {number} i */
  function remove(i) {
    const removed = title(i);
    saved = saved.filter((_, j) => j !== i);
    render();
    dispatch({ type: "practitioners-edited" });
    const said = fill(words.removed, { title: removed });
    notice.textContent = i < saved.length ? `${said} ${words.moved_up}` : said;
    notice.hidden = false;
    focus(notice);
  }

  /** "Use these practitioners": the list becomes the question's answer (nobody listed is an
   *  error: it is not "nobody suitable"). */
  function use() {
    notice.hidden = true;
    const errors = candidateErrors(saved, question);
    if (errors.length) dispatch({ type: "continue-refused", errors });
    else dispatch({ type: "answer-confirmed", question: question.id, value: saved.map((r) => ({ ...r })) });
  }

  body.addEventListener("click", (event) => {
    event.stopPropagation();
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button) return;
    const card = button.closest(".lp-candidate");
    const index = card instanceof HTMLElement ? Number(card.dataset.index) : -1;
    if (button.matches("[data-add-candidate]")) open(saved.length);
    else if (button.matches("[data-save-candidate]")) save();
    else if (button.matches("[data-cancel-candidate]")) cancel();
    else if (button.matches("[data-change-candidate]")) open(index);
    else if (button.matches("[data-remove-candidate]")) remove(index);
    else if (button.matches("[data-save-candidates]")) use();
  });
  body.addEventListener("change", (event) => event.stopPropagation());
  body.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.target instanceof HTMLInputElement)) return;
    // Enter on an option saves the practitioner, as a form's submit button would.
    event.stopPropagation();
    event.preventDefault();
    save();
  });

  return {
    /** The practitioners of an answer (a link, Back, Start again): cards, the questions closed.
     *  @param {Row[]} rows */
    fill(rows) {
      saved = rows.map((r) => ({ ...r }));
      notice.hidden = true;
      close();
    },
    /** Where an error on a practitioner goes: the question it names (practitioner `row`'s
     *  questions opened for it), or null for the list as a whole.
     *  @param {FieldError} error
     *  @returns {{group: HTMLElement, box: HTMLElement, message: HTMLElement, control: HTMLElement} | null}
     *  the question's form group, its fieldset, its error message and its first radio */
    fieldFor(error) {
      if (error.row === null || !error.field || error.row > saved.length) return null;
      if (editing !== error.row) open(error.row, { focus: false });
      /** @type {HTMLElement} */
      const group = find(editor, `[data-field="${CSS.escape(error.field)}"]`);
      return { group, box: find(group, "fieldset"), message: find(group, ".lp-field-error"), control: find(group, "input") };
    },
    /** The first control of the list (a card's Change, or "Add a practitioner"), or of the
     *  questions while they are open. @returns {HTMLElement} */
    firstControl() {
      return find(body, editing === null ? "button:not([hidden] *)" : "#candidate-editor-title");
    },
    addButton,
  };
}
