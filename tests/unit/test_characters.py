"""Which characters are refused in content, and how problems print what nobody can see."""

import os
import unicodedata

from transparency.domain import characters
from transparency.domain.problems import Problem, Problems


def test_forbidden_characters_are_controls_but_tab_and_newline_surrogates_and_ffff():
    for code in range(0x10000):
        char = chr(code)
        category = unicodedata.category(char)
        expected = (category == "Cc" and char not in "\t\n") or category == "Cs" or code in (0xFFFE, 0xFFFF)
        assert bool(characters.FORBIDDEN.match(char)) == expected, hex(code)


def test_descriptions_name_the_character_and_how_yaml_spells_it():
    assert characters.describe("\v") == "U+000B (tab vertical)"
    assert characters.describe("\ud800") == "U+D800 (jumătate de pereche surogat, nu un caracter)"
    assert characters.yaml_spellings("\x1b") == "„\\e” sau „\\x1b” sau „\\u001b”"
    assert characters.yaml_spellings("\ud800") == "„\\ud800”"


def test_printable_escapes_controls_and_shows_bytes_that_were_not_utf8():
    name = os.fsdecode(b"proiect-\xe9.md")
    assert characters.printable(name) == "proiect-\\xe9.md"
    assert characters.printable("a\x1b[2Jb\nc\td") == "a\\x1b[2Jb\\nc\\td"
    assert characters.printable("județ „ok” 😀") == "județ „ok” 😀"


def test_a_problem_is_one_printable_line_and_a_whole_file_problem_has_no_line():
    problem = Problem(os.fsdecode(b"content/pages/x-\xff.md"), 0, "fișier", "rând\nnou \x1b[31m")
    assert str(problem) == "content/pages/x-\\xff.md: fișier: rând\\nnou \\x1b[31m"
    str(problem).encode("utf-8")
    problems = Problems()
    problems.file_error("content/a.pdf", "fișier", "legătură simbolică", "o copie")
    problems.error("content/b.md", 0, "title", "lipsește")  # a line of 0 from a caller is still line 1
    assert [str(p) for p in problems.items] == [
        "content/a.pdf: fișier: legătură simbolică (așteptat: o copie)", "content/b.md:1: title: lipsește"]
