//# allFunctionsCalledOnLoad
// @ts-check
// The page's one link reader: a checklist link's answers, read exactly as the rules read them
// (lp_rules.links: parse_query then read_link), so opening a link, Back, Forward and reload can
// never read a link differently from the rules. Equal to the Python reader on the shared fixture
// and on generated links, valid, hostile and old (tests/site/test_link_readers.py).
//
// The facts (limits, names, what each release renamed or removed) come from the rules package as
// the page's data (lp_rules.links.reader_rules); only the reading is written here. Pure: no DOM,
// no globals, so it runs unchanged under node.
//
// A link's answers travel in the address's fragment ("#v=2&harm=no"), which browsers never send
// to any host; links made before December 2026 hold them in the query ("?v=2&harm=no").

/**
 * @typedef {{major: number, removedQuestions: string[], removedOptions: [string, string[]][],
 *   renamedQuestions: [string, string][], renamedOptions: [string, [string, string][]][]}} Release
 * @typedef {{versionParam: string, outcomeParam: string, currentMajor: number, oldestMajor: number,
 *   maxQuery: number, maxValue: number, maxListed: number, maxRows: number,
 *   prototypeNames: string[], questions: string[], listQuestion: string, fields: string[],
 *   outcomes: string[], releases: Release[]}} ReaderRules  lp_rules.links.reader_rules
 * @typedef {{type: "link", answers: Record<string, any>, made_with: number, version: string,
 *   renamed: string[], asked_again: string[], ignored: string[], recorded_outcome: string | null,
 *   conflicting: string[], unknown_outcome: boolean}} Reading  lp_rules.links.LinkReading
 * @typedef {{type: "invalid", field: string, message: string}} Refusal  lp_rules' InvalidAnswers
 */

/** What comes between a checklist's address and a link's answers (lp_rules.links.LINK_MARK). */
export const LINK_MARK = "#";

/** The part of an address that holds a link's answers (lp_rules.links.link_text): the fragment
 *  when it holds any parameter, otherwise the query (an older link); "" when neither does. A
 *  fragment without "=" is a place on the page ("#decision-table"), not a link.
 *  @param {string} search location.search @param {string} hash location.hash */
export function linkText(search, hash) {
  const fragment = hash.startsWith(LINK_MARK) ? hash.slice(1) : hash;
  if (fragment.includes("=")) return fragment;
  return search.startsWith("?") ? search.slice(1) : search;
}

/** Whether the fragment is a place on the page, not a link (see linkText).
 *  @param {string} hash */
export function isPlaceOnPage(hash) {
  return hash.length > 1 && !hash.includes("=");
}

/** The number of characters as Python counts them (code points, not UTF-16 units).
 *  @param {string} text */
function length(text) {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    const high = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      n -= 1; // a surrogate pair is one character
      i += 1;
    }
  }
  return n;
}

const HEX = /^[0-9a-fA-F]{2}$/;
const decoder = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();

/** Percent-decoding as lp_rules.links._unescape: "+" is a space, a malformed escape is kept as
 *  it is, and bytes that are not UTF-8 become U+FFFD.
 *  @param {string} text */
function unescape(text) {
  const raw = encoder.encode(text.replaceAll("+", " "));
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length;) {
    const pair = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0);
    if (raw[i] === 0x25 && i + 2 < raw.length && HEX.test(pair)) {
      out[n++] = parseInt(pair, 16);
      i += 3;
    } else {
      out[n++] = raw[i];
      i += 1;
    }
  }
  return decoder.decode(out.subarray(0, n));
}

