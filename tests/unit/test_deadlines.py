"""Legal deadlines (domain/deadlines.py): the working-day calendar and each rule's four states,
around weekends and Romanian public holidays (Orthodox Easter, 1 May, 1 June, 1 December)."""

import dataclasses
import datetime as dt

import holidays
import pytest

from support.model_builders import Consultation, Meeting, adopted, draft, event
from transparency.domain import deadlines
from transparency.domain.deadlines import WorkingDays

D = dt.date


@pytest.mark.parametrize("day,working", [
    (D(2025, 4, 18), False),  # Orthodox Good Friday 2025
    (D(2025, 4, 21), False),  # Orthodox Easter Monday 2025
    (D(2025, 4, 22), True),
    (D(2026, 4, 10), False),  # Orthodox Good Friday 2026 (Easter on 12 April)
    (D(2026, 4, 13), False),
    (D(2025, 5, 1), False), (D(2025, 5, 2), True),
    (D(2026, 6, 1), False),  # Children's Day, and Whit Monday 2026 the same day
    (D(2025, 6, 2), True),
    (D(2025, 12, 1), False), (D(2025, 11, 28), True),
    (D(2025, 11, 29), False), (D(2025, 11, 30), False),  # a weekend, and St Andrew
    (D(2026, 1, 6), False), (D(2026, 1, 7), False),  # Epiphany and St John, holidays since 2024
    (D(2026, 1, 8), True),
])
def test_working_days_follow_the_romanian_calendar(day, working):
    assert WorkingDays().is_working_day(day) is working


def test_ten_working_days_across_orthodox_easter_2025():
    # Adopted Thursday 10 April 2025: 11, 14–17 April, (Good Friday 18, Easter Monday 21 off), 22–25, 28.
    assert WorkingDays().after(D(2025, 4, 10), 10) == D(2025, 4, 28)


def test_ten_working_days_across_1_may_and_1_june():
    assert WorkingDays().after(D(2025, 4, 24), 10) == D(2025, 5, 9)  # 25, 28, 29, 30 April, 2, 5–9 May
    assert WorkingDays().after(D(2026, 5, 27), 10) == D(2026, 6, 11)  # 28, 29 May, 2–5, 8–11 June (1 June off)


def test_ten_working_days_across_30_november_and_1_december():
    assert WorkingDays().after(D(2025, 11, 27), 10) == D(2025, 12, 12)  # 28 Nov, 2–5, 8–12 Dec


def test_thirty_working_days_before_a_meeting():
    # 30 working days before Thursday 27 March 2025 (no holiday between): Thursday 13 February.
    assert WorkingDays().before(D(2025, 3, 27), 30) == D(2025, 2, 13)
    # Across Easter 2025 (18 and 21 April off): before Thursday 15 May 2025 it is Monday 31 March.
    assert WorkingDays().before(D(2025, 5, 15), 30) == D(2025, 3, 31)


def states(found):
    return {d.key: d.state for d in found}


def meeting(day, kind="ordinary", **extra):
    return Meeting(id="m", source="sedinte/m.md", title="Ședința", kind=kind,
                   start=dt.datetime.combine(day, dt.time(10)), **extra)


# --- prefect: 10 working days of adoption ----------------------------------

@pytest.mark.parametrize("sent,today,state", [
    (D(2025, 4, 28), D(2025, 12, 1), "met"),      # the 10th working day, across Easter
    (D(2025, 4, 29), D(2025, 12, 1), "missed"),
    (None, D(2025, 4, 28), "pending"),            # the due day itself: still pending
    (None, D(2025, 4, 29), "unknown"),            # passed, nothing recorded
])
def test_prefect(sent, today, state):
    events = (event(sent, "sent-to-prefect"),) if sent else ()
    d = adopted("a", 1, D(2025, 4, 10), events=events)
    [prefect] = [x for x in deadlines.decision_deadlines(d, meeting(D(2025, 4, 10)), today, WorkingDays())
                 if x.key == "prefect"]
    assert (prefect.state, prefect.due, prefect.fact) == (state, D(2025, 4, 28), sent)


# --- publication / communication: 5 days of sending to the prefect ------------

