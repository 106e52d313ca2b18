"""A meeting page's „urmează” (site/views.py `SiteModel.upcoming`): the build day is a day, not an hour,
so a meeting of the build day is still to come only while nothing is recorded of it (an outside review:
a page said „Ședința urmează să aibă loc” above „Adoptat: Hotărârea nr. 55/2026”)."""

import datetime as dt

from support import trees
from transparency.site.views import SiteModel

MEETING_DAY = dt.date(2025, 6, 26)  # tests/fixtures/minimal: rectificare-buget adopted at its meeting that day
EVENING = "---\ntitle: Ședința extraordinară din 26 iunie 2025\nkind: extraordinary\ndate: 2025-06-26 18:00\n" \
          "place: Sala mare\nitems:\n  - title: Întrebări și interpelări\n---\n"


def site(tmp_path, day) -> SiteModel:
    checked = trees.check_with(tmp_path, {"sedinte/sedinta-2025-06-26-seara.md": EVENING})
    assert not checked.problems.errors, checked.problems.report()
    return SiteModel(checked, day, "https://example.test")


def test_a_meeting_of_the_build_day_with_a_vote_recorded_is_not_still_to_come(tmp_path):
    model = site(tmp_path, MEETING_DAY)
    held = model.meeting_page(model.archive.meetings["sedinta-2025-06-26"])
    assert held["upcoming"] is False
    assert [item["outcome"]["code"] for item in held["agenda"]] == ["adopted"]
    evening = model.meeting_page(model.archive.meetings["sedinta-2025-06-26-seara"])
    assert evening["upcoming"] is True  # nothing recorded of it yet
    assert model.next_meeting()["id"] == "sedinta-2025-06-26-seara"


def test_the_day_before_both_are_still_to_come(tmp_path):
    """A site built as on an earlier day (facts after it are still to come) keeps both ahead."""
    model = site(tmp_path, MEETING_DAY - dt.timedelta(days=1))
    assert model.meeting_page(model.archive.meetings["sedinta-2025-06-26"])["upcoming"] is True
    assert model.next_meeting()["id"] == "sedinta-2025-06-26"


def test_the_day_after_neither_is(tmp_path):
    model = site(tmp_path, MEETING_DAY + dt.timedelta(days=1))
    assert not any(model.meeting_page(m)["upcoming"] for m in model.archive.meetings.values())


def test_a_vote_off_the_agenda_is_recorded_too(tmp_path):
    """A draft voted at the evening meeting without being on its agenda (supplemented at the start of
    the meeting): the meeting is held, and its page lists the draft off the agenda."""
    voted = "---\ntitle: privind un proiect adăugat pe ordinea de zi\nstatus: adopted\nregistered: 2025-06-20\n" \
            "meeting: sedinta-2025-06-26-seara\nnumber: 41\nadopted: 2025-06-26\nmajority: simple\n" \
            "vote: {present: 7, for: 5, against: 1, abstain: 1}\n---\n"
    checked = trees.check_with(tmp_path, {"sedinte/sedinta-2025-06-26-seara.md": EVENING,
                                          "hotarari/2025/adaugat.md": voted})
    assert not checked.problems.errors, checked.problems.report()
    model = SiteModel(checked, MEETING_DAY, "https://example.test")
    evening = model.meeting_page(model.archive.meetings["sedinta-2025-06-26-seara"])
    assert evening["upcoming"] is False
    assert [item["outcome"]["code"] for item in evening["off_agenda"]["drafts"]] == ["adopted"]
    assert evening["agenda_note"] == ""  # its agenda lists „Întrebări și interpelări”
