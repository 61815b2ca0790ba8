"""The .docx writer: python-docx carries the package, the content is written as WordprocessingML.

The body is generated as one XML string and parsed once: python-docx's
per-cell API rescans the table on every call and would cost seconds for
section 三. Paragraph styles (报告正文, 一级标题 …) carry the GB/T 9704
formatting so that a clerk who edits the file in Word, WPS or LibreOffice
keeps it. What an office suite would otherwise decide differently is written
down explicitly:

- the page has the document grid of Word's own 公文 templates (22 lines of
  28 characters, ``w:docGrid``), and body text is tracked onto it character by
  character (``w:spacing``), so that every suite sets 28 characters a line;
  paragraphs do not snap to the character grid, which LibreOffice would widen
  to two cells for a 16 pt character;
- fonts are named explicitly per script (``w:rFonts``, no theme fonts), the
  standard faces first, and ``fontTable.xml`` lists them with their fallbacks;
- Latin text is tagged English and East Asian text Chinese, so that no suite
  breaks a figure such as 1,326 across lines;
- no punctuation hangs into the margin, 标点挤压 is on, and no automatic
  space is put between Chinese and figures;
- the signature block, title lines and table labels are placed where
  ``breaking`` decided, by indents and explicit breaks, and a figure too wide
  for its column is set smaller;
- section 三 is cut where the PDF cuts it, the header and the cut group
  labels repeated on the continuation.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime
from typing import BinaryIO
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.oxml import parse_xml
from docx.shared import Pt

from gxdesk.grid import CellRole
from gxdesk.render import breaking, page
from gxdesk.render import printout as doc
from gxdesk.render.fonts import FontRole, FontSet
from gxdesk.render.tables import PrintedTable
from gxdesk.schema import REPORT_KIND

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f'xmlns:w="{W_NS}"'

# What XML 1.0 cannot carry (the template has removed it already; this is the last line of defence).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core properties (title, author)


def xml_text(text: str) -> str:
    """``text`` without the characters an XML file cannot hold, escaped."""
    return escape(_NOT_XML.sub("", text), {'"': "&quot;"})


def _twips(points: float) -> int:
    return round(points * 20)


def _half_points(points: float) -> int:
    return round(points * 2)


# Body text on the 28-character grid: each character narrowed by the tracking, in whole twips,
# rounded down and one twip more (15.70 pt). 28 characters then fit 156 mm in Word and also the
# 28 whole cells of 15.73 pt that LibreOffice makes of the grid below (a 15.75 pt character would
# not: LibreOffice rounds the grid in hundredths of a millimetre).
BODY_SPACING = math.floor(page.TRACKING * 20) - 1
# Word's grid pitch is 3号 plus charSpace/4096 pt: 15.79 pt, 28 characters in 156 mm, as in
# Word's own 公文 templates (页面设置 → 文档网格: 每行 28 字, 每页 22 行).
GRID_CHAR_SPACE = math.floor(page.TRACKING * 4096)


def _fonts_xml(name: str) -> str:
    name = xml_text(name)
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" w:hint="eastAsia"/>'


def _run_props(name: str, size: float, bold: bool = False) -> str:
    weight = "<w:b/><w:bCs/>" if bold else ""
    spacing = f'<w:spacing w:val="{BODY_SPACING}"/>' if size == page.BODY_SIZE else ""
    return f'<w:rPr>{_fonts_xml(name)}{weight}{spacing}<w:sz w:val="{_half_points(size)}"/>' \
           f'<w:szCs w:val="{_half_points(size)}"/></w:rPr>'


def _runs(text: str, props: str = "") -> str:
    """Runs for text: "\\n" a line break, tabs kept, spaces preserved."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(f"<w:r>{props}<w:br/></w:r>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append(f"<w:r>{props}<w:tab/></w:r>")
            if piece:
                out.append(f'<w:r>{props}<w:t xml:space="preserve">{xml_text(piece)}</w:t></w:r>')
    return "".join(out)


