"""Feeds and calendars of built sites: every file valid, announced by its pages, stable across rebuilds."""

import datetime as dt
import re
from pathlib import Path

import feedparser
import vobject
from bs4 import BeautifulSoup
from lxml import etree

from support import trees
from support.feedcheck import NS, atom_problems, rss_problems
from transparency.source import pipeline
from transparency.domain.text import slug

FEED_TYPES = {"application/rss+xml", "application/atom+xml"}


def soup(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path).read_text(encoding="utf-8"), "html.parser")


def announced(output: Path, path: str) -> list[str]:
    return [link["href"] for link in soup(output, path).find_all("link", rel="alternate")
            if link.get("type") in FEED_TYPES]


def feed_files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted((output / "feeds").rglob("*"))
            if p.is_file()}


def calendar_files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*.ics"))}


def test_every_feed_and_calendar_of_a_whole_site_is_valid(whole_site):
    output, checked = whole_site.output, pipeline.check(whole_site.content)
    files = feed_files(output)
    archive, council = checked.archive, checked.archive.council
    expected = {"toate", "hotarari", "consultari", "rapoarte", "sedinte", "dispozitii", "documente"}
    expected |= {f"proiecte/{i}" for i in archive.decisions} | {f"comisii/{c.slug}" for c in council.committees}
    expected |= {f"consilieri/{slug(m.name)}" for m in council.members}
    expected |= {f"teme/{p.name}" for p in (output / "teme").iterdir() if (p / "index.html").is_file()}
    assert set(files) == {f"feeds/{name}.{fmt}" for name in expected for fmt in ("rss", "atom")}
    for path, data in files.items():
        problems = atom_problems(data) if path.endswith(".atom") else rss_problems(data)
        assert problems == [], (path, problems)
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, (path, parsed.bozo_exception)
        assert all(e.title and e.link.startswith(whole_site.siteurl) and e.published_parsed for e in parsed.entries)
        # newest first by the date each format carries: RSS's only <pubDate>, Atom's <updated> (a
        # decision's own Atom feed keeps its timeline's order: a place on a meeting's agenda, told
        # from the day the agenda was announced, follows facts dated between that day and the meeting)
        dates = [e.updated_parsed if path.endswith(".atom") else e.published_parsed for e in parsed.entries]
        if path.endswith(".rss") or not path.startswith("feeds/proiecte/"):
            assert dates == sorted(dates, reverse=True), path
        else:  # within a (Bucharest) day the dates follow the timeline: a fact of the day is not dated
            # before that morning's meeting (at midnight), which a reader ordering by date would show first
            moments = [dt.datetime.fromisoformat(e.updated) for e in parsed.entries]
            for newer, older in zip(moments, moments[1:]):
                assert newer.date() != older.date() or newer >= older, (path, newer, older)
    calendars = calendar_files(output)
    assert set(calendars) == {"sedinte/calendar.ics"} | {f"comisii/{c.slug}/calendar.ics" for c in council.committees}
    for path, data in calendars.items():
        parsed = vobject.readOne(data.decode("utf-8"))
        assert parsed.validate(), path
    meetings = vobject.readOne(calendars["sedinte/calendar.ics"].decode("utf-8")).contents.get("vevent", [])
    assert len(meetings) == len([m for m in archive.meetings.values() if m.start])


def test_pages_announce_feeds_that_exist(whole_site):
    output, root = whole_site.output, whole_site.root_path
    pages = sorted(p for p in output.rglob("index.html"))
    assert pages
    for page in pages:
        path = page.relative_to(output).as_posix()
        links = announced(output, path)
        assert links, f"{path} announces no feed"
        for href in links:
            assert href.startswith(root) and (output / href[len(root):]).is_file(), (path, href)
    checked = pipeline.check(whole_site.content)
    for d in checked.archive.decisions.values():
        own = [f"{root}feeds/proiecte/{d.id}.rss", f"{root}feeds/proiecte/{d.id}.atom"]
        assert announced(output, f"proiecte/{d.id}/index.html") == own
        if d.citation:
            assert announced(output, f"hotarari/{d.adopted.year}/{d.number}/index.html") == own


