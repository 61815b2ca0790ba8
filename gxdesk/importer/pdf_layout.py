"""A PDF page's geometry as lines: characters with their boxes and ruling segments in, ``Line``s out.

Reading order is what breaks in a PDF (a label that wraps inside its cell comes
out after the cell's figures; a table's header words interleave with its
numbers), so nothing here follows the order the text was drawn in. Instead:

- **Ruled tables.** Horizontal and vertical segments that meet form a table.
  Its grid is every distinct ruling position; two neighbouring grid cells are
  one merged cell where no rule separates them. Each cell's text is every
  character whose centre lies inside it, line by line — so a wrapped label is
  one label — and each grid row gives one ``Line`` of the cells that begin in
  it, as a web page's table row with rowspan/colspan does. A cell with no text
  is an empty cell: a blank, never skipped.
- **Everything else** is grouped into visual lines by height and split into
  cells where a gap wider than ``CELL_GAP`` em separates words. A run of such
  lines is a table without rules; its figures are put into columns by where
  they stand (clusters of the figures' centres), so a cell left blank stays an
  empty cell in its column instead of letting its neighbours shift over it.
- **Paragraphs.** Lines outside tables are joined into paragraphs the way they
  were set: a new paragraph starts where a line is indented or the line before
  stopped short of the right margin.

Coordinates are top-down (y grows down the page), in points, after turning the
page so that its text runs left to right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median
from typing import Iterable, Sequence

from gxdesk.importer.lines import Line, is_figure, is_page_number, make_line

TOLERANCE = 2.0  # points: rules this close are one; a rule this far short still meets another
MIN_RULE = 4.0  # a shorter segment is a mark, not a rule
CELL_GAP = 1.6  # em: a wider gap between words on a line separates two cells
FIGURE_GAP = 0.6  # em: two figures this far apart are two cells (no figure holds a space)
SPACE_GAP = 0.25  # em: a narrower gap is no space (a Chinese line has none)
INDENT = 1.2  # em: a first line indented this much begins a paragraph
SHORT = 1.5  # em: a line ending this far before the right margin ends its paragraph


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    y0: float  # top
    x1: float
    y1: float  # bottom
    space_before: bool = False  # the text layer has a real space before it (not one pdfium made up)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Segment:
    """An axis-aligned rule: horizontal when y0 == y1, vertical when x0 == x1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= abs(self.x1 - self.x0)


@dataclass
class TextLine:
    chars: list[Char]
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    em: float = 0.0

    def __post_init__(self) -> None:
        self.chars.sort(key=lambda c: c.x0)
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.top = min(c.y0 for c in self.chars)
        self.bottom = max(c.y1 for c in self.chars)
        self.em = median(c.height for c in self.chars) or 1.0

    def pieces(self) -> list[tuple[str, float, float]]:
        """(text, x0, x1) of each group of words separated by a cell-wide gap."""
        out: list[tuple[str, float, float]] = []
        text = [self.chars[0].text]
        start, end = self.chars[0].x0, self.chars[0].x1
        for char in self.chars[1:]:
            gap = char.x0 - end
            if gap > CELL_GAP * self.em or (gap > FIGURE_GAP * self.em and text[-1][-1:].isdigit()
                                             and char.text.isdigit()):
                out.append(("".join(text), start, end))
                text, start = [], char.x0
            elif gap > 0 and (char.space_before or (
                    gap > SPACE_GAP * self.em and _latin(text[-1][-1:]) and _latin(char.text))):
                text.append(" ")
            text.append(char.text)
            end = max(end, char.x1)
        out.append(("".join(text), start, end))
        return out

    @property
    def text(self) -> str:
        return " ".join(piece for piece, _, _ in self.pieces())


def _latin(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalnum()


def text_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Characters grouped into visual lines, top to bottom: a character belongs to the line
    whose vertical extent holds its centre."""
    ordered = sorted(chars, key=lambda c: (c.cy, c.x0))
    lines: list[list[Char]] = []
    bottom = top = -1e9
    for char in ordered:
        if lines and top <= char.cy <= bottom:
            lines[-1].append(char)
            bottom = max(bottom, char.cy + char.height * 0.3)
        else:
            lines.append([char])
            top, bottom = char.y0, char.y1
    found = [TextLine(line) for line in lines]
    found.sort(key=lambda line: line.top)
    return found


def cell_text(chars: Iterable[Char]) -> str:
    """A cell's text: its visual lines joined (a wrapped label is one label)."""
    parts: list[str] = []
    for line in text_lines(chars):
        text = "".join(piece if i == 0 else " " + piece for i, (piece, _, _) in enumerate(line.pieces()))
        if parts and _latin(parts[-1][-1:]) and _latin(text[:1]):
            parts.append(" ")
        parts.append(text)
    return "".join(parts).strip()


# --- Ruled tables ------------------------------------------------------------------------------


@dataclass
class Rule:
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


def _merge(rules: list[Rule]) -> list[Rule]:
    """Collinear rules that touch or overlap become one (a border drawn cell by cell)."""
    lines: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: r.at):
        if lines and rule.at - lines[-1][0].at <= TOLERANCE:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    out: list[Rule] = []
    for line in lines:
        at = median(r.at for r in line)
        merged: list[Rule] = []
        for rule in sorted(line, key=lambda r: r.start):
            if merged and rule.start <= merged[-1].end + TOLERANCE:
                merged[-1].end = max(merged[-1].end, rule.end)
            else:
                merged.append(Rule(at, rule.start, rule.end))
        out += merged
    return out


