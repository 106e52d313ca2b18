"""Folders the benchmark clears before a cold build, moved aside and deleted out of the timed runs' way.

Why not delete them at once: on ext4 without a journal (the root filesystem of the machine the
figures come from), the kernel does not hand out again an inode freed less than 60 s ago, or
360 s while its inode table block is not yet written back (fs/ext4/ialloc.c, `recently_deleted`).
Each file created then scans past every such inode of its group, so a build that creates 35,000
files right after the last build's 35,000 were deleted spends most of its time in the kernel: the
same cold build with history took 56.9–63.1 s (19–30 s of system time, growing from run to run)
after deleting the last output, and 51.2–53.6 s (7.5–9.4 s of system time) after moving it aside.
That is the benchmark measuring its own cleaning, and more for a build that writes more files
(it made the history's cold cost look about 6 s larger). A council's real cold build, in a fresh
clone, finds no such inodes.

So a folder to clear is renamed into the trash (a rename frees no inode); the trash is emptied
when it holds more than `limit` bytes (by default half the disk space free when it is first used:
a run at 10,000 documents never empties it before its end), and then the benchmark waits until the
freed inodes are out of the kernel's window before timing anything again: 360 s, not 60, since the
builds that follow write new inodes into the same inode table blocks, which makes them dirty.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import measure

SETTLE_SECONDS = 361.0  # RECENTCY_MIN + RECENTCY_DIRTY: a freed inode in a block made dirty again counts that long


def removed(path: Path, sleep: Callable[[float], None] = time.sleep, *, settle: bool = True) -> None:
    """Delete the folder `path`, then (`settle`: something is timed after) wait until creating files
    costs what it did before."""
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)
        if settle:
            os.sync()
            sleep(SETTLE_SECONDS)


@dataclass
class Trash:
    folder: Path
    limit: int | None = None  # bytes held before emptying; None: half the free space when first used
    sleep: Callable[[float], None] = time.sleep
    held: int = 0
    moved: int = 0

    def discard(self, path: Path) -> None:
        """Clear `path` (a folder on the trash's filesystem) by moving it into the trash."""
        if not path.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.limit is None:  # at 10,000 documents a cold output and its cache are about 0.9 GB
            self.limit = shutil.disk_usage(self.folder).free // 2
        self.held += measure.tree_size(path)[0]
        self.moved += 1
        path.rename(self.folder / f"{self.moved}-{path.name}")
        if self.held > self.limit:
            self.empty()

    def empty(self, settle: bool = True) -> None:
        """Delete what the trash holds; `settle`: wait as `removed` does (not needed when nothing is timed after)."""
        removed(self.folder, self.sleep, settle=settle)
        self.held = 0
