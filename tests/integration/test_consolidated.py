"""The consolidated text of the sample council's transport regulation (48/2024, amended by 141/2025,
whose inserted art. 12^1 87/2026 changes), read from the built pages; and an incremental build
after editing a change equals a cold one."""

import json
import shutil

import feedparser
import pytest
from bs4 import BeautifulSoup

from support import trees
from support import sitemaps

pytestmark = pytest.mark.slow

BASE = "hotarari/2024/48/consolidat/"
ART_12 = ("Călătorul are obligația de a valida legitimația de călătorie la urcarea în autovehicul, "
          "la validatorul electronic sau la conducătorul auto.")
ART_12_1_BY_141 = ("Operatorii de transport asigură, în fiecare autovehicul, posibilitatea achiziționării biletului "
                   "prin plata cu cardul bancar contactless.")
ART_12_1_BY_87 = ("Operatorii de transport asigură, în fiecare autovehicul, posibilitatea achiziționării biletului "
                  "prin plata cu cardul bancar contactless sau prin aplicația mobilă a operatorului, precum și "
                  "validarea abonamentelor încărcate pe card.")
ART_27_2 = ("Nerespectarea repetată a programului de circulație, constatată de cel puțin trei ori într-o lună, "
            "se sancționează cu suspendarea licenței de traseu pe o perioadă de 30 de zile.")


def page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def unit(soup, anchor):
    found = soup.find(id=anchor)
    assert found is not None, anchor
    return found


def own_text(element) -> str:
    """An article's own paragraph, without its marker (the bold `Art. N.`)."""
    paragraph = BeautifulSoup(str(element.find("p", recursive=False)), "html.parser")
    paragraph.strong.extract()
    return paragraph.get_text().strip()


def changed(soup):
    return sorted((e["data-unit"], e["data-changed-by"], e["data-changed-since"], e.has_attr("data-repealed"))
                  for e in soup.select("[data-changed-by]"))


def test_todays_text_applies_the_whole_chain(sample_site):
    soup = page(sample_site, BASE)
    assert changed(soup) == [
        ("article:12", "141/2025", "2025-08-06", False),
        ("article:12^1", "87/2026", "2026-04-15", False),
        ("letter:c", "87/2026", "2026-04-15", True),
        ("paragraph:2", "141/2025", "2025-08-06", False),
        ("paragraph:3", "141/2025", "2025-08-06", True),
    ]
    assert own_text(unit(soup, "anexa-1-a12")) == ART_12
    inserted = unit(soup, "anexa-1-a12-1")
    assert inserted.find("strong").decode_contents() == "Art. 12<sup>1</sup>."
    assert own_text(inserted) == ART_12_1_BY_87
    assert inserted.select_one(".unit-note").get_text(" ", strip=True) == \
        "Modificat prin Hotărârea nr. 87/2026 , de la 15 aprilie 2026 ."
    assert unit(soup, "anexa-1-a27-p2").get_text(" ", strip=True).startswith(f"(2) {ART_27_2}")
    letter = unit(soup, "anexa-1-a14-p1-lc")
    assert letter.get_text(" ", strip=True) == "c) Abrogată. Abrogată prin Hotărârea nr. 87/2026 , de la 15 aprilie 2026 ."
    assert unit(soup, "anexa-1-a9-p3").find("p").get_text(" ", strip=True) == "(3) Abrogat."
    # The articles staff did not change are as adopted; the decision's own articles too.
    assert own_text(unit(soup, "anexa-1-a13")) == "Călătorul poate transporta gratuit un bagaj de mână de cel mult 20 kg."
    assert not unit(soup, "a1").has_attr("data-changed-by")
    # Today's page says which version it is, lists the versions and links the acts.
    assert soup.select_one(".version-state")["data-version"] == "2026-04-15"
    versions = [(li["data-version"], li.get("aria-current")) for li in soup.select("[data-versions] li")]
    assert versions == [("2026-04-15", None), ("2025-08-06", None), ("2024-04-01", None)]
    assert "(în vigoare astăzi)" in soup.select("[data-versions] li")[0].get_text()


def test_the_notice_says_what_the_text_does_not_cover(sample_site):
    notice = page(sample_site, BASE).select_one("[data-consolidation-notice]").get_text(" ", strip=True)
    assert "numai hotărârea și actele care au modificat-o, așa cum au fost publicate, produc efecte juridice" in notice
    assert "anexele publicate numai ca fișiere PDF" in notice
    assert "modificările pe care actele nu le-au înregistrat articol cu articol" in notice
    pdfs = page(sample_site, BASE).select("#anexe ~ ul.files a")
    assert [a["href"] for a in pdfs] == ["/fisiere/hotarari/2024/anexe/48-2024-regulament.pdf"]


