"""导入结果: what an import found, on one screen, each item jumping to its cell.

How many figures were found, which printed totals disagree, which cells need review, which were
read as 0 from blanks, and how the source was read (``gxdesk.importer.summary``). A click on an
item with a cell shows that cell in the window; the dialog stays open beside it (modeless), so
that the clerk can go down the list.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gxdesk.gui.actions import named
from gxdesk.importer.summary import ImportSummary
from gxdesk.model import CellKey

Jump = Callable[[CellKey], None]
_COLOURS = {"disagree": "#b3261e", "review": "#9a6700", "zeroed": "#3d5a80", "notes": "#555555"}
CELL_ROLE = Qt.ItemDataRole.UserRole


class ImportSummaryDialog(QDialog):
    def __init__(self, title: str, headline: str, summary: ImportSummary, jump: Jump | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_summary")
        self.setWindowTitle(title)
        self.jump = jump
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel(headline, wordWrap=True), "summary_headline"))
        counts = f"读出 {summary.found} / {summary.cells} 个数字。" + (
            "全部找到，原表合计与各项相加一致。" if summary.clean else "")
        layout.addWidget(named(QLabel(counts, wordWrap=True), "summary_counts"))
        self.tree = named(QTreeWidget(), "summary_items")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        for group in summary.groups:
            if not group.items:
                continue
            top = QTreeWidgetItem([f"{group.title}（{len(group.items)}）"])
            top.setForeground(0, QBrush(QColor(_COLOURS[group.id])))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setData(0, Qt.ItemDataRole.UserRole + 1, group.id)
            for item in group.items:
                child = QTreeWidgetItem([item.text])
                child.setToolTip(0, item.text + ("\n（单击转到这一格）" if item.cell and jump else ""))
                if item.cell is not None:
                    child.setData(0, CELL_ROLE, item.cell)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(group.id != "notes" or len(group.items) <= 3)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout.addWidget(self.tree, 1)
        if jump is not None and any(g.items for g in summary.groups if g.id != "notes"):
            layout.addWidget(QLabel("单击一项，窗口中会显示那一格；本窗口可以一直开着。", wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resize(em * 56, self.fontMetrics().height() * 28)

    def items(self, group_id: str) -> list[QTreeWidgetItem]:
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is not None and top.data(0, Qt.ItemDataRole.UserRole + 1) == group_id:
                return [child for i in range(top.childCount()) if (child := top.child(i)) is not None]
        return []

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        cell = item.data(0, CELL_ROLE)
        if cell is not None and self.jump is not None:
            self.jump(tuple(cell))
