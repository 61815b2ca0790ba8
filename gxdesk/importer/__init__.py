"""Reading last year's published report: .docx, a saved web page, or pasted text.

    result = import_file("2025年报.docx")     # or import_text(pasted)
    result.report        # a Report; figures not found (or left blank) are None
    result.findings      # printed totals that disagree with their rows
    result.missing       # what could not be found, one message each
    result.unfound, result.blank   # the cells the window marks for review

Each input kind has a reader that turns it into ``Line``s (paragraphs and
table rows); one extractor reads the report from those. Unusable input
raises ``ImportFileError`` (an ``InputError``) with one line of Chinese.
"""

from __future__ import annotations

from pathlib import Path

from gxdesk.files import read_limited
from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.extract import ImportResult, extract
from gxdesk.importer.lines import Line
from gxdesk.text import clean_text

__all__ = ["SUFFIXES", "ImportFileError", "ImportResult", "import_bytes", "import_file", "import_text"]

MAX_BYTES = 64 * 1024 * 1024  # a published report is well under 10 MB, images included

SUFFIXES = {
    ".docx": "docx",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
}
_ADVICE = {
    ".doc": "旧版 Word 文件（.doc）请先在 Word 或 WPS 中另存为 .docx 再导入",
    ".wps": "WPS 文件请先另存为 .docx 再导入",
    ".pdf": "PDF 文件请打开后全选复制文字，用“粘贴文字”导入，或另存为 .txt 再导入",
    ".gxr": "这已经是 gxdesk 报告文件，请直接打开",
}


def import_file(path: Path | str) -> ImportResult:
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ImportFileError(f"“{path}”是文件夹，不是报告文件")
    if suffix not in SUFFIXES:
        kinds = "可导入 .docx、.html/.htm 网页、.txt/.md 文本"
        advice = _ADVICE.get(suffix, f"不能导入“{suffix or '无扩展名'}”文件；{kinds}")
        raise ImportFileError(f"“{path.name}”：{advice}")
    data = read_limited(path, MAX_BYTES, ImportFileError, "过大，不像一份年度报告")
    return import_bytes(data, SUFFIXES[suffix], path.name)


def import_text(text: str, name: str = "粘贴的文字") -> ImportResult:
    """Text pasted from a web page or a PDF (the window's paste dialog, ``gxdesk import -``)."""
    if not text.strip():
        raise ImportFileError("没有可导入的文字")
    return _extract(_text_or_page(clean_text(text)), name, plain_text=True)


def import_bytes(data: bytes, kind: str, name: str) -> ImportResult:
    """``kind`` is "docx", "html" or "text" (the values of ``SUFFIXES``)."""
    if not data.strip():
        raise ImportFileError(f"“{name}”是空文件")
    if kind == "docx":
        from gxdesk.importer.docx_reader import docx_lines

        return _extract(docx_lines(data, name), name, plain_text=False)
    from gxdesk.importer.text_reader import decode

    # Control characters mean nothing in a report and no .docx can hold them (python-docx refuses).
    text = clean_text(decode(data, name, html=kind == "html"))
    if kind == "html":
        from gxdesk.importer.html_reader import html_lines

        return _extract(html_lines(text), name, plain_text=False)
    return _extract(_text_or_page(text), name, plain_text=True)


def _text_or_page(text: str) -> list[Line]:
    """A page saved or pasted as source is still a page."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        from gxdesk.importer.html_reader import html_lines

        return html_lines(text)
    from gxdesk.importer.text_reader import text_lines

    return text_lines(text)


def _extract(lines: list[Line], name: str, *, plain_text: bool) -> ImportResult:
    if not lines:
        raise ImportFileError(f"“{name}”中没有文字")
    return extract(lines, name, plain_text=plain_text)
