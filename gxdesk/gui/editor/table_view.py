"""A report table that looks like the printed one and edits like a spreadsheet.

Spans and the multi-level column header come from the model's grid. Keys:
typing replaces a figure, Enter commits and moves down (and Down moves down:
into the next figure below, where a block of 二 with other columns follows),
Tab moves right, Delete sets the selection to 0, Ctrl+C copies tab-separated
text, Ctrl+V pastes a block copied from Excel or WPS (one undo step; what it
could not paste is listed in a note at the cell). Ctrl+Tab and Ctrl+PgDn are
left to the window (they switch tabs). A refused entry is explained in a note
below the cell (``note.py``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QHelpEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from gxdesk.grid import CellRole, GridCell, fit_heights
from gxdesk.gui.editor.flags import flag_colour, flag_tooltip
from gxdesk.gui.editor.note import hide_note, show_note
from gxdesk.gui.editor.table_model import HEADER_BG, TEXT, Index, ReportTableModel
from gxdesk.model import CellKey
from gxdesk.numbers import is_blank, one_line
from gxdesk.rules import Finding
from gxdesk.schema import cell_name

SHOWN_VALUES = 5  # a paste's note quotes this many of the values it left out

PAD_X, PAD_Y = 6, 5  # room around a label inside its cell
GRID_COLOUR = "#b8c2cc"


def text_height(view: QWidget, text: str, width: int) -> int:
    rect = view.fontMetrics().boundingRect(
        QRect(0, 0, max(1, width - 2 * PAD_X), 100_000), int(Qt.TextFlag.TextWordWrap), text
    )
    return rect.height() + 2 * PAD_Y


class GridHeader(QHeaderView):
    """The printed column header: several levels, cells spanning columns and levels."""

    def __init__(self, model: ReportTableModel, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.grid_model = model
        self.header_cells = [c for c in model.grid.cells if c.row < model.grid.header_rows]
        self.level_heights = [24] * model.grid.header_rows
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self._flags_shown: object = None
        model.document.changed.connect(self._findings_changed)

    def _findings_changed(self) -> None:
        """Repaint when a column's flags change (a fixed imbalance turns the header back at once)."""
        flags = [self.leaf_flags(cell) for cell in self.header_cells]
        if flags != self._flags_shown:
            self._flags_shown = flags
            self.viewport().update()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), sum(self.level_heights) + 1)

    def set_level_heights(self, heights: list[int]) -> None:
        if heights != self.level_heights:
            self.level_heights = heights
            self.updateGeometry()
            self.viewport().update()

    def cell_rect(self, cell: GridCell) -> QRect:
        x = self.sectionViewportPosition(cell.column)
        width = sum(self.sectionSize(c) for c in range(cell.column, cell.column + cell.colspan))
        y = sum(self.level_heights[: cell.row])
        return QRect(x, y, width, sum(self.level_heights[cell.row: cell.row + cell.rowspan]))

    def leaf_flags(self, cell: GridCell) -> list[Finding]:
        """Findings about the whole column under a leaf header cell."""
        if cell.row + cell.rowspan != self.grid_model.grid.header_rows or cell.colspan != 1:
            return []
        value = self.grid_model.grid.at(self.grid_model.grid.header_rows, cell.column)
        if value is None or value.key is None:
            return []
        return self.grid_model.document.column_flags(value.key[0], value.key[2])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setPen(QPen(TEXT))
        for cell in self.header_cells:
            rect = self.cell_rect(cell)
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect, flag_colour(self.leaf_flags(cell)) or HEADER_BG)
            painter.setPen(QPen(QColor(GRID_COLOUR)))
            painter.drawRect(rect.adjusted(-1, -1, -1, -1))
            painter.setPen(QPen(TEXT))
            painter.drawText(rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), cell.text)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for cell in self.header_cells:
                if self.cell_rect(cell).contains(event.pos()):
                    tip = flag_tooltip(self.leaf_flags(cell))
                    QToolTip.showText(event.globalPos(), tip or cell.text, self)
                    return True
        return super().viewportEvent(event)


