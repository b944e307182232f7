// The checklist's form: questions shown or hidden, the practitioner editor, Check your answers,
// and errors. It reads and writes the DOM the build generated (tools/sitegen/checklist_html.py);
// every text goes in with textContent, so nothing from the address is ever inserted as HTML.

import { linearVisible, questionOf, relevantVisible } from "./core.js";
import { make } from "./dom.js";

/**
 * The form view of one checklist.
 * @param {object} ctx
 * @param {HTMLElement} ctx.root the .lp-checklist element
 * @param {any[]} ctx.questions the page data's questions
 * @param {Record<string, any>} ctx.byId the questions by id
 */
export function createFormView({ root, questions, byId }) {
  const form = root.querySelector(".lp-form");
  const errorSummary = root.querySelector(".lp-error-summary");
  const answersEl = root.querySelector(".lp-answers");

  function fieldset(qid) {
    return form.querySelector(`[data-question="${CSS.escape(qid)}"]`);
  }

  function candidateRows() {
    return Array.from(form.querySelectorAll(".lp-candidate"));
  }

  function renumber() {
    candidateRows().forEach((row, i) => {
      row.querySelectorAll("[data-number]").forEach((n) => (n.textContent = String(i + 1)));
      row.querySelectorAll("select").forEach((select) => {
        const id = `candidate-${i}-${select.dataset.field}`;
        select.id = id;
        row.querySelector(`[data-for-field="${select.dataset.field}"]`).htmlFor = id;
      });
    });
    const full = candidateRows().length >= Number(fieldset("candidates").dataset.max);
    form.querySelector("[data-add-candidate]").disabled = full;
  }

  function addCandidate(values = {}) {
    const template = form.querySelector("#lp-candidate-template");
    const row = template.content.firstElementChild.cloneNode(true);
    form.querySelector("[data-candidate-list]").append(row);
    row.querySelectorAll("select").forEach((select) => {
      const value = values[select.dataset.field];
      if (Array.from(select.options).some((o) => o.value === value)) select.value = value;
    });
    renumber();
    return row;
  }

  function removeCandidate(button) {
    button.closest(".lp-candidate").remove();
    renumber();
  }

  function fillForm(answers) {
    for (const q of questions) {
      if (q.kind === "candidates") {
        form.querySelector("[data-candidate-list]").replaceChildren();
        (Array.isArray(answers.candidates) ? answers.candidates : []).forEach((c) =>
          addCandidate(c),
        );
        continue;
      }
      for (const radio of form.querySelectorAll(`input[name="${CSS.escape(q.id)}"]`)) {
        radio.checked = radio.value === answers[q.id];
      }
    }
  }

  function rowsFromForm() {
    return candidateRows().map((row) => {
      const item = {};
      row.querySelectorAll("select").forEach((s) => {
        if (s.value) item[s.dataset.field] = s.value;
      });
      return item;
    });
  }

  /** The answers the form holds now (URL values the form cannot show are dropped); the
   *  practitioners are read from the editor only when `saveCandidates`, else kept as they were. */
  function answersFromForm(saveCandidates, previous) {
    const next = {};
    for (const q of questions) {
      if (q.kind === "candidates") {
        if (saveCandidates) next.candidates = rowsFromForm();
        else if (Array.isArray(previous.candidates)) next.candidates = previous.candidates;
        continue;
      }
      const checked = form.querySelector(`input[name="${CSS.escape(q.id)}"]:checked`);
      if (checked) next[q.id] = checked.value;
    }
    return next;
  }

  function showOnly(visible) {
    for (const q of questions) fieldset(q.id).hidden = !visible.has(q.id);
  }

  /** Before the rules are ready: a plain linear flow, each question after the answered ones. */
  function showLinear(answers) {
    showOnly(linearVisible(questions, answers));
  }

  /** Once the rules answer: the answers that matter, and the next question needed. */
  function showRelevant(result) {
    showOnly(relevantVisible(result));
  }

  function clearErrors() {
    errorSummary.hidden = true;
    errorSummary.querySelector(".lp-error-list").replaceChildren();
    form.querySelectorAll(".lp-field-error").forEach((p) => (p.hidden = true));
    form.querySelectorAll(".lp-question--error").forEach((f) => f.classList.remove("lp-question--error"));
  }

  function focusQuestion(qid) {
    const fs = fieldset(qid);
    fs.hidden = false;
    const target =
      fs.querySelector("input:checked") || fs.querySelector("input, select, button");
    fs.scrollIntoView({ block: "center" });
    if (target) target.focus();
  }

  function showInvalid(message, field) {
    const qid = questionOf(field, byId);
    const param = /^answers\.([A-Za-z0-9_-]+)/.exec(field || "")?.[1] ?? field;
    const plain = qid
      ? `The answer for “${byId[qid].summary}” (${param}) is not one the checklist recognises. Choose an answer.`
      : `The link contains “${param}”, which this checklist does not use. Answer the questions below to continue.`;
    const item = make("li");
    if (qid) {
      const link = make("a", "", plain);
      link.href = `#q-${qid}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        focusQuestion(qid);
      });
      item.append(link);
      const fs = fieldset(qid);
      fs.hidden = false;
      fs.classList.add("lp-question--error");
      const inline = fs.querySelector(".lp-field-error");
      inline.textContent = plain;
      inline.hidden = false;
    } else {
      item.textContent = plain;
    }
    item.append(make("span", "lp-error-detail", ` Details: ${message}`));
    errorSummary.querySelector(".lp-error-list").replaceChildren(item);
    errorSummary.hidden = false;
  }

  function focusErrors() {
    errorSummary.focus();
  }

  /** Check your answers: each answer the outcome used, with a Change link to its question. */
  function renderAnswers(result, answers, roleLabel) {
    const list = answersEl.querySelector(".lp-summary-list");
    list.replaceChildren();
    for (const qid of result.relevant) {
      const q = byId[qid];
      const row = make("div", "lp-summary-row");
      let value;
      if (q.kind === "candidates") {
        value = answers.candidates.length
          ? answers.candidates.map((c) => roleLabel(c.role)).join(", ")
          : "None listed";
      } else {
        value = q.options.find((o) => o.id === answers[qid])?.label ?? answers[qid];
      }
      const change = make("a", "lp-change", "Change");
      change.href = `#q-${qid}`;
      change.append(make("span", "lp-visually-hidden", ` ${q.summary.toLowerCase()}`));
      change.addEventListener("click", (event) => {
        event.preventDefault();
        focusQuestion(qid);
      });
      const dd = make("dd", "lp-summary-action");
      dd.append(change);
      row.append(make("dt", "", q.summary), make("dd", "", value), dd);
      list.append(row);
    }
    answersEl.hidden = false;
  }

  function hideAnswers() {
    answersEl.hidden = true;
  }

  return {
    form,
    fieldset,
    addCandidate,
    removeCandidate,
    fillForm,
    rowsFromForm,
    answersFromForm,
    showLinear,
    showRelevant,
    clearErrors,
    showInvalid,
    focusErrors,
    focusQuestion,
    renderAnswers,
    hideAnswers,
  };
}
