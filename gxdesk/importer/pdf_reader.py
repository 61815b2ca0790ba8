"""A PDF: its text layer with every character's box, and its ruling lines, read by pdfium.

pypdfium2 (already the print preview's dependency) gives each character with its
box and angle and each path's segments; ``pdf_layout`` rebuilds the lines and
tables from that geometry. Reading is bounded before pdfium sees the file:

- the size (``limits``) and, scanned in the raw bytes, every compressed stream's
  expansion: a stream inflating past ``MAX_STREAM`` at a bomb's ratio, or all of
  them past ``MAX_INFLATED``, is refused unread;
- the page count (``MAX_PAGES``), the characters and drawing objects of a page,
  and the time spent (``MAX_SECONDS``, checked between pages).

A PDF that needs a password, or that pdfium cannot open, is refused. Nothing in
the file runs: pdfium executes JavaScript and actions (launch, URI, submit) only
through a form-fill environment with a JavaScript platform, which is never set
up here, and no annotation or link is followed. A PDF whose pages hold images
but no text is a scan (of the sealed copy): refused with a message saying so.
"""

from __future__ import annotations

import ctypes
import math
import re
import time
import zlib
from typing import TYPE_CHECKING, Any

from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.lines import Line
from gxdesk.importer.pdf_layout import Char, Segment, page_lines, paragraphs

if TYPE_CHECKING:
    from gxdesk.importer.pdf_layout import TextLine

MB = 1024 * 1024
MAX_PAGES = 300  # a report has 5–30 pages
MAX_SECONDS = 30.0  # a 30-page report reads in under 2 s
MAX_PAGE_CHARS = 40_000  # a dense A4 page holds about 3,000
MAX_PAGE_OBJECTS = 100_000  # a page of tables draws a few hundred rules
MAX_STREAM = 256 * MB  # one compressed stream's expansion…
BOMB_RATIO = 200  # …at a ratio no font, image or page content has
MAX_INFLATED = 1024 * MB  # all streams together
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_CHUNK = 16 * MB

_PASSWORD, _SECURITY = 4, 5  # pdfium's FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY


def pdf_lines(data: bytes, name: str) -> list[Line]:
    if b"%PDF-" not in data[:1024]:
        raise ImportFileError(f"“{name}”不是 PDF 文件（文件开头没有 PDF 标记），无法读取")
    _check_streams(data, name)
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        import pypdfium2.raw as pdfium_c

        code = getattr(error, "err_code", None) or pdfium_c.FPDF_GetLastError()
        if code in (_PASSWORD, _SECURITY):
            raise ImportFileError(f"“{name}”是加密的 PDF（需要密码才能打开），无法读取；"
                                  "请用原文件或网页版导入") from None
        raise ImportFileError(f"“{name}”已损坏或不是有效的 PDF，无法读取") from None
    try:
        return _read(document, name)
    except pdfium.PdfiumError:  # a page or its text that pdfium cannot load
        raise ImportFileError(f"“{name}”已损坏（有页面无法读取），无法导入") from None
    finally:
        document.close()


def _read(document: Any, name: str) -> list[Line]:
    pages = len(document)
    if pages > MAX_PAGES:
        raise ImportFileError(f"“{name}”有 {pages:,} 页，超过 {MAX_PAGES} 页的上限，不像一份年度报告，没有读取")
    deadline = time.monotonic() + MAX_SECONDS
    items: list[tuple[Line, TextLine | None]] = []
    characters = images = 0
    for number in range(pages):
        if time.monotonic() > deadline:
            raise ImportFileError(f"“{name}”读取超过 {MAX_SECONDS:.0f} 秒仍未读完（第 {number + 1} 页），"
                                  "不像一份普通的年度报告，已停止")
        page = document[number]
        try:
            chars, segments, pictures = _page(page, name, number + 1)
        finally:
            page.close()
        characters += len(chars)
        images += pictures
        items += page_lines(chars, segments)
    if characters == 0:
        if images:
            raise ImportFileError(f"“{name}”是扫描件，没有文字层（每页只是图片），无法读取其中的文字和数字；"
                                  "请找原文件、网页版或可复制文字的 PDF")
        raise ImportFileError(f"“{name}”中没有文字")
    return paragraphs(items)


def _page(page: Any, name: str, number: int) -> tuple[list[Char], list[Segment], int]:
    import pypdfium2.raw as pdfium_c

    objects = pdfium_c.FPDFPage_CountObjects(page.raw)
    if objects > MAX_PAGE_OBJECTS:
        raise ImportFileError(f"“{name}”第 {number} 页有 {objects:,} 个绘图对象，超过 {MAX_PAGE_OBJECTS:,} 个的上限，"
                              "不像一份年度报告，没有读取")
    textpage = page.get_textpage()
    try:
        raw = _characters(textpage.raw, name, number)
    finally:
        textpage.close()
    turn = _turn(raw)
    chars = [_char(text, box, turn, space) for text, box, _, space in raw]
    segments: list[Segment] = []
    pictures = 0
    for index in range(objects):
        item = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(item)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            pictures += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            segments += [_segment(s, turn) for s in _path_segments(item)]
    return chars, segments, pictures


Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space


