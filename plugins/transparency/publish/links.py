"""Links of a body to an address of this site at which nothing is published (`[hotărârea](/hotarari/2025/999/)`
when no decision 999/2025 exists): a warning each, with its file and line, and the address meant when one
is obvious.

The build checks them once it knows every address of the site (the pages of `routes` and every file it
wrote): one set lookup a link, from the links each body was read with (`source.markup.address_links`,
kept in the parse cache). Only links into the site are checked: a path from the root (below the site's
own folder, when SITEURL has one) or an address starting with the site's; links to other sites, and paths
relative to the page, are not.
"""

from __future__ import annotations

import difflib
import re
from functools import cached_property
from urllib.parse import unquote, urlsplit

from ..domain import suggest
from ..domain.problems import Problems
from ..domain.text import fold
from ..source import markup

SWAPPED_RE = re.compile(r"^hotarari/(\d{1,5})/(\d{4})/?$")  # a decision's address in its citation's order, N/YYYY


def dead(site, parsed: dict, addresses: set[str]) -> Problems:
    """A warning for each link of a published body (`parsed`: source path → loader.Parsed) into the
    site whose path is none of `addresses` (paths below the site's root: "" the home page, `a/b/`,
    `a/b/index.html`, `fisiere/x.pdf`)."""
    problems = Problems()
    host = urlsplit(site.siteurl).netloc.lower()
    meant = Meant(addresses)
    for doc in site.archive.documents():
        entry = parsed.get(doc.source)
        if entry is None or not entry.links or not getattr(doc, "text_public", True):
            continue
        for line, written in entry.links:
            path = site_path(written, host, site.root)
            if path is None or path in addresses or f"{path}/" in addresses:  # `a/b`: the server adds the slash
                continue
            found = meant.address(path)
            problems.warning(doc.display, line, "text",
                             f"legătura către „{written}” duce la o adresă a site-ului la care nu se publică "
                             "nimic: pe site, legătura nu duce nicăieri",
                             suggest.hint("" if found is None else site.root + found) + markup.LINK_EXPECTED)
    return problems


def site_path(written: str, host: str, root: str) -> str | None:
    """The path below the site's root (`root`: its folder, "/" or "/transparenta/"; `host`: its host)
    that the link `written` leads to, without query or fragment and percent-decoded; None when it
    leads elsewhere."""
    try:
        parts = urlsplit(written)
    except ValueError:  # `http://[x`: no address at all
        return None
    if parts.netloc.lower() != (host if parts.scheme else ""):
        return None
    path = parts.path or "/"
    if not f"{path}/".startswith(root):
        return None
    return unquote(path[len(root):])


class Meant:
    """The address a dead link obviously meant, if any: the same but for case, diacritics, the final
    slash or `index.html`; a decision's address written in its citation's order
    (`/hotarari/5/2025/`); or a close spelling of a last part that is not a number (another number
    is another act), in a folder that exists. Made only when a link is dead."""

    def __init__(self, addresses: set[str]):
        self.addresses = addresses

    @cached_property
    def by_key(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for address in self.addresses:
            if not address.endswith("index.html"):  # a page's file: its address says it
                found.setdefault(key(address), set()).add(address)
        return found

    @cached_property
    def by_folder(self) -> dict[str, dict[str, str]]:
        """folder → {its last part → address} of every address."""
        found: dict[str, dict[str, str]] = {}
        for keyed, addresses in self.by_key.items():
            if len(addresses) == 1:
                folder, _, last = keyed.rpartition("/")
                found.setdefault(folder, {})[last] = next(iter(addresses))
        return found

    def address(self, path: str) -> str | None:
        same = self.by_key.get(key(path), ())
        if len(same) == 1:
            return next(iter(same))
        swapped = SWAPPED_RE.match(path)
        if swapped and f"hotarari/{swapped.group(2)}/{swapped.group(1)}/" in self.addresses:
            return f"hotarari/{swapped.group(2)}/{swapped.group(1)}/"
        folder, _, last = key(path).rpartition("/")
        if not last or last.isdigit():
            return None
        names = self.by_folder.get(folder, {})
        close = difflib.get_close_matches(last, list(names), n=2, cutoff=0.8)
        return names[close[0]] if len(close) == 1 else None


def key(address: str) -> str:
    """`Teme/Sănătate/index.html` → `teme/sanatate`: an address without case, diacritics, final slash or file."""
    return fold(address.lower()).removesuffix("index.html").removesuffix(".html").strip("/")