@pytest.mark.parametrize("character,events,today,state", [
    ("normative", [(D(2025, 11, 26), "sent-to-prefect"), (D(2025, 12, 1), "published")], D(2025, 12, 5), "met"),
    # 26 November + 5 days is 1 December, Ziua Națională: the term ends on 2 December (Codul civil, art. 2.554)
    ("normative", [(D(2025, 11, 26), "sent-to-prefect"), (D(2025, 12, 2), "published")], D(2025, 12, 5), "met"),
    ("normative", [(D(2025, 11, 26), "sent-to-prefect"), (D(2025, 12, 3), "published")], D(2025, 12, 5), "missed"),
    # 10 June 2025 + 5 days is Sunday 15 June: Monday 16 June is on time, Tuesday 17 June late
    ("normative", [(D(2025, 6, 10), "sent-to-prefect"), (D(2025, 6, 16), "published")], D(2025, 7, 1), "met"),
    ("normative", [(D(2025, 6, 10), "sent-to-prefect"), (D(2025, 6, 17), "published")], D(2025, 7, 1), "missed"),
    ("normative", [(D(2025, 11, 26), "sent-to-prefect"), (D(2025, 12, 1), "communicated")], D(2025, 12, 5), "unknown"),
    ("individual", [(D(2025, 11, 26), "sent-to-prefect"), (D(2025, 12, 1), "communicated")], D(2025, 12, 5), "met"),
    ("normative", [(D(2025, 11, 26), "sent-to-prefect")], D(2025, 11, 30), "pending"),
    ("normative", [], D(2025, 11, 27), "pending"),   # the prefect's term itself still runs
    ("normative", [(D(2025, 12, 1), "published")], D(2026, 1, 1), "unknown"),  # no sending recorded
])
def test_publication(character, events, today, state):
    d = adopted("a", 1, D(2025, 11, 25), character=character, events=tuple(event(*e) for e in events))
    found = states(deadlines.decision_deadlines(d, meeting(D(2025, 11, 25)), today, WorkingDays()))
    assert found["publication"] == state


@pytest.mark.parametrize("today,state,fact", [
    (D(2026, 12, 7), "missed", D(2026, 12, 20)),  # the term (2 December: 28 November is a Saturday, then
    (D(2026, 12, 2), "pending", None),            # 30 November and 1 December are holidays) has passed
])
def test_a_publication_recorded_for_a_day_still_to_come_misses_a_term_already_passed(today, state, fact):
    """The review: published „20 December” recorded on 7 December, the term 2 December: the page said
    „nu se poate spune: faptul nu este înregistrat”. It is recorded, for after the term: missed, said as
    a day still to come. Before the term's end it still runs (pending)."""
    d = adopted("a", 1, D(2026, 11, 19), events=(event(D(2026, 11, 23), "sent-to-prefect"),
                                                 event(D(2026, 12, 20), "published")))
    [found] = [x for x in deadlines.decision_deadlines(d, meeting(D(2026, 11, 19)), today, WorkingDays())
               if x.key == "publication"]
    assert (found.state, found.due, found.fact, found.planned) == (state, D(2026, 12, 2), fact, fact is not None)


def test_a_sending_to_the_prefect_recorded_for_after_its_term_is_missed_once_the_term_has_passed():
    d = adopted("a", 1, D(2025, 4, 10), events=(event(D(2025, 5, 15), "sent-to-prefect"),))
    found = {x.key: x for x in deadlines.decision_deadlines(d, meeting(D(2025, 4, 10)), D(2025, 5, 5), WorkingDays())}
    assert (found["prefect"].state, found["prefect"].fact, found["prefect"].planned) == ("missed", D(2025, 5, 15), True)
    assert found["publication"].state == "unknown"  # counted from a sending that has not happened yet


# --- consultation window and announcement ------------------------------------

@pytest.mark.parametrize("closes,state", [(D(2025, 2, 15), "met"), (D(2025, 2, 14), "missed"), (None, "unknown")])
def test_consultation_window_is_ten_calendar_days(closes, state):
    d = draft("p", D(2025, 2, 1), consultation=Consultation(D(2025, 2, 5), closes))
    assert states(deadlines.decision_deadlines(d, None, D(2025, 3, 1), WorkingDays()))["consultation-window"] == state


@pytest.mark.parametrize("opened,state", [(D(2025, 2, 13), "met"), (D(2025, 2, 14), "missed")])
def test_announcement_thirty_working_days_before_the_vote(opened, state):
    d = adopted("a", 1, D(2025, 3, 27), consultation=Consultation(opened, opened + dt.timedelta(days=10)))
    [found] = [x for x in deadlines.decision_deadlines(d, meeting(D(2025, 3, 27)), D(2025, 12, 1), WorkingDays())
               if x.key == "announcement"]
    assert (found.state, found.due, found.fact) == (state, D(2025, 2, 13), opened)


