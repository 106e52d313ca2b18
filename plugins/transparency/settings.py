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
}

DOCUMENTED = {
    "build_cache": "folder for caches of parsed and rendered content",
    "workers": "worker processes used to render pages (0 = one per core)",
}


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
    return merged
