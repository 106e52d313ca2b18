"""Feeds: RFC 4287 / RSS 2.0 validity, what a feed reader sees, ids, dates, pages announcing feeds."""

import datetime as dt

import feedgen.entry
import feedgen.feed
import feedparser
from lxml import etree

from support import trees
from support.feedcheck import NS, atom_problems, rss_problems
from transparency.publish import feeds, routes
from transparency.source import pipeline
from transparency.site.views import SiteModel

BUILD_DAY = dt.date(2025, 11, 25)
SITEURL = "https://example.test"


def catalog_of(checked, siteurl=SITEURL, today=BUILD_DAY) -> feeds.FeedCatalog:
    assert not checked.problems.errors, checked.problems.report()
    return feeds.FeedCatalog(SiteModel(checked, today, siteurl))


def minimal(siteurl=SITEURL) -> feeds.FeedCatalog:
    return catalog_of(pipeline.check(trees.FIXTURES / "minimal"), siteurl)


def rendered(catalog, name):
    return catalog.render(catalog.by_name[name])


def atom_ids(data: bytes) -> list[str]:
    return etree.fromstring(data).xpath("//atom:entry/atom:id/text()", namespaces=NS)


def test_every_feed_is_valid_atom_and_rss():
    catalog = minimal()
    files = dict(catalog.files())
    assert len(files) == 2 * len(catalog.by_name) > 20
    for path, data in files.items():
        problems = atom_problems(data) if path.endswith(".atom") else rss_problems(data)
        assert problems == [], (path, problems)


def test_feed_addresses_follow_the_contract():
    names = set(minimal().by_name)
    assert {"toate", "hotarari", "consultari", "rapoarte", "sedinte", "teme/buget", "comisii/buget",
            "comisii/urbanism", "consilieri/dan-stan", "consilieri/gabriela-ros", "proiecte/buget-2025",
            "proiecte/proiect-parcari", "proiecte/rectificare-buget"} <= names
    assert len([n for n in names if n.startswith("consilieri/")]) == 7


def test_a_feed_reader_sees_titles_links_and_dates():
    catalog = minimal()
    for fmt in ("rss", "atom"):
        parsed = feedparser.parse(rendered(catalog, "hotarari")[fmt])
        assert parsed.bozo == 0, parsed.bozo_exception
        assert parsed.feed.title == "Hotărâri adoptate · Consiliul Județean Exemplu"
        assert parsed.feed.link == "https://example.test/hotarari/"
        assert [e.title for e in parsed.entries] == [
            "Hotărârea nr. 40/2025 privind rectificarea bugetului județului pe anul 2025",
            "Hotărârea nr. 5/2025 privind aprobarea bugetului județului pe anul 2025"]
        assert [e.link for e in parsed.entries] == ["https://example.test/hotarari/2025/40/",
                                                    "https://example.test/hotarari/2025/5/"]
        assert [e.id for e in parsed.entries] == ["tag:example.test,2025:hotarari/rectificare-buget",
                                                  "tag:example.test,2025:hotarari/buget-2025"]
        # adopted at the meetings that start at 10:00: 26 June (summer, +03:00) and 27 March (winter, +02:00)
        assert [e.published_parsed[:5] for e in parsed.entries] == [(2025, 6, 26, 7, 0), (2025, 3, 27, 8, 0)]
        assert {t.term for t in parsed.entries[0].tags} == {"Hotărâre", "buget"}


def test_dates_are_written_with_their_offset():
    data = rendered(minimal(), "hotarari")
    assert "<published>2025-06-26T10:00:00+03:00</published>" in data["atom"].decode()
    assert "<published>2025-03-27T10:00:00+02:00</published>" in data["atom"].decode()
    assert "<pubDate>Thu, 26 Jun 2025 10:00:00 +0300</pubDate>" in data["rss"].decode()
    assert "<pubDate>Thu, 27 Mar 2025 10:00:00 +0200</pubDate>" in data["rss"].decode()


