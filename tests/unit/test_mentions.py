"""Mentions of decisions in a text are linked when they are this council's (source/markup.py): the
contract's „Citations of other acts are never linked as decisions”, another council's included."""

import pytest
from bs4 import BeautifulSoup

from transparency.domain.authority import Authority
from transparency.source import markup

URLS = {"5/2025": "/hotarari/2025/5/"}


def linked(text: str, council: str) -> list[str]:
    html = markup.link_mentions(f"<p>{text}</p>", URLS.get, Authority.of(council))
    return [a.get_text() for a in BeautifulSoup(html, "html.parser").find_all("a", href=URLS["5/2025"])]


@pytest.mark.parametrize("text, council, expected", [
    ("conform HCJ nr. 5/2025.", "Consiliul Județean Cluj", ["HCJ nr. 5/2025"]),
    ("conform Hotărârea nr. 5/2025.", "Consiliul Județean Cluj", ["Hotărârea nr. 5/2025"]),
    ("Hotărârea Consiliului Județean Cluj nr. 5/2025", "Consiliul Județean Cluj",
     ["Hotărârea Consiliului Județean Cluj nr. 5/2025"]),
    ("Hotărârea Consiliului Judeţean Satu Mare nr. 5/2025", "Consiliul Județean Satu Mare",
     ["Hotărârea Consiliului Judeţean Satu Mare nr. 5/2025"]),
    ("Hotărârea Consiliului Județean Arad nr. 5/2025", "Consiliul Județean Cluj", []),
    ("HCL nr. 5/2025 a Consiliului Local Lugoj", "Consiliul Județean Cluj", []),
    ("Hotărârea nr. 5/2025 a Consiliului Județean Arad", "Consiliul Județean Cluj", []),
    ("Hotărârea nr. 5/2025 a Consiliului Județean Cluj", "Consiliul Județean Cluj", ["Hotărârea nr. 5/2025"]),
    ("Legea nr. 5/2025", "Consiliul Județean Cluj", []),
    ("HCL nr. 5/2025", "Consiliul Local al Municipiului Dej", ["HCL nr. 5/2025"]),
    ("Hotărârea Consiliului Local Dej nr. 5/2025", "Consiliul Local al Municipiului Dej",
     ["Hotărârea Consiliului Local Dej nr. 5/2025"]),
    ("Hotărârea Consiliului Local al Municipiului Turda nr. 5/2025", "Consiliul Local al Municipiului Dej", []),
    ("HCJ nr. 5/2025", "Consiliul Local al Municipiului Dej", []),
    ("HCJ nr. 5/2025", "Adunarea Reprezentanților", ["HCJ nr. 5/2025"]),  # a name saying neither kind
])
def test_a_mention_is_linked_when_it_names_no_other_council(text, council, expected):
    assert linked(text, council) == expected
