"""Ids, attachments, topics and names outside plain ASCII get working addresses: their slugs."""

from urllib.parse import unquote

from bs4 import BeautifulSoup

from support import trees

DRAFT = """---
title: privind un proiect cu nume neobișnuit
status: draft
registered: 2025-05-02
topics: [Finanțe, finante, "finanţe"]
attachments:
  - {file: "anexe/Anexa 1 – listă.pdf", title: Anexa 1}
---
Text.
"""


def test_unicode_and_spaces_in_names(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "hotarari/2025/proiect județ nou.md", DRAFT)
    trees.write(content, "hotarari/2025/anexe/Anexa 1 – listă.pdf", "%PDF-1.4\n")
    budget = content / "hotarari/2025/buget-2025.md"
    council = content / "data/council.yml"
    # council.yml writes the name with the legacy cedilla, the decision with comma-below: one person
    council.write_text(council.read_text(encoding="utf-8").replace("Dan Stan", "Dan Ştefănescu"), encoding="utf-8")
    budget.write_text(budget.read_text(encoding="utf-8").replace("Dan Stan", "Dan Ștefănescu"), encoding="utf-8")
    out = tmp_path / "out"
    result = trees.build(content, out)
    assert result.returncode == 0, result.stderr
    page = out / "proiecte/proiect-judet-nou/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in soup.select(".files a")] == ["/fisiere/hotarari/2025/anexe/anexa-1-lista.pdf"]
    for link in soup.select(".files a, dl.facts a[href*='/teme/']"):
        target = out / unquote(link["href"]).lstrip("/")
        assert target.exists() or (target / "index.html").exists(), link["href"]
    topic_links = {a["href"] for a in soup.select("dl.facts a[href*='/teme/']")}
    assert topic_links == {"/teme/finante/"}
    member = BeautifulSoup((out / "consilieri/dan-stefanescu/index.html").read_text(encoding="utf-8"), "html.parser")
    assert member.find("td", class_="vote-against")
