"""The value of every input an output can read, as a digest: what the dependency map compares.

For each `domain.reads.Read` the site can record: a document's front matter
(the digest of what it says but its text fields and body, the sizes of the
files it attaches, its displayed path and what its reading depended on),
its text fields (title, summary: loader.front_digests), its body (the
Markdown body's digest), the members of each type (their ids, in the order
the views see them) and every entry of every index the site model made
(tracked.Index.fingerprints).
"""

from __future__ import annotations

from ..domain.reads import Part, Read, document_name, index_name
from ..source.loader import Parsed
from .tracked import value_digest
from .views import SiteModel


STAMP = "~stamp"  # an index made from more than the content: what else it is made of (HistoryIndex.stamp)


def fingerprints(parsed: dict[str, Parsed], site: SiteModel, previous: dict[Read, str] | None = None
                 ) -> dict[Read, str]:
    """`previous`: the last build's, when it had the same site-wide key. Every index is made from
    the documents' front matter and members (and the site-wide inputs), some from their text fields
    too (`Index.reads_text`): an index whose inputs did not change is not even computed, and its
    entries are the last build's."""
    found: dict[Read, str] = {}
    for path, one in parsed.items():
        doc = one.document
        if doc is None:
            continue
        name = document_name(doc.type, doc.id)
        found[Read(Part.FRONT, name)] = value_digest((path, one.front, sorted(one.files.items()), one.key[1:]))
        found[Read(Part.TEXT, name)] = one.text
        found[Read(Part.BODY, name)] = doc.body_digest
    archive = site.checked.archive
    for kind, documents in (("decision", archive.decisions), ("report", archive.reports),
                            ("meeting", archive.meetings), ("page", archive.pages),
                            ("disposition", archive.dispositions), ("publication", archive.publications)):
        found[Read(Part.MEMBERS, kind)] = value_digest(tuple(documents))
    if previous is None or not same_documents(previous, found):
        for index in site.indexes.values():
            found.update(index.fingerprints())
            if getattr(index, "beyond_content", False):
                found[Read(Part.INDEX, index_name(index.name, STAMP))] = index.stamp()
        return found
    text_changed = any(previous.get(read) != digest for read, digest in found.items() if read.part is Part.TEXT)
    kept = entries_by_index(previous)
    for index in site.indexes.values():
        again = text_changed and index.reads_text  # else made of the same: its entries are the last build's
        if getattr(index, "beyond_content", False):  # made from more than the content (the git history)
            stamp, made_of = Read(Part.INDEX, index_name(index.name, STAMP)), index.stamp()
            again = again or previous.get(stamp) != made_of
            found[stamp] = made_of
        # made again, an entry gone (with a commit, a history rewritten) is gone
        found.update(index.fingerprints() if again else kept.get(index.name, {}))
    return found


def same_documents(previous: dict[Read, str], found: dict[Read, str]) -> bool:
    """Whether the documents and their front matter (but their text fields and bodies) are as
    `previous` had them: then every index made without text fields is the same."""
    return all(previous.get(read) == digest for read, digest in found.items()
               if read.part not in (Part.BODY, Part.TEXT)) \
        and sum(1 for read in previous if read.part not in (Part.INDEX, Part.ROUTES)) == len(found)


def entries_by_index(inputs: dict[Read, str]) -> dict[str, dict[Read, str]]:
    """The index entries of `inputs` (stamps aside), by index name."""
    found: dict[str, dict[Read, str]] = {}
    for read, digest in inputs.items():
        if read.part is Part.INDEX:
            name, key = read.name.split("/", 1)
            if key != STAMP:
                found.setdefault(name, {})[read] = digest
    return found
