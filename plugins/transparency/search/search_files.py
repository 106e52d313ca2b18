"""The search index on disk, built whole or updated from the documents that changed.

Files (see docs/search.md), every one but the manifest named by a hash of its
content (`s/<hash>.json`), so that a file keeps its name, and can be cached
forever, while its content does not change:

- `s/`: term shards, consecutive terms in JavaScript's string order; an entry
  is `[term, field, [doc delta, term frequency, …], field, […], …]`.
- `l/`: the length (number of terms) of one field of LENGTH_DOCS documents.
- `d/`: the result records of CHUNK_DOCS documents.
- `f/`: the documents of one filter value, delta-encoded.
- `k/`: the kind of LENGTH_DOCS documents, one letter each (KIND_LETTERS), for
  the ranking's kind weights (manifest `rank`).
- `manifest.json`: the files, the first term of each shard, the number of
  documents and each field's total length (the corpus-wide statistics from
  which search.js and search_query.py compute lunr's BM25 weights).

Documents are numbered by (date, address). A shard ends after an entry when
a hash of its term falls below the entry's share of SHARD_BYTES, or before an
entry of SHARD_BYTES or more: where shards end depends only on the entries on
either side, so an edit changes only the shards of the terms it touches (and
their neighbours when a cut moves). `update` keeps the last build's numbering
and shards and patches them, giving the same files as building from scratch.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import NamedTuple

from .search_index import FACETS, FIELDS, LUNR_VERSION, Analysed, Analyser, analyse, analysis_settings, dumps, frequencies, unpack

FORMAT = 2
SHARD_BYTES = 24_000  # average raw JSON bytes of a term shard (a term is never split)
CHUNK_DOCS = 10  # result records per file
LENGTH_DOCS = 5000  # documents per file of the lengths of one field
PAGE = 10  # results shown at a time
K1, B = 1.2, 0.75  # lunr.js BM25 defaults
NAME_BYTES = 8  # of the content hash naming a file (16 hex digits)
MIN_PATCH = 64  # documents to re-index that always go through `patch` (more than N/8: `assemble`)
# Ranking (search_query.ranking_score): a document's kind (its `tip` filter value, one letter) weighs
# its score, so that a decision comes before its own reports and opinions when they match alike;
# newer documents get up to RECENCY more. Tuned on the judged set (tests/search/judged.yml).
KIND_LETTERS = {"hotarare": "h", "proiect": "p", "raport": "r", "sedinta": "s", "pagina": "g", "anexa": "a"}
KIND_WEIGHTS = {"h": 1, "p": 0.9, "r": 0.8, "s": 0.6, "g": 0.6, "a": 0.6}
RECENCY = 0.1


@dataclass(frozen=True)
class Layout:
    """How big the files are (tests make them small to get many)."""

    shard_bytes: int = SHARD_BYTES
    chunk_docs: int = CHUNK_DOCS
    length_docs: int = LENGTH_DOCS


def name(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=NAME_BYTES).hexdigest()


def js_order(term: str) -> bytes:
    """Sort key giving JavaScript's string order (UTF-16 code units)."""
    return term.encode("utf-16-be")


class Shard(NamedTuple):
    """A term shard as a build keeps it: its file, and where each entry lies in it."""

    name: str  # of its file
    terms: str  # its terms in order, separated by line breaks
    data: bytes  # the file: a JSON list of entries
    offsets: bytes  # array("L"): where each entry starts in `data`, then len(data)

    @property
    def first(self) -> str:
        return self.terms.split("\n", 1)[0]

    def entries(self) -> list[tuple[str, bytes]]:
        """[(term, JSON of its entry)]."""
        bounds = pairwise(array("L", self.offsets))
        return list(zip(self.terms.split("\n"), (self.data[start:end - 1] for start, end in bounds)))


def ends_shard(term: str, size: int, shard_bytes: int) -> bool:
    """Whether a shard ends after the entry of `term` (`size` bytes of JSON) whatever follows:
    with probability size / shard_bytes, decided by a hash of the term (always for a big entry)."""
    return zlib.crc32(term.encode("utf-8")) * shard_bytes < size << 32


