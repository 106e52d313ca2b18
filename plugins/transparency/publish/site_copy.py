"""A copy of the site as `verify` reads it (publish/verify.py): a folder, or an address over HTTP(S).

Whoever made the copy wrote its manifest, so `verify` trusts none of it: a
path must be relative and plain (`entry_refused`: no empty, `.` or `..`
segment, no backslash, NUL or control character) and, in a folder, lead to a
file inside the copy once symbolic links are followed; any other entry is
named as invalid and never opened nor fetched. Every read is bounded: a
file is hashed as it streams and read no further than one byte past the size
the manifest gives it (more is a difference), the manifest, SHA256SUMS, the
signature and the key no further than READ_LIMIT; in a folder, only a
regular file is read (a named pipe would wait for a writer forever).

Over HTTP, a file the server does not give is unread (NotServed), not a
difference: asked for once more after RETRY_AFTER when the error may pass
(5xx, 429, no answer), not when the server refuses it. Why a read failed is
said in Romanian, with the system's name for it (`why_unreadable`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import http.client
import os
import socket
import ssl
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..build.outputs import MANIFEST as BUILD_RECORD

READ_LIMIT = 64 << 20  # bytes: the most `verify` reads of the manifest, SHA256SUMS, the signature or the key
CHUNK = 1 << 20
TIMEOUT = 30  # seconds an HTTP copy may stay silent
RETRY_AFTER = 1  # seconds before a file the server did not give is asked for again, once


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
