"""Numbers before nouns on the built sample site follow the Romanian rule (from 20 on, and for whole
hundreds, "de" comes between: "25 de voturi", "150 de evenimente", "3 ore"), read with an HTML parser.
The oracle is the rule written out here, not the site's `count` helper."""

import re

from support.contract_checks import soup

NOUNS = r"(voturi|evenimente|ore)"
NUMBER_NOUN = re.compile(r"\b(\d+) (de )?" + NOUNS + r"\b")


def needs_de(n: int) -> bool:
    return n % 100 == 0 or n % 100 >= 20


def wrong_counts(text: str) -> list[str]:
    return [m.group(0) for m in NUMBER_NOUN.finditer(text) if bool(m.group(2)) != needs_de(int(m.group(1)))]


def page_text(site, path: str) -> str:
    return " ".join(soup(site, path).select_one("main").get_text(" ").split())


def test_the_rule_itself():
    assert wrong_counts("19 voturi, 20 de voturi, 101 voturi, 100 de ore") == []
    assert wrong_counts("25 voturi, 19 de ore") == ["25 voturi", "19 de ore"]


def test_counted_nouns_take_de_from_twenty_on(sample_site):
    texts = {path: page_text(sample_site, path)
             for path in ("hotarari/2026/225/", "hotarari/2025/45/", "activitate/", "abonare/")}
    assert "adică cel puțin 25 de voturi pentru" in texts["hotarari/2026/225/"]
    assert "Cele mai recente 150 de evenimente" in texts["activitate/"]
    assert "durată orientativă de 3 ore" in texts["abonare/"]
    counted = {path: NUMBER_NOUN.findall(text) for path, text in texts.items()}
    assert all(counted.values()), counted
    wrong = {path: wrong_counts(text) for path, text in texts.items() if wrong_counts(text)}
    assert not wrong, wrong