# --- Styles ------------------------------------------------------------------------

_LINE = f'w:line="{_twips(page.LINE_PITCH)}" w:lineRule="exact"'
_INDENT = f'<w:ind w:firstLine="{_twips(page.INDENT)}"/>'
# Chinese layout: no snapping to the character grid (the tracking does it), Chinese line-breaking
# rules (kinsoku, on by default), no punctuation hanging into the margin, no automatic space
# between Chinese and figures. In the order the schema wants inside w:pPr.
_CHINESE = '<w:snapToGrid w:val="0"/>'
_PUNCTUATION = '<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'


def _ppr(*, keep: bool = False, spacing: str = "", indent: str = "", jc: str = "", outline: int | None = None) -> str:
    """A w:pPr body in schema order."""
    parts = ["<w:keepNext/><w:keepLines/>" if keep else "", '<w:widowControl/>', _PUNCTUATION, _CHINESE,
             spacing or f'<w:spacing w:before="0" w:after="0" {_LINE}/>', indent,
             f'<w:jc w:val="{jc}"/>' if jc else "",
             f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""]
    return "".join(parts)


def _style(style_id: str, name: str, ppr: str, font: str, size: float, bold: bool = False) -> str:
    return (
        f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{_run_props(font, size, bold)}</w:style>"
    )


def _styles_xml(fonts: FontSet) -> list[str]:
    body, heading, kai = (fonts[role].docx_name for role in (FontRole.BODY, FontRole.HEADING, FontRole.KAI))
    title = fonts[FontRole.TITLE]
    size = page.BODY_SIZE
    title_spacing = (f'<w:spacing w:before="0" w:after="{_twips(page.LINE_PITCH)}" '
                     f'w:line="{_twips(page.TITLE_PITCH)}" w:lineRule="exact"/>')
    after_line = f'<w:spacing w:before="0" w:after="{_twips(page.LINE_PITCH)}" {_LINE}/>'
    return [
        _style("GxBody", "报告正文", _ppr(indent=_INDENT, jc="both"), body, size),
        _style("GxTitle", "报告标题", _ppr(keep=True, spacing=title_spacing, jc="center", outline=0),
               title.docx_name, page.TITLE_SIZE, title.docx_bold),
        _style("GxDocNumber", "发文字号", _ppr(keep=True, spacing=after_line, jc="center"), body, size),
        _style("GxHeading1", "一级标题", _ppr(keep=True, indent=_INDENT, jc="left", outline=1), heading, size),
        _style("GxHeading2", "二级标题", _ppr(keep=True, indent=_INDENT, jc="left", outline=2), kai, size),
        _style("GxHeading3", "三级标题", _ppr(keep=True, indent=_INDENT, jc="left", outline=3), body, size),
        _style("GxSignature", "署名和日期", _ppr(keep=True, jc="left"), body, size),
        _style("GxTable", "表格文字", _ppr(spacing='<w:spacing w:before="0" w:after="0"/>', jc="center"),
               fonts[FontRole.SONG].docx_name, 10.5),
    ]


def _normal_style(fonts: FontSet) -> str:
    """Normal: what a clerk's own new paragraph gets — 3号 body type on the grid, no grid snapping."""
    return (
        f'<w:style {_W} w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{_PUNCTUATION}{_CHINESE}</w:pPr>{_run_props(fonts[FontRole.BODY].docx_name, page.BODY_SIZE)}'
        "</w:style>"
    )


