"""The three report tables as printed grids, built from the schema.

A ``Grid`` is what both writers draw: cells with their row/column spans and
roles, the column widths, how many header rows repeat on a new page, and
which row ranges must not be split. Labels and structure come only from
``gxdesk.schema``; the figures from the report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from gxdesk import schema
from gxdesk.model import Report, Value
from gxdesk.numbers import format_amount
from gxdesk.render import layout


class Role(Enum):
    HEAD = "head"  # a column header
    BLOCK = "block"  # a block heading spanning the table (第二十条第（一）项)
    GROUP = "group"  # a row group label spanning several rows
    LABEL = "label"  # a row label
    NUMBER = "number"


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1

    @property
    def centred(self) -> bool:
        return self.role is not Role.LABEL


@dataclass(frozen=True)
class Grid:
    id: str
    widths: tuple[float, ...]  # points
    nrows: int
    cells: tuple[Cell, ...]
    header_rows: int = 0  # repeated at the top of each page the table runs onto
    keep: tuple[tuple[int, int], ...] = ()  # row ranges [first, last] never split
    font_size: float = 10.5

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def rows(self) -> list[list[Cell]]:
        """The cells that start in each row, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.nrows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out

    def covered(self) -> dict[tuple[int, int], Cell]:
        """Every grid position → the cell covering it."""
        return {
            (cell.row + dr, cell.col + dc): cell
            for cell in self.cells
            for dr in range(cell.rowspan)
            for dc in range(cell.colspan)
        }

    def split_at(self, row: int) -> tuple[Grid, Grid]:
        """Two grids: rows [0, row) and the header rows + rows [row, end).

        A cell spanning the cut is cut in two; its label is repeated on the
        continuation so that a reader of the next page still sees it.
        """
        head = self.header_rows
        first: list[Cell] = []
        rest: list[Cell] = []
        for cell in self.cells:
            end = cell.row + cell.rowspan
            if cell.row < head:
                first.append(cell)
                rest.append(cell)
            elif end <= row:
                first.append(cell)
            elif cell.row >= row:
                rest.append(replace(cell, row=cell.row - row + head))
            else:
                first.append(replace(cell, rowspan=row - cell.row))
                rest.append(replace(cell, row=head, rowspan=end - row))
        keep_first = tuple((a, b) for a, b in self.keep if b < row)
        keep_rest = tuple((a - row + head, b - row + head) for a, b in self.keep if a >= row)
        return (
            replace(self, nrows=row, cells=tuple(first), keep=keep_first),
            replace(self, nrows=self.nrows - row + head, cells=tuple(rest), keep=keep_rest),
        )

    def split_points(self) -> list[int]:
        """Rows a page may start with: after the header and two data rows, not inside a kept range."""
        return [
            row
            for row in range(self.header_rows + 2, self.nrows)
            if not any(a < row <= b for a, b in self.keep)
        ]


