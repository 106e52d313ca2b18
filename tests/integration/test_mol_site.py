"""The sample council's Monitorul Oficial Local as built: disposition pages, the register, the
sections of Codul administrativ Anexa 1, the documents on their decisions' pages, feeds (read
with feedparser and checked against the Atom grammar), search (the real lunr.js through
search.js), open data, and an individual disposition's text found nowhere in the output."""

import json
import re

import feedparser
import yaml

from support import feedcheck
from support.trees import ROOT
from support.contract_checks import soup
from support.lunr_node import node_answers
from support import sitemaps

# Words of the texts of the two individual dispositions without publish_text (their bodies only).
WITHHELD_WORDS = ("Zăvoianu", "Zavoianu", "zavoian", "Brătășanu", "Bratasanu", "bratasan")


def test_disposition_page_says_what_it_is_and_what_changed_it(sample_site):
    page = soup(sample_site, "dispozitii/2024/150/")
    assert page.find("h1").get_text(" ", strip=True).startswith("Dispoziția nr. 150/2024 privind aprobarea")
    status = page.select_one("[data-status]")
    # 390/2026 is issued but not published on the build day: only 210/2025 has amended it so far
    assert status["data-status"] == "amended"
    assert [a["href"] for a in status.find_all("a")] == ["/dispozitii/2025/210/"]
    relations = {dt.get_text(): [a["href"] for a in dd.find_all("a")]
                 for dt, dd in zip(page.select(".relations dt"), page.select(".relations dd"))}
    assert relations == {"Modificată prin": ["/dispozitii/2025/210/", "/dispozitii/2026/390/"]}
    assert soup(sample_site, "dispozitii/2025/210/").select(".relations dd a")[0]["href"] == "/dispozitii/2024/150/"
    [data] = [d for d in (json.loads(s.string) for s in page.find_all("script", type="application/ld+json"))
              if d["@type"] == "Legislation"]
    assert (data["@type"], data["legislationType"], data["legislationIdentifier"]) == (
        "Legislation", "Dispoziție", "150/2024")
    assert data["@reverse"]["legislationChanges"][0]["@id"].endswith("/dispozitii/2025/210/")
    timeline = [li["class"][0] for li in page.select("[data-timeline] li")]
    assert timeline[0] == "tl-issued" and "tl-amended-by" in timeline and "tl-amendment-issued" in timeline
    assert all(t.get("datetime") for t in page.select("main time"))


def test_statuses_of_the_sample_dispositions(sample_site):
    def status(path):
        return soup(sample_site, path).select_one("[data-status]")["data-status"]
    assert status("dispozitii/2024/302/") == "repealed"
    assert status("dispozitii/2026/390/") == "adopted"  # sent to the prefect, not yet published
    assert status("dispozitii/2025/95/") == "in-force"  # individual: in force once communicated


DISPOSITION_LISTS = ("monitorul-oficial-local/dispozitii/", "dispozitii/", "dispozitii/2026/")


def test_an_issued_disposition_not_yet_in_force_is_said_once(sample_site):
    """An outside review: the lists said „Emisă, nu este încă în vigoare emisă la 20 noiembrie 2026” and
    below it „Emisă la 20 noiembrie 2026”. Each list says the status, then the issue once; the page says
    the status as a decision's page does, the day in its facts."""
    for path in DISPOSITION_LISTS:
        item = next(li for li in soup(sample_site, path).select("main li")
                    if li.a and li.a["href"] == "/dispozitii/2026/390/")
        status = item.select_one("[data-status]")
        assert (status["data-status"], status.get_text(" ", strip=True)) == ("adopted", "Nu este încă în vigoare")
        assert item.select_one(".meta").get_text(" ", strip=True) == "Emisă la 20 noiembrie 2026 , normativă"
        said = item.get_text(" ", strip=True)
        assert said.lower().count("emisă") == 1 and said.count("20 noiembrie 2026") == 1, (path, said)
    page = soup(sample_site, "dispozitii/2026/390/")
    status = page.select_one("header [data-status]")
    assert status.get_text(" ", strip=True) == "Emisă, nu este încă în vigoare" and not status.find("time")
    facts = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in zip(page.select(".facts dt"),
                                                                          page.select(".facts dd"))}
    assert facts["Emisă"] == "20 noiembrie 2026"
    row = next(r for r in soup(sample_site, "registre/dispozitii/").select("tbody tr")
               if r["data-citation"] == "390/2026")
    assert row.select("td")[-1].get_text(strip=True) == "Emisă, nu este încă în vigoare"


