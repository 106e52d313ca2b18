"""Run the command line on a failing disk (tests only):

    python tests/support/faults.py FOLDER ERROR BYTES -- build --settings … --output FOLDER …

Under FOLDER (the output folder), the file system behaves as a disk that is
read-only (ERROR=EROFS: every change refused), forbidden (EACCES: the same)
or full (ENOSPC: BYTES more bytes fit, then every write fails, a write that
does not fit is cut short as a real disk would, and folders can no longer be
made). Outside FOLDER nothing changes. The failures are made at the level of
the system calls (os.open, os.write, os.mkdir, os.replace, os.unlink, …) and
of Python's open(), so that the build is caught whatever way it writes.
The room left is shared by the build and the worker processes it forks, as
on a real disk.
"""

from __future__ import annotations

import builtins
import errno
import io
import multiprocessing
import os
import sys


class FailingDisk:
    def __init__(self, folder: str, code: int, room: int):
        self.folder = os.path.realpath(folder)
        self.code = code
        self.left = multiprocessing.Value("q", room)  # shared with forked workers, like a disk's free space
        self.watched: set[int] = set()  # descriptors open for writing under the folder

    def under(self, path) -> bool:
        if isinstance(path, int):
            return False
        real = os.path.realpath(os.fsdecode(path))
        return real == self.folder or real.startswith(self.folder + os.sep)

    def fail(self, path=None):
        """As the system call would: with the path it was given (a write to an open file names none)."""
        raise OSError(self.code, os.strerror(self.code), *([os.fspath(path)] if path is not None else []))

    def install(self) -> None:
        real_open, real_write, real_close = os.open, os.write, os.close
        writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

        def open_(path, flags, *args, **kwargs):
            if self.under(path) and flags & writing and self.code != errno.ENOSPC:
                self.fail(path)
            fd = real_open(path, flags, *args, **kwargs)
            if self.under(path) and flags & writing:
                self.watched.add(fd)
            return fd

        def write(fd, data):
            if fd not in self.watched:
                return real_write(fd, data)
            with self.left.get_lock():
                if self.left.value <= 0:
                    self.fail()
                written = real_write(fd, bytes(memoryview(data)[:self.left.value]))
                self.left.value -= written
            return written

        def close(fd):
            self.watched.discard(fd)
            return real_close(fd)

        def changes(function, *positions, needs_room=False):
            def guarded(*args, **kwargs):
                hit = [args[p] for p in positions if p < len(args) and self.under(args[p])]
                if hit and (self.code != errno.ENOSPC or needs_room and self.left.value <= 0):
                    self.fail(hit[0])
                return function(*args, **kwargs)
            return guarded

        os.open, os.write, os.close = open_, write, close
        os.mkdir = changes(os.mkdir, 0, needs_room=True)  # os.makedirs calls it too
        os.replace = changes(os.replace, 0, 1)
        os.rename = changes(os.rename, 0, 1)
        os.unlink = os.remove = changes(os.unlink, 0)
        os.rmdir = changes(os.rmdir, 0)
        real_builtin_open = builtins.open

        def builtin_open(file, mode="r", *args, **kwargs):
            if self.under(file) and any(flag in mode for flag in "wax+"):
                self.fail(file)  # every write under the folder must go through os.open and os.write
            return real_builtin_open(file, mode, *args, **kwargs)

        builtins.open = io.open = builtin_open


def main(argv: list[str]) -> int:
    folder, name, room, separator, *command = argv
    assert separator == "--", "usage: faults.py FOLDER ERROR BYTES -- COMMAND…"
    FailingDisk(folder, getattr(errno, name), int(room)).install()
    from transparency.adapters import cli

    return cli.main(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
