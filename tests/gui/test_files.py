"""新建 / 打开 / 保存 / 另存为, unsaved changes, autosave and crash recovery, last year's report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gxdesk import gxr
from gxdesk.resources import data_file
from gxdesk.sample import SAMPLE_NAME, load_sample
from gxdesk.schema import REQUEST_COLUMN_IDS
from gxdesk.settings import Settings
from gxdesk.userdirs import autosave_dir
from tests.gui.conftest import last_year, type_into

NEW = ("requests", "new", "natural_person")


def drafts(home: Path) -> list[Path]:
    return sorted(autosave_dir(home).glob("*.draft"))


def test_first_start_shows_the_sample_untitled_and_never_saves_over_it(qtbot, window, answers, tmp_path):
    packaged = data_file(SAMPLE_NAME).read_bytes()
    assert gxr.to_dict(window.report) == gxr.to_dict(load_sample())
    assert window.document.path is None and not window.isWindowModified()
    type_into(qtbot, window.view("requests"), NEW, "60")
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    target = tmp_path / "mine"
    answers.save_paths.append(target)
    qtbot.keyClick(window.view("requests"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert data_file(SAMPLE_NAME).read_bytes() == packaged  # Ctrl+S asked where instead
    saved = tmp_path / "mine.gxr"
    assert gxr.load(saved).cells[NEW] == 60
    assert not window.isWindowModified() and window.windowTitle().startswith("mine.gxr")


def test_save_reopen_compare(qtbot, make_window, answers, tmp_path, home):
    window = make_window()
    type_into(qtbot, window.view("requests"), NEW, "61")
    window.meta_page.organ.setFocus()
    window.meta_page.organ.selectAll()
    qtbot.keyClicks(window.meta_page.organ, "Test Bureau")
    path = tmp_path / "report.gxr"
    answers.save_paths.append(path)
    assert window.files.save()
    expected = gxr.to_dict(window.report)

    again = make_window(str(path))
    assert gxr.to_dict(again.report) == expected
    assert again.report.organ == "Test Bureau" and again.meta_page.organ.text() == "Test Bureau"
    assert again.model("requests").data(again.model("requests").index_of(NEW)) == "61"
    assert Settings.load(home / "settings.json").recent[0] == str(path.resolve())
    assert Settings.load(home / "settings.json").last_folder == str(tmp_path.resolve())


def test_unsaved_changes_are_asked_about_before_open_and_close(qtbot, window, answers, tmp_path):
    other = tmp_path / "other.gxr"
    gxr.save(load_sample(), other)
    type_into(qtbot, window.view("requests"), NEW, "62")

    answers.unsaved = "cancel"
    assert not window.files.open_file(other)
    assert window.report.cells[NEW] == 62 and answers.asked == ["unsaved"]
    assert not window.close()

    answers.unsaved = "discard"
    assert window.files.open_file(other)
    assert window.document.path == other and window.report.cells[NEW] == 58
    assert window.document.undo_stack.count() == 0


def test_choosing_save_when_asked_saves_first(qtbot, window, answers, tmp_path):
    type_into(qtbot, window.view("requests"), NEW, "63")
    answers.unsaved = "save"
    answers.save_paths.append(tmp_path / "kept.gxr")
    window.files.new_file()
    assert gxr.load(tmp_path / "kept.gxr").cells[NEW] == 63
    assert window.report.organ == "" and window.document.name == "未命名"


def test_a_bad_file_shows_a_message_and_changes_nothing(qtbot, window, answers, tmp_path):
    type_into(qtbot, window.view("requests"), NEW, "64")
    bad = tmp_path / "bad.gxr"
    bad.write_text('{"format": "gxdesk-report", "version": 1, "year": "两千"}', encoding="utf-8")
    answers.open_paths.append(bad)
    assert not window.files.open_file()
    assert answers.warned and "报告年度" in answers.warned[0] and "Traceback" not in answers.warned[0]
    assert answers.asked == []  # nothing to discard: it never got that far
    assert window.report.cells[NEW] == 64 and window.isWindowModified()


def test_autosave_writes_a_draft_and_a_save_removes_it(qtbot, make_window, answers, home, tmp_path):
    window = make_window(autosave_ms=30)
    assert drafts(home) == []  # nothing unsaved: no draft
    type_into(qtbot, window.view("requests"), NEW, "65")
    qtbot.waitUntil(lambda: len(drafts(home)) == 1, timeout=3000)
    draft = json.loads(drafts(home)[0].read_text(encoding="utf-8"))
    assert gxr.parse(draft["report"].encode()).cells[NEW] == 65
    answers.save_paths.append(tmp_path / "saved.gxr")
    assert window.files.save()
    assert drafts(home) == []
    window.close()
    assert list(autosave_dir(home).iterdir()) == []  # a clean close leaves nothing behind


CRASH = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from gxdesk.gui.window import MainWindow
app = QApplication([])
window = MainWindow(home=Path(sys.argv[1]))
window.start(sys.argv[2] or None)
model = window.model("requests")
assert model.setData(model.index_of(("requests", "new", "natural_person")), "4321")
window.files.drafts.write_now()
os._exit(9)  # a crash: no close, no clean-up
"""


