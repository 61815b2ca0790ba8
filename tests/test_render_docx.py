"""The .docx says what Word, WPS and LibreOffice would otherwise decide differently (the rendering
itself is measured in test_render_libreoffice_layout.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from gxdesk.model import Report
from gxdesk.render import breaking, build, docx_writer, fonts, page, render
from gxdesk.render import printout as doc
from gxdesk.render.tables import PrintedTable
from tests.factories import long_text_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(report: Report, tmp_path: Path, **options: object) -> dict[str, ET.Element]:
    out = tmp_path / "r.docx"
    render(report, out, **options)  # type: ignore[arg-type]
    with zipfile.ZipFile(out) as package:
        return {name: ET.fromstring(package.read(f"word/{name}.xml"))
                for name in ("document", "styles", "settings", "fontTable")}


def style(styles: ET.Element, style_id: str) -> ET.Element:
    found = styles.find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None
    return found


def test_the_document_grid_of_the_official_templates(sample: Report, tmp_path: Path) -> None:
    grid = parts(sample, tmp_path)["document"].find(f"{W}body/{W}sectPr/{W}docGrid")
    assert grid is not None and grid.get(f"{W}type") == "linesAndChars"
    assert grid.get(f"{W}linePitch") == str(round(page.LINE_PITCH * 20))  # 22 lines
    pitch = page.BODY_SIZE + int(grid.get(f"{W}charSpace", "0")) / 4096  # Word's character pitch
    assert int(page.TYPE_WIDTH // pitch) == 28


def test_body_text_is_tracked_onto_the_grid_and_does_not_snap(sample: Report, tmp_path: Path) -> None:
    styles = parts(sample, tmp_path)["styles"]
    for style_id in ("Normal", "GxBody", "GxHeading1", "GxHeading2", "GxHeading3", "GxSignature", "GxDocNumber"):
        found = style(styles, style_id)
        spacing = int(found.find(f"{W}rPr/{W}spacing").get(f"{W}val"))  # type: ignore[union-attr]
        advance = page.BODY_SIZE + spacing / 20
        assert 28 * advance <= page.TYPE_WIDTH < 29 * advance
        assert found.find(f"{W}pPr/{W}snapToGrid").get(f"{W}val") == "0"  # type: ignore[union-attr]
    for style_id in ("GxTitle", "GxTable"):  # other sizes are not tracked
        assert style(styles, style_id).find(f"{W}rPr/{W}spacing") is None
    body = style(styles, "GxBody").find(f"{W}pPr")
    assert body is not None
    assert body.find(f"{W}ind").get(f"{W}firstLine") == str(round(2 * page.CHAR_PITCH * 20))  # type: ignore[union-attr]


def test_chinese_layout_settings(sample: Report, tmp_path: Path) -> None:
    found = parts(sample, tmp_path)
    body = style(found["styles"], "GxBody").find(f"{W}pPr")
    assert body is not None
    assert body.find(f"{W}overflowPunct").get(f"{W}val") == "0"  # type: ignore[union-attr]  # no hanging
    assert body.find(f"{W}autoSpaceDE").get(f"{W}val") == "0"  # type: ignore[union-attr]  # no auto space
    assert body.find(f"{W}autoSpaceDN").get(f"{W}val") == "0"  # type: ignore[union-attr]
    lang = found["styles"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("en-US", "zh-CN")
    settings = found["settings"]
    theme = settings.find(f"{W}themeFontLang")
    assert theme is not None and theme.get(f"{W}eastAsia") == "zh-CN"
    control = settings.find(f"{W}characterSpacingControl")
    assert control is not None and control.get(f"{W}val") == "compressPunctuation"  # 标点挤压


def test_the_standard_faces_and_their_fallbacks(sample: Report, tmp_path: Path) -> None:
    found = parts(sample, tmp_path)
    named = {}
    for style_id, role in [("GxBody", "仿宋_GB2312"), ("GxHeading1", "黑体"), ("GxHeading2", "楷体_GB2312"),
                           ("GxTitle", "方正小标宋简体"), ("GxTable", "宋体")]:
        rfonts = style(found["styles"], style_id).find(f"{W}rPr/{W}rFonts")
        assert rfonts is not None
        assert {rfonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia")} == {role}
        named[style_id] = role
    table = {f.get(f"{W}name"): f for f in found["fontTable"]}
    assert set(table) == set(named.values())  # the faces the file names, and no others (no ＭＳ 明朝)
    alternates = {name: table[name].find(f"{W}altName").get(f"{W}val") for name in table}  # type: ignore[union-attr]
    assert alternates["仿宋_GB2312"].split(",")[0] == "仿宋"
    assert alternates["楷体_GB2312"].split(",")[0] == "楷体"
    assert "宋体" in alternates["方正小标宋简体"].split(",")
    assert all(table[name].find(f"{W}charset").get(f"{W}val") == "86" for name in table)  # type: ignore[union-attr]


def test_signature_lines_by_their_indents(sample: Report, tmp_path: Path) -> None:
    body = parts(sample, tmp_path)["document"].find(f"{W}body")
    assert body is not None
    paragraphs = body.findall(f"{W}p")
    organ, date = paragraphs[-2], paragraphs[-1]
    lines = breaking.signature_lines(sample.organ, "2026年1月20日", seal=False)
    for paragraph, line in zip((organ, date), lines, strict=True):
        indent = paragraph.find(f"{W}pPr/{W}ind")
        assert indent is not None and int(indent.get(f"{W}left", "0")) == round(line.at * page.CHAR_PITCH * 20)
        assert paragraph.find(f"{W}pPr/{W}jc").get(f"{W}val") == "left"  # type: ignore[union-attr]
    # The date starts two characters right of the name, whatever a word processor makes of figures.
    assert lines[1].at - lines[0].at == 2


def cells_text(table: ET.Element) -> list[list[str]]:
    rows = []
    for row in table.findall(f"{W}tr"):
        rows.append(["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")])
    return rows


def test_requests_cut_where_the_pdf_cuts_them_with_header_and_labels(sample: Report, tmp_path: Path) -> None:
    from gxdesk.render import pdf_writer

    printed = build(sample)
    cuts = pdf_writer.cuts(printed, fonts.resolve())
    assert list(cuts) == ["requests"] and len(cuts["requests"]) == 1
    tables = parts(sample, tmp_path)["document"].find(f"{W}body").findall(f"{W}tbl")  # type: ignore[union-attr]
    first, rest = tables[1], tables[2]
    table = next(p for p in printed.pieces if isinstance(p, PrintedTable) and p.id == "requests")
    head = table.grid.header_rows
    # A row before the PDF's cut: a small gap rather than a row cut again under a header of its own.
    assert len(first.findall(f"{W}tr")) == cuts["requests"][0] - 1
    continuation = cells_text(rest)
    assert continuation[:head] == cells_text(first)[:head]  # the header again
    assert continuation[head][0] == "三、本年度办理结果"  # the cut group's label again
    assert rest.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_a_six_digit_figure_is_set_smaller_never_wrapped(tmp_path: Path) -> None:
    report = long_text_report()
    tables = parts(report, tmp_path)["document"].find(f"{W}body").findall(f"{W}tbl")  # type: ignore[union-attr]
    smaller = []
    for table in tables:
        for cell in table.iter(f"{W}tc"):
            text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
            if text.replace(".", "").isdigit():
                assert cell.find(f"{W}tcPr/{W}noWrap") is not None
                size = int(cell.find(f".//{W}r/{W}rPr/{W}sz").get(f"{W}val")) / 2  # type: ignore[union-attr]
                width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) / 20  # type: ignore[union-attr]
                assert breaking.cells(text) * size <= width - 2 * page.CELL_PAD_X
                smaller += [text] if size < 10.5 else []
    assert any(len(text) >= 6 for text in smaller)


def test_labels_carry_their_line_breaks(sample: Report, tmp_path: Path) -> None:
    """Broken as breaking.label_lines decides (the same in the PDF): 3.危及“三安全一 / 稳定”."""
    tables = parts(sample, tmp_path)["document"].find(f"{W}body").findall(f"{W}tbl")  # type: ignore[union-attr]
    for cell in tables[1].iter(f"{W}tc"):
        texts = [t.text for t in cell.iter(f"{W}t")]
        if texts and texts[0] == "3.危及“三安全一":
            assert texts == ["3.危及“三安全一", "稳定”"] and cell.find(f".//{W}br") is not None
            break
    else:
        pytest.fail("label not found")


# --- What goes into XML (issue 10) -------------------------------------------------------------

HOSTILE = "甲\x00乙\x01\x08\x0b\x0c\x1f丙\ufffe\uffff丁\ud800\udfff戊"


def test_characters_xml_cannot_hold_are_dropped_by_the_writer(sample: Report) -> None:
    """The last line of defence: a printout that still carries them (the template removes them)."""
    printed = build(sample)
    pieces = (doc.Title((HOSTILE,)), doc.Paragraph(HOSTILE), doc.Signature(HOSTILE, "2026年1月20日", False))
    printed = doc.Printout(HOSTILE, HOSTILE, (*printed.pieces, *pieces))
    stream = io.BytesIO()
    docx_writer.write(printed, stream, fonts.resolve(), build_time())
    with zipfile.ZipFile(stream) as package:
        xml = package.read("word/document.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "甲乙丙丁戊" in xml and "甲乙丙丁戊" in core
    assert not any(c in xml for c in "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff")


def build_time() -> object:
    from gxdesk.render import export_time

    return export_time()


def test_long_organ_and_title_fit_the_core_properties_but_print_whole(sample: Report, tmp_path: Path) -> None:
    from docx import Document

    sample.organ = "某" * 238  # the title (organ + 2025年…) is then over 255 characters
    out = tmp_path / "r.docx"
    render(sample, out)
    document = Document(str(out))
    properties = document.core_properties
    assert len(properties.title) == docx_writer.CORE_PROPERTY_LIMIT and properties.title.endswith("…")
    assert properties.author == sample.organ  # 238 fit
    assert sample.organ in "".join(p.text for p in document.paragraphs)  # printed in full
    sample.organ = "某" * 300
    render(sample, out)
    properties = Document(str(out)).core_properties
    assert len(properties.author) == docx_writer.CORE_PROPERTY_LIMIT
    sample.title = "标题" * 200
    render(sample, out)
    assert len(Document(str(out)).core_properties.title) == docx_writer.CORE_PROPERTY_LIMIT
