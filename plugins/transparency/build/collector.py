"""The cycle collector during a build.

A build makes millions of objects that live as long as it does (the archive, the site model,
the caches it loads) and few cycles of garbage. With Python's default thresholds the collector
walks them again and again: at 10,000 documents it took 5.6 s of a 69 s cold build in the main
process (4.3 s in 26 full collections) and 1.6 s of a 14 s rebuild after a title edit.
`tune` raises the thresholds (10,000 new objects before a young collection, not 700): 2.1 s of
a 59 s cold build, 0.7 s of that rebuild, the peak memory the same (692 MB against 704 MB; with
the collector off it was 989 MB: there is garbage to collect). Measured on the benchmark's
council, each against the default in the same session.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (10_000, 10, 10)


def tune() -> None:
    """Collect less often for the rest of the process (a build; worker processes inherit it)."""
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def paused() -> Iterator[None]:
    """The collector off while a cache is unpickled: the many objects it makes are no garbage, yet
    each few hundred set off a collection that walks those made so far (half the time of loading
    the dependency map, three quarters of that of the kept memo values). Then they are frozen
    (gc.freeze: out of the collector's reach; freed as usual when no longer referenced): left
    young, the first collection after the pause walked every one of them (0.2 s of a rebuild
    at 10,000 documents)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()
