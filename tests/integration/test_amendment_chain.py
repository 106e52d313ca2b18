"""The "Modificări" table, the JSON-LD and the open data of an amended decision follow chains of
amendments (issue 16). Fixture: A (5/2025) amended by B (40/2025), B amended by C (61/2025); C also
records an article-by-article change of A, so it is direct for A as well; D (62/2025) amends only C."""

import json

import pytest
from bs4 import BeautifulSoup

from support import trees

C = """---
title: privind modificarea Hotărârii nr. 40/2025
status: adopted
registered: 2025-06-02
number: 61
adopted: 2025-06-26
meeting: sedinta-2025-06-26
majority: absolute
vote: {present: 7, for: 5, against: 1, abstain: 1}
amends: [40/2025]
---
**Art. 1.** Se modifică Hotărârea nr. 40/2025.
"""
D_ACT = """---
title: privind modificarea Hotărârii nr. 61/2025
status: adopted
registered: 2025-06-03
number: 62
adopted: 2025-06-26
meeting: sedinta-2025-06-26
majority: absolute
vote: {present: 7, for: 5, against: 1, abstain: 1}
amends: [61/2025, 5/2025]
changes:
  - {decision: 5/2025, article: 2, action: repeal}
events:
  - {date: 2025-07-01, event: published}
---
**Art. 1.** Se modifică Hotărârea nr. 61/2025 și se abrogă art. 2 din Hotărârea nr. 5/2025.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("chain")
    root = trees.copy_fixture("minimal", tmp / "content")
    trees.write(root, "hotarari/2025/modificare-rectificare.md", C)
    trees.write(root, "hotarari/2025/modificare-a-doua.md", D_ACT)
    result = trees.build(root, tmp / "output")
    assert result.returncode == 0, result.stderr
    return tmp / "output"


def rows(built, path):
    soup = BeautifulSoup((built / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("[data-modifications] table")
    if table is None:
        return None
    return [(" ".join(tr.select("td")[1].a.get_text().split()), tr.has_attr("data-indirect"),
             " ".join(tr.select("td")[2].get_text(" ").split())) for tr in table.select("tbody tr")]


def legislation(built, path):
    html = (built / path / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == "Legislation":
            return data
    raise AssertionError("no Legislation JSON-LD")


def test_the_table_lists_direct_and_indirect_changes_in_order(built):
    assert rows(built, "hotarari/2025/5") == [
        ("Hotărârea nr. 40/2025", False, "modifică hotărârea"),
        ("Hotărârea nr. 61/2025", True, "Prin actele de mai sus: modifică Hotărârea nr. 40/2025 ."),
        ("Hotărârea nr. 62/2025", False, "art. 2: abrogat Și modifică Hotărârea nr. 61/2025 ."),
    ]
    assert rows(built, "hotarari/2025/40") == [
        ("Hotărârea nr. 61/2025", False, "modifică hotărârea"),
        ("Hotărârea nr. 62/2025", True, "Prin actele de mai sus: modifică Hotărârea nr. 61/2025 ."),
    ]
    assert rows(built, "hotarari/2025/62") is None  # nothing changes it


def test_the_json_ld_nests_the_acts_that_change_an_amendment(built):
    site = "https://example.test/hotarari/2025/"
    changers = legislation(built, "hotarari/2025/5")["@reverse"]["legislationChanges"]
    assert sorted(changers, key=lambda node: node["@id"]) == [
        {"@id": site + "40/", "@reverse": {"legislationChanges": [
            {"@id": site + "61/", "@reverse": {"legislationChanges": [{"@id": site + "62/"}]}}]}},
        {"@id": site + "62/"},
    ]


def test_the_open_data_gives_the_whole_chain(built):
    records = {r["id"]: r for r in json.loads((built / "date" / "hotarari.json").read_text(encoding="utf-8"))}
    chain = records["buget-2025"]["modifications"]
    assert [(m["citation"], m["direct"], m["relations"], m["via"]) for m in chain] == [
        ("40/2025", True, ["amends"], []),
        ("61/2025", False, [], [{"relation": "amends", "decision": "rectificare-buget"}]),
        ("62/2025", True, ["amends"], [{"relation": "amends", "decision": "modificare-rectificare"}]),
    ]
    assert chain[2]["changes"] == [{"unit": "art. 2", "action": "repeal"}]
    assert chain[1]["adopted"] == "2025-06-26"


def test_an_act_whose_change_has_not_taken_effect_is_marked_so_in_the_table(built):
    """The review: an article's repeal, adopted but not yet in effect, was listed as „art. 3: abrogat”
    with nothing to say so (the „Modificată prin” list said it). Each row's mark agrees with the act's
    file: marked while no event up to the build day (25 November 2025) made it take effect (published,
    or communicated for an individual act, or its in-force day)."""
    import datetime as dt

    import yaml

    in_effect = {}
    for source in (built.parent / "content" / "hotarari").rglob("*.md"):
        front = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
        if front.get("number"):
            kinds = {"in-force", "communicated" if front.get("character") == "individual" else "published"}
            in_effect[f"hotarari/{front['adopted'].year}/{front['number']}"] = any(
                e["event"] in kinds and e["date"] <= dt.date(2025, 11, 25) for e in front.get("events", []))
    checked = 0
    for path in ("hotarari/2025/5", "hotarari/2025/40"):
        table = BeautifulSoup((built / path / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(
            "[data-modifications] table")
        for tr in table.select("tbody tr"):
            act = tr.select("td")[1].a["href"].strip("/")
            mark = tr.select_one("[data-not-in-effect]")
            assert (mark is not None) == (not in_effect[act]), (path, act)
            if mark is not None:
                assert mark.get_text() == "(adoptată, încă neintrată în vigoare)"
                checked += 1
    assert checked >= 1