class FigureDelegate(QStyledItemDelegate):
    """A plain line editor; the model parses and refuses what is not a figure."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        return editor


class ReportTableView(QTableView):
    message = Signal(str)  # for the status bar: a refused entry, a paste done

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"table_{model.table.id}")
        self.setModel(model)
        self.report_model = model
        self._refused = False
        model.refused.connect(self._on_refused)
        self.verticalHeader().hide()
        if model.grid.header_rows:
            self.setHorizontalHeader(GridHeader(model, self))
        else:
            self.horizontalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(8)
        self.horizontalHeader().setMinimumSectionSize(8)
        self.setItemDelegate(FigureDelegate(self))
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setStyleSheet(f"QTableView {{ gridline-color: {GRID_COLOUR}; }}")
        for cell in model.body_cells():
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row - model.offset, cell.column, cell.rowspan, cell.colspan)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_rows)
        self.horizontalHeader().sectionResized.connect(lambda *_: self._fit_timer.start())
        self.fit_columns()
        first = next((c for c in model.body_cells() if model.is_entered(c)), None)
        if first is not None:
            self.setCurrentIndex(model.index(first.row - model.offset, first.column))

    # --- Geometry ------------------------------------------------------------------

    def em(self) -> int:
        return self.fontMetrics().horizontalAdvance("中")

    def fit_columns(self) -> None:
        """Label columns as narrow as their labels allow; figures share the rest."""
        grid, em = self.report_model.grid, self.em()
        header = self.horizontalHeader()
        for column in range(grid.columns):
            if column < grid.label_columns:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, self._label_width(column) * em + 2 * PAD_X)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(em + 2 * PAD_X)
        self._fit_timer.start()

    def _label_width(self, column: int) -> int:
        """In characters. Group columns fit each label into its rows (vertical if it must);
        the last label column takes the longest label on at most two lines."""
        grid = self.report_model.grid
        labels = (CellRole.GROUP, CellRole.LABEL)
        cells = [c for c in grid.cells if c.column == column and c.role in labels and c.colspan == 1]
        if not cells:
            return 4
        if column < grid.label_columns - 1:
            # Two at least: a line may not start with punctuation, so "三、" stays together.
            return max(2, *(-(-len(c.text) // c.rowspan) for c in cells))
        longest = max(len(c.text) for c in cells)
        return min(longest, max(8, -(-longest // 2)), 18)

    def fit_rows(self) -> None:
        model, grid = self.report_model, self.report_model.grid
        header = self.horizontalHeader()
        widths = [header.sectionSize(c) for c in range(grid.columns)]
        line = self.fontMetrics().height() + 2 * PAD_Y

        measure = partial(text_height, self)
        heights = fit_heights(grid, model.offset, grid.rows - model.offset, widths, measure, line)
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)
        if isinstance(header, GridHeader):
            header.set_level_heights(fit_heights(grid, 0, grid.header_rows, widths, measure, line))
            self.updateGeometries()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def sizeHint(self) -> QSize:
        return QSize(900, 600)

    # --- Keys ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier and key in _TAB_KEYS:
            event.ignore()  # the window's: the next or previous tab
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key == Qt.Key.Key_Delete and not self._editing():
            self.clear_selection_to_zero()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self._editing():
            self._move(QAbstractItemView.CursorAction.MoveDown)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and modifiers == Qt.KeyboardModifier.NoModifier:
            self._move(QAbstractItemView.CursorAction.MoveDown if key == Qt.Key.Key_Down
                       else QAbstractItemView.CursorAction.MoveUp)
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Text from an input method (full-width digits typed with a Chinese IME) opens the
        editor like a key does; Qt's views open it but drop the text, losing the first digit."""
        index = self.currentIndex()
        if (not self._editing() and event.commitString()
                and self.report_model.flags(index) & Qt.ItemFlag.ItemIsEditable
                and self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)):
            editor = self.indexWidget(index)
            if editor is not None:
                QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)

    def _editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter moves down and Tab right, without opening the next editor (as in Excel);
        a refused entry keeps the cursor where the problem is."""
        Hint = QAbstractItemDelegate.EndEditHint
        moves = {
            Hint.SubmitModelCache: QAbstractItemView.CursorAction.MoveDown,
            Hint.EditNextItem: QAbstractItemView.CursorAction.MoveNext,
            Hint.EditPreviousItem: QAbstractItemView.CursorAction.MovePrevious,
        }
        move = None if self._refused else moves.get(hint)
        self._refused = False
        super().closeEditor(editor, Hint.NoHint)
        if move is not None:
            self._move(move)

    def _move(self, action: QAbstractItemView.CursorAction) -> None:
        Move = QAbstractItemView.CursorAction
        if action in (Move.MoveDown, Move.MoveUp):
            index = self._vertical(self.currentIndex(), action == Move.MoveDown)
        else:
            index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)

    def _vertical(self, current: QModelIndex, down: bool) -> QModelIndex:
        """The nearest figure below (or above) in the same column. Where the next block has
        other columns (二: a figure spanning the three of 规章's), the figure covering this
        column: Qt's own move stops there, at a cell inside a span."""
        model = self.report_model
        if not current.isValid():
            return current
        span = self.rowSpan(current.row(), current.column())
        rows = range(current.row() + span, model.rowCount()) if down else range(current.row() - 1, -1, -1)
        for row in rows:
            cell = model.grid.at(row + model.offset, current.column())
            if cell is not None and cell.key is not None:
                return model.index(cell.row - model.offset, cell.column)
        return QModelIndex()

    def _on_refused(self, index: QModelIndex | QPersistentModelIndex, message: str) -> None:
        self._refused = self._editing()  # closeEditor then keeps the cursor on the problem
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.say(message, index)

    def say(self, message: str, index: QModelIndex | QPersistentModelIndex | None = None) -> None:
        """A note at the cell (the current one unless given) and the same line in the status bar."""
        index = self.currentIndex() if index is None else index
        show_note(self.viewport(), self.visualRect(index), message)
        self.message.emit(message)

    def currentChanged(self, current: QModelIndex | QPersistentModelIndex,
                       previous: QModelIndex | QPersistentModelIndex) -> None:
        super().currentChanged(current, previous)
        hide_note(self)  # a note is about the cell it was shown at

    # --- Clipboard and clearing -----------------------------------------------------

    def selected_cells(self) -> list[GridCell]:
        cells = (self.report_model.cell(i) for i in self.selectionModel().selectedIndexes())
        return [c for c in cells if c is not None and c.key is not None]

    def copy(self) -> None:
        """The selection's bounding box as tab-separated lines (labels and totals included)."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        top, bottom = min(i.row() for i in indexes), max(i.row() for i in indexes)
        left, right = min(i.column() for i in indexes), max(i.column() for i in indexes)
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for row in range(top, bottom + 1):
            values = []
            for column in range(left, right + 1):
                index = self.report_model.index(row, column)
                if self.report_model.cell(index) is None:
                    continue  # inside a span: one value per printed cell
                values.append(self.report_model.text(index) if (row, column) in chosen else "")
            lines.append("\t".join(values))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def paste(self) -> None:
        """Paste what lands on figures; say exactly what did not (off the table, on a label or a
        total) and which cells a "-" or "/" left blank. A value that is no figure refuses it all."""
        text = QGuiApplication.clipboard().text()
        block = parse_block(text)
        if not block:
            return
        model = self.report_model
        current = self.currentIndex()
        if not current.isValid():
            return
        selected = [c for c in self.selected_cells() if model.is_entered(c)]
        outside: list[str] = []  # values off the table or on a label
        on_totals: list[str] = []
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            entries = [(c, block[0][0]) for c in selected]  # one value fills the selection
        else:
            width = max(len(line) for line in block)
            cells = model.grid.block(current.row() + model.offset, current.column(), len(block), width)
            entries = []
            for line, targets in zip(block, cells, strict=True):
                for value, cell in zip(line, targets, strict=False):  # short lines
                    if cell is not None and model.is_entered(cell):
                        entries.append((cell, value))
                    elif value.strip():
                        (on_totals if cell is not None and cell.key is not None else outside).append(value)
        if entries and not model.set_texts(entries, f"粘贴 {len(entries)} 个单元格"):
            return  # refused: the model's note names the cell
        blanked = [cell_name(*c.key) for c, value in entries if c.key is not None and is_blank(value)]
        report = paste_report(len(entries), outside, on_totals, blanked)
        if outside or on_totals or blanked:
            self.say(report, current)
        else:
            self.message.emit(report)

    def clear_selection_to_zero(self) -> None:
        cells = [c for c in self.selected_cells() if self.report_model.is_entered(c)]
        if cells:
            self.report_model.set_texts([(c, "0") for c in cells], f"清除 {len(cells)} 个单元格")

    # --- Navigation from the findings panel -----------------------------------------

    def select_key(self, key: CellKey) -> None:
        index = self.report_model.index_of(key)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def select_keys(self, keys: list[CellKey]) -> None:
        """These cells selected (an undone paste), the cursor on the first."""
        model = self.report_model
        self.select_key(keys[0])
        selection = QItemSelection()
        for key in keys:
            index = model.index_of(key)
            selection.select(index, index)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select_column(self, table_id: str, column_id: str) -> None:
        cells = [c for c in self.report_model.grid.values() if c.key is not None and c.key[2] == column_id]
        if not cells:
            return
        model = self.report_model
        first, last = cells[0], cells[-1]
        self.setCurrentIndex(model.index(first.row - model.offset, first.column))
        selection = QItemSelection(model.index(first.row - model.offset, first.column),
                                   model.index(last.row - model.offset, last.column))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(model.index(first.row - model.offset, first.column))


_TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


def paste_report(pasted: int, outside: list[str], on_totals: list[str], blanked: list[str]) -> str:
    """What a paste did, and exactly what it did not."""
    lines = [f"已粘贴 {pasted} 个单元格" if pasted else "没有粘贴任何单元格"]
    if outside:
        lines.append(f"超出表格或落在表头、行名上的 {len(outside)} 个值没有粘贴：{_values(outside)}")
    if on_totals:
        lines.append(f"落在合计（自动计算）上的 {len(on_totals)} 个值没有粘贴：{_values(on_totals)}")
    if blanked:
        shown = "、".join(blanked[:SHOWN_VALUES]) + (f" 等 {len(blanked)} 格" if len(blanked) > SHOWN_VALUES else "")
        lines.append(f"“-”“/”或空白已留空（没有的请填 0）：{shown}")
    return "；\n".join(lines)


def _values(values: list[str]) -> str:
    shown = "、".join(f"“{one_line(v, 12)}”" for v in values[:SHOWN_VALUES])
    return shown + ("……" if len(values) > SHOWN_VALUES else "")


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated lines as copied from Excel or WPS (a short line leaves its cells alone)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]
