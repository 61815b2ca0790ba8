"""The window against what a probe found (issue 10): two windows on one file, a file changed elsewhere,
read-only files, pipes, an autosave folder that cannot be written, characters no writer can take,
text beyond the limits, a crash handler that must not fail. Typed into the real widgets.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gxdesk import gxr, limits
from gxdesk.cli import main
from gxdesk.gui.app import _install_error_handler
from gxdesk.report_lock import holder, lock_path
from gxdesk.sample import load_sample
from gxdesk.userdirs import autosave_dir
from tests.gui.conftest import type_into, type_text
from tests.gui.test_export_print import trigger
from tests.gui.test_files import drafts

NEW = ("requests", "new", "natural_person")
REAL_TEXT = Path(__file__).parent.parent / "data" / "real" / "xingxian-2025.txt"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "报告.gxr"
    gxr.save(load_sample(), path)
    return path


def save_keys(qtbot, window) -> None:
    """保存 from the 文件 menu (Ctrl+S reaches only the active one of two windows)."""
    trigger(window, "保存")


# --- Two windows on one file -----------------------------------------------------------------


def test_a_second_window_is_told_and_opens_read_only(qtbot, make_window, answers, report, tmp_path):
    first = make_window(str(report))
    assert holder(report) is not None and answers.asked == []
    second = make_window(str(report))
    assert answers.asked == ["open_locked"]
    assert second.document.read_only and "（只读）" in second.windowTitle()
    assert second.files.read_only_note.isVisible() and "另存为" in second.files.read_only_note.text()
    type_into(qtbot, second.view("requests"), NEW, "99")
    copy = tmp_path / "副本.gxr"
    answers.save_paths.append(copy)
    save_keys(qtbot, second)  # 保存 of a read-only report asks for a new name
    assert answers.save_asked and gxr.load(copy).cells[NEW] == 99
    assert gxr.load(report).cells[NEW] == 58  # the first window's file untouched
    assert not second.document.read_only and second.document.path == copy
    assert not second.files.read_only_note.isVisible()
    first.close()
    assert holder(report) is None


def test_two_windows_saving_one_file_never_lose_an_edit_silently(qtbot, make_window, answers, report, tmp_path):
    """Found by a probe: A saves 111, B saves another cell — A's edit was gone while A said 已保存."""
    a = make_window(str(report))
    answers.open_locked = "open"
    b = make_window(str(report))
    type_into(qtbot, a.view("requests"), NEW, "111")
    save_keys(qtbot, a)
    assert gxr.load(report).cells[NEW] == 111 and answers.asked == ["open_locked"]

    type_into(qtbot, b.view("requests"), ("requests", "new", "business"), "7")
    answers.save_conflict = ["cancel"]
    save_keys(qtbot, b)  # B's file is A's now, and A has it open: B is asked
    text, may_overwrite = answers.conflicts[-1]
    assert "被另一个窗口或其他程序修改过" in text and "正在另一个 gxdesk 窗口中打开" in text and may_overwrite
    assert gxr.load(report).cells[NEW] == 111 and b.isWindowModified()  # cancelled: nothing written

    elsewhere = tmp_path / "B 的版本.gxr"
    answers.save_conflict, answers.save_paths = ["save_as"], [elsewhere]
    save_keys(qtbot, b)
    assert gxr.load(elsewhere).cells[("requests", "new", "business")] == 7
    assert gxr.load(report).cells[NEW] == 111  # A's edit kept
    assert not b.isWindowModified() and b.document.path == elsewhere


def test_overwriting_is_the_clerks_choice(qtbot, make_window, answers, report):
    a = make_window(str(report))
    type_into(qtbot, a.view("requests"), NEW, "5")
    report.write_bytes(report.read_bytes().replace(b'"fees": "1.26"', b'"fees": "9.99"'))  # another program
    answers.save_conflict = ["overwrite"]
    save_keys(qtbot, a)
    assert answers.asked == ["save_conflict"] and gxr.load(report).cells[NEW] == 5
    type_into(qtbot, a.view("requests"), NEW, "6")
    save_keys(qtbot, a)  # what is on disk is what this window wrote: no question
    assert answers.asked == ["save_conflict"] and gxr.load(report).cells[NEW] == 6


def test_a_file_only_touched_elsewhere_is_no_conflict(qtbot, make_window, answers, report):
    a = make_window(str(report))
    os.utime(report, (time.time() + 5, time.time() + 5))  # a backup program, a sync tool
    type_into(qtbot, a.view("requests"), NEW, "8")
    save_keys(qtbot, a)
    assert answers.asked == [] and gxr.load(report).cells[NEW] == 8


