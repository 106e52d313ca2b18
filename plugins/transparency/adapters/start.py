"""The start of a build: its settings, caches and key, and whether the site as last built is still current.

One function (`begin`) says it for both callers: the generator, when Pelican runs it, and
`python -m transparency build`, which asks before it starts Pelican's generators. When nothing
changed (publish/unchanged.py), the command then stops there, without importing the generator
and everything it publishes with: in a rebuild with nothing changed at 10,000 documents, that
import and Pelican's run were a quarter of the time.
"""

from __future__ import annotations

import datetime as dt
import os
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from ..build.cache import BuildCache
from ..domain import dates
from ..publish import integrity, pages, unchanged
from ..source import git_repository
from . import settings as project_settings


# Settings that Pelican's own readers fill in when its generators start (MarkdownReader adds the
# `extensions` of MARKDOWN): the generator would sign them changed and the command not. This
# project's reader owns `.md` and never reads them (source/markup.py sets its own extensions).
FILLED_IN_BY_PELICAN = frozenset({"MARKDOWN"})


@dataclass
class Begun:
    made_for: tuple[str, str, str]  # the content, theme and output folders
    options: dict  # the resolved TRANSPARENCY settings (adapters/settings.py)
    parsed_cache: BuildCache  # parsed content, per content folder: shared with `check`
    cache: BuildCache  # everything else, per content and output folder
    signing_key: object | None  # the manifest's (publish/integrity.py), loaded
    today: dt.date
    signature: unchanged.Signature | None  # of everything the site is made from
    current: bool  # the last build's site is still current: nothing to do


def begin(settings: dict, path: str, theme: str, output_path: str) -> Begun:
    """Raises project_settings.SettingsError for an option or a signing key that cannot be used:
    before anything is written."""
    options = project_settings.resolve(settings.get("TRANSPARENCY"))
    parsed_cache = BuildCache(options["build_cache"], path)
    cache = BuildCache(options["build_cache"], path, output_path, version=parsed_cache.version)
    try:
        signing_key = integrity.load_private_key(options["signing_key"]) if options["signing_key"] else None
    except integrity.SigningKeyError as exc:
        raise project_settings.SettingsError(str(exc)) from exc
    today = dates.build_day(os.environ)
    signature = unchanged.signature([Path(path), Path(theme)], {
        "code": cache.version,
        "settings": {k: v for k, v in settings.items() if pages.is_plain(v) and k not in FILLED_IN_BY_PELICAN},
        "today": today.isoformat(), "output": os.path.realpath(output_path),
        "history": git_repository.head_id(Path(path))})
    last = cache.load("last-build").get("record")
    current = isinstance(last, unchanged.LastBuild) and last.still_current(signature, Path(output_path))
    return Begun(made_for=(path, theme, output_path), options=options, parsed_cache=parsed_cache, cache=cache,
                 signing_key=signing_key, today=today, signature=signature, current=current)


# The start the command found not current, for the generator Pelican then runs (`begun`): the
# signature is not taken twice, nor the last build's record read twice (0.2 s at 10,000 documents).
ASKED: ContextVar[Begun | None] = ContextVar("asked", default=None)


def begun(settings: dict, path: str, theme: str, output_path: str) -> Begun:
    """`begin`, or the start the command asked for these folders (ASKED)."""
    asked = ASKED.get()
    if asked is not None and asked.made_for == (path, theme, output_path):
        return asked
    return begin(settings, path, theme, output_path)
