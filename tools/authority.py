"""Create a new authority's folder, or check one, in plain words (issue 22, decisions/0009).

    python tools/authority.py new <id> "<Area name>"   # make new-authority ID=<id> NAME="<name>"
    python tools/authority.py check <id>                # make check-authority PROFILE=<id>

``new`` writes ``src/lp_rules/authorities/<id>/`` and nothing outside it: a ``profile.toml``
with every field present, each marked ``TO FILL IN`` and left empty or at its safe default
(local practice off, no contacts: the site then gives the national routes and tells readers to
ask their early help team, never an invented detail), an ``oracle.toml`` for the tests, and an
empty ``fragments/`` folder. ``check`` lists what is still missing or wrong; it exits 1 if
anything is wrong (an empty field is listed but is not wrong: the site says to ask locally).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import fields
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.paths import AUTHORITIES, ROOT  # noqa: E402

from lp_rules.checklists.practitioners import PRACTITIONERS  # noqa: E402
from lp_rules.profiles import Profile, _from_toml  # noqa: E402
from lp_rules.sources import PROFILE_CITATIONS, SOURCE_TITLES  # noqa: E402

MARK = "TO FILL IN"
ID_FORMAT = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
PHONE = re.compile(r"^\+?[0-9][0-9 ]{8,14}[0-9]$")
KNOWN_ROLES = tuple(o.id for o in PRACTITIONERS.role_field.options)


def _q(text: str) -> str:
    """A TOML basic string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def source_tag(authority_id: str) -> str:
    """A new authority's own source tag: its id in capitals without hyphens ("EXAMPLESHIRE")."""
    return authority_id.replace("-", "").upper()


