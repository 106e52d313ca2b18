"""The sample council's second amended regulation: the rules for renting county-owned spaces
(HCJ 137/2024, its regulation written in the body as an annex), amended by 221/2025 (inserts
art. 7^1, replaces art. 9 alin. (2), repeals art. 12 alin. (3)) and 138/2026 (replaces the art. 7^1
that 221/2025 inserted, repeals art. 5 alin. (1) lit. d)).

The oracle is the annex's text written out by hand from the three decisions as published, line by
line, and compared with the text the built pages show, in the order they show it."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow

BASE = "hotarari/2024/137/consolidat/"

# The annex as adopted (HCJ 137/2024), one line per unit, as a reader sees it.
ADOPTED = [
    "Art. 1. Prezentul regulament stabilește procedura de închiriere a spațiilor cu altă destinație decât "
    "aceea de locuință din imobilele aflate în proprietatea publică sau privată a Județului Cluj, denumite "
    "în continuare spații.",
    "Art. 2.",
    "(1) Lista spațiilor disponibile pentru închiriere se aprobă prin dispoziție a Președintelui Consiliului "
    "Județean Cluj.",
    "(2) Lista se publică pe pagina de internet a Consiliului Județean Cluj și se afișează la sediul acestuia.",
    "Art. 3. Spațiile se închiriază prin licitație publică, cu excepția cazurilor în care legea permite "
    "atribuirea directă.",
    "Art. 4. Licitația se organizează de Direcția de Administrare a Patrimoniului, pe baza documentației de "
    "atribuire aprobate de Președintele Consiliului Județean Cluj.",
    "Art. 5.",
    "(1) Poate participa la licitație orice persoană fizică sau juridică care:",
    "a) a plătit taxa de participare și garanția de participare;",
    "b) nu are datorii la bugetul local al Județului Cluj;",
    "c) nu are în derulare un litigiu cu Județul Cluj privind un contract de închiriere;",
    "d) prezintă o scrisoare de bonitate emisă de o bancă.",
    "(2) Îndeplinirea condițiilor se dovedește cu documentele cerute în documentația de atribuire.",
    "Art. 6. Anunțul de licitație se publică în Monitorul Oficial al României, Partea a VI-a, într-un "
    "cotidian de circulație națională și într-unul de circulație locală, cu cel puțin 20 de zile înainte "
    "de data depunerii ofertelor.",
    "Art. 7. Ofertele se depun în plic sigilat, la registratura Consiliului Județean Cluj, până la data și "
    "ora stabilite în anunț.",
    "Art. 8. Criteriul de atribuire este cel mai mare nivel al chiriei oferite.",
    "Art. 9.",
    "(1) Contractul de închiriere se încheie pe o durată de cel mult 5 ani.",
    "(2) Contractul poate fi prelungit o singură dată, prin act adițional, pentru o durată egală cu cea inițială.",
    "Art. 10. Chiria se plătește lunar, până la data de 25 a lunii pentru care se datorează.",
    "Art. 11. Chiria se indexează anual cu rata inflației comunicată de Institutul Național de Statistică.",
    "Art. 12.",
    "(1) Chiriașul nu poate subînchiria spațiul și nu îi poate schimba destinația.",
    "(2) Lucrările de amenajare se fac numai cu acordul scris al Direcției de Administrare a Patrimoniului.",
    "(3) Contravaloarea lucrărilor de amenajare se compensează cu chiria datorată, în limita a 50% din aceasta.",
    "Art. 13. Chiriașul suportă cheltuielile cu utilitățile, pe baza contoarelor proprii sau a cotelor "
    "stabilite în contract.",
    "Art. 14. Contractul încetează:",
    "a) la expirarea duratei pentru care a fost încheiat;",
    "b) prin acordul părților;",
    "c) prin reziliere, dacă chiria nu a fost plătită timp de trei luni consecutive;",
    "d) când spațiul este necesar pentru realizarea unui obiectiv de interes public județean, cu o "
    "notificare prealabilă de 90 de zile.",
    "Art. 15. La încetarea contractului, chiriașul predă spațiul pe bază de proces-verbal, în starea în "
    "care l-a primit.",
    "Art. 16. Prezentul regulament se completează cu prevederile Codului administrativ și ale Codului civil.",
]

ART_7_1_BY_221 = ("Art. 7^1. Ofertele pot fi depuse și prin poștă electronică, semnate cu semnătură electronică "
                  "calificată, la adresa indicată în anunțul de licitație.")
ART_7_1_BY_138 = ("Art. 7^1. Ofertele pot fi depuse și în format electronic, prin platforma de licitații a "
                  "Consiliului Județean Cluj, semnate cu semnătură electronică calificată.")
ART_9_2_BY_221 = ("(2) Contractul poate fi prelungit o singură dată, prin act adițional, pentru o durată de cel "
                  "mult 3 ani, dacă chiriașul și-a îndeplinit toate obligațiile contractuale.")


def edited(lines, after=None, insert=None, replace=None):
    """The hand-written text with one line inserted after, or replaced by, another (matched by start)."""
    out = list(lines)
    if after is not None:
        at = next(i for i, line in enumerate(out) if line.startswith(after))
        out.insert(at + 1, insert)
    if replace is not None:
        old, new = replace
        at = next(i for i, line in enumerate(out) if line.startswith(old))
        out[at] = new
    return out


# In force from 7 November 2025 (221/2025 published): art. 7^1 inserted, art. 9 (2) replaced, art. 12 (3) repealed.
AFTER_221 = edited(edited(edited(ADOPTED, after="Art. 7. ", insert=ART_7_1_BY_221),
                          replace=("(2) Contractul poate fi prelungit", ART_9_2_BY_221)),
                   replace=("(3) Contravaloarea", "(3) Abrogat."))
# In force from 3 July 2026 (138/2026 published): art. 7^1 reworded, art. 5 (1) d) repealed.
AFTER_138 = edited(edited(AFTER_221, replace=("Art. 7^1.", ART_7_1_BY_138)),
                   replace=("d) prezintă o scrisoare", "d) Abrogată."))


def page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def annex_lines(soup):
    """The annex's units as shown, one line each, notes left out; a raised number read as `^`."""
    for sup in soup.find_all("sup"):
        sup.replace_with("^" + sup.get_text())
    lines = []
    for unit in soup.select('[data-unit][id^="anexa-1-a"]'):
        own = unit.find("p", recursive=False)
        if own is not None and "unit-note" not in (own.get("class") or []):
            lines.append(" ".join(own.get_text().split()))
    return lines


