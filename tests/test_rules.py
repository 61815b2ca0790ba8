"""Every rule, on hand-made cases, in both directions: it flags the broken report and passes the right one."""

import inspect
from decimal import Decimal

import pytest

from gxdesk.model import Report
from gxdesk.rules import ERROR, WARNING, check, check_stated, error_count, repeated_share, summary
from gxdesk.text_checks import ERROR_RULES, TEXT_RULES


def rule_ids(findings):
    return [f.rule for f in findings]


def only(findings, rule):
    matches = [f for f in findings if f.rule == rule]
    assert len(matches) == 1, rule_ids(findings)
    return matches[0]


def test_the_sample_and_the_large_report_are_clean(sample, large):
    assert check(sample) == []
    assert check(large) == []
    assert summary([]) == "勾稽关系：全部平衡，未发现问题"


def test_a_column_out_of_balance_is_named_with_its_numbers(sample):
    sample.text["on_request"] = ""  # its 71件, 70件 would disagree too (tests/test_text_figures.py)
    # 自然人: 一 58 + 二 3 = 61 = （七）57 + 四 4; make the received side 1,070 against 1,069.
    sample.set_cells({("requests", "new", "natural_person"): 1_067,
                      ("requests", "granted", "natural_person"): 29 + 1_009})
    assert check(sample) == []
    sample.set_cells({("requests", "granted", "natural_person"): 29 + 1_008})
    finding = only(check(sample), "requests.balance")
    assert finding.message == "三、申请情况「自然人」列不平衡：一+二=1,070，（七）总计+四=1,069，相差 1"
    assert (finding.severity, finding.section, finding.table, finding.row, finding.column) == \
        (ERROR, "三", "requests", "", "natural_person")


def test_each_applicant_column_is_checked_on_its_own(large):
    for column in ["business", "other"]:
        large.cells[("requests", "carried_forward", column)] += 2
    findings = check(large)
    assert sorted(f.column for f in findings) == ["business", "other"]
    assert all("相差 2" in f.message for f in findings)


def test_blank_cells_are_errors_in_every_table(sample):
    sample.set_cells({("requests", "refused_state_secret", "research"): None,
                      ("appeals", "review", "pending"): None,
                      ("proactive", "fees", "amount"): None})
    blanks = [f for f in check(sample) if f.rule == "value.blank"]
    assert [(f.table, f.row, f.column) for f in blanks] == [
        ("proactive", "fees", "amount"), ("requests", "refused_state_secret", "research"),
        ("appeals", "review", "pending")]
    assert "「（三）不予公开·1.属于国家秘密」「科研机构」未填写" in blanks[1].message


@pytest.mark.parametrize("value, rule", [(-3, "value.negative"), (Decimal("2.5"), "value.not_integer"),
                                         (2.0, "value.not_integer"), (True, "value.not_integer")])
def test_impossible_values_are_errors_not_crashes(value, rule):
    report = Report(organ="某局", year=2025, date="2026-01-10")
    report.text["problems"] = "问题"
    report.text["other"] = "本年度未收取信息处理费。"
    report.set_cells({("appeals", "review", "upheld"): value})
    finding = only(check(report), rule)
    assert finding.severity is ERROR and finding.column == "upheld"


def test_negative_fee_is_flagged_but_a_decimal_fee_is_fine(sample):
    sample.set_cells({("proactive", "fees", "amount"): Decimal("0.0235")})
    assert check(sample) == []
    sample.set_cells({("proactive", "fees", "amount"): Decimal("-1")})
    assert only(check(sample), "value.negative").row == "fees"


@pytest.mark.parametrize("problems, improvements", [("", ""), ("无", ""), (" 无。", "\n"), ("", "没有")])
def test_section_five_cannot_be_empty_or_a_bare_none(sample, problems, improvements):
    sample.text["problems"], sample.text["improvements"] = problems, improvements
    assert only(check(sample), "text.problems_missing").severity is ERROR


def test_section_five_with_content_only_in_improvements_passes(sample):
    sample.text["problems"] = ""
    assert check(sample) == []


def test_unpaid_fee_refusals_require_section_six_to_report_the_fee(sample):
    sample.set_cells({("requests", "other_no_fee", "natural_person"): 2,
                      ("requests", "granted", "natural_person"): 27})
    assert check(sample) == []  # section 六 already says 未收取信息处理费
    sample.text["other"] = "本局按要求完成政务公开工作要点任务。"
    finding = only(check(sample), "text.fee_not_reported")
    assert finding.severity is ERROR and "为 2" in finding.message and finding.section == "六"


def test_a_missing_fee_statement_is_only_a_reminder(sample):
    sample.text["other"] = "本局按要求完成政务公开工作要点任务。"
    assert only(check(sample), "text.fee_statement").severity is WARNING


