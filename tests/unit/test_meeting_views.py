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
