"""What every reader produces: the document as a sequence of lines.

A line is either a paragraph (one cell) or a table row (several cells, as
read from a .docx or HTML table, a tab-separated line or a markdown table
row). The extractor works on this alone, so the three input kinds share one
set of rules. ``norm`` is how labels and source text are compared.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gxdesk.numbers import is_blank
from gxdesk.text import writable


@dataclass(frozen=True)
class Line:
    cells: tuple[str, ...]

    @property
    def tabular(self) -> bool:
        return len(self.cells) > 1

    @property
    def paragraph(self) -> str | None:
        """The text, when the line holds one piece of text and nothing else.

        A heading or a date pushed right with tabs, or a label on a row of
        empty cells, reads as a paragraph; the table reader still sees the
        empty cells (a printed row whose figure was left blank).
        """
        filled = [cell for cell in self.cells if cell]
        if len(filled) == 1 and (len(self.cells) == 1 or not is_value(filled[0])):
            return filled[0]
        return None


def make_line(cells: list[str]) -> Line | None:
    """A line from raw cells, made writable and stripped; None when it holds nothing."""
    cells = [writable(cell).strip() for cell in cells]
    if not any(cells):
        return None
    return Line(tuple(cells))


# Characters that differ between copies of the same label and carry no meaning:
# quotation marks of every kind and markdown emphasis.
_DROP = str.maketrans("", "", "\"'“”‘’「」『』*`")
_ARABIC_ITEM = re.compile(r"(?<![\d.])(\d{1,2})[、]")
_PAREN_ITEM = re.compile(r"\((\d{1,2})\)")
_CHINESE_HEAD = re.compile(r"^([一二三四五六七八九十]{1,3})\.")


def norm(text: str) -> str:
    """Comparable form: NFKC (full-width → half-width), no whitespace, one style of numbering."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(text.split()).translate(_DROP).lstrip("#")
    text = _ARABIC_ITEM.sub(r"\1.", text)  # 1、 → 1.
    text = _PAREN_ITEM.sub(r"\1.", text)  # (1) → 1.
    return _CHINESE_HEAD.sub(r"\1、", text)  # 三. → 三、


_FIGURE = re.compile(r"-?\d[\d,]*(\.\d+)?")


def is_figure(token: str) -> bool:
    """Digits as tables print them: 1,234 / １２３４ / 12.5 (and -3, which the parser then refuses)."""
    return bool(_FIGURE.fullmatch("".join(unicodedata.normalize("NFKC", token).split())))


def is_value(token: str) -> bool:
    """A figure or a blank mark."""
    return is_figure(token) or is_blank(token)


# A page number on its own line, as a PDF and text copied from one have them:
# "— 3 —" (GB/T 9704), "- 3 -", "第 3 页".
_PAGE_NUMBER = re.compile(r"[—–\-－]{1,2}\s*\d{1,3}\s*[—–\-－]{1,2}|第\s*\d{1,3}\s*页(\s*[，,]?\s*共\s*\d{1,3}\s*页)?")


def is_page_number(text: str) -> bool:
    """A page break of the source, not its content."""
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))
