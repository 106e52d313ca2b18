"""Checks that a built site shows what the contract implies for its content.

Used on the sample council and on every fixture council: nothing here knows
any particular council.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bs4 import BeautifulSoup

from transparency.domain import timeline
from transparency.domain import urls
from transparency.source import pipeline


def soup(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / urls.output_file(path)).read_text(encoding="utf-8"), "html.parser")


def check_site(content: Path, output: Path, today: dt.date) -> list[str]:
    """Every way the built site disagrees with the contract, as messages."""
    checked = pipeline.check(content)
    assert not checked.problems.errors, checked.problems.report()
    a, rel = checked.archive, checked.relations
    failures = []
    for doc in a.reports.values():
        if not (output / urls.output_file(urls.report(doc.id))).is_file():
            failures.append(f"report {doc.id} missing at /{urls.report(doc.id)}")
    for doc in a.meetings.values():
        if not (output / urls.output_file(urls.meeting(doc.id))).is_file():
            failures.append(f"meeting {doc.id} missing at /{urls.meeting(doc.id)}")
    for doc in a.pages.values():
        if not (output / urls.output_file(urls.page(doc.id))).is_file():
            failures.append(f"page {doc.id} missing at /{urls.page(doc.id)}")
    for source in a.attachments:
        if not (output / urls.attachment(source)).is_file():
            failures.append(f"attachment {source} missing at /{urls.attachment(source)}")
    for d in a.decisions.values():
        address = urls.decision(d)
        if d.citation and address != f"hotarari/{d.adopted.year}/{d.number}/":
            failures.append(f"{d.id}: adopted decision at {address}")
        path = output / urls.output_file(address)
        if not path.is_file():
            failures.append(f"decision {d.id} missing at /{address}")
            continue
        page = soup(output, address)
        expected = timeline.public_status(d, rel, a, today)
        shown = page.select_one("[data-status]")
        if shown is None or shown["data-status"] != expected.code:
            failures.append(f"{d.id}: status {shown and shown['data-status']} shown, {expected.code} expected")
        dates = [t["datetime"][:10] for t in page.select("ol[data-timeline] > li > time")]
        wanted = [e.date.isoformat() for e in timeline.timeline(d, rel, a)]
        if dates != wanted:
            failures.append(f"{d.id}: timeline dates {dates} != {wanted}")
        links = {link["href"] for link in page.find_all("a", href=True)}
        for field in ("amends", "repeals", "amended_by", "repealed_by"):
            for other in getattr(rel, field).get(d.id, ()):
                target = "/" + urls.decision(a.decisions[other])
                if not any(href.endswith(target) for href in links):
                    failures.append(f"{d.id}: no link to {field} {other} ({target})")
        draft = output / urls.output_file(urls.draft(d))
        if not draft.is_file():
            failures.append(f"{d.id}: draft address /{urls.draft(d)} missing")
        elif d.citation:
            moved = soup(output, urls.draft(d))
            if not moved.find("a", href=lambda h: h and h.endswith("/" + address)):
                failures.append(f"{d.id}: /{urls.draft(d)} does not lead to /{address}")
    return failures
