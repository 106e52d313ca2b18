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