def test_meta_needs_organ_and_a_dated_signature(sample):
    sample.organ = ""
    sample.date = ""
    assert rule_ids(check(sample)) == ["meta.organ_missing", "meta.date_missing"]
    sample.organ, sample.date = "某局", "2025-12-30"
    assert rule_ids(check(sample)) == ["meta.date_early"]  # before the year it reports on ended
    assert only(check(sample), "meta.date_early").severity is ERROR
    sample.date = "2027-01-10"
    assert rule_ids(check(sample)) == ["meta.date_year", "deadline.date_late"]
    sample.date = "2026-01-01"
    assert check(sample) == []
    assert rule_ids(check(Report(organ="某局", date="2026-01-01"))) == ["meta.year_invalid", "text.problems_missing",
                                                                       "meta.date_year", "text.fee_statement"]


def test_errors_come_before_warnings(sample):
    sample.date = ""
    sample.text["problems"] = sample.text["improvements"] = ""
    findings = check(sample)
    assert [f.severity for f in findings] == [ERROR, WARNING]
    assert summary(findings) == "1 处错误，1 处提醒"


# --- Across years ----------------------------------------------------------------


def next_year(report):
    """This year's report that follows on correctly from ``report``."""
    this, last = str(report.year + 1), str(report.year)
    follow = Report(organ=report.organ, year=report.year + 1, date=f"{report.year + 2}-01-15",
                    text={part: text.replace(last, this) for part, text in report.text.items()},
                    cells=dict(report.cells))
    follow.text["overview"] = "新的一年，本机关围绕重点工作推进政务公开，全年发布政府信息一千余条，各项工作有序开展。"
    follow.text["problems"] = "一是解读形式仍较单一。二是基层信息报送有待加强，个别信息公开不够及时，需要持续改进。"
    follow.text["improvements"] = ""
    for part in ("proactive", "on_request", "management", "platform", "oversight"):
        follow.text[part] = ""
    for key in [k for k in follow.cells if k[0] == "requests"]:
        follow.cells[key] = 0
    for column in ("natural_person", "business"):
        last = report.value("requests", "carried_forward", column)
        follow.cells[("requests", "carried_over", column)] = last
        follow.cells[("requests", "new", column)] = 40
        follow.cells[("requests", "granted", column)] = last + 40
    for row in ("rules", "normative_documents"):
        follow.cells[("proactive", row, "issued")] = 0
        follow.cells[("proactive", row, "repealed")] = 0
    return follow


def test_a_correct_follow_up_year_passes_the_cross_year_checks(sample):
    assert check(next_year(sample), sample) == []


def test_carry_over_must_equal_last_years_carried_forward(sample):
    this = next_year(sample)
    this.set_cells({("requests", "carried_over", "business"): 3, ("requests", "granted", "business"): 43})
    finding = only(check(this, sample), "cross.carry_over")
    assert (finding.row, finding.column, finding.severity) == ("carried_over", "business", ERROR)
    assert "为 3" in finding.message and "为 1" in finding.message
    assert check(this) == []  # without last year's report there is nothing to compare


def test_documents_in_force_follow_last_year_as_a_warning(sample):
    this = next_year(sample)
    this.set_cells({("proactive", "normative_documents", "issued"): 2})
    finding = only(check(this, sample), "cross.documents_in_force")
    assert finding.severity is WARNING and finding.row == "normative_documents"
    assert "应为 14" in finding.message
    this.set_cells({("proactive", "normative_documents", "in_force"): 14})
    assert check(this, sample) == []


@pytest.mark.parametrize("licensing, flagged", [(4826 * 5, False), (4826 * 5 + 5, True), (966, False),
                                                (965, True), (0, True)])
def test_year_on_year_jumps_beyond_five_times_are_flagged(sample, licensing, flagged):
    this = next_year(sample)
    this.set_cells({("proactive", "licensing", "count"): licensing})
    assert ("cross.ratio" in rule_ids(check(this, sample))) is flagged


def test_small_figures_are_not_compared_year_on_year(sample):
    this = next_year(sample)
    this.set_cells({("proactive", "coercion", "count"): 9})
    sample.set_cells({("proactive", "coercion", "count"): 1})
    assert check(this, sample) == []


def test_copied_text_is_flagged_even_with_the_year_changed(sample):
    this = next_year(sample)
    this.text["overview"] = sample.text["overview"].replace("2025", "2026")
    finding = only(check(this, sample), "cross.text_repeated")
    assert finding.section == "一" and finding.severity is WARNING
    this.text["problems"], this.text["improvements"] = sample.text["problems"], sample.text["improvements"]
    assert sorted(f.section for f in check(this, sample)) == ["一", "五"]


