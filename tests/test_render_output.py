"""Render to .docx and PDF and read the files back: content, order, page, fonts, safety."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gxdesk import atomic, schema
from gxdesk import render as render_module
from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.render import breaking, page, render, render_bytes
from gxdesk.render.fonts import CID_FALLBACK, FONT_PATH_ENV, NOT_EMBEDDED
from tests.expected import SAMPLE_FIGURES
from tests.readback import (
    docx_figures,
    docx_text,
    expected_figures,
    expected_sequence,
    headings,
    in_order,
    last_line,
    pages_of_requests,
    pdf_figures,
    pdf_pages,
    text_starts,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def font_notes(fmt: str) -> list[str]:
    """What a render says about this machine's fonts (which standard faces are missing)."""
    from gxdesk.render import fonts

    return fonts.resolve().notes(fmt)


@pytest.fixture(params=["sample", "large"])
def report(request: pytest.FixtureRequest) -> Report:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


@pytest.fixture
def figures(request: pytest.FixtureRequest, report: Report) -> list[str]:
    """What section 二–四 must print: the sample's written out by hand; the large report's from its cells."""
    return SAMPLE_FIGURES if request.node.callspec.params["report"] == "sample" else expected_figures(report)


def test_pdf_has_everything_in_order(report: Report, figures: list[str], tmp_path: Path) -> None:
    out = tmp_path / "报告.pdf"
    assert render(report, out) == font_notes(".pdf")
    pages = pdf_pages(out)
    text = "\n".join(pages)
    assert in_order(text, expected_sequence(report)) == []
    assert pdf_figures(pages) == figures
    assert 4 <= len(pages) <= 10


def test_docx_has_everything_in_order(report: Report, figures: list[str], tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    assert render(report, out) == font_notes(".docx")
    assert in_order(docx_text(out), expected_sequence(report)) == []
    assert docx_figures(out) == figures


def test_pdf_page_size_margins_and_embedded_fonts(large: Report, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    render(large, out)
    reader = PdfReader(out)
    for pdf_page in reader.pages:
        assert (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)) == pytest.approx(
            (page.PAGE_WIDTH, page.PAGE_HEIGHT), abs=0.01)
        starts = text_starts(pdf_page)
        xs = [x for text, x, _ in starts if not re.fullmatch(r"[—\s\d]+", text)]  # not the page number
        ys = [y for text, _, y in starts if not re.fullmatch(r"[—\s\d]+", text)]
        assert min(xs) >= page.MARGIN_LEFT - 0.5
        assert max(xs) <= page.PAGE_WIDTH - page.MARGIN_RIGHT
        assert max(ys) <= page.PAGE_HEIGHT - page.MARGIN_TOP
        assert min(ys) >= page.MARGIN_BOTTOM - page.BODY_SIZE
    fonts = {}
    for pdf_page in reader.pages:
        for font in pdf_page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts[font["/BaseFont"]] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert fonts and all(fonts.values()), fonts  # every font embedded (TrueType subsets)
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts)  # subset tags