def test_no_disposition_list_says_a_word_twice(sample_site):
    """Every item of every list of dispositions: „Emisă” once, and the issue day in the line that says
    it, not in the status above it (but „În vigoare din” the same day, another fact)."""
    for path in DISPOSITION_LISTS:
        for item in soup(sample_site, path).select("main li:has(> .meta)"):
            said = item.get_text(" ", strip=True)
            assert said.lower().count("emis") == 1, (path, said)
            issued = item.select_one(".meta time")["datetime"]
            assert not item.select_one("[data-status]").find("time", datetime=issued) or \
                item.select_one("[data-status]")["data-status"] == "in-force", (path, said)  # in force that day


def test_meetings_link_the_disposition_that_convened_them_and_back(sample_site):
    meeting = soup(sample_site, "sedinte/sedinta-2024-06-27/")
    link = next(a for a in meeting.select(".facts a") if a.get_text().startswith("Dispoziţia nr. 231/2024"))
    assert link["href"] == "/dispozitii/2024/231/"
    convening = soup(sample_site, "dispozitii/2024/231/")
    assert "/sedinte/sedinta-2024-06-27/" in [a["href"] for a in convening.select(".facts a")]
    unpublished = soup(sample_site, "sedinte/sedinta-2025-07-31/")  # its disposition 286/2025 is not in content/
    assert "Dispoziția nr. 286/2025" in unpublished.get_text() and not unpublished.select('main a[href^="/dispozitii/"]')


def test_register_lists_every_disposition_newest_first(sample_site):
    rows = soup(sample_site, "registre/dispozitii/").select("tbody tr")
    citations = [r["data-citation"] for r in rows]
    assert len(citations) == len(list((sample_site / "dispozitii").glob("20*/*/index.html")))
    keys = [(int(c.split("/")[1]), int(c.split("/")[0])) for c in citations]
    assert keys == sorted(keys, reverse=True)
    withheld = next(r for r in rows if r["data-citation"] == "205/2026")
    assert "privind aplicarea unei sancțiuni disciplinare" in withheld.get_text()


def test_individual_disposition_text_is_nowhere(sample_site):
    page = soup(sample_site, "dispozitii/2025/95/")
    assert page.select_one("[data-withheld]") and not page.select(".body")
    published = soup(sample_site, "dispozitii/2025/265/")  # individual, publish_text: true
    assert "Se deleagă vicepreședintelui" in published.select_one(".body").get_text()
    for path in sorted(p for p in sample_site.rglob("*") if p.is_file() and p.suffix in {
            ".html", ".json", ".rss", ".atom", ".csv", ".txt", ".xml", ""}):
        text = path.read_bytes().decode("utf-8", errors="replace")
        found = [w for w in WITHHELD_WORDS if w in text]
        assert not found, f"{path.relative_to(sample_site)} holds {found}"


def test_search_finds_dispositions_with_the_real_lunr(sample_site):
    queries = [("convocarea consiliului", {"tip": "dispozitie"}), ("regulamentul intern", {}),
               ("120/2025", {}), ("Zăvoianu", {}), ("bugetul general", {"tip": "document"})]
    results = node_answers(sample_site / "cautare" / "index", queries)["results"]
    convocations, internal, citation, withheld, budgets = (r["urls"] for r in results)
    assert convocations and all(u.startswith("/dispozitii/") for u in convocations)
    assert "/dispozitii/2024/150/" in internal[:3]
    assert citation[0] == "/dispozitii/2025/120/"
    assert not {"/dispozitii/2025/95/", "/dispozitii/2026/205/"} & set(withheld)  # a name in their text only
    assert set(budgets) >= {"/documente/buget-general-2024/", "/documente/buget-general-2025/"}


