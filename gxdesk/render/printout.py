"""The printout: the rendered report as a short list of pieces both writers lay out.

The template emits a small XML vocabulary (see templates/report.xml.j2);
``parse`` turns it into these pieces (the 要素 of GB/T 9704: 发文字号, 标题,
headings, paragraphs, tables, the signature). Whitespace from the template's
own lines (a newline and its indentation) is dropped; the user's line breaks
arrive as ``<br/>`` and become "\\n" inside a piece's text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Union

from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.records import record
from gxdesk.render import breaking, page, tables
from gxdesk.render.tables import PrintedTable


@record
class Title:
    lines: tuple[str, ...]


@record
class DocNumber:
    text: str


@record
class Heading:
    level: int  # 1 一、 (黑体)  2 （一） (楷体)  3 1. (仿宋)
    text: str


@record
class Paragraph:
    text: str  # "\n" = a line break inside the paragraph
    lead: str = ""  # a run-in heading the clerk typed at its start (（一）主动公开。), set as its level
    lead_level: int = 0


@record
class Signature:
    organ: str
    date: str
    seal: bool


@record
class PageBreak:
    pass


Piece = Union[Title, DocNumber, Heading, Paragraph, PrintedTable, Signature, PageBreak]


@record
class Printout:
    title: str  # the title on one line, for the file's metadata
    organ: str
    pieces: tuple[Piece, ...]


class TemplateError(InputError):
    pass


_TEMPLATE_WHITESPACE = re.compile(r"\n[ \t]*")


def parse(markup: str, report: Report, *, seal: bool = False, name: str = "模板") -> Printout:
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as error:
        line = error.position[0]
        raise TemplateError(f"{name}生成的内容不是完整的标记（第 {line} 行附近），请检查模板中的标签") from None
    if root.tag != "report":
        raise TemplateError(f"{name}的最外层标签应为 <report>，而不是 <{root.tag}>")
    pieces = _typed_headings([_piece(node, report, seal, name) for node in root])
    title = next((" ".join(p.lines) for p in pieces if isinstance(p, Title)), report.display_title)
    return Printout(title=title, organ=report.organ, pieces=tuple(pieces))


def _piece(node: ET.Element, report: Report, seal: bool, name: str) -> Piece:
    tag = node.tag
    if tag == "title":
        return Title(tuple(breaking.title_lines(_title_parts(node), page.TITLE_CELLS)))
    if tag == "docnumber":
        return DocNumber(_text(node))
    if tag in ("h1", "h2", "h3"):
        return Heading(int(tag[1]), _text(node))
    if tag == "p":
        return Paragraph(_text(node))
    if tag == "table":
        table_id = node.get("id", "")
        try:
            return tables.build(table_id, report)
        except KeyError:
            raise TemplateError(f"{name}中的 <table id=\"{table_id}\"/> 不是报告中的表格") from None
    if tag == "signature":
        organ = node.find("organ")
        date = node.find("date")
        return Signature(_text(organ) if organ is not None else "", _text(date) if date is not None else "", seal)
    if tag == "pagebreak":
        return PageBreak()
    raise TemplateError(f"{name}中有不认识的标签 <{tag}>")


# Sub-headings a clerk types at the start of a paragraph: （一） 楷体, 1. and （1） 仿宋 (GB/T 9704 7.3.3).
_TYPED_LEVELS = (
    (re.compile(r"（[一二三四五六七八九十]{1,3}）"), 2),
    (re.compile(r"\d{1,2}[.．](?!\d)"), 3),
    (re.compile(r"[（(]\d{1,2}[）)]"), 3),
)
_RUN_IN = re.compile(r"[^。！？]{1,40}?[。！？]")  # a run-in heading ends at its first full stop
_HEADING_LINE = 28  # a typed heading on its own is at most a line long and has no full stop inside


def _typed_headings(pieces: list[Piece]) -> list[Piece]:
    """Paragraphs that open with a sub-heading number are set like the generated sub-headings:
    alone on their line as a Heading, or run in as the paragraph's lead. Under a generated
    sub-heading a typed one is a level below it (no second （一） at the same level), and a first
    paragraph that only repeats the generated heading's title is dropped."""
    out: list[Piece] = []
    level = 1
    generated: Heading | None = None
    for piece in pieces:
        if isinstance(piece, Heading):
            level, generated = piece.level, piece if piece.level > 1 else None
            out.append(piece)
            continue
        if not isinstance(piece, Paragraph):
            generated = None
            out.append(piece)
            continue
        if generated is not None and _same_title(piece.text, generated.text):
            generated = None
            continue  # the clerk typed the part's title again: print it once
        generated = None
        out.append(_typed(piece, level))
    return out


def _typed(paragraph: Paragraph, under: int) -> Piece:
    text = paragraph.text
    for pattern, own in _TYPED_LEVELS:
        if not pattern.match(text):
            continue
        heading_level = max(own, under + 1) if under > 1 else own
        heading_level = min(heading_level, 3)
        body = text.rstrip("。")
        if "\n" not in text and breaking.cells(text) <= _HEADING_LINE and not re.search("[。！？；]", body):
            return Heading(heading_level, text)
        lead = _RUN_IN.match(text)
        if lead and "\n" not in lead.group():
            return Paragraph(text, lead.group(), heading_level)
        return paragraph
    return paragraph


def _same_title(text: str, heading: str) -> bool:
    def bare(value: str) -> str:
        for pattern, _level in _TYPED_LEVELS:
            value = pattern.sub("", value, count=1) if pattern.match(value) else value
        return value.strip(" 　。：:")

    return bare(text) == bare(heading) != ""


def _text(element: ET.Element) -> str:
    """Text with <br/> as "\\n"; the template's own line breaks and indentation dropped."""
    pieces = [_clean(element.text)]
    for child in element:
        if child.tag == "br":
            pieces.append("\n")
        elif child.tag != "wbr":
            pieces.append(_text(child))
        pieces.append(_clean(child.tail))
    return "".join(pieces).strip(" ")


def _clean(text: str | None) -> str:
    return _TEMPLATE_WHITESPACE.sub("", text or "")


def _title_parts(element: ET.Element) -> list[list[str]]:
    """The title split at <br/> into lines, each split at <wbr/> into pieces."""
    lines: list[list[str]] = [[_clean(element.text)]]
    for child in element:
        if child.tag == "br":
            lines.append([""])
        elif child.tag == "wbr":
            lines[-1].append("")
        else:
            lines[-1][-1] += _text(child)
        lines[-1][-1] += _clean(child.tail)
    return [[piece.strip() for piece in pieces] for pieces in lines]
