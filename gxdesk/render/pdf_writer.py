"""The PDF writer: ReportLab platypus lays out a ``Document`` in the GB/T 9704 page.

Text is set by ``pdf_text.TextBlock`` (Chinese line breaking and
justification). Fonts are embedded as subsets (ReportLab always subsets
TrueType). A character the role's font lacks is taken from another resolved
font; one no font has prints as the font's blank glyph but keeps its text,
so copying from the PDF gives back exactly what was typed.
"""

from __future__ import annotations

from typing import Any, BinaryIO, Callable

from gxdesk.render import document as doc
from gxdesk.render import font_cache, layout, rl
from gxdesk.render.fonts import CID_FALLBACK, Choice, FontSet, Role
from gxdesk.render.pdf_text import FontFor, TextBlock
from gxdesk.render.rl import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    pdfmetrics,
    ttfonts,
)
from gxdesk.render.tables import Grid
from gxdesk.render.tables import Role as CellRole

# --- Fonts -------------------------------------------------------------------------

_registered: dict[tuple[str, int], str] = {}


def _font_name(choice: Choice, warnings: list[str]) -> str:
    """Register the choice's face once per process; its ReportLab name."""
    face = choice.face
    if face is None:
        return _cid_font()
    key = (face.path, face.index)
    if key not in _registered:
        name = f"gx{len(_registered)}"
        try:
            pdfmetrics.registerFont(font_cache.load(name, face.path, face.index))
        except Exception:
            warnings.append(f"字体文件“{face.path}”无法嵌入，已改用 STSong-Light（不嵌入字体）")
            return _cid_font()
        _registered[key] = name
    return _registered[key]


