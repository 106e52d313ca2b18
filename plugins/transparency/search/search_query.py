"""Query the sharded search index from Python, exactly as search.js does.

The reader fetches what the browser would fetch (the manifest, the filter
files, the term shards of the query, the length files of the documents their
entries name, the records of the first page of results), computes lunr's
BM25 weights from the term frequencies, lengths and the manifest's corpus
statistics exactly as search.js does (`weight`), loads the entries of the
query's terms into a real lunr.py `Index` and runs the same clauses. The
parity tests compare its answers with lunr.js; the benchmark asks it how
many bytes a query costs (`downloaded`).

Query plan (`clauses`): every query word is one exact clause (boost 1); a
letter-only word of PREFIX_MIN letters or more adds a trailing-wildcard clause
(boost PREFIX_BOOST), so `transport` also finds `transportator`; each of the
word's synonyms (the council's content/data/synonyms.yml, analysed into the
manifest) an exact clause of boost SYNONYM_BOOST; a number followed by a year
(`45 2025`, `hcj 45 din 2025`) the clause of the citation `45/2025`, boost
CITATION_BOOST. A letter word that finds nothing in the shard where it would be
is taken as misspelt: the closest terms of that shard (at most FUZZY_MAX, one
edit for words of up to five letters, two for longer ones, transpositions
counting one) are searched instead, boost FUZZY_BOOST.

Ranking (`rank_key`): documents matching more of the query's words (through
any of their clauses) come first; then by lunr's score times the document's
kind weight (a decision above its reports and opinions, manifest `rank`) and a
slight preference for newer documents (1 + RECENCY × number / (documents − 1),
documents being numbered by date), rounded to 1e-6; ties newest first.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from lunr.index import Index
from lunr.query import Query, QueryPresence

from . import search_index
from .search_files import js_order

PREFIX_MIN = 4
PREFIX_BOOST = 0.25
SYNONYM_BOOST = 0.5
CITATION_BOOST = 3
FUZZY_BOOST = 0.5
FUZZY_MAX = 2
FUZZY_MIN = 4  # letters of a word that may be taken as misspelt
NUMBER_RE = re.compile(r"[0-9]{1,4}")
YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
INDEX_PATH = "cautare/index/"
SCRIPTS = ("theme/js/vendor/lunr.min.js", "theme/js/vendor/lunr.stemmer.support.min.js",
           "theme/js/vendor/lunr.ro.min.js", "theme/js/search.js")


@dataclass(frozen=True)
class Clause:
    term: str
    prefix: bool = False
    weight: float = field(default=0, compare=False)  # 0: the default boost (1, or PREFIX_BOOST for a prefix)
    covers: tuple = field(default=(), compare=False)  # the query words it stands for (their positions)

    @property
    def boost(self) -> float:
        return self.weight or (PREFIX_BOOST if self.prefix else 1)


@dataclass
class Results:
    words: list[str]
    hits: list[tuple[int, float]]  # (document number, ranking score), best first
    records: list[dict] = field(default_factory=list)  # metadata of the first page
    corrected: list[str] = field(default_factory=list)  # terms searched instead of misspelt words


def query_words(text: str) -> list[str]:
    """The distinct index terms of a query, in the order typed."""
    return list(dict.fromkeys(search_index.terms(text)))


def prefixable(word: str) -> bool:
    return len(word) >= PREFIX_MIN and bool(search_index.STEMMABLE_RE.fullmatch(word))


def clauses(words: list[str], synonyms: dict | None = None) -> list[Clause]:
    """The clauses of a query's words (see the module's text), one per (term, prefix): a term
    reached twice keeps the larger boost and stands for the words of both."""
    found: dict[tuple[str, bool], Clause] = {}

    def add(term: str, prefix: bool, weight: float, covers: tuple) -> None:
        old = found.get((term, prefix))
        weight = weight or Clause(term, prefix).boost
        if old is not None:
            weight, covers = max(old.boost, weight), tuple(sorted({*old.covers, *covers}))
        found[term, prefix] = Clause(term, prefix, weight, covers)

    for position, word in enumerate(words):
        add(word, False, 0, (position,))
        if prefixable(word):
            add(word, True, 0, (position,))
        for other in (synonyms or {}).get(word, ()):
            add(other, False, SYNONYM_BOOST, (position,))
    for position, (number, year) in enumerate(zip(words, words[1:])):
        if NUMBER_RE.fullmatch(number) and YEAR_RE.fullmatch(year):
            add(f"{number}/{year}", False, CITATION_BOOST, (position, position + 1))
    return list(found.values())


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions and
    transpositions of neighbours count one each); any distance above `limit` is limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
        if min(row) > limit:
            return limit + 1
    return min(row[len(b)], limit + 1)


def corrections(word: str, entries: list) -> list[str]:
    """The terms of `entries` (shard entries, in order) closest to a misspelt word: at most
    FUZZY_MAX within `allowed_edits` of the word (or, for a term of FUZZY_MIN letters or more
    up to three shorter than the word, of the word's start as long as the term), fewest edits
    first, then the most documents, then term order."""
    limit = allowed_edits(word)
    scored = []
    for entry in entries:
        term = entry[0]
        if term != word and search_index.STEMMABLE_RE.fullmatch(term):
            edits = distance(word, term, limit)
            if FUZZY_MIN <= len(term) < len(word) <= len(term) + 3:  # the term may be the stem of a misspelt ending
                edits = min(edits, distance(word[:len(term)], term, limit))
            if edits <= limit:
                scored.append((edits, -sum(len(flat) // 2 for flat in entry[2::2]), js_order(entry[0]), entry[0]))
    return [term for *_, term in sorted(scored)[:FUZZY_MAX]]


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


def rank_key(hit: tuple) -> tuple:
    """(document, score) or (document, score, words matched): more words first, then the
    score rounded to 1e-6, then the newest."""
    return (-hit[2] if len(hit) > 2 else 0), -math.floor(hit[1] * 1e6 + 0.5), -hit[0]


def ranking_score(score: float, doc: int, kind: str, rank: dict, count: int) -> float:
    """lunr's score times the kind's weight and the recency factor (same operations, same
    order as search.js, so the same double)."""
    return score * rank["weights"].get(kind, 1) * (1 + rank["recency"] * doc / max(count - 1, 1))


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
        corrected: list[str] = []
        if words:
            hits = [h for h in self._ranked(words, corrected) if allowed is None or h[0] in allowed]
        elif allowed is not None:
            hits = [(doc, 0.0) for doc in sorted(allowed, reverse=True)]
        else:
            hits = []
        return Results(words, hits, self.records([doc for doc, _ in hits[:self.manifest["page"]]]), corrected)

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

    def _ranked(self, words: list[str], corrected: list[str]) -> list[tuple[int, float]]:
        planned = clauses(words, self.manifest["analysis"].get("synonyms"))
        index = self.lunr_index(planned, words, corrected)
        query = index.create_query()
        for clause in planned:
            query.term(clause.term, use_pipeline=False, boost=clause.boost,
                       wildcard=Query.WILDCARD_TRAILING if clause.prefix else Query.WILDCARD_NONE,
                       presence=QueryPresence.OPTIONAL)
        results = [(int(r["ref"]), r["score"], r["match_data"].metadata) for r in index.query(query)]
        rank, count = self.manifest["rank"], self.manifest["docs"]
        kinds = self.kinds(sorted({doc for doc, _, _ in results}))
        hits = []
        for doc, score, found in results:
            covered = {position for term in found for clause in planned if matches(term, [clause])
                       for position in clause.covers}
            hits.append((doc, ranking_score(score, doc, kinds[doc], rank, count), len(covered)))
        return [(doc, score) for doc, score, _ in sorted(hits, key=rank_key)]

    def kinds(self, docs: list[int]) -> dict[int, str]:
        """Each document's kind letter (manifest `rank`), from the files covering `docs`."""
        size, files = self.manifest["rank"]["size"], self.manifest["rank"]["files"]
        return {doc: self._file("k", files[doc // size])[doc % size] for doc in docs}

    def lunr_index(self, planned: list[Clause], words: list[str] = (), corrected: list | None = None) -> Index:
        """A lunr.py Index over the entries of the clauses' terms (their shards, then the
        lengths of the documents they name). A word of `words` that no clause finds gets
        clauses for its `corrections` among the entries of its shard (added to `planned`
        and `corrected`)."""
        shards = self.manifest["shards"]
        chosen = sorted({i for clause in planned for i in shard_range(shards["first"], clause)})
        loaded = {i: self._file("s", shards["files"][i]) for i in chosen}
        found = {position for i in chosen for entry in loaded[i] for clause in planned
                 if matches(entry[0], [clause]) for position in clause.covers}
        for position, word in enumerate(words):
            if position in found or len(word) < FUZZY_MIN or not search_index.STEMMABLE_RE.fullmatch(word):
                continue
            near = [entry for i in shard_range(shards["first"], Clause(word)) for entry in loaded[i]]
            for term in corrections(word, near):
                if any(clause.term == term and not clause.prefix for clause in planned):
                    continue
                planned.append(Clause(term, False, FUZZY_BOOST, (position,)))
                if corrected is not None:
                    corrected.append(term)
        entries = [entry for i in chosen for entry in loaded[i] if matches(entry[0], planned)]
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
