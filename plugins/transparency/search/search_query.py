"""Query the sharded search index from Python, exactly as search.js does.

The reader fetches what the browser would fetch (the manifest, the filter
files, the term shards of the query, the length files of the documents their
entries name, the records of the first page of results), computes lunr's
BM25 weights from the term frequencies, lengths and the manifest's corpus
statistics exactly as search.js does (`weight`), loads the entries of the
query's terms into a real lunr.py `Index` and runs the same clauses. The
parity tests compare its answers with lunr.js; the benchmark asks it how
many bytes a query costs (`downloaded`).

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
from .search_files import js_order

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


def shard_range(boundaries: list[str], clause: Clause) -> range:
    """The shards that may hold the clause's term (or, for a prefix, its expansions)."""
    keys = [js_order(b) for b in boundaries]
    first = _last_at_most(keys, js_order(clause.term))
    last = _last_at_most(keys, js_order(clause.term + "\uffff")) if clause.prefix else first
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


def matches(term: str, planned: list[Clause]) -> bool:
    """Whether a clause finds this index term (equal, or for a prefix clause, starting with it)."""
    return any(term == c.term or c.prefix and term.startswith(c.term) for c in planned)


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

    def _file(self, kind: str, file: str):
        return self._json(f"{kind}/{file}.json")

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
        size, files = self.manifest["records"]["size"], self.manifest["records"]["files"]
        return [self._file("d", files[doc // size])[doc % size] for doc in docs]

    def _filtered(self, filters: dict) -> set[int] | None:
        allowed = None
        for name in search_index.FACETS:
            value = filters.get(name, "")
            if not value:
                continue
            file = self.manifest["facets"].get(name, {}).get(value)
            docs = set()
            if file:
                doc = 0
                for step in self._file("f", file):
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
        """A lunr.py Index over the entries of the clauses' terms (their shards, then the
        lengths of the documents they name)."""
        shards = self.manifest["shards"]
        chosen = sorted({i for clause in planned for i in shard_range(shards["first"], clause)})
        entries = [entry for i in chosen for entry in self._file("s", shards["files"][i]) if matches(entry[0], planned)]
        size, files = self.manifest["lengths"]["size"], self.manifest["lengths"]["files"]
        needed = sorted({(number, doc // size) for entry in entries for number, doc, _ in postings(entry)})
        lengths = {(number, chunk): self._file("l", files[number][chunk]) for number, chunk in needed}
        return Index.load(serialized(entries, self.manifest, lengths))


def postings(entry: list):
    """(field, document, term frequency) of a shard entry `[term, field, [doc delta, tf, …], …]`."""
    for number, flat in zip(entry[1::2], entry[2::2]):
        doc = 0
        for position in range(0, len(flat), 2):
            doc += flat[position]
            yield number, doc, flat[position + 1]


def weight(idf: float, tf: int, length: int, average: float, boost: float, k1: float, b: float) -> float:
    """lunr.js's Builder: BM25 with a field boost, rounded to three decimals (same operations,
    same order, Math.round's halves up, so the same double as in JavaScript)."""
    score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf)
    score *= boost
    scaled = score * 1000
    whole = math.floor(scaled)
    return (whole + (scaled - whole >= 0.5)) / 1000


def serialized(entries: list, manifest: dict, lengths: dict) -> dict:
    """Shard entries → a lunr serialized index (what `lunr.Index.load` reads), the weights
    computed from the manifest's statistics and `lengths` ((field, chunk) → its length file)."""
    fields, boosts, count = manifest["fields"], manifest["boosts"], manifest["docs"]
    size, k1, b = manifest["lengths"]["size"], manifest["k1"], manifest["b"]
    averages = [total / count if count else 0 for total in manifest["totals"]]
    inverted, vectors = [], {}
    for index, entry in enumerate(sorted(entries, key=lambda e: js_order(e[0]))):
        found = list(postings(entry))
        x = (count - len(found) + 0.5) / (len(found) + 0.5)
        idf = math.log(1 + abs(x))
        posting = {"_index": index, **{name: {} for name in fields}}
        for number, doc, tf in found:
            posting[fields[number]][str(doc)] = {}
            length = lengths[number, doc // size][doc % size]
            score = weight(idf, tf, length, averages[number], boosts[number], k1, b)
            vectors.setdefault(f"{fields[number]}/{doc}", []).extend((index, score))
        inverted.append([entry[0], posting])
    return {"version": manifest["lunr"], "fields": fields, "fieldVectors": [[ref, v] for ref, v in vectors.items()],
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
