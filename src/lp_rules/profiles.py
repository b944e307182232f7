"""Authority profiles: every local term and contact, written once per authority.

The guidance pages (rendered by ``tools/``) and the checklists' texts both read these, so a
front-door name or a support contact is never written twice. A profile field left empty in its
TOML file means the source guidance gives nothing for it; the ``*_text`` properties then fall
back to telling the reader to ask their local early help team, never to an invented detail.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any, Callable, TypeVar

from .errors import InvalidAnswers
from .folders import authority_folders, package_folder
from .sources import AUTHORITY_TITLES, PROFILE_CITATIONS, Citation, ProfileCitation

FOLDERS = authority_folders()
"""One folder per authority, named by its id, with its ``profile.toml`` (decisions/0009). The
list of authorities is the list of folders (``folders.py``): nothing else names them."""

DEFAULT_PROFILE: str = package_folder().joinpath("DEFAULT").read_text(encoding="utf-8").strip()
"""The authority used when none is named (``authorities/DEFAULT``): the CLI's, the rules'
default, and the one whose site is built into ``site/``."""

PROFILE_IDS: tuple[str, ...] = tuple(sorted(FOLDERS, key=lambda name: (name != DEFAULT_PROFILE, name)))
"""Every authority with a folder: the default first, then the others alphabetically."""

PUBLISHED_IDS: tuple[str, ...] = tuple(
    p for p in PROFILE_IDS if package_folder().joinpath(p, "profile.toml").is_file())
"""The authorities whose folders are in the package, so whose sites are published: not the
tests' fictional authority (``folders.py``). "Compare the authorities" sets these side by side."""


def site_folder(profile_id: str) -> str:
    """The folder an authority's site is built into, relative to the repository: ``site`` for
    the default authority, ``site-<id>`` for every other. The one place this rule is written:
    the Makefile, the build and the tests all ask here."""
    return "site" if profile_id == DEFAULT_PROFILE else f"site-{profile_id}"

ASK_LOCAL_TEAM = "your local early help team"

OTHER_AREA = "another area's practice"
"""How a citation of another area's guidance that a site does not show is labelled there
(RULES.md principle 8): after its section, so the reader never takes it for this area's own."""


def _own_sources() -> dict[str, str]:
    """Each authority's source tag (``own_source``), by id, read from its folder."""
    return {i: str(tomllib.loads(f.joinpath("profile.toml").read_text(encoding="utf-8"))["own_source"])
            for i, f in FOLDERS.items()}


OWN_SOURCES: dict[str, str] = _own_sources()


@dataclass(frozen=True)
class TrainingCourse:
    """One training course a profile offers (its guidance lists them)."""

    title: str
    description: str


