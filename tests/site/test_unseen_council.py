"""A council the code has never seen (tests/fixtures/unseen, written from the
contract alone: other names, seats, committees, a BOM + CRLF file, cedilla
letters, a suspended and a repealed decision, served under a sub-path)
builds strictly and shows what the contract implies."""

import unicodedata

from bs4 import BeautifulSoup

from support.contract_checks import check_site


def text_of(site, path):
    page = site.output / path / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True)


def test_unseen_council_matches_the_contract(unseen_site):
    assert check_site(unseen_site.content, unseen_site.output, unseen_site.today) == []


def test_bom_crlf_and_cedilla_text_display_as_written(unseen_site):
    raw = (unseen_site.content / "hotarari/2026/hcl-2026-009-rectificare-buget.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rectificare = text_of(unseen_site, "hotarari/2026/9")
    assert "Fişier salvat cu BOM şi sfârşit de rând Windows" in rectificare
    assert "\ufeff" not in (unseen_site.output / "hotarari/2026/9/index.html").read_text(encoding="utf-8")
    assert "Regulament de funcţionare a pieţei" in text_of(unseen_site, "hotarari/2026/31")
    assert "Ştefan Ţurcanu" in rectificare


def test_the_council_comes_from_its_own_file(unseen_site):
    home = text_of(unseen_site, "")
    assert "Consiliul Local al Orașului Piatra Albă" in home
    assert "Consiliul Județean" not in home


def test_unseen_council_shows_a_suspended_and_a_repealed_decision(unseen_site):
    shown = {BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select_one("[data-status]")["data-status"]
             for p in (unseen_site.output / "hotarari").glob("20*/*/index.html")}
    assert {"suspended", "repealed", "amended", "in-force"} <= shown, shown


def test_a_local_councils_site_never_speaks_of_a_county_or_its_president(unseen_site):
    """Nothing about one council is hard-coded (the contract): a town's dispositions are its mayor's,
    its decisions its local council's. Its content names no county and no president (checked first),
    so neither may any file the build wrote: pages, feeds, calendars, open data, the search index."""
    words = ("judet", "presedint")

    def fold(text: str) -> str:  # ș, ş, ț, ţ, ă, î, â without their marks
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()

    for path in unseen_site.content.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yml"):
            assert not any(w in fold(path.read_text(encoding="utf-8")).lower() for w in words), path
    said = [str(path.relative_to(unseen_site.output)) for path in unseen_site.output.rglob("*")
            if path.is_file() and path.suffix in (".html", ".xml", ".rss", ".atom", ".ics", ".json", ".csv", ".txt")
            and any(w in fold(path.read_text(encoding="utf-8")).lower() for w in words)]
    assert said == []
    assert "Dispozițiile primarului" in text_of(unseen_site, "dispozitii")
