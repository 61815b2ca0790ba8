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
from dataclasses import dataclass
from typing import Union

from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.render import page, tables
from gxdesk.render.tables import PrintedTable


@dataclass(frozen=True)
class Title:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class DocNumber:
    text: str


@dataclass(frozen=True)
class Heading:
    level: int  # 1 一、 (黑体)  2 （一） (楷体)  3 1. (仿宋)
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str  # "\n" = a line break inside the paragraph


@dataclass(frozen=True)
class Signature:
    organ: str
    date: str
    seal: bool


@dataclass(frozen=True)
class PageBreak:
    pass


Piece = Union[Title, DocNumber, Heading, Paragraph, PrintedTable, Signature, PageBreak]


@dataclass(frozen=True)
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
    pieces = [_piece(node, report, seal, name) for node in root]
    title = next((" ".join(p.lines) for p in pieces if isinstance(p, Title)), report.display_title)
    return Printout(title=title, organ=report.organ, pieces=tuple(pieces))


def _piece(node: ET.Element, report: Report, seal: bool, name: str) -> Piece:
    tag = node.tag
    if tag == "title":
        return Title(tuple(page.title_lines(_title_parts(node))))
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
