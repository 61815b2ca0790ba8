"""成文日期: a line to type the date in, as clerks write it, and a calendar beside it.

Typed as 2026年1月26日, 2026-01-26, 2026.1.26 or 2026/1/26 (``dates.read_date``
reads it when the field is left or Enter is pressed; the core refuses what is no
date); shown as 2026年1月26日. Tab leaves the field like any other. The calendar
opens at the date set, else near today, else in January after the report's year
(when reports are written).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from gxdesk.dates import TYPED_FORMS, chinese_date

if TYPE_CHECKING:  # (a Qt class costs start-up time when first named: the calendar's wait for its use)
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget, QMenu


def calendar_start(stored: str, report_year: int, today: date) -> date:
    """Where the calendar opens: the date set; else today when it is in the year after the report's;
    else 1 January of that year."""
    if stored:
        return date.fromisoformat(stored)
    if today.year == report_year + 1:
        return today
    return date(report_year + 1, 1, 1) if report_year else today


class DateField(QWidget):
    typed = Signal(str)  # the text as typed, when the field is left (or Enter)
    picked = Signal(str)  # YYYY-MM-DD chosen in the calendar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.line = QLineEdit(self)
        self.line.setObjectName("meta_date_text")
        self.line.setPlaceholderText(f"如 {TYPED_FORMS.split('、')[0]}，也可写 {TYPED_FORMS.split('、', 1)[1]}")
        self.line.setToolTip(f"可写作 {TYPED_FORMS}")
        self.line.editingFinished.connect(self._finished)
        layout.addWidget(self.line, 1)
        self.button = QToolButton(self)
        self.button.setObjectName("meta_date_calendar")
        self.button.setText("日历…")
        self.button.setToolTip("从日历中选择成文日期")
        # Tab goes on to the next field. (Set by the value's name: start-up names none of Qt's
        # own enums, see docs/architecture.md.)
        self.button.setProperty("focusPolicy", "NoFocus")
        self.button.clicked.connect(self.open_calendar)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.stored = ""
        self.report_year = 0
        self.menu: QMenu | None = None
        self.calendar: QCalendarWidget | None = None

    def show_date(self, stored: str, report_year: int) -> None:
        """Show what the report holds (unless the clerk is typing in the field)."""
        self.stored, self.report_year = stored, report_year
        if not self.line.hasFocus() or not self.line.isModified():
            self.line.setText(chinese_date(stored))
            self.line.setModified(False)

    def text(self) -> str:
        return self.line.text()

    def _finished(self) -> None:
        if self.line.isModified():
            self.line.setModified(False)
            self.typed.emit(self.line.text())

    def open_calendar(self) -> QCalendarWidget:
        from PySide6.QtCore import QDate
        from PySide6.QtWidgets import QCalendarWidget, QMenu, QWidgetAction

        if self.menu is None or self.calendar is None:
            self.menu = QMenu(self)
            self.calendar = QCalendarWidget(self.menu)
            self.calendar.setObjectName("meta_date_popup")
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            holder = QWidgetAction(self.menu)
            holder.setDefaultWidget(self.calendar)
            self.menu.addAction(holder)
        start = calendar_start(self.stored, self.report_year, date.today())
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.setCurrentPage(start.year, start.month)
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        return self.calendar

    def _picked(self, day: QDate) -> None:
        if self.menu is not None:
            self.menu.hide()
        self.picked.emit(day.toString("yyyy-MM-dd"))