@dataclass(frozen=True)
class Profile:
    """One authority's local terms. Field meanings are documented in the TOML files."""

    id: str
    authority: str
    area: str
    site_name: str
    partnership: str
    assessment: str
    assessment_short: str
    plan: str
    plan_supports_ehc: str
    front_door: str
    front_door_contact: str
    front_door_phone: str
    front_door_hours: str
    out_of_hours_phone: str
    review_interval: str
    support_contact: str
    support_email: str
    referral_lead_rule: str
    allocated_lead: str
    referral_lead: str
    child_voice: str
    own_source: str
    guidance_name: str
    source_title: str
    citation_label: str
    borrowed_source: str
    guidance_shown: tuple[str, ...]
    roles: tuple[str, ...]
    domestic_abuse_route: str
    local_practice: bool
    training_booking_name: str
    training_booking_url: str
    lado_contact: str
    threshold_document: str
    escalation_procedure: str
    idva_service: str
    family_help: str
    family_help_since: str
    guide_owner: str
    approved_by: str
    approved_on: str
    information_sharing_approved_by: str
    next_review: str
    training: tuple[TrainingCourse, ...] = field(default_factory=tuple)

    @property
    def front_door_text(self) -> str:
        """The front door with its article ("the <front_door>"), or a plain pointer to it
        where the source names none."""
        if self.front_door:
            return f"the {self.front_door}"
        return "your local children's social care front door"

    @property
    def front_door_finding(self) -> str:
        """How to reach the front door when the profile gives no contact for it."""
        if self.front_door_contact:
            return f"Its contact details: {self.front_door_contact}."
        return (
            "If you do not have its contact details, your designated safeguarding lead or "
            "your local council's website will have them."
        )

    @property
    def review_text(self) -> str:
        """How often the plan is reviewed, or an honest 'ask locally' where not given."""
        return self.review_interval or f"regularly (ask {ASK_LOCAL_TEAM} how often)"

    @property
    def support_text(self) -> str:
        """Who to ask for help with the Lead Practitioner role."""
        if self.support_contact and self.support_email:
            return f"the {self.support_contact} ({self.support_email})"
        return f"the {self.support_contact}" if self.support_contact else ASK_LOCAL_TEAM

    @property
    def allocated_lead_text(self) -> str:
        """Who leads once a referral is accepted; children's social care decides where unsaid."""
        return self.allocated_lead or "a practitioner chosen by children's social care"

    @property
    def domestic_abuse_route_text(self) -> str:
        """The area's own route to a domestic abuse risk assessment and MARAC, or a plain
        pointer to the safeguarding lead where the profile names none: labelled local practice
        where the area uses it; where it does not, the pointer rests on the national page's
        domestic abuse section alone ("routes are set locally: ask your DSL for your area's")."""
        if self.domestic_abuse_route:
            return self.domestic_abuse_route
        label = "local practice: " if self.local_practice else ""
        return (
            f"ask your designated safeguarding lead for your area's route ({label}this area's "
            "guidance names none)."
        )

    @property
    def own_citation(self) -> str:
        """This guidance as a page's source line names it: "<citation_label> (<own_source>)"."""
        return f"{self.citation_label} ({self.own_source})"

    @property
    def front_door_source_note(self) -> str:
        """The sentence a source line adds where the page names this area's front door: its own
        guidance names it (" The <front door> is <area>'s front door: <own_citation>."); nothing where the guidance names none (the page then says "your local
        children's social care front door")."""
        if not self.front_door:
            return ""
        return f" The {self.front_door} is {self.area}'s front door: {self.own_citation}."

    @property
    def approved(self) -> bool:
        """Whether the guide's governance is complete: a named owner, the partnership's
        approval and its date, the information-sharing text's approval, a next review date."""
        return all((self.guide_owner, self.approved_by, self.approved_on,
                    self.information_sharing_approved_by, self.next_review))

    @property
    def approval_notice(self) -> str:
        """What every page says while the governance is incomplete; "" once it is complete."""
        if self.approved:
            return ""
        return (
            f"This guide has not been approved for use in {self.area}. Its owner, its approval "
            "by the local safeguarding partnership (and, for the information-sharing text, by a "
            "data protection officer and Caldicott guardian) and its next review date are not "
            "all recorded. Follow your local procedures, and ask your designated safeguarding "
            "lead before relying on it."
        )

    def local_arrangements(self) -> list[tuple[str, str]]:
        """Each arrangement the partnership decides, as (what, its value): "" where the profile
        leaves it empty, and the page then says to ask locally (never a guess)."""
        ask = ""
        if self.family_help == "yes":
            family_help = "Yes" + (f", since {self.family_help_since}." if self.family_help_since else ".")
        elif self.family_help == "no":
            family_help = "Not yet."
        else:
            family_help = ask
        return [
            ("Local authority designated officer (LADO)", self.lado_contact or ask),
            ("Threshold document (levels of need)", self.threshold_document or ask),
            ("Resolving professional disagreements (escalation)", self.escalation_procedure or ask),
            ("Domestic abuse risk assessment and MARAC", self.domestic_abuse_route or ask),
            ("Independent domestic violence advisers (IDVA)", self.idva_service or ask),
            ("Family help under Families First", family_help),
        ]

    def terms(self) -> dict[str, str]:
        """The placeholders the rules' texts may use, e.g. ``{front_door}``."""
        return {
            "authority": self.authority,
            "area": self.area,
            "guidance": self.guidance_name,
            "assessment": self.assessment,
            "assessment_short": self.assessment_short,
            "plan": self.plan,
            "front_door": self.front_door_text,
            "Front_door": self.front_door_text[:1].upper() + self.front_door_text[1:],
            "review": self.review_text,
            "support": self.support_text,
            "allocated_lead": self.allocated_lead_text,
            "referral_lead_rule": self.referral_lead_rule,
            "front_door_finding": self.front_door_finding,
            "domestic_abuse_route": self.domestic_abuse_route_text,
        }

    @cached_property
    def unshown_sources(self) -> frozenset[str]:
        """The source tags of the authorities whose guidance this site does not show: a
        citation of one is labelled as another area's practice (``citation``)."""
        shown = {OWN_SOURCES[i] for i in self.guidance_shown}
        return frozenset(AUTHORITY_TITLES) - shown

    def citation(self, cited: Citation | ProfileCitation) -> Citation:
        """A rule's citation as this profile reads it: a profile's choice made concrete, and a
        citation of guidance this site does not show (another area's) labelled as another
        area's practice after its section, wherever it is shown (RULES.md principle 8). The
        seeds show each other's guidance, so their citations are unchanged. Idempotent: a
        citation already read by this profile is returned as it is."""
        if isinstance(cited, ProfileCitation):
            cited = cited.for_source(getattr(self, cited.key))
        if cited.source in self.unshown_sources and not cited.section.endswith(f"({OTHER_AREA})"):
            return replace(cited, section=f"{cited.section} ({OTHER_AREA})")
        return cited

    def as_dict(self) -> dict[str, Any]:
        """Every field and derived text, for page templates and the JSON schema."""
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        data["training"] = [
            {"title": c.title, "description": c.description} for c in self.training
        ]
        data.update(
            front_door_text=self.front_door_text,
            review_text=self.review_text,
            support_text=self.support_text,
            allocated_lead_text=self.allocated_lead_text,
            front_door_finding=self.front_door_finding,
            domestic_abuse_route_text=self.domestic_abuse_route_text,
            own_citation=self.own_citation,
            front_door_source_note=self.front_door_source_note,
            approved=self.approved,
            approval_notice=self.approval_notice,
            local_arrangements=self.local_arrangements(),
        )
        return data


