"""Reading a file the user pointed at, with one clear line for every way it can fail."""

from __future__ import annotations

from pathlib import Path

from gxdesk.errors import InputError


def read_limited(path: Path, limit: int, error: type[InputError], too_big: str) -> bytes:
    """The file's bytes; ``error`` with a Chinese message if it is missing, a folder,
    unreadable or over ``limit`` bytes (then the message ends in ``too_big``)."""
    try:
        if path.is_dir():
            raise error(f"“{path}”是文件夹，不是报告文件")
        if path.stat().st_size > limit:
            raise error(f"“{path.name}”{too_big}")
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"找不到文件“{path}”") from None
    except PermissionError:
        raise error(f"没有权限读取“{path}”") from None
    except OSError as failure:
        raise error(f"无法读取“{path}”：{failure.strerror or failure}") from None
