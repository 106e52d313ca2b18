"""What a reader of every template sees in Chromium (issue 16): the focus ring at 3:1 or better
against what surrounds it (WCAG 1.4.11), on every focusable element of one page per template;
print media without the navigation, with the page's address; a decision's state on a phone's first screen."""

import pytest

from support import browser, sitechecks

pytestmark = pytest.mark.browser

TABS = 60  # focus stops checked per page (the header, the content's first links, the footer on short pages)


@pytest.fixture(scope="module")
def chromium():
    with browser.chromium() as instance:
        yield instance


def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    # WebAIM's contrast checker: #767676 on white 4.54:1, #777777 on white 4.47:1
    assert round(contrast((0x76, 0x76, 0x76), (255, 255, 255)), 2) == 4.54
    assert round(contrast((0x77, 0x77, 0x77), (255, 255, 255)), 2) == 4.48


FOCUS_STOPS = """() => {
    const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    // what the ring is drawn on: the first opaque background at the element's parent or above
    let p = e.parentElement, behind = [255, 255, 255];
    for (; p; p = p.parentElement) {
        const c = rgb(getComputedStyle(p).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { behind = c.slice(0, 3); break; }
    }
    return {tag: e.tagName, text: (e.textContent || e.value || '').trim().slice(0, 40),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            ring: rgb(style.outlineColor).slice(0, 3), behind};
}"""


def focus_problems(page, where: str, tabs: int = TABS, page_background=(255, 255, 255)) -> tuple[int, list[str]]:
    """Tab through the open page: (focus stops measured, those without a ring at 3:1 or better)."""
    script = FOCUS_STOPS.replace("behind = [255, 255, 255]", f"behind = {list(page_background)}")
    seen, failures = set(), []
    for _ in range(tabs):
        page.keyboard.press("Tab")
        stop = page.evaluate(script)
        if stop is None:
            break
        key = (stop["tag"], stop["text"], tuple(stop["behind"]))
        if key in seen:
            continue
        seen.add(key)
        ratio = contrast(stop["ring"], stop["behind"])
        if stop["style"] == "none" or stop["width"] < 2 or ratio < 3:
            failures.append(f"{where}: <{stop['tag'].lower()}> {stop['text']!r}: {stop['style']} "
                            f"{stop['width']}px ring {stop['ring']} on {stop['behind']}, {ratio:.2f}:1")
    return len(seen), failures


@pytest.mark.parametrize("viewport", sorted(browser.VIEWPORTS))
def test_focus_is_visible_at_3_to_1_on_every_template(whole_site, viewport, chromium):
    kinds = sitechecks.representative_pages(whole_site)
    failures, checked = [], 0
    context = chromium.new_context(viewport=browser.VIEWPORTS[viewport], locale="ro-RO")
    audited = browser.AuditedPage(context)  # holds later navigations (a moved page's refresh)
    page = audited.page
    try:
        with browser.served_site(whole_site.served_root) as base:
            for kind, path in kinds.items():
                audited.visit(base + whole_site.root_path.lstrip("/") + path)
                stops, found = focus_problems(page, f"{kind} /{path}")
                checked += stops
                failures += found
    finally:
        context.close()
    assert checked > len(kinds) * 3
    assert not failures, f"{len(failures)} focus rings under 3:1:\n" + "\n".join(failures[:40])


def test_a_printed_decision_has_its_address_and_print_date_and_no_navigation(sample_site, chromium):
    import datetime as dt

    context = chromium.new_context(viewport=browser.DESKTOP, locale="ro-RO")
    audited = browser.AuditedPage(context)
    page = audited.page
    try:
        with browser.served_site(sample_site) as base:
            audited.visit(base + "hotarari/2025/45/")
            page.emulate_media(media="print")
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            hidden = page.evaluate("""() => ['.site-header nav', '.breadcrumbs', '.follow', '.skip']
                .filter(s => document.querySelector(s) && document.querySelector(s).getClientRects().length)""")
            assert hidden == [], hidden
            header = page.locator(".print-only")
            assert header.is_visible()
            said = header.inner_text()
            assert "https://example.test/hotarari/2025/45/" in said
            months = ("ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie "
                      "noiembrie decembrie").split()
            stamped = page.locator(".print-only [data-print-date] span").inner_text()
            days = [dt.date.today() + dt.timedelta(days=n) for n in (-1, 0, 1)]  # the test may run at midnight
            assert stamped in [f"{d.day} {months[d.month - 1]} {d.year}" for d in days], stamped
            assert "tipărit la" in said
            assert page.locator("[data-timeline]").is_visible() and page.locator("table.vote").is_visible()
            pdf = page.pdf(format="A4")
            assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page ") >= 1
            assert not audited.troubles, audited.troubles
            page.emulate_media(media="screen")
            assert not page.locator(".print-only").is_visible()
    finally:
        context.close()


def test_the_404_page_offers_search(sample_site):
    from support.contract_checks import soup

    form = soup(sample_site, "404.html").select_one('main form[role="search"]')
    assert form["action"] == "/cautare/" and form.select_one('input[name="q"]')


def test_on_a_phone_a_decisions_state_is_on_the_first_screen(sample_site, chromium):
    """360 × 640 CSS pixels: every decision and draft page shows the word of its state (`data-status`,
    its first words in bold) whole on the first screen, below the header's sections, the breadcrumbs and
    the title (the acts that changed it may follow below)."""
    from support.contract_checks import soup

    index = soup(sample_site, "registre/hotarari/")
    pages = sorted({a["href"] for a in index.select("main a[href^='/hotarari/2']")})
    pages += sorted({a["href"] for a in soup(sample_site, "proiecte/").select("main a[href^='/proiecte/']")})
    assert len(pages) > 40
    context = chromium.new_context(viewport={"width": 360, "height": 640}, locale="ro-RO")
    page = context.new_page()
    try:
        with browser.served_site(sample_site) as base:
            below = []
            for path in pages:
                page.goto(base + path.lstrip("/"))
                box = page.locator("main [data-status] strong").first.bounding_box()
                if box is None or box["y"] + box["height"] > 640:
                    below.append((path, box and round(box["y"] + box["height"])))
            assert not below, below
    finally:
        context.close()
