"""The printed shape of each report table, derived from the schema.

Which header, row label or figure sits in which cell of the official table,
and how far each one spans, for each ``schema.Shape``: section 二 as four
stacked blocks with their headings, section 三 as a matrix with three levels
of row labels under a corner cell and two levels of column headers under
申请人情况, section 四 side by side, one row of 15 figures under 行政复议 /
行政诉讼. The window draws its tables from this grid and the renderer prints
it (``render.tables`` adds what only paper needs: widths, type size, page breaks).
"""

from __future__ import annotations

from enum import Enum
from typing import Callable, Hashable, Iterator, Sequence, TypeVar

from gxdesk.model import CellKey
from gxdesk.records import record
from gxdesk.schema import Shape, Table


class CellRole(Enum):
    HEADING = "heading"  # a block heading across the whole table (section 二)
    HEADER = "header"  # a column header, or the corner above the row labels
    GROUP = "group"  # a row label spanning the rows of its group (三、本年度办理结果, （三）不予公开…)
    LABEL = "label"  # a row's own label
    VALUE = "value"  # a figure, entered or computed


@record
class GridCell:
    row: int
    column: int
    role: CellRole
    text: str = ""  # header and label text; "" for figures
    key: CellKey | None = None  # figures only
    rowspan: int = 1
    colspan: int = 1


class Grid:
    """Cells of one table (or of a run of its rows); the first ``header_rows`` rows are the column header."""

    def __init__(self, table: Table, cells: Sequence[GridCell], header_rows: int, label_columns: int) -> None:
        self.table = table
        self.cells = tuple(sorted(cells, key=lambda c: (c.row, c.column)))
        self.header_rows = header_rows
        self.label_columns = label_columns
        self.rows = max(c.row + c.rowspan for c in self.cells)
        self.columns = max(c.column + c.colspan for c in self.cells)
        self._at: dict[tuple[int, int], GridCell] = {}
        self._position: dict[CellKey, tuple[int, int]] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.column, cell.column + cell.colspan):
                    if (r, c) in self._at:
                        raise ValueError(f"cells overlap at {(r, c)} in {table.id}")
                    self._at[(r, c)] = cell
            if cell.key is not None:
                self._position[cell.key] = (cell.row, cell.column)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Grid):
            return NotImplemented
        return (self.table, self.cells, self.header_rows, self.label_columns) == (
            other.table, other.cells, other.header_rows, other.label_columns)

    def __hash__(self) -> int:
        return hash((self.table.id, self.cells))

    def at(self, row: int, column: int) -> GridCell | None:
        """The cell covering this position (a spanned cell covers several)."""
        return self._at.get((row, column))

    def position(self, key: CellKey) -> tuple[int, int]:
        return self._position[key]

    def values(self) -> Iterator[GridCell]:
        return (c for c in self.cells if c.role is CellRole.VALUE)

    def is_computed(self, key: CellKey) -> bool:
        _, row_id, column_id = key
        return self.table.row(row_id).computed or self.table.column(row_id, column_id).computed

    def block(self, top: int, left: int, height: int, width: int) -> list[list[GridCell | None]]:
        """The cells a pasted block of ``height`` × ``width`` values lands on.

        Walks from (top, left) over distinct cells, so a figure spanning three
        columns (section 二) takes one value. None where the block leaves the table.
        """
        out = []
        for r in range(top, top + height):
            line: list[GridCell | None] = []
            c = left
            for _ in range(width):
                cell = self.at(r, c)
                line.append(cell)
                c = cell.column + cell.colspan if cell else c + 1
            out.append(line)
        return out


_T = TypeVar("_T", bound=Hashable)


def _runs(items: Sequence[_T]) -> Iterator[tuple[int, int, _T]]:
    """(start, length, item) for each run of equal neighbours."""
    start = 0
    for i in range(1, len(items) + 1):
        if i == len(items) or items[i] != items[start]:
            yield start, i - start, items[start]
            start = i


