"""Public addresses (permanent; see the contract's table). Paths end in '/'.

All functions return paths relative to the site root, without a leading
slash; `Site.href` adds the root path and `Site.absolute` the full SITEURL.
"""

from __future__ import annotations

from urllib.parse import quote

from .model import Decision


def _seg(text: str) -> str:
    return quote(text, safe="-_.~")


def decision(d: Decision) -> str:
    if d.citation:
        return f"hotarari/{d.adopted.year}/{d.number}/"
    return draft(d)


def draft(d: Decision) -> str:
    return f"proiecte/{_seg(d.id)}/"


def report(report_id: str) -> str:
    return f"rapoarte/{_seg(report_id)}/"


def meeting(meeting_id: str) -> str:
    return f"sedinte/{_seg(meeting_id)}/"


def page(page_id: str) -> str:
    return f"{_seg(page_id)}/"


def attachment(source: str) -> str:
    return "fisiere/" + "/".join(_seg(part) for part in source.split("/"))


def year(y: int) -> str:
    return f"hotarari/{y}/"


def topic(slug: str) -> str:
    return f"teme/{_seg(slug)}/"


def committee(slug: str) -> str:
    return f"comisii/{_seg(slug)}/"


def member(slug: str) -> str:
    return f"consilieri/{_seg(slug)}/"


def output_file(path: str) -> str:
    """The file written for an address: `a/b/` → `a/b/index.html`."""
    return path + "index.html" if path.endswith("/") or not path else path
