"""The "Who to call" block on the home page's "What do I do now?", from lp_rules.emergency.

The same routes, in the same order and words, as the checklists show at the top of an urgent
outcome (docs/assets/js/checklist/outcome-view.js, ``whoToCall``) and as the record writes out:
999, the area's numbers or where to find them, then the national routes, each checked against
the published page cited under the list. Generated, so a number is never written in a page.
"""

from __future__ import annotations

from html import escape

from lp_rules import emergency
from lp_rules.profiles import Profile


def _route(route: dict[str, object]) -> str:
    links = route["links"]
    assert isinstance(links, list)
    tapped = "".join(
        f'<a class="lp-emergency-link" href="{escape(str(link["href"]))}">{escape(str(link["text"]))}</a>'
        for link in links
    )
    # Its links, or where there are none the text that says where to go instead (as the
    # checklists show it).
    shown = (f'<span class="lp-emergency-links">{tapped}</span>' if tapped
             else escape(str(route["text"])))
    return (f'<li data-route="{escape(str(route["id"]))}"><strong>{escape(str(route["title"]))}: '
            f'</strong>{shown}</li>')


def who_to_call(profile: Profile) -> str:
    """The block as HTML for a Markdown page (a raw HTML block: blank lines around it)."""
    routes = emergency.routes(profile)
    sources: dict[str, str] = {}
    for route in routes:
        source = route["source"]
        if source:
            sources.setdefault(source["url"], source["title"])
    cited = "; ".join(f'<a href="{escape(url)}">{escape(title)}</a>' for url, title in sources.items())
    return (
        '\n<section class="lp-emergency" aria-labelledby="lp-who-to-call">\n'
        '<h3 id="lp-who-to-call">Who to call</h3>\n'
        f'<ul class="lp-emergency-routes">{"".join(_route(r) for r in routes)}</ul>\n'
        f'<p class="lp-emergency-sources">Checked against: {cited}.</p>\n'
        "</section>\n"
    )
