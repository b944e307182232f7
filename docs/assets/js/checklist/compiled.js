//# allFunctionsCalledOnLoad
// @ts-check
// The rules' decisions worked out in the page, at once, from the tables the rules package
// exported at build time (lp_rules/compiled.py): no rule, condition, text or ranking is written
// here. This mirrors lp_rules.engine.decide and engine.outcome step for step (first match wins;
// conditions are three-valued, null meaning "not answered yet"; `next` in asking order; complete
// only when no unanswered question could change the rule or its actions), and
// tests/site/test_compiled.py checks that it gives what lp_rules.evaluate gives on every answer
// set the page can hold, for every checklist in both builds.
//
// It gives the outcome and what to do; the reasons, why not another outcome, what would change
// it, the practitioners' ranking and the record come from Python (lp_rules.bridge) when it has
// loaded. No DOM and no globals: it runs unchanged under Node.

/**
 * @typedef {any[]} Cond  a condition tree: ["in", q, values], ["all", parts], ["any", parts],
 *   ["always"], ["no_eligible", q], ["suggested", q, field, values]
 * @typedef {{code: string, text: string, citations: string[], sources: number[], holds_back?: boolean}} CompiledAction
 * @typedef {{source: string, title: string, section: string, url: string}} Citation
 * @typedef {{name: string, kicker: string}} Tone  the outcome panel's look and kicker (presentation.tone)
 * @typedef {{when: Cond, code: string, title: string, summary: string, citations: number[],
 *   urgent: boolean, escalation: boolean, go_ahead: boolean, tone: Tone, suggests: boolean, steps: [Cond | null, number, number][], tail: number[],
 *   sources: [string, number[]][]}} CompiledRule
 * @typedef {{question: string, max: number, linkMax: number, tooMany: Record<string, string>,
 *   fields: [string, string[]][], keys: number[], nobodyListed: string}} CompiledCandidates
 * @typedef {{format: number, tool: string, profile: string, rulesVersion: string,
 *   order: string[], options: Record<string, string[]>, urgentWhen: Cond,
 *   contradictions: [Cond, string, string][],
 *   rules: CompiledRule[], actions: CompiledAction[], citations: Citation[],
 *   shortNames: Record<string, string>, judgement: [string, string], emergency: any[], heldTone: Tone, candidates?: CompiledCandidates}} Compiled
 * @typedef {Record<string, any>} Answers
 */

/** The compiled data's format this evaluator reads (lp_rules.compiled.FORMAT). */
export const FORMAT = 1;

const has = (/** @type {object} */ o, /** @type {string} */ k) => Object.prototype.hasOwnProperty.call(o, k);

/** Each listed practitioner's key from the exported table: -1 cannot lead, else the score.
 *  @param {CompiledCandidates} c @param {Record<string, string>[]} listed */
function keysOf(c, listed) {
  return listed.map((row) => {
    let index = 0;
    for (const [field, options] of c.fields) index = index * options.length + options.indexOf(row[field]);
    return c.keys[index];
  });
}

/** The suggested practitioner's index (the best key; ties keep the order listed), or null.
 *  @param {Compiled} data @param {Record<string, string>[]} listed */
export function suggested(data, listed) {
  if (!data.candidates) return null;
  let best = null;
  let bestKey = -1;
  keysOf(data.candidates, listed).forEach((key, i) => {
    if (key >= 0 && (best === null || key > bestKey)) {
      best = i;
      bestKey = key;
    }
  });
  return best;
}

/** True, false, or null while a needed answer is missing (model.py's Condition.test). "all" is
 *  false as soon as a part is false, "any" true as soon as a part is true: the parts are pure, so
 *  the rest cannot change the result, and an answer's work allocates nothing here.
 *  @param {Compiled} data @param {Cond} c @param {Answers} answers @returns {boolean | null} */
