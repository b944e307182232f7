// The checklist page: answers in the form and in the URL, rules evaluated in a Web Worker.
//
// This file holds no rule, question or outcome wording: questions come from the page's JSON data
// block (generated from lp_rules at build time) and outcomes from lp_rules in the worker. It only
// moves answers between the form, the URL and the worker, and renders what comes back, always
// with textContent so nothing from the URL is ever inserted as HTML.

const WATCHDOG_MS = 60000; // no message at all from the loading worker for this long: failed

const el = document.querySelector(".lp-checklist");
if (el) main(el);

/** Create an element with optional class and text. */
function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Today's local date as YYYY-MM-DD, for the record. */
function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function main(root) {
  const data = JSON.parse(root.querySelector(".lp-data").textContent);
  const questions = data.questions;
  const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
  const candidatesQ = questions.find((q) => q.kind === "candidates");
  const form = root.querySelector(".lp-form");
  const statusEl = root.querySelector(".lp-status");
  const retryRow = root.querySelector(".lp-retry-row");
  const errorSummary = root.querySelector(".lp-error-summary");
  const outcomeEl = root.querySelector(".lp-outcome");
  const answersEl = root.querySelector(".lp-answers");
  const live = make("p", "lp-visually-hidden");
  live.setAttribute("aria-live", "polite");
  root.append(live);
  const siteRoot = new URL(data.root, document.baseURI);
  const linkNotice = root.querySelector(".lp-link-notice");

  let answers = readQuery();
  // A record's link says which outcome the rules gave when the record was made (see record.py).
  let recordedOutcome = new URLSearchParams(location.search).get(data.outcomeParam);
  // The address as opened is read by the rules first (lp_rules.links): an older link is
  // migrated, parameters that are not questions are ignored. Until then, the form shows what
  // it can of the address as it is.
  let linkUnread = location.search.length > 1;
  let worker = null;
  let ready = false;
  let sequence = 0;
  let shownRecommendation = null;
  let record = "";
  // Arrow keys in a radio group change the answer as the user moves through the options; the
  // outcome that appears is then announced, not focused, so focus stays where they are.
  let arrowing = false;
  let moveFocus = true;
  // Once the rules are ready, the address is updated after their answer is shown, not before the
  // question goes to them: the history update then never delays the answer (see catchUpAddress).
  let addressBehind = false;

  // ---- answers <-> URL ------------------------------------------------------------------

  function decodeCandidates(text) {
    if (text === "") return [];
    // A hostile link may hold thousands of rows: read one more than the most allowed (so the
    // rules still refuse the list) and never build more form rows than that.
    const max = Number(fieldset("candidates").dataset.max);
    return text.split("~", max + 1).map((row) => {
      const parts = row.split(".");
      const item = {};
      candidatesQ.fields.forEach((f, i) => {
        if (parts[i]) item[f.id] = parts[i];
      });
      return item;
    });
  }

  function encodeCandidates(list) {
    return list.map((c) => candidatesQ.fields.map((f) => c[f.id] ?? "").join(".")).join("~");
  }

  /** The address's answers to this checklist's questions, as given: the rules decide what is
   *  valid. Other parameters (tracking tags, email safe-link wrappers) are not answers. */
  function readQuery() {
    const found = {};
    for (const [key, value] of new URLSearchParams(location.search)) {
      if (!Object.hasOwn(byId, key)) continue;
      found[key] = key === "candidates" && candidatesQ ? decodeCandidates(value) : value;
    }
    return found;
  }

  /** The address for the answers: the rules' link version first, then the answers in asking
   *  order (the format of lp_rules.links.share_query). */
  function queryFor(given) {
    const params = new URLSearchParams();
    params.set(data.versionParam, String(data.linkVersion));
    for (const q of questions) {
      if (given[q.id] === undefined) continue;
      params.set(q.id, q.kind === "candidates" ? encodeCandidates(given[q.id]) : given[q.id]);
    }
    return params;
  }

  function writeQuery(push) {
    const params = queryFor(answers);
    if (recordedOutcome) params.set(data.outcomeParam, recordedOutcome);
    const url = `${location.pathname}?${params}`;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  // ---- answers <-> form -----------------------------------------------------------------

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

  function fillForm() {
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

  /** The answers the form holds now (URL values the form cannot show are dropped). */
  function answersFromForm(saveCandidates) {
    const next = {};
    for (const q of questions) {
      if (q.kind === "candidates") {
        if (saveCandidates) next.candidates = rowsFromForm();
        else if (Array.isArray(answers.candidates)) next.candidates = answers.candidates;
        continue;
      }
      const checked = form.querySelector(`input[name="${CSS.escape(q.id)}"]:checked`);
      if (checked) next[q.id] = checked.value;
    }
    return next;
  }

  // ---- which questions show ------------------------------------------------------------

  /** Before the rules are ready: a plain linear flow, each question after the answered ones. */
  function showLinear() {
    let open = true;
    for (const q of questions) {
      fieldset(q.id).hidden = !open;
      if (q.kind === "candidates" ? !Array.isArray(answers.candidates) : !answers[q.id]) {
        open = false;
      }
    }
  }

  /** Once the rules answer: the answers that matter, and the next question needed. */
  function showRelevant(result) {
    const visible = new Set(result.relevant);
    if (result.status === "needs_more") visible.add(result.next[0]);
    for (const q of questions) fieldset(q.id).hidden = !visible.has(q.id);
  }

  // ---- errors ---------------------------------------------------------------------------

  function clearErrors() {
    errorSummary.hidden = true;
    errorSummary.querySelector(".lp-error-list").replaceChildren();
    form.querySelectorAll(".lp-field-error").forEach((p) => (p.hidden = true));
    form.querySelectorAll(".lp-question--error").forEach((f) => f.classList.remove("lp-question--error"));
  }

  /** The question a contract field such as "answers.candidates[1].role" belongs to. */
  function questionOf(field) {
    const match = /^answers\.([A-Za-z0-9_-]+)/.exec(field || "");
    return match && byId[match[1]] ? match[1] : null;
  }

  function showInvalid(message, field) {
    const qid = questionOf(field);
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
    hideOutcome();
    errorSummary.focus();
  }

  function focusQuestion(qid) {
    const fs = fieldset(qid);
    fs.hidden = false;
    const target =
      fs.querySelector("input:checked") || fs.querySelector("input, select, button");
    fs.scrollIntoView({ block: "center" });
    if (target) target.focus();
  }

  // ---- outcome --------------------------------------------------------------------------

  function hideOutcome() {
    outcomeEl.hidden = true;
    outcomeEl.replaceChildren();
    answersEl.hidden = true;
    shownRecommendation = null;
    highlightMap(null);
  }

  function sourceLink(citation) {
    const link = make("a", "", `${citation.source}: ${citation.section}`);
    link.href = new URL(citation.url, siteRoot).href;
    return link;
  }

  function roleLabel(roleId) {
    const role = candidatesQ.fields[0].options.find((o) => o.id === roleId);
    return role ? role.label : roleId;
  }

  function renderCandidates(result) {
    const section = make("div", "lp-outcome-candidates");
    section.append(make("h3", "", "Practitioners you listed"));
    const list = make("ol", "lp-candidate-results");
    for (const c of result.candidates) {
      const item = make("li");
      const suggested = c.index === result.suggested_candidate;
      const headline = suggested
        ? "suggested to discuss first at the Team Around the Family"
        : c.eligible
          ? `ranked ${c.rank}`
          : "cannot lead at present";
      item.append(make("strong", "", `Practitioner ${c.index + 1}: ${roleLabel(c.role)} (${headline})`));
      if (suggested) item.classList.add("lp-suggested");
      const reasons = make("ul");
      c.reasons.forEach((r) => reasons.append(make("li", "", r)));
      item.append(reasons);
      list.append(item);
    }
    section.append(list);
    return section;
  }

  function renderOutcome(result) {
    const panel = make("div", result.urgent ? "lp-panel lp-panel--urgent" : "lp-panel");
    panel.dataset.recommendation = result.recommendation;
    const title = make("h2", "", result.title);
    title.id = "lp-outcome-title";
    panel.append(make("p", "lp-panel-kicker", result.urgent ? "Act now" : "Outcome"), title);
    panel.append(make("p", "lp-panel-summary", result.summary));

    const actions = make("ol", "lp-actions");
    for (const action of result.actions) {
      const item = make("li");
      item.dataset.action = action.code;
      item.append(make("span", "", action.text));
      const cites = make("span", "lp-action-sources");
      cites.append(" (");
      action.sources.forEach((c, i) => {
        if (i) cites.append("; ");
        cites.append(sourceLink(c));
      });
      cites.append(")");
      item.append(cites);
      actions.append(item);
    }
    const why = make("ul", "lp-reasons");
    result.reasons.forEach((r) => why.append(make("li", "", r)));
    const explanations = [whyNot(result), whatWouldChange(result)].filter(Boolean);
    const sources = make("ul", "lp-sources");
    result.citations.forEach((c) => {
      const item = make("li");
      item.append(sourceLink(c), make("span", "lp-source-title", ` (${c.title})`));
      sources.append(item);
    });

    const recordBar = make("div", "lp-record-actions");
    const copy = make("button", "lp-button", "Copy for case notes");
    copy.type = "button";
    copy.addEventListener("click", copyRecord);
    const download = make("button", "lp-button lp-button-secondary", "Download record");
    download.type = "button";
    download.addEventListener("click", downloadRecord);
    const print = make("button", "lp-button lp-button-secondary", "Print record");
    print.type = "button";
    print.addEventListener("click", printRecord);
    recordBar.append(copy, download, print);

    const printable = make("pre", "lp-record-print", record);
    printable.setAttribute("aria-hidden", "true");

    const version = make("p", "lp-version", `Rules version ${result.rules_version}. `);
    const changes = make("a", "", "What changed");
    changes.href = new URL(data.whatChanged, siteRoot).href;
    version.append(changes);

    outcomeEl.replaceChildren(
      panel,
      ...(recordedOutcome ? [recordComparison(result)] : []),
      make("h3", "", "What to do"),
      actions,
      ...(result.candidates.length ? [renderCandidates(result)] : []),
      make("h3", "", "Why"),
      why,
      ...explanations,
      make("h3", "", "Sources"),
      sources,
      make("p", "lp-judgement", result.judgement),
      make("h3", "", "Keep a record"),
      make("p", "lp-hint", "The record holds your answers and this outcome. Nothing is sent anywhere."),
      recordBar,
      printable,
      version,
    );
    outcomeEl.hidden = false;
  }

  /** The outcomes before this one in the rules' order, and what ruled each out (folded). */
  function whyNot(result) {
    if (!result.why_not.length) return null;
    const box = make("details", "lp-why-not");
    box.append(make("summary", "", "Why not another outcome?"));
    const list = make("ul");
    for (const w of result.why_not) {
      const item = make("li");
      item.dataset.whyNot = w.recommendation;
      item.append("Not ", make("strong", "", w.title), `: ${w.because}`);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  /** Each single answer that would give a different outcome, as a link that opens it. */
  function whatWouldChange(result) {
    if (!result.what_would_change.length) return null;
    const box = make("details", "lp-what-would-change");
    box.append(make("summary", "", "What would change the outcome?"));
    const list = make("ul");
    for (const c of result.what_would_change) {
      const q = byId[c.question];
      const label = q.options.find((o) => o.id === c.answer)?.label ?? c.answer;
      const link = make("a", "", `If “${q.summary}” were “${label}”`);
      link.href = `${location.pathname}?${queryFor({ ...answers, [c.question]: c.answer })}`;
      const item = make("li");
      item.dataset.change = `${c.question}=${c.answer}`;
      item.append(link, `: ${c.title}`);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  /** A reopened record: does today's answer match the one the record gave? */
  function recordComparison(result) {
    const box = make("div", "lp-notice lp-record-comparison");
    if (recordedOutcome === result.recommendation) {
      box.append(make("p", "", "This is the outcome the record gave when it was made."));
      return box;
    }
    const then = data.outcomeTitles[recordedOutcome] ?? "an outcome these rules no longer have";
    box.dataset.differs = "true";
    box.append(make("p", "", `When this record was made, the outcome was “${then}”. With today's rules the outcome is different: read it below, and see what changed.`));
    const link = make("a", "", "What changed in the rules");
    link.href = new URL(data.whatChanged, siteRoot).href;
    box.append(link);
    return box;
  }

  function renderAnswers(result) {
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

  /** Mark this outcome's path through the page's decision map (tools/sitegen/decision_map.py):
   *  the rules ruled out and their "No" arrows, then the rule that applies and its outcome.
   *  ``index`` is null while there is no outcome, which clears the path. */
  function highlightMap(index) {
    const map = document.querySelector(`svg.lp-map[data-map-tool="${CSS.escape(data.tool)}"]`);
    if (!map) return;
    map.querySelectorAll(".lp-map-path, .lp-map-here").forEach((el) =>
      el.classList.remove("lp-map-path", "lp-map-here"));
    if (index === null || index === undefined) return;
    for (let i = 0; i < index; i += 1) {
      map.querySelectorAll(`[data-map-rule="${i}"], [data-map-edge="no"][data-map-from="${i}"]`)
        .forEach((el) => el.classList.add("lp-map-path"));
    }
    map.querySelectorAll(`[data-map-rule="${index}"], [data-map-edge="yes"][data-map-from="${index}"], [data-map-for="${index}"]`)
      .forEach((el) => el.classList.add("lp-map-here"));
  }

  function showResult(result, moveFocus) {
    clearErrors();
    showRelevant(result);
    if (result.status !== "complete") {
      hideOutcome();
      const next = byId[result.next[0]];
      live.textContent = `Next question: ${next.text}`;
      return;
    }
    const appearing = shownRecommendation === null;
    const changed = shownRecommendation !== result.recommendation;
    renderOutcome(result);
    renderAnswers(result);
    highlightMap(result.rule_index);
    shownRecommendation = result.recommendation;
    if (changed) live.textContent = `Outcome: ${result.title}`;
    if (appearing && moveFocus) outcomeEl.focus();
  }

  // ---- the record -----------------------------------------------------------------------

  async function copyRecord() {
    try {
      await navigator.clipboard.writeText(record);
      live.textContent = "Record copied. Paste it into your case notes.";
    } catch {
      // Clipboard refused (permissions, older browser): show the text selected instead.
      let box = outcomeEl.querySelector(".lp-record-fallback");
      if (!box) {
        box = make("textarea", "lp-record-fallback");
        box.readOnly = true;
        box.rows = 12;
        box.setAttribute("aria-label", "Record for case notes");
        outcomeEl.querySelector(".lp-record-actions").after(box);
      }
      box.value = record;
      box.focus();
      box.select();
      live.textContent = "Copying is blocked here: the record is selected, press Ctrl+C to copy it.";
    }
  }

  function downloadRecord() {
    const blob = new Blob([record], { type: "text/plain;charset=utf-8" });
    const link = make("a");
    link.href = URL.createObjectURL(blob);
    link.download = `lead-practitioner-${data.tool}-${today()}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function printRecord() {
    document.documentElement.classList.add("lp-printing-record");
    window.print();
    document.documentElement.classList.remove("lp-printing-record");
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

  function evaluate() {
    if (!ready) {
      showLinear();
      return;
    }
    sequence += 1;
    const page = location.origin + location.pathname;
    const request = JSON.stringify({ tool: data.tool, answers, profile: data.profile, date: today(), page });
    ask(request);
  }

  /** Send the rules a request; the checklist is marked busy until its reply is shown, so a
   *  test (or anything else) can wait for the page to settle. */
  function ask(request) {
    root.dataset.busy = "true";
    worker.postMessage({ type: "evaluate", id: sequence, request });
  }

  function onReply(id, replyText) {
    if (id !== sequence) return; // an answer to an older question: a newer one is coming
    delete root.dataset.busy;
    try {
      showReply(JSON.parse(replyText));
    } finally {
      catchUpAddress();
    }
  }

  /** Ask the rules to read the address as opened (lp_rules.links.read_link). */
  function readLink() {
    sequence += 1;
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
    fillForm();
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

  /** Start the rules; ``fresh`` (the Retry button) skips and deletes any saved Python start-up. */
  function startWorker(fresh) {
    ready = false;
    setStatus("loading", "Loading the checklist's rules…");
    worker?.terminate();
    worker = new Worker(new URL("rules-worker.js", import.meta.url), { type: "module" });
    // The worker judges stalls and damaged files itself (rules-worker.js); this is the last resort.
    let timer = 0;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        worker.terminate();
        setStatus("failed", "The checklist's rules stopped loading.");
      }, WATCHDOG_MS);
    };
    watch();
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      worker.terminate();
      setStatus("failed", "The checklist's rules could not be loaded.");
    });
    worker.addEventListener("message", ({ data: message }) => {
      if (message.type === "status") {
        if (message.state === "loading") watch();
        else clearTimeout(timer);
        setStatus(message.state, message.message);
        if (message.state === "ready") {
          ready = true;
          statusEl.dataset.pythonStart = message.start; // "saved" or "fresh": see rules-worker.js
          if (linkUnread) readLink();
          else evaluate();
          keepForOffline();
        }
      } else if (message.type === "reply") {
        onReply(message.id, message.reply);
      }
    });
    worker.postMessage({
      type: "init",
      root: new URL(data.root, document.baseURI).href,
      pyodide: data.pyodide,
      wheel: data.wheel,
      wheelSha256: data.wheelSha256,
      runtimeSha256: data.runtimeSha256,
      fresh,
    });
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
    answers = answersFromForm(saveCandidates);
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
    } else if (event.target.matches("select") && rowsFromForm().every(isComplete)) {
      answered(true);
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.matches("[data-add-candidate]")) {
      addCandidate().querySelector("select").focus();
    } else if (button.matches("[data-remove]")) {
      button.closest(".lp-candidate").remove();
      renumber();
      form.querySelector("[data-add-candidate]").focus();
      answered(true);
    } else if (button.matches("[data-save-candidates]")) {
      answered(true);
    }
  });

  function isComplete(row) {
    return candidatesQ.fields.every((f) => row[f.id]);
  }

  retryRow.querySelector("[data-retry]").addEventListener("click", () => startWorker(true));
  window.addEventListener("popstate", () => {
    addressBehind = false; // the address is what the user went back to
    answers = readQuery();
    fillForm();
    evaluate();
  });

  fillForm();
  showLinear();
  startWorker(false);
}
