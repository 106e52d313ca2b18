"""The project's own Pelican settings, under one namespaced name.

`TRANSPARENCY = {...}` in pelicanconf.py; unknown keys are errors, and each
key says what it expected when given something else.
"""

from __future__ import annotations

DEFAULTS = {
    # Folder for caches of parsed content (relative to the working directory).
    "build_cache": ".cache/transparency",
    # Worker processes for rendering; 0 means one per CPU core.
    "workers": 0,
    # Attachment types that can carry script (svg, html) published anyway, only as downloads;
    # by default such attachments are errors (see attachment_types.py and docs/hosting.md).
    "download_only_types": (),
    # A document's history (docs/history.md): commit authors' names shown (never their e-mail addresses).
    "history_authors": False,
    # The address of one commit in the council's public repository, with {commit} for its full id
    # (e.g. "https://github.com/consiliu/decizii/commit/{commit}"): each commit id in a history links there.
    "history_commit_url": None,
    # Path of an Ed25519 private key (PEM, no passphrase) signing /date/integritate/manifest.json; None: unsigned.
    "signing_key": None,
}

DOCUMENTED = {
    "build_cache": "folder for caches of parsed and rendered content",
    "workers": "worker processes used to render pages (0 = one per core)",
    "download_only_types": "attachment types that can hold script (svg, html) published anyway, "
                           "only as downloads (needs the headers of docs/hosting.md); empty: refused",
    "history_authors": "show the names of commit authors in each document's history (off by default; "
                       "e-mail addresses are never shown)",
    "history_commit_url": "the address of one commit in the council's public git repository, {commit} standing "
                          "for its full id: each commit a history names links there (None: no link)",
    "signing_key": "path of an Ed25519 private key (PEM) that signs /date/integritate/manifest.json; "
                   "None: the manifest is published unsigned",
}
DOWNLOAD_ONLY_CHOICES = ("svg", "html")


class SettingsError(ValueError):
    pass


def resolve(user: dict | None) -> dict:
    user = user or {}
    if not isinstance(user, dict):
        raise SettingsError(f"TRANSPARENCY: expected a dict, got {type(user).__name__}")
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        raise SettingsError(f"TRANSPARENCY: unknown key(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}")
    merged = {**DEFAULTS, **user}
    if not isinstance(merged["build_cache"], str):
        raise SettingsError(f"TRANSPARENCY['build_cache']: expected a folder path (str), got {merged['build_cache']!r}")
    if not isinstance(merged["workers"], int) or merged["workers"] < 0:
        raise SettingsError(f"TRANSPARENCY['workers']: expected a whole number ≥ 0, got {merged['workers']!r}")
    types = merged["download_only_types"]
    if isinstance(types, str) or not isinstance(types, (list, tuple)) or \
            any(t not in DOWNLOAD_ONLY_CHOICES for t in types):
        raise SettingsError(f"TRANSPARENCY['download_only_types']: expected a list of some of "
                            f"{', '.join(map(repr, DOWNLOAD_ONLY_CHOICES))}, got {types!r}")
    merged["download_only_types"] = tuple(sorted(set(types)))
    if not isinstance(merged["history_authors"], bool):
        raise SettingsError(f"TRANSPARENCY['history_authors']: expected True or False, got {merged['history_authors']!r}")
    url = merged["history_commit_url"]
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))
                                and url.count("{commit}") == 1 and "{" not in url.replace("{commit}", "")):
        raise SettingsError("TRANSPARENCY['history_commit_url']: expected None or an http(s) address with {commit} "
                            f"once, e.g. 'https://github.com/consiliu/decizii/commit/{{commit}}', got {url!r}")
    if merged["signing_key"] is not None and not isinstance(merged["signing_key"], str):
        raise SettingsError(f"TRANSPARENCY['signing_key']: expected a file path (str) or None, "
                            f"got {merged['signing_key']!r}")
    return merged