def _from_toml(data: dict[str, Any]) -> Profile:
    data["guidance_shown"] = _guidance_shown(data)
    courses = tuple(TrainingCourse(**c) for c in data.pop("training", []))
    data["roles"] = tuple(data.get("roles", ()))
    expected = {f.name for f in fields(Profile)} - {"training"}
    missing = expected - data.keys()
    unknown = data.keys() - expected
    if missing or unknown:
        raise ValueError(
            f"profile {data.get('id')!r}: missing fields {sorted(missing)}, "
            f"unknown fields {sorted(unknown)}"
        )
    profile = Profile(training=courses, **data)
    seeds = tuple(AUTHORITY_TITLES)
    if profile.own_source not in seeds or profile.borrowed_source not in ("", *seeds) or (
            profile.borrowed_source == profile.own_source):
        raise ValueError(
            f"profile {profile.id!r}: own_source = {profile.own_source!r} must be one of "
            f"{', '.join(seeds)}, and borrowed_source = {profile.borrowed_source!r} another of "
            "them or empty"
        )
    for choice in PROFILE_CITATIONS:
        picked = getattr(profile, choice.key)
        if picked not in choice.tags:
            raise ValueError(
                f"profile {profile.id!r}: {choice.key} = {picked!r}; valid: {', '.join(choice.tags)}"
            )
    return profile


_cache: dict[str, Profile] = {}

T = TypeVar("T")

PER_PROFILE_LIMIT = 64
"""How many profiles a ``per_profile`` memo holds before it starts again: a caller that makes
profiles afresh (``dataclasses.replace``) cannot grow it without end."""


def per_profile(make: Callable[[Profile], T]) -> Callable[[Profile], T]:
    """``make``, remembered for each profile by its identity: what the rules work out from a
    profile alone (its terms, who to call) is the same on every evaluation, and hashing a
    profile's 44 fields to find it again would cost more than some of it. Each entry keeps its
    profile alive, so an id is never reused while the entry stands. What it remembers is shared
    by every caller: ``make`` must return something no caller changes (or callers copy it)."""
    memo: dict[int, tuple[Profile, T]] = {}

    def remembered(profile: Profile) -> T:
        entry = memo.get(id(profile))
        if entry is None or entry[0] is not profile:
            if len(memo) >= PER_PROFILE_LIMIT:
                memo.clear()
            entry = memo[id(profile)] = (profile, make(profile))
        return entry[1]

    remembered.__doc__ = make.__doc__
    return remembered


def _guidance_shown(data: dict[str, Any]) -> tuple[str, ...]:
    """``guidance_shown`` from a profile's TOML, checked: the authorities whose guidance its site
    shows, each topic's text in this order, its own first. Optional: a new authority's site shows
    only its own guidance (and, where its folder says nothing on a topic, that it is silent)."""
    own = str(data.get("id"))
    shown = tuple(data.get("guidance_shown", [own]))
    unknown = [i for i in shown if i not in FOLDERS]
    if not shown or shown[0] != own or unknown or len(set(shown)) != len(shown):
        raise ValueError(
            f"profile {own!r}: guidance_shown = {list(shown)!r} must start with its own id and "
            f"name each authority once, from: {', '.join(FOLDERS)}"
            + (f" (unknown: {', '.join(unknown)})" if unknown else "")
        )
    return shown


def load_profile(profile_id: str = DEFAULT_PROFILE) -> Profile:
    """Load a profile by id; an unknown id raises InvalidAnswers naming the valid ids."""
    if profile_id not in PROFILE_IDS:
        raise InvalidAnswers(
            f"profile: unknown profile {profile_id!r}; valid: {', '.join(PROFILE_IDS)}",
            field="profile",
        )
    if profile_id not in _cache:
        text = FOLDERS[profile_id].joinpath("profile.toml").read_text(encoding="utf-8")
        _cache[profile_id] = _from_toml(tomllib.loads(text))
    return _cache[profile_id]


def guidance_shown(profile_id: str) -> tuple[str, ...]:
    """The authorities whose guidance this authority's site shows on each shared page, its own
    first (``guidance_shown`` in its profile.toml; only its own where the field is absent). The
    pages render each one's fragment for a topic, or say from its data that it is silent."""
    return load_profile(profile_id).guidance_shown