def test_feeds_parse_and_follow_the_record(sample_site):
    for name in ("dispozitii", "documente"):
        atom = (sample_site / "feeds" / f"{name}.atom").read_bytes()
        assert feedcheck.atom_problems(atom) == [] and feedcheck.rss_problems(
            (sample_site / "feeds" / f"{name}.rss").read_bytes()) == []
        parsed = feedparser.parse(atom)
        assert not parsed.bozo and parsed.entries
    entries = feedparser.parse((sample_site / "feeds" / "dispozitii.atom").read_bytes()).entries
    assert len(entries) == len(list((sample_site / "dispozitii").glob("20*/*/index.html")))
    links = {e.link.removeprefix("https://example.test") for e in entries}
    assert "/dispozitii/2025/95/" in links
    page = soup(sample_site, "dispozitii/")
    assert page.find("link", rel="alternate", href="/feeds/dispozitii.atom")
    everything = feedparser.parse((sample_site / "feeds" / "toate.atom").read_bytes()).entries
    assert any(e.id.endswith(":dispozitii/dp-2026-390-modificare-regulament-intern") for e in everything)
    # an entry says the day it was issued once („Emisă la … Stare: Emisă, nu este încă în vigoare.” did not)
    for entry in entries:
        assert entry.summary.count("Emisă") == 1, entry.summary
    [waiting] = [e for e in entries if e.id.endswith(":dispozitii/dp-2026-390-modificare-regulament-intern")]
    assert "Stare: Nu este încă în vigoare." in waiting.summary, waiting.summary


def test_the_monitorul_oficial_local_has_the_sections_of_anexa_1(sample_site):
    home = soup(sample_site, "")
    first = home.select_one(".site-header nav li a")
    assert (first["href"], first.get_text()) == ("/monitorul-oficial-local/", "Monitorul Oficial Local")
    index = soup(sample_site, "monitorul-oficial-local/")
    sections = [a["href"] for a in index.select(".mol-sections h2 a")]
    assert sections == [f"/monitorul-oficial-local/{s}/" for s in (
        "statut", "regulamente", "hotarari", "dispozitii", "documente-financiare", "alte-documente")]
    for item in index.select(".mol-sections > li"):  # each count: the documents its section's page lists
        section = soup(sample_site, item.select_one("h2 a")["href"].strip("/") + "/")
        listed = len(section.select("main ul.doc-list > li, main ul.minutes > li"))
        assert re.search(rf"\({listed}( de)? (document|documente)\)", item.select_one("p").get_text()), \
            (item.get_text(" ", strip=True), listed)
    regulations = soup(sample_site, "monitorul-oficial-local/regulamente/")
    years = [int(h.get_text()) for h in regulations.select("main h2")]
    assert years == sorted(years, reverse=True)
    annex = [li for li in regulations.select(".doc-list li") if li.select_one(".tag")]
    assert annex and all("anexă la hotărâre" in li.select_one(".tag").get_text() for li in annex)
    assert any("/hotarari/2024/48/" in [a["href"] for a in li.find_all("a")] for li in annex)
    financial = {a["href"] for a in soup(sample_site, "monitorul-oficial-local/documente-financiare/").select(".doc-list h3 a")}
    assert "/documente/situatii-financiare-2024/" in financial and "/documente/buget-general-2025/" in financial
    decisions = soup(sample_site, "monitorul-oficial-local/hotarari/")
    assert decisions.find("a", href="/registre/hotarari/") and decisions.select("[data-status]")