def test_each_version_as_it_was(sample_site):
    original = page(sample_site, BASE + "2024-04-01/")
    assert changed(original) == []
    assert own_text(unit(original, "anexa-1-a12")).startswith("Călătorul are obligația de a achiziționa")
    assert original.find(id="anexa-1-a12-1") is None
    assert original.select_one("[data-comparisons]") is None

    middle = page(sample_site, BASE + "2025-08-06/")
    assert changed(middle) == [("article:12", "141/2025", "2025-08-06", False),
                               ("article:12^1", "141/2025", "2025-08-06", False),
                               ("paragraph:2", "141/2025", "2025-08-06", False),
                               ("paragraph:3", "141/2025", "2025-08-06", True)]
    assert own_text(unit(middle, "anexa-1-a12-1")) == ART_12_1_BY_141
    assert "pensionarii" in unit(middle, "anexa-1-a14-p1-lc").get_text()
    assert "Versiune istorică" in middle.select_one(".version-state").get_text()
    current = [li["data-version"] for li in middle.select("[data-versions] li[aria-current=page]")]
    assert current == ["2025-08-06"]


def test_versions_compared_word_by_word(sample_site):
    soup = page(sample_site, BASE + "2026-04-15/")
    comparisons = soup.select("[data-comparisons] details")
    assert [(d["data-compare-with"], d.has_attr("open")) for d in comparisons] == [("2025-08-06", True),
                                                                                  ("2024-04-01", False)]
    latest = [(li.strong.get_text(), li["data-difference"]) for li in comparisons[0].select("li")]
    assert latest == [("art. 12^1 din anexa nr. 1", "changed"), ("art. 14 alin. (1) lit. c) din anexa nr. 1", "repealed")]
    inserted = [i.get_text() for i in comparisons[0].select("li")[0].find_all("ins")]
    # said in words too, for screen readers that do not announce <ins> and <del>, as the history's pages do
    assert inserted == ["[adăugat:  sau prin aplicația mobilă a operatorului, precum și validarea abonamentelor "
                        "încărcate pe card]"]
    marked = soup.select("[data-comparisons] .differences ins, [data-comparisons] .differences del")
    assert marked and all(m.select_one(".visually-hidden").get_text() == ("[adăugat: " if m.name == "ins" else "[șters: ")
                          for m in marked)
    against_original = {li.strong.get_text(): li["data-difference"] for li in comparisons[1].select("li")}
    assert against_original == {
        "art. 9 alin. (3) din anexa nr. 1": "repealed", "art. 12 din anexa nr. 1": "changed",
        "art. 12^1 din anexa nr. 1": "added", "art. 14 alin. (1) lit. c) din anexa nr. 1": "repealed",
        "art. 27 alin. (2) din anexa nr. 1": "changed"}


def test_json_ld_names_what_each_version_consolidates(sample_site):
    for path, day, acts in ((BASE, "2026-04-15", ["48", "141", "87"]), (BASE + "2025-08-06/", "2025-08-06", ["48", "141"])):
        data = json.loads(page(sample_site, path).select_one('script[type="application/ld+json"]:not(:-soup-contains("BreadcrumbList"))').string)
        assert data["@type"] == "Legislation" and data["legislationDateVersion"] == day
        assert [c["@id"] for c in data["legislationConsolidates"]] == [
            {"48": "https://example.test/hotarari/2024/48/", "141": "https://example.test/hotarari/2025/141/",
             "87": "https://example.test/hotarari/2026/87/"}[a] for a in acts]
        assert data["@id"] == f"https://example.test/{BASE}{day}/"


def test_the_decision_page_links_its_consolidated_text(sample_site):
    soup = page(sample_site, "hotarari/2024/48/")
    link = soup.select_one("[data-consolidated] a")
    assert link["href"] == "/" + BASE
    assert page(sample_site, "hotarari/2025/141/").select_one("[data-consolidated]") is None


def test_the_decisions_feed_announces_each_version(sample_site):
    feed = feedparser.parse((sample_site / "feeds" / "proiecte" / "hcj-2024-048-regulament-transport-judetean.atom").read_bytes())
    versions = [e for e in feed.entries if "/consolidat/" in e.link]
    assert [e.link for e in versions] == [f"https://example.test/{BASE}2026-04-15/",
                                          f"https://example.test/{BASE}2025-08-06/"]
    assert versions[0].title.startswith("Text consolidat, versiunea din 15 aprilie 2026: Hotărârea nr. 48/2024")


def test_search_finds_the_regulation_by_its_text_in_force(sample_site):
    """Words only the amendments brought (art. 12^1 as 87/2026 worded it) find 48/2024 itself."""
    from transparency.search import search_query
    reader = search_query.IndexReader(lambda path: (sample_site / "cautare" / "index" / path).read_bytes())
    urls = [r["u"] for r in reader.search("validarea abonamentelor încărcate pe card").records]
    assert "/hotarari/2024/48/" in urls


