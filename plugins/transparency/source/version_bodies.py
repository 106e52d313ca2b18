"""The bodies of a file's old versions, kept in memory between the history read and the change pages.

A cold build reads every version of every file with more than one (for its
front matter) and the change pages need their texts again later, in other
processes. Inflating each one's chain of git deltas again costs 0.26 ms a
text; keeping them all whole would cost some 160 MB at 20,000 versions. Most
versions differ from the one before by a line or two, so each is kept as that
difference: the bytes both start and end with are found by comparing slices
(in C, by halving), and only the bytes between are kept. The first version of
a chain, one every DEPTH, and a version rewritten over half its length are kept
whole, compressed (zlib's fastest level, 0.12 ms for 10 kB: compressing every
version was a fifth of the versions pass).

A kept body is `bytes` (compressed whole) or a `Delta` from another kept body.
A delta's base is always a body added before it (`add` keeps the first body
given for a blob), so the chains have no cycles; a file's own chain is at most
DEPTH long (one longer only where a blob it shares with another file was kept
from that file's chain).
"""

from __future__ import annotations

import zlib
from typing import NamedTuple

DEPTH = 16  # a chain's longest run of deltas: a text is made from at most DEPTH slices of its base's


class Delta(NamedTuple):
    base: str  # the blob id of the body this one is made from
    start: int  # how many first bytes it shares with the base
    end: int  # how many last bytes it shares with the base (after those)
    middle: bytes  # the bytes between
    depth: int  # deltas from a body kept whole


Kept = bytes | Delta


class Packer:
    """Packs the bodies of one file's versions, oldest first, each against the one before."""

    def __init__(self):
        self.previous: tuple[str, bytes, int] | None = None  # (blob, body, depth)

    def pack(self, blob: str, body: bytes) -> Kept:
        found: Kept
        if self.previous is None or self.previous[2] >= DEPTH:
            found = zlib.compress(body, 1)
        else:
            base, before, depth = self.previous
            shortest = min(len(before), len(body))
            start = common_start(before, body, shortest)
            end = common_end(before, body, shortest - start)
            middle = body[start:len(body) - end]
            found = Delta(base, start, end, middle, depth + 1) if len(middle) * 2 <= len(body) else \
                zlib.compress(body, 1)
        self.previous = (blob, body, found.depth if isinstance(found, Delta) else 0)
        return found


def add(bodies: dict[str, Kept], blob: str, kept: Kept) -> None:
    """Keep `kept` as the body of `blob` unless one is kept already (the same bytes: a blob is its
    content), so that a delta's base is always a body kept before it."""
    bodies.setdefault(blob, kept)


def unpacked(bodies: dict[str, Kept], blob: str) -> bytes | None:
    """The body of `blob` (None when not kept)."""
    kept = bodies.get(blob)
    chain = []
    while isinstance(kept, Delta):
        chain.append(kept)
        kept = bodies[kept.base]
    if kept is None:
        return None
    body = zlib.decompress(kept)
    for delta in reversed(chain):
        body = body[:delta.start] + delta.middle + body[len(body) - delta.end:]
    return body


def common_start(a: bytes, b: bytes, limit: int) -> int:
    """How many first bytes `a` and `b` share, up to `limit` (halving: each comparison in C)."""
    low, high = 0, limit
    if a[:high] == b[:high]:
        return high
    while high - low > 32:
        middle = (low + high) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle
    while low < high and a[low] == b[low]:
        low += 1
    return low


def common_end(a: bytes, b: bytes, limit: int) -> int:
    """How many last bytes `a` and `b` share, up to `limit`."""
    low, high = 0, limit  # bytes known the same / a count known not to be (or the limit)
    if a[len(a) - high:] == b[len(b) - high:]:
        return high
    while high - low > 32:
        middle = (low + high) // 2
        if a[len(a) - middle:len(a) - low] == b[len(b) - middle:len(b) - low]:
            low = middle
        else:
            high = middle
    while low < high and a[len(a) - low - 1] == b[len(b) - low - 1]:
        low += 1
    return low
