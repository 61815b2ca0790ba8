"""Undo like Word with one history for the report: never a whole field, and an undo always shows
and puts the cursor where it changed the report, in whatever field or tab that is (issue 12, point 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.gui.conftest import type_into, type_text


def ctrl(qtbot, widget, key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def test_undo_after_typing_then_pasting_restores_the_typed_sentence_with_the_cursor_there(qtbot, window):
    window.tabs.setCurrentIndex(window.tab_of_section["五"])
    field = window.text_page("五").fields["problems"]
    original = field.toPlainText()
    field.setFocus()
    cursor = field.textCursor()
    cursor.setPosition(10)  # in the middle of the text
    field.setTextCursor(cursor)
    type_text(qtbot, field, "我们输入的句子。")
    QGuiApplication.clipboard().setText("从别处粘贴的一大段文字")
    ctrl(qtbot, field, Qt.Key.Key_V)
    ctrl(qtbot, field, Qt.Key.Key_Z)
    typed = original[:10] + "我们输入的句子。" + original[10:]
    assert field.toPlainText() == window.report.text["problems"] == typed  # not the whole field
    assert field.textCursor().position() == 10 + len("我们输入的句子。")  # where the paste was
    ctrl(qtbot, field, Qt.Key.Key_Z)
    assert field.toPlainText() == original and field.textCursor().position() == 10
    assert window.statusBar().currentMessage() == "已撤销：修改五、存在的主要问题及改进情况·存在的主要问题"


def test_an_undo_in_one_field_shows_the_other_field_it_changes(qtbot, window):
    """Typed in 五, then moved to 六: Ctrl+Z undoes the last change, which is in 五 — and says so
    by taking the clerk there, the cursor at the change, instead of silently changing a hidden tab."""
    window.tabs.setCurrentIndex(window.tab_of_section["五"])
    problems = window.text_page("五").fields["problems"]
    problems.setFocus()
    problems.moveCursor(problems.textCursor().MoveOperation.End)
    type_text(qtbot, problems, "补充一句")
    window.tabs.setCurrentIndex(window.tab_of_section["六"])
    other = window.text_page("六").fields["other"]
    other.setFocus()
    ctrl(qtbot, other, Qt.Key.Key_Z)
    assert window.tabs.currentIndex() == window.tab_of_section["五"]
    assert window.focusWidget() is problems
    assert problems.textCursor().position() == len(problems.toPlainText())  # where 补充一句 was
    assert "补充一句" not in window.report.text["problems"]
    ctrl(qtbot, problems, Qt.Key.Key_Y)
    assert problems.toPlainText().endswith("补充一句") and window.statusBar().currentMessage().startswith("已重做")


def test_undoing_a_paste_in_a_table_shows_and_selects_its_cells(qtbot, window):
    view = window.view("requests")
    type_into(qtbot, view, ("requests", "granted", "business"), "7")
    window.tabs.setCurrentIndex(window.tab_of_section["一"])
    window.text_page("一").fields["overview"].setFocus()
    ctrl(qtbot, window.text_page("一").fields["overview"], Qt.Key.Key_Z)
    assert window.tabs.currentIndex() == window.tab_of_section["三"]
    assert view.currentIndex() == view.report_model.index_of(("requests", "granted", "business"))
    assert window.focusWidget() is view


def test_an_undone_year_shows_the_year(qtbot, window):
    window.meta_page.year.setValue(2024)
    window.tabs.setCurrentIndex(window.tab_of_section["四"])
    window.document.undo_stack.undo()
    assert window.tabs.currentIndex() == 0 and window.report.year == 2025
