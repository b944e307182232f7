// Runs the page's compiled evaluator (docs/assets/js/checklist/compiled.js) on a batch of answer
// sets, for tests/site/test_compiled.py: reads {"data": <compiled tables>, "cases": [answers, ...]}
// as JSON on stdin, writes the list of results as JSON on stdout. One process per checklist and
// build, not one per case.
import { evaluate } from "../../docs/assets/js/checklist/compiled.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { data, cases } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = cases.map((answers) => {
  try {
    return evaluate(data, answers);
  } catch (err) {
    return { status: "error", message: String(err) };
  }
});
process.stdout.write(JSON.stringify(results));
