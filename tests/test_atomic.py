"""atomic_write's durable=False: the same atomic replace, without waiting for the disk."""

from __future__ import annotations

import os
from pathlib import Path

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