def test_feed_updated_is_the_newest_entry_never_the_clock():
    catalog = minimal()
    for name in ("toate", "hotarari", "comisii/urbanism"):
        data = rendered(catalog, name)
        atom, rss = etree.fromstring(data["atom"]), etree.fromstring(data["rss"])
        entries = atom.xpath("atom:entry/atom:updated/text()", namespaces=NS)
        expected = max(entries, default=catalog.site_updated().isoformat())
        assert atom.findtext("atom:updated", namespaces=NS) == expected
        assert rss.findtext("channel/lastBuildDate") == dt.datetime.fromisoformat(expected).strftime(
            "%a, %d %b %Y %H:%M:%S %z")
    assert catalog.site_updated().isoformat() == "2025-11-05T00:00:00+02:00"  # the empty urbanism feed's date
    everything = etree.fromstring(rendered(catalog, "toate")["atom"])  # the newest entry of all, as published
    assert max(everything.xpath("atom:entry/atom:updated/text()", namespaces=NS)) == "2025-11-05T00:00:00+02:00"


def test_same_content_gives_the_same_bytes():
    first, second = dict(minimal().files()), dict(minimal().files())
    assert first == second


def test_the_clock_never_reaches_a_feed(monkeypatch):
    class AnyDatetime(type):
        def __instancecheck__(cls, value):
            return isinstance(value, dt.datetime)

    class Frozen(dt.datetime, metaclass=AnyDatetime):  # feedgen's default for lastBuildDate and updated
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(1999, 12, 31, 23, 59, tzinfo=tz)

    monkeypatch.setattr(feedgen.feed, "datetime", Frozen)
    monkeypatch.setattr(feedgen.entry, "datetime", Frozen)
    files = dict(minimal().files())
    assert not [path for path, data in files.items() if b"1999" in data]
    assert files == dict(minimal().files())


def test_ids_do_not_change_when_a_document_is_edited(tmp_path):
    before = minimal()
    text = (trees.FIXTURES / "minimal/hotarari/2025/buget-2025.md").read_text(encoding="utf-8")
    edited = text.replace("privind aprobarea bugetului județului pe anul 2025", "privind bugetul pe 2025") \
        .replace("Stabilește veniturile", "Fixează veniturile").replace("**Art. 1.**", "**Art. 1.** (modificat)")
    after = catalog_of(trees.check_with(tmp_path, {"hotarari/2025/buget-2025.md": edited}))
    assert after.entries.decision_item("buget-2025").title == "Hotărârea nr. 5/2025 privind bugetul pe 2025"
    for name in before.by_name:
        assert atom_ids(rendered(before, name)["atom"]) == atom_ids(rendered(after, name)["atom"]), name


def test_adoption_is_a_new_entry_but_the_decision_feed_keeps_its_address(tmp_path):
    draft = minimal().entries.decision_item("proiect-parcari")
    adopted_text = (trees.FIXTURES / "minimal/hotarari/2025/proiect-parcari.md").read_text(encoding="utf-8").replace(
        "status: draft\n", "status: adopted\nmeeting: sedinta-2025-11-20\nnumber: 41\nadopted: 2025-11-20\n"
                           "majority: simple\nvote: {present: 6, for: 6, against: 0, abstain: 0}\n")
    meeting = ("---\ntitle: Ședința extraordinară din 20 noiembrie 2025\nkind: extraordinary\n"
               "date: 2025-11-20 10:00\nplace: Sala mare\nitems:\n  - decision: proiect-parcari\n---\n")
    after = catalog_of(trees.check_with(tmp_path, {"hotarari/2025/proiect-parcari.md": adopted_text,
                                                   "sedinte/sedinta-2025-11-20.md": meeting}))
    adopted = after.entries.decision_item("proiect-parcari")
    assert (draft.key, adopted.key) == ("proiecte/proiect-parcari", "hotarari/proiect-parcari")
    assert adopted.url == "https://example.test/hotarari/2025/41/"
    assert after.by_name["proiecte/proiect-parcari"].page == "hotarari/2025/41/"
    timeline = atom_ids(rendered(after, "proiecte/proiect-parcari")["atom"])
    assert "tag:example.test,2025:parcurs/proiect-parcari/registered" in timeline
    assert "tag:example.test,2025:parcurs/proiect-parcari/adopted/sedinta-2025-11-20" in timeline


