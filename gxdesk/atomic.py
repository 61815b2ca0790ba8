"""Writing files so that a crash or a failure never leaves a half-written one.

The new content goes to a temp file beside the target (``.NAME.XXXXXXXX.tmp``),
is synced, and then replaces the target in one step. The replaced file keeps
what it was: its permissions on POSIX (a 0600 report stays 0600; a new file
gets the umask's default), its ACL and attributes on Windows (``ReplaceFileW``
replaces in place). A save that was killed leaves its temp file behind; the
next save of the same target removes such leftovers (only its own, only ones
no running save holds, and only after a few seconds).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO, Callable

from gxdesk.locks import held, lock_fd

BACKUP_SUFFIX = ".bak"
# A temp file older than this, unlocked, of the same target: a save that died.
STALE_SECONDS = 5.0


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
    remove_stale_temps(path)
    tmp = _temp_name(path)
    # os.open with 0o666 lets the umask decide permissions, as a plain open() would.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    if os.name == "posix":
        lock_fd(fd)  # a running save's temp file is no leftover (Windows cannot delete an open file anyway)
    stream = os.fdopen(fd, "wb")
    try:
        try:
            write(stream)
            stream.flush()
            _keep_mode(stream.fileno(), path)
            if durable:
                os.fsync(stream.fileno())
            if backup and path.is_file():
                _copy_atomically(path, backup_path(path))
        finally:
            if os.name != "posix":
                stream.close()  # Windows cannot rename an open file; POSIX keeps it locked until replaced
        replace(tmp, path)
    except ReplaceError:
        stream.close()
        raise  # the temp file holds the only copy of the new content
    except BaseException:
        stream.close()
        with suppress(OSError):
            os.unlink(tmp)
        raise
    stream.close()
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


def remove_stale_temps(path: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove what interrupted saves of ``path`` (and of its backup) left beside it; the removed.

    Only names ``_temp_name`` makes for this very file, only files no running save holds
    locked, and only ones untouched for ``older_than`` seconds."""
    own = re.compile(rf"\.{re.escape(path.name)}(?:{re.escape(BACKUP_SUFFIX)})?\.[0-9a-f]{{8}}\.tmp")
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith("." + path.name) and own.fullmatch(n)]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        temp = path.parent / name
        try:
            info = os.lstat(temp)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than or held(temp):
                continue
            os.unlink(temp)  # on Windows this fails while a save still has the file open
        except OSError:
            continue
        removed.append(temp)
    return removed


def _keep_mode(fd: int, path: Path) -> None:
    """The replaced file's permissions (and owner, where we may) on the new one (POSIX)."""
    if os.name != "posix":
        return  # Windows: ReplaceFileW keeps the ACL
    try:
        info = os.stat(path)
    except OSError:
        return  # a new file: the umask decides
    with suppress(OSError):
        os.fchown(fd, info.st_uid, info.st_gid)  # only root or the same owner may; else it stays ours
    os.fchmod(fd, stat.S_IMODE(info.st_mode))


# --- Replacing ------------------------------------------------------------------------

_REPLACEFILE_IGNORE_MERGE_ERRORS = 0x2
_ERROR_UNABLE_TO_MOVE_REPLACEMENT = 1176  # the target is gone, the new file kept its temp name


class ReplaceError(OSError):
    """The target is gone and the new content is only in the temp file, which is kept."""


def replace(source: Path, target: Path) -> None:
    """Put ``source`` in the place of ``target``. On Windows, an existing target is replaced in
    place (``ReplaceFileW``: its ACL, attributes and creation time stay), else ``os.replace``."""
    if sys.platform == "win32" and target.is_file():
        _windows_replace(source, target, _replace_file)
    else:
        os.replace(source, target)


def _windows_replace(source: Path, target: Path, replace_file: Callable[[Path, Path], int]) -> None:
    """``replace_file`` returns 0 on success, else the Windows error code. Whatever fails, both files
    are as they were, except for one code: then the target is already gone and the rename is retried."""
    code = replace_file(target, source)
    if code == 0:
        return
    try:
        os.replace(source, target)  # a share or file system without ReplaceFileW, or the rename half failed
    except OSError as error:
        if code == _ERROR_UNABLE_TO_MOVE_REPLACEMENT and not target.exists():
            raise ReplaceError(error.errno, f"the new content is kept in {source}", str(target)) from error
        raise


def _replace_file(target: Path, source: Path) -> int:
    """ReplaceFileW: 0 on success, else GetLastError()."""
    if sys.platform != "win32":
        raise OSError("ReplaceFileW is Windows only")
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    function = kernel32.ReplaceFileW
    function.argtypes = [wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD,
                         wintypes.LPVOID, wintypes.LPVOID]
    function.restype = wintypes.BOOL
    if function(str(target), str(source), None, _REPLACEFILE_IGNORE_MERGE_ERRORS, None, None):
        return 0
    return ctypes.get_last_error() or 1


def _copy_atomically(source: Path, target: Path) -> None:
    tmp = _temp_name(target)
    try:
        shutil.copy2(source, tmp)
        replace(tmp, target)
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
