"""Links across rules versions in the browser: a 1.0 link is read under 2.0 and says so; a
record's link reopens exactly its decision and says whether today's rules differ."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page

from .conftest import Site, actions, wait_for_outcome


def test_a_1_0_link_is_migrated_and_says_so(page: Page, site: Site) -> None:
    page.goto(site.url("tools/who-should-lead/?harm=no&safety=no&social_care=none&existing_plan=no"
                       "&services=several&consent=not_yet_asked&young_person_view=yes"))
    assert wait_for_outcome(page) == "seek_consent_first"
    assert "ask_young_person" in actions(page), "young_person_view is carried over"
    notice = page.locator(".lp-link-notice")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "earlier version of the checklist" in text
    assert "A young person can agree for themselves" in text
    assert notice.locator("a").get_attribute("href").endswith("what-changed/#rules-2-1")
    # The address now carries today's ids and version, so sharing it again is a 2.x link, and
    # its answers are in the fragment (never sent to the host), no longer in the query.
    assert "v=2" in page.url and "young_person_can_consent=yes" in page.url
    assert "young_person_view" not in page.url
    assert urlsplit(page.url).query == "" and "harm=no" in urlsplit(page.url).fragment
    assert page.is_checked("#young_person_can_consent-yes")


def test_the_1_0_child_in_need_link_gives_the_allocation_outcome(page: Page, site: Site) -> None:
    page.goto(site.url("tools/who-should-lead/?harm=no&safety=no&social_care=child_in_need"))
    assert wait_for_outcome(page) == "social_care_allocates"
    assert page.locator(".lp-error-summary").is_hidden()
    assert "social_care=referral_accepted" in page.url


def test_a_record_link_reopens_the_decision(page: Page, site: Site, context: BrowserContext) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page.goto(site.url("tools/consent-withdrawn/?v=2&harm=no&safety=no&who=whole_family&scope=one_service"
                       "&escalation_risk=no&how=told_us&reason=other"))
    assert wait_for_outcome(page) == "continue_agreed_parts"
    assert page.locator(".lp-version").inner_text().startswith("Rules version 2.1.0")
    page.click("text=Copy for case notes")
    page.wait_for_selector(".lp-checklist [aria-live]:has-text('Record copied')", state="attached")
    record = page.evaluate("navigator.clipboard.readText()")
    link = re.search(r"Reopen this decision: (\S+)", record).group(1)
    assert link.startswith(site.url("tools/consent-withdrawn/#v=2&"))
    assert link.endswith("&outcome=continue_agreed_parts")

    again = context.new_page()
    again.goto(link)
    assert wait_for_outcome(again) == "continue_agreed_parts"
    same = again.locator(".lp-record-comparison")
    assert "the outcome the record gave" in same.inner_text()
    assert same.get_attribute("data-differs") is None

    # A record made when the rules gave another outcome: today's differs, and the page says so.
    older = link.replace("outcome=continue_agreed_parts", "outcome=continue_universal_support")
    again.goto(older)
    assert wait_for_outcome(again) == "continue_agreed_parts"
    differs = again.locator(".lp-record-comparison[data-differs]")
    text = differs.inner_text()
    assert "Keep supporting through ordinary provision" in text and "different" in text
    assert differs.locator("a").get_attribute("href").endswith("what-changed/#rules-2-1")
    again.close()
