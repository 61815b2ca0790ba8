"""Reading last year's published report: PDF, .docx, a saved web page, or pasted text.

    result = import_file("2025年报.pdf")     # or import_text(pasted), import_html(clipboard_html)
    result.report        # a Report; figures not found are None
    result.findings      # printed totals that disagree with their rows
    result.missing       # what could not be found, one message each
    result.unfound, result.blank   # the cells the window marks for review
    result.zeroed        # cells printed blank and read as 0

Each input kind has a reader that turns it into ``Line``s (paragraphs and
table rows); one extractor reads the report from those. Unusable input
raises ``ImportFileError`` (an ``InputError``) with one line of Chinese.
Every source — a file, standard input, the window's paste — meets the same
limits (``limits``) before and after it is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from gxdesk.files import read_limited
from gxdesk.import_kinds import SUFFIXES
from gxdesk.importer import limits
from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.extract import ImportResult, extract
from gxdesk.importer.lines import Line
from gxdesk.text import writable

__all__ = ["SUFFIXES", "ImportFileError", "ImportResult", "import_bytes", "import_file", "import_html",
           "import_stream", "import_text"]

_ADVICE = {
    ".doc": "旧版 Word 文件（.doc）请先在 Word 或 WPS 中另存为 .docx 再导入",
    ".wps": "WPS 文件请先另存为 .docx 再导入",
    ".ofd": "OFD 文件请先在阅读器中导出为 PDF 再导入",
    ".gxr": "这已经是 gxdesk 报告文件，请直接打开",
}
KINDS = "可导入 PDF、.docx、.html/.htm 网页、.txt/.md 文本"


def import_file(path: Path | str) -> ImportResult:
    path = Path(path)
    suffix = path.suffix.lower()
    if _is_folder(path):
        raise ImportFileError(f"“{path}”是文件夹，不是报告文件")
    if suffix not in SUFFIXES:
        advice = _ADVICE.get(suffix, f"不能导入“{suffix or '无扩展名'}”文件；{KINDS}")
        raise ImportFileError(f"“{path.name}”：{advice}")
    kind = SUFFIXES[suffix]
    data = read_limited(path, limits.MAX_BYTES[kind], ImportFileError, limits.too_big(kind))
    return import_bytes(data, kind, path.name)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a link loop: read_limited says which, in Chinese
        return False


def import_stream(stream: BinaryIO | None, name: str = "标准输入") -> ImportResult:
    """Pasted text arriving on a stream (``gxdesk import -``), read up to the text limit."""
    limit = limits.MAX_BYTES["text"]
    try:
        if stream is None:
            raise ValueError("no stream")
        data = stream.read(limit + 1)
    except (OSError, ValueError):  # closed, or not readable
        raise ImportFileError(
            f"无法读取{name}（已关闭或不可读）；请把文字重定向进来，如 gxdesk import - < 报告.txt") from None
    if len(data) > limit:
        raise ImportFileError(f"{name}{limits.too_big('text')}")
    return import_bytes(data, "text", name)


def import_text(text: str, name: str = "粘贴的文字") -> ImportResult:
    """Text pasted from a web page or a PDF (the window's paste dialog)."""
    if not text.strip():
        raise ImportFileError("没有可导入的文字")
    limits.check_chars(len(text), name)
    return _extract(_text_or_page(writable(text), name), name, plain_text=True)


def import_html(page: str, name: str = "粘贴的网页内容") -> ImportResult:
    """The HTML flavour of what a clerk copied in a browser: its tables keep their rows and cells."""
    if not page.strip():
        raise ImportFileError("没有可导入的文字")
    limits.check_chars(len(page), name)
    from gxdesk.importer.html_reader import html_page

    parsed = html_page(writable(page), name)
    return _extract(parsed.lines, name, plain_text=False, titles=parsed.titles)


def import_bytes(data: bytes, kind: str, name: str) -> ImportResult:
    """``kind`` is "pdf", "docx", "html" or "text" (the values of ``SUFFIXES``)."""
    if not data.strip():
        raise ImportFileError(f"“{name}”是空文件")
    if len(data) > limits.MAX_BYTES[kind]:
        raise ImportFileError(f"“{name}”{limits.too_big(kind)}")
    if kind == "pdf":
        from gxdesk.importer.pdf_reader import pdf_lines

        return _extract(pdf_lines(data, name), name, plain_text=False)
    if kind == "docx":
        from gxdesk.importer.docx_reader import docx_lines

        return _extract(docx_lines(data, name), name, plain_text=False)
    from gxdesk.importer.text_reader import decode

    text = decode(data, name, html=kind == "html")  # made safe (gxdesk.text.writable) as it is decoded
    limits.check_chars(len(text), name)
    if kind == "html":
        from gxdesk.importer.html_reader import html_page

        page = html_page(text, name)
        return _extract(page.lines, name, plain_text=False, titles=page.titles)
    return _extract(_text_or_page(text, name), name, plain_text=True)


def _text_or_page(text: str, name: str) -> list[Line]:
    """A page saved or pasted as source is still a page."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        from gxdesk.importer.html_reader import html_lines

        return html_lines(text, name)
    from gxdesk.importer.text_reader import text_lines

    return text_lines(text)


def _extract(lines: list[Line], name: str, *, plain_text: bool, titles: list[str] | None = None) -> ImportResult:
    if not lines:
        raise ImportFileError(f"“{name}”中没有文字")
    limits.check_lines(lines, name)
    return extract(lines, name, plain_text=plain_text, titles=titles or [])
