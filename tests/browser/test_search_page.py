"""The search page (/cautare/) in headless Chromium over the built sample council:
queries typed into the real page, filters in the address, keyboard use, no JavaScript."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser import chromium, served_site

pytestmark = pytest.mark.browser

# (what a citizen types, a document expected among the first five results)
EXPECTED = [
    ("45/2025", "/hotarari/2025/45/"),
    ("HCJ nr. 45/2025", "/hotarari/2025/45/"),
    ("hotărârea 143/2025", "/hotarari/2025/143/"),
    ("rectificare buget 2025", "/hotarari/2025/143/"),
    ("ședința din 27 martie 2025", "/sedinte/sedinta-2025-03-27/"),
    ("DJ103G", "/hotarari/2024/140/"),
    ("Malopolska", "/hotarari/2025/226/"),
    ("cetatean de onoare", "/hotarari/2026/225/"),
    ("imprumut", "/proiecte/proiect-imprumut-intern-2025/"),
    ("DEȘEURI", "/hotarari/2026/196/"),
    ("tarife transport 2027", "/proiecte/proiect-tarife-transport-2027/"),
    ("taxe și tarife 2026", "/hotarari/2025/219/"),
]
DONE = "() => { const s = document.querySelector('[data-search-results]').closest('section');" \
       " return !s.hasAttribute('aria-busy') && document.querySelector('[data-search-status]').textContent; }"


@pytest.fixture(scope="module")
def site(sample_site):
    with served_site(sample_site) as base, chromium() as browser:
        yield base, browser, sample_site


@pytest.fixture
def page(site):
    base, browser, _ = site
    context = browser.new_context()
    page = context.new_page()
    page.troubles = []
    # A failed request is reported below with its address (the console repeats it without).
    page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
            and page.troubles.append(m.text))
    page.on("pageerror", lambda e: page.troubles.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
            and page.troubles.append(f"HTTP {r.status} {r.url}"))
    yield page
    context.close()
    assert page.troubles == []


def search(page, text):
    page.fill("#cautare-q", text)
    page.press("#cautare-q", "Enter")
    page.wait_for_function(DONE)


def result_links(page) -> list[str]:
    return [urlsplit(a).path for a in page.eval_on_selector_all(
        "[data-search-results] > li h3 a", "links => links.map(a => a.href)")]


def test_typed_queries_find_the_expected_documents_first(site, page):
    base = site[0]
    page.goto(base + "cautare/")
    missing = []
    for text, expected in EXPECTED:
        search(page, text)
        found = result_links(page)[:5]
        if expected not in found:
            missing.append(f"{text!r}: {expected} not in {found}")
    assert missing == []


def test_any_spelling_of_diacritics_gives_the_same_results(site, page):
    page.goto(site[0] + "cautare/")
    lists = []
    for text in ("ședința din 27 martie", "şedinţa din 27 martie", "sedinta din 27 martie", "ȘEDINȚA DIN 27 MARTIE"):
        search(page, text)
        lists.append(result_links(page))
        assert page.locator("[data-search-results] mark").count() > 0  # matched words highlighted
    assert lists[0] and all(found == lists[0] for found in lists)


def test_results_show_citation_title_type_status_date_and_a_highlighted_snippet(site, page):
    page.goto(site[0] + "cautare/?q=buget")
    page.wait_for_function(DONE)
    first = page.locator("[data-search-results] > li").first
    assert first.locator("h3 a mark").count() + first.locator(".snippet mark").count() > 0
    decision = page.locator("[data-search-results] > li", has=page.locator("[data-status]")).first
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", decision.locator("time").get_attribute("datetime"))
    assert decision.locator(".result-citation").inner_text()
    assert decision.locator("[data-status]").inner_text() and decision.locator(".result-type").inner_text()
    assert "rezultat" in page.inner_text("[role=status]")


def test_filters_live_in_the_address_and_link_to_the_feed(site, page):
    base, _, output = site
    page.goto(base + "cautare/?q=buget&tip=hotarare&an=2025")
    page.wait_for_function(DONE)
    assert page.input_value("#cautare-q") == "buget"
    assert (page.input_value("#cautare-tip"), page.input_value("#cautare-an")) == ("hotarare", "2025")
    items = page.locator("[data-search-results] > li")
    assert items.count() > 0
    for i in range(items.count()):
        assert items.nth(i).locator(".result-type").inner_text() == "Hotărâre"
        assert items.nth(i).locator("time").get_attribute("datetime").startswith("2025-")
    page.select_option("#cautare-tema", "buget")
    page.select_option("#cautare-stare", "in-force")
    page.press("#cautare-q", "Enter")
    page.wait_for_function(DONE)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["buget"], "tip": ["hotarare"], "an": ["2025"], "stare": ["in-force"], "tema": ["buget"]}
    feed = page.locator("[data-search-feed] a")
    assert feed.is_visible()
    href = urlsplit(feed.get_attribute("href")).path
    assert href == "/feeds/teme/buget.atom" and (output / href.lstrip("/")).is_file()
    for i in range(page.locator("[data-search-results] > li").count()):
        assert page.locator("[data-search-results] > li").nth(i).locator("[data-status]").get_attribute(
            "data-status") == "in-force"
    page.go_back()  # each filter applied as it changed, each with its own step in the history
    page.wait_for_function(DONE)
    assert page.input_value("#cautare-stare") == "" and page.input_value("#cautare-tema") == "buget"
    page.go_back()
    page.wait_for_function(DONE)
    assert page.input_value("#cautare-tema") == "" and page.input_value("#cautare-an") == "2025"


def test_only_filters_list_the_newest_first(site, page):
    page.goto(site[0] + "cautare/?tip=sedinta")
    page.wait_for_function(DONE)
    dates = [t.get_attribute("datetime") for t in page.locator("[data-search-results] time").all()]
    assert dates and dates == sorted(dates, reverse=True)
    assert all(link.startswith("/sedinte/") for link in result_links(page))


def test_keyboard_only_search_moves_focus_and_announces_the_count(site, page):
    page.goto(site[0] + "cautare/")
    for _ in range(40):  # Tab from the top of the page to the search field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "cautare-q":
            break
    else:
        pytest.fail("the search field cannot be reached with Tab")
    assert page.locator("label[for=cautare-q]").inner_text()
    page.keyboard.type("transport public")
    page.keyboard.press("Enter")
    page.wait_for_function(DONE)
    assert page.evaluate("document.activeElement.id") == "rezultate"
    status = page.locator("[data-search-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert re.search(r"\d+ (de )?rezultate pentru „transport public”", status.inner_text())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-search-results]') !== null")
    more = page.locator("[data-search-more]")
    if more.is_visible():
        shown = page.locator("[data-search-results] > li").count()
        more.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("(n) => document.querySelectorAll('[data-search-results] > li').length > n", arg=shown)
        assert page.evaluate("(n) => document.activeElement === "
                             "document.querySelectorAll('[data-search-results] > li')[n].querySelector('a')", shown)


@pytest.mark.parametrize("text", ['+buget -taxe ~2 ^3 titlu:* "', "*", "și în", "<script>x</script>", "a" * 300])
def test_any_input_searches_without_errors(site, page, text):
    page.goto(site[0] + "cautare/")
    search(page, text)
    assert "nu a funcționat" not in page.inner_text("[data-search-status]")


def test_without_javascript_the_page_explains_and_links_the_listings(site):
    base, browser, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "cautare/?q=buget")
    message = page.locator("noscript .notice, .notice").first
    assert "JavaScript" in message.inner_text()
    assert {urlsplit(a).path for a in page.eval_on_selector_all(".notice a", "l => l.map(a => a.href)")} >= {
        "/hotarari/", "/proiecte/", "/sedinte/"}
    assert not page.locator("[data-search-results]").is_visible()
    assert not page.locator("[data-search-form]").is_visible()  # a form that would find nothing
    context.close()


def test_with_javascript_the_form_is_shown(site, page):
    page.goto(site[0] + "cautare/?q=buget")
    page.wait_for_function(DONE)
    assert page.locator("[data-search-form]").is_visible() and not page.locator("noscript .notice").is_visible()


def test_home_page_search_box_leads_to_results(site, page):
    page.goto(site[0])
    page.fill("#acasa-cautare", "45/2025")
    page.press("#acasa-cautare", "Enter")
    page.wait_for_url(re.compile(r"/cautare/\?q=45%2F2025$"))
    page.wait_for_function(DONE)
    assert result_links(page)[0] == "/hotarari/2025/45/"


def option_counts(page, name) -> dict[str, int]:
    """{value: count} read from the labels of a filter's options (`Hotărâri adoptate (12)`)."""
    labels = page.eval_on_selector_all(f"#cautare-{name} option", "os => os.map(o => [o.value, o.textContent])")
    found = {}
    for value, label in labels:
        if value:
            match = re.search(r"\((\d+)\)$", label.strip())
            assert match, f"{name}={value}: no count in {label!r}"
            found[value] = int(match.group(1))
    return found