def test_a_draft_not_yet_on_a_meeting_is_pending():
    d = draft("p", D(2025, 2, 1), consultation=Consultation(D(2025, 2, 5), D(2025, 2, 20)))
    assert states(deadlines.decision_deadlines(d, None, D(2025, 3, 1), WorkingDays()))["announcement"] == "pending"


@pytest.mark.parametrize("opened,today,state", [
    (D(2025, 2, 13), D(2025, 2, 14), "met"),      # in time for the meeting on its agenda: for any later one too
    (D(2025, 2, 14), D(2025, 2, 20), "pending"),  # too late for that meeting, which may not vote it
    (D(2025, 2, 14), D(2025, 4, 1), "pending"),   # the meeting has passed and did not vote it
])
def test_a_draft_on_an_agenda_is_judged_only_by_the_meeting_that_votes_it(opened, today, state):
    """The contract: „at least 30 working days before the meeting that voted it”. A draft on the
    agenda of a meeting that has not voted it was said to have missed the term (and counted so in
    the annual report) against a meeting that may never vote it (an outside review)."""
    d = draft("p", D(2025, 2, 1), consultation=Consultation(opened, opened + dt.timedelta(days=10)))
    [found] = [x for x in deadlines.decision_deadlines(d, meeting(D(2025, 3, 27)), today, WorkingDays())
               if x.key == "announcement"]
    assert (found.state, found.due, found.fact) == (state, D(2025, 2, 13), opened)


def working_days_from(first: dt.date, before: dt.date) -> int:
    """Working days d with first <= d < before, counted from the holidays calendar directly."""
    off = holidays.country_holidays("RO", years=range(first.year, before.year + 1))
    return sum(1 for n in range((before - first).days)
               if (day := first + dt.timedelta(days=n)).weekday() < 5 and day not in off)


@pytest.mark.parametrize("opened", [D(2025, 2, 14), D(2025, 4, 18), D(2025, 4, 19), D(2025, 11, 21), D(2025, 12, 24)])
def test_a_draft_announced_too_late_for_the_meeting_on_whose_agenda_it_is_says_so_and_when_a_vote_would_do(opened):
    """The review: „în curs” beside a due day long past read as if nothing were wrong. Still pending
    (the meeting may postpone the vote), the deadline names the meeting that would miss it and the
    first day a meeting may vote the draft: the first that leaves 30 working days from the
    announcement (counted here from the holidays calendar, day by day)."""
    meeting_day = opened + dt.timedelta(days=20)
    d = draft("p", D(2025, 1, 1), consultation=Consultation(opened, opened + dt.timedelta(days=10)))
    [found] = [x for x in deadlines.decision_deadlines(d, meeting(meeting_day), opened, WorkingDays())
               if x.key == "announcement"]
    first = next(opened + dt.timedelta(days=n) for n in range(200)
                 if working_days_from(opened, opened + dt.timedelta(days=n)) >= 30)
    assert (found.state, found.late_for, found.first_allowed) == ("pending", meeting_day, first)
    # and a meeting that day would find it met, one the day before missed
    for day, state in ((first, "met"), (first - dt.timedelta(days=1), "missed")):
        voted = dataclasses.replace(d, status="adopted", number=1, adopted=day)
        [judged] = [x for x in deadlines.decision_deadlines(voted, meeting(day), day, WorkingDays())
                    if x.key == "announcement"]
        assert judged.state == state, (day, judged)


def test_a_draft_on_the_agenda_of_a_past_meeting_or_announced_in_time_names_no_meeting():
    d = draft("p", D(2025, 1, 1), consultation=Consultation(D(2025, 2, 14), D(2025, 2, 24)))
    for today in (D(2025, 3, 28), D(2025, 4, 1)):  # the day after the meeting, and later: it postponed the vote
        [found] = [x for x in deadlines.decision_deadlines(d, meeting(D(2025, 3, 27)), today, WorkingDays())
                   if x.key == "announcement"]
        assert (found.state, found.late_for, found.first_allowed) == ("pending", None, None)
    on_time = dataclasses.replace(d, consultation=Consultation(D(2025, 2, 13), D(2025, 2, 23)))
    [found] = [x for x in deadlines.decision_deadlines(on_time, meeting(D(2025, 3, 27)), D(2025, 3, 1), WorkingDays())
               if x.key == "announcement"]
    assert (found.state, found.late_for) == ("met", None)


