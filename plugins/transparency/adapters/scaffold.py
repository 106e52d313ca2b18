"""`python -m transparency new TYPE TITLE` (make new): a new document that passes `make check`.

The file goes in its type's folder (a sub-folder per year where the guide
recommends one), its name — the document's id — is made from the title
(letters without diacritics, digits and hyphens, unique in the whole content
folder), it holds every required key with today's date, and the optional keys
as comments to fill in. A type numbered when it is made (a disposition) takes
the next free number of its year; a decision is numbered when it is adopted,
so its file says which number is free now.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..domain import dates, vocab
from ..domain.text import slug
from ..source.frontmatter import FrontMatterError, split

MAX_ID = 60  # characters of the id made from the title (the address stays readable)
FILLER = {"privind", "pentru", "si", "sau", "din", "de", "la", "a", "al", "ale", "cu", "in", "pe", "care"}
TYPES = {  # TYPE → (what it is, in Romanian, for messages)
    "decision": "proiect de hotărâre",
    "report": "raport, referat sau aviz",
    "meeting": "ședință",
    "page": "pagină",
    "disposition": "dispoziție a președintelui sau a primarului",
    "publication": "alt document al Monitorului Oficial Local",
}
BY_YEAR = {"decision", "report", "meeting", "disposition", "publication"}
NUMBERED = {"decision", "disposition"}


class ScaffoldError(ValueError):
    pass


def available() -> list[str]:
    """The types this content contract has (dispositions and other documents when it holds them)."""
    folders = set(vocab.DOCUMENT_FOLDERS.values())
    return [kind for kind in TYPES if kind in folders]


def folder_of(kind: str) -> str:
    return next(folder for folder, typ in vocab.DOCUMENT_FOLDERS.items() if typ == kind)


def make_id(title: str, kind: str, taken: set[str], day) -> str:
    """An id from the title: its words without diacritics, the filler words dropped, at most MAX_ID
    characters cut at a hyphen; unique (a suffix -2, -3 … when taken) and never a reserved page name."""
    words = [w for w in slug(title).split("-") if w and w not in FILLER] or [kind]
    base = ""
    for word in words:
        if len(base) + len(word) + 1 > MAX_ID and base:
            break
        base = f"{base}-{word}" if base else word
    if kind == "decision" and not base.startswith("proiect"):
        base = f"proiect-{base}"
    if kind == "meeting" and not base.startswith("sedinta"):
        base = f"sedinta-{day.isoformat()}-{base}"
    if kind == "page" and slug(base) in vocab.RESERVED_PAGE_IDS:
        base = f"pagina-{base}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def existing(content: Path) -> tuple[set[str], dict[str, list[dict]]]:
    """Every document id under `content`, and the front matter of each decision and disposition
    (files that cannot be read are passed over: `make check` says what is wrong with them)."""
    ids, metas = set(), {}
    for folder, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        top = Path(folder).relative_to(content).parts[:1]
        kind = vocab.DOCUMENT_FOLDERS.get(top[0]) if top else None
        for name in files:
            if not name.endswith(".md") or name.startswith("."):
                continue
            ids.add(name[: -len(".md")])
            if kind not in NUMBERED:  # only these are read: a decision's and a disposition's numbers, a report's decision
                continue
            try:
                meta = split(Path(folder, name).read_text(encoding="utf-8")).meta
            except (FrontMatterError, UnicodeDecodeError, OSError):
                continue
            metas.setdefault(kind, []).append({**meta, "id": name[: -len(".md")]})
    return ids, metas


def next_number(metas: list[dict], year: int, date_key: str) -> int:
    """The number after the highest one given in `year` (dated by `date_key`)."""
    used = [m["number"] for m in metas if isinstance(m.get("number"), int)
            and str(m.get(date_key, "")).startswith(str(year))]
    return max(used, default=0) + 1


def latest_decision(metas: dict[str, list[dict]]) -> str:
    """The id of the decision registered last (what a new report most likely concerns)."""
    decisions = sorted(metas.get("decision", []), key=lambda m: (str(m.get("registered", "")), m["id"]))
    if not decisions:
        raise ScaffoldError("nu există încă niciun proiect de hotărâre la care să se refere raportul; "
                            "creați întâi proiectul: make new TYPE=decision TITLE=\"…\"")
    return decisions[-1]["id"]


def quoted(text: str) -> str:
    """A YAML double-quoted text (always safe, whatever the title holds)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(kind: str, title: str, day, metas: dict[str, list[dict]], decision: str | None) -> str:
    today = day.isoformat()
    lines = [f"title: {quoted(title)}"]
    body = "Textul documentului.\n"
    if kind == "decision":
        number = next_number(metas.get("decision", []), day.year, "adopted")
        lines += ["status: draft", f"registered: {today}",
                  "# initiator: Președintele Consiliului Județean",
                  "# summary: >",
                  "#   Ce schimbă hotărârea, în una-două fraze.",
                  "# topics: [buget]",
                  f"# La adoptare: status: adopted, meeting, majority, vote, adopted și number "
                  f"(primul număr liber în {day.year}: {number})."]
        body = "**Art. 1.** Se aprobă …\n\n**Art. 2.** …\n"
    elif kind == "report":
        lines += [f"kind: {next(iter(vocab.REPORT_KINDS))}", f"decision: {decision or latest_decision(metas)}",
                  f"date: {today}", "# number: \"12345\"", "# author: Direcția …"]
    elif kind == "meeting":
        lines += [f"kind: {next(iter(vocab.MEETING_KINDS))}", f"date: {today} 10:00",
                  "# place: Sala de ședințe", f"# agenda_published: {today}",
                  "# items:", "#   - decision: proiect-…"]
        body = ""
    elif kind == "disposition":
        number = next_number(metas.get("disposition", []), day.year, "date")
        lines += [f"number: {number}", f"date: {today}", "# issuer: Președintele Consiliului Județean"]
    elif kind == "publication":
        lines += [f"kind: {next(iter(vocab.PUBLICATION_KINDS))}", f"date: {today}"]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def new(content: str, kind: str, title: str, decision: str | None = None, environ=os.environ) -> Path:
    """Write the new document; its path."""
    if kind not in available():
        raise ScaffoldError(f"tipul „{kind}” nu există; unul dintre: {', '.join(available())}")
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("lipsește titlul: make new TYPE=… TITLE=\"privind …\"")
    root = Path(content)
    if not root.is_dir():
        raise ScaffoldError(f"folderul de conținut {root} nu există")
    day = dates.build_day(environ)
    ids, metas = existing(root)
    doc_id = make_id(title, kind, ids, day)
    folder = root / folder_of(kind) / (str(day.year) if kind in BY_YEAR else "")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc_id}.md"
    with open(path, "x", encoding="utf-8") as handle:  # never overwrites
        handle.write(render(kind, title, day, metas, decision))
    return path


ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # what make_id gives (tests)
