"""Derived public status (each precedence case) and timeline (each source)."""

import datetime as dt

import pytest

from support.model_builders import (
    D, AgendaItem, Consultation, Meeting, Report, adopted, archive, draft, event, related,
)
from transparency.domain.timeline import public_status, timeline

TODAY = D(2025, 11, 25)


def status_of(decision_id, *docs, today=TODAY):
    a = archive(*docs)
    return public_status(a.decisions[decision_id], related(a), a, today)


PUBLISHED = event(D(2025, 1, 20), "published")


def test_in_force_once_published():
    s = status_of("a", adopted("a", 1, D(2025, 1, 10), events=(PUBLISHED,)))
    assert (s.code, s.since) == ("in-force", D(2025, 1, 20))


def test_adopted_but_not_published_is_not_in_force():
    s = status_of("a", adopted("a", 1, D(2025, 1, 10)))
    assert (s.code, s.since, s.until) == ("adopted", D(2025, 1, 10), None)


def test_published_after_the_build_day_is_not_in_force_yet():
    a = adopted("a", 1, D(2025, 1, 10), events=(event(D(2025, 1, 20), "published"),))
    assert [status_of("a", a, today=day).code for day in (D(2025, 1, 19), D(2025, 1, 20))] == ["adopted", "in-force"]
    assert status_of("a", a, today=D(2025, 1, 19)).until == D(2025, 1, 20)


def test_an_individual_decision_takes_effect_when_communicated_not_published():
    a = adopted("a", 1, D(2025, 1, 10), character="individual",
                events=(event(D(2025, 1, 12), "published"), event(D(2025, 1, 15), "communicated")))
    assert status_of("a", a, today=D(2025, 1, 13)).code == "adopted"
    assert status_of("a", a, today=D(2025, 1, 15)).since == D(2025, 1, 15)


def test_an_explicit_in_force_event_wins():
    a = adopted("a", 1, D(2025, 1, 10), events=(PUBLISHED, event(D(2026, 1, 1), "in-force")))
    s = status_of("a", a)
    assert (s.code, s.until) == ("adopted", D(2026, 1, 1))
    assert status_of("a", a, today=D(2026, 1, 1)).code == "in-force"


def test_amended_names_the_amending_decisions_from_the_day_they_take_effect():
    s = status_of("a", adopted("a", 1, D(2025, 1, 10)),
                  adopted("b", 9, D(2025, 3, 1), amends=("1/2025",), events=(event(D(2025, 3, 6), "published"),)))
    assert (s.code, s.by, s.since) == ("amended", ("b",), D(2025, 3, 6))


def test_a_change_adopted_but_not_yet_in_force_changes_nothing_yet():
    a = adopted("a", 1, D(2025, 1, 10), events=(PUBLISHED,))
    unpublished = adopted("b", 9, D(2025, 3, 1), amends=("1/2025",))
    later = adopted("c", 20, D(2025, 10, 30), repeals=("1/2025",),
                    events=(event(D(2025, 11, 3), "published"), event(D(2026, 1, 1), "in-force")))
    assert status_of("a", a, unpublished, later).code == "in-force"
    s = status_of("a", a, unpublished, later, today=D(2026, 1, 1))
    assert (s.code, s.since, s.by) == ("repealed", D(2026, 1, 1), ("c",))


def test_a_change_made_by_a_decision_a_court_annulled_no_longer_stands():
    repealer = adopted("c", 20, D(2025, 6, 1), repeals=("1/2025",),
                       events=(event(D(2025, 6, 5), "published"), event(D(2025, 9, 1), "annulled")))
    a = adopted("a", 1, D(2025, 1, 10), events=(PUBLISHED,))
    assert status_of("a", a, repealer, today=D(2025, 8, 31)).code == "repealed"
    assert status_of("a", a, repealer).code == "in-force"
    kinds = [(e.date, e.kind) for e in timeline(a, related(archive(a, repealer)), archive(a, repealer))]
    assert kinds[-2:] == [(D(2025, 6, 5), "repealed-by"), (D(2025, 9, 1), "repeal-annulled")]


