"""`verify` on a hostile copy (an outside security review): the manifest names the files to read, and
whoever made the copy wrote the manifest. A path that leaves the copy (`..`, absolute, a symbolic link
pointing out) is an invalid entry, named, never opened nor fetched; a file larger than the manifest
says is read no further than one byte past its size; over HTTP, the manifest and SHA256SUMS are read
up to a cap, and a file that streams without end is a difference, not a MemoryError.

Each run is `python -m transparency verify` in a child process limited to 1 GB of memory, as a
reader would run it: before these checks, the same copies read /dev/zero or an endless answer whole."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from support import trees
from transparency.publish import integrity

MEMORY = 1 << 30  # bytes of address space the verify process may use
PAGE = b"<p>pagina</p>\n"


def verify(where, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess:
    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run([sys.executable, "-m", "transparency", "verify", str(where), *extra], preexec_fn=limited,
                          env={**os.environ, "PYTHONPATH": str(trees.ROOT / "plugins")},
                          capture_output=True, text=True, timeout=timeout)


def entry(path, data: bytes) -> dict:
    return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def write_copy(root: Path, files: dict[str, bytes], entries: list[dict]) -> Path:
    """A copy of a site: `files` on disk, and a manifest listing `entries` (with SHA256SUMS to match)."""
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    manifest = {"format": integrity.FORMAT, "site": "https://example.test", "commit": None,
                "build_day": "2025-11-25", "algorithm": "sha256", "count": len(entries), "files": entries}
    folder = root / integrity.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (root / integrity.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (root / integrity.SUMS).write_text("".join(f"{e['sha256']}  {e['path']}\n" for e in entries), encoding="utf-8")
    return root


def test_a_genuine_copy_still_verifies(tmp_path):
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE}, [entry("index.html", PAGE)])
    result = verify(copy)
    assert result.returncode == 0, result.stderr
    assert "Copia corespunde manifestului: 1 fișier verificat; manifestul nu este semnat." in result.stdout


def test_an_unsigned_copy_passes_saying_it_is_not_shown_to_be_the_councils(tmp_path):
    """A journalist's review: an unsigned copy passed with „manifestul nu este semnat” alone, as if that
    showed the copy to be the council's; whoever changed the files can write a manifest to match them."""
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE}, [entry("index.html", PAGE)])
    (copy / "index.html").write_bytes(b"<p>schimbat</p>")  # and the manifest rewritten to match
    write_copy(copy, {}, [entry("index.html", b"<p>schimbat</p>")])
    result = verify(copy)
    assert result.returncode == 0, result.stderr  # documented: an unsigned copy that matches passes
    said = " ".join(result.stdout.split())
    assert "nu și că sunt cele publicate de consiliu" in said
    assert "un manifest rescris pe măsura unor fișiere schimbate ar trece la fel" in said
    assert "obțineți cheia lui publică din altă sursă decât copia (de la consiliu) și dați-o cu --key" in said


def test_paths_that_leave_the_copy_are_invalid_entries_never_opened(tmp_path):
    secret = b"secret\n"
    (tmp_path / "secret.txt").write_bytes(secret)  # beside the copy: what `..` and `/…` would read
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "ascuns").symlink_to(tmp_path / "secret.txt")  # a symbolic link inside, pointing out
    (copy / "dosar").symlink_to(tmp_path, target_is_directory=True)
    hostile = ["../secret.txt", str(tmp_path / "secret.txt"), "ascuns", "dosar/secret.txt", "./index.html",
               "a//index.html", "a/./index.html", "fisiere\\index.html", "index.html\x00.png", ""]
    write_copy(copy, {"index.html": PAGE}, [entry("index.html", PAGE), *(entry(p, secret) for p in hostile),
                                            {"path": "/dev/zero", "sha256": "0" * 64, "size": 1}])
    result = verify(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr
    for path in [*hostile, "/dev/zero"]:
        assert f"intrare nevalidă în manifest: {path!r}" in result.stderr, (path, result.stderr)
    # Nothing is said of what those paths hold: not verified, not missing, not different.
    assert "Copia corespunde" not in result.stdout
    assert "lipsește: " not in result.stderr and "diferit: " not in result.stderr


def test_a_file_larger_than_its_size_is_read_no_further(tmp_path):
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE}, [entry("index.html", PAGE), entry("mare.bin", b"x")])
    with open(copy / "mare.bin", "wb") as handle:  # 64 GB, sparse: reading it whole would never end
        handle.truncate(64 << 30)
    result = verify(copy, timeout=30)
    assert result.returncode == 1 and "diferit: mare.bin" in result.stderr, result.stderr
    assert "MemoryError" not in result.stderr


