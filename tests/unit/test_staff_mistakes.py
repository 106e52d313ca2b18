"""Mistakes clerks make that once published wrong facts, or lost a document, without a word
(found by a review that wrote content as staff do). Oracle: the problems the check reports,
by file, line and field."""

from __future__ import annotations

import pytest

from support import trees

DRAFT = "---\ntitle: privind tarifele parcărilor\nstatus: draft\nregistered: 2025-11-03\n---\nProiect.\n"


@pytest.mark.parametrize("name", ["proiect-tarife.MD", "proiect-tarife.markdown", "proiect-tarife.txt",
                                  "proiect-tarife.md~"])
def test_a_document_saved_under_another_extension_is_an_error_naming_its_right_name(tmp_path, name):
    checked = trees.check_with(tmp_path, {f"hotarari/2025/{name}": "\ufeff" + DRAFT if name.endswith("txt") else DRAFT})
    [(path, line, severity, message)] = trees.found(checked, "fișier")
    assert (path, line, severity) == (f"hotarari/2025/{name}", 1, "error") and "„.md”" in message
    assert any("proiect-tarife.md”" in p.expected for p in checked.problems.items if p.field == "fișier")


def test_a_file_that_is_no_document_left_unattached_is_only_a_warning(tmp_path):
    checked = trees.check_with(tmp_path, {"hotarari/2025/note.txt": "de verificat\n---\n"})
    assert [severity for _, _, severity, _ in trees.found(checked, "fișier")] == ["warning"]


@pytest.mark.parametrize("written", ["topics: buget, finanțe", "topics:\n  – buget\n  – finanțe",
                                     "committees: buget, urbanism"])
