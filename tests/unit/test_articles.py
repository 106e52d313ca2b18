"""The structure of decision texts as staff write them (domain/articles.py), worked by hand."""

import pytest

from transparency.domain import articles
from transparency.domain.articles import Passage, Unit

BODY = """Consiliul Județean Cluj, întrunit în ședința ordinară din 29 februarie 2024,

În temeiul prevederilor art. 173 alin. (1) lit. d) din Codul administrativ,

**HOTĂRĂȘTE:**

**Art. 1.** Se aprobă Regulamentul, prevăzut în anexa care face parte integrantă din prezenta hotărâre.

**Art. 2.** Prezenta hotărâre se comunică operatorilor
și se publică pe pagina de internet.

**Președinte**, Dorin Vasile Mureșan

## Anexa nr. 1 – Regulamentul serviciului

Capitolul I. Dispoziții generale

Art. 1. - Regulamentul se aplică operatorilor.

**Art. 12^1.** (1) Operatorii asigură plata cu cardul.
(2) Plata se face:
a) cu cardul bancar;
b) prin aplicația mobilă.

Art. 13¹ – Textul articolului 13 la puterea întâi.

**Articolul 14**
(1) Primul alineat.

(2) Al doilea alineat, după un rând liber:

- a) o literă scrisă ca listă;
- b^1) o literă inserată.

Art. 15. Articolul 14 din regulament se citește împreună cu art. 3 alin. (2).
Articolul 12 din Regulamentul aprobat prin HCJ nr. 48/2024 nu este un articol nou.
"""


@pytest.fixture(scope="module")
def text():
    return articles.parse(BODY, first_line=20)


def test_the_decision_and_its_annex_are_two_parts(text):
    assert [(p.annex, p.line) for p in text.parts] == [("", 20), ("1", 33)]
    assert text.parts[1].heading == "## Anexa nr. 1 – Regulamentul serviciului"


def test_the_decisions_own_articles_with_their_lines(text):
    decision = text.part("")
    assert [(u.label, u.line) for u in decision.articles] == [("1", 26), ("2", 28)]
    assert decision.article("2").text == "Prezenta hotărâre se comunică operatorilor\nși se publică pe pagina de internet."
    # The preamble and the signatures are text, kept with their lines, never absorbed into an article.
    passages = [b for b in decision.blocks if isinstance(b, Passage)]
    assert passages[0].line == 20 and passages[0].text.startswith("Consiliul Județean Cluj")
    assert passages[-1] == Passage("**Președinte**, Dorin Vasile Mureșan", 31)


def test_article_forms_in_the_annex(text):
    annex = text.part("1")
    assert [u.label for u in annex.articles] == ["1", "12^1", "13^1", "14", "15"]
    assert annex.article("1").text == "Regulamentul se aplică operatorilor."
    assert annex.article("13^1").text == "Textul articolului 13 la puterea întâi."
    assert annex.blocks[0] == Passage("Capitolul I. Dispoziții generale", 35)


def test_paragraphs_and_letters(text):
    article = text.part("1").article("12^1")
    assert article.text == "" and article.line == 39
    assert [(c.kind, c.label, c.line) for c in article.children] == [("paragraph", "1", 39), ("paragraph", "2", 40)]
    assert article.children[0].text == "Operatorii asigură plata cu cardul."
    letters = article.child("paragraph", "2").children
    assert [(c.label, c.text, c.line) for c in letters] == [("a", "cu cardul bancar;", 41),
                                                         ("b", "prin aplicația mobilă.", 42)]


def test_paragraphs_after_a_blank_line_and_letters_as_a_list(text):
    article = text.part("1").article("14")
    assert [c.label for c in article.children] == ["1", "2"]
    assert [(c.label, c.text) for c in article.child("paragraph", "2").children] == [
        ("a", "o literă scrisă ca listă;"), ("b^1", "o literă inserată.")]


def test_mentions_of_articles_inside_a_sentence_are_not_articles(text):
    article = text.part("1").article("15")
    assert article.text.endswith("nu este un articol nou.")
    assert text.part("1").article("12") is None and text.part("1").article("3") is None


@pytest.mark.parametrize("line, label, rest", [
    ("**Art. 1.** Se aprobă", "1", "Se aprobă"),
    ("Art. 12^1. Operatorii", "12^1", "Operatorii"),
    ("Art. 12 ^ 2. Operatorii", "12^2", "Operatorii"),
    ("**Art. 12¹.** Operatorii", "12^1", "Operatorii"),
    ("Art.5 - Text", "5", "Text"),
    ("**Articolul 3** – Text", "3", "Text"),
    ("**Art. 1**. Text", "1", "Text"),
    ("ART. 7. Text", "7", "Text"),
])
def test_article_markers(line, label, rest):
    match = articles.ARTICLE_RE.match(line)
    assert match and articles.label(match["num"], match["sup"], match["usup"]) == label and match["rest"] == rest


@pytest.mark.parametrize("line", ["Articolul 12 din Regulamentul", "Art. 3 alin. (2) se modifică",
                                  "Articolele 4 și 5 se abrogă", "Artistul 3."])