def test_listings_and_group_pages_announce_their_feeds(minimal_site):
    assert announced(minimal_site, "index.html")[:2] == ["/feeds/toate.rss", "/feeds/toate.atom"]
    assert announced(minimal_site, "hotarari/index.html")[:2] == ["/feeds/hotarari.rss", "/feeds/hotarari.atom"]
    assert announced(minimal_site, "consultari/index.html")[0] == "/feeds/consultari.rss"
    assert announced(minimal_site, "sedinte/index.html")[0] == "/feeds/sedinte.rss"
    assert announced(minimal_site, "teme/buget/index.html") == ["/feeds/teme/buget.rss", "/feeds/teme/buget.atom"]
    assert announced(minimal_site, "comisii/buget/index.html") == ["/feeds/comisii/buget.rss",
                                                                   "/feeds/comisii/buget.atom"]
    assert announced(minimal_site, "consilieri/dan-stan/index.html") == ["/feeds/consilieri/dan-stan.rss",
                                                                         "/feeds/consilieri/dan-stan.atom"]


def test_subscribe_page_lists_every_feed_and_calendar(minimal_site):
    home = soup(minimal_site, "index.html")
    assert home.select_one("nav").find("a", href="/abonare/", string="Abonare")
    page = soup(minimal_site, "abonare/index.html")
    assert page.find("h1").get_text() == "Abonare"
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    listed = {h for h in hrefs if h.startswith("/feeds/")}
    every = {"/" + p for p in feed_files(minimal_site)}
    assert {h for h in every if not h.startswith("/feeds/proiecte/")} <= listed  # decision feeds: an example
    assert listed <= every and any(h.startswith("/feeds/proiecte/") for h in listed)
    assert {"/sedinte/calendar.ics", "/comisii/buget/calendar.ics", "webcal://example.test/sedinte/calendar.ics"} \
        <= hrefs
    text = page.get_text(" ")
    for words in ("Ce este un flux", "Google Calendar", "Outlook", "Telefon", "https://example.test/feeds/toate.rss"):
        assert words in text


def test_rebuilds_keep_bytes_and_ids(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    first, second = tmp_path / "first", tmp_path / "second"
    for output in (first, second):
        result = trees.build(content, output)
        assert result.returncode == 0, result.stderr
    assert feed_files(first) == feed_files(second) and calendar_files(first) == calendar_files(second)
    source = content / "hotarari/2025/buget-2025.md"
    source.write_text(source.read_text(encoding="utf-8").replace("privind aprobarea bugetului", "privind bugetul")
                      .replace("Se aprobă bugetul general", "Se aprobă, cu modificări, bugetul general"),
                      encoding="utf-8")
    result = trees.build(content, second)
    assert result.returncode == 0, result.stderr
    before, after = feed_files(first), feed_files(second)
    assert before != after and set(before) == set(after)
    for path in before:
        if path.endswith(".atom"):
            ids = [etree.fromstring(files[path]).xpath("//atom:entry/atom:id/text()", namespaces=NS)
                   for files in (before, after)]
            assert ids[0] == ids[1], path
    titles = [e.title for e in feedparser.parse(after["feeds/hotarari.rss"]).entries]
    assert "Hotărârea nr. 5/2025 privind bugetul județului pe anul 2025" in titles


def test_a_topics_feed_is_titled_as_its_page_heads_the_topic(whole_site):
    """Spellings that differ in diacritics are one topic: its feed names it as its page does."""
    topics = sorted((whole_site.output / "teme").glob("*/index.html"))
    assert topics
    for page in topics:
        heading = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1.get_text().split())
        feed = feedparser.parse((whole_site.output / "feeds/teme" / f"{page.parent.name}.atom").read_bytes())
        assert not feed.bozo, page
        named = [re.search(r"„(.+?)”", text).group(1) for text in (feed.feed.title, heading)]
        assert named[0] == named[1], (page, feed.feed.title, heading)
