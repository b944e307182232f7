"""The "Compare the authorities" page: every profile's settings side by side, from the profiles.

One row per profile field (``lp_rules.profiles.Profile``), grouped, with each profile's value as
its TOML file gives it, whether the profiles agree, and what a council adopting the site must
decide for its own profile. Where a profile leaves a field empty the row says so and quotes what
the site says instead (the ``Profile`` property that stands in for it); nothing is filled in. A
field with no row here fails the build, so a new profile field cannot be left off the comparison.

Each build shows only its own contacts (RULES.md principle 8): another profile's contact fields
say that they are given but not shown on this site, so no build ever shows
another area's mailbox. Everything else is the same in every build.
"""

from __future__ import annotations

from dataclasses import fields
from html import escape
from typing import Any

import jinja2

from lp_rules.checklists import TOOLS
from lp_rules.checklists.practitioners import PRACTITIONERS
from lp_rules.model import Action
from lp_rules.profiles import PUBLISHED_IDS, Profile, load_profile
from lp_rules.sources import PROFILE_CITATIONS, SOURCE_TITLES, Citation, ProfileCitation

ROOT_FROM_PAGE = "../"
ROLE_LABELS = {o.id: o.label for o in PRACTITIONERS.role_field.options}

FALLBACKS = {
    "front_door": "front_door_text",
    "front_door_contact": "front_door_finding",
    "review_interval": "review_text",
    "support_contact": "support_text",
    "allocated_lead": "allocated_lead_text",
    "domestic_abuse_route": "domestic_abuse_route_text",
}
"""Fields whose emptiness the site fills with a plain pointer (a ``Profile`` property)."""

CONTACT_FIELDS = frozenset({"front_door_contact", "front_door_phone", "front_door_hours",
                            "out_of_hours_phone", "support_contact", "support_email",
                            "training_booking_name", "training_booking_url", "lado_contact"})
"""Who to reach and how: each build shows only its own profile's (principle 8)."""
OTHER_AREAS_CONTACT = ("<em>Given in that area's profile</em>: each site shows only its own "
                       "area's contacts.")


def _profile_citation_uses(choice: ProfileCitation) -> list[str]:
    """The recommendation codes whose rules, or whose actions, cite a profile's choice."""
    codes: list[str] = []
    for tool in TOOLS.values():
        for rule in tool.rules:
            cited = choice in rule.citations or any(choice in s.action.citations for s in rule.steps)
            if cited and rule.code not in codes:
                codes.append(rule.code)
    return codes


def _actions_needing(field: str) -> list[Action]:
    """Actions left out where the profile leaves ``field`` empty (``needs_profile``)."""
    found: list[Action] = []
    for tool in TOOLS.values():
        for rule in tool.rules:
            for step in rule.steps:
                if step.action.needs_profile == field and step.action not in found:
                    found.append(step.action)
    return found


def _local_only_rules() -> list[str]:
    """Codes of the rules that rest on local practice alone (the guidance is silent there)."""
    codes: list[str] = []
    for tool in TOOLS.values():
        for rule in tool.rules:
            concrete = [c for c in rule.citations if isinstance(c, Citation)]
            if concrete and len(concrete) == len(rule.citations) and all(c.source == "LOCAL" for c in concrete):
                if rule.code not in codes:
                    codes.append(rule.code)
    return codes


def _codes(codes: list[str]) -> str:
    return ", ".join(f"<code>{escape(c)}</code>" for c in codes)


def _choice(key: str) -> ProfileCitation:
    return next(c for c in PROFILE_CITATIONS if c.key == key)


def _choices_text(key: str) -> str:
    return " or ".join(
        f"<code>{escape(c.source)}</code> ({escape(SOURCE_TITLES[c.source])})"
        for c in _choice(key).choices
    )


