"""Query the sharded search index from Python, exactly as search.js does.

The reader fetches what the browser would fetch (the manifest, the term
shards of the query, the filter files, the metadata chunks of the first page
of results), loads the shards into a real lunr.py `Index` and runs the same
clauses. The parity tests compare its answers with lunr.js; the benchmark
asks it how many bytes a query costs (`downloaded`).

Ranking: every query word is one exact clause (boost 1); a letter-only word
of PREFIX_MIN letters or more adds a trailing-wildcard clause (boost
PREFIX_BOOST), so `transport` also finds `transportator`. Documents that
contain every word come first, then those that contain some, each group by
lunr's score (rounded to 1e-6, ties newest first).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from lunr.index import Index
from lunr.query import Query, QueryPresence

from . import search_index

PREFIX_MIN = 4
PREFIX_BOOST = 0.25
INDEX_PATH = "cautare/index/"
SCRIPTS = ("theme/js/vendor/lunr.min.js", "theme/js/search.js")


@dataclass(frozen=True)
class Clause:
    term: str
    prefix: bool = False

    @property
    def boost(self) -> float:
        return PREFIX_BOOST if self.prefix else 1


@dataclass
class Results:
    words: list[str]
    hits: list[tuple[int, float]]  # (document number, score), best first
    records: list[dict] = field(default_factory=list)  # metadata of the first page


def query_words(text: str) -> list[str]:
    """The distinct index terms of a query, in the order typed."""
    return list(dict.fromkeys(search_index.terms(text)))


def clauses(words: list[str]) -> list[Clause]:
    found = []
    for word in words:
        found.append(Clause(word))
        if len(word) >= PREFIX_MIN and search_index.STEMMABLE_RE.fullmatch(word):
            found.append(Clause(word, prefix=True))
    return found


def utf16(text: str) -> bytes:
    """Sort key giving JavaScript's string order (UTF-16 code units)."""
    return text.encode("utf-16-be")


def shard_range(boundaries: list[str], clause: Clause) -> range:
    """The shards that may hold the clause's term (or, for a prefix, its expansions)."""
    keys = [utf16(b) for b in boundaries]
    first = _last_at_most(keys, utf16(clause.term))
    last = _last_at_most(keys, utf16(clause.term + "\uffff")) if clause.prefix else first
    return range(max(first, 0), last + 1) if last >= 0 else range(0)


def _last_at_most(keys: list[bytes], key: bytes) -> int:
    low, high = 0, len(keys)
    while low < high:
        middle = (low + high) // 2
        if keys[middle] <= key:
            low = middle + 1
        else:
            high = middle
    return low - 1


def rank_key(hit: tuple[int, float]) -> tuple[int, int]:
    return -math.floor(hit[1] * 1e6 + 0.5), -hit[0]


class IndexReader:
    """The search index as the browser sees it; `read(path)` returns a file's bytes."""

    def __init__(self, read):
        self._read = read
        self.fetched: list[str] = []
        self._cache: dict[str, object] = {}
        self.manifest = self._json("manifest.json")
        self.fields = self.manifest["fields"]

    def _json(self, path: str):
        if path not in self._cache:
            self.fetched.append(path)
            self._cache[path] = json.loads(self._read(path))
        return self._cache[path]

    def _versioned(self, path: str):
        return self._json(f"{self.manifest['version']}/{path}")

    def search(self, text: str, filters: dict | None = None) -> Results:
        words = query_words(text)
        allowed = self._filtered(filters or {})
        if words:
            hits = [h for h in self._ranked(words) if allowed is None or h[0] in allowed]
        elif allowed is not None:
            hits = [(doc, 0.0) for doc in sorted(allowed, reverse=True)]
        else:
            hits = []
        return Results(words, hits, self.records([doc for doc, _ in hits[:self.manifest["page"]]]))

    def records(self, docs: list[int]) -> list[dict]:
        size = self.manifest["chunk"]
        return [self._versioned(f"d/{doc // size}.json")[doc % size] for doc in docs]

    def _filtered(self, filters: dict) -> set[int] | None:
        allowed = None
        for name in search_index.FACETS:
            value = filters.get(name, "")
            if not value:
                continue
            values = self.manifest["facets"].get(name, [])
            docs = set()
            if value in values:
                doc = 0
                for step in self._versioned(f"f/{name}/{values.index(value)}.json"):
                    doc += step
                    docs.add(doc)
            allowed = docs if allowed is None else allowed & docs
        return allowed

    def _ranked(self, words: list[str]) -> list[tuple[int, float]]:
        planned = clauses(words)
        index = self.lunr_index(planned)
        everything = self._run(index, planned, required=False)
        if len(words) == 1:
            return everything
        complete = self._run(index, planned, required=True)
        seen = {doc for doc, _ in complete}
        return complete + [hit for hit in everything if hit[0] not in seen]

    def _run(self, index: Index, planned: list[Clause], required: bool) -> list[tuple[int, float]]:
        query = index.create_query()
        for clause in planned:
            query.term(clause.term, use_pipeline=False, boost=clause.boost,
                       wildcard=Query.WILDCARD_TRAILING if clause.prefix else Query.WILDCARD_NONE,
                       presence=QueryPresence.REQUIRED if required and not clause.prefix
                       else QueryPresence.OPTIONAL)
        return sorted(((int(r["ref"]), r["score"]) for r in index.query(query)), key=rank_key)

    def lunr_index(self, planned: list[Clause]) -> Index:
        """A lunr.py Index over the shards the clauses need."""
        shards = sorted({i for clause in planned for i in shard_range(self.manifest["shards"], clause)})
        entries = [entry for i in shards for entry in self._versioned(f"s/{i}.json")]
        return Index.load(serialized(entries, self.fields))


def serialized(entries: list, fields: list[str]) -> dict:
    """Compact shard entries `[term, index, [[doc delta, weight×1000, …] per field]]`
    → a lunr serialized index (what `lunr.Index.load` reads)."""
    inverted, vectors = [], {}
    for term, index, per_field in sorted(entries, key=lambda e: e[0]):
        posting = {"_index": index}
        for name, flat in zip(fields, per_field):
            docs, doc = {}, 0
            for position in range(0, len(flat), 2):
                doc += flat[position]
                docs[str(doc)] = {}
                vectors.setdefault(f"{name}/{doc}", []).append((index, flat[position + 1] / 1000))
            posting[name] = docs
        inverted.append([term, posting])
    field_vectors = [[ref, [x for pair in sorted(pairs) for x in pair]] for ref, pairs in vectors.items()]
    return {"version": search_index.LUNR_VERSION, "fields": fields, "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": []}


@dataclass(frozen=True)
class Download:
    files: tuple[str, ...]  # paths relative to the site root, in fetch order
    raw: int
    compressed: int  # gzip level 6, as a static web server sends them


def downloaded(site: Path, text: str, filters: dict | None = None, *, scripts: bool = True) -> Download:
    """What a first visit to /cautare/?q=… downloads before the first results
    show: the search scripts (unless cached) and the index files it fetches."""
    site = Path(site)
    reader = IndexReader(lambda path: (site / INDEX_PATH / path).read_bytes())
    reader.search(text, filters)
    files = (SCRIPTS if scripts else ()) + tuple(INDEX_PATH + path for path in reader.fetched)
    data = [(site / path).read_bytes() for path in files]
    return Download(files, sum(len(d) for d in data),
                    sum(len(gzip.compress(d, compresslevel=6, mtime=0)) for d in data))
