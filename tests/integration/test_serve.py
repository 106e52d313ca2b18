"""`make serve` as staff use it (issue 15): a file saved broken prints its problem once, not in a
loop; fixing it rebuilds once; Ctrl-C stops the server and every process it started; Pelican's
"Done: Processed 0 articles" line is never shown. Run through `make`, on a copy of a fixture
(CONTENT=…), with the output and cache folders in the test's own folder.

The preview sends each file the headers `_headers` gives it on the published site (an outside
security review): an SVG attached as download-only is a download there too, never a page of
http://127.0.0.1:PORT whose script runs (checked with urllib, and in Chromium)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import browser, trees
from support.headers_file import rules
from transparency.publish import hosting

pytestmark = pytest.mark.slow
QUIET = 4.0  # seconds to watch for a repeated message after a build (Pelican's loop printed ~44 a second)


class Serve:
    """`make serve` in a session of its own, its output lines collected as they come."""

    def __init__(self, content: Path, folder: Path, settings: Path | None = None):
        """With `settings`, `python -m transparency serve --settings …` (make serve takes pelicanconf.py)."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONUNBUFFERED": "1",
               "PYTHONPATH": str(trees.ROOT / "plugins")}
        command = ["make", "-s", "serve", f"CONTENT={content}", f"OUTPUT={folder / 'output'}",
                   f"CACHE={folder / 'cache'}", f"PORT={self.port}"]
        if settings:
            command = [sys.executable, "-m", "transparency", "serve", "--settings", str(settings), "--content",
                       str(content), "--output", str(folder / "output"), "--cache", str(folder / "cache"),
                       "--port", str(self.port)]
        self.process = subprocess.Popen(command, cwd=trees.ROOT, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def wait_for(self, text: str, times: int = 1, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while self.count(text) < times:
            assert self.process.poll() is None, "\n".join(self.lines)
            assert time.monotonic() < deadline, f"no „{text}” ×{times} in:\n" + "\n".join(self.lines)
            time.sleep(0.1)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        self.process.wait(30)
        self.reader.join(10)


def processes_of(marker: str) -> list[str]:
    """Command lines of running processes that name `marker` (the test's own content folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in command and state != "Z":
            found.append(f"{entry.name}: {command}")
    return found


def test_a_broken_save_is_reported_once_and_ctrl_c_leaves_no_process(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    serve = Serve(content, tmp_path)
    try:
        serve.wait_for("Site-ul este la")
        with urllib.request.urlopen(f"http://127.0.0.1:{serve.port}/", timeout=10) as response:
            assert response.status == 200 and b"<html" in response.read().lower()

        decision = content / "hotarari/2025/buget-2025.md"
        decision.write_text(decision.read_text(encoding="utf-8").replace("topics: [buget]", "topics: [buget"),
                            encoding="utf-8")
        serve.wait_for("Corectați problemele")
        time.sleep(QUIET)
        problem = "buget-2025.md:7: front matter: paranteza „[” deschisă"
        assert serve.count(problem) == 1, "\n".join(serve.lines)
        assert serve.count("Reconstruiesc") == 1 and serve.count("Corectați problemele") == 1

        decision.write_text(decision.read_text(encoding="utf-8").replace("topics: [buget", "topics: [buget]"),
                            encoding="utf-8")
        serve.wait_for("Site-ul este la", times=2)
        time.sleep(QUIET)
        assert serve.count("Reconstruiesc") == 2 and serve.count(problem) == 1
    finally:
        serve.stop()
    output = "\n".join(serve.lines)
    assert "Oprit." in output and "Traceback" not in output, output
    assert "Done: Processed" not in output and "articles" not in output, output
    assert processes_of(str(content)) == []


def test_stopping_during_a_build_stops_the_build_too(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    serve = Serve(content, tmp_path)
    try:
        serve.wait_for("Construiesc site-ul")
        deadline = time.monotonic() + 60
        # the build under way: the warm process (adapters/warm.py) and the child it forked for the build
        while sum("transparency.adapters.warm" in p for p in processes_of(str(content))) < 2:
            assert time.monotonic() < deadline and serve.process.poll() is None, "\n".join(serve.lines)
            time.sleep(0.05)
    finally:
        os.killpg(serve.process.pid, signal.SIGTERM)
        serve.process.wait(30)
        serve.reader.join(10)
    assert processes_of(str(content)) == [], "\n".join(serve.lines)
    assert "Traceback" not in "\n".join(serve.lines)


SVG = "/fisiere/hotarari/2025/anexe/harta.svg"


def serving_a_download_only_svg(tmp_path: Path) -> Serve:
    """`serve` on the minimal fixture with tests/fixtures/attacks/svg-script's SVG attached, the council
    having set TRANSPARENCY["download_only_types"] = ["svg"] (docs/hosting.md); once built."""
    content, conf = trees.download_only_svg_council(tmp_path)
    serve = Serve(content, tmp_path, settings=conf)
    try:
        serve.wait_for("Site-ul este la")
    except BaseException:
        serve.stop()
        raise
    return serve


def headers_of(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_the_preview_sends_each_file_the_headers_of_the_published_site(tmp_path):
    serve = serving_a_download_only_svg(tmp_path)
    try:
        published = rules((tmp_path / "output" / hosting.HEADERS_FILE).read_bytes())
        assert published == {"/*": dict(hosting.HEADERS), SVG: dict([hosting.DOWNLOAD])}  # what the build wrote
        # The same file under any spelling of its address (a link need not spell it as the build does).
        for address in (SVG, SVG.replace("/anexe/", "//anexe/"), "/" + SVG, SVG.replace("harta", "h%61rta"),
                        SVG.replace("/2025/", "/2025/./") + "?v=1"):
            status, headers = headers_of(serve.url + address)
            assert status == 200 and headers["Content-Type"] == "image/svg+xml", address
            for name, value in {**published["/*"], **published[SVG]}.items():
                assert headers.get_all(name) == [value], (address, name, headers.items())
        for address in ("/", "/proiecte/proiect-harta/", "/nu-exista/"):
            status, headers = headers_of(serve.url + address)
            assert status == (404 if "nu-exista" in address else 200), address
            for name, value in published["/*"].items():
                assert headers.get_all(name) == [value], (address, name, headers.items())
            assert "Content-Disposition" not in headers, address
    finally:
        serve.stop()
    assert "Traceback" not in "\n".join(serve.lines)


@pytest.mark.browser
def test_in_chromium_the_address_of_a_download_only_svg_downloads_it_and_its_script_never_runs(tmp_path):
    serve = serving_a_download_only_svg(tmp_path)
    try:
        with browser.chromium() as chromium:
            page = chromium.new_page(accept_downloads=True)
            said, downloads = [], []
            page.on("dialog", lambda dialog: (said.append(dialog.message), dialog.dismiss()))
            page.on("download", lambda download: downloads.append(download))
            try:
                page.goto(serve.url + SVG)  # as a reader who follows a link, or pastes the address
            except Exception as error:  # noqa: BLE001 - playwright says a download is not a page
                assert "Download is starting" in str(error) or "ERR_ABORTED" in str(error), error
            page.wait_for_timeout(2000)  # the script's fetch and alert, if it ran
            assert said == [], said
            assert [d.suggested_filename for d in downloads] == ["harta.svg"]
    finally:
        serve.stop()
