"""When an act takes effect (Codul administrativ, art. 199; Legea 52/2003 does not decide it).

A normative act takes effect when it is brought to public knowledge (the
`published` event); an individual act when it is communicated to the persons
it concerns (the `communicated` event). An `in-force` event, written when the
act itself names a later day (or when staff record the day explicitly), wins
over both. See docs/law.md for the articles.

`entry_into_force` is generic: it reads only two attributes, `character`
("normative" | "individual"; anything else, or none, counts as normative) and
`events` (an iterable of objects with `.date` and `.event`), so a decision, a
disposition or a test's stand-in all work. It does not look at the build day:
comparing the day it returns with the build day is the caller's business
(`in_force_on`).
"""

from __future__ import annotations

import datetime as dt

from .vocab import CHARACTERS

DEFAULT_CHARACTER = "normative"
# The event that brings an act of each character into force.
TAKES_EFFECT_ON = {"normative": "published", "individual": "communicated"}


def character_of(act) -> str:
    character = getattr(act, "character", "") or DEFAULT_CHARACTER
    return character if character in CHARACTERS else DEFAULT_CHARACTER


def _first(act, kind: str) -> dt.date | None:
    days = [e.date for e in getattr(act, "events", ()) or () if e.event == kind]
    return min(days) if days else None


def entry_into_force(act) -> dt.date | None:
    """The day the act takes effect, from its recorded facts; None when they do not say.

    The first `in-force` event when there is one; otherwise the first `published`
    event of a normative act, the first `communicated` event of an individual one.
    """
    explicit = _first(act, "in-force")
    if explicit is not None:
        return explicit
    return _first(act, TAKES_EFFECT_ON[character_of(act)])


def in_force_on(act, day: dt.date) -> bool:
    """Whether the facts support saying the act had taken effect by `day`."""
    start = entry_into_force(act)
    return start is not None and start <= day


def in_effect_since(act, day: dt.date) -> dt.date | None:
    """The day `act` took effect, when it had by `day` and no court had annulled it by then (an
    amending or repealing act changes another from that day, and not once annulled); else None."""
    start = entry_into_force(act)
    if start is None or start > day:
        return None
    annulled = any(e.event == "annulled" and e.date <= day for e in getattr(act, "events", ()) or ())
    return None if annulled else start
