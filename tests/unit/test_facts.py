"""Facts that cannot be true (domain/facts.py): each an error naming the file, the line and both dates."""

import pytest

from support.trees import check_with

EPOCH_2025_12_01 = "1764547200"  # 2025-12-01 00:00 UTC, a day after every date below but the future meeting

DECISION = """---
title: privind ceva
status: {status}
registered: 2025-06-01
meeting: {meeting}
{adopted}majority: simple
vote: {vote}
events:
{events}---
Text.
"""
MEETING = """---
title: Ședința ordinară
kind: ordinary
date: {day} 10:00
items:
  - decision: hcj-x
---
"""
REPORT = """---
title: Raport de specialitate privind ceva
kind: specialist-report
decision: hcj-x
date: {day}
---
"""


def files(status="adopted", adopted="2025-06-26", events="  - {date: 2025-06-30, event: sent-to-prefect}\n",
          meeting_day="2025-06-26", report_day=None):
    vote = "{present: 6, for: 2, against: 3, abstain: 1}" if status == "rejected" else \
        "{present: 6, for: 4, against: 1, abstain: 1}"
    text = DECISION.format(status=status, meeting="sedinta-x", events=events, vote=vote,
                           adopted=f"number: 41\nadopted: {adopted}\n" if status == "adopted" else "")
    out = {"hotarari/2025/hcj-x.md": text, "sedinte/sedinta-x.md": MEETING.format(day=meeting_day)}
    if report_day:
        out["rapoarte/raport-x.md"] = REPORT.format(day=report_day)
    return out


