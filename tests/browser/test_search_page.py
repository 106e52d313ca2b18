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
    context.close()


def test_home_page_search_box_leads_to_results(site, page):
    page.goto(site[0])
    page.fill("#acasa-cautare", "45/2025")
    page.press("#acasa-cautare", "Enter")
    page.wait_for_url(re.compile(r"/cautare/\?q=45%2F2025$"))
    page.wait_for_function(DONE)
    assert result_links(page)[0] == "/hotarari/2025/45/"
