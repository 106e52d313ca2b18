"""The dependency map's table of reads: every read its stored sets name, numbered in the order first stored.

The table only grows (a build adds the reads it read first; a map that starts over starts a new
table: publish/dependencies.py, "Stored"). It is kept as chunks, one per build that added reads,
each the parts of its reads as one byte each and their names as one tuple: the build cache's journal
then writes the new chunk alone, and compares the others by identity (it compared 170,000
entries of a table kept as one dict, number → read, after every rebuild that saved the map), and a
chunk unpickles as two objects instead of a tuple per read (170,000 reads: 98–138 → 52–87 ms,
the `Read` tuples made in C). Chunks are merged into one past `MAX_CHUNKS`, so that a cache
kept for years loads as fast as a new one.
"""

from __future__ import annotations

from functools import cached_property
from itertools import repeat
from typing import NamedTuple

from ..domain.reads import Part, Read

PARTS = tuple(Part)  # a stored read's part: its position here
_PART_CODES = {part: code for code, part in enumerate(PARTS)}
MAX_CHUNKS = 32


class ReadChunk(NamedTuple):
    """Reads numbered one after the other: `parts[i]` codes the part of the i-th (see PARTS)."""

    parts: bytes
    names: tuple[str, ...]

    @classmethod
    def of(cls, reads: list[Read]) -> ReadChunk:
        return cls(bytes(_PART_CODES[read.part] for read in reads), tuple(read.name for read in reads))

    def reads(self) -> list[Read]:
        # tuple.__new__ itself, in C, rather than the named tuple's __new__ (a Python function)
        return list(map(tuple.__new__, repeat(Read), zip(map(PARTS.__getitem__, self.parts), self.names)))

    def __reduce__(self):
        return tuple.__new__, (ReadChunk, (self.parts, self.names))  # see domain.reads.Read


class ReadTable:
    """The table: chunk position → chunk, as the build cache keeps it (`chunks`), decoded on first use.
    Never changed in place: `extended` makes the table after a build."""

    def __init__(self, chunks: dict[int, ReadChunk] | None = None):
        self.chunks = dict(chunks or {})
        if sorted(self.chunks) != list(range(len(self.chunks))):
            raise ValueError("a read table's chunks are numbered from 0 with no gap")

    @cached_property
    def reads(self) -> list[Read]:
        """number → read."""
        found: list[Read] = []
        for position in range(len(self.chunks)):
            found += self.chunks[position].reads()
        return found

    @cached_property
    def numbers(self) -> dict[Read, int]:
        """read → number."""
        return dict(zip(self.reads, range(len(self.reads))))

    def extended(self, added: list[Read]) -> ReadTable:
        """This table and then `added` (reads it lacks, numbered after its own)."""
        if not added:
            return self
        if len(self.chunks) >= MAX_CHUNKS:
            return ReadTable({0: ReadChunk.of(self.reads + added)})
        return ReadTable({**self.chunks, len(self.chunks): ReadChunk.of(added)})
