"""Body HTML of every document: rendered once per distinct body, kept out of memory.

Markdown → safe HTML depends on the body alone; what it is rendered to is
kept in a `BodyStore` under the body's digest (one file per body in the
build cache, so a build holds in memory only the bodies it is rendering),
together with the decisions it mentions. Mentions are linked when a page
is made (`linked`), so a body is never rendered again because a decision it
cites moved. Bodies the store lacks are rendered on every core by
`prepare`; a body asked for later is rendered on demand.

A document keeps only the digest of its body; the text is read again from
its file when it has to be rendered (`read_body`), and checked against the
digest, so a file changed during a build cannot slip in unchecked.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from . import markup, workers
from .frontmatter import normalise_newlines, split
from .text import digest, fold


class BodyChanged(RuntimeError):
    """A content file changed while the site was being built."""


def mentioned(html: str) -> tuple[str, ...]:
    """Every `NUMBER/YEAR` that `markup.link_mentions` could link in `html` (a superset: tags included)."""
    found = {f"{int(m.group(1))}/{m.group(2)}" for m in markup.MENTION_RE.finditer(fold(html).lower())}
    return tuple(sorted(found))


def read_body(root: Path, doc) -> str:
    """The Markdown body of `doc`, read again from its file."""
    text = normalise_newlines((Path(root) / doc.source).read_bytes().decode("utf-8"))
    body = split(text).body
    if digest(body) != doc.body_digest:
        raise BodyChanged(f"{doc.display}: fișierul s-a schimbat în timpul construirii site-ului; "
                          "reluați construirea")
    return body


def render(body: str, md=None) -> tuple[tuple[str, ...], str]:
    """(mentioned citations, safe HTML without mention links) of one Markdown body."""
    html = markup.render(body, md)
    return mentioned(html), html


class BodyStore:
    """Rendered bodies by digest. In `folder` (one pickle file per body; any process may
    write one) or, without a folder, in this process's memory. `root` is the content
    folder, to render a body that is not stored yet."""

    def __init__(self, root: Path, folder: Path | None = None):
        self.root = Path(root)
        self.folder = Path(folder) if folder else None
        self.memory: dict[str, tuple] = {}
        self.known = {name for name in os.listdir(self.folder) if not name.startswith(".")} \
            if self.folder and self.folder.is_dir() else set()

    def has(self, key: str) -> bool:
        return key in self.memory or key in self.known

    def put(self, key: str, entry: tuple) -> None:
        if self.folder is None:
            self.memory[key] = entry
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / key
        temporary = self.folder / f".{key}.{os.getpid()}"
        temporary.write_bytes(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, target)
        self.known.add(key)

    def get(self, doc) -> tuple[tuple[str, ...], str]:
        """(citations, HTML) of `doc`'s body, rendered now if the store lacks it."""
        key = doc.body_digest
        if key in self.memory:
            return self.memory[key]
        if key in self.known:
            try:
                return pickle.loads((self.folder / key).read_bytes())  # noqa: S301 - our own cache folder
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
                self.known.discard(key)  # unreadable: rendered again below
        entry = render(read_body(self.root, doc))
        self.put(key, entry)
        return entry

    def keep_only(self, keys: set[str]) -> None:
        """Forget the bodies no document has any more."""
        for key in sorted(self.known - keys):
            (self.folder / key).unlink(missing_ok=True)
        self.known &= keys
        self.memory = {key: entry for key, entry in self.memory.items() if key in keys}


def prepare(store: BodyStore, documents, worker_count: int) -> None:
    """Render every body the store lacks, on every core (one Markdown converter per worker)."""
    missing = {}
    for doc in documents:
        if not store.has(doc.body_digest):
            missing.setdefault(doc.body_digest, doc)
    jobs = list(missing.values())

    def render_slice(part) -> list:
        md, done = markup.converter(), []
        for doc in part:
            entry = render(read_body(store.root, doc), md)
            if store.folder is not None:
                store.put(doc.body_digest, entry)  # written by this worker: nothing big goes back
                entry = None
            done.append((doc.body_digest, entry))
        return done

    for key, entry in workers.map_slices(render_slice, jobs, worker_count):
        if entry is None:
            store.known.add(key)
        else:
            store.put(key, entry)
    store.keep_only({doc.body_digest for doc in documents})


def linked(entry: tuple[tuple[str, ...], str], url_for_citation) -> str:
    """The body HTML with its mentions of existing decisions linked."""
    citations, html = entry
    if citations and any(url_for_citation(c) for c in citations):
        return markup.link_mentions(html, url_for_citation)
    return html
