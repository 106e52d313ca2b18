"""Read a `_headers` file as Netlify and Cloudflare Pages read it (tests only)."""

from __future__ import annotations

import re


def rules(data: bytes) -> dict[str, dict[str, str]]:
    """{path: {header: value}}: a path at the start of a line, then its indented `Name: value` lines;
    `#` lines are comments. Anything else, or a header given twice for one path, fails."""
    found: dict[str, dict[str, str]] = {}
    path = None
    for line in data.decode("utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        if line[0] in " \t":
            name, value = line.strip().split(": ", 1)
            assert path is not None and name not in found[path], line
            found[path][name] = value
        else:
            assert line.startswith("/") and not re.search(r"\s", line), f"not a path: {line!r}"
            path = line
            found[path] = {}
    return found
