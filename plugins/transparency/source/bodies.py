"""Body HTML of every document: rendered once per distinct body, kept out of memory.

Markdown → safe HTML depends on the body alone; what it is rendered to is
kept in a `BodyStore` under the body's digest, compressed (a build holds
the bodies in a tenth of their size) and saved in the build cache, together
with the decisions it mentions. Mentions are linked when a page
is made (`linked`), so a body is never rendered again because a decision it
cites moved. Bodies the store lacks are rendered on every core by
`prepare`; a body asked for later is rendered on demand.

A document keeps only the digest of its body; the text is read again from
its file when it has to be rendered (`read_body`), and checked against the
digest, so a file changed during a build cannot slip in unchecked.
"""

from __future__ import annotations

import pickle
import zlib
from pathlib import Path

from ..build import workers
from . import markup
from ..build.cache import Shards
from .frontmatter import body_of
from ..domain.authority import Authority
from ..domain.text import digest, fold


class BodyChanged(RuntimeError):
    """A content file changed while the site was being built."""


def mentioned(html: str) -> tuple[str, ...]:
    """Every `NUMBER/YEAR` that `markup.link_mentions` could link in `html` (a superset: tags included)."""
    found = {f"{int(m.group('number'))}/{m.group('year')}" for m in markup.MENTION_RE.finditer(fold(html).lower())}
    return tuple(sorted(found))


def read_body(root: Path, doc) -> str:
    """The Markdown body of `doc`, read again from its file."""
    body = body_of((Path(root) / doc.source).read_bytes().decode("utf-8"))
    if digest(body) != doc.body_digest:
        raise BodyChanged(f"{doc.display}: fișierul s-a schimbat în timpul construirii site-ului; "
                          "reluați construirea")
    return body


def render(body: str, md=None) -> tuple[tuple[str, ...], str]:
    """(mentioned citations, safe HTML without mention links) of one Markdown body."""
    html = markup.render(body, md)
    return mentioned(html), html


class BodyStore:
    """Rendered bodies by digest, compressed in memory (a tenth of their size) and, with a
    `folder`, kept between builds in it (cache.Shards: saving after an edit rewrites one
    small file). `root` is the content folder, to render a body not stored yet."""

    def __init__(self, root: Path, folder: Path | None = None):
        self.root = Path(root)
        self.shards = Shards(folder, shard_of=lambda key: key[:2], stamp_of=len)
        self.entries: dict[str, bytes] = self.shards.load()

    def has(self, key: str) -> bool:
        return key in self.entries

    def get(self, doc) -> tuple[tuple[str, ...], str]:
        """(citations, HTML) of `doc`'s body, rendered now if the store lacks it."""
        packed = self.entries.get(doc.body_digest)
        if packed is not None:
            try:
                return unpack(packed)
            except (zlib.error, EOFError, pickle.UnpicklingError, ValueError, TypeError):
                pass  # unreadable: rendered again below
        packed = self.entries[doc.body_digest] = pack(render(read_body(self.root, doc)))
        return unpack(packed)

    def save(self, keys: set[str]) -> None:
        """Keep the bodies of `keys` (forgetting those no document has any more) for the next build."""
        self.entries = {key: packed for key, packed in self.entries.items() if key in keys}
        self.shards.save(self.entries)


def pack(entry: tuple) -> bytes:
    return zlib.compress(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes) -> tuple:
    return pickle.loads(zlib.decompress(packed))  # noqa: S301 - made by this build or its cache


def prepare(store: BodyStore, documents, worker_count: int) -> None:
    """Render every body the store lacks, on every core (one Markdown converter per worker),
    and save the store."""
    missing = {}
    for doc in documents:
        if not store.has(doc.body_digest):
            missing.setdefault(doc.body_digest, doc)

    def render_slice(part) -> list:
        md = markup.converter()
        return [(doc.body_digest, pack(render(read_body(store.root, doc), md))) for doc in part]

    store.entries.update(workers.map_slices(render_slice, list(missing.values()), worker_count))
    store.save({doc.body_digest for doc in documents})


def linked(entry: tuple[tuple[str, ...], str], url_for_citation, authority: Authority) -> str:
    """The body HTML with its mentions of this council's existing decisions linked."""
    citations, html = entry
    if citations and any(url_for_citation(c) for c in citations):
        return markup.link_mentions(html, url_for_citation, authority)
    return html