def _matrix(table: Table) -> Grid:
    """Row labels on the left (nested groups as spanned columns), column headers on top."""
    (block,) = table.blocks
    columns, rows = block.columns, block.rows
    title = table.column_title
    labels = 1 + max(len(r.groups) for r in rows)
    top = 1 if title else 0
    header = top + (2 if any(c.group for c in columns) else 1)
    cells = [GridCell(0, 0, CellRole.HEADER, block.corner, rowspan=header, colspan=labels)]
    if title:
        cells.append(GridCell(0, labels, CellRole.HEADER, title, colspan=len(columns)))
    for start, length, group in _runs([c.group for c in columns]):
        if group:
            cells.append(GridCell(top, labels + start, CellRole.HEADER, group, colspan=length))
    for j, column in enumerate(columns):
        level = top + (1 if column.group else 0)
        cells.append(GridCell(level, labels + j, CellRole.HEADER, column.label, rowspan=header - level))
    for depth in range(labels - 1):
        prefixes = [r.groups[: depth + 1] if len(r.groups) > depth else () for r in rows]
        for start, length, prefix in _runs(prefixes):
            if prefix:
                cells.append(GridCell(header + start, depth, CellRole.GROUP, prefix[-1], rowspan=length))
    for i, row in enumerate(rows):
        depth = len(row.groups)
        cells.append(GridCell(header + i, depth, CellRole.LABEL, row.label, colspan=labels - depth))
        for j, column in enumerate(columns):
            cells.append(GridCell(header + i, labels + j, CellRole.VALUE, key=(table.id, row.id, column.id)))
    return Grid(table, cells, header, labels)


def _side_by_side(table: Table) -> Grid:
    """Each logical row becomes a group of columns; one row of figures under the headers."""
    (block,) = table.blocks
    columns, rows = block.columns, block.rows
    width = len(columns)
    levels = max(len(r.groups) for r in rows)
    header = levels + 2  # group levels, the row's own label, the column labels
    cells = []
    for depth in range(levels):
        prefixes = [r.groups[: depth + 1] if len(r.groups) > depth else () for r in rows]
        for start, length, prefix in _runs(prefixes):
            if prefix:
                cells.append(GridCell(depth, start * width, CellRole.HEADER, prefix[-1], colspan=length * width))
    for i, row in enumerate(rows):
        depth = len(row.groups)
        cells.append(GridCell(depth, i * width, CellRole.HEADER, row.label, colspan=width))
        for j, column in enumerate(columns):
            cells.append(GridCell(depth + 1, i * width + j, CellRole.HEADER, column.label, rowspan=header - depth - 1))
            cells.append(GridCell(header, i * width + j, CellRole.VALUE, key=(table.id, row.id, column.id)))
    return Grid(table, cells, header, 0)


def _stacked(table: Table) -> Grid:
    """Blocks one under another, each with its heading and header row (section 二)."""
    width = max(len(b.columns) for b in table.blocks)
    cells = []
    r = 0
    for block in table.blocks:  # the schema checked that each block's columns divide the width
        span = width // len(block.columns)
        if block.heading:
            cells.append(GridCell(r, 0, CellRole.HEADING, block.heading, colspan=1 + width))
            r += 1
        cells.append(GridCell(r, 0, CellRole.HEADER, block.corner))
        for j, column in enumerate(block.columns):
            cells.append(GridCell(r, 1 + j * span, CellRole.HEADER, column.label, colspan=span))
        r += 1
        for row in block.rows:
            cells.append(GridCell(r, 0, CellRole.LABEL, row.label))
            for j, column in enumerate(block.columns):
                cells.append(GridCell(r, 1 + j * span, CellRole.VALUE, key=(table.id, row.id, column.id), colspan=span))
            r += 1
    return Grid(table, cells, 0, 1)


_BUILDERS: dict[Shape, Callable[[Table], Grid]] = {
    Shape.MATRIX: _matrix,
    Shape.SIDE_BY_SIDE: _side_by_side,
    Shape.STACKED: _stacked,
}


def grid_of(table: Table) -> Grid:
    """The table's grid in its schema shape; refuses a table whose printed widths do not match it."""
    grid = _BUILDERS[table.shape](table)
    if len(table.widths_mm) != grid.columns:
        raise ValueError(f"{table.id} prints {grid.columns} columns but gives {len(table.widths_mm)} widths")
    return grid


def fit_heights(
    grid: Grid, first: int, count: int, widths: Sequence[int], measure: Callable[[str, int], int], minimum: int
) -> list[int]:
    """Heights of rows ``first`` … ``first + count - 1`` so that every label fits its cell.

    ``measure(text, width)`` is the height the text needs when wrapped to
    ``width``. A cell spanning several rows only adds to its last row what its
    rows lack together, so a long vertical label does not stretch one row.
    """
    heights = [minimum] * count
    spanning = []
    for cell in grid.cells:
        if not first <= cell.row < first + count or not cell.text:
            continue
        need = measure(cell.text, sum(widths[cell.column:cell.column + cell.colspan]))
        if cell.rowspan == 1:
            heights[cell.row - first] = max(heights[cell.row - first], need)
        else:
            spanning.append((cell.row - first, cell.rowspan, need))
    for i, span, need in spanning:
        heights[i + span - 1] += max(0, need - sum(heights[i:i + span]))
    return heights
