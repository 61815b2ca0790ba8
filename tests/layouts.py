"""A report laid out the ways published reports reach the next year's clerk.

``document(report)`` gives the report as blocks (title, headings, paragraphs,
and the three tables in the official shape with their merged cells, derived
from the schema); the writers below turn those blocks into text in each
layout seen in the wild, into an HTML page with rowspan/colspan, or into a
.docx with merged cells. Used by the importer's tests and benchmark.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterator

from gxdesk import schema
from gxdesk.grid import grid_of
from gxdesk.model import CellKey, Report, Value
from gxdesk.numbers import chinese_number
from gxdesk.render.template import print_date
from gxdesk.schema import TEXT_PARTS


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    role: str = "value"  # heading / header / label / group / value
    column: int = 0  # where the cell starts in its row


@dataclass
class Grid:
    rows: list[list[Cell]]
    width: int


@dataclass
class Block:
    kind: str  # title / para / heading / subheading / table
    text: str = ""
    grid: Grid | None = None


Formatter = Callable[[Value], str]


def plain(value: Value) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def thousands(value: Value) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return plain(value)


_FULL = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def full_width(value: Value) -> str:
    return thousands(value).translate(_FULL)


def marked(value: Value) -> str:
    """Blank cells written as a dash, the way PDFs show them."""
    return "—" if value is None else plain(value)


@dataclass
class Options:
    fmt: Formatter = plain
    stated: dict[CellKey, Value] = field(default_factory=dict)  # printed totals that differ from the rows


def _value(report: Report, key: CellKey, options: Options) -> str:
    table = schema.TABLE_BY_ID[key[0]]
    computed = table.row(key[1]).computed or table.column(key[1], key[2]).computed
    if computed and key in options.stated:
        return options.fmt(options.stated[key])
    return options.fmt(report.value(*key) if computed else report.cells[key])


# --- The three tables in the official shape (gxdesk.grid, as the window and the renderer draw them) ---


def table_grid(table: schema.Table, report: Report, options: Options) -> Grid:
    shape = grid_of(table)
    rows: list[list[Cell]] = [[] for _ in range(shape.rows)]
    for cell in shape.cells:  # sorted by row, then column
        text = _value(report, cell.key, options) if cell.key else cell.text
        rows[cell.row].append(Cell(text, cell.colspan, cell.rowspan, cell.role.value, cell.column))
    return Grid(rows, shape.columns)


def matrix(grid: Grid) -> list[list[tuple[str, str]]]:
    """The grid with spans expanded: (text, role) at each cell's top-left, ("", "pad") elsewhere."""
    out = [[("", "pad")] * grid.width for _ in grid.rows]
    for r, row in enumerate(grid.rows):
        for cell in row:
            out[r][cell.column] = (cell.text, cell.role)
    return out


# --- The whole report as blocks --------------------------------------------------------------


def document(report: Report, options: Options | None = None) -> list[Block]:
    options = options or Options()
    blocks = [Block("para", report.doc_number), Block("title", report.display_title)]
    blocks += _paragraphs(report.text["preamble"])
    for section in schema.SECTIONS:
        blocks.append(Block("heading", section.heading))
        if section.id in schema.TABLE_BY_SECTION:
            blocks.append(Block("table", grid=table_grid(schema.TABLE_BY_SECTION[section.id], report, options)))
            continue
        number = 0
        for part in TEXT_PARTS:
            if part.section != section.id:
                continue
            if part.title:
                blocks.append(Block("subheading", f"（{chinese_number(number + 1)}）{part.title}"))
                number += 1
            blocks += _paragraphs(report.text[part.id])
    blocks += [Block("para", report.organ), Block("para", print_date(report.date))]
    return blocks


def _paragraphs(text: str) -> list[Block]:
    return [Block("para", p) for p in text.split("\n") if p]