def cut_between(entry: tuple[str, bytes], following: tuple[str, bytes], shard_bytes: int) -> bool:
    """Whether a shard ends between two consecutive entries (term, JSON): after the first
    (`ends_shard`), or before a big one, which then has a shard of its own. Only these two decide."""
    return ends_shard(entry[0], len(entry[1]), shard_bytes) or len(following[1]) >= shard_bytes


def shards_of(entries, shard_bytes: int) -> list[Shard]:
    """Sorted entries [(term, JSON)] (any iterable) cut into shards."""
    found, group = [], []
    for entry in entries:
        if group and cut_between(group[-1], entry, shard_bytes):
            found.append(_shard(group))
            group = []
        group.append(entry)
    if group:
        found.append(_shard(group))
    return found


def _shard(group: list[tuple[str, bytes]]) -> Shard:
    data = b"[" + b",".join(entry for _, entry in group) + b"]"
    offsets = array("L", accumulate((len(entry) + 1 for _, entry in group), initial=1))
    return Shard(name(data), "\n".join(term for term, _ in group), data, offsets.tobytes())


# --- a whole build -------------------------------------------------------------

def assemble(ordered: list[Analysed], shard_bytes: int = SHARD_BYTES) -> list[Shard]:
    """The term shards of documents numbered in the order given."""
    # Per field, term → array [last document, first document, frequency, delta, frequency, …].
    postings: list[dict[str, array]] = [{} for _ in FIELDS]
    for doc, item in enumerate(ordered):
        counts = iter(unpack(item.counts))
        for by_term, names in zip(postings, item.terms.split("\n")):
            get = by_term.get
            for term, count in zip(names.split(), counts):  # the terms first: no count is skipped
                flat = get(term)
                if flat is None:
                    by_term[term] = array("L", (doc, doc, count))
                else:
                    flat.extend((doc - flat[0], count))
                    flat[0] = doc
    terms = sorted({term for by_term in postings for term in by_term}, key=js_order)

    def entries():
        for term in terms:  # each term's postings are freed as soon as its entry is made
            entry = [term]
            for field, by_term in enumerate(postings):
                flat = by_term.pop(term, None)
                if flat is not None:
                    entry += (field, flat[1:].tolist())
            yield term, dumps(entry)

    return shards_of(entries(), shard_bytes)


# --- an update ------------------------------------------------------------------

