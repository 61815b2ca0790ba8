"""Pages for the PDF: boxes of text and tables placed down the type area, page after page.

gxdesk sets its own text (``pdf_text``) and draws its own tables (``TableBox``), so it needs of
ReportLab only the canvas, the fonts and the PDF file; the flowing onto pages is done here, with
the rules of a 公文:

- a box that does not fit is split where it allows (a paragraph between lines, never leaving one
  line alone on either side; a table at ``PrintedTable.split_points``, header repeated), or moved
  to the next page;
- ``NeedRoom`` starts a new page unless the room it asks for is left (no heading at the foot of a
  page: it asks for itself and the start of what follows);
- ``Together`` moves its boxes to the next page as one (the signature with the last lines);
- ``Gap`` is blank space, dropped at the top of a page.

``paginate`` only measures; drawing is a second pass, so the .docx can learn where the PDF's pages
end without making a PDF.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Protocol

from gxdesk.grid import CellRole, GridCell
from gxdesk.render import page
from gxdesk.render.pdf_text import FontFor, TextBlock
from gxdesk.render.tables import PrintedTable

EPSILON = 0.01


class Box(Protocol):
    space_after: float

    def height(self, width: float) -> float: ...

    def split(self, width: float, room: float) -> tuple[Any, Any] | None: ...

    def draw(self, canvas: Any, x: float, top: float, width: float) -> None: ...


class Gap:
    """Blank space (dropped at the top of a page)."""

    __slots__ = ("size",)

    def __init__(self, size: float) -> None:
        self.size = size


class NeedRoom:
    """A new page unless ``size`` points are left."""

    __slots__ = ("size",)

    def __init__(self, size: float) -> None:
        self.size = size


class NewPage:
    __slots__ = ()


class Together:
    """Boxes that move to the next page as one."""

    __slots__ = ("boxes",)

    def __init__(self, boxes: list[Any]) -> None:
        self.boxes = boxes

    def height(self, width: float) -> float:
        return sum(_height(box, width) for box in self.boxes)


class Placed:
    __slots__ = ("box", "top")

    def __init__(self, box: Any, top: float) -> None:
        self.box = box  # a Box
        self.top = top  # distance from the top of the type area


class Page:
    __slots__ = ("boxes",)

    def __init__(self) -> None:
        self.boxes: list[Placed] = []


def _height(item: Any, width: float) -> float:
    if isinstance(item, Gap):
        return item.size
    return float(item.height(width)) + float(getattr(item, "space_after", 0.0))


def paginate(items: list[Any], width: float = page.TYPE_WIDTH, height: float = page.TYPE_HEIGHT) -> list[Page]:
    """Place ``items`` onto pages of ``width`` × ``height``."""
    pages = [Page()]
    used = 0.0
    queue: deque[Any] = deque(items)

    def new_page() -> None:
        nonlocal used
        pages.append(Page())
        used = 0.0

    while queue:
        item = queue.popleft()
        room = height - used
        if isinstance(item, NewPage):
            if used > 0:
                new_page()
        elif isinstance(item, NeedRoom):
            if used > 0 and room + EPSILON < item.size:
                new_page()
        elif isinstance(item, Gap):
            if used > 0:
                used = min(height, used + item.size)
        elif isinstance(item, Together):
            if item.height(width) <= room + EPSILON or used == 0:
                queue.extendleft(reversed(item.boxes))  # fits here, or fits nowhere: flow them
            else:
                new_page()
                queue.appendleft(item)
        else:
            box_height = float(item.height(width))
            if box_height <= room + EPSILON:
                pages[-1].boxes.append(Placed(item, used))
                used = min(height, used + box_height + item.space_after)
                continue
            parts = item.split(width, room)
            if parts is not None:
                first, rest = parts
                pages[-1].boxes.append(Placed(first, used))
                new_page()
                queue.appendleft(rest)
            elif used > 0:
                new_page()
                queue.appendleft(item)
            else:  # taller than a page and not to be split: it runs off this one
                pages[-1].boxes.append(Placed(item, used))
                used = height
    return pages if pages[-1].boxes or len(pages) == 1 else pages[:-1]


# --- Tables ------------------------------------------------------------------------------


class TableBox:
    """A report table drawn cell by cell: rules round every cell, labels set by ``TextBlock``
    centred in their rows, figures centred (set smaller where too wide for their column).
    Split between rows at the table's split points, the header and cut labels repeated."""

    space_after = 0.0

    def __init__(self, table: PrintedTable, text_for: dict[CellRole, tuple[FontFor, bool]], width_of: Any) -> None:
        """``text_for``: per cell role the font picker and whether to embolden it (a stand-in for
        黑体); ``width_of(text, size)``: a figure's natural width."""
        self.table, self.text_for, self.width_of = table, text_for, width_of
        self._blocks: dict[tuple[int, int], TextBlock] = {}
        self._rows: list[float] | None = None

    def block(self, cell: GridCell) -> TextBlock:
        """The cell's text as a block for its width inside the padding."""
        key = (cell.row, cell.column)
        if key not in self._blocks:
            table, size = self.table, self.table.font_size
            text = table.printed_text(cell)
            if cell.role is CellRole.VALUE:
                natural = self.width_of(text, size)
                room = table.room(cell)
                if natural > room:  # a figure too long for its column is set smaller, never across the rule
                    size = size * room / natural
                align = "centre"
            else:
                align = "centre" if table.centred(cell) else "left"
            font_for, bold = self.text_for[cell.role]
            self._blocks[key] = TextBlock(text, font_for, size, size * page.TABLE_LEADING, align=align,
                                          bold=bold, kind="cell")
        return self._blocks[key]

    def row_heights(self) -> list[float]:
        """Each row as tall as its tallest cell and its padding; a cell over several rows makes the
        last of them taller when its text needs it."""
        if self._rows is None:
            grid = self.table.grid
            rows = [0.0] * grid.rows
            spanning: list[tuple[GridCell, float]] = []
            for cell in grid.cells:
                needed = self._needed(cell)
                if cell.rowspan == 1:
                    rows[cell.row] = max(rows[cell.row], needed)
                else:
                    spanning.append((cell, needed))
            for cell, needed in spanning:
                have = sum(rows[cell.row: cell.row + cell.rowspan])
                if needed > have:
                    rows[cell.row + cell.rowspan - 1] += needed - have
            self._rows = rows
        return self._rows

    def _needed(self, cell: GridCell) -> float:
        # Word and LibreOffice give each row its rule's width too; so does the PDF, so that the
        # pages of both outputs end at the same row.
        return self.block(cell).height(self.table.room(cell)) + 2 * page.CELL_PAD_Y + page.RULE_WIDTH

    def height(self, width: float) -> float:
        return sum(self.row_heights())

    def start_height(self) -> float:
        """What must open a page: the header and first rows up to the first split point."""
        points = self.table.split_points()
        end = points[0] if points else self.table.grid.rows
        return sum(self.row_heights()[:end])

    def split(self, width: float, room: float) -> tuple[TableBox, TableBox] | None:
        tops = [0.0]
        for row_height in self.row_heights():
            tops.append(tops[-1] + row_height)
        for row in reversed(self.table.split_points()):
            if tops[row] > room + EPSILON:
                continue
            first, rest = (TableBox(part, self.text_for, self.width_of) for part in self.table.split_at(row))
            if first.height(width) <= room + EPSILON:
                return first, rest
        return None

    def draw(self, canvas: Any, x: float, top: float, width: float) -> None:
        table = self.table
        left = x + (width - sum(table.widths)) / 2  # centred in the type area
        starts = [left]
        for column_width in table.widths:
            starts.append(starts[-1] + column_width)
        tops = [top]
        for row_height in self.row_heights():
            tops.append(tops[-1] - row_height)
        canvas.saveState()
        canvas.setLineWidth(page.RULE_WIDTH)
        for cell in table.grid.cells:
            x0, x1 = starts[cell.column], starts[cell.column + cell.colspan]
            y0, y1 = tops[cell.row], tops[cell.row + cell.rowspan]
            canvas.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
            block = self.block(cell)
            room = table.room(cell)
            text_height = block.height(room)
            middle = (y0 - page.CELL_PAD_Y + y1 + page.CELL_PAD_Y + page.RULE_WIDTH) / 2
            block.draw(canvas, x0 + page.CELL_PAD_X, middle + text_height / 2, room)
        canvas.restoreState()
