"""Search relevance on the judged set (tests/search/judged.yml), ours beside Pagefind's.

The judged set lists what readers of the sample council type and, for each
query, graded judgements of the documents that should come first (3: the
document sought, 2: highly relevant, 1: relevant; anything not listed: 0).
Three measures over the first K = 10 results, averaged over the queries:

- nDCG@10: DCG = sum over ranks i = 1..10 of (2^grade - 1) / log2(i + 1),
  divided by the DCG of the ideal order of every judged document;
- recall@10: the relevant documents (grade >= 1) in the first ten, divided
  by min(10, how many are relevant): a query with more than ten relevant
  documents is complete when its first ten are all relevant;
- MRR@10: 1 / the rank of the first relevant document in the first ten
  (0 when there is none).

`ours(site, queries)` answers with the Python reader of our index (the
parity tests prove it gives lunr.js's answers); `pagefind(site, urls, queries)`
indexes the same built pages with Pagefind (the `pagefind` package from
PyPI, whose wheel ships the binary) and queries the bundle with Pagefind's own
pagefind.js under Node (bench/pagefind_search.mjs). `measure()` builds the
sample council and does both: `make bench` prints its table.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "search" / "judged.yml"
PAGEFIND_SCRIPT = Path(__file__).with_name("pagefind_search.mjs")
K = 10
BUILD_EPOCH = "1795600800"  # 2026-11-25 12:00 in Bucharest: the sample site's build day in the tests
MEASURES = ("ndcg", "recall", "mrr")
# What Pagefind indexes of each page: the page's <main>, as a site would mark it with data-pagefind-body.
PAGEFIND_CONFIG = {"root_selector": "main", "force_language": "ro"}


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    grades: dict  # address → grade (1..3)

    @property
    def relevant(self) -> set:
        return {url for url, grade in self.grades.items() if grade >= 1}


def load(path: Path = JUDGED) -> list[Judged]:
    """The judged set. Raises ValueError naming the entry for a malformed one."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    found = []
    for number, entry in enumerate(data, 1):
        query, kind, grades = entry.get("q"), entry.get("kind"), entry.get("judged")
        if not isinstance(query, str) or not query.strip() or not isinstance(kind, str) \
                or not isinstance(grades, dict) or not grades \
                or not all(isinstance(g, int) and 1 <= g <= 3 for g in grades.values()):
            raise ValueError(f"{path}: entry {number} ({query!r}): needs q, kind and judged {{address: 1..3}}")
        found.append(Judged(str(query), kind, dict(grades)))
    queries = [j.query for j in found]
    if len(set(queries)) != len(queries):
        raise ValueError(f"{path}: a query is judged twice")
    return found


# --- measures ------------------------------------------------------------------------

def dcg(gains: list[float]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, 1))


def ndcg(ranked: list[str], grades: dict, k: int = K) -> float:
    ideal = dcg([2 ** g - 1 for g in sorted(grades.values(), reverse=True)[:k]])
    return dcg([2 ** grades.get(url, 0) - 1 for url in ranked[:k]]) / ideal if ideal else 0.0


def recall(ranked: list[str], grades: dict, k: int = K) -> float:
    relevant = {url for url, g in grades.items() if g >= 1}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / min(k, len(relevant))


def reciprocal_rank(ranked: list[str], grades: dict, k: int = K) -> float:
    for rank, url in enumerate(ranked[:k], 1):
        if grades.get(url, 0) >= 1:
            return 1 / rank
    return 0.0


def scores(judged: list[Judged], rankings: dict[str, list[str]], k: int = K) -> dict:
    """Per query and on average: {"queries": {q: {ndcg, recall, mrr}}, "mean": {…}, "missed": [q…]}
    (`missed`: the queries without a relevant result in the first k)."""
    per = {}
    for j in judged:
        ranked = rankings.get(j.query, [])
        per[j.query] = {"ndcg": ndcg(ranked, j.grades, k), "recall": recall(ranked, j.grades, k),
                        "mrr": reciprocal_rank(ranked, j.grades, k)}
    mean = {m: sum(p[m] for p in per.values()) / len(per) if per else 0.0 for m in MEASURES}
    return {"queries": per, "mean": mean, "missed": [q for q, p in per.items() if p["mrr"] == 0]}


# --- our search ---------------------------------------------------------------------------

def ours(site: Path, queries: list[str], k: int = K) -> dict[str, list[str]]:
    """The first k addresses our search gives for each query (the Python reader of the index)."""
    from transparency.search import search_query

    index = Path(site) / "cautare" / "index"
    found = {}
    for query in queries:
        reader = search_query.IndexReader(lambda path: (index / path).read_bytes())
        found[query] = [record["u"] for record in reader.search(query).records[:k]]
    return found


def documents(site: Path) -> list[str]:
    """The addresses of every document in our search index: what Pagefind is given too."""
    index = Path(site) / "cautare" / "index"
    manifest = json.loads((index / "manifest.json").read_bytes())
    return [record["u"] for name in manifest["records"]["files"]
            for record in json.loads((index / "d" / f"{name}.json").read_bytes())]


