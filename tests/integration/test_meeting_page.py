"""A meeting page says what its agenda holds and what the meeting voted, and never contradicts
itself (an outside review: an extraordinary meeting with `items: []` said „Ordinea de zi publicată
16 noiembrie 2026” and right below „Ordinea de zi nu a fost încă publicată.”, and neither decision
adopted at it appeared anywhere on its page). The contract allows an agenda supplemented at the start
of a meeting: a decision whose `meeting` names the meeting is listed on its page even when the agenda
does not name it, saying so."""

import pytest

from support import trees
from support.contract_checks import soup

EMPTY_AGENDA = """\
---
title: Ședința extraordinară din 19 noiembrie 2025
kind: extraordinary
date: 2025-11-19 10:00
place: Sala mare
agenda_published: 2025-11-16
items: []
---
"""
NOT_YET = """\
---
title: Ședința ordinară din 18 decembrie 2025
kind: ordinary
date: 2025-12-18 10:00
place: Sala mare
---
"""


def adopted(number: int, meeting: str, day: str, what: str) -> str:
    return f"""\
---
title: privind {what}
status: adopted
registered: 2025-05-05
meeting: {meeting}
number: {number}
adopted: {day}
majority: simple
vote: {{present: 7, for: 5, against: 1, abstain: 1}}
---
**Art. 1.** Se aprobă.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("meetings")
    content = trees.copy_fixture("minimal", base / "content")
    trees.write(content, "sedinte/sedinta-2025-11-19.md", EMPTY_AGENDA)
    trees.write(content, "sedinte/sedinta-2025-12-18.md", NOT_YET)
    trees.write(content, "hotarari/2025/drumuri.md",
                adopted(230, "sedinta-2025-11-19", "2025-11-19", "aprobarea reparării drumurilor județene"))
    trees.write(content, "hotarari/2025/scoli.md",
                adopted(231, "sedinta-2025-11-19", "2025-11-19", "aprobarea dotării școlilor"))
    # adopted at a meeting whose agenda lists another draft, not this one
    trees.write(content, "hotarari/2025/parc.md",
                adopted(41, "sedinta-2025-06-26", "2025-06-26", "amenajarea parcului din Florești"))
    output = base / "output"
    result = trees.build(content, output)
    assert result.returncode == 0, result.stderr
    assert "nu apare pe ordinea de zi" in result.stderr  # still a warning for staff
    return output


def text(node) -> str:
    return node.get_text(" ", strip=True)


def test_an_agenda_published_empty_says_so_and_not_that_it_is_unpublished(site):
    page = soup(site, "sedinte/sedinta-2025-11-19/")
    said = text(page.main)
    assert "Ordinea de zi publicată 16 noiembrie 2025" in said
    assert "nu a fost încă publicată" not in said
    assert text(page.select_one(".agenda-note")) == "Ordinea de zi nu cuprinde niciun punct."
    assert not page.select("ol.agenda")


def test_decisions_adopted_at_a_meeting_off_its_agenda_are_on_its_page(site):
    page = soup(site, "sedinte/sedinta-2025-11-19/")
    section = page.select_one("[data-off-agenda]")
    assert text(section.h2) == "Proiecte adoptate în afara ordinii de zi publicate"
    assert text(section.p) == ("Proiectele de mai jos au fost adoptate în această ședință fără să fi fost "
                               "pe ordinea de zi publicată.")
    items = section.select("li")
    assert [li.a["href"] for li in items] == ["/hotarari/2025/230/", "/hotarari/2025/231/"]
    assert [text(li.select_one(".outcome-adopted")) for li in items] == [
        "Adoptat: Hotărârea nr. 230/2025", "Adoptat: Hotărârea nr. 231/2025"]
    assert text(items[0].a) == "Proiect de hotărâre privind aprobarea reparării drumurilor județene"


def test_a_decision_off_a_listed_agenda_is_named_after_it(site):
    page = soup(site, "sedinte/sedinta-2025-06-26/")
    assert [li.a["href"] for li in page.select("ol.agenda li")] == ["/hotarari/2025/40/"]
    section = page.select_one("[data-off-agenda]")
    assert [li.a["href"] for li in section.select("li")] == ["/hotarari/2025/41/"]
    assert text(section.p) == ("Proiectul de mai jos a fost adoptat în această ședință fără să fi fost "
                               "pe ordinea de zi publicată.")


def test_only_an_agenda_not_published_is_said_not_yet_published(site):
    page = soup(site, "sedinte/sedinta-2025-12-18/")
    assert text(page.select_one(".agenda-note")) == "Ordinea de zi nu a fost încă publicată."
    assert not page.select("[data-off-agenda]") and "Ordinea de zi publicată" not in text(page.main)
    held = soup(site, "sedinte/sedinta-2025-03-27/")  # its agenda listed, everything on it
    assert held.select("ol.agenda li") and not held.select("[data-off-agenda], .agenda-note")