function test(data, c, answers) {
  switch (c[0]) {
    case "in":
      return has(answers, c[1]) ? c[2].includes(answers[c[1]]) : null;
    case "all":
      return combined(data, c[1], answers, false);
    case "any":
      return combined(data, c[1], answers, true);
    case "always":
      return true;
    case "no_eligible": {
      const listed = answers[c[1]];
      if (!Array.isArray(listed)) return null;
      return listed.length > 0 && suggested(data, listed) === null;
    }
    case "suggested": {
      const listed = answers[c[1]];
      if (!Array.isArray(listed)) return null;
      const best = suggested(data, listed);
      return best !== null && c[3].includes(listed[best][c[2]]);
    }
    default:
      throw new Error(`compiled rules: unknown condition kind ${c[0]}`);
  }
}

/** "all" (`decisive` false) or "any" (`decisive` true) of the parts: the decisive value as soon
 *  as a part has it, else null if a part is not known yet, else the other value.
 *  @param {Compiled} data @param {Cond[]} parts @param {Answers} answers @param {boolean} decisive
 *  @returns {boolean | null} */
function combined(data, parts, answers, decisive) {
  let unknown = false;
  for (const part of parts) {
    const result = test(data, part, answers);
    if (result === decisive) return decisive;
    if (result === null) unknown = true;
  }
  return unknown ? null : !decisive;
}

/** The question ids each condition reads, worked out once per condition (the compiled data
 *  never changes): every answer reads them for every rule.
 *  @type {WeakMap<Cond, string[]>} */
const questionsRead = new WeakMap();

/** The question ids a condition reads. @param {Cond} c @returns {string[]} */
function questionsOf(c) {
  let ids = questionsRead.get(c);
  if (ids === undefined) {
    ids = readsOf(c);
    questionsRead.set(c, ids);
  }
  return ids;
}

/** @param {Cond} c @returns {string[]} */
function readsOf(c) {
  switch (c[0]) {
    case "in": case "no_eligible": case "suggested":
      return [c[1]];
    case "all": case "any":
      return c[1].flatMap(questionsOf);
    default:
      return [];
  }
}

/** The first field whose value the rules refuse whatever the other answers (lp_rules.validate:
 *  not an option, a practitioner row not as the rules take it, a longer list than a link
 *  carries), in the form the rules name it, or null.
 *  @param {Compiled} data @param {Answers} answers @returns {string | null} */
function refused(data, answers) {
  for (const [key, value] of Object.entries(answers)) {
    const c = data.candidates;
    if (c && key === c.question) {
      if (!Array.isArray(value) || value.length > c.linkMax) return `answers.${key}`;
      for (const [i, row] of value.entries()) {
        if (typeof row !== "object" || row === null) return `answers.${key}[${i}]`;
        const unknown = Object.keys(row).filter((f) => !c.fields.some(([id]) => id === f)).sort();
        if (unknown.length) return `answers.${key}[${i}].${unknown[0]}`;
        const missing = c.fields.find(([id]) => !has(row, id));
        if (missing) return `answers.${key}[${i}].${missing[0]}`;
        const wrong = c.fields.find(([id, options]) => !options.includes(row[id]));
        if (wrong) return `answers.${key}[${i}].${wrong[0]}`;
      }
      continue;
    }
    if (!has(data.options, key) || !data.options[key].includes(value)) return `answers.${key}`;
  }
  return null;
}

/** Valid answers that cannot stand together (lp_rules.validate.problems): the contradictions,
 *  then more practitioners than the checklist takes; each with its field and its warning.
 *  @param {Compiled} data @param {Answers} answers @returns {{field: string, plain: string}[]} */
function problems(data, answers) {
  const found = data.contradictions.filter(([when]) => test(data, when, answers))
    .map(([, field, plain]) => ({ field, plain }));
  const c = data.candidates;
  const listed = c ? answers[c.question] : undefined;
  if (c && Array.isArray(listed) && listed.length > c.max) {
    found.push({ field: `answers.${c.question}`, plain: c.tooMany[String(listed.length)] });
  }
  return found;
}

/** @param {Compiled} data @param {Set<string>} ids */
function inOrder(data, ids) {
  return data.order.filter((q) => ids.has(q));
}

/** engine.decide: the matched rule's index and its included actions' step entries, or the
 *  questions still needed; and the answered questions read so far. Plain loops, no arrays made
 *  on the way: it runs in every answer's event, mostly before the JIT has compiled it.
 *  @param {Compiled} data @param {Answers} answers */
