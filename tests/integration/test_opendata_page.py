"""/date/ on the built sample council (issue 16): each file with its size, as written on disk,
and the licence under which the files may be reused."""

from support.contract_checks import soup


def test_each_file_is_listed_with_its_size_on_disk(sample_site):
    page = soup(sample_site, "date/")
    items = page.select("main [data-datasets] li")
    assert len(items) == 7
    for item in items:
        href = item.a["href"]
        size = (sample_site / href.lstrip("/")).stat().st_size
        shown = item.select_one("[data-bytes]")
        assert int(shown["data-bytes"]) == size, href
        expected = f"{size} B" if size < 1024 else f"{round(size / 1024):,} kB".replace(",", ".")
        assert shown.get_text() == f"({expected})", href


def test_the_licence_is_stated_and_linked(sample_site):
    licence = soup(sample_site, "date/").select_one("[data-licence]")
    assert licence.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/deed.ro"
    assert "CC BY 4.0" in licence.get_text() and "Legea nr. 8/1996, art. 9" in licence.get_text()


def test_every_column_of_the_csv_is_explained_in_its_order(sample_site):
    import csv

    with open(sample_site / "date/hotarari.csv", encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    explained = soup(sample_site, "date/").select("dl.columns dt code")
    assert [code.get_text() for code in explained] == header
    assert all(dt.find_next_sibling("dd").get_text(strip=True) for dt in soup(sample_site, "date/").select("dl.columns dt"))


def test_each_column_is_found_in_the_json_where_the_page_says(sample_site):
    """The journalist's review: the page said the CSV's columns were the JSON's keys, and the vote's
    four were nested under "vote". Each cell must equal the value at the place /date/ names for it
    (a list joined by „; ”, a missing value empty)."""
    import csv
    import json

    places = {}
    for dt in soup(sample_site, "date/").select("dl.columns dt"):
        named = dt.find_next_sibling("dd").select_one("code")
        places[dt.get_text()] = named.get_text() if named else dt.get_text()
    assert places["for"] == "vote.for"
    records = {r["id"]: r for r in json.loads((sample_site / "date/hotarari.json").read_text(encoding="utf-8"))}
    with open(sample_site / "date/hotarari.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and any(row["for"] for row in rows)
    for row in rows:
        for column, cell in row.items():
            value = records[row["id"]]
            for key in places[column].split("."):
                value = value.get(key) if isinstance(value, dict) else None
            expected = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
            assert cell.lstrip("'") == expected, (row["id"], column)


def test_the_integrity_files_are_linked_so_a_mirror_of_the_site_can_be_verified(sample_site):
    """No page linked /date/integritate/: a copy made by following links (wget -m) had no manifest to
    check it against. The sample is not signed: no link to a signature or key it does not publish."""
    section = soup(sample_site, "date/").select_one("[data-integrity]")
    linked = {a["href"] for a in section.find_all("a")}
    assert linked == {"/date/integritate/manifest.json", "/date/integritate/SHA256SUMS"}
    assert all((sample_site / href.lstrip("/")).is_file() for href in linked)
    assert "sha256sum -c date/integritate/SHA256SUMS" in section.get_text()
    # Unsigned, the manifest shows that a copy's files match it, not who published them (a journalist's
    # review: the page claimed anyone could show a copy to be exactly what the council published).
    said = " ".join(section.get_text().split())
    assert "întocmai ceea ce a publicat consiliul" not in said
    assert "arată doar că fișierele unei copii corespund manifestului, nu și cine le-a publicat" in said