def test_a_list_written_as_one_text_is_an_error_not_a_topic_named_by_the_whole_line(tmp_path, written):
    draft = DRAFT.replace("registered: 2025-11-03\n", f"registered: 2025-11-03\n{written}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    field = written.split(":")[0]
    assert [(line, severity) for _, line, severity, _ in trees.found(checked, field)] == [(5, "error")]
    assert "un singur text" in trees.found(checked, field)[0][3]


def test_a_consultation_without_its_last_day_is_a_warning(tmp_path):
    draft = DRAFT.replace("registered: 2025-11-03\n", "registered: 2025-11-03\nconsultation:\n  opened: 2025-11-05\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    assert [(line, severity) for _, line, severity, _ in trees.found(checked, "consultation.closes")] == \
        [(6, "warning")]


def test_a_publication_recorded_on_a_draft_is_an_error_at_its_line(tmp_path):
    draft = DRAFT.replace("registered: 2025-11-03\n",
                          "registered: 2025-11-03\nevents:\n  - {date: 2025-11-10, event: published}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    [(path, line, severity, message)] = trees.found(checked, "events")
    assert (path, line, severity) == ("hotarari/2025/proiect-tarife.md", 6, "error") and "„draft”" in message


def test_a_council_file_that_cannot_be_read_is_one_error_not_one_per_member_and_committee(tmp_path):
    from transparency.source import pipeline

    root = trees.copy_fixture("minimal", tmp_path / "content")
    council = root / "data/council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("\n", "\n\t", 1), encoding="utf-8")  # a tab
    errors = pipeline.check(root).problems.errors
    assert [(p.path.split("content/", 1)[-1], p.field) for p in errors] == [("data/council.yml", "council.yml")]


@pytest.mark.parametrize("link, target, line", [
    ("[HCJ 143/2025](../2025/hcj-2025-143-rectificare.md).", "../2025/hcj-2025-143-rectificare.md", 8),
    ("[bugetul]({filename}/hotarari/2025/buget-2025.md).", "{filename}/hotarari/2025/buget-2025.md", 8),
    ("[regulamentul](regulament-parcari.MD#art-2 \"Regulament\").", "regulament-parcari.MD", 8),
    ("[despre][1].\n\n[1]: ../pages/despre.md", "../pages/despre.md", 10),  # a link by reference
])
def test_a_link_to_a_source_file_is_a_warning_at_its_line(tmp_path, link, target, line):
    draft = DRAFT.replace("Proiect.\n", f"Proiect.\n\nVezi {link}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    [(_, found_line, severity, message)] = [p for p in trees.found(checked, "text") if "fișier al arhivei" in p[3]]
    assert (found_line, severity) == (line, "warning") and f"„{target}”" in message


def test_links_to_pages_and_code_that_shows_a_file_name_are_not_warned_of(tmp_path):
    body = "Vezi [pagina](/hotarari/2025/5/), [ghidul](https://example.ro/ghid.md) și `[x](a.md)`.\n"
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": DRAFT.replace("Proiect.\n", body)})
    assert not [p for p in trees.found(checked, "text") if "fișier al arhivei" in p[3]]


def test_a_number_written_as_text_says_how_to_write_it(tmp_path):
    draft = DRAFT.replace("status: draft\n", "status: draft\nnumber: \"0148\"\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    [problem] = [p for p in checked.problems.items if p.field == "number" and "text" in p.message]
    assert "scris ca text" in problem.message and problem.expected.endswith(": 148")


def test_a_draft_registered_after_the_build_day_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", trees.EPOCH_2025_11_25)
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md":
                                          DRAFT.replace("registered: 2025-11-03", "registered: 2027-03-01")})
    [(_, line, severity, message)] = trees.found(checked, "registered")
    assert (line, severity) == (4, "warning") and "2027-03-01" in message and "2025-11-25" in message


def test_an_attachment_named_in_another_case_names_the_file_that_is_there(tmp_path):
    draft = DRAFT.replace("status: draft\n", "status: draft\nattachments:\n  - {file: anexe/Buget-Anexa-1.PDF}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    [problem] = [p for p in checked.problems.items if p.field.startswith("attachments")]
    assert "„hotarari/2025/anexe/buget-anexa-1.pdf”" in problem.message and problem.severity == "error"


def test_a_file_attached_in_another_case_is_named_by_its_error_alone_with_the_path_to_write(tmp_path):
    """The review: the error at the attachment and a warning that the file was attached to nothing,
    for the same file; the fix given was a general one."""
    draft = DRAFT.replace("status: draft\n", "status: draft\nattachments:\n  - {file: Anexe/Harta-Parcari.pdf}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft,
                                          "hotarari/2025/anexe/harta-parcari.pdf": "%PDF-1.4\n%%EOF\n"})
    [problem] = [p for p in checked.problems.items if p.field.startswith("attachments")]
    assert problem.severity == "error" and problem.expected.startswith("„anexe/harta-parcari.pdf”")
    assert not [p for p in checked.problems.items if p.path.endswith("harta-parcari.pdf")]


def test_publish_text_in_romanian_says_true_or_false(tmp_path):
    act = ("---\ntitle: privind numirea unei comisii\nnumber: 41\ndate: 2025-05-05\nissuer: Președintele\n"
           "character: individual\npublish_text: da\n---\nText.\n")
    checked = trees.check_with(tmp_path, {"dispozitii/2025/dp-41.md": act})
    [problem] = [p for p in checked.problems.items if p.field == "publish_text"]
    assert "„true”" in problem.message and "da și nu nu sunt înțelese" in problem.expected


@pytest.mark.parametrize("line, cut", [("title: privind proiectul #5 de drumuri", True),
                                       ("initiator: Președintele #consiliului", True),
                                       ("title: privind proiectul  # o notă a autorului", False),
                                       ("title: \"privind proiectul #5 de drumuri\"", False),
                                       ("topics: [buget] #de-revăzut", False)])
def test_a_value_cut_short_by_a_hash_is_a_warning_but_a_comment_is_not(tmp_path, line, cut):
    key = line.split(":")[0]
    draft = DRAFT.replace("title: privind tarifele parcărilor\n", f"{line}\n" if key == "title" else
                          f"title: privind tarifele parcărilor\n{line}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    found = [(path, number, severity) for path, number, severity, message in trees.found(checked, key)
             if "comentariu" in message]
    at = 2 if key == "title" else 3  # the line after „---”, or the one after the title
    assert found == ([("hotarari/2025/proiect-tarife.md", at, "warning")] if cut else [])


def test_a_groups_field_written_outside_it_says_to_indent_it(tmp_path):
    draft = DRAFT.replace("registered: 2025-11-03\n", "registered: 2025-11-03\nconsultation:\nopened: 2025-11-05\n"
                          "closes: 2025-11-20\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    [problem] = [p for p in checked.problems.items if p.field == "opened"]
    assert "„consultation”" in problem.message and "poate ați vrut" not in problem.expected and problem.line == 6


def test_one_draft_twice_on_one_agenda_is_an_error_at_the_second_item(tmp_path):
    meeting = ("---\ntitle: Ședința extraordinară\nkind: extraordinary\ndate: 2025-11-20 10:00\nitems:\n"
               "  - decision: proiect-parcari\n  - title: Informare privind execuția bugetară\n"
               "  - decision: proiect-parcari\n---\n")  # (buget-2025, adopted in March, is not voted again)
    checked = trees.check_with(tmp_path, {"sedinte/sedinta-2025-11-20.md": meeting})
    [problem] = [p for p in checked.problems.items if p.field.startswith("items[")]
    assert (problem.line, problem.field, problem.severity) == (8, "items[3].decision", "error")
    assert "punctul 1" in problem.message


BUDGET = trees.FIXTURES / "minimal/hotarari/2025/buget-2025.md"
PUBLISHED = "  - {date: 2025-04-01, event: published}\n"  # line 19 of the fixture's decision


@pytest.mark.parametrize("events, line", [
    ("  - {date: 2025-06-12, event: suspension-lifted}\n", 20),  # never suspended
    ("  - {date: 2025-05-02, event: suspension-lifted}\n  - {date: 2025-06-12, event: suspended}\n", 20),  # after
    ("  - {date: 2025-05-02, event: suspended}\n  - {date: 2025-05-20, event: suspension-lifted}\n"
     "  - {date: 2025-06-12, event: suspension-lifted}\n", 22),  # lifted already
])
def test_a_suspension_lifted_with_no_suspension_before_it_is_an_error_at_its_line(tmp_path, events, line):
    text = BUDGET.read_text(encoding="utf-8").replace(PUBLISHED, PUBLISHED + events)
    checked = trees.check_with(tmp_path, {"hotarari/2025/buget-2025.md": text})
    [(path, found_line, severity, message)] = trees.found(checked, "events")
    assert (path, found_line, severity) == ("hotarari/2025/buget-2025.md", line, "error")
    assert "„suspension-lifted”" in message and "„suspended”" in message


def test_a_second_lifting_names_the_suspension_already_lifted_and_when(tmp_path):
    text = BUDGET.read_text(encoding="utf-8").replace(PUBLISHED, PUBLISHED + (
        "  - {date: 2025-06-12, event: suspension-lifted}\n  - {date: 2025-05-02, event: suspended}\n"
        "  - {date: 2025-05-20, event: suspension-lifted}\n"))  # out of date order in the file
    checked = trees.check_with(tmp_path, {"hotarari/2025/buget-2025.md": text})
    [(_, line, _, message)] = trees.found(checked, "events")
    assert line == 20 and "din 2025-05-02 a încetat deja la 2025-05-20" in message


def test_a_suspension_lifted_on_or_after_its_suspension_is_accepted(tmp_path):
    text = BUDGET.read_text(encoding="utf-8").replace(PUBLISHED, PUBLISHED + (
        "  - {date: 2025-05-02, event: suspended}\n  - {date: 2025-05-02, event: suspension-lifted}\n"
        "  - {date: 2025-06-02, event: suspended}\n  - {date: 2025-06-12, event: suspension-lifted}\n"))
    checked = trees.check_with(tmp_path, {"hotarari/2025/buget-2025.md": text})
    assert not trees.found(checked, "events")


def test_one_file_attached_twice_is_a_warning_at_the_second_entry_naming_the_first(tmp_path):
    text = BUDGET.read_text(encoding="utf-8").replace(
        "  - {file: anexe/buget-anexa-1.pdf, title: Anexa 1 – Bugetul general}\n",
        "  - {file: anexe/buget-anexa-1.pdf, title: Anexa 1 – Bugetul general}\n  - {file: anexe/alta.pdf}\n"
        "  - file: ./anexe/buget-anexa-1.pdf\n    title: Anexa 2\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/buget-2025.md": text,
                                          "hotarari/2025/anexe/alta.pdf": "%PDF-1.4\n"})
    [(path, line, severity, message)] = trees.found(checked, "attachments[3].file")
    assert (path, line, severity) == ("hotarari/2025/buget-2025.md", 23, "warning")
    assert "rândul 21" in message and "„./anexe/buget-anexa-1.pdf”" in message


@pytest.mark.parametrize(("event", "rest", "cut"), [
    ("{date: 2025-11-10, event: signed, note: Monitorul Oficial Local nr. 5, anexa 2}", "anexa 2", "note"),
    ("{date: 2025-11-10, note: semnată de președinte, cu întârziere, event: signed}", "cu întârziere", "note")])
def test_a_comma_in_a_note_between_braces_says_to_quote_the_note_not_that_a_field_is_unknown(tmp_path, event, rest,
                                                                                              cut):
    """YAML ends a value at a comma between braces: the rest became a field „anexa 2”, and the message
    listed the fields allowed instead of saying to quote the note."""
    draft = DRAFT.replace("registered: 2025-11-03\n", f"registered: 2025-11-03\nevents:\n  - {event}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    [problem] = [p for p in checked.problems.items if p.field == f"events[1].{rest}"]
    assert (problem.line, problem.severity) == (6, "error")
    assert "virgulă" in problem.message and f"„{cut}: \"…, {rest}\"”" in problem.expected


def test_an_unknown_field_between_braces_with_its_own_value_is_still_named_unknown(tmp_path):
    draft = DRAFT.replace("registered: 2025-11-03\n",
                          "registered: 2025-11-03\nevents:\n  - {date: 2025-11-10, event: signed, nota: x}\n")
    checked = trees.check_with(tmp_path, {"hotarari/2025/proiect-tarife.md": draft})
    [problem] = [p for p in checked.problems.items if p.field == "events[1].nota"]
    assert "necunoscut" in problem.message and "note" in problem.expected


@pytest.mark.parametrize("voted, reported", [("Dan Stan", []), ("Stan Dan", []), ("Ion Vasilescu", [16])])
def test_a_member_name_cut_by_a_comma_in_council_yml_is_said_there_once_not_at_every_vote(tmp_path, voted,
                                                                                          reported):
    """`{name: Stan, Dan, group: …}`: council.yml says the comma cut the name, as a document's fields
    do; the review also found every vote naming the member reported as naming no member."""
    council = (trees.FIXTURES / "minimal/data/council.yml").read_text(encoding="utf-8")
    budget = (trees.FIXTURES / "minimal/hotarari/2025/buget-2025.md").read_text(encoding="utf-8")
    checked = trees.check_with(tmp_path, {
        "data/council.yml": council.replace("{name: Dan Stan,", "{name: Stan, Dan,"),
        "hotarari/2025/buget-2025.md": budget.replace("against: [Dan Stan]", f"against: [{voted}]")})
    [problem] = [p for p in checked.problems.errors if p.path.endswith("council.yml")]
    assert (problem.line, problem.field) == (11, "members[4].Dan") and "virgulă" in problem.message
    assert problem.expected == "valoarea între ghilimele: „name: \"…, Dan\"”"
    assert [p.line for p in checked.problems.errors if p.field == "votes.against"] == reported