@dataclass
class RuledTable:
    xs: list[float]  # the grid's columns' edges
    ys: list[float]  # the grid's rows' edges
    horizontal: list[Rule]
    vertical: list[Rule]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def holds(self, char: Char) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 <= char.cx <= x1 and y0 <= char.cy <= y1


def ruled_tables(segments: Sequence[Segment]) -> list[RuledTable]:
    horizontal = _merge([Rule((s.y0 + s.y1) / 2, min(s.x0, s.x1), max(s.x0, s.x1))
                         for s in segments if s.horizontal and abs(s.x1 - s.x0) >= MIN_RULE])
    vertical = _merge([Rule((s.x0 + s.x1) / 2, min(s.y0, s.y1), max(s.y0, s.y1))
                       for s in segments if not s.horizontal and abs(s.y1 - s.y0) >= MIN_RULE])
    rules = [(True, r) for r in horizontal] + [(False, r) for r in vertical]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    offset = len(horizontal)
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if (h.start - TOLERANCE <= v.at <= h.end + TOLERANCE
                    and v.start - TOLERANCE <= h.at <= v.end + TOLERANCE):
                parent[find(i)] = find(offset + j)
    groups: dict[int, list[tuple[bool, Rule]]] = {}
    for index, item in enumerate(rules):
        groups.setdefault(find(index), []).append(item)
    tables = []
    for group in groups.values():
        hs = [r for is_h, r in group if is_h]
        vs = [r for is_h, r in group if not is_h]
        if len(hs) >= 2 and len(vs) >= 2:
            tables.append(RuledTable(_positions(r.at for r in vs), _positions(r.at for r in hs), hs, vs))
    return sorted(tables, key=lambda t: t.ys[0])


