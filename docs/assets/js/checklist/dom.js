// The one DOM helper the checklist's views share.

/** Create an element with optional class and text (always as text, never as HTML). */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