def test_a_draft_that_would_amend_changes_nothing_yet():
    s = status_of("a", adopted("a", 1, D(2025, 1, 10), events=(PUBLISHED,)),
                  draft("p", D(2025, 10, 1), amends=("1/2025",)))
    assert s.code == "in-force"


def test_suspended_beats_amended():
    a = adopted("a", 1, D(2025, 1, 10), events=(event(D(2025, 5, 1), "suspended", "Sentința 1/2025"),))
    s = status_of("a", a, adopted("b", 9, D(2025, 3, 1), amends=("a",)))
    assert (s.code, s.note) == ("suspended", "Sentința 1/2025")


def test_suspension_lifted_later_restores_the_previous_status():
    a = adopted("a", 1, D(2025, 1, 10), events=(PUBLISHED, event(D(2025, 5, 1), "suspended"),
                                                  event(D(2025, 7, 1), "suspension-lifted")))
    assert status_of("a", a).code == "in-force"


def test_suspended_again_after_lifting():
    a = adopted("a", 1, D(2025, 1, 10), events=(event(D(2025, 5, 1), "suspended"),
                                                  event(D(2025, 7, 1), "suspension-lifted"),
                                                  event(D(2025, 9, 1), "suspended")))
    assert status_of("a", a).code == "suspended"


def test_future_suspension_does_not_apply_yet():
    a = adopted("a", 1, D(2025, 1, 10), events=(PUBLISHED, event(D(2025, 12, 1), "suspended"),))
    assert status_of("a", a).code == "in-force"


def test_repealed_beats_suspended():
    a = adopted("a", 1, D(2025, 1, 10), events=(event(D(2025, 5, 1), "suspended"),))
    repealer = adopted("c", 20, D(2025, 6, 1), repeals=("1/2025",), events=(event(D(2025, 6, 2), "published"),))
    s = status_of("a", a, repealer)
    assert (s.code, s.by) == ("repealed", ("c",))


def test_annulled_beats_everything():
    a = adopted("a", 1, D(2025, 1, 10), events=(event(D(2025, 8, 1), "annulled", "Decizia 5/2025"),))
    s = status_of("a", a, adopted("c", 20, D(2025, 6, 1), repeals=("a",)))
    assert s.code == "annulled"


@pytest.mark.parametrize("today,expected", [
    (D(2025, 10, 31), "draft"), (D(2025, 11, 1), "in-consultation"), (D(2025, 11, 15), "in-consultation"),
    (D(2025, 11, 16), "draft"),
])
def test_consultation_depends_on_the_build_day(today, expected):
    p = draft("p", D(2025, 10, 20), consultation=Consultation(D(2025, 11, 1), D(2025, 11, 15), None))
    s = status_of("p", p, today=today)
    assert s.code == expected
    if expected == "in-consultation":
        assert s.until == D(2025, 11, 15)


def test_a_consultation_closed_early_is_no_longer_open():
    p = draft("p", D(2026, 6, 1), consultation=Consultation(D(2026, 6, 2), D(2026, 6, 20), None),
              events=(event(D(2026, 6, 5), "consultation-closed"),))
    assert [status_of("p", p, today=day).code for day in (D(2026, 6, 5), D(2026, 6, 6))] == ["in-consultation", "draft"]
    a = archive(p)
    closed = [e.date for e in timeline(p, related(a), a) if e.kind == "consultation-closed"]
    assert closed == [D(2026, 6, 5)]  # once, on the day it closed, not again on the day announced


def test_rejected_and_withdrawn_keep_their_written_status():
    r = draft("r", D(2025, 1, 1))
    r.status = "rejected"
    w = draft("w", D(2025, 1, 1), events=(event(D(2025, 2, 1), "withdrawn"),))
    w.status = "withdrawn"
    assert status_of("r", r, w).code == "rejected"
    assert (status_of("w", r, w).code, status_of("w", r, w).since) == ("withdrawn", D(2025, 2, 1))


