"""A council's content held as data, to edit it the way staff do and write it out (tests only).

Each document is its folder, id, front matter (a dict), Markdown body and the
files it attaches (bytes, by path relative to its folder); the council is the
dict of council.yml. `write` makes a content folder hold exactly the model:
it writes the files whose bytes differ and deletes the files the model no
longer has, so that an edit touches only the files staff would touch.

The model knows the references between documents (a report's decision, a
meeting's agenda, a decision's meeting, amends and repeals, nominal votes,
committees), so that the edits a test makes keep the content valid: what a
reference names is never deleted, and renaming an id or a number updates
every reference to it, as staff would.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

COUNCIL_FILE = "data/council.yml"
FOLDERS = {"hotarari": "decision", "rapoarte": "report", "sedinte": "meeting", "pages": "page"}


@dataclass
class Document:
    folder: str  # relative to the content folder, e.g. "hotarari/2025"
    id: str
    front: dict
    body: str
    files: dict[str, bytes] = field(default_factory=dict)  # attached files, relative to `folder`

    @property
    def type(self) -> str:
        return FOLDERS[self.folder.split("/", 1)[0]]

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.id}.md"

    @property
    def citation(self) -> str | None:
        """`NUMBER/YEAR` of an adopted decision."""
        if self.type == "decision" and self.front.get("status") == "adopted":
            return f"{self.front['number']}/{_date(self.front['adopted']).year}"
        return None

    def names(self) -> set[str]:
        """Every way a reference may name this document."""
        return {self.id} | ({self.citation} if self.citation else set())

    def text(self) -> str:
        return f"---\n{plain_yaml(self.front)}---\n{self.body}"


class PlainDumper(yaml.SafeDumper):
    """Writes every value in full: the contract refuses YAML anchors and aliases, which PyYAML
    writes for an object (a date, a dict) that appears twice."""

    def ignore_aliases(self, data) -> bool:
        return True


def plain_yaml(data) -> str:
    return yaml.dump(data, Dumper=PlainDumper, allow_unicode=True, sort_keys=False, width=1000)


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass
class Content:
    council: dict
    documents: dict[str, Document]  # by id
    others: dict[str, bytes] = field(default_factory=dict)  # files no document attaches, by content path

    @classmethod
    def load(cls, root: Path) -> Content:
        """The model of a content folder whose documents are valid (a fixture)."""
        root = Path(root)
        council = yaml.safe_load((root / COUNCIL_FILE).read_text(encoding="utf-8"))
        documents, attached = {}, set()
        for path in sorted(root.rglob("*.md")):
            relative = path.relative_to(root)
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            doc = Document(relative.parent.as_posix(), path.stem, yaml.safe_load(front) or {}, body)
            for name in doc_attachments(doc):
                doc.files[name] = (path.parent / name).read_bytes()
                attached.add((path.parent / name).relative_to(root).as_posix())
            documents[doc.id] = doc
        others = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
                  if p.is_file() and p.suffix != ".md" and p.relative_to(root).as_posix() not in attached
                  and p.relative_to(root).as_posix() != COUNCIL_FILE}
        return cls(council, documents, others)

    def clone(self) -> Content:
        return copy.deepcopy(self)

    # -- the files -----------------------------------------------------------------------------

    def files(self) -> dict[str, bytes]:
        """Content path → bytes of every file the model holds."""
        made = {COUNCIL_FILE: plain_yaml(self.council).encode("utf-8"), **self.others}
        for doc in self.documents.values():
            for relative, data in [(f"{doc.id}.md", doc.text().encode("utf-8")), *doc.files.items()]:
                path = f"{doc.folder}/{relative}"
                assert path not in made, f"two documents claim {path}"  # a mistake of the test, not the build
                made[path] = data
        return made

    def write(self, root: Path) -> list[str]:
        """Make `root` hold exactly the model; returns the paths written or deleted."""
        root, wanted = Path(root), self.files()
        touched = []
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
                touched.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        for relative, data in sorted(wanted.items()):
            path = root / relative
            if path.is_file() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            touched.append(relative)
        return touched

    # -- what refers to what -------------------------------------------------------------------

    def of_type(self, doc_type: str) -> list[Document]:
        return [doc for _, doc in sorted(self.documents.items()) if doc.type == doc_type]

    def adopted(self) -> list[Document]:
        return [doc for doc in self.of_type("decision") if doc.citation]

    def decision_references(self):
        """(document, container, key) of every place naming a decision: container[key] is the name."""
        for doc in self.documents.values():
            front = doc.front
            if doc.type == "report" and front.get("decision"):
                yield doc, front, "decision"
            for name in ("amends", "repeals"):
                for index in range(len(front.get(name) or [])):
                    yield doc, front[name], index
            for item in front.get("items") or []:
                if isinstance(item, dict) and item.get("decision"):
                    yield doc, item, "decision"

    def referenced(self, doc: Document) -> bool:
        """True when another document names `doc` in a way that deleting it would break (an
        agenda item is not counted: deleting a decision takes it off the agendas)."""
        names = doc.names()
        if doc.type == "meeting":
            return any(other.front.get("meeting") == doc.id for other in self.documents.values())
        return any(container[key] in names for other, container, key in self.decision_references()
                   if other.type != "meeting")

    def rename_references(self, old: set[str], new: str) -> None:
        """Every reference naming one of `old` (ids or citations) names `new` instead."""
        for _, container, key in list(self.decision_references()):
            if container[key] in old:
                container[key] = new
        for doc in self.documents.values():
            if doc.front.get("meeting") in old:
                doc.front["meeting"] = new

    def drop_from_agendas(self, names: set[str]) -> None:
        for meeting in self.of_type("meeting"):
            items = meeting.front.get("items") or []
            meeting.front["items"] = [item for item in items
                                      if not (isinstance(item, dict) and item.get("decision") in names)]

    def used_numbers(self, year: int) -> set[int]:
        return {doc.front["number"] for doc in self.adopted() if _date(doc.front["adopted"]).year == year}

    def voters(self) -> set[str]:
        """Council members named in some nominal vote."""
        names = set()
        for doc in self.of_type("decision"):
            for names_list in (doc.front.get("votes") or {}).values():
                names.update(names_list)
        return names

    def committees_used(self) -> set[str]:
        used = set()
        for doc in self.documents.values():
            used.update(doc.front.get("committees") or [])
            if doc.front.get("committee"):
                used.add(doc.front["committee"])
        return used


def doc_attachments(doc: Document) -> list[str]:
    """The files a document's front matter attaches (relative to its folder)."""
    listed = [entry["file"] for entry in doc.front.get("attachments") or []]
    return listed + ([doc.front["minutes"]] if doc.front.get("minutes") else [])
