"""Every layout issue 13 lists as met in the wild, each built from the layout itself (tests/layouts.py,
tests/pdfs.py) for the built-in sample and the large report (distinct non-zero figures, so a
figure shifted into a neighbouring cell shows): every figure comes back, or the cells that cannot
be placed are said and left unread — never a figure in the wrong cell."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest

from gxdesk import model, schema
from gxdesk.importer import ImportResult, import_bytes, import_file, import_text
from gxdesk.model import CellKey, Report
from gxdesk.render import render
from gxdesk.sample import load_sample
from tests import layouts
from tests.factories import large_report, rebalanced, with_blanks

REPORTS = {"sample": load_sample, "large": large_report}


def assert_figures(result: ImportResult, expected: Report, *, unread: set[CellKey] | None = None) -> None:
    """Every entered cell as printed (a blank as 0), except ``unread`` cells, which are None and said."""
    unread = unread or set()
    wanted = {k: (model.zero_of(k[0], k[1]) if v is None else v) for k, v in expected.cells.items()}
    assert {k: v for k, v in result.report.cells.items() if k not in unread} == {
        k: v for k, v in wanted.items() if k not in unread}
    assert all(result.report.cells[k] is None for k in unread)
    assert unread <= result.unfound


def assert_meta(result: ImportResult, expected: Report) -> None:
    got = result.report
    assert (got.organ, got.year, got.doc_number, got.date) == (expected.organ, expected.year, expected.doc_number,
                                                               expected.date)


# --- One cell a line, a tab before each, labels one character a line, blank lines between rows ----------


@pytest.mark.parametrize("name", REPORTS)
def test_a_word_table_copied_as_text(name: str) -> None:
    report = REPORTS[name]()
    result = import_text(layouts.text_document(layouts.document(report), layouts.word_table_as_text))
    assert_figures(result, report)
    assert_meta(result, report)
    assert result.report.text == report.text
    assert result.messages() == []


# --- （六）其他处理 printed as one row without items 1–3 -----------------------------------------------

OTHER_ITEMS = ("other_no_correction", "other_no_fee", "other_other")


def _other_as_one_row(report: Report) -> str:
    """The tab-separated text with the three rows of （六） replaced by the one row older templates print."""
    text = layouts.text_document(layouts.document(report))
    columns = schema.REQUESTS.blocks[0].columns
    sums = [sum(report.value("requests", row, c.id) or 0 for row in OTHER_ITEMS) for c in columns]
    labels = [schema.REQUESTS.row(row).label for row in OTHER_ITEMS]
    out = []
    for line in text.split("\n"):
        if labels[0] in line:
            out.append("\t（六）其他处理\t\t" + "\t".join(str(v) for v in sums))
        elif not any(label in line.split("\t") for label in labels):
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("name", REPORTS)
def test_other_processing_as_one_row_of_zeros_gives_three_zero_items(name: str) -> None:
    report = copy.deepcopy(REPORTS[name]())
    report.set_cells({("requests", row, c): 0 for row in OTHER_ITEMS for c in schema.REQUEST_COLUMN_IDS})
    rebalanced(report)
    result = import_text(_other_as_one_row(report))
    assert_figures(result, report)
    assert any("（六）其他处理只印了一行" in n and "均按 0 读入" in n for n in result.all_notes())
    assert result.messages() == [] and not result.doubtful


def test_other_processing_as_one_row_with_figures_is_placed_and_its_items_flagged(large: Report) -> None:
    result = import_text(_other_as_one_row(large))
    moved = {("requests", row, c) for row in OTHER_ITEMS for c in schema.REQUEST_COLUMN_IDS}
    # Everything else exact; the group's figures all in 3.其他, so every printed total still holds.
    assert {k: v for k, v in result.report.cells.items() if k not in moved} == {
        k: v for k, v in large.cells.items() if k not in moved}
    for column in schema.REQUEST_COLUMN_IDS:
        assert result.report.cells[("requests", "other_other", column)] == sum(
            large.cells[("requests", row, column)] for row in OTHER_ITEMS)  # type: ignore[misc]
    assert result.doubtful == moved and result.needs_review
    assert not result.findings
    assert any("暂填入「（六）其他处理·3.其他」" in m for m in result.messages())


# --- Label variants --------------------------------------------------------------------------------

VARIANTS = {
    "规范性文件 without 行政": [("行政规范性文件", "规范性文件")],
    "spaced and half-width brackets": [("（一）予以公开", "(一) 予 以 公 开"), ("（七）总计", "(七) 总 计")],
    "1、 and （1） numbering": [("1.属于国家秘密", "（1）属于国家秘密"), ("2.其他法律行政法规禁止公开", "2、其他法律行政法规禁止公开"),
                              ("3.补正后申请内容仍不明确", "3．补正后申请内容仍不明确")],
    "one character wrong": [("一、本年新收政府信息公开申请数量", "一、本年新牧政府信息公开申请数量"), ("行政处罚", "行政处法"),
                            ("2.重复申请", "2.重夏申请"), ("3.其他\t", "3.其它\t"), ("行政强制", "行政强治")],
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", REPORTS)
def test_label_variants(name: str, variant: str) -> None:
    report = REPORTS[name]()
    text = layouts.text_document(layouts.document(report))
    for printed, seen in VARIANTS[variant]:
        assert printed in text
        text = text.replace(printed, seen)
    result = import_text(text)
    assert_figures(result, report)
    assert result.messages() == []


# --- Tables as an appendix after prose; sentences with numbers are not rows ----------------------------


@pytest.mark.parametrize("own_headings", [False, True], ids=["section headings", "the prose's own 一、二、…"])
@pytest.mark.parametrize("name", REPORTS)
def test_tables_printed_as_an_appendix_after_prose(name: str, own_headings: bool) -> None:
    report = REPORTS[name]()
    result = import_text(layouts.text_document(layouts.appendix_document(report, own_headings=own_headings)))
    assert_figures(result, report)
    assert not result.findings and not result.unfound
    assert result.report.organ == report.organ and result.report.year == report.year
    if not own_headings:
        assert_meta(result, report)
        assert result.report.text == report.text  # the appendix is not section 六's text
        assert result.messages() == []


def test_sentences_counting_things_are_never_rows(large: Report) -> None:
    """Without the tables, the prose's numbers ("上年结转…申请 3 件") give no figure at all."""
    blocks = [b for b in layouts.appendix_document(large) if b.kind != "table"]
    result = import_text(layouts.text_document(blocks))
    assert all(result.report.cells[key] is None for key in model.ENTERED_KEYS)
    assert {f"未找到第{s}部分表格" for s in "二三四"} <= set(result.missing)


