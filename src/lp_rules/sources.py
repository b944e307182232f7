"""The sources the rules rely on, and the sections of this site's guidance that carry them.

Every citation points at a page and heading id of the guidance site (relative to the site
root), so a reader can check what the rule rests on. National law and guidance (WT, IS24,
CA89, DPA, MCA05, DAA21, CONF, CWSA26, FFP) are summarised on the site's national-guidance page
("safeguarding"), one section per point, with links to the publications; the national sources
register (``register.py``) records which edition each point was checked against. ``LOCAL`` marks
common practice from other authorities that is not in either source document; the site says
so wherever it appears.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from .folders import authority_folders
from .register import edition_note

NATIONAL_PAGE = "safeguarding"
"""The site's national-guidance page: each section of it is a point in the register."""



def _authority_titles() -> dict[str, str]:
    """Each authority's own guidance, by its source tag, as its folder's profile.toml gives it
    (``own_source``, ``source_title``): the local sources are the authorities' folders."""
    titles: dict[str, str] = {}
    for folder in authority_folders().values():
        data = tomllib.loads(folder.joinpath("profile.toml").read_text(encoding="utf-8"))
        titles[str(data["own_source"])] = str(data["source_title"])
    return dict(sorted(titles.items()))


AUTHORITY_TITLES: dict[str, str] = _authority_titles()
"""Each authority's own guidance (A, B, ...: the seed authorities' folders say whose), by tag."""

SOURCE_TITLES: dict[str, str] = {
    **AUTHORITY_TITLES,
    "WT": "Working Together to Safeguard Children 2026 (DfE)",
    "IS24": "Information sharing: advice for practitioners providing safeguarding services (DfE, 2024)",
    "CA89": "Children Act 1989",
    "DPA": "Data Protection Act 2018 and UK GDPR",
    "MCA05": "Mental Capacity Act 2005 and Gillick competence",
    "DAA21": "Domestic Abuse Act 2021 (and Children Act 1989 s31(9))",
    "CONF": "The common-law duty of confidence and the Caldicott principles",
    "CWSA26": "Children's Wellbeing and Schools Act 2026",
    "FFP": "Families First Partnership programme guide (DfE)",
    "LOCAL": "Local practice in other authorities (not in the guidance)",
}


@dataclass(frozen=True)
class Citation:
    """A source tag and the section of the site's guidance that shows what it says."""

    source: str
    section: str
    page: str
    anchor: str

    @property
    def url(self) -> str:
        """Site-root-relative link, e.g. ``changing-the-lead/#examples``."""
        return f"{self.page}/#{self.anchor}"

    def as_dict(self) -> dict[str, str]:
        """The citation as the JSON contract gives it. ``checked`` is "" unless the point was
        checked only against an edition since replaced: then the register's plain-words note,
        shown wherever the citation is, until someone re-checks the point (RULES.md, "National
        sources register")."""
        return {
            "source": self.source,
            "title": SOURCE_TITLES[self.source],
            "section": self.section,
            "url": self.url,
            "checked": edition_note(self.source, self.anchor) if self.page == NATIONAL_PAGE else "",
        }


def source_tags(citations: "tuple[Citation, ...]") -> list[str]:
    """The distinct source tags of some citations, in the catalogue's order (A, B, ...)."""
    cited = {c.source for c in citations}
    return [tag for tag in SOURCE_TITLES if tag in cited]


def _cite(source: str, page: str, anchor: str, section: str) -> Citation:
    return Citation(source=source, section=section, page=page, anchor=anchor)


# Source A (whose guidance it is: the authority folder whose profile.toml has own_source = "A")
A_WHOLE_FAMILY = _cite("A", "why-a-lead-practitioner", "whole-family", "Introduction: a lead for the whole family")
A_ASSESSMENT = _cite("A", "key-principles", "assessment-of-need", "Key principles: assessment of need")
A_REVIEW = _cite("A", "key-principles", "review-the-plan", "Key principles: review the plan every 6-8 weeks")
A_NOT_ACCOUNTABLE = _cite("A", "key-principles", "not-accountable-for-others", "Key principles: not accountable for others' services")
A_ANY_PRACTITIONER = _cite("A", "who-can-be-the-lead", "any-practitioner", "Who can be a Lead Practitioner?")
A_RELATIONSHIP = _cite("A", "who-can-be-the-lead", "relationship-and-agreement", "Who can be a Lead Practitioner? Relationship and agreement")
A_KEYWORKERS = _cite("A", "who-can-be-the-lead", "keyworkers", "Keyworkers and caseworkers")
A_INITIAL_TAF = _cite("A", "identifying-the-lead", "at-the-initial-taf", "How is a Lead Practitioner identified?")
A_CASE_BY_CASE = _cite("A", "identifying-the-lead", "case-by-case", "Decided case by case, informed by the family")
A_ABSENCE = _cite("A", "supporting-the-lead", "cover-during-absence", "Cover when the Lead Practitioner is absent")
A_WHEN_CHANGES = _cite("A", "changing-the-lead", "when-the-lead-changes", "Changing the Lead Practitioner")
A_MINIMUM = _cite("A", "changing-the-lead", "keep-changes-to-a-minimum", "Keep changes to a minimum")
A_EXAMPLES = _cite("A", "changing-the-lead", "examples", "Examples where changes may occur")
A_REFERRAL_ACCEPTED = _cite("A", "changing-the-lead", "after-a-referral-is-accepted", "Once a referral is accepted")
A_FURTHER_SUPPORT = _cite("A", "further-support", "contact", "Further support")