def python_hits(output, text, filters) -> list[str]:
    """The addresses of every result of the Python reader (an oracle independent of the page)."""
    from transparency.search import search_query

    index = output / "cautare" / "index"
    reader = search_query.IndexReader(lambda path: (index / path).read_bytes())
    hits = reader.search(text, filters).hits
    return [record["u"] for record in reader.records([doc for doc, _ in hits])]


def test_a_filter_applies_as_it_changes_and_every_option_shows_its_count(site, page):
    base, _, output = site
    page.goto(base + "cautare/?q=buget")
    page.wait_for_function(DONE)
    page.wait_for_function("() => /\\(\\d+\\)$/.test(document.querySelector('#cautare-tip option[value=hotarare]')"
                           ".textContent.trim())")
    counts = option_counts(page, "tip")
    for value, n in counts.items():
        assert n == len(python_hits(output, "buget", {"tip": value})), value
    assert counts["hotarare"] > 0 and counts["raport"] > 0
    page.focus("#cautare-tip")
    page.select_option("#cautare-tip", "hotarare")  # no button pressed
    page.wait_for_function("() => new URLSearchParams(location.search).get('tip') === 'hotarare'")
    page.wait_for_function(DONE)
    assert len(result_links(page)) == min(10, counts["hotarare"])
    assert f"{counts['hotarare']} " in page.inner_text("[role=status]") or counts["hotarare"] == 1
    page.wait_for_function("() => /\\(\\d+\\)$/.test(document.querySelector('#cautare-an option[value=\"2025\"]')"
                           ".textContent.trim())")
    years = option_counts(page, "an")  # counted within the chosen type
    assert years["2025"] == len(python_hits(output, "buget", {"tip": "hotarare", "an": "2025"}))
    assert page.evaluate("document.activeElement.id") == "cautare-tip"  # the focus stays on the filter


