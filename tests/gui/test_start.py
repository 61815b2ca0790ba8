"""The first screen a clerk meets, and the start after that (issue 12, points 1 and 13)."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from gxdesk import gxr
from gxdesk.gui.actions import plain_label
from gxdesk.gui.prompts import QtPrompts
from gxdesk.model import next_year
from gxdesk.resources import data_file
from gxdesk.sample import SAMPLE_NAME, load_sample
from gxdesk.settings import Settings
from tests.gui.conftest import type_into

NEW = ("requests", "new", "natural_person")


def click(qtbot, window, name: str) -> None:
    button = window.start_screen.page.buttons[name]
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_first_start_shows_the_start_page_not_the_sample(qtbot, make_window):
    window = make_window()
    assert window.on_start_page and not window.has_report
    assert window.windowTitle().startswith("开始 — ")
    page = window.start_screen.page
    assert [b.text() for b in page.buttons.values()] == ["新建报告", "打开…", "从上年报告开始…", "查看示例", "汇总各单位报告…"]
    assert page.no_recent.isVisible() and page.no_recent.text() == "（还没有打开过报告）"
    assert page.recent_list is None  # made when there is a report to list
    save = next(a for a in window.file_menu.actions() if a.text().startswith("保存"))
    assert not save.isEnabled() and not window.findings_panel.isVisible()  # nothing of a report's yet
    assert window.status_summary.text() == ""


def test_new_report_then_save_then_the_next_start_reopens_it(qtbot, make_window, answers, tmp_path, home):
    window = make_window()
    click(qtbot, window, "start_new")
    assert not window.on_start_page and window.tabs.currentIndex() == 0
    organ = window.meta_page.organ
    assert window.focusWidget() is organ  # the cursor is where a new report begins
    qtbot.keyClicks(organ, "Test Bureau")
    answers.save_paths.append(tmp_path / "mine.gxr")
    qtbot.keyClick(organ, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert gxr.load(tmp_path / "mine.gxr").organ == "Test Bureau"
    window.close()

    again = make_window()  # no file given: the report worked on last, not the sample, not the start page
    assert not again.on_start_page and again.document.path == (tmp_path / "mine.gxr").resolve()
    assert again.report.organ == "Test Bureau"


def test_reopening_the_last_report_leaves_the_settings_file_as_it_was(qtbot, make_window, tmp_path, home):
    """Nothing in it changes (the report is first already), so start-up writes nothing (an fsync saved)."""
    mine = tmp_path / "mine.gxr"
    gxr.save(load_sample(), mine)
    Settings(recent=[str(mine.resolve())], last_folder=str(mine.resolve().parent)).save(home / "settings.json")
    before = (home / "settings.json").stat().st_mtime_ns
    os.utime(home / "settings.json", ns=(before - 10**9, before - 10**9))  # a rewrite would show
    written = (home / "settings.json").stat().st_mtime_ns
    window = make_window()
    assert window.document.path == mine.resolve()
    assert (home / "settings.json").stat().st_mtime_ns == written
    window.files.open_file(tmp_path / "mine.gxr")  # the same again: still nothing to write
    assert (home / "settings.json").stat().st_mtime_ns == written


def test_the_start_page_lists_recent_reports_with_organ_year_and_last_change(qtbot, make_window, tmp_path, home):
    mine = tmp_path / "2025.gxr"
    gxr.save(load_sample(), mine)
    os.utime(mine, (time.mktime((2026, 1, 5, 9, 7, 0, 0, 0, -1)),) * 2)
    gone = tmp_path / "moved.gxr"
    settings = Settings(recent=[str(gone), str(mine)])
    settings.save(home / "settings.json")
    window = make_window()
    assert window.on_start_page  # the last one has gone: no report to reopen
    page = window.start_screen.page
    assert page.recent.item(0).text().startswith("moved.gxr（找不到文件）")
    text = page.recent.item(1).text()
    assert text.startswith("青禾县市场监督管理局　2025 年度\n最后修改：2026年1月5日 09:07")  # no leading zeros
    item = page.recent.item(1)
    qtbot.mouseClick(page.recent.viewport(), Qt.MouseButton.LeftButton, pos=page.recent.visualItemRect(item).center())
    assert not window.on_start_page and window.document.path == mine


def test_the_sample_is_read_only_ish_saving_asks_for_a_new_name(qtbot, make_window, answers, tmp_path):
    packaged = data_file(SAMPLE_NAME).read_bytes()
    window = make_window()
    click(qtbot, window, "start_sample")
    assert window.document.name == "示例报告" and window.document.read_only
    assert "（只读）" in window.windowTitle()
    type_into(qtbot, window.view("requests"), NEW, "60")
    answers.save_paths.append(tmp_path / "练习")
    qtbot.keyClick(window.view("requests"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert answers.save_asked[0][0] == "另存为"  # asked for a name, never over the sample
    assert data_file(SAMPLE_NAME).read_bytes() == packaged
    assert gxr.load(tmp_path / "练习.gxr").cells[NEW] == 60
    assert not window.document.read_only and window.windowTitle().startswith("练习.gxr")


def test_starting_from_last_years_report(qtbot, make_window, answers, tmp_path):
    last = load_sample()
    path = tmp_path / "青禾县2025.gxr"
    gxr.save(last, path)
    window = make_window()
    answers.open_paths.append(path)
    click(qtbot, window, "start_next_year")
    report = window.report
    assert (report.organ, report.year, report.date, report.doc_number) == (last.organ, 2026, "", "")
    assert report.text["overview"] == last.text["overview"]
    assert "自2026年1月1日起至2026年12月31日止" in window.meta_page.preamble.toPlainText()
    carried = [report.cells[("requests", "carried_over", c)] for c in ("natural_person", "business")]
    assert carried == [last.cells[("requests", "carried_forward", c)] for c in ("natural_person", "business")]
    assert window.document.path is None and window.isWindowModified()  # new, unsaved: closing asks
    assert "上年报告：青禾县2025.gxr" in window.status_summary.text()
    assert "已按“青禾县2025.gxr”（2025 年度）新建 2026 年度报告" in answers.informed[-1]
    assert window.meta_page.year.value() == 2026


def test_the_summary_opens_from_the_start_page(qtbot, make_window):
    window = make_window()
    click(qtbot, window, "start_summary")
    assert window.summary.window is not None and window.summary.window.isVisible()


def test_a_gxr_dropped_on_the_start_page_opens(qtbot, make_window, tmp_path):
    path = tmp_path / "dropped.gxr"
    gxr.save(next_year(load_sample()), path)
    window = make_window()
    page = window.start_screen.page
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    for kind in (QDropEvent.Type.DragEnter, QDropEvent.Type.Drop):
        event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, kind)
        QApplication.sendEvent(page.viewport(), event)  # where a drop on the page arrives
        assert event.isAccepted()
    qtbot.waitUntil(lambda: window.document.path == path, timeout=2000)
    assert not window.on_start_page


def test_back_to_the_start_page_and_to_the_report(qtbot, window):
    action = next(a for a in window.file_menu.actions() if a.text().startswith("开始页"))
    action.trigger()
    page = window.start_screen.page
    assert window.on_start_page and page.back.isVisible() and "示例报告" in page.back.text()
    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
    assert not window.on_start_page


def test_the_first_report_saved_appears_on_the_start_page_in_place_of_the_none_yet_line(
        qtbot, make_window, answers, tmp_path):
    window = make_window()
    page = window.start_screen.page
    assert page.no_recent.isVisible() and page.recent_list is None
    click(qtbot, window, "start_new")
    answers.save_paths.append(tmp_path / "第一份.gxr")
    qtbot.keyClick(window.meta_page.organ, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    next(a for a in window.file_menu.actions() if a.text().startswith("开始页")).trigger()
    assert page.recent_list is not None and page.recent_list.isVisible() and not page.no_recent.isVisible()
    assert page.recent_list.count() == 1 and "第一份.gxr" in page.recent_list.item(0).toolTip()


# --- Point 13: dialogs open where the report is (or Documents), and speak Chinese ---------------


def test_dialogs_open_beside_the_report_else_in_documents(qtbot, make_window, answers, tmp_path, monkeypatch):
    documents = tmp_path / "文档"
    documents.mkdir()
    monkeypatch.setattr("gxdesk.userdirs.documents_dir", lambda: documents)
    window = make_window()
    click(qtbot, window, "start_new")
    assert window.files.folder() == documents
    window.files.save_as()
    assert answers.save_asked[-1][1] == documents / "未命名.gxr"  # the first save: Documents, not home

    report_dir = tmp_path / "报告"
    report_dir.mkdir()
    gxr.save(load_sample(), report_dir / "2025.gxr")
    window.files.open_file(report_dir / "2025.gxr")
    asked = []
    answers.ask_open_path = lambda caption, folder, kinds: asked.append(folder)  # type: ignore[method-assign]
    window.previous_year.load()  # 载入上年报告 opens where this report is
    assert asked == [str(report_dir)]


def test_file_dialogs_are_qts_own_and_speak_chinese_off_windows(qtbot, monkeypatch, tmp_path):
    """Qt's Chinese translation lacks the dialog's labels since Qt 6 spelled them with &: said here."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    seen = []

    def shown(dialog):
        dialog.show()
        words = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.isVisible()]
        seen.append((dialog.testOption(QFileDialog.Option.DontUseNativeDialog), words, dialog.selectedFiles()))
        return 0

    monkeypatch.setattr(QFileDialog, "exec", shown)
    prompts = QtPrompts(None)
    assert prompts.ask_open_path("打开报告", str(tmp_path), "gxdesk 报告 (*.gxr)") is None
    assert prompts.ask_save_path("另存为", tmp_path / "报告.gxr", "gxdesk 报告 (*.gxr)") is None
    (qts_own, opened, _), (_, saved, suggested) = seen
    assert qts_own  # a Linux desktop's own dialog follows the desktop's language, often English
    assert {"查找范围(&I)：", "文件名(&N)：", "文件类型(&T)：", "打开(&O)", "取消"} <= set(opened)
    assert "保存(&S)" in saved and suggested == [str(tmp_path / "报告.gxr")]
    assert not [w for w in opened + saved if any("a" <= c.lower() <= "z" for c in plain_label(w))]


def test_the_start_page_greys_out_what_needs_a_report_and_gives_it_back_as_it_was(qtbot, make_window):
    window = make_window()
    actions = {a.text(): a for a in window.file_menu.actions()}
    assert not actions["保存(&S)"].isEnabled() and not actions["不再与上年报告核对"].isEnabled()
    click(qtbot, window, "start_new")
    assert actions["保存(&S)"].isEnabled()
    assert not actions["不再与上年报告核对"].isEnabled()  # no last year's report yet: its own state


def test_a_published_report_dropped_on_the_start_page_is_imported(qtbot, make_window, tmp_path, monkeypatch):
    """Through the importer's drop handler (issue 13's FileDrops), as on the window."""
    from gxdesk.gui.importing.import_report import Importing

    imported = []
    monkeypatch.setattr(Importing, "import_path", lambda self, path: imported.append(path) or True)
    window = make_window()
    page = window.start_screen.page
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "2025年报.pdf"))])
    for kind in (QDropEvent.Type.DragEnter, QDropEvent.Type.Drop):
        event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, kind)
        QApplication.sendEvent(page.viewport(), event)
        assert event.isAccepted()
    qtbot.waitUntil(lambda: imported == [tmp_path / "2025年报.pdf"], timeout=2000)