# Source B (the authority folder whose profile.toml has own_source = "B")
B_ANY_PRACTITIONER = _cite("B", "who-can-be-the-lead", "any-practitioner", "Who can be the lead practitioner")
B_FAMILY_BY_FAMILY = _cite("B", "identifying-the-lead", "case-by-case", "Decided family by family")
B_CONSENT = _cite("B", "consent", "seeking-consent", "Seeking consent for a graduated, multi-agency response")
B_ASSESSMENT = _cite("B", "consent", "assessment-and-plan", "The assessment and plan")
B_CONVENE_TAF = _cite("B", "consent", "convening-a-taf", "Convening a Team Around the Family")
B_NOTICING = _cite("B", "who-can-be-the-lead", "noticing-needs", "Identifying needs does not make you the lead")
B_SHARING_WORK = _cite("B", "supporting-the-lead", "sharing-the-work", "Sharing the work with the team around the family")
B_REFUSED = _cite("B", "consent", "when-consent-is-refused-or-withdrawn", "When consent is refused or withdrawn")

# National law and guidance, each summarised in its own section of the national-guidance page
WT_IMMEDIATE_DANGER = _cite("WT", NATIONAL_PAGE, "immediate-danger", "Immediate danger: call 999")
WT_HARM = _cite("WT", NATIONAL_PAGE, "significant-harm", "Significant harm: act straight away")
WT_SOCIAL_WORKER = _cite("WT", NATIONAL_PAGE, "social-worker-leads", "Child protection: a social worker leads")
WT_SECTION_17_LEAD = _cite("WT", NATIONAL_PAGE, "lead-under-section-17", "Who leads work with a child in need")
WT_THRESHOLDS = _cite("WT", NATIONAL_PAGE, "levels-of-need", "Levels of need and local thresholds")
IS24_MEANINGS = _cite("IS24", NATIONAL_PAGE, "two-meanings-of-consent", "The two meanings of consent")
IS24_SHARING = _cite("IS24", NATIONAL_PAGE, "sharing-without-consent", "Sharing information without consent")
IS24_TELL_FAMILY = _cite("IS24", NATIONAL_PAGE, "telling-the-family", "Being open with the family, where it is safe")
IS24_RECORD = _cite("IS24", NATIONAL_PAGE, "record-your-decision", "Record what you decided and why")
CA89_WISHES = _cite("CA89", NATIONAL_PAGE, "wishes-and-feelings", "The child's wishes and feelings (section 17(4A))")
CA89_SECTION_47 = _cite("CA89", NATIONAL_PAGE, "section-47", "Child protection enquiries (section 47)")
DPA_WITHDRAWING = _cite("DPA", NATIONAL_PAGE, "withdrawing-consent", "Withdrawing consent: what stops and what does not")
MCA05_WHO_CAN_CONSENT = _cite("MCA05", NATIONAL_PAGE, "who-can-consent", "Who can consent: Gillick competence and capacity at 16-17")
# New in rules 2.1 (sections of the national-guidance page listed in the project's brief)
WT_ALLEGATIONS = _cite("WT", NATIONAL_PAGE, "allegations-about-practitioners", "Concerns about a practitioner: the LADO")
IS24_SAFE_CONTACT = _cite("IS24", NATIONAL_PAGE, "safe-contact", "Contacting a family safely; protecting identities (golden rule 5)")
CA89_SEEING_HARM = _cite("CA89", NATIONAL_PAGE, "domestic-abuse", "Domestic abuse: harm includes seeing or hearing ill-treatment (section 31(9))")
DAA21_CHILD_VICTIM = _cite("DAA21", NATIONAL_PAGE, "domestic-abuse", "Domestic abuse: a child who sees, hears or experiences it is a victim (section 3)")
CA89_PARENTAL_RESPONSIBILITY = _cite("CA89", NATIONAL_PAGE, "parental-responsibility", "Parental responsibility: each may act alone (section 2(7)), and its limits")
DPA_OBJECTING = _cite("DPA", NATIONAL_PAGE, "objecting-to-sharing", "Objecting to sharing (UK GDPR Art. 21); no swapping of lawful basis")
DPA_SAFEGUARDING_CONDITION = _cite("DPA", NATIONAL_PAGE, "safeguarding-condition", "The safeguarding of children condition (Schedule 1 para 18)")
CONF_CONFIDENTIALITY = _cite("CONF", NATIONAL_PAGE, "confidentiality", "Confidentiality and the Caldicott principles")