def test_results_sort_by_relevance_or_newest_first(site, page):
    base, _, output = site
    page.goto(base + "cautare/?q=buget")
    page.wait_for_function(DONE)
    by_relevance = result_links(page)
    assert by_relevance == python_hits(output, "buget", {})[:10]
    page.select_option("#cautare-ordine", "data")
    page.wait_for_function("() => new URLSearchParams(location.search).get('ordine') === 'data'")
    page.wait_for_function(DONE)
    dates = page.eval_on_selector_all("[data-search-results] > li time", "ts => ts.map(t => t.dateTime)")
    assert dates == sorted(dates, reverse=True) and len(dates) == 10
    assert result_links(page) != by_relevance
    page.go_back()
    page.wait_for_function(DONE)
    assert page.input_value("#cautare-ordine") == "" and result_links(page) == by_relevance


def test_an_empty_result_offers_the_search_without_filters_and_the_listings(site, page):
    base = site[0]
    page.goto(base + "cautare/?q=paliative&an=2024")
    page.wait_for_function(DONE)
    assert result_links(page) == []
    assert page.inner_text("[role=status]").startswith("Niciun rezultat")
    empty = page.locator("[data-search-empty]")
    assert empty.is_visible()
    unfiltered = empty.locator("[data-search-unfiltered] a")
    assert unfiltered.is_visible() and "fără filtre" in unfiltered.inner_text()
    assert empty.locator("ul a").count() >= 4
    unfiltered.click()
    page.wait_for_function(DONE)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["paliative"]} and result_links(page)
    assert not page.locator("[data-search-empty]").is_visible()
    page.goto(base + "cautare/?q=zzzzqqq")
    page.wait_for_function(DONE)
    assert page.locator("[data-search-empty]").is_visible()
    assert not page.locator("[data-search-unfiltered]").is_visible()
