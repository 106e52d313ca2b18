"""Messages a council secretary can act on (issue 15), each on a fixture: a broken file said once
and not again in every file that refers to it; a number given twice said once, on the decision
adopted later (both files named when they were adopted on one day); the English value meant by a
Romanian word; the member meant by a name typed without diacritics or with a typo; a group's missing
key said under the group."""

import pytest

from support.trees import FIXTURES, check_with, found
from transparency.domain import suggest, vocab

BROKEN_BUDGET = """---
title: privind aprobarea bugetului județului pe anul 2025
status: adopted
registered: 2025-02-03
topics: [buget
meeting: sedinta-2025-03-27
number: 5
adopted: 2025-03-27
majority: absolute
vote: {present: 7, for: 5, against: 1, abstain: 1}
attachments:
  - {file: anexe/buget-anexa-1.pdf, title: Anexa 1 – Bugetul general}
---
Text.
"""


def messages(checked):
    return [(p.path.split("content/", 1)[-1], p.line, p.field, p.message, p.expected)
            for p in checked.problems.items]


def test_a_broken_decision_is_reported_once_and_its_references_are_not_missing(tmp_path):
    # The minimal council refers to buget-2025 by id (two reports, a meeting's agenda) and by
    # number (rectificare-buget amends 5/2025), and its attachment would be attached to nothing:
    # only the broken file itself is reported.
    checked = check_with(tmp_path, {"hotarari/2025/buget-2025.md": BROKEN_BUDGET})
    assert [(path, line, field) for path, line, field, *_ in messages(checked)] == \
        [("hotarari/2025/buget-2025.md", 5, "front matter")]
    assert "„[” deschisă" in checked.problems.items[0].message


def test_a_broken_meeting_is_reported_once(tmp_path):
    broken = "---\ntitle: Ședința ordinară din 27 martie 2025\nkind: ordinary\ndate: 2025-03-27 10:00\n" \
             "items:\n  - decision: buget-2025\n\t- {title: Întrebări}\n---\n"
    checked = check_with(tmp_path, {"sedinte/sedinta-2025-03-27.md": broken})
    assert [(path, line, field) for path, line, field, *_ in messages(checked)] == \
        [("sedinte/sedinta-2025-03-27.md", 7, "front matter")]
    assert "tab" in checked.problems.items[0].message


def test_a_reference_to_a_document_that_does_not_exist_is_still_reported(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/buget-2025.md": BROKEN_BUDGET,
                                    "rapoarte/raport-nou.md": "---\ntitle: Raport\nkind: specialist-report\n"
                                    "decision: 6/2025\ndate: 2025-02-20\n---\n"})
    assert [line for _, line, *_ in found(checked, "decision")] == [4]


def test_a_number_given_twice_is_reported_once_on_the_decision_adopted_later(tmp_path):
    # buget-2025 (the fixture's) was adopted as number 5 on 2025-03-27: its number stands, and the
    # decision adopted later with the same number is the one to change. Nothing is said on buget-2025:
    # an error there would ask for no fix.
    later = """---
title: privind ceva adoptat mai târziu
status: adopted
registered: 2025-06-01
meeting: sedinta-2025-06-26
number: 5
adopted: 2025-06-26
majority: simple
vote: {present: 6, for: 4, against: 1, abstain: 1}
---
"""
    agenda = ("---\ntitle: Ședința ordinară din 26 iunie 2025\nkind: ordinary\ndate: 2025-06-26 10:00\n"
              "items:\n  - decision: rectificare-buget\n  - decision: a-doua\n---\n")
    checked = check_with(tmp_path, {"hotarari/2025/a-doua.md": later, "sedinte/sedinta-2025-06-26.md": agenda})
    [(path, line, severity, message)] = found(checked, "number")
    assert (path, line, severity) == ("hotarari/2025/a-doua.md", 6, "error")
    assert "dat întâi hotărârii „buget-2025”" in message and "2025-03-27" in message
    assert "hotarari/2025/buget-2025.md:11" in message


