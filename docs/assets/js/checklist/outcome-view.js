//# allFunctionsCalledOnLoad
// @ts-check
// The checklist's outcome: the result panel, actions, practitioners, reasons, sources, the
// decision map's path, and the record (copy, download, print). Everything goes in with
// textContent, so nothing from the address is ever inserted as HTML.
//
// Result first, for a practitioner on a phone: the panel, then "Do this now" (on an urgent or
// escalation outcome, who to call first; then the first few actions: on an urgent outcome the
// 999, safeguarding-lead and front-door steps), then the
// record's buttons, all within one phone screen of the title; then every action with its
// sources, the practitioners best first, why, and the sources, each named once.
//
// The part drawn at once comes from the compiled rules (their result, each source's short name
// `shortNames`, and each rule's sources grouped as the model groups them); what Python completes
// (why the practitioner is suggested, the practitioners in order, why, why not, what would
// change it, the sources, in the same order) is drawn from the rules' outcome model,
// `result.presentation` (lp_rules.presentation), which the record and the trainer's view render
// too: nothing here ranks practitioners, words them, groups sources or shortens a source's name.

import { fill, fillParts, queryFor, today } from "./core.js";
import { find, make } from "./dom.js";

/** The record's paper (record-view.js), imported on its own, after the checklist has started:
 *  a module the entry module's imports import costs a slow phone one more round trip (150 ms)
 *  before the form can be used, and the paper is needed only once Python has written the
 *  record. @type {Promise<typeof import("./record-view.js")> | null} */
let recordView = null;
function loadRecordView() {
  recordView ??= import("./record-view.js");
  return recordView;
}

/** How long the Copy button says "Copied" before it reads as itself again. */
export const COPIED_FOR_MS = 4000;

/** How many actions "Do this now" shows. The rules order actions by urgency: an urgent
 *  outcome starts with its three safeguarding steps (999, the designated safeguarding lead,
 *  the front door), so all three show; otherwise two, so that the panel, these actions and the
 *  record's buttons fit one phone screen (390x844) even when the actions are long. */
export function doNowCount(result) {
  return result.urgent ? 3 : 2;
}

/** Each document the routes were checked against, once, in first-cited order. */
export function routeSources(routes) {
  const seen = new Map();
  for (const route of routes) {
    if (route.source && !seen.has(route.source.url)) seen.set(route.source.url, route.source);
  }
  return [...seen.values()];
}

/** "Who to call" (lp_rules.emergency): 999, the area's numbers or where to find them, and the
 *  national routes, each its title and a link to tap (tel:, mailto:, GOV.UK), or its title and
 *  where to go instead; then the pages they were checked against. Short, so that "Do this now"
 *  still starts in a phone's first screen. `words`: the page's words. */
export function whoToCall(routes, words) {
  const box = make("section", "lp-emergency");
  box.setAttribute("aria-labelledby", "lp-emergency-title");
  const heading = make("h4", "", words.who_to_call); // under "Do this now"
  heading.id = "lp-emergency-title";
  const list = make("ul", "lp-emergency-routes");
  for (const route of routes) {
    const item = make("li");
    item.dataset.route = route.id;
    item.append(make("strong", "", `${route.title}: `));
    if (!route.links.length) item.append(route.text); // where to go instead
    const links = make("span", "lp-emergency-links");
    for (const l of route.links) {
      const link = make("a", "lp-emergency-link", l.text);
      link.href = l.href;
      links.append(link);
    }
    if (route.links.length) item.append(links);
    list.append(item);
  }
  const sources = document.createDocumentFragment();
  routeSources(routes).forEach((source, i) => {
    if (i) sources.append("; ");
    const link = make("a", "", source.title);
    link.href = source.url;
    sources.append(link);
  });
  const cited = make("p", "lp-emergency-sources");
  cited.append(...fillParts(words.checked_against, { sources }));
  box.append(heading, list, cited);
  return box;
}

