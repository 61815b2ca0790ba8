"""What each font file of a folder holds, kept between runs so that choosing fonts reads no font.

``fonts.resolve`` needs the names, outline kind and Chinese coverage of every
font in the font folders. Reading them opens each file and reads its name and
cmap tables: 10 ms for the 30 files of a Linux desktop, far more for the
hundreds in ``C:\\Windows\\Fonts``, on every run and on the window's first
export. This index keeps, per folder, each file's size, modification time
and faces (JSON); a file whose size or time changed is read again, a damaged
or foreign index is ignored and rewritten, at most ``MAX_FOLDERS`` indexes
are kept, and a folder that cannot be written only means the headers are
read again next time.
"""

from __future__ import annotations

import json
import zlib
from contextlib import suppress
from pathlib import Path
from typing import Any

from gxdesk.atomic import atomic_write_bytes
from gxdesk.render import cache

FORMAT = 1
SUFFIX = ".faces.json"
MAX_FOLDERS = 16
MAX_BYTES = 4 * 1024 * 1024

Record = tuple[int, tuple[str, ...], bool, bool]  # face index, families, truetype, covers Chinese
Files = dict[str, tuple[int, int, tuple[Record, ...]]]  # path → (size, mtime in ns, faces)


def _path(folder: str) -> Path:
    return cache.folder() / f"{zlib.crc32(folder.encode('utf-8', 'surrogatepass')):08x}{SUFFIX}"


def load(folder: str) -> Files:
    """The index of ``folder`` as last saved; empty when there is none that can be trusted."""
    try:
        return _files(json.loads(_path(folder).read_bytes()), folder)
    except (OSError, ValueError, TypeError):
        return {}


def save(folder: str, files: Files) -> None:
    data = {
        "format": FORMAT,
        "folder": folder,
        "files": {path: [size, mtime, [[i, list(f), t, c] for i, f, t, c in faces]]
                  for path, (size, mtime, faces) in files.items()},
    }
    target = _path(folder)
    with suppress(OSError):  # read-only or full: the headers are read again next time
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, json.dumps(data, ensure_ascii=False).encode("utf-8"), durable=False)
        cache.prune(target.parent, "*" + SUFFIX, MAX_FOLDERS, MAX_BYTES)


def _files(data: Any, folder: str) -> Files:
    """Check every value's type: an index is read, never trusted."""
    if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("folder") == folder
            and isinstance(data.get("files"), dict)):
        raise ValueError("not an index of this folder")
    files: Files = {}
    for path, (size, mtime, faces) in data["files"].items():
        if not (type(size) is int and type(mtime) is int and isinstance(faces, list)):
            raise ValueError("not an index entry")
        records = []
        for index, families, truetype, cjk in faces:
            if not (type(index) is int and isinstance(families, list) and all(isinstance(f, str) for f in families)
                    and type(truetype) is bool and type(cjk) is bool):
                raise ValueError("not a face")
            records.append((index, tuple(families), truetype, cjk))
        files[path] = (size, mtime, tuple(records))
    return files
