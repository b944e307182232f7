"""Who to call: the routes to help at the top of every urgent and escalation outcome.

A practitioner facing an urgent outcome needs a number before anything else, and a route that
works even where the area's guidance gives no contact (both seed profiles give none). So the
block is: 999 for immediate danger; the area's front door and out-of-hours numbers where the
profile holds them, or else a plain pointer to GOV.UK's service and the local council's website;
then the national routes that do not depend on the area. The national routes are data, written
once in ``national_sources.toml`` (``[[route]]``), each with the published page it was checked
against; the page, the record, the CLI's JSON and the home page's "What do I do now?" block all
read :func:`routes`, so a number is never written twice.

Standard library only and read with ``importlib.resources``, so it runs in Pyodide as natively.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .checklists import texts
from .profiles import Profile, per_profile
from .register import REGISTER_FILE, RegisterError, When

SCHEMES = ("tel:", "mailto:", "https://")
"""What a route's link may be: a number to call, an address to email or a page."""

IMMEDIATE_DANGER = "immediate_danger"
"""The route that always comes first (999)."""


@dataclass(frozen=True)
class Link:
    """Something to tap: its words and its address (``tel:999``)."""

    text: str
    href: str


@dataclass(frozen=True)
class Route:
    """One route to help and the published page that shows it (``source``, ``source_url``).
    A page shows its title and links, or its title and text where it has no link (the text
    says where to go instead); the record writes out all three."""

    id: str
    title: str
    text: str
    links: tuple[Link, ...]
    source: str = ""
    source_url: str = ""
    checked_on: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The route as JSON: what the page, the record and the CLI give."""
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "links": [{"text": link.text, "href": link.href} for link in self.links],
            "source": ({"title": self.source, "url": self.source_url, "checked": self.checked_on}
                       if self.source_url else None),
        }


def _route(raw: dict[str, Any], found: list[str]) -> Route:
    name = f"route {raw.get('id', '(no id)')}"
    values: dict[str, str] = {}
    for key in ("id", "title", "text", "source", "source_url", "checked_on"):
        value = raw.get(key)
        if not (isinstance(value, str) and value.strip()):
            found.append(f"{name}: {key} must be non-empty text")
        values[key] = " ".join(str(value or "").split())
    try:
        When.parse(values["checked_on"])
    except ValueError as error:
        found.append(f"{name}: checked_on: {error}")
    if not values["source_url"].startswith("https://"):
        found.append(f"{name}: source_url must be an https:// page")
    if not raw.get("checked_from"):
        found.append(f"{name}: checked_from must list the pages it was checked against")
    links = []
    for link in raw.get("links", []):
        href, text = str(link.get("href", "")), str(link.get("text", ""))
        if not href.startswith(SCHEMES) or not text:
            found.append(f"{name}: each link needs text and an href starting "
                         + " or ".join(SCHEMES))
        links.append(Link(text=text, href=href))
    if not links:
        found.append(f"{name}: needs at least one link")
    return Route(links=tuple(links), **values)


def parse(data: dict[str, Any]) -> tuple[Route, ...]:
    """The national routes from the loaded register; RegisterError lists every problem."""
    found: list[str] = []
    parsed = tuple(_route(raw, found) for raw in data.get("route", []))
    if not parsed or parsed[0].id != IMMEDIATE_DANGER:
        found.append(f"the first [[route]] must be {IMMEDIATE_DANGER!r} (999)")
    if found:
        raise RegisterError(f"{REGISTER_FILE}: " + "; ".join(found))
    return parsed


@lru_cache(maxsize=1)
def national_routes() -> tuple[Route, ...]:
    """The routes that work wherever the child lives, 999 first (read once)."""
    text = resources.files(__package__).joinpath(REGISTER_FILE).read_text(encoding="utf-8")
    return parse(tomllib.loads(text))


def _tel(number: str) -> str:
    """``tel:`` address of a number as written (``020 8545 4226`` -> ``tel:02085454226``)."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def local_routes(profile: Profile) -> tuple[Route, ...]:
    """The area's own numbers where the profile holds them; else one plain line saying there
    is none here and where to find it. Never a guessed number."""
    front_door = profile.front_door_text
    name = front_door[:1].upper() + front_door[1:]
    found = []
    if profile.front_door_phone:
        hours = f" ({profile.front_door_hours})" if profile.front_door_hours else ""
        call = texts.CALL.format(phone=profile.front_door_phone)
        found.append(Route("front_door", name, f"{call}{hours}.",
                           (Link(call, _tel(profile.front_door_phone)),)))
    if profile.out_of_hours_phone:
        outside = (texts.OUTSIDE_HOURS.format(hours=profile.front_door_hours)
                   if profile.front_door_hours else texts.OUT_OF_HOURS)
        call = texts.CALL.format(phone=profile.out_of_hours_phone)
        found.append(Route("out_of_hours", texts.DUTY_TEAM.format(when=outside), f"{call}.",
                           (Link(call, _tel(profile.out_of_hours_phone)),)))
    if found:
        return tuple(found)
    return (Route("front_door", name,
                  texts.NO_LOCAL_NUMBER.format(guidance=profile.guidance_name), ()),)


@per_profile
def _routes(profile: Profile) -> tuple[Route, ...]:
    """``routes`` as Route objects, made once per profile (every urgent outcome shows them)."""
    first, *others = national_routes()
    return (first, *local_routes(profile), *others)


def routes(profile: Profile) -> list[dict[str, Any]]:
    """Who to call, in order: 999, the area's numbers (or where to find them), the national
    routes. The same list for the page, the record, the CLI and the home page: a new one on
    each call, which the caller may change."""
    return [r.as_dict() for r in _routes(profile)]


def route_lines(block: list[dict[str, Any]]) -> list[str]:
    """Each route as one line of text, for the record (under ``texts.WHO_TO_CALL``): what to
    call or open, written out, and the page it was checked against."""
    lines = []
    for route in block:
        links = "; ".join(f"{link['text']}: {link['href']}" if link["href"].startswith("https:")
                          else link["text"] for link in route["links"]
                          if link["text"].split(" ", 1)[-1] not in route["text"])
        source = route["source"]
        cited = f" ({texts.ROUTE_SOURCE.format(**source)})" if source else ""
        lines.append(f"{route['title']}: {route['text']}" + (f" {links}." if links else "") + cited)
    return lines