/**
 * The outcome model's parts this view draws (lp_rules.presentation.Outcome, as the bridge sends
 * it in a complete result's `presentation`).
 * @typedef {{tag: string, title: string, short: string,
 *            sections: {section: string, url: string, checked: string}[]}} PresentedSource
 * @typedef {{index: number, label: string, who: string, why: string}} Suggestion
 * @typedef {{index: number, role: string, who: string, place: number | null, suggested: boolean,
 *            headline: string, reasons: string[]}} Practitioner
 * @typedef {{suggested: Suggestion | null, practitioners: Practitioner[], reasons: string[],
 *            why_not: {recommendation: string, sentence: string}[],
 *            what_would_change: {question: string, answer: string, sentence: string}[],
 *            sources: PresentedSource[]}} Presentation
 */

/** Text with any email address in it as a mailto link (the support contact). */
function withEmailLinks(text) {
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
    parts.push(text.slice(last, m.index));
    const link = make("a", "", m[0]);
    link.href = `mailto:${m[0]}`;
    parts.push(link);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * The outcome view of one checklist.
 * @param {object} ctx
 * @param {HTMLElement} ctx.root the .lp-checklist element
 * @param {any} ctx.data the page's JSON data block
 * @param {Record<string, any>} ctx.byId the questions by id
 * @param {URL} ctx.siteRoot the site's root, for source links
 * @param {HTMLElement} ctx.live the polite live region
 * @param {() => {answers: any, record: string, recordedOutcome: string | null, runtime: string}} ctx.state
 */
export function createOutcomeView({ root, data, siteRoot, live, state }) {
  /** The page's words (lp_rules.checklists.texts). @type {Record<string, string>} */
  const words = data.words;
  /** @type {HTMLElement} */
  const outcomeEl = find(root, ".lp-outcome");
  const candidatesQ = data.questions.find((q) => q.kind === "candidates");
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let copiedTimer;
  setTimeout(loadRecordView); // fetched while Python loads, long before the record

  /** What render left for after the outcome is on screen (finish), or null. */
  /** @type {(() => void) | null} */
  let rest = null;

  /** The outcome last shown, hidden but not yet removed because it held focus (clear). */
  /** @type {Element[]} */
  let retired = [];

  /** Empty the outcome, for what takes its place. Removing the element that has focus (the
   *  outcome's heading, where the page moves focus to show an outcome) makes the browser bring
   *  the whole page's style up to date there and then, inside the answer's event: 5-9 ms of a
   *  slow phone's answer (the processor slowed 4 times; an answer's work is otherwise 2-5 ms).
   *  So an outcome that holds focus is hidden instead, which costs nothing (the browser lets go
   *  of focus in hidden content at its next frame), with its ids and marks taken off so that
   *  nothing finds it, and removed by finish, once the answer's effect is on screen. What
   *  comes next goes before it (prepend). */
  function clear() {
    rest = null;
    const focused = document.activeElement;
    if (!focused || focused === outcomeEl || !outcomeEl.contains(focused)) {
      outcomeEl.replaceChildren();
      retired = [];
      return;
    }
    // The marks are found in one search of the outcome (those of an outcome retired before are
    // gone already), not one per part: a few elements carry them, of the dozens it holds.
    for (const marked of outcomeEl.querySelectorAll("[id], [data-decided], [data-recommendation]")) {
      for (const name of ["id", "data-decided", "data-recommendation"]) marked.removeAttribute(name);
    }
    for (const node of outcomeEl.children) {
      if (retired.includes(node)) continue;
      /** @type {HTMLElement} */ (node).hidden = true;
      retired.push(node);
    }
  }

  function hide() {
    clear();
    outcomeEl.hidden = true;
  }

  /** Add what render left for after the outcome is on screen: every action with its sources,
   *  the sources, the judgement line, the rules' version, and the record's paper and address
   *  (print only); and remove an outcome that clear only hid. Called by the entry module once
   *  the outcome is on screen. */
  function finish() {
    for (const node of retired) node.remove();
    retired = [];
    addRest();
  }

  /** What render left for after the outcome is on screen (finish), added now. */
  function addRest() {
    const add = rest;
    rest = null;
    add?.();
  }

  /** In the outcome's place, why there is none now (the answers changed since).
   *  @param {string} message */
  function pending(message) {
    hide();
    outcomeEl.prepend(make("p", "lp-outcome-pending", message));
    outcomeEl.hidden = false;
  }

  /** The outcome's heading takes focus (a screen reader says the outcome first) and is
   *  scrolled to the top of the screen, below the sticky header, by its scroll-margin-top
   *  (checklist.css), so the panel's kicker shows too. */
  function focus() {
    /** @type {HTMLElement | null} */
    const title = outcomeEl.querySelector("#lp-outcome-title");
    if (!title) return;
    title.focus({ preventScroll: true });
    title.scrollIntoView({ block: "start" });
  }

  function sourceLink(citation, text) {
    const link = make("a", "", text);
    link.href = new URL(citation.url, siteRoot).href;
    return link;
  }

  /** One action: its text, and (where asked) its sources by short name (the compiled rules'). */
  function actionItem(action, withSources) {
    const item = make("li");
    const text = make("span");
    text.append(...withEmailLinks(action.text)); // "contact ... (team@council.example)": a link
    item.append(text);
    if (!withSources) return item;
    const cites = make("span", "lp-action-sources");
    cites.append(" (");
    action.sources.forEach((c, i) => {
      if (i) cites.append("; ");
      cites.append(sourceLink(c, `${data.compiled.shortNames[c.source]}: ${c.section}`));
    });
    cites.append(")");
    item.append(cites);
    return item;
  }

  /** Every action with its sources (when "Do this now" shows only the first few). */
  function everyAction(result) {
    const every = make("ol", "lp-actions");
    for (const action of result.actions) {
      const item = actionItem(action, true);
      item.dataset.action = action.code;
      every.append(item);
    }
    return every;
  }

  /** Sources, as the model groups them: each document's full title once (and its short name,
   *  as the actions give it), then its sections as links. @param {{sources: PresentedSource[]}} model */
  function renderSources(model) {
    const list = make("ul", "lp-sources");
    for (const group of model.sources) {
      const item = make("li");
      item.dataset.source = group.tag;
      item.append(make("span", "lp-source-title", group.title));
      const { short } = group;
      if (short !== group.title) item.append(" ", fill(words.for_short, { short }));
      const sections = make("ul");
      group.sections.forEach((s) => {
        const li = make("li");
        li.append(sourceLink(s, s.section));
        sections.append(li);
      });
      item.append(sections);
      list.append(item);
    }
    return list;
  }

  /** The sources the compiled rules' result cites, as the outcome model groups them: the rule's
   *  groups (lp_rules.compiled, from presentation.every_source), each section kept if the
   *  result cites it. Python's model takes their place (complete).
   *  @returns {{sources: PresentedSource[]}} */
  function compiledSources(result) {
    const cited = new Set(result.citations.map((c) => `${c.source} ${c.url}`));
    const sources = [];
    for (const [tag, indices] of data.compiled.rules[result.rule_index].sources) {
      const sections = indices.map((i) => data.compiled.citations[i])
        .filter((c) => cited.has(`${c.source} ${c.url}`));
      if (sections.length) {
        sources.push({ tag, title: sections[0].title, short: data.compiled.shortNames[tag], sections });
      }
    }
    return { sources };
  }

  /** A practitioner role's label, for the suggestion drawn at once and Check your answers. */
  function roleLabel(roleId) {
    const field = candidatesQ.fields.find((f) => f.id === candidatesQ.role_field);
    const role = field?.options.find((o) => o.id === roleId);
    return role ? role.label : roleId;
  }

  /** The practitioners as the outcome model ranks and words them (presentation.ranked): the
   *  suggested one first, the others who can lead numbered, then those who cannot lead at
   *  present; each with its reasons. @param {Practitioner[]} practitioners */
  function renderPractitioners(practitioners) {
    const section = make("div", "lp-outcome-candidates");
    section.append(make("h3", "", words.listed));
    section.append(make("p", "lp-hint", words.listed_hint));
    const list = make("ul", "lp-candidate-results");
    for (const p of practitioners) {
      const item = make("li");
      item.append(make("strong", "", p.headline));
      if (p.suggested) item.classList.add("lp-suggested");
      const reasons = make("ul");
      p.reasons.forEach((r) => reasons.append(make("li", "", r)));
      item.append(reasons);
      list.append(item);
    }
    section.append(list);
    return section;
  }

  /** The parts of every outcome that are the same whatever the outcome, made once and copied
   *  for each (one call, where making them was a dozen in every answer that shows an outcome):
   *  "Your answers", a button at the top of the panel that takes the reader to Check your
   *  answers (a button, not a "#" link: the page's address after "#" holds the answers); and
   *  the record's buttons, disabled until the record, with the note under them. A copy has no
   *  listeners: the outcome takes their clicks (below). */
  const sameParts = (() => {
    const answers = make("button", "lp-panel-answers", words.your_answers);
    answers.type = "button";
    answers.dataset.yourAnswers = "";
    const recordBar = make("div", "lp-record-actions");
    recordBar.setAttribute("role", "group");
    recordBar.setAttribute("aria-label", words.keep_record);
    for (const [text, className, mark] of [[words.copy, "lp-button", "copyRecord"],
      [words.download, "lp-button lp-button-secondary", "downloadRecord"],
      [words.print, "lp-button lp-button-secondary", "printRecord"]]) {
      const button = make("button", className, text);
      button.type = "button";
      button.dataset[mark] = "";
      button.disabled = true; // until the record
      recordBar.append(button);
    }
    const parts = document.createDocumentFragment();
    parts.append(answers, recordBar, make("p", "lp-record-note", words.record_note));
    return parts;
  })();

  /** A copy of the parts every outcome has (sameParts). */
  function copySameParts() {
    const [answers, recordBar, recordNote] = /** @type {HTMLElement[]} */ (
      [...sameParts.cloneNode(true).childNodes]);
    return { answers, recordBar, recordNote };
  }

  outcomeEl.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button) return;
    if ("yourAnswers" in button.dataset) toYourAnswers();
    else if ("copyRecord" in button.dataset) copyRecord();
    else if ("downloadRecord" in button.dataset) downloadRecord();
    else if ("printRecord" in button.dataset) printRecord();
  });

  /** "Your answers": focus and scroll to Check your answers' heading. */
  function toYourAnswers() {
    /** @type {HTMLElement | null} */
    const heading = root.querySelector(".lp-answers:not([hidden]) h2");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }

  /** Who-should-lead: the practitioner suggested to discuss first, named in the panel at once
   *  from the page's words and the list's role labels (the words the model's
   *  presentation.Suggestion is written from), with why in one line once the full version has
   *  ranked them: complete puts in the model's words (suggestionFrom). */
  function suggestedLine(result) {
    const index = result.suggested_candidate;
    const listed = state().answers[candidatesQ?.id];
    if (index === null || index === undefined || !Array.isArray(listed) || !listed[index]) return null;
    const line = make("p", "lp-panel-suggested");
    const who = make("span", "", fill(words.suggested_who,
      { n: String(index + 1), role: roleLabel(listed[index][candidatesQ.role_field]) }));
    who.dataset.suggestedWho = "";
    const why = make("span", "lp-panel-suggested-why");
    why.dataset.suggestedWhy = "";
    line.append(make("strong", "", words.suggested), " ", who, " ", why);
    return line;
  }

  /** The suggestion's words from the outcome model: who, and why in one line.
   *  @param {Element} line @param {Presentation} model */
  function suggestionFrom(line, model) {
    if (!model.suggested) return;
    find(line, "[data-suggested-who]").textContent = model.suggested.who;
    find(line, "[data-suggested-why]").textContent = model.suggested.why;
  }

  /** The line in place of what only the full version gives (reasons, why not, what would
   *  change it, the practitioners' ranking, the record), by the state of the runtime. */
  function fullPendingText() {
    return state().runtime === "failed" ? words.full_failed : words.full_loading;
  }

  /** The parts of an outcome drawn at once (render): the panel, a reopened record's comparison,
   *  "Do this now" with who to call, the record's buttons and the line about the full version;
   *  made, not yet placed. `all`: "Do this now" holds every action; `full`: the line's box,
   *  where the full version goes.
   *  @param {any} result @param {string | null} recordedOutcome */
  function firstParts(result, recordedOutcome) {
    // Its look and kicker, as the rules give them (presentation.tone, carried by the compiled rules);
    // a go-ahead rule held back by an action (result.go_ahead false) is a plain outcome.
    const rule = data.compiled.rules[result.rule_index];
    /** @type {{name: string, kicker: string}} */
    const tone = rule.go_ahead && !result.go_ahead ? data.compiled.heldTone : rule.tone;
    const panel = make("div", `lp-panel lp-panel--${tone.name}`);
    // data-decided: the outcome is on screen; data-recommendation: Python has given it whole.
    panel.dataset.decided = result.recommendation;
    panel.dataset.tone = tone.name;
    const title = make("h2", "", result.title);
    title.id = "lp-outcome-title";
    title.tabIndex = -1;
    const same = copySameParts();
    const head = make("div", "lp-panel-head");
    head.append(make("p", "lp-panel-kicker", tone.kicker), same.answers);
    panel.append(head, title);
    panel.append(make("p", "lp-panel-summary", result.summary));
    const suggested = suggestedLine(result);
    if (suggested) panel.append(suggested);
    // Principle 1: answers that cannot stand together (or a list longer than the checklist
    // takes) are reported beside the urgent outcome, never instead of it.
    if (result.warnings?.length) {
      const note = make("div", "lp-outcome-warnings");
      note.append(make("p", "lp-outcome-warnings-title", words.act_first));
      const list = make("ul");
      result.warnings.forEach((w) => list.append(make("li", "", w)));
      note.append(list);
      panel.append(note);
    }

    // "Do this now": the first actions, plainly. When that is all of them, they are the list
    // of actions (with their sources); otherwise "Every action" follows the record's buttons.
    const first = doNowCount(result);
    const all = result.actions.length <= first;
    const doNow = make("ol", all ? "lp-do-now lp-actions" : "lp-do-now");
    for (const action of result.actions.slice(0, first)) {
      const item = actionItem(action, all);
      item.dataset.firstAction = action.code;
      if (all) item.dataset.action = action.code;
      doNow.append(item);
    }

    const { recordBar, recordNote } = same;

    const full = make("div", "lp-outcome-full");
    full.append(make("p", "lp-full-pending", fullPendingText()));
    const nodes = [
      panel,
      ...(recordedOutcome ? [recordComparison(result, recordedOutcome)] : []),
      make("h3", "lp-do-now-title", words.do_now),
      // On an urgent or escalation outcome, who to call comes first of all there is to do.
      ...(result.emergency.length ? [whoToCall(result.emergency, words)] : []),
      doNow,
      recordBar,
      recordNote,
      full,
    ];
    return { nodes, full, all };
  }

  /** The first parts (firstParts) of each outcome drawn so far, made once and copied for the
   *  next outcome that has the same ones: a copy is one call (cloneNode) where making them was
   *  fifty-odd, who to call alone being a third of the urgent answer's work on the slow phone
   *  (processor slowed 4 times: 5 ms of its 16, profiled 2026-12-07). The urgent outcome's are
   *  made while the page waits for the first answer (rehearse), so "Yes" to significant harm
   *  copies them, and then those of the outcomes nearest the start (prepare). Keyed by
   *  everything firstParts reads from the result that can differ between outcomes (who to call
   *  is the compiled rules' one list, or none); an outcome with parts of its own answers (the
   *  suggested practitioner, warnings, a reopened record's comparison) is made afresh each time. What is kept is never placed in the page, only copies of it.
   *  @type {Map<string, Node[]>} */
  const madeParts = new Map();

  /** Whether an outcome has first parts of its own answers, never kept (madeParts).
   *  @param {any} result @param {string | null} recordedOutcome */
  function ownParts(result, recordedOutcome) {
    return Boolean(recordedOutcome || result.warnings?.length
      || (result.suggested_candidate !== null && result.suggested_candidate !== undefined)
      || (result.emergency.length && result.emergency !== data.compiled.emergency));
  }

  /** The first parts kept for outcomes like this one (one without parts of its own), made
   *  now if none are. @param {any} result @returns {Node[]} */
  function keptParts(result) {
    const key = JSON.stringify([result.rule_index, result.go_ahead, result.recommendation, result.title,
      result.summary, result.urgent, result.emergency.length, result.actions.map((/** @type {any} */ a) =>
        [a.code, a.text, a.sources.map((/** @type {any} */ c) => [c.source, c.section, c.url])])]);
    let kept = madeParts.get(key);
    if (!kept) {
      kept = firstParts(result, null).nodes;
      madeParts.set(key, kept);
    }
    return kept;
  }

  /** Make the first parts of an outcome before it is first shown, while the page waits for
   *  answers (the entry module asks in idle moments, for the outcomes nearest the start): its
   *  first showing is then a copy, like every later one. Made in the answer, they were the
   *  dearest part of the answers that first showed an outcome, the code's first run besides:
   *  timed inside the page on cold phone pages (2026-12-08, processor not slowed, 4 visits, load
   *  4-9 on 2 CPUs), 0.33-0.45 ms of those answers' 2.5-3.5 ms, against 0.005 ms to find the
   *  parts made. Nothing is placed in the page.
   *  @param {any} result a complete result of the compiled rules */
  function prepare(result) {
    if (!ownParts(result, null)) keptParts(result);
  }

  /** firstParts, from the parts already made for an outcome like this one where there are.
   *  @param {any} result @param {string | null} recordedOutcome */
  function outcomeParts(result, recordedOutcome) {
    if (ownParts(result, recordedOutcome)) return firstParts(result, recordedOutcome);
    const nodes = keptParts(result).map((node) => node.cloneNode(true));
    const full = /** @type {HTMLElement} */ (nodes[nodes.length - 1]);
    const line = find(full, ".lp-full-pending");
    const text = fullPendingText(); // as the runtime is now, not as it was when they were made
    if (line.textContent !== text) line.textContent = text;
    return { nodes, full, all: result.actions.length <= doNowCount(result) };
  }

  /** The outcome as the rules decided it: at once from the compiled rules (`result.full`
   *  false: the reasons, the ranking and the record follow in place, see complete), or whole
   *  from Python. What a practitioner acts on comes at once (the panel, who to call, "Do this
   *  now", the record's buttons); the rest, below them, once that is on screen (finish): on a
   *  slow phone an answer's effect is then drawn in about half the time. */
  function render(result) {
    const { recordedOutcome } = state();
    const { nodes, full, all } = outcomeParts(result, recordedOutcome);
    clear();
    outcomeEl.prepend(...nodes);
    outcomeEl.hidden = false;
    rest = () => {
      outcomeEl.prepend(printAddress());
      if (!all) full.before(make("h3", "", words.every_action), everyAction(result));
      // The record on paper (record-view.js), filled in when the full version gives it.
      const printable = make("div", "lp-record-print");
      printable.setAttribute("aria-hidden", "true");
      const version = make("p", "lp-version");
      version.append(...fillParts(words.version, { version: result.rules_version }, (text) => {
        const changes = make("a", "", text);
        changes.href = new URL(data.whatChanged, siteRoot).href;
        return changes;
      }));
      const judgement = make("p", "lp-judgement");
      judgement.append(...withEmailLinks(result.judgement));
      // The sources: at once, those of the rule's groups (the compiled rules') that this outcome
      // cites; the outcome model's own list when the full version gives it (complete).
      const sources = make("div", "lp-outcome-sources");
      sources.append(make("h3", "", words.sources), renderSources(compiledSources(result)));
      full.after(sources, judgement, printable, version);
    };
    if (result.full !== false) complete(result);
  }

  /** Lay out an outcome once where nobody sees it, and take it away again, all in one task:
   *  for the urgent outcome, while the page waits for the first answer (the entry module asks
   *  when the page is idle). The first time a renderer lays out an outcome it also finds and
   *  measures the fonts of each new size and weight in it, and shapes its words: on the phone
   *  (processor slowed 4 times), the urgent outcome's frame laid out in 28 ms the first time and
   *  3-11 ms the next (traced 2026-12-07, 2 cold visits, load 16-18 on 2 CPUs; 5-7 ms of the first
   *  went on the font lookups alone). After this rehearsal, the frame that shows it is the
   *  second time. The copy is hidden (checklist.css, .lp-rehearsal: not painted, no box of
   *  its own in the page's flow, nothing a screen reader or a click reaches), carries no id
   *  and no mark (data-decided), and sits outside the checklist, so no selector the page, its
   *  stylesheets or its tests use finds it, and it is gone before anything can see it.
   *  @param {any} result a complete result of the compiled rules */
  function rehearse(result) {
    const scratch = make("div", "lp-rehearsal");
    scratch.setAttribute("aria-hidden", "true");
    scratch.inert = true;
    scratch.style.width = `${outcomeEl.parentElement?.clientWidth ?? 0}px`;
    const copy = make("div", "lp-outcome");
    copy.append(...outcomeParts(result, null).nodes);
    for (const marked of copy.querySelectorAll("[id], [aria-labelledby], [data-decided]")) {
      for (const name of ["id", "aria-labelledby", "data-decided"]) marked.removeAttribute(name);
    }
    scratch.append(copy);
    root.after(scratch);
    void scratch.offsetHeight; // laid out now: its fonts found and its words shaped
    scratch.remove();
  }

  /** The full outcome from Python, for the outcome on screen: the practitioners, why, why not
   *  and what would change it take the place of the line that said they were coming, the
   *  suggestion says why, the sources are listed, and the record's buttons work. All of these
   *  are the rules' outcome model's (`result.presentation`). Nothing above them is rebuilt, so
   *  focus and what the reader is looking at stay where they are. */
  function complete(result) {
    addRest();
    /** @type {Presentation} */
    const model = result.presentation;
    const full = find(outcomeEl, ".lp-outcome-full");
    const why = make("ul", "lp-reasons");
    model.reasons.forEach((r) => why.append(make("li", "", r)));
    const explanations = /** @type {HTMLElement[]} */ ([whyNot(model), whatWouldChange(model)].filter(Boolean));
    full.replaceChildren(
      ...(model.practitioners.length ? [renderPractitioners(model.practitioners)] : []),
      make("h3", "", words.why),
      why,
      ...explanations,
    );
    find(outcomeEl, ".lp-outcome-sources").replaceChildren(make("h3", "", words.sources), renderSources(model));
    const suggested = outcomeEl.querySelector(".lp-panel-suggested");
    if (suggested) suggestionFrom(suggested, model);
    const printable = find(outcomeEl, ".lp-record-print");
    loadRecordView().then(({ showRecord }) => {
      if (printable.isConnected) showRecord(printable, result.record_sections); // still this outcome
    });
    outcomeEl.querySelectorAll(".lp-record-actions button").forEach((b) => {
      /** @type {HTMLButtonElement} */ (b).disabled = false;
    });
    find(outcomeEl, ".lp-panel").dataset.recommendation = result.recommendation;
  }

  /** The line about the full version, kept true as the runtime loads or fails (written only
   *  when its words change: the entry module asks whenever the runtime's state moves). */
  function runtimeChanged() {
    const line = outcomeEl.querySelector(".lp-full-pending");
    const text = fullPendingText();
    if (line && line.textContent !== text) line.textContent = text;
  }

  /** In the outcome's place, an error and no advice. @param {string} message */
  function error(message) {
    hide();
    const p = make("p", "lp-outcome-error", message);
    p.setAttribute("role", "alert");
    outcomeEl.prepend(p);
    outcomeEl.hidden = false;
  }

  /** On paper only: the address this outcome came from (kept current at each print). */
  function printAddress() {
    const line = make("p", "lp-print-only lp-print-address");
    line.append(...fillParts(words.printed_from, { address: make("span", "", location.href) }));
    return line;
  }

  /** The outcomes before this one in the rules' order, and what ruled each out (folded).
   *  @param {Presentation} model */
  function whyNot(model) {
    if (!model.why_not.length) return null;
    const box = make("details", "lp-why-not");
    box.append(make("summary", "", words.why_not));
    const list = make("ul");
    for (const w of model.why_not) {
      const item = make("li");
      item.dataset.whyNot = w.recommendation;
      item.textContent = w.sentence; // "It is not “X”, because your answer to “Y” is “Z”."
      list.append(item);
    }
    box.append(list);
    return box;
  }

  /** Each single answer that would give a different outcome, as a link that opens it.
   *  @param {Presentation} model */
  function whatWouldChange(model) {
    if (!model.what_would_change.length) return null;
    const { answers } = state();
    const box = make("details", "lp-what-would-change");
    box.append(make("summary", "", words.would_change));
    const list = make("ul");
    for (const c of model.what_would_change) {
      // "It would be “X” if “Y” were “Z”." (lp_rules.explain), as a link that opens it.
      const link = make("a", "", c.sentence);
      const query = queryFor({ ...answers, [c.question]: c.answer }, data.questions,
        data.versionParam, data.linkVersion);
      link.href = `${location.pathname}#${query}`; // the fragment: never sent to the host
      const item = make("li");
      item.dataset.change = `${c.question}=${c.answer}`;
      item.append(link);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  /** A reopened record: does today's answer match the one the record gave? */
  function recordComparison(result, recordedOutcome) {
    const box = make("div", "lp-notice lp-record-comparison");
    if (recordedOutcome === result.recommendation) {
      box.append(make("p", "", words.record_same));
      return box;
    }
    const then = data.outcomeTitles[recordedOutcome] ?? words.record_gone;
    box.dataset.differs = "true";
    box.append(make("p", "", fill(words.record_differs, { outcome: then })));
    const link = make("a", "", words.what_changed);
    link.href = new URL(data.whatChanged, siteRoot).href;
    box.append(link);
    return box;
  }

  /** The rule whose path the map shows (null: none). */
  let pathShown = null;

  /** Mark the outcome's path through the page's decision map (tools/sitegen/decision_map.py):
   *  the rules ruled out and their "No" arrows, then the rule that applies and its outcome.
   *  ``index`` is null while there is no outcome, which clears the path. The map is further
   *  down the page than the outcome: the entry module draws it once the answer's effect is on
   *  screen, and only when the rule changes. @param {number | null} index */
  function showPath(index) {
    if (index === pathShown) return;
    pathShown = index;
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

  /** Where the eye is: the Copy button says "Copied" for a few seconds, then its own name. */
  function confirmCopied() {
    /** @type {HTMLButtonElement | null} */
    const button = outcomeEl.querySelector("[data-copy-record]");
    if (!button) return;
    button.textContent = words.copied;
    button.classList.add("lp-button--done");
    clearTimeout(copiedTimer);
    copiedTimer = setTimeout(() => {
      button.textContent = words.copy;
      button.classList.remove("lp-button--done");
    }, COPIED_FOR_MS);
  }

  async function copyRecord() {
    const { record } = state();
    try {
      await navigator.clipboard.writeText(record);
      confirmCopied();
      live.textContent = words.copied_said;
    } catch {
      // Clipboard refused (permissions, older browser): show the text selected instead.
      /** @type {HTMLTextAreaElement | null} */
      let box = outcomeEl.querySelector(".lp-record-fallback");
      if (!box) {
        box = make("textarea", "lp-record-fallback");
        box.readOnly = true;
        box.rows = 12;
        box.setAttribute("aria-label", words.copy_box);
        const note = make("p", "lp-record-fallback-note", words.copy_blocked);
        note.id = "lp-record-fallback-note";
        box.setAttribute("aria-describedby", note.id);
        find(outcomeEl, ".lp-record-actions").after(note, box);
      }
      box.value = record;
      box.focus();
      box.select();
      live.textContent = words.copy_blocked_said;
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

  /** "Print record": the same paper as printing the page, since print.css prints the record
   *  alone (laid out by record-view.js) whenever it is on the page; the button is for those who
   *  look for one, and for phones, whose browsers hide Print in a menu. */
  function printRecord() {
    window.print();
  }

  // Printing the page: the paper says which address (with its answers) it came from.
  window.addEventListener("beforeprint", () => {
    const line = outcomeEl.querySelector(".lp-print-address span");
    if (line) line.textContent = location.href;
  });

  return { render, rehearse, prepare, finish, complete, runtimeChanged, error, hide, pending, focus,
    roleLabel, showPath };
}
