"""Chinese text set line by line for the PDF: breaking rules, justification, font fallback.

ReportLab's own CJK wrapping lets "，" start a line (its rules are Japanese)
and does not justify Chinese lines. ``TextBlock`` does what a typesetter
does for a 公文: body text sits on the 28-character grid (every character
tracked by ``page.TRACKING``), closing punctuation never starts a line and
opening punctuation never ends one (避头尾, the classes in ``breaking``),
Latin words and figures such as "1,326" stay whole, of two adjacent
full-width punctuation marks the blank half between them is squeezed out
(标点挤压: "，“" takes one and a half characters, not two), every full line
is justified to both margins by character spacing, and a paragraph split
across pages leaves at least two lines on each side.
"""

from __future__ import annotations

from typing import Any, Callable

from gxdesk.render import page
from gxdesk.render.breaking import CANNOT_END, CANNOT_START, is_latin, squeezed
from gxdesk.render.rl import pdfmetrics

# Justify by at most this share of the font size per gap; beyond it a line stays ragged.
MAX_STRETCH = 0.6
ASCENT = 0.88  # the baseline sits this far (in em) below the top of the character box

FontFor = Callable[[str], str]  # character → ReportLab font name


class _Unit:
    """Characters that stay on one line: a CJK character with its glued punctuation, a Latin word, a space.
    (Plain classes here and in ``pdf_pages``: a dataclass costs a millisecond of every start.)"""

    __slots__ = ("chars", "space")

    def __init__(self, chars: list[tuple[str, str, float]], space: bool = False) -> None:
        self.chars = chars  # (char, font, width)
        self.space = space

    @property
    def width(self) -> float:
        return sum(w for _, _, w in self.chars)


class Line:
    __slots__ = ("avail", "chars", "end", "indent")

    def __init__(self, chars: list[tuple[str, str, float]], end: bool, indent: float, avail: float) -> None:
        self.chars = chars
        self.end = end  # last line of the paragraph or before an explicit break: not justified
        self.indent = indent  # left offset of this line (first-line indent)
        self.avail = avail  # width the line may fill

    @property
    def width(self) -> float:
        return sum(w for _, _, w in self.chars)


_widths: dict[tuple[str, str], float] = {}


def char_width(char: str, font: str, size: float) -> float:
    key = (font, char)
    if key not in _widths:
        _widths[key] = pdfmetrics.stringWidth(char, font, 1000.0)
    return _widths[key] * size / 1000.0


def break_lines(text: str, font_for: FontFor, size: float, width: float, first_indent: float = 0.0,
                tracking: float = 0.0, lead: tuple[int, FontFor] = (0, str)) -> list[Line]:
    """Lines of ``text`` ("\\n" = explicit break) for a column ``width`` points wide.

    Each character advances by its width plus ``tracking``; one squeezed before its neighbour
    (``breaking.squeezed``) by half the size less. The first ``lead[0]`` characters (a run-in
    heading) take their fonts from ``lead[1]``.
    """
    lines: list[Line] = []
    text = text.replace("\t", "    ")  # no font has a glyph for a tab
    lead_left, lead_font_for = lead
    for n, hard in enumerate(text.split("\n")):
        fonts = [lead_font_for(c) if i < lead_left else font_for(c) for i, c in enumerate(hard)]
        lead_left = max(0, lead_left - len(hard) - 1)
        chars = [(c, f, char_width(c, f, size) + tracking) for c, f in zip(hard, fonts, strict=True)]
        for i in range(len(chars) - 1):
            if squeezed(chars[i][0], chars[i + 1][0]):
                glyph, font, advance = chars[i]
                chars[i] = (glyph, font, advance - size / 2)
        indent = first_indent if n == 0 else 0.0
        if sum(c[2] for c in chars) <= width - indent + 0.01:  # fits as it is: most cells and figures
            while chars and chars[-1][0] == " ":
                chars.pop()
            lines.append(Line(chars, True, indent, width - indent))
            continue
        units = _glue(_units(chars))
        current: list[tuple[str, str, float]] = []
        used = 0.0
        start = len(lines)
        for unit in units:
            avail = width - indent
            if unit.space and not current and len(lines) > start:
                continue  # a soft break swallows the space
            if used + unit.width <= avail + 0.01:
                current.extend(unit.chars)
                used += unit.width
                continue
            if unit.space:
                lines.append(Line(current, False, indent, avail))
                current, used, indent = [], 0.0, 0.0
                continue
            if current:
                lines.append(Line(current, False, indent, avail))
                current, used, indent = [], 0.0, 0.0
                avail = width
            if unit.width <= avail + 0.01:
                current, used = list(unit.chars), unit.width
                continue
            for char in unit.chars:  # longer than a line: break between characters
                if used + char[2] > avail + 0.01 and current:
                    lines.append(Line(current, False, indent, avail))
                    current, used, indent, avail = [], 0.0, 0.0, width
                current.append(char)
                used += char[2]
        while current and current[-1][0] == " ":
            current.pop()
        lines.append(Line(current, True, indent, width - indent))
    for line in lines:
        while line.chars and line.chars[-1][0] == " " and not line.end:
            line.chars.pop()
    return lines


def _units(chars: list[tuple[str, str, float]]) -> list[_Unit]:
    units: list[_Unit] = []
    for item in chars:
        char = item[0]
        if char.isspace():
            units.append(_Unit([item], space=True))
        elif is_latin(char) and units and not units[-1].space and is_latin(units[-1].chars[-1][0]):
            units[-1].chars.append(item)  # a Latin word or a figure such as 1,326 stays whole
        else:
            units.append(_Unit([item]))
    return units


