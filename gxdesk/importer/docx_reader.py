"""A Word .docx: the document's paragraphs and table rows, in order.

A .docx is a zip of XML files. Before anything is decompressed the archive
is checked against limits (entry count, total unpacked size, compression
ratio), so a zip bomb is refused unread. Only the main document part is
read, with a byte cap, and refused if it declares a DTD: without one no
entity can be defined, let alone an external one. Cells merged across
columns or rows are read once, where their text is.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Iterator
from xml.etree import ElementTree

from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.lines import Line, make_line

MAX_ENTRIES = 2_000  # a report has 10–50 parts; thousands means a bomb or not a document
MAX_UNPACKED = 256 * 1024 * 1024  # everything, images included
MAX_PART = 32 * 1024 * 1024  # the document XML of a long report is well under 2 MB
MAX_RATIO = 200  # XML compresses ~10–30×; a bomb compresses ~1000×
_RATIO_FLOOR = 1024 * 1024  # small entries may compress as they like

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN_TYPE = "/officeDocument"
# Not content: properties, deleted or moved-away text, section settings, and the second
# copy of a text box kept for old Word versions (mc:Fallback).
_SKIP = frozenset(f"{_W}{tag}" for tag in ("sectPr", "sdtPr", "del", "moveFrom", "pPr", "rPr", "tblPr",
                                           "tblGrid", "trPr", "tcPr")) | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def docx_lines(data: bytes, name: str) -> list[Line]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportFileError(
            f"“{name}”不是有效的 Word 文档（.docx）；旧版 .doc 或加密文档请先在 Word 中另存为 .docx") from None
    with archive:
        _check_limits(archive, name)
        xml = _read_part(archive, _main_part(archive, name), name)
    root = _parse(xml, name)
    body = root.find(f"{_W}body")
    if body is None:
        raise ImportFileError(f"“{name}”不是有效的 Word 文档：没有正文")
    return list(_blocks(body))


def _check_limits(archive: zipfile.ZipFile, name: str) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ImportFileError(f"“{name}”包含 {len(entries)} 个内部文件，不像正常的 Word 文档，为安全起见没有打开")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise ImportFileError(f"“{name}”解压后过大，不像正常的 Word 文档，为安全起见没有打开")
    for entry in entries:
        if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ImportFileError(f"“{name}”的压缩比异常（疑似压缩炸弹），为安全起见没有打开")


def _read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    try:
        with archive.open(part) as stream:
            data = stream.read(MAX_PART + 1)
    except KeyError:
        raise ImportFileError(f"“{name}”不是有效的 Word 文档：缺少正文部分") from None
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        raise ImportFileError(f"“{name}”已损坏或已加密，无法读取") from None
    if len(data) > MAX_PART:
        raise ImportFileError(f"“{name}”的正文过大，不像正常的年度报告，为安全起见没有打开")
    return data


def _main_part(archive: zipfile.ZipFile, name: str) -> str:
    """The main document as _rels/.rels names it (Word and WPS both use word/document.xml)."""
    default = "word/document.xml"
    try:
        rels = _parse(_read_part(archive, "_rels/.rels", name), name)
    except ImportFileError:
        return default
    for rel in rels.iter(f"{_REL}Relationship"):
        if rel.get("Type", "").endswith(_MAIN_TYPE):
            target = rel.get("Target", "").lstrip("/")
            return posixpath.normpath(target) if target else default
    return default


def _parse(xml: bytes, name: str) -> ElementTree.Element:
    # A DTD is the only way to declare entities; Office files never carry one.
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise ImportFileError(f"“{name}”含有文档类型声明（DTD），不是正常的 Word 文档，为安全起见没有打开")
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise ImportFileError(f"“{name}”已损坏：内容不是有效的 XML") from None


def _blocks(element: ElementTree.Element) -> Iterator[Line]:
    for child in element:
        if child.tag == f"{_W}p":
            yield from _paragraph_lines(child)
        elif child.tag == f"{_W}tbl":
            yield from _table(child)
        elif child.tag not in _SKIP:
            yield from _blocks(child)  # content controls, custom XML, insertions


def _paragraph_lines(paragraph: ElementTree.Element) -> Iterator[Line]:
    for text in _paragraph_text(paragraph).split("\n"):
        line = make_line(text.split("\t"))
        if line is not None:
            yield line


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element: ElementTree.Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag not in _SKIP:
            _collect(child, parts)


def _table(table: ElementTree.Element) -> Iterator[Line]:
    for row in _children(table, "tr"):
        cells = list(_children(row, "tc"))
        if len(cells) == 1 or any(_has_table(cell) for cell in cells):
            for cell in cells:  # a layout table, or a one-cell frame around text
                yield from _blocks(cell)
            continue
        line = make_line([_cell_text(cell) for cell in cells])
        if line is not None:
            yield line


def _has_table(cell: ElementTree.Element) -> bool:
    return any(True for _ in cell.iter(f"{_W}tbl"))


def _children(element: ElementTree.Element, tag: str) -> Iterator[ElementTree.Element]:
    """Direct children with this tag, looking through content controls around them."""
    for child in element:
        if child.tag == f"{_W}{tag}":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, tag)


def _cell_text(cell: ElementTree.Element) -> str:
    texts = (_paragraph_text(p).replace("\t", " ").replace("\n", " ") for p in cell.iter(f"{_W}p"))
    return " ".join(text.strip() for text in texts if text.strip())
