"""The editor: one tab per part of the report, marked by its worst finding.

基本信息 is built at once; every other tab when first shown (or asked for), so
start-up pays for the first paint only. Tables are ``ReportTableView``s over
``ReportTableModel``s; the text tabs are ``TextPage``s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gxdesk.gui.document import Document
from gxdesk.gui.editor.findings_panel import ERROR_DOT, WARNING_DOT, dot
from gxdesk.gui.editor.pages import FieldPage, MetaPage, TextPage
from gxdesk.rules import ERROR, META_SECTION, Finding
from gxdesk.schema import SECTIONS, TABLE_BY_ID, TABLE_BY_SECTION, TEXT_PART_BY_ID

if TYPE_CHECKING:
    from gxdesk.gui.editor.table_model import ReportTableModel
    from gxdesk.gui.editor.table_view import ReportTableView


class ReportTabs(QTabWidget):
    message = Signal(str)  # for the status bar: an entry refused, a paste done

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tabs")
        self.setDocumentMode(True)
        self.document = document
        self.meta_page = MetaPage(document)
        self.meta_page.refused.connect(self.message)
        self.addTab(self.meta_page, META_SECTION)
        self.tab_of_section = {META_SECTION: 0}
        self._pages: dict[int, QWidget] = {0: self.meta_page}
        self._text_pages: dict[str, TextPage] = {}
        self._views: dict[str, ReportTableView] = {}
        for section in SECTIONS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tab_of_section[section.id] = self.addTab(holder, section.short)
        self.currentChanged.connect(self.page)
        self._dots: dict[bool, QIcon] = {}  # drawn when first needed
        self._no_dot = QIcon()
        self._marks: dict[int, bool | None] = {}

    # --- Pages, built on first use -------------------------------------------------------

    def page(self, tab: int) -> QWidget:
        """The page of a tab, built on first use."""
        if tab in self._pages:
            return self._pages[tab]
        section = next(s for s in SECTIONS if self.tab_of_section[s.id] == tab)
        table = TABLE_BY_SECTION.get(section.id)
        page: QWidget
        if table is None:
            text_page = self._text_pages[section.id] = TextPage(self.document, section.id)
            text_page.refused.connect(self.message)
            text_page.show_flags()
            page = text_page
        else:
            from gxdesk.gui.editor.table_model import ReportTableModel
            from gxdesk.gui.editor.table_view import ReportTableView

            model = ReportTableModel(self.document, table, self)
            model.refresh()
            view = self._views[table.id] = ReportTableView(model)
            view.message.connect(self.message)
            page = view
        holder = self.widget(tab)
        layout = holder.layout() if holder is not None else None
        if layout is not None:
            layout.addWidget(page)
        self._pages[tab] = page
        return page

    def view(self, table_id: str) -> ReportTableView:
        self.page(self.tab_of_section[TABLE_BY_ID[table_id].section])
        return self._views[table_id]

    def model(self, table_id: str) -> ReportTableModel:
        return self.view(table_id).report_model

    def text_page(self, section: str) -> TextPage:
        self.page(self.tab_of_section[section])
        return self._text_pages[section]

    def current_view(self) -> ReportTableView | None:
        """The table in front, if the tab in front is a table."""
        page = self.page(self.currentIndex())
        return next((v for v in self._views.values() if v is page), None)

    # --- Findings ------------------------------------------------------------------------

    def show_findings(self) -> None:
        """Mark each tab by its worst finding and flag the fields built so far."""
        worst: dict[int, bool] = {}
        for finding in self.document.findings:
            tab = self.tab_for(finding)
            worst[tab] = worst.get(tab, False) or finding.severity is ERROR
        for tab in range(self.count()):
            mark = worst.get(tab)  # True: an error, False: only warnings, None: nothing
            if tab not in self._marks or self._marks[tab] != mark:
                self._marks[tab] = mark
                self.setTabIcon(tab, self._no_dot if mark is None else self._dot(mark))
        self.meta_page.show_flags()
        for page in self._text_pages.values():
            page.show_flags()

    def _dot(self, error: bool) -> QIcon:
        if error not in self._dots:
            self._dots[error] = dot(ERROR_DOT if error else WARNING_DOT)
        return self._dots[error]

    def tab_for(self, finding: Finding) -> int:
        if finding.table:
            return self.tab_of_section[finding.section]
        part = TEXT_PART_BY_ID.get(finding.field)
        if part is not None and part.section in self.tab_of_section:
            return self.tab_of_section[part.section]
        return self.tab_of_section.get(finding.section, 0)

    def jump_to(self, finding: Finding) -> None:
        """Show the cell, column or field a finding is about, with the cursor on it."""
        self.setCurrentIndex(self.tab_for(finding))
        if finding.table:
            view = self.view(finding.table)
            if finding.row:
                view.select_key((finding.table, finding.row, finding.column))
            else:
                view.select_column(finding.table, finding.column)
            view.setFocus()
            return
        self.show_field(finding.field)

    def show_page(self, section: str, field: str = "") -> None:
        self.setCurrentIndex(self.tab_of_section[section])
        if field:
            self.show_field(field)

    def show_field(self, field: str) -> None:
        """Put the cursor in a field of the page in front (a meta key or a text part id)."""
        page = self.page(self.currentIndex())
        widget = page.widget_for(field) if isinstance(page, FieldPage) else None
        if isinstance(page, FieldPage) and widget is not None:
            page.ensureWidgetVisible(widget)
            widget.setFocus()
