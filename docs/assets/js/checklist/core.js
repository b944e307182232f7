//# allFunctionsCalledOnLoad
// @ts-check
// The checklist's pure core: answers -> link (a link is read by links.js), which questions show
// and how far along the user is, practitioner rows, and errors in plain words.
//
// No DOM and no globals: everything it needs comes in as arguments, so it runs unchanged under
// `node --test` (tests/js/) and the share-link format is tested against the same fixture file as
// the Python side (tests/fixtures/share_links.json, lp_rules.links).

/**
 * @typedef {{id: string, label: string, hint: string}} Option
 * @typedef {{id: string, kind: string, text: string, summary: string, hint: string,
 *   error: string, options?: Option[], fields?: Question[], max_items?: number,
 *   role_field?: string}} Question
 * @typedef {Record<string, string>} Row  a practitioner: field id -> option id
 * @typedef {Record<string, any>} Answers  question id -> option id, or Row[] for "candidates"
 * @typedef {{status: string, relevant: string[], next: string[]}} Progress  the rules' result,
 *   as far as the flow needs it
 * @typedef {{question: string | null, row: number | null, field: string | null, message: string}} FieldError
 * @typedef {Record<string, string>} Words  the page's words (the page data's `words`:
 *   lp_rules.checklists.texts CHECKLIST_SCRIPT and CHECKLIST_PAGE), each written there once
 */

/** `text` with each `{name}` that `values` holds filled in; any other left as it is.
 *  @param {string} text @param {Record<string, string>} values */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
}

/** `text` as pieces to append to an element: each `{name}` that `values` holds replaced by its
 *  value (text or an element, such as a link), and each `[words]` by `link(words)`.
 *  @template T
 *  @param {string} text @param {Record<string, string | T>} values
 *  @param {(words: string) => T} [link] @returns {(string | T)[]} */
export function fillParts(text, values, link) {
  /** @type {(string | T)[]} */
  const parts = [];
  for (const piece of text.split(/(\{\w+\}|\[[^\]]+\])/)) {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    if (name !== undefined && name in values) parts.push(values[name]);
    else if (link && /^\[[^\]]+\]$/.test(piece)) parts.push(link(piece.slice(1, -1)));
    else if (piece) parts.push(piece);
  }
  return parts;
}

