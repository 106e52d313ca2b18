"""content/data/commit-messages.yml (source/commit_messages.py): each entry read with its line,
each mistake reported at its line with what was expected, a file with mistakes rewording nothing."""

from __future__ import annotations

from transparency.domain.problems import Problems
from transparency.source import commit_messages


def read(tmp_path, text: str):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "commit-messages.yml").write_text(text, encoding="utf-8")
    problems = Problems()
    return commit_messages.read(tmp_path, problems), problems


def test_entries_are_read_with_their_lines(tmp_path):
    found, problems = read(tmp_path, "# mesaje publice\n039F5E6: Publicarea arhivei\n"
                                     "'1234567': \"Hotărârea nr. 5/2025: votul corectat\"\n")
    assert not problems.errors
    assert [(r.prefix, r.message, r.line) for r in found] == [
        ("039f5e6", "Publicarea arhivei", 2), ("1234567", "Hotărârea nr. 5/2025: votul corectat", 3)]


def test_every_mistake_is_reported_at_its_line_and_nothing_is_reworded(tmp_path):
    found, problems = read(tmp_path, "039f5e6: Bun\nxyz: Nu este un commit\nabcdef1: ''\n"
                                     "abcdef2: scris de ion@example.ro\nabcdef3: CNP 1800101123450\n")
    assert found == ()
    assert [problem.line for problem in problems.errors] == [2, 3, 4, 5]
    assert all(problem.expected for problem in problems.errors)


def test_no_file_rewords_nothing(tmp_path):
    problems = Problems()
    assert commit_messages.read(tmp_path, problems) == () and not problems.errors
