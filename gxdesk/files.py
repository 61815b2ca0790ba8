"""The files a user points at: refused up front when they cannot be used, with one clear line.

Every file gxdesk reads or replaces at a user's word goes through here first:
``read_limited`` for reading (reports, import sources), ``check_output`` before
writing (reports, .docx, PDF). A pipe, a device or a socket is never opened
for a write and never waited on for a read; a read-only file is never replaced.
``Fingerprint`` says whether a file changed since we last read or wrote it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from gxdesk.errors import InputError
from gxdesk.os_errors import failed

# Opening a FIFO for reading waits for a writer; non-blocking, it returns at once and
# fstat then says what it is. (Windows has no FIFOs to open, nor the flag.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class ReadOnlyFileError(InputError):
    """The output exists and is read-only: it is not replaced (the window offers 另存为)."""


def read_limited(path: Path, limit: int, error: type[InputError], too_big: str) -> bytes:
    """The file's bytes; ``error`` with a Chinese message if it is missing, a folder,
    not a regular file (a pipe, a device), unreadable or over ``limit`` bytes (then
    the message ends in ``too_big``). Never reads more than ``limit`` + 1 bytes."""
    try:
        if path.is_dir():
            raise error(f"“{path}”是文件夹，不是报告文件")
        descriptor = os.open(path, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise error(f"“{path}”不是普通文件（可能是管道或设备），无法读取")
            if info.st_size > limit:
                raise error(f"“{path.name}”{too_big}")
            data = stream.read(limit + 1)
        if len(data) > limit:  # grew while being read
            raise error(f"“{path.name}”{too_big}")
        return data
    except FileNotFoundError:
        raise error(f"找不到文件“{path}”") from None
    except PermissionError:
        raise error(f"没有权限读取“{path}”") from None
    except OSError as failure:
        raise error(failed("读取", path, failure)) from None


def check_output(path: Path, error: type[InputError] = InputError, doing: str = "写入") -> None:
    """Refuse, before anything is written, an output that cannot or must not be replaced:
    a folder, a pipe or device (also behind a link), a read-only file, a missing folder.
    ``doing`` is what the messages call the write (写入, 保存)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise error(f"无法{doing}“{path}”：文件夹“{path.parent}”不存在") from None
        return  # a new file
    except OSError as failure:  # a link loop, a name too long, no permission to look
        raise error(failed(doing, path, failure)) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"“{path}”是文件夹，请给出要{doing}的文件名")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"“{path}”不是普通文件（可能是管道或设备），没有{doing}")
    if is_read_only(path, info):
        raise ReadOnlyFileError(f"“{path}”是只读文件，没有覆盖；请另存为其他文件，或先取消它的只读属性")


def is_read_only(path: Path, info: os.stat_result | None = None) -> bool:
    """No write permission on an existing file. By its mode bits (Windows' read-only attribute
    clears them), so that an administrator's save respects it too, and by access() for the rest."""
    try:
        info = info or os.stat(path)
    except OSError:
        return False
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    return not os.access(path, os.W_OK)


class Fingerprint(NamedTuple):
    """A file as we last read or wrote it: its size, modification time and content.

    The content itself rather than a hash of it: a report is a few kB (at most 2 MB), comparing
    bytes is exact, and hashlib would load OpenSSL at the window's start-up."""

    size: int
    mtime_ns: int
    content: bytes

    @classmethod
    def of(cls, data: bytes, info: os.stat_result) -> Fingerprint:
        return cls(len(data), info.st_mtime_ns, data)

    @classmethod
    def read(cls, path: Path) -> Fingerprint | None:
        """The file's fingerprint now; None if it is gone, unreadable or not a regular file."""
        try:
            with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as stream:
                info = os.fstat(stream.fileno())
                if not stat.S_ISREG(info.st_mode):
                    return None
                return cls.of(stream.read(), info)
        except OSError:
            return None

    def changed(self, path: Path) -> bool:
        """The file now holds something else (a touch alone is no change); False if it is gone."""
        try:
            info = os.stat(path)
        except OSError:
            return False  # nothing there to overwrite
        if (info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns):
            return False
        now = Fingerprint.read(path)
        return now is not None and now.content != self.content