def _glue(units: list[_Unit]) -> list[_Unit]:
    """Closing punctuation joins the unit before it, opening punctuation the unit after it."""
    out: list[_Unit] = []
    glue_next = False
    for unit in units:
        first = unit.chars[0][0]
        if out and not unit.space and not out[-1].space and (glue_next or first in CANNOT_START):
            out[-1] = _Unit(out[-1].chars + unit.chars)
        else:
            out.append(_Unit(list(unit.chars), unit.space))
        glue_next = not unit.space and unit.chars[-1][0] in CANNOT_END
    return out


class TextBlock:
    """A paragraph, heading, title or table label set by ``break_lines``; a box of
    ``pdf_pages`` (it measures, splits between lines and draws itself)."""

    def __init__(
        self,
        text: str,
        font_for: FontFor,
        size: float,
        leading: float,
        *,
        align: str = "justify",  # justify / left / centre / right
        first_indent: float = 0.0,
        right_indent: float = 0.0,
        bold: bool = False,
        space_after: float = 0.0,
        lines: list[Line] | None = None,
        kind: str = "body",
        tracking: float = 0.0,
        lead: tuple[int, FontFor] = (0, str),
    ) -> None:
        self.text, self.font_for, self.size, self.leading = text, font_for, size, leading
        self.align, self.first_indent, self.right_indent = align, first_indent, right_indent
        self.bold, self.space_after, self.kind, self.tracking = bold, space_after, kind, tracking
        self.lead = lead
        self._lines = lines
        self._lines_width: float | None = None

    def lines(self, width: float) -> list[Line]:
        if self._lines is None or (self._lines_width is not None and abs(self._lines_width - width) > 0.01):
            column = width - self.right_indent
            self._lines = break_lines(self.text, self.font_for, self.size, column, self.first_indent, self.tracking,
                                      self.lead)
            self._lines_width = width
        return self._lines

    def height(self, width: float) -> float:
        return len(self.lines(width)) * self.leading

    def split(self, width: float, room: float) -> tuple[TextBlock, TextBlock] | None:
        """The lines that fit ``room`` and the rest; None where that would leave fewer than two
        lines on either side of the page break (widow and orphan control)."""
        lines = self.lines(width)
        fit = int((room + 0.01) // self.leading)
        if fit >= len(lines):
            return None
        if len(lines) - fit < 2:
            fit = len(lines) - 2
        if fit < 2:
            return None
        return self.parts(fit)

    def parts(self, at: int) -> tuple[TextBlock, TextBlock]:
        """The lines before ``at`` and from ``at`` on, as two blocks (set for the same width)."""
        lines = self.lines(self._lines_width or page.TYPE_WIDTH)
        return self._part(lines[:at], 0.0), self._part(lines[at:], self.space_after)

    def _part(self, lines: list[Line], space_after: float) -> TextBlock:
        part = TextBlock(self.text, self.font_for, self.size, self.leading, align=self.align,
                         right_indent=self.right_indent, bold=self.bold, space_after=space_after,
                         lines=lines, kind=self.kind, tracking=self.tracking, lead=self.lead)
        part._lines_width = self._lines_width
        return part

    def draw(self, canvas: Any, x: float, top: float, width: float) -> None:
        """Draw the lines from ``top`` down, the column starting at ``x``."""
        lines = self.lines(width)
        if self.bold:  # faux bold: fill and stroke the outlines
            canvas.saveState()
            canvas.setLineWidth(self.size * page.TITLE_FAUX_BOLD)
        for i, line in enumerate(lines):
            self._draw_line(canvas, line, x, top - i * self.leading)
        if self.bold:
            canvas.restoreState()

    def _draw_line(self, canvas: Any, line: Line, left: float, top: float) -> None:
        if not line.chars:
            return
        natural = line.width
        spacing = 0.0
        x = left + line.indent
        if self.align == "justify" and not line.end and len(line.chars) > 1:
            stretch = (line.avail - natural) / (len(line.chars) - 1)
            if 0 < stretch <= MAX_STRETCH * self.size:
                spacing = stretch
        elif self.align == "centre":
            x += (line.avail - natural) / 2
        elif self.align == "right":
            x += line.avail - natural
        baseline = top - (self.leading - self.size) / 2 - ASCENT * self.size
        text = canvas.beginText(x, baseline)
        if self.bold:
            text.setTextRenderMode(2)
        # Font and spacing are set for a line's first run, whatever the text before left (Tf and Tc
        # outlast a text object), and after that only where they change.
        current: tuple[str, float | None] = ("", None)
        for font, space, run in self._runs(line.chars, spacing):
            if font != current[0]:
                text.setFont(font, self.size)
            if space != current[1]:
                text.setCharSpace(space)
            current = (font, space)
            text.textOut(run)
        canvas.drawText(text)

    def _runs(self, chars: list[tuple[str, str, float]], spacing: float) -> list[tuple[str, float, str]]:
        """(font, character spacing, text) runs: each character's spacing is its advance beyond
        its glyph's width (tracking, squeezing) plus the line's justification."""
        runs: list[tuple[str, float, str]] = []
        for char, font, advance in chars:
            space = round(advance - char_width(char, font, self.size) + spacing, 3)
            if runs and runs[-1][0] == font and runs[-1][1] == space:
                runs[-1] = (font, space, runs[-1][2] + char)
            else:
                runs.append((font, space, char))
        return runs
