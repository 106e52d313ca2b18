"""The law's dates on built sites (issue 13): the public status over time (SOURCE_DATE_EPOCH), the
deadline lists, and the annual report of Legea nr. 52/2003 checked against counts made here from the
content files with PyYAML alone (not the project's reader)."""

import calendar
import datetime as dt
import json
import shutil
from pathlib import Path

import feedparser
import holidays
import pytest
import yaml
from bs4 import BeautifulSoup

from support import trees
from support.contract_checks import soup

D = dt.date
CONTENT = trees.ROOT / "content"


def epoch(day: D) -> str:
    return str(calendar.timegm(dt.datetime.combine(day, dt.time(12)).timetuple()))


# --- the status over time ----------------------------------------------------

DRAFT = """---
title: privind regulamentul parcărilor județene
status: draft
registered: 2025-09-01
consultation: {opened: 2025-09-03, closes: 2025-09-20, comments: 4, accepted: 1}
---
**Art. 1.** Se aprobă regulamentul.
"""
ADOPTED = """---
title: privind regulamentul parcărilor județene
status: adopted
registered: 2025-09-01
consultation: {opened: 2025-09-03, closes: 2025-09-20, comments: 4, accepted: 1}
meeting: sedinta-2025-10-30
number: 77
adopted: 2025-10-30
majority: simple
vote: {present: 7, for: 5, against: 1, abstain: 1}
events:
  - {date: 2025-11-04, event: sent-to-prefect}
  - {date: 2025-11-07, event: published}
---
**Art. 1.** Se aprobă regulamentul.
"""
MEETING = """---
title: Ședința ordinară din 30 octombrie 2025
kind: ordinary
date: 2025-10-30 10:00
convened: 2025-10-23
agenda_published: 2025-10-24
items:
  - decision: regulament-parcari
---
"""


@pytest.fixture(scope="module")
def over_time(tmp_path_factory):
    """The same decision seen on build days before its vote, on the day of the vote, after it was sent to
    the prefect and after it was published."""
    base = tmp_path_factory.mktemp("over-time")
    content = base / "content"
    shutil.copytree(trees.FIXTURES / "minimal", content)
    (content / "sedinte" / "sedinta-2025-10-30.md").write_text(MEETING, encoding="utf-8")
    seen = {}
    for label, text, day in (("before", DRAFT, D(2025, 10, 29)), ("voted", ADOPTED, D(2025, 10, 30)),
                             ("prefect", ADOPTED, D(2025, 11, 5)), ("published", ADOPTED, D(2025, 11, 7))):
        (content / "hotarari" / "2025" / "regulament-parcari.md").write_text(text, encoding="utf-8")
        output = base / label
        result = trees.build(content, output, epoch=epoch(day))
        assert result.returncode == 0, result.stderr
        seen[label] = output
    return seen


def status_and_force(output: Path, path: str) -> tuple[str, str, str]:
    page = soup(output, path)
    legislation = next(data for data in (json.loads(s.string) for s in page.select('script[type="application/ld+json"]'))
                       if data.get("@type") == "Legislation")
    shown = page.select_one("[data-status]")
    return shown["data-status"], " ".join(shown.get_text().split()), legislation["legislationLegalForce"]


def test_the_public_status_over_time(over_time):
    assert status_and_force(over_time["before"], "proiecte/regulament-parcari/")[0] == "draft"
    for label in ("voted", "prefect"):
        code, text, force = status_and_force(over_time[label], "hotarari/2025/77/")
        assert (code, force) == ("adopted", "https://schema.org/NotInForce"), label
        assert text.startswith("Adoptată, nu este încă în vigoare") and "în vigoare din" not in text
    code, text, force = status_and_force(over_time["published"], "hotarari/2025/77/")
    assert (code, force) == ("in-force", "https://schema.org/InForce")
    assert "În vigoare din 7 noiembrie 2025" in text


def deadlines_of(output: Path, path: str) -> dict[str, str]:
    return {li["data-deadline"]: li["data-met"] for li in soup(output, path).select("ul[data-deadlines] > li")}