def crash(home: Path, path: str = "") -> None:
    env = {**os.environ, "GXDESK_HOME": str(home)}
    result = subprocess.run([sys.executable, "-c", CRASH, str(home), path], env=env, capture_output=True, text=True)
    assert result.returncode == 9, result.stderr


@pytest.mark.subprocess
def test_after_a_crash_the_next_start_offers_the_draft(qtbot, make_window, answers, home):
    crash(home)
    assert len(drafts(home)) == 1
    window = make_window()
    assert answers.asked == ["recover"]
    assert window.report.cells[NEW] == 4321
    assert window.isWindowModified() and window.document.path is None
    assert len(drafts(home)) == 1  # now this window's own draft: a second crash loses nothing


@pytest.mark.subprocess
def test_declining_recovery_deletes_the_draft_and_shows_the_start_page(qtbot, make_window, answers, home):
    crash(home)
    answers.recover = False
    window = make_window()
    assert window.on_start_page and not window.has_report and drafts(home) == []


@pytest.mark.subprocess
def test_a_draft_of_a_file_is_offered_when_that_file_is_opened(qtbot, make_window, answers, home, tmp_path):
    path = tmp_path / "mine.gxr"
    gxr.save(load_sample(), path)
    crash(home, str(path))
    window = make_window(str(path))
    assert answers.asked == ["recover"]
    assert window.report.cells[NEW] == 4321 and window.document.path == path.resolve()
    assert window.files.save() and gxr.load(path).cells[NEW] == 4321


def test_last_years_report_fills_the_carry_over_as_one_step(qtbot, window, answers, tmp_path):
    before = {c: window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS}
    answers.open_paths.append(last_year(tmp_path))
    action = next(a for a in window.file_menu.actions() if a.text().startswith("载入上年报告"))
    action.trigger()
    assert [window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS] == [1, 2, 3, 4, 5, 6]
    assert "二、上年结转" in answers.informed[0] and "3 → 1" in answers.informed[0]
    rules = {f.rule for f in window.findings}
    # The sample's text is last year's text too: copied wholesale, for 一 and for 五.
    assert {f.section for f in window.findings if f.rule == "cross.text_repeated"} == {"一", "五"}
    assert "cross.carry_over" not in rules
    assert window.text_page("五").fields["problems"].property("flag") == "warning"
    assert "上年报告：2024.gxr" in window.status_summary.text()

    window.document.undo_stack.undo()
    assert {c: window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS} == before
    assert "cross.carry_over" in {f.rule for f in window.findings}  # still checked across years
