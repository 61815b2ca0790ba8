"""The .docx writer: python-docx carries the package, the content is written as WordprocessingML.

The body is generated as one XML string and parsed once: python-docx's
per-cell API rescans the table on every call and would cost seconds for
section 三. Paragraph styles (报告正文, 一级标题 …) carry the GB/T 9704
formatting so that a clerk who edits the file in Word, WPS or LibreOffice
keeps it; every style names its East Asian and Latin fonts explicitly, and
every table has a real ``tblGrid`` with fixed column widths.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import BinaryIO
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.oxml import parse_xml
from docx.shared import Pt

from gxdesk.grid import CellRole
from gxdesk.render import page
from gxdesk.render import printout as doc
from gxdesk.render.fonts import FontRole, FontSet
from gxdesk.render.tables import PrintedTable
from gxdesk.schema import REPORT_KIND

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f'xmlns:w="{W_NS}"'


def _twips(points: float) -> int:
    return round(points * 20)


def _half_points(points: float) -> int:
    return round(points * 2)


def _fonts_xml(name: str) -> str:
    name = escape(name, {'"': "&quot;"})
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" w:hint="eastAsia"/>'


def _run_props(name: str, size: float, bold: bool = False) -> str:
    weight = "<w:b/><w:bCs/>" if bold else ""
    return f'<w:rPr>{_fonts_xml(name)}{weight}<w:sz w:val="{_half_points(size)}"/>' \
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
                out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


# --- Styles ------------------------------------------------------------------------

_LINE = f'w:line="{_twips(page.LINE_PITCH)}" w:lineRule="exact"'
_INDENT = f'<w:ind w:firstLine="{_twips(page.INDENT)}"/>'


def _style(style_id: str, name: str, ppr: str, font: str, size: float, bold: bool = False) -> str:
    return (
        f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{_run_props(font, size, bold)}</w:style>"
    )


def _styles_xml(fonts: FontSet) -> list[str]:
    body, heading, kai = (fonts[role].docx_name for role in (FontRole.BODY, FontRole.HEADING, FontRole.KAI))
    title = fonts[FontRole.TITLE]
    plain = ('<w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
             f'<w:spacing w:before="0" w:after="0" {_LINE}/>')
    keep = "<w:keepNext/><w:keepLines/>"
    size = page.BODY_SIZE
    title_spacing = (f'<w:spacing w:before="0" w:after="{_twips(page.LINE_PITCH)}" '
                     f'w:line="{_twips(page.TITLE_PITCH)}" w:lineRule="exact"/>')
    return [
        _style("GxBody", "报告正文", f'{plain}{_INDENT}<w:jc w:val="both"/>', body, size),
        _style("GxTitle", "报告标题", f'{keep}{title_spacing}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
               title.docx_name, page.TITLE_SIZE, title.docx_bold),
        _style("GxDocNumber", "发文字号",
               f'{keep}<w:spacing w:before="0" w:after="{_twips(page.LINE_PITCH)}" {_LINE}/><w:jc w:val="center"/>',
               body, size),
        _style("GxHeading1", "一级标题", f'{keep}{plain}{_INDENT}<w:jc w:val="left"/><w:outlineLvl w:val="1"/>',
               heading, size),
        _style("GxHeading2", "二级标题", f'{keep}{plain}{_INDENT}<w:jc w:val="left"/><w:outlineLvl w:val="2"/>',
               kai, size),
        _style("GxHeading3", "三级标题", f'{keep}{plain}{_INDENT}<w:jc w:val="left"/><w:outlineLvl w:val="3"/>',
               body, size),
        _style("GxSignature", "署名和日期", f'{keep}{plain}<w:jc w:val="right"/>', body, size),
        _style("GxTable", "表格文字", '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>',
               fonts[FontRole.SONG].docx_name, 10.5),
    ]


def _doc_defaults(fonts: FontSet) -> str:
    # Explicit names, no theme fonts: a theme attribute would win over any name a style sets.
    return (
        f"<w:docDefaults {_W}><w:rPrDefault>{_run_props(fonts[FontRole.BODY].docx_name, page.BODY_SIZE)}"
        "</w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )


def _set_styles(styles_element: object, fonts: FontSet) -> None:
    root = styles_element
    old = root.find(f"{{{W_NS}}}docDefaults")  # type: ignore[attr-defined]
    defaults = parse_xml(_doc_defaults(fonts))
    # zh-CN so that Word and WPS apply Chinese line-breaking and punctuation rules.
    defaults.find(f".//{{{W_NS}}}rPr").append(parse_xml(f'<w:lang {_W} w:val="zh-CN" w:eastAsia="zh-CN"/>'))
    old.addprevious(defaults)
    root.remove(old)  # type: ignore[attr-defined]
    for xml in _styles_xml(fonts):
        root.append(parse_xml(xml))  # type: ignore[attr-defined]


# --- Pieces ----------------------------------------------------------------------


def _paragraph(style: str, text: str, ppr: str = "", props: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{_runs(text, props)}</w:p>'


def _piece_xml(piece: doc.Piece, fonts: FontSet, after_table: bool, keep_next: bool) -> str:
    space = f'<w:spacing w:before="{_twips(page.TABLE_SPACE_AFTER)}"/>' if after_table else ""
    keep = "<w:keepNext/>" if keep_next else ""
    if isinstance(piece, doc.Title):
        return _paragraph("GxTitle", "\n".join(piece.lines))
    if isinstance(piece, doc.DocNumber):
        return _paragraph("GxDocNumber", piece.text)
    if isinstance(piece, doc.Heading):
        return _paragraph(f"GxHeading{piece.level}", piece.text, space)
    if isinstance(piece, doc.Paragraph):
        return _paragraph("GxBody", piece.text, keep + space)
    if isinstance(piece, PrintedTable):
        return _table_xml(piece, fonts)
    if isinstance(piece, doc.Signature):
        return _signature_xml(piece)
    if isinstance(piece, doc.PageBreak):
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    raise TypeError(piece)


def _signature_xml(signature: doc.Signature) -> str:
    indents = page.signature_indents(signature.organ, signature.date, signature.seal)
    gap = page.SEAL_GAP_LINES if signature.seal else page.SIGNATURE_GAP_LINES
    blank = '<w:p><w:pPr><w:pStyle w:val="GxSignature"/></w:pPr></w:p>'
    lines = [blank] * gap
    if signature.organ:
        organ_ppr = f'<w:ind w:right="{_twips(indents.organ * page.BODY_SIZE)}"/>'
        lines.append(_paragraph("GxSignature", signature.organ, organ_ppr))
    date_ppr = f'<w:keepNext w:val="0"/><w:ind w:right="{_twips(indents.date * page.BODY_SIZE)}"/>'
    lines.append(_paragraph("GxSignature", signature.date, date_ppr))
    return "".join(lines)


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
            if cell.row == r:
                merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
                jc = "center" if table.centred(cell) else "left"
                run_props = props[cell.role is CellRole.HEADING]
                content = _runs(table.text_of(cell), run_props)
            else:
                merge, jc, run_props, content = "<w:vMerge/>", "center", props[False], ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
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
        f'<w:p {_W}><w:pPr><w:spacing w:before="0" w:after="0"/>{side}{props}</w:pPr>'
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


def write(printout: doc.Printout, stream: BinaryIO, fonts: FontSet) -> list[str]:
    """Write ``printout`` as .docx into ``stream``; returns warnings."""
    package = new_document()
    _set_styles(package.styles.element, fonts)

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
        parts.append(_piece_xml(piece, fonts, after_table, keep_next))
    body = parse_xml(f"<w:body {_W}>{''.join(parts)}</w:body>")
    sect_pr = package.element.body.sectPr
    for element in list(body):
        sect_pr.addprevious(element)

    properties = package.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0)
    properties.created = properties.modified = now
    properties.title = printout.title
    properties.author = properties.last_modified_by = printout.organ
    properties.subject = REPORT_KIND
    properties.language = "zh-CN"
    properties.comments = "gxdesk"
    package.save(stream)
    return list(fonts.warnings)
