"""Commands for staff: `serve` (preview, rebuilt on each save) and problems for CI annotations.

`python -m transparency serve` builds the site, serves the output folder on
127.0.0.1 and rebuilds once per save of a file under the content folder, the
theme or the settings. A build that fails says its problems once and waits
for the next save (Pelican's own `--autoreload` rebuilt a failing site in a
loop, printing the same problems dozens of times a second). Each build runs
in a child of a process kept warm between builds, with the modules imported
and the build cache read (adapters/warm.py: a rebuild at 10,000 documents
starts a second sooner), in a process group of its own; stopping `serve`
(Ctrl-C, SIGTERM) stops that group, so no worker process is left behind.
The server is a thread of this process, not another process. It sends each
file the headers the published site's host sends it: the rules of the
`_headers` the build wrote into the output folder (publish/hosting.py,
`SiteHeaders`), read again after each build, so an attachment the council
made download-only (an SVG, an HTML page) is a download on the preview too,
under the site's Content-Security-Policy and `nosniff`, and its script never
runs on http://127.0.0.1:PORT. A download-only rule is matched whatever the
spelling of the address (`//`, `./`, percent-escapes, a query): by the path
the file is served from, and by the file itself.

`problems_as(problems, "github"|"gitlab")`: the problems of `check` as
GitHub Actions workflow commands (an annotation on each file and line) or as
a GitLab code-quality report (JSON).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import posixpath
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from ..publish import hosting

POLL = 0.4  # seconds between looks at the watched folders
SETTLE = 0.3  # a save is taken as finished once nothing changed for this long
HIDDEN = ("Done: Processed ",)  # Pelican's count of its own articles and pages: always 0 here


def hidden(line: str) -> bool:
    """Whether an output line of a build is Pelican's and means nothing to staff."""
    return line.lstrip().startswith(HIDDEN)


def signature(roots: list[Path]) -> tuple:
    """What the watched files are now: (path, size, modification time) of each, dotfiles left out."""
    seen = []
    for root in roots:
        if root.is_file():
            stat = root.stat()
            seen.append((str(root), stat.st_size, stat.st_mtime_ns))
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                try:
                    stat = os.lstat(path)
                except OSError:
                    continue  # removed while looking
                seen.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(seen)


def changed(before: tuple, after: tuple) -> list[str]:
    """The paths added, removed or changed between two signatures."""
    old, new = {p: rest for p, *rest in before}, {p: rest for p, *rest in after}
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


class Quiet:
    """Pelican's console, without the lines that mean nothing to staff (see `hidden`)."""

    def __init__(self, console):
        self.console = getattr(console, "console", console)  # never wrapped twice

    def print(self, *objects, **kwargs):
        if not (objects and isinstance(objects[0], str) and hidden(objects[0])):
            self.console.print(*objects, **kwargs)

    def __getattr__(self, name):
        return getattr(self.console, name)