def test_timeline_gathers_every_source_in_date_order():
    meeting = Meeting(id="s1", source="sedinte/s1.md", title="Ședința 1", kind="ordinary",
                      start=dt.datetime(2025, 3, 27, 10, 0), items=(AgendaItem(1, decision="a"),))
    report = Report(id="r1", source="rapoarte/r1.md", title="Raport", kind="specialist-report", decision="a",
                    date=D(2025, 3, 1))
    opinion = Report(id="r2", source="rapoarte/r2.md", title="Aviz", kind="committee-opinion", decision="1/2025",
                     date=D(2025, 3, 20), committee="buget", opinion="favorable")
    a = adopted("a", 1, D(2025, 3, 27), registered=D(2025, 2, 1), meeting="s1",
                consultation=Consultation(D(2025, 2, 5), D(2025, 2, 15), 3),
                events=(event(D(2025, 4, 1), "published"), event(D(2025, 3, 28), "signed")))
    later = adopted("b", 30, D(2025, 6, 1), amends=("1/2025",), events=(event(D(2025, 6, 5), "published"),))
    repealer = adopted("c", 44, D(2025, 9, 1), repeals=("a",))  # not yet in force: a repeal to come
    docs = archive(a, later, repealer, meeting, report, opinion)
    entries = timeline(docs.decisions["a"], related(docs), docs)
    assert [(e.date, e.kind) for e in entries] == [
        (D(2025, 2, 1), "registered"), (D(2025, 2, 5), "consultation-opened"),
        (D(2025, 2, 15), "consultation-closed"), (D(2025, 3, 1), "report"),
        (D(2025, 3, 20), "committee-opinion"), (D(2025, 3, 27), "on-agenda"), (D(2025, 3, 27), "adopted"),
        (D(2025, 3, 28), "signed"), (D(2025, 4, 1), "published"), (D(2025, 6, 5), "amended-by"),
        (D(2025, 9, 1), "repeal-adopted"),
    ]
    sources = {e.kind: (e.source_type, e.source_id) for e in entries}
    assert sources["report"] == ("report", "r1") and sources["committee-opinion"] == ("report", "r2")
    assert sources["on-agenda"] == ("meeting", "s1") and sources["adopted"] == ("meeting", "s1")
    assert sources["amended-by"] == ("decision", "b") and sources["repeal-adopted"] == ("decision", "c")
    assert entries[-1].note.startswith("Hotărârea nr. 44/2025")


def test_an_event_that_repeats_a_fact_of_the_fields_is_that_fact_shown_once():
    opinion = Report(id="r2", source="rapoarte/r2.md", title="Aviz", kind="committee-opinion", decision="p",
                     date=D(2025, 3, 20), committee="buget", opinion="favorable")
    p = draft("p", D(2025, 2, 1), consultation=Consultation(D(2025, 2, 5), D(2025, 2, 15), 3),
              events=(event(D(2025, 2, 5), "consultation-opened"), event(D(2025, 2, 15), "consultation-closed"),
                      event(D(2025, 3, 20), "committee-opinion"),
                      event(D(2025, 3, 20), "committee-opinion", "al doilea aviz, al comisiei juridice")))
    docs = archive(p, opinion)
    entries = timeline(docs.decisions["p"], related(docs), docs)
    assert [(e.date, e.kind, e.source_id) for e in entries] == [
        (D(2025, 2, 1), "registered", ""), (D(2025, 2, 5), "consultation-opened", ""),
        (D(2025, 2, 15), "consultation-closed", ""), (D(2025, 3, 20), "committee-opinion", ""),
        (D(2025, 3, 20), "committee-opinion", "r2"),
    ]
    assert entries[3].note == "al doilea aviz, al comisiei juridice"  # a note says more: kept
    assert entries[1].until == D(2025, 2, 15)  # the consultation's own entry, not the event


def test_an_early_closing_with_its_reason_is_one_entry_with_both_notes():
    """An outside review: `consultation-closed` with a note, before `closes`, showed the closing twice
    on that day (in the timeline, the open data and the decision's feed)."""
    p = draft("p", D(2025, 2, 1), consultation=Consultation(D(2025, 2, 5), D(2025, 2, 25), 3),
              events=(event(D(2025, 2, 18), "consultation-closed", "Închidere anticipată: proiect retras"),))
    docs = archive(p)
    entries = timeline(docs.decisions["p"], related(docs), docs)
    [closed] = [e for e in entries if e.kind == "consultation-closed"]
    assert closed.date == D(2025, 2, 18)
    assert closed.note == "Închidere anticipată: proiect retras; 3 recomandări primite"
