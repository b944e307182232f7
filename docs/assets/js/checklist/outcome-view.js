// The checklist's outcome: the result panel, actions, practitioners, reasons, sources, the
// decision map's path, and the record (copy, download, print). Everything goes in with
// textContent, so nothing from the address is ever inserted as HTML.

import { queryFor, today } from "./core.js";
import { make } from "./dom.js";

/**
 * The outcome view of one checklist.
 * @param {object} ctx
 * @param {HTMLElement} ctx.root the .lp-checklist element
 * @param {any} ctx.data the page's JSON data block
 * @param {Record<string, any>} ctx.byId the questions by id
 * @param {URL} ctx.siteRoot the site's root, for source links
 * @param {HTMLElement} ctx.live the polite live region
 * @param {() => {answers: any, record: string, recordedOutcome: string | null}} ctx.state
 */
export function createOutcomeView({ root, data, byId, siteRoot, live, state }) {
  const outcomeEl = root.querySelector(".lp-outcome");
  const candidatesQ = data.questions.find((q) => q.kind === "candidates");

  function hide() {
    outcomeEl.hidden = true;
    outcomeEl.replaceChildren();
    highlightMap(null);
  }

  function focus() {
    outcomeEl.focus();
  }

  function sourceLink(citation) {
    const link = make("a", "", `${citation.source}: ${citation.section}`);
    link.href = new URL(citation.url, siteRoot).href;
    return link;
  }

  /** A practitioner role's label, for the outcome and Check your answers. */
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

  function render(result) {
    const { record, recordedOutcome } = state();
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
      ...(recordedOutcome ? [recordComparison(result, recordedOutcome)] : []),
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
    highlightMap(result.rule_index);
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
    const { answers } = state();
    const box = make("details", "lp-what-would-change");
    box.append(make("summary", "", "What would change the outcome?"));
    const list = make("ul");
    for (const c of result.what_would_change) {
      const q = byId[c.question];
      const label = q.options.find((o) => o.id === c.answer)?.label ?? c.answer;
      const link = make("a", "", `If “${q.summary}” were “${label}”`);
      const query = queryFor({ ...answers, [c.question]: c.answer }, data.questions,
        data.versionParam, data.linkVersion);
      link.href = `${location.pathname}?${query}`;
      const item = make("li");
      item.dataset.change = `${c.question}=${c.answer}`;
      item.append(link, `: ${c.title}`);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  /** A reopened record: does today's answer match the one the record gave? */
  function recordComparison(result, recordedOutcome) {
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

  // ---- the record ----------------------------------------------------------------------

  async function copyRecord() {
    const { record } = state();
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
    const { record } = state();
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

  return { render, hide, focus, roleLabel };
}
