// Runs the page's compiled evaluator (docs/assets/js/checklist/compiled.js) on a batch of answer
// sets, for tests/site/test_compiled.py: reads {"data": <compiled tables>, "fields": [names],
// "cases": [answers, ...]} as JSON on stdin and writes one line per case: the MD5 of the JSON
// array of those fields of its result (["invalid", field] for answers the rules refuse), so a
// batch of hundreds of thousands of outcomes crosses as a few megabytes. One process per
// checklist and build, not one per case; with "full": true, the results themselves instead.
import { createHash } from "node:crypto";

import { evaluate } from "../../docs/assets/js/checklist/compiled.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { data, fields, cases, full } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

/** @param {Record<string, any>} answers */
function run(answers) {
  try {
    return evaluate(data, answers);
  } catch (err) {
    return { status: "error", message: String(err) };
  }
}

if (full) {
  process.stdout.write(JSON.stringify(cases.map(run)));
} else {
  const lines = cases.map((answers) => {
    const result = run(answers);
    const shown = result.status === "invalid" ? ["invalid", result.field] : fields.map((f) => result[f] ?? null);
    return createHash("md5").update(JSON.stringify(shown)).digest("hex");
  });
  process.stdout.write(lines.join("\n"));
}