def test_page_numbers_alternate_right_and_left(sample: Report, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    render(sample, out)
    for number, pdf_page in enumerate(PdfReader(out).pages, start=1):
        (x,) = [x for text, x, _ in text_starts(pdf_page) if re.fullmatch(rf"—\s*{number}\s*—", text.strip())]
        if number % 2:
            assert x > page.PAGE_WIDTH / 2
        else:
            assert x == pytest.approx(page.MARGIN_LEFT + page.PAGE_NUMBER_INSET, abs=0.5)


def test_docx_page_fonts_and_tables(sample: Report, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "r.docx"
    render(sample, out)
    document = Document(str(out))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.05)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert document.settings.odd_and_even_pages_header_footer
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
    styles = document.styles.element
    names = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    standard = [("GxBody", "仿宋_GB2312"), ("GxHeading1", "黑体"), ("GxHeading2", "楷体_GB2312"),
                ("GxTitle", "方正小标宋简体"), ("GxTable", "宋体")]
    for style_id, font in standard:  # the standard faces, whatever this machine has
        fonts = names[style_id].find(f"{W}rPr/{W}rFonts")
        assert fonts.get(f"{W}eastAsia") == font and fonts.get(f"{W}ascii") == font
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}asciiTheme") is None  # a theme font would override the names
    body = names["GxBody"].find(f"{W}pPr")
    assert body.find(f"{W}spacing").get(f"{W}line") == str(round(page.LINE_PITCH * 20))
    assert body.find(f"{W}ind").get(f"{W}firstLine") == str(round(page.INDENT * 20))
    tables = document.element.body.findall(f"{W}tbl")
    assert len(tables) == 4  # 三 is cut where the PDF's page ends (test_render_docx_layout)
    widths = [t.widths_mm for t in schema.TABLES]
    for table, widths_mm in zip(tables, [widths[0], widths[1], widths[1], widths[2]], strict=True):
        grid = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
        assert grid == [round(w * page.MM * 20) for w in widths_mm]
        assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    for part in tables[1:3]:
        header = [row.find(f"{W}trPr/{W}tblHeader") is not None for row in part.findall(f"{W}tr")]
        assert header[:4] == [True, True, True, False] and not any(header[3:])
    merges = [tc for tc in tables[1].iter(f"{W}tc") if tc.find(f"{W}tcPr/{W}vMerge") is not None]
    assert merges  # the official merged cells are real merges


def test_seal_layout(sample: Report, tmp_path: Path) -> None:
    """With a seal the date is 右空四字 and the name centred above it (measured: test_render_layout)."""
    from docx import Document

    out = tmp_path / "r.docx"
    render(sample, out, seal=True)
    paragraphs = Document(str(out)).paragraphs
    organ, date = paragraphs[-2], paragraphs[-1]
    assert date.text == "2026年1月20日" and organ.text == sample.organ

    def axis(paragraph: object) -> float:
        form = paragraph.paragraph_format  # type: ignore[attr-defined]
        return (form.left_indent.pt + page.TYPE_WIDTH - form.right_indent.pt) / 2

    date_axis = page.TYPE_WIDTH - (4 + breaking.cells(date.text) / 2) * page.CHAR_PITCH
    assert axis(date) == pytest.approx(date_axis, abs=0.1) and axis(organ) == pytest.approx(date_axis, abs=0.1)
    assert [p.text for p in paragraphs[-2 - page.SEAL_GAP_LINES:-2]] == [""] * page.SEAL_GAP_LINES


