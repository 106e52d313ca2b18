"""Open data exports: complete, deterministic, readable by ordinary tools."""

import csv
import io
import json

from support.trees import check_with
from transparency import opendata
from transparency.views import SiteModel

import datetime as dt


def site(tmp_path):
    return SiteModel(check_with(tmp_path, {}), dt.date(2025, 11, 25), "https://example.test")


def test_every_decision_is_exported_with_relations_and_status(tmp_path):
    files = dict(opendata.files(site(tmp_path)))
    records = {r["id"]: r for r in json.loads(files["date/hotarari.json"])}
    assert set(records) == {"buget-2025", "rectificare-buget", "proiect-parcari"}
    budget = records["buget-2025"]
    assert budget["citation"] == "5/2025" and budget["public_status"] == "amended"
    assert budget["amended_by"] == ["rectificare-buget"] and budget["nominal_vote"]["against"] == ["Dan Stan"]
    assert budget["url"] == "https://example.test/hotarari/2025/5/"
    assert [e["kind"] for e in budget["timeline"]][:2] == ["registered", "consultation-opened"]
    assert records["proiect-parcari"]["public_status"] == "in-consultation"


def test_csv_has_one_row_per_decision_and_keeps_diacritics(tmp_path):
    files = dict(opendata.files(site(tmp_path)))
    text = files["date/hotarari.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 and list(rows[0]) == list(opendata.CSV_COLUMNS)
    assert any("județului" in r["title"] for r in rows)


def test_exports_are_deterministic(tmp_path):
    assert opendata.files(site(tmp_path / "a")) == opendata.files(site(tmp_path / "b"))