def appendix_document(report: Report, options: Options | None = None, *, own_headings: bool = False) -> list[Block]:
    """The report as prose, its three tables printed after it as an appendix (附件).

    Sections 二–四 are written as sentences counting things ("上年结转…申请 3 件…予以公开 29 件"),
    which must never be read as table rows. ``own_headings``: the prose numbers its own parts
    一、二、三… (基本情况, 主要做法…) instead of the six section headings; the appendix then prints
    each table under its section heading."""
    options = options or Options()
    cells = report.cells
    counts = {
        "二": f"本年度制发规章 {cells[('proactive', 'rules', 'issued')]} 件，现行有效规范性文件 "
              f"{cells[('proactive', 'normative_documents', 'in_force')]} 件，办理行政许可 "
              f"{cells[('proactive', 'licensing', 'count')]} 件，",
        "三": f"上年结转政府信息公开申请 {cells[('requests', 'carried_over', 'natural_person')]} 件，本年新收申请 "
              f"{cells[('requests', 'new', 'natural_person')]} 件，予以公开 {cells[('requests', 'granted', 'natural_person')]} 件，"
              f"部分公开 {cells[('requests', 'partially_granted', 'business')]} 件",
        "四": f"行政复议 {cells[('appeals', 'review', 'upheld')]} 起，结果维持 {cells[('appeals', 'review', 'upheld')]} 起，"
              f"行政诉讼 {cells[('appeals', 'litigation_direct', 'pending')]} 起",
    }
    own = iter(["一、基本情况", "二、主要做法", "三、数据统计", "四、复议诉讼", "五、问题与不足", "六、其他事项"])
    blocks = [Block("para", report.doc_number), Block("title", report.display_title)]
    blocks += _paragraphs(report.text["preamble"])
    for section in schema.SECTIONS:
        blocks.append(Block("heading", next(own) if own_headings else section.heading))
        if section.id in counts:
            blocks.append(Block("para", counts[section.id]))  # broken off before its 。, as a PDF copy is
            blocks.append(Block("para", "具体数据见附件。"))
            continue
        number = 0
        for part in TEXT_PARTS:
            if part.section != section.id:
                continue
            if part.title:
                blocks.append(Block("subheading", f"（{chinese_number(number + 1)}）{part.title}"))
                number += 1
            blocks += _paragraphs(report.text[part.id])
    blocks += [Block("para", report.organ), Block("para", print_date(report.date)),
               Block("para", "附件：政府信息公开工作年度报告统计表")]
    for section in schema.SECTIONS:
        if section.id in schema.TABLE_BY_SECTION:
            blocks.append(Block("para", section.heading))
            blocks.append(Block("table", grid=table_grid(schema.TABLE_BY_SECTION[section.id], report, options)))
    return blocks


# --- Text layouts ------------------------------------------------------------------------------

TableWriter = Callable[[Grid], Iterator[str]]


def tab_rows(grid: Grid) -> Iterator[str]:
    """One table row a line, cells separated by tabs (copied from a web page)."""
    for row in matrix(grid):
        yield "\t".join(text for text, _ in row)


def one_cell_a_line(grid: Grid) -> Iterator[str]:
    """Each cell on its own line, spans not repeated (copied from a PDF)."""
    for row in grid.rows:
        for cell in row:
            yield cell.text


def pipe_rows(grid: Grid) -> Iterator[str]:
    rows = matrix(grid)
    for index, row in enumerate(rows):
        yield "| " + " | ".join(text for text, _ in row) + " |"
        if index == 0:
            yield "|" + "---|" * grid.width


def spaced(text: str) -> str:
    return " ".join(text)


def broken_labels(grid: Grid) -> Iterator[str]:
    """Tab rows whose long labels break inside a word: the rest on the next line, as in PDFs."""
    for row in matrix(grid):
        cells = [text for text, _ in row]
        rest = [""] * len(cells)
        for i, (text, role) in enumerate(row):
            if role in ("label", "group") and len(text) > 5:
                cut = len(text) // 2 + 1
                cells[i], rest[i] = spaced(text[:cut]), text[cut:]
        yield "\t".join(cells)
        if any(rest):
            yield ""
            yield "\t".join(rest)


def vertical_labels(grid: Grid) -> Iterator[str]:
    """One cell a line; labels, group labels and header words written one character a line."""
    for row in grid.rows:
        for cell in row:
            if cell.role in ("label", "group", "header") and cell.text:
                yield from cell.text
            else:
                yield cell.text


def split_headers(grid: Grid) -> Iterator[str]:
    """Tab rows whose header words are spread over several lines, a few characters each."""
    for row in matrix(grid):
        if not any(role == "header" for _, role in row):
            yield "\t".join(text for text, _ in row)
            continue
        pieces = [[text[i:i + 2] for i in range(0, len(text), 2)] if role == "header" else [text]
                  for text, role in row]
        for line in range(max(len(p) for p in pieces)):
            yield "\t".join(spaced(p[line]) if line < len(p) else "" for p in pieces)


def word_table_as_text(grid: Grid) -> Iterator[str]:
    """A Word table copied as plain text: each cell on its own line after a tab, the row and group
    labels and the header words one character a line, a blank line between rows."""
    for row in grid.rows:
        for cell in row:
            if cell.role in ("label", "group", "header") and cell.text:
                yield from ("\t" + char for char in cell.text)
            else:
                yield "\t" + cell.text
        yield ""


def ocr_markdown(grid: Grid, fragment: int = 7) -> Iterator[str]:
    """Markdown an OCR or LLM tool makes of a scanned table: generic headers (数据1 … 数据N) instead of
    the printed ones, and the table split into fragments of a few rows, each with its own header."""
    rows = matrix(grid)
    for start in range(0, len(rows), fragment):
        yield ""
        yield "| " + " | ".join(f"数据{i + 1}" for i in range(grid.width)) + " |"
        yield "|" + "---|" * grid.width
        for row in rows[start:start + fragment]:
            yield "| " + " | ".join(text for text, _ in row) + " |"
        yield ""