class Builder:
    """Runs one build at a time, in a child of a process kept warm between builds (adapters/warm.py):
    that process, in a process group of its own, is started with the first build and again after it
    died; `stop` ends it with every process it started."""

    def __init__(self, build_arguments: list[str], env: dict | None = None):
        self.token = secrets.token_hex(8)  # marks the lines of the warm process itself
        self.command = [sys.executable, "-m", "transparency.adapters.warm", self.token, *build_arguments]
        self.env = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
        self.child: subprocess.Popen | None = None
        self.is_ready = False  # whether the last word of the warm process was that it is ready

    def started(self) -> subprocess.Popen:
        """The warm process, started if it is not running."""
        if self.child is None or self.child.poll() is not None:
            self.stop()
            self.is_ready = False
            self.child = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
                                          env=self.env, start_new_session=True)
        return self.child

    def run(self) -> int:
        child = self.started()
        try:
            child.stdin.write("build\n")  # warm.REQUEST (not imported: it imports every module of a build)
            child.stdin.flush()
        except OSError:
            pass  # it died meanwhile: its output ends below
        status = self._said_until(lambda word: word != "ready")
        if status is not None:
            return int(status)
        self.stop()  # its output ended before the build's: it died (started again by the next build)
        print("Procesul de construire s-a oprit neașteptat; salvați din nou un fișier pentru a reconstrui.",
              flush=True)
        return 1

    def ready(self) -> bool:
        """Wait until the warm process has read the build cache (after starting or after a build);
        False when it died. The benchmark waits so, as staff do between two saves."""
        self.started()
        return self.is_ready or self._said_until(lambda word: word == "ready") is not None

    def _said_until(self, wanted) -> str | None:
        """Print the build's lines until the warm process says a word `wanted` accepts; that word (None
        when its output ended)."""
        for line in self.child.stdout:
            if line.startswith(self.token + " "):
                word = line.split()[1]
                self.is_ready = word == "ready"  # it reads the cache again after each build's status
                if wanted(word):
                    return word
            elif not hidden(line):
                print(line, end="", flush=True)
        return None

    def stop(self) -> None:
        """End the warm process and the build under way, with every process they started (their
        process group)."""
        child, self.child = self.child, None
        if child is None:
            return
        if child.poll() is None:
            for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(child.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    child.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        else:  # it ended: its builds' workers may not have
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for pipe in (child.stdin, child.stdout):
            if pipe:
                try:
                    pipe.close()
                except OSError:
                    pass


class SiteHeaders:
    """The headers the published site gives each file of the output folder `folder`: the rules of the
    `_headers` the build wrote there (hosting.rules_of), read again whenever it changed; before the
    first build, the site's own headers (hosting.HEADERS) for every file."""

    def __init__(self, folder: str):
        self.folder = folder
        self.last: tuple = (None, [])  # (the stamp of `_headers`, its rules)

    def rules(self) -> list[tuple[str, bool, list[tuple[str, str]]]]:
        path = os.path.join(self.folder, hosting.HEADERS_FILE)
        try:
            stat = os.stat(path)
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            if stamp != self.last[0]:
                with open(path, "rb") as handle:
                    self.last = (stamp, hosting.rules_of(handle.read()))
        except OSError:
            return [("/", True, list(hosting.HEADERS))]
        return self.last[1]

    def given(self, address: str, served: str) -> list[tuple[str, str]]:
        """The headers for a request of `address` (as sent: quoted, with its query), answered from the
        file `served`: a rule's address is compared with the path the file is served from, and a rule
        for one file also matches that same file reached by another name."""
        path = plain_path(address)
        found = []
        for rule, splat, headers in self.rules():
            if path.startswith(rule) if splat else (path == rule or _same_file(served, self.folder + rule)):
                found += headers
        return found


def plain_path(address: str) -> str:
    """The path of a request as SimpleHTTPRequestHandler finds its file: no query, unquoted, without
    empty, `.` and `..` segments (`/a//./b/../c?x` is `/a/c`)."""
    path = urllib.parse.unquote(address.split("?", 1)[0].split("#", 1)[0], errors="surrogatepass")
    return "/" + "/".join(part for part in posixpath.normpath(path).split("/") if part not in ("", ".", ".."))


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview's server: a browser that drops a connection (a page left, a reload while a file was
    sent) is no error of the preview; anything else is said, with its traceback, as before."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exception(), ConnectionError):  # BrokenPipe, ConnectionReset, ConnectionAborted
            return
        super().handle_error(request, client_address)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder with the headers of the published site (`site_headers`); requests are
    not logged (staff read problems, not requests). With `admin` (a folder), /admin/ is served from it
    under the editor's own policy."""

    admin: str | None = None
    admin_policy: str = ""
    site_headers: SiteHeaders | None = None
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _in_admin(self) -> bool:
        path = getattr(self, "path", "")  # none when the request line itself was bad
        return bool(self.admin) and (path == "/admin" or path.startswith("/admin/"))

    def translate_path(self, path):
        if self.admin and (path == "/admin" or path.startswith("/admin/")):
            inner = super().translate_path(path[len("/admin"):] or "/")
            return os.path.join(self.admin, os.path.relpath(inner, self.directory))
        return super().translate_path(path)

    def end_headers(self):
        if self._in_admin():
            self.send_header("Content-Security-Policy", self.admin_policy)
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
        elif self.site_headers is not None:
            address = getattr(self, "path", "/")  # none when the request line itself was bad
            for name, value in self.site_headers.given(address, self.translate_path(address)):
                self.send_header(name, value)
        super().end_headers()