class Refused extends Error {
  /** @param {string} field @param {string} message */
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** lp_rules.links._version: the major version a link says it was made with, and how it was read.
 *  @param {string | undefined} value @param {ReaderRules} rules @returns {[number, string]} */
function version(value, rules) {
  if (value === undefined) return [rules.oldestMajor, "known"];
  const found = /^([0-9]+)(?:\.[0-9]+)?$/.exec(value);
  if (!found) return [rules.currentMajor, "unreadable"];
  const digits = found[1].replace(/^0+/, "") || "0";
  const major = digits.length <= 9 ? Number(digits) : 10 ** 9; // beyond any real version: "newer"
  if (major < rules.oldestMajor) return [rules.oldestMajor, "older"];
  if (major > rules.currentMajor) return [major, "newer"];
  return [major, "known"];
}

/** lp_rules.links.parse_query: the link's parameters, refusing what no checklist link holds.
 *  @param {string} text @param {ReaderRules} rules @returns {Map<string, string>} */
function parse(text, rules) {
  const query = text.startsWith("?") || text.startsWith(LINK_MARK) ? text.slice(1) : text;
  const size = length(query);
  if (size > rules.maxQuery) {
    throw new Refused("link", `link: ${size} characters; a checklist link is at most ${rules.maxQuery}`);
  }
  const prototypeNames = new Set(rules.prototypeNames);
  const known = new Set([...rules.questions, rules.versionParam, rules.outcomeParam,
    ...rules.releases.flatMap((r) => r.renamedQuestions.map(([old]) => old))]);
  /** @type {Map<string, string>} */
  const params = new Map();
  for (const part of query.split("&")) {
    if (!part) continue;
    const at = part.indexOf("=");
    const key = unescape(at < 0 ? part : part.slice(0, at));
    const value = unescape(at < 0 ? "" : part.slice(at + 1));
    if (prototypeNames.has(key)) {
      throw new Refused("link", `link: '${key}' is not a parameter any link holds`);
    }
    if (!known.has(key)) continue;
    const field = `answers.${key}`;
    if (params.has(key)) throw new Refused(field, `${field}: given more than once in the link`);
    const chars = length(value);
    if (chars > rules.maxValue) throw new Refused(field, `${field}: ${chars} characters is not an answer`);
    params.set(key, value);
  }
  return params;
}

/** lp_rules.links._decode_candidates: "role.relationship.…~…" rows; too many rows, or a row with
 *  more parts than fields, is refused (before any row is decoded).
 *  @param {string} text @param {ReaderRules} rules */
function decodeList(text, rules) {
  if (text === "") return [];
  const rows = text.split("~");
  if (rows.length > rules.maxRows) {
    const field = `answers.${rules.listQuestion}`;
    throw new Refused(field, `${field}: at most ${rules.maxListed} practitioners; got ${rows.length}`);
  }
  return rows.map((row, i) => {
    const parts = row.split(".");
    if (parts.length > rules.fields.length) {
      const field = `answers.${rules.listQuestion}[${i}]`;
      throw new Refused(field, `${field}: ${parts.length} parts; a practitioner has ${rules.fields.length} ` +
        `(${rules.fields.join(".")})`);
    }
    /** @type {Record<string, string>} */
    const item = {};
    rules.fields.forEach((f, j) => {
      if (j < parts.length && parts[j]) item[f] = parts[j];
    });
    return item;
  });
}

/** lp_rules.links.read_link: today's answers from the parameters, an older link migrated.
 *  @param {Map<string, string>} params @param {ReaderRules} rules @returns {Reading} */
function read(params, rules) {
  const [madeWith, how] = version(params.get(rules.versionParam), rules);
  const values = new Map([...params].filter(([k]) => k !== rules.versionParam && k !== rules.outcomeParam));
  /** @type {string[]} */ const renamed = [];
  /** @type {string[]} */ const dropped = [];
  /** @type {string[]} */ const conflicting = [];
  for (const release of rules.releases) {
    if (release.major <= madeWith) continue;
    for (const old of release.removedQuestions) values.delete(old);
    for (const [question, gone] of release.removedOptions) {
      const value = values.get(question);
      if (value !== undefined && gone.includes(value)) {
        values.delete(question);
        dropped.push(question);
      }
    }
    for (const [old, now] of release.renamedQuestions) {
      const given = values.get(old);
      if (given === undefined) continue;
      values.delete(old);
      if (!values.has(now)) values.set(now, given);
      if (values.get(now) === given) {
        renamed.push(now);
      } else {
        values.delete(now); // two answers to one question: keeping either would be a guess
        conflicting.push(now);
      }
    }
    for (const [question, options] of release.renamedOptions) {
      const value = values.get(question);
      const to = options.find(([old]) => old === value);
      if (value !== undefined && to) {
        values.set(question, to[1]);
        renamed.push(question);
      }
    }
  }
  const known = new Set(rules.questions);
  /** @type {Record<string, any>} */
  const answers = {};
  for (const [key, value] of values) {
    if (!known.has(key)) continue;
    answers[key] = key === rules.listQuestion ? decodeList(value, rules) : value;
  }
  /** @param {string[]} ids */
  const inOrder = (ids) => ids.sort((a, b) => rules.questions.indexOf(a) - rules.questions.indexOf(b));
  const outcome = params.get(rules.outcomeParam) || null;
  const unknownOutcome = outcome !== null && !rules.outcomes.includes(outcome);
  const droppedSet = new Set(dropped);
  return {
    type: "link",
    answers,
    made_with: madeWith,
    renamed: inOrder([...new Set(renamed)].filter((q) => !droppedSet.has(q))),
    asked_again: inOrder([...dropped]),
    ignored: [...values.keys()].filter((k) => !known.has(k)).concat(unknownOutcome ? [rules.outcomeParam] : []),
    recorded_outcome: unknownOutcome ? null : outcome,
    version: how,
    conflicting: inOrder([...conflicting]),
    unknown_outcome: unknownOutcome,
  };
}

/** A link's text (see linkText) read under today's rules: what lp_rules.links reads, or the
 *  refusal the rules give (the whole link is then refused: no answer of it is kept).
 *  @param {string} text @param {ReaderRules} rules @returns {Reading | Refusal} */
export function readLink(text, rules) {
  try {
    return read(parse(text, rules), rules);
  } catch (err) {
    if (err instanceof Refused) return { type: "invalid", field: err.field, message: err.message };
    throw err;
  }
}

/** A link the page can decide from at once: made with today's link version and read as it is
 *  (nothing migrated, dropped or left out), so the rules have nothing to say about it.
 *  @param {Reading} reading @param {ReaderRules} rules */
export function readAsItIs(reading, rules) {
  return reading.made_with === rules.currentMajor && reading.version === "known" &&
    !reading.renamed.length && !reading.asked_again.length && !reading.conflicting.length &&
    !reading.unknown_outcome;
}