def test_decision_feed_follows_its_timeline_newest_first():
    parsed = feedparser.parse(rendered(minimal(), "proiecte/buget-2025")["atom"])
    assert parsed.bozo == 0
    titles = [e.title.split(":")[0] for e in parsed.entries]
    assert titles == ["Modificată prin Hotărârea nr. 40/2025", "Publicată în Monitorul Oficial Local", "Semnată",
                      "Adoptată", "Înscris pe ordinea de zi", "Aviz de comisie", "Raport",
                      "Consultare publică închisă", "Consultare publică deschisă", "Proiect înregistrat"]
    assert parsed.entries[5].link == "https://example.test/rapoarte/aviz-buget-2025/"
    assert parsed.entries[0].link == "https://example.test/hotarari/2025/40/"


def test_member_feed_says_how_the_member_voted():
    catalog = minimal()
    parsed = feedparser.parse(rendered(catalog, "consilieri/dan-stan")["rss"])
    assert parsed.bozo == 0
    assert [e.title for e in parsed.entries] == [
        "Dan Stan a votat împotrivă: Hotărârea nr. 5/2025 privind aprobarea bugetului județului pe anul 2025"]
    assert "5 pentru, 1 împotrivă, 1 abținere, 7 consilieri prezenți" in parsed.entries[0].summary
    assert parsed.entries[0].id == "tag:example.test,2025:voturi/buget-2025/dan-stan"
    assert rendered(catalog, "consilieri/ana-pop")["atom"].count(b"<entry>") == 0


def test_type_topic_and_committee_feeds_select_their_documents():
    catalog = minimal()

    def keys(name):
        return [i.key for i in catalog.items(catalog.by_name[name])]

    assert keys("consultari") == ["proiecte/proiect-parcari"]
    assert keys("rapoarte") == ["rapoarte/aviz-buget-2025", "rapoarte/raport-buget-2025"]
    assert keys("sedinte") == ["sedinte/sedinta-2025-06-26", "sedinte/sedinta-2025-03-27"]
    assert keys("teme/buget") == ["hotarari/rectificare-buget", "hotarari/buget-2025"]
    assert keys("comisii/buget") == ["hotarari/buget-2025", "rapoarte/aviz-buget-2025"]
    assert keys("comisii/urbanism") == []
    assert len(keys("toate")) == 3 + 2 + 2


def test_pages_announce_their_feeds():
    """What each page of the site map announces, as its context has it; each link titled as the
    feed itself is (the catalogue's index of every feed is the oracle)."""
    catalog = minimal()
    site_map = {route.path: route for route in routes.all_routes(catalog.site, catalog)}
    for route in site_map.values():
        for link in route.make()["feeds"]:
            name = link["rss"].removeprefix("/feeds/").removesuffix(".rss")
            assert link == catalog.link(catalog.by_name[name]), route.path

    def announced(path):
        return [link["rss"] for link in site_map[path].make()["feeds"]]

    assert announced("") == ["/feeds/toate.rss", "/feeds/hotarari.rss", "/feeds/consultari.rss",
                             "/feeds/sedinte.rss", "/feeds/rapoarte.rss"]
    assert announced("hotarari/2025/5/") == announced("proiecte/buget-2025/") == ["/feeds/proiecte/buget-2025.rss"]
    assert announced("teme/buget/") == ["/feeds/teme/buget.rss"]
    assert announced("comisii/urbanism/") == ["/feeds/comisii/urbanism.rss"]
    assert announced("consilieri/dan-stan/") == ["/feeds/consilieri/dan-stan.rss"]
    assert announced("sedinte/") == ["/feeds/sedinte.rss", "/feeds/toate.rss"]
    assert announced("sedinte/sedinta-2025-03-27/") == ["/feeds/sedinte.rss"]
    assert announced("rapoarte/aviz-buget-2025/") == ["/feeds/proiecte/buget-2025.rss", "/feeds/rapoarte.rss"]
    assert announced("hotarari/2025/") == ["/feeds/hotarari.rss", "/feeds/toate.rss"]
    assert announced("despre/") == ["/feeds/toate.rss"]
    assert site_map[""].make()["feeds"][0] == {"title": "Toate documentele", "rss": "/feeds/toate.rss",
                                               "atom": "/feeds/toate.atom"}