# --- Pagefind -------------------------------------------------------------------------------

def pagefind_index(site: Path, urls: list[str], bundle: Path) -> None:
    """A Pagefind bundle in `bundle` of the pages at `urls` of the built site (their <main>)."""
    from pagefind.service import PagefindService

    async def build() -> list:
        async with PagefindService() as service:
            index = await service.create_index(dict(PAGEFIND_CONFIG))
            for url in urls:
                html = (Path(site) / url.strip("/") / "index.html").read_text(encoding="utf-8")
                await index.add_html_file(content=html, url=url)
            return await index.get_files()

    # The files are written here, not by the Pagefind service: a CI run read a pagefind.js cut short,
    # written by the service as it was terminated when the index closed (the sample council's bundle
    # is a few hundred KB, well within what get_files carries through the service's pipe).
    for file in asyncio.run(build()):
        target = Path(bundle) / file["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file["content"])


def pagefind_search(bundle: Path, queries: list[str], k: int = K) -> dict[str, list[str]]:
    """The first k addresses Pagefind's own pagefind.js (under Node) gives for each query."""
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node is missing: run `bash tests/setup-tools.sh`")
    done = subprocess.run([node, str(PAGEFIND_SCRIPT), str(bundle)], input=json.dumps({"queries": queries, "k": k}),
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode:
        raise RuntimeError(f"pagefind search failed: {done.stderr.strip()}")
    return json.loads(done.stdout)["results"]


def pagefind(site: Path, queries: list[str], work: Path, k: int = K) -> dict[str, list[str]]:
    """Pagefind over the same pages as our index (its HTML pages: Pagefind reads no PDF)."""
    bundle = Path(work) / "pagefind"
    pagefind_index(site, [url for url in documents(site) if url.endswith("/")], bundle)
    return pagefind_search(bundle, queries, k)


# --- the benchmark's table ------------------------------------------------------------------

def build_sample(output: Path) -> None:
    """The sample council (content/) built into `output` on the tests' build day."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run([sys.executable, "-m", "transparency", "build", "--settings", str(ROOT / "pelicanconf.py"),
                           "--content", str(ROOT / "content"), "--output", str(output),
                           "--siteurl", "https://example.test", "--cache", str(output.with_name("cache"))],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode:
        raise RuntimeError(f"building the sample council failed:\n{done.stderr}")


def measure(work: Path | None = None) -> dict:
    """Both engines on the judged set over the built sample council: {"ours": scores, "pagefind": scores,
    "queries": n, "documents": n, "by_kind": {kind: {"ours": mean, "pagefind": mean}}}."""
    judged = load()
    queries = [j.query for j in judged]
    with tempfile.TemporaryDirectory(prefix="relevance-") as temporary:
        work = Path(work or temporary)
        work.mkdir(parents=True, exist_ok=True)
        site = work / "output"
        build_sample(site)
        results = {"ours": scores(judged, ours(site, queries)),
                   "pagefind": scores(judged, pagefind(site, queries, work))}
        found = documents(site)
        results["documents"], results["pages"] = len(found), sum(1 for url in found if url.endswith("/"))
    results["queries"] = len(judged)
    results["by_kind"] = by_kind(judged, results)
    return results


def by_kind(judged: list[Judged], results: dict) -> dict:
    kinds: dict[str, list[str]] = {}
    for j in judged:
        kinds.setdefault(j.kind, []).append(j.query)
    return {kind: {engine: {m: sum(results[engine]["queries"][q][m] for q in qs) / len(qs) for m in MEASURES}
                   for engine in ("ours", "pagefind")} | {"queries": len(qs)}
            for kind, qs in sorted(kinds.items())}


def table(results: dict) -> str:
    """The benchmark's text: the means side by side, the queries each misses, and per kind of query."""
    lines = [f"Search relevance: {results['queries']} judged queries over the sample council "
             f"({results['pages']} pages, and {results['documents'] - results['pages']} PDFs that only ours indexes), "
             f"first {K} results",
             f"{'':<22}{'ours':>10}{'Pagefind':>10}",
             *(f"{label:<22}{results['ours']['mean'][m]:>10.3f}{results['pagefind']['mean'][m]:>10.3f}"
               for m, label in (("ndcg", "nDCG@10"), ("recall", "recall@10"), ("mrr", "MRR@10"))),
             f"{'no relevant in 10':<22}{len(results['ours']['missed']):>10}{len(results['pagefind']['missed']):>10}",
             "nDCG@10 by kind of query (queries): ours / Pagefind"]
    for kind, row in results["by_kind"].items():
        lines.append(f"  {kind:<20}({row['queries']:>2}) {row['ours']['ndcg']:.3f} / {row['pagefind']['ndcg']:.3f}")
    for engine, label in (("ours", "ours"), ("pagefind", "Pagefind")):
        if results[engine]["missed"]:
            lines.append(f"{label} finds nothing relevant for: " + ", ".join(results[engine]["missed"]))
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(measure()))