def same_files(incremental, cold):
    a = {p.relative_to(incremental).as_posix(): p.read_bytes() for p in incremental.rglob("*") if p.is_file()}
    b = {p.relative_to(cold).as_posix(): p.read_bytes() for p in cold.rglob("*") if p.is_file()}
    assert sorted(set(a) - set(b)) == [], "left over by the incremental build"
    assert sorted(set(b) - set(a)) == [], "missing from the incremental build"
    assert [path for path in a if a[path] != b[path]] == []


def test_incremental_builds_equal_cold_ones_through_edits_of_changes(tmp_path):
    """Edit a change's text and the target's text; move an act's entry into force; remove every
    change aimed at the budget: after each, the incremental build equals a cold build."""
    content = tmp_path / "content"
    shutil.copytree(trees.ROOT / "content", content)
    incremental, cache = tmp_path / "incremental", tmp_path / "cache"

    def build(output, cache_folder):
        result = trees.build(content, output, epoch=trees.EPOCH_2026_11_25, cache=cache_folder)
        assert result.returncode == 0, result.stderr
        return output

    def edit(relative, old, new):
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    def step(name):
        build(incremental, cache)
        same_files(incremental, build(tmp_path / f"cold-{name}", tmp_path / f"cold-{name}-cache"))
        return page(incremental, BASE)

    build(incremental, cache)
    edit("hotarari/2026/hcj-2026-087-modificare-regulament-transport.md", "contactless sau prin", "contactless ori prin")
    edit("hotarari/2024/hcj-2024-048-regulament-transport-judetean.md", "de cel mult 20 kg", "de cel mult 25 kg")
    today = step("edited")
    assert "contactless ori prin" in unit(today, "anexa-1-a12-1").get_text()
    assert "25 kg" in unit(today, "anexa-1-a13").get_text()

    edit("hotarari/2026/hcj-2026-087-modificare-regulament-transport.md",
         "{date: 2026-04-15, event: published}", "{date: 2026-04-16, event: published}")
    today = step("moved")
    assert today.select_one(".version-state")["data-version"] == "2026-04-16"
    assert not (incremental / BASE / "2026-04-15").exists()

    budget = "hotarari/2024/41/consolidat/"
    for relative in ("hotarari/2024/hcj-2024-132-rectificare-buget-iunie.md",
                     "hotarari/2024/hcj-2024-251-rectificare-buget-decembrie.md"):
        path = content / relative
        text = path.read_text(encoding="utf-8")
        path.write_text(text[:text.index("changes:")] + text[text.index("events:"):], encoding="utf-8")
    step("removed")
    assert not (incremental / budget).exists()
    assert page(incremental, "hotarari/2024/41/").select_one("[data-consolidated]") is None


def test_the_sitemap_dates_each_version_by_the_day_it_took_effect(sample_site):
    listed = sitemaps.listed(sample_site)
    site = "https://example.test/"
    assert {path: listed[site + BASE + path] for path in ("", "2024-04-01/", "2025-08-06/", "2026-04-15/")} == {
        "": "2026-04-15", "2024-04-01/": "2024-04-01", "2025-08-06/": "2025-08-06", "2026-04-15/": "2026-04-15"}


def test_a_council_under_a_sub_path_from_a_crlf_file(unseen_site):
    """The unseen council (its amending act saved with a BOM and CRLF, cedillas in its text) has the
    contract's change applied, with addresses under its sub-path."""
    soup = page(unseen_site.output, "hotarari/2025/12/consolidat/")
    assert changed(soup) == [("article:2", "9/2026", "2026-04-01", False)]
    assert own_text(unit(soup, "a2")) == "Primarul şi direcţia economică duc la îndeplinire prezenta hotărâre."
    assert [a["href"] for a in soup.select("[data-versions] a[href*=consolidat]")] == [
        "/transparenta/hotarari/2025/12/consolidat/2026-04-01/", "/transparenta/hotarari/2025/12/consolidat/2025-03-05/"]
    decision = page(unseen_site.output, "hotarari/2025/12/")
    assert decision.select_one("[data-consolidated] a")["href"] == "/transparenta/hotarari/2025/12/consolidat/"


def test_a_versions_page_says_its_status_line_is_todays(sample_site):
    """The review: a version's page headed „Modificată prin Hotărârea nr. 230/2026” above the version
    that also applies 231/2026: the status line is the decision's of today (the build day, 25 November
    2026), and a version's page says so; today's text needs no such words."""
    versions = sorted(p.parent for p in (sample_site / BASE.strip("/")).glob("20*/index.html"))
    assert len(versions) >= 3
    for folder in versions:
        html = page(sample_site, folder.relative_to(sample_site).as_posix() + "/")
        said = html.select_one("header [data-status-today]")
        assert said is not None and said.find("time")["datetime"] == "2026-11-25", folder
        assert said.find_next_sibling(attrs={"data-status": True}) is not None, folder
    assert page(sample_site, BASE).select_one("[data-status-today]") is None