def _positions(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > TOLERANCE:
            out.append(value)
    return out


def _covered(rules: list[Rule], at: float, start: float, end: float) -> bool:
    """Whether a rule at ``at`` runs along the middle of [start, end]."""
    middle = (start + end) / 2
    return any(abs(r.at - at) <= TOLERANCE and r.start - TOLERANCE <= middle <= r.end + TOLERANCE for r in rules)


def table_lines(table: RuledTable, chars: list[Char]) -> list[tuple[float, Line]]:
    """(top, line) for each grid row: the cells that begin in it, merged cells read once."""
    rows, cols = len(table.ys) - 1, len(table.xs) - 1
    region = [[r * cols + c for c in range(cols)] for r in range(rows)]
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            top, bottom, left, right = table.ys[r], table.ys[r + 1], table.xs[c], table.xs[c + 1]
            if c + 1 < cols and not _covered(table.vertical, right, top, bottom):
                parent[find(region[r][c + 1])] = find(region[r][c])
            if r + 1 < rows and not _covered(table.horizontal, bottom, left, right):
                parent[find(region[r + 1][c])] = find(region[r][c])
    first: dict[int, tuple[int, int]] = {}  # region → (row, column) where it begins
    for r in range(rows):
        for c in range(cols):
            first.setdefault(find(region[r][c]), (r, c))
    inside: dict[int, list[Char]] = {root: [] for root in first}
    for char in chars:
        column, row = _index(table.xs, char.cx), _index(table.ys, char.cy)
        if column is not None and row is not None:
            inside[find(region[row][column])].append(char)
    by_row: dict[int, list[tuple[int, str]]] = {}
    for root, (r, c) in first.items():
        by_row.setdefault(r, []).append((c, cell_text(inside[root])))
    out = []
    for r in sorted(by_row):
        line = make_line([text for _, text in sorted(by_row[r])])
        if line is not None:
            out.append((table.ys[r], line))
    return out


def _index(edges: list[float], value: float) -> int | None:
    if not edges[0] <= value <= edges[-1]:
        return None
    for i in range(len(edges) - 1):
        if value <= edges[i + 1]:
            return i
    return len(edges) - 2


# --- Lines outside ruled tables ----------------------------------------------------------------


@dataclass
class Piece:
    text: str
    x0: float
    x1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def free_lines(lines: list[TextLine]) -> list[tuple[float, Line, TextLine | None]]:
    """(top, line, the visual line if a paragraph line) for lines outside ruled tables.

    Runs of lines with several cells are a table without rules: their figures are
    aligned to columns found from where all the run's figures stand."""
    out: list[tuple[float, Line, TextLine | None]] = []
    index = 0
    while index < len(lines):
        if len(lines[index].pieces()) < 2:
            line = make_line([lines[index].text])
            if line is not None:
                out.append((lines[index].top, line, lines[index]))
            index += 1
            continue
        end = index
        while end < len(lines) and (len(lines[end].pieces()) >= 2 or _between_rows(lines, end)):
            end += 1
        out += _aligned(lines[index:end])
        index = end
    return out


_SECTION = re.compile(r"^[一二三四五六七八九十]{1,2}[、.．]")


def _between_rows(lines: list[TextLine], index: int) -> bool:
    """A one-piece line inside a table without rules: a wrapped label, with rows on both sides
    (not a section heading between two tables)."""
    return (0 < index < len(lines) - 1 and len(lines[index + 1].pieces()) >= 2
            and not _SECTION.match(lines[index].text))


def _aligned(run: list[TextLine]) -> list[tuple[float, Line, TextLine | None]]:
    pieces = [[Piece(*p) for p in line.pieces()] for line in run]
    em = median(line.em for line in run)
    figures = sorted(p.cx for row in pieces for p in row if is_figure(p.text))
    columns: list[list[float]] = []
    for centre in figures:
        if columns and centre - columns[-1][-1] <= em:
            columns[-1].append(centre)
        else:
            columns.append([centre])
    bounds = [(min(c) - em / 2, max(c) + em / 2) for c in columns]
    out: list[tuple[float, Line, TextLine | None]] = []
    for line, row in zip(run, pieces, strict=True):
        numbers = [p for p in row if is_figure(p.text) and _column(bounds, p.cx) is not None]
        if not numbers or len(bounds) < 2:
            made = make_line([p.text for p in row])
        else:
            words = [p.text for p in row if p not in numbers and p.x1 < min(n.x0 for n in numbers)]
            after = [p.text for p in row if p not in numbers and p.x1 >= min(n.x0 for n in numbers)]
            cells = [""] * len(bounds)
            for number in numbers:
                column = _column(bounds, number.cx)
                assert column is not None
                cells[column] = (cells[column] + " " + number.text).strip()
            made = make_line([*([" ".join(words)] if words else []), *cells, *after])
        if made is not None:
            out.append((line.top, made, None))
    return out


def _column(bounds: list[tuple[float, float]], centre: float) -> int | None:
    for index, (left, right) in enumerate(bounds):
        if left <= centre <= right:
            return index
    return None


# --- Paragraphs --------------------------------------------------------------------------------


def paragraphs(items: list[tuple[Line, TextLine | None]]) -> list[Line]:
    """Visual lines of running text joined into paragraphs; table rows kept as they are."""
    body = [visual for _, visual in items if visual is not None]
    if not body:
        return [line for line, _ in items]
    left = min(v.x0 for v in body)
    right = max(v.x1 for v in body)
    out: list[Line] = []
    open_paragraph: TextLine | None = None
    for line, visual in items:
        if visual is None:
            out.append(line)
            open_paragraph = None
            continue
        continues = (open_paragraph is not None and visual.x0 - left < INDENT * visual.em
                     and right - open_paragraph.x1 < SHORT * open_paragraph.em)
        if continues:
            previous = out[-1].cells[0]
            joiner = " " if _latin(previous[-1:]) and _latin(line.cells[0][:1]) else ""
            out[-1] = Line((previous + joiner + line.cells[0],))
        else:
            out.append(line)
        open_paragraph = visual
    return out


# --- A page ------------------------------------------------------------------------------------


def page_lines(chars: list[Char], segments: Sequence[Segment]) -> list[tuple[Line, TextLine | None]]:
    """A page as lines top to bottom: its ruled tables' rows, and the lines around them
    (with the visual line, for joining paragraphs). Page numbers are dropped."""
    tables = [t for t in ruled_tables(segments) if len(t.xs) > 2 or len(t.ys) > 2]  # one box is a frame
    inside: list[list[Char]] = [[] for _ in tables]
    loose: list[Char] = []
    for char in chars:
        for index, table in enumerate(tables):
            if table.holds(char):
                inside[index].append(char)
                break
        else:
            loose.append(char)
    placed: list[tuple[float, Line, TextLine | None]] = []
    for table, held in zip(tables, inside, strict=True):
        placed += [(top, line, None) for top, line in table_lines(table, held)]
    placed += [item for item in free_lines(text_lines(loose))
               if not (item[2] is not None and is_page_number(item[1].cells[0]))]
    placed.sort(key=lambda item: item[0])
    return [(line, visual) for _, line, visual in placed]