def figure(value: Value) -> str:
    """A figure as printed in the report: plain digits, amounts as typed; blank stays blank."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
    return str(value)


def build(table_id: str, report: Report) -> Grid:
    builders = {"proactive": _proactive, "requests": _requests, "appeals": _appeals}
    if table_id not in builders:
        raise KeyError(table_id)
    grid = builders[table_id](schema.TABLE_BY_ID[table_id], report)
    widths = tuple(w * layout.MM for w in layout.TABLE_WIDTHS_MM[table_id])
    assert len(widths) == grid.ncols, table_id
    return replace(grid, widths=widths, font_size=layout.TABLE_SIZE[table_id])


def _proactive(table: schema.Table, report: Report) -> Grid:
    """Section 二: four blocks, each a heading row, a header row and its rows."""
    ncols = 1 + max(len(block.columns) for block in table.blocks)
    cells: list[Cell] = []
    keep: list[tuple[int, int]] = []
    row = 0
    for block in table.blocks:
        first = row
        cells.append(Cell(row, 0, block.heading, Role.BLOCK, colspan=ncols))
        row += 1
        spans = _spread(len(block.columns), ncols - 1)
        cells.append(Cell(row, 0, block.corner, Role.HEAD))
        cells.extend(
            Cell(row, col, column.label, Role.HEAD, colspan=span)
            for (col, span), column in zip(spans, block.columns, strict=True)
        )
        row += 1
        for data_row in block.rows:
            cells.append(Cell(row, 0, data_row.label, Role.HEAD))
            cells.extend(
                Cell(row, col, figure(report.value(table.id, data_row.id, column.id)), Role.NUMBER, colspan=span)
                for (col, span), column in zip(spans, block.columns, strict=True)
            )
            row += 1
        keep.append((first, row - 1))
    return Grid(table.id, (0.0,) * ncols, row, tuple(cells), keep=tuple(keep))


def _spread(count: int, width: int) -> list[tuple[int, int]]:
    """(first column, span) for ``count`` columns sharing ``width`` value columns."""
    if count == width:
        return [(1 + i, 1) for i in range(count)]
    if count == 1:
        return [(1, width)]
    raise ValueError("block columns do not fit the table")


def _requests(table: schema.Table, report: Report) -> Grid:
    """Section 三: 3-level row labels, 3-level column header under 申请人情况."""
    (block,) = table.blocks
    label_cols = 1 + max(len(row.groups) for row in block.rows)
    paths = [(schema.APPLICANT_GROUP, *((c.group,) if c.group else ()), c.label) for c in block.columns]
    header, header_rows = _header(paths, col0=label_cols)
    cells = [Cell(0, 0, block.corner, Role.HEAD, rowspan=header_rows, colspan=label_cols), *header]
    rows = block.rows
    for i, row in enumerate(rows):
        r = header_rows + i
        depth = len(row.groups)
        for level, group in enumerate(row.groups):
            starts = i == 0 or rows[i - 1].groups[: level + 1] != row.groups[: level + 1]
            if starts:
                span = 1
                while i + span < len(rows) and rows[i + span].groups[: level + 1] == row.groups[: level + 1]:
                    span += 1
                cells.append(Cell(r, level, group, Role.GROUP, rowspan=span))
        cells.append(Cell(r, depth, row.label, Role.LABEL, colspan=label_cols - depth))
        cells.extend(
            Cell(r, label_cols + j, figure(report.value(table.id, row.id, column.id)), Role.NUMBER)
            for j, column in enumerate(block.columns)
        )
    ncols = label_cols + len(block.columns)
    return Grid(table.id, (0.0,) * ncols, header_rows + len(rows), tuple(cells), header_rows=header_rows)


def _appeals(table: schema.Table, report: Report) -> Grid:
    """Section 四: the 3 × 5 figures printed side by side as one row of 15."""
    (block,) = table.blocks
    paths = [(*row.groups, row.label, column.label) for row in block.rows for column in block.columns]
    cells, header_rows = _header(paths, col0=0)
    cells.extend(
        Cell(header_rows, i, figure(report.value(table.id, row.id, column.id)), Role.NUMBER)
        for i, (row, column) in enumerate((r, c) for r in block.rows for c in block.columns)
    )
    return Grid(table.id, (0.0,) * len(paths), header_rows + 1, tuple(cells), header_rows=header_rows)


def _header(paths: list[tuple[str, ...]], col0: int) -> tuple[list[Cell], int]:
    """Header cells for columns given by their label paths, outermost first.

    Equal prefixes of neighbouring columns merge across; a path shorter than
    the deepest one lets its last label run down to the bottom header row.
    """
    depth = max(len(p) for p in paths)
    cells: list[Cell] = []
    for level in range(depth):
        j = 0
        while j < len(paths):
            path = paths[j]
            if len(path) <= level:
                j += 1
                continue
            last = level == len(path) - 1
            span = 1
            if not last:
                while j + span < len(paths) and paths[j + span][: level + 1] == path[: level + 1]:
                    span += 1
            rowspan = depth - level if last else 1
            cells.append(Cell(level, col0 + j, path[level], Role.HEAD, rowspan=rowspan, colspan=span))
            j += span
    return cells, depth
