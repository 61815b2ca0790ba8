"""Text extracted from a PDF of the large report (tests/data/pdf, made by make_fixtures.py with
LibreOffice and pdftotext): the row-by-row extractions come back figure for figure; the
column-by-column one cannot be read, and the import says so instead of passing it off."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxdesk import schema
from gxdesk.importer import import_file
from gxdesk.importer.lines import norm
from gxdesk.model import Report

PDF = Path(__file__).parent / "data" / "pdf"


@pytest.mark.parametrize("extraction", ["layout", "raw"])
def test_pdf_text_row_by_row(extraction: str, large: Report) -> None:
    result = import_file(PDF / f"large-{extraction}.txt")
    report = result.report
    assert report.cells == large.cells
    assert result.messages() == []
    assert (report.organ, report.year, report.doc_number, report.date) == (
        large.organ, large.year, large.doc_number, large.date)
    # pdftotext spaces out digits ("第 97 项") and may move quotation marks; the words are all there.
    assert {part: norm(text) for part, text in report.text.items()} == {
        part: norm(text) for part, text in large.text.items()}


def test_pdf_text_column_by_column_is_flagged(large: Report) -> None:
    result = import_file(PDF / "large-columns.txt")
    assert result.needs_review
    warnings = [m for m in result.missing if "逐列排列" in m]
    assert [w[:6] for w in warnings] == ["第二部分表格", "第三部分表格"]
    # Every table holding a figure that did not come back right is flagged by a finding or a message.
    wrong = {key[0] for key, value in result.report.cells.items() if value != large.cells[key]}
    flagged = {f.table for f in result.findings} | {
        table.id for table in schema.TABLES for m in result.missing if m.startswith(f"第{table.section}部分表格")
        or m.startswith(f"未找到第{table.section}部分表格")}
    assert wrong and wrong <= flagged