def _doc_defaults(fonts: FontSet) -> str:
    # Explicit names, no theme fonts: a theme attribute would win over any name a style sets.
    # Latin text is English (a zh-CN Latin language lets LibreOffice break inside figures),
    # East Asian text Chinese (Chinese line breaking and punctuation rules in Word and WPS).
    props = _run_props(fonts[FontRole.BODY].docx_name, page.BODY_SIZE).replace(
        "</w:rPr>", '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>')
    return (
        f"<w:docDefaults {_W}><w:rPrDefault>{props}</w:rPrDefault><w:pPrDefault><w:pPr>"
        f'{_PUNCTUATION}{_CHINESE}<w:spacing w:before="0" w:after="0"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )


def _set_styles(styles_element: object, fonts: FontSet) -> None:
    root = styles_element
    old = root.find(f"{{{W_NS}}}docDefaults")  # type: ignore[attr-defined]
    old.addprevious(parse_xml(_doc_defaults(fonts)))
    root.remove(old)  # type: ignore[attr-defined]
    normal = root.find(f"{{{W_NS}}}style[@{{{W_NS}}}styleId='Normal']")  # type: ignore[attr-defined]
    normal.addprevious(parse_xml(_normal_style(fonts)))
    root.remove(normal)  # type: ignore[attr-defined]
    for xml in _styles_xml(fonts):
        root.append(parse_xml(xml))  # type: ignore[attr-defined]


# --- Fonts and settings ---------------------------------------------------------------

# For each face the .docx may name: the names to try when it is missing (w:altName, in order),
# and what Word matches a substitute by (PANOSE of the Windows face, GB2312 charset, family, pitch).
_FONT_FACTS: dict[str, tuple[str, str, str, str]] = {
    "仿宋_GB2312": ("仿宋,FangSong", "02010609030101010101", "modern", "fixed"),
    "仿宋": ("FangSong,仿宋_GB2312", "02010609060101010101", "modern", "fixed"),
    "楷体_GB2312": ("楷体,KaiTi", "02010609030101010101", "modern", "fixed"),
    "楷体": ("KaiTi,楷体_GB2312", "02010609060101010101", "modern", "fixed"),
    "黑体": ("SimHei", "02010609060101010101", "modern", "fixed"),
    "方正小标宋简体": ("方正小标宋_GBK,FZXiaoBiaoSong-B05S,宋体,SimSun", "02000000000000000000", "auto", "variable"),
    "宋体": ("SimSun", "02010600030101010101", "auto", "variable"),
}


def _font_table_xml(fonts: FontSet) -> bytes:
    """fontTable.xml: every face the file names, with its fallbacks (no Japanese template faces)."""
    names = list(dict.fromkeys(choice.docx_name for choice in fonts.choices.values()))
    entries = []
    for name in names:
        alternates, panose, family, pitch = _FONT_FACTS.get(name, ("", "", "auto", "variable"))
        entries.append(
            f'<w:font w:name="{xml_text(name)}">'
            + (f'<w:altName w:val="{xml_text(alternates)}"/>' if alternates else "")
            + (f'<w:panose1 w:val="{panose}"/>' if panose else "")
            + f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {_W}>'
            + "".join(entries) + "</w:fonts>").encode("utf-8")


def _set_font_table(package: object, fonts: FontSet) -> None:
    part = package.part  # type: ignore[attr-defined]
    for rel in part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            rel.target_part._blob = _font_table_xml(fonts)


def _set_settings(settings: object) -> None:
    """Chinese theme fonts (not ja-JP) and 标点挤压 (compress punctuation pairs)."""
    element = settings.element  # type: ignore[attr-defined]
    lang = element.find(f"{{{W_NS}}}themeFontLang")
    if lang is not None:
        lang.set(f"{{{W_NS}}}val", "en-US")
        lang.set(f"{{{W_NS}}}eastAsia", "zh-CN")
    spacing = element.find(f"{{{W_NS}}}characterSpacingControl")
    if spacing is not None:
        spacing.set(f"{{{W_NS}}}val", "compressPunctuation")


def _set_grid(sect_pr: object) -> None:
    """The document grid of Word's 公文 templates: 22 lines of 28 characters."""
    grid = sect_pr.find(f"{{{W_NS}}}docGrid")  # type: ignore[attr-defined]
    if grid is None:
        grid = parse_xml(f"<w:docGrid {_W}/>")
        sect_pr.append(grid)  # type: ignore[attr-defined]
    for attribute in list(grid.attrib):
        del grid.attrib[attribute]
    grid.set(f"{{{W_NS}}}type", "linesAndChars")
    grid.set(f"{{{W_NS}}}linePitch", str(_twips(page.LINE_PITCH)))
    grid.set(f"{{{W_NS}}}charSpace", str(GRID_CHAR_SPACE))


# --- Pieces ----------------------------------------------------------------------


def _paragraph(style: str, text: str, ppr: str = "", props: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{_runs(text, props)}</w:p>'


def _piece_xml(piece: doc.Piece, fonts: FontSet, after_table: bool, keep_next: bool,
               cuts: dict[str, tuple[int, ...]]) -> str:
    space = f'<w:spacing w:before="{_twips(page.TABLE_SPACE_AFTER)}"/>' if after_table else ""
    keep = "<w:keepNext/>" if keep_next else ""
    if isinstance(piece, doc.Title):
        return _paragraph("GxTitle", "\n".join(piece.lines))
    if isinstance(piece, doc.DocNumber):
        return _paragraph("GxDocNumber", piece.text)
    if isinstance(piece, doc.Heading):
        return _heading_xml(piece, fonts, space)
    if isinstance(piece, doc.Paragraph):
        return _body_xml(piece, fonts, keep + space)
    if isinstance(piece, PrintedTable):
        return _tables_xml(piece, fonts, cuts.get(piece.id, ()))
    if isinstance(piece, doc.Signature):
        return _signature_xml(piece)
    if isinstance(piece, doc.PageBreak):
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    raise TypeError(piece)


_HEADING_ROLES = {1: FontRole.HEADING, 2: FontRole.KAI, 3: FontRole.BODY}


def _heading_xml(heading: doc.Heading, fonts: FontSet, ppr: str) -> str:
    return _paragraph(f"GxHeading{heading.level}", heading.text, ppr)


def _body_xml(paragraph: doc.Paragraph, fonts: FontSet, ppr: str) -> str:
    """A paragraph; a run-in heading the clerk typed (（一）…。) in its level's face."""
    if not paragraph.lead:
        return _paragraph("GxBody", paragraph.text, ppr)
    role = _HEADING_ROLES[paragraph.lead_level]
    lead = _runs(paragraph.lead, _run_props(fonts[role].docx_name, page.BODY_SIZE, fonts[role].docx_bold))
    rest = _runs(paragraph.text[len(paragraph.lead):])
    return f'<w:p><w:pPr><w:pStyle w:val="GxBody"/>{ppr}</w:pPr>{lead}{rest}</w:p>'


def _signature_xml(signature: doc.Signature) -> str:
    """The lines of ``breaking.signature_lines``, each placed by its indents (in cells of the grid)."""
    gap = page.SEAL_GAP_LINES if signature.seal else page.SIGNATURE_GAP_LINES
    blank = '<w:p><w:pPr><w:pStyle w:val="GxSignature"/></w:pPr></w:p>'
    out = [blank] * gap
    width = page.TYPE_WIDTH
    lines = breaking.signature_lines(signature.organ, signature.date, signature.seal)
    for i, line in enumerate(lines):
        at = line.at * page.CHAR_PITCH
        keep = "" if i + 1 < len(lines) else '<w:keepNext w:val="0"/>'
        if line.align == "left":
            ppr = f'{keep}<w:ind w:left="{_twips(at)}" w:right="0" w:firstLine="0"/><w:jc w:val="left"/>'
        else:  # centred on ``at``: the indents make the text column symmetric around it
            left, right = max(0.0, 2 * at - width), max(0.0, width - 2 * at)
            ppr = f'{keep}<w:ind w:left="{_twips(left)}" w:right="{_twips(right)}" w:firstLine="0"/>' \
                  '<w:jc w:val="center"/>'
        out.append(_paragraph("GxSignature", line.text, ppr))
    return "".join(out)


# --- Tables ------------------------------------------------------------------------


def _tables_xml(table: PrintedTable, fonts: FontSet, cuts: tuple[int, ...]) -> str:
    """The table, cut into one table a page near ``cuts`` (rows of the whole table where the PDF cuts
    it): each continuation opens with the header and the labels of the groups it continues.

    Each cut comes a row before the PDF's: Word and LibreOffice set a line or a rule a little
    differently here and there, and a row less on the page leaves a small gap, where a row too
    many would be cut again by the word processor, under a header of its own.
    """
    parts: list[PrintedTable] = []
    rest = table
    points = table.split_points()
    earlier = [max((p for p in points if p < row), default=row) for row in cuts]
    for row in sorted(set(earlier), reverse=True):
        rest, tail = rest.split_at(row)
        parts.insert(0, tail)
    parts.insert(0, rest)
    # Between two tables a paragraph is needed (adjacent tables merge); a tiny one, on the page
    # the first part ends. The continuation then keeps its header with its first rows.
    gap = ('<w:p><w:pPr><w:pStyle w:val="GxTable"/><w:spacing w:before="0" w:after="0" w:line="20" '
           'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
    return gap.join(_table_xml(part, fonts) for part in parts)


def _table_xml(table: PrintedTable, fonts: FontSet) -> str:
    grid = table.grid
    widths = [_twips(w) for w in table.widths]
    size = table.font_size
    line = _twips(size * page.TABLE_LEADING)
    song, heading = fonts[FontRole.SONG].docx_name, fonts[FontRole.HEADING].docx_name
    props = {False: _run_props(song, size), True: _run_props(heading, size)}
    border = f'w:val="single" w:sz="{round(page.RULE_WIDTH * 8)}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    pad_x, pad_y = _twips(page.CELL_PAD_X), _twips(page.CELL_PAD_Y)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:top w:w="{pad_y}" w:type="dxa"/><w:left w:w="{pad_x}" w:type="dxa"/>'
        f'<w:bottom w:w="{pad_y}" w:type="dxa"/><w:right w:w="{pad_x}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr>',
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
    ]
    # Header rows, the first data row and kept ranges stay with the row after them ("keep with next").
    opening = set(range(grid.header_rows + 1)) if grid.header_rows else set()
    keep_rows = opening | {r for a, b in table.keep for r in range(a, b)}
    for r in range(grid.rows):
        header = "<w:tblHeader/>" if r < grid.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        keep = "<w:keepNext/>" if r in keep_rows else ""
        c = 0
        while c < grid.columns:
            cell = grid.at(r, c)
            assert cell is not None  # a grid covers every position
            width = sum(widths[cell.column: cell.column + cell.colspan])
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            fit = ""
            if cell.row == r:
                merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
                jc = "center" if table.centred(cell) else "left"
                run_props = props[cell.role is CellRole.HEADING]
                if cell.role is CellRole.VALUE:
                    fit = "<w:noWrap/>"  # a figure never wraps: set smaller where it is too wide
                    figure_size = table.figure_size(cell)
                    if figure_size < size:
                        run_props = _run_props(song, math.floor(figure_size * 2) / 2)
                content = _runs(table.printed_text(cell), run_props)
            else:
                merge, jc, run_props, content = "<w:vMerge/>", "center", props[False], ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}{fit}'
                '<w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="GxTable"/>{keep}<w:spacing w:line="{line}" w:lineRule="exact"/>'
                f'<w:jc w:val="{jc}"/>{run_props}</w:pPr>{content}</w:p></w:tc>'
            )
            c += cell.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# --- Page numbers ------------------------------------------------------------------


