"""The renderer's cache folder: files that only save time, each kind bounded, none ever required.

Deleting the folder loses nothing; a render that cannot read or write it
only does again what the files would have saved.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from gxdesk.userdirs import cache_dir


def folder() -> Path:
    return cache_dir() / "fonts"


def prune(where: Path, pattern: str, max_entries: int, max_bytes: int) -> None:
    """Keep the most recently used files matching ``pattern`` within ``max_entries`` and ``max_bytes``."""
    entries = []
    for path in where.glob(pattern):
        with suppress(OSError):
            stat = path.stat()
            entries.append((stat.st_mtime, stat.st_size, path))
    entries.sort(reverse=True)
    total = 0
    for count, (_mtime, size, path) in enumerate(entries, 1):
        total += size
        if count > max_entries or total > max_bytes:
            with suppress(OSError):
                path.unlink()