def test_the_deadlines_over_time(over_time):
    # Announced on 3 September: 30 working days before 30 October is 18 September; met, whatever the day.
    # On the day of the vote, the sending (4 November) and the publication (7 November) have not happened yet.
    assert deadlines_of(over_time["voted"], "hotarari/2025/77/") == {
        "consultation-window": "true", "announcement": "true", "prefect": "pending", "publication": "pending"}
    assert deadlines_of(over_time["prefect"], "hotarari/2025/77/") == {
        "consultation-window": "true", "announcement": "true", "prefect": "true", "publication": "pending"}
    assert deadlines_of(over_time["published"], "hotarari/2025/77/")["publication"] == "true"
    assert deadlines_of(over_time["voted"], "sedinte/sedinta-2025-10-30/") == {
        "agenda-notice": "true", "convocation": "true"}


def test_every_deadline_shows_its_article_and_dates_in_time_elements(over_time):
    for li in soup(over_time["published"], "hotarari/2025/77/").select("ul[data-deadlines] > li"):
        assert "art." in li.get_text() and li.find("time")["datetime"]


def test_a_publication_recorded_for_a_day_to_come_after_its_term_shows_the_term_missed(tmp_path):
    """Sent to the prefect on 4 November, the publication's term ends on Monday 10 November; on
    12 November the file records the publication for 20 November: missed, and said as a day still to
    come (the review saw „nu se poate spune: faptul nu este înregistrat” beside it)."""
    content = tmp_path / "content"
    shutil.copytree(trees.FIXTURES / "minimal", content)
    (content / "sedinte" / "sedinta-2025-10-30.md").write_text(MEETING, encoding="utf-8")
    (content / "hotarari" / "2025" / "regulament-parcari.md").write_text(
        ADOPTED.replace("2025-11-07, event: published", "2025-11-20, event: published"), encoding="utf-8")
    result = trees.build(content, tmp_path / "output", epoch=epoch(D(2025, 11, 12)))
    assert result.returncode == 0, result.stderr
    [li] = soup(tmp_path / "output", "hotarari/2025/77/").select('li[data-deadline="publication"]')
    said = " ".join(li.get_text(" ").split())
    assert li["data-met"] == "false" and "depășit" in said and "Înregistrat pentru 20 noiembrie 2025" in said, said
    assert [t["datetime"] for t in li.find_all("time")] == ["2025-11-20", "2025-11-10"]
    assert "publication: termen legal depășit" in result.stderr and "înregistrată pentru 2025-11-20" in result.stderr


# --- the sample council: every state shown, nothing withheld --------------------

def test_the_sample_shows_every_deadline_state(sample_site):
    states = set()
    for page in [*sample_site.glob("hotarari/20*/*/index.html"), *sample_site.glob("sedinte/*/index.html"),
                 *sample_site.glob("proiecte/*/index.html")]:
        html = page.read_text(encoding="utf-8")
        if "data-deadlines" in html:
            states |= set(deadlines_of(sample_site, page.relative_to(sample_site).parent.as_posix() + "/").values())
    assert states == {"true", "false", "pending", "unknown"}


def test_a_missed_deadline_withholds_nothing(sample_site):
    page = soup(sample_site, "sedinte/sedinta-2025-05-14/")
    assert deadlines_of(sample_site, "sedinte/sedinta-2025-05-14/")["agenda-notice"] == "false"
    assert page.select("ol.agenda li") and page.find("h1")


def test_a_consultation_still_open_before_its_ten_days_is_pending(sample_site):
    """Opened 18 November 2026, announced to close 8 December: on the build day (25 November) the
    10 days (to 28 November) have not passed and an early close could still shorten them."""
    slug = "proiect-regulament-acces-drumuri-judetene"
    assert deadlines_of(sample_site, f"proiecte/{slug}/")["consultation-window"] == "pending"
    decisions = {d["id"]: d for d in json.loads((sample_site / "date/hotarari.json").read_text(encoding="utf-8"))}
    [window] = [x for x in decisions[slug]["deadlines"] if x["key"] == "consultation-window"]
    assert window == {"key": "consultation-window", "state": "pending", "due": "2026-11-28", "fact": None}


