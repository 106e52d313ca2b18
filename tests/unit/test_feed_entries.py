"""Feed entries: what each says, its key, and its dates in Bucharest time."""

import datetime as dt
from zoneinfo import ZoneInfo

from support import trees
from transparency.site import feed_entries
from transparency.source import pipeline
from transparency.site.views import SiteModel

BUCHAREST = ZoneInfo("Europe/Bucharest")


def entries_of(checked) -> feed_entries.Entries:
    assert not checked.problems.errors, checked.problems.report()
    return feed_entries.Entries(SiteModel(checked, dt.date(2025, 11, 25), "https://example.test"))


def minimal() -> feed_entries.Entries:
    return entries_of(pipeline.check(trees.FIXTURES / "minimal"))



def decision_items(entries) -> dict:
    return {i: entries.decision_item(i) for i in entries.site.archive.decisions}


def report_items(entries) -> dict:
    return {i: entries.report_item(i) for i in entries.site.archive.reports}


def meeting_items(entries) -> dict:
    return {i: entries.meeting_item(i) for i in entries.site.archive.meetings}

def test_dates_carry_the_bucharest_offset_of_their_day():
    entries = minimal()
    items = decision_items(entries)
    summer, winter = items["rectificare-buget"].published, items["buget-2025"].published
    assert summer.isoformat() == "2025-06-26T10:00:00+03:00"  # adopted at its 10:00 meeting
    assert winter.isoformat() == "2025-03-27T10:00:00+02:00"
    assert summer.astimezone(dt.timezone.utc).hour == 7 and winter.astimezone(dt.timezone.utc).hour == 8
    # a date without a time is 00:00 local time
    assert report_items(entries)["raport-buget-2025"].published == dt.datetime(2025, 2, 20, tzinfo=BUCHAREST)
    assert feed_entries.local_moment(dt.date(2025, 7, 1)).isoformat() == "2025-07-01T00:00:00+03:00"


def test_updated_is_the_newest_fact_not_after_the_build_day():
    items = decision_items(minimal())
    # 5/2025 was adopted on 27 March, then amended by 40/2025 (adopted 26 June, published on 30 June)
    assert items["buget-2025"].updated.isoformat() == "2025-06-30T00:00:00+03:00"
    # the parking draft: registered 3 Nov, consultation opened 5 Nov, closes 5 Dec (after the build day)
    assert items["proiect-parcari"].published.isoformat() == "2025-11-03T00:00:00+02:00"
    assert items["proiect-parcari"].updated.isoformat() == "2025-11-05T00:00:00+02:00"


def test_decision_entries_say_status_and_are_keyed_by_stage():
    items = decision_items(minimal())
    assert items["buget-2025"].key == "hotarari/buget-2025"
    assert items["buget-2025"].title == "Hotărârea nr. 5/2025 privind aprobarea bugetului județului pe anul 2025"
    assert items["buget-2025"].summary.startswith("Stare: Modificată. Stabilește veniturile")
    assert items["proiect-parcari"].key == "proiecte/proiect-parcari"
    assert items["proiect-parcari"].summary == ("Stare: În consultare publică. "
                                                "Recomandări până la 5 decembrie 2025.")
    assert [c.term for c in items["buget-2025"].categories] == ["Hotărâre", "buget"]


def test_timeline_entries_link_their_sources():
    entries = minimal()
    timeline = entries.timeline_items(entries.site.archive.decisions["buget-2025"])
    by_key = {i.key: i for i in timeline}
    assert by_key["parcurs/buget-2025/report/raport-buget-2025"].url == \
        "https://example.test/rapoarte/raport-buget-2025/"
    assert by_key["parcurs/buget-2025/on-agenda/sedinta-2025-03-27"].url == \
        "https://example.test/sedinte/sedinta-2025-03-27/"
    amended = by_key["parcurs/buget-2025/amended-by/rectificare-buget"]
    assert amended.url == "https://example.test/hotarari/2025/40/"
    assert amended.published.isoformat() == "2025-06-30T00:00:00+03:00"  # the amendment's entry into force
    assert by_key["parcurs/buget-2025/signed"].url == "https://example.test/hotarari/2025/5/"


