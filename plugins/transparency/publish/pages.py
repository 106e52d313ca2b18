"""Render the site's pages, skipping those whose inputs did not change.

A page is a pure function of its template (and the templates it extends or
includes), its context and the build's settings. Each page's inputs are
hashed (the context through pickle); when the hash matches the manifest of
the previous build and the file it wrote is still there untouched (same size
and modification time), the page is not rendered again. The others are
rendered on every core, and written only if their bytes changed.

Files are written through outputs.OutputFolder (checked paths, atomic
writes); the files a build no longer produces are removed there, from the
manifest kept in the output folder.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

from ..build import outputs
from ..domain import urls
from .records import PageRecord, Stamp


def _digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part)
        h.update(b"\0")
    return h.hexdigest()


def templates_digest(folders, settings: dict, code_version: str) -> bytes:
    """Everything a page depends on besides its own context: templates, settings, code."""
    h = hashlib.blake2b(digest_size=20)
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    plain = {k: v for k, v in settings.items() if _is_plain(v)}
    h.update(json.dumps(plain, sort_keys=True, default=str).encode())
    h.update(code_version.encode())
    return h.digest()


def _is_plain(value) -> bool:
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def input_key(shared: bytes, template: str, context: dict) -> str | None:
    try:
        data = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None  # not hashable this way: always rendered
    return _digest(shared, template.encode(), data)


def digest_text(*parts: str) -> str:
    return _digest(*(part.encode("utf-8") for part in parts))


def file_digest(path: Path) -> str:
    return _digest(Path(path).read_bytes())


def render(routes: list, context_of, common: dict, get_template, output: outputs.OutputFolder, shared: bytes,
           known: dict[str, PageRecord], worker_count: int) -> dict[str, PageRecord]:
    """Render `routes` (each with `path` and `template`; `context_of(route)` is its context, on
    top of `common`) into `output`; returns the record of each page (`known`: the last build's).

    Each core takes a slice of the routes, computes their contexts, hashes them and renders the
    pages whose hash differs from the manifest's."""
    shared = _digest(shared, pickle.dumps(common, protocol=pickle.HIGHEST_PROTOCOL)).encode()

    def render_slice(part):
        done = []
        for route in part:
            context = context_of(route)
            key = input_key(shared, route.template, context)
            before = known.get(route.path)
            relative = urls.output_file(route.path)
            found = Stamp.of(output.target(relative))
            if key is None or before != PageRecord(key, found):
                html = get_template(route.template.rsplit(".", 1)[0]).render({**common, **context})
                output.write(relative, html.encode("utf-8"))
                found = Stamp.of(output.target(relative))
            done.append((route.path, PageRecord(key, found)))
        return done

    return dict(outputs.in_workers(render_slice, routes, worker_count))
