"""The three report tables as printed grids, built from the schema.

A ``Grid`` is what both writers draw: cells with their row/column spans and
roles, the column widths, how many header rows repeat on a new page, and
which row ranges must not be split. Labels and structure come only from
``gxdesk.schema``; the figures from the report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from gxdesk import grid, schema
from gxdesk.model import Report
from gxdesk.numbers import format_figure
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


def build(table_id: str, report: Report) -> Grid:
    """The printed grid of one table: the shape from ``gxdesk.grid``, figures from the report."""
    shape = grid.layout(schema.TABLE_BY_ID[table_id])
    roles = dict(_ROLES)
    if shape.label_columns == 1 and not shape.header_rows:
        roles[grid.Role.LABEL] = Role.HEAD  # section 二's row labels sit centred, as in the official form
    cells = tuple(
        Cell(c.row, c.column, format_figure(report.value(*c.key)) if c.key else c.text, roles[c.role],
             c.rowspan, c.colspan)
        for c in shape.cells
    )
    widths = tuple(w * layout.MM for w in layout.TABLE_WIDTHS_MM[table_id])
    assert len(widths) == shape.columns, table_id
    return Grid(table_id, widths, shape.rows, cells, header_rows=shape.header_rows, keep=_blocks(shape),
                font_size=layout.TABLE_SIZE[table_id])


_ROLES = {
    grid.Role.HEADING: Role.BLOCK,
    grid.Role.HEADER: Role.HEAD,
    grid.Role.GROUP: Role.GROUP,
    grid.Role.LABEL: Role.LABEL,
    grid.Role.VALUE: Role.NUMBER,
}


def _blocks(shape: grid.Grid) -> tuple[tuple[int, int], ...]:
    """Row ranges of section 二's blocks (heading to last row), never split across pages."""
    starts = [c.row for c in shape.cells if c.role is grid.Role.HEADING]
    ends = [s - 1 for s in starts[1:]] + [shape.rows - 1] * bool(starts)
    return tuple(zip(starts, ends, strict=True))
