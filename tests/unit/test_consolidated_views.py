"""The consolidated text of the sample council's regulation on different build days (site/consolidated.py):
which version is today's, which are future, what the decision's feed announces."""

import datetime as dt

import pytest

from support import trees
from transparency.site import consolidated
from transparency.site.feed_entries import Entries
from transparency.site.views import SiteModel
from transparency.source import pipeline

D = dt.date


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(trees.ROOT / "content")


def site_on(checked, day):
    return SiteModel(checked, day, "https://example.test")


def regulation(site):
    return site.archive.decisions["hcj-2024-048-regulament-transport-judetean"]


@pytest.mark.parametrize("day, today_version, future", [
    (D(2024, 4, 1), "2024-04-01", ["2026-04-15", "2025-08-06"]),
    (D(2025, 8, 5), "2024-04-01", ["2026-04-15", "2025-08-06"]),
    (D(2025, 8, 6), "2025-08-06", ["2026-04-15"]),
    (D(2026, 4, 14), "2025-08-06", ["2026-04-15"]),
    (D(2026, 4, 15), "2026-04-15", []),
    (D(2026, 11, 25), "2026-04-15", []),
])
def test_the_version_in_force_on_the_build_day(checked, day, today_version, future):
    site = site_on(checked, day)
    d = regulation(site)
    page = consolidated.page(site, d, None)["c"]
    assert page["version"]["date"]["iso"] == today_version
    assert [v["date"]["iso"] for v in page["versions"] if v["future"]] == future
    assert [v["date"]["iso"] for v in page["versions"] if v["in_force"]] == [today_version]
    assert consolidated.link(site, d)["since"]["iso"] == today_version
    # Every version has its page whatever the day: addresses do not come and go with the days.
    assert consolidated.version_days(site, d) == [D(2024, 4, 1), D(2025, 8, 6), D(2026, 4, 15)]


def test_before_the_original_took_effect_there_is_no_text_in_force(checked):
    site = site_on(checked, D(2024, 3, 20))
    page = consolidated.page(site, regulation(site), None)["c"]
    assert page["version"] is None and page["text"] == ""


@pytest.mark.parametrize("day, announced", [
    (D(2025, 8, 5), []),
    (D(2026, 1, 1), ["consolidat/hcj-2024-048-regulament-transport-judetean/2025-08-06"]),
    (D(2026, 11, 25), ["consolidat/hcj-2024-048-regulament-transport-judetean/2026-04-15",
                       "consolidat/hcj-2024-048-regulament-transport-judetean/2025-08-06"]),
])
def test_the_feed_announces_a_version_once_it_has_taken_effect(checked, day, announced):
    site = site_on(checked, day)
    items = Entries(site).timeline_items(regulation(site))
    assert [i.key for i in items if i.key.startswith("consolidat/")] == announced


def test_only_decisions_with_structured_changes_have_a_consolidated_text(checked):
    site = site_on(checked, D(2026, 11, 25))
    with_text = sorted(d.id for d in site.archive.decisions.values() if consolidated.version_days(site, d))
    assert with_text == ["hcj-2024-041-buget-general-2024", "hcj-2024-048-regulament-transport-judetean",
                         "hcj-2024-137-regulament-inchiriere-spatii"]


def test_the_budget_amended_twice(checked):
    """41/2024: art. 1 replaced by 132/2024 (the new totals), art. 3^1 inserted by 251/2024."""
    site = site_on(checked, D(2026, 11, 25))
    d = site.archive.decisions["hcj-2024-041-buget-general-2024"]
    assert consolidated.version_days(site, d) == [D(2024, 3, 8), D(2024, 7, 3), D(2024, 12, 20)]
    today = consolidated.of(site, d).on(site.today).text.part("")
    assert [(u.label, u.changed_by, u.action) for u in today.articles] == [
        ("1", "132/2024", "replace"), ("2", "", ""), ("3", "", ""), ("3^1", "251/2024", "insert-after"),
        ("4", "", ""), ("5", "", ""), ("6", "", "")]
    assert "la venituri în sumă de 1.454.910 mii lei și la cheltuieli în sumă de 1.540.620 mii lei" in today.article("1").text


