"""Every date the site writes from the content's fields sits in a <time datetime> (the contract's
"every date shown on a page"), on every page of both whole sites: the places an unseen council
found without one (December 6). Staff's own words (a meeting's title, an event's note) may hold
dates as written; these checks look only where the site writes the date itself.

The oracle is independent of the templates: a Romanian long date (`7 noiembrie 2025`) found in
the element's text once its <time> elements are taken out is a date shown outside one."""

import re

from bs4 import BeautifulSoup

from support import sitechecks

MONTHS = ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
          "octombrie", "noiembrie", "decembrie")
LONG_DATE = re.compile(rf"\b\d{{1,2}} (?:{'|'.join(MONTHS)}) \d{{4}}\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")  # as a file writes a date (a field's value in the history)
HISTORY_VALUES = "ul.history-fields del, ul.history-fields ins, table.history-fields del, table.history-fields ins"


def outside_time(element) -> str:
    """The element's text without that of its <time> elements."""
    copy = BeautifulSoup(str(element), "html.parser")
    for time in copy.find_all("time"):
        time.decompose()
    return copy.get_text(" ")


def dates_outside_time(output) -> list[str]:
    found = []
    for path in sitechecks.html_pages(output):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        places = [*soup.select("p.print-only"),  # the build day, in the printed header
                  *soup.select('section[aria-labelledby="rapoarte"] li span.meta'),  # a report's kind and date
                  *soup.select("ul.doc-list li span.meta"),
                  *[note for note in soup.select(".tl-note") if note.get_text().startswith("recomandări până la")]]
        if "/consolidat/" in path.as_posix() or "/istoric/" in path.as_posix():  # a version's or a change's
            places += [*soup.select("main h1"), *soup.select('nav.breadcrumbs [aria-current="page"]')]
        found += [f"{path.relative_to(output)}: {' '.join(place.get_text().split())}"
                  for place in places if LONG_DATE.search(outside_time(place))]
        found += [f"{path.relative_to(output)}: {' '.join(value.get_text().split())}"
                  for value in soup.select(HISTORY_VALUES)
                  if ISO_DATE.search(outside_time(value)) or LONG_DATE.search(outside_time(value))]
    return found


def test_the_dates_the_site_writes_sit_in_time_elements(whole_site):
    found = dates_outside_time(whole_site.output)
    assert not found, f"{len(found)} dates outside <time> in {whole_site.name}:\n" + "\n".join(found[:20])


def test_the_places_checked_are_there_to_be_checked(sample_site):
    """The check above looks where the sample site writes dates: each kind of place is on some page."""
    seen = {"print": 0, "reports": 0, "until": 0, "version": 0, "history": 0, "change": 0}
    for path in sitechecks.html_pages(sample_site):
        text = path.read_text(encoding="utf-8")
        seen["history"] += any(LONG_DATE.search(value.get_text())
                               for value in BeautifulSoup(text, "html.parser").select(HISTORY_VALUES))
        seen["print"] += 'class="print-only"' in text
        seen["reports"] += 'aria-labelledby="rapoarte"' in text
        seen["until"] += "recomandări până la <time" in text
        seen["version"] += "/consolidat/" in path.as_posix() and "versiunea din <time" in text
        seen["change"] += "/istoric/" in path.as_posix() and 'aria-current="page">Modificarea din <time' in text
    assert all(seen.values()), seen
