"""汇总: 60 generated units and three imported from renderings, added up exactly; who is missing,
unexpected, doubled or of another year; a broken unit named with its message; copied text paired; a
unit sent as Word saved as a web page (LibreOffice) counted exactly;
the breakdown workbook read back."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from gxdesk import gxr, importer
from gxdesk.model import ENTERED_KEYS, Report
from gxdesk.render import fonts, render
from gxdesk.rules import ERROR
from gxdesk.schema import TABLES, cell_name
from gxdesk.summary import breakdown
from gxdesk.summary.analyse import Status, summarise
from gxdesk.summary.sources import find_inputs, read_source
from tests import layouts
from tests.factories import unit_report
from tests.summary_units import COUNTY, share_paragraph, unit_name, write_units

ALL_KEYS = [(t.id, r.id, c.id) for t in TABLES for r, c in t.cells()]
PDF_PENDING = ".pdf" not in importer.SUFFIXES  # the PDF importer is issue 13's


def read(paths: list[Path], **options):
    return summarise([read_source(p) for p in find_inputs(paths)], COUNTY, **options)


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> tuple[Path, dict[str, Report]]:
    """60 .gxr units (two sharing a paragraph) and units 61–63 as .docx, .html and .pdf renderings."""
    folder = tmp_path_factory.mktemp("county")
    reports = write_units(folder / "gxr", 60)
    share_paragraph(reports[10], reports[20])
    for report in (reports[10], reports[20]):
        gxr.save(report, folder / "gxr" / f"{report.organ}.gxr")
    rng = random.Random(63)
    docx, html, pdf = (unit_report(rng, unit_name(n)) for n in (61, 62, 63))
    (folder / "published").mkdir()
    assert render(docx, folder / "published" / "第61单位.docx") == fonts.resolve().notes(".docx")
    page = layouts.html_document(layouts.document(html))
    (folder / "published" / "第62单位.html").write_text(page, encoding="utf-8")
    assert render(pdf, folder / "published" / "第63单位.pdf") == fonts.resolve().notes(".pdf")
    return folder, {r.organ: r for r in (*reports, docx, html, pdf)}


def test_every_cell_of_the_sum_is_exact(county):
    folder, reports = county
    result = read([folder])
    counted = {u.name for u in result.counted}
    expected = set(reports) - ({unit_name(63)} if PDF_PENDING else set())
    assert counted == expected
    assert result.merged is not None and result.merged.organ == COUNTY and result.merged.year == 2025
    for key in ALL_KEYS:
        assert result.merged.value(*key) == sum(reports[name].value(*key) for name in expected), cell_name(*key)
    assert result.merged.title == ""  # the standard title: 青禾县人民政府2025年政府信息公开工作年度报告
    assert result.merged.text["problems"] == ""  # the text is the office's to write
    imported = {u.name: u for u in result.units if u.used and u.used.imported}
    assert set(imported) == {unit_name(61), unit_name(62)} | (set() if PDF_PENDING else {unit_name(63)})
    assert all(u.status is Status.REPORTED for u in imported.values()), [u.findings for u in imported.values()]
    if PDF_PENDING:  # found, and named with the importer's reason, not silently missing
        pdf = next(u for u in result.units if u.name == "第63单位")
        assert pdf.status is Status.ERRORS and "PDF" in pdf.findings[0].message


@pytest.mark.skipif(PDF_PENDING, reason="the PDF importer (issue 13) is not on this branch yet")
def test_the_pdf_rendering_counts(county):
    folder, reports = county
    unit = next(u for u in read([folder]).units if u.name == unit_name(63))
    assert unit.used is not None and unit.used.report.cells == reports[unit_name(63)].cells


def test_two_units_sharing_a_paragraph_are_paired_and_no_other_pair_is(county):
    folder, _ = county
    result = read([folder])
    assert [(s.first, s.second, s.section, s.paragraphs) for s in result.similar] == [
        (unit_name(11), unit_name(21), "一", 1)]
    assert 0 < result.similar[0].share < 0.5  # one paragraph of several: paired for the paragraph
    unit = next(u for u in result.units if u.name == unit_name(11))
    assert any(f.rule == "summary.similar_text" and unit_name(21) in f.message for f in unit.findings)


def test_the_workbook_reopens_and_its_figures_equal_the_sum(county, tmp_path):
    from openpyxl import load_workbook

    folder, _ = county
    result = read([folder])
    path = tmp_path / "明细.xlsx"
    breakdown.write(result, path)
    book = load_workbook(path, read_only=True)
    rows = [list(r) for r in book[breakdown.SHEET].iter_rows(values_only=True)]
    book.close()
    header, units, total = rows[0], rows[1:-1], rows[-1]
    lead = len(breakdown.LEADING)
    assert header[:lead] == list(breakdown.LEADING)
    assert header[lead:] == [cell_name(*k) for k in ALL_KEYS]  # one column per figure, the schema's order
    assert header[lead + len(ENTERED_KEYS) // 10] is not None
    assert "三、申请情况「一、本年新收政府信息公开申请数量」「自然人」" in header
    assert [r[1] for r in units] == [u.name for u in result.units]
    assert total[1] == breakdown.TOTAL
    for column, key in enumerate(ALL_KEYS, lead):
        summed = result.merged.value(*key)
        assert Decimal(str(total[column])) == summed, cell_name(*key)
        assert sum(Decimal(str(r[column])) for r in units if r[column] is not None) == summed, cell_name(*key)


# --- Small folders for each kind of trouble --------------------------------------------------------


@pytest.fixture
def five(tmp_path) -> tuple[Path, list[Report]]:
    return tmp_path / "units", write_units(tmp_path / "units", 5)


def test_missing_unexpected_and_the_roster_order(five, tmp_path):
    folder, _ = five
    roster = [unit_name(n) for n in (3, 1, 2, 4)] + ["青禾县水利局"]
    # A roster spelled differently still matches: spaces, full-width digits.
    roster[0] = "青禾县 第３单位"
    result = read([folder], roster=roster)
    assert [u.name for u in result.units] == [*roster, unit_name(5)]
    assert result.missing == ["青禾县水利局"]
    assert result.unexpected == [unit_name(5)]
    assert next(u for u in result.units if u.name == "青禾县水利局").status is Status.MISSING
    assert len(result.counted) == 5  # the unexpected unit's figures are real: counted, and reported
    assert result.needs_attention


def test_a_duplicate_counts_only_when_chosen(five):
    folder, reports = five
    changed = reports[1]
    changed.cells[("proactive", "licensing", "count")] += 5
    gxr.save(changed, folder / "第2单位（修改稿）.gxr")
    result = read([folder])
    unit = next(u for u in result.units if u.name == unit_name(2))
    assert sorted(s.path.name for s in unit.sources) == ["第2单位（修改稿）.gxr", f"{unit_name(2)}.gxr"]
    assert not unit.counted and unit.status is Status.ERRORS
    assert "收到 2 份统计数字不同的报告" in unit.findings[0].message
    assert result.duplicates[0].used is None and not result.duplicates[0].same
    assert result.merged.value("proactive", "licensing", "count") == sum(
        r.cells[("proactive", "licensing", "count")] for r in reports if r is not changed)

    chosen = read([folder], decisions={unit.key: folder / "第2单位（修改稿）.gxr"})
    assert chosen.duplicates[0].used == folder / "第2单位（修改稿）.gxr"
    assert chosen.merged.value("proactive", "licensing", "count") == sum(
        r.cells[("proactive", "licensing", "count")] for r in reports)
    newer = read([folder], use_newer=True)
    assert newer.duplicates[0].used.name == "第2单位（修改稿）.gxr"  # written last


def test_a_report_of_another_year_is_named_and_not_counted(five):
    folder, reports = five
    old = reports[2]
    old.year = 2024
    gxr.save(old, folder / f"{old.organ}.gxr")
    result = read([folder])
    unit = next(u for u in result.units if u.name == unit_name(3))
    assert not unit.counted and unit.status is Status.ERRORS
    assert unit.findings[0].message == (f"收到的是其他年度的报告：{unit_name(3)}.gxr（2024 年度）；"
                                        "本次汇总 2025 年度，未计入合计")
    assert [(o.unit, o.year) for o in result.other_year] == [(unit_name(3), 2024)]
    assert len(result.counted) == 4


def test_a_broken_unit_is_named_with_its_exact_message(five):
    folder, reports = five
    broken = reports[3]
    broken.cells[("requests", "new", "natural_person")] += 1
    gxr.save(broken, folder / f"{broken.organ}.gxr")
    (folder / "青禾县第9单位.gxr").write_text('{"format": "gxdesk-report", "version": 1, "year": 20', encoding="utf-8")
    result = read([folder])
    unit = next(u for u in result.units if u.name == unit_name(4))
    assert unit.status is Status.ERRORS and unit.counted
    assert unit.findings[0].severity is ERROR
    assert unit.findings[0].message == "三、申请情况「自然人」列不平衡：一+二={:,}，（七）总计+四={:,}，相差 1".format(
        broken.value("requests", "new", "natural_person") + broken.value("requests", "carried_over", "natural_person"),
        broken.value("requests", "total", "natural_person") + broken.value("requests", "carried_forward", "natural_person"))
    unreadable = next(u for u in result.units if u.name == "青禾县第9单位")
    assert unreadable.status is Status.ERRORS and not unreadable.counted
    assert unreadable.findings[0].message == "无法读取：“青禾县第9单位.gxr”内容不完整或已损坏，无法读取（第 1 行第 53 列）"


def test_an_edited_copy_of_a_section_is_paired_with_its_share(five):
    folder, reports = five
    source = reports[0].text["problems"] + reports[0].text["improvements"]
    # Copied, the organ's name put in, one sentence added: still over half the same.
    reports[4].text["problems"] = f"{unit_name(5)}：" + source.replace("。", "。\n", 1)
    reports[4].text["improvements"] = "下一步将进一步加强培训。"
    gxr.save(reports[4], folder / f"{unit_name(5)}.gxr")
    result = read([folder])
    pair = next(s for s in result.similar if s.section == "五")
    assert (pair.first, pair.second) == (unit_name(1), unit_name(5))
    assert pair.share > 0.8
    assert "约" in pair.message and "「五、存在的主要问题及改进情况」" in pair.message


def test_figures_equal_to_last_years_and_the_carry_over(five):
    folder, reports = five
    last_year = {}
    for report in reports:
        previous = Report(organ=report.organ, year=2024, cells=dict(report.cells))
        last_year[report.organ] = previous
    # Unit 2 moved on: its 二、上年结转 matches last year's 四 only if it was typed so.
    for key in ENTERED_KEYS:
        if key[0] == "appeals":
            last_year[unit_name(2)].cells[key] = reports[1].cells[key] + 1
    from gxdesk.summary.identity import unit_key

    result = read([folder], last_year={unit_key(k): v for k, v in last_year.items()})
    assert result.same_as_last_year == [unit_name(n) for n in (1, 3, 4, 5)]
    unit = next(u for u in result.units if u.name == unit_name(1))
    assert any(f.message == "统计数字与上年（2024 年度）完全相同，可能照抄了上年的表格，请核对" for f in unit.findings)
    # The cross-year rules run against last year's figures: carried over ≠ last year's carried forward.
    assert any(f.rule == "cross.carry_over" for f in unit.findings)


def test_an_existing_aggregate_is_compared_cell_by_cell(five):
    folder, _ = five
    result = read([folder])
    parent = Report(organ=COUNTY, year=2025, cells=dict(result.merged.cells))
    parent.cells[("appeals", "review", "upheld")] += 2
    parent.cells[("proactive", "fees", "amount")] = Decimal("0.01")
    gxr.save(parent, folder / "县政府汇总（手工）.gxr")
    again = read([folder])
    assert again.parent is not None and again.parent.path.name == "县政府汇总（手工）.gxr"
    assert len(again.counted) == 5  # the county's own report is not a unit
    assert [d.message for d in again.differences] == [
        f"二、主动公开「行政事业性收费」：本级报告 0.01，各单位合计 {result.merged.cells[('proactive', 'fees', 'amount')]}，"
        f"相差 {result.merged.cells[('proactive', 'fees', 'amount')] - Decimal('0.01')}",
        f"四、复议诉讼「行政复议」「结果维持」：本级报告 {parent.cells[('appeals', 'review', 'upheld')]:,}，"
        f"各单位合计 {result.merged.cells[('appeals', 'review', 'upheld')]:,}，相差 2",
    ]


@pytest.mark.libreoffice
@pytest.mark.subprocess
def test_a_unit_sent_as_word_saved_as_a_web_page_counts_exactly(tmp_path):
    """gxdesk's .docx of a unit, saved as .html by an office suite (LibreOffice), as a unit may send it."""
    import subprocess

    from tests.office import soffice

    binary = soffice()
    if binary is None:
        pytest.skip("soffice not found: LibreOffice (libreoffice-writer-nogui, installed by .ci/run)")
    reports = write_units(tmp_path / "units", 3)
    sent = unit_report(random.Random(64), unit_name(64))
    assert render(sent, tmp_path / "第64单位.docx") == fonts.resolve().notes(".docx")
    subprocess.run([binary, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "html", "--outdir", str(tmp_path / "units"), str(tmp_path / "第64单位.docx")],
                   check=True, capture_output=True, timeout=300)
    result = read([tmp_path / "units"])
    unit = next(u for u in result.units if u.name == unit_name(64))
    assert unit.used is not None and unit.used.path.suffix == ".html" and unit.status is Status.REPORTED
    for key in ALL_KEYS:
        assert result.merged.value(*key) == sum(r.value(*key) for r in (*reports, sent)), cell_name(*key)
