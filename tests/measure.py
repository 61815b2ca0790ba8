"""Measuring a printed PDF (ours, or LibreOffice's of our .docx) from its text boxes (pdfium).

Each character comes with its type size, its ink box and its advance box; characters of the same
size whose centres share a height make a line. Distances are in points from the page's lower left.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from gxdesk.render import breaking, page

TOLERANCE = 0.5 * page.MM  # margins, indents and positions hold to half a millimetre


@dataclass(frozen=True)
class Char:
    char: str
    size: float
    x0: float  # advance box (origin to origin + advance)
    x1: float
    ink_x0: float
    ink_x1: float
    ink_y0: float
    ink_y1: float
    centre: float  # vertical centre of the advance box


@dataclass
class Line:
    page: int  # 1-based
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)

    @property
    def centre(self) -> float:
        return sum(c.centre for c in self.chars) / len(self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def ink_x1(self) -> float:
        return max(c.ink_x1 for c in self.chars)

    def cells(self, squeezes: bool) -> float:
        """The line's width in grid cells as the text counts it (full width 1, half width ½), less
        half a cell for each pair of punctuation marks squeezed together when ``squeezes``."""
        text = self.text
        width = breaking.cells(text)
        if squeezes:
            width -= 0.5 * sum(1 for a, b in itertools.pairwise(text) if breaking.squeezed(a, b))
        return width


def read(path: Path) -> list[list[Line]]:
    """The lines of every page, top to bottom; characters a reader invents (pdfium's spaces
    for gaps, of size ~1) are left out."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages: list[list[Line]] = []
    document = pdfium.PdfDocument(path)
    try:
        for number in range(len(document)):
            text_page = document[number].get_textpage()
            chars = []
            for i in range(text_page.count_chars()):
                char = text_page.get_text_range(i, 1)
                size = raw.FPDFText_GetFontSize(text_page.raw, i)
                if char in "\r\n\x02\ufffe" or char.isspace() or size < 2:
                    continue
                x0, y0, x1, y1 = text_page.get_charbox(i, loose=True)
                ix0, iy0, ix1, iy1 = text_page.get_charbox(i)
                chars.append(Char(char, round(size, 1), x0, x1, ix0, ix1, iy0, iy1, (y0 + y1) / 2))
            pages.append(_lines(number + 1, chars))
    finally:
        document.close()
    return pages


def _lines(number: int, chars: list[Char]) -> list[Line]:
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (-c.centre, c.x0)):
        home = next((line for line in lines if line.size == char.size and abs(line.centre - char.centre) < 4), None)
        if home is None:
            lines.append(Line(number, [char]))
        else:
            home.chars.append(char)
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
    return sorted(lines, key=lambda line: -line.centre)


def runs(line: Line, gap: float = 4.0) -> list[Line]:
    """A line cut where the characters stand apart (table cells side by side)."""
    out = [Line(line.page, [line.chars[0]])]
    for char in line.chars[1:]:
        if char.x0 - out[-1].chars[-1].x1 > gap:
            out.append(Line(line.page, [char]))
        else:
            out[-1].chars.append(char)
    return out


# --- The body text ------------------------------------------------------------------------

LEFT = page.MARGIN_LEFT
RIGHT = page.PAGE_WIDTH - page.MARGIN_RIGHT
TOP = page.PAGE_HEIGHT - page.MARGIN_TOP
BOTTOM = page.MARGIN_BOTTOM


def body(pages: list[list[Line]]) -> list[Line]:
    """The 3号 lines of the text area, in reading order (page numbers and tables left out)."""
    return [line for lines in pages for line in lines
            if line.size == page.BODY_SIZE and line.centre > BOTTOM - 2]


def indented(line: Line) -> bool:
    return abs(line.x0 - (LEFT + page.INDENT)) < 3


def at_margin(line: Line) -> bool:
    return abs(line.x0 - LEFT) < TOLERANCE


def full_lines(lines: list[Line]) -> list[tuple[Line, Line]]:
    """(line, next line) for every line the paragraph continues after: the next line starts at
    the left margin, and the line itself starts at the margin or at the paragraph's indent."""
    return [(a, b) for a, b in itertools.pairwise(lines) if at_margin(b) and (at_margin(a) or indented(a))]


def number_split(a: Line, b: Line) -> bool:
    """Whether a figure (1,326) runs from the end of ``a`` onto ``b``."""
    return bool(a.text) and bool(b.text) and (a.text[-1].isdigit() or a.text[-1] in ",.") and b.text[0].isdigit()
