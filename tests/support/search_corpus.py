"""A synthetic corpus for measuring the search index at scale (tests and docs/search.md).

`documents(n)` returns n `SearchDocument`s shaped like a county council's
record (decisions, drafts, reports, meetings) with Romanian words drawn from
a Zipf distribution: the domain words of the sample council first, then
invented words, so that the vocabulary grows with the corpus as in real text.
About a quarter of the texts use the legacy cedilla letters.

    python tests/support/search_corpus.py 10000   # prints the figures for docs/search.md
"""

from __future__ import annotations

import bisect
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from transparency.search import search_files, search_index, search_query

COMMON = """
consiliul județean județului hotărârea hotărâre proiectul aprobarea bugetului buget general anul rectificarea
privind art alin lit se aprobă prezenta comunică direcția generală finanțe resurse umane președintele
secretar general ședința ordinară extraordinară consilieri prezenți voturi pentru împotrivă abțineri
regulament servicii sociale transport public județean drumuri județene întreținere lucrări investiții
spitalul clinic județean urgență muzeul etnografic teatru cultură tineret sport taxe tarife locale
contract concesiune teren imobil domeniul public privat patrimoniu administrare folosință gratuită
strategie dezvoltare plan program acord parteneriat cooperare asociere comisia urbanism avizul favorabil
raport specialitate referat aprobare consultare publică recomandări legea codul administrativ ordonanța
modificarea completarea abrogarea anexa anexele indicatori tehnico economici obiectiv fonduri europene
cofinanțare împrumut intern rezervă bugetară inundații ambulatoriu centru rezidențial vârstnici copii
protecție dgaspc învățământ special școala elevi deșeuri gestionare mediu apă canalizare energie
""".split()
CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")
TOPICS = ["buget", "transport", "drumuri", "sanatate", "cultura", "social", "educatie", "patrimoniu", "mediu",
          "tineret", "sport", "turism", "dezvoltare", "taxe", "administratie"]
COMMITTEES = ["buget", "urbanism", "social", "cultura", "juridica"]
MEMBERS = [f"{first} {last}" for first, last in zip(
    itertools.cycle(["Ion", "Maria", "Andrei", "Elena", "Mihai", "Ioana", "Radu", "Ana", "Vlad", "Cristina"]),
    ["Popescu", "Ionescu", "Pop", "Mureșan", "Moldovan", "Rus", "Crăciun", "Dumitru", "Stan", "Marin", "Tudor",
     "Roș", "Lazăr", "Bălan", "Szabó", "Kovács", "Nagy", "Oprea", "Ene", "Toma", "Ilie", "Matei", "Costea",
     "Florea", "Sima", "Barbu", "Neagu", "Dinu", "Preda", "Manea", "Voicu", "Nistor", "Cozma", "Gavrilă",
     "Vasile", "Anghel", "Iancu"])]
SYLLABLES = ["ba", "be", "ca", "ce", "de", "di", "fa", "ga", "la", "le", "li", "ma", "me", "na", "ne", "ni", "pa",
             "po", "ra", "re", "ri", "sa", "se", "ta", "te", "ti", "va", "ve", "ză", "șa", "ța", "că", "tru", "str",
             "ul", "ea", "ii", "ție", "are", "ilor", "ului", "mâ", "în", "cro", "gra", "plu"]
KINDS = (("decision", 0.45), ("report", 0.4), ("draft", 0.07), ("meeting", 0.08))
# Ten typical queries of citizens and journalists (docs/search.md).
QUERIES = ("buget 2025", "hotărârea 45/2025", "transport public județean", "drumuri județene",
           "rectificare buget", "spitalul județean", "taxe și tarife locale", "consultare publică",
           "Popescu", "ședința ordinară")


class Vocabulary:
    def __init__(self, rng: random.Random, size: int):
        words = list(dict.fromkeys(COMMON))
        seen = set(words)
        while len(words) < size:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(size)))
        self.rng = rng

    def text(self, count: int) -> str:
        total = self.cumulative[-1]
        return " ".join(self.words[bisect.bisect(self.cumulative, self.rng.random() * total)] for _ in range(count))


