"""The header's colour follows a fix at once; Enter and Down in 二; Ctrl+Tab and Ctrl+PgDn from
inside a table (issue 12, point 10)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from gxdesk.gui.editor.flags import ERROR_BG
from gxdesk.schema import TABLE_BY_ID
from tests.gui.conftest import type_here, type_into

WRONG = ("requests", "granted", "natural_person")


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def header_colour(header):
    cell = next(c for c in header.header_cells if c.text == "自然人")
    return header.viewport().grab().toImage().pixelColor(header.cell_rect(cell).topLeft() + QPoint(3, 3))


def test_the_column_header_is_no_longer_pink_once_the_imbalance_is_fixed(qtbot, window):
    """It was repainted only when the tab changed: the header must repaint itself at the fix."""
    window.document.set_cells({("requests", "refused_state_secret", "research"): None}, "another")  # all else stays
    window.tabs.setCurrentIndex(window.tab_of_section["三"])
    view = window.view("requests")
    header = view.horizontalHeader()
    qtbot.wait(20)
    paints = Paints()
    header.viewport().installEventFilter(paints)
    type_into(qtbot, view, WRONG, "35")
    qtbot.waitUntil(lambda: paints.count > 0, timeout=2000)
    assert header_colour(header) == ERROR_BG
    view.setCurrentIndex(view.report_model.index_of(WRONG))
    qtbot.wait(20)
    paints.count = 0
    QGuiApplication.clipboard().setText("29")  # fixed (pasted from the clerk's sheet), still on this tab
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.report.cells[WRONG] == 29
    qtbot.waitUntil(lambda: paints.count > 0, timeout=2000)
    assert header_colour(header) != ERROR_BG


def test_enter_and_down_move_down_in_two_into_the_block_below(qtbot, window):
    window.tabs.setCurrentIndex(window.tab_of_section["二"])
    view = window.view("proactive")
    model = view.report_model
    for column in ("repealed", "in_force"):
        type_into(qtbot, view, ("proactive", "normative_documents", column), "2")  # Enter commits
        assert model.cell(view.currentIndex()).key == ("proactive", "licensing", "count"), column
    view.setCurrentIndex(model.index_of(("proactive", "rules", "in_force")))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert model.cell(view.currentIndex()).key == ("proactive", "normative_documents", "in_force")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert model.cell(view.currentIndex()).key == ("proactive", "licensing", "count")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert model.cell(view.currentIndex()).key == ("proactive", "penalty", "count")
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert model.cell(view.currentIndex()).key == ("proactive", "normative_documents", "issued")
    view.setCurrentIndex(model.index_of(("proactive", "fees", "amount")))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the last figure: nowhere further down
    assert model.cell(view.currentIndex()).key == ("proactive", "fees", "amount")


def focused_table(window, table_id: str):
    """The table's tab in front and the keyboard in the table."""
    window.tabs.setCurrentIndex(window.tab_of_section[TABLE_BY_ID[table_id].section])
    view = window.view(table_id)
    view.setFocus()
    return view


def test_ctrl_tab_and_ctrl_page_down_switch_tabs_from_inside_a_table(qtbot, window):
    tabs = window.tabs
    view = focused_table(window, "requests")
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == window.tab_of_section["四"]
    appeals = window.view("appeals")
    appeals.setFocus()
    qtbot.keyClick(appeals, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == window.tab_of_section["五"]
    focused_table(window, "requests")
    qtbot.keyClick(view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == window.tab_of_section["二"]
    window.view("proactive").setFocus()
    qtbot.keyClick(window.view("proactive"), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == window.tab_of_section["一"]
    field = window.text_page("一").fields["overview"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # from a text field too
    assert tabs.currentIndex() == window.tab_of_section["二"]


def test_after_ctrl_tab_the_keyboard_is_in_the_new_page_typing_goes_into_its_table(qtbot, window):
    """Switched to with Ctrl+Tab, a table takes what is typed next (it went to the tab bar before)."""
    qtbot.keyClick(focused_table(window, "requests"), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    appeals = window.view("appeals")
    assert window.tabs.currentIndex() == window.tab_of_section["四"] and appeals.hasFocus()
    key = appeals.report_model.cell(appeals.currentIndex()).key
    assert key is not None  # the cursor is on a figure the clerk enters
    type_here(qtbot, appeals, "5")
    assert window.report.cells[key] == 5
    qtbot.keyClick(appeals, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # to 五: its text field
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)
    assert QApplication.focusWidget() is next(iter(window.text_page("五").fields.values()))
