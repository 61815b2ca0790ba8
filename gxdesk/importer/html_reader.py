"""A saved web page: parsed by lxml's HTML parser (libxml2), never executed.

libxml2 builds the tree in C, linear in the page's size and lenient about
unclosed tags as real pages need; it fetches nothing (no network, no DTD) and
stops nesting at 256 levels. The tree then becomes lines: block elements give
paragraphs, each table row gives one line of cells. A cell spanning rows or
columns (rowspan/colspan) is read once, where it is written. Government sites
often wrap the whole page in layout tables: a table that holds another table,
or a row with a single cell, is treated as a container of paragraphs, not as
data. The page's <title> and first <h1> are kept aside as the report's title:
on a page with navigation and a metadata table they name the report where the
page chrome does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.lines import Line, make_line
from gxdesk.importer.text_reader import text_lines

if TYPE_CHECKING:
    from lxml.etree import _Element as HtmlElement

# Never shown as text: scripts and styles are dropped unread.
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "math",
                   "iframe", "object", "select", "textarea", "button", "input", "option"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "section", "article", "header", "footer", "main", "nav", "aside", "blockquote",
                    "center", "address", "figure", "figcaption", "caption", "form", "fieldset",
                    "hr", "body", "html", "tr", "td", "th", "thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
MAX_DEPTH = 300  # libxml2 stops at 256; a second bound keeps the walk's recursion finite whatever it does
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass
class Page:
    lines: list[Line]
    titles: list[str] = field(default_factory=list)  # <title>, then the first <h1>: the report's own name


def html_page(text: str, name: str) -> Page:
    from lxml import etree

    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses an encoding declaration in a str
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):  # nothing lxml can use
        return Page([])
    if root is None:  # an empty document
        return Page([])
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise ImportFileError(f"“{name}”的网页标签嵌套超过 256 层，不像一份年度报告，没有读取")
    out: list[Line] = []
    _Walker(out).block(root, 0)
    titles = [_text(node) for node in (root.find(".//title"), root.find(".//h1")) if node is not None]
    return Page(out, [t for t in titles if t])


def html_lines(text: str, name: str = "网页") -> list[Line]:
    return html_page(text, name).lines


def _tag(node: HtmlElement) -> str:
    tag = node.tag
    return tag.lower() if isinstance(tag, str) else ""  # comments and entities have a function as tag


class _Walker:
    def __init__(self, out: list[Line]) -> None:
        self.out = out
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer.clear()
        line = make_line([text])
        if line is not None:
            self.out.append(line)

    def block(self, node: HtmlElement, depth: int) -> None:
        if node.text:
            self.buffer.append(node.text)
        for child in node:
            self.child(child, depth + 1)
            if child.tail:
                self.buffer.append(child.tail)

    def child(self, node: HtmlElement, depth: int) -> None:
        tag = _tag(node)
        if tag in _SKIP or not tag or depth > MAX_DEPTH:
            return
        if tag == "br":
            self.flush()
        elif tag == "pre":
            self.flush()
            self.out.extend(text_lines(_text(node, keep_lines=True)))
        elif tag == "table":
            self.flush()
            self.table(node, depth)
        elif tag in _BLOCK:
            self.flush()
            self.block(node, depth)
            self.flush()
        else:
            self.block(node, depth)

    def table(self, table: HtmlElement, depth: int) -> None:
        if table.find(".//table") is not None:
            self.block(table, depth)  # a layout table: read its cells as page content
            return
        for caption in table.iter("caption"):
            self.block(caption, depth)
            self.flush()
        for row in table.iter("tr"):
            cells = [child for child in row if _tag(child) in _CELLS]
            if len(cells) == 1:
                self.block(cells[0], depth)
                self.flush()
                continue
            line = make_line([_text(cell) for cell in cells])
            if line is not None:
                self.out.append(line)


def _text(node: HtmlElement, *, keep_lines: bool = False) -> str:
    """The text of ``node`` without scripts; block children and <br> break lines (or add a space)."""
    parts: list[str] = []
    pending: list[HtmlElement | str] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, str):
            parts.append(current)
            continue
        if current is not node:
            tag = _tag(current)
            if not tag or tag in _SKIP:
                continue  # its tail, pushed by its parent, is still read
            if tag == "br" or tag in _BLOCK:
                parts.append("\n" if keep_lines else " ")
        if current.text:
            parts.append(current.text)
        for child in reversed(current):
            if child.tail:
                pending.append(child.tail)
            pending.append(child)
    joined = "".join(parts)
    return joined if keep_lines else " ".join(joined.split())
