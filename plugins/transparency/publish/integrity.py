"""Every published file verifiable: /date/integritate/SHA256SUMS, manifest.json and its signature.

After every other file is written, the build lists each one it published
(pages, feeds, data, attachments, the theme's files, the search index, the
hosting headers and the public key) with its SHA-256 and size, in path
order, with the source commit and the build day: `SHA256SUMS` in the format
of `sha256sum` (paths relative to the site root) and `manifest.json`. The
same commit and SOURCE_DATE_EPOCH give the same bytes: nothing else goes in.

When `TRANSPARENCY["signing_key"]` names an Ed25519 private key (PEM, PKCS#8),
`manifest.json.sig` holds the detached signature of manifest.json's bytes
(64 bytes, base64) and `cheie-publica.pem` the public key. Ed25519 signatures
are deterministic, so a signed build is reproducible too. Why Ed25519 and not
OpenPGP: docs/history.md.

`verify` checks a copy of the site (a folder, or an address served over
HTTP) against its manifest and names every file missing, added (a folder
only: a web server does not list its files) or different, and checks the
signature. The published key proves nothing by itself (whoever changed the
files could change the key): pass the council's key with `--key` to check
the copy against it; `verify` prints the fingerprint of the key it used, to
compare with the one the council publishes elsewhere. Over HTTP, `_headers`
is not expected to be served (hosts read it as configuration).

Whoever made the copy wrote its manifest, so `verify` trusts none of it: a
path must be relative and plain (`entry_refused`: no empty, `.` or `..`
segment, no backslash, NUL or control character) and, in a folder, lead to a
file inside the copy once symbolic links are followed; any other entry is
named as invalid and never opened nor fetched. Every read is bounded: a
file is hashed as it streams and read no further than one byte past the size
the manifest gives it (more is a difference), the manifest, SHA256SUMS, the
signature and the key no further than READ_LIMIT; in a folder, only a
regular file is read (a named pipe would wait for a writer forever).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import http.client
import json
import os
import socket
import ssl
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ..build.outputs import MANIFEST as BUILD_RECORD
from ..domain.text import count
from .hosting import HEADERS_FILE

FOLDER = "date/integritate"
SUMS = f"{FOLDER}/SHA256SUMS"
MANIFEST = f"{FOLDER}/manifest.json"
SIGNATURE = f"{FOLDER}/manifest.json.sig"
PUBLIC_KEY = f"{FOLDER}/cheie-publica.pem"
NOT_COVERED = frozenset({SUMS, MANIFEST, SIGNATURE})  # what cannot list itself
FORMAT = 1
# Files a host reads as its configuration and does not serve (Netlify, Cloudflare Pages): over HTTP,
# their absence is not a difference; in a folder they are checked as any other file.
NOT_SERVED = frozenset({HEADERS_FILE})
READ_LIMIT = 64 << 20  # bytes: the most `verify` reads of the manifest, SHA256SUMS, the signature or the key
CHUNK = 1 << 20
TIMEOUT = 30  # seconds an HTTP copy may stay silent
RETRY_AFTER = 1  # seconds before a file the server did not give is asked for again, once
SILENT_LIMIT = 3  # files in a row the server gives no answer for: it is down, and the check stops
REFUSED_LIMIT = 20  # files in a row it does not give: it gives none (a copy behind a login, say), and the check stops


# errno → why a file or an address cannot be read, in Romanian (said with the errno's name in parentheses).
READ_REASONS = {
    errno.ECONNREFUSED: "niciun server nu răspunde la această adresă, conexiunea a fost refuzată",
    errno.ECONNRESET: "serverul a întrerupt conexiunea",
    errno.ETIMEDOUT: f"serverul nu a răspuns în {TIMEOUT} s",
    errno.ENETUNREACH: "rețeaua nu ajunge la server",
    errno.EHOSTUNREACH: "serverul nu poate fi atins prin rețea",
    errno.ENOENT: "fișierul nu există",
    errno.EACCES: "lipsește dreptul de citire",
    errno.EPERM: "lipsește dreptul de citire",
    errno.EISDIR: "este un folder, nu un fișier",
    errno.ENOTDIR: "o parte a căii nu este un folder",
    errno.ELOOP: "legăturile simbolice ale căii se repetă la nesfârșit",
}


def why_unreadable(exc) -> str:
    """Why a file or an address could not be read (an OSError, an HTTP or TLS error, or URLError's reason),
    in Romanian, with the system's name for it in parentheses."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        exc = exc.reason
    if isinstance(exc, str):
        return f"eroare de rețea ({exc})"
    if isinstance(exc, socket.gaierror):
        return "numele serverului nu a fost găsit (DNS)"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "certificatul HTTPS al serverului nu a putut fi verificat (SSL)"
    if isinstance(exc, ssl.SSLError):
        return "conexiunea HTTPS a eșuat (SSL)"
    if isinstance(exc, http.client.RemoteDisconnected):  # a ConnectionResetError too
        return "serverul a închis conexiunea fără să răspundă"
    if isinstance(exc, http.client.IncompleteRead):
        return "răspunsul serverului s-a oprit înainte de sfârșit"
    if isinstance(exc, http.client.HTTPException):
        return f"răspunsul serverului nu poate fi citit ({type(exc).__name__})"
    if isinstance(exc, TimeoutError) and exc.errno is None:  # the socket's own timeout
        return f"serverul nu a răspuns în {TIMEOUT} s"
    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if code in READ_REASONS:
        return f"{READ_REASONS[code]} ({name})"
    return f"eroare la citire ({name or type(exc).__name__})"


class CopyUnreadable(Exception):
    """The copy cannot be read at all (an address that does not answer, a path that is no folder, a manifest
    missing, too large or not a manifest), or the key given to check it with cannot be used (not there, not
    an Ed25519 public key in PEM): nothing was checked."""


class KeyUnusable(ValueError):
    """A public key that is not an Ed25519 public key in PEM (said with why)."""


class Unreadable(Exception):
    """A file of the copy that is not read (said with why): too large, or not a regular file."""


class LeavesCopy(Unreadable):
    """A path that leads out of the copy through a symbolic link."""


class NotServed(Exception):
    """A file of a copy over HTTP that the server did not give (said with why): an error it answered
    with, or no answer at all (`silent`). The file itself may be as the manifest says: it is unread."""

    def __init__(self, why: str, silent: bool):
        super().__init__(why)
        self.silent = silent


class SigningKeyError(ValueError):
    """A signing key that cannot be used (said with what was expected)."""


def load_private_key(path: str):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(f"TRANSPARENCY['signing_key']: cheia {path} nu poate fi citită ({exc}); așteptat: o cheie "
                        f"Ed25519 PEM fără parolă (docs/history.md)") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"TRANSPARENCY['signing_key']: {path} nu este o cheie Ed25519 (docs/history.md)")
    return key


