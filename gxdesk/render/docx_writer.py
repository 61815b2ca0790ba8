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

from gxdesk.render import document as doc
from gxdesk.render import layout
from gxdesk.render.fonts import FontSet, Role
from gxdesk.render.tables import Grid
from gxdesk.render.tables import Role as CellRole

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

_LINE = f'w:line="{_twips(layout.LINE_PITCH)}" w:lineRule="exact"'
_INDENT = f'<w:ind w:firstLine="{_twips(layout.INDENT)}"/>'


def _style(style_id: str, name: str, ppr: str, font: str, size: float, bold: bool = False) -> str:
    return (
        f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{_run_props(font, size, bold)}</w:style>"
    )


def _styles_xml(fonts: FontSet) -> list[str]:
    body, heading, kai = fonts[Role.BODY].docx_name, fonts[Role.HEADING].docx_name, fonts[Role.KAI].docx_name
    title = fonts[Role.TITLE]
    plain = ('<w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
             f'<w:spacing w:before="0" w:after="0" {_LINE}/>')
    keep = "<w:keepNext/><w:keepLines/>"
    size = layout.BODY_SIZE
    title_spacing = (f'<w:spacing w:before="0" w:after="{_twips(layout.LINE_PITCH)}" '
                     f'w:line="{_twips(layout.TITLE_PITCH)}" w:lineRule="exact"/>')
    return [
        _style("GxBody", "报告正文", f'{plain}{_INDENT}<w:jc w:val="both"/>', body, size),
        _style("GxTitle", "报告标题", f'{keep}{title_spacing}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
               title.docx_name, layout.TITLE_SIZE, title.docx_bold),
        _style("GxDocNumber", "发文字号",
               f'{keep}<w:spacing w:before="0" w:after="{_twips(layout.LINE_PITCH)}" {_LINE}/><w:jc w:val="center"/>',
               body, size),
        _style("GxHeading1", "一级标题", f'{keep}{plain}{_INDENT}<w:jc w:val="left"/><w:outlineLvl w:val="1"/>',
               heading, size),
        _style("GxHeading2", "二级标题", f'{keep}{plain}{_INDENT}<w:jc w:val="left"/><w:outlineLvl w:val="2"/>',
               kai, size),
        _style("GxHeading3", "三级标题", f'{keep}{plain}{_INDENT}<w:jc w:val="left"/><w:outlineLvl w:val="3"/>',
               body, size),
        _style("GxSignature", "署名和日期", f'{keep}{plain}<w:jc w:val="right"/>', body, size),
        _style("GxTable", "表格文字", '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>',
               fonts[Role.SONG].docx_name, 10.5),
    ]


