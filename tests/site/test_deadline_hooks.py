"""The contract: „Each decision and meeting page lists its deadlines in <ul data-deadlines>”, on every
page of both whole sites, even where no rule applies (the list is then empty and a sentence says
why). A decision's page is told by its `data-timeline`, a meeting's by its address."""

from bs4 import BeautifulSoup

from support import sitechecks


def test_every_decision_and_meeting_page_has_its_deadlines_list(whole_site):
    missing, seen, empty = [], 0, 0
    for path in sitechecks.html_pages(whole_site.output):
        relative = path.relative_to(whole_site.output).as_posix()
        html = path.read_text(encoding="utf-8")
        meeting = relative.startswith("sedinte/") and relative.count("/") == 2 and "calendar" not in relative
        if "data-timeline" not in html and not meeting:
            continue
        soup = BeautifulSoup(html, "html.parser")
        if soup.select_one("ol[data-timeline]") is None and not meeting or soup.find("meta", {"http-equiv": "refresh"}):
            continue  # a page that only leads to the document (a draft's address once adopted)
        seen += 1
        lists = soup.select("ul[data-deadlines]")
        if len(lists) != 1:
            missing.append(relative)
        elif not lists[0].find("li"):
            empty += 1
    assert seen > 10 and not missing, missing[:10]
    assert empty or whole_site.name == "unseen", "the sample shows no page where no rule applies"