def _decide_texts() -> dict[str, str]:
    """What a council adopting the site must decide, per field (HTML within a cell)."""
    review_actions = _actions_needing("review_interval")
    local_only = _local_only_rules()
    return {
        "id": "A short id for the profile, in lower case with hyphens. It names the authority's "
        "folder (<code>src/lp_rules/authorities/&lt;id&gt;/</code>) and the built site's folder.",
        "authority": "The council's name as the guidance should give it.",
        "area": "The area's name as readers know it; it is used in sentences (\"in <em>your area</em>\").",
        "site_name": "The site's title, shown in the header of every page.",
        "partnership": "The local safeguarding children partnership's name, or leave it empty if "
        "your guidance names none.",
        "assessment": "The local name of the early help assessment.",
        "assessment_short": "Its short form, used where space is tight.",
        "plan": "The local name of the plan that follows the assessment.",
        "plan_supports_ehc": "One sentence, in your guidance's words, on how the assessment and "
        "plan can feed an Education, Health and Care needs assessment; or leave it empty.",
        "front_door": "The name of the children's social care front door (the hub or team that "
        "takes safeguarding concerns and referrals). Leave it empty if your guidance names none: "
        "the site then points to \"your local children's social care front door\".",
        "front_door_contact": "How to reach the front door, as your guidance gives it. Leave it "
        "empty rather than guess: the checklists then say the designated safeguarding lead or the "
        "council's website will have the details. Never invent a contact.",
        "front_door_phone": "The front door's phone number, as your guidance gives it. It is "
        "shown as a link to call at the top of every urgent outcome (\"Who to call\"). Leave it "
        "empty rather than guess: the site then points to GOV.UK's service for finding the local "
        "council's children's social care, and to the council's website. Never invent a number.",
        "front_door_hours": "The hours the front door's number answers (for example \"Monday to "
        "Friday, 9am to 5pm\"), as your guidance gives them, or leave it empty.",
        "out_of_hours_phone": "The number for outside those hours (the emergency duty team), as "
        "your guidance gives it, or leave it empty. Never invent a number.",
        "support_contact": "Who helps Lead Practitioners with the role. Every outcome that is not "
        "urgent points practitioners to it. Leave it empty if your guidance names no one: the "
        "site then says \"your local early help team\".",
        "support_email": "That team's email address, if your guidance gives one.",
        "training_booking_name": "Who takes bookings for training (shown on the Training page), "
        "or leave it empty.",
        "training_booking_url": "The booking site's address, or leave it empty: the Training page "
        "then tells practitioners to ask the support contact.",
        "review_interval": "How often the Team Around the Family reviews the plan, in words that "
        "follow \"Review the plan at a Team Around the Family meeting\" (for example \"every 6 "
        "to 8 weeks\"). Leave it empty if your guidance sets no interval: the checklists then "
        f"leave out the review action ({_codes([a.code for a in review_actions])}) rather than give a guess.",
        "referral_lead_rule": "Who leads once your front door accepts a referral, in your "
        "guidance's words (a sentence or two, shown on the checklists' outcomes). If your "
        "guidance does not say, say so and rely on national guidance.",
        "allocated_lead": "Who that is, in a few words (\"a social worker\"), or leave it empty: "
        "the site then says \"a practitioner chosen by children's social care\".",
        "referral_lead": f"Which source the checklists cite for who leads after an accepted "
        f"referral: {_choices_text('referral_lead')}. It is cited on these outcomes: "
        f"{_codes(_profile_citation_uses(_choice('referral_lead')))}. Guidance of your own "
        "on this needs a new choice, which a developer adds (DEVELOPING.md, \"Where authorities "
        "differ\").",
        "child_voice": f"Which guidance the checklists cite for decisions being informed by the "
        f"child: {_choices_text('child_voice')}. It backs the action to seek the child's views, "
        "on every outcome that is not urgent. Guidance of your own needs a new choice, as above.",
        "roles": "The practitioner roles your area has: \"Who should be the Lead Practitioner?\" "
        "offers only these. The roles the checklist knows: "
        + ", ".join(escape(label) for label in ROLE_LABELS.values()) + ".",
        "local_practice": "Whether the checklists may use practice common in other authorities "
        "where the guidance is silent (the <a href=\"" + ROOT_FROM_PAGE + "local-practice/\">local "
        "practice</a> rules, tagged LOCAL). Switched off, the outcomes that rest on local "
        f"practice alone ({_codes(local_only)}) say \"The guidance does not cover this\" instead, "
        "and actions that rest on it alone are left out.",
        "training": "The courses your partnership offers Lead Practitioners, each with a title "
        "and a sentence, or none: the Training page then tells practitioners to ask the support "
        "contact.",
        "own_source": "The source tag of your own guidance (a new authority's guidance needs a "
        "new tag, which a developer adds). Outcomes that cite it read as your area's guidance.",
        "guidance_name": "Your guidance's name as it starts a sentence (\"<em>Your area</em>'s guidance\"). "
        "Outcomes that rest on another area's guidance open with \"... does not cover this\".",
        "source_title": "Your guidance's title, as the checklists' citations give it.",
        "citation_label": "Your guidance's name as the pages' source lines give it (\"Source: "
        "<em>Your area</em> guidance (A)\"), without the tag.",
        "borrowed_source": "The tag of another area's guidance that some outcomes rest on where "
        "yours is silent, or leave it empty. Each such outcome says first that your guidance "
        "does not cover it, then labels the other guidance as another area's practice "
        "(RULES.md principle 8).",
        "guidance_shown": "Whose guidance the site's pages show on each topic, your own first: "
        "each listed authority's words from its folder, or that its guidance does not cover the "
        "topic. Leave it out to show only your own guidance.",
        "lado_contact": "How to reach your local authority designated officer (LADO), or leave it "
        "empty: the Further support page then says to ask the designated safeguarding lead.",
        "threshold_document": "The name or address of your threshold (levels of need) document.",
        "escalation_procedure": "Your procedure for resolving professional disagreements "
        "(escalation), by name or address.",
        "idva_service": "Your independent domestic violence advisers (IDVA) service.",
        "family_help": "Whether your area runs family help under Families First: yes or no, or "
        "leave it empty until your partnership says.",
        "family_help_since": "Since when (YYYY-MM-DD), if it does.",
        "guide_owner": "The named owner of this guide in your area. While any governance setting "
        "is empty, every page says the guide has not been approved for use in your area.",
        "approved_by": "Who approved the guide for use (your safeguarding partnership).",
        "approved_on": "When it was approved (YYYY-MM-DD).",
        "information_sharing_approved_by": "Who approved its information-sharing text (your data "
        "protection officer and Caldicott guardian).",
        "next_review": "When the guide is next reviewed (YYYY-MM-DD).",
        "domestic_abuse_route": "Your area's route to a domestic abuse risk assessment (such as "
        "DASH) and a MARAC referral, as a sentence, if your guidance gives one. Leave it empty "
        "rather than guess: the checklists then tell practitioners, on a safety concern, to "
        "ask their designated safeguarding lead for the area's route.",
    }


GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Who publishes the site", (
        ("id", "Profile id"), ("authority", "Authority"), ("area", "Area"),
        ("site_name", "Site name"), ("partnership", "Safeguarding partnership"),
    )),
    ("Local terms", (
        ("assessment", "Assessment"), ("assessment_short", "Assessment, short form"),
        ("plan", "Plan"), ("plan_supports_ehc", "The plan and EHC needs assessments"),
        ("front_door", "Front door"),
    )),
    ("Contacts", (
        ("front_door_contact", "Front door contact"), ("front_door_phone", "Front door phone"),
        ("front_door_hours", "Front door hours"), ("out_of_hours_phone", "Out-of-hours phone"),
        ("support_contact", "Support contact"),
        ("support_email", "Support email"), ("training_booking_name", "Training booking"),
        ("training_booking_url", "Training booking address"),
    )),
    ("Reviewing the plan", (("review_interval", "Review interval"),)),
    ("After a referral is accepted", (
        ("referral_lead_rule", "Who leads"), ("allocated_lead", "Who leads, in short"),
        ("referral_lead", "Source cited for who leads"),
    )),
    ("The child's voice", (("child_voice", "Source cited for the child's voice"),)),
    ("Whose guidance", (
        ("own_source", "This area's guidance"), ("guidance_name", "Its name in a sentence"),
        ("source_title", "Its title"), ("citation_label", "Its name in a source line"),
        ("borrowed_source", "Another area's guidance relied on"),
        ("guidance_shown", "Guidance shown on the pages"),
    )),
    ("Contact only where it is safe", (
        ("domestic_abuse_route", "Domestic abuse risk assessment and MARAC route"),
    )),
    ("Practitioner roles", (("roles", "Roles in the area"),)),
    ("Local practice", (("local_practice", "Local practice"),)),
    ("Training", (("training", "Training courses"),)),
    ("What the partnership decides", (
        ("lado_contact", "LADO contact"), ("threshold_document", "Threshold document"),
        ("escalation_procedure", "Resolving professional disagreements"),
        ("idva_service", "IDVA service"), ("family_help", "Family help under Families First"),
        ("family_help_since", "Family help since"),
    )),
    ("Governance", (
        ("guide_owner", "Owner of the guide"), ("approved_by", "Approved by"),
        ("approved_on", "Approved on"),
        ("information_sharing_approved_by", "Information-sharing text approved by"),
        ("next_review", "Next review"),
    )),
)