def public_pem(private_key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private_key.public_key().public_bytes(serialization.Encoding.PEM,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digests(root: str, paths, known: dict, observed: dict | None = None) -> dict[str, tuple[int, str]]:
    """path → (size, sha256) of each file; `known` (path → (size, mtime_ns, inode, sha256), the last
    build's, updated in place) spares reading a file whose stamp did not change; `observed` (path →
    (size, mtime_ns, inode)) holds stamps this build took already of files it has not written since."""
    found = {}
    observed = observed or {}
    for path in sorted(paths):
        stamp = observed.get(path)
        if stamp is None:
            stat = os.stat(os.path.join(root, path))
            stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        old = known.get(path)
        if old is None or old[:3] != stamp:
            old = known[path] = (*stamp, sha256_of(os.path.join(root, path)))
        found[path] = (stamp[0], old[3])
    for path in set(known) - set(found):
        del known[path]
    return found


def sums_file(files: dict[str, tuple[int, str]]) -> bytes:
    return "".join(f"{digest}  {path}\n" for path, (_, digest) in sorted(files.items())).encode("utf-8")


def manifest_file(files: dict[str, tuple[int, str]], *, commit: str, site: str, day: str) -> bytes:
    """The manifest: what `json.dumps(…, ensure_ascii=False, indent=1, sort_keys=True)` gives for
    it (tests/unit/test_integrity.py compares the two), its list of files written entry by entry.
    With `indent`, json encodes in Python, not in C: the 34,725 files of a 10,000-document site
    took 0.35 s of every build, this 0.03 s."""
    data = {"format": FORMAT, "site": site, "commit": commit or None, "build_day": day,
            "algorithm": "sha256", "count": len(files), "files": []}
    head = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    if files:  # '"files": []' appears once: a string value holding it would show its quotes escaped
        # A path as json.dumps(..., ensure_ascii=False) writes it, by the encoder's own function (dumps
        # makes an encoder per call: 0.09 s for 34,725 files, this 0.03 s); a hex digest and a whole
        # number need no escaping.
        quoted = json.encoder.encode_basestring
        entries = ",\n".join(f'  {{\n   "path": {quoted(path)},\n   "sha256": "{digest}",\n   "size": {int(size)}\n  }}'
                             for path, (size, digest) in sorted(files.items()))
        head = head.replace('"files": []', f'"files": [\n{entries}\n ]', 1)
    return (head + "\n").encode("utf-8")


def write(output, root: str, produced: set[str], *, commit: str, site: str, day: str, key, known: dict,
          observed: dict | None = None) -> set[str]:
    """Write the integrity files into `output` (an OutputFolder) for the files `produced`, signed
    with `key` (from `load_private_key`, or None); returns their paths. `known` is the digest
    cache, `observed` the stamps taken already (see `digests`)."""
    written: set[str] = set()
    if key is not None:
        output.declare([PUBLIC_KEY])
        output.write(PUBLIC_KEY, public_pem(key))
        written.add(PUBLIC_KEY)
    covered = (set(produced) | written) - NOT_COVERED
    files = digests(root, covered, known, observed)
    manifest = manifest_file(files, commit=commit, site=site, day=day)
    parts = {SUMS: sums_file(files), MANIFEST: manifest}
    if key is not None:
        parts[SIGNATURE] = base64.b64encode(key.sign(manifest)) + b"\n"
    output.declare(list(parts))
    for path, data in parts.items():
        output.write(path, data)
    return written | set(parts)


# ---------------------------------------------------------------------------
# Checking a copy


# Why a copy whose signature failed cannot be shown to be the council's, by Report.signature.
SIGNATURE_FAILED = {
    "altered": "manifestul nu corespunde semnăturii lui, deci manifestul însuși nu este de încredere",
    "stripped": "semnătura manifestului a fost înlăturată, deci manifestul însuși nu este de încredere",
    "other-key": "manifestul nu este semnat cu cheia dată",
    "unproven": "semnătura manifestului nu este validă pentru cheia dată: fie manifestul a fost schimbat după "
                "semnare, fie cheia dată nu este cea cu care a fost semnat",
    "absent": "manifestul nu este semnat, deși a fost dată o cheie",
    "unchecked": "semnătura manifestului nu a putut fi verificată (motivul este spus mai sus)",
}


@dataclass
class Report:
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # manifest entries never opened, with why
    unread: list[str] = field(default_factory=list)  # files a server did not give (NotServed), with why
    problems: list[str] = field(default_factory=list)  # SHA256SUMS's (the manifest's stop the check)
    # "valid", "" (not signed) or why it failed (a key of SIGNATURE_FAILED, said in full in signature_problem)
    signature: str = ""
    signature_problem: str = ""
    key_given: bool = False  # checked against the key the reader gave, not the one the copy publishes
    fingerprint: str = ""  # SHA-256 of the public key the signature was checked with (its DER bytes)
    not_served: list[str] = field(default_factory=list)  # host configuration absent over HTTP
    checked: int = 0
    added_sought: bool = True  # a folder lists its files; a server does not, and files added go unseen
    stopped: str = ""  # why the check stopped before the manifest's last file, and after how many
    unasked: int = 0  # files of the manifest not asked for once it stopped

    @property
    def files_match(self) -> bool:
        return not (self.files_wrong or self.unread or self.stopped)

    @property
    def files_wrong(self) -> bool:
        """A file missing, added or different, an invalid entry or a problem of SHA256SUMS was found; unread
        files and a check that stopped show nothing either way."""
        return bool(self.missing or self.added or self.different or self.invalid or self.problems)

    @property
    def found_wrong(self) -> bool:
        """Something definitely wrong was found: in the files, or a failed signature (not one that could
        not be checked)."""
        return self.files_wrong or bool(self.signature_problem and self.signature != "unchecked")

    @property
    def ok(self) -> bool:
        return self.files_match and not self.signature_problem

    def failed(self, why: str, said: str) -> None:
        """The signature failed: `why` (a key of SIGNATURE_FAILED), `said` in full."""
        self.signature, self.signature_problem = why, said

    def lines(self) -> list[str]:
        out = [f"lipsește: {p}" for p in self.missing] + [f"în plus: {p}" for p in self.added] + \
              [f"diferit: {p}" for p in self.different] + [f"necitit: {why}" for why in self.unread] + \
              list(self.invalid) + list(self.problems)
        out += [self.signature_problem] if self.signature_problem else []
        out += [f"neverificat prin HTTP: {p} (fișier de configurare pe care găzduirea îl citește, nu îl servește)"
                for p in self.not_served]
        if self.fingerprint:
            out.append(f"Cheia publică folosită are amprenta SHA-256 {self.fingerprint}.")
        if self.stopped:
            out.append(f"Verificarea nu s-a încheiat: {self.stopped}.")
        if self.ok:
            out.append(f"Copia corespunde manifestului: {count(self.checked, 'fișier verificat', 'fișiere verificate')}"
                       + self.signature_said())
        else:  # the last line says the outcome, never the fingerprint (which reads like success)
            out.append(self.verdict())
        return out

    def verdict(self) -> str:
        """What failed: the files (and whether the signature shows the manifest genuine), or, every file
        matching, the signature alone; files unread (or not asked for, the check stopped) and nothing
        wrong found in the others: that the copy could not be checked whole, not that it differs."""
        if self.files_match:
            return (f"Copia NU poate fi arătată ca fiind cea publicată de consiliu: "
                    f"{count(self.checked, 'fișier corespunde', 'fișiere corespund')} manifestului, dar "
                    f"{SIGNATURE_FAILED[self.signature]}.")
        unchecked = []  # not a difference: the server did not give them, or was not asked, and they were not checked
        if self.unread:
            unchecked.append(count(len(self.unread), "fișier pe care serverul nu l-a dat (necitit)",
                                   "fișiere pe care serverul nu le-a dat (necitite)"))
        if self.unasked:
            unchecked.append(count(self.unasked, "fișier necerut", "fișiere necerute"))
        if not self.files_wrong:
            return (f"Copia nu a putut fi verificată în întregime: {', '.join(unchecked)}; {self.matched()}; "
                    f"{self.signature_with_differences(changed=False)}.")
        parts = [count(len(self.different), "fișier diferit", "fișiere diferite"),
                 count(len(self.missing), "fișier lipsă", "fișiere lipsă")]
        if self.added_sought:
            parts.append(count(len(self.added), "fișier în plus", "fișiere în plus"))
        others = [count(len(self.invalid), "intrare nevalidă în manifest", "intrări nevalide în manifest")
                  ] if self.invalid else []
        others += unchecked
        if self.problems:
            others.append(count(len(self.problems), "problemă a SHA256SUMS, spusă mai sus",
                                "probleme ale SHA256SUMS, spuse mai sus"))
        said = "; ".join(", ".join(group) for group in (parts, others) if group)
        return f"Copia NU corespunde manifestului: {said}; {self.signature_with_differences()}."

    def matched(self) -> str:
        """The files checked, all matching, beside those that were not."""
        if self.stopped:
            return (f"{count(self.checked, 'fișier verificat corespunde', 'fișiere verificate corespund')} manifestului"
                    if self.checked else "niciun fișier nu a fost verificat")
        if self.checked == 1:
            return "celălalt fișier corespunde manifestului"
        return (f"celelalte {count(self.checked, 'fișier', 'fișiere')} corespund manifestului" if self.checked
                else "niciun alt fișier nu a fost verificat")

    def signature_with_differences(self, changed: bool = True) -> str:
        """Whether the manifest the copy differs from (`changed`), or is checked against, is the one signed."""
        if self.signature == "valid":
            whose = "cheia dată" if self.key_given else "cheia publicată chiar în copie"
            return (f"semnătura manifestului este validă pentru {whose}" +
                    (", deci manifestul este cel semnat, iar copia a fost schimbată după semnare" if changed else ""))
        if not self.signature:
            return "manifestul nu este semnat"
        return f"în plus, {SIGNATURE_FAILED[self.signature]}"

    def signature_said(self) -> str:
        if self.signature != "valid":  # anyone can write a manifest to match the files they changed
            return ("; manifestul nu este semnat. Fără semnătură, verificarea arată doar că fișierele corespund "
                    "manifestului, nu și că sunt cele publicate de consiliu: un manifest rescris pe măsura unor "
                    "fișiere schimbate ar trece la fel. Dacă consiliul își semnează site-ul, obțineți cheia lui "
                    "publică din altă sursă decât copia (de la consiliu) și dați-o cu --key: o copie din care "
                    "semnătura a fost înlăturată nu mai trece.")
        if self.key_given:
            return "; semnătura este validă pentru cheia dată."
        return ("; semnătura este validă pentru cheia publicată chiar în copie. Aceasta arată că fișierele nu au "
                "fost schimbate după semnare, nu și cine a semnat: o copie schimbată și semnată din nou cu altă "
                "cheie ar trece la fel. Comparați amprenta de mai sus cu cea pe care consiliul o face publică în "
                "altă parte, sau dați cheia consiliului cu --key.")


def entry_refused(path, size, digest) -> str:
    """Why a manifest entry is not to be opened ("" when it may be): its path must be relative, in POSIX
    form, with no empty, `.` or `..` segment, no backslash and no NUL or other control character."""
    if not isinstance(path, str):
        return "calea nu este un șir de caractere"
    if not path or path.startswith("/"):
        return "calea nu este relativă"
    if "\\" in path or any(ord(c) < 32 or ord(c) == 127 for c in path):
        return "calea conține „\\”, NUL sau un caracter de control"
    if any(part in ("", ".", "..") for part in path.split("/")):
        return "calea are un segment gol, „.” sau „..”"
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        return "mărimea nu este un număr natural"
    if not isinstance(digest, str):
        return "amprenta nu este un șir de caractere"
    return ""


def bounded(stream, limit: int):
    """The blocks of `stream`, up to `limit` + 1 bytes: one byte more than `limit` says there is more."""
    left = limit + 1
    while left > 0:
        block = stream.read(min(CHUNK, left))
        if not block:
            return
        left -= len(block)
        yield block


def cut_short(stream) -> None:
    """IncompleteRead (NotServed, by Source.opened) when `stream`, read to its end, is an HTTP answer
    that promised more bytes than it gave (its Content-Length): the connection was closed in the middle.
    http.client's read(amt) returns the bytes it got and says nothing; a file a server sends whole,
    shorter than the manifest says, is a difference, this one is unread."""
    left = getattr(stream, "length", None) if isinstance(stream, http.client.HTTPResponse) else None
    if left:
        raise http.client.IncompleteRead(b"", left)


class Source:
    """A copy of the site: a folder, or an address served over HTTP(S)."""

    def __init__(self, where: str):
        self.where = where
        self.remote = urllib.parse.urlsplit(where).scheme in ("http", "https")

    @contextlib.contextmanager
    def opened(self, path: str):
        """The file at `path` (a path `entry_refused` accepts) as a binary stream, None when the copy has
        no such file; raises LeavesCopy or Unreadable for a file of a folder that must not be read."""
        if not self.remote:
            with self._local(path) as stream:
                yield stream
            return
        url = self.location(path)
        response = self._fetched(url)
        if response is None:
            yield None
            return
        with response:
            try:
                yield response
            except (OSError, http.client.HTTPException) as exc:
                raise NotServed(f"{url} nu poate fi citit până la capăt: {why_unreadable(exc)}", True) from exc

    def _fetched(self, url: str):
        """The server's answer for `url`, None for 404; NotServed when it answers with another error,
        or does not answer: asked once more a second later when the error may pass (a server busy
        for a moment: 5xx, 429, no answer), not when it refuses (403, say)."""
        for attempt in range(2):
            try:
                return urllib.request.urlopen(url, timeout=TIMEOUT)  # noqa: S310 - http(s) only
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code == 404:
                    return None
                failed = NotServed(f"{url} nu poate fi citit: serverul răspunde cu eroarea HTTP {exc.code} "
                                   f"({exc.reason})", False)
                if exc.code < 500 and exc.code != 429:
                    raise failed from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                failed = NotServed(f"{url} nu poate fi citit: {why_unreadable(exc)}", True)
            if attempt == 0:
                time.sleep(RETRY_AFTER)
        raise failed

    def location(self, path: str) -> str:
        """Where the file at `path` is: its address, or its path in the folder (for messages)."""
        if self.remote:
            return self.where.rstrip("/") + "/" + urllib.parse.quote(path)
        return os.path.join(self.where, path)

    @contextlib.contextmanager
    def _local(self, path: str):
        root = os.path.realpath(self.where)
        full = os.path.realpath(os.path.join(root, path))
        try:
            inside = os.path.commonpath([root, full]) == root
        except ValueError:  # another drive (Windows)
            inside = False
        if not inside:
            raise LeavesCopy("duce în afara copiei printr-o legătură simbolică")
        try:  # not blocking: a named pipe is said, not waited on
            descriptor = os.open(full, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            yield None
            return
        except OSError as exc:  # no right to read it, say
            raise Unreadable(f"nu poate fi citit: {why_unreadable(exc)}") from None
        with open(descriptor, "rb") as handle:
            mode = os.fstat(descriptor).st_mode
            if stat.S_ISDIR(mode):
                yield None
                return
            if not stat.S_ISREG(mode):
                raise Unreadable("nu este un fișier obișnuit")
            yield handle

    def read(self, path: str) -> bytes | None:
        """The whole file at `path`, None when missing; Unreadable when larger than READ_LIMIT."""
        with self.opened(path) as stream:
            data = None if stream is None else b"".join(bounded(stream, READ_LIMIT))
            if data is not None and len(data) <= READ_LIMIT:
                cut_short(stream)
        if data is not None and len(data) > READ_LIMIT:
            raise Unreadable(f"are mai mult de {READ_LIMIT >> 20} MB: nu a fost citit mai departe")
        return data

    def matches(self, path: str, size: int, digest: str) -> bool | None:
        """Whether the file at `path` has `size` bytes and that SHA-256, read as it streams and no further
        than `size` + 1 bytes; None when missing. LeavesCopy and NotServed as `opened` (an answer cut short
        too: `cut_short`); a file not to be read differs."""
        try:
            with self.opened(path) as stream:
                if stream is None:
                    return None
                found, length = hashlib.sha256(), 0
                for block in bounded(stream, size):
                    found.update(block)
                    length += len(block)
                if length <= size:  # the stream ended before its bound: was the answer whole?
                    cut_short(stream)
        except LeavesCopy:
            raise
        except Unreadable:
            return False
        return length == size and found.hexdigest() == digest

    def listing(self) -> set[str] | None:
        """Every file of the copy (None over HTTP), hidden ones included (a `.htaccess` added to a copy
        redirects its pages), but for the record the build keeps of its own output."""
        if self.remote:
            return None
        root = Path(self.where)
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {BUILD_RECORD}


def verify(where: str, key_pem: bytes | None = None, key_name: str = "") -> Report:
    """Check the copy `where` (a folder, or an http(s) address) against its manifest, the signature
    against `key_pem` (the key in the file `key_name`) or else the key the copy publishes. Raises
    CopyUnreadable when the copy, its manifest or the key given cannot be read at all: nothing was checked.
    A server that stops answering or giving files (SILENT_LIMIT, REFUSED_LIMIT) ends the check early:
    the report says so (`stopped`) and keeps what was found until then."""
    report = Report()
    source = Source(where)
    given = None
    if key_pem is not None:
        try:
            given = public_key(key_pem, f"cheia dată ({key_name})" if key_name else "cheia dată", given=True)
        except KeyUnusable as exc:
            raise CopyUnreadable(str(exc)) from None
    if not source.remote and not os.path.isdir(where):
        raise CopyUnreadable(f"{where} nu este un folder: dați folderul copiei site-ului sau adresa ei http(s)"
                             if os.path.exists(where) else f"{where} nu există")
    try:
        raw = source.read(MANIFEST)
    except Unreadable as exc:  # without its manifest, nothing can be checked
        raise CopyUnreadable(f"manifestul {source.location(MANIFEST)} {exc}") from None
    except NotServed as exc:
        raise CopyUnreadable(str(exc)) from None
    if raw is None:
        raise CopyUnreadable(f"manifestul {source.location(MANIFEST)} lipsește: nu este o copie a site-ului (dați "
                             f"folderul ei rădăcină sau adresa de început a site-ului) sau este incompletă")
    try:
        manifest = json.loads(raw)
        entries = [(f["path"], f["size"], f["sha256"]) for f in manifest["files"]]
        listed = {path: (size, digest) for path, size, digest in entries if isinstance(path, str)}
    except json.JSONDecodeError as exc:  # the place, not the parser's English
        raise CopyUnreadable(f"manifestul {source.location(MANIFEST)} nu este un text JSON valid (eroare la linia "
                             f"{exc.lineno}, coloana {exc.colno})") from None
    except UnicodeDecodeError:
        raise CopyUnreadable(f"manifestul {source.location(MANIFEST)} nu este un text UTF-8") from None
    except (ValueError, KeyError, TypeError, RecursionError):
        raise CopyUnreadable(f"manifestul {source.location(MANIFEST)} nu are forma unui manifest: așteptat un obiect "
                             f"JSON cu lista „files”, fiecare intrare cu „path”, „size” și „sha256”") from None
    check_signature(source, raw, given, set(listed), report)
    try:
        sums = source.read(SUMS)
    except Unreadable as exc:
        report.problems.append(f"{SUMS} {exc}")
    except NotServed as exc:
        report.unread.append(str(exc))
    else:
        if sums is None:
            report.missing.append(SUMS)
        elif sums != sums_file(listed):
            report.problems.append(f"{SUMS} nu corespunde manifestului")
    silent = not_given = 0  # files in a row the server gave no answer for, and did not give
    entries = sorted(entries, key=lambda e: str(e[0]))
    for done, (path, size, digest) in enumerate(entries, 1):
        refused = entry_refused(path, size, digest)
        try:
            same = None if refused else source.matches(path, size, digest)
        except LeavesCopy as exc:
            refused = str(exc)
        except NotServed as exc:  # said, and the check goes on: one file a server fails to give proves nothing
            report.unread.append(str(exc))
            silent, not_given = silent + 1 if exc.silent else 0, not_given + 1
            why = (f"serverul nu a mai răspuns pentru {SILENT_LIMIT} fișiere la rând" if silent >= SILENT_LIMIT else
                   f"serverul nu a dat {count(REFUSED_LIMIT, 'fișier', 'fișiere')} la rând"
                   if not_given >= REFUSED_LIMIT else "")
            if why:  # what was found so far is kept and said, with the stop
                report.unasked = len(entries) - done
                report.stopped = (f"{why}; s-a oprit după "
                                  f"{count(report.checked, 'fișier verificat', 'fișiere verificate')}" + (
                                      ", iar " + count(report.unasked, "fișier din manifest nu a mai fost cerut",
                                                       "fișiere din manifest nu au mai fost cerute")
                                      if report.unasked else ""))
                break
            continue
        silent = not_given = 0
        if refused:
            report.invalid.append(f"intrare nevalidă în manifest: {path!r} ({refused}); nu a fost deschisă")
            continue
        if same is None and source.remote and path in NOT_SERVED:
            report.not_served.append(path)
            continue
        report.checked += 1
        if same is None:
            report.missing.append(path)
        elif not same:
            report.different.append(path)
    present = source.listing()
    report.added_sought = present is not None
    if present is not None:
        report.added = sorted(present - set(listed) - NOT_COVERED)
    return report


def read_key(path: str) -> bytes:
    """The bytes of the key file given with --key, up to READ_LIMIT; CopyUnreadable when it cannot be read."""
    try:  # not blocking: a named pipe given for the key is said, not waited on (it would wait for ever)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise CopyUnreadable(f"cheia dată ({path}) nu este un fișier obișnuit: dați fișierul cheii publice")
            data = b"".join(bounded(handle, READ_LIMIT))
    except OSError as exc:
        raise CopyUnreadable(f"cheia dată ({path}) nu poate fi citită: {why_unreadable(exc)}") from None
    if len(data) > READ_LIMIT:
        raise CopyUnreadable(f"cheia dată ({path}) are mai mult de {READ_LIMIT >> 20} MB: nu este o cheie publică")
    return data


def public_key(pem: bytes, whose: str, given: bool = False):
    """The Ed25519 public key in `pem` (`whose` it is, for the message); KeyUnusable otherwise."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        private = given and b"PRIVATE KEY" in pem
        raise KeyUnusable(f"{whose} nu este o cheie publică PEM" + (
            ": este cheia privată, care nu se dă nimănui; dați cheia publică (cheie-publica.pem)" if private else "")
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyUnusable(f"{whose} nu este o cheie Ed25519, cu care semnează acest program")
    return key


def check_signature(source: Source, manifest: bytes, given, listed: set, report: Report) -> None:
    """The manifest's signature checked with the key `given` (from `public_key`), else with the one the
    copy publishes; `listed` the paths the manifest names (one of them the key: the copy was signed).
    A signature that fails with the key given is tried with the published one, to tell a manifest signed
    with another key from one changed after signing."""
    found = {}
    for path in (SIGNATURE, PUBLIC_KEY):
        try:
            found[path] = source.read(path)
        except Unreadable as exc:
            report.failed("unchecked", f"semnătura nu poate fi verificată: {path} {exc}")
            return
        except NotServed as exc:
            report.failed("unchecked", f"semnătura nu poate fi verificată: {exc}")
            return
    signature, published = found[SIGNATURE], found[PUBLIC_KEY]
    if signature is None:
        if PUBLIC_KEY in listed:  # a signed build lists its key: the signature was taken away
            report.failed("stripped", f"semnătura manifestului ({SIGNATURE}) lipsește, deși manifestul listează "
                                      f"cheia publică ({PUBLIC_KEY}): copia a fost semnată, iar semnătura a fost "
                                      f"înlăturată")
        elif given is not None:
            report.failed("absent", f"manifestul nu este semnat ({SIGNATURE} lipsește), deși a fost dată o cheie")
        return
    own, unusable = None, f"lipsește cheia publică ({PUBLIC_KEY})"
    if published is not None:
        try:
            own = public_key(published, f"cheia publicată în copie ({PUBLIC_KEY})")
        except KeyUnusable as exc:
            unusable = str(exc)
    key = given or own
    if key is None:
        report.failed("unchecked", f"semnătura nu poate fi verificată: {unusable}")
        return
    report.key_given = given is not None
    report.fingerprint = fingerprint(key)
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
    except ValueError:
        report.failed("altered", f"semnătura manifestului ({SIGNATURE}) nu este un text base64: a fost schimbată")
        return
    if signs(key, raw, manifest):
        report.signature = "valid"
    elif given is None:
        report.failed("altered", "semnătura manifestului nu este validă: manifestul, semnătura sau cheia publicată "
                                 "în copie au fost schimbate după semnare")
    elif own is None:
        report.failed("unproven", f"semnătura manifestului nu este validă pentru cheia dată, iar copia nu are o "
                                  f"cheie publicată cu care să fie încercată ({unusable})")
    elif fingerprint(own) != report.fingerprint and signs(own, raw, manifest):
        report.failed("other-key", f"semnătura manifestului nu este validă pentru cheia dată, ci pentru cheia "
                                   f"publicată în copie, care este alta (amprenta SHA-256 {fingerprint(own)}): "
                                   f"manifestul a fost semnat cu altă cheie decât cea dată")
    else:
        which = ("pentru cheia dată, aceeași cu cea publicată în copie" if fingerprint(own) == report.fingerprint
                 else "nici pentru cheia dată, nici pentru cheia publicată în copie")
        report.failed("altered", f"semnătura manifestului nu este validă {which}: manifestul sau semnătura au fost "
                                 f"schimbate după semnare")


def fingerprint(key) -> str:
    """SHA-256 of the public key's DER bytes (SubjectPublicKeyInfo): what `openssl pkey -pubin -outform DER
    | sha256sum` gives."""
    from cryptography.hazmat.primitives import serialization

    return hashlib.sha256(key.public_bytes(serialization.Encoding.DER,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)).hexdigest()


def signs(key, signature: bytes, manifest: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(signature, manifest)
    except InvalidSignature:
        return False
    return True
