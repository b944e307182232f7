"""Two things a practitioner on a phone met on the generated pages (issue 12): the support team's
email address could not be tapped, and the worked scenarios were numbered twice ("1. 1.")."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lp_rules.profiles import load_profile, site_folder
from tests.rules.oracle import authorities_where

from .conftest import ROOT, html_pages

sys.path.insert(0, str(ROOT / "tools"))
from sitegen.mailto import EMAIL, link_emails_html, link_emails_markdown  # noqa: E402


class _Addresses(HTMLParser):
    """Each email address in a page's text, and whether it sits inside a mailto link to itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.href: str | None = None
        self.skip = 0
        self.found: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.href = dict(attrs).get("href") or ""
        self.skip += tag in ("script", "style", "code", "title")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.href = None
        self.skip -= tag in ("script", "style", "code", "title") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if not self.skip:
            for address in EMAIL.findall(data):
                self.found.append((address, self.href == f"mailto:{address}"))


def test_every_email_address_on_a_page_is_a_mailto_link(built: tuple[str, Path]) -> None:
    """Everywhere the guidance or a generated page (the trainer's outcomes) shows an address. The
    comparison of the profiles' settings shows each value as it is configured, so it is left out."""
    _, folder = built
    plain = []
    for path in html_pages(folder):
        if path.parent.name == "compare-authorities":
            continue
        reader = _Addresses()
        reader.feed(path.read_text(encoding="utf-8"))
        plain += [f"{path.relative_to(folder)}: {a}" for a, linked in reader.found if not linked]
    assert not plain, plain


def test_the_support_email_is_linked_where_the_guidance_names_the_team() -> None:
    """The check above must have something to check: an area whose guidance gives a support
    address (its oracle table says so) has its home page and the trainer's outcomes show it."""
    giving = authorities_where(lambda facts: facts["gives_support_contact"])
    for profile_id in giving:
        email = load_profile(profile_id).support_email
        assert email, profile_id
        for page in ("index.html", "trainer/index.html"):
            html = (ROOT / site_folder(profile_id) / page).read_text(encoding="utf-8")
            assert f'href="mailto:{email}">{email}</a>' in html, (profile_id, page)


@pytest.mark.parametrize(("text", "html", "markdown"), [
    ("the Team (FSD@example.gov.uk).", 'the Team (<a href="mailto:FSD@example.gov.uk">FSD@example.gov.uk</a>).',
     "the Team ([FSD@example.gov.uk](mailto:FSD@example.gov.uk))."),
    ("ask your local team", "ask your local team", "ask your local team"),
    ("write to a.b+c@x-y.org.uk.", 'write to <a href="mailto:a.b+c@x-y.org.uk">a.b+c@x-y.org.uk</a>.',
     "write to [a.b+c@x-y.org.uk](mailto:a.b+c@x-y.org.uk)."),
])
def test_addresses_are_linked_and_nothing_else(text: str, html: str, markdown: str) -> None:
    assert link_emails_html(text) == html
    assert link_emails_markdown(text) == markdown


def test_each_scenario_heading_is_numbered_once(built: tuple[str, Path]) -> None:
    """The list numbers the scenarios; a heading that starts with its own number reads "1. 1."."""
    _, folder = built
    html = (folder / "scenarios" / "index.html").read_text(encoding="utf-8")
    assert '<ol class="lp-scenarios"' in html
    headings = re.findall(r'<li class="lp-scenario"[^>]*><h2[^>]*>(.*?)</h2>', html)
    assert len(headings) >= 20
    assert not [h for h in headings if re.match(r"\s*\d+\s*[.):]", h)], headings[:3]
