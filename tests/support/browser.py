"""Shared helpers for browser tests: serve a built site, drive Debian's Chromium.

The browser is Debian's /usr/bin/chromium driven by the playwright package;
no browser is ever downloaded. When a tool is missing the test fails with a
message that says how to install it (CI must never skip silently).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
INSTALL_HINT = "run `bash tests/setup-tools.sh` (as root: apt-get install chromium) and `pip install -e '.[test]'`"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
REFLOW = {"width": 320, "height": 640}  # WCAG 1.4.10 measures reflow at 320 CSS pixels
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing a connection early is normal
            super().handle_error(request, client_address)


@contextlib.contextmanager
def served_site(path):
    """Serve the folder `path` on 127.0.0.1 at a free port; yields the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=os.fspath(path))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="served-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def require_chromium() -> str:
    """The Chromium executable, or a test failure saying how to install it."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)) and not shutil.which("chromium"):
        pytest.fail(f"Debian chromium not found at {CHROMIUM}: {INSTALL_HINT}", pytrace=False)
    return CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium (playwright Browser), closed on exit."""
    executable = require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the playwright Python package is missing: {INSTALL_HINT}", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def require_axe() -> Path:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core not found at {AXE_SCRIPT}: run `npm ci` (or `bash tests/setup-tools.sh`)", pytrace=False)
    return AXE_SCRIPT


class AuditedPage:
    """A page of a browser context ready to audit: axe-core is injected into
    every document, and console errors, uncaught exceptions and failed
    requests since the last `visit` are kept in `troubles`.

    axe goes in through the DevTools protocol (an init script): the site's CSP
    forbids inline scripts, so `page.add_script_tag` is blocked, while an init
    script runs with the CSP still in force for everything else.
    """

    def __init__(self, context):
        self.page = context.new_page()
        self.page.add_init_script(path=require_axe())
        self.troubles: list[str] = []
        self.url = ""
        self.page.on("console", lambda m: m.type == "error" and self.troubles.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.troubles.append(f"uncaught: {e}"))
        self.page.on("response", lambda r: r.status >= 400 and self.troubles.append(f"HTTP {r.status}: {r.url}"))
        self.page.route("**/*", self._hold)

    def _hold(self, route):
        # Later navigations of the main frame (the `<meta http-equiv="refresh">`
        # of moved pages) get 204 No Content, which leaves the document in place.
        request = route.request
        if request.is_navigation_request() and request.frame == self.page.main_frame and request.url != self.url:
            route.fulfill(status=204, body="")
        else:
            route.continue_()

    def visit(self, url: str) -> None:
        self.url = url
        self.troubles.clear()
        self.page.goto(url, wait_until="load")

    def axe_violations(self, tags=WCAG_TAGS) -> list[str]:
        return axe_violations(self.page, tags)

    def reflow_problems(self) -> list[str]:
        """Reflow problems in the current window and, from a phone-sized one, at 320 px too."""
        problems = reflow_problems(self.page)
        size = self.page.viewport_size
        if size and REFLOW["width"] < size["width"] < DESKTOP["width"]:
            self.page.set_viewport_size(REFLOW)
            problems += reflow_problems(self.page)
            self.page.set_viewport_size(size)
        return problems


def axe_violations(page, tags=WCAG_TAGS) -> list[str]:
    """axe-core violations on the open page, one line per rule and element."""
    if page.evaluate("typeof window.axe") != "object":
        pytest.fail(f"axe-core was not injected into {page.url}", pytrace=False)
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }""", list(tags))
    return [f"{v['id']} ({v['impact']}): {v['help']} at {n['target']}: {' '.join(n['summary'].split())}"
            for v in violations for n in v["nodes"]]


def reflow_problems(page) -> list[str]:
    """Elements that push the page wider than the window (WCAG 1.4.10 Reflow):
    the reader would have to scroll sideways, the header with the rest. A data
    table may need two dimensions (WCAG's exception), but then it scrolls in a
    region of its own (partials/scroll.html), never the whole page: only what is
    inside a scroll container may be wider than the window."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            const contained = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX))
                    return true; } return false; };
            const wide = e => e.getBoundingClientRect().right > width + 1;
            const culprits = [...document.body.querySelectorAll('*')]
                .filter(e => wide(e) && !contained(e) && ![...e.children].some(e => wide(e) && !contained(e)))
                .slice(0, 10)
                .map(e => `reflow: <${e.tagName.toLowerCase()}${e.className ? ' class="' + e.className + '"' : ''}> `
                          + `ends at ${Math.round(e.getBoundingClientRect().right)}px in a ${width}px window: `
                          + `"${(e.textContent || '').trim().slice(0, 60)}"`);
            // Something inside a scroll container can still widen the page (an absolutely positioned
            // element escapes a container that is not positioned): the page scrolls, so it is a problem.
            return culprits.length ? culprits
                : [`reflow: the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`];
        }""")
