"""The 检查 panel: every finding, errors first; activating one jumps to its place.

It collapses (hides) while there is nothing to show, giving the tables the room,
and comes back with the first finding — unless the clerk closed it (its close
button, or 检查 → 检查 in the menu), which is respected until they open it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gxdesk.gui.document import Document
from gxdesk.rules import ERROR, Finding, summary

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

ERROR_DOT, WARNING_DOT = "#d64545", "#e0a800"


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


class FindingsPanel(QDockWidget):
    chosen = Signal(object)  # a Finding to jump to

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
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.setWidget(body)
        self._icons: dict[bool, QIcon] = {}  # drawn when the first finding shows
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
            text = f"{finding.severity.label}　{finding.message}"
            error = finding.severity is ERROR
            if error not in self._icons:
                self._icons[error] = dot(ERROR_DOT if error else WARNING_DOT)
            item = QListWidgetItem(self._icons[error], text)
            item.setData(Qt.ItemDataRole.UserRole, finding)
            item.setToolTip(finding.message)
            self.list.addItem(item)
        if 0 <= current < self.list.count():
            self.list.setCurrentRow(current)
        self.follow()

    def _activated(self, item: QListWidgetItem) -> None:
        finding: Finding = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(finding)
