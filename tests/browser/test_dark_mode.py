"""Dark mode and the touch icon (issue 16). With `prefers-color-scheme: dark`, in Chromium, one page
per template of the sample council (every template the site map uses, the newest included: the
dispositions, the Monitorul Oficial Local, consolidated texts, history pages, /transparenta/):
axe-core finds no violation (its colour-contrast rule measures every text against what is behind
it), nothing widens the page at 390 and 320 px, and every focus ring is at 3:1 or better."""

import struct

import pytest

from support import browser, sitechecks, trees
from test_focus_and_print import TABS, focus_problems, luminance

TEMPLATES = trees.ROOT / "theme" / "templates"
# Templates every council of WHOLE_SITES need not use: the sample council uses them all.
PAGE_TEMPLATES = sorted(p.stem for p in TEMPLATES.glob("*.html") if p.stem != "base")


@pytest.fixture(scope="module")
def sample(sample_site):
    return sitechecks.BuiltSite("sample", trees.ROOT / "content", sample_site, "https://example.test",
                                trees.EPOCH_2026_11_25)


@pytest.fixture(scope="module")
def chromium():
    with browser.chromium() as instance:
        yield instance


def test_one_page_of_every_template_is_checked(sample):
    used = {kind.split(":")[0] for kind in sitechecks.representative_pages(sample)}
    assert set(PAGE_TEMPLATES) <= used, sorted(set(PAGE_TEMPLATES) - used)
    for name in ("consolidated", "history_change", "disposition", "mol", "law_report", "law_index"):
        assert name in used


def test_every_page_links_a_180_pixel_touch_icon(sample_site):
    from support.contract_checks import soup

    link = soup(sample_site, "").select_one('link[rel="apple-touch-icon"]')
    png = (sample_site / link["href"].lstrip("/")).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (180, 180)
    assert soup(sample_site, "").select_one('meta[name="color-scheme"]')["content"] == "light dark"


@pytest.mark.browser
def test_dark_mode_every_template_passes_axe_reflow_and_focus(sample, chromium):
    kinds = sitechecks.representative_pages(sample)
    failures, stops = [], 0
    context = chromium.new_context(viewport=browser.PHONE, locale="ro-RO", color_scheme="dark")
    try:
        audited = browser.AuditedPage(context)
        page = audited.page
        with browser.served_site(sample.served_root) as base:
            for kind, path in kinds.items():
                audited.visit(base + path)
                if kind.endswith(":results"):
                    page.wait_for_selector("[data-search-results] li", timeout=15000)
                colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
                                                  getComputedStyle(document.body).color]""")
                bg, ink = ([float(x) for x in c[c.index("(") + 1:-1].split(",")[:3]] for c in colours)
                if not (luminance(bg) < 0.02 and luminance(ink) > 0.7):
                    failures.append(f"{kind} /{path}: not dark: {colours}")
                failures += [f"{kind} /{path}: {p}" for p in
                             audited.axe_violations() + audited.reflow_problems() + audited.troubles]
                found, problems = focus_problems(page, f"{kind} /{path}", TABS // 3, (18, 22, 28))
                stops += found
                failures += problems
    finally:
        context.close()
    assert stops > len(kinds) * 3
    assert not failures, f"{len(failures)} problems in dark mode:\n" + "\n".join(failures[:60])