def test_not_article_markers(line):
    assert articles.ARTICLE_RE.match(line) is None


@pytest.mark.parametrize("written, label", [("12^1", "12^1"), ("12¹", "12^1"), (" 12 ^ 1 ", "12^1"), ("(2)", "2"),
                                            ("b)", "b"), ("B", "b"), ("2^1", "2^1"), ("7", "7")])
def test_labels_as_staff_write_them_in_front_matter(written, label):
    assert articles.normal_label(written) == label


def test_labels_sort_as_inserted_units_stand():
    assert sorted(["13", "12^2", "12", "12^1", "2"], key=articles.sort_key) == ["2", "12", "12^1", "12^2", "13"]


def test_fragments_written_in_a_change():
    assert articles.parse_fragment("(2) Tariful orar se stabilește la 5 lei.", "paragraph", 9) == Unit(
        "paragraph", "2", "Tariful orar se stabilește la 5 lei.", 9)
    article = articles.parse_fragment("Art. 12^1. Operatorii asigură plata.", "article", 4)
    assert (article.label, article.text, article.line) == ("12^1", "Operatorii asigură plata.", 4)
    assert articles.parse_fragment("c^1) o literă nouă;", "letter").label == "c^1"
    assert articles.parse_fragment("Operatorii asigură plata.", "article") is None
    assert articles.parse_fragment("Tariful orar", "paragraph") is None


def test_a_body_without_articles_is_one_passage():
    text = articles.parse("Un text fără articole.\n\nAl doilea rând.", 3)
    assert text.parts[0].articles == [] and text.parts[0].blocks == (Passage("Un text fără articole.\n\nAl doilea rând.", 3),)


def test_the_sample_councils_decisions_are_read(tmp_path):
    """Every decision of the sample council has its articles recognised, numbered 1, 2, 3 … in order."""
    from pathlib import Path
    from transparency.source.frontmatter import split
    root = Path(__file__).resolve().parents[2] / "content" / "hotarari"
    seen = 0
    for path in sorted(root.rglob("hcj-*.md")):
        parsed = split(path.read_text(encoding="utf-8"))
        own = articles.parse(parsed.body, parsed.body_line).part("").articles
        assert [u.label for u in own] == [str(i) for i in range(1, len(own) + 1)], path.name
        assert own, path.name
        seen += 1
    assert seen > 30


# --- round trip: any structure written in the forms staff use is read back as written -------------

from hypothesis import given, settings, strategies as st  # noqa: E402

WORDS = st.lists(st.sampled_from(["Operatorii", "asigură", "plata", "cu", "cardul", "bancar", "în", "termen",
                                  "de", "30", "zile", "art.", "(2)", "lit.", "a)", "HCJ", "nr.", "48/2024"]),
                 min_size=1, max_size=8).map(lambda w: "Se " + " ".join(w) + ".")  # a sentence: never starts with a marker
RAISED = st.sampled_from(["", "^1", "^2", "¹", "²"])


def raised_label(number, power):
    return articles.label(number, power[1:] if power.startswith("^") else None,
                          power if power and not power.startswith("^") else None)


@st.composite
def structures(draw):
    """[(article label as written, label, text, [(paragraph, text, [(letter, text)])])]"""
    found, number = [], 0
    for _ in range(draw(st.integers(1, 5))):
        number += draw(st.integers(1, 3))
        power = draw(RAISED)
        paragraphs = []
        for p in range(1, draw(st.integers(0, 3)) + 1):
            letters = [(chr(ord("a") + i), draw(WORDS)) for i in range(draw(st.integers(0, 3)))]
            paragraphs.append((str(p), draw(WORDS), letters))
        found.append((f"{number}{power}", raised_label(str(number), power), draw(WORDS), paragraphs))
    return found


def write(structure, bold, dash, blank):
    lines = ["Consiliul Județean, întrunit în ședință,", "", "**HOTĂRĂȘTE:**", ""]
    for written, _, text, paragraphs in structure:
        marker = f"**Art. {written}.**" if bold else f"Art. {written}{' -' if dash else '.'}"
        lines.append(f"{marker} {text}" if not paragraphs else marker)
        for p, p_text, letters in paragraphs:
            if blank:
                lines.append("")
            lines.append(f"({p}) {p_text}")
            lines += [f"{letter}) {l_text}" for letter, l_text in letters]
        lines.append("")
    lines += ["**Președinte**, Ion Popescu"]
    return "\n".join(lines)


@settings(max_examples=80, deadline=None)
@given(structures(), st.booleans(), st.booleans(), st.booleans())
def test_any_structure_is_read_back_as_written(structure, bold, dash, blank):
    text = articles.parse(write(structure, bold, dash, blank), 7)
    read = [(u.label, u.text, [(p.label, p.text, [(l.label, l.text) for l in p.children]) for p in u.children])
            for u in text.part("").articles]
    expected = [(label, "" if paragraphs else text, [(p, t, letters) for p, t, letters in paragraphs])
                for _, label, text, paragraphs in structure]
    assert read == expected
    assert text.part("").blocks[-1] == Passage("**Președinte**, Ion Popescu", 7 + write(structure, bold, dash, blank).count("\n"))
