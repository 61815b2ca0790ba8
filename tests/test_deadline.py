"""The 发布期限: the default by organ, the setting, the checks and the status line, with today fixed."""

from __future__ import annotations

from datetime import date

import pytest

from gxdesk.deadline import deadline_for, is_government, parse_month_day, status_line
from gxdesk.rules import WARNING, check


@pytest.mark.parametrize("organ, government", [("青禾县人民政府", True), ("某某市人民政府", True),
                                               ("青禾县人民政府办公室", False), ("青禾县市场监督管理局", False),
                                               ("某某镇人民政府", False), ("某某乡人民政府", False)])
def test_a_peoples_government_above_the_township_reports_by_march(organ, government):
    assert is_government(organ) is government


def test_the_default_deadline_by_organ_and_the_setting(sample):
    assert deadline_for(sample) == date(2026, 1, 31)
    sample.organ = "青禾县人民政府"
    assert deadline_for(sample) == date(2026, 3, 31)
    assert deadline_for(sample, "01-26") == deadline_for(sample, "1月26日") == date(2026, 1, 26)
    assert deadline_for(sample, date(2026, 2, 5)) == date(2026, 2, 5)
    assert deadline_for(sample, "nonsense") == date(2026, 3, 31)
    sample.year = 0
    assert deadline_for(sample) is None


@pytest.mark.parametrize("text, parsed", [("01-26", (1, 26)), ("1-26", (1, 26)), ("1月26日", (1, 26)),
                                          ("２月２９日", (2, 29)), ("2026-01-26", (1, 26)), ("13-01", None),
                                          ("02-30", None), ("", None), ("一月", None)])
def test_a_deadline_setting_is_read_as_typed(text, parsed):
    assert parse_month_day(text) == parsed


def test_a_date_after_the_deadline_is_a_warning_that_names_it(sample):
    assert [f for f in check(sample) if f.rule.startswith("deadline")] == []
    sample.date = "2026-02-02"
    (late,) = [f for f in check(sample) if f.rule == "deadline.date_late"]
    assert late.severity is WARNING and late.field == "date"
    assert late.message == ("基本信息：成文日期 2026年2月2日晚于发布期限 2026年1月31日"
                            "（部门的年度报告应在次年1月31日前公布）")
    assert [f.rule for f in check(sample, deadline="01-20") if f.rule.startswith("deadline")] == ["deadline.date_late"]
    sample.organ = "青禾县人民政府"  # by March
    assert [f for f in check(sample) if f.rule.startswith("deadline")] == []


def test_a_passed_deadline_warns_only_while_the_report_is_unfinished(sample):
    after = date(2026, 2, 10)
    assert [f for f in check(sample, today=after) if f.rule == "deadline.passed"] == []  # finished: dated, no error
    sample.date = ""
    (passed,) = [f for f in check(sample, today=after) if f.rule == "deadline.passed"]
    assert passed.message == "发布期限 2026年1月31日已过 10 天，报告尚未完成（没有填写成文日期）"
    sample.date = "2026-01-20"
    sample.set_cells({("appeals", "review", "upheld"): None})
    (passed,) = [f for f in check(sample, today=after) if f.rule == "deadline.passed"]
    assert "还有 1 处错误" in passed.message
    assert [f for f in check(sample, today=date(2026, 1, 31)) if f.rule == "deadline.passed"] == []  # the day itself
    assert [f for f in check(sample, today=date(2027, 3, 1)) if f.rule == "deadline.passed"] == []  # history by then
    assert [f for f in check(sample) if f.rule == "deadline.passed"] == []  # no today: no such check


def test_the_status_line_counts_the_days(sample):
    deadline = deadline_for(sample)
    sample.date = ""
    assert status_line(sample, check(sample), deadline, date(2026, 1, 10)) == "距发布期限（2026年1月31日）还有 21 天"
    assert status_line(sample, check(sample), deadline, date(2026, 1, 31)) == "今天是发布期限（2026年1月31日）"
    assert status_line(sample, check(sample), deadline, date(2026, 2, 3)) == "已过发布期限（2026年1月31日）3 天"
    assert status_line(sample, check(sample), deadline, date(2027, 2, 3)) == ""
    sample.date = "2026-01-20"
    assert status_line(sample, check(sample), deadline, date(2026, 1, 10)) == "发布期限 2026年1月31日"
