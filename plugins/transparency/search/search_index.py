"""The search index: Romanian text analysis and a sharded index for lunr.js.

Analysis (identical in theme/static/js/search.js, checked by the parity
tests): text is folded (ă â î ș ş ț ţ and every other accent → base letter,
see `text.fold`), lower-cased and cut into tokens: runs of letters, or of
digits and letters starting with a digit (`DJ103G` → `dj` `103g`), where
digits joined by `/ . ,` stay one token (`45/2025`, `1.234,56`). Single
letters, Romanian stop words and tokens longer than MAX_TOKEN are dropped;
letter-only tokens are stemmed by `stem`: the Snowball Romanian stemmer
(snowballstemmer here, lunr-languages' lunr.ro.js in the browser: the same
algorithm, proven alike on every word by the parity tests) run on the folded
word, then a small suffix stripper for what Snowball leaves apart (`muzeu`,
`muzeul`), then the vowel alternations `oa` → `o` and `ea` → `e`, so that
`școală`/`școli` and `județean`/`județeni` meet (`hotărâre`, `hotărârea`,
`hotărârile` → `hotarar`).

A document is analysed once (`analyse`) into an `Analysed` record: what the
index files need of it (sort key, result record, filter values, field
lengths, the terms of each field and their frequencies), compact enough to
be kept between builds; the part that comes from its body is kept apart so
that the rest can be analysed again without reading the body. The files
themselves are written by `search_files`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections import Counter
from itertools import chain
from dataclasses import dataclass
from typing import NamedTuple

import snowballstemmer

from ..domain.text import FOLD_TABLE, fold

LUNR_VERSION = "2.3.9"
MAX_TOKEN = 40
MIN_STEM = 2
FINAL_VOWELS = "aeiu"
AFTER_SNOWBALL = ("ur", "ar")  # cut once after Snowball, leaving MIN_STEM + 2 letters or more
FINAL_CUTS = 2  # final vowels cut after Snowball (when no AFTER_SNOWBALL suffix was), leaving MIN_STEM + 1 letters or more
# Romanian vowel alternations inside a stem: școală/școli, seară/seri, județean/județeni.
ALTERNATIONS = (("oa", "o"), ("ea", "e"))
STEMMER = "snowball-ro"  # the manifest names the stemmer search.js must run (lunr.ro.js)
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
sau se si sint spre sub sunt suntem sunteti ta tale tau te ti tu ul ului un una unei unele unii unor unui unul
uri urile urilor va vi voi vom vor vostru
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
BODY = len(FIELDS) - 1  # the body field's position
FACETS = ("tip", "an", "stare", "tema", "comisie")
EXCERPT = 280  # characters of body text shown when a document has no summary
SPACE_RE = re.compile(r"\s+")


# --- analysis -------------------------------------------------------------

def normalise(text: str) -> str:
    """Fold and lower-case: `Şedinţa` and `ȘEDINȚA` → `sedinta`; `é` → `e`, `ł` → `l`.
    Romanian letters first (text.fold's table, fast), then what is left that is not ASCII."""
    text = text.lower()
    if text.isascii():
        return text
    for letter, base in ROMANIAN:
        text = text.replace(letter, base)
    if text.isascii():
        return text
    return NON_ASCII_RE.sub(_fold_run, text)


def _fold_run(match: re.Match) -> str:
    decomposed = unicodedata.normalize("NFD", fold(match.group()))
    stripped = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    return "".join(LETTERS.get(c, c) for c in stripped)


def tokens(text: str) -> list[str]:
    """Normalised tokens, before stop words and stemming."""
    return TOKEN_RE.findall(normalise(text))


_SNOWBALL = snowballstemmer.stemmer("romanian")
_STEMS: dict[str, str] = {}


def stem(token: str) -> str:
    """Snowball Romanian on the folded token; then one of AFTER_SNOWBALL cut, or else up to
    FINAL_CUTS final vowels; then ALTERNATIONS. Tokens that are not letters only (numbers,
    citations) are kept as they are."""
    found = _STEMS.get(token)
    if found is None:
        found = token
        if len(token) > MIN_STEM and STEMMABLE_RE.fullmatch(token):
            found = _SNOWBALL.stemWord(token)
            for suffix in AFTER_SNOWBALL:  # what Snowball keeps apart: drum/drumur(i), rectific(are)/rectificar(i)
                if found.endswith(suffix) and len(found) - len(suffix) >= MIN_STEM + 2:
                    found = found[:-len(suffix)]
                    break
            else:
                for _ in range(FINAL_CUTS):  # muzeu, muze(ul) → muz
                    if len(found) > MIN_STEM + 1 and found[-1] in FINAL_VOWELS:
                        found = found[:-1]
            for old, new in ALTERNATIONS:
                found = found.replace(old, new)
        _STEMS[token] = found
    return found


def keep(token: str) -> bool:
    return len(token) <= MAX_TOKEN and (len(token) > 1 or token.isascii() and token.isdigit()) \
        and token not in STOP_WORDS


def term_of(token: str) -> str:
    """The index term of a token, or "" when the token is not indexed."""
    return stem(token) if keep(token) else ""


def terms(text: str) -> list[str]:
    """The index terms of a text, in order (with repeats)."""
    return [term for term in map(term_of, tokens(text)) if term]


def analysis_settings(synonyms: dict | None = None) -> dict:
    """What search.js needs to analyse text and expand queries exactly like the build
    (`synonyms`: see `synonym_terms`)."""
    return {"stopWords": sorted(STOP_WORDS), "letters": LETTERS, "stemmer": STEMMER, "afterSnowball": list(AFTER_SNOWBALL),
            "finalVowels": FINAL_VOWELS, "finalCuts": FINAL_CUTS, "alternations": [list(pair) for pair in ALTERNATIONS],
            "minStem": MIN_STEM, "maxToken": MAX_TOKEN, "synonyms": synonym_terms(synonyms or {})}


def synonym_terms(synonyms: dict) -> dict[str, list[str]]:
    """A council's synonyms (word → [alternatives], as written) as index terms: each word's
    term → the terms of its alternatives (an alternative of several words gives each of its
    terms), sorted; a word or alternative without a term (a stop word) gives nothing."""
    found: dict[str, set] = {}
    for word, alternatives in synonyms.items():
        keys = terms(word)
        if len(keys) != 1:
            continue
        extra = {term for alternative in alternatives for term in terms(alternative)} - {keys[0]}
        if extra:
            found.setdefault(keys[0], set()).update(extra)
    return {key: sorted(found[key], key=lambda t: t.encode("utf-16-be")) for key in sorted(found)}


# --- documents ------------------------------------------------------------

@dataclass(frozen=True)
class SearchDocument:
    """One searchable document, as the index and the result list need it."""

    url: str
    title: str  # as the result shows it: `Hotărârea nr. 45/2025 privind …`
    type_label: str  # `Hotărâre`, `Raport de specialitate`, `Ședință ordinară`…
    text: dict  # field name (see FIELDS) → text; "body": body-field text besides `body` (annex titles, agenda)
    facets: dict  # facet name (see FACETS) → tuple of values
    citation: str = ""  # `45/2025`, `nr. 5123` or ""
    date: str = ""  # ISO date or ""
    date_text: str = ""
    status: str = ""  # public status code (the `data-status` hook) or ""
    status_label: str = ""
    excerpt: str = ""  # shown under the title; "": the summary, else the start of `body` (see `excerpt`)
    body: str = ""  # the text of the document's own body, indexed in the body field (any white space)
    parent_url: str = ""  # an attachment's: the document it belongs to
    parent_title: str = ""

    def record(self, excerpt_text: str) -> dict:
        data = {"u": self.url, "t": self.title, "k": self.type_label, "x": excerpt_text}
        if self.parent_url:
            data.update(p=self.parent_url, pt=self.parent_title)
        if self.citation:
            data["c"] = self.citation
        if self.date:
            data.update(d=self.date, dt=self.date_text)
        if self.status:
            data.update(s=self.status, sl=self.status_label)
        return data


def excerpt(summary: str, body: str) -> str:
    """The summary, or else the body (white space collapsed; its `head` is enough), cut at a
    word before EXCERPT characters."""
    text = SPACE_RE.sub(" ", summary).strip() or body
    if len(text) <= EXCERPT:
        return text
    return text[:EXCERPT].rsplit(" ", 1)[0] + " …"


ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(data) -> bytes:
    """Deterministic compact JSON."""
    return ENCODER.encode(data).encode("utf-8")


# --- one document, analysed -------------------------------------------------

class Analysed(NamedTuple):
    """What the index files need of one document, in few plain objects (strings, bytes),
    so that a build keeps it (pickled) for the next one at little cost."""

    sort: tuple  # (date, url): documents are numbered in this order
    record: bytes  # the result record, JSON
    facets: tuple  # ((facet, (value, …)), …) in FACETS order, only facets with values (shared)
    lengths: bytes  # the number of terms of each field, FIELDS order (`pack`)
    terms: str  # each field's distinct terms, space-separated, fields separated by line breaks
    counts: bytes  # how often each of `terms` occurs, field after field (`pack`)
    extra: tuple  # (terms, counts) of the body field's text that is not the body's own (shared)
    head: str  # the start of the body (`head`): the excerpt when there is no summary


class Analyser:
    """Counts the terms of texts. No token holds white space, so the terms of a text are
    those of its pieces between white space; the terms of each distinct piece are
    remembered (one build analyses many texts made of the same pieces)."""

    def __init__(self):
        self.pieces = _Pieces()
        self.known: dict = {}

    def shared(self, value):
        """One object for equal values (many documents have the same filters): stored once."""
        return self.known.setdefault(value, value)

    def count(self, text: str) -> dict[str, int]:
        """term → how often it occurs in `text`."""
        return Counter(chain.from_iterable(map(self.pieces.__getitem__, text.split())))


class _Pieces(dict):
    """piece of text → its terms, computed on first sight."""

    def __missing__(self, piece: str) -> tuple[str, ...]:
        found = self[piece] = tuple(terms(piece))
        return found


def pack(counts) -> bytes:
    """Frequencies as bytes: one byte each when all are below 256 (nearly always), else four."""
    code = "B" if max(counts, default=0) < 256 else "I"
    return code.encode() + array(code, counts).tobytes()


def unpack(data: bytes) -> array:
    return array(chr(data[0]), data[1:])


def head(text: str) -> str:
    """The first EXCERPT + 1 characters of `text`, its white space collapsed and stripped
    (collapsing only as much of a long text as that needs)."""
    size = 4 * (EXCERPT + 1)
    while True:
        part = SPACE_RE.sub(" ", text[:size]).lstrip()
        if size >= len(text):
            return part.rstrip()[:EXCERPT + 1]
        if len(part) > EXCERPT + 1:  # its last character stands for what follows: the rest is exact
            return part[:EXCERPT + 1]
        size *= 2


def analyse(document: SearchDocument, analyser: Analyser, previous: Analysed | None = None) -> Analysed:
    """`document` analysed. `previous`, when given, is the analysis of a document with the
    same body (an earlier build's): the body's terms are taken from it, not from `document.body`."""
    if previous is None:
        own, start = analyser.count(document.body), head(document.body)
    else:
        own, start = own_terms(previous), previous.head
    terms, counts, lengths = [], [], []
    for position, (name, _) in enumerate(FIELDS):
        found = analyser.count(document.text.get(name, ""))
        if position == BODY:
            extra = analyser.shared((" ".join(found), pack(found.values())))
            if found:  # annex titles, agenda: a few terms added to the body's own
                found, extra_terms = Counter(own), found
                found.update(extra_terms)
            else:
                found = own
        terms.append(" ".join(found))
        counts.extend(found.values())
        lengths.append(sum(found.values()))
    shown = document.excerpt or excerpt(document.text.get("summary", ""), start)
    facets = tuple((name, tuple(document.facets[name])) for name in FACETS if document.facets.get(name))
    return Analysed((document.date, document.url), dumps(document.record(shown)), analyser.shared(facets),
                    pack(lengths), "\n".join(terms), pack(counts), extra, start)


def own_terms(item: Analysed) -> Counter:
    """The terms of the document's own body: its body field without `extra`."""
    extra = Counter(dict(zip(item.extra[0].split(), unpack(item.extra[1]))))
    return Counter(dict(frequencies(item)[BODY])) - extra


def frequencies(item: Analysed) -> list[list[tuple[str, int]]]:
    """Each field's [(term, how often it occurs)…]."""
    counts = iter(unpack(item.counts))
    return [list(zip(names.split(" "), counts)) if names else [] for names in item.terms.split("\n")]