def profile_text(authority_id: str, name: str) -> str:
    """A new authority's profile.toml: every field, each marked to fill in, safe defaults."""
    tag = source_tag(authority_id)
    silent = (f"{name}'s guidance does not say who leads once children's social care accepts a "
              "referral. National guidance (Working Together to Safeguard Children, as checked "
              "against its 2023 edition) says that for work with a child in need under section "
              "17, a social-work-qualified practice supervisor or manager decides who the lead "
              "practitioner is.")
    roles = ", ".join(_q(r) for r in KNOWN_ROLES if r != "family_wellbeing_practitioner")
    text = f"""# The profile of {name}: every local term, contact and decision of its partnership.
# Made by `make new-authority`. Every field marked "{MARK}" is waiting for your partnership.
# Fill a field in from your own published guidance only. Leave it empty ("") where your guidance
# gives nothing: the site then tells readers to ask their local early help team, or gives the
# national route. Never invent a contact, course, service or link. When a field is done, delete
# its "{MARK}" line. `make check-authority PROFILE={authority_id}` lists what is left.

# The folder's name; do not change it here.
id = {_q(authority_id)}
# {MARK}: the council's name as your guidance gives it.
authority = {_q(name)}
# {MARK}: the area's name as readers know it, used in sentences ("in {name}").
area = {_q(name)}
site_name = {_q("Lead Practitioner Guide: " + name)}
# {MARK}: your local safeguarding children partnership's name, or leave it empty.
partnership = ""

# {MARK}: the local names of the early help assessment and its short form, and of the plan.
assessment = "early help assessment"
assessment_short = "early help assessment"
plan = "family plan"
# {MARK}: one sentence in your guidance's words on the plan and EHC needs assessments, or empty.
plan_supports_ehc = ""

# {MARK}: the name of your children's social care front door, and how to reach it, as your
# guidance gives them. Empty: the site says "your local children's social care front door".
front_door = ""
front_door_contact = ""

# {MARK}: the front door's phone number and the hours it answers, and the out-of-hours
# (emergency duty) number, as your partnership publishes them. Empty: "Who to call" on every
# urgent outcome sends readers to GOV.UK's service and the council's website. Never guess one.
front_door_phone = ""
front_door_hours = ""
out_of_hours_phone = ""

# {MARK}: how often the Team Around the Family reviews the plan ("every 6 to 8 weeks"), or empty.
review_interval = ""

# {MARK}: who helps Lead Practitioners with the role, and their email address, or empty.
support_contact = ""
support_email = ""

# {MARK}: who leads once the front door accepts a referral, in your guidance's words. Until
# then the site says your guidance does not say, and gives national guidance (source WT).
referral_lead_rule = {_q(silent)}
allocated_lead = ""
referral_lead = "WT"

# {MARK}: the guidance the checklists cite for decisions being informed by the child; your own
# guidance needs a new choice, which a developer adds (DEVELOPING.md, "Where authorities differ").
child_voice = {_q(PROFILE_CITATIONS[1].tags[0])}

# {MARK}: your guidance's source tag, its title, its name at the start of a sentence and in a
# source line.
own_source = {_q(tag)}
source_title = {_q(name + ": lead practitioner guidance")}
guidance_name = {_q(name + "'s guidance")}
citation_label = {_q(name + " guidance")}

# Another area's guidance the checklists' outcomes may rest on where yours is silent; each such
# outcome then says first that your guidance does not cover it (RULES.md principle 8).
borrowed_source = {_q(PROFILE_CITATIONS[1].tags[0])}

# Whose guidance the pages show on each topic, your own first: each one's words from its folder,
# or that its guidance does not cover the topic. Add another authority's id to show its words too.
guidance_shown = [{_q(authority_id)}]

# {MARK}: the practitioner roles your area has (who-should-lead offers only these). Known roles:
# {", ".join(KNOWN_ROLES)}.
roles = [{roles}]

# {MARK}: your area's route to a domestic abuse risk assessment (DASH) and MARAC, as a
# sentence, or empty: the checklists then say to ask the designated safeguarding lead.
domestic_abuse_route = ""

# {MARK}: what your partnership decides; empty until it supplies them (the site says to ask
# locally). The LADO's contact; the threshold (levels of need) document; the procedure for
# resolving professional disagreements; the IDVA service; family help under Families First
# ("yes" or "no") and since when (YYYY-MM-DD).
lado_contact = ""
threshold_document = ""
escalation_procedure = ""
idva_service = ""
family_help = ""
family_help_since = ""

# {MARK}: governance. While any of these is empty, every page says the guide has not been
# approved for use in your area. The guide's named owner; who approved it (your safeguarding
# partnership) and when (YYYY-MM-DD); who approved its information-sharing text (your data
# protection officer and Caldicott guardian); its next review date (YYYY-MM-DD).
guide_owner = ""
approved_by = ""
approved_on = ""
information_sharing_approved_by = ""
next_review = ""

# Practice common in other authorities (tagged LOCAL). Off until your partnership has read the
# local practice page and agreed to it.
local_practice = false

# {MARK}: who takes training bookings and the booking site's address, or empty.
training_booking_name = ""
training_booking_url = ""
# {MARK}: the courses your partnership offers, one [[training]] table each (title, description).
training = []
"""
    # Any text field added to Profile since this template was written is still present, and
    # empty: the safe default (the site says to ask locally), so a new folder always loads.
    written = tomllib.loads(text).keys()
    extra = "".join(f"# {MARK}: {f.name}, or leave it empty.\n{f.name} = \"\"\n\n"
                    for f in fields(Profile) if f.name not in written and f.type in ("str", str))
    training = f"# {MARK}: the courses"
    return text.replace(training, extra + training, 1)

def oracle_text(authority_id: str, name: str) -> str:
    """A new authority's oracle.toml: the tests' table of its facts, to write from its guidance."""
    roles = ", ".join(_q(r) for r in KNOWN_ROLES if r != "family_wellbeing_practitioner")
    return f"""# The tests' literal table of {name}'s facts (tests/rules/oracle.py). {MARK}: write each
# value from your guidance, by hand, not by copying profile.toml: the tests compare the two.
own_source = {_q(source_tag(authority_id))}
borrowed_source = {_q(PROFILE_CITATIONS[1].tags[0])}
roles = [{roles}]
referral_lead_source = "WT"
child_voice_source = {_q(PROFILE_CITATIONS[1].tags[0])}
gives_review_interval = false
gives_support_contact = false
guidance_name = {_q(name + "'s guidance")}
source_title = {_q(name + ": lead practitioner guidance")}
review_interval = ""
front_door = ""
support_contact = ""
assessment = "early help assessment"
# {MARK}: your area's own names and services (no other area's outcome may give them), and its
# contacts and training (no other area's site may show them), as your guidance gives them.
own_terms = []
own_contacts = []
never_named = []
never_on_pages = []
citation_label = {_q(name + " guidance")}
# {MARK}: words only your guidance uses (never under another guidance's source line), your
# services and plan (never under a national source line), your glossary entries' ids and terms
# (on your own site only, or on every site that shows your guidance), words readers search for.
source_terms = []
service_terms = []
glossary_own_site = []
glossary_own_site_terms = []
glossary_shown = []
search_words = []
"""


