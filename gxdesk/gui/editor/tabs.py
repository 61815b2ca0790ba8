"""The editor: one tab per part of the report, marked by its worst finding.

基本信息 is built at once; every other tab when first shown (or asked for), so
start-up pays for the first paint only. Tables are ``ReportTableView``s over
``ReportTableModel``s; the text tabs are ``TextPage``s. Every tab's label stays
in sight (no scroll arrows; the full heading is its tooltip). The tabs hold the
note that explains a refused entry at its place (``note.py``), and ``reveal``
shows where an undo or a redo changed the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gxdesk.edits import EVERYTHING, Change, Edit, SetCells
from gxdesk.gui.document import Document
from gxdesk.gui.editor.note import HOLDER, Note
from gxdesk.gui.editor.pages import FieldPage, MetaPage, TextField, TextPage
from gxdesk.rules import ERROR, META_SECTION, Finding
from gxdesk.schema import SECTIONS, TABLE_BY_ID, TABLE_BY_SECTION, TEXT_PART_BY_ID

if TYPE_CHECKING:
    from gxdesk.gui.editor.pages import AskJoin
    from gxdesk.gui.editor.table_model import ReportTableModel
    from gxdesk.gui.editor.table_view import ReportTableView


class ReportTabs(QTabWidget):
    message = Signal(str)  # for the status bar: an entry refused, a paste done
    draft_requested = Signal(str)  # 按数字起草 beside a text part (its id)

    def __init__(self, document: Document, ask_join: AskJoin | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tabs")
        self.setDocumentMode(True)
        self.tabBar().setUsesScrollButtons(False)  # every label in sight: the window is kept wide enough
        self.document = document
        self.ask_join = ask_join
        self.meta_page = MetaPage(document, ask_join)
        self.meta_page.refused.connect(self.message)
        self.addTab(self.meta_page, META_SECTION)
        self.tab_of_section = {META_SECTION: 0}
        self._pages: dict[int, QWidget] = {0: self.meta_page}
        self._text_pages: dict[str, TextPage] = {}
        self._views: dict[str, ReportTableView] = {}
        for section in SECTIONS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            tab = self.tab_of_section[section.id] = self.addTab(holder, section.short)
            self.setTabToolTip(tab, section.heading)
        self._note: Note | None = None
        self.setProperty(HOLDER, True)
        document.changed.connect(self._hide_note)  # the entry it was about has been made good
        self.currentChanged.connect(self.page)
        self.currentChanged.connect(self._hide_note)
        self._dots: dict[bool, QIcon] = {}  # drawn when first needed
        self._no_dot = QIcon()
        self._marks: dict[int, bool | None] = {}

    @property
    def note(self) -> Note:
        """Why an entry was refused, at its place (made when first needed)."""
        if self._note is None:
            self._note = Note(self)
        return self._note

    def _hide_note(self) -> None:
        if self._note is not None:
            self._note.hide()

    # --- Pages, built on first use -------------------------------------------------------

    def page(self, tab: int) -> QWidget:
        """The page of a tab, built on first use."""
        if tab in self._pages:
            return self._pages[tab]
        section = next(s for s in SECTIONS if self.tab_of_section[s.id] == tab)
        table = TABLE_BY_SECTION.get(section.id)
        page: QWidget
        if table is None:
            text_page = self._text_pages[section.id] = TextPage(self.document, section.id, self.ask_join)
            text_page.refused.connect(self.message)
            text_page.draft_requested.connect(self.draft_requested)
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
            if finding.explained:
                continue
            tabs = {self.tab_for(finding)}
            if finding.table:  # a figure in the text: the table's tab too
                tabs.add(self.tab_of_section[TABLE_BY_ID[finding.table].section])
            for tab in tabs:
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
            from gxdesk.gui.editor.findings_panel import ERROR_DOT, WARNING_DOT, dot  # only with findings

            self._dots[error] = dot(ERROR_DOT if error else WARNING_DOT)
        return self._dots[error]

    def tab_for(self, finding: Finding) -> int:
        if finding.table and finding.start is None:
            return self.tab_of_section[finding.section]
        part = TEXT_PART_BY_ID.get(finding.field)
        if part is not None and part.section in self.tab_of_section:
            return self.tab_of_section[part.section]
        return self.tab_of_section.get(finding.section, 0)

    def jump_to(self, finding: Finding) -> None:
        """Show the cell, column or field a finding is about, with the cursor on it: in a text,
        on its sentence (a figure in the text that contradicts a cell: the sentence first)."""
        self.setCurrentIndex(self.tab_for(finding))
        if finding.field in TEXT_PART_BY_ID and finding.start is not None:
            self.show_field(finding.field)
            field = self.widget_for(finding.field)
            if isinstance(field, TextField):
                field.select_span(finding.start, finding.end if finding.end is not None else finding.start)
            return
        if finding.table:
            view = self.view(finding.table)
            if finding.row:
                view.select_key((finding.table, finding.row, finding.column))
            else:
                view.select_column(finding.table, finding.column)
            view.setFocus()
            return
        self.show_field(finding.field)

    def reveal(self, change: Change, edit: Edit) -> None:
        """After an undo or a redo: bring what changed into view, the cursor on it (one history
        for the whole report, so the change may be in another field or tab than the cursor was)."""
        if change == EVERYTHING or not change:
            return
        if change.parts:
            part = TEXT_PART_BY_ID[min(change.parts)]
            self.show_page(part.section if part.section in self.tab_of_section else META_SECTION, part.id)
        elif change.fields:
            self.show_page(META_SECTION, min(change.fields))
        elif isinstance(edit, SetCells) and edit.cells:
            keys = list(edit.cells)
            view = self.view(keys[0][0])
            self.setCurrentIndex(self.tab_of_section[TABLE_BY_ID[keys[0][0]].section])
            view.select_keys(keys)
            view.setFocus()

    def focus_page(self) -> None:
        """The keyboard in the page in front (after Ctrl+Tab): its table, or its first field, so
        that what is typed next goes where the eye is, not to the tab bar."""
        page = self.page(self.currentIndex())
        page.show()  # a page built just now is shown by its layout only later: no focus until then
        if not isinstance(page, FieldPage):
            page.setFocus()
        elif page.fields:
            self.show_field(next(iter(page.fields)))

    def show_page(self, section: str, field: str = "") -> None:
        self.setCurrentIndex(self.tab_of_section[section])
        if field:
            self.show_field(field)

    def widget_for(self, field: str) -> QWidget | None:
        """The widget of a field of the page in front."""
        page = self.page(self.currentIndex())
        return page.widget_for(field) if isinstance(page, FieldPage) else None

    def show_field(self, field: str) -> None:
        """Put the cursor in a field of the page in front (a meta key or a text part id)."""
        page = self.page(self.currentIndex())
        widget = page.widget_for(field) if isinstance(page, FieldPage) else None
        if isinstance(page, FieldPage) and widget is not None:
            page.ensureWidgetVisible(widget)
            widget.setFocus()
