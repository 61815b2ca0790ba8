"""A Word .docx: the document's paragraphs and table rows, in order.

A .docx is a zip of XML files. Before anything is decompressed the archive
is checked against limits (entry count, total unpacked size, and a bomb
test: an entry both compressed beyond any real document's ratio and
expanding beyond the document limit), so a zip bomb is refused unread, and
the refusal says which limit it met. Only the main document part is read,
with a byte cap, and refused if it declares a DTD — whatever its encoding,
since the XML parser itself reports the declaration: without a DTD no
entity can be defined, let alone an external one. Content nested deeper
than any document (``MAX_DEPTH``) is refused, which also bounds the walk.
Cells merged across columns or rows are read once, where their text is.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Iterator
from xml.etree import ElementTree

from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.lines import Line, make_line

MB = 1024 * 1024
MAX_ENTRIES = 2_000  # a report has 10–50 parts; thousands means a bomb or not a document
MAX_UNPACKED = 256 * MB  # everything, images included
MAX_PART = 48 * MB  # the document XML of a long report is well under 2 MB; a verbose one 30 MB
# A bomb: an entry compressed more than any document (XML compresses ~10–30×, a repetitive
# one a few hundred times; a bomb ~1000×) AND expanding to more than a document part may.
MAX_RATIO = 500
BOMB_FLOOR = MAX_PART
MAX_DEPTH = 100  # body/tbl/tr/tc/p/r/t is 7 levels; a nested table adds 3, a content control 2

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
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        raise ImportFileError(
            f"“{name}”不是有效的 Word 文档（.docx）；旧版 .doc 或加密文档请先在 Word 中另存为 .docx") from None
    with archive:
        _check_limits(archive, name)
        xml = _read_part(archive, _main_part(archive, name), name)
    root = _parse(xml, name)
    body = root.find(f"{_W}body")
    if body is None:
        raise ImportFileError(f"“{name}”不是有效的 Word 文档：没有正文")
    return list(_blocks(body, name))


def _check_limits(archive: zipfile.ZipFile, name: str) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ImportFileError(f"“{name}”包含 {len(entries)} 个内部文件（上限 {MAX_ENTRIES} 个），"
                              "不像正常的 Word 文档，为安全起见没有打开")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        raise ImportFileError(f"“{name}”解压后共 {unpacked / MB:,.0f} MB，超过 {MAX_UNPACKED // MB} MB 的上限，"
                              "不像正常的 Word 文档，为安全起见没有打开")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > BOMB_FLOOR and ratio > MAX_RATIO:
            raise ImportFileError(
                f"“{name}”的内部文件 {entry.filename} 压缩比 {ratio:,.0f} 倍（上限 {MAX_RATIO} 倍）、"
                f"解压后 {entry.file_size / MB:,.0f} MB（上限 {BOMB_FLOOR // MB} MB），"
                "疑似压缩炸弹，为安全起见没有打开")


def _read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    try:
        with archive.open(part) as stream:
            data = stream.read(MAX_PART + 1)
    except KeyError:
        raise ImportFileError(f"“{name}”不是有效的 Word 文档：缺少正文部分") from None
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, ValueError, zlib.error):
        raise ImportFileError(f"“{name}”已损坏或已加密，无法读取") from None
    if len(data) > MAX_PART:
        raise ImportFileError(f"“{name}”的正文解压后超过 {MAX_PART // MB} MB 的上限，"
                              "不像正常的年度报告，为安全起见没有打开")
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


class _DoctypeFound(Exception):
    pass


class _NoDoctype(ElementTree.TreeBuilder):
    """A tree builder that stops at a DTD. The parser calls ``doctype`` at the declaration,
    in whatever encoding the XML is written, before any entity in it is defined."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DoctypeFound


def _parse(xml: bytes, name: str) -> ElementTree.Element:
    # A DTD is the only way to declare entities; Office files never carry one.
    parser = ElementTree.XMLParser(target=_NoDoctype())
    try:
        parser.feed(xml)
        return parser.close()
    except _DoctypeFound:
        raise ImportFileError(f"“{name}”含有文档类型声明（DTD），不是正常的 Word 文档，为安全起见没有打开") from None
    except ElementTree.ParseError:
        raise ImportFileError(f"“{name}”已损坏：内容不是有效的 XML") from None


def _deeper(depth: int, name: str) -> int:
    if depth >= MAX_DEPTH:
        raise ImportFileError(f"“{name}”的内容嵌套超过 {MAX_DEPTH} 层（表格套表格、控件套控件），"
                              "不像正常的 Word 文档，为安全起见没有读取")
    return depth + 1


def _blocks(element: ElementTree.Element, name: str, depth: int = 0) -> Iterator[Line]:
    depth = _deeper(depth, name)
    for child in element:
        if child.tag == f"{_W}p":
            yield from _paragraph_lines(child, name, depth)
        elif child.tag == f"{_W}tbl":
            yield from _table(child, name, depth)
        elif child.tag not in _SKIP:
            yield from _blocks(child, name, depth)  # content controls, custom XML, insertions


def _paragraph_lines(paragraph: ElementTree.Element, name: str, depth: int) -> Iterator[Line]:
    for text in _paragraph_text(paragraph, name, depth).split("\n"):
        line = make_line(text.split("\t"))
        if line is not None:
            yield line


def _paragraph_text(paragraph: ElementTree.Element, name: str, depth: int) -> str:
    parts: list[str] = []
    _collect(paragraph, parts, name, depth)
    return "".join(parts)


def _collect(element: ElementTree.Element, parts: list[str], name: str, depth: int) -> None:
    depth = _deeper(depth, name)
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag not in _SKIP:
            _collect(child, parts, name, depth)


def _table(table: ElementTree.Element, name: str, depth: int) -> Iterator[Line]:
    depth = _deeper(depth, name)
    for row in _children(table, "tr", name, depth):
        cells = list(_children(row, "tc", name, depth))
        if len(cells) == 1 or any(_has_table(cell) for cell in cells):
            for cell in cells:  # a layout table, or a one-cell frame around text
                yield from _blocks(cell, name, depth)
            continue
        line = make_line([_cell_text(cell, name, depth) for cell in cells])
        if line is not None:
            yield line


def _has_table(cell: ElementTree.Element) -> bool:
    return any(True for _ in cell.iter(f"{_W}tbl"))


def _children(element: ElementTree.Element, tag: str, name: str, depth: int) -> Iterator[ElementTree.Element]:
    """Direct children with this tag, looking through content controls around them."""
    depth = _deeper(depth, name)
    for child in element:
        if child.tag == f"{_W}{tag}":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, tag, name, depth)


def _cell_text(cell: ElementTree.Element, name: str, depth: int) -> str:
    texts = (_paragraph_text(p, name, depth).replace("\t", " ").replace("\n", " ") for p in cell.iter(f"{_W}p"))
    return " ".join(text.strip() for text in texts if text.strip())
