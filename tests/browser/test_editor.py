"""The form editor (issue 15): `make editor` serves Decap CMS at /admin/ with its local backend
(decap-server, from node_modules); in Chromium a member of staff creates a draft decision through
the form; the file written passes `make check` and its page appears on the rebuilt site. The
editor's configuration is made from the schema, so that no key of a reader is missing from the forms,
and the public pages keep their own policy.

The local backend writes and reads the content folder, so it answers only the editor's own page (an
outside security review): a request that names another host (a DNS-rebinding page), comes from
another origin, or names a hidden path (`.git/config`) is refused and writes nothing; decap-server
has no port of its own that a page could reach instead."""

from __future__ import annotations

import base64
import contextlib
import html
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from support import browser, trees
from transparency.adapters import editor
from transparency.domain import vocab
from transparency.publish import hosting
from transparency.source import schema

pytestmark = pytest.mark.browser
TITLE = "privind aprobarea regulamentului de acces la drumurile județene"
SLUG = "privind-aprobarea-regulamentului-de-acces-la-drumurile-judetene"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_every_key_a_reader_allows_has_a_form_field():
    by_name = {c["name"]: c for c in editor.collections()}
    for name, _, kind, keys, kinds, required in editor.document_types():
        fields = {f["name"]: f for f in by_name[name]["fields"]}
        missing = [k for k in keys if k not in fields and k not in editor.NOT_IN_FORMS
                   and not (kind == "meeting" and k == "meeting")]
        assert missing == [], f"{name}: keys of the schema without a form field: {missing}"
        assert {k for k, f in fields.items() if f.get("required")} == set(required)
        if kinds:
            assert fields["kind"]["options"] == list(kinds)
    decisions = {f["name"]: f for f in by_name["decisions"]["fields"]}
    assert decisions["status"]["options"] == list(vocab.DECISION_STATUSES)
    assert decisions["majority"]["options"] == list(vocab.MAJORITIES)
    assert [f["name"] for f in decisions["vote"]["fields"]] == list(schema.VOTE_KEYS)
    assert set(vocab.EVENTS) <= set(next(f for f in decisions["events"]["fields"] if f["name"] == "event")["options"])
    assert decisions["meeting"]["collection"] == "meetings" and decisions["amends"]["multiple"] is True


