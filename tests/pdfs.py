"""PDFs made here for the importer's tests and benchmark, each like one met in the wild.

- ``unruled``: a report set with ReportLab, its tables without a single rule (cells
  only placed; labels wrapping inside their columns; a blank cell printed as nothing);
- ``turned``: a page shown rotated (/Rotate) or its content drawn sideways;
- ``scanned``: each page an image, no text layer (a scan of the sealed copy);
- ``encrypted``, ``with_actions`` (JavaScript, launch), a page-count and a stream bomb.

The texts and tables come from ``tests.layouts.document`` (the official shapes,
from the schema), so any report can be laid out this way.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from gxdesk import schema
from gxdesk.model import Report
from tests import layouts

SONG = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")  # fonts-arphic-gbsn00lp (.ci/run)
WIDTHS_MM = {len(t.widths_mm): t.widths_mm for t in schema.TABLES}  # by column count of the printed grid


def unruled(report: Report, path: Path, *, valign: str = "MIDDLE", font_size: float = 9) -> Path:
    """The report as a PDF whose tables have no rules at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "GBSong" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("GBSong", str(SONG)))
    body = ParagraphStyle("body", fontName="GBSong", fontSize=14, leading=24, firstLineIndent=28,
                          wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=28)
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=30, alignment=1, firstLineIndent=0)
    cell = ParagraphStyle("cell", fontName="GBSong", fontSize=font_size, leading=font_size * 1.3,
                          wordWrap="CJK", alignment=1)
    story: list[object] = []
    for block in layouts.document(report):
        if block.kind == "table":
            assert block.grid is not None
            story += [_table(block.grid, cell, valign, Table, TableStyle, Paragraph, mm), Spacer(1, 12)]
        elif block.text:
            style = {"title": title, "heading": heading, "subheading": heading}.get(block.kind, body)
            story.append(Paragraph(_escape(block.text), style))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=37 * mm,
                      bottomMargin=35 * mm).build(story)  # type: ignore[arg-type]
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(grid: layouts.Grid, style: object, valign: str, table_class: type, style_class: type,
           paragraph: type, mm: float) -> object:
    rows = [[""] * grid.width for _ in grid.rows]
    commands: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), valign),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for r, row in enumerate(grid.rows):
        for item in row:
            rows[r][item.column] = paragraph(_escape(item.text), style) if item.text else ""
            if item.colspan > 1 or item.rowspan > 1:
                commands.append(("SPAN", (item.column, r), (item.column + item.colspan - 1, r + item.rowspan - 1)))
    widths = [w * mm for w in WIDTHS_MM[grid.width]]
    return table_class(rows, colWidths=widths, style=style_class(commands), repeatRows=0)


def turned(source: Path, path: Path, *, content: bool) -> Path:
    """Every page turned a quarter: shown rotated (/Rotate 90), or with its content drawn sideways
    on a landscape page (text running up the page, as a wide table set sideways is)."""
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        if content:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            page.add_transformation(Transformation().rotate(90).translate(height, 0))
            page.mediabox.upper_right = (height, width)
        else:
            page.rotate(90)
    with path.open("wb") as out:
        writer.write(out)
    return path


def scanned(source: Path, path: Path, *, scale: float = 0.7) -> Path:
    """Each page of ``source`` as a picture only, as a scanner writes a sealed copy."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    document = pdfium.PdfDocument(source)
    canvas = Canvas(str(path))
    for page in document:
        width, height = page.get_size()
        image = page.render(scale=scale).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        canvas.setPageSize((width, height))
        canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, width, height)
        canvas.showPage()
    canvas.save()
    document.close()
    return path


def encrypted(source: Path, path: Path, *, user_password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as out:
        writer.write(out)
    return path


def with_actions(source: Path, path: Path, marker: Path) -> Path:
    """JavaScript run on opening and a launch action that would create ``marker`` if anything ran."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(source))
    script = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject(f"app.launchURL('file://{marker}'); "
                                            "this.exportDataObject({cName: 'x', nLaunch: 2});"),
    }))
    names = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("run"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})
    launch = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"),
        NameObject("/F"): TextStringObject(f"/bin/sh -c 'touch {marker}'"),
        NameObject("/Next"): script,
    })
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(launch)
    with path.open("wb") as out:
        writer.write(out)
    return path


def many_pages(path: Path, pages: int) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with path.open("wb") as out:
        writer.write(out)
    return path


def stream_bomb(path: Path, inflated: int) -> Path:
    """A one-page PDF whose content stream is ``inflated`` bytes of spaces, deflated (~1000×)."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    deflated = b"".join(squeezer.compress(chunk) for _ in range(inflated // len(chunk))) + squeezer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(deflated) + deflated + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path
