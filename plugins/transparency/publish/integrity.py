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

This module is what the build writes. Checking a copy of the site against
these files (`python -m transparency verify`) is publish/verify.py's, which
takes their paths and the SHA256SUMS format from here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

FOLDER = "date/integritate"
SUMS = f"{FOLDER}/SHA256SUMS"
MANIFEST = f"{FOLDER}/manifest.json"
SIGNATURE = f"{FOLDER}/manifest.json.sig"
PUBLIC_KEY = f"{FOLDER}/cheie-publica.pem"
NOT_COVERED = frozenset({SUMS, MANIFEST, SIGNATURE})  # what cannot list itself
FORMAT = 1


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