class Editor:
    def __init__(self, content: Path, folder: Path):
        self.port, self.proxy = free_port(), free_port()
        env = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            ["make", "-s", "editor", f"CONTENT={content}", f"OUTPUT={folder / 'output'}", f"CACHE={folder / 'cache'}",
             f"PORT={self.port}", f"EDITOR={self.proxy}"], cwd=trees.ROOT, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.lines: list[str] = []
        threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True).start()

    def wait_for(self, text: str, times: int = 1, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while sum(text in line for line in self.lines) < times:
            assert self.process.poll() is None and time.monotonic() < deadline, "".join(self.lines)
            time.sleep(0.2)

    def get(self, path: str):
        return urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(30)


def test_a_draft_decision_made_in_the_form_passes_check_and_is_published(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    before = set(content.rglob("*.md"))
    served = Editor(content, tmp_path)
    try:
        served.wait_for("Site-ul este la")
        with served.get("/admin/") as response:
            admin_policy = response.headers["Content-Security-Policy"]
        with served.get("/") as response:
            page = response.read().decode("utf-8")
        page = html.unescape(page)
        assert "'unsafe-eval'" in admin_policy and "'unsafe-eval'" not in page  # the public policy stays strict
        assert hosting.CONTENT_SECURITY_POLICY in page
        with served.get("/admin/config.yml") as response:  # the local backend behind the preview itself
            assert yaml.safe_load(response.read())["local_backend"]["url"] == f"http://127.0.0.1:{served.port}/api/v1"

        with browser.chromium() as chromium:
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"http://127.0.0.1:{served.port}/admin/")
            page.get_by_role("button", name="Login").click()
            page.get_by_text("Proiecte de hotărâre și hotărâri").first.wait_for()
            page.goto(f"http://127.0.0.1:{served.port}/admin/#/collections/decisions/new")
            page.wait_for_selector("[id^=title-field]")
            page.fill("[id^=title-field]", TITLE)
            page.fill("[id^=summary-field]", "Stabilește regulile de acces la drumurile județene.")
            page.fill("[id^=registered-field]", "2025-11-20")
            page.fill("[id^=initiator-field]", "Președintele consiliului județean")
            page.click("[id^=committees-field]")  # a relation to council.yml's committees
            page.keyboard.type("urbanism")
            page.get_by_text("Comisia de urbanism", exact=True).click()
            page.locator(".CodeMirror, [contenteditable=true]").first.click()
            page.keyboard.type("Art. 1. Se aprobă regulamentul de acces.")
            page.get_by_role("button", name="Publish").click()
            page.get_by_text("Publish now").click()
            deadline = time.monotonic() + 30
            while not (made := set(content.rglob("*.md")) - before):
                assert time.monotonic() < deadline, "the editor wrote no file"
                time.sleep(0.2)
            assert errors == []
        [path] = made
        assert path.name == f"{SLUG}.md" and path.parent.parent == content / "hotarari"
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        assert front == {"title": TITLE, "summary": "Stabilește regulile de acces la drumurile județene.",
                         "status": "draft", "registered": front["registered"],
                         "initiator": "Președintele consiliului județean", "committees": ["urbanism"]}
        assert str(front["registered"]) == "2025-11-20" and "Art. 1. Se aprobă" in text

        checked = subprocess.run(["make", "-s", "check", f"CONTENT={content}", f"CACHE={tmp_path / 'cache'}"],
                                 cwd=trees.ROOT, capture_output=True, text=True, timeout=300,
                                 env={**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25})
        assert checked.returncode == 0 and "0 erori, 0 avertismente" in checked.stdout, checked.stdout + checked.stderr

        served.wait_for("Site-ul este la", times=2)  # rebuilt once, after the save
        with served.get(f"/proiecte/{SLUG}/") as response:
            assert TITLE in response.read().decode("utf-8")
    finally:
        served.stop()
    assert not (tmp_path / "output" / "admin").exists()  # the public site never holds the editor
    assert running_with(str(content)) == []  # the local backend (Node) stopped with make editor
    assert not re.search(r"Traceback", "".join(served.lines))


def running_with(marker: str) -> list[str]:
    """The command lines of live processes that name `marker`."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            if marker in command and (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                found.append(command)
    return found


def test_without_node_the_editor_says_what_is_missing(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    result = subprocess.run([sys.executable, "-m", "transparency", "serve", "--content", str(content),
                             "--port", str(free_port()), "--editor", str(free_port()),
                             "--output", str(tmp_path / "output"), "--cache", str(tmp_path / "cache")],
                            cwd=trees.ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PATH": str(tmp_path), "PYTHONPATH": str(trees.ROOT / "plugins")})
    assert result.returncode == 1 and "lipsește Node.js" in result.stderr and "Traceback" not in result.stderr


def api(port: int, request: dict, host: str | None = None, origin: str | None = None) -> tuple[int, str]:
    """POST `request` to /api/v1 of the preview on `port`, with the Host and Origin headers given
    (default Host: the preview's own); (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": host or f"127.0.0.1:{port}", "Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    try:
        connection.request("POST", "/api/v1", body=json.dumps(request), headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def media(path: str, text: str) -> dict:
    return {"action": "persistMedia", "params": {"branch": "main", "options": {"commitMessage": "x"}, "asset": {
        "path": path, "content": base64.b64encode(text.encode()).decode(), "encoding": "base64"}}}


def test_the_local_backend_answers_only_the_editors_own_page(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    subprocess.run(["git", "init", "-q"], cwd=content, check=True)  # the content folder as the git root
    git_config = (content / ".git/config").read_bytes()
    served = Editor(content, tmp_path)
    try:
        served.wait_for("Site-ul este la")
        own = f"http://127.0.0.1:{served.port}"
        status, body = api(served.port, {"action": "info"}, origin=own)
        assert status == 200 and json.loads(body)["type"] == "local_fs", body
        status, body = api(served.port, {"action": "info"}, host=f"localhost:{served.port}",
                           origin=f"http://localhost:{served.port}")
        assert status == 200, body
        with served.get("/admin/config.yml") as response:
            assert yaml.safe_load(response.read())["local_backend"]["url"] == f"{own}/api/v1"  # the same origin
        for host, origin in ((f"rebind.example:{served.port}", None),  # a DNS-rebinding page's request
                             (f"rebind.example:{served.port}", f"http://rebind.example:{served.port}"),
                             (f"127.0.0.1:{served.port + 1}", None),
                             (None, "http://127.0.0.1:1"), (None, f"http://localhost:{served.port}"), (None, "null")):
            status, body = api(served.port, media("fisiere/strain.txt", "scris de altcineva"), host, origin)
            assert status == 403, (host, origin, status, body)
            read = {"action": "getEntry", "params": {"branch": "main", "path": "data/council.yml"}}
            status, _ = api(served.port, read, host, origin)
            assert status == 403, (host, origin, status)
        for request in (media(".git/config", "[core]\n\tfsmonitor = touch /tmp/pwned\n"),
                        media("fisiere/.git/config", "x"), media("fisiere/../.git/config", "x"),
                        {"action": "getEntry", "params": {"branch": "main", "path": ".git/config"}},
                        {"action": "deleteFile", "params": {"branch": "main", "path": ".git/config",
                                                            "options": {"commitMessage": "x"}}},
                        {"action": "entriesByFolder", "params": {"branch": "main", "folder": ".git", "extension": "",
                                                                 "depth": 2}},
                        {"action": "entriesByFolder", "params": {"branch": "main", "folder": "", "extension": "",
                                                                 "depth": 3}}):
            status, body = api(served.port, request, origin=own)
            assert status == 403, (request, status, body)
        assert (content / ".git/config").read_bytes() == git_config
        assert not list(content.rglob("strain.txt"))
        # decap-server listens on no port of its own that a page could reach instead of the preview.
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", served.proxy), timeout=2).close()
    finally:
        served.stop()
