"""`make new TYPE=… TITLE=…` (issue 15): for every document type, a file in the right folder with an
id made from the title, today's date and every required key, that passes `make check` as it stands
(each alone, and all of them together with a second document of the same title)."""

from __future__ import annotations

import os
import subprocess

import pytest

from support import trees
from transparency.adapters import scaffold

TITLES = {
    "decision": "privind aprobarea Regulamentului: „Parcări” în municipiu",
    "report": "Raport de specialitate privind parcările",
    "meeting": "Ședința ordinară din 27 noiembrie 2025",
    "page": "Declarații de avere",
    "disposition": "privind convocarea consiliului în ședință ordinară",
    "publication": "Statutul județului",
}
FOLDERS = {"decision": "hotarari/2025", "report": "rapoarte/2025", "meeting": "sedinte/2025", "page": "pages",
           "disposition": "dispozitii/2025", "publication": "documente/2025"}
ENV = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25}


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", *args], cwd=trees.ROOT, env=ENV, capture_output=True, text=True, timeout=300)


def check(content, tmp_path) -> subprocess.CompletedProcess:
    return make("check", f"CONTENT={content}", f"CACHE={tmp_path / 'cache'}")


@pytest.mark.parametrize("kind", scaffold.available())
def test_each_new_document_passes_make_check(tmp_path, kind):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    made = make("new", f"CONTENT={content}", f"TYPE={kind}", f"TITLE={TITLES[kind]}")
    assert made.returncode == 0, made.stderr
    [created] = [p for p in content.rglob("*.md") if p.name not in
                 {q.name for q in (trees.FIXTURES / "minimal").rglob("*.md")}]
    assert created.parent == content / FOLDERS[kind]
    assert scaffold.ID_RE.match(created.stem) and str(created) in made.stdout
    text = created.read_text(encoding="utf-8")
    assert TITLES[kind] in text and (kind == "page" or "2025-11-25" in text)  # today: the build day
    checked = check(content, tmp_path)
    assert checked.returncode == 0 and "0 erori, 0 avertismente" in checked.stdout, checked.stdout + checked.stderr


def test_every_type_together_and_twice_the_same_title(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    for kind in scaffold.available():
        for _ in range(2):
            made = make("new", f"CONTENT={content}", f"TYPE={kind}", f"TITLE={TITLES[kind]}")
            assert made.returncode == 0, made.stderr
    names = [p.stem for p in content.rglob("*.md")]
    assert len(names) == len(set(names))  # the second of a title takes a suffix
    checked = check(content, tmp_path)
    assert checked.returncode == 0 and "0 erori, 0 avertismente" in checked.stdout, checked.stdout + checked.stderr


def test_a_disposition_takes_the_next_free_number_of_its_year(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    if "disposition" not in scaffold.available():  # a contract without dispositions: the type is refused
        with pytest.raises(scaffold.ScaffoldError):
            scaffold.new(str(content), "disposition", "privind altceva", environ=ENV)
        return
    trees.write(content, "dispozitii/2025/d.md", "---\ntitle: privind ceva\nnumber: 41\ndate: 2025-03-02\n---\n")
    path = scaffold.new(str(content), "disposition", "privind altceva", environ=ENV)
    assert "number: 42\n" in path.read_text(encoding="utf-8")


def test_without_type_or_title_make_new_says_how():
    made = make("new", "TYPE=decision")
    assert made.returncode != 0 and "TITLE=" in made.stdout + made.stderr


def test_a_report_needs_a_decision_to_refer_to(tmp_path):
    content = tmp_path / "content"
    trees.write(content, "data/council.yml", (trees.FIXTURES / "minimal/data/council.yml").read_text(encoding="utf-8"))
    made = make("new", f"CONTENT={content}", "TYPE=report", "TITLE=Raport")
    assert made.returncode != 0 and "make new TYPE=decision" in made.stderr
