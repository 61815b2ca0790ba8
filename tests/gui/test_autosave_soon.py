"""Autosave a few seconds after the first unsaved change, not a minute after the start; a crash
soon after the first edits loses nothing (issue 12, point 12)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gxdesk.gui.files.drafts import AUTOSAVE_MS
from gxdesk.userdirs import autosave_dir
from tests.gui.conftest import type_into

NEW = ("requests", "new", "natural_person")


def drafts(home: Path) -> list[Path]:
    return sorted(autosave_dir(home).glob("*.draft"))


def test_the_first_change_is_in_a_draft_within_seconds(qtbot, window, home):
    assert AUTOSAVE_MS <= 5000
    qtbot.wait(50)
    started = time.monotonic()
    type_into(qtbot, window.view("requests"), NEW, "65")
    qtbot.waitUntil(lambda: len(drafts(home)) == 1, timeout=AUTOSAVE_MS + 2000)
    assert time.monotonic() - started < AUTOSAVE_MS / 1000 + 1.5


def test_typing_on_does_not_put_the_draft_off(qtbot, make_window, home):
    """Debounced from the first change: a clerk who never pauses still gets a draft in time."""
    window = make_window(autosave_ms=300)
    window.files.new_file()
    organ = window.meta_page.organ
    organ.setFocus()
    started = time.monotonic()
    while not drafts(home):
        qtbot.keyClicks(organ, "a")  # a key every 50 ms, for longer than the delay
        qtbot.wait(50)
        assert time.monotonic() - started < 3, "no draft while typing on"
    assert time.monotonic() - started < 0.3 + 0.5


CRASH_SOON = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gxdesk.gui.window import MainWindow
app = QApplication([])
window = MainWindow(home=Path(sys.argv[1]))
window.start(None)
window.files.new_file()
window.show()
window.meta_page.organ.setText("刚开始填写的单位")
window.meta_page.organ.textEdited.emit("刚开始填写的单位")
QTimer.singleShot(int(sys.argv[2]), lambda: os._exit(9))  # a crash a few seconds after the first edit
app.exec()
"""


@pytest.mark.subprocess
def test_a_crash_seconds_after_the_first_edit_is_recovered(qtbot, make_window, answers, home):
    env = {**os.environ, "GXDESK_HOME": str(home)}
    crash_after = AUTOSAVE_MS + 1500  # the clerk lost everything at 28 s
    result = subprocess.run([sys.executable, "-c", CRASH_SOON, str(home), str(crash_after)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 9, result.stderr
    assert len(drafts(home)) == 1  # written by the timer, not by anything the test called
    window = make_window()
    assert answers.asked == ["recover"]
    assert window.report.organ == "刚开始填写的单位" and window.isWindowModified()