def test_other_documents_hold_every_meetings_minutes_and_link_drafts_and_meetings(sample_site):
    """Codul administrativ, Anexa 1 lists among the other documents the minutes of the council's
    meetings, the draft normative acts and the matters to be debated: read from the content's files."""
    minutes = {}
    for path in sorted((ROOT / "content" / "sedinte").rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if front.get("minutes"):
            minutes[f"/sedinte/{path.stem}/"] = "/fisiere/" + (path.parent / front["minutes"]).relative_to(
                ROOT / "content").as_posix()
    assert len(minutes) > 10
    page = soup(sample_site, "monitorul-oficial-local/alte-documente/")
    found = {li.find_all("a")[0]["href"]: li.find_all("a")[1]["href"] for li in page.select("main ul.minutes > li")}
    assert found == minutes
    links = {a["href"] for a in page.select("main a")}
    assert {"/proiecte/", "/consultari/", "/sedinte/"} <= links


def test_documents_link_their_decision_and_back(sample_site):
    document = soup(sample_site, "documente/buget-general-2025/")
    assert document.select_one(".facts a")["href"] == "/hotarari/2025/45/"
    decision = soup(sample_site, "hotarari/2025/45/")
    assert "/documente/buget-general-2025/" in [a["href"] for a in decision.select("#documente-aprobate + ul a")]


def test_open_data(sample_site):
    records = {r["id"]: r for r in json.loads((sample_site / "date" / "dispozitii.json").read_text())}
    assert records["dp-2025-095-numire-director-executiv"]["text_published"] is False
    assert records["dp-2024-150-regulament-intern-aparat"]["amended_by"] == [
        "dp-2025-210-modificare-regulament-intern", "dp-2026-390-modificare-regulament-intern"]
    assert records["dp-2025-120-convocare-sedinta-martie"]["convenes"] == ["sedinta-2025-03-27"]
    documents = {r["id"]: r for r in json.loads((sample_site / "date" / "documente.json").read_text())}
    assert documents["buget-general-2024"]["decision"] == "hcj-2024-041-buget-general-2024"


def test_activity_shows_dispositions(sample_site):
    activity = soup(sample_site, "activitate/2026/")
    assert any(a["href"] == "/dispozitii/2026/118/" for a in activity.select(".activity a"))


def test_sitemap_lists_the_new_pages_with_their_latest_fact(sample_site):
    listed = sitemaps.listed(sample_site)
    assert listed["https://example.test/dispozitii/2024/150/"] == "2026-11-20"  # 390/2026 issued that day
    assert listed["https://example.test/documente/statutul-judetului-cluj/"] == "2024-04-25"
    assert "https://example.test/monitorul-oficial-local/regulamente/" in listed


def test_a_regulation_written_as_a_decisions_annex_is_in_its_section(sample_site):
    """The contract: regulations „also when they are a decision's annex, marked so”; the staff guide
    writes such an annex in the decision's text, under „## Anexa nr. 1 – Regulamentul …”. The
    decisions that hold one are found here in the content files, with PyYAML and a pattern."""
    import yaml

    from support import trees

    written = set()
    for path in (trees.ROOT / "content/hotarari").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1])
        if front.get("status") == "adopted" and re.search(r"^#{1,6} *Anex[aă].*[Rr]egulament", text, re.M):
            written.add(f"/hotarari/{front['adopted'].year}/{front['number']}/")
    assert written
    regulations = soup(sample_site, "monitorul-oficial-local/regulamente/")
    in_text = {a["href"] for li in regulations.select(".doc-list li") if li.select_one(".tag")
               and "în textul hotărârii" in li.select_one(".tag").get_text() for a in li.select("h3 a")}
    assert {href.split("consolidat/")[0] for href in in_text} == written


def test_the_status_filter_finds_dispositions_by_the_status_their_pages_show(sample_site):
    """Search's `stare` filter (a public status) applies to dispositions as to decisions: the oracle
    is each disposition page's own `data-status`."""
    shown = {}
    for page in (sample_site / "dispozitii").glob("20*/*/index.html"):
        status = soup(sample_site, str(page.parent.relative_to(sample_site)) + "/").select_one("[data-status]")
        shown.setdefault(status["data-status"], set()).add("/" + str(page.parent.relative_to(sample_site)) + "/")
    assert len(shown) >= 2, shown
    queries = [("dispoziția", {"tip": "dispozitie", "stare": code}) for code in sorted(shown)]
    for (_, filters), result in zip(queries, node_answers(sample_site / "cautare" / "index", queries)["results"]):
        found = set(result["urls"])
        assert found and found <= shown[filters["stare"]], (filters, found)
