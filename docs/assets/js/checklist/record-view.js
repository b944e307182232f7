//# allFunctionsCalledOnLoad
// @ts-check
// The record on paper: the sections lp_rules.record gives (`record_sections` in the rules'
// result: the same sections the text record for Copy and Download is written from) laid out as
// headed lists: the record's title and date, the outcome as the paper's headline, then who to
// call, what to do, why, the answers, the sources and what identifies the record. print.css
// prints it alone whenever the page is printed with an outcome (Ctrl+P or "Print record"), on
// one or two A4 pages with no near-empty last page: the record is measured as it will print and
// its type set a little smaller when its last page would hold only a few lines.
// Everything goes in with textContent.

import { make } from "./dom.js";

/**
 * @typedef {{text: string, sub: string[]}} RecordItem
 * @typedef {{heading: string, style: "title" | "lead" | "lines" | "bullets" | "numbered",
 *            items: RecordItem[]}} RecordSection
 */

/** One item: its text, and under it its own numbered lines (the practitioners listed).
 *  @param {RecordItem} item @param {string} tag */
function itemElement(item, tag) {
  const el = /** @type {HTMLElement} */ (make(/** @type {"li" | "p"} */ (tag), "", item.text));
  if (item.sub.length) {
    const sub = make("ol", "lp-record-sub");
    item.sub.forEach((text) => sub.append(make("li", "", text)));
    el.append(sub);
  }
  return el;
}

/** A section as the paper shows it: a heading, then its items as the style says.
 *  @param {RecordSection} section */
function sectionElement(section) {
  const box = make("section", `lp-record-section lp-record-section--${section.style}`);
  if (section.style === "title") {
    box.append(make("h2", "lp-record-title", section.heading));
    section.items.forEach((item) => box.append(itemElement(item, "p")));
    return box;
  }
  if (section.style === "lead") {
    const [title, ...rest] = section.items;
    box.append(make("p", "lp-record-kicker", section.heading), make("h3", "lp-record-outcome", title.text));
    rest.forEach((item) => box.append(itemElement(item, "p")));
    return box;
  }
  if (section.heading) box.append(make("h3", "lp-record-heading", section.heading));
  if (section.style === "lines") {
    section.items.forEach((item) => box.append(itemElement(item, "p")));
    return box;
  }
  const list = make(section.style === "numbered" ? "ol" : "ul", "lp-record-list");
  section.items.forEach((item) => list.append(itemElement(item, "li")));
  box.append(list);
  return box;
}

/** The height of an A4 page inside print.css's 15 mm margins, in CSS pixels (96 to the inch). */
export const PAGE_PX = ((297 - 2 * 15) / 25.4) * 96;
/** The most pages a record may take (issue 21: an outcome prints on at most 2 A4 pages). */
export const MOST_PAGES = 2;
/** A last page filled less than this is near-empty: the record is set smaller to end sooner. */
export const NEAR_EMPTY = 0.35;
/** Fill the pages to at most this, for what the page breaks leave (no list item is split). */
const FILL = 0.94;
/** The smallest the record is set: 8.5 pt, from its 10 pt. */
export const SMALLEST = 0.85;

/** How many pages the record fills at its size, a fraction for the last: `null` when it ends
 *  well (one page, or a last page at least NEAR_EMPTY full, within MOST_PAGES), else the
 *  number of whole pages it should end on. @param {number} pages */
export function pagesToEndOn(pages) {
  if (pages > MOST_PAGES) return MOST_PAGES;
  const last = pages % 1; // how full the last page is (0: exactly full)
  if (pages > 1 && last > 0 && last < NEAR_EMPTY) return Math.floor(pages);
  return null;
}

/** The scale of the record's type (print.css, --lp-record-scale) at which it ends on a page
 *  well: measured on a hidden copy laid out as it will print, shrunk (the height goes about as
 *  the square of the type size, as lines also wrap sooner) until it fits, never below SMALLEST;
 *  1 when it ends well as it is, or when even SMALLEST cannot save a page.
 *  @param {HTMLElement} record */
function fittedScale(record) {
  const probe = /** @type {HTMLElement} */ (record.cloneNode(true));
  probe.classList.add("lp-record-probe");
  record.after(probe);
  const pagesAt = (/** @type {number} */ scale) => {
    probe.style.setProperty("--lp-record-scale", String(scale));
    return probe.getBoundingClientRect().height / PAGE_PX;
  };
  const pages = pagesAt(1);
  const end = pagesToEndOn(pages);
  let scale = 1;
  if (end !== null) {
    const target = end * FILL;
    for (let tries = 0, now = pages; tries < 4 && now > target && scale > SMALLEST; tries += 1) {
      scale = Math.max(SMALLEST, scale * Math.sqrt(target / now));
      now = pagesAt(scale);
    }
    if (pagesAt(scale) > end) scale = 1;
  }
  probe.remove();
  return scale;
}

/** Put the record's sections (the rules' order) into the page's printable element, set to end
 *  on a page well. @param {HTMLElement} printable @param {RecordSection[]} sections */
export function showRecord(printable, sections) {
  printable.replaceChildren(...sections.map(sectionElement));
  printable.style.setProperty("--lp-record-scale", String(fittedScale(printable)));
}