def _doc_defaults(fonts: FontSet) -> str:
    # Explicit names, no theme fonts: a theme attribute would win over any name a style sets.
    return (
        f"<w:docDefaults {_W}><w:rPrDefault>{_run_props(fonts[Role.BODY].docx_name, layout.BODY_SIZE)}"
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


# --- Blocks ------------------------------------------------------------------------


def _paragraph(style: str, text: str, ppr: str = "", props: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{_runs(text, props)}</w:p>'


def _block_xml(block: doc.Block, fonts: FontSet, after_table: bool, keep_next: bool) -> str:
    space = f'<w:spacing w:before="{_twips(layout.TABLE_SPACE_AFTER)}"/>' if after_table else ""
    keep = "<w:keepNext/>" if keep_next else ""
    if isinstance(block, doc.Title):
        return _paragraph("GxTitle", "\n".join(block.lines))
    if isinstance(block, doc.DocNumber):
        return _paragraph("GxDocNumber", block.text)
    if isinstance(block, doc.Heading):
        return _paragraph(f"GxHeading{block.level}", block.text, space)
    if isinstance(block, doc.Paragraph):
        return _paragraph("GxBody", block.text, keep + space)
    if isinstance(block, doc.Table):
        return _table_xml(block.grid, fonts)
    if isinstance(block, doc.Signature):
        return _signature_xml(block)
    if isinstance(block, doc.PageBreak):
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    raise TypeError(block)


def _signature_xml(block: doc.Signature) -> str:
    indents = layout.signature_indents(block.organ, block.date, block.seal)
    gap = layout.SEAL_GAP_LINES if block.seal else layout.SIGNATURE_GAP_LINES
    blank = '<w:p><w:pPr><w:pStyle w:val="GxSignature"/></w:pPr></w:p>'
    lines = [blank] * gap
    if block.organ:
        organ_ppr = f'<w:ind w:right="{_twips(indents.organ * layout.BODY_SIZE)}"/>'
        lines.append(_paragraph("GxSignature", block.organ, organ_ppr))
    date_ppr = f'<w:keepNext w:val="0"/><w:ind w:right="{_twips(indents.date * layout.BODY_SIZE)}"/>'
    lines.append(_paragraph("GxSignature", block.date, date_ppr))
    return "".join(lines)


def _table_xml(grid: Grid, fonts: FontSet) -> str:
    widths = [_twips(w) for w in grid.widths]
    size = grid.font_size
    line = _twips(size * layout.TABLE_LEADING)
    song, heading = fonts[Role.SONG].docx_name, fonts[Role.HEADING].docx_name
    props = {False: _run_props(song, size), True: _run_props(heading, size)}
    border = f'w:val="single" w:sz="{round(layout.RULE_WIDTH * 8)}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    pad_x, pad_y = _twips(layout.CELL_PAD_X), _twips(layout.CELL_PAD_Y)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:top w:w="{pad_y}" w:type="dxa"/><w:left w:w="{pad_x}" w:type="dxa"/>'
        f'<w:bottom w:w="{pad_y}" w:type="dxa"/><w:right w:w="{pad_x}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr>',
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
    ]
    covered = grid.covered()
    # Header rows, the first data row and kept ranges stay with the row after them ("keep with next").
    opening = set(range(grid.header_rows + 1)) if grid.header_rows else set()
    keep_rows = opening | {r for a, b in grid.keep for r in range(a, b)}
    for r in range(grid.nrows):
        header = "<w:tblHeader/>" if r < grid.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        keep = "<w:keepNext/>" if r in keep_rows else ""
        c = 0
        while c < grid.ncols:
            cell = covered[(r, c)]
            width = sum(widths[cell.col: cell.col + cell.colspan])
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            if cell.row == r:
                merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
                jc = "center" if cell.centred else "left"
                run_props = props[cell.role is CellRole.BLOCK]
                content = _runs(cell.text, run_props)
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
    props = _run_props(fonts[Role.SONG].docx_name, layout.PAGE_NUMBER_SIZE)
    inset = _twips(layout.PAGE_NUMBER_INSET)
    if odd:
        side = f'<w:ind w:right="{inset}"/><w:jc w:val="right"/>'
    else:
        side = f'<w:ind w:left="{inset}"/><w:jc w:val="left"/>'
    dash_before, dash_after = layout.page_number_text(0).split("0")
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


def write(document: doc.Document, stream: BinaryIO, fonts: FontSet) -> list[str]:
    """Write ``document`` as .docx into ``stream``; returns warnings."""
    package = new_document()
    _set_styles(package.styles.element, fonts)

    section = package.sections[0]
    section.page_width, section.page_height = Pt(layout.PAGE_WIDTH), Pt(layout.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Pt(layout.MARGIN_TOP), Pt(layout.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Pt(layout.MARGIN_LEFT), Pt(layout.MARGIN_RIGHT)
    section.footer_distance = Pt(layout.FOOTER_DISTANCE)
    section.header_distance = Pt(15 * layout.MM)
    package.settings.odd_and_even_pages_header_footer = True
    _set_footer(section.footer, _page_number_xml(fonts, odd=True))
    _set_footer(section.even_page_footer, _page_number_xml(fonts, odd=False))

    blocks = document.blocks
    parts = []
    for i, block in enumerate(blocks):
        after_table = i > 0 and isinstance(blocks[i - 1], doc.Table)
        # The paragraph before the signature keeps it company on the page.
        keep_next = i + 1 < len(blocks) and isinstance(blocks[i + 1], doc.Signature)
        parts.append(_block_xml(block, fonts, after_table, keep_next))
    body = parse_xml(f"<w:body {_W}>{''.join(parts)}</w:body>")
    sect_pr = package.element.body.sectPr
    for element in list(body):
        sect_pr.addprevious(element)

    properties = package.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0)
    properties.created = properties.modified = now
    properties.title = document.title
    properties.author = properties.last_modified_by = document.organ
    properties.subject = "政府信息公开工作年度报告"
    properties.language = "zh-CN"
    properties.comments = "gxdesk"
    package.save(stream)
    return list(fonts.warnings)
