"""Public addresses (permanent; see the contract's table). Paths end in '/'.

All functions return paths relative to the site root, without a leading
slash and not percent-encoded (they are also the paths of the files written);
`SiteModel.href` and `SiteModel.absolute` encode them for links.

Every path segment that comes from content (a document's id, a topic, a
committee, a member's name, an attachment's folders and file name) is its
slug (text.slug: ASCII letters, digits and hyphens), so that no name can
lead outside its folder, and „finanțe”, „finante” and „Finanțe” share one
address. validate.py reports a name whose slug is empty, too long or taken
by another name before anything is written; `segment` refuses them again.
"""

from __future__ import annotations

from ..domain.model import Decision
from ..domain.text import slug

MAX_SEGMENT = 150  # characters of a slug: with a feed's extension, well within a file name's 255 bytes


class AddressError(ValueError):
    """A name from content that gives no usable address (validate.py reports these first)."""

    def __init__(self, name: str, found: str):
        super().__init__(name, found)
        self.name, self.slug = name, found

    def __str__(self) -> str:
        return f"{self.name!r} gives no address (slug {self.slug!r})"


def segment(name: str) -> str:
    """The path segment of a name from content: its slug, never empty nor too long."""
    found = slug(name)
    if not found or len(found) > MAX_SEGMENT:
        raise AddressError(name, found)
    return found


def file_segment(name: str) -> str:
    """An attachment's file name: its stem and its extension slugged apart
    (`Anexa 1 – listă.PDF` → `anexa-1-lista.pdf`)."""
    stem, dot, extension = name.rpartition(".")
    if dot and stem and slug(extension):
        return f"{segment(stem)}.{segment(extension)}"
    return segment(name)


def decision(d: Decision) -> str:
    if d.citation:
        return f"hotarari/{d.adopted.year}/{d.number}/"
    return draft(d)


def draft(d: Decision) -> str:
    return draft_of(d.id)


def draft_of(decision_id: str) -> str:
    return f"proiecte/{segment(decision_id)}/"


def report(report_id: str) -> str:
    return f"rapoarte/{segment(report_id)}/"


def meeting(meeting_id: str) -> str:
    return f"sedinte/{segment(meeting_id)}/"


def disposition(d) -> str:
    """A disposition: `dispozitii/YEAR/NUMBER/` (its id's address while it lacks a number or date)."""
    if d.citation:
        return f"dispozitii/{d.date.year}/{d.number}/"
    return f"dispozitii/{segment(d.id)}/"


def publication(publication_id: str) -> str:
    return f"documente/{segment(publication_id)}/"


def page(page_id: str) -> str:
    return f"{segment(page_id)}/"


def attachment(source: str) -> str:
    """`source` is the file's path relative to the content folder."""
    *folders, name = source.split("/")
    return "/".join(["fisiere", *map(segment, folders), file_segment(name)])


def year(y: int) -> str:
    return f"hotarari/{y}/"


def topic(name: str) -> str:
    return f"teme/{topic_slug(name)}/"


def topic_slug(name: str) -> str:
    """A topic as the site identifies it (its page's segment): spellings that differ only in case,
    hyphens or diacritics, comma below or cedilla, are one topic (`Finanţe`, `finante` → `finante`)."""
    return segment(name)


def committee(committee_slug: str) -> str:
    return f"comisii/{segment(committee_slug)}/"


def member(name: str) -> str:
    return f"consilieri/{segment(name)}/"


def output_file(path: str) -> str:
    """The file written for an address: `a/b/` → `a/b/index.html`."""
    return path + "index.html" if path.endswith("/") or not path else path