def test_the_search_reads_the_units_changed_in_todays_text(checked):
    from transparency.search import search_site
    site = site_on(checked, D(2026, 11, 25))
    text = search_site.decision(site, regulation(site)).text["body"]
    assert "validarea abonamentelor încărcate pe card" in text  # art. 12^1 as 87/2026 worded it
    assert "validatorul electronic" in text and "suspendarea licenței de traseu" in text  # 141/2025
    assert "pensionarii" not in text and "avertisment scris" not in text  # repealed or replaced: not added
    earlier = site_on(checked, D(2025, 9, 1))
    assert "validarea abonamentelor" not in search_site.decision(earlier, regulation(earlier)).text["body"]


REPEALING = """---
title: privind abrogarea bugetului
status: adopted
registered: 2025-06-02
meeting: sedinta-2025-06-26
number: 41
adopted: 2025-06-26
majority: absolute
vote: {present: 6, for: 4, against: 0, abstain: 2}
repeals: [5/2025]
events:
  - {date: 2025-07-10, event: published}
---
**Art. 1.** Se abrogă HCJ nr. 5/2025.
"""
AMENDING = """---
title: privind rectificarea bugetului județului pe anul 2025
status: adopted
registered: 2025-06-02
meeting: sedinta-2025-06-26
number: 40
adopted: 2025-06-26
majority: absolute
vote: {present: 6, for: 4, against: 0, abstain: 2}
amends: [5/2025]
events:
  - {date: 2025-07-01, event: published}
changes:
  - {decision: 5/2025, article: 2, action: repeal}
---
**Art. 1.** Se abrogă art. 2 din HCJ nr. 5/2025.
"""


def test_a_repealed_decisions_last_version_is_not_said_in_force(tmp_path):
    checked = trees.check_with(tmp_path, {"hotarari/2025/rectificare-buget.md": AMENDING,
                                          "hotarari/2025/abrogare.md": REPEALING})
    assert checked.problems.errors == []
    site = site_on(checked, D(2025, 8, 1))
    d = site.archive.decisions["buget-2025"]
    page = consolidated.page(site, d, None)["c"]
    assert page["status"]["code"] == "repealed" and page["ended"] == "Textul de mai jos nu mai este în vigoare."
    assert [v["in_force"] for v in page["versions"]] == [False, False]
    assert page["version"]["date"]["iso"] == "2025-07-01"
    first = consolidated.page(site, d, D(2025, 4, 1))["c"]
    assert first["version"]["until"]["iso"] == "2025-07-01"


def test_open_data_lists_the_changes_and_the_versions(checked):
    from transparency.publish import opendata
    site = site_on(checked, D(2026, 11, 25))
    regulation_record = opendata.decision_record(site, regulation(site))
    assert regulation_record["changes"] == []
    assert regulation_record["consolidated"] == [
        {"date": "2024-04-01", "acts": [], "url": "https://example.test/hotarari/2024/48/consolidat/2024-04-01/"},
        {"date": "2025-08-06", "acts": ["141/2025"], "url": "https://example.test/hotarari/2024/48/consolidat/2025-08-06/"},
        {"date": "2026-04-15", "acts": ["87/2026"], "url": "https://example.test/hotarari/2024/48/consolidat/2026-04-15/"}]
    amending = opendata.decision_record(site, site.archive.decisions["hcj-2026-087-modificare-regulament-transport"])
    assert amending["consolidated"] is None
    assert [(c["article"], c["letter"], c["action"]) for c in amending["changes"]] == [("12^1", None, "replace"),
                                                                                       ("14", "c", "repeal")]