def create(authority_id: str, name: str, into: Path = AUTHORITIES) -> Path:
    """Write the new authority's folder; refuses an id in the wrong form or already taken."""
    if not ID_FORMAT.match(authority_id):
        raise SystemExit(f"ID={authority_id!r}: use lower-case letters, digits and hyphens, "
                         "starting with a letter (for example ID=exampleshire).")
    if not name.strip():
        raise SystemExit('NAME is empty: give the area\'s name, for example NAME="Exampleshire".')
    folder = into / authority_id
    if folder.exists():
        raise SystemExit(f"{folder} already exists: choose another ID, or "
                         "edit that folder.")
    (folder / "fragments").mkdir(parents=True)
    (folder / "profile.toml").write_text(profile_text(authority_id, name.strip()), encoding="utf-8")
    (folder / "oracle.toml").write_text(oracle_text(authority_id, name.strip()), encoding="utf-8")
    (folder / "statements.toml").write_text(
        f"# {MARK}: every statement of {name}'s guidance, in its own words (original), with the "
        "phrases of its rewritten form that must be on this site (phrases). Its statements are "
        "in its own fragments, so only its own site must show them.\n"
        "statement = []\n", encoding="utf-8")
    (folder / "fragments" / "README.md").write_text(
        "What this authority's guidance says on each topic of the shared pages, one Markdown "
        "file per page section, named as the page's slot names it: `{{ guidance(\"consent/"
        "seeking-consent\") }}` on docs/consent.md is fragments/consent/seeking-consent.md, "
        "ending with its own *Source:* line. A section with no file here says, on the site, that "
        "this guidance does not cover it. See EDITING.md and the other authorities' folders.\n", encoding="utf-8")
    return folder


EMPTY_MEANS = {
    "partnership": "the site names no safeguarding partnership",
    "plan_supports_ehc": "the site says nothing on the plan and EHC needs assessments",
    "front_door": "the site says \"your local children's social care front door\"",
    "front_door_contact": "the site says the designated safeguarding lead or the council's website has the front door's details",
    "front_door_phone": "'Who to call' sends readers to GOV.UK's service and the council's website for the front door",
    "front_door_hours": "'Who to call' gives no hours for the front door",
    "out_of_hours_phone": "'Who to call' sends readers to GOV.UK's service and the council's website out of hours",
    "review_interval": "the checklists leave out the plan-review action; the site says to ask how often",
    "support_contact": "the site tells readers to ask their local early help team",
    "support_email": "no email address is given for the support contact",
    "allocated_lead": "the site says \"a practitioner chosen by children's social care\"",
    "domestic_abuse_route": "the checklists tell practitioners to ask their designated safeguarding lead for the area's route",
    "training_booking_name": "the Training page says no booking link is published",
    "training_booking_url": "the Training page says no booking link is published",
    "family_help": "Further support says to ask whether the area runs family help",
    **{field: "every page says the guide has not been approved for use in this area"
       for field in ("guide_owner", "approved_by", "approved_on",
                     "information_sharing_approved_by", "next_review")},
}


