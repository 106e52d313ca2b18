"""What a member's page says beyond the member's votes: absences and decisions initiated.

Absences are counted from nominal votes only, and only from a complete one: a
decision whose `votes` lists as many names as its `vote.present`, so that a
member in office whose name is on none of its lists was not in the room. A
nominal vote that lists only some names (often only those against) says
nothing about who was absent, and is not counted.

A member initiated a decision when its `initiator` names the member (name
written as in council.yml, diacritics, cedillas and case aside), or, when it
names nobody, starts with the member's `role` (`Președintele Consiliului
Județean …` is the member whose role is `Președinte`) and exactly one member
holds that role. Council.yml lists the members in office today: a decision
initiated by a former president is credited by role to today's.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .text import comma_below, sort_key

VOTE_LISTS = (("pentru", "for", "for_"), ("împotrivă", "against", "against"), ("abținere", "abstain", "abstain"))


class Share(NamedTuple):
    """What one decision adds to the members' pages (plain data, compared from one build to the
    next: a decision whose status changed adds the same, and no member's page is made again)."""

    votes: tuple[tuple[str, str, str], ...]  # (member's name as in council.yml, vote's label, vote's code)
    complete: bool  # a complete nominal vote (its absences count)
    absent: tuple[str, ...]
    initiated: tuple[str, ...]  # the members who initiated it


def share(decision, members) -> Share:
    """`decision`'s votes by member (a name listed that is no member's is left out), its absences
    and its initiators."""
    named = {comma_below(m.name): m.name for m in members}
    votes = decision.votes
    cast = () if not votes else tuple(
        (named[key], label, code) for label, code, field in VOTE_LISTS for name in getattr(votes, field)
        if (key := comma_below(name)) in named)
    return Share(cast, complete(decision), absent(decision, members), initiators(decision.initiator, members))


def complete(decision) -> bool:
    """Whether `decision`'s nominal vote names everyone present."""
    votes, vote = decision.votes, decision.vote
    if not votes or not vote:
        return False
    return len(votes.for_) + len(votes.against) + len(votes.abstain) == vote.present


def absent(decision, members) -> tuple[str, ...]:
    """The members (council.yml's names) absent from `decision`'s complete nominal vote; () if it is not complete."""
    if not complete(decision):
        return ()
    listed = {comma_below(n) for n in (*decision.votes.for_, *decision.votes.against, *decision.votes.abstain)}
    return tuple(m.name for m in members if comma_below(m.name) not in listed)


@functools.lru_cache(maxsize=4096)  # a pure function of the text, asked for each member and decision
def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", sort_key(comma_below(text)))) + " "


def initiators(initiator: str, members) -> tuple[str, ...]:
    """The members (council.yml's names) that an `initiator` text names, or whose role it starts with."""
    if not initiator:
        return ()
    written = _words(initiator)
    named = tuple(m.name for m in members if _words(m.name) in written)
    if named:
        return named
    first = written.split()[0] if written.split() else ""
    holders = [m.name for m in members if m.role and first in {sort_key(m.role), sort_key(m.role) + "le",
                                                                 sort_key(m.role) + "a", sort_key(m.role) + "ul"}]
    return tuple(holders) if len(holders) == 1 else ()