def _cid_font() -> str:
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # only without TrueType fonts

        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF as UTF-16 pairs."""
    entries = [f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        f"/CIDSystemInfo\n<< /Registry ({fontname})\n/Ordering ({fontname})\n/Supplement 0\n>> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar", *entries, "endbfchar",
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


# ReportLab writes U+1F600 as <1F600>, which no reader decodes; emoji must survive copying.
# Process-wide, so only where this ReportLab's CMap writer is the one we checked (rl.py).
if rl.tested():
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class _Fonts:
    """ReportLab font names per role, and per character the font that has it."""

    def __init__(self, fontset: FontSet, warnings: list[str]) -> None:
        self.names = {role: _font_name(fontset[role], warnings) for role in Role}
        self.bold = {role: fontset[role].bold for role in Role}
        order = [Role.BODY, Role.SONG, Role.KAI, Role.HEADING, Role.TITLE]
        self._all = list(dict.fromkeys(self.names[r] for r in order))
        self._pickers: dict[Role, FontFor] = {}

    def font_for(self, role: Role) -> FontFor:
        if role not in self._pickers:
            primary = self.names[role]
            cache: dict[str, str] = {}

            def pick(char: str) -> str:
                if char not in cache:
                    cache[char] = self._pick(char, primary)
                return cache[char]

            self._pickers[role] = pick
        return self._pickers[role]

    def _pick(self, char: str, primary: str) -> str:
        code = ord(char)
        if char.isspace() or _has(primary, code):
            return primary
        for name in self._all:
            if _has(name, code):
                return name
        _keep_text(primary, code)
        return primary


def _has(name: str, code: int) -> bool:
    face = getattr(pdfmetrics.getFont(name), "face", None)
    if face is None or not hasattr(face, "charToGlyph"):
        return True  # the CID font: let it try
    return code in face.charToGlyph


def _keep_text(name: str, code: int) -> None:
    """Map a character no font has to the blank glyph, so that it keeps its ToUnicode entry."""
    face = getattr(pdfmetrics.getFont(name), "face", None)
    if face is not None and hasattr(face, "charToGlyph"):
        face.charToGlyph.setdefault(code, 0)


# --- Flowables ---------------------------------------------------------------------


class _GridTable(Table):
    """A report table that splits across pages itself, header repeated.

    ReportLab refuses to split inside a row span, and section 三's label
    三、本年度办理结果 spans 22 rows; so the grid is cut here, spans and all,
    and the header rows open every continuation.
    """

    def __init__(self, grid: Grid, fonts: _Fonts) -> None:
        self.grid, self.fonts = grid, fonts
        data, commands = _table_content(grid, fonts)
        super().__init__(data, colWidths=list(grid.widths), style=commands, hAlign="CENTER")

    def row_heights(self, width: float, height: float) -> list[float]:
        """Row heights as ReportLab measures them; rows past ``height`` may be left unmeasured (inf)."""
        self.wrap(width, height)
        measured: list[float | None] = self._rowHeights  # type: ignore[attr-defined]
        return [h if h is not None else float("inf") for h in measured]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        tops = [0.0]
        for height in self.row_heights(availWidth, availHeight):
            tops.append(tops[-1] + height)
        for row in reversed(self.grid.split_points()):
            if tops[row] > availHeight:
                continue
            first, rest = self.grid.split_at(row)
            head = _GridTable(first, self.fonts)
            if head.wrap(availWidth, availHeight)[1] <= availHeight:
                return [head, _GridTable(rest, self.fonts)]
        return []

    def start_height(self, width: float) -> float:
        """Height of what must open a page: the header and first row, or the first kept range."""
        points = self.grid.split_points()
        end = points[0] if points else self.grid.nrows
        return sum(self.row_heights(width, layout.TYPE_HEIGHT)[:end])


def _table_content(grid: Grid, fonts: _Fonts) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    size = grid.font_size
    leading = size * layout.TABLE_LEADING
    song = fonts.names[Role.SONG]
    data: list[list[Any]] = [[""] * grid.ncols for _ in range(grid.nrows)]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), layout.RULE_WIDTH, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("FONT", (0, 0), (-1, -1), song, size, leading),
        ("LEFTPADDING", (0, 0), (-1, -1), layout.CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), layout.CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), layout.CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), layout.CELL_PAD_Y),
    ]
    for cell in grid.cells:
        if cell.role is CellRole.NUMBER:
            data[cell.row][cell.col] = cell.text  # figures never wrap; a plain string is cheapest
            room = sum(grid.widths[cell.col: cell.col + cell.colspan]) - 2 * layout.CELL_PAD_X
            width = pdfmetrics.stringWidth(cell.text, song, size)
            if width > room:  # a figure too long for its column is set smaller, never across the rule
                smaller = size * room / width
                commands.append(("FONT", (cell.col, cell.row), (cell.col, cell.row), song, smaller,
                                 smaller * layout.TABLE_LEADING))
        else:
            role = Role.HEADING if cell.role is CellRole.BLOCK else Role.SONG
            data[cell.row][cell.col] = TextBlock(
                cell.text, fonts.font_for(role), size, leading, align="centre" if cell.centred else "left",
                bold=fonts.bold[role] and role is Role.HEADING, kind="cell",
            )
        if cell.rowspan > 1 or cell.colspan > 1:
            last = (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
            commands.append(("SPAN", (cell.col, cell.row), last))
    return data, commands


# --- The document -------------------------------------------------------------------


def write(document: doc.Document, stream: BinaryIO, fontset: FontSet) -> list[str]:
    """Lay out ``document`` as PDF into ``stream``; returns warnings."""
    warnings = list(fontset.pdf_warnings)
    fonts = _Fonts(fontset, warnings)
    story = _story(document, fonts)
    template = BaseDocTemplate(
        stream,
        pagesize=(layout.PAGE_WIDTH, layout.PAGE_HEIGHT),
        leftMargin=layout.MARGIN_LEFT, rightMargin=layout.MARGIN_RIGHT,
        topMargin=layout.MARGIN_TOP, bottomMargin=layout.MARGIN_BOTTOM,
        title=document.title, author=document.organ, creator="gxdesk", subject="政府信息公开工作年度报告",
        lang="zh-CN", invariant=1,
        # Otherwise every page names Helvetica, a font the report never uses and does not embed.
        initialFontName=fonts.names[Role.BODY], initialFontSize=layout.BODY_SIZE,
    )
    frame = Frame(layout.MARGIN_LEFT, layout.MARGIN_BOTTOM, layout.TYPE_WIDTH, layout.TYPE_HEIGHT,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    template.addPageTemplates([PageTemplate("page", [frame], onPage=_page_number(fonts.names[Role.SONG]))])
    template.build(story)
    return warnings


def _page_number(font: str) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, _template: Any) -> None:
        number = canvas.getPageNumber()
        text = layout.page_number_text(number)
        # The dash line sits about 0.35 em above the baseline.
        y = layout.MARGIN_BOTTOM - layout.PAGE_NUMBER_GAP - 0.35 * layout.PAGE_NUMBER_SIZE
        canvas.saveState()
        canvas.setFont(font, layout.PAGE_NUMBER_SIZE)
        if number % 2:
            canvas.drawRightString(layout.PAGE_WIDTH - layout.MARGIN_RIGHT - layout.PAGE_NUMBER_INSET, y, text)
        else:
            canvas.drawString(layout.MARGIN_LEFT + layout.PAGE_NUMBER_INSET, y, text)
        canvas.restoreState()

    return draw


_HEADING_ROLES = {1: Role.HEADING, 2: Role.KAI, 3: Role.BODY}


def _story(document: doc.Document, fonts: _Fonts) -> list[Flowable]:
    items: list[Flowable] = []
    for block in document.blocks:
        flowable = _flowable(block, fonts)
        if isinstance(block, doc.Signature):
            last = items[-1] if items else None
            if isinstance(last, TextBlock) and last.kind == "body":
                items.pop()
                items.extend(_with_signature(last, flowable))
            else:
                items.extend(_with_signature(None, flowable))
            continue
        items.append(flowable)
        if isinstance(block, doc.Table):
            items.append(Spacer(0, layout.TABLE_SPACE_AFTER))
    story: list[Flowable] = []
    for i, item in enumerate(items):
        if isinstance(item, TextBlock) and item.kind == "heading":
            # No heading ends a page: it needs room for itself and the start of what follows.
            story.append(CondPageBreak(_start_height(items, i)))
        story.append(item)
    return story


class _Together(KeepTogether):
    """KeepTogether that remembers its parts (to measure them before layout)."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__(parts)
        self.parts = parts


