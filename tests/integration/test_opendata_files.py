"""The open data files of the built sample council against what the content says, read with yaml
from the files staff write (never by the code that makes the exports), and /date/ as the catalogue
of every file it publishes."""

import json
from pathlib import Path

import yaml

from support import trees
from support.contract_checks import soup

CONTENT = trees.ROOT / "content"


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def documents(folder: str) -> dict[str, tuple[Path, dict]]:
    """id → (file, front matter) of every document under content/FOLDER/."""
    return {path.stem: (path, front_matter(path)) for path in sorted((CONTENT / folder).rglob("*.md"))}


def load(site: Path, name: str) -> list:
    return json.loads((site / "date" / name).read_text(encoding="utf-8"))


def test_reports_carry_their_attachments_in_the_shape_of_the_decisions(sample_site):
    """rapoarte.json had no `attachments`, though reports publish PDFs under /fisiere/ and the
    contract gives them a decision's attachments' shape: each item's title as written, an address
    that serves the file, and its size on disk."""
    reports = {r["id"]: r for r in load(sample_site, "rapoarte.json")}
    shape = {key for d in load(sample_site, "hotarari.json") for a in d["attachments"] for key in a}
    assert shape == {"title", "url", "bytes"}
    written = documents("rapoarte")
    assert set(reports) == set(written)
    with_files = 0
    for report_id, (path, front) in written.items():
        listed = reports[report_id]["attachments"]
        assert [a["title"] for a in listed] == [a["title"] for a in front.get("attachments") or []], report_id
        for item in listed:
            assert set(item) == shape
            assert item["url"].startswith("https://example.test/fisiere/rapoarte/"), item["url"]
            served = sample_site / item["url"].removeprefix("https://example.test/")
            assert served.is_file() and served.stat().st_size == item["bytes"], item["url"]
        with_files += bool(listed)
    assert with_files >= 3  # raport-specialitate-buget-2025, -buget-2026, -tarife-transport-2027


def first_event(front: dict, kind: str) -> str | None:
    days = sorted(str(e["date"]) for e in front.get("events") or () if e["event"] == kind)
    return days[0] if days else None


def test_dispositions_give_their_entry_into_force_as_the_content_and_their_page_say(sample_site):
    """dispozitii.json had no entry into force, while /monitorul-oficial-local/dispozitii/ says „În
    vigoare din 22 octombrie 2026” of 377/2026. The day is the first `in-force` event, else the first
    `published` (normative) or `communicated` (individual) event (Codul administrativ, art. 198–199),
    and each disposition's page shows the same day beside its status."""
    records = {d["id"]: d for d in load(sample_site, "dispozitii.json")}
    written = documents("dispozitii")
    assert set(records) == set(written)
    for disposition_id, (_, front) in written.items():
        takes_effect = "communicated" if front.get("character") == "individual" else "published"
        expected = first_event(front, "in-force") or first_event(front, takes_effect)
        record = records[disposition_id]
        assert record["entry_into_force"] == expected, disposition_id
        status = soup(sample_site, record["url"].removeprefix("https://example.test/")).select_one(
            "main [data-status]")
        if status["data-status"] in ("in-force", "adopted") and status.time:
            assert status.time["datetime"] == expected, disposition_id
    (convening,) = [d for d in records.values() if d["citation"] == "377/2026"]
    assert convening["entry_into_force"] == "2026-10-22"
    listed = soup(sample_site, "monitorul-oficial-local/dispozitii/").select_one(
        'a[href="/dispozitii/2026/377/"]').find_parent("li").select_one("[data-status]")
    assert "În vigoare din" in " ".join(listed.get_text(" ").split()) and listed.time["datetime"] == "2026-10-22"


def test_date_lists_every_data_file_it_publishes_with_its_size(sample_site):
    """The annual report's files (raport-legea-52-YEAR.json and .csv) were linked from
    /transparenta/raport/YEAR/ only: /date/ must list every file of /date/ (its own page and the
    integrity files, which it links in their own paragraph, aside), each with its size on disk."""
    page = soup(sample_site, "date/")
    shown = {}
    for size in page.select("main [data-bytes]"):
        link = size.find_previous_sibling("a")
        shown[link["href"]] = int(size["data-bytes"])
    published = {f"/date/{path.name}": path.stat().st_size for path in (sample_site / "date").iterdir()
                 if path.is_file() and path.name != "index.html"}
    assert any(name.startswith("/date/raport-legea-52-") for name in published)
    assert shown == published