def _page_number_xml(fonts: FontSet, odd: bool) -> str:
    props = _run_props(fonts[FontRole.SONG].docx_name, page.PAGE_NUMBER_SIZE)
    inset = _twips(page.PAGE_NUMBER_INSET)
    if odd:
        side = f'<w:ind w:right="{inset}"/><w:jc w:val="right"/>'
    else:
        side = f'<w:ind w:left="{inset}"/><w:jc w:val="left"/>'
    dash_before, dash_after = page.page_number_text(0).split("0")
    return (
        f'<w:p {_W}><w:pPr>{_CHINESE}<w:spacing w:before="0" w:after="0"/>{side}{props}</w:pPr>'
        f'<w:r>{props}<w:t xml:space="preserve">{dash_before}</w:t></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{props}<w:t>1</w:t></w:r>"
        f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{props}<w:t xml:space="preserve">{dash_after}</w:t></w:r></w:p>'
    )


def _set_footer(footer: object, xml: str) -> None:
    element = footer._element  # type: ignore[attr-defined]
    for child in list(element):
        element.remove(child)
    element.append(parse_xml(xml))


# --- The document ------------------------------------------------------------------


def core_property(text: str) -> str:
    """A core property (title, author) as python-docx takes it: XML-safe, at most 255 characters.
    The text itself prints in full; only the file's metadata is shortened."""
    text = _NOT_XML.sub("", text)
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def write(printout: doc.Printout, stream: BinaryIO, fonts: FontSet, when: datetime,
          cuts: dict[str, tuple[int, ...]] | None = None) -> list[str]:
    """Write ``printout`` as .docx into ``stream``, created ``when``; returns notes for the user.

    ``cuts`` gives, per table id, the rows where the PDF starts a new page inside the table.
    """
    package = new_document()
    _set_styles(package.styles.element, fonts)
    _set_settings(package.settings)
    _set_font_table(package, fonts)

    section = package.sections[0]
    section.page_width, section.page_height = Pt(page.PAGE_WIDTH), Pt(page.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Pt(page.MARGIN_TOP), Pt(page.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Pt(page.MARGIN_LEFT), Pt(page.MARGIN_RIGHT)
    section.footer_distance = Pt(page.FOOTER_DISTANCE)
    section.header_distance = Pt(15 * page.MM)
    package.settings.odd_and_even_pages_header_footer = True
    _set_footer(section.footer, _page_number_xml(fonts, odd=True))
    _set_footer(section.even_page_footer, _page_number_xml(fonts, odd=False))

    pieces = printout.pieces
    parts = []
    for i, piece in enumerate(pieces):
        after_table = i > 0 and isinstance(pieces[i - 1], PrintedTable)
        # The paragraph before the signature keeps it company on the page.
        keep_next = i + 1 < len(pieces) and isinstance(pieces[i + 1], doc.Signature)
        parts.append(_piece_xml(piece, fonts, after_table, keep_next, cuts or {}))
    body = parse_xml(f"<w:body {_W}>{''.join(parts)}</w:body>")
    sect_pr = package.element.body.sectPr
    for element in list(body):
        sect_pr.addprevious(element)
    _set_grid(sect_pr)

    properties = package.core_properties
    properties.created = properties.modified = when.replace(microsecond=0)
    properties.title = core_property(printout.title)
    properties.author = properties.last_modified_by = core_property(printout.organ)
    properties.subject = REPORT_KIND
    properties.language = "zh-CN"
    properties.comments = "gxdesk"
    raw = io.BytesIO()
    package.save(raw)
    _restamp(raw, stream, when)
    return [*fonts.warnings, *fonts.notes(".docx")]


def _restamp(raw: io.BytesIO, stream: BinaryIO, when: datetime) -> None:
    """Copy the package with every zip entry dated ``when`` (python-docx dates them with the clock,
    so two exports a second apart differed, and SOURCE_DATE_EPOCH did not make the same file twice)."""
    moment = max(when.replace(tzinfo=None), datetime(1980, 1, 1))  # the zip format starts in 1980
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=stamp), source.read(entry),
                            compress_type=zipfile.ZIP_DEFLATED)