def test_the_command_line_will_not_import_over_a_report_open_in_a_window(qtbot, make_window, report, capsys):
    window = make_window(str(report))
    before = report.read_bytes()
    assert main(["import", str(REAL_TEXT), "-o", str(report), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "正在 gxdesk 窗口中打开" in err
    assert report.read_bytes() == before
    window.close()
    assert main(["import", str(REAL_TEXT), "-o", str(report), "--force"]) in (0, 1)


def test_a_crashed_windows_lock_does_not_count(qtbot, make_window, answers, report):
    lock_path(report).write_text('{"user": "someone", "since": 1}', encoding="utf-8")  # nobody holds it
    window = make_window(str(report))
    assert answers.asked == [] and not window.document.read_only and holder(report) is not None


# --- Read-only files, pipes -------------------------------------------------------------------


def test_a_read_only_report_is_never_replaced_the_window_offers_save_as(qtbot, make_window, answers, report, tmp_path):
    report.chmod(0o444)
    before = report.read_bytes()
    window = make_window(str(report))
    type_into(qtbot, window.view("requests"), NEW, "70")
    answers.save_conflict = ["cancel"]
    save_keys(qtbot, window)
    (text, may_overwrite), = answers.conflicts
    assert "只读文件" in text and not may_overwrite
    assert report.read_bytes() == before and stat.S_IMODE(report.stat().st_mode) == 0o444
    answers.save_conflict, answers.save_paths = ["save_as"], [tmp_path / "可写.gxr"]
    save_keys(qtbot, window)
    assert gxr.load(tmp_path / "可写.gxr").cells[NEW] == 70 and report.read_bytes() == before


def test_a_read_only_pdf_is_not_exported_over(qtbot, window, answers, tmp_path):
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF- the signed copy")
    pdf.chmod(0o444)
    answers.save_paths = [pdf, tmp_path / "新.pdf"]
    answers.save_conflict = ["save_as"]
    trigger(window, "导出 PDF")
    assert pdf.read_bytes() == b"%PDF- the signed copy"
    assert "只读文件" in answers.conflicts[0][0] and (tmp_path / "新.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_saving_keeps_a_private_reports_mode(qtbot, make_window, report):
    report.chmod(0o600)
    window = make_window(str(report))
    type_into(qtbot, window.view("requests"), NEW, "71")
    save_keys(qtbot, window)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_pipe_is_neither_opened_nor_saved_to(qtbot, window, answers, tmp_path):
    pipe = tmp_path / "pipe.gxr"
    os.mkfifo(pipe)
    assert not window.files.open_file(pipe)  # returns at once: nothing waits on a writer
    assert "不是普通文件" in answers.warned[-1]
    answers.save_paths.append(pipe)
    assert not window.files.save_as()
    assert "不是普通文件" in answers.warned[-1] and stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_the_next_save_removes_what_a_killed_save_left(qtbot, make_window, report, tmp_path):
    left = tmp_path / f".{report.name}.0123abcd.tmp"
    left.write_bytes(b"half a report")
    os.utime(left, (time.time() - 60, time.time() - 60))
    window = make_window(str(report))
    type_into(qtbot, window.view("requests"), NEW, "72")
    save_keys(qtbot, window)
    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == sorted(
        [report.name, report.name + ".bak", lock_path(report).name])


# --- Autosave that cannot write ---------------------------------------------------------------


def test_a_read_only_home_does_not_stop_the_window(qtbot, read_only_folder, answers, monkeypatch):
    """Found by a probe: a read-only GXDESK_HOME or autosave folder stopped the window with a traceback."""
    from gxdesk.gui.window import MainWindow

    monkeypatch.setenv("GXDESK_HOME", str(read_only_folder))
    window = MainWindow(home=read_only_folder, prompts=answers, autosave_ms=50)
    qtbot.addWidget(window)
    window.start(None)
    window.show()
    state = window.files.drafts.state
    qtbot.waitUntil(lambda: state.isVisible(), timeout=3000)
    assert str(autosave_dir(read_only_folder)) in state.text() and "自动保存已停止" in state.text()
    assert len(answers.warned) == 1 and str(autosave_dir(read_only_folder)) in answers.warned[0]
    type_into(qtbot, window.view("requests"), NEW, "73")  # the work goes on
    qtbot.wait(200)  # several ticks, each trying again
    assert len(answers.warned) == 1 and window.report.cells[NEW] == 73  # told once


def test_autosave_tells_once_keeps_retrying_and_recovers(qtbot, make_window, answers, home):
    blocked = autosave_dir(home)
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_bytes(b"")  # a file where the folder should be: nothing can be written there
    window = make_window(autosave_ms=30)
    type_into(qtbot, window.view("requests"), NEW, "74")
    state = window.files.drafts.state
    qtbot.waitUntil(lambda: state.isVisible(), timeout=3000)
    qtbot.wait(150)
    assert len(answers.warned) == 1 and "自动保存已停止" in answers.warned[0]
    blocked.unlink()  # the clerk freed the folder
    qtbot.waitUntil(lambda: len(drafts(home)) == 1, timeout=3000)
    assert not state.isVisible() and window.files.drafts.failure == ""


def test_the_error_handler_keeps_a_draft_whatever_the_report_holds(qtbot, window, answers, home, monkeypatch):
    """Found by a probe: a lone surrogate made 保存 fail, and then the error handler's own autosave."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    _install_error_handler(window)
    window.document.set_cells({NEW: 1}, "test")
    window.report.text["other"] = "\udfff\x01 straight into the model, past every entry"
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "已自动保存草稿" in answers.warned[-1]
    (draft,) = drafts(home)
    from gxdesk.autosave import read_draft

    assert read_draft(draft).load().text["other"].startswith("\ufffd straight")


def test_the_error_handler_says_when_no_draft_could_be_kept(qtbot, make_window, answers, home, monkeypatch):
    blocked = autosave_dir(home)
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_bytes(b"")
    window = make_window()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    _install_error_handler(window)
    window.document.set_cells({NEW: 1}, "test")
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "草稿没能保存" in answers.warned[-1]


# --- Typing and pasting -----------------------------------------------------------------------


def paste(qtbot, widget, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_control_and_unusable_characters_are_cleaned(qtbot, window, tmp_path):
    """Found by a probe: pasted C0 controls and U+FFFE/U+FFFF reached the .docx writer and crashed it."""
    field = window.text_page("六").fields["other"]
    window.tabs.setCurrentIndex(window.tab_of_section["六"])
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    original = window.report.text["other"]
    paste(qtbot, field, "甲\x01\x0b\ufffe乙\udfff丙")
    type_text(qtbot, field, "丁")
    # The lone surrogate never reaches the clipboard whole: PySide 6.7+ drops it, 6.6 turns it into "?".
    assert window.report.text["other"] in (original + "甲\ufffd乙丙丁", original + "甲\ufffd乙?丙丁")
    assert field.toPlainText() == window.report.text["other"]  # the field shows what the report holds

    organ = window.meta_page.organ
    window.tabs.setCurrentIndex(0)
    organ.setFocus()
    organ.selectAll()
    paste(qtbot, organ, "某县\x07民政局\uffff")
    assert window.report.organ == "某县民政局\ufffd" and organ.text() == "某县民政局\ufffd"
    from gxdesk.render import render

    render(window.report, tmp_path / "r.docx")  # the writer gets nothing it cannot take
    gxr.save(window.report, tmp_path / "r.gxr")


def test_a_paste_beyond_the_limit_is_refused_with_a_message(qtbot, window):
    field = window.text_page("六").fields["other"]
    window.tabs.setCurrentIndex(window.tab_of_section["六"])
    field.setFocus()
    original = window.report.text["other"]
    messages = []
    window.tabs.message.connect(messages.append)
    paste(qtbot, field, "字" * (limits.MAX_PART_CHARS + 1))
    assert window.report.text["other"] == original and field.toPlainText() == original
    assert messages and "超过每部分 50,000 个字符的上限" in messages[-1] and "粘贴的文字没有加入" in messages[-1]
    assert window.statusBar().currentMessage() == messages[-1]


def test_typing_beyond_the_organs_limit_is_refused(qtbot, window):
    organ = window.meta_page.organ
    organ.setFocus()
    organ.selectAll()
    paste(qtbot, organ, "某" * limits.MAX_META_CHARS["organ"])
    type_text(qtbot, organ, "多")
    assert window.report.organ == "某" * 100 and organ.text() == "某" * 100
    assert "超过 100 个字符的上限" in window.statusBar().currentMessage()


# --- Imports in the window ----------------------------------------------------------------


def test_an_import_over_a_reports_limits_is_refused_and_changes_nothing(qtbot, window, answers, tmp_path):
    from gxdesk.gui.importing.dialog import ImportRequest

    before = gxr.dumps(window.report)
    long_text = REAL_TEXT.read_text(encoding="utf-8").replace("一、总体情况\n", "一、总体情况\n" + "很长的一段。\n" * 1500, 1)
    assert not window.importing.run(ImportRequest(None, long_text))
    assert "超过每部分 1,000 行" in answers.warned[-1] and "当前报告没有改动" in answers.warned[-1]
    assert gxr.dumps(window.report) == before


def test_an_import_of_a_name_too_long_is_one_message(qtbot, window, answers, tmp_path):
    from gxdesk.gui.importing.dialog import ImportRequest

    assert not window.importing.run(ImportRequest(tmp_path / ("长" * 200 + ".txt")))
    assert "文件名或路径太长" in answers.warned[-1]
