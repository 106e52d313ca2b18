"""Majority arithmetic of the Administrative Code (Codul administrativ, art. 5 and 139).

simple     — more than half of the councillors present;
absolute   — more than half of the members in office (`seats`);
two-thirds — at least two thirds of the members in office.

A council sits lawfully only with a majority of its members in office present (art. 137 alin. (1),
which the Code applies to county councils too): `quorum`.
"""

from __future__ import annotations

from .model import Vote


COUNTED_ON_SEATS = frozenset({"absolute", "two-thirds"})  # the majorities counted against `seats`


def required_votes(majority: str, present: int, seats: int) -> int:
    """The smallest number of votes `for` that carries the decision."""
    if majority == "simple":
        return present // 2 + 1
    if majority == "absolute":
        return seats // 2 + 1
    if majority == "two-thirds":
        return -(-2 * seats // 3)  # ceiling of 2·seats/3
    raise ValueError(f"unknown majority {majority!r}")


def quorum(seats: int) -> int:
    """The fewest members present for the council to sit lawfully: more than half of `seats`."""
    return seats // 2 + 1


def reached(majority: str, vote: Vote, seats: int) -> bool:
    return vote.for_ >= required_votes(majority, vote.present, seats)


def adds_up(vote: Vote, seats: int) -> bool:
    return vote.for_ + vote.against + vote.abstain <= vote.present <= seats
