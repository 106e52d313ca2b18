"""Every piece of HTML the sanitiser removes from a body or a field is warned of, at its line.

The oracle is the sanitiser itself: Markdown's own HTML, cleaned with the
project's rules, against the same HTML cleaned with rules that allow
everything it holds. A body is warned of exactly when the two differ. Not
in the samples: what Markdown itself writes and the sanitiser drops (the
classes of footnotes and of a fenced block's language, the `style` that
aligns table columns): no staff member wrote that HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transparency.source import markup
from transparency.domain.problems import Problems

SAFE = [
    "Text simplu, cu diacritice: ăâîșț.", "**Îngroșat** și *cursiv*.", "## Subtitlu", "### Capitol {: #capitol }",
    "- un punct\n- altul", "1. primul\n2. al doilea", "[legătură](https://exemplu.ro/a?b=1)", "[relativă](/hotarari/)",
    "[e-mail](mailto:registratura@cjcluj.ro)", "<b>îngroșat</b> și <abbr title=\"Hotărârea\">HCJ</abbr>",
    "`<h1>` și `<input>` scrise în cod", "```\n<input type=\"text\">\n<h1>x</h1>\n```", "vezi <https://exemplu.ro>",
    "valoarea a < b și c > d", "<!-- notă pentru colegi -->", "| a | b |\n|---|---|\n| 1 | 2 |",
    "<table><tr><td colspan=\"2\">x</td></tr></table>", "> citat", "Paragraf\n{: #ancora title=\"Titlu\" }",
    "<img src=\"/fisiere/a.png\" alt=\"hartă\" width=\"10\">", "Linie\n\n***\n\nAltă linie",
    "    <input> în cod indentat", "Text\n\n    cod <input>", "<q cite=\"ftp://exemplu.ro\">citat</q>",
    "`cod`{: #id}",
]
REMOVED = [
    "# Titlu de nivel 1", "#Titlu lipit", "Titlu subliniat\n===============", "<h1>Titlu</h1>",
    "<p style=\"color:red\">roșu</p>", "<input type=\"text\" value=\"x\">", "<button>Trimite</button>",
    "<select><option>a</option></select>", "<textarea>scris</textarea>", "<label>Nume</label>",
    "<font color=\"red\">roșu</font>", "<span class=\"mare\">mare</span>", "<center>centrat</center>",
    "<a href=\"ftp://exemplu.ro/f\">ftp</a>", "[ftp](ftp://exemplu.ro/f)", "![imagine](file:///etc/hosts)",
    "Paragraf\n{: style=\"color:red\" }", "## Subtitlu {: .mare }", "<img src=\"a.png\" style=\"width:1px\">",
    "<div align=\"center\">x</div>", "<ftp://exemplu.ro/f>", "<marquee>mișcă</marquee>",
    "*cursiv*{: .c}", "[a](https://exemplu.ro){: style=\"x\"}", "- punct\n\n    continuare <input>",
]
DANGEROUS = ["<script>alert(1)</script>", "<b onclick=\"x()\">b</b>", "[x](javascript:alert(1))",
             "<iframe src=\"https://exemplu.ro\"></iframe>", "<form action=\"/x\"><p>a</p></form>"]


class _Seen(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.schemes = set(), set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if value and ":" in value:
                self.schemes.add(value.split(":", 1)[0].strip().lower())


def removes_something(body: str) -> bool:
    """Markdown's HTML of `body` loses something to the project's rules that rules allowing all it holds keep."""
    raw = markup.converter().convert(body)
    seen = _Seen()
    seen.feed(raw)
    everything = nh3.clean(raw, tags=seen.tags | markup.ALLOWED_TAGS, clean_content_tags=set(),
                           attributes={"*": seen.attributes | markup.ANY_ELEMENT_ATTRIBUTES},
                           url_schemes=seen.schemes | markup.URL_SCHEMES, link_rel=None)
    return everything != markup.clean(raw)


def warnings_of(body: str, first_line: int = 5) -> list:
    problems = Problems()
    markup.report_dangerous(body, first_line, "content/pages/p.md", problems)
    return problems.warnings


@pytest.mark.parametrize("body", SAFE)
def test_markup_the_sanitiser_keeps_is_not_warned_of(body):
    assert not removes_something(body)
    assert warnings_of(body) == []


@pytest.mark.parametrize("body", REMOVED + DANGEROUS)
def test_markup_the_sanitiser_removes_is_warned_of(body):
    assert removes_something(body)
    assert warnings_of(body)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SAFE + REMOVED + DANGEROUS), min_size=1, max_size=6))
def test_a_body_is_warned_of_exactly_when_the_sanitiser_changes_it(parts):
    body = "\n\n".join(parts)
    assert bool(warnings_of(body)) == removes_something(body), body


def test_each_warning_names_the_line_where_the_removed_markup_is():
    body = "Text.\n\n# Titlu\n\n<p style=\"x\">a</p>\n\n```\n<input>\n```\n\nb <input> c\n\nParagraf\n{: .mare }"
    found = [(w.line, w.field, w.message) for w in warnings_of(body, first_line=10)]
    assert found == [
        (12, "text", "marcajul de titlu de nivel 1 (# sau ===), al cărui text rămâne, a fost eliminat din pagina publică"),
        (14, "text", "atributul HTML „style” al elementului <p> a fost eliminat din pagina publică"),
        (20, "text", "elementul HTML nepermis <input> a fost eliminat din pagina publică"),
        (23, "text", "atributul „class” din lista {: …} a fost eliminat din pagina publică"),
    ]


def test_a_field_shown_as_html_is_warned_of_at_its_line():
    problems = Problems()
    markup.report_field('Dispoziția <b style="color:red">nr. 1</b><input> <script>x</script>', 7,
                        "content/sedinte/s.md", "convened_by", problems)
    assert [(w.line, w.field, w.message) for w in problems.warnings] == [
        (7, "convened_by", "atributul HTML „style” al elementului <b> a fost eliminat din pagina publică"),
        (7, "convened_by", "elementul HTML nepermis <input> a fost eliminat din pagina publică"),
        (7, "convened_by", "elementul HTML nepermis <script> a fost eliminat din pagina publică"),
    ]


def test_plain_field_text_is_not_warned_of():
    problems = Problems()
    markup.report_field("Dispoziția nr. 120/2025 a președintelui", 7, "content/sedinte/s.md", "convened_by", problems)
    assert problems.items == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' \n\t#{}:.`~-*[]()!&;a1hpsty")) | st.characters(), max_size=80))
def test_any_text_gives_located_warnings_and_no_exception(text):
    problems = Problems()
    markup.report_dangerous(text, 3, "content/pages/p.md", problems)
    markup.report_field(text, 3, "content/pages/p.md", "convened_by", problems)
    assert all(3 <= p.line <= 3 + text.count("\n") for p in problems.items)


CODE_HINT = re.compile(r"`|~~~|^(?: {4}|\t)", re.M)  # the rule, as a regular expression: the oracle


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="`~ \t\na", max_size=12))
def test_a_body_could_hold_code_exactly_when_a_line_says_so(text):
    assert markup.could_hold_code(text) == bool(CODE_HINT.search(text))


def test_a_table_of_a_body_scrolls_in_a_region_of_its_own_the_keyboard_reaches():
    from bs4 import BeautifulSoup

    body = "| Capitol | Suma |\n|---|---|\n| Venituri | 1.104.950 |\n\nCodul `<table>`, scris ca text.\n\n" \
           "<table><tr><td>HTML</td></tr></table>\n"
    html = BeautifulSoup(markup.render(body), "html.parser")
    tables = html.find_all("table")
    assert len(tables) == 2  # the Markdown table and the staff's own
    for table in tables:
        region = table.parent
        assert (region.name, region.get("class"), region.get("tabindex"), region.get("role")) == \
            ("div", ["scroll"], "0", "region")
        assert region.get("aria-label")
    assert "Codul <table>, scris ca text." in html.get_text()  # text is not markup
    assert markup.render("Fără tabel.") == "<p>Fără tabel.</p>"