def text_document(blocks: list[Block], table: TableWriter = tab_rows, *, markdown: bool = False,
                  blank_lines: random.Random | None = None, wrap: int = 0) -> str:
    out: list[str] = []
    for block in blocks:
        if block.kind == "table":
            assert block.grid is not None
            out += list(table(block.grid))
        elif markdown and block.kind in ("title", "heading", "subheading"):
            level = {"title": "#", "heading": "##", "subheading": "###"}[block.kind]
            out.append(f"{level} {block.text}")
        elif wrap and block.kind == "para":
            out += [block.text[i:i + wrap] for i in range(0, len(block.text), wrap)]
        else:
            out.append(block.text)
        if markdown:
            out.append("")
    if blank_lines is not None:
        out = [line for text in out for line in ([text, ""] if blank_lines.random() < 0.3 else [text])]
        out = [line for text in out for line in ([""] * blank_lines.randint(1, 3) + [text]
                                                 if blank_lines.random() < 0.15 else [text])]
    return "\n".join(out) + "\n"


# --- HTML and .docx ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page_chrome(title: str, site: str = "某某县人民政府") -> str:
    """What a government site prints around an article: navigation, a breadcrumb and the
    metadata table (名称/索引号/发布机构/公开日期) — with names that are not the report's organ."""
    return (f'<div class="nav"><a href="/">首页</a> | <a>{site}</a> | <a>政务公开</a> | <a>政府信息公开年报</a></div>'
            f'<div class="crumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>政府信息公开年报</a></div>'
            '<table class="meta">'
            f"<tr><td>索引号：</td><td>11141100MB1234567X/2026-00012</td><td>发布机构：</td><td>{site}办公室</td></tr>"
            f"<tr><td>名　称：</td><td colspan=\"3\">{_escape(title)}</td></tr>"
            "<tr><td>主题分类：</td><td>政务公开</td><td>公开日期：</td><td>2026-01-20</td></tr>"
            "</table>")


def html_document(blocks: list[Block], *, charset: str = "utf-8", layout_table: bool = False,
                  chrome: bool = False) -> str:
    body: list[str] = []
    tags = {"title": "h1", "heading": "h2", "subheading": "h3", "para": "p"}
    for block in blocks:
        if block.kind == "table":
            assert block.grid is not None
            body.append('<table border="1" cellspacing="0">')
            for row in block.grid.rows:
                cells = []
                for cell in row:
                    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                        f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
                    tag = "th" if cell.role in ("header", "heading") else "td"
                    cells.append(f"<{tag}{spans}><p>{_escape(cell.text)}</p></{tag}>")
                body.append("<tr>" + "".join(cells) + "</tr>")
            body.append("</table>")
        else:
            tag = tags[block.kind]
            body.append(f'<{tag} style="text-indent:2em">{_escape(block.text)}&nbsp;</{tag}>')
    content = "\n".join(body)
    title = next((b.text for b in blocks if b.kind == "title"), "")
    if chrome:  # the site's frame first, then the article
        content = page_chrome(title) + f'<div class="article">{content}</div><div class="footer">主办：某某县人民政府办公室</div>'
    if layout_table:  # the CMS page frame many government sites use
        content = (f'<table width="100%"><tr><td>导航</td><td>首页 &gt; 政务公开</td></tr>'
                   f'<tr><td colspan="2"><div class="article">{content}</div></td></tr></table>')
    return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{_escape(next((b.text for b in blocks if b.kind == 'title'), '年度报告'))}_某某县人民政府</title><style>p {{margin:0}}</style><script>document.write('<p>x</p>')</script>"
            f"</head><body>\n{content}\n</body></html>\n")


def docx_document(blocks: list[Block], path: object) -> None:
    """A Word file with the tables' merged cells as in the official table (python-docx)."""
    import docx

    document = docx.Document()
    for block in blocks:
        if block.kind == "table":
            assert block.grid is not None
            _docx_table(document, block.grid)
        elif block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind in ("heading", "subheading"):
            document.add_heading(block.text, level=1 if block.kind == "heading" else 2)
        else:
            document.add_paragraph(block.text)
    document.save(path)


def _docx_table(document: object, grid: Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=grid.width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    # table.cell() rebuilds the whole grid on every call; merges never overlap, so the
    # corners fetched up front stay valid while the table is merged.
    flat = table._cells
    cells = [flat[r * grid.width:(r + 1) * grid.width] for r in range(len(grid.rows))]
    for r, row in enumerate(grid.rows):
        for cell in row:
            c = cell.column
            target = cells[r][c]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(cells[r + cell.rowspan - 1][c + cell.colspan - 1])
            target.text = cell.text