# --- A saved web page with its site's frame ---------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_a_saved_page_with_navigation_breadcrumb_and_metadata_table(name: str, tmp_path: Path) -> None:
    report = REPORTS[name]()
    page = tmp_path / "page.html"
    page.write_text(layouts.html_document(layouts.document(report), chrome=True), encoding="utf-8")
    result = import_file(page)
    assert_figures(result, report)
    assert_meta(result, report)  # not 某某县人民政府办公室 (the publisher), not 2026-01-20 (公开日期)
    assert result.report.text == report.text
    assert result.messages() == []


def test_the_organ_from_the_pages_title_when_the_article_names_none(large: Report) -> None:
    blocks = [b for b in layouts.document(large) if b.kind != "title" and b.text != large.organ]
    page = layouts.html_document(blocks, chrome=True).replace(
        "<title>年度报告_", f"<title>{large.organ}{large.year}年政府信息公开工作年度报告_", 1)
    result = import_bytes(page.encode(), "html", "page.html")
    assert (result.report.organ, result.report.year) == (large.organ, large.year)


# --- OCR / LLM markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_ocr_markdown_with_generic_headers_in_fragments(name: str) -> None:
    report = REPORTS[name]()
    text = layouts.text_document(layouts.document(report), layouts.ocr_markdown, markdown=True)
    assert "| 数据1 | 数据2 |" in text
    result = import_text(text)
    assert_figures(result, report)
    assert_meta(result, report)
    assert result.messages() == []


# --- Text copied out of a PDF: -layout, -raw (content order), a viewer's copy ------------------------------

BLANKS: tuple[CellKey, ...] = (("requests", "new", "natural_person"), ("requests", "refused_third_party", "nonprofit"),
                               ("requests", "carried_forward", "other"), ("proactive", "coercion", "count"))


def _copies(pdf: Path) -> dict[str, str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    pages = [page.get_textpage() for page in document]
    copies = {"viewer": "\n".join(text.get_text_range(0, text.count_chars()) for text in pages)}
    document.close()
    binary = shutil.which("pdftotext")
    if binary is not None:  # poppler-utils (.ci/run)
        for mode in ("-layout", "-raw"):
            copies[mode] = subprocess.run([binary, mode, str(pdf), "-"], capture_output=True, text=True, check=True,
                                          timeout=60).stdout
    return copies


@pytest.mark.subprocess
@pytest.mark.parametrize("blanks", [False, True], ids=["every cell printed", "blank cells dropped by the copy"])
@pytest.mark.parametrize("name", REPORTS)
def test_text_copied_out_of_a_pdf(name: str, blanks: bool, tmp_path: Path) -> None:
    """Rows are recovered from their labels; a blank cell a copy drops is placed by the printed
    totals. In 四 the blank's group total may hold whichever of the group's cells it was (unless
    the figures tell): such cells, and only such, are left unread."""
    report = with_blanks(REPORTS[name](), (*BLANKS, ("appeals", "review", "pending"))) if blanks else REPORTS[name]()
    render(report, tmp_path / "report.pdf")
    review = {("appeals", "review", c) for c in ("upheld", "corrected", "other", "pending")}
    for mode, text in _copies(tmp_path / "report.pdf").items():
        result = import_text(text)
        unread = set(result.unfound)
        assert unread <= (review if blanks else set()), mode
        assert_figures(result, report, unread=unread)
        assert_meta(result, report)
        if blanks:
            assert result.zeroed <= set(BLANKS) | review, mode
            if name == "large":  # distinct figures: each blank is told apart from a printed 0
                assert set(BLANKS) <= result.zeroed, mode
            if unread:
                [message] = [m for m in result.missing if m.startswith("第四部分表格")]
                assert "哪一格留空无法确定" in message
        else:
            assert result.messages() == [], mode
