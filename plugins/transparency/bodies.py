"""Body HTML of every document: rendered once per distinct body, on every core.

Markdown → safe HTML depends on the body alone, so it is kept in the build
cache under the body's hash and only new or edited bodies are rendered
(spread over the CPU cores, one Markdown converter per worker). Decision
mentions are then linked; that depends on where the cited decisions live,
so the linked HTML is reused only while the address of every citation the
body mentions is unchanged.
"""

from __future__ import annotations

import hashlib

from . import markup, workers
from .text import fold


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def mentioned(html: str) -> tuple[str, ...]:
    """Every `NUMBER/YEAR` that `markup.link_mentions` could link in `html` (a superset: tags included)."""
    found = {f"{int(m.group(1))}/{m.group(2)}" for m in markup.MENTION_RE.finditer(fold(html).lower())}
    return tuple(sorted(found))


def _render_slice(bodies: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    md = markup.converter()
    results = []
    for body in bodies:
        html = markup.render(body, md)
        results.append((html, mentioned(html)))
    return results


def render_all(documents, url_for_citation, cache: dict, worker_count: int) -> dict:
    """{(type, id): linked body HTML}. `cache` (body hash → entry) is read and updated in place;
    entries not used by this build are dropped from it."""
    keys = {(doc.type, doc.id): digest(doc.body) for doc in documents}
    missing = {}
    for doc in documents:
        key = keys[(doc.type, doc.id)]
        if key not in cache and key not in missing:
            missing[key] = doc.body
    fresh = workers.map_slices(_render_slice, list(missing.values()), worker_count)
    for key, (html, citations) in zip(missing, fresh):
        cache[key] = {"html": html, "citations": citations, "urls": None, "linked": None}
    result = {}
    for name, key in keys.items():
        entry = cache[key]
        urls = tuple(url_for_citation(c) for c in entry["citations"])
        if entry["urls"] != urls:
            linked = markup.link_mentions(entry["html"], url_for_citation) if any(urls) else entry["html"]
            entry["urls"], entry["linked"] = urls, linked
        result[name] = entry["linked"]
    for key in set(cache) - set(keys.values()):
        del cache[key]
    return result
