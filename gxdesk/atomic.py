"""Writing files so that a crash or a failure never leaves a half-written one."""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO, Callable

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def atomic_write(
    path: Path, write: Callable[[BinaryIO], None], *, backup: bool = False, durable: bool = True
) -> None:
    """Write via a temp file in the same folder, fsync it, then replace ``path``.

    If ``write`` raises, ``path`` is untouched and the temp file is removed.
    With ``backup``, the previous content of ``path`` is kept beside it as
    ``<name>.bak`` (itself replaced atomically). ``durable=False`` skips the
    fsyncs, for files that only save time (a cache that checks what it reads):
    the replace is still atomic, but a power cut may leave the old or an empty file.
    """
    path = Path(path)
    tmp = _temp_name(path)
    # os.open with 0o666 lets the umask decide permissions, as a plain open() would.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if backup and path.is_file():
            _copy_atomically(path, backup_path(path))
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False, durable: bool = True) -> None:
    def write(stream: BinaryIO) -> None:
        stream.write(data)

    atomic_write(path, write, backup=backup, durable=durable)


def _temp_name(path: Path) -> Path:
    # os.urandom, not secrets: the name needs to be unique, not secret, and secrets
    # loads OpenSSL (several ms of the window's start-up).
    return path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")


def _copy_atomically(source: Path, target: Path) -> None:
    tmp = _temp_name(target)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
