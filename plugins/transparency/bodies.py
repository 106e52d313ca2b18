"""Body HTML of every document: rendered once per distinct body, on every core.

Markdown → safe HTML depends on the body alone, and the links of decision
mentions on the addresses of the cited decisions: the linked HTML is kept in
the build cache under the body's hash, with those addresses, and reused
while they are unchanged. New, edited or relinked bodies are rendered on
every core (one Markdown converter per worker).
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


def render_all(documents, url_for_citation, cache: dict, worker_count: int) -> dict:
    """{(type, id): linked body HTML}. `cache` (body hash → entry) is read and updated in place;
    entries not used by this build are dropped from it."""
    texts = {}
    keys = {}
    for doc in documents:
        keys[(doc.type, doc.id)] = key = digest(doc.body)
        texts.setdefault(key, doc.body)

    def links_for(citations):
        return tuple(url_for_citation(c) for c in citations)

    def render_slice(part: list[str]) -> list[dict]:
        md, done = markup.converter(), []
        for body in part:
            html = markup.render(body, md)
            citations = mentioned(html)
            urls = links_for(citations)
            done.append({"html": markup.link_mentions(html, url_for_citation) if any(urls) else html,
                         "citations": citations, "urls": urls})
        return done

    stale = [key for key in texts if key not in cache or cache[key]["urls"] != links_for(cache[key]["citations"])]
    # A body whose cited decisions moved is rendered again (rare: the linked HTML is all that is kept).
    for key, entry in zip(stale, workers.map_slices(render_slice, [texts[key] for key in stale], worker_count)):
        cache[key] = entry
    for key in set(cache) - set(texts):
        del cache[key]
    return {name: cache[key]["html"] for name, key in keys.items()}


def fingerprint(cache: dict) -> frozenset:
    """What a body cache holds: saved again only if this changed."""
    return frozenset((key, entry["urls"]) for key, entry in cache.items())
