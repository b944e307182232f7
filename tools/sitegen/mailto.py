"""Email addresses in generated pages become mailto links, so a practitioner on a phone can tap
the support team's address instead of copying it.

The rules' own texts (outcomes, actions, ``Profile.support_text``) stay plain text: they also go
to the command line, the JSON contract and the printed record. Only the HTML and Markdown written
for the site link them, from those same texts, so there is still one source for each address.
"""

from __future__ import annotations

import re

# An address as profiles write them (name@host.tld); nothing in the rules' texts looks like one
# without being one.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?<!\.)")


def link_emails_html(escaped: str) -> str:
    """Already-escaped HTML text with each address wrapped in a mailto link."""
    return EMAIL.sub(lambda m: f'<a href="mailto:{m[0]}">{m[0]}</a>', escaped)


def link_emails_markdown(text: str) -> str:
    """Markdown text with each address as a Markdown mailto link."""
    return EMAIL.sub(lambda m: f"[{m[0]}](mailto:{m[0]})", text)
