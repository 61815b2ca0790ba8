"""The checks on the text other than its figures, each in both directions on hand-made texts:
years and citations, wording, section 五, the 信息处理费 in 六."""

from __future__ import annotations

import pytest

from gxdesk.model import Report, new_report
from gxdesk.rules import ERROR, WARNING, check


def findings(rule: str, year: int = 2025, cells: dict | None = None, **text: str) -> list:
    report = Report(organ="测试县民政局", year=year, date=f"{year + 1}-01-20")
    report.set_cells(cells or {})
    report.text.update(text)
    return [f for f in check(report) if f.rule == rule]


def one(rule: str, **kwargs):
    found = findings(rule, **kwargs)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


# --- Years ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。",
    "本报告统计数据从 2025 年 1 月 1 日至 12 月 31 日。",
    "统计期限为本年1月1日至12月31日。",
])
def test_a_period_of_the_report_year_passes(text):
    assert findings("text.period_year", preamble=text) == []


@pytest.mark.parametrize("text, wrong", [
    ("本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", "2024"),
    ("本报告统计数据从 2024 年 1 月 1 日至 12 月 31 日。", "2024"),
    ("统计期限自2025年1月1日起至2024年12月31日止。", "2024"),
])
def test_last_years_period_is_an_error(text, wrong):
    finding = one("text.period_year", preamble=text)
    assert finding.severity is ERROR and f"是 {wrong} 年" in finding.message and finding.field == "preamble"
    assert text[finding.start:finding.end].startswith(("2024", "2025"))


def test_a_new_reports_own_preamble_follows_its_year():
    assert findings("text.period_year", preamble=new_report("某局", 2025).text["preamble"]) == []


@pytest.mark.parametrize("part, text", [
    ("overview", "2025年，某局认真贯彻落实《条例》。"),
    ("on_request", "2025 年度我局依法依规落实依申请公开。"),
    ("other", "本机关 2025 年度未收取信息处理费。"),
    ("other", "（一）落实2025年政务公开工作要点情况。"),
    ("improvements", "2026年，我局将进一步加强政策解读。"),  # next year's plans
    ("other", "落实2026年政务公开工作要点。"),
    ("overview", "2022年以来，我局累计公开信息一万余条。"),  # a span of years, not the report's
    ("overview", "全年信息公开数量较2024年增长一成。"),
    ("preamble", "现发布《某局2025年政府信息公开工作年度报告》。"),
    ("improvements", "《某局2024年政府信息公开工作年度报告》中提出的问题已整改。"),  # last year's, cited
    ("overview", "我局2024年以来持续推进。"),
])
def test_years_that_are_not_the_reports_own_or_are_right_pass(part, text):
    assert findings("text.year", **{part: text}) == []


@pytest.mark.parametrize("part, text, said", [
    ("overview", "2024年，某局认真贯彻落实《条例》。", "2024年，"),
    ("on_request", "2024 年度我局依法依规落实依申请公开。", "2024 年度我局"),
    ("other", "本机关2024年度未收取信息处理费。", "2024年度"),
    ("other", "（一）落实2024年政务公开工作要点情况。", "2024年政务公开工作要点"),
    ("preamble", "现发布《某局2024年政府信息公开工作年度报告》。", "2024年政府信息公开工作年度报告"),
    ("overview", "本年度（2024年）共公开信息一千条。", "2024年）"),
    ("overview", "2026年，某局认真贯彻落实《条例》。", "2026年，"),  # next year only where plans are written
])
def test_a_year_given_as_the_reports_own_that_is_not_is_a_warning(part, text, said):
    finding = one("text.year", **{part: text})
    assert finding.severity is WARNING and finding.field == part and f"写“{said}”" in finding.message
    assert said.startswith(text[finding.start:finding.start + 4])


# --- Citations and headings ----------------------------------------------------------------------

def test_the_2021_notice_passes_and_older_ones_are_errors():
    right = "根据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。"
    assert findings("text.citation_stale", preamble=right) == []
    assert findings("text.citation_brackets", preamble=right) == []
    finding = one("text.citation_stale", preamble=right.replace("〔2021〕30号", "〔2019〕60号"))
    assert finding.severity is ERROR and "“国办公开办函〔2019〕60号”不是现行" in finding.message
    assert one("text.citation_stale", preamble="国办公开办函[2019]60号").field == "preamble"


@pytest.mark.parametrize("cited", ["国办公开办函[2021]30号", "国办公开办函【2021】30号", "国办公开办函(2021)30号",
                                   "国办公开办函2021 30号"])
def test_the_right_notice_with_other_brackets_is_a_warning(cited):
    assert one("text.citation_brackets", preamble=f"按照{cited}要求。").severity is WARNING


@pytest.mark.parametrize("text", ["四、政府信息公开的收费及减免情况", "一、概述\n本机关……",
                                  "本年新制作数量3件，本年新公开数量3件。"])
def test_headings_and_words_of_the_old_formats_are_flagged(text):
    assert one("text.old_heading", overview=text).severity is WARNING


def test_the_2021_headings_are_not_old():
    assert findings("text.old_heading", overview="一、总体情况。依申请公开政府信息情况良好。六、其他需要报告的事项") == []


# --- Wording ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, mark", [("全年公开信息,共计一千条。", ","), ("加强审核;严格把关。", ";"),
                                        ("主要做法:一是加强领导。", ":"), ("公开指南(2025年版)已更新。", "(")])
def test_half_width_punctuation_in_chinese_is_flagged(text, mark):
    finding = one("text.half_width", overview=text)
    assert f"半角“{mark}”" in finding.message and text[finding.start] == mark


