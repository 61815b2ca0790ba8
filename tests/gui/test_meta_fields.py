"""基本信息 as a clerk types it: 成文日期 in four forms, the calendar, the preamble following the year
(issue 12, points 2 and 3)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from gxdesk.gui.editor.date_field import calendar_start
from gxdesk.preamble import standard_preamble
from tests.gui.conftest import type_text


def type_date(qtbot, window, text: str) -> None:
    line = window.meta_page.date.line
    line.setFocus()
    line.selectAll()
    if text:
        type_text(qtbot, line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


@pytest.mark.parametrize("typed", ["2026年1月26日", "2026-01-26", "2026.1.26", "2026/1/26"])
def test_the_date_is_typed_in_each_form_and_tab_leaves_the_field(qtbot, window, typed):
    type_date(qtbot, window, typed)
    assert window.report.date == "2026-01-26"
    assert window.meta_page.date.text() == "2026年1月26日"  # shown as it prints
    assert window.focusWidget() is window.meta_page.title  # Tab went on to the next field
    window.document.undo_stack.undo()
    assert window.report.date == "2026-01-20" and window.meta_page.date.text() == "2026年1月20日"


def test_a_date_that_does_not_exist_is_refused_at_the_field(qtbot, window):
    type_date(qtbot, window, "2026年2月30日")
    assert window.report.date == "2026-01-20"
    note = window.tabs.note
    assert note.isVisible() and "“2026年2月30日”不是有效的日期" in note.text() and "2026.1.26" in note.text()
    field = window.meta_page.date
    assert note.geometry().top() >= field.mapTo(window.tabs, field.rect().bottomLeft()).y()  # right below it
    type_date(qtbot, window, "2026年1月27日")
    assert window.report.date == "2026-01-27" and not note.isVisible()  # made good: the note goes


def test_the_date_may_be_cleared(qtbot, window):
    type_date(qtbot, window, "")
    assert window.report.date == "" and window.meta_page.date.text() == ""


def test_the_calendar_opens_near_today_or_in_january_after_the_report_year(qtbot, window):
    assert calendar_start("2026-01-20", 2025, date(2030, 5, 1)) == date(2026, 1, 20)
    assert calendar_start("", 2025, date(2026, 1, 9)) == date(2026, 1, 9)  # today, in the year after
    assert calendar_start("", 2025, date(2027, 3, 1)) == date(2026, 1, 1)  # a late report: its January
    type_date(qtbot, window, "")
    window.meta_page.year.setValue(date.today().year - 1)
    calendar = window.meta_page.date.open_calendar()
    assert calendar.selectedDate() == QDate.currentDate()
    window.meta_page.year.setValue(2020)
    calendar = window.meta_page.date.open_calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2021, 1)
    calendar.clicked.emit(QDate(2021, 1, 22))  # a click on the 22nd
    assert window.report.date == "2021-01-22" and not window.meta_page.date.menu.isVisible()


def spin_line(window) -> QLineEdit:
    return window.meta_page.year.findChild(QLineEdit)


def type_year(qtbot, window, year: str) -> None:
    line = spin_line(window)
    window.meta_page.year.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, year)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


def test_the_formulaic_preamble_follows_the_year(qtbot, window):
    preamble = window.meta_page.preamble
    assert "自2025年1月1日起至2025年12月31日止" in preamble.toPlainText()
    type_year(qtbot, window, "2026")
    assert window.report.year == 2026
    assert "自2026年1月1日起至2026年12月31日止" in preamble.toPlainText() == window.report.text["preamble"]
    window.document.undo_stack.undo()  # one step: the year and its preamble
    assert window.report.year == 2025 and "自2025年1月1日起至2025年12月31日止" in preamble.toPlainText()


def test_a_new_reports_preamble_follows_and_a_rewritten_one_is_left_alone(qtbot, window):
    window.files.new_file()
    year = window.report.year
    type_year(qtbot, window, str(year - 1))
    assert window.meta_page.preamble.toPlainText() == standard_preamble(year - 1)
    preamble = window.meta_page.preamble
    preamble.setFocus()
    preamble.moveCursor(preamble.textCursor().MoveOperation.End)
    qtbot.keyClicks(preamble, "OK")  # the clerk's own words now
    type_year(qtbot, window, str(year))
    assert window.report.text["preamble"] == standard_preamble(year - 1) + "OK"
