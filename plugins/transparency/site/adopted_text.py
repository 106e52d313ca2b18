"""An adopted decision's text and record as the site first published them, once a later commit
changed either (domain/history.py `rewrote_adopted`): what the prefect's legal control and a
journalist must be able to show, what the decision said on the day it was published. The
decision's page shows the file of today; its notices say so and lead to this, shown below its
text in a `<details>` element (`#la-adoptare`), closed until opened: a reader sees at once that
the text changed, and what it was, on the same page.

Made from the versions the page's history read: the first version that said `status: adopted`,
its record as the history shows fields, its text as the file wrote it, every CNP masked, as the
change pages show texts (Markdown's marks included: rendering it as a body would take 4 ms a
page, and the benchmark's synthetic history, which edits most adopted decisions after adoption,
has 2,565 such decisions: first made as pages of their own, they cost its cold build 6 s and
each rebuild 0.1 s, passed over by the site map, the integrity manifest and the record).
"""

from __future__ import annotations

from ..domain import history
from ..domain.history import Version
from .history import NAME, commit_url, entry, field_view, time_view
from .history_index import KEYS


def first_adopted(versions: tuple[Version, ...]) -> Version | None:
    """The first version that said `status: adopted`: the decision as the site first published it adopted."""
    return next((v for v in versions if dict(v.front).get("status") == "adopted"), None)


def adopted_view(site, d) -> dict | None:
    """The decision `d` as first published adopted, when a later change rewrote its text or record
    (whatever that change's date, as the page's notices count them); None otherwise."""
    found = entry(site, d)
    if found is None or not found.available or not any(c.after_adoption for c in found.changes):
        return None
    index = site.indexes[NAME]
    version = first_adopted(index.versions_of(f"decision/{d.id}") or ())
    if version is None:  # a change after adoption follows a version that said adopted
        raise ValueError(f"decision/{d.id} was changed after adoption and never said status: adopted")
    change = next((c for c in found.changes if c.commit == version.commit), None)
    front = dict(version.front)
    record = [field_view(site, history.FieldChange(name, history.FIELD_LABELS.get(name, name), "",
                                                   history.shown(front[name], name, KEYS)))
              for name in history.ADOPTED_RECORD if front.get(name) not in (None, "", ())]
    return {"commit": version.commit, "short": version.commit[:12], "commit_url": commit_url(site, version.commit),
            "time": time_view(change.recorded if change is not None else version.time),
            "earliest": change is not None and change.back_dated,
            "record": [{"label": view["label"], "value": view["new"]} for view in record],
            "text": index.shown_body(version.blob)}
