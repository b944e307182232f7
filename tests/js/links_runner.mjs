// Runs the page's link reader (docs/assets/js/checklist/links.js) on a batch of links, for
// tests/site/test_link_readers.py: reads {"rules": {tool: reader_rules}, "links": [[tool, text]],
// "addresses": [[search, hash]]} as JSON on stdin and writes {"links": [reading or refusal],
// "addresses": [link text]} as JSON. One process per batch, not one per link.
import { linkText, readLink } from "../../docs/assets/js/checklist/links.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { rules, links, addresses } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

/** @param {string} tool @param {string} text */
function run(tool, text) {
  try {
    return readLink(text, rules[tool]);
  } catch (err) {
    return { type: "crash", message: String(err) };
  }
}

process.stdout.write(JSON.stringify({
  links: links.map(([tool, text]) => run(tool, text)),
  addresses: addresses.map(([search, hash]) => linkText(search, hash)),
}));