def test_a_draft_withdrawn_from_an_agenda_has_no_announcement_deadline():
    d = dataclasses.replace(draft("p", D(2025, 2, 1), consultation=Consultation(D(2025, 2, 20), D(2025, 3, 2))),
                            status="withdrawn")
    assert "announcement" not in states(deadlines.decision_deadlines(d, meeting(D(2025, 3, 27)), D(2025, 4, 1),
                                                                     WorkingDays()))


def test_a_draft_withdrawn_before_any_meeting_has_no_announcement_deadline():
    """The rule counts 30 working days back from the meeting that votes the draft: withdrawn, it has
    none and never will (not „pending” for ever, nor counted so in the annual report)."""
    d = dataclasses.replace(draft("p", D(2025, 2, 1), consultation=Consultation(D(2025, 2, 5), D(2025, 2, 20))),
                            status="withdrawn")
    found = states(deadlines.decision_deadlines(d, None, D(2025, 3, 1), WorkingDays()))
    assert "announcement" not in found and found["consultation-window"] == "met"


def test_individual_decisions_have_no_consultation_deadlines():
    d = adopted("a", 1, D(2025, 3, 27), character="individual",
                consultation=Consultation(D(2025, 3, 1), D(2025, 3, 3)))
    assert set(states(deadlines.decision_deadlines(d, meeting(D(2025, 3, 27)), D(2025, 4, 1), WorkingDays()))) == {
        "prefect", "publication"}


def test_a_draft_has_no_prefect_deadline():
    assert deadlines.decision_deadlines(draft("p", D(2025, 2, 1)), None, D(2025, 3, 1), WorkingDays()) == ()


# --- meetings --------------------------------------------------------------

@pytest.mark.parametrize("published,today,state", [
    (D(2025, 11, 28), D(2025, 12, 5), "met"),      # Friday for Monday 1 December (a holiday: no matter)
    (D(2025, 11, 29), D(2025, 12, 5), "missed"),
    (None, D(2025, 11, 28), "pending"),
    (None, D(2025, 11, 29), "unknown"),
])
def test_agenda_notice_three_days(published, today, state):
    m = meeting(D(2025, 12, 1), agenda_published=published)
    assert states(deadlines.meeting_deadlines(m, today))["agenda-notice"] == state


@pytest.mark.parametrize("kind,convened,state", [
    ("ordinary", D(2025, 3, 22), "met"), ("ordinary", D(2025, 3, 23), "missed"),
    ("extraordinary", D(2025, 3, 24), "met"), ("extraordinary", D(2025, 3, 25), "missed"),
    ("urgent", D(2025, 3, 27), None),
])
def test_convocation(kind, convened, state):
    m = meeting(D(2025, 3, 27), kind=kind, convened=convened, agenda_published=D(2025, 3, 20))
    assert states(deadlines.meeting_deadlines(m, D(2025, 4, 1))).get("convocation") == state


def test_the_hooks():
    d = deadlines.judge("prefect", D(2025, 1, 10), D(2025, 1, 9), D(2025, 2, 1))
    assert (d.met_hook, d.rule.article) == ("true", "Codul administrativ, art. 197 alin. (1)")
    assert deadlines.judge("prefect", D(2025, 1, 10), D(2025, 1, 11), D(2025, 2, 1)).met_hook == "false"
    assert deadlines.judge("prefect", D(2025, 1, 10), None, D(2025, 1, 1)).met_hook == "pending"


def test_a_fact_dated_after_the_build_day_has_not_happened_yet():
    d = adopted("a", 1, D(2025, 11, 25), events=(event(D(2025, 11, 26), "sent-to-prefect"),
                                                 event(D(2025, 11, 28), "published")))
    assert states(deadlines.decision_deadlines(d, meeting(D(2025, 11, 25)), D(2025, 11, 25), WorkingDays())) == {
        "prefect": "pending", "publication": "pending"}
    m = meeting(D(2025, 12, 10), agenda_published=D(2025, 12, 5), convened=D(2025, 12, 1))
    assert states(deadlines.meeting_deadlines(m, D(2025, 11, 30))) == {"agenda-notice": "pending",
                                                                        "convocation": "pending"}