def serve(settings_file: str, content: str | None, port: int, bind: str, output: str | None,
          cache: str | None, with_editor: bool = False) -> int:
    """Build, serve and rebuild on save; `with_editor`, also the form editor at /admin/ and its local
    backend at /api/v1 (decap-server behind a Unix socket, writing into the content folder; editor.py)."""
    from pelican.settings import read_settings

    overrides = {key: value for key, value in (("PATH", content and os.path.abspath(content)),
                                               ("OUTPUT_PATH", output and os.path.abspath(output))) if value}
    settings = read_settings(settings_file, override=overrides)
    content_folder, output_folder = Path(settings["PATH"]), Path(settings["OUTPUT_PATH"])
    if not content_folder.is_dir():
        print(f"Folderul de conținut {content_folder} nu există.", file=sys.stderr)
        return 1
    watched = [content_folder, Path(settings["THEME"]), Path(settings_file).resolve()]
    siteurl = f"http://{bind}:{port}"
    build_arguments = ["--settings", settings_file, "--content", str(content_folder),
                       "--output", str(output_folder), "--siteurl", siteurl]
    if cache is not None:
        build_arguments += ["--cache", cache]
    output_folder.mkdir(parents=True, exist_ok=True)
    handler = type("SiteHandler", (QuietHandler,), {"site_headers": SiteHeaders(str(output_folder))})
    proxy = None
    private = None  # the editor's folder: the admin page and the backend's socket, for this user only
    if with_editor:
        from . import editor

        private = Path(tempfile.mkdtemp(prefix="transparency-editor-"))
        admin, backend = private / "admin", private / "api.sock"
        try:
            editor.write(admin)
            proxy = subprocess.Popen(editor.backend_command(backend, content_folder.resolve()), cwd=private,
                                     start_new_session=True)
        except FileNotFoundError as exc:  # node_modules not installed, or no Node.js
            shutil.rmtree(private, ignore_errors=True)
            why = "lipsește Node.js (programul node)" if exc.filename == "node" else str(exc)
            print(f"Editorul nu poate porni: {why}. Echipa tehnică instalează Node.js și rulează npm ci "
                  "în folderul proiectului.", file=sys.stderr)
            return 1
        handler = type("AdminHandler", (editor.request_handler(handler, admin, backend, port),),
                       {"admin": str(admin), "admin_policy": editor.policy()})
    try:
        server = PreviewServer((bind, port), functools.partial(handler, directory=str(output_folder)))
    except OSError as exc:
        print(f"Nu pot asculta pe {siteurl}: {exc.strerror}. Alegeți alt port: make serve PORT=8001",
              file=sys.stderr)
        _stop_group(proxy)
        if private:
            shutil.rmtree(private, ignore_errors=True)
        return 1
    builder = Builder(build_arguments)

    def stop(signum, frame):
        raise KeyboardInterrupt

    # Ctrl-C and SIGTERM both stop: SIGINT is set here too, since a shell starting `serve` in the
    # background leaves it ignored.
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        before = signature(watched)
        print(f"Construiesc site-ul din {content_folder} …", flush=True)
        if proxy:
            print(f"Editorul de formulare: {siteurl}/admin/ (scrie în {content_folder})", flush=True)
        _announce(builder.run(), siteurl)
        while True:
            time.sleep(POLL)
            now = signature(watched)
            if now == before:
                continue
            while True:  # wait for the save to finish (editors write a file in several steps)
                time.sleep(SETTLE)
                settled = signature(watched)
                if settled == now:
                    break
                now = settled
            paths = changed(before, now)
            before = now
            shown = ", ".join(_relative(p) for p in paths[:3]) + (f" și încă {len(paths) - 3}" if len(paths) > 3 else "")
            print(f"\nModificat: {shown}. Reconstruiesc …", flush=True)
            _announce(builder.run(), siteurl)
    except KeyboardInterrupt:
        print("\nOprit.", flush=True)
    finally:
        builder.stop()
        _stop_group(proxy)
        server.shutdown()
        server.server_close()
        if private:
            shutil.rmtree(private, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _stop_group(process: subprocess.Popen | None) -> None:
    """Stop a child started in a process group of its own, with everything it started."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def _announce(status: int, siteurl: str) -> None:
    if status == 0:
        print(f"Site-ul este la {siteurl}/ — salvați un fișier și reîncărcați pagina.", flush=True)
    else:
        print("Corectați problemele de mai sus și salvați fișierul: site-ul se reconstruiește singur. "
              f"Până atunci, {siteurl}/ arată ultima versiune construită.", flush=True)


def _relative(path: str) -> str:
    """A path as staff read it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


# --- problems for continuous integration --------------------------------------

FORMATS = ("text", "github", "gitlab")


def problems_as(problems, output_format: str) -> str:
    """The problems of `check` in the format `output_format` ("" for none)."""
    items = [*problems.errors, *problems.warnings, *problems.notices]
    if output_format == "github":
        return "\n".join(_github(p) for p in items)
    if output_format == "gitlab":
        return json.dumps([_gitlab(p) for p in items], ensure_ascii=False, indent=2)
    return problems.report()


def _github(problem) -> str:
    """A workflow command: an annotation on the file and line in the pull request and the run's summary."""
    level = {"error": "error", "warning": "warning"}.get(problem.severity, "notice")
    where = f"file={_escape_property(problem.path)}" + (f",line={problem.line}" if problem.line else "")
    text = problem.message + (f" (așteptat: {problem.expected})" if problem.expected else "")
    return f"::{level} {where},title={_escape_property(problem.field)}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _gitlab(problem) -> dict:
    """An issue of GitLab's code-quality report (the subset of Code Climate's format GitLab reads)."""
    text = f"{problem.field}: {problem.message}" + (f" (așteptat: {problem.expected})" if problem.expected else "")
    key = f"{problem.path}:{problem.line}:{problem.field}:{problem.message}"
    return {
        "description": text,
        "check_name": problem.field,
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "severity": {"error": "major", "warning": "minor"}.get(problem.severity, "info"),
        "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
    }
