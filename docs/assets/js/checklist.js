// The checklist page: answers in the form and in the URL, rules evaluated in a Web Worker.
//
// This file holds no rule, question or outcome wording: questions come from the page's JSON data
// block (generated from lp_rules at build time) and outcomes from lp_rules in the worker. It wires
// the pieces, each with one job (docs/assets/js/checklist/):
//   core.js           answers <-> address, which questions show (pure, unit-tested)
//   worker-client.js  the rules worker, its status and request ids
//   form-view.js      questions, the practitioner editor, Check your answers, errors
//   outcome-view.js   the outcome and the record
// and keeps the page's state: the answers, the record, and whether the rules are ready.

import { queryFor, readQuery, today } from "./checklist/core.js";
import { make } from "./checklist/dom.js";
import { createFormView } from "./checklist/form-view.js";
import { createOutcomeView } from "./checklist/outcome-view.js";
import { createRulesClient } from "./checklist/worker-client.js";

const el = document.querySelector(".lp-checklist");
if (el) main(el);

function main(root) {
  const data = JSON.parse(root.querySelector(".lp-data").textContent);
  const questions = data.questions;
  const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
  const candidatesQ = questions.find((q) => q.kind === "candidates");
  const statusEl = root.querySelector(".lp-status");
  const retryRow = root.querySelector(".lp-retry-row");
  const live = make("p", "lp-visually-hidden");
  live.setAttribute("aria-live", "polite");
  root.append(live);
  const siteRoot = new URL(data.root, document.baseURI);
  const linkNotice = root.querySelector(".lp-link-notice");

  let answers = readQuery(location.search, questions);
  // A record's link says which outcome the rules gave when the record was made (see record.py).
  let recordedOutcome = new URLSearchParams(location.search).get(data.outcomeParam);
  // The address as opened is read by the rules first (lp_rules.links): an older link is
  // migrated, parameters that are not questions are ignored. Until then, the form shows what
  // it can of the address as it is.
  let linkUnread = location.search.length > 1;
  let ready = false;
  let shownRecommendation = null;
  let record = "";
  // Arrow keys in a radio group change the answer as the user moves through the options; the
  // outcome that appears is then announced, not focused, so focus stays where they are.
  let arrowing = false;
  let moveFocus = true;
  // Once the rules are ready, the address is updated after their answer is shown, not before the
  // question goes to them: the history update then never delays the answer (see catchUpAddress).
  let addressBehind = false;

  const view = createFormView({ root, questions, byId });
  const outcome = createOutcomeView({
    root, data, byId, siteRoot, live, state: () => ({ answers, record, recordedOutcome }),
  });
  const { form } = view;
  const rules = createRulesClient({
    init: {
      root: siteRoot.href,
      pyodide: data.pyodide,
      wheel: data.wheel,
      wheelSha256: data.wheelSha256,
      runtimeSha256: data.runtimeSha256,
    },
    onStatus,
    onReply,
  });

  function writeQuery(push) {
    const params = queryFor(answers, questions, data.versionParam, data.linkVersion);
    if (recordedOutcome) params.set(data.outcomeParam, recordedOutcome);
    const url = `${location.pathname}?${params}`;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function hideOutcome() {
    outcome.hide();
    view.hideAnswers();
    shownRecommendation = null;
  }

  function showResult(result, moveFocus) {
    view.clearErrors();
    view.showRelevant(result);
    if (result.status !== "complete") {
      hideOutcome();
      const next = byId[result.next[0]];
      live.textContent = `Next question: ${next.text}`;
      return;
    }
    const appearing = shownRecommendation === null;
    const changed = shownRecommendation !== result.recommendation;
    outcome.render(result);
    view.renderAnswers(result, answers, outcome.roleLabel);
    shownRecommendation = result.recommendation;
    if (changed) live.textContent = `Outcome: ${result.title}`;
    if (appearing && moveFocus) outcome.focus();
  }

  function showInvalid(message, field) {
    view.showInvalid(message, field);
    hideOutcome();
    view.focusErrors();
  }

  // ---- the worker -----------------------------------------------------------------------

  function setStatus(state, message) {
    statusEl.dataset.state = state;
    statusEl.textContent = message;
    retryRow.hidden = state !== "failed";
    if (state === "failed") {
      ready = false; // answers now go only to the address and the plain linear flow
      delete root.dataset.busy;
      catchUpAddress();
      statusEl.textContent = `${message} You can still use the decision table below and the guidance it links to; your answers are kept in the page address.`;
      const table = document.getElementById("decision-table");
      if (table) table.open = true;
    }
  }

  function onStatus(state, message, start) {
    if (state === "loading") ready = false;
    setStatus(state, message);
    if (state === "ready") {
      ready = true;
      statusEl.dataset.pythonStart = start; // "saved" or "fresh": see rules-worker.js
      if (linkUnread) readLink();
      else evaluate();
      keepForOffline();
    }
  }

  function evaluate() {
    if (!ready) {
      view.showLinear(answers);
      return;
    }
    const page = location.origin + location.pathname;
    const request = JSON.stringify({ tool: data.tool, answers, profile: data.profile, date: today(), page });
    ask(request);
  }

  /** Send the rules a request; the checklist is marked busy until its reply is shown, so a
   *  test (or anything else) can wait for the page to settle. */
  function ask(request) {
    root.dataset.busy = "true";
    rules.ask(request);
  }

  function onReply(replyText) {
    delete root.dataset.busy;
    try {
      showReply(JSON.parse(replyText));
    } finally {
      catchUpAddress();
    }
  }

  /** Ask the rules to read the address as opened (lp_rules.links.read_link). */
  function readLink() {
    const request = JSON.stringify({ type: "link", tool: data.tool, query: location.search });
    ask(request);
  }

  /** The rules have read the address: answer with what they read, and say if it was migrated. */
  function applyLink(reply) {
    linkUnread = false;
    answers = reply.answers;
    recordedOutcome = reply.recorded_outcome;
    if (reply.notice) {
      linkNotice.querySelector("[data-notice-text]").textContent = reply.notice;
      linkNotice.hidden = false;
    }
    view.fillForm(answers);
    writeQuery(false);
    evaluate();
  }

  function showReply(reply) {
    if (reply.type === "link") {
      applyLink(reply);
    } else if (reply.type === "result") {
      record = reply.record;
      showResult(reply.result, moveFocus);
    } else if (reply.type === "invalid") {
      showInvalid(reply.message, reply.field);
    } else {
      hideOutcome();
      setStatus("failed", `Something went wrong while working out the answer (${reply.message}).`);
    }
  }

  /** Ask the service worker (sw.js), if there is one, to keep the runtime for offline use. */
  function keepForOffline() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready
      .then((registration) => registration.active?.postMessage({ type: "cache-runtime" }))
      .catch(() => {});
  }

  // ---- wiring ---------------------------------------------------------------------------

  form.addEventListener("keydown", (event) => {
    arrowing = event.key.startsWith("Arrow") && event.target.matches("input[type=radio]");
  });
  /** The form changed: a new entry in the history (so Back undoes it) and an evaluation. */
  function answered(saveCandidates) {
    answers = view.answersFromForm(saveCandidates, answers);
    recordedOutcome = null; // the address no longer reopens the record
    evaluate();
    if (ready) addressBehind = true;
    else writeQuery(true);
  }

  /** Give the address the answers, if an answer was given since it last had them. */
  function catchUpAddress() {
    if (!addressBehind) return;
    addressBehind = false;
    writeQuery(true);
  }

  form.addEventListener("change", (event) => {
    moveFocus = !arrowing;
    arrowing = false;
    if (event.target.matches("input[type=radio]")) {
      answered(false);
    } else if (event.target.matches("select") &&
      view.rowsFromForm().every((row) => candidatesQ.fields.every((f) => row[f.id]))) {
      answered(true);
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.matches("[data-add-candidate]")) {
      view.addCandidate().querySelector("select").focus();
    } else if (button.matches("[data-remove]")) {
      view.removeCandidate(button);
      form.querySelector("[data-add-candidate]").focus();
      answered(true);
    } else if (button.matches("[data-save-candidates]")) {
      answered(true);
    }
  });

  retryRow.querySelector("[data-retry]").addEventListener("click", () => rules.start(true));
  window.addEventListener("popstate", () => {
    addressBehind = false; // the address is what the user went back to
    answers = readQuery(location.search, questions);
    view.fillForm(answers);
    evaluate();
  });

  view.fillForm(answers);
  view.showLinear(answers);
  rules.start(false);
}
