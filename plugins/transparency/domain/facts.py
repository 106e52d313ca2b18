"""Facts that cannot be true: dates that contradict each other or the day of the build.

Each is an error naming the file, the line and both dates, so that the site never
publishes, for instance, a decision "adopted" at a meeting that has not yet been
held, or published before it was voted. The rules (the contract, second edition,
"Legal character and entry into force"):

- an adopted decision's `adopted` is its meeting's day;
- an adopted or rejected decision's meeting (or adoption) is not after the build day;
- no event is dated before the draft was registered (registered after the build day: a warning);
- `published`, `sent-to-prefect`, `communicated` and `in-force` belong to an adopted decision, and
  are not before adoption (an act takes effect once it is made and made public, never before:
  Constituția, art. 15 alin. (2), Codul administrativ, art. 199);
- a report is not dated after the meeting that voted its decision (dated before its draft was
  registered: a warning, the one date or the other mistyped);
- a meeting's agenda holds no draft registered after the meeting's day, nor a decision adopted at
  an earlier meeting (an adopted act is not voted again: amending or repealing it is a new draft);
- a voted decision's public consultation does not close after the meeting that voted it (Legea nr.
  52/2003, art. 7: the draft is debated once the consultation has ended). A notice: the vote cut the
  consultation short, or its date is mistyped; the page shows the dates as recorded;
- a statute, regulation or budget of content/documente/ is not dated before the adoption of the
  decision that approved it (`decision`): it exists in the form approved only from then. A
  notice, never blocking: the contract gives no meaning to such a document's `date` (a council may
  date its regulations as drafted), so it may not stop `make publish` of a council that does; most
  often one of the two dates, or the decision named, is mistyped. An execution account, financial
  statements or another document are drawn up, then approved: their date may come first, and is
  not compared.
"""

from __future__ import annotations

import datetime as dt

from . import vocab
from .model import Archive, Decision
from .problems import Problems
from .relations import Relations

AFTER_ADOPTION = {
    "published": "publicarea",
    "sent-to-prefect": "comunicarea către prefect",
    "communicated": "comunicarea către persoanele vizate",
    "in-force": "intrarea în vigoare",
}


def check(archive: Archive, relations: Relations, today: dt.date, problems: Problems) -> None:
    for decision in archive.decisions.values():
        meeting_id = relations.meeting_of.get(decision.id)
        meeting = archive.meetings.get(meeting_id) if meeting_id else None
        meeting_day = meeting.start.date() if meeting and meeting.start else None
        _vote(decision, meeting, meeting_day, today, problems)
        _events(decision, problems)
        if decision.registered and decision.registered > today:  # a typo of the year, most often
            # a warning (it stops `make publish`), not an error: a site built as on an earlier day
            # (SOURCE_DATE_EPOCH) holds drafts registered after it
            problems.warning(decision.display, decision.line_of("registered"), "registered",
                             f"data înregistrării {decision.registered} este după ziua de azi, {today}; "
                             "pagina o arată așa", "data la care proiectul a fost înregistrat, cel târziu azi")
        voted = meeting_day if decision.status in vocab.VOTED_STATUSES else None
        closes = decision.consultation.closes if decision.consultation else None
        if voted and closes and closes > voted:
            problems.notice(decision.display, decision.line_of("consultation"), "consultation.closes",
                            f"consultarea publică se încheie la {closes}, după ședința din {voted} ({meeting.display}) "
                            "în care s-a votat proiectul (Legea nr. 52/2003, art. 7: proiectul se dezbate după "
                            "încheierea consultării); pagina arată datele așa",
                            f"ziua în care s-a încheiat consultarea, cel târziu {voted}")
        for report_id in relations.reports_of.get(decision.id, ()):
            report = archive.reports[report_id]
            if not report.date:
                continue
            if voted and report.date > voted:
                problems.error(report.display, report.line_of("date"), "date",
                               f"raportul este datat {report.date}, după ședința din {voted} "
                               f"({meeting.display}) în care s-a votat hotărârea „{decision.id}”",
                               "data la care raportul a fost întocmit, cel târziu ziua ședinței")
            elif decision.registered and report.date < decision.registered:  # a wrong date, most often
                problems.warning(report.display, report.line_of("date"), "date",
                                 f"raportul este datat {report.date}, înaintea înregistrării proiectului "
                                 f"„{decision.id}” ({decision.display}), la {decision.registered}",
                                 f"data la care raportul a fost întocmit, de la {decision.registered} încolo; "
                                 "sau, dacă greșită este data proiectului, corectați „registered” în fișierul lui")
    _agendas(archive, relations, problems)
    _approved_acts(archive, relations, problems)


