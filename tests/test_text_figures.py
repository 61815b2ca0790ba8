"""Figures stated in the text against the tables (rule text.figure), both ways, on hand-made
sentences in the phrasings real reports use: Arabic and Chinese numerals, 万, 共计, 其中."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gxdesk.model import Report
from gxdesk.rules import ERROR, check
from gxdesk.text_checks.figures import stated_figures
from gxdesk.text_checks.numerals import parse_numeral


def report_with(cells: dict, **text: str) -> Report:
    report = Report(organ="测试县民政局", year=2025, date="2026-01-20")
    report.set_cells(cells)
    report.text.update(text)
    return report


def figures(report: Report) -> list:
    return [f for f in check(report) if f.rule == "text.figure"]


def stated(text: str, year: int = 2025) -> list[tuple[str, str, object]]:
    """(the words, the cell named, the figure) of every figure the text states."""
    return [(text[s.start:s.end], s.target.name, s.value) for s in stated_figures(text, year)]


# A report whose 三 holds 新收 71 (自然人 58, 法人 13), 上年结转 4, 办结 70, 结转 5.
REQUESTS = {("requests", "new", "natural_person"): 58, ("requests", "new", "business"): 13,
            ("requests", "carried_over", "natural_person"): 4,
            ("requests", "granted", "natural_person"): 36, ("requests", "partially_granted", "natural_person"): 8,
            ("requests", "refused_state_secret", "natural_person"): 1,
            ("requests", "refused_third_party", "natural_person"): 11,
            ("requests", "unavailable_not_held", "business"): 10,
            ("requests", "not_processed_repeat", "business"): 2, ("requests", "other_other", "business"): 2,
            ("requests", "carried_forward", "natural_person"): 5}


@pytest.mark.parametrize("text", [
    "全年新收政府信息公开申请71件，上年结转4件，办结70件，结转下年度继续办理5件。",
    "本年度共新收政府信息公开申请七十一件，上年结转四件。",
    "全年共收到政府信息公开申请75件（含上年结转4件）。",  # 收到 may count the carried-over ones
    "全年共收到政府信息公开申请71件，其中自然人申请58件、法人或其他组织申请13件。",
    "本年度共受理政府信息公开申请共计71件。",
    "政府信息公开申请办结70件，其中予以公开36件、部分公开8件、不予公开12件、无法提供10件、不予处理2件、其他处理2件。",
    "对政府信息公开申请，36件予以公开，8件部分公开。",
    "政府信息公开申请中，不予公开12件（属于国家秘密1件、保护第三方合法权益11件）。",
    "新收政府信息公开申请 71 件，上年结转 4 件。",
    "依申请公开：全年答复70件，结转至2026年度继续办理5件。",
])
def test_figures_that_agree_with_the_table_give_nothing(text):
    report = report_with(REQUESTS, on_request=text)
    assert stated(text), "the sentence states figures the checker should read"
    assert figures(report) == []


@pytest.mark.parametrize("text, wrong, table", [
    ("全年新收政府信息公开申请72件。", "新收政府信息公开申请72件", "「一、本年新收政府信息公开申请数量」「总计」为 71"),
    ("本年度共新收政府信息公开申请七十二件。", "新收政府信息公开申请七十二件", "为 71"),
    ("全年新收政府信息公开申请71件，上年结转3件。", "上年结转3件", "「二、上年结转政府信息公开申请数量」「总计」为 4"),
    ("全年新收政府信息公开申请71件，办结69件。", "办结69件", "「（七）总计」「总计」为 70"),
    ("全年共收到政府信息公开申请76件。", "收到政府信息公开申请76件", "为 71"),
    ("新收政府信息公开申请71件，其中自然人申请57件。", "自然人申请57件",
     "「一、本年新收政府信息公开申请数量」「自然人」为 58"),
    ("新收政府信息公开申请71件，其中法人或其他组织申请十二件。", "法人或其他组织申请十二件", "各列之和为 13"),
    ("政府信息公开申请中，予以公开35件。", "予以公开35件", "「（一）予以公开」「总计」为 36"),
    ("政府信息公开申请中，不予公开11件。", "不予公开11件", "「（三）不予公开」各项之和为 12"),
    ("政府信息公开申请中，重复申请3件。", "重复申请3件", "为 2"),
    ("政府信息公开申请71件，结转下年度继续办理6件。", "结转下年度继续办理6件", "「四、结转下年度继续办理」「总计」为 5"),
])
def test_a_figure_that_contradicts_its_cell_is_one_error_with_both_numbers(text, wrong, table):
    report = report_with(REQUESTS, on_request=text)
    (finding,) = figures(report)
    assert finding.severity is ERROR and finding.field == "on_request" and finding.section == "一"
    assert f"写“{wrong}”" in finding.message and table in finding.message
    assert finding.message.startswith("一、总体情况「依申请公开」与表格不一致：")
    assert (finding.start, finding.end) == (0, len(text))  # the sentence, for the window to select
    assert finding.table == "requests" and finding.row and finding.column  # and the cell to go to


def test_several_wrong_figures_of_one_sentence_are_one_finding_naming_each():
    text = "全年新收政府信息公开申请70件，上年结转3件。办结70件。"
    (finding,) = figures(report_with(REQUESTS, on_request=text))
    assert "写“新收政府信息公开申请70件”" in finding.message and "写“上年结转3件”" in finding.message
    assert (finding.row, finding.end) == ("new", text.index("。") + 1)


def test_a_finding_points_at_the_sentence_not_the_whole_part():
    text = "一是加强政策解读。二是全年新收政府信息公开申请70件。三是加强培训。"
    (finding,) = figures(report_with(REQUESTS, on_request=text))
    assert text[finding.start:finding.end] == "二是全年新收政府信息公开申请70件。"


@pytest.mark.parametrize("text, figure", [("申请一千二百件", 1200), ("申请1.2万件", 12000), ("申请1,200件", 1200),
                                          ("申请两千件", 2000), ("申请一万二千件", 12000), ("申请十二件", 12),
                                          ("申请一百零五件", 105), ("申请３５件", 35)])
def test_chinese_numerals_ten_thousands_and_full_width_digits(text, figure):
    report = report_with({("requests", "new", "natural_person"): figure},
                         on_request=f"本年度新收政府信息公开{text}。")
    assert figures(report) == []
    report.set_cells({("requests", "new", "natural_person"): figure + 1})
    assert len(figures(report)) == 1


@pytest.mark.parametrize("written, value", [("71", 71), ("1,326", 1326), ("1.2万", 12000), ("3万", 30000),
                                            ("十二", 12), ("一百零五", 105), ("两千", 2000), ("三万五千", 35000),
                                            ("十", 10), ("一百五", 150), ("二十", 20), ("0", 0), ("零", 0)])
def test_numerals_are_read_as_written(written, value):
    assert parse_numeral(written) == value


@pytest.mark.parametrize("written", ["万", "百", "1,2", "1.2.3", "千万"])
def test_what_is_no_figure_is_not_read_as_one(written):
    assert parse_numeral(written) is None


# --- What must never be tied to a cell ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "12345平台累计办结8190件，年办件量564675件。",  # 办结 of something else: no application in the paragraph
    "全年办理人大代表建议4件、政协提案3件。",
    "保密审查1,400余件，主动公开信息1,326条。",
    "约200件申请予以公开。", "新收政府信息公开申请70余件。", "新收政府信息公开申请70件以上。",
    "编制并公布《行政许可事项清单（2023年版）》235项。",
    "行政许可和行政处罚“双公示”信息5,039条。",
    "推进“一件事一次办”，设立“高效办成一件事”专窗。",
    "全年共梳理发布 1207 项依申请六类事项办事指南。",
    "行政处罚和行政强制案件250件。",  # one figure for two cells: no one cell's
    "示例：“新收政府信息公开申请99件”。",  # quoted: an example, not a statement
    "其中自然人58件。",  # 自然人 of what? nothing of 三 before it in the sentence
    "维持原决定2件。",  # 维持 of what? neither 复议 nor 诉讼 named
    "未发生行政复议被纠错的情况。",  # no statement that there was no 行政复议
])
def test_numbers_the_checker_cannot_tie_to_a_cell_are_left_alone(text):
    report = report_with({}, on_request=text, proactive=text, other=text)
    assert figures(report) == [], stated(text)


# --- Sections 二 and 四 ------------------------------------------------------------------------

PROACTIVE = {("proactive", "normative_documents", "issued"): 3, ("proactive", "normative_documents", "repealed"): 1,
             ("proactive", "normative_documents", "in_force"): 12, ("proactive", "licensing", "count"): 4826,
             ("proactive", "penalty", "count"): 213, ("proactive", "coercion", "count"): 37,
             ("proactive", "fees", "amount"): Decimal("1.26")}


@pytest.mark.parametrize("text", [
    "本年度制发行政规范性文件3件，废止1件，现行有效12件；未制发规章。",
    "完成行政规范性文件清理，废止1件、继续有效12件。",
    "全年作出行政许可决定4826件、行政处罚决定213件，实施行政强制37件。",
    "本年度行政事业性收费1.26万元。", "本年度行政事业性收费12600元。", "本年度行政事业性收费1.3万元。",
])
def test_section_two_figures_that_agree(text):
    assert figures(report_with(PROACTIVE, proactive=text)) == []


@pytest.mark.parametrize("text, table", [
    ("本年度制发行政规范性文件2件。", "「行政规范性文件」「本年制发件数」为 3"),
    ("完成行政规范性文件清理，废止2件。", "「本年废止件数」为 1"),
    ("行政规范性文件现行有效十一件。", "「现行有效件数」为 12"),
    ("全年作出行政许可决定4827件。", "「行政许可」为 4,826"),
    ("行政处罚案件二百一十二件。", "「行政处罚」为 213"),
    ("本年度制发规章1件。", "「规章」「本年制发件数」为 0"),
    ("无行政强制案件。", "「行政强制」为 37"),
    ("本年度行政事业性收费1.25万元。", "「行政事业性收费」为 1.26"),
])
def test_section_two_figures_that_contradict(text, table):
    (finding,) = figures(report_with(PROACTIVE, proactive=text))
    assert table in finding.message and finding.table == "proactive"


APPEALS = {("appeals", "review", "upheld"): 2, ("appeals", "review", "corrected"): 1,
           ("appeals", "review", "pending"): 1, ("appeals", "litigation_direct", "upheld"): 1,
           ("appeals", "litigation_direct", "pending"): 1, ("appeals", "litigation_after_review", "other"): 1}


@pytest.mark.parametrize("text", [
    "本年度因政府信息公开被申请行政复议4件，其中结果维持2件、结果纠正1件、尚未审结1件；"
    "被提起行政诉讼3件（未经复议直接起诉2件、复议后起诉1件），其中结果维持1件、其他结果1件、尚未审结1件。",
    "发生政府信息公开行政复议案件四件，维持原行政行为二件，纠正一件。",
    "行政诉讼3件，其中直接起诉2件（维持1件、尚未审结1件），复议后起诉1件（其他结果1件）。",
])
def test_section_four_figures_that_agree(text):
    report = report_with(APPEALS, on_request=text)
    assert stated(text) and figures(report) == []


@pytest.mark.parametrize("text, table", [
    ("被申请行政复议5件。", "「行政复议」「总计」为 4"),
    ("被申请行政复议4件，其中结果维持3件。", "「行政复议」「结果维持」为 2"),
    ("被提起行政诉讼3件，其中结果维持2件。", "「行政诉讼」两项「结果维持」之和为 1"),
    ("未经复议直接起诉3件。", "「行政诉讼·未经复议直接起诉」「总计」为 2"),
    ("本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。", "为 4"),
])
def test_section_four_figures_that_contradict(text, table):
    (finding,) = figures(report_with(APPEALS, on_request=text))
    assert table in finding.message and finding.table == "appeals"


# --- Negations state a 0 ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, cells", [
    ("本年度未收到政府信息公开申请。", {("requests", "new", "business"): 1}),
    ("2023 年度我局未收到任何形式的依申请公开事项。", {("requests", "new", "business"): 1}),
    ("2023 年我局无依申请公开相关内容。", {("requests", "new", "business"): 1}),
    ("上年无结转。", {("requests", "carried_over", "business"): 1}),
    ("无行政处罚和行政强制案件。", {("proactive", "penalty", "count"): 3}),
    ("未发生行政复议和行政诉讼等情况。", {("appeals", "litigation_direct", "pending"): 1}),
    ("本年度未制发行政规范性文件。", {("proactive", "normative_documents", "issued"): 2}),
])
def test_a_negation_states_a_zero_that_the_table_must_hold(text, cells):
    assert figures(report_with({}, on_request=text)) == []
    assert len(figures(report_with(cells, on_request=text))) == 1


def test_the_fee_refusals_figure_of_section_six():
    text = "本年度因申请人逾期未按收费通知要求缴纳费用而不再处理的政府信息公开申请2件，本机关未收取信息处理费。"
    report = report_with({("requests", "other_no_fee", "natural_person"): 2, ("requests", "new", "natural_person"): 2},
                         other=text)
    assert figures(report) == []
    report.set_cells({("requests", "other_no_fee", "natural_person"): 1, ("requests", "granted", "natural_person"): 1})
    (finding,) = figures(report)
    assert finding.field == "other" and finding.row == "other_no_fee"


def test_a_blank_cell_is_no_figure_to_compare_with():
    report = report_with({("requests", "new", "natural_person"): None}, on_request="新收政府信息公开申请71件。")
    assert figures(report) == []  # value.blank speaks about the cell


def test_carried_forward_to_a_year_other_than_the_next_is_not_read_as_carried_forward():
    assert stated("政府信息公开申请中，结转至2026年继续办理5件。") != []
    assert stated("政府信息公开申请中，结转至2027年继续办理5件。") == []
