"""The entry point: `gxdesk FILE` shows the window; unexpected errors become a message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gxdesk import gxr
from gxdesk.gui.app import EXIT_ON_PAINT_ENV, FIRST_PAINT_MARKER, _install_error_handler
from gxdesk.sample import load_sample


@pytest.mark.subprocess
def test_gxdesk_file_opens_the_window_and_writes_only_its_own_folder(tmp_path):
    reports, home = tmp_path / "reports", tmp_path / "home"
    reports.mkdir()
    path = reports / "mine.gxr"
    gxr.save(load_sample(), path)
    before = sorted(p.name for p in reports.iterdir())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GXDESK_HOME": str(home), EXIT_ON_PAINT_ENV: "1"}
    result = subprocess.run([sys.executable, "-m", "gxdesk", str(path)], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in reports.iterdir()) == before
    assert (home / "settings.json").exists()  # the file went into 最近打开
    # What was painted: the file's name in the title, the checks' verdict in the status bar.
    painted = [line for line in result.stdout.splitlines() if line.startswith(FIRST_PAINT_MARKER)]
    assert len(painted) == 1 and "mine" in painted[0] and "全部平衡" in painted[0], result.stdout


def test_an_unexpected_error_keeps_a_draft_and_says_so(qtbot, window, answers, home, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    _install_error_handler(window)
    window.document.set_cells({("requests", "new", "natural_person"): 1}, "test")
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert answers.warned and "内部错误" in answers.warned[0] and "Traceback" not in answers.warned[0]
    assert "ZeroDivisionError: boom" in (home / "error.log").read_text(encoding="utf-8")
    assert window.files.drafts.session.draft_file.exists()


def test_qt_standard_buttons_speak_chinese(qapp):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from gxdesk.gui.app import _load_qt_translation

    _load_qt_translation(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text() for b in box.buttons()) == sorted(["是(&Y)", "否(&N)"])
