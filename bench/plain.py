"""The baseline: the same documents as plain Pelican articles, default theme, no plugins.

Each council document becomes a Pelican Markdown article with simple
metadata (title, date, category, tags, summary, slug = our id); pages stay
pages. The baseline is measured cold (Pelican's defaults, no cache) and, for
rebuilds, with Pelican's reader cache — the only cache layer the team found
to keep the output byte-identical.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

CATEGORIES = {"hotarari": "Hotărâri", "rapoarte": "Rapoarte", "sedinte": "Ședințe"}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SETTINGS = '''\
SITENAME = "Consiliul Județean Exemplu"
SITEURL = ""
PATH = {content!r}
TIMEZONE = "Europe/Bucharest"
DEFAULT_LANG = "ro"
'''
READER_CACHE = '''\
CACHE_CONTENT = True
CONTENT_CACHING_LAYER = "reader"
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
'''


def one_line(value) -> str:
    return " ".join(str(value).split())


def article(meta: dict, body: str, doc_id: str, folder: str) -> str:
    day = meta.get("adopted") or meta.get("registered") or meta.get("date")
    if isinstance(day, dt.datetime):
        day = day.strftime("%Y-%m-%d %H:%M")
    lines = [f"Title: {one_line(meta.get('title', doc_id))}", f"Slug: {doc_id}"]
    if folder in CATEGORIES:
        lines += [f"Date: {day}", f"Category: {CATEGORIES[folder]}"]
    if meta.get("topics"):
        lines.append(f"Tags: {', '.join(meta['topics'])}")
    if meta.get("summary"):
        lines.append(f"Summary: {one_line(meta['summary'])}")
    return "\n".join(lines) + "\n\n" + body


def convert(content: Path, target: Path) -> int:
    """Write every document under `content` as a plain Pelican file under `target`; returns the count."""
    count = 0
    for path in sorted(Path(content).rglob("*.md")):
        relative = path.relative_to(content)
        folder = relative.parts[0]
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=LOADER)  # noqa: S506 - the safe loader
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(article(meta, body, path.stem, folder), encoding="utf-8")
        count += 1
    return count


def write_settings(folder: Path, content: Path, cache: Path | None = None) -> Path:
    """A minimal settings file: Pelican's defaults, our content; with `cache`, the reader cache on."""
    text = SETTINGS.format(content=str(content))
    if cache is not None:
        text += READER_CACHE.format(cache=str(cache))
    path = folder / ("pelicanconf-cached.py" if cache is not None else "pelicanconf.py")
    path.write_text(text, encoding="utf-8")
    return path