@pytest.mark.parametrize("field, written, meant", [
    ("status", "respins", "rejected"), ("status", "aprobat", "adopted"), ("status", "Adoptată", "adopted"),
    ("status", "retras", "withdrawn"), ("events[1].event", "publicat", "published"),
    ("events[1].event", "semnată", "signed"), ("majority", "absolută", "absolute"),
])
def test_a_romanian_word_where_an_english_value_is_expected_gets_the_value_suggested(tmp_path, field, written, meant):
    text = "---\ntitle: privind un proiect\nstatus: draft\nregistered: 2025-05-02\n" \
           "events:\n  - {date: 2025-05-03, event: signed}\n---\n"
    key = field.split(".")[-1]
    text = text.replace(f"{key}: draft" if key == "status" else f"event: signed", f"{key}: {written}") \
        if key != "majority" else text.replace("---\n\n", "").replace("events:", f"majority: {written}\nevents:")
    checked = check_with(tmp_path, {"hotarari/2025/nou.md": text})
    [problem] = [p for p in checked.problems.items if p.field == field]
    assert problem.expected.startswith(f"poate ați vrut „{meant}”?"), problem


MEETING = ("---\ntitle: Ședința ordinară din 2 octombrie 2025\nkind: ordinary\ndate: 2025-10-02 10:00\n"
           "place: Sala mare\n{flag}\n---\n")
ACT = "---\ntitle: privind numirea unei comisii\nnumber: 41\ndate: 2025-05-05\ncharacter: individual\n{flag}\n---\n"
FLAG_FILES = {"public": ("sedinte/sedinta-2025-10-02.md", MEETING), "publish_text": ("dispozitii/2025/dp-41.md", ACT)}


@pytest.mark.parametrize("key", sorted(FLAG_FILES))
@pytest.mark.parametrize("written, meant", [("nu", "false"), ("Da", "true"), ("adevărat", "true"), ("fals", "false")])
def test_a_romanian_yes_or_no_gets_true_or_false_suggested(tmp_path, key, written, meant):
    path, text = FLAG_FILES[key]
    checked = check_with(tmp_path, {path: text.format(flag=f"{key}: {written}")})
    [problem] = [p for p in checked.problems.items if p.field == key]
    assert (problem.line, problem.severity) == (6, "error") and f"nu „{written}”" in problem.message
    assert problem.expected.startswith(f"poate ați vrut „{meant}”? „{key}: true” sau „{key}: false”"), problem


@pytest.mark.parametrize("key", sorted(FLAG_FILES))
@pytest.mark.parametrize("written", ['"false"', "'true'", '"False"'])
def test_a_quoted_true_or_false_is_said_to_be_text(tmp_path, key, written):
    """`public: "false"` was „„public” este 'false'”, expecting „true sau false”: what was written."""
    path, text = FLAG_FILES[key]
    checked = check_with(tmp_path, {path: text.format(flag=f"{key}: {written}")})
    [problem] = [p for p in checked.problems.items if p.field == key]
    assert problem.message == f"„{written[1:-1]}” este scris ca text, nu ca da/nu"
    assert problem.expected == f"valoarea fără ghilimele: {key}: {written[1:-1].lower()}"


@pytest.mark.parametrize("written, meant", [("Gabriela Ros", "Gabriela Roș"), ("gabriela roş", "Gabriela Roș"),
                                            ("Bogdan Ionesu", "Bogdan Ionescu"), ("Dan  Stan", "Dan Stan")])
def test_a_member_name_without_diacritics_or_with_a_typo_gets_the_name_suggested(tmp_path, written, meant):
    text = (FIXTURES / "minimal/hotarari/2025/buget-2025.md").read_text(encoding="utf-8")
    checked = check_with(tmp_path, {"hotarari/2025/buget-2025.md": text.replace("[Dan Stan]", f"[{written}]")})
    [problem] = [p for p in checked.problems.items if p.field == "votes.against" and "nu este membru" in p.message]
    assert problem.expected.startswith(f"poate ați vrut „{meant}”?")


def test_a_name_nobody_resembles_gets_no_suggestion():
    assert suggest.name("Ion Vasilescu", ["Ana Pop", "Dan Stan"]) == ""
    assert suggest.value("xyz", vocab.DECISION_STATUSES) == ""


