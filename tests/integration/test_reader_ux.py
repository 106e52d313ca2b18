"""What a reader sees first (issue 16), on the built sample council: a decision's true state in
its banner, the number in the h1, what has not happened not stated as done, and the wording rules.

The expected state comes from the domain (timeline.public_status), the texts from the pages."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from support import trees
from support.contract_checks import soup
from transparency.domain import timeline, urls
from transparency.domain.dates import long_date
from transparency.source import pipeline
from support import sitemaps

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(trees.ROOT / "content")


def decision_pages(checked):
    for d in sorted(checked.archive.decisions.values(), key=lambda d: d.id):
        status = timeline.public_status(d, checked.relations, checked.archive, TODAY)
        yield d, status


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_every_decision_not_simply_in_force_opens_with_a_banner(sample_site, checked):
    seen = set()
    for d, status in decision_pages(checked):
        page = soup(sample_site, urls.decision(d))
        shown = page.select_one("[data-status]")
        assert shown["data-status"] == status.code, d.id
        header = page.select_one("article.decision > header")
        assert shown in header.descendants, f"{d.id}: the status is not in the page's header"
        if status.code == "in-force":
            assert "banner" not in shown["class"], d.id
            continue
        seen.add(status.code)
        assert "banner" in shown["class"], f"{d.id}: {status.code} without a banner"
        said = text(shown)
        if status.code in ("repealed", "amended"):
            acts = sorted((checked.archive.decisions[i] for i in status.by), key=lambda a: a.adopted)
            links = {a["href"] for a in shown.find_all("a")}
            last = acts[-1]
            assert "/" + urls.decision(last) in links, f"{d.id}: {said}"
            assert f"Hotărârea nr. {last.citation} din {long_date(last.adopted)}" in said, said
            if status.code == "repealed":
                assert said.startswith("Abrogată prin") and "nu mai este în vigoare" in said, said
            elif len(acts) > 1:
                assert f"de {len(acts)} ori, ultima dată prin" in said, said
        if status.code in ("suspended", "annulled"):
            assert long_date(status.since) in said and "Textul de mai jos" in said, said
        if status.code == "in-consultation":
            days = (status.until - TODAY).days
            assert f"până la {long_date(status.until)}" in said and str(days) in said, said
            mailto = shown.select_one('a[href^="mailto:"]')["href"]
            assert "?subject=" in mailto and "proiectul%20de%20hot%C4%83r%C3%A2re" in mailto, mailto
        if status.code in ("rejected", "withdrawn"):
            # a draft is a "proiect" (neuter): respins / retras, on a day ("la"), not since ("din")
            assert said.startswith({"rejected": "Respins la ", "withdrawn": "Retras la "}[status.code]), said
    assert seen >= {"repealed", "amended", "suspended", "annulled", "in-consultation", "rejected", "withdrawn"}


def test_the_number_is_in_the_h1(sample_site, checked):
    for d, _ in decision_pages(checked):
        h1 = text(soup(sample_site, urls.decision(d)).find("h1"))
        heading = f"Hotărârea nr. {d.citation}" if d.citation else "Proiect de hotărâre"
        assert h1 == f"{heading} {d.title}", h1


def test_the_vote_and_the_documents_are_named_in_the_first_facts(sample_site):
    page = soup(sample_site, "hotarari/2025/45/")
    facts = {text(dt_): dt_.find_next_sibling("dd") for dt_ in page.select(".facts dt")}
    assert facts["Votul"].a["href"] == "#vot" and "24 pentru, 8 împotrivă" in text(facts["Votul"])
    assert [a["href"] for a in facts["Documente"].find_all("a")] == ["#anexe", "#rapoarte"]


def test_what_has_not_happened_is_not_stated_as_done(sample_site, checked):
    upcoming = 0
    for d, _ in decision_pages(checked):
        for item in soup(sample_site, urls.decision(d)).select("[data-timeline] li.upcoming"):
            upcoming += 1
            said = text(item)
            assert not re.search(r"închisă|primite|primită|Înscris", said), said
            day = dt.date.fromisoformat(item.time["datetime"][:10])
            assert day > TODAY
    assert upcoming


def test_timeline_links_name_what_they_link(sample_site, checked):
    titles = {r.title for r in checked.archive.reports.values()}
    titles |= {m.title[:1].lower() + m.title[1:] for m in checked.archive.meetings.values()}
    for d, _ in decision_pages(checked):
        for link in soup(sample_site, urls.decision(d)).select("[data-timeline] a"):
            said = text(link)
            assert said in titles or said.startswith("Hotărârea nr. "), f"{d.id}: link {said!r}"


def test_counts_are_romanian(sample_site):
    for path in ("teme/", "comisii/", "hotarari/stare/"):
        said = text(soup(sample_site, path).main)
        assert not re.search(r"\b(?:[2-9]\d|\d*[1-9]\d\d|\d*00) documente", said), (path, said)
    # Each status count must agree with the list on the page it links to (counted by the parser, not by
    # the code that wrote the number), in the Romanian form for that number.
    listed = soup(sample_site, "hotarari/stare/").main.select("li:has(> span.meta)")
    assert listed
    for item in listed:
        page = soup(sample_site, item.a["href"].lstrip("/"))
        n = len(page.main.select("ul.doc-list > li"))
        assert text(item.select_one("span.meta")) == f"({romanian_count(n)})", (item.a["href"], n)


def romanian_count(n: int) -> str:
    """Romanian puts "de" between a number whose last two digits are 00 or 20-99 and its noun."""
    if n == 1:
        return "1 document"
    return f"{n} de documente" if n % 100 >= 20 or (n >= 100 and n % 100 == 0) else f"{n} documente"


def test_topic_labels_keep_the_diacritics_staff_wrote(sample_site, checked):
    from transparency.domain.text import fold

    written: dict[str, set[str]] = {}
    for d in checked.archive.decisions.values():
        for t in d.topics:
            written.setdefault(urls.topic(t), set()).add(t.replace("-", " "))
    listed = {a["href"].strip("/"): text(a) for a in soup(sample_site, "teme/").select("main .doc-list a")}
    declared = {urls.topic(t.slug): t.label for t in checked.archive.council.topics}  # council.yml's labels
    assert declared
    for path, spellings in written.items():
        label = listed[path.strip("/")]
        if path in declared:
            assert label == declared[path]
        else:  # as written, words written without diacritics restored (domain/topics.py)
            assert fold(label) in {fold(s) for s in spellings}, (label, spellings)
        if any(fold(s) != s for s in spellings):
            assert fold(label) != label, (label, spellings)
        page = soup(sample_site, path)
        assert text(page.h1) == f"Hotărâri pe tema „{label}”"
    assert not any("Tema:" in text(soup(sample_site, path)) for path in written)


def test_a_report_labels_its_decisions_status(sample_site, checked):
    for r in checked.archive.reports.values():
        page = soup(sample_site, urls.report(r.id))
        shown = page.select_one("[data-status]")
        if shown is None:
            continue
        label = shown.find_parent("dd").find_previous_sibling("dt")
        assert text(label) in ("Starea hotărârii", "Starea proiectului"), r.id


def test_list_links_name_their_document(sample_site, checked):
    titles = {d.title for d in checked.archive.decisions.values()}
    for path in ("proiecte/", "consultari/", "teme/finante/", "hotarari/", "activitate/"):
        links = [a for a in soup(sample_site, path).select("main a")
                 if re.fullmatch(r"/(proiecte/[^/]+|hotarari/\d{4}/\d+)/", a["href"])]
        assert links, path
        for a in links:
            said = text(a)
            # a decision's number names it; a draft has none, so its link says its title
            assert re.fullmatch(r"Hotărârea nr\. \d+/\d{4}", said) or any(said.endswith(t) for t in titles), \
                (path, said)


def test_meetings_are_not_capitalised_inside_a_sentence(sample_site):
    for page in (sample_site / "hotarari").glob("20*/*/index.html"):
        assert "în Ședința" not in page.read_text(encoding="utf-8"), page


def test_every_page_below_the_home_page_has_breadcrumbs(sample_site):
    import json

    pages = [p for p in sample_site.rglob("index.html") if p.parent != sample_site]
    assert len(pages) > 100
    for page in pages:
        path = page.parent.relative_to(sample_site).as_posix() + "/"
        html = soup(sample_site, path)
        crumbs = html.select("nav.breadcrumbs li")
        assert crumbs and crumbs[0].a["href"] == "/" and crumbs[-1].select_one('[aria-current="page"]'), path
        for crumb in crumbs[:-1]:  # every step above is a page of the site
            assert (sample_site / crumb.a["href"].lstrip("/") / "index.html").is_file(), (path, crumb.a["href"])
        data = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
        trail = next(d for d in data if d["@type"] == "BreadcrumbList")["itemListElement"]
        assert [item["position"] for item in trail] == list(range(1, len(crumbs) + 1))
        if not html.select_one('meta[http-equiv="refresh"]'):  # a page left at an earlier address: below
            assert trail[-1]["item"] == html.select_one('link[rel="canonical"]')["href"], path
    assert not soup(sample_site, "").select("nav.breadcrumbs")


def test_a_page_left_at_an_earlier_address_names_the_page_it_leads_to_as_canonical(sample_site):
    """A draft's address once the decision is numbered, a renamed or renumbered document's old one:
    the page leads on (meta refresh), and search engines are told the address to keep is the new one."""
    from urllib.parse import unquote, urljoin, urlsplit

    def path_of(url: str) -> str:
        return unquote(urlsplit(url).path)

    moved = 0
    for page in sorted(sample_site.rglob("index.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        refresh = html.select_one('meta[http-equiv="refresh"]')
        if refresh is None:
            continue
        moved += 1
        target = refresh["content"].split("url=", 1)[1]
        canonical = html.select_one('link[rel="canonical"]')["href"]
        here = "/" + page.parent.relative_to(sample_site).as_posix() + "/"
        assert path_of(canonical) == path_of(urljoin(here, target)) != here, (here, canonical, target)
        # the page it names is one of the site's, and canonical itself
        landing = sample_site / path_of(canonical).lstrip("/") / "index.html"
        landed = BeautifulSoup(landing.read_text(encoding="utf-8"), "html.parser")
        assert landed.select_one('link[rel="canonical"]')["href"] == canonical, here
    assert moved >= 3, moved


def test_year_pages_link_the_other_years(sample_site):
    years = sorted(p.name for p in (sample_site / "hotarari").iterdir() if re.fullmatch(r"\d{4}", p.name))
    assert len(years) > 1
    for year in years:
        nav = soup(sample_site, f"hotarari/{year}/").select_one('nav[aria-label="Hotărâri pe ani"]')
        assert sorted(a["href"].strip("/").rsplit("/", 1)[-1] for a in nav.find_all("a")) == years
        assert text(nav.select_one('[aria-current="page"]')) == year


def test_the_lists_are_reachable_from_the_navigation_or_the_home_page(sample_site):
    home = soup(sample_site, "")
    reachable = {a["href"] for a in home.select("header nav a, main a")}
    for path in ("/teme/", "/comisii/", "/consilieri/", "/hotarari/stare/", "/activitate/", "/registre/"):
        assert path in reachable, path
    assert {"/consilieri/", "/teme/"} <= {a["href"] for a in soup(sample_site, "rapoarte/").select("header nav a")}


def leaves_the_index(page: str) -> bool:
    head = BeautifulSoup(page, "html.parser").head
    return bool(head.find("meta", attrs={"http-equiv": "refresh"}) or head.find("meta", attrs={"name": "robots",
                                                                                                 "content": "noindex"}))


def test_the_sitemap_lists_every_page_and_is_valid(sample_site, checked):
    from lxml import etree

    broken = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>2026-13-01</lastmod></url></urlset>'
    assert not sitemaps.schema("sitemap.xsd").validate(etree.fromstring(broken))  # no loc, no such month
    assert not sitemaps.schema("siteindex.xsd").validate(etree.fromstring(broken))
    listed = sitemaps.listed(sample_site)  # the index and every part valid, no page listed twice
    assert len(sitemaps.parts(sample_site)) > 1
    # every page but redirects and those that ask not to be indexed (a removed document's address)
    pages = {"https://example.test/" + p.parent.relative_to(sample_site).as_posix().removeprefix(".") + "/"
             for p in sample_site.rglob("index.html") if not leaves_the_index(p.read_text(encoding="utf-8"))}
    pages = {p.replace("https://example.test//", "https://example.test/") for p in pages}
    assert set(listed) == pages
    for d in checked.archive.decisions.values():  # a document's page: the day of its latest fact
        facts = [day for day in (d.registered, d.adopted, *(e.date for e in d.events)) if day and day <= TODAY]
        assert dt.date.fromisoformat(listed["https://example.test/" + urls.decision(d)]) >= max(facts)
    assert all(dt.date.fromisoformat(day) <= TODAY for day in listed.values() if day)
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.test/sitemap.xml" in robots.splitlines()


def test_a_page_lastmod_is_its_file_last_commit_when_that_is_later(sample_site, checked):
    """A text corrected without a new fact is a changed page: the site map gives the day of the last
    commit (up to the build day) that changed the document's file, read here from `git log` itself
    (first parents, as the site reads the main line; the day in Bucharest)."""
    import subprocess
    from zoneinfo import ZoneInfo

    listed = sitemaps.listed(sample_site)
    zone, later = ZoneInfo("Europe/Bucharest"), 0
    pages = {f"{p.stem}/": p for p in (trees.ROOT / "content/pages").glob("*.md")}
    decisions = {urls.decision(d): trees.ROOT / "content" / d.source for d in checked.archive.decisions.values()}
    assert len(pages) > 1 and len(decisions) > 10
    for address, path in sorted({**pages, **decisions}.items()):
        times = subprocess.run(["git", "log", "--first-parent", "--format=%ct", "--", path.name], cwd=path.parent,
                               capture_output=True, text=True, check=True).stdout.split()
        days = [day for day in (dt.datetime.fromtimestamp(int(t), zone).date() for t in times) if day <= TODAY]
        if days:
            shown = listed["https://example.test/" + address]
            assert shown is not None and dt.date.fromisoformat(shown) >= max(days), (address, shown, max(days))
            later += dt.date.fromisoformat(shown) == max(days)
    assert later > 1  # pages whose lastmod is their last commit's day (the four pages have no other)


def test_registers_run_newest_first_and_say_that_they_scroll(sample_site):
    rows = soup(sample_site, "registre/hotarari/").select("tbody tr")
    decisions = [tuple(map(int, text(tr.td).split("/")))[::-1] for tr in rows]
    assert decisions == sorted(decisions, reverse=True)
    drafts = soup(sample_site, "registre/proiecte/")
    positions = [int(text(tr.td)) for tr in drafts.select("tbody tr")]
    assert positions == sorted(positions, reverse=True)
    outcomes = {text(tr.select("td")[-1]) for tr in drafts.select("tbody tr")}
    assert not {"Respinsă", "Retrasă"} & outcomes and "Respins" in outcomes, outcomes
    for path in ("registre/hotarari/", "registre/proiecte/"):
        assert "derulați-l spre dreapta" in text(soup(sample_site, path).select_one(".scroll-hint"))


def test_activity_is_grouped_by_month_newest_first(sample_site):
    for path in ["activitate/", *(f"activitate/{p.name}/" for p in (sample_site / "activitate").iterdir()
                                   if p.is_dir())]:
        page = soup(sample_site, path)
        months = [h2["id"].removeprefix("luna-") for h2 in page.select("main h2[id^=luna-]")]
        assert months and months == sorted(months, reverse=True), path
        for h2 in page.select("main h2[id^=luna-]"):
            days = [t["datetime"][:7] for t in h2.find_next_sibling("ol").select("li > time")]
            assert days and set(days) == {h2["id"].removeprefix("luna-")}, (path, h2["id"])


def test_the_search_pages_topic_filter_names_each_topic_as_its_page_does(sample_site):
    topics = {a["href"].strip("/").split("/")[-1]: " ".join(a.get_text().split())
              for a in soup(sample_site, "teme/").select("main a[href^='/teme/']") if a["href"] != "/teme/"}
    options = {o["value"]: " ".join(o.get_text().split())
               for o in soup(sample_site, "cautare/").select("select[name='tema'] option") if o["value"]}
    assert len(options) > 10 and "situații de urgență" in options.values()
    assert options == topics


def test_aria_current_page_marks_only_links_to_the_page_itself(sample_site):
    """A section's or a year's link on a page inside it is current (aria-current="true"), not the page."""
    from urllib.parse import urlsplit

    pages = sorted(p.parent.relative_to(sample_site).as_posix() for p in sample_site.rglob("index.html"))
    wrong, checked, inside = [], 0, 0
    for path in pages:
        html = soup(sample_site, "" if path == "." else path + "/")
        canonical = html.select_one('link[rel="canonical"]')
        if canonical is None:
            continue
        here = urlsplit(canonical["href"]).path
        for a in html.select('a[aria-current="page"]'):
            checked += 1
            if urlsplit(a["href"]).path != here:
                wrong.append(f"{here}: {a['href']} {text(a)!r}")
        inside += len(html.select('a[aria-current="true"]'))
    assert not wrong, f"{len(wrong)} links marked as the page itself:\n" + "\n".join(wrong[:20])
    assert checked > 20 and inside > 100, (checked, inside)