/** Today's local date as YYYY-MM-DD, for the record. */
export function today(d = new Date()) {
  /** @param {number} n */
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The practitioners as a share link's value: fields in order, "." between, "~" between rows.
 *  @param {Row[]} list @param {Question[]} fields */
export function encodeCandidates(list, fields) {
  return list.map((c) => fields.map((f) => c[f.id] ?? "").join(".")).join("~");
}

/** A link's text for the answers (what follows "#"), as lp_rules.links.share_query writes it:
 *  the rules' link version first, then the answers in asking order, then any `extra` pairs (a
 *  record's outcome).
 *  Ids need no escaping, so "~" and "." stay readable; anything else is escaped.
 *  @param {Answers} given @param {Question[]} questions @param {string} versionParam
 *  @param {number} linkVersion @param {[string, string][]} [extra] */
export function queryFor(given, questions, versionParam, linkVersion, extra = []) {
  /** @type {[string, string][]} */
  const pairs = [[versionParam, String(linkVersion)]];
  for (const q of questions) {
    if (given[q.id] === undefined) continue;
    pairs.push([q.id, q.kind === "candidates" ? encodeCandidates(given[q.id], q.fields ?? []) : given[q.id]]);
  }
  return [...pairs, ...extra]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
}

/** Whether a question has an answer (practitioners: a list, even an empty one).
 *  @param {Question} q @param {Answers} answers */
export function isAnswered(q, answers) {
  return q.kind === "candidates" ? Array.isArray(answers[q.id]) : Boolean(answers[q.id]);
}

/** The question to ask next: the rules' first needed one once they have answered (`result`),
 *  before that the first unanswered one in asking order; null when none is needed.
 *  @param {Question[]} questions @param {Answers} answers @param {Progress | null} result */
export function nextQuestion(questions, answers, result) {
  if (result) return result.status === "needs_more" ? result.next[0] ?? null : null;
  return questions.find((q) => !isAnswered(q, answers))?.id ?? null;
}

/** Which questions show: every answered one (an answer never vanishes from under the user),
 *  and the next one to ask.
 *  @param {Question[]} questions @param {Answers} answers @param {Progress | null} result */
export function visibleQuestions(questions, answers, result) {
  const visible = new Set(questions.filter((q) => isAnswered(q, answers)).map((q) => q.id));
  const next = nextQuestion(questions, answers, result);
  if (next) visible.add(next);
  return visible;
}

/** Answered questions the rules did not use for this result and do not still need: kept, and
 *  marked "not needed for this outcome".
 *  @param {Question[]} questions @param {Answers} answers @param {Progress} result */
export function notNeeded(questions, answers, result) {
  const used = new Set([...result.relevant, ...(result.status === "needs_more" ? result.next : [])]);
  return new Set(questions.filter((q) => isAnswered(q, answers) && !used.has(q.id)).map((q) => q.id));
}

/** "Question N of up to M" for the question `qid`: N counts the answers the rules use before
 *  it, M every question not already known to be unneeded. `unneeded`: notNeeded's answer for
 *  the same answers and result, when the caller has it already.
 *  @param {Question[]} questions @param {Answers} answers @param {Progress | null} result
 *  @param {string} qid @param {Set<string>} [unneeded] @returns {{n: number, m: number}} */
export function progress(questions, answers, result, qid,
  unneeded = result ? notNeeded(questions, answers, result) : new Set()) {
  const order = questions.map((q) => q.id);
  const before = order.slice(0, order.indexOf(qid));
  const used = result ? new Set(result.relevant) : new Set(before);
  const n = 1 + questions.filter((q) => q.id !== qid && used.has(q.id) && isAnswered(q, answers)).length;
  return { n, m: Math.max(n, questions.length - unneeded.size) };
}

/** Whether a practitioner row has every field filled in.
 *  @param {Row} row @param {Question[]} fields */
export function isComplete(row, fields) {
  return fields.every((f) => row[f.id]);
}

/** A practitioner field's error in plain words, for practitioner `index` (from 0).
 *  @param {Question} field @param {number} index */
export function fieldMessage(field, index) {
  return fill(field.error, { n: String(index + 1) });
}

/** Every missing field of the practitioners listed, one plain message each, in order; the
 *  list's own error when nobody is listed ("none listed" is not "none suitable").
 *  @param {Row[]} rows @param {Question} candidatesQ @returns {FieldError[]} */
export function candidateErrors(rows, candidatesQ) {
  if (!rows.length) {
    return [{ question: candidatesQ.id, row: null, field: null, message: candidatesQ.error }];
  }
  /** @type {FieldError[]} */
  const errors = [];
  rows.forEach((row, i) => {
    for (const f of candidatesQ.fields ?? []) {
      if (!row[f.id]) errors.push({ question: candidatesQ.id, row: i, field: f.id, message: fieldMessage(f, i) });
    }
  });
  return errors;
}

/** The rules' `invalid` reply as plain words for the field it names ("answers.harm",
 *  "answers.candidates[0].relationship"): the question's own error from the page data, never
 *  the rules' message, which names ids. A field that is no question (an unreadable link) gets
 *  `question` null and a general message.
 *  The rules' message is only read to tell a question given twice in a link from a wrong answer.
 *  @param {string | undefined} field @param {Question[]} questions @param {Answers} answers
 *  @param {Words} words @param {string} [rulesMessage] @returns {FieldError} */
export function invalidError(field, questions, answers, words, rulesMessage = "") {
  const match = /^answers\.([A-Za-z0-9_-]+)(?:\[(\d+)\](?:\.([A-Za-z0-9_-]+))?)?$/.exec(field ?? "");
  const q = match ? questions.find((x) => x.id === match[1]) : undefined;
  if (!match || !q) {
    return { question: null, row: null, field: null, message: words.link_unreadable };
  }
  const row = match[2] === undefined ? null : Number(match[2]);
  const sub = q.fields?.find((f) => f.id === match[3]);
  if (row !== null && sub) {
    return { question: q.id, row, field: sub.id, message: fieldMessage(sub, row) };
  }
  if (row !== null) {
    return {
      question: q.id, row, field: null,
      message: fill(words.link_practitioner, { n: String(row + 1) }),
    };
  }
  if (q.kind === "candidates") {
    return {
      question: q.id, row: null, field: null,
      message: fill(words.link_list, { most: String(q.max_items) }),
    };
  }
  if (rulesMessage.includes("more than once")) {
    return {
      question: q.id, row: null, field: null,
      message: fill(words.link_twice, { question: q.summary }),
    };
  }
  const given = answers[q.id];
  const option = q.options?.find((o) => o.id === given);
  if (option) {
    // A valid option the rules refuse with the other answers: the answers contradict.
    return {
      question: q.id, row: null, field: null,
      message: fill(words.does_not_fit, { answer: option.label, question: q.summary }),
    };
  }
  return { question: q.id, row: null, field: null, message: q.error };
}