def profile_name(profile: Profile) -> str:
    """A column heading: the profile's area, capitalised."""
    return profile.area[:1].upper() + profile.area[1:]


def _items(profile: Profile, field: str) -> list[str]:
    """A list field's items, as the page names them."""
    if field == "roles":
        return [ROLE_LABELS.get(r, r) for r in profile.roles]
    if field == "guidance_shown":
        return [profile_name(load_profile(i)) for i in profile.guidance_shown]
    return [c.title for c in profile.training]


def _value(profile: Profile, field: str, shown_for: str) -> str:
    """One profile's value for a field, as HTML: what its TOML file gives, nothing more; another
    profile's contact (the build is ``shown_for``'s) is not shown."""
    value = getattr(profile, field)
    if field in CONTACT_FIELDS and value and profile.id != shown_for:
        return OTHER_AREAS_CONTACT
    if field in ("roles", "training", "guidance_shown"):
        items = _items(profile, field)
        if not items:
            return "<em>None listed</em>"
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    if field == "local_practice":
        return "On" if value else "Off"
    if field in ("own_source", "borrowed_source") and value:
        return f"<code>{escape(value)}</code>: {escape(SOURCE_TITLES[value])}"
    if field in ("referral_lead", "child_voice"):
        cited = profile.citation(_choice(field)).as_dict()
        return (
            f'<code>{escape(value)}</code>: {escape(cited["title"])}, '
            f'<a href="{ROOT_FROM_PAGE}{cited["url"]}">{escape(cited["section"])}</a>'
        )
    if not value:
        shown = "<em>Not given</em>"
        if field in FALLBACKS:
            shown += f'. The site says instead: "{escape(getattr(profile, FALLBACKS[field]))}"'
        return shown
    if field == "id":
        return f"<code>{escape(value)}</code>"
    if " " not in str(value):  # an address or a mailbox: may break anywhere (maps.css)
        return f'<span class="lp-compare-token">{escape(str(value))}</span>'
    return escape(str(value))


def _extra(profile: Profile, field: str) -> str:
    """What follows from the value, where something does: an action given or left out."""
    notes = []
    for action in _actions_needing(field):
        if getattr(profile, field):
            text = action.text.format(**profile.terms())
            notes.append(f'Outcomes with the review action say: "{escape(text)}" '
                         f"(<code>{escape(action.code)}</code>)")
        else:
            notes.append(f"The action <code>{escape(action.code)}</code> is left out of every "
                         "outcome.")
    return "".join(f'<span class="lp-compare-note">{n}</span>' for n in notes)


