"""Every page template has zero axe-core violations (WCAG 2.0/2.1 A and AA) on
a phone and on a desktop window, in Debian's headless Chromium, with the
site's Content-Security-Policy in force and no console error.

OUG 112/2018 and the EU Web Accessibility Directive hold a public authority's
site to WCAG 2.1 AA. One page per template (and per decision status and
meeting tense) is audited here; the Nu checker covers every page."""

import pytest

from support import browser, sitechecks


@pytest.fixture(scope="module")
def chromium():
    with browser.chromium() as instance:
        yield instance


def test_every_required_kind_of_page_is_audited(whole_site):
    kinds = sitechecks.representative_pages(whole_site)
    assert sitechecks.REQUIRED_KINDS <= kinds.keys(), sorted(sitechecks.REQUIRED_KINDS - kinds.keys())


def test_every_page_comes_from_a_route(whole_site):
    """So one page per route template covers every template the build uses."""
    from transparency.domain import urls

    routed = {urls.output_file(route.path) for route in sitechecks.site_routes(whole_site)}
    written = {sitechecks.relative(whole_site.output, page) for page in sitechecks.html_pages(whole_site.output)}
    assert written == routed, {"written, not routed": sorted(written - routed)[:20],
                               "routed, not written": sorted(routed - written)[:20]}


@pytest.mark.browser
@pytest.mark.parametrize("viewport", sorted(browser.VIEWPORTS))
def test_every_template_passes_axe(whole_site, viewport, chromium):
    kinds = sitechecks.representative_pages(whole_site)
    failures = []
    context = chromium.new_context(viewport=browser.VIEWPORTS[viewport], locale="ro-RO")
    try:
        audited = browser.AuditedPage(context)
        with browser.served_site(whole_site.served_root) as base:
            for kind, path in kinds.items():
                url = base + whole_site.root_path.lstrip("/") + path
                audited.visit(url)
                if kind.endswith(":results"):  # filled in by the page's script
                    audited.page.wait_for_selector("[data-search-results] li", timeout=15000)
                problems = audited.axe_violations() + audited.reflow_problems() + audited.troubles
                failures += [f"{kind} /{path}: {problem}" for problem in problems]
    finally:
        context.close()
    assert not failures, f"{len(failures)} accessibility problems ({whole_site.name}, {viewport}):\n" + \
        "\n".join(failures)
