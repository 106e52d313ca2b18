"""No script reaches the public site, and personal numeric codes stop the build.

Every page carries the Content-Security-Policy meta tag and holds no inline
script (JSON-LD data blocks excepted), no event-handler attribute and no
javascript:/data: URL. A council full of attacks (tests/fixtures/attacks)
builds into pages with none of them, and the build names the file and line
of each attack. A valid CNP in a body fails the build with its file and line.
"""

import datetime as dt
import json
import re

import pytest
from bs4 import BeautifulSoup

from support import cnp, sitechecks, trees

ATTACKS = trees.FIXTURES / "attacks" / "markup"  # a whole council of markup attacks that must build


def test_every_page_has_the_csp_and_no_executable_inline_markup(whole_site):
    pages = sitechecks.html_pages(whole_site.output)
    assert pages
    problems = sitechecks.unsafe_markup(whole_site.output)
    assert not problems, f"{len(problems)} unsafe spots in {whole_site.name}:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    output = tmp_path_factory.mktemp("attacks") / "output"
    result = trees.build(ATTACKS, output)
    assert result.returncode == 0, result.stderr
    return result, output


def attack_starts() -> list[tuple[str, int]]:
    """(file as the build names it, line) of each attack: every body paragraph
    that does not start with "Text" (see tests/fixtures/attacks/markup/data/council.yml)."""
    found = []
    for path in sorted(ATTACKS.rglob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        closing = lines.index("---", 1)
        previous = ""
        for number, line in enumerate(lines[closing + 1:], start=closing + 2):
            if line.strip() and not previous.strip() and not line.startswith("Text"):
                found.append((str(path), number))
            previous = line
    return found


def test_the_attack_fixture_holds_every_kind_of_attack():
    text = "\n".join(p.read_text(encoding="utf-8") for p in ATTACKS.rglob("*.md"))
    for needle in ("<script", "onerror=", "<svg onload", "javascript:", "JaVaScRiPt&colon;", "<iframe",
                   "<style", "data:text/html", "](javascript:"):
        assert needle in text, needle
    assert len(attack_starts()) >= 25


def test_no_attack_reaches_a_page(attacked):
    _, output = attacked
    assert sitechecks.unsafe_markup(output) == []
    published = " ".join(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text()
                         for p in sitechecks.html_pages(output))
    for marker in ("Text sigur la început.", "Text sigur la sfârșit.", "Text sigur în raport.",
                   "Text sigur în ședință.", "Text sigur: proiectul are și un corp."):
        assert marker in published, f"the attacked document lost its text: {marker}"


def test_a_title_cannot_break_out_of_the_json_ld_block(attacked):
    _, output = attacked
    page = BeautifulSoup((output / "proiecte/atac-proiect/index.html").read_text(encoding="utf-8"), "html.parser")
    # the theme's own scripts (with a src) and data blocks only; the title stays inside its block
    scripts = page.find_all("script")
    assert all(s.get("src", "").startswith("/theme/js/") and not s.string for s in scripts if not s.get("type"))
    blocks = [s for s in scripts if s.get("type")]
    assert [b["type"] for b in blocks] == ["application/ld+json"] * len(blocks) and blocks
    assert any("</script><script>alert('json-ld')</script>" in json.dumps(json.loads(b.string), ensure_ascii=False)
               for b in blocks)


def test_the_build_names_file_and_line_of_every_attack(attacked):
    result, _ = attacked
    missing = [f"{path}:{line}" for path, line in attack_starts()
               if not re.search(rf"^{re.escape(path)}:{line}: text: ", result.stderr, re.M)]
    assert not missing, "attacks cleaned without a word:\n" + "\n".join(missing) + "\n\n" + result.stderr


def test_a_cnp_in_a_body_fails_the_build_with_file_and_line(tmp_path):
    code = cnp.make(dt.date(1984, 7, 19), "12", 345)
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "pages/petitie.md", f"---\ntitle: Petiție\n---\nSemnat:\n\nIon Ionescu, CNP {code}\n")
    result = trees.build(content, tmp_path / "out")
    assert result.returncode == 1
    assert re.search(r"^content/pages/petitie\.md:6: CNP: ", result.stderr, re.M), result.stderr
    assert not (tmp_path / "out" / "petitie" / "index.html").exists()


def test_an_allowed_cnp_is_published(tmp_path):
    code = cnp.make(dt.date(1984, 7, 19), "12", 345)
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "pages/petitie.md",
                f"---\ntitle: Petiție\nallow_cnp: [\"{code}\"]\n---\nIon Ionescu, CNP {code}\n")
    result = trees.build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert code in (tmp_path / "out" / "petitie" / "index.html").read_text(encoding="utf-8")