def test_an_announcement_dated_after_the_build_day_is_not_yet_made():
    d = draft("p", D(2026, 6, 1), consultation=Consultation(D(2026, 6, 20), D(2026, 7, 10)))
    [found] = [x for x in deadlines.decision_deadlines(d, meeting(D(2026, 9, 24)), D(2026, 6, 15), WorkingDays())
               if x.key == "announcement"]
    assert (found.state, found.fact) == ("pending", None)


def test_an_early_close_dated_after_the_build_day_is_not_yet_a_fact():
    """Closing early on 18 June, before the 10 days end (20 June), is a missed window once it has
    happened; on 15 June it has not happened and the window has not lasted its 10 days yet: pending."""
    d = draft("p", D(2025, 6, 1), consultation=Consultation(D(2025, 6, 10), D(2025, 6, 30)),
              events=(event(D(2025, 6, 18), "consultation-closed"),))
    assert states(deadlines.decision_deadlines(d, None, D(2025, 6, 15), WorkingDays()))["consultation-window"] == \
        "pending"
    assert states(deadlines.decision_deadlines(d, None, D(2025, 6, 19), WorkingDays()))["consultation-window"] == \
        "missed"


def window(d, today):
    [found] = [x for x in deadlines.decision_deadlines(d, None, today, WorkingDays()) if x.key == "consultation-window"]
    return found.state, found.due, found.fact


# Opened Wednesday 18 November 2026: the 10 days end on Saturday 28 November (a least length, not
# moved to a working day); announced to close on 8 December.
@pytest.mark.parametrize("today,state,fact", [
    (D(2026, 11, 25), "pending", None),  # it may still close before 28 November
    (D(2026, 11, 27), "pending", None),
    (D(2026, 11, 28), "met", None),  # 10 days lasted, whenever it closes from now on
    (D(2026, 12, 1), "met", None),  # the close announced is still to come: not a fact
    (D(2026, 12, 8), "met", D(2026, 12, 8)),
])
def test_a_consultation_window_is_met_only_once_it_has_lasted_ten_days(today, state, fact):
    d = draft("p", D(2026, 11, 1), consultation=Consultation(D(2026, 11, 18), D(2026, 12, 8)))
    assert window(d, today) == (state, D(2026, 11, 28), fact)


@pytest.mark.parametrize("today,state,fact", [
    (D(2026, 11, 25), "pending", None),  # the early close (26 November) has not happened yet
    (D(2026, 11, 26), "missed", D(2026, 11, 26)),  # closed 2 days before the 10 days end
    (D(2026, 12, 9), "missed", D(2026, 11, 26)),
])
def test_a_consultation_closed_before_the_ten_days_is_missed_once_it_closed(today, state, fact):
    d = draft("p", D(2026, 11, 1), consultation=Consultation(D(2026, 11, 18), D(2026, 12, 8)),
              events=(event(D(2026, 11, 26), "consultation-closed"),))
    assert window(d, today) == (state, D(2026, 11, 28), fact)


def test_a_consultation_with_no_closing_day_is_pending_before_the_ten_days_end():
    d = draft("p", D(2026, 11, 1), consultation=Consultation(D(2026, 11, 18), None))
    assert window(d, D(2026, 11, 25)) == ("pending", D(2026, 11, 28), None)


def test_a_consultation_closed_early_is_judged_by_the_day_it_closed():
    d = draft("p", D(2026, 6, 1), consultation=Consultation(D(2026, 6, 2), D(2026, 6, 20)),
              events=(event(D(2026, 6, 5), "consultation-closed"),))
    [found] = [x for x in deadlines.decision_deadlines(d, None, D(2026, 6, 15), WorkingDays())
               if x.key == "consultation-window"]
    assert (found.state, found.fact) == ("missed", D(2026, 6, 5))


def test_the_holidays_known_are_used_and_those_missing_computed():
    """A build hands over last build's table (source/pipeline.py): a year it holds is taken as
    it is (here a made-up holiday on Tuesday 8 April 2025 moves the 10th working day), a year it
    lacks is asked of the `holidays` package and added to it."""
    days = WorkingDays({2025: frozenset({D(2025, 4, 8)})})
    assert days.after(D(2025, 4, 3), 3) == D(2025, 4, 9)  # 4, 7, (8 off), 9
    assert not days.is_working_day(D(2025, 4, 8)) and days.is_working_day(D(2025, 4, 18))
    assert days.before(D(2026, 1, 9), 2) == D(2026, 1, 5)  # 8, (6 and 7 January off), 5
    assert days.known[2026] == frozenset(holidays.country_holidays("RO", years=2026))
