"""Open data exports: complete, deterministic, readable by ordinary tools."""

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from support.trees import check_with
from transparency.publish import opendata
from transparency.site.views import SiteModel

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


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_a_csv_cell_a_spreadsheet_would_run_starts_with_a_quote():
    formulas = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "\n=1"]
    records = [{"id": f"p{i}", "title": text, "initiator": "Direcția economică", "topics": [text, "buget"],
                "vote": None, **{c: None for c in opendata.CSV_COLUMNS if c not in ("id", "title", "initiator",
                                                                                      "topics")}}
               for i, text in enumerate(formulas)]
    rows = read_csv(opendata.csv_file([opendata.encode(r).csv_row for r in records]))
    assert [r["title"] for r in rows] == ["'" + text for text in formulas]
    assert [r["topics"] for r in rows] == [f"'{text}; buget" for text in formulas]
    assert {r["initiator"] for r in rows} == {"Direcția economică"}  # ordinary text is left alone


def test_ordinary_cells_are_not_quoted(tmp_path):
    rows = read_csv(dict(opendata.files(site(tmp_path)))["date/hotarari.csv"])
    assert not [value for row in rows for value in row.values() if value.startswith("'")]


CELL = st.one_of(st.none(), st.integers(), st.text(), st.lists(st.text(), max_size=3))
VOTE_COLUMNS = ("present", "for", "against", "abstain")  # the CSV's, from the record's vote (None here)


@given(st.lists(st.fixed_dictionaries({c: CELL for c in opendata.CSV_COLUMNS if c not in VOTE_COLUMNS}),
                max_size=6))
def test_the_files_joined_from_each_records_bytes_are_those_of_the_whole_list(records):
    """hotarari.json and hotarari.csv are joined from each decision's kept bytes: the same bytes
    as encoding the whole list at once (json.dumps of the list; one csv.writer over every row)."""
    records = [{"vote": None, **r} for r in records]
    encoded = [opendata.encode(r) for r in records]
    assert opendata.json_list([e.json for e in encoded]) == json.dumps(
        records, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    whole = io.StringIO()
    writer = csv.writer(whole, lineterminator="\r\n")
    writer.writerow(opendata.CSV_COLUMNS)
    writer.writerows([[opendata.csv_cell(r.get(c)) for c in opendata.CSV_COLUMNS] for r in records])
    assert opendata.csv_file([e.csv_row for e in encoded]) == whole.getvalue().encode("utf-8-sig")


def test_a_timeline_step_dated_after_the_build_day_is_marked_upcoming(tmp_path):
    records = {r["id"]: r for r in json.loads(dict(opendata.files(site(tmp_path)))["date/hotarari.json"])}
    steps = [step for r in records.values() for step in r["timeline"]]
    assert all(step["upcoming"] == (step["date"] > "2025-11-25") for step in steps)
    closing = [s for s in records["proiect-parcari"]["timeline"] if s["kind"] == "consultation-closed"]
    assert [(s["date"], s["upcoming"]) for s in closing] == [("2025-12-05", True)]  # the fixture's own dates