@pytest.mark.parametrize("text", ["主动公开信息1,326条。", "网址为 http://www.example.gov.cn 。", "时间 9:30。",
                                  "全年公开信息，共计一千条（含更新）。", "English (text), here."])
def test_half_width_punctuation_between_digits_or_latin_letters_passes(text):
    assert findings("text.half_width", overview=text) == []


@pytest.mark.parametrize("text", [
    "一是加强领导。二是完善制度。三是强化培训。",
    "（一）主动公开。1.政策解读。2.回应关切。（二）依申请公开。1.规范答复。",
    "1.审批系统协同性有待加强。\n2.基层便民服务体系建设不均衡。\n一是服务效能有待提升。二是咨询渠道不畅通。\n3.队伍能力有待提升。",
    "金额为1.5万元。第（三）项已完成。",
])
def test_numbering_in_order_passes(text):
    assert findings("text.numbering", overview=text) == []


@pytest.mark.parametrize("text, said", [
    ("（一）主动公开。（三）依申请公开。", "跳号：“（一）”之后是“（三）”，应为“（二）”"),
    ("一是加强领导。二是完善制度。二是强化培训。", "重复：“二是”之后是“二是”"),
    ("（一）加强领导。2.完善制度。", "混用：“（一）”之后接着“2.”"),
    ("二是完善制度。", "“二是”前面没有“一是”"),
])
def test_skipped_repeated_or_mixed_numbering_is_flagged(text, said):
    finding = one("text.numbering", overview=text)
    assert said in finding.message and finding.start is not None


@pytest.mark.parametrize("text, doubled", [("加强信息公开的的审核。", "的"), ("进一步进一步加强审核。", "进一步"),
                                           ("我局认真认真落实。", "认真"), ("对对申请人答复。", "对")])
def test_a_word_written_twice_is_flagged(text, doubled):
    assert f"“{doubled}”连写了两次" in one("text.repeated", overview=text).message


@pytest.mark.parametrize("text", ["常常开展检查，人人参与，天天更新。", "的的确确做到应公开尽公开。",
                                  "层层压实责任，清清楚楚公开。", "问题不了了之的情况得到纠正。", "等等。",
                                  "谢谢大家，看看成效。"])
def test_reduplication_that_is_chinese_passes(text):
    assert findings("text.repeated", overview=text) == []


# --- Section 五 ---------------------------------------------------------------------------------

CONCRETE = "一是政策解读形式较为单一，图解、视频等形式偏少。二是基层信息报送不够及时。"
MEASURES = "下一步，将增加图解、短视频等解读形式，建立信息报送台账。"


def test_concrete_problems_and_measures_pass():
    for rule in ("text.problems_vague", "text.problems_unnamed", "text.improvements_missing"):
        assert findings(rule, problems=CONCRETE, improvements=MEASURES) == []
    # problems and measures in one part
    assert findings("text.improvements_missing", problems=f"{CONCRETE}{MEASURES}") == []


@pytest.mark.parametrize("problems", ["存在一些不足。", "本年度未发现明显问题。", "不存在问题", "工作仍有差距",
                                      "全年共开展政务公开培训三次，参训人员一百余人次，覆盖全部股室和下属单位。"])
def test_problems_that_name_nothing_concrete_are_a_warning(problems):
    finding = one("text.problems_vague", problems=problems, improvements=MEASURES)
    assert finding.severity is WARNING and "没有写出具体问题" in finding.message


def test_no_improvement_is_a_warning_and_no_problem_too():
    assert one("text.improvements_missing", problems=CONCRETE).field == "improvements"
    assert one("text.problems_unnamed", improvements="下一步，将建立信息报送台账，定期通报。").field == "problems"


def test_an_empty_five_is_the_error_not_these_warnings():
    assert findings("text.problems_vague", problems="无") == []
    assert findings("text.problems_missing", problems="无")[0].severity is ERROR


# --- 六 and the 信息处理费 -------------------------------------------------------------------------

UNPAID = {("requests", "other_no_fee", "natural_person"): 2, ("requests", "new", "natural_person"): 2}


def test_a_six_saying_no_fee_notice_went_out_contradicts_the_table():
    text = "本年度未发出收费通知，未收取信息处理费。"
    assert findings("text.fee_contradicts_table", other=text) == []
    finding = one("text.fee_contradicts_table", other=text, cells=UNPAID)
    assert finding.severity is ERROR and "“未发出收费通知”" in finding.message and "为 2" in finding.message


def test_a_six_silent_on_the_fee_is_an_error_when_fee_notices_went_unpaid():
    assert one("text.fee_statement", other="本局按要求完成工作要点任务。").severity is WARNING
    assert one("text.fee_not_reported", other="本局按要求完成工作要点任务。", cells=UNPAID).severity is ERROR
    assert findings("text.fee_not_reported", other="本年度未收取信息处理费。", cells=UNPAID) == []


def test_collected_and_not_collected_at_once_is_a_contradiction():
    both = dict(on_request="所有申请均未收取信息处理费。", other="本年度收取信息处理费300元。")
    assert one("text.fee_contradiction", cells=UNPAID, **both).field == "on_request"
    assert findings("text.fee_contradiction", cells=UNPAID, other="本年度收取信息处理费300元。") == []
    # an example in quotation marks is no statement
    assert findings("text.fee_contradiction", cells=UNPAID,
                    other="通常写明“本年度未收取信息处理费”。本年度收取信息处理费300元。") == []


def test_a_fee_collected_without_any_application_is_questioned():
    assert one("text.fee_without_requests", other="本年度收取信息处理费300元。").field == "other"
    assert findings("text.fee_without_requests", other="本年度收取信息处理费300元。", cells=UNPAID) == []
    assert findings("text.fee_without_requests", other="本年度收取信息处理费0元。") == []
