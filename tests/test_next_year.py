"""从上年报告开始: this year's report from last year's (issue 12, point 1)."""

from __future__ import annotations

from gxdesk.model import next_year
from gxdesk.rules import check
from gxdesk.schema import PROACTIVE, REQUEST_COLUMN_IDS


def test_meta_text_and_carry_over_are_taken_over_and_the_year_moves_on(sample):
    sample.title = "青禾县市场监督管理局2025年政府信息公开工作年度报告"
    sample.cells[("requests", "carried_forward", "business")] = None  # left blank last year: nothing to copy
    report = next_year(sample)
    assert (report.organ, report.year) == (sample.organ, 2026)
    assert report.title == "青禾县市场监督管理局2026年政府信息公开工作年度报告"
    assert (report.doc_number, report.date) == ("", "")  # new every year
    assert "自2026年1月1日起至2026年12月31日止" in report.text["preamble"]
    assert all(report.text[p] == sample.text[p] for p in sample.text if p != "preamble")
    for column in REQUEST_COLUMN_IDS:
        last = sample.cells[("requests", "carried_forward", column)]
        assert report.cells[("requests", "carried_over", column)] == (0 if last is None else last)
    for row in PROACTIVE.rows[:2]:
        assert report.cells[(PROACTIVE.id, row.id, "in_force")] == sample.cells[(PROACTIVE.id, row.id, "in_force")]
    assert report.cells[("requests", "new", "natural_person")] == 0
    assert report.previous is not None and report.previous.year == 2025 and report.previous.previous is None
    assert report.previous.cells == sample.cells  # a copy: later edits of the one leave the other alone
    report.cells[("requests", "new", "natural_person")] = 9
    assert sample.cells[("requests", "new", "natural_person")] != 9


def test_the_new_report_is_checked_against_last_year_at_once(sample):
    report = next_year(sample)
    rules = {f.rule for f in check(report, report.previous)}
    assert "cross.carry_over" not in rules and "cross.documents_in_force" not in rules
    assert "cross.text_repeated" in rules  # last year's text, to be rewritten
