"""The PDF writer: ReportLab platypus lays out a ``Printout`` in the GB/T 9704 page.

Text is set by ``pdf_text.TextBlock`` (Chinese line breaking and
justification). Fonts are embedded as subsets (ReportLab always subsets
TrueType). A character the role's font lacks is taken from another resolved
font; one no font has prints as the font's blank glyph but keeps its text,
so copying from the PDF gives back exactly what was typed.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO, Callable

from gxdesk.grid import CellRole
from gxdesk.render import breaking, font_cache, page, rl
from gxdesk.render import printout as doc
from gxdesk.render.fonts import CID_FALLBACK, Choice, FontRole, FontSet
from gxdesk.render.pdf_text import FontFor, TextBlock
from gxdesk.render.rl import (
    BaseDocTemplate,
    Canvas,
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
from gxdesk.render.tables import PrintedTable
from gxdesk.schema import REPORT_KIND

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
        self.names = {role: _font_name(fontset[role], warnings) for role in FontRole}
        self.bold = {role: fontset[role].bold for role in FontRole}
        order = [FontRole.BODY, FontRole.SONG, FontRole.KAI, FontRole.HEADING, FontRole.TITLE]
        self._all = list(dict.fromkeys(self.names[r] for r in order))
        self._pickers: dict[FontRole, FontFor] = {}
        self.drawn: list[PrintedTable] = []  # the parts of the tables, as the pages cut them

    def font_for(self, role: FontRole) -> FontFor:
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

    def __init__(self, table: PrintedTable, fonts: _Fonts, drawn: list[PrintedTable]) -> None:
        self.table, self.fonts, self.drawn = table, fonts, drawn
        data, commands = _table_content(table, fonts)
        super().__init__(data, colWidths=list(table.widths), style=commands, hAlign="CENTER")

    def draw(self) -> None:
        self.drawn.append(self.table)  # where the pages cut it, for the .docx (``cuts``)
        super().draw()

    def row_heights(self, width: float, height: float) -> list[float]:
        """Row heights as ReportLab measures them; rows past ``height`` may be left unmeasured (inf)."""
        self.wrap(width, height)
        measured: list[float | None] = self._rowHeights  # type: ignore[attr-defined]
        return [h if h is not None else float("inf") for h in measured]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        tops = [0.0]
        for height in self.row_heights(availWidth, availHeight):
            tops.append(tops[-1] + height)
        for row in reversed(self.table.split_points()):
            if tops[row] > availHeight:
                continue
            first, rest = self.table.split_at(row)
            head = _GridTable(first, self.fonts, self.drawn)
            if head.wrap(availWidth, availHeight)[1] <= availHeight:
                return [head, _GridTable(rest, self.fonts, self.drawn)]
        return []

    def start_height(self, width: float) -> float:
        """Height of what must open a page: the header and first row, or the first kept range."""
        points = self.table.split_points()
        end = points[0] if points else self.table.grid.rows
        return sum(self.row_heights(width, page.TYPE_HEIGHT)[:end])


def _table_content(table: PrintedTable, fonts: _Fonts) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    grid, size = table.grid, table.font_size
    leading = size * page.TABLE_LEADING
    song = fonts.names[FontRole.SONG]
    data: list[list[Any]] = [[""] * grid.columns for _ in range(grid.rows)]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), page.RULE_WIDTH, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("FONT", (0, 0), (-1, -1), song, size, leading),
        ("LEFTPADDING", (0, 0), (-1, -1), page.CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), page.CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), page.CELL_PAD_Y),
        # Word and LibreOffice give each row its rule's width too; so does the PDF, so that the
        # pages of both outputs end at the same row.
        ("BOTTOMPADDING", (0, 0), (-1, -1), page.CELL_PAD_Y + page.RULE_WIDTH),
    ]
    for cell in grid.cells:
        text, column = table.printed_text(cell), cell.column
        if cell.role is CellRole.VALUE:
            data[cell.row][column] = text  # figures never wrap; a plain string is cheapest
            room = table.room(cell)
            width = pdfmetrics.stringWidth(text, song, size)
            if width > room:  # a figure too long for its column is set smaller, never across the rule
                smaller = size * room / width
                commands.append(("FONT", (column, cell.row), (column, cell.row), song, smaller,
                                 smaller * page.TABLE_LEADING))
        else:
            role = FontRole.HEADING if cell.role is CellRole.HEADING else FontRole.SONG
            data[cell.row][column] = TextBlock(
                text, fonts.font_for(role), size, leading, align="centre" if table.centred(cell) else "left",
                bold=fonts.bold[role] and role is FontRole.HEADING, kind="cell",
            )
        if cell.rowspan > 1 or cell.colspan > 1:
            last = (column + cell.colspan - 1, cell.row + cell.rowspan - 1)
            commands.append(("SPAN", (column, cell.row), last))
    return data, commands


# --- The document -------------------------------------------------------------------


def write(printout: doc.Printout, stream: BinaryIO, fontset: FontSet) -> list[str]:
    """Lay out ``printout`` as PDF into ``stream``; returns notes for the user (warnings and
    which standard face each font replaces)."""
    warnings = list(fontset.pdf_warnings)
    _build(printout, stream, _Fonts(fontset, warnings))
    return [*warnings, *fontset.notes(".pdf")]


def cuts(printout: doc.Printout, fontset: FontSet) -> dict[str, tuple[int, ...]]:
    """Where the PDF's pages cut each table: per table id, the rows (of the whole table) that open
    a new page. The .docx cuts its tables there too, to repeat the header and the group labels."""
    fonts = _Fonts(fontset, [])
    _build(printout, io.BytesIO(), fonts, canvasmaker=_Measuring)
    found: dict[str, list[int]] = {}
    for part in fonts.drawn:
        if part.origin > 0:
            found.setdefault(part.id, []).append(part.origin + part.grid.header_rows)
    return {table: tuple(sorted(set(rows))) for table, rows in found.items()}


class _Measuring(Canvas):
    """A canvas for laying out only: nothing is written."""

    def save(self) -> None:
        pass


def _build(printout: doc.Printout, stream: BinaryIO, fonts: _Fonts, canvasmaker: Any = Canvas) -> None:
    story = _story(printout, fonts)
    template = BaseDocTemplate(
        stream,
        pagesize=(page.PAGE_WIDTH, page.PAGE_HEIGHT),
        leftMargin=page.MARGIN_LEFT, rightMargin=page.MARGIN_RIGHT,
        topMargin=page.MARGIN_TOP, bottomMargin=page.MARGIN_BOTTOM,
        # Created and modified now (ReportLab takes SOURCE_DATE_EPOCH instead when it is set,
        # for reproducible files); the title, the organ as author, the language for screen readers.
        title=printout.title, author=printout.organ, creator="gxdesk", subject=REPORT_KIND,
        lang="zh-CN", invariant=0,
        # Otherwise every page names Helvetica, a font the report never uses and does not embed.
        initialFontName=fonts.names[FontRole.BODY], initialFontSize=page.BODY_SIZE,
    )
    frame = Frame(page.MARGIN_LEFT, page.MARGIN_BOTTOM, page.TYPE_WIDTH, page.TYPE_HEIGHT,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    template.addPageTemplates([PageTemplate("page", [frame], onPage=_page_number(fonts.names[FontRole.SONG]))])
    template.build(story, canvasmaker=canvasmaker)


def _page_number(font: str) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, _template: Any) -> None:
        number = canvas.getPageNumber()
        text = page.page_number_text(number)
        # The dash line sits about 0.35 em above the baseline.
        y = page.MARGIN_BOTTOM - page.PAGE_NUMBER_GAP - 0.35 * page.PAGE_NUMBER_SIZE
        canvas.saveState()
        canvas.setFont(font, page.PAGE_NUMBER_SIZE)
        if number % 2:
            canvas.drawRightString(page.PAGE_WIDTH - page.MARGIN_RIGHT - page.PAGE_NUMBER_INSET, y, text)
        else:
            canvas.drawString(page.MARGIN_LEFT + page.PAGE_NUMBER_INSET, y, text)
        canvas.restoreState()

    return draw


_HEADING_ROLES = {1: FontRole.HEADING, 2: FontRole.KAI, 3: FontRole.BODY}


def _story(printout: doc.Printout, fonts: _Fonts) -> list[Flowable]:
    items: list[Flowable] = []
    for piece in printout.pieces:
        flowable = _flowable(piece, fonts)
        if isinstance(piece, doc.Signature):
            last = items[-1] if items else None
            if isinstance(last, TextBlock) and last.kind == "body":
                items.pop()
                items.extend(_with_signature(last, flowable))
            else:
                items.extend(_with_signature(None, flowable))
            continue
        items.append(flowable)
        if isinstance(piece, PrintedTable):
            items.append(Spacer(0, page.TABLE_SPACE_AFTER))
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
    lines = last.lines(page.TYPE_WIDTH)
    if len(lines) <= 4:
        return [_Together([last, *signature])]
    head, tail = last.parts(len(lines) - 2)
    return [head, _Together([tail, *signature])]


def _start_height(items: list[Flowable], i: int) -> float:
    """Room a heading needs: itself, headings right after it, then the start of what follows."""
    height = 0.0
    for item in items[i:]:
        if isinstance(item, TextBlock) and item.kind == "heading":
            height += item.leading * len(item.lines(page.TYPE_WIDTH))
            continue
        if isinstance(item, TextBlock):
            # The first lines of the text: two, or all of a short paragraph (split, it would leave
            # fewer than two lines on one side, so it moves whole).
            count = len(item.lines(page.TYPE_WIDTH))
            return height + item.leading * (count if count <= 3 else 2)
        if isinstance(item, _GridTable):
            return height + item.start_height(page.TYPE_WIDTH)
        if isinstance(item, _Together):
            total = sum(f.wrap(page.TYPE_WIDTH, page.TYPE_HEIGHT)[1] for f in item.parts)
            return height + min(total, page.TYPE_HEIGHT - height)
        return height + page.LINE_PITCH
    return height


def _text(text: str, fonts: _Fonts, role: FontRole, **options: Any) -> TextBlock:
    """Text of 3号 sits on the 28-character grid (tracked); a title is set at its own size."""
    size = options.pop("size", page.BODY_SIZE)
    leading = options.pop("leading", page.LINE_PITCH)
    tracking = page.TRACKING if size == page.BODY_SIZE else 0.0
    return TextBlock(text, fonts.font_for(role), size, leading, bold=fonts.bold[role], tracking=tracking, **options)


def _flowable(piece: doc.Piece, fonts: _Fonts) -> Any:
    if isinstance(piece, doc.Title):
        return _text("\n".join(piece.lines), fonts, FontRole.TITLE, size=page.TITLE_SIZE, leading=page.TITLE_PITCH,
                     align="centre", space_after=page.LINE_PITCH, kind="title")
    if isinstance(piece, doc.DocNumber):
        return _text(piece.text, fonts, FontRole.BODY, align="centre", space_after=page.LINE_PITCH)
    if isinstance(piece, doc.Heading):
        return _text(piece.text, fonts, _HEADING_ROLES[piece.level], align="left", first_indent=page.INDENT,
                     kind="heading")
    if isinstance(piece, doc.Paragraph):
        lead = (len(piece.lead), fonts.font_for(_HEADING_ROLES[piece.lead_level])) if piece.lead else (0, str)
        return _text(piece.text, fonts, FontRole.BODY, first_indent=page.INDENT, lead=lead)
    if isinstance(piece, PrintedTable):
        return _GridTable(piece, fonts, fonts.drawn)
    if isinstance(piece, doc.Signature):
        return _signature(piece, fonts)
    if isinstance(piece, doc.PageBreak):
        return PageBreak()
    raise TypeError(piece)


def _signature(signature: doc.Signature, fonts: _Fonts) -> list[Flowable]:
    """The lines of ``breaking.signature_lines``, each where it says (in cells of the grid)."""
    gap = page.SEAL_GAP_LINES if signature.seal else page.SIGNATURE_GAP_LINES
    parts: list[Flowable] = [Spacer(0, gap * page.LINE_PITCH)]
    width = page.TYPE_WIDTH
    for line in breaking.signature_lines(signature.organ, signature.date, signature.seal):
        at = line.at * page.CHAR_PITCH
        if line.align == "left":
            parts.append(_text(line.text, fonts, FontRole.BODY, align="left", first_indent=at))
        else:  # centred on ``at``: the text column is made symmetric around it
            parts.append(_text(line.text, fonts, FontRole.BODY, align="centre", first_indent=max(0.0, 2 * at - width),
                               right_indent=max(0.0, width - 2 * at)))
    return parts