def test_a_file_that_is_not_a_regular_file_is_different_and_not_opened(tmp_path):
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE}, [entry("index.html", PAGE), entry("teava", PAGE)])
    os.mkfifo(copy / "teava")  # opening a named pipe for reading waits for a writer forever
    result = verify(copy, timeout=30)
    assert result.returncode == 1 and "diferit: teava" in result.stderr, result.stderr


class Endless(http.server.BaseHTTPRequestHandler):
    """Serves the copy's `files`; the paths in `endless` answer with zeros that never end."""

    files: dict[str, bytes] = {}
    endless: set[str] = set()
    asked: list[str] = []

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - the base class's name
        path = self.path.lstrip("/")
        type(self).asked.append(path)
        if path in self.endless:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            block = bytes(1 << 20)
            try:
                while True:
                    self.wfile.write(block)
            except OSError:
                return  # the reader stopped
        if path not in self.files:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.files[path])))
        self.end_headers()
        self.wfile.write(self.files[path])


@pytest.fixture
def endless_server(tmp_path):
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE, "fara-sfarsit.html": PAGE},
                      [entry("index.html", PAGE), entry("fara-sfarsit.html", PAGE), entry("../secret.txt", PAGE)])
    yield from serving(copy, Endless, endless={"fara-sfarsit.html"})