function decide(data, answers) {
  /** @type {Set<string>} */
  const pending = new Set();
  /** @type {Set<string>} */
  const considered = new Set();
  let undecidedBefore = false;
  for (let index = 0; index < data.rules.length; index += 1) {
    const rule = data.rules[index];
    const matched = test(data, rule.when, answers);
    const reads = questionsOf(rule.when);
    if (matched === false) {
      for (const q of reads) considered.add(q);
      continue;
    }
    for (const q of reads) if (!has(answers, q)) pending.add(q);
    for (const q of reads) if (!pending.has(q)) considered.add(q);
    /** @type {number[]} */
    const included = []; // the source actions, once each
    /** @type {number[]} */
    const shown = []; // what each becomes as the profile presents it
    for (const step of rule.steps) {
      const when = step[0];
      const applies = when === null ? true : test(data, when, answers);
      if (when !== null) {
        if (applies === null) {
          for (const q of questionsOf(when)) if (!has(answers, q)) pending.add(q);
          continue;
        }
        // Read either way: an answer that leaves a step out decides the actions too.
        for (const q of questionsOf(when)) if (has(answers, q)) considered.add(q);
      }
      if (applies && !included.includes(step[1])) {
        included.push(step[1]);
        if (step[2] >= 0) shown.push(step[2]);
      }
    }
    if (matched === true) {
      if (!undecidedBefore && pending.size === 0) {
        return { rule: index, actions: [...shown, ...rule.tail], next: [], considered: inOrder(data, considered) };
      }
      break;
    }
    undecidedBefore = true;
  }
  for (const q of pending) considered.delete(q);
  return { rule: null, actions: [], next: inOrder(data, pending), considered: inOrder(data, considered) };
}

/**
 * What lp_rules.evaluate gives for these answers, as far as the compiled tables carry it:
 * {status: "invalid", field} for answers the rules refuse; otherwise status, next, relevant,
 * recommendation, rule_index, urgent, escalation, go_ahead, emergency, title, summary, actions, citations, suggested_candidate,
 * judgement, warnings and rules_version, with `full: false` (the rest comes from Python).
 * @param {Compiled} data @param {Answers} answers
 */
export function evaluate(data, answers) {
  if (data.format !== FORMAT) throw new Error(`compiled rules: format ${data.format}, expected ${FORMAT}`);
  const field = refused(data, answers);
  if (field) return { status: "invalid", field };
  // Principle 1: beside an urgent outcome, answers that cannot stand together are warnings.
  const urgent = test(data, data.urgentWhen, answers) === true;
  const found = problems(data, answers);
  if (found.length && !urgent) return { status: "invalid", field: found[0].field };
  const decision = decide(data, answers);
  const result = {
    tool: data.tool,
    profile: data.profile,
    status: "needs_more",
    next: decision.next,
    recommendation: /** @type {string | null} */ (null),
    title: "",
    summary: "",
    actions: /** @type {(CompiledAction & {sources: Citation[]})[]} */ ([]),
    citations: /** @type {Citation[]} */ ([]),
    suggested_candidate: /** @type {number | null} */ (null),
    relevant: decision.considered.filter((q) => has(answers, q)),
    urgent: false,
    escalation: false,
    go_ahead: false,
    emergency: /** @type {any[]} */ ([]),
    rule_index: /** @type {number | null} */ (null),
    judgement: data.judgement[0],
    warnings: urgent ? found.map((p) => p.plain) : [],
    rules_version: data.rulesVersion,
    full: false,
  };
  if (decision.rule === null) return result;
  const rule = data.rules[decision.rule];
  const actions = decision.actions.map((i) => data.actions[i]);
  const listed = data.candidates ? answers[data.candidates.question] : undefined;
  /** @type {Map<string, Citation>} */
  const seen = new Map();
  for (const i of [...rule.citations, ...actions.flatMap((a) => a.sources)]) {
    const c = data.citations[i];
    if (!seen.has(c.url + c.source)) seen.set(c.url + c.source, c);
  }
  const best = Array.isArray(listed) ? suggested(data, listed) : null;
  return Object.assign(result, {
    status: "complete",
    recommendation: rule.code,
    title: rule.title,
    summary: rule.suggests && !(Array.isArray(listed) && listed.length) && data.candidates
      ? `${rule.summary} ${data.candidates.nobodyListed}` : rule.summary,
    // An action as lp_rules.evaluate gives it (holds_back is the compiled data's own).
    actions: actions.map((a) => ({ code: a.code, text: a.text, citations: a.citations,
      sources: a.sources.map((i) => data.citations[i]) })),
    citations: [...seen.values()],
    suggested_candidate: rule.suggests ? best : null,
    rule_index: decision.rule,
    urgent: rule.urgent,
    escalation: rule.escalation,
    // Not a go-ahead while an action holds it back (engine.rule_shown: plan_safe_contact).
    go_ahead: rule.go_ahead && !actions.some((a) => a.holds_back),
    emergency: rule.urgent || rule.escalation ? data.emergency : [],
    judgement: data.judgement[rule.urgent ? 1 : 0],
  });
}

