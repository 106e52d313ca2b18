"""/activitate/ paged (issue 16): each month with activity has its page at /activitate/YYYY/MM/
(an address that never changes: a month's events stay on its page); a year's page shows the first
entries of each month and links the month's page; the recent page links the month pages too."""

import re

from support.contract_checks import soup
from support import sitemaps


def entries(page):
    return [" ".join(li.get_text(" ").split()) for li in page.select("ol.activity > li")]


def month_pages(sample_site):
    return sorted(p.parent.relative_to(sample_site).as_posix() + "/"
                  for p in (sample_site / "activitate").glob("*/*/index.html"))


def test_every_month_of_a_year_page_has_its_page_with_all_its_events(sample_site):
    months = month_pages(sample_site)
    assert months and all(re.fullmatch(r"activitate/\d{4}/(0[1-9]|1[0-2])/", m) for m in months), months
    longer = 0
    for year_dir in sorted(p for p in (sample_site / "activitate").iterdir() if p.is_dir()):
        year = soup(sample_site, f"activitate/{year_dir.name}/")
        for h2 in year.select("main h2[id^=luna-]"):
            key = h2["id"].removeprefix("luna-")
            path = f"activitate/{key[:4]}/{key[5:]}/"
            assert path in months, path
            month = soup(sample_site, path)
            whole = entries(month)
            shown = [" ".join(li.get_text(" ").split()) for li in h2.find_next_sibling("ol").select("li")]
            assert shown == whole[:len(shown)] and len(shown) <= 20, path
            link = h2.find_next_sibling("p", attrs={"data-month-page": True}).a
            assert link["href"] == f"/{path}"
            if len(whole) > len(shown):
                longer += 1
                assert f"Toate cele {len(whole)} de evenimente" in link.get_text()
            assert [t["datetime"][:7] for t in month.select("ol.activity > li > time")] == [key] * len(whole)
            assert [h["id"] for h in month.select("main h2[id^=luna-]")] == [h2["id"]]
            assert not month.select("[data-month-page]")
    assert longer >= 1  # the sample has a month longer than a year page shows


def test_the_recent_page_links_the_month_pages_and_they_are_in_the_sitemap(sample_site):
    recent = soup(sample_site, "activitate/")
    links = [p.a["href"] for p in recent.select("[data-month-page]")]
    months = month_pages(sample_site)
    assert links and all(link.lstrip("/") in months for link in links)
    listed = sitemaps.listed(sample_site)
    assert all(f"https://example.test/{m}" in listed for m in months)
