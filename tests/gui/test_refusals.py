"""Rejected input shown at its place, stale status lines cleared, and a paste that does not fit
saying exactly what it left out or blank (issue 12, point 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gxdesk.schema import cell_name
from tests.gui.conftest import type_into

CELL = ("requests", "granted", "business")


def note_below(window, view, key) -> bool:
    """The note is shown, whole, right under the cell (and not somewhere else on the screen)."""
    note = window.tabs.note
    if note.height() < note.sizeHint().height() - 1:
        return False
    rect = view.visualRect(view.report_model.index_of(key))
    bottom_left = view.viewport().mapTo(window.tabs, rect.bottomLeft())
    return note.isVisible() and 0 <= note.y() - bottom_left.y() <= 8 and abs(note.x() - max(4, bottom_left.x())) <= 4


@pytest.mark.parametrize(("typed", "reason"), [("（１）", "不是数字"), ("-1", "是负数"), ("abc", "不是数字")])
def test_a_refused_entry_is_explained_at_the_cell_until_the_next_change(qtbot, window, typed, reason):
    view = window.view("requests")
    window.tabs.setCurrentIndex(window.tab_of_section["三"])
    qtbot.wait(20)  # the rows are fitted to their labels once shown
    before = window.report.cells[CELL]
    type_into(qtbot, view, CELL, typed)
    assert window.report.cells[CELL] == before
    assert view.currentIndex() == view.report_model.index_of(CELL)  # the cursor stays on the problem
    note = window.tabs.note
    assert note_below(window, view, CELL)
    assert reason in note.text() and cell_name(*CELL) in note.text()
    assert reason in window.statusBar().currentMessage()
    type_into(qtbot, view, CELL, "2")  # made good
    assert window.report.cells[CELL] == 2
    assert not note.isVisible() and window.statusBar().currentMessage() == ""  # no stale line


def test_a_status_line_goes_when_the_report_moves_on(qtbot, window, answers, tmp_path):
    answers.save_paths.append(tmp_path / "r.gxr")
    window.files.save()
    assert window.statusBar().currentMessage().startswith("已保存")
    type_into(qtbot, window.view("requests"), CELL, "3")
    assert window.statusBar().currentMessage() == ""


def paste_at(qtbot, window, key, text: str) -> str:
    view = window.view("requests")
    view.setCurrentIndex(view.report_model.index_of(key))
    view.setFocus()
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return window.tabs.note.text() if window.tabs.note.isVisible() else ""


def test_a_paste_beyond_the_table_pastes_what_fits_and_names_what_it_dropped(qtbot, window):
    last = ("requests", "carried_forward", "natural_person")
    said = paste_at(qtbot, window, last, "7\t8\n9\t10\n")
    assert window.report.cells[last] == 7 and window.report.cells[("requests", "carried_forward", "business")] == 8
    assert said.startswith("已粘贴 2 个单元格")
    assert "超出表格或落在表头、行名上的 2 个值没有粘贴：“9”、“10”" in said
    assert window.document.undo_stack.undoText() == "粘贴 2 个单元格"


def test_a_paste_onto_the_total_and_past_the_edge_says_so(qtbot, window):
    other = ("requests", "new", "other")
    said = paste_at(qtbot, window, other, "1\t99\t5")
    assert window.report.cells[other] == 1
    assert "落在合计（自动计算）上的 1 个值没有粘贴：“99”" in said
    assert "超出表格或落在表头、行名上的 1 个值没有粘贴：“5”" in said


def test_dashes_and_slashes_are_blanked_and_named(qtbot, window):
    start = ("requests", "granted", "natural_person")
    said = paste_at(qtbot, window, start, "4\t-\t/\t0")
    blank = [("requests", "granted", c) for c in ("business", "research")]
    assert [window.report.cells[k] for k in blank] == [None, None]
    assert f"“-”“/”或空白已留空（没有的请填 0）：{cell_name(*blank[0])}、{cell_name(*blank[1])}" in said


def test_a_clean_paste_needs_no_note(qtbot, window):
    said = paste_at(qtbot, window, ("requests", "new", "natural_person"), "1\t2\n")
    assert said == "" and window.statusBar().currentMessage() == "已粘贴 2 个单元格"


def test_a_refused_field_entry_is_explained_at_the_field(qtbot, window):
    organ = window.meta_page.organ
    organ.setFocus()
    organ.selectAll()
    qtbot.keyClicks(organ, "x" * 101)
    note = window.tabs.note
    assert note.isVisible() and "机关名称有 101 个字符" in note.text()
    assert abs(note.y() - organ.mapTo(window.tabs, organ.rect().bottomLeft()).y()) <= 8
