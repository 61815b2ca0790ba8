"""Reading a file the user pointed at, with one clear line for every way it can fail."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gxdesk.errors import InputError

# Opening a FIFO for reading waits for a writer; non-blocking, it returns at once and
# fstat then says what it is. (Windows has no FIFOs to open, nor the flag.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


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
        raise error(f"无法读取“{path}”：{failure.strerror or failure}") from None
