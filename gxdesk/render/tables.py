"""The report tables as printed: the window's grid with what only paper needs.

A ``PrintedTable`` is what both writers draw: the table's ``gxdesk.grid.Grid``
(cells with their spans and roles, the header rows), the printed text of its
figures, the column widths and type size from the schema, and which row
ranges must not be split across pages. ``split_at`` cuts it at a page break,
the header rows opening the continuation.
"""

from __future__ import annotations

from typing import Mapping

from gxdesk import schema
from gxdesk.grid import CellRole, Grid, GridCell, grid_of
from gxdesk.model import CellKey, Report
from gxdesk.numbers import format_figure
from gxdesk.records import record, replace
from gxdesk.render import breaking, page
from gxdesk.schema import Shape


@record
class PrintedTable:
    grid: Grid  # the whole table, or the run of its rows that one page holds
    figures: Mapping[CellKey, str]  # every figure as printed
    widths: tuple[float, ...]  # points, one per grid column
    font_size: float
    keep: tuple[tuple[int, int], ...] = ()  # row ranges [first, last] never split
    origin: int = 0  # a continuation's row r (below the header) is row origin + r of the whole table

    @property
    def id(self) -> str:
        return self.grid.table.id

    def text_of(self, cell: GridCell) -> str:
        return self.figures[cell.key] if cell.key is not None else cell.text

    def room(self, cell: GridCell) -> float:
        """The width inside the cell's padding, in points."""
        return sum(self.widths[cell.column: cell.column + cell.colspan]) - 2 * page.CELL_PAD_X

    def printed_text(self, cell: GridCell) -> str:
        """What the cell prints: a figure as it is; a label broken into lines ("\\n") for the cell's
        width, the same in both outputs, never leaving one character alone on its last line."""
        if cell.key is not None:
            return self.figures[cell.key]
        return "\n".join(breaking.label_lines(cell.text, self.room(cell) / self.font_size))

    def figure_size(self, cell: GridCell) -> float:
        """The type size at which the cell's figure fits its column (counted in half-width digits):
        the table's size, or smaller for a figure too long for it — never wrapped, never across the rule."""
        natural = breaking.cells(self.text_of(cell)) * self.font_size
        room = self.room(cell)
        return self.font_size if natural <= room else self.font_size * room / natural

    def centred(self, cell: GridCell) -> bool:
        """Everything but row labels; a stacked table's (二's) sit centred too, as in the official form."""
        return cell.role is not CellRole.LABEL or self.grid.table.shape is Shape.STACKED

    def split_at(self, row: int) -> tuple[PrintedTable, PrintedTable]:
        """Two tables: rows [0, row) and the header rows + rows [row, end).

        A cell spanning the cut is cut in two; its label is repeated on the
        continuation so that a reader of the next page still sees it.
        """
        grid = self.grid
        head = grid.header_rows
        first: list[GridCell] = []
        rest: list[GridCell] = []
        for cell in grid.cells:
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
            replace(self, grid=Grid(grid.table, first, head, grid.label_columns), keep=keep_first),
            replace(self, grid=Grid(grid.table, rest, head, grid.label_columns), keep=keep_rest,
                    origin=self.origin + row - head),
        )

    def split_points(self) -> list[int]:
        """Rows a page may start with: after the header and two data rows, not inside a kept range."""
        return [
            row
            for row in range(self.grid.header_rows + 2, self.grid.rows)
            if not any(a < row <= b for a, b in self.keep)
        ]


def build(table_id: str, report: Report) -> PrintedTable:
    """The printed table: the grid, widths and type size from the schema, the figures from the report."""
    table = schema.TABLE_BY_ID[table_id]
    grid = grid_of(table)
    figures = {cell.key: format_figure(report.value(*cell.key)) for cell in grid.values() if cell.key is not None}
    return PrintedTable(grid, figures, tuple(w * page.MM for w in table.widths_mm), table.font_size,
                        keep=_blocks(grid))


def _blocks(grid: Grid) -> tuple[tuple[int, int], ...]:
    """Row ranges of section 二's blocks (heading to last row), never split across pages."""
    starts = [c.row for c in grid.cells if c.role is CellRole.HEADING]
    ends = [s - 1 for s in starts[1:]] + [grid.rows - 1] * bool(starts)
    return tuple(zip(starts, ends, strict=True))
