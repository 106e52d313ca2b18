"""The whole chain of changes of a decision: every adopted act that amends or repeals it, and every
act that amends or repeals one of those (and so on), the latter marked as indirect.

A decision A amended by B, B amended by C: A's changes are B (direct) and C (indirect, through B).
An act that changes A directly and also changes one of A's amendments is direct, and says through
which amendments it reaches A as well. Each act carries the changes it records article by article
(its `changes` block, consolidation.Change) aimed at A, so a reader sees what it changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .consolidation import Change, aims_at

_MIN = dt.date.min


@dataclass(frozen=True)
class Modification:
    act: str  # the changing decision's id
    verbs: tuple[str, ...]  # what it does to the decision itself: ("amends",), ("repeals",), both, or () if indirect
    via: tuple[tuple[str, str], ...]  # (verb, decision id): acts of the chain it amends or repeals
    changes: tuple[Change, ...]  # its recorded changes aimed at the decision

    @property
    def direct(self) -> bool:
        return bool(self.verbs)


def chain(decision_id: str, archive, rel) -> tuple[Modification, ...]:
    """Every act in the chain of changes of `decision_id`, in the order they were adopted.
    `rel` holds `amended_by` and `repealed_by` (adopted acts only, relations.Relations)."""
    found: dict[str, dict[str, list]] = {}  # act → {"verbs": [...], "via": [(verb, target)]}
    queue, seen = [decision_id], {decision_id}
    while queue:
        target = queue.pop(0)
        for verb, index in (("amends", rel.amended_by), ("repeals", rel.repealed_by)):
            for act in index.get(target, ()):
                if act == decision_id:  # a circle is an error reported elsewhere; never listed
                    continue
                entry = found.setdefault(act, {"verbs": [], "via": []})
                if target == decision_id:
                    entry["verbs"].append(verb)
                else:
                    entry["via"].append((verb, target))
                if act not in seen:
                    seen.add(act)
                    queue.append(act)
    decision = archive.decisions[decision_id]
    rows = []
    for act, entry in found.items():
        amender = archive.decisions[act]
        rows.append(Modification(act, tuple(entry["verbs"]), tuple(sorted(set(entry["via"]), key=lambda v: v[1])),
                                 tuple(c for c in amender.changes if aims_at(c, decision))))
    return tuple(sorted(rows, key=lambda m: _order(archive.decisions[m.act])))


def _order(d) -> tuple:
    return (d.adopted or d.registered or _MIN, d.number or 0, d.id)