def _with_signature(last: TextBlock | None, signature: list[Flowable]) -> list[Flowable]:
    """Never a signature alone on a page: the last lines of the text go along (GB/T 9704 7.3.5.1)."""
    if last is None:
        return [_Together(signature)]
    lines = last.lines(layout.TYPE_WIDTH)
    if len(lines) <= 4:
        return [_Together([last, *signature])]
    head, tail = last.parts(len(lines) - 2)
    return [head, _Together([tail, *signature])]


def _start_height(items: list[Flowable], i: int) -> float:
    """Room a heading needs: itself, headings right after it, then the start of what follows."""
    height = 0.0
    for item in items[i:]:
        if isinstance(item, TextBlock) and item.kind == "heading":
            height += item.leading * len(item.lines(layout.TYPE_WIDTH))
            continue
        if isinstance(item, TextBlock):
            return height + item.leading * min(len(item.lines(layout.TYPE_WIDTH)), 2)
        if isinstance(item, _GridTable):
            return height + item.start_height(layout.TYPE_WIDTH)
        if isinstance(item, _Together):
            total = sum(f.wrap(layout.TYPE_WIDTH, layout.TYPE_HEIGHT)[1] for f in item.parts)
            return height + min(total, layout.TYPE_HEIGHT - height)
        return height + layout.LINE_PITCH
    return height


def _text(text: str, fonts: _Fonts, role: Role, **options: Any) -> TextBlock:
    size = options.pop("size", layout.BODY_SIZE)
    leading = options.pop("leading", layout.LINE_PITCH)
    return TextBlock(text, fonts.font_for(role), size, leading, bold=fonts.bold[role], **options)


def _flowable(block: doc.Block, fonts: _Fonts) -> Any:
    if isinstance(block, doc.Title):
        return _text("\n".join(block.lines), fonts, Role.TITLE, size=layout.TITLE_SIZE, leading=layout.TITLE_PITCH,
                     align="centre", space_after=layout.LINE_PITCH, kind="title")
    if isinstance(block, doc.DocNumber):
        return _text(block.text, fonts, Role.BODY, align="centre", space_after=layout.LINE_PITCH)
    if isinstance(block, doc.Heading):
        return _text(block.text, fonts, _HEADING_ROLES[block.level], align="left", first_indent=layout.INDENT,
                     kind="heading")
    if isinstance(block, doc.Paragraph):
        return _text(block.text, fonts, Role.BODY, first_indent=layout.INDENT)
    if isinstance(block, doc.Table):
        return _GridTable(block.grid, fonts)
    if isinstance(block, doc.Signature):
        return _signature(block, fonts)
    if isinstance(block, doc.PageBreak):
        return PageBreak()
    raise TypeError(block)


def _signature(block: doc.Signature, fonts: _Fonts) -> list[Flowable]:
    indents = layout.signature_indents(block.organ, block.date, block.seal)
    gap = layout.SEAL_GAP_LINES if block.seal else layout.SIGNATURE_GAP_LINES
    parts: list[Flowable] = [Spacer(0, gap * layout.LINE_PITCH)]
    if block.organ:
        parts.append(_text(block.organ, fonts, Role.BODY, align="right", right_indent=indents.organ * layout.BODY_SIZE))
    parts.append(_text(block.date, fonts, Role.BODY, align="right", right_indent=indents.date * layout.BODY_SIZE))
    return parts