def changed(soup):
    return sorted((e["id"], e["data-changed-by"], e["data-changed-since"], e.has_attr("data-repealed"))
                  for e in soup.select("[data-changed-by]"))


def test_todays_text_is_the_regulation_as_both_acts_left_it(sample_site):
    soup = page(sample_site, BASE)
    assert soup.select_one(".version-state")["data-version"] == "2026-07-03"
    # the genitive after "intrarea în vigoare a" (partials/in_force_after.html)
    state = " ".join(soup.select_one(".version-state").get_text().split())
    assert state.endswith("după intrarea în vigoare a Hotărârii nr. 138/2026."), state
    assert changed(soup) == [
        ("anexa-1-a12-p3", "221/2025", "2025-11-07", True),
        ("anexa-1-a5-p1-ld", "138/2026", "2026-07-03", True),
        ("anexa-1-a7-1", "138/2026", "2026-07-03", False),
        ("anexa-1-a9-p2", "221/2025", "2025-11-07", False),
    ]
    assert annex_lines(soup) == AFTER_138
    assert [li["data-version"] for li in soup.select("[data-versions] li")] == ["2026-07-03", "2025-11-07", "2024-08-01"]


def test_the_version_of_november_2025_has_only_the_first_amendment(sample_site):
    soup = page(sample_site, BASE + "2025-11-07/")
    assert "Versiune istorică" in soup.select_one(".version-state").get_text()
    assert changed(soup) == [
        ("anexa-1-a12-p3", "221/2025", "2025-11-07", True),
        ("anexa-1-a7-1", "221/2025", "2025-11-07", False),
        ("anexa-1-a9-p2", "221/2025", "2025-11-07", False),
    ]
    assert annex_lines(soup) == AFTER_221


def test_the_original_version_is_the_regulation_as_adopted(sample_site):
    soup = page(sample_site, BASE + "2024-08-01/")
    assert changed(soup) == []
    assert annex_lines(soup) == ADOPTED