def test_a_draft_announced_too_late_for_the_meeting_on_its_agenda_says_so_to_readers_and_staff(sample_site,
                                                                                               monkeypatch):
    """The review: „în curs” beside a due day already past read as if nothing were wrong. Each such
    draft of the sample (its vote still to come on 25 November 2026) names the meeting that would miss
    the term and the first day a vote keeps it (counted here from the holidays calendar), and
    `make check` tells staff while there is time to postpone the vote."""
    today = D(2026, 11, 25)
    late = {}
    for page in sorted(sample_site.glob("proiecte/*/index.html")):
        for li in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
                'ul[data-deadlines] > li[data-deadline="announcement"][data-met="pending"]'):
            due = D.fromisoformat(li.find("time", datetime=True)["datetime"]) if "termenul" in li.get_text() else None
            said = li.select_one("[data-late-for]")
            if due is not None and due < today:  # the term for the meeting on its agenda has passed
                assert said is not None, page
                late[page.parent.name] = said
            else:
                assert said is None, page
    assert len(late) >= 2, sorted(late)
    off = holidays.country_holidays("RO", years=range(2026, 2028))
    for slug, said in late.items():
        meeting, first = (D.fromisoformat(t["datetime"]) for t in said.find_all("time")[:2])
        assert meeting >= today and "termenul va fi depășit" in said.get_text(), slug
        announced = front_matter(next(trees.ROOT.glob(f"content/hotarari/*/{slug}.md")))["consultation"]["opened"]
        working = [announced + dt.timedelta(days=n) for n in range(120)]
        working = [day for day in working if day.weekday() < 5 and day not in off]
        assert first == working[29] + dt.timedelta(days=1), (slug, first)  # 30 working days from it, before
    from transparency.source import pipeline

    monkeypatch.setenv("SOURCE_DATE_EPOCH", trees.EPOCH_2026_11_25)
    told = [p for p in pipeline.check(trees.ROOT / "content").problems.items
            if p.field == "announcement" and "votat atunci, termenul va fi depășit" in p.message]
    assert {Path(p.path).stem for p in told} == set(late)


# --- the annual report, counted here from the files ------------------------------

def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def independent_counts(year: int, today: D) -> dict:
    """The facts of the year up to the build day `today` (a meeting convened for later is not held yet)."""
    decisions = [front_matter(p) for p in (CONTENT / "hotarari").rglob("*.md")]
    meetings = [front_matter(p) for p in (CONTENT / "sedinte").rglob("*.md")]
    announced = [d["consultation"] for d in decisions
                 if d.get("consultation") and d["consultation"]["opened"].year == year
                 and d["consultation"]["opened"] <= today]
    dispositions = [front_matter(p) for p in (CONTENT / "dispozitii").rglob("*.md")]
    events = [e for d in decisions + dispositions for e in d.get("events") or ()
              if e["date"].year == year and e["date"] <= today]
    held = [m for m in meetings if int(str(m["date"])[:4]) == year and str(m["date"])[:10] <= today.isoformat()]
    return {"year": year, "drafts_announced": len(announced),
            "recommendations_received": sum(c.get("comments", 0) for c in announced),
            "recommendations_accepted": sum(c.get("accepted", 0) for c in announced),
            "public_debates": sum(e["event"] == "public-debate" for e in events),
            "meetings_public": sum(m.get("public", True) is not False for m in held),
            "meetings_closed": sum(m.get("public", True) is False for m in held),
            "lawsuits": sum(e["event"] == "contested" for e in events)}


