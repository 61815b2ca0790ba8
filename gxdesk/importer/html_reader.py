"""A saved web page: parsed with the standard library, never executed.

The page becomes a small tree (lenient about unclosed tags, as real pages
need), then lines: block elements give paragraphs, each table row gives one
line of cells. A cell spanning rows or columns (rowspan/colspan) is read
once, where it is written. Government sites often wrap the whole page in
layout tables: a table that holds another table, or a row with a single
cell, is treated as a container of paragraphs, not as data.
"""

from __future__ import annotations

from html.parser import HTMLParser

from gxdesk.importer.lines import Line, make_line
from gxdesk.importer.text_reader import text_lines

# Never shown as text: scripts and styles are dropped unread.
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "math",
                   "iframe", "object", "select", "textarea", "button"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "section", "article", "header", "footer", "main", "nav", "aside", "blockquote",
                    "center", "address", "figure", "figcaption", "caption", "form", "fieldset",
                    "hr", "body", "html", "tr", "td", "th", "thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
# An opening tag closes these if open (HTML's implied end tags), up to a boundary.
_CLOSES = {
    "p": ({"p"}, {"td", "th", "table", "div", "li", "body"}),
    "li": ({"li"}, {"ul", "ol", "table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table"}),
    "tbody": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "thead": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
}
MAX_DEPTH = 400  # deeper nesting is not a report page; keeps the walk's recursion bounded


class _Node:
    __slots__ = ("children", "tag")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        if tag in _SKIP:
            self.skipping.append(tag)
            return
        if tag in _CLOSES:  # e.g. <tr> closes the open <td> and <tr>, up to the <table>
            closes, boundary = _CLOSES[tag]
            outermost = None
            for index in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[index].tag
                if open_tag in boundary:
                    break
                if open_tag in closes:
                    outermost = index
            if outermost is not None:
                del self.stack[outermost:]
        node = _Node(tag)
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in _SKIP:
            self.stack[-1].children.append(_Node(tag))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


def html_lines(text: str) -> list[Line]:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    out: list[Line] = []
    _Walker(out).block(builder.root)
    return out


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

    def block(self, node: _Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.buffer.append(child)
            elif child.tag == "br":
                self.flush()
            elif child.tag == "pre":
                self.flush()
                self.out.extend(text_lines(_text(child, keep_lines=True)))
            elif child.tag == "table":
                self.flush()
                self.table(child)
            elif child.tag in _BLOCK:
                self.flush()
                self.block(child)
                self.flush()
            else:
                self.block(child)

    def table(self, table: _Node) -> None:
        if any(_contains(child, "table") for child in table.children if isinstance(child, _Node)):
            self.block(table)  # a layout table: read its cells as page content
            return
        for caption in _descendants(table, "caption"):
            self.block(caption)
            self.flush()
        for row in _descendants(table, "tr"):
            cells = [child for child in row.children if isinstance(child, _Node) and child.tag in _CELLS]
            if len(cells) == 1:
                self.block(cells[0])
                self.flush()
                continue
            line = make_line([_text(cell) for cell in cells])
            if line is not None:
                self.out.append(line)


def _contains(node: _Node, tag: str) -> bool:
    return any(True for _ in _descendants(node, tag, include_self=True))


def _descendants(node: _Node, tag: str, *, include_self: bool = False) -> list[_Node]:
    found: list[_Node] = []
    pending = [node] if include_self else [c for c in reversed(node.children) if isinstance(c, _Node)]
    while pending:
        current = pending.pop()
        if current.tag == tag:
            found.append(current)
            if tag in ("tr", "caption"):
                continue
        pending.extend(c for c in reversed(current.children) if isinstance(c, _Node))
    return found


def _text(node: _Node, *, keep_lines: bool = False) -> str:
    parts: list[str] = []
    pending: list[_Node | str] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, str):
            parts.append(current)
        elif current.tag == "br" or (current.tag in _BLOCK and current is not node):
            parts.append("\n" if keep_lines else " ")
            pending.extend(reversed(current.children))
        else:
            pending.extend(reversed(current.children))
    joined = "".join(parts)
    return joined if keep_lines else " ".join(joined.split())
