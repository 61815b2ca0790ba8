"""Drafts that survive a crash: written every minute, offered at the next start.

Each open window owns a ``Session``: one draft file, and a lock file the
process keeps locked while it runs. The operating system drops the lock when
the process dies, however it dies. So a draft whose lock nobody holds was left
by a program that ended without cleaning up, i.e. crashed, and is offered
for recovery, unless its report file was saved after the draft was written
(the draft is then stale and removed).
"""

from __future__ import annotations

import errno
import json
import os
import time
from contextlib import suppress
from pathlib import Path

from gxdesk import gxr
from gxdesk.atomic import atomic_write_bytes
from gxdesk.locks import FileLock
from gxdesk.locks import held as _held
from gxdesk.model import Report
from gxdesk.records import record

FORMAT = "gxdesk-draft"
DRAFT_SUFFIX = ".draft"
LOCK_SUFFIX = ".lock"


@record
class Draft:
    file: Path
    source: Path | None  # the report file it is a newer version of; None = never saved
    name: str  # what the window called the report (file name or 未命名)
    saved: float  # when the draft was written (seconds since the epoch)

    def load(self) -> Report:
        """The report as it was at the draft; ReportFileError if the draft is damaged."""
        obj = _read(self.file)
        return gxr.parse(str(obj["report"]).encode("utf-8"), self.name)

    def is_stale(self) -> bool:
        """The report file was saved after this draft: nothing newer to recover."""
        if self.source is None:
            return False
        try:
            return self.source.stat().st_mtime >= self.saved
        except OSError:
            return False  # the file is gone: the draft is all there is

    def discard(self) -> None:
        with suppress(OSError):
            self.file.unlink()
        lock = self.file.with_suffix(LOCK_SUFFIX)
        if not _held(lock):
            with suppress(OSError):
                lock.unlink()


def _read(file: Path) -> dict[str, object]:
    try:
        obj = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise gxr.ReportFileError(f"草稿“{file.name}”无法读取") from error
    if not isinstance(obj, dict) or obj.get("format") != FORMAT or not isinstance(obj.get("report"), str):
        raise gxr.ReportFileError(f"草稿“{file.name}”已损坏")
    return obj


def read_draft(file: Path) -> Draft:
    obj = _read(file)
    source, name, saved = obj.get("source"), obj.get("name"), obj.get("saved")
    if not isinstance(saved, (int, float)):
        raise gxr.ReportFileError(f"草稿“{file.name}”已损坏")
    return Draft(file, Path(source) if isinstance(source, str) else None,
                 name if isinstance(name, str) else file.stem, float(saved))


def recoverable(directory: Path, source: Path | None = None) -> list[Draft]:
    """Drafts left behind by sessions that did not end cleanly, newest first.

    With ``source``, only the drafts of that report file. Stale drafts are
    removed on the way; damaged ones are left alone (and not offered).
    """
    found = []
    for file in sorted(directory.glob("*" + DRAFT_SUFFIX)):
        if _held(file.with_suffix(LOCK_SUFFIX)):
            continue  # a running window's draft
        try:
            draft = read_draft(file)
        except gxr.ReportFileError:
            continue
        if draft.is_stale():
            draft.discard()
        elif source is None or draft.source == source.resolve():
            found.append(draft)
    for lock in directory.glob("*" + LOCK_SUFFIX):
        if not lock.with_suffix(DRAFT_SUFFIX).exists() and not _held(lock):
            with suppress(OSError):
                lock.unlink()
    return sorted(found, key=lambda d: d.saved, reverse=True)


class Session:
    """One window's draft slot, locked for as long as the window lives."""

    def __init__(self, directory: Path) -> None:
        """OSError if the folder cannot be made or written (the window then says autosave is off)."""
        directory.mkdir(parents=True, exist_ok=True)
        stem = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}"
        self.draft_file = directory / (stem + DRAFT_SUFFIX)
        self._lock = FileLock(directory / (stem + LOCK_SUFFIX))
        if not self._lock.acquire():  # a new file nobody else knows of: the folder cannot lock
            raise OSError(errno.ENOLCK, "cannot lock", str(self._lock.path))

    def write(self, report: Report, source: Path | None, name: str) -> None:
        data = {
            "format": FORMAT,
            "source": str(source.resolve()) if source else None,
            "name": name,
            "saved": time.time(),
            "report": gxr.dumps(report),
        }
        # ASCII JSON: whatever the strings hold (a path's undecodable bytes, a stray surrogate), the
        # draft is written; it must never fail for its content.
        atomic_write_bytes(self.draft_file, json.dumps(data).encode("ascii"))

    def discard(self) -> None:
        """No unsaved changes any more: nothing to recover."""
        with suppress(OSError):
            self.draft_file.unlink()

    def close(self) -> None:
        """A clean end: the draft goes, and so does the lock."""
        self.discard()
        self._lock.release()
        with suppress(OSError):
            self._lock.path.unlink()