/** Answer sets that satisfy a condition if its "in" conditions are met, as far as they can be
 *  read off it: each listed value of an "in", every branch of an "any", the first of each part
 *  of an "all" together; none for the other kinds.
 *  @param {Cond} c @returns {Answers[]} */
function satisfying(c) {
  switch (c[0]) {
    case "in":
      return c[2].map((/** @type {string} */ value) => ({ [c[1]]: value }));
    case "any":
      return c[1].flatMap(satisfying);
    case "all":
      return [Object.assign({}, ...c[1].map((/** @type {Cond} */ p) => satisfying(p)[0] ?? {}))];
    default:
      return [];
  }
}

/** An urgent outcome as the page would show it: the result for the first answers read off the
 *  rules' urgent condition (`urgentWhen`) that evaluate to a complete, urgent outcome, or null.
 *  For the page to lay out once, unseen, before the first answer (outcome-view's rehearse).
 *  @param {Compiled} data */
export function urgentExample(data) {
  for (const answers of satisfying(data.urgentWhen)) {
    const result = evaluate(data, answers);
    if (result.status === "complete" && result.urgent) return result;
  }
  return null;
}

/** What the page shows at once and Python must give the same: status, next questions,
 *  recommendation, urgency, whether it is a go-ahead, title, summary, warnings and the actions
 *  (codes, texts, tags).
 *  @param {any} result */
function shown(result) {
  return JSON.stringify([result.status, result.next, result.recommendation, result.urgent,
    result.escalation, result.go_ahead, result.emergency,
    result.title, result.summary, result.warnings,
    result.actions.map((/** @type {CompiledAction} */ a) => [a.code, a.text, a.citations])]);
}

/** Whether Python's full result agrees with the compiled one on everything shown at once; if
 *  not, the page shows an error and no advice.
 *  @param {any} quick @param {any} full */
export function agrees(quick, full) {
  return quick.status !== "invalid" && shown(quick) === shown(full);
}

/** The sets of answers nearest the start, one at a time, each with its result: the sets the
 *  rules lead to from none, by answering the rules' next question with each of its options in
 *  turn, fewest answers first (a question answered with a list, the practitioners, is not
 *  walked). One set at a time, so that a caller working in idle moments can stop after any one;
 *  `limit` bounds the sets decided. For the page to make the first parts of the outcomes nearest
 *  the start while it waits for answers (outcome-view's prepare).
 *  @param {Compiled} data @param {number} limit
 *  @returns {Generator<{answers: Answers, result: any}>} */
export function* nearOutcomes(data, limit) {
  /** @type {Answers[]} */
  const queue = [{}];
  for (let decided = 0; decided < limit && queue.length; decided += 1) {
    const answers = /** @type {Answers} */ (queue.shift());
    const result = evaluate(data, answers);
    yield { answers, result };
    const question = result.status === "needs_more" ? result.next[0] : undefined;
    for (const option of (question && data.options[question]) || []) {
      queue.push({ ...answers, [question]: option });
    }
  }
}