def errors(tmp_path, monkeypatch, **kwargs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    checked = check_with(tmp_path, files(**kwargs))
    return [(p.path.split("content/", 1)[-1], p.line, p.field, p.message)
            for p in checked.problems.errors if "hcj-x" in p.path or "raport-x" in p.path or "sedinta-x" in p.message]


def test_consistent_facts_are_clean(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, report_day="2025-06-20") == []


def test_adoption_after_its_meeting_day(tmp_path, monkeypatch):
    [(path, line, field, message)] = errors(tmp_path, monkeypatch, adopted="2025-06-27",
                                            events="  - {date: 2025-06-30, event: published}\n")
    assert (path, line, field) == ("hotarari/2025/hcj-x.md", 7, "adopted")
    assert "2025-06-27" in message and "2025-06-26" in message


def test_adoption_before_its_meeting_day_is_still_refused(tmp_path, monkeypatch):
    found = errors(tmp_path, monkeypatch, adopted="2025-06-25", events="  - {date: 2025-06-30, event: published}\n")
    assert [(f, "2025-06-25" in m and "2025-06-26" in m) for _, _, f, m in found] == [("adopted", True)]


@pytest.mark.parametrize("status", ["adopted", "rejected"])
def test_a_vote_at_a_meeting_after_the_build_day(tmp_path, monkeypatch, status):
    found = errors(tmp_path, monkeypatch, status=status, adopted="2025-12-04", meeting_day="2025-12-04", events="")
    assert [(path, line, field) for path, line, field, _ in found] == [("hotarari/2025/hcj-x.md", 3, "status")]
    assert "2025-12-04" in found[0][3] and "2025-12-01" in found[0][3]


def test_the_same_vote_is_fine_once_the_day_has_come(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")  # 2025-12-05
    checked = check_with(tmp_path, files(adopted="2025-12-04", meeting_day="2025-12-04", events=""))
    assert [p for p in checked.problems.errors if "hcj-x" in p.path] == []


def test_an_event_before_registration(tmp_path, monkeypatch):
    [(path, line, field, message)] = errors(tmp_path, monkeypatch,
                                            events="  - {date: 2025-06-30, event: published}\n"
                                                   "  - {date: 2025-05-20, event: public-debate}\n")
    assert (path, line, field) == ("hotarari/2025/hcj-x.md", 12, "events")
    assert "2025-05-20" in message and "2025-06-01" in message


def test_a_consultation_opened_before_registration(tmp_path, monkeypatch):
    """The opening written as the field, as the event would be: an error (the event's already was)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    text = "---\ntitle: privind ceva\nstatus: draft\nregistered: 2025-06-05\n" \
           "consultation: {opened: 2025-06-01, closes: 2025-06-20}\n---\nText.\n"
    checked = check_with(tmp_path, {"hotarari/2025/proiect-x.md": text})
    [(line, field, message)] = [(p.line, p.field, p.message) for p in checked.problems.errors]
    assert (line, field) == (5, "consultation.opened") and "2025-06-01" in message and "2025-06-05" in message


@pytest.mark.parametrize("kind", ["published", "sent-to-prefect", "communicated", "in-force"])
def test_publication_communication_prefect_or_entry_into_force_before_adoption(tmp_path, monkeypatch, kind):
    [(path, line, field, message)] = errors(tmp_path, monkeypatch,
                                            events=f"  - {{date: 2025-06-20, event: {kind}}}\n")
    assert (path, line, field) == ("hotarari/2025/hcj-x.md", 11, "events")
    assert kind in message and "2025-06-20" in message and "2025-06-26" in message


def test_signed_before_adoption_is_not_listed_as_impossible(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, events="  - {date: 2025-06-20, event: signed}\n") == []


def test_a_report_dated_after_the_vote(tmp_path, monkeypatch):
    [(path, line, field, message)] = errors(tmp_path, monkeypatch, report_day="2025-06-27")
    assert (path, line, field) == ("rapoarte/raport-x.md", 5, "date")
    assert "2025-06-27" in message and "2025-06-26" in message


def test_a_report_dated_before_its_draft_was_registered_is_a_warning_naming_the_registration(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    checked = check_with(tmp_path, files(report_day="2025-05-30"))  # the draft: registered 2025-06-01
    assert [p for p in checked.problems.errors if "raport-x" in p.path] == []
    [warning] = [p for p in checked.problems.warnings if "raport-x" in p.path]
    assert (warning.path.split("content/", 1)[-1], warning.line, warning.field) == ("rapoarte/raport-x.md", 5, "date")
    assert "2025-05-30" in warning.message and "2025-06-01" in warning.message and "hcj-x" in warning.message


def test_a_missed_deadline_is_a_notice_with_its_line_never_an_error_nor_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    # Adopted Thursday 26 June 2025: the 10th working day after is Thursday 10 July.
    checked = check_with(tmp_path, files(events="  - {date: 2025-07-11, event: sent-to-prefect}\n"))
    assert [p for p in checked.problems.errors if "hcj-x" in p.path] == []
    assert [p for p in checked.problems.warnings if "hcj-x" in p.path] == []  # `make publish` goes on
    [warning] = [p for p in checked.problems.notices if "hcj-x" in p.path and p.field == "prefect"]
    assert warning.line == 11 and "2025-07-11" in warning.message and "2025-07-10" in warning.message
    assert "art. 197" in warning.message



LATER_MEETING = """---
title: Ședința ordinară din iulie
kind: ordinary
date: {day} 10:00
items:
  - title: Informare privind execuția bugetară
  - decision: {item}
---
"""


def agenda_errors(tmp_path, monkeypatch, day: str, item: str = "hcj-x", **kwargs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    tmp_path = tmp_path / f"{day}-{item.replace('/', '-')}-{kwargs.get('status', 'adopted')}"
    checked = check_with(tmp_path, {**files(**kwargs), "sedinte/sedinta-y.md": LATER_MEETING.format(day=day, item=item)})
    return [(p.path.split("content/", 1)[-1], p.line, p.field, p.message) for p in checked.problems.errors]


def test_a_draft_on_the_agenda_of_a_meeting_held_before_it_was_registered(tmp_path, monkeypatch):
    """Registered 2025-06-01, voted 2025-06-26: the agenda of 2025-05-28 could not hold it."""
    [(path, line, field, message)] = agenda_errors(tmp_path, monkeypatch, "2025-05-28", status="draft", events="")
    assert (path, line, field) == ("sedinte/sedinta-y.md", 7, "items[2].decision")
    assert "2025-06-01" in message and "2025-05-28" in message and "hcj-x" in message


def test_an_adopted_decision_on_the_agenda_of_a_later_meeting(tmp_path, monkeypatch):
    """Adopted 2025-06-26: a meeting of 2025-07-24 does not vote it again (by number or by id)."""
    for item in ("hcj-x", "41/2025"):
        [(path, line, field, message)] = agenda_errors(tmp_path, monkeypatch, "2025-07-24", item=item)
        assert (path, line, field) == ("sedinte/sedinta-y.md", 7, "items[2].decision")
        assert "2025-06-26" in message and "2025-07-24" in message


def test_an_agenda_before_the_vote_is_fine(tmp_path, monkeypatch):
    """A debate postponed: the draft on an earlier meeting's agenda, after its registration; a rejected
    draft may come back to a later meeting."""
    assert agenda_errors(tmp_path, monkeypatch, "2025-06-12") == []
    assert agenda_errors(tmp_path, monkeypatch, "2025-07-24", status="rejected", events="") == []


def test_a_consultation_closing_after_the_vote_is_a_notice_naming_both_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    text = files()["hotarari/2025/hcj-x.md"].replace(
        "registered: 2025-06-01\n", "registered: 2025-06-01\nconsultation: {opened: 2025-06-02, closes: 2025-07-10}\n")
    checked = check_with(tmp_path, {**files(), "hotarari/2025/hcj-x.md": text})
    assert [p for p in checked.problems.errors + checked.problems.warnings if "hcj-x" in p.path] == []
    [notice] = [p for p in checked.problems.notices if p.field == "consultation.closes"]
    assert notice.line == 5 and "2025-07-10" in notice.message and "2025-06-26" in notice.message


# The minimal council's rectificare-buget is Hotărârea nr. 40/2025, adopted 2025-06-26.
DOCUMENT = """---
title: Documentul aprobat
kind: {kind}
date: {day}
decision: 40/2025
---
Textul documentului.
"""


@pytest.mark.parametrize("kind", ["statute", "regulation", "budget"])
def test_an_act_dated_before_the_decision_that_approved_it_is_a_notice_naming_both_dates(tmp_path, monkeypatch,
                                                                                        kind):
    """A notice, never blocking: the contract gives such a document's `date` no meaning, and a council
    that dates its regulations as drafted must still publish."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    checked = check_with(tmp_path, {"documente/act.md": DOCUMENT.format(kind=kind, day="2025-02-26")})
    assert [p for p in checked.problems.errors + checked.problems.warnings if "documente/" in p.path] == []
    [warning] = [p for p in checked.problems.notices if "documente/" in p.path]
    assert (warning.path.split("content/", 1)[-1], warning.line, warning.field) == ("documente/act.md", 4, "date")
    assert "2025-02-26" in warning.message and "2025-06-26" in warning.message and "40/2025" in warning.message
    assert "hotarari/2025/rectificare-buget.md" in warning.message
    assert "2025-06-26" in warning.expected and "„decision”" in warning.expected


@pytest.mark.parametrize("kind, day", [
    ("regulation", "2025-06-26"), ("regulation", "2025-07-02"),  # the day of adoption, or its publication after
    ("budget-execution", "2025-02-26"), ("financial-statement", "2025-02-26"), ("other", "2025-02-26"),
])
def test_a_document_dated_on_or_after_its_approval_or_drawn_up_before_it_is_not_reported(tmp_path, monkeypatch,
                                                                                         kind, day):
    """An execution account or financial statements are drawn up, then approved by the council: their
    date comes before the decision's."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_12_01)
    checked = check_with(tmp_path, {"documente/act.md": DOCUMENT.format(kind=kind, day=day)})
    assert [p for p in checked.problems.items if "documente/" in p.path] == []
