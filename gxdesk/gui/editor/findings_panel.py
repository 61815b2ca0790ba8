"""The 检查 panel: every finding, errors first; activating one jumps to its place.

A warning that is true but justified can be answered: 说明… (the button, or the item's
context menu) asks the window for an explanation (``explain_requested``); an explained
warning shows as such and no longer colours its place. An error cannot be explained
away. A figure in the text that contradicts a cell jumps to its sentence; 转到表格 goes
to the cell.

It collapses (hides) while there is nothing to show, giving the tables the room,
and comes back with the first finding — unless the clerk closed it (its close
button, or 检查 → 检查面板), which is respected until they open it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gxdesk.gui.document import Document
from gxdesk.records import replace
from gxdesk.rules import ERROR, Finding, summary
from gxdesk.schema import TABLE_BY_ID

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

ERROR_DOT, WARNING_DOT, EXPLAINED_DOT = "#d64545", "#e0a800", "#9aa5b1"


def dot(colour: str, size: int = 12) -> QIcon:
    """A small filled circle: the mark of an error (red) or a warning (amber)."""
    from PySide6.QtGui import QPainter, QPixmap  # a report without findings never draws one: start-up skips them

    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size for high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(size // 2, size // 2, size, size)
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return QIcon(pixmap)


def cell_of(finding: Finding) -> Finding:
    """The same finding as a place in its table (for a figure in the text: its cell)."""
    return replace(finding, section=TABLE_BY_ID[finding.table].section, field="", start=None, end=None)


class FindingsPanel(QDockWidget):
    chosen = Signal(object)  # a Finding to jump to
    explain_requested = Signal(object)  # a warning to answer with an explanation

    def __init__(self, document: Document, parent: QWidget | None = None, active: bool = True) -> None:
        super().__init__("检查", parent)
        self.setObjectName("findings_dock")
        self.document = document
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(wordWrap=True)
        self.summary.setObjectName("findings_summary")
        self.list = QListWidget()
        self.list.setObjectName("findings_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        buttons = QHBoxLayout()
        self.explain_button = QPushButton("说明…")
        self.explain_button.setObjectName("explain_button")
        self.explain_button.clicked.connect(self._explain)
        self.cell_button = QPushButton("转到表格")
        self.cell_button.setObjectName("cell_button")
        self.cell_button.setToolTip("文字中的数字与表格不一致：转到表格中的单元格")
        self.cell_button.clicked.connect(self._to_cell)
        buttons.addWidget(self.explain_button)
        buttons.addWidget(self.cell_button)
        buttons.addStretch(1)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._icons: dict[str, QIcon] = {}  # drawn when the first finding shows
        self._shown: list[Finding] | None = None
        self.closed_by_clerk = False
        self.active = active  # False while the window shows its start page: nothing is listed then
        self.toggleViewAction().triggered.connect(self._toggled)
        document.changed.connect(self.refresh)
        self.refresh()

    def _toggled(self, shown: bool) -> None:
        self.closed_by_clerk = not shown

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed_by_clerk = True
        super().closeEvent(event)

    def open(self) -> None:
        """Shown at the clerk's wish (F6, the toolbar's 检查), empty or not."""
        self.closed_by_clerk = False
        if self.active:
            self.show()

    def set_active(self, active: bool) -> None:
        self.active = active
        self.refresh()
        self.follow()

    def follow(self) -> None:
        """Collapse while there is nothing to show; back with the first finding."""
        wanted = bool(self._shown) and not self.closed_by_clerk and self.active
        if self.isHidden() == wanted:
            self.setVisible(wanted)

    def refresh(self, _change: object = None) -> None:
        if not self.active:
            self.follow()
            return  # (the start page's placeholder report: its findings are nobody's)
        findings = self.document.findings
        if findings == self._shown:
            return  # most keystrokes change no finding: keep the list (and its scroll position)
        self._shown = list(findings)
        self.summary.setText(summary(findings))
        current = self.list.currentRow()
        self.list.clear()
        for finding in findings:
            label = f"{finding.severity.label}（已说明）" if finding.explained else finding.severity.label
            colour = ERROR_DOT if finding.severity is ERROR else EXPLAINED_DOT if finding.explained else WARNING_DOT
            if colour not in self._icons:
                self._icons[colour] = dot(colour)
            item = QListWidgetItem(self._icons[colour], f"{label}　{finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, finding)
            tip = finding.message + (f"\n说明：{finding.explanation}" if finding.explanation else "")
            item.setToolTip(tip)
            self.list.addItem(item)
        if 0 <= current < self.list.count():
            self.list.setCurrentRow(current)
        self._update_buttons()
        self.follow()

    def current(self) -> Finding | None:
        item = self.list.currentItem()
        finding: Finding | None = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return finding

    def _update_buttons(self) -> None:
        finding = self.current()
        can_explain = finding is not None and finding.severity is not ERROR
        self.explain_button.setEnabled(can_explain)
        self.explain_button.setToolTip(
            "为这条提醒写一段说明（如数字确实如此的原因），保存在报告中" if can_explain
            else "错误须改正，不能以说明代替" if finding is not None else "先在上面选中一条提醒")
        self.cell_button.setVisible(finding is not None and bool(finding.table) and finding.start is not None)

    def _activated(self, item: QListWidgetItem) -> None:
        finding: Finding = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(finding)

    def _explain(self) -> None:
        finding = self.current()
        if finding is not None and finding.severity is not ERROR:
            self.explain_requested.emit(finding)

    def _to_cell(self) -> None:
        finding = self.current()
        if finding is not None and finding.table:
            self.chosen.emit(cell_of(finding))

    def _menu(self, at: QPoint) -> None:
        item = self.list.itemAt(at)
        if item is None:
            return
        self.list.setCurrentItem(item)
        finding: Finding = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        menu.addAction("转到", lambda: self.chosen.emit(finding))
        if finding.table and finding.start is not None:
            menu.addAction("转到表格", lambda: self.chosen.emit(cell_of(finding)))
        explain = menu.addAction("修改说明…" if finding.explanation else "说明…", self._explain)
        explain.setEnabled(finding.severity is not ERROR)
        menu.exec(self.list.viewport().mapToGlobal(at))