def test_a_missing_consultation_key_is_reported_under_consultation_at_its_line(tmp_path):
    text = "---\ntitle: privind un proiect\nstatus: draft\nregistered: 2025-05-02\n" \
           "consultation:\n  closes: 2025-06-01\n---\n"
    checked = check_with(tmp_path, {"hotarari/2025/nou.md": text})
    assert [(p.field, p.line) for p in checked.problems.items] == [("consultation", 5)]
    assert "„opened”" in checked.problems.items[0].message
    assert "sub „consultation:”" in checked.problems.items[0].expected


@pytest.mark.parametrize("written, said", [
    ("{opened: 2025-05-05, closes: 2025-05-20, accepted: 2}",
     "2 recomandări acceptate, dar numărul celor primite lipsește"),
    ("{opened: 2025-05-05, closes: 2025-05-20, comments: 1, accepted: 2}", "2 recomandări acceptate din 1 primite"),
])
def test_more_recommendations_accepted_than_received_is_an_error(tmp_path, written, said):
    """The annual report would count more recommendations accepted than received."""
    text = f"---\ntitle: privind un proiect\nstatus: draft\nregistered: 2025-05-02\nconsultation: {written}\n---\n"
    checked = check_with(tmp_path, {"hotarari/2025/nou.md": text})
    assert [(p.field, p.line, p.message) for p in checked.problems.errors] == [("consultation.accepted", 5, said)]


def test_the_guide_quotes_the_syntax_messages_as_they_are_said():
    """Section 15 of the staff guide lists how each YAML mistake is said: each quoted start is the
    start of a message the check gives for a mistake of that kind."""
    import re

    from support.trees import ROOT
    from test_frontmatter import SYNTAX
    from transparency.source.frontmatter import FrontMatterError, split

    guide = (ROOT / "docs" / "ghid-redactare.md").read_text(encoding="utf-8")
    table = guide.split("**Greșeli de scriere în antet.**", 1)[1].split("\n\n", 2)[1]
    quoted = [q for row in table.splitlines()[2:] for q in re.findall(r"`([^`]+)`", row.split("|")[1])]
    said = []
    for _, text, *_ in SYNTAX:
        try:
            split(text)
        except FrontMatterError as error:
            said.append(error.message)
    assert len(quoted) == 8
    for start in quoted:
        assert any(message.startswith(start) for message in said), start


MEETING_IN_THE_WRONG_FOLDER = """---
title: Ședința ordinară din 24 aprilie 2025
kind: ordinary
date: 2025-04-24 10:00
place: Sala de ședințe
items:
  - decision: buget-2025
---
"""


def test_a_file_in_another_types_folder_is_told_where_it_belongs_first(tmp_path):
    """A meeting saved under hotarari/: its first message says it looks like a meeting and names the
    folder it goes in, before the unknown and missing fields that all follow from where it is."""
    checked = check_with(tmp_path, {"hotarari/2025/sedinta-2025-04-24.md": MEETING_IN_THE_WRONG_FOLDER})
    first = [m for m in messages(checked) if m[0] == "hotarari/2025/sedinta-2025-04-24.md"][0]
    assert first == ("hotarari/2025/sedinta-2025-04-24.md", 1, "dosar",
                     "fișierul pare o ședință: kind, date, place, items sunt câmpuri ale ședințelor, nu ale unui "
                     "fișier din content/hotarari/", "mutați-l în content/sedinte/")


def test_a_decision_with_a_mistyped_field_is_not_said_to_be_misfiled(tmp_path):
    """One field that is not a decision's (a typo) is said as an unknown field, no more; nor is a file whose
    fields fit no other type alone."""
    typo = BROKEN_BUDGET.replace("topics: [buget\n", "topic: buget\n")
    mixed = BROKEN_BUDGET.replace("topics: [buget\n", "kind: ordinary\nitems: []\n")
    checked = check_with(tmp_path, {"hotarari/2025/buget-2025.md": typo, "hotarari/2025/alta.md": mixed})
    assert [m for m in messages(checked) if m[2] == "dosar"] == []
    assert any(m[2] == "topic" and "câmp necunoscut" in m[3] for m in messages(checked))