def test_fallback_font_still_renders_with_a_warning(sample: Report, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv(FONT_PATH_ENV, "")  # no TrueType CJK font anywhere
    out = tmp_path / "r.pdf"
    warnings = render(sample, out)
    assert warnings == [NOT_EMBEDDED]
    reader = PdfReader(out)
    fonts = {f.get_object()["/BaseFont"] for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts == {f"/{CID_FALLBACK}"}
    text = "\n".join(pdf_pages(out))
    assert in_order(text, expected_sequence(sample)) == []
    # The .docx names its fonts and needs none embedded: no warning there, only which are missing.
    assert render(sample, tmp_path / "r.docx") == font_notes(".docx")


def test_hostile_text_prints_exactly(sample: Report, tmp_path: Path) -> None:
    hostile = (
        "<b>加粗</b> &amp; &lt; {{ 7*7 }} {% raw %} </w:t></w:r> ]]> <![CDATA[x]]> 😀👍🏽 末尾\n"
        "第二行\t制表符\n\n新段落" + "长" * 400 + " " + "W" * 300 + " https://www.example.gov.cn/a?b=1&c=2"
    )
    for part in ("overview", "problems", "other"):
        sample.text[part] = hostile
    sample.organ = "<测试>&局{{ organ }}"
    sample.doc_number = "测〔2026〕<1>&号"
    flat_expected = re.sub(r"\s+", "", hostile)

    pdf = tmp_path / "r.pdf"
    render(sample, pdf)
    flat_pdf = re.sub(r"\s+", "", "".join(pdf_pages(pdf)))
    assert flat_pdf.count(flat_expected) == 3
    assert "<测试>&局{{organ}}" in flat_pdf and "测〔2026〕<1>&号" in flat_pdf
    assert "49" not in flat_pdf

    docx = tmp_path / "r.docx"
    render(sample, docx)
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    first, second = hostile.split("\n\n")
    assert paragraphs.count(first) == 3 and paragraphs.count(second) == 3
    assert "<测试>&局{{ organ }}" in paragraphs


def test_render_bytes_for_previews(sample: Report) -> None:
    data, warnings = render_bytes(sample, ".pdf")
    assert data.startswith(b"%PDF") and warnings == font_notes(".pdf")
    data, _ = render_bytes(sample, ".docx")
    assert data.startswith(b"PK")
    with pytest.raises(InputError):
        render_bytes(sample, ".odt")


@pytest.mark.parametrize("name", ["r.txt", "r", "r.doc"])
def test_output_must_be_docx_or_pdf(sample: Report, tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError, match=r"\.docx 或 \.pdf"):
        render(sample, tmp_path / name)


def test_output_folder_problems(sample: Report, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        render(sample, tmp_path / "no" / "r.pdf")
    (tmp_path / "d.pdf").mkdir()
    with pytest.raises(InputError, match="文件夹"):
        render(sample, tmp_path / "d.pdf")
    with pytest.raises(InputError, match="字体文件夹"):
        render(sample, tmp_path / "r.pdf", font_dir=tmp_path / "none")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_failed_render_leaves_the_old_file_untouched(sample: Report, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    out = tmp_path / f"报告.{fmt}"
    render(sample, out)
    before = out.read_bytes()

    def full(fd: int) -> None:  # a complete file went into the temp file, and then the disk filled up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    sample.organ = "另一个机关"
    with pytest.raises(InputError, match="无法写入") as refused:
        render(sample, out)
    assert str(refused.value) == f"无法写入“{out}”：磁盘空间已满，请清理磁盘或换一个位置"
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_a_writer_failing_on_its_own_files_is_one_line(sample: Report, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A font file that cannot be read while the document is made: said in Chinese, nothing written."""
    from gxdesk.render import pdf_writer

    def unreadable(*args: object) -> list[str]:
        raise PermissionError(13, "Permission denied", "/fonts/simfang.ttf")

    monkeypatch.setattr(pdf_writer, "write", unreadable)
    with pytest.raises(InputError) as refused:
        render(sample, tmp_path / "r.pdf")
    assert str(refused.value) == f"无法生成“{tmp_path / 'r.pdf'}”：没有权限（文件可能是只读的，或正被其他程序使用）"
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced(sample: Report, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    render(sample, out)
    assert out.read_bytes().startswith(b"%PDF")


def test_render_module_api_is_what_the_window_calls() -> None:
    import inspect

    parameters = list(inspect.signature(render_module.render).parameters)
    assert parameters == ["report", "out_path", "template_dir", "font_dir", "seal"]


def test_no_page_ends_with_a_heading_and_no_signature_stands_alone(sample: Report, tmp_path: Path) -> None:
    """Shift the text line by line so that every heading meets a page end in one variant or another."""
    from pypdf import PdfReader

    base = sample.text["overview"]
    for extra in range(0, 24, 3):
        sample.text["overview"] = base + "补充说明。" * (5 * extra)
        sample.text["other"] = "本年度未收取信息处理费。" * (1 + extra)
        out = tmp_path / f"r{extra}.pdf"
        render(sample, out)
        pages = PdfReader(out).pages
        for number, pdf_page in enumerate(pages, start=1):
            lowest = last_line(pdf_page)
            assert not any(lowest.endswith(h) for h in headings()), (extra, number, lowest)
        last = "".join(text for text, _, _ in text_starts(pages[-1]))
        assert "信息处理费" in last, (extra, last)  # text goes with the signature


def test_the_requests_header_repeats_on_every_page_of_the_table(large: Report, tmp_path: Path) -> None:
    from gxdesk.schema import REQUESTS_CORNER

    out = tmp_path / "r.pdf"
    render(large, out)
    pages = pages_of_requests(out)
    assert len(pages) >= 2
    assert all("".join(REQUESTS_CORNER.split()) in text for text in pages)