def documents(n: int, seed: int = 2025) -> list[search_index.SearchDocument]:
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng, 60_000)
    found = []
    numbers: dict[int, int] = {}
    for i in range(n):
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        year = 2018 + i * 9 // n
        day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = "privind " + vocabulary.text(rng.randint(6, 14))
        summary = vocabulary.text(rng.randint(15, 40))
        body = vocabulary.text(rng.randint(200, 600))
        if rng.random() < 0.25:
            title, summary, body = (t.translate(CEDILLA) for t in (title, summary, body))
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        committees = rng.sample(COMMITTEES, rng.randint(0, 2))
        text = {"title": title, "summary": summary, "body": body, "topics": " ".join(topics + committees),
                "initiator": "Președintele Consiliului Județean"}
        facets = {"an": (str(year),), "tema": tuple(sorted(topics)), "comisie": tuple(sorted(committees))}
        citation, status = "", ""
        if kind == "decision":
            numbers[year] = numbers.get(year, 0) + 1
            citation = f"{numbers[year]}/{year}"
            status = rng.choice(["in-force"] * 8 + ["amended", "repealed"])
            text["citation"] = f"{citation} {numbers[year]}"
            if rng.random() < 0.3:
                text["names"] = " ".join(rng.sample(MEMBERS, rng.randint(3, 12)))
            facets.update(tip=("hotarare",), stare=(status,))
        elif kind == "draft":
            status = "draft"
            facets.update(tip=("proiect",), stare=(status,))
        else:
            facets.update(tip=("raport" if kind == "report" else "sedinta",))
        text["type"] = f"{kind} {citation} {day}"
        found.append(search_index.SearchDocument(
            url=f"/doc/{i}/", title=f"Hotărârea nr. {citation} {title}" if citation else title, citation=citation,
            type_label=kind, text=text, facets=facets, date=day, date_text=day, status=status,
            status_label=status, excerpt=summary))
    return found


def measure(n: int, queries=QUERIES) -> dict:
    """Build the index of n synthetic documents; time, size and bytes per query."""
    corpus = documents(n)
    started, cpu = time.perf_counter(), time.process_time()
    files = search_files.build(corpus)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        for path, data in files.items():
            target = site / search_query.INDEX_PATH / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for script in search_query.SCRIPTS:
            target = site / script
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((ROOT / "theme" / "static" / script.removeprefix("theme/")).read_bytes())
        cold = [search_query.downloaded(site, q) for q in queries]
        index_only = [search_query.downloaded(site, q, scripts=False) for q in queries]
    return {
        "documents": n, "seconds": seconds, "cpu": cpu, "files": len(files),
        "bytes": sum(len(d) for d in files.values()),
        "shards": sum(1 for p in files if p.startswith("s/")),
        "cold": {q: d.compressed for q, d in zip(queries, cold)},
        "index": {q: d.compressed for q, d in zip(queries, index_only)},
        "fetched": {q: len(d.files) for q, d in zip(queries, index_only)},
    }


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 10_000
    m = measure(n)
    print(f"{m['documents']} documents: built in {m['seconds']:.1f} s ({m['cpu']:.1f} s CPU); {m['files']} files "
          f"({m['shards']} term shards), {m['bytes'] / 1e6:.1f} MB")
    for q in m["cold"]:
        print(f"  {q!r}: {m['fetched'][q]} index files, {m['index'][q] / 1000:.0f} kB index, "
              f"{m['cold'][q] / 1000:.0f} kB with the scripts (gzip)")
    for label in ("index", "cold"):
        values = list(m[label].values())
        print(f"{label}: median {statistics.median(values) / 1000:.0f} kB, max {max(values) / 1000:.0f} kB")


if __name__ == "__main__":
    main(sys.argv)
