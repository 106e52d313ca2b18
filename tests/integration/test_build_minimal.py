"""Build the minimal fixture council and find every document at its contract address."""

from bs4 import BeautifulSoup

from support import trees


def page(output, path):
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_document_is_at_its_contract_address(minimal_site):
    for path in ["hotarari/2025/5", "hotarari/2025/40", "proiecte/proiect-parcari", "proiecte/buget-2025",
                 "rapoarte/raport-buget-2025", "rapoarte/aviz-buget-2025", "sedinte/sedinta-2025-03-27",
                 "sedinte/sedinta-2025-06-26", "despre"]:
        assert (minimal_site / path / "index.html").is_file(), path
    assert (minimal_site / "fisiere/hotarari/2025/anexe/buget-anexa-1.pdf").is_file()


def test_decision_page_shows_status_timeline_and_relations(minimal_site):
    soup = page(minimal_site, "hotarari/2025/5")
    assert soup.select_one("[data-status]")["data-status"] == "amended"
    timeline = soup.select_one("ol[data-timeline]")
    kinds = [li["class"][0] for li in timeline.find_all("li")]
    assert kinds == ["tl-registered", "tl-consultation-opened", "tl-consultation-closed", "tl-report",
                     "tl-committee-opinion", "tl-on-agenda", "tl-adopted", "tl-signed", "tl-published",
                     "tl-amended-by"]
    assert all(li.find("time")["datetime"] for li in timeline.find_all("li"))
    assert soup.find("a", href="/hotarari/2025/40/")
    amender = page(minimal_site, "hotarari/2025/40")
    # Published on 30 June: in force, and 5/2025 amended, from that day (Codul administrativ, art. 199).
    assert amender.select_one("[data-status]")["data-status"] == "in-force"
    assert timeline.select("li")[-1].find("time")["datetime"] == "2025-06-30"
    assert amender.find("a", href="/hotarari/2025/5/", string="Hotărârea nr. 5/2025")


def test_mentions_link_existing_decisions_only(minimal_site):
    body = page(minimal_site, "hotarari/2025/40").select_one(".body")
    assert [a["href"] for a in body.find_all("a")] == ["/hotarari/2025/5/"]
    assert "HCJ nr. 999/2019" in body.get_text()


def test_draft_address_of_adopted_decision_leads_to_it(minimal_site):
    soup = page(minimal_site, "proiecte/buget-2025")
    assert soup.find("a", href="/hotarari/2025/5/")
    assert "/hotarari/2025/5/" in soup.find("meta", attrs={"http-equiv": "refresh"})["content"]


def test_draft_in_consultation_on_the_build_day(minimal_site):
    soup = page(minimal_site, "proiecte/proiect-parcari")
    assert soup.select_one("[data-status]")["data-status"] == "in-consultation"
    assert "registratura@cjexemplu.ro" in soup.get_text()


def test_content_errors_fail_the_build_once_listing_each(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "hotarari/2025/rau.md", "---\ntitle: X\nstatus: adoptat\nregistered: 2025-13-01\n---\n")
    trees.write(content, "rapoarte/r.md", "---\ntitle: R\nkind: specialist-report\ndecision: 77/2020\ndate: 2025-01-01\n---\n")
    result = trees.build(content, tmp_path / "out")
    assert result.returncode == 1
    assert "content/hotarari/2025/rau.md:3: status: valoare necunoscută „adoptat”" in result.stderr
    assert "content/hotarari/2025/rau.md:4: registered:" in result.stderr
    assert "content/rapoarte/r.md:4: decision:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_warnings_pass_html_but_fail_publish(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "pages/contact.md", "---\ntitle: Contact\n---\nScrieți la ion.popescu@gmail.com\n")
    assert trees.build(content, tmp_path / "a").returncode == 0
    strict = trees.build(content, tmp_path / "b", strict=True)
    assert strict.returncode == 1 and "content/pages/contact.md:4: date personale" in strict.stderr


def test_an_amended_decisions_version_is_dated_when_its_amendment_took_effect(minimal_site):
    """JSON-LD `legislationDateVersion`: 40/2025, adopted on 26 June, was published (took effect) on
    30 June, as the fixture's events say; the consolidated text's versions are dated so too."""
    import json

    nodes = [json.loads(s.string) for s in page(minimal_site, "hotarari/2025/5").find_all(
        "script", type="application/ld+json")]
    [legislation] = [n for n in nodes if n.get("@type") == "Legislation"]
    assert legislation["legislationDateVersion"] == "2025-06-30"