def update(state: dict, docs: dict[str, Analysed], layout: Layout = Layout(),
           synonyms: dict | None = None) -> dict[str, bytes]:
    """Every index file of `docs` (document key → Analysed), by path relative to the index
    folder. `state` is a plain dict kept between calls (empty at first) and updated in place:
    the numbering, documents and shards of the last call, so that only the shards of terms
    whose postings changed are made again. The files never depend on `state`. `synonyms`
    (word → [alternatives], the council's) go into the manifest for the query."""
    order = sorted(docs, key=lambda key: docs[key].sort)
    ordered = [docs[key] for key in order]
    old_order, old_docs, old_shards = state.get("order"), state.get("docs"), state.get("shards")
    shards = None
    if old_shards is not None and state.get("shard_bytes") == layout.shard_bytes:
        same, common = 0, min(len(order), len(old_order))  # documents numbered as before: a common start
        while same < common and order[same] == old_order[same]:
            same += 1
        edited = [n for n, key in enumerate(order[:same])
                  if old_docs[key] is not ordered[n] and old_docs[key] != ordered[n]]
        removed = {n: old_docs[old_order[n]] for n in [*edited, *range(same, len(old_order))]}
        added = {n: ordered[n] for n in [*edited, *range(same, len(order))]}
        if len(removed) + len(added) <= max(MIN_PATCH, len(order) // 8):
            shards = patch(old_shards, changes(removed, added), layout.shard_bytes)
    if shards is None:
        shards = assemble(ordered, layout.shard_bytes)
    state.update(order=order, docs=dict(docs), shards=shards, shard_bytes=layout.shard_bytes)
    return files(ordered, shards, layout, synonyms)


def changes(removed: dict[int, Analysed], added: dict[int, Analysed]) -> dict:
    """What changes in the postings when the documents `removed` (number → document) make
    way for `added`: term → field → document number → frequency (None: gone)."""
    found: dict[str, dict[int, dict[int, int | None]]] = {}
    for doc in removed.keys() | added.keys():
        before, after = _pairs(removed.get(doc)), _pairs(added.get(doc))
        for key in before.keys() | after.keys():
            count = after.get(key)
            if count != before.get(key):
                field, term = key
                found.setdefault(term, {}).setdefault(field, {})[doc] = count
    return found


def _pairs(item: Analysed | None) -> dict[tuple[int, str], int]:
    if item is None:
        return {}
    return {(field, term): count for field, pairs in enumerate(frequencies(item)) for term, count in pairs}


def patch(shards: list[Shard], changed: dict, shard_bytes: int) -> list[Shard]:
    """`shards` with the postings `changed` (see `changes`). The shards holding a changed term
    are cut again with the shard before each (a cut depends on the entries on both sides)
    and the shards after, until a cut falls where one was."""
    if not shards:
        return shards_of(_patched([], sorted(changed, key=js_order), changed), shard_bytes)
    firsts = [js_order(shard.first) for shard in shards]
    touched: dict[int, list[str]] = {}
    for term in changed:
        touched.setdefault(max(bisect_right(firsts, js_order(term)) - 1, 0), []).append(term)
    remake = set(touched) | {position - 1 for position in touched if position}
    found, position = [], 0
    while position < len(shards):
        if position not in remake:
            found.append(shards[position])
            position += 1
            continue
        entries: list = []
        while position < len(shards):
            following = _patched(shards[position].entries(), touched.get(position, ()), changed)
            if entries and following and position not in remake \
                    and cut_between(entries[-1], following[0], shard_bytes):
                break
            entries += following
            position += 1
        found += shards_of(entries, shard_bytes)
    return found


def _patched(entries: list[tuple[str, bytes]], terms, changed: dict) -> list[tuple[str, bytes]]:
    """A shard's entries (term, JSON) with the changes of `terms` applied, in JavaScript's order."""
    if not terms:
        return entries
    by_term = dict(entries)
    for term in terms:
        old = by_term.get(term)
        entry = json.loads(old) if old is not None else [term]
        fields = dict(zip(entry[1::2], entry[2::2]))
        kept: dict[int, int] = {}  # field → how many of its old numbers are kept as they were
        for field, docs in changed[term].items():
            fields[field], kept[field] = _applied(fields.get(field, []), docs)
        entry = [term]
        for field in sorted(fields):
            if fields[field]:
                entry += (field, fields[field])
        if len(entry) > 1:
            by_term[term] = (old is not None and _spliced(old, term, entry, kept)) or dumps(entry)
        else:
            by_term.pop(term, None)
    return sorted(by_term.items(), key=lambda item: js_order(item[0]))


SPLICE_TAIL = 64  # numbers re-read from an entry's end at most to splice it (else it is encoded whole)


def _spliced(old: bytes, term: str, entry: list, kept: dict[int, int]) -> bytes | None:
    """`dumps(entry)`, the new entry of `term`, made from its `old` JSON where the old numbers
    of each changed field (the first `kept[field]`) are reused as bytes and only those after
    them encoded: a document added near the end (documents are numbered by date) changes a
    term's last postings only, and a common term's entry holds tens of thousands of numbers.
    None when the fields are not those of `old` or a field's kept numbers end far from its end."""
    start = len(dumps(term)) + 1  # after `["term"`: the rest is fields, numbers, commas and brackets
    parts, position = [old[:start]], start
    for field, numbers in zip(entry[1::2], entry[2::2]):
        opening = b",%d,[" % field
        if not old.startswith(opening, position):
            return None
        closing = old.index(b"]", position)
        if field in kept:
            content = old[position + len(opening):closing]
            end = _after_numbers(content, kept[field])
            if end is None:
                return None
            tail = ",".join(map(str, numbers[kept[field]:])).encode()
            parts += (opening, content[:end], b"," if end and tail else b"", tail, b"]")
        else:
            parts.append(old[position:closing + 1])
        position = closing + 1
    if old[position:] != b"]":
        return None  # a field of the old entry is gone
    parts.append(b"]")
    return b"".join(parts)


def _after_numbers(content: bytes, count: int) -> int | None:
    """Where the first `count` numbers of `content` ("1,2,3") end, found from its end; None if
    more than SPLICE_TAIL numbers follow them."""
    total = content.count(b",") + 1 if content else 0
    if total - count > SPLICE_TAIL:
        return None
    end = len(content)
    for _ in range(total - count):
        end = content.rfind(b",", 0, end)
    return max(end, 0)


def _applied(flat: list[int], docs: dict[int, int | None]) -> tuple[list[int], int]:
    """Postings [doc delta, count, …] with `docs` (document → its count now, None: gone) applied,
    and how many numbers at their start are kept as they were (those before the first changed
    document)."""
    absolute = list(accumulate(flat[0::2]))
    cut = bisect_left(absolute, min(docs))
    tail = dict(zip(absolute[cut:], flat[2 * cut + 1::2]))
    for doc, count in docs.items():
        if count is None:
            tail.pop(doc, None)
        else:
            tail[doc] = count
    found, previous = flat[:2 * cut], absolute[cut - 1] if cut else 0
    for doc in sorted(tail):
        found += (doc - previous, tail[doc])
        previous = doc
    return found, 2 * cut


# --- every file -------------------------------------------------------------------

def files(ordered: list[Analysed], shards: list[Shard], layout: Layout = Layout(),
          synonyms: dict | None = None) -> dict[str, bytes]:
    """The index files of numbered documents and their term shards; the manifest last."""
    found: dict[str, bytes] = {}

    def add(kind: str, data: bytes, known: str = "") -> str:
        file = known or name(data)
        found[f"{kind}/{file}.json"] = data
        return file

    count, size = len(ordered), layout.length_docs
    records = [add("d", b"[" + b",".join(item.record for item in ordered[start:start + layout.chunk_docs]) + b"]")
               for start in range(0, count, layout.chunk_docs)]
    rows = [unpack(item.lengths) for item in ordered]
    columns = [array("L", (row[field] for row in rows)) for field in range(len(FIELDS))]
    lengths = [[add("l", dumps(column[start:start + size].tolist())) for start in range(0, count, size)]
               for column in columns]
    values: dict[str, dict[str, list[int]]] = {facet: {} for facet in FACETS}
    for doc, item in enumerate(ordered):
        for facet, chosen in item.facets:
            for value in chosen:
                values[facet].setdefault(value, []).append(doc)
    facets = {facet: {value: add("f", dumps([b - a for a, b in zip([0, *docs], docs)]))
                      for value, docs in sorted(chosen.items())} for facet, chosen in values.items()}
    letters = "".join(KIND_LETTERS.get(dict(item.facets).get("tip", ("",))[0], "g") for item in ordered)
    kinds = [add("k", dumps(letters[start:start + size])) for start in range(0, count, size)]
    manifest = {
        "format": FORMAT, "lunr": LUNR_VERSION, "docs": count, "page": PAGE,
        "fields": [field for field, _ in FIELDS], "boosts": [boost for _, boost in FIELDS], "k1": K1, "b": B,
        "totals": [sum(column) for column in columns],
        "shards": {"first": [shard.first for shard in shards],
                   "files": [add("s", shard.data, shard.name) for shard in shards]},
        "records": {"size": layout.chunk_docs, "files": records},
        "lengths": {"size": size, "files": lengths},
        "facets": facets, "analysis": analysis_settings(synonyms),
        "rank": {"size": size, "files": kinds, "weights": KIND_WEIGHTS, "recency": RECENCY},
    }
    found["manifest.json"] = dumps(manifest)
    return found


def build(documents, layout: Layout = Layout()) -> dict[str, bytes]:
    """Every index file of a list of SearchDocuments (tests and measurements)."""
    analyser = Analyser()
    return update({}, {str(position): analyse(document, analyser) for position, document in enumerate(documents)},
                  layout)