def serving(copy: Path, base: type, **state):
    """(handler class, address) of a local server of `copy`'s files by a handler made from `base`
    with its own `state`; shut down when the fixture ends."""
    handler = type("Handler", (base,), {
        "files": {p.relative_to(copy).as_posix(): p.read_bytes() for p in copy.rglob("*") if p.is_file()},
        "endless": set(), "asked": [], **state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield handler, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_an_endless_file_over_http_is_a_difference_and_a_bad_path_is_never_fetched(endless_server):
    handler, url = endless_server
    result = verify(url, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "diferit: fara-sfarsit.html" in result.stderr and "MemoryError" not in result.stderr
    assert "intrare nevalidă în manifest: '../secret.txt'" in result.stderr
    assert not [p for p in handler.asked if "secret" in p]


def test_an_endless_manifest_or_sums_over_http_is_refused_with_a_clear_message(endless_server):
    handler, url = endless_server
    handler.endless = {integrity.MANIFEST}
    result = verify(url, timeout=60)
    assert result.returncode == 2 and "MemoryError" not in result.stderr, result.stderr  # nothing was checked
    assert f"manifestul {url}{integrity.MANIFEST} are mai mult de 64 MB" in result.stderr
    handler.endless = {integrity.SUMS}
    result = verify(url, timeout=60)
    assert result.returncode == 1 and "MemoryError" not in result.stderr, result.stderr
    assert f"{integrity.SUMS} are mai mult de 64 MB" in result.stderr


class Flaky(Endless):
    """Serves the copy's `files`, but: each path in `failing` answers with its HTTP error every time,
    each in `busy` with 503 the first time it is asked for, each in `dropped` with no answer at all
    (the connection closed), and each in `truncated` with its first bytes only, under a Content-Length
    that promises the whole file (a connection cut in the middle of the answer)."""

    failing: dict[str, int] = {}
    busy: set[str] = set()
    dropped: set[str] = set()
    truncated: set[str] = set()

    def do_GET(self):  # noqa: N802 - the base class's name
        path = self.path.lstrip("/")
        if path in self.dropped:
            type(self).asked.append(path)
            self.close_connection = True
            return
        if path in self.truncated:
            type(self).asked.append(path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(self.files[path])))
            self.end_headers()
            self.wfile.write(self.files[path][:5])
            self.close_connection = True
            return
        if path in self.failing or path in self.busy:
            type(self).asked.append(path)
            self.busy.discard(path)
            self.send_error(self.failing.get(path, 503))
            return
        super().do_GET()


@pytest.fixture
def flaky_server(tmp_path):
    pages = {f"p{n:02d}.html": PAGE + bytes([n]) for n in range(25)}
    copy = write_copy(tmp_path / "copy", pages, [entry(path, data) for path, data in pages.items()])
    yield from serving(copy, Flaky, failing={}, busy=set(), dropped=set(), truncated=set())


def test_a_file_the_server_fails_to_give_is_said_unread_and_the_check_goes_on(flaky_server):
    """The second review: one answer other than 404 (a server busy for a moment) stopped the whole
    check with exit status 2. Now each file is asked for once more; one still not given is unread,
    named with why, and every other file is checked: the verdict counts it, apart from differences."""
    handler, url = flaky_server
    handler.failing, handler.busy = {"p01.html": 500, "p02.html": 403}, {"p03.html"}
    result = verify(url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"necitit: {url}p01.html nu poate fi citit: serverul răspunde cu eroarea HTTP 500" in result.stderr
    assert f"necitit: {url}p02.html nu poate fi citit: serverul răspunde cu eroarea HTTP 403" in result.stderr
    assert "p03.html" not in result.stderr and handler.asked.count("p03.html") == 2  # given when asked again
    assert handler.asked.count("p01.html") == 2 and handler.asked.count("p02.html") == 1  # a refusal is final
    # An outside review: the verdict said „Copia NU corespunde manifestului: 0 fișiere diferite, …, 0 fișiere
    # în plus”, a mismatch nobody found, and a count of added files a server cannot show (it lists none).
    assert result.stderr.strip().splitlines()[-1] == (
        "Copia nu a putut fi verificată în întregime: 2 fișiere pe care serverul nu le-a dat (necitite); "
        "celelalte 23 de fișiere corespund manifestului; manifestul nu este semnat.")
    handler.files = {**handler.files, "p04.html": b"<p>schimbat</p>"}
    result = verify(url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "Copia NU corespunde manifestului: 1 fișier diferit, 0 fișiere lipsă; 2 fișiere pe care serverul nu "
        "le-a dat (necitite); manifestul nu este semnat.")


def test_an_answer_cut_short_is_unread_not_a_difference(flaky_server):
    """An outside review: a server that promised a file's length and closed the connection before
    sending it all (http.client returns the bytes it got, without IncompleteRead) made the file
    „diferit”; only what was read is known, so it is unread. A file the server sends whole but that is
    shorter than the manifest says is still a difference."""
    handler, url = flaky_server
    handler.truncated = {"p05.html"}
    handler.files = {**handler.files, "p06.html": PAGE}  # sent whole, one byte short of the manifest's
    result = verify(url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (f"necitit: {url}p05.html nu poate fi citit până la capăt: răspunsul serverului s-a oprit înainte "
            f"de sfârșit") in result.stderr
    assert "diferit: p05.html" not in result.stderr
    assert "diferit: p06.html" in result.stderr


def test_a_server_that_stops_answering_stops_the_check_saying_how_far_it_went(flaky_server):
    """No answer for three files in a row: the server is down, and the check does not wait on every
    other file of the site in turn. Nothing wrong found before: exit status 2, said as a check that did
    not end (an outside review: it was „Verificarea nu a putut începe”, once it had begun)."""
    handler, url = flaky_server
    handler.dropped = {"p01.html", "p02.html", "p03.html", "p04.html"}
    result = verify(url)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert "nu a putut începe" not in result.stderr
    assert lines[-2:] == [
        "Verificarea nu s-a încheiat: serverul nu a mai răspuns pentru 3 fișiere la rând; s-a oprit după 1 fișier "
        "verificat, iar 21 de fișiere din manifest nu au mai fost cerute.",
        "Copia nu a putut fi verificată în întregime: 3 fișiere pe care serverul nu le-a dat (necitite), 21 de "
        "fișiere necerute; 1 fișier verificat corespunde manifestului; manifestul nu este semnat."]
    assert all(f"necitit: {url}p0{n}.html nu poate fi citit" in result.stderr for n in (1, 2, 3))
    assert "p04.html" not in handler.asked
    # A server that gives no file (a copy behind a login) is not asked for each of a site's thousands in turn.
    handler.asked, handler.dropped, handler.failing = [], set(), {f"p{n:02d}.html": 403 for n in range(25)}
    result = verify(url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert ("Verificarea nu s-a încheiat: serverul nu a dat 20 de fișiere la rând; s-a oprit după 0 fișiere "
            "verificate, iar 5 fișiere din manifest nu au mai fost cerute.") in result.stderr
    assert "p20.html" not in handler.asked


def test_what_was_found_before_the_check_stopped_is_said_with_exit_status_1(flaky_server):
    """An outside review: a difference found before the server stopped answering was never printed,
    and the stop was said as „Verificarea nu a putut începe”, exit status 2, as if nothing had been
    checked. Every line found is said, then the stop, then the verdict; a difference is definite."""
    handler, url = flaky_server
    handler.files = {**handler.files, "p00.html": b"<p>schimbat</p>"}
    handler.dropped = {"p01.html", "p02.html", "p03.html"}
    result = verify(url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "diferit: p00.html" in result.stderr and "nu a putut începe" not in result.stderr
    assert result.stderr.strip().splitlines()[-2:] == [
        "Verificarea nu s-a încheiat: serverul nu a mai răspuns pentru 3 fișiere la rând; s-a oprit după 1 fișier "
        "verificat, iar 21 de fișiere din manifest nu au mai fost cerute.",
        "Copia NU corespunde manifestului: 1 fișier diferit, 0 fișiere lipsă; 3 fișiere pe care serverul nu le-a "
        "dat (necitite), 21 de fișiere necerute; manifestul nu este semnat."]


def test_a_stripped_signature_found_before_the_check_stopped_gives_exit_status_1(tmp_path):
    """The manifest lists the public key, and the signature is gone: that is wrong whatever the files."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    public = integrity.public_pem(Ed25519PrivateKey.generate())
    pages = {f"p{n}.html": PAGE for n in range(4)}
    copy = write_copy(tmp_path / "copy", {**pages, integrity.PUBLIC_KEY: public},
                      [entry(integrity.PUBLIC_KEY, public), *(entry(p, d) for p, d in pages.items())])
    server = serving(copy, Flaky, failing={}, busy=set(), dropped={"p0.html", "p1.html", "p2.html"}, truncated=set())
    try:
        _, url = next(server)
        result = verify(url)
    finally:
        server.close()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"semnătura manifestului ({integrity.SIGNATURE}) lipsește" in result.stderr
    assert "Verificarea nu s-a încheiat: serverul nu a mai răspuns pentru 3 fișiere la rând" in result.stderr


def test_a_named_pipe_or_a_folder_given_for_the_key_is_refused_not_waited_on(tmp_path):
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE}, [entry("index.html", PAGE)])
    os.mkfifo(tmp_path / "cheie.pem")
    for key, said in ((tmp_path / "cheie.pem", "nu este un fișier obișnuit"),
                      (tmp_path, "nu poate fi citită: este un folder, nu un fișier (EISDIR)")):
        result = verify(copy, "--key", str(key), timeout=30)
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"cheia dată ({key}) {said}" in result.stderr


def signed_copy(root: Path) -> Path:
    """A genuine copy signed as the build signs it: the public key published and listed, the signature."""
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    public = integrity.public_pem(key)
    copy = write_copy(root, {"index.html": PAGE, integrity.PUBLIC_KEY: public},
                      [entry(integrity.PUBLIC_KEY, public), entry("index.html", PAGE)])  # in SHA256SUMS's order
    (copy / integrity.SIGNATURE).write_bytes(base64.b64encode(key.sign((copy / integrity.MANIFEST).read_bytes())))
    return copy


def test_a_copy_whose_signature_was_stripped_fails(tmp_path):
    """Its manifest lists the council's public key, so it was signed: a missing signature is one taken
    away, not an unsigned site (it passed as „manifestul nu este semnat”, exit status 0)."""
    copy = signed_copy(tmp_path / "copy")
    assert verify(copy).returncode == 0
    (copy / integrity.SIGNATURE).unlink()
    result = verify(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"semnătura manifestului ({integrity.SIGNATURE}) lipsește" in result.stderr
    assert "nu este semnat" not in result.stdout + result.stderr


def test_a_failed_check_ends_with_its_verdict_not_with_the_keys_fingerprint(tmp_path):
    """The last line was the key's fingerprint, which reads like success."""
    copy = signed_copy(tmp_path / "copy")
    (copy / "index.html").write_bytes(b"<p>schimbat</p>")
    (copy / "nou.html").write_bytes(PAGE)
    (copy / "altul.html").write_bytes(PAGE)
    result = verify(copy)
    assert result.returncode == 1 and "amprenta SHA-256" in result.stderr
    published = SIGNED_THEN_CHANGED % "cheia publicată chiar în copie"
    assert result.stderr.splitlines()[-1] == ("Copia NU corespunde manifestului: 1 fișier diferit, 0 fișiere lipsă, "
                                              "2 fișiere în plus; " + published)
    (copy / "index.html").unlink()
    (copy / integrity.SUMS).write_text("", encoding="utf-8")
    result = verify(copy)
    assert result.stderr.splitlines()[-1] == ("Copia NU corespunde manifestului: 0 fișiere diferite, 1 fișier lipsă, "
                                              "2 fișiere în plus; 1 problemă a SHA256SUMS, "
                                              "spusă mai sus; " + published)


SIGNED_THEN_CHANGED = ("semnătura manifestului este validă pentru %s, deci manifestul este cel semnat, iar copia a "
                       "fost schimbată după semnare.")
NOT_THE_COUNCILS = ("Copia NU poate fi arătată ca fiind cea publicată de consiliu: 2 fișiere corespund manifestului, "
                    "dar ")
UNTRUSTED = "manifestul nu corespunde semnăturii lui, deci manifestul însuși nu este de încredere."


def test_the_verdict_names_what_failed_the_files_or_the_signature(tmp_path):
    """A journalist's review: a genuine copy checked with a wrong --key, or whose manifest was edited after
    signing, ended „Copia NU corespunde manifestului: 0 fișiere diferite, 0 fișiere lipsă, 0 fișiere în
    plus”; and a verdict on changed files did not say whether the manifest they differ from is genuine."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    copy = signed_copy(tmp_path / "copy")
    council = shutil.copy(copy / integrity.PUBLIC_KEY, tmp_path / "consiliu.pem")
    other = tmp_path / "alta.pem"
    other.write_bytes(integrity.public_pem(Ed25519PrivateKey.generate()))

    def last_line(*extra: str) -> str:
        result = verify(copy, *extra)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "0 fișiere diferite, 0 fișiere lipsă" not in result.stderr
        return result.stderr.splitlines()[-1]

    assert last_line("--key", str(other)) == NOT_THE_COUNCILS + "manifestul nu este semnat cu cheia dată."
    manifest = copy / integrity.MANIFEST
    genuine = manifest.read_bytes()
    manifest.write_bytes(genuine.replace(b'"count"', b'"count" ', 1))  # edited: its files still match it
    for extra in ((), ("--key", str(council)), ("--key", str(other))):
        assert last_line(*extra) == NOT_THE_COUNCILS + UNTRUSTED, extra
    # Files changed: whether the manifest they differ from is the one signed.
    (copy / "index.html").write_bytes(b"<p>schimbat</p>")
    assert last_line("--key", str(council)) == ("Copia NU corespunde manifestului: 1 fișier diferit, 0 fișiere "
                                                "lipsă, 0 fișiere în plus; în plus, " + UNTRUSTED)
    manifest.write_bytes(genuine)
    assert last_line("--key", str(council)) == ("Copia NU corespunde manifestului: 1 fișier diferit, 0 fișiere "
                                                "lipsă, 0 fișiere în plus; " + SIGNED_THEN_CHANGED % "cheia dată")


def test_a_copy_or_a_key_that_cannot_be_read_at_all_gives_exit_status_2(tmp_path):
    """As documented (docs/history.md): a folder that does not exist, a file given for the folder, and
    a --key that is no public key (not PEM, the private key, not Ed25519) gave 1, as a copy that differs."""
    copy = signed_copy(tmp_path / "copy")
    readme = trees.ROOT / "README.md"
    for where, said in ((tmp_path / "nu-exista", "nu există"), (readme, "nu este un folder")):
        result = verify(where)
        assert result.returncode == 2, result.stdout + result.stderr
        assert said in result.stderr and str(where) in result.stderr and "programului" not in result.stderr
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption())
    ec = generate_private_key(SECP256R1()).public_key().public_bytes(serialization.Encoding.PEM,
                                                                     serialization.PublicFormat.SubjectPublicKeyInfo)
    for name, data, said in (("garbage.pem", b"nu este o cheie\n", "nu este o cheie publică PEM"),
                             ("privata.pem", private, "este cheia privată"),
                             ("ec.pem", ec, "nu este o cheie Ed25519")):
        (tmp_path / name).write_bytes(data)
        result = verify(copy, "--key", str(tmp_path / name))
        assert result.returncode == 2, (name, result.stdout + result.stderr)
        assert said in result.stderr and name in result.stderr


def test_a_copy_whose_manifest_is_missing_or_is_no_manifest_gives_exit_status_2(tmp_path):
    """A journalist's review: a missing manifest gave exit status 1, as a copy that differs, though nothing
    was checked; docs/history.md keeps 2 for that."""
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE}, [entry("index.html", PAGE)])
    manifest = copy / integrity.MANIFEST
    for data in (b'{\n"format": 1,,}', b'{"format": 1}', b"[1, 2]", b"\xff\xfe"):
        manifest.write_bytes(data)
        result = verify(copy)
        assert result.returncode == 2, (data, result.stdout + result.stderr)
        assert str(manifest) in result.stderr and "Traceback" not in result.stderr
    manifest.unlink()
    result = verify(copy)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"manifestul {manifest} lipsește" in result.stderr


def test_what_the_system_says_in_english_is_said_in_romanian_naming_the_file_or_the_address(tmp_path):
    """A journalist's review: „[Errno 111] Connection refused”, „No such file or directory: /tmp/x.pem” and
    the JSON parser's „Expecting property name enclosed in double quotes” reached the reader as they were."""
    import socket

    with socket.socket() as unused:  # a port nobody serves once it is closed
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    copy = write_copy(tmp_path / "copy", {"index.html": PAGE}, [entry("index.html", PAGE)])
    (copy / integrity.MANIFEST).write_bytes(b'{\n,"format": 1}')
    said = {
        f"http://127.0.0.1:{port}/": (f"http://127.0.0.1:{port}/{integrity.MANIFEST} nu poate fi citit: niciun "
                                      f"server nu răspunde la această adresă, conexiunea a fost refuzată"),
        "--key": f"cheia dată ({tmp_path / 'x.pem'}) nu poate fi citită: fișierul nu există (ENOENT)",
        "json": f"manifestul {copy / integrity.MANIFEST} nu este un text JSON valid (eroare la linia 2, coloana 1)",
    }
    runs = {f"http://127.0.0.1:{port}/": verify(f"http://127.0.0.1:{port}/"),
            "--key": verify(tmp_path, "--key", str(tmp_path / "x.pem")), "json": verify(copy)}
    for case, result in runs.items():
        assert result.returncode == 2, (case, result.stdout + result.stderr)
        assert said[case] in result.stderr, (case, result.stderr)
        for english in ("Errno", "Connection", "No such file", "Expecting", "char "):
            assert english not in result.stderr, (case, result.stderr)


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed")
def test_the_documented_fingerprint_command_gives_the_fingerprint_verify_prints(tmp_path):
    """docs/history.md tells the council (and readers) to compute the key's fingerprint with openssl."""
    copy = signed_copy(tmp_path / "copy")
    documented = subprocess.run(f"openssl pkey -pubin -in {integrity.PUBLIC_KEY} -outform DER | sha256sum",
                                shell=True, cwd=copy, capture_output=True, text=True, check=True).stdout.split()[0]
    assert f"amprenta SHA-256 {documented}." in verify(copy).stdout
    assert "openssl pkey -pubin -in cheie-publica.pem -outform DER | sha256sum" in \
        (trees.ROOT / "docs/history.md").read_text(encoding="utf-8")
