"""The legal deadlines of a decision and of a meeting: met, missed, pending or unknown.

Shown, never blocking: a missed deadline is a public fact on the page and a warning
for staff, never a reason to withhold a document. Each rule names the article it
comes from (docs/law.md quotes them and says where the contract's summary differs).

States, for one rule and one document:
- `met`: the fact is recorded on or before the due day;
- `missed`: the fact is recorded after the due day;
- `pending`: the fact is not recorded and the due day has not passed (or is not known yet
  because the step it counts from is itself still pending);
- `unknown`: a fact needed to judge is missing and the due day has passed.
`consultation-window` is a least length: its due day is the first on which the consultation may
close, so it is `met` from that day on while the close is still to come (`consultation_window`).

Working days skip Saturdays, Sundays and Romanian public holidays, from the
`holidays` package (a maintained calendar: Orthodox Easter and Pentecost move each
year, and the law adds days, as 6 and 7 January from 2024). A term "within N days of"
a day ends on the Nth day after it; "at least N days before" a day means on or before
the Nth day before it (the day itself not counted).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import force, timeline, vocab
from .authority import COUNTY, LOCAL
from .model import Archive, Decision, Meeting
from .problems import Problems
from .relations import Relations

# The four states, as the public reads them.
STATES = {
    "met": "respectat",
    "missed": "depășit",
    "pending": "în curs",
    "unknown": "nu se poate spune: faptul nu este înregistrat",
}


@dataclass(frozen=True)
class Rule:
    key: str
    what: str  # the step, in Romanian, as the page says it
    article: str  # the article, in words
    term: str  # the term, in words
    done: str = "Făcut la"  # how the page introduces the fact's day
    earliest: bool = False  # the due day is the first allowed day, not the last
    by_council: tuple[tuple[str, str], ...] = ()  # (authority.COUNTY or LOCAL, the article for that council)

    def cited(self, council_kind: str) -> str:
        """The article for a council of this kind (domain/authority.py); `article` names every kind's."""
        return dict(self.by_council).get(council_kind, self.article)


RULES = {rule.key: rule for rule in (
    Rule("consultation-window", "Termenul pentru recomandări scrise", "Legea nr. 52/2003, art. 7 alin. (4)",
         "cel puțin 10 zile calendaristice de la publicarea anunțului", "Consultarea se încheie la", True),
    Rule("announcement", "Anunțarea proiectului de act normativ", "Legea nr. 52/2003, art. 7 alin. (2)",
         "cu cel puțin 30 de zile lucrătoare înainte de ședința în care se votează", "Anunțat la"),
    Rule("agenda-notice", "Anunțul privind ședința publică", "Legea nr. 52/2003, art. 8 alin. (1) lit. a)",
         "cu cel puțin 3 zile înainte de ședință", "Ordinea de zi publicată la"),
    Rule("convocation", "Convocarea consilierilor", "Codul administrativ, art. 134 alin. (3) (consiliul local) "
         "și art. 179 alin. (2) (consiliul județean)",
         "cu cel puțin 5 zile înainte de o ședință ordinară, 3 zile înainte de una extraordinară", "Convocare emisă la",
         by_council=((LOCAL, "Codul administrativ, art. 134 alin. (3)"),
                     (COUNTY, "Codul administrativ, art. 179 alin. (2)"))),
    Rule("prefect", "Comunicarea către prefect", "Codul administrativ, art. 197 alin. (1)",
         "în cel mult 10 zile lucrătoare de la adoptare", "Comunicată prefectului la"),
    Rule("publication", "Aducerea la cunoștință publică sau comunicarea", "Codul administrativ, art. 198 alin. (2) "
         "și art. 199 alin. (1)", "în cel mult 5 zile de la comunicarea către prefect", "Publicată sau comunicată la"),
)}
DECISION_RULES = ("consultation-window", "announcement", "prefect", "publication")
MEETING_RULES = ("agenda-notice", "convocation")
CONVOCATION_DAYS = {"ordinary": 5, "extraordinary": 3}  # urgent (de îndată): no term