def _status(profiles: list[Profile], field: str) -> tuple[bool, str]:
    """Whether every profile has the same value, and the cell's HTML."""
    values = [getattr(p, field) for p in profiles]
    same = all(v == values[0] for v in values)
    if same:
        return True, '<strong class="lp-compare-same">Same</strong>'
    detail = ""
    if field in ("roles", "training") and len(profiles) > 1:
        lists = {profile_name(p): _items(p, field) for p in profiles}
        only = []
        for name, items in lists.items():
            others = [i for n, other in lists.items() if n != name for i in other]
            mine = [i for i in items if i not in others]
            if mine:
                only.append(f"Only in {escape(name)}: {escape(', '.join(mine))}.")
        detail = "".join(f'<span class="lp-compare-note">{o}</span>' for o in only)
    return False, f'<strong class="lp-compare-differs">Differs</strong>{detail}'


def rows(profiles: list[Profile]) -> list[dict[str, Any]]:
    """Every field, grouped: what the table shows (the tests read the built page instead)."""
    decide = _decide_texts()
    covered = [f for _, group in GROUPS for f, _ in group]
    expected = [f.name for f in fields(Profile)]
    assert sorted(covered) == sorted(expected), (
        f"compare.GROUPS must list every profile field once: missing "
        f"{sorted(set(expected) - set(covered))}, unknown {sorted(set(covered) - set(expected))}"
    )
    missing = set(expected) - decide.keys()
    assert not missing, f"compare: no 'what to decide' text for {sorted(missing)}"
    found = []
    for group, members in GROUPS:
        for field, label in members:
            same, status = _status(profiles, field)
            found.append({"group": group, "field": field, "label": label, "same": same,
                          "status": status, "decide": decide[field]})
    return found


def _listed(names: list[str]) -> str:
    """"A and B"; "A, B and C": the authorities compared, in one sentence."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _cell(label: str, html: str, css: str = "") -> str:
    """A data cell with its column's name, shown beside the value when rows stack (phones)."""
    cls = f' class="{css}"' if css else ""
    return (
        f'<td{cls}><span class="lp-compare-label" aria-hidden="true">{escape(label)}'
        f"</span>{html}</td>"
    )


@jinja2.pass_context
def compare_table(context: jinja2.runtime.Context) -> str:
    """The page's table, for the build whose profile the page is rendered with."""
    return compare_table_for(context["profile"]["id"])


def compare_table_for(shown_for: str) -> str:
    """The comparison of every profile, as the build for profile ``shown_for`` shows it."""
    profiles = [load_profile(pid) for pid in PUBLISHED_IDS]
    names = [profile_name(p) for p in profiles]
    columns = 3 + len(profiles)
    table_rows = rows(profiles)
    differ = [r for r in table_rows if not r["same"]]
    body = []
    for group, _ in GROUPS:
        members = [r for r in table_rows if r["group"] == group]
        out = [
            f'<tbody><tr class="lp-compare-group">'
            f'<th scope="rowgroup" colspan="{columns}">{escape(group)}</th></tr>'
        ]
        for r in members:
            state = "same" if r["same"] else "differs"
            cells = "".join(
                _cell(name, _value(p, r["field"], shown_for) + _extra(p, r["field"]))
                for name, p in zip(names, profiles)
            )
            out.append(
                f'<tr data-compare-field="{r["field"]}" data-compare="{state}">'
                f'<th scope="row">{escape(r["label"])} '
                f'<code class="lp-compare-field">{r["field"].replace("_", "_<wbr>")}</code></th>'
                f"{cells}{_cell('Same or differs', r['status'], 'lp-compare-status')}"
                f"{_cell('A council must decide', r['decide'], 'lp-compare-decide')}</tr>"
            )
        out.append("</tbody>")
        body.append("".join(out))
    heads = "".join(f'<th scope="col">{escape(n)}</th>' for n in names)
    return f"""
<div class="lp-compare" data-search-exclude>
<p class="lp-compare-summary">{len(differ)} of the {len(table_rows)} settings differ between
{escape(_listed([p.area for p in profiles]))}.</p>
<table class="lp-compare-table">
<caption>Every setting of the authorities' profiles, side by side</caption>
<thead><tr><th scope="col">Setting</th>{heads}
<th scope="col">Same or differs</th>
<th scope="col">A council must decide</th></tr></thead>
{"".join(body)}
</table>
</div>
"""
