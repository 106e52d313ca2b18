"""Single-file contract rules: each reported with its file, line and field."""

from support.trees import check_with, found

DRAFT = """---
title: privind un proiect
status: draft
registered: 2025-05-02
{extra}---
Text.
"""


def decision(extra: str) -> dict:
    return {"hotarari/2025/proiect-x.md": DRAFT.format(extra=extra)}


def test_minimal_fixture_is_clean(tmp_path):
    checked = check_with(tmp_path, {})
    assert checked.problems.items == []
    assert len(checked.archive.decisions) == 3


def test_unknown_key_is_an_error_with_a_suggestion(tmp_path):
    checked = check_with(tmp_path, decision("titel: x\n"))
    [(path, line, severity, message)] = found(checked, "titel")
    assert (path, line, severity) == ("hotarari/2025/proiect-x.md", 5, "error")
    assert "necunoscut" in message
    assert "title" in checked.problems.items[0].expected


def test_date_that_does_not_exist(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": DRAFT.format(extra="").replace(
        "registered: 2025-05-02", "registered: 2025-02-30")})
    assert found(checked, "registered") == [
        ("hotarari/2025/proiect-x.md", 4, "error", "data „2025-02-30” nu există sau nu are forma corectă")]


def test_status_outside_vocabulary(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": DRAFT.format(extra="").replace(
        "status: draft", "status: in-force")})
    [(_, line, _, message)] = found(checked, "status")
    assert line == 3 and "in-force" in message


def test_adopted_requires_number_adopted_meeting_vote_majority(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": DRAFT.format(extra="").replace(
        "status: draft", "status: adopted")})
    fields = {p.field for p in checked.problems.errors}
    assert {"number", "adopted", "meeting", "vote", "majority"} <= fields
    assert all(p.path.endswith("proiect-x.md") and p.line == 3 for p in checked.problems.errors)  # the status line


def test_rejected_requires_meeting_vote_majority(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": DRAFT.format(extra="").replace(
        "status: draft", "status: rejected")})
    assert {p.field for p in checked.problems.errors} == {"meeting", "vote", "majority"}


def test_number_on_a_draft_is_a_warning_and_ignored(tmp_path):
    checked = check_with(tmp_path, decision("number: 12\n"))
    assert [(line, severity) for _, line, severity, _ in found(checked, "number")] == [(5, "warning")]
    assert checked.archive.decisions["proiect-x"].citation == ""


def test_event_outside_vocabulary_names_the_nested_field(tmp_path):
    checked = check_with(tmp_path, decision("events:\n  - {date: 2025-05-03, event: signed}\n"
                                            "  - {date: 2025-05-04, event: publicat}\n"))
    [(_, line, _, message)] = found(checked, "events[2].event")
    assert line == 7 and "publicat" in message


def test_withdrawn_without_withdrawn_event_is_a_warning(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": DRAFT.format(extra="").replace(
        "status: draft", "status: withdrawn")})
    [(_, _, severity, _)] = found(checked, "events")
    assert severity == "warning"


def test_missing_attachment(tmp_path):
    checked = check_with(tmp_path, decision("attachments:\n  - {file: anexe/lipsa.pdf, title: Anexa}\n"))
    [(_, line, _, message)] = found(checked, "attachments[1].file")
    assert line == 6 and "lipsa.pdf" in message


def test_attachment_outside_content_is_refused(tmp_path):
    checked = check_with(tmp_path, decision("attachments:\n  - {file: ../../../etc/passwd}\n"))
    [(_, _, _, message)] = found(checked, "attachments[1].file")
    assert "nu se află în dosarul content" in message


def test_report_kind_rules(tmp_path):
    report = """---
title: Aviz
kind: committee-opinion
decision: buget-2025
date: 2025-03-20
---
"""
    checked = check_with(tmp_path, {"rapoarte/aviz-x.md": report})
    assert {p.field for p in checked.problems.errors} == {"committee", "opinion"}
    specialist = report.replace("committee-opinion", "specialist-report") + ""
    specialist = specialist.replace("date: 2025-03-20\n", "date: 2025-03-20\nopinion: favorable\n")
    checked = check_with(tmp_path / "b", {"rapoarte/raport-x.md": specialist})
    assert found(checked, "opinion")[0][1] == 6


def test_meeting_date_needs_time(tmp_path):
    meeting = "---\ntitle: Ședința\nkind: ordinary\ndate: 2025-03-27\n---\n"
    checked = check_with(tmp_path, {"sedinte/s.md": meeting})
    [(_, line, _, _)] = found(checked, "date")
    assert line == 4


