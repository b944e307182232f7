// The checklist's pure core: answers <-> page address, which questions show, practitioner rows.
//
// No DOM and no globals: everything it needs comes in as arguments, so it runs unchanged under
// `node --test` (tests/js/) and the share-link format can be tested against the same fixture
// file as the Python side (lp_rules.links).

/** Today's local date as YYYY-MM-DD, for the record. */
export function today(d = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The practitioners in a share link ("role.relationship...~role..."), one object per row.
 *  A hostile link may hold thousands of rows: read one more than the most allowed (so the
 *  rules still refuse the list) and never build more rows than that. */
export function decodeCandidates(text, fields, max) {
  if (text === "") return [];
  return text.split("~", max + 1).map((row) => {
    const parts = row.split(".");
    const item = {};
    fields.forEach((f, i) => {
      if (parts[i]) item[f.id] = parts[i];
    });
    return item;
  });
}

/** The practitioners as a share link's value: fields in order, "." between, "~" between rows. */
export function encodeCandidates(list, fields) {
  return list.map((c) => fields.map((f) => c[f.id] ?? "").join(".")).join("~");
}

/** The address's answers to this checklist's questions, as given: the rules decide what is
 *  valid. Other parameters (tracking tags, email safe-link wrappers) are not answers. */
export function readQuery(search, questions) {
  const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
  const found = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (!Object.hasOwn(byId, key)) continue;
    const q = byId[key];
    found[key] = q.kind === "candidates" ? decodeCandidates(value, q.fields, q.max_items) : value;
  }
  return found;
}

/** The address for the answers: the rules' link version first, then the answers in asking
 *  order (the format of lp_rules.links.share_query). */
export function queryFor(given, questions, versionParam, linkVersion) {
  const params = new URLSearchParams();
  params.set(versionParam, String(linkVersion));
  for (const q of questions) {
    if (given[q.id] === undefined) continue;
    params.set(q.id, q.kind === "candidates" ? encodeCandidates(given[q.id], q.fields) : given[q.id]);
  }
  return params;
}

/** Before the rules are ready: a plain linear flow, each question after the answered ones. */
export function linearVisible(questions, answers) {
  const visible = new Set();
  for (const q of questions) {
    visible.add(q.id);
    if (q.kind === "candidates" ? !Array.isArray(answers.candidates) : !answers[q.id]) break;
  }
  return visible;
}

/** Once the rules answer: the answers that matter, and the next question needed. */
export function relevantVisible(result) {
  const visible = new Set(result.relevant);
  if (result.status === "needs_more") visible.add(result.next[0]);
  return visible;
}

/** Whether a practitioner row has every field filled in. */
export function isComplete(row, fields) {
  return fields.every((f) => row[f.id]);
}

/** The question a contract field such as "answers.candidates[1].role" belongs to, or null. */
export function questionOf(field, byId) {
  const match = /^answers\.([A-Za-z0-9_-]+)/.exec(field || "");
  return match && byId[match[1]] ? match[1] : null;
}