def independent_prefect(year: int, today: D) -> dict:
    """The prefect rule counted here: the 10th working day after adoption, weekends and holidays skipped."""
    off = holidays.country_holidays("RO", years=range(year, year + 2))
    counts = {"met": 0, "missed": 0, "pending": 0, "unknown": 0}
    for path in (CONTENT / "hotarari").rglob("*.md"):
        d = front_matter(path)
        if d["status"] != "adopted" or d["adopted"].year != year:
            continue
        due, left = d["adopted"], 10
        while left:
            due += dt.timedelta(days=1)
            left -= due.weekday() < 5 and due not in off
        sent = sorted(e["date"] for e in d.get("events") or () if e["event"] == "sent-to-prefect")
        counts["met" if sent and sent[0] <= due else "missed" if sent else "pending" if today <= due else "unknown"] += 1
    return counts


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_annual_report_counts_what_the_files_say(sample_site, year):
    data = json.loads((sample_site / f"date/raport-legea-52-{year}.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in data.items() if k != "deadlines"} == independent_counts(year, D(2026, 11, 25))
    assert data["deadlines"]["prefect"] == independent_prefect(year, D(2026, 11, 25))
    assert set(data["deadlines"]) == {"consultation-window", "announcement", "agenda-notice", "convocation",
                                      "prefect", "publication"}
    rows = (sample_site / f"date/raport-legea-52-{year}.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "indicator,valoare" and f"drafts_announced,{data['drafts_announced']}" in rows


def test_the_report_page_and_the_deadline_page(sample_site):
    report = soup(sample_site, "transparenta/raport/2025/")
    data = json.loads((sample_site / "date/raport-legea-52-2025.json").read_text(encoding="utf-8"))
    shown = {s["data-key"]: int(s.get_text()) for s in report.select("[data-key]")}
    assert shown == {k: v for k, v in data.items() if k not in ("year", "deadlines")}
    assert [li.get_text().split(":")[0] for li in report.select("ol.report-letters > li")][0].startswith("Numărul total")
    page = soup(sample_site, "transparenta/termene/2025/")
    for row in page.select("table[data-deadline-summary] tbody tr"):
        counts = {td["data-state"]: int(td.get_text()) for td in row.select("td")}
        assert counts == data["deadlines"][row["data-deadline"]]
        section = page.find("section", attrs={"aria-labelledby": row["data-deadline"]})
        for state, n in counts.items():
            if n:  # each number with the documents behind it
                label = {"met": "Respectat", "missed": "Depășit", "pending": "În curs", "unknown": "Nu se poate spune"}
                details = [d for d in section.select("details") if d.summary.get_text().startswith(label[state])]
                assert len(details[0].select("li a")) == n


def test_the_home_page_links_the_years(sample_site):
    assert soup(sample_site, "").find("a", href="/transparenta/")
    years = soup(sample_site, "transparenta/")
    assert years.find("a", href="/transparenta/raport/2026/") and years.find("a", href="/transparenta/termene/2024/")


def test_make_publish_lists_a_missed_deadline_and_publishes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(trees.FIXTURES / "minimal", content)
    (content / "sedinte" / "sedinta-2025-10-30.md").write_text(MEETING.replace("agenda_published: 2025-10-24",
                                                                            "agenda_published: 2025-10-28"))
    (content / "hotarari" / "2025" / "regulament-parcari.md").write_text(ADOPTED, encoding="utf-8")
    result = trees.build(content, tmp_path / "output", epoch=epoch(D(2025, 11, 20)), strict=True)
    assert result.returncode == 0, result.stderr
    assert "content/sedinte/sedinta-2025-10-30.md:6: agenda-notice: termen legal depășit" in result.stderr
    assert deadlines_of(tmp_path / "output", "sedinte/sedinta-2025-10-30/")["agenda-notice"] == "false"


def test_open_data_carries_character_entry_into_force_and_deadlines(sample_site):
    decisions = {d["id"]: d for d in json.loads((sample_site / "date/hotarari.json").read_text(encoding="utf-8"))}
    taxes = decisions["hcj-2026-221-taxe-tarife-2027"]
    assert (taxes["public_status"], taxes["character"], taxes["entry_into_force"]) == ("adopted", "normative",
                                                                                        "2027-01-01")
    assert decisions["hcj-2026-225-cetatean-de-onoare"]["character"] == "individual"
    late = {x["key"]: x["state"] for x in decisions["hcj-2025-143-rectificare-buget-iulie"]["deadlines"]}
    assert late["prefect"] == "missed"
    meetings = {m["id"]: m for m in json.loads((sample_site / "date/sedinte.json").read_text(encoding="utf-8"))}
    assert meetings["sedinta-2025-07-31"]["convened"] == "2025-07-28" and meetings["sedinta-2025-07-31"]["public"]


def test_the_adopted_status_wherever_a_status_appears(sample_site):
    """221/2026 takes effect on 1 January 2027: on 25 November 2026 no list, register, feed or filter says
    it is in force."""
    assert soup(sample_site, "hotarari/stare/adopted/").find("a", href="/hotarari/2026/221/")
    assert not soup(sample_site, "hotarari/stare/in-force/").find("a", href="/hotarari/2026/221/")
    row = soup(sample_site, "registre/hotarari/").find("a", href="/hotarari/2026/221/").find_parent("tr")
    assert row.select_one("[data-status]")["data-status"] == "adopted"
    assert row.select("td")[5].get_text(strip=True) == ""  # "În vigoare din": not yet (published 6 November)
    assert soup(sample_site, "cautare/").find("option", value="adopted").get_text() == \
        "Adoptată, nu este încă în vigoare"
    atom = (sample_site / "feeds/hotarari.atom").read_text(encoding="utf-8")
    assert "Stare: Adoptată, nu este încă în vigoare." in atom


def test_a_repeal_not_yet_in_force_leaves_the_act_in_force(sample_site):
    """221/2026 repeals 219/2025 (the 2026 taxes) from 1 January 2027: on 25 November 2026 the 2026
    taxes are in force, everywhere a status appears, and the repeal is announced as still to come."""
    page = soup(sample_site, "hotarari/2025/219/")
    assert page.select_one("[data-status]")["data-status"] == "in-force"
    last = page.select("ol[data-timeline] li")[-1]
    assert last["class"] == ["tl-repealed-by", "upcoming"] and last.find("time")["datetime"] == "2027-01-01"
    assert last.find("a", href="/hotarari/2026/221/")
    relations = {dt.get_text(): dd.get_text(" ", strip=True)
                 for dt, dd in zip(page.select(".relations dt"), page.select(".relations dd"))}
    assert relations["Abrogată prin"].endswith("(adoptată, încă neintrată în vigoare)")  # not a fact of today
    assert all("neintrată" not in text for label, text in relations.items() if label != "Abrogată prin")
    listed = [a["href"] for a in soup(sample_site, "hotarari/stare/repealed/").select("h2 a")]
    assert "/hotarari/2024/253/" in listed and "/hotarari/2025/219/" not in listed
    data = json.loads((sample_site / "date/hotarari.json").read_text(encoding="utf-8"))
    [taxes] = [d for d in data if d["url"].endswith("/hotarari/2025/219/")]
    assert taxes["public_status"] == "in-force"
    for feed in ("feeds/proiecte/hcj-2025-219-taxe-tarife-2026.atom", "feeds/hotarari.atom"):
        parsed = feedparser.parse((sample_site / feed).read_text(encoding="utf-8"))
        assert all(e.updated_parsed[:3] <= (2026, 11, 25) for e in parsed.entries), feed
        assert not any("Abrogat" in e.title and "219/2025" in e.title for e in parsed.entries), feed


def test_a_year_whose_only_content_is_a_disposition_or_a_document_has_its_report(tmp_path):
    """The contract: a report „for every year with content”, whatever its kind, and its `lawsuits`
    the `contested` events, a disposition's too."""
    content = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(content, "dispozitii/2024/dispozitie-200-2024.md", "---\ntitle: privind delegarea semnăturii\n"
                "number: 200\ndate: 2024-12-20\nissuer: Președintele Consiliului Județean\n"
                "events:\n  - {date: 2024-12-23, event: contested}\n---\n**Art. 1.** Se deleagă.\n")
    trees.write(content, "documente/statut-2023.md",
                "---\ntitle: Statutul județului\nkind: statute\ndate: 2023-05-10\n---\nStatutul.\n")
    built = trees.build(content, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    for year in (2023, 2024):
        data = json.loads((tmp_path / f"out/date/raport-legea-52-{year}.json").read_text(encoding="utf-8"))
        assert data["year"] == year and data["meetings_public"] == 0 and data["drafts_announced"] == 0
        assert data["lawsuits"] == (1 if year == 2024 else 0)  # a disposition contested counts as a decision does
        assert soup(tmp_path / "out", f"transparenta/raport/{year}/").find("h1")
        assert soup(tmp_path / "out", "transparenta/").find("a", href=f"/transparenta/raport/{year}/")