def _agendas(archive: Archive, relations: Relations, problems: Problems) -> None:
    """An agenda item naming a draft that did not exist yet on the meeting's day, or a decision
    already adopted at an earlier meeting: an error on the item, naming both dates."""
    for meeting in sorted(archive.meetings.values(), key=lambda m: m.id):
        day = meeting.start.date() if meeting.start else None
        if day is None:
            continue
        items = {item.position: item for item in meeting.items}
        for position, decision_id, _ in relations.agenda.get(meeting.id, ()):
            decision = archive.decisions.get(decision_id)
            if decision is None:
                continue
            item, field = items[position], f"items[{position}].decision"
            voted_at = archive.meetings.get(relations.meeting_of.get(decision.id, ""))
            voted = voted_at.start.date() if voted_at is not None and voted_at.start else None
            if decision.registered and day < decision.registered:
                problems.error(meeting.display, item.line, field,
                               f"proiectul „{decision.id}” ({decision.display}) este înregistrat la "
                               f"{decision.registered}, după ședința din {day}: nu putea fi pe ordinea ei de zi",
                               "ștergeți punctul; sau, dacă greșită este data proiectului, corectați „registered” "
                               "în fișierul lui")
            elif decision.status == "adopted" and voted and voted < day:
                problems.error(meeting.display, item.line, field,
                               f"hotărârea „{decision.id}” ({decision.display}) a fost adoptată în ședința din "
                               f"{voted}, înaintea ședinței din {day}: o hotărâre adoptată nu se mai votează",
                               "ștergeți punctul; o hotărâre care o modifică sau o abrogă este un proiect nou, "
                               "cu fișierul lui")


# Documents that exist, in the form published, only once the decision approving them is adopted.
APPROVED_ACTS = {"statute": "statutul", "regulation": "regulamentul", "budget": "bugetul"}


def _approved_acts(archive: Archive, relations: Relations, problems: Problems) -> None:
    for p in sorted(archive.publications.values(), key=lambda p: p.id):
        decision = archive.decisions.get(relations.publication_decision.get(p.id, ""))
        if p.kind not in APPROVED_ACTS or not p.date or decision is None or not decision.adopted:
            continue
        if p.date < decision.adopted:
            problems.notice(p.display, p.line_of("date"), "date",
                             f"documentul este datat {p.date}, înaintea adoptării hotărârii care l-a aprobat, "
                             f"Hotărârea nr. {decision.citation} ({decision.display}), la {decision.adopted}: "
                             f"{APPROVED_ACTS[p.kind]} există în forma aprobată abia de la adoptare",
                             f"data adoptării hotărârii, {decision.adopted}, sau o zi de după ea (de exemplu a "
                             "publicării); sau, dacă hotărârea care l-a aprobat este alta, corectați „decision”")


def _vote(decision: Decision, meeting, meeting_day: dt.date | None, today: dt.date, problems: Problems) -> None:
    if decision.status not in vocab.VOTED_STATUSES:
        return
    # An adoption before its meeting's day is already an error of validate.py; here, after it.
    if decision.status == "adopted" and decision.adopted and meeting_day and decision.adopted > meeting_day:
        problems.error(decision.display, decision.line_of("adopted"), "adopted",
                       f"data adoptării {decision.adopted} nu este ziua ședinței din {meeting_day} "
                       f"({meeting.display}) în care s-a votat",
                       "data ședinței în care s-a votat")
    if meeting_day and meeting_day > today:
        problems.error(decision.display, decision.line_of("status"), "status",
                       f"„status: {decision.status}”, dar ședința din {meeting_day} ({meeting.display}) "
                       f"este după ziua de azi, {today}",
                       "„status: draft” până după ședință")
    elif decision.adopted and decision.adopted > today:
        problems.error(decision.display, decision.line_of("adopted"), "adopted",
                       f"data adoptării {decision.adopted} este după ziua de azi, {today}",
                       "o dată care a trecut; până la vot, „status: draft”")


def _events(decision: Decision, problems: Problems) -> None:
    c = decision.consultation  # its opening is an event of the draft, written as a field
    if c and c.opened and decision.registered and c.opened < decision.registered:
        problems.error(decision.display, decision.line_of("consultation"), "consultation.opened",
                       f"consultarea publică este deschisă la {c.opened}, înaintea înregistrării proiectului, "
                       f"{decision.registered}", "o dată de la „registered” încolo")
    for event in decision.events:
        if decision.registered and event.date < decision.registered:
            problems.error(decision.display, event.line, "events",
                           f"evenimentul „{event.event}” din {event.date} este înaintea înregistrării "
                           f"proiectului, {decision.registered}",
                           "o dată de la „registered” încolo")
        elif (event.event in AFTER_ADOPTION and decision.status == "adopted" and decision.adopted
              and event.date < decision.adopted):
            problems.error(decision.display, event.line, "events",
                           f"{AFTER_ADOPTION[event.event]} („{event.event}”) din {event.date} este înaintea "
                           f"adoptării hotărârii, {decision.adopted}",
                           "o dată de la „adopted” încolo")
        elif event.event in AFTER_ADOPTION and decision.status != "adopted":
            problems.error(decision.display, event.line, "events",
                           f"{AFTER_ADOPTION[event.event]} („{event.event}”) din {event.date} privește o hotărâre "
                           f"adoptată, iar proiectul are starea „{decision.status}”",
                           "„status: adopted” cu numărul și data adoptării, sau ștergeți evenimentul")
