"""An adopted decision's text and record as the site first published them, once a later commit
changed either (domain/history.py `rewrote_adopted`): what the prefect's legal control and a
journalist must be able to show, what the decision said on the day it was published, and no
longer on its page, which shows the file of today (its notices say so, and link here).

The page, `ADDRESS/istoric/la-adoptare/` (no change's page takes that name: theirs are a commit's
first 12 hex digits), is made in the decision's page's output (site/history.output_of) from the
versions its history read: the first version that said `status: adopted`, its record as the
history shows fields, its text as the file wrote it, every CNP masked, as the change pages show
texts (Markdown's marks included: rendering it would take 4 ms a page, 11 with a converter made for
it; the benchmark's council has 2,565 such pages, a council a handful).
"""

from __future__ import annotations

from ..domain import history
from ..domain.history import Version
from .history import (ADOPTED_TEMPLATE, NAME, adopted_path, commit_url, field_view, page_heading, page_path,
                      time_view)
from .history_index import KEYS

ADOPTED_TITLE = "Textul la adoptare"


def adopted_routes(site, route_type) -> list:
    """The page of each decision whose adopted text or record a commit changed, whatever its date
    (the decision's page says so of every such change)."""
    index = site.indexes.get(NAME)
    if index is None:
        return []
    return [route_type(adopted_path(page_path(site, d)), ADOPTED_TEMPLATE, f"{ADOPTED_TITLE}: {d.title}",
                       lambda d=d: adopted_page(site, d), d)
            for d in site.archive.decisions.values() if index.adopted_rewritten(f"decision/{d.id}")]


def first_adopted(versions: tuple[Version, ...]) -> Version | None:
    """The first version that said `status: adopted`: the decision as the site first published it adopted."""
    return next((v for v in versions if dict(v.front).get("status") == "adopted"), None)


def adopted_page(site, d) -> dict:
    index = site.indexes[NAME]
    key = f"decision/{d.id}"
    changes = index[key].changes  # the history as the decision's page shows it: the same times and flags
    version = first_adopted(index.versions_of(key) or ())
    if version is None:
        raise ValueError(f"{key} never said status: adopted; adopted_routes makes no page for it")
    change = next((c for c in changes if c.commit == version.commit), None)
    front = dict(version.front)
    record = [field_view(site, history.FieldChange(name, history.FIELD_LABELS.get(name, name), "",
                                                   history.shown(front[name], name, KEYS)))
              for name in history.ADOPTED_RECORD if front.get(name) not in (None, "", ())]
    doc_path = page_path(site, d)
    heading = page_heading(site, d)
    return {"page_title": f"{ADOPTED_TITLE}: {heading}", "crumb": ADOPTED_TITLE,
            "document": {"url": site.href(doc_path), "heading": heading},
            "adopted": {
                "commit": version.commit, "short": version.commit[:12],
                "commit_url": commit_url(site, version.commit),
                "time": time_view(change.recorded if change is not None else version.time),
                "earliest": change is not None and change.back_dated,
                "record": [{"label": view["label"], "value": view["new"]} for view in record],
                "text": index.shown_body(version.blob)}}
