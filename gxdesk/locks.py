"""A lock the operating system releases when the process dies, however it dies.

Used for a window's autosave session, for a report open in a window (the lock
file beside it) and for a save's temp file. On POSIX it is ``flock`` on the
whole file: advisory, so the file stays readable, and a second open of the
file in the same process conflicts too (one process can tell its windows
apart). On Windows it is a one-byte ``msvcrt.locking`` region far beyond any
content, so that the lock file's text stays readable by others. Both work on
network shares that support locking (SMB; NFS through the kernel's emulation
of ``flock`` by byte-range locks); where the file system cannot lock at all,
``acquire`` says so (None) and ``held`` says no.
"""

from __future__ import annotations

import errno
import os
import sys
from contextlib import suppress
from pathlib import Path

# Windows locks are mandatory: a locked byte cannot be read by others, so the lock is placed here.
_WINDOWS_LOCK_OFFSET = 1 << 30
# Never wait on a FIFO someone left at a lock's path; binary on Windows.
_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        os.lseek(fd, 0, os.SEEK_SET)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# How "someone else holds it" is reported: flock says EWOULDBLOCK, msvcrt EACCES or EDEADLOCK.
_HELD_ERRNOS = frozenset(getattr(errno, name) for name in ("EAGAIN", "EWOULDBLOCK", "EACCES", "EDEADLK", "EDEADLOCK")
                         if hasattr(errno, name))


def lock_fd(fd: int) -> bool | None:
    """Lock an open file: True; False if another holds it; None if this file system cannot lock."""
    try:
        _lock(fd)
    except OSError as error:
        return False if error.errno in _HELD_ERRNOS else None
    return True


class FileLock:
    """An exclusive lock on ``path`` (created if missing) for as long as it is held."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    @property
    def is_held(self) -> bool:
        return self.fd is not None

    def acquire(self) -> bool | None:
        """True once held; False if another holds it; None if the file system cannot lock;
        OSError if the lock file cannot be opened or made (a read-only or full folder)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _FLAGS, 0o666)
        locked = lock_fd(fd)
        if not locked:
            os.close(fd)
            return locked
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is None:
            return
        with suppress(OSError):
            _unlock(self.fd)
        os.close(self.fd)
        self.fd = None


def held(path: Path) -> bool:
    """Another open of ``path`` (this process's included) holds its lock."""
    try:
        fd = os.open(path, os.O_RDONLY | _FLAGS)  # reading is enough to probe (and to lock)
    except OSError:
        return False  # gone, or unreadable: nobody we know of holds it
    try:
        locked = lock_fd(fd)
        if locked:
            with suppress(OSError):
                _unlock(fd)
        return locked is False
    finally:
        os.close(fd)
