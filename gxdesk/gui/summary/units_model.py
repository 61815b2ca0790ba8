"""The unit list of the 汇总 workspace: one row per unit, coloured by its status."""

from __future__ import annotations

from typing import Union

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from gxdesk.summary.analyse import Status, Summary, Unit

Index = Union[QModelIndex, QPersistentModelIndex]
HEADERS = ("单位", "状态", "错误", "提醒", "文件")
# Background and text colour of the status cell, by status.
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    Status.REPORTED: ("#d9f2e3", "#0e5a2e"),
    Status.WARNINGS: ("#fdf0c2", "#7a5a00"),
    Status.ERRORS: ("#f9d6d5", "#8a1c1c"),
    Status.MISSING: ("#e4e7eb", "#52606d"),
}


class UnitsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.units: list[Unit] = []
        self._brushes = {status: (QBrush(QColor(back)), QBrush(QColor(text)))
                         for status, (back, text) in STATUS_COLOURS.items()}

    def show(self, summary: Summary | None) -> None:
        self.beginResetModel()
        self.units = list(summary.units) if summary is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation is Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        unit = self.units[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(unit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{f.severity.label}  {f.message}" for f in unit.findings) or unit.status.value
        if role == Qt.ItemDataRole.BackgroundRole and column == 1:
            return self._brushes[unit.status][0]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return self._brushes[unit.status][1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(unit: Unit, column: int) -> str:
        if column == 0:
            return unit.name
        if column == 1:
            return unit.status.value
        if column == 2:
            return str(unit.errors) if unit.errors else ""
        if column == 3:
            return str(unit.warnings) if unit.warnings else ""
        if unit.used is not None:
            return unit.used.path.name + (f"（另有 {len(unit.sources) - 1} 份）" if len(unit.sources) > 1 else "")
        return "、".join(s.path.name for s in unit.sources)
