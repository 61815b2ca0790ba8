"""How much the importer reads, whatever the source: a file, standard input, a paste.

A published report is 10–50 thousand characters on 5–30 pages, a few hundred
lines of text and three tables; its .docx or PDF is a few MB with images. The
limits are ten to a hundred times that, so no real report meets them, and each
is checked as early as it can be: the size before the file is read, the
characters once decoded, the lines once read (before the tables are searched).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from gxdesk.importer.errors import ImportFileError

if TYPE_CHECKING:
    from gxdesk.importer.lines import Line

MB = 1024 * 1024
MAX_BYTES = {
    "pdf": 64 * MB,  # scanned pages and fonts included
    "docx": 64 * MB,  # images included; the document part itself has its own limit
    "html": 16 * MB,  # a saved page with its scripts and inline images
    "text": 8 * MB,  # also standard input and a paste (as UTF-8)
}
MAX_CHARS = 4_000_000  # characters of a decoded page or text, or a paste
MAX_LINES = 20_000  # paragraphs and table rows, as read
MAX_LINE_CHARS = 2_000_000  # characters on those lines altogether


def too_big(kind: str) -> str:
    """The end of the message for a source over its size limit."""
    return f"超过 {MAX_BYTES[kind] // MB} MB，不像一份年度报告，没有读取"


def check_chars(count: int, name: str) -> None:
    if count > MAX_CHARS:
        raise ImportFileError(f"“{name}”有 {count:,} 个字符，超过 {MAX_CHARS:,} 个的上限，不像一份年度报告，没有读取")


def check_lines(lines: Sequence[Line], name: str) -> None:
    if len(lines) > MAX_LINES:
        raise ImportFileError(f"“{name}”有 {len(lines):,} 行（段落和表格行），超过 {MAX_LINES:,} 行的上限，"
                              "不像一份年度报告，没有读取")
    chars = sum(len(cell) for line in lines for cell in line.cells)
    if chars > MAX_LINE_CHARS:
        raise ImportFileError(f"“{name}”的文字有 {chars:,} 个字符，超过 {MAX_LINE_CHARS:,} 个的上限，"
                              "不像一份年度报告，没有读取")
