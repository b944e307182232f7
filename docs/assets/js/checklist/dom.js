//# allFunctionsCalledOnLoad
// @ts-check
// The DOM helpers the checklist's views share.

/** Create an element with optional class and text (always as text, never as HTML).
 *  @template {keyof HTMLElementTagNameMap} K
 *  @param {K} tag @param {string} [className] @param {string} [text]
 *  @returns {HTMLElementTagNameMap[K]} */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The element the build generated for `selector` inside `root`. The page's HTML and this
 *  script come from one build, so a missing element is a build error: fail loudly, here.
 *  @param {ParentNode} root @param {string} selector @returns {any} */
export function find(root, selector) {
  const node = root.querySelector(selector);
  if (!node) throw new Error(`checklist: ${selector} is missing from the page`);
  return node;
}
