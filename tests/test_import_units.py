"""The importer's pieces: normalisation, the readers' lines, label matching, dates, encodings."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gxdesk import schema
from gxdesk.importer import import_bytes, import_text
from gxdesk.importer.docx_reader import docx_lines
from gxdesk.importer.extract import _date
from gxdesk.importer.html_reader import html_lines
from gxdesk.importer.lines import Line, norm
from gxdesk.importer.tables import best_match, row_specs, runs
from gxdesk.importer.text_reader import decode, text_lines


@pytest.mark.parametrize(("raw", "flat"), [
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    ("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    ("3. 危及“三安全一稳定”", "3.危及三安全一稳定"),
    ("3、危及\"三安全一稳定\"", "3.危及三安全一稳定"),
    ("（3）危及三安全一稳定", "3.危及三安全一稳定"),
    ("三. 本 年 度 办 理 结 果", "三、本年度办理结果"),
    ("### **（五）监督保障方面**", "(五)监督保障方面"),
    ("２０２５年", "2025年"),
])
def test_norm(raw: str, flat: str) -> None:
    assert norm(raw) == flat


def test_every_row_label_identifies_its_row() -> None:
    """No row's full label is contained in another's: matching by the labels cannot confuse two rows."""
    for table in schema.TABLES:
        specs = row_specs(table)
        for spec in specs:
            for variant, identifying in spec.variants:
                others = [v for s in specs if s is not spec for v, _ in s.variants]
                assert not any(variant in other for other in others), variant
                assert not any(variant[:identifying] in other for other in others), variant
                assert best_match(variant, specs) is spec


def test_label_nearest_the_figures_wins() -> None:
    specs = row_specs(schema.REQUESTS)
    refused = [s for s in specs if s.row.groups[-1:] == ("（三）不予公开",)]
    # Two labels before one run: the figures belong to the second (the first row printed none).
    assert best_match(norm("6.属于四类过程性信息7.属于行政执法案卷"), refused) is refused[6]
    # A label cut short by a line break, with the next cell's stray letters around it.
    assert best_match(norm("息(六)其他处1.申请人无正当理由 逾期不补正、行政机"), specs).row.id == "other_no_correction"
    assert best_match(norm("其他"), specs) is None  # too short to identify anything


def test_numbering_on_its_own_line_is_not_a_figure() -> None:
    for mark in (".", "、", "．"):
        lines = [Line((t,)) for t in ["2.重复申请", "5", "6", "3", mark, "其", "他", "7"]]
        found = runs(lines)
        assert [(r.text, r.values) for r in found] == [("2.重复申请", ["5", "6"]), ("3.其他", ["7"])]


def test_prose_beside_a_table_gives_no_figures() -> None:
    assert runs([Line(("本年度共办理行政许可 5705 件。",))]) == []


def test_text_lines() -> None:
    text = "标题\n\n规章\t0\t1\t2\n| 规章 | 3 | 4 | 5 |\n|---|---|---|---|\n\t\t\t2026年1月26日\n\t\t\n"
    lines = text_lines(text)
    assert [line.cells for line in lines] == [
        ("标题",), ("规章", "0", "1", "2"), ("规章", "3", "4", "5"), ("2026年1月26日",)]  # one cell after tabs
    assert lines[-1].paragraph == "2026年1月26日"
    assert Line(("", "", "0")).paragraph is None  # a lone figure keeps its column


def test_page_numbers_of_a_pdf_copy_are_not_content() -> None:
    """pdftotext puts "— 2 —" (GB/T 9704) between the rows of a table that runs onto the next page."""
    text = "规章\t1\t2\t3\n\n                — 2 —\n\f行政许可 4\n- 3 -\n第 4 页 共 6 页\n第2页\n— 第一项 —\n-5"
    assert [line.cells for line in text_lines(text)] == [
        ("规章", "1", "2", "3"), ("行政许可 4",), ("— 第一项 —",), ("-5",)]


def test_html_lines() -> None:
    page = """<html><head><title>不是正文</title></head><body>
    <p>第一段<br>第二段&nbsp;&nbsp;<b>加粗</b><p>没有闭合的段落
    <table><tr><td rowspan=2>合并<td>1<td>2
    <tr><td>3<td>4</table>
    <table><tr><td><table><tr><td>内</td><td>5</td></tr></table></td></tr></table>
    </body></html>"""
    assert [line.cells for line in html_lines(page)] == [
        ("第一段",), ("第二段 加粗",), ("没有闭合的段落",), ("合并", "1", "2"), ("3", "4"), ("内", "5")]


def test_docx_lines_read_merged_cells_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("二、主动公开政府信息情况")
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "第二十条第（五）项"
    table.cell(1, 0).text = "行政许可"
    table.cell(1, 1).merge(table.cell(1, 3)).text = "5705"
    frame = document.add_table(rows=1, cols=1)  # a one-cell frame around text
    frame.cell(0, 0).text = "框内文字"
    document.add_paragraph("正文\t\t2026年1月26日")
    buffer = io.BytesIO()
    document.save(buffer)
    lines = docx_lines(buffer.getvalue(), "t.docx")
    assert [line.cells for line in lines] == [
        ("二、主动公开政府信息情况",), ("第二十条第（五）项",), ("行政许可", "5705"), ("框内文字",),
        ("正文", "", "2026年1月26日")]


@pytest.mark.parametrize(("text", "iso"), [
    ("2026年1月26日", "2026-01-26"), ("2024 年 1 月 11 日", "2024-01-11"), ("２０２６年１月２６日", "2026-01-26"),
    ("二〇二六年一月二十六日", "2026-01-26"), ("二〇二五年十二月三十一日", "2025-12-31"),
    ("2026年2月30日", ""), ("2026年1月", ""), ("截至2026年1月26日", ""),
])
def test_dates(text: str, iso: str) -> None:
    assert _date(text) == iso


@pytest.mark.parametrize(("data", "html"), [
    ("一、总体情况".encode("gbk"), False),
    ('<meta charset="gb2312">一、总体情况'.encode("gbk"), True),
    ("\ufeff一、总体情况".encode(), False),
    ("一、总体情况".encode("utf-16"), False),
])
def test_decode(data: bytes, html: bool) -> None:
    assert decode(data, "x", html=html).endswith("一、总体情况")


def test_declared_charset_that_lies_falls_back() -> None:
    data = '<meta charset="utf-8"><p>一、总体情况</p>'.encode("gbk")
    assert decode(data, "x", html=True).endswith("一、总体情况</p>")


def test_page_source_pasted_as_text_is_read_as_a_page() -> None:
    page = ("<!DOCTYPE html><html><body><h2>一、总体情况</h2><p>正文。</p>"
            "<h2>五、存在的主要问题及改进情况</h2></body></html>")
    assert import_text(page).report.text["overview"] == "正文。"
    assert import_bytes(page.encode(), "text", "page.txt").report.text["overview"] == "正文。"


def test_indented_and_tab_separated_text_is_kept() -> None:
    text = "一、总体情况\n\t本年度，我局认真落实。\n总述\t续写。\n五、存在的主要问题及改进情况\n问题。"
    assert import_text(text).report.text["overview"] == "本年度，我局认真落实。\n总述 续写。"


def test_sub_headings_split_section_one_and_five() -> None:
    text = "\n".join([
        "一、总体情况", "总述。",
        "（一）主动公开情况。一是公开了文件。", "二是做了解读。",
        "（二）依申请公开", "收到申请 3 件。",
        "（五）监督保障方面", "开展培训。",
        "五、存在的主要问题及改进情况",
        "（一）存在的主要问题", "问题一。",
        "（二）下一步改进措施", "措施一。",
    ])
    parts = import_text(text).report.text
    assert parts["overview"] == "总述。"
    assert parts["proactive"] == "一是公开了文件。\n二是做了解读。"
    assert parts["on_request"] == "收到申请 3 件。"
    assert parts["oversight"] == "开展培训。"
    assert (parts["problems"], parts["improvements"]) == ("问题一。", "措施一。")


def test_docx_text_box_read_once() -> None:
    """Word keeps a second copy of each text box for old versions (mc:Fallback): read one."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = "<w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent>"
    xml = (f'<w:document xmlns:w="{w}" xmlns:mc="{mc}"><w:body><w:p><w:r><w:t>前</w:t></w:r>'
           f"<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">{box}</mc:Choice>"
           f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    assert [line.cells for line in docx_lines(buffer.getvalue(), "t.docx")] == [("前框内",)]
