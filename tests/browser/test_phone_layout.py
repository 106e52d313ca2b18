"""Narrow screens in Chromium: the header's sections row (which scrolls sideways on a phone) with the
keyboard, and pages that must not scroll sideways when the reader doubles the text size (WCAG 1.4.4, 1.4.10)."""

import pytest

from support import browser

pytestmark = pytest.mark.browser

PHONE_WIDTHS = (320, 360, 390)
NAV_LINKS = "document.querySelectorAll('.site-header nav a').length"

# The focused header link, grown by its focus ring, and the part of its list the reader sees:
# the list's padding box (a scroller clips there) within the window.
FOCUSED_NAV_LINK = """() => {
    const e = document.activeElement, ul = e && e.closest('.site-header nav ul');
    if (!ul) return null;
    const style = getComputedStyle(e), ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const r = e.getBoundingClientRect(), u = ul.getBoundingClientRect();
    const left = u.left + ul.clientLeft, top = u.top + ul.clientTop;
    return {text: e.textContent.trim(), ring: parseFloat(style.outlineWidth),
            link: [r.left - ring, r.top - ring, r.right + ring, r.bottom + ring],
            seen: [Math.max(left, 0), Math.max(top, 0),
                   Math.min(left + ul.clientWidth, window.innerWidth), top + ul.clientHeight]};
}"""


@pytest.fixture(scope="module")
def served(sample_site):
    with browser.served_site(sample_site) as base, browser.chromium() as instance:
        yield base, instance


def focused_nav_links(page, links: int) -> list[dict]:
    """Tab from the top of the page until every header link has had the focus once."""
    stops = []
    for _ in range(links + 5):  # the skip link and the site's name come first
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED_NAV_LINK)
        if stop:
            stops.append(stop)
        elif stops:
            break
    return stops


def outside(stop) -> bool:
    (left, top, right, bottom), (s_left, s_top, s_right, s_bottom) = stop["link"], stop["seen"]
    return left < s_left - .5 or top < s_top - .5 or right > s_right + .5 or bottom > s_bottom + .5


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_every_focused_header_link_is_whole_on_screen_with_its_ring(served, width):
    base, instance = served
    context = instance.new_context(viewport={"width": width, "height": 800}, locale="ro-RO")
    page = context.new_page()
    try:
        page.goto(base)
        links = page.evaluate(NAV_LINKS)
        stops = focused_nav_links(page, links)
        assert len(stops) == links > 10
        assert all(stop["ring"] >= 2 for stop in stops)
        cut = [f"{s['text']}: ring box {[round(x) for x in s['link']]} in {[round(x) for x in s['seen']]}"
               for s in stops if outside(s)]
        assert not cut, f"at {width}px:\n" + "\n".join(cut)
    finally:
        context.close()


# The search filters, a decision with its vote table, the home page's next meeting.
LARGE_TEXT_PAGES = ("cautare/", "hotarari/2026/225/", "")
DOUBLE_TEXT = "document.documentElement.style.setProperty('font-size', '200%', 'important')"
WIDTHS = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("width", (320, 360))
def test_with_double_text_size_the_page_does_not_scroll_sideways(served, width):
    base, instance = served
    context = instance.new_context(viewport={"width": width, "height": 640}, locale="ro-RO")
    page = context.new_page()
    try:
        wide = {}
        for path in LARGE_TEXT_PAGES:
            page.goto(base + path)
            assert page.locator("table.vote").count() == (path == "hotarari/2026/225/")
            page.evaluate(DOUBLE_TEXT)
            assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
            scroll_width, window_width = page.evaluate(WIDTHS)
            if scroll_width > window_width:
                wide["/" + path] = scroll_width
        assert not wide, f"wider than the {width}px window: {wide}"
    finally:
        context.close()


# Pages with tables in scrolling regions (partials/scroll.html): registers wider than a phone, a vote
# table and the subscriptions that fit on one.
HINTED_PAGES = ("registre/hotarari/", "registre/proiecte/", "hotarari/2026/225/", "abonare/")
HINTS = """() => [...document.querySelectorAll('.scroll-hint')].map(hint => {
    const region = hint.parentElement.querySelector('.scroll'), box = hint.getBoundingClientRect();
    return {label: region.getAttribute('aria-label'), overflows: region.scrollWidth > region.clientWidth,
            shown: getComputedStyle(hint).visibility === 'visible' && box.height > 0 && box.width > 0};
})"""


# The hint's visibility comes from a scroll-driven animation, and a table's width from its fonts: read
# once the fonts are in and two frames have been drawn since (CI once read a table that overflowed
# before its hint was shown: „Calendarele comisiilor”, overflows, not shown).
FRAMES_DRAWN = ("() => document.fonts.ready.then(() => new Promise(done => "
                "requestAnimationFrame(() => requestAnimationFrame(done))))")


def test_the_scroll_hint_shows_only_above_a_table_wider_than_the_screen_and_never_on_paper(served):
    base, instance = served
    context = instance.new_context(viewport=browser.PHONE, locale="ro-RO")
    page = context.new_page()
    try:
        hints, printed = [], []
        for path in HINTED_PAGES:
            page.goto(base + path)
            page.evaluate(FRAMES_DRAWN)
            hints += [dict(hint, page=path) for hint in page.evaluate(HINTS)]
            page.emulate_media(media="print")
            page.evaluate(FRAMES_DRAWN)
            printed += [path for hint in page.evaluate(HINTS) if hint["shown"]]
            page.emulate_media(media="screen")
        assert {hint["overflows"] for hint in hints} == {True, False}  # both kinds are measured
        wrong = [hint for hint in hints if hint["shown"] != hint["overflows"]]
        assert not wrong, wrong
        assert not printed, printed
    finally:
        context.close()