# Local practice (not in the guidance)
LOCAL_AWAITING = _cite("LOCAL", "local-practice", "waiting-for-the-front-door", "Waiting for the front door's decision")
LOCAL_STEP_DOWN = _cite("LOCAL", "local-practice", "step-down-handover", "Handing over at step-down")
LOCAL_HANDOVER = _cite("LOCAL", "local-practice", "handover", "Handing over to a new lead")
LOCAL_NEW_LEAD = _cite("LOCAL", "local-practice", "introducing-the-new-lead", "Introducing the new lead")
LOCAL_LONG_ABSENCE = _cite("LOCAL", "local-practice", "long-absence", "A long absence of the lead")
LOCAL_CLOSING = _cite("LOCAL", "local-practice", "closing-the-plan", "Closing the plan when needs are met")
LOCAL_CAPACITY = _cite("LOCAL", "local-practice", "capacity-to-lead", "Capacity to take on the role")
LOCAL_YOUNG_PERSON = _cite("LOCAL", "local-practice", "young-person-consents", "A parent declines; the young person can decide")
LOCAL_CHILD_CANNOT_DECIDE = _cite("LOCAL", "local-practice", "young-person-cannot-decide", "A child who cannot decide says no")
LOCAL_YOUNG_PERSON_DECIDES = _cite("LOCAL", "local-practice", "young-person-decides", "A young person who can decide says no")
LOCAL_ENGAGEMENT = _cite("LOCAL", "local-practice", "re-engaging", "Worries and non-engagement")
LOCAL_PARTIAL = _cite("LOCAL", "local-practice", "partial-consent", "Declining one service or part of the plan")
LOCAL_DOMESTIC_ABUSE = _cite("LOCAL", "local-practice", "domestic-abuse-risk", "A domestic abuse risk assessment (DASH) and MARAC")
LOCAL_OTHER_PARENT = _cite("LOCAL", "local-practice", "another-parent-agrees", "One parent objects; another with parental responsibility agrees")
LOCAL_NON_ENGAGEMENT = _cite("LOCAL", "local-practice", "not-engaging", "A family that stops engaging: a review with a date")
LOCAL_CONCERN_ABOUT_LEAD = _cite("LOCAL", "local-practice", "concern-about-the-lead", "A concern about the Lead Practitioner")
LOCAL_COMPLAINT = _cite("LOCAL", "local-practice", "complaint-about-the-lead", "A complaint about the lead's practice")
LOCAL_STEP_DOWN_DECLINED = _cite("LOCAL", "local-practice", "step-down-not-agreed", "A step-down the family do not agree to")


@dataclass(frozen=True)
class ProfileCitation:
    """A citation the authority's profile chooses (RULES.md: "A or WT (from the profile)").

    ``choices`` maps each source tag a profile may pick to the citation it stands for; the
    profile names its pick under ``key`` (for example ``referral_lead = "WT"``).
    """

    key: str
    choices: tuple[Citation, ...]

    def for_source(self, tag: str) -> Citation:
        """The citation for a profile's chosen tag (profiles are checked when loaded)."""
        return next(c for c in self.choices if c.source == tag)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(c.source for c in self.choices)


REFERRAL_LEAD = ProfileCitation("referral_lead", (A_REFERRAL_ACCEPTED, WT_SECTION_17_LEAD))
"""Who leads once the front door accepts a referral: source A says; where an area's own
source is silent, national guidance on work under section 17 (WT)."""
CHILD_VOICE = ProfileCitation("child_voice", (A_CASE_BY_CASE, B_FAMILY_BY_FAMILY))
"""'Informed by the child, young person and their family' (A) or 'by the child and their
family' (B)."""
PROFILE_CITATIONS: tuple[ProfileCitation, ...] = (REFERRAL_LEAD, CHILD_VOICE)

RULES_LOCAL_SOURCES: tuple[str, ...] = tuple(sorted(
    {c.source for c in list(globals().values()) if isinstance(c, Citation)} & AUTHORITY_TITLES.keys()))
"""The authorities' guidance the checklists' rules were written from (their tags, A and B): what
neither says, and the rules take from other authorities' practice, is ``LOCAL``."""