def test_a_site_under_a_sub_path_keeps_ids_and_links_apart():
    catalog = minimal("https://primaria.example.test/transparenta")
    url = catalog.entries.decision_item("buget-2025").url
    assert url == "https://primaria.example.test/transparenta/hotarari/2025/5/"
    assert catalog.tag("hotarari/buget-2025") == "tag:primaria.example.test,2025:transparenta/hotarari/buget-2025"
    assert catalog.links("")[0]["rss"] == "/transparenta/feeds/toate.rss"
    assert rss_problems(rendered(catalog, "toate")["rss"]) == []


def test_subscribe_view_lists_every_feed_but_the_decision_feeds():
    catalog = minimal()
    listed = [f for group in catalog.subscribe_view() for f in group["feeds"]]
    assert len(listed) == len(catalog.by_name) - len(catalog.decision_feeds())
    assert listed[0]["rss_url"] == "https://example.test/feeds/toate.rss"
    assert [g["title"] for g in catalog.subscribe_view()] == [
        "Toate noutățile", "După tipul documentului", "După temă", "După comisie",
        "Voturile nominale ale fiecărui consilier"]
    assert catalog.decision_example()["page"] == "/proiecte/proiect-parcari/"


def test_limit_keeps_the_newest_entries():
    items = [c.entries.decision_item(i) for c in [minimal()] for i in c.site.archive.decisions]
    assert [i.key for i in feeds.newest_first(items, limit=1)] == ["proiecte/proiect-parcari"]


def test_the_spec_checks_catch_broken_feeds():
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title>'
            b'<updated>2025-03-27 10:00</updated><entry><id>e</id><title>t</title>'
            b'<updated>2025-03-27T10:00:00+02:00</updated></entry></feed>')
    problems = atom_problems(atom)
    assert any("dateTime" in p for p in problems)
    assert any("must have at least one atom:link" in p for p in problems)
    assert any("must have an atom:author" in p for p in problems)
    rss = (b'<rss version="2.0"><channel><title>t</title><link>https://example.test/</link><item>'
           b'<guid>tag:x,2025:a</guid><pubDate>27 Mar 2025 10:00 EET</pubDate></item></channel></rss>')
    assert rss_problems(rss) == ["channel has no description", "item 1 has neither title nor description",
                                 "item 1: guid isPermaLink=true but not a URL: tag:x,2025:a",
                                 "item 1: pubDate not RFC 822: 27 Mar 2025 10:00 EET"]


def test_a_meeting_is_in_the_feeds_once_a_fact_of_it_is_public_never_dated_after_the_build_day(tmp_path):
    """Build day 25 November 2025: one meeting convened on 20 November, one not convened yet, one whose
    convocation is dated 1 December (still to come)."""
    meeting = "---\ntitle: Ședința {}\nkind: ordinary\ndate: 2025-12-{} 10:00\n{}---\n"
    checked = trees.check_with(tmp_path, {
        "sedinte/convocata.md": meeting.format("convocată", 11, "convened: 2025-11-20\n"),
        "sedinte/neanuntata.md": meeting.format("neanunțată", 18, ""),
        "sedinte/convocata-mai-tarziu.md": meeting.format("convocată mai târziu", 22, "convened: 2025-12-01\n")})
    catalog = catalog_of(checked)
    parsed = feedparser.parse(rendered(catalog, "sedinte")["atom"])
    assert parsed.bozo == 0
    links = [entry.link for entry in parsed.entries]
    assert "https://example.test/sedinte/convocata/" in links
    assert not any("neanuntata" in link or "convocata-mai-tarziu" in link for link in links)
    [convened] = [entry for entry in parsed.entries if entry.link.endswith("/sedinte/convocata/")]
    assert convened.published.startswith("2025-11-20")
    assert all(entry.published_parsed[:3] <= (2025, 11, 25) for entry in parsed.entries)
