"""The "National sources and their editions" page, generated from the national sources register.

The register (src/lp_rules/national_sources.toml, read through lp_rules.register) is data, so a
test can hold it to account; this page shows it whole for the partnership's safeguarding lead to
sign off: every national source with its edition, date, the edition it replaced, whether it is
statutory and which cited provisions are in force, and every section of the national-guidance page
with the edition it was checked against and when. Written into the rendered docs folder before
the build (like the redirect pages): no MkDocs plugin, and nothing written twice.
"""

from __future__ import annotations

from pathlib import Path

from lp_rules.register import Register, Source, load

PAGE = "national-sources.md"
GUIDANCE = "safeguarding.md"
"""The national-guidance page whose sections the register's points are."""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _link(url: str) -> str:
    return f"[{url}]({url})"


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _published(source: Source) -> str:
    text = str(source.published)
    return text if source.published_confirmed else f"{text} (not confirmed by a source read here: check)"


def sources_table(register: Register) -> str:
    """One row per source, linking to its section below."""
    rows = [
        f"| [{s.tag}](#source-{s.tag.lower()}) | {_cell(s.title)} | {_cell(s.edition)} | "
        f"{_cell(_published(s))} | {_cell(s.replaces or 'none recorded')}"
        f"{' (replaced ' + str(s.replaced_on) + ')' if s.replaced_on else ''} | "
        f"{_yes_no(s.statutory)} |"
        for s in register.sources.values()
    ]
    return "\n".join(["| Tag | Source | Edition in force | Published | Edition it replaced | Statutory |",
                      "|---|---|---|---|---|---|", *rows])


def source_section(source: Source) -> str:
    """One source in full: its details, the pages it was checked against, its provisions."""
    lines = [
        f"## {source.tag}: {source.title} {{#source-{source.tag.lower()}}}",
        "",
        f"- **Publisher:** {source.publisher}",
        f"- **Kind:** {source.kind} (statutory: {_yes_no(source.statutory)})",
        f"- **Edition in force:** {source.edition}",
        f"- **Published:** {_published(source)}",
        f"- **Edition it replaced:** "
        + (f"{source.replaces}, replaced {source.replaced_on.phrase}"
           if source.replaces and source.replaced_on else "none recorded"),
        f"- **Address:** {_link(source.url)}",
        "- **Checked against:** " + "; ".join(_link(u) for u in source.confirmed_from),
    ]
    if source.note:
        lines += ["", f"**Note.** {source.note}"]
    if source.provisions:
        lines += ["", "Provisions the site cites:", "",
                  "| Provision | What it does | In force? | Checked on | Shown by |",
                  "|---|---|---|---|---|"]
        lines += [
            f"| {_cell(p.ref)} | {_cell(p.what)}{' ' + _cell(p.note) if p.note else ''} | "
            f"**{p.in_force}** | {p.checked_on} | {_link(p.evidence)} |"
            for p in source.provisions
        ]
    return "\n".join(lines) + "\n"


def points_table(register: Register) -> str:
    """Every (section, source) check, with the note the section shows when it is superseded."""
    rows = []
    for point in register.points.values():
        for check in point.checks:
            source = register.sources[check.tag]
            note = register.edition_note(check.tag, point.anchor) or "Checked against the edition in force."
            how = f" From {check.checked_from}." if check.checked_from else ""
            rows.append(
                f"| [{point.anchor}]({GUIDANCE}#{point.anchor}) | {check.tag} | {_cell(check.edition)} | "
                f"{_cell(source.edition)} | {check.checked_on} | {_cell(note + how)} |"
            )
    return "\n".join(["| Section | Tag | Checked against | Edition in force | Checked on | Note |",
                      "|---|---|---|---|---|---|", *rows])


def page(register: Register) -> str:
    """The whole page, as Markdown."""
    superseded = register.superseded()
    checked = max(c.checked_on.first_day for p in register.points.values() for c in p.checks)
    return "\n".join([
        "---",
        'title: "National sources and their editions"',
        f"last_reviewed: {checked.isoformat()}",
        "---",
        "",
        "# National sources and their editions",
        "",
        "This page lists every national source the site and its checklists rely on, the edition "
        "each rests on, and, for every section of the [national guidance](safeguarding.md) page, "
        "the edition it was checked against and when. It is generated from the project's national "
        "sources register, for the partnership's safeguarding lead to review and sign off.",
        "",
        f"**{len(superseded)} section checks rest only on an edition that has since been "
        "replaced.** Each of those sections says so under its source until someone re-checks it "
        "against the edition in force and records the new check in the register. \"Check\" in the "
        "provisions' tables means that no source read here settles whether the provision is in "
        "force.",
        "",
        "## The sources {#sources}",
        "",
        sources_table(register),
        "",
        *(source_section(s) for s in register.sources.values()),
        "## Each section and its check {#checks}",
        "",
        points_table(register),
        "",
        "## Signing off {#sign-off}",
        "",
        "Before signing off, the safeguarding lead checks each source's edition and status against "
        "its address, re-checks each section marked as checked against a replaced edition (and "
        "asks for the register to be updated), and confirms each provision marked \"check\".",
        "",
    ])


def write_register_page(docs: Path) -> Path:
    """Write the page into a rendered docs folder; returns its path."""
    path = docs / PAGE
    path.write_text(page(load()), encoding="utf-8")
    return path
