"""The 检查 panel: every finding, errors first; activating one jumps to its place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gxdesk.gui.document import Document
from gxdesk.rules import ERROR, Finding, summary

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

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
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
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, _change: object = None) -> None:
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

    def _activated(self, item: QListWidgetItem) -> None:
        finding: Finding = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(finding)