def test_page_id_may_not_take_a_site_address(tmp_path):
    checked = check_with(tmp_path, {"pages/hotarari.md": "---\ntitle: X\n---\n"})
    assert found(checked, "id")


def test_duplicate_id_across_folders(tmp_path):
    checked = check_with(tmp_path, {"rapoarte/buget-2025.md": "---\ntitle: X\n---\n"})
    [(path, _, _, message)] = found(checked, "id")
    assert path == "rapoarte/buget-2025.md" and "buget-2025" in message


def test_markdown_outside_known_folders_is_reported(tmp_path):
    checked = check_with(tmp_path, {"anunturi/a.md": "---\ntitle: X\n---\n"})
    assert found(checked, "dosar")


def test_unreferenced_file_is_reported_not_published(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/anexe/orfan.pdf": "%PDF-1.4\n"})
    [(path, _, severity, _)] = found(checked, "fișier")
    assert path == "hotarari/2025/anexe/orfan.pdf" and severity == "warning"
    assert "hotarari/2025/anexe/orfan.pdf" not in checked.archive.attachments


def test_invalid_yaml_is_located(tmp_path):
    checked = check_with(tmp_path, decision("summary: a: b\n"))
    [(_, line, _, _)] = found(checked, "front matter")
    assert line == 5


def test_one_bad_file_does_not_lose_the_others(tmp_path):
    checked = check_with(tmp_path, decision("summary: a: b\n"))
    assert set(checked.archive.decisions) == {"buget-2025", "rectificare-buget", "proiect-parcari"}


def test_a_required_field_written_but_left_empty_is_named_at_its_own_line(tmp_path):
    report = ("---\ntitle: Referat de aprobare\nkind: approval-memo\ndecision:\nnumber: 32115\n"
              "date: 2025-03-20\n---\n")
    checked = check_with(tmp_path, {"rapoarte/referat-x.md": report})
    assert found(checked, "decision") == [("rapoarte/referat-x.md", 4, "error", "câmpul obligatoriu „decision” este gol")]
    [problem] = [p for p in checked.problems.items if p.field == "decision"]
    assert problem.expected == ("valoarea după „decision: ”, pe același rând: id-ul proiectului sau al hotărârii "
                                "(numele fișierului fără .md) sau NUMĂR/AN")


def test_a_required_text_of_spaces_only_is_as_empty_as_none(tmp_path):
    """`title: "   "` would publish a page with no title: said empty, at its line, as `title:` is."""
    report = ('---\ntitle: "   "\nkind: approval-memo\ndecision: buget-2025\nnumber: 32115\n'
              "date: 2025-03-20\n---\n")
    checked = check_with(tmp_path, {"rapoarte/referat-x.md": report})
    assert found(checked, "title") == [("rapoarte/referat-x.md", 2, "error", "câmpul obligatoriu „title” este gol")]


def test_an_empty_field_a_status_requires_is_named_at_its_own_line_not_the_status(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": DRAFT.format(extra="number:\n").replace(
        "status: draft", "status: adopted")})
    assert found(checked, "number") == [
        ("hotarari/2025/proiect-x.md", 5, "error", "câmpul obligatoriu „number” este gol (obligatoriu pentru „status: adopted”)")]


def test_an_empty_field_of_a_group_or_a_list_item_is_named_at_its_own_line(tmp_path):
    checked = check_with(tmp_path, decision("consultation:\n  opened:\n  closes: 2025-05-20\n"
                                            "events:\n  - {date: , event: signed}\n"))
    assert found(checked, "consultation.opened") == [
        ("hotarari/2025/proiect-x.md", 6, "error", "câmpul obligatoriu „opened” din „consultation” este gol")]
    assert found(checked, "events[1].date") == [
        ("hotarari/2025/proiect-x.md", 9, "error", "câmpul obligatoriu „date” este gol")]


def test_an_empty_choice_says_the_values_it_takes(tmp_path):
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": DRAFT.format(extra="").replace(
        "status: draft", "status:")})
    [problem] = [p for p in checked.problems.items if p.field == "status"]
    assert (problem.line, problem.message) == (3, "câmpul obligatoriu „status” este gol")
    assert problem.expected == "valoarea după „status: ”, pe același rând: una dintre: draft | adopted | rejected | withdrawn"
