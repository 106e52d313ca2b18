"""Public addresses (permanent; see the contract's table). Paths end in '/'.

All functions return paths relative to the site root, without a leading
slash and not percent-encoded (they are also the paths of the files written);
`SiteModel.href` and `SiteModel.absolute` encode them for links.
Topics become ASCII slugs so that „finanțe”, „finante” and „Finanțe” share
one address.
"""

from __future__ import annotations

from .model import Decision
from .text import slug


def decision(d: Decision) -> str:
    if d.citation:
        return f"hotarari/{d.adopted.year}/{d.number}/"
    return draft(d)


def draft(d: Decision) -> str:
    return f"proiecte/{d.id}/"


def report(report_id: str) -> str:
    return f"rapoarte/{report_id}/"


def meeting(meeting_id: str) -> str:
    return f"sedinte/{meeting_id}/"


def page(page_id: str) -> str:
    return f"{page_id}/"


def attachment(source: str) -> str:
    return "fisiere/" + source


def year(y: int) -> str:
    return f"hotarari/{y}/"


def topic(name: str) -> str:
    return f"teme/{slug(name) or name}/"


def committee(committee_slug: str) -> str:
    return f"comisii/{committee_slug}/"


def member(name: str) -> str:
    return f"consilieri/{slug(name) or name}/"


def output_file(path: str) -> str:
    """The file written for an address: `a/b/` → `a/b/index.html`."""
    return path + "index.html" if path.endswith("/") or not path else path