def check(authority_id: str) -> tuple[list[str], list[str]]:
    """(what is wrong, what is still missing) for one authority's folder, in plain words."""
    from lp_rules.profiles import FOLDERS

    folder = Path(str(FOLDERS[authority_id])) if authority_id in FOLDERS else AUTHORITIES / authority_id
    wrong: list[str] = []
    missing: list[str] = []
    path = folder / "profile.toml"
    if not path.is_file():
        return [f"there is no {path}: run `make new-authority ID={authority_id} NAME=\"...\"` first"], []
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return [f"profile.toml cannot be read: {err}"], []
    if data.get("id") != authority_id:
        wrong.append(f"id = {data.get('id')!r}, but the folder is named {authority_id!r}: they must be the same")
    for role in data.get("roles", []):
        if role not in KNOWN_ROLES:
            wrong.append(f"roles: {role!r} is not a role the checklists know ({', '.join(KNOWN_ROLES)})")
    email = data.get("support_email", "")
    if email and not EMAIL.match(email):
        wrong.append(f"support_email = {email!r} is not an email address")
    url = data.get("training_booking_url", "")
    if url and not url.startswith("https://"):
        wrong.append(f"training_booking_url = {url!r} must start with https://")
    for field in ("approved_on", "next_review", "family_help_since"):
        value = data.get(field, "")
        if value and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            wrong.append(f"{field} = {value!r} is not a date written YYYY-MM-DD")
    if data.get("family_help", "") not in ("", "yes", "no"):
        wrong.append(f"family_help = {data['family_help']!r} must be \"yes\", \"no\" or empty")
    for field, value in data.items():
        if field.endswith("_phone") and value and not PHONE.match(value):
            wrong.append(f"{field} = {value!r} is not a UK phone number (digits and spaces, such as 020 7946 0000)")
    tags = {t for t in SOURCE_TITLES}
    own = data.get("own_source", "")
    if own in tags and SOURCE_TITLES.get(own) != data.get("source_title", SOURCE_TITLES.get(own)):
        wrong.append(f"own_source = {own!r} is another source's tag: give your guidance a tag of its own")
    try:
        loaded: Profile | None = _from_toml(dict(data))
    except (TypeError, ValueError) as err:
        wrong.append(f"the rules cannot load this profile: {err}")
        loaded = None
    marked = [line for line in text.splitlines() if MARK in line and line.lstrip().startswith("#")
              and "Every field marked" not in line and "delete" not in line]
    if marked:
        missing.append(f"{len(marked)} field note(s) in profile.toml still say \"{MARK}\"")
    for field, value in data.items():
        if value in ("", []) and field != "training":
            missing.append(f"{field} is empty: {EMPTY_MEANS.get(field, 'the site says to ask locally')}")
    if not data.get("training"):
        missing.append("training lists no courses: the Training page tells readers to ask the support contact")
    if data.get("local_practice") is False:
        missing.append("local_practice is off: the checklists use no practice from other authorities")
    oracle = folder / "oracle.toml"
    if not oracle.is_file():
        wrong.append("there is no oracle.toml, the tests' table of this authority's facts (the "
                     "tests stop until it exists): copy oracle.toml from another authority's "
                     "folder and write each value from your own guidance")
    elif MARK in oracle.read_text(encoding="utf-8"):
        missing.append(f"oracle.toml still says \"{MARK}\": write its facts from your guidance")
    if loaded is not None:
        wrong.extend(_site_problems(loaded, folder))
    return wrong, missing


def _visible(html: str) -> str:
    """A page's text without scripts, styles, tags or entities, spaces collapsed (as the site
    tests read it: tags removed, not replaced by spaces)."""
    import html as entities

    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"\s+", " ", entities.unescape(re.sub(r"<[^>]+>", "", html)))


def _site_problems(profile: Profile, folder: Path) -> list[str]:
    """Statements of the authority's own guidance that its built site does not show."""
    statements = folder / "statements.toml"
    if not statements.is_file():
        return []
    from lp_rules.profiles import site_folder

    found = tomllib.loads(statements.read_text(encoding="utf-8")).get("statement", [])
    if not found:
        return []
    site = ROOT / site_folder(profile.id)
    if not (site / "index.html").is_file():
        return [f"its site is not built yet, so its statements cannot be checked: run `make build PROFILE={profile.id}`"]
    text = " ".join(_visible(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")).lower()
    return [f"a statement of its guidance is not on its site: {s['original'][:80]!r} (missing: {p!r})"
            for s in found for p in s["phrases"] if p.lower() not in text]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a new authority's folder")
    new.add_argument("id")
    new.add_argument("name")
    new.add_argument("--into", type=Path, default=AUTHORITIES,
                     help="the folder to create it in (the tests' fictional authority only)")
    checked = commands.add_parser("check", help="list what is missing or wrong in an authority's folder")
    checked.add_argument("id")
    args = parser.parse_args()
    if args.command == "new":
        folder = create(args.id, args.name, args.into)
        print(f"Created {folder}/. Next: fill in its profile.toml, then run "
              f"`make check-authority PROFILE={args.id}` and `make build PROFILE={args.id}`.")
        return 0
    wrong, missing = check(args.id)
    for line in wrong:
        print(f"WRONG: {line}")
    for line in missing:
        print(f"NOT GIVEN: {line}")
    if not wrong and not missing:
        print(f"{args.id}: nothing missing or wrong.")
    elif not wrong:
        print(f"{args.id}: nothing wrong; {len(missing)} thing(s) not given (the site says to ask locally).")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