@dataclass(frozen=True)
class Deadline:
    key: str  # a key of RULES; the `data-deadline` hook
    state: str  # one of STATES; the `data-met` hook says true / false / pending / unknown
    due: dt.date | None  # the last day the step may be taken (or the earliest, for consultation-window)
    fact: dt.date | None  # the day the step was taken, as recorded
    source_line: int = 1  # where the fact is (or should be) written
    # A draft not voted yet, announced (or still not announced) too late for the meeting whose agenda
    # lists it: that meeting's day, and the first day a meeting may vote it within the term (None
    # while it is not announced). The state stays `pending`: only the meeting that votes it judges it.
    late_for: dt.date | None = None
    first_allowed: dt.date | None = None
    # `fact` is a day still to come, recorded ahead (an event dated after the build day): it has not
    # happened, and is judged only once the due day has passed without it (then missed: it cannot
    # be in time any more; before, the term still runs and the state is `pending`).
    planned: bool = False

    @property
    def rule(self) -> Rule:
        return RULES[self.key]

    @property
    def met_hook(self) -> str:
        return {"met": "true", "missed": "false"}.get(self.state, self.state)


# --- the calendar ---------------------------------------------------------

def romanian_holidays(year: int) -> frozenset[dt.date]:
    """Romania's public holidays in `year`, from the `holidays` package."""
    # Imported here, not above: the package imports the modules of all its 279 countries (about
    # 0.15 s), and a build that kept last build's table (`WorkingDays.known`) never needs it.
    import holidays

    return frozenset(holidays.country_holidays("RO", years=year))


@dataclass
class WorkingDays:
    """Romania's working days: not Saturday, Sunday or a public holiday. `known`: the holidays
    of the years computed already, by year (a build keeps them between runs, source/pipeline.py);
    the others are computed when first asked for and added. Walks are remembered (the same
    meeting days and terms for hundreds of decisions: each walked once)."""

    known: dict[int, frozenset[dt.date]] = field(default_factory=dict)
    _walks: dict[tuple[dt.date, int], dt.date] = field(default_factory=dict, repr=False, compare=False)

    def holidays(self, year: int) -> frozenset[dt.date]:
        found = self.known.get(year)
        if found is None:
            found = self.known[year] = romanian_holidays(year)
        return found

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays(day.year)

    def after(self, day: dt.date, n: int) -> dt.date:
        """The nth working day after `day` (n >= 1)."""
        return self._walk(day, n)

    def days_after(self, day: dt.date, n: int) -> dt.date:
        """The end of a term of n calendar days from `day`: the nth day after it, or, when that is not
        a working day, the first working day that follows (Codul civil, art. 2.554 alin. (1); its
        art. 2.551 makes the rule one for every term, a legal one included)."""
        found = day + dt.timedelta(days=n)
        while not self.is_working_day(found):
            found += dt.timedelta(days=1)
        return found

    def before(self, day: dt.date, n: int) -> dt.date:
        """The nth working day before `day`: the last day that leaves n working days before it."""
        return self._walk(day, -n)

    def _walk(self, day: dt.date, n: int) -> dt.date:
        found = self._walks.get((day, n))
        if found is None:
            step, left, found = dt.timedelta(days=1 if n > 0 else -1), abs(n), day
            while left > 0:
                found += step
                if self.is_working_day(found):
                    left -= 1
            self._walks[(day, n)] = found
        return found


# --- judging one deadline --------------------------------------------------

def judge(key: str, due: dt.date | None, fact: dt.date | None, today: dt.date, *, earliest: bool = False,
          line: int = 1, planned: dt.date | None = None) -> Deadline:
    """`due` is the last allowed day (or, with `earliest`, the first allowed day for the fact);
    `planned`: the fact's day when it is recorded for a day after `today` (`fact` is then None)."""
    if due is None:
        return Deadline(key, "unknown" if fact is not None else "pending", None, fact, line)
    if fact is not None:
        ok = fact >= due if earliest else fact <= due
        return Deadline(key, "met" if ok else "missed", due, fact, line)
    if planned is not None and not earliest and today > due:  # the term passed, and it is recorded for later
        return Deadline(key, "missed", due, planned, line, planned=True)
    return Deadline(key, "pending" if today <= due else "unknown", due, None, line)


