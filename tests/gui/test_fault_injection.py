"""Faults injected into real window processes: a second window on a file another process has open,
a window started with a data folder it cannot write, and a window killed (kill -9) in the middle of
saving. Afterwards the file is complete, and once saved again no temp file is left.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.gui.app import EXIT_ON_PAINT_ENV, FIRST_PAINT_MARKER
from gxdesk.report_lock import holder, lock_path
from gxdesk.sample import load_sample
from tests.gui.conftest import type_into
from tests.gui.test_export_print import trigger

pytestmark = pytest.mark.subprocess

NEW = ("requests", "new", "natural_person")

WINDOW = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gxdesk.gui.window import MainWindow
app = QApplication([])
window = MainWindow(home=Path(sys.argv[1]))
window.start(sys.argv[2])
window.show()
print("ready", flush=True)
QTimer.singleShot(60_000, app.quit)
app.exec()
"""

SAVING = """
import os, sys, time
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from gxdesk import atomic
from gxdesk.gui.window import MainWindow
real_fsync = os.fsync

def slow_disk(fd):  # the report's new temp file is written; the disk takes its time to make it durable
    if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
        print("syncing", flush=True)
        time.sleep(0.3)
    real_fsync(fd)

atomic.os.fsync = slow_disk
app = QApplication([])
window = MainWindow(home=Path(sys.argv[1]))
window.start(sys.argv[2])
model = window.model("requests")
for value in range(1, 10_000):
    assert model.setData(model.index_of(("requests", "new", "natural_person")), str(value))
    assert window.files.save()
"""


def child(script: str, home: Path, report: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "GXDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-c", script, str(home), str(report)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    path = reports / "报告.gxr"
    gxr.save(load_sample(), path)
    return path


def test_a_file_open_in_another_process_is_told_and_free_again_once_that_dies(
        qtbot, make_window, answers, report, tmp_path):
    with child(WINDOW, tmp_path / "other-home", report) as other:
        assert other.stdout is not None and other.stdout.readline() == "ready\n"
        who = holder(report)
        assert who is not None
        answers.open_locked = "cancel"
        window = make_window()
        assert not window.files.open_file(report) and answers.asked == ["open_locked"]
        assert window.document.path is None  # cancelled: the sample stays
        other.kill()  # kill -9: the other window never closes cleanly
        other.wait(10)
    assert lock_path(report).exists() and holder(report) is None  # its lock file stays; its lock does not
    assert window.files.open_file(report) and answers.asked == ["open_locked"]  # no question this time
    assert not window.document.read_only and holder(report) is not None


def test_a_window_started_with_a_data_folder_it_cannot_write_starts_and_says_so(read_only_folder, report):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GXDESK_HOME": str(read_only_folder),
           EXIT_ON_PAINT_ENV: "1"}
    result = subprocess.run([sys.executable, "-m", "gxdesk", str(report)], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    painted = [line for line in result.stdout.splitlines() if line.startswith(FIRST_PAINT_MARKER)]
    assert len(painted) == 1 and "报告.gxr" in painted[0], result.stdout


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="tells the temp file's fsync by /proc")
def test_a_window_killed_while_saving_leaves_a_complete_file_and_the_next_save_cleans_up(
        qtbot, make_window, report, tmp_path):
    home = tmp_path / "saver-home"
    saved_values = set()
    for _ in range(3):
        with child(SAVING, home, report) as saver:
            assert saver.stdout is not None
            for _line in range(1 + len(saved_values) % 3):  # killed during the 1st, 2nd or 3rd save
                assert saver.stdout.readline() == "syncing\n", saver.stderr.read() if saver.stderr else ""
            saver.kill()
            saver.wait(10)
        saved = gxr.load(report)  # complete: the old or a new version, never half of one
        assert saved.cells[NEW] in {58, 1, 2}  # the sample's, or a save that finished before the kill
        saved_values.add(saved.cells[NEW])
    leftovers = list(report.parent.glob(f".{report.name}.*.tmp"))
    assert leftovers, "each kill fell inside a save: its temp file is left behind"
    for path in leftovers:  # as if the clerk came back a little later
        os.utime(path, (time.time() - 60, time.time() - 60))
    lock_path(report).unlink(missing_ok=True)  # what a killed window leaves; nobody holds it

    window = make_window(str(report))
    type_into(qtbot, window.view("requests"), NEW, "4242")
    trigger(window, "保存")
    assert gxr.load(report).cells[NEW] == 4242
    assert sorted(p.name for p in report.parent.iterdir()) == sorted(
        [report.name, report.name + ".bak", lock_path(report).name])