def _characters(textpage: Any, name: str, number: int) -> list[tuple[str, Box, float, bool]]:
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    if count > MAX_PAGE_CHARS:
        raise ImportFileError(f"“{name}”第 {number} 页有 {count:,} 个字符，超过 {MAX_PAGE_CHARS:,} 个的上限，"
                              "不像一份年度报告，没有读取")
    rect = pdfium_c.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    out: list[tuple[str, Box, float, bool]] = []
    space = False
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if code == 0 or pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            space = False
            continue
        text = chr(code) if code < 0x110000 else "\ufffd"
        if text.isspace():
            space = text in " \u3000\xa0"
            continue
        box = _box(textpage, index, rect, left, right, bottom, top)
        if box is not None:
            out.append((text, box, pdfium_c.FPDFText_GetCharAngle(textpage, index), space))
        space = False
    return out


def _box(textpage: Any, index: int, rect: Any, *edges: Any) -> Box | None:
    """The character's box from its font's ascent and descent (one height for a whole line), or
    its glyph's box where pdfium gives no loose one (older pdfium, for text drawn sideways)."""
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect) and rect.right > rect.left and rect.top > rect.bottom:
        return rect.left, rect.bottom, rect.right, rect.top
    left, right, bottom, top = edges
    if pdfium_c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top):
        return left.value, bottom.value, right.value, top.value
    return None


def _turn(chars: list[tuple[str, Box, float, bool]]) -> int:
    """Quarter turns (0–3, counter-clockwise) of most of the page's text: a table set sideways.
    (pdfium measures a character's angle clockwise.)"""
    counts = [0, 0, 0, 0]
    for _, _, angle, _ in chars:
        if angle >= 0:
            counts[-round(angle / (math.pi / 2)) % 4] += 1
    return counts.index(max(counts))


def _turned(x: float, y: float, turn: int) -> tuple[float, float]:
    """A point of PDF space (y up) in the page's reading frame: x along the text, y down the page."""
    if turn == 1:
        return y, x
    if turn == 2:
        return -x, y
    if turn == 3:
        return -y, -x
    return x, -y


def _char(text: str, box: Box, turn: int, space_before: bool) -> Char:
    left, bottom, right, top = box
    x0, y0 = _turned(left, bottom, turn)
    x1, y1 = _turned(right, top, turn)
    return Char(text, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), space_before)


def _segment(points: tuple[float, float, float, float], turn: int) -> Segment:
    x0, y0 = _turned(points[0], points[1], turn)
    x1, y1 = _turned(points[2], points[3], turn)
    return Segment(x0, y0, x1, y1)


_AXIS = 0.5  # points: a line this close to level is a rule


def _path_segments(item: Any) -> list[tuple[float, float, float, float]]:
    """The straight, axis-aligned pieces of a path, in page space (lines and rectangle edges)."""
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(item, matrix):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[float, float, float, float]] = []
    start = previous = None
    for index in range(pdfium_c.FPDFPath_CountSegments(item)):
        segment = pdfium_c.FPDFPath_GetPathSegment(item, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            _keep(out, previous, point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _keep(out, point, start)
        previous = point
    return out


def _keep(out: list[tuple[float, float, float, float]], p: tuple[float, float], q: tuple[float, float]) -> None:
    if abs(p[0] - q[0]) <= _AXIS or abs(p[1] - q[1]) <= _AXIS:
        out.append((p[0], p[1], q[0], q[1]))


def _check_streams(data: bytes, name: str) -> None:
    """Inflate every compressed stream in the raw file, bounded, before pdfium does it unbounded."""
    view = memoryview(data)
    total = 0
    for match in _STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        inflater = zlib.decompressobj()
        pending: bytes | memoryview = view[match.end():end if end >= 0 else len(data)]
        produced = 0
        try:
            while True:
                produced += len(inflater.decompress(pending, _CHUNK))
                if produced > MAX_STREAM or total + produced > MAX_INFLATED:
                    used = (end if end >= 0 else len(data)) - match.end() - len(inflater.unconsumed_tail)
                    if produced > MAX_STREAM and produced > BOMB_RATIO * max(used, 1):
                        raise ImportFileError(
                            f"“{name}”中有数据流解压后超过 {MAX_STREAM // MB} MB、压缩比超过 {BOMB_RATIO} 倍，"
                            "疑似 PDF 炸弹，为安全起见没有打开")
                    if total + produced > MAX_INFLATED:
                        raise ImportFileError(f"“{name}”的数据流解压后共超过 {MAX_INFLATED // MB} MB 的上限，"
                                              "不像一份年度报告，为安全起见没有打开")
                if inflater.eof or not inflater.unconsumed_tail:
                    break
                pending = inflater.unconsumed_tail
        except zlib.error:
            pass  # not a Flate stream (an image, text): pdfium's own decoders bound those
        total += produced