def consultation_window(opened: dt.date, closes: dt.date | None, today: dt.date, line: int) -> Deadline:
    """The 10 days a consultation must last, from `opened`; `closes`: the day it ends (closed early by
    `today`, else the day announced). A close still to come is not a fact yet: before the due day the
    consultation may still close too early (pending); from the due day on it has lasted its 10 days
    whenever it closes (met)."""
    due = opened + dt.timedelta(days=10)
    if closes is None or closes <= today:
        return judge("consultation-window", due, closes, today, earliest=True, line=line)
    return Deadline("consultation-window", "met" if today >= due else "pending", due, None, line)


def _first(events, kind: str, today: dt.date, *, ahead: bool = False) -> tuple[dt.date | None, int]:
    """The first such event up to the build day (a later one has not happened yet), and its line;
    `ahead`: the first recorded for a day after the build day."""
    found = sorted((e.date, e.line) for e in events if e.event == kind and (e.date > today) == ahead)
    return found[0] if found else (None, 1)


def decision_deadlines(decision: Decision, meeting: Meeting | None, today: dt.date, days: WorkingDays
                       ) -> tuple[Deadline, ...]:
    """The deadlines that apply to the decision, in the order of its life. `meeting`: the one that voted it
    (or will), when known."""
    out = []
    normative = force.character_of(decision) == "normative"
    c = decision.consultation
    meeting_day = meeting.start.date() if meeting and meeting.start else None
    if normative and c and c.opened:
        line = decision.line_of("consultation")
        out.append(consultation_window(c.opened, timeline.closing_day(decision, today), today, line))
        announced = c.opened if c.opened <= today else None  # a fact dated after the build day is still to come
        due = days.before(meeting_day, 30) if meeting_day else None
        voted = decision.status in vocab.VOTED_STATUSES
        if decision.status == "withdrawn":
            pass  # withdrawn before a meeting voted it: the rule counts from a meeting there will never be
        elif due is None:  # not yet on a meeting: nothing to judge until it is
            out.append(Deadline("announcement", "pending", None, announced, line))
        else:
            found = judge("announcement", due, announced, today, line=line)
            # Only the meeting that votes the draft judges it: one that has it on its agenda may not
            # vote it (postponed), and a later one leaves more days. Announced early enough for this
            # meeting, it is for any later one (met); otherwise it waits for the vote.
            if not voted and found.state != "met":
                # voted at that meeting (still to come: one held without voting it postponed it), missed
                late = (announced or today) > due and meeting_day >= today
                found = Deadline("announcement", "pending", due, announced, line,
                                 late_for=meeting_day if late else None,
                                 first_allowed=first_meeting_day(announced, days) if late and announced else None)
            out.append(found)
    if decision.status == "adopted" and decision.adopted:
        sent, sent_line = _first(decision.events, "sent-to-prefect", today)
        # recorded for a day still to come: `judge` reads it only when nothing is recorded up to today
        sent_ahead, ahead_line = _first(decision.events, "sent-to-prefect", today, ahead=True)
        prefect = judge("prefect", days.after(decision.adopted, 10), sent, today, planned=sent_ahead,
                        line=sent_line if sent else ahead_line if sent_ahead else
                        decision.line_of("events") if decision.events else 1)
        out.append(prefect)
        kind = force.TAKES_EFFECT_ON["normative" if normative else "individual"]
        made, made_line = _first(decision.events, kind, today)
        made_ahead, ahead_line = _first(decision.events, kind, today, ahead=True)
        line = made_line if made else ahead_line if made_ahead else prefect.source_line
        if sent is not None:
            out.append(judge("publication", days.days_after(sent, 5), made, today, line=line, planned=made_ahead))
        elif prefect.state == "pending" and made is None:
            out.append(Deadline("publication", "pending", None, None, line))
        else:
            out.append(Deadline("publication", "unknown", None, made, line))
    return tuple(out)


