"""The PDF writer: a ``Printout`` laid out in the GB/T 9704 page, drawn on a ReportLab canvas.

Text is set by ``pdf_text.TextBlock`` (Chinese line breaking and
justification), tables are drawn and the pages filled by ``pdf_pages``;
ReportLab's platypus is not used (importing it costs a fifth of a render).
Fonts are embedded as subsets (ReportLab always subsets TrueType). A
character the role's font lacks is taken from another resolved font; one no
font has prints as the font's blank glyph but keeps its text, so copying
from the PDF gives back exactly what was typed.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from gxdesk.grid import CellRole
from gxdesk.render import breaking, font_cache, page, pdf_pages, rl
from gxdesk.render import printout as doc
from gxdesk.render.fonts import CID_FALLBACK, Choice, FontRole, FontSet
from gxdesk.render.pdf_pages import Gap, NeedRoom, NewPage, TableBox, Together
from gxdesk.render.pdf_text import FontFor, TextBlock
from gxdesk.render.rl import Canvas, pdfmetrics, ttfonts
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


# --- The document -------------------------------------------------------------------


def write(printout: doc.Printout, stream: BinaryIO, fontset: FontSet) -> list[str]:
    """Lay out ``printout`` as PDF into ``stream``; returns notes for the user (warnings and
    which standard face each font replaces)."""
    warnings = list(fontset.pdf_warnings)
    fonts = _Fonts(fontset, warnings)
    pages = pdf_pages.paginate(_story(printout, fonts))
    # Created and modified now (ReportLab takes SOURCE_DATE_EPOCH instead when it is set, for
    # reproducible files); the language for screen readers. Every page starts in the body font,
    # else it would name Helvetica, a font the report never uses and does not embed.
    canvas = Canvas(stream, pagesize=(page.PAGE_WIDTH, page.PAGE_HEIGHT), invariant=0, lang="zh-CN",
                    initialFontName=fonts.names[FontRole.BODY],  # type: ignore[arg-type]  # the stub is wrong
                    initialFontSize=page.BODY_SIZE)
    canvas.setTitle(printout.title)
    canvas.setAuthor(printout.organ)
    canvas.setSubject(REPORT_KIND)
    canvas.setCreator("gxdesk")
    top = page.PAGE_HEIGHT - page.MARGIN_TOP
    for number, placed in enumerate(pages, start=1):
        _page_number(canvas, number, fonts.names[FontRole.SONG])
        for item in placed.boxes:
            item.box.draw(canvas, page.MARGIN_LEFT, top - item.top, page.TYPE_WIDTH)
        canvas.showPage()
    canvas.save()
    return [*warnings, *fontset.notes(".pdf")]


def cuts(printout: doc.Printout, fontset: FontSet) -> dict[str, tuple[int, ...]]:
    """Where the PDF's pages cut each table: per table id, the rows (of the whole table) that open
    a new page. The .docx cuts its tables there too, to repeat the header and the group labels.
    Only measures: no PDF is made."""
    found: dict[str, list[int]] = {}
    for placed in pdf_pages.paginate(_story(printout, _Fonts(fontset, []))):
        for item in placed.boxes:
            if isinstance(item.box, TableBox) and item.box.table.origin > 0:
                part = item.box.table
                found.setdefault(part.id, []).append(part.origin + part.grid.header_rows)
    return {table: tuple(sorted(set(rows))) for table, rows in found.items()}


def _page_number(canvas: Any, number: int, font: str) -> None:
    """— N — in 4号宋体, its dash line 7 mm below the type area; odd pages right, even left."""
    text = page.page_number_text(number)
    y = page.MARGIN_BOTTOM - page.PAGE_NUMBER_GAP - 0.35 * page.PAGE_NUMBER_SIZE  # the dash ~0.35 em up
    canvas.setFont(font, page.PAGE_NUMBER_SIZE)
    if number % 2:
        canvas.drawRightString(page.PAGE_WIDTH - page.MARGIN_RIGHT - page.PAGE_NUMBER_INSET, y, text)
    else:
        canvas.drawString(page.MARGIN_LEFT + page.PAGE_NUMBER_INSET, y, text)


_HEADING_ROLES = {1: FontRole.HEADING, 2: FontRole.KAI, 3: FontRole.BODY}


def _story(printout: doc.Printout, fonts: _Fonts) -> list[Any]:
    items: list[Any] = []
    for piece in printout.pieces:
        box = _box(piece, fonts)
        if isinstance(piece, doc.Signature):
            last = items[-1] if items else None
            if isinstance(last, TextBlock) and last.kind == "body":
                items.pop()
                items.extend(_with_signature(last, box))
            else:
                items.extend(_with_signature(None, box))
            continue
        items.append(box)
        if isinstance(piece, PrintedTable):
            items.append(Gap(page.TABLE_SPACE_AFTER))
    story: list[Any] = []
    for i, item in enumerate(items):
        if isinstance(item, TextBlock) and item.kind == "heading":
            # No heading ends a page: it needs room for itself and the start of what follows.
            story.append(NeedRoom(_start_height(items, i)))
        story.append(item)
    return story


def _with_signature(last: TextBlock | None, signature: list[Any]) -> list[Any]:
    """Never a signature alone on a page: the last lines of the text go along (GB/T 9704 7.3.5.1)."""
    if last is None:
        return [Together(signature)]
    lines = last.lines(page.TYPE_WIDTH)
    if len(lines) <= 4:
        return [Together([last, *signature])]
    head, tail = last.parts(len(lines) - 2)
    return [head, Together([tail, *signature])]


def _start_height(items: list[Any], i: int) -> float:
    """Room a heading needs: itself, headings right after it, then the start of what follows."""
    height = 0.0
    for item in items[i:]:
        if isinstance(item, TextBlock) and item.kind == "heading":
            height += item.height(page.TYPE_WIDTH)
            continue
        if isinstance(item, TextBlock):
            # The first lines of the text: two, or all of a short paragraph (split, it would leave
            # fewer than two lines on one side, so it moves whole).
            count = len(item.lines(page.TYPE_WIDTH))
            return height + item.leading * (count if count <= 3 else 2)
        if isinstance(item, TableBox):
            return height + item.start_height()
        if isinstance(item, Together):
            return height + min(item.height(page.TYPE_WIDTH), page.TYPE_HEIGHT - height)
        return height + page.LINE_PITCH
    return height


def _text(text: str, fonts: _Fonts, role: FontRole, **options: Any) -> TextBlock:
    """Text of 3号 sits on the 28-character grid (tracked); a title is set at its own size."""
    size = options.pop("size", page.BODY_SIZE)
    leading = options.pop("leading", page.LINE_PITCH)
    tracking = page.TRACKING if size == page.BODY_SIZE else 0.0
    return TextBlock(text, fonts.font_for(role), size, leading, bold=fonts.bold[role], tracking=tracking, **options)


def _table(table: PrintedTable, fonts: _Fonts) -> TableBox:
    song = fonts.names[FontRole.SONG]
    text_for = {role: (fonts.font_for(FontRole.SONG), False) for role in CellRole}
    text_for[CellRole.HEADING] = (fonts.font_for(FontRole.HEADING), fonts.bold[FontRole.HEADING])
    return TableBox(table, text_for, lambda text, size: pdfmetrics.stringWidth(text, song, size))


def _box(piece: doc.Piece, fonts: _Fonts) -> Any:
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
        return _table(piece, fonts)
    if isinstance(piece, doc.Signature):
        return _signature(piece, fonts)
    if isinstance(piece, doc.PageBreak):
        return NewPage()
    raise TypeError(piece)


def _signature(signature: doc.Signature, fonts: _Fonts) -> list[Any]:
    """The lines of ``breaking.signature_lines``, each where it says (in cells of the grid)."""
    gap = page.SEAL_GAP_LINES if signature.seal else page.SIGNATURE_GAP_LINES
    parts: list[Any] = [Gap(gap * page.LINE_PITCH)]
    width = page.TYPE_WIDTH
    for line in breaking.signature_lines(signature.organ, signature.date, signature.seal):
        at = line.at * page.CHAR_PITCH
        if line.align == "left":
            parts.append(_text(line.text, fonts, FontRole.BODY, align="left", first_indent=at))
        else:  # centred on ``at``: the text column is made symmetric around it
            parts.append(_text(line.text, fonts, FontRole.BODY, align="centre", first_indent=max(0.0, 2 * at - width),
                               right_indent=max(0.0, width - 2 * at)))
    return parts
