"""`verify`: a copy of the site, a folder or an address served over HTTP, checked against its manifest.

`verify` checks a copy of the site (a folder, or an address served over
HTTP) against its manifest and names every file missing, added (a folder
only: a web server does not list its files) or different, and checks the
signature. The published key proves nothing by itself (whoever changed the
files could change the key): pass the council's key with `--key` to check
the copy against it; `verify` prints the fingerprint of the key it used, to
compare with the one the council publishes elsewhere. Over HTTP, `_headers`
is not expected to be served (hosts read it as configuration).

The files it checks are those publish/integrity.py writes. Whoever made the
copy wrote its manifest too, so nothing in it is trusted: how a file of the
copy is read (bounded, never outside the copy, asked again once over HTTP)
is publish/site_copy.py's; this module judges what was read, and `Report`
says it in Romanian, the verdict last. A server that stops answering or
giving files ends the check early (SILENT_LIMIT, REFUSED_LIMIT): the report
keeps what was found until then.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field

from ..domain.text import count
from .hosting import HEADERS_FILE
from .integrity import MANIFEST, NOT_COVERED, PUBLIC_KEY, SIGNATURE, SUMS, sums_file
from .site_copy import (READ_LIMIT, LeavesCopy, NotServed, Source, Unreadable, bounded, entry_refused,
                        why_unreadable)

# Files a host reads as its configuration and does not serve (Netlify, Cloudflare Pages): over HTTP,
# their absence is not a difference; in a folder they are checked as any other file.
NOT_SERVED = frozenset({HEADERS_FILE})
SILENT_LIMIT = 3  # files in a row the server gives no answer for: it is down, and the check stops
REFUSED_LIMIT = 20  # files in a row it does not give: it gives none (a copy behind a login, say), and the check stops


class CopyUnreadable(Exception):
    """The copy cannot be read at all (an address that does not answer, a path that is no folder, a manifest
    missing, too large or not a manifest), or the key given to check it with cannot be used (not there, not
    an Ed25519 public key in PEM): nothing was checked."""


class KeyUnusable(ValueError):
    """A public key that is not an Ed25519 public key in PEM (said with why)."""


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