def test_repeated_share_measures_overlap():
    text = "一是政策解读形式较为单一，以文字解读为主。二是基层信息报送不够及时。"
    assert repeated_share(text, text) == 1.0
    assert repeated_share(text, "完全不同的内容，涉及另外的工作安排和总结。") == 0.0
    assert 0.3 < repeated_share(text, text[:20]) < 0.6


def test_a_previous_report_of_the_wrong_year_is_mentioned(sample):
    this = next_year(sample)
    this.year += 1
    this.date = f"{this.year + 1}-01-15"
    this.text = {part: text.replace(str(this.year - 1), str(this.year)) for part, text in this.text.items()}
    assert rule_ids(check(this, sample)) == ["cross.previous_year"]


# --- Stated totals (checks 2–4, for published reports) --------------------------------


def test_stated_totals_that_agree_give_nothing(sample):
    stated = {("requests", "total", "natural_person"): 57, ("requests", "new", "total"): 71,
              ("appeals", "review", "total"): 4}
    assert check_stated(sample, stated) == []


def test_stated_totals_that_disagree_name_the_cell_and_both_numbers(sample):
    stated = {("requests", "total", "natural_person"): 58, ("requests", "new", "total"): 70,
              ("appeals", "litigation_direct", "total"): 3}
    findings = check_stated(sample, stated)
    assert rule_ids(findings) == ["requests.total_row", "requests.total_column", "appeals.total"]
    assert findings[0].message == "三、申请情况「（七）总计」「自然人」原表填写 58，按各项相加应为 57，相差 1"
    assert findings[2].row == "litigation_direct" and "应为 2" in findings[2].message


def test_a_figure_that_was_zero_last_year_is_not_said_to_have_changed_five_times(sample):
    """Issue 12: "上年 0，变化超过 5 倍" read oddly."""
    this, last = next_year_pair(sample)
    last.cells[("proactive", "licensing", "count")] = 0
    this.cells[("proactive", "licensing", "count")] = 40
    (finding,) = [f for f in check(this, last) if f.rule == "cross.ratio" and f.row == "licensing"]
    assert finding.message.endswith("本年 40，上年为 0，请确认没有填错") and "倍" not in finding.message
    last.cells[("proactive", "licensing", "count")], this.cells[("proactive", "licensing", "count")] = 40, 0
    (finding,) = [f for f in check(this, last) if f.rule == "cross.ratio" and f.row == "licensing"]
    assert finding.message.endswith("本年为 0，上年 40，请确认没有漏填")
    this.cells[("proactive", "licensing", "count")] = 400
    (finding,) = [f for f in check(this, last) if f.rule == "cross.ratio" and f.row == "licensing"]
    assert finding.message.endswith("本年 400，上年 40，变化超过 5 倍，请确认没有填错")


def next_year_pair(sample):
    from copy import deepcopy

    last = deepcopy(sample)
    last.year = sample.year - 1
    return sample, last


# --- What gxdesk render counts ----------------------------------------------------------------


def test_the_error_count_is_that_of_every_check(sample):
    assert error_count(sample) == 0
    sample.set_cells({("requests", "new", "natural_person"): 1_000,  # unbalanced, and 三's 71件 disagrees
                      ("requests", "other_no_fee", "research"): None,  # blank
                      ("requests", "other_no_fee", "natural_person"): 2})  # a fee refusal 六 does not report
    sample.text["preamble"] = ("本报告统计期限自2024年1月1日起至2024年12月31日止，"
                               "根据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2019〕60号）编制。")
    sample.text["other"] = "本局按要求完成政务公开工作要点任务,加强加强培训。"  # and wording warnings
    findings = check(sample)
    sample.explanations = {f.key: "已核实" for f in findings}  # an answered error stays an error
    findings = check(sample)
    errors = {f.rule for f in findings if f.severity is ERROR}
    assert {"requests.balance", "value.blank", "text.figure", "text.period_year", "text.citation_stale",
            "text.fee_not_reported"} <= errors
    assert {"text.half_width", "text.repeated"} <= {f.rule for f in findings if f.severity is WARNING}
    assert error_count(sample) == sum(f.severity is ERROR for f in findings)


def test_the_text_rules_error_count_leaves_out_only_warn():
    """A rule that can find an error must be in ERROR_RULES, or gxdesk render would not count it."""
    left_out = [rule for rule in TEXT_RULES if rule not in ERROR_RULES]
    assert left_out and TEXT_RULES[:len(ERROR_RULES)] == ERROR_RULES
    for rule in left_out:
        assert "ERROR" not in inspect.getsource(inspect.getmodule(rule)), rule.__name__
