"""Topics in the open data as the site identifies them.

The exports gave topics only as typed in each document: `finanţe` (legacy cedilla) and `finanțe`
came out as two topics where the site shows one page, /teme/finante/, so a spreadsheet pivot split
it. Each decision now also gives `topic_slugs`, and consiliu.json the label of each. The oracles are
the built pages (a decision's topic links, /teme/ and each topic page) and the front matter read
with yaml, never the code that writes the exports.
"""

import csv
import io
import json
from collections import Counter

import pytest
import yaml

from support import trees
from support.contract_checks import soup

SITE = "https://example.test/"
DRAFT = """---
title: {title}
status: draft
registered: 2025-05-0{day}
topics: {topics}
---
Text.
"""
# The same two topics, spelt as staff do: legacy cedilla, comma below, no diacritics, capitals, hyphens.
WRITTEN = {
    "proiect-sedila": ("privind un proiect scris cu sedilă", ["finanţe", "Situaţii de urgenţă"]),
    "proiect-virgula": ("privind un proiect scris cu virgulă", ["finanțe", "situatii-de-urgenta", "finante"]),
    "proiect-fara-diacritice": ("privind un proiect fără diacritice", ["Finante", "buget"]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("topics")
    content = trees.copy_fixture("minimal", base / "content")
    for day, (name, (title, topics)) in enumerate(WRITTEN.items(), start=2):
        trees.write(content, f"hotarari/2025/{name}.md", DRAFT.format(title=title, day=day, topics=json.dumps(
            topics, ensure_ascii=False)))
    council = content / "data/council.yml"
    council.write_text(council.read_text(encoding="utf-8")
                       + "topics:\n  - {slug: situatii-de-urgenta, label: situații de urgență}\n", encoding="utf-8")
    output = base / "output"
    result = trees.build(content, output, cache=base / "cache")
    assert result.returncode == 0, result.stderr
    return content, output


def slug_of(href: str) -> str:
    assert href.startswith("/teme/") and href.endswith("/"), href
    return href.strip("/").split("/")[1]


def test_each_decision_gives_its_topics_as_its_page_links_them(built):
    content, output = built
    records = json.loads((output / "date/hotarari.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in records} >= set(WRITTEN)
    for record in records:
        path = next(content.glob(f"hotarari/**/{record['id']}.md"))
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        assert record["topics"] == front.get("topics", []), record["id"]  # as written: unchanged
        page = soup(output, record["url"].removeprefix(SITE))
        linked = [slug_of(a["href"]) for a in page.select("dl.facts a[href^='/teme/']")]
        assert record["topic_slugs"] == list(dict.fromkeys(linked)), record["id"]
    by_id = {r["id"]: r for r in records}
    assert by_id["proiect-sedila"]["topic_slugs"] == by_id["proiect-virgula"]["topic_slugs"]


def test_a_pivot_of_the_csv_counts_each_topic_as_its_page_lists_it(built):
    _, output = built
    with open(output / "date/hotarari.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counts = Counter(slug for row in rows for slug in row["topic_slugs"].split("; ") if slug)
    listed = {slug_of(a["href"]) for a in soup(output, "teme/").select("main .doc-list a")}
    assert set(counts) == listed
    for slug in listed:
        assert counts[slug] == len(soup(output, f"teme/{slug}/").select("main ul.doc-list > li")), slug
    assert counts["finante"] == 3 and counts["situatii-de-urgenta"] == 2
    assert all(len(set(row["topic_slugs"].split("; "))) == len(row["topic_slugs"].split("; ")) for row in rows)


def test_consiliu_json_gives_the_label_the_site_shows_for_each_slug(built):
    content, output = built
    council = json.loads((output / "date/consiliu.json").read_text(encoding="utf-8"))
    given = {t["slug"]: (t["label"], t["url"]) for t in council["topics"]}
    shown = {slug_of(a["href"]): (a.get_text(strip=True), SITE + a["href"].lstrip("/"))
             for a in soup(output, "teme/").select("main .doc-list a")}
    assert given == shown
    declared = yaml.safe_load((content / "data/council.yml").read_text(encoding="utf-8"))["topics"]
    assert [given[t["slug"]][0] for t in declared] == ["situații de urgență"]
    assert given["finante"][0] == "finanțe"
