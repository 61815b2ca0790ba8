"""Typing into the real table views: totals, flags, keys, clipboard, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gxdesk import schema
from gxdesk.edits import SetText
from gxdesk.gui.editor.flags import ERROR_BG
from gxdesk.gui.editor.table_model import COMPUTED_BG
from gxdesk.schema import REQUEST_COLUMN_IDS
from tests.gui.conftest import type_into

NEW = ("requests", "new", "natural_person")
GRANTED = ("requests", "granted", "natural_person")


def shown(window, key):
    model = window.model(key[0])
    return model.data(model.index_of(key))


def background(window, key):
    brush = window.model(key[0]).data(window.model(key[0]).index_of(key), Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def tooltip(window, key):
    return window.model(key[0]).data(window.model(key[0]).index_of(key), Qt.ItemDataRole.ToolTipRole) or ""


def test_typing_updates_totals_and_flags_then_fixing_clears_them(qtbot, window):
    view = window.view("requests")
    # The text states these figures too (71件, 70件): a text without them keeps this about the table.
    window.document.push(SetText("on_request", ""))
    window.tabs.setCurrentIndex(window.tab_of_section["三"])
    assert window.status_summary.text().startswith("勾稽关系：全部平衡")
    before_total = int(shown(window, ("requests", "total", "natural_person")))
    before_sum = int(shown(window, ("requests", "granted", "total")))
    granted = int(shown(window, GRANTED))

    type_into(qtbot, view, GRANTED, str(granted + 6))

    # Both totals follow at once: the 总计 column and the （七）总计 row.
    assert int(shown(window, ("requests", "total", "natural_person"))) == before_total + 6
    assert int(shown(window, ("requests", "granted", "total"))) == before_sum + 6
    # The 自然人 column no longer balances: flagged in the cells, the panel and the status bar.
    assert background(window, NEW) == ERROR_BG
    assert "列不平衡" in tooltip(window, NEW) and "相差 6" in tooltip(window, NEW)
    assert background(window, ("requests", "new", "business")) is None
    assert window.status_summary.text() == "1 处错误"
    assert "列不平衡" in window.findings_panel.list.item(0).text()

    new = int(shown(window, NEW))
    type_into(qtbot, view, NEW, str(new + 6))  # the fix: six more received
    assert background(window, NEW) is None
    assert window.status_summary.text().startswith("勾稽关系：全部平衡")
    assert window.findings_panel.list.count() == 0


def test_computed_cells_are_shaded_and_read_only(qtbot, window):
    model = window.model("requests")
    total = model.index_of(("requests", "total", "total"))
    assert model.data(total, Qt.ItemDataRole.BackgroundRole).color() == COMPUTED_BG
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    view = window.view("requests")
    view.setCurrentIndex(total)
    qtbot.keyClick(view, "5")
    assert view.indexWidget(total) is None
    assert model.data(total) == shown(window, ("requests", "total", "total"))


def test_enter_moves_down_tab_moves_right(qtbot, window):
    view = window.view("requests")
    model = view.report_model
    type_into(qtbot, view, NEW, "60")
    assert view.currentIndex() == model.index_of(("requests", "carried_over", "natural_person"))
    type_into(qtbot, view, NEW, "61", commit=Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of(("requests", "new", "business"))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # not editing: Enter still moves down
    assert view.currentIndex() == model.index_of(("requests", "carried_over", "business"))
    assert shown(window, NEW) == "61"


def test_entries_that_are_not_counts_are_refused_with_a_message(qtbot, window):
    view = window.view("requests")
    before = shown(window, NEW)
    for text in ("abc", "1.5", "-3"):
        type_into(qtbot, view, NEW, text)
        assert shown(window, NEW) == before
        assert window.statusBar().currentMessage().endswith("未修改")
        assert view.currentIndex() == view.report_model.index_of(NEW)  # stays on the problem
    assert "不是整数" in window.statusBar().currentMessage() or "负数" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0
    type_into(qtbot, view, NEW, "１,２３４")  # full-width digits and a separator
    assert window.report.cells[NEW] == 1234


def test_the_fee_cell_takes_decimals(qtbot, window):
    view = window.view("proactive")
    fees = ("proactive", "fees", "amount")
    type_into(qtbot, view, fees, "2.35")
    assert str(window.report.cells[fees]) == "2.35" and shown(window, fees) == "2.35"
    type_into(qtbot, view, ("proactive", "penalty", "count"), "2.35")
    assert window.report.cells[("proactive", "penalty", "count")] == 213


def test_delete_clears_the_selection_to_zero_in_one_step(qtbot, window):
    view = window.view("requests")
    model = view.report_model
    view.setCurrentIndex(model.index_of(NEW))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    cleared = [("requests", r, c) for r in ("new", "carried_over") for c in ("natural_person", "business")]
    assert all(window.report.cells[k] == 0 for k in cleared)
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert window.report.cells[NEW] == 58


def test_blank_cells_show_blank_and_flagged(qtbot, window):
    window.document.set_cells({NEW: None}, "test")
    assert shown(window, NEW) == ""
    assert background(window, NEW) == ERROR_BG
    assert "未填写" in tooltip(window, NEW)


def test_paste_a_block_from_excel_is_one_undo_step(qtbot, window):
    view = window.view("requests")
    model = view.report_model
    before = dict(window.report.cells)
    QGuiApplication.clipboard().setText("1\t２\t3\t4\r\n1,234\t0\t0\t0\r\n5\t6\t7\t8\r\n")
    view.setCurrentIndex(model.index_of(NEW))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows, columns = ("new", "carried_over", "granted"), REQUEST_COLUMN_IDS[:4]
    pasted = [[window.report.cells[("requests", r, c)] for c in columns] for r in rows]
    assert pasted == [[1, 2, 3, 4], [1234, 0, 0, 0], [5, 6, 7, 8]]
    assert window.report.cells[("requests", "new", "other")] == before[("requests", "new", "other")]
    assert window.document.undo_stack.count() == 1
    assert shown(window, ("requests", "carried_over", "total")) == str(1234 + sum(
        before[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS[4:]))

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.report.cells == before
    assert shown(window, ("requests", "new", "natural_person")) == str(before[NEW])
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.report.cells[("requests", "carried_over", "natural_person")] == 1234


def test_a_paste_with_a_bad_value_changes_nothing(qtbot, window):
    view = window.view("requests")
    model = view.report_model
    before = dict(window.report.cells)
    view.setCurrentIndex(model.index_of(NEW))
    QGuiApplication.clipboard().setText("1\tx\n")
    view.paste()
    assert window.report.cells == before and "不是数字" in window.statusBar().currentMessage()


def test_copy_gives_tab_separated_text(qtbot, window):
    view = window.view("requests")
    model = view.report_model
    view.setCurrentIndex(model.index_of(NEW))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "58\t9\n3\t1\n"


def test_every_model_passes_the_model_tester(qtmodeltester, window):
    for table in schema.TABLES:
        qtmodeltester.check(window.model(table.id))
