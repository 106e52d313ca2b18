"""Digests of what every page shares: templates, settings, code, the common context.

A page is a pure function of its template (and the templates it extends or
includes), its context and the build's settings. What its context reads is
recorded in the dependency map (publish/dependencies.py); everything else it
depends on is in `site_key`.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path



def _digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part)
        h.update(b"\0")
    return h.hexdigest()


def digest_of(*values) -> str:
    """A digest of plain values (JSON, keys sorted)."""
    return _digest(*(json.dumps(value, sort_keys=True).encode() for value in values))


def templates_digest(folders, settings: dict, code_version: str) -> bytes:
    """Everything a page depends on besides its own context: templates, settings, code."""
    h = hashlib.blake2b(digest_size=20)
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    plain = {k: v for k, v in settings.items() if is_plain(v)}
    h.update(json.dumps(plain, sort_keys=True, default=str).encode())
    h.update(code_version.encode())
    return h.digest()


def is_plain(value) -> bool:
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, (list, tuple)):
        return all(is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    return False


def site_key(folders, settings: dict, code_version: str, common: dict) -> str:
    """What every page shares: templates, settings, code and the common context (the council,
    the build day, the site's address, the static pages). When it changes, every output is made
    again (publish/dependencies.py)."""
    return _digest(templates_digest(folders, settings, code_version),
                   pickle.dumps(common, protocol=pickle.HIGHEST_PROTOCOL))
