"""Harder cases: the large report (non-zero figures in every cell) laid out in each way
published reports are seen in the wild — as text, as an HTML page with rowspan/colspan and
as a .docx with the official merged cells — must come back figure for figure."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from pathlib import Path
from typing import Callable

import pytest

from gxdesk import model, schema
from gxdesk.importer import ImportResult, import_bytes, import_file, import_text
from gxdesk.model import CellKey, Report, Value
from gxdesk.rules import check
from tests import layouts
from tests.layouts import Options

Build = Callable[[Report, Options, Path], ImportResult]


def _text(writer: layouts.TableWriter, *, dashes: bool = False, **options: object) -> Build:
    def build(report: Report, opts: Options, tmp_path: Path) -> ImportResult:
        if dashes:  # text copied from a PDF keeps a blank cell only as a mark
            fmt = opts.fmt
            opts = Options(lambda v: "—" if v is None else fmt(v), opts.stated)
        return import_text(layouts.text_document(layouts.document(report, opts), writer, **options))  # type: ignore[arg-type]
    return build


def _with(fmt: layouts.Formatter, build: Build) -> Build:
    return lambda report, opts, tmp_path: build(report, Options(fmt, opts.stated), tmp_path)


def _html(charset: str = "utf-8", layout_table: bool = False) -> Build:
    def build(report: Report, opts: Options, tmp_path: Path) -> ImportResult:
        page = layouts.html_document(layouts.document(report, opts), charset=charset, layout_table=layout_table)
        path = tmp_path / "report.htm"
        path.write_bytes(page.encode(charset))
        return import_file(path)
    return build


def _docx(report: Report, opts: Options, tmp_path: Path) -> ImportResult:
    path = tmp_path / "report.docx"
    layouts.docx_document(layouts.document(report, opts), path)
    return import_file(path)


LAYOUTS: dict[str, Build] = {
    "tab-separated rows": _text(layouts.tab_rows),
    "one cell a line": _text(layouts.one_cell_a_line, dashes=True),
    "markdown pipe tables and headings": _text(layouts.pipe_rows, markdown=True),
    "labels broken inside words": _text(layouts.broken_labels),
    "one character a line": _text(layouts.vertical_labels, dashes=True),
    "header words split across lines": _text(layouts.split_headers),
    "blank lines in odd places, tab rows": _text(layouts.tab_rows, blank_lines=random.Random(7)),
    "blank lines in odd places, one cell a line": _text(layouts.one_cell_a_line, dashes=True,
                                                        blank_lines=random.Random(8)),
    "markdown headings": _text(layouts.tab_rows, markdown=True),
    "thousands separators": _with(layouts.thousands, _text(layouts.tab_rows)),
    "full-width digits, one cell a line": _with(layouts.full_width, _text(layouts.one_cell_a_line, dashes=True)),
    "everything at once": _with(layouts.full_width, _text(layouts.vertical_labels, dashes=True, markdown=True,
                                                          blank_lines=random.Random(9))),
    "html rowspan/colspan": _html(),
    "html in GBK inside a layout table": _html("gbk", layout_table=True),
    "docx merged cells": _docx,
}


def _printed_totals(report: Report, stated: dict[CellKey, Value] | None = None) -> dict[CellKey, Value]:
    totals = {(t.id, r.id, c.id): report.value(t.id, r.id, c.id)
              for t in (schema.REQUESTS, schema.APPEALS) for r, c in t.cells() if r.computed or c.computed}
    return totals | (stated or {})


def _assert_same_report(result: ImportResult, expected: Report) -> None:
    report = result.report
    assert report.cells == expected.cells
    assert (report.organ, report.year, report.doc_number, report.date) == (
        expected.organ, expected.year, expected.doc_number, expected.date)
    assert report.text == expected.text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_figure_and_text_comes_back(layout: str, large: Report, tmp_path: Path) -> None:
    result = LAYOUTS[layout](large, Options(), tmp_path)
    _assert_same_report(result, large)
    assert result.stated == _printed_totals(large)
    assert result.messages() == []
    assert not result.needs_review


def test_text_wrapped_like_a_pdf_copy(large: Report) -> None:
    """Paragraphs broken every 28 characters (a PDF's line width) are joined back."""
    text = layouts.text_document(layouts.document(large), layouts.one_cell_a_line, wrap=28)
    result = import_text(text)
    assert result.report.cells == large.cells
    for part, expected in large.text.items():
        # A break right after a full stop cannot be told from a paragraph break.
        assert result.report.text[part].replace("\n", "") == expected.replace("\n", ""), part


BLANKS: tuple[CellKey, ...] = (
    ("proactive", "normative_documents", "issued"),
    ("proactive", "coercion", "count"),  # a row of one figure, left blank
    ("proactive", "fees", "amount"),
    ("requests", "new", "natural_person"),  # first column, beside a spanning label
    ("requests", "refused_third_party", "nonprofit"),
    ("requests", "carried_forward", "other"),  # last entered column, before the 总计
    ("appeals", "litigation_direct", "corrected"),
)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_blank_cells_are_read_as_0_and_noted(layout: str, large: Report, tmp_path: Path) -> None:
    """The format writes a zero as 0; a cell printed blank ("", /, -, —) whose row and column
    totals agree with 0 is 0, listed in one note. Nothing shifts into its place."""
    report = copy.deepcopy(large)
    report.set_cells(dict.fromkeys(BLANKS))
    result = LAYOUTS[layout](report, Options(), tmp_path)
    expected = {key: (model.zero_of(key[0], key[1]) if value is None else value) for key, value in report.cells.items()}
    assert result.report.cells == expected
    assert result.zeroed == set(BLANKS) and not result.blank
    assert not result.unfound and not result.findings and result.messages() == []
    [note] = [n for n in result.all_notes() if "留空" in n]
    assert note.startswith(f"原表 {len(BLANKS)} 格留空，按 0 读入：")
    assert not [f for f in check(result.report) if f.rule == "value.blank"]


@pytest.mark.parametrize("layout", ["tab-separated rows", "one cell a line", "html rowspan/colspan",
                                    "docx merged cells"])
def test_a_blank_cell_its_printed_total_contradicts_stays_blank(layout: str, large: Report, tmp_path: Path) -> None:
    report = copy.deepcopy(large)
    blank = ("requests", "refused_third_party", "nonprofit")
    printed = large.value("requests", "refused_third_party", "total")  # the total still counts the figure
    report.set_cells({blank: None})
    result = LAYOUTS[layout](report, Options(stated={("requests", "refused_third_party", "total"): printed}), tmp_path)
    assert result.blank == {blank} and result.report.cells[blank] is None
    assert result.zeroed == set()
    assert any(m.startswith("原表 1 格留空，但所在行或列印出的合计说明它们不是 0") for m in result.messages())
    assert {f.rule for f in result.findings} >= {"requests.total_column"}  # and the mismatch itself is shown
    assert result.needs_review


# --- Printed totals that disagree with their rows ---------------------------------------------

WRONG_TOTALS: dict[CellKey, Value] = {
    ("requests", "total", "natural_person"): 1,  # （七）总计 row
    ("requests", "granted", "total"): 2,  # 总计 column
    ("requests", "total", "total"): 3,
    ("appeals", "litigation_after_review", "total"): 4,
}


@pytest.mark.parametrize("layout", ["tab-separated rows", "one cell a line", "html rowspan/colspan",
                                    "docx merged cells"])
def test_stated_totals_that_disagree_are_findings(layout: str, large: Report, tmp_path: Path) -> None:
    result = LAYOUTS[layout](large, Options(stated=WRONG_TOTALS), tmp_path)
    assert result.report.cells == large.cells  # the rows' figures as printed, nothing "fixed"
    assert result.stated == _printed_totals(large, WRONG_TOTALS)
    by_cell = {(f.table, f.row, f.column): f for f in result.findings}
    assert by_cell.keys() == WRONG_TOTALS.keys()
    for key, printed in WRONG_TOTALS.items():
        finding = by_cell[key]
        computed = large.value(*key)
        assert finding.severity.label == "错误"
        assert schema.cell_name(*key) in finding.message
        assert f"原表填写 {printed:,}" in finding.message
        assert f"按各项相加应为 {computed:,}" in finding.message
    assert {f.rule for f in result.findings} == {"requests.total_row", "requests.total_column", "appeals.total"}
    assert result.needs_review


# --- Parts that cannot be found -----------------------------------------------------------------


def _tab_text(report: Report) -> str:
    return layouts.text_document(layouts.document(report), layouts.tab_rows)


def _drop_lines(text: str, keep: Callable[[str], bool]) -> str:
    return "\n".join(line for line in text.split("\n") if keep(line))


def test_missing_group_of_rows_is_named_and_left_unfound(large: Report) -> None:
    group = [r.id for r in schema.REQUESTS.rows if r.groups[-1:] == ("（四）无法提供",)]
    labels = [schema.REQUESTS.row(r).label for r in group]
    text = _drop_lines(_tab_text(large), lambda line: not any(label in line for label in labels))
    result = import_text(text)
    assert "未找到第三部分表格第（四）项" in result.missing
    gone = {("requests", r, c) for r in group for c in schema.REQUEST_COLUMN_IDS}
    assert result.unfound == gone
    assert all(result.report.cells[key] is None for key in gone)  # never silently zero
    kept = {k: v for k, v in large.cells.items() if k not in gone}
    assert {k: v for k, v in result.report.cells.items() if k not in gone} == kept
    # The printed （七）总计 cannot be checked while cells it adds up are missing: no finding that
    # would say "应为" a sum of what was found; it is kept (stated) for the window to compare once
    # the clerk has filled the group in.
    assert result.findings == []
    assert ("requests", "total", "total") in result.stated


def test_missing_single_row_and_table(large: Report) -> None:
    text = _drop_lines(_tab_text(large), lambda line: not line.startswith("行政处罚"))
    start, end = text.index(schema.SECTION_BY_ID["四"].heading), text.index(schema.SECTION_BY_ID["五"].heading)
    text = text[:start] + text[end:]
    result = import_text(text)
    assert "未找到第二部分表格「行政处罚」" in result.missing
    assert "未找到第四部分表格" in result.missing
    unfound = {("proactive", "penalty", "count")} | {("appeals", r.id, c.id) for r, c in schema.APPEALS.entered_cells()}
    assert result.unfound == unfound
    assert all(result.report.cells[key] is None for key in unfound)


@pytest.mark.parametrize("section", ["二", "三", "四"])
def test_table_found_without_its_heading(section: str, large: Report) -> None:
    """Each table is anchored on its own labels; a neighbour's figures are never taken for its own."""
    heading = schema.SECTION_BY_ID[section].heading
    text = _drop_lines(_tab_text(large), lambda line: line != heading)
    result = import_text(text)
    assert result.report.cells == large.cells
    assert result.messages() == [f"未找到第{section}部分的标题（{heading}），表格已按行名找到，其前后的文字请核对"]
    # Nothing lost; the table's rows are not taken for text (a header line may be: hence the message).
    assert all(result.report.text[part].startswith(text) for part, text in large.text.items())
    figures = {str(v) for v in large.cells.values()}
    assert not any(set(text.split()) & figures for text in result.report.text.values())


def test_missing_sections_and_meta_are_named(large: Report) -> None:
    text = _tab_text(large)
    problems = schema.SECTION_BY_ID["五"].heading
    text = _drop_lines(text, lambda line: line not in (problems, large.doc_number, "2026年1月23日"))
    result = import_text(text)
    assert "未找到第五部分（五、存在的主要问题及改进情况）" in result.missing
    assert "未找到成文日期" in result.missing
    assert result.report.date == "" and result.report.doc_number == ""
    # Without its heading, section 五's text is read as the end of section 四's region: not lost
    # into another part's text, and the figures are unaffected.
    assert result.report.text["problems"] == ""
    assert result.report.cells == large.cells


def test_a_date_left_to_fill_in_by_hand_is_the_signature_not_text(large: Report) -> None:
    """An undated report prints "　　年　月　日" under the organ (gxdesk does); it is no part of 六."""
    result = import_text(_tab_text(large).replace("2026年1月23日", "　　年　月　日"))
    assert result.report.date == "" and "未找到成文日期" in result.missing
    assert result.report.organ == large.organ
    assert result.report.text == large.text


def test_a_row_short_of_a_cell_is_placed_by_the_printed_totals(large: Report) -> None:
    """A PDF copy that drops a blank cell leaves a row one figure short: the row's 总计 and the
    （七）总计 row tell which cell it was; the figures keep their columns."""
    report = copy.deepcopy(large)
    report.set_cells({("requests", "granted", "research"): None})
    text = layouts.text_document(layouts.document(report), layouts.one_cell_a_line)  # blank → nothing
    result = import_text(text)
    assert result.report.cells == report.cells | {("requests", "granted", "research"): 0}
    assert result.zeroed == {("requests", "granted", "research")}
    assert any("印出的数字比格子少" in n and "（一）予以公开" in n for n in result.all_notes())
    assert result.messages() == []


def test_a_row_the_totals_cannot_place_is_left_unread_never_shifted(large: Report) -> None:
    """Section 二 prints no totals: a row one figure short could be read two ways, so it is not read."""
    report = copy.deepcopy(large)
    report.set_cells({("proactive", "rules", "repealed"): None})
    text = layouts.text_document(layouts.document(report), layouts.one_cell_a_line)
    result = import_text(text)
    row = [("proactive", "rules", c) for c in ("issued", "repealed", "in_force")]
    assert all(result.report.cells[key] is None for key in row) and set(row) <= result.unfound
    issued, in_force = (large.cells[row[0]], large.cells[row[2]])
    [message] = [m for m in result.missing if "「规章」只印了 2 个数字" in m]
    assert f"{issued}、{in_force}" in message and "按合计无法确定" in message
    others = {k: v for k, v in result.report.cells.items() if k not in row}
    assert others == {k: v for k, v in report.cells.items() if k not in row}


def test_figures_that_fit_no_row_are_reported(large: Report) -> None:
    text = _tab_text(large).replace("规章\t", "规章\t9\t9\t9\t", 1)
    result = import_text(text)
    assert any("无法确定属于哪一格" in m for m in result.missing)


def test_unreadable_figure_is_reported_with_its_text(large: Report) -> None:
    text = _tab_text(large)
    penalty = large.cells[("proactive", "penalty", "count")]
    text = text.replace(f"行政处罚\t{penalty}\t", "行政处罚\t12.5\t", 1)
    result = import_text(text)
    assert result.report.cells[("proactive", "penalty", "count")] is None
    assert ("proactive", "penalty", "count") in result.unfound
    assert any("「行政处罚」原表为“12.5”" in m for m in result.missing)


def test_amounts_keep_their_decimals(large: Report) -> None:
    report = copy.deepcopy(large)
    report.set_cells({("proactive", "fees", "amount"): Decimal("1234.5678")})
    result = LAYOUTS["thousands separators"](report, Options(), Path("."))
    assert result.report.cells[("proactive", "fees", "amount")] == Decimal("1234.5678")


def test_import_from_bytes_matches_import_text(large: Report) -> None:
    text = _tab_text(large)
    for data in (text.encode("utf-8"), text.encode("gb18030"), "\ufeff".encode() + text.encode()):
        assert import_bytes(data, "text", "x.txt").report == import_text(text).report
