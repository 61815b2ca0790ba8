"""A report open in a window: its lock file, seen by other windows and by the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.report_lock import OpenElsewhereError, ReportLock, check_not_open, holder, lock_path
from gxdesk.sample import load_sample


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "报告.gxr"
    gxr.save(load_sample(), path)
    return path


def test_one_window_holds_a_report_and_a_second_is_told_who(report: Path) -> None:
    first = ReportLock.take(report)
    assert first.is_held and lock_path(report) == report.with_name("~$报告.gxr.lock")
    with pytest.raises(OpenElsewhereError) as refused:
        ReportLock.take(report)
    who = refused.value.holder
    assert who.since > 0 and "起" in who.describe()
    assert holder(report) == who
    first.release()
    assert holder(report) is None and not lock_path(report).exists()
    ReportLock.take(report).release()


def test_saving_over_a_report_open_elsewhere_is_refused_unless_it_is_ours(report: Path) -> None:
    before = report.read_bytes()
    window = ReportLock.take(report)
    other = load_sample()
    other.organ = "别的机关"
    with pytest.raises(OpenElsewhereError, match=r"正在 gxdesk 窗口中打开.*没有覆盖"):
        gxr.save(other, report)
    assert report.read_bytes() == before
    gxr.save(other, report, lock=window)  # the window saving its own report
    assert gxr.load(report).organ == "别的机关"
    check_not_open(report, window)
    window.release()


HOLD = """
import sys, time
from pathlib import Path
from gxdesk.report_lock import ReportLock
lock = ReportLock.take(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


@pytest.mark.subprocess
def test_a_lock_held_by_another_process_counts_and_dies_with_it(report: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", HOLD, str(report)], stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None and child.stdout.readline() == "held\n"
        who = holder(report)
        assert who is not None and who.user  # the lock file says who
        with pytest.raises(OpenElsewhereError):
            ReportLock.take(report)
        child.kill()  # a crash: the lock file stays, its lock does not
        child.wait(10)
    assert lock_path(report).exists() and holder(report) is None
    taken = ReportLock.take(report)  # a stale lock file is taken over
    assert taken.is_held
    taken.release()


def test_a_read_only_folder_opens_unlocked(read_only_folder: Path) -> None:
    lock = ReportLock.take(read_only_folder / "r.gxr")
    assert not lock.is_held  # nothing to hold, and nothing that could be saved there either
    assert not lock_path(read_only_folder / "r.gxr").exists()


def test_where_no_lock_file_can_be_made_the_report_opens_unlocked(tmp_path: Path) -> None:
    lonely = tmp_path / "no-such-folder" / "r.gxr"  # the lock file cannot be created beside it
    lock = ReportLock.take(lonely)
    assert not lock.is_held
    lock.release()