def first_meeting_day(announced: dt.date, days: WorkingDays) -> dt.date:
    """The first day a meeting may vote a draft announced on `announced`: the first that leaves 30
    working days from the announcement (the rule of `announcement`, as `decision_deadlines` counts it)."""
    day = days.after(announced, 30)  # near it: announced on a day off, the term starts the next working day
    while days.before(day, 30) < announced:
        day += dt.timedelta(days=1)
    while days.before(day - dt.timedelta(days=1), 30) >= announced:  # a day off just before may do
        day -= dt.timedelta(days=1)
    return day


def meeting_deadlines(meeting: Meeting, today: dt.date) -> tuple[Deadline, ...]:
    if not meeting.start:
        return ()
    day = meeting.start.date()
    published, convened = (fact if fact and fact <= today else None for fact in (meeting.agenda_published, meeting.convened))
    out = [judge("agenda-notice", day - dt.timedelta(days=3), published, today,
                 line=meeting.line_of("agenda_published") if meeting.agenda_published else meeting.line_of("date"))]
    days = CONVOCATION_DAYS.get(meeting.kind)
    if days:
        out.append(judge("convocation", day - dt.timedelta(days=days), convened, today,
                         line=meeting.line_of("convened") if meeting.convened else meeting.line_of("date")))
    return tuple(out)


# --- over the archive -------------------------------------------------------

def meeting_of(decision: Decision, relations: Relations, archive: Archive) -> Meeting | None:
    """The meeting that voted the decision (`meeting`), else the last one whose agenda lists it."""
    meeting_id = relations.meeting_of.get(decision.id)
    if not meeting_id:
        listed = [m for m, _ in relations.on_agendas.get(decision.id, ())]
        meeting_id = max(listed, key=lambda m: (archive.meetings[m].start or dt.datetime.min, m), default="")
    return archive.meetings.get(meeting_id) if meeting_id else None


def of_decision(decision: Decision, relations: Relations, archive: Archive, today: dt.date, days: WorkingDays
                ) -> tuple[Deadline, ...]:
    return decision_deadlines(decision, meeting_of(decision, relations, archive), today, days)


def warn_missed(archive: Archive, relations: Relations, today: dt.date, problems: Problems, days: WorkingDays
                ) -> None:
    """Every missed deadline, a notice for staff: listed by `make check` and `make publish`, never blocking
    (the document is published all the same, and its page shows the deadline missed)."""
    documents = [(d, of_decision(d, relations, archive, today, days)) for d in archive.decisions.values()]
    documents += [(m, meeting_deadlines(m, today)) for m in archive.meetings.values()]
    for document, found in documents:
        for deadline in found:
            if deadline.late_for is not None:  # the meeting is still to come: there is time to act
                problems.notice(document.display, deadline.source_line, deadline.key, late_said(deadline))
            if deadline.state == "missed":
                rule = deadline.rule
                problems.notice(document.display, deadline.source_line, deadline.key,
                                 f"termen legal depășit: {rule.what.lower()} "
                                 f"{'înregistrată pentru' if deadline.planned else 'la'} {deadline.fact}, termenul era "
                                 f"{deadline.due} ({rule.term}; {rule.article}); pagina o arată public")


def late_said(deadline: Deadline) -> str:
    """Staff's notice of a draft on the agenda of a meeting it was announced too late for."""
    rule = deadline.rule
    when = f"a fost anunțat la {deadline.fact}" if deadline.fact else "nu a fost încă anunțat"
    then = (f"o ședință din {deadline.first_allowed} sau de mai târziu îl respectă"
            if deadline.first_allowed else "anunțați-l și amânați votul")
    return (f"termen legal: proiectul este pe ordinea de zi a ședinței din {deadline.late_for}, dar {when}, după "
            f"termenul {deadline.due} ({rule.term}; {rule.article}); dacă este votat atunci, termenul va fi depășit: "
            f"{then}")