def test_a_publication_still_to_come_is_no_fact_in_the_json_ld_or_the_sitemap(tmp_path):
    """40/2025, adopted on 26 June, is published (takes effect, amending 5/2025) on 30 June, as the
    fixture's events say. Built on 29 June: no `datePublished` yet, and 5/2025's `lastmod` the day
    40/2025 was adopted; on 30 June: published, and 5/2025's page changed that day (its status)."""
    import json

    from support import sitemaps, trees

    def built(day: str, epoch: str) -> dict:
        output = tmp_path / day
        assert trees.build(trees.FIXTURES / "minimal", output, epoch=epoch).returncode == 0
        [legislation] = [n for n in (json.loads(s.string) for s in page(output, "hotarari/2025/40").find_all(
            "script", type="application/ld+json")) if n.get("@type") == "Legislation"]
        return {"published": legislation.get("datePublished"),
                "lastmod": sitemaps.listed(output)["https://example.test/hotarari/2025/5/"]}

    assert built("29", "1751198400") == {"published": None, "lastmod": "2025-06-26"}
    assert built("30", "1751284800") == {"published": "2025-06-30", "lastmod": "2025-06-30"}


def test_a_link_to_an_address_of_the_site_with_no_page_is_a_warning_naming_the_address_meant(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "pages/despre.md", "---\ntitle: Despre acest site\n---\n"
                "Vezi [bugetul](/hotarari/2025/5/), [anexa](/fisiere/hotarari/2025/anexe/buget-anexa-1.pdf),\n"
                "[căutarea](https://example.test/cautare/?q=buget#rezultate) și [legea](https://example.ro/x/).\n\n"
                "Nu există [hotărârea](/hotarari/2025/999/), nici [aceasta](https://example.test/hotarari/5/2025/).\n"
                "Vezi și [raportul].\n"
                "\n[raportul]: /Rapoarte/raport-buget-2025\n")
    result = trees.build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    dead = [line for line in result.stderr.splitlines() if "nu se publică nimic" in line]
    assert [line.split(": text: ")[0] for line in dead] == ["content/pages/despre.md:7"] * 2 + \
        ["content/pages/despre.md:10"]
    assert "„/hotarari/2025/999/”" in dead[0] and "poate ați vrut" not in dead[0]
    assert "„https://example.test/hotarari/5/2025/”" in dead[1] and "poate ați vrut „/hotarari/2025/5/”" in dead[1]
    assert "poate ați vrut „/rapoarte/raport-buget-2025/”" in dead[2]
    strict = trees.build(content, tmp_path / "strict", strict=True)
    assert strict.returncode == 1 and "„/hotarari/2025/999/”" in strict.stderr


def test_a_vote_confirmed_below_quorum_publishes_and_its_page_says_so(tmp_path):
    """Staff confirm a vote taken with too few present (`below_quorum: true`): `make publish` is no
    longer stopped, and the page states the missing quorum (7 seats: at least 4 present)."""
    content = trees.copy_fixture("minimal", tmp_path / "content")
    path = content / "hotarari/2025/rectificare-buget.md"
    text = path.read_text(encoding="utf-8")
    assert "vote: {present: 6, for: 4, against: 0, abstain: 2}" in text
    unconfirmed = text.replace("{present: 6, for: 4, against: 0, abstain: 2}",
                               "{present: 3, for: 3, against: 0, abstain: 0}"
                               ).replace("majority: absolute", "majority: simple")  # absolute: 4 of 7 seats
    path.write_text(unconfirmed, encoding="utf-8")
    refused = trees.build(content, tmp_path / "a", strict=True)
    assert refused.returncode == 1 and "below_quorum: true" in refused.stderr
    path.write_text(unconfirmed.replace("abstain: 0}", "abstain: 0, below_quorum: true}"), encoding="utf-8")
    assert trees.build(content, tmp_path / "b", strict=True).returncode == 0
    said = " ".join(page(tmp_path / "b", "hotarari/2025/40").select_one("[data-below-quorum]").get_text(" ").split())
    assert said.startswith("Votul a fost dat fără cvorum: au fost prezenți 3 din 7 consilieri în funcție")
    assert "cel puțin 4" in said and "art. 137" in said
    assert page(tmp_path / "b", "hotarari/2025/5").select_one("[data-below-quorum]") is None