def test_repeated_events_of_one_kind_get_distinct_keys(tmp_path):
    text = (trees.FIXTURES / "minimal/hotarari/2025/buget-2025.md").read_text(encoding="utf-8").replace(
        "  - {date: 2025-04-01, event: published}\n",
        "  - {date: 2025-04-01, event: published}\n  - {date: 2025-05-02, event: suspended}\n"
        "  - {date: 2025-05-20, event: suspension-lifted}\n  - {date: 2025-06-02, event: suspended}\n")
    entries = entries_of(trees.check_with(tmp_path, {"hotarari/2025/buget-2025.md": text}))
    keys = [i.key for i in entries.timeline_items(entries.site.archive.decisions["buget-2025"])]
    assert len(keys) == len(set(keys))
    assert {"parcurs/buget-2025/suspended", "parcurs/buget-2025/suspended-2"} <= set(keys)


def test_meeting_entry_lists_its_agenda_in_order():
    item = meeting_items(minimal())["sedinta-2025-03-27"]
    assert item.published.isoformat() == "2025-03-21T00:00:00+02:00"  # agenda published
    assert item.updated.isoformat() == "2025-03-27T10:00:00+02:00"  # held
    assert item.summary.endswith("Ordinea de zi: 1. Hotărârea nr. 5/2025 privind aprobarea bugetului județului "
                                 "pe anul 2025; 2. Întrebări și interpelări.")


def test_report_entry_names_its_decision_and_opinion():
    item = report_items(minimal())["aviz-buget-2025"]
    assert item.summary == ("Aviz de comisie din 20 martie 2025. Comisia de buget-finanțe: aviz favorabil. "
                            "Privește: Hotărârea nr. 5/2025 privind aprobarea bugetului județului pe anul 2025.")


def test_votes_are_keyed_by_member_page():
    entries = minimal()
    assert dict(entries.votes_by_member) == {"consilieri/dan-stan/": (("2025-03-27T10:00:00+02:00", "buget-2025"),)}
    assert [i.key for i in entries.member_vote_items("consilieri/dan-stan/")] == ["voturi/buget-2025/dan-stan"]


def test_romanian_counting():
    assert [feed_entries.count(n, "abținere", "abțineri") for n in (0, 1, 2, 19, 20, 35, 101, 120)] == [
        "0 abțineri", "1 abținere", "2 abțineri", "19 abțineri", "20 de abțineri", "35 de abțineri",
        "101 abțineri", "120 de abțineri"]


def test_a_meeting_is_published_with_its_first_public_fact_its_convocation(tmp_path):
    text = (trees.FIXTURES / "minimal/sedinte/sedinta-2025-03-27.md").read_text(encoding="utf-8").replace(
        "agenda_published: 2025-03-21\n", "agenda_published: 2025-03-21\nconvened: 2025-03-19\n")
    entries = entries_of(trees.check_with(tmp_path, {"sedinte/sedinta-2025-03-27.md": text}))
    item = meeting_items(entries)["sedinta-2025-03-27"]
    assert item.published.isoformat() == "2025-03-19T00:00:00+02:00"  # convened before the agenda was published
    assert item.updated.isoformat() == "2025-03-27T10:00:00+02:00"


def test_a_decisions_feed_tells_no_fact_still_to_come_but_a_meeting_convened_for_it(tmp_path):
    """Build day 25 November 2025: the parking draft's consultation closes on 5 December and it is on
    the agenda of a meeting on 11 December, convened on 20 November."""
    meeting = ("---\ntitle: Ședința ordinară din 11 decembrie 2025\nkind: ordinary\ndate: 2025-12-11 10:00\n"
               "convened: 2025-11-20\nitems:\n  - decision: proiect-parcari\n---\n")
    entries = entries_of(trees.check_with(tmp_path, {"sedinte/sedinta-2025-12-11.md": meeting}))
    items = entries.timeline_items(entries.site.archive.decisions["proiect-parcari"])
    assert [i.key.removeprefix("parcurs/proiect-parcari/") for i in items] == [
        "on-agenda/sedinta-2025-12-11", "consultation-opened", "registered"]
    assert all(i.published.date() <= dt.date(2025, 11, 25) for i in items)
    agenda = items[0]
    assert agenda.published.isoformat() == "2025-11-20T00:00:00+02:00"  # public since it was convened
    assert agenda.title.startswith("Pe ordinea de zi:")  # said as still to come, not "Înscris"
