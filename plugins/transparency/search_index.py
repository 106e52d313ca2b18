"""The search index: Romanian text analysis and a sharded index for lunr.js.

Analysis (identical in theme/static/js/search.js, checked by the parity
tests): text is folded (ă â î ș ş ț ţ and every other accent → base letter,
see `text.fold`), lower-cased and cut into tokens: runs of letters, or of
digits and letters starting with a digit (`DJ103G` → `dj` `103g`), where
digits joined by `/ . ,` stay one token (`45/2025`, `1.234,56`). Single
letters, Romanian stop words and tokens longer than MAX_TOKEN are dropped;
letter-only tokens are stemmed by `stem`, a small suffix stripper that maps
singular, plural and articulated forms together (`hotărâre`, `hotărârea`,
`hotărârile` → `hotarar`).

The index (see docs/search.md): every term's postings are weighted at build
time exactly as lunr.js weighs them (BM25, field boosts, three decimals),
written as compact term shards cut at size boundaries, plus chunks of
result metadata and one file per filter value. The browser fetches only the
manifest, the shards of the query's terms and the metadata of the results
it shows, and loads what it fetched into a real `lunr.Index`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from .text import FOLD_TABLE, fold

FORMAT = 1
LUNR_VERSION = "2.3.9"
MAX_TOKEN = 40
MIN_STEM = 2
# Longest first: the first that matches (leaving MIN_STEM letters) is cut,
# then one final vowel. Definite articles, plural and case endings.
SUFFIXES = ("urilor", "urile", "ului", "ilor", "elor", "uri", "ile", "ele", "ul", "ei", "ii", "ea",
            "a", "e", "i", "u")
FINAL_VOWELS = "aeiu"
# Function words, folded: articles, pronouns, prepositions, conjunctions,
# auxiliary verbs; plus `nr`, `privind`, `hcj`, `hcl`, in every citation and
# title (on a council's own site „HCJ nr. 45/2025” is found by `45/2025`).
STOP_WORDS = frozenset("""
a acea aceasta aceea acei aceia acel acela acele acelea acelasi aceeasi acest acesta aceste acestea
acestei acestor acestui acestuia acesti acestia ai al ale alt alta alte altei altor altui am ar are as
asa astfel asupra atat atunci au avea aveau avem aveti avut ca caci cand care careia carei caror carora
carui caruia cat cata cate cati catre ce cea cei cel cele celei celor celui ci cu cum da daca dar de
deci decat deoarece desi despre din dinspre dintr dintre doar dupa e ea ei el ele era erau este esti eu
fara fi fie fiecare fiind fim fiu fost hcj hcl iar ii il im imi in inca incat intr intre isi la le li lor lui
ma mi mea mei mele meu ne nici noi nostru nr nu o ori pe pentru peste pana prin privind sa sai sale
sau se si sint spre sub sunt suntem sunteti ta tale tau te ti tu un una unei unele unii unor unui unul
va vi voi vom vor vostru
""".split())
# A token is a run of letters, or a run of letters and digits that starts with a
# digit (`DJ103G` → `dj`, `103g`, like `DJ 103G`); digits joined by / . , stay one.
TOKEN_RE = re.compile(r"(?:[^\W_0-9]+|[0-9][^\W_]*)(?:(?<=[0-9])[/.,](?=[0-9])[^\W_]+)*")
# The lower-case letters of text.fold (ă â î ș ş ț ţ) and their base letters.
ROMANIAN = tuple((chr(code), base) for code, base in FOLD_TABLE.items() if chr(code).islower())
# Latin letters that do not decompose into a base letter and a mark.
LETTERS = {"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe"}
NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
STEMMABLE_RE = re.compile(r"[a-z]+")

# Field name, boost. Matches in a citation weigh ten times more than in a body.
FIELDS = (("citation", 10), ("title", 5), ("topics", 3), ("names", 3), ("type", 2), ("initiator", 2),
          ("summary", 2), ("body", 1))
K1, B = 1.2, 0.75  # lunr.js BM25 defaults
SHARD_BYTES = 24_000  # raw JSON bytes of postings per term shard (a term is never split)
CHUNK_DOCS = 10  # result records per metadata chunk
PAGE = 10  # results shown at a time
FACETS = ("tip", "an", "stare", "tema", "comisie")


# --- analysis -------------------------------------------------------------

def normalise(text: str, runs: dict | None = None) -> str:
    """Fold and lower-case: `Şedinţa` and `ȘEDINȚA` → `sedinta`; `é` → `e`, `ł` → `l`.
    Romanian letters first (text.fold's table, fast), then what is left that is
    not ASCII; `runs` memoises those runs (one build, many texts)."""
    text = text.lower()
    if text.isascii():
        return text
    for letter, base in ROMANIAN:
        text = text.replace(letter, base)
    if text.isascii():
        return text
    runs = {} if runs is None else runs

    def fold_run(match: re.Match) -> str:
        run = match.group()
        folded = runs.get(run)
        if folded is None:
            decomposed = unicodedata.normalize("NFD", fold(run))
            stripped = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
            folded = runs[run] = "".join(LETTERS.get(c, c) for c in stripped)
        return folded

    return NON_ASCII_RE.sub(fold_run, text)


def tokens(text: str) -> list[str]:
    """Normalised tokens, before stop words and stemming."""
    return TOKEN_RE.findall(normalise(text))


def stem(token: str) -> str:
    if len(token) <= MIN_STEM or not STEMMABLE_RE.fullmatch(token):
        return token
    for suffix in SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= MIN_STEM:
            token = token[:-len(suffix)]
            break
    if token[-1] in FINAL_VOWELS and len(token) > MIN_STEM:
        token = token[:-1]
    return token


def keep(token: str) -> bool:
    return len(token) <= MAX_TOKEN and (len(token) > 1 or token.isascii() and token.isdigit()) \
        and token not in STOP_WORDS


def term_of(token: str) -> str:
    """The index term of a token, or "" when the token is not indexed."""
    return stem(token) if keep(token) else ""


def terms(text: str) -> list[str]:
    """The index terms of a text, in order (with repeats)."""
    return [term for term in map(term_of, tokens(text)) if term]


def analysis_settings() -> dict:
    """What search.js needs to analyse text exactly like the build."""
    return {"stopWords": sorted(STOP_WORDS), "letters": LETTERS, "suffixes": list(SUFFIXES),
            "finalVowels": FINAL_VOWELS, "minStem": MIN_STEM, "maxToken": MAX_TOKEN}


# --- documents ------------------------------------------------------------

@dataclass(frozen=True)
class SearchDocument:
    """One searchable document, as the index and the result list need it."""

    url: str
    title: str  # as the result shows it: `Hotărârea nr. 45/2025 privind …`
    type_label: str  # `Hotărâre`, `Raport de specialitate`, `Ședință ordinară`…
    text: dict  # field name (see FIELDS) → text
    facets: dict  # facet name (see FACETS) → tuple of values
    citation: str = ""  # `45/2025`, `nr. 5123` or ""
    date: str = ""  # ISO date or ""
    date_text: str = ""
    status: str = ""  # public status code (the `data-status` hook) or ""
    status_label: str = ""
    excerpt: str = ""

    def record(self) -> dict:
        data = {"u": self.url, "t": self.title, "k": self.type_label, "x": self.excerpt}
        if self.citation:
            data["c"] = self.citation
        if self.date:
            data.update(d=self.date, dt=self.date_text)
        if self.status:
            data.update(s=self.status, sl=self.status_label)
        return data


def dumps(data) -> bytes:
    """Deterministic compact JSON."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# --- build ----------------------------------------------------------------

def build(documents: list[SearchDocument], *, shard_bytes: int = SHARD_BYTES,
          chunk_docs: int = CHUNK_DOCS) -> dict[str, bytes]:
    """Every index file, by path relative to the index folder (`manifest.json`
    and `<version>/…`). Documents are numbered oldest first."""
    ordered = sorted(documents, key=lambda d: (d.date, d.url))
    postings, lengths = _postings(ordered)
    count = len(ordered)
    names = sorted({t for by_term in postings for t in by_term}, key=lambda t: t.encode("utf-16-be"))  # JS order
    # BM25 as lunr.js's Builder computes it (k1, b, field boost, three decimals);
    # the length part of the denominator depends only on the document.
    norms = []
    for column in lengths:
        average = sum(column) / count if count else 0
        norms.append([K1 * (1 - B + B * (length / average)) if average else 0 for length in column])
    entries = []
    for index, term in enumerate(names):
        lists = [by_term.get(term, ()) for by_term in postings]
        matches = sum(len(p) for p in lists) // 2
        idf = math.log(1 + abs((count - matches + 0.5) / (matches + 0.5)))
        encoded = []
        for (_, boost), posting, norm in zip(FIELDS, lists, norms):
            if not posting:
                encoded.append([])
                continue
            docs, frequencies = posting[0::2], posting[1::2]
            scale = idf * (K1 + 1) * boost * 1000
            flat = [0] * len(posting)
            flat[0::2] = [doc - previous for doc, previous in zip(docs, [0, *docs])]
            flat[1::2] = [int(scale * tf / (norm[doc] + tf) + 0.5) for doc, tf in zip(docs, frequencies)]  # ≥ 0
            encoded.append(flat)
        entries.append([term, index, encoded])
    files = {}
    shards = []
    for group in _pack(entries, shard_bytes):
        shards.append(group[0][0])
        files[f"s/{len(shards) - 1}.json"] = dumps(group)
    for start in range(0, count, chunk_docs):
        files[f"d/{start // chunk_docs}.json"] = dumps([d.record() for d in ordered[start:start + chunk_docs]])
    facets = _facets(ordered)
    for name, values in facets.items():
        for position, docs in enumerate(values.values()):
            files[f"f/{name}/{position}.json"] = dumps([b - a for a, b in zip([0, *docs], docs)])
    version = hashlib.sha256(b"".join(path.encode() + b"\0" + files[path] for path in sorted(files)))
    version = version.hexdigest()[:12]
    manifest = {
        "format": FORMAT, "lunr": LUNR_VERSION, "version": version, "docs": count, "chunk": chunk_docs,
        "page": PAGE, "fields": [name for name, _ in FIELDS], "shards": shards,
        "facets": {name: list(values) for name, values in facets.items()}, "analysis": analysis_settings(),
    }
    return {"manifest.json": dumps(manifest), **{f"{version}/{path}": data for path, data in files.items()}}


def _postings(ordered: list[SearchDocument]):
    """Per field, term → flat list [doc, term frequency, …]; per field, the length of each document."""
    memo = _Terms()
    runs: dict[str, str] = {}
    postings: list[defaultdict[str, list[int]]] = [defaultdict(list) for _ in FIELDS]
    lengths = [[0] * len(ordered) for _ in FIELDS]
    for doc, document in enumerate(ordered):
        for position, (name, _) in enumerate(FIELDS):
            text = document.text.get(name)
            if not text:
                continue
            frequencies = Counter(map(memo.__getitem__, TOKEN_RE.findall(normalise(text, runs))))
            frequencies.pop("", None)
            lengths[position][doc] = frequencies.total()
            by_term = postings[position]
            for term, tf in frequencies.items():
                by_term[term] += (doc, tf)
    return postings, lengths


class _Terms(dict):
    """token → term ("" when not indexed), computed on first sight."""

    def __missing__(self, token: str) -> str:
        term = self[token] = term_of(token)
        return term


def _pack(entries: list, limit: int) -> list[list]:
    """Consecutive entries in groups of about `limit` bytes of JSON (a term is never split)."""
    groups, current, size = [], [], 0
    for entry in entries:
        entry_size = len(entry[0]) + 16 + 4 * sum(len(flat) for flat in entry[2])  # estimated
        if current and size + entry_size > limit:
            groups.append(current)
            current, size = [], 0
        current.append(entry)
        size += entry_size
    if current:
        groups.append(current)
    return groups


def _facets(ordered: list[SearchDocument]) -> dict[str, dict[str, list[int]]]:
    facets: dict[str, dict[str, list[int]]] = {name: {} for name in FACETS}
    for doc, document in enumerate(ordered):
        for name in FACETS:
            for value in document.facets.get(name, ()):
                facets[name].setdefault(value, []).append(doc)
    return {name: dict(sorted(values.items())) for name, values in facets.items()}
