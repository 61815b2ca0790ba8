"""atomic_write's durable=False: the same atomic replace, without waiting for the disk."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

import pytest

from gxdesk import atomic


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def counting(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", counting)
    return calls


def test_durable_writes_are_synced(tmp_path: Path, fsyncs: list[int]) -> None:
    target = tmp_path / "report.gxr"
    atomic.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(fsyncs) == (2 if os.name == "posix" else 1)  # the file, then its folder


def test_a_cache_file_is_replaced_atomically_without_syncing(tmp_path: Path, fsyncs: list[int]) -> None:
    target = tmp_path / "entry"
    target.write_bytes(b"old")
    atomic.atomic_write_bytes(target, b"new", durable=False)
    assert target.read_bytes() == b"new" and fsyncs == []

    def failing(stream: object) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic.atomic_write(target, failing, durable=False)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["entry"]  # no temp file left behind


# --- The replaced file keeps its permissions --------------------------------------------------

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@posix
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444, 0o755])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    """Found by a probe: a 0600 report became 0644, world-readable, after one save."""
    target = tmp_path / "report.gxr"
    target.write_bytes(b"old")
    target.chmod(mode)
    atomic.atomic_write_bytes(target, b"new", backup=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert stat.S_IMODE(atomic.backup_path(target).stat().st_mode) == mode


@posix
def test_a_new_file_gets_the_umasks_default(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic.atomic_write_bytes(tmp_path / "new.gxr", b"new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.gxr").stat().st_mode) == 0o640


# --- Temp files of killed saves ---------------------------------------------------------------

def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_next_save_removes_what_killed_saves_of_that_file_left(tmp_path: Path) -> None:
    target = tmp_path / "report.gxr"
    target.write_bytes(b"old")
    left = [tmp_path / ".report.gxr.0123abcd.tmp", tmp_path / ".report.gxr.bak.89abcdef.tmp"]
    young = tmp_path / ".report.gxr.feedbeef.tmp"  # a save that may still be starting
    others = [tmp_path / ".other.gxr.0123abcd.tmp",  # another report's
              tmp_path / ".report.gxr.0123abcd.tmp.keep", tmp_path / "report.gxr.0123abcd.tmp",  # not our names
              tmp_path / ".report.gxr.XYZ.tmp"]
    for path in [*left, young, *others]:
        path.write_bytes(b"x" * 1000)
    for path in [*left, *others]:
        _age(path, 60)
    atomic.atomic_write_bytes(target, b"new", backup=True)
    assert target.read_bytes() == b"new"
    assert not any(p.exists() for p in left)
    assert young.exists() and all(p.exists() for p in others)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, "report.gxr.bak", young.name, *(p.name for p in others)])


@posix
def test_a_temp_file_a_running_save_holds_is_left_alone(tmp_path: Path) -> None:
    """The writing save keeps its temp file locked: another save of the same file must not take it."""
    target = tmp_path / "report.gxr"
    seen: list[list[Path]] = []

    def slow_write(stream: BinaryIO) -> None:
        stream.write(b"half")
        (running,) = tmp_path.glob(".report.gxr.*.tmp")
        _age(running, 60)  # as if this save had been writing for a minute
        seen.append(atomic.remove_stale_temps(target))
        stream.write(b" and the rest")

    atomic.atomic_write(target, slow_write)
    assert seen == [[]] and target.read_bytes() == b"half and the rest"
    assert [p.name for p in tmp_path.iterdir()] == ["report.gxr"]


KILLED_SAVE = """
import sys, time
from pathlib import Path
from gxdesk import atomic
target = Path(sys.argv[1])
big = b"x" * 4_000_000

def write(stream):
    stream.write(big)
    print("writing", flush=True)
    time.sleep(60)  # killed here

atomic.atomic_write(target, write, backup=True)
"""


@pytest.mark.subprocess
def test_a_save_killed_while_writing_leaves_the_old_file_and_the_next_save_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "report.gxr"
    target.write_bytes(b"old")
    for _ in range(3):
        with subprocess.Popen([sys.executable, "-c", KILLED_SAVE, str(target)], stdout=subprocess.PIPE,
                              text=True) as child:
            assert child.stdout is not None and child.stdout.readline() == "writing\n"
            child.kill()  # kill -9
            child.wait(10)
    assert target.read_bytes() == b"old"
    leftovers = list(tmp_path.glob(".report.gxr.*.tmp"))
    assert len(leftovers) == 3
    for path in leftovers:
        _age(path, 60)
    atomic.atomic_write_bytes(target, b"new", backup=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.gxr", "report.gxr.bak"]


# --- Windows: replaced in place, keeping the ACL ----------------------------------------------

REAL_REPLACE = os.replace


class FakeReplaceFile:
    """ReplaceFileW as documented: 0 and the file replaced, or the error code (and for 1176, the target gone)."""

    def __init__(self, code: int) -> None:
        self.code, self.calls = code, []

    def __call__(self, target: Path, source: Path) -> int:
        self.calls.append((target, source))
        if self.code == 0:
            REAL_REPLACE(source, target)
        elif self.code == 1176:  # ERROR_UNABLE_TO_MOVE_REPLACEMENT: the target is already gone
            os.unlink(target)
        return self.code


def test_windows_replaces_an_existing_file_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target, source = tmp_path / "r.gxr", tmp_path / ".r.gxr.0123abcd.tmp"
    target.write_bytes(b"old")
    source.write_bytes(b"new")
    fake = FakeReplaceFile(0)
    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic, "_replace_file", fake)
    replaced: list[tuple[object, object]] = []
    monkeypatch.setattr(atomic.os, "replace", lambda *a: replaced.append(a))
    atomic.replace(source, target)
    assert fake.calls == [(target, source)] and replaced == []  # ReplaceFileW, not os.replace
    assert target.read_bytes() == b"new"


def test_windows_uses_os_replace_for_a_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target, source = tmp_path / "r.gxr", tmp_path / ".r.gxr.0123abcd.tmp"
    source.write_bytes(b"new")
    fake = FakeReplaceFile(0)
    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic, "_replace_file", fake)
    atomic.replace(source, target)
    assert fake.calls == [] and target.read_bytes() == b"new"  # ReplaceFileW needs a file to replace


@pytest.mark.parametrize("code", [50, 87, 1175, 1176])  # not supported, bad parameter, unable to remove/move
def test_windows_falls_back_to_os_replace_when_replacefilew_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 code: int) -> None:
    target, source = tmp_path / "r.gxr", tmp_path / ".r.gxr.0123abcd.tmp"
    target.write_bytes(b"old")
    source.write_bytes(b"new")
    monkeypatch.setattr(atomic, "_replace_file", FakeReplaceFile(code))
    atomic._windows_replace(source, target, atomic._replace_file)
    assert target.read_bytes() == b"new" and not source.exists()


def test_windows_keeps_the_only_copy_when_the_rename_fails_after_the_target_went(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.gxr"
    target.write_bytes(b"old")
    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic, "_replace_file", FakeReplaceFile(1176))
    def failing_replace(source: object, destination: object) -> None:
        if str(destination) == str(target):
            raise PermissionError(13, "Access is denied")  # an antivirus holding the new file
        REAL_REPLACE(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    monkeypatch.setattr(atomic, "_keep_mode", lambda fd, path: None)
    with pytest.raises(atomic.ReplaceError):
        atomic.atomic_write_bytes(target, b"new")
    (kept,) = tmp_path.glob(".r.gxr.*.tmp")
    assert kept.read_bytes() == b"new"  # not deleted: it is all there is
