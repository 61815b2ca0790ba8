"""One QAbstractTableModel per report table, laid out as the printed table.

The model's rows are the body of the printed table (the column header is
drawn by ``GridHeader``); header, heading and label cells are neither
selectable nor editable, so the keyboard moves over figures only. Figures
and flags come from the core on every change.
"""

from __future__ import annotations

from typing import Union

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gxdesk.edits import Change
from gxdesk.grid import CellRole, GridCell, grid_of
from gxdesk.gui.document import Document
from gxdesk.gui.editor.flags import flag_colour, flag_tooltip
from gxdesk.model import CellKey, Value
from gxdesk.numbers import NumberError, format_figure, parse_figure
from gxdesk.schema import Table, cell_name

# Colours of the cells (kept here, not in the stylesheet: item views take them from the model).
HEADER_BG = QColor("#e8edf3")
HEADING_BG = QColor("#d9e2ec")
COMPUTED_BG = QColor("#eef0f2")
TEXT = QColor("#1f2933")
COMPUTED_TEXT = QColor("#3e4c59")

_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.FontRole,
})
Index = Union[QModelIndex, QPersistentModelIndex]
_NO_PARENT = QModelIndex()
_EDIT = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ReportTableModel(QAbstractTableModel):
    refused = Signal(QModelIndex, str)  # an entry that is not a figure, with the reason

    def __init__(self, document: Document, table: Table, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.table = table
        self.grid = grid_of(table)
        self.offset = self.grid.header_rows
        self._bold = QFont()
        self._bold.setBold(True)
        # Lookups the painting asks for thousands of times, computed once.
        self._anchors = {(c.row - self.offset, c.column): c for c in self.body_cells()}
        self._computed = {key: self.grid.is_computed(key) for key in self._keys()}
        self._shown: dict[CellKey, tuple[Value, tuple[object, ...]]] = {}
        document.changed.connect(self.refresh)

    # --- Geometry ------------------------------------------------------------------

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self.grid.rows - self.offset

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self.grid.columns

    def cell(self, index: Index) -> GridCell | None:
        """The grid cell anchored at this index (None inside a span or outside)."""
        return self._anchors.get((index.row(), index.column()))

    def index_of(self, key: CellKey) -> QModelIndex:
        row, column = self.grid.position(key)
        return self.index(row - self.offset, column)

    def body_cells(self) -> list[GridCell]:
        return [c for c in self.grid.cells if c.row >= self.offset]

    def entered_key(self, cell: GridCell | None) -> CellKey | None:
        """The cell's key if a figure is typed into it (not a label, not a total)."""
        if cell is None or cell.key is None or self._computed[cell.key]:
            return None
        return cell.key

    def is_entered(self, cell: GridCell | None) -> bool:
        return self.entered_key(cell) is not None

    def _keys(self) -> list[CellKey]:
        """Every figure's key, entered or computed, in grid order."""
        return [c.key for c in self.grid.values() if c.key is not None]

    # --- Data ----------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        cell = self.cell(index)
        if cell is None or cell.key is None:
            return Qt.ItemFlag.NoItemFlags
        return _READ_ONLY if self._computed[cell.key] else _EDIT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self._anchors.get((index.row(), index.column()))
        if cell is None or role not in _ROLES:
            return None
        if cell.key is None:
            return self._label_data(cell, role)
        key = cell.key
        computed = self._computed[key]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_figure(self.document.report.value(*key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = flag_colour(self.document.flags(key))
            if colour is None and computed:
                colour = COMPUTED_BG
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(COMPUTED_TEXT if computed else TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = flag_tooltip(self.document.flags(key))
            if computed:
                tip = "\n".join(filter(None, ["自动计算，不能修改", tip]))
            return tip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{cell_name(*key)}：{format_figure(self.document.report.value(*key)) or '空'}"
        if role == Qt.ItemDataRole.FontRole and computed:
            return self._bold
        return None

    def text(self, index: Index) -> str:
        """What the cell shows: a figure, a label, or "" (blank, or inside a span)."""
        shown = self.data(index)
        return shown if isinstance(shown, str) else ""

    def _label_data(self, cell: GridCell, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.role is CellRole.LABEL:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.role is CellRole.HEADING:
                return QBrush(HEADING_BG)
            return QBrush(HEADER_BG) if cell.role is CellRole.HEADER else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT)  # not the greyed text of a disabled item
        if role == Qt.ItemDataRole.FontRole and cell.role is CellRole.HEADING:
            return self._bold
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell(index)
        key = self.entered_key(cell)
        if role != Qt.ItemDataRole.EditRole or cell is None or key is None:
            return False
        return self.set_texts([(cell, str(value))], f"修改{cell_name(*key)}")

    def parse(self, key: CellKey, text: str) -> Value:
        """A typed or pasted entry as a figure; NumberError with the reason otherwise."""
        return parse_figure(text, self.table.kind(key[1]))

    def set_texts(self, entries: list[tuple[GridCell, str]], label: str) -> bool:
        """Parse every entry (entered cells only), then apply all of them as one undo step, or none."""
        changes: dict[CellKey, Value] = {}
        for cell, text in entries:
            key = self.entered_key(cell)
            if key is None:
                continue
            try:
                changes[key] = self.parse(key, text)
            except NumberError as error:
                index = self.index(cell.row - self.offset, cell.column)
                self.refused.emit(index, f"{cell_name(*key)}：{error}，未修改")
                return False
        self.document.set_cells(changes, label)
        return True

    def refresh(self, change: Change | None = None) -> None:
        """Tell the views about the cells whose figure or flags changed, and only those:
        an edit then repaints a handful of cells, not the table. ``change`` says whether
        this table's figures may have changed (None: they may)."""
        report, flags, shown = self.document.report, self.document.flags, self._shown
        figures_may_differ = change is None or self.table.id in change.tables or not shown
        for cell in self.grid.values():
            key = cell.key
            if key is None:
                continue
            value = report.value(*key) if figures_may_differ else shown[key][0]
            state = (value, tuple(flags(key)))
            if shown.get(key) != state:
                self._shown[key] = state
                index = self.index(cell.row - self.offset, cell.column)
                self.dataChanged.emit(index, index)
