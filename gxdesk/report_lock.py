"""A report open in a window: a lock file beside it, ``~$NAME.gxr.lock``, while the window has it.

Why a lock file beside the report, and not an OS lock on the report itself:
the report is replaced on every save (temp file, then replace), and on Windows
a file held open cannot be replaced; a lock on a separate file lets the report
be saved freely. The lock file is held with ``gxdesk.locks`` (the operating
system drops it when the window's process dies, so a crash leaves no lock
that counts) and holds who has the report open, for the message the other
window or the command line shows. It works wherever the file system can lock
(local disks, SMB shares, NFS); where it cannot, or the folder is read-only,
the report opens unlocked and the check before each save (``files.Fingerprint``)
still notices a change made elsewhere. The ``~$`` prefix is Office's: sync
tools (OneDrive, Dropbox) leave such files alone, and Windows hides it.

The command line respects the lock: ``gxr.save`` refuses to write over a report
a window has open (``gxdesk import --force``, ``new``, ``merge``), unless the
caller holds that very lock (the window saving its own report).
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from gxdesk.errors import InputError
from gxdesk.locks import FileLock, held

PREFIX, SUFFIX = "~$", ".lock"


def _host_name() -> str:
    """This computer's name, as the other window will show it (no socket module needed)."""
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return os.uname().nodename


def lock_path(report: Path) -> Path:
    report = Path(os.path.abspath(report))
    return report.with_name(f"{PREFIX}{report.name}{SUFFIX}")


class Holder(NamedTuple):
    """Who has a report open: as the lock file says (empty where it could not be read)."""

    user: str
    host: str
    since: float

    def describe(self) -> str:
        """e.g. 用户 zhang 在 PC-07 上，自 1月26日 9:05 起 (the computer only when it is another one)."""
        who = f"用户 {self.user}" if self.user else ""
        where = f"在 {self.host} 上" if self.host and self.host != _host_name() else ""
        when = f"自 {_when(self.since)} 起" if self.since else ""
        return "，".join(filter(None, [" ".join(filter(None, [who, where])), when])) or "另一个窗口"


def _when(stamp: float) -> str:
    moment = time.localtime(stamp)
    return f"{moment.tm_mon}月{moment.tm_mday}日 {moment.tm_hour}:{moment.tm_min:02d}"


class OpenElsewhereError(InputError):
    """The report is open in a gxdesk window (not this one's own lock)."""

    def __init__(self, report: Path, holder: Holder) -> None:
        super().__init__(f"“{report}”正在 gxdesk 窗口中打开（{holder.describe()}），没有覆盖；请先在窗口中关闭它")
        self.holder = holder


def holder(report: Path) -> Holder | None:
    """Who has ``report`` open in a window now; None if nobody does (or nobody we can tell)."""
    path = lock_path(report)
    if not held(path):
        return None
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        obj = {}
    if not isinstance(obj, dict):
        obj = {}
    user, host, since = obj.get("user"), obj.get("host"), obj.get("since")
    return Holder(user if isinstance(user, str) else "", host if isinstance(host, str) else "",
                  float(since) if isinstance(since, (int, float)) else 0.0)


def check_not_open(report: Path, own: ReportLock | None = None) -> None:
    """OpenElsewhereError if a window other than the holder of ``own`` has ``report`` open."""
    if own is not None and own.is_held and own.path == lock_path(report):
        return
    who = holder(report)
    if who is not None:
        raise OpenElsewhereError(report, who)


class ReportLock:
    """This window's hold on a report, from ``take`` until ``release``."""

    def __init__(self, report: Path) -> None:
        self.report = report
        self.path = lock_path(report)
        self._lock = FileLock(self.path)

    @property
    def is_held(self) -> bool:
        return self._lock.is_held

    @classmethod
    def take(cls, report: Path) -> ReportLock:
        """Hold ``report``'s lock; OpenElsewhereError if a window has it. Where no lock can be
        made (a read-only folder, a file system without locks) the lock returned is not held."""
        lock = cls(report)
        for _attempt in range(3):
            try:
                locked = lock._lock.acquire()
            except OSError:
                return lock
            if locked is None:
                return lock
            if not locked:
                raise OpenElsewhereError(report, holder(report) or Holder("", "", 0.0))
            if lock._is_current():
                lock._write_holder()
                return lock
            lock._lock.release()  # the file we locked was removed meanwhile by its last holder
        return lock

    def _is_current(self) -> bool:
        fd = self._lock.fd
        if fd is None or os.name != "posix":
            return fd is not None
        try:
            return os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except OSError:
            return False

    def _write_holder(self) -> None:
        fd = self._lock.fd
        if fd is None:
            return
        import getpass

        try:
            user = getpass.getuser()
        except Exception:  # no user name in the environment (a service): not worth failing over
            user = ""
        data = json.dumps({"user": user, "host": _host_name(), "pid": os.getpid(), "since": time.time()},
                          ensure_ascii=False).encode("utf-8", "replace")
        with suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)
        _hide(self.path)

    def release(self) -> None:
        """Let go of the report; the lock file goes (POSIX: removed while still held)."""
        if not self._lock.is_held:
            return
        if os.name == "posix":
            with suppress(OSError):
                os.unlink(self.path)
            self._lock.release()
        else:
            self._lock.release()
            with suppress(OSError):
                os.unlink(self.path)


def _hide(path: Path) -> None:
    """Hide the lock file in Explorer, as Office hides its own ``~$`` files."""
    if sys.platform != "win32":
        return
    import ctypes

    hidden = 0x2  # FILE_ATTRIBUTE_HIDDEN
    with suppress(Exception):
        ctypes.windll.kernel32.SetFileAttributesW(str(path), hidden)
