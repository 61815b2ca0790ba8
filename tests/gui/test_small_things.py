"""Chinese dates without leading zeros, the wording for a figure that was 0, joining the line breaks of
a pasted PDF page (issue 12, point 14), and titles that do not repeat the program's name (issue 11)."""

from __future__ import annotations

import re
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

import gxdesk
from gxdesk.autosave import Draft
from gxdesk.gui.prompts import QtPrompts
from gxdesk.model import Report
from gxdesk.sample import load_sample

PDF_LINES = "本年度我局认真贯彻落实《条例》，不断\n完善工作机制，\n全面提升公开质量。"


def test_the_recovery_question_writes_the_date_without_leading_zeros(qtbot, monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *rest: asked.append((title, text))
                        or QMessageBox.StandardButton.No)
    saved = time.mktime((2026, 12, 1, 9, 5, 0, 0, 0, -1))
    QtPrompts(None).ask_recover(Draft(tmp_path / "x.draft", None, "未命名", saved), 1)
    (title, text), = asked
    assert "在 2026年12月1日 09:05 自动保存的草稿" in text
    assert "gxdesk" not in title


def test_no_chinese_date_is_written_with_leading_zeros_anywhere():
    """A date in Chinese is written by ``dates.chinese_date`` (or the template's own): never %m月/%d日."""
    package = Path(gxdesk.__file__).parent
    found = [f"{p.relative_to(package)}: {m.group()}" for p in package.rglob("*.py")
             for m in re.finditer(r"%m月|%d日|MM月|dd日", p.read_text(encoding="utf-8"))]
    assert found == []


def test_a_figure_that_was_zero_last_year_is_worded_plainly_in_the_panel(qtbot, window):
    last: Report = load_sample()
    last.year = 2024
    last.cells[("proactive", "licensing", "count")] = 0
    window.document.set_previous(last, "2024.gxr")
    texts = [window.findings_panel.list.item(i).text() for i in range(window.findings_panel.list.count())]
    line = next(t for t in texts if "行政许可" in t)
    assert "上年为 0，请确认没有填错" in line and "倍" not in line


def paste_into(qtbot, field, text: str) -> None:
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_line_breaks_inside_a_paragraph_are_joined_when_the_clerk_agrees(qtbot, window, answers):
    field = window.text_page("六").fields["other"]
    before = field.toPlainText()
    paste_into(qtbot, field, "\n" + PDF_LINES)
    assert answers.join_asked == [2]
    assert window.report.text["other"] == before + "\n本年度我局认真贯彻落实《条例》，不断完善工作机制，全面提升公开质量。"
    window.document.undo_stack.undo()  # the paste is one step
    assert window.report.text["other"] == before

    answers.join_lines = False
    paste_into(qtbot, field, PDF_LINES)
    assert window.report.text["other"] == before + PDF_LINES  # as pasted


def test_a_paste_without_such_breaks_asks_nothing(qtbot, window, answers):
    paste_into(qtbot, window.text_page("六").fields["other"], "第一段。\n第二段。")
    assert answers.join_asked == []


def test_no_title_repeats_the_programs_name(qtbot, window, monkeypatch):
    """Qt appends " - gxdesk" to every window title itself (the application's display name)."""
    titles = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: titles.append(box.windowTitle()) or 0)
    prompts = QtPrompts(window)
    prompts.ask_unsaved("x.gxr")
    prompts.ask_open_locked("x.gxr", "张三，在电脑 A 上")
    prompts.ask_carry_over("载入", ["一行"])
    prompts.ask_after_export(Path("x.pdf"), [])
    prompts.ask_join_lines(2)
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: titles.append(title))
    monkeypatch.setattr(window, "prompts", prompts)
    window.about()
    assert len(titles) == 6 and all("gxdesk" not in t for t in titles), titles
    assert "gxdesk" not in window.windowTitle()
