"""The text checks on the three real published reports, each against its own figures
(tests/data/real/*.gxr, typed from /work/shared/reference/real-reports/): none of their
figures is falsely flagged, what the checks do find is really there, and a changed cell
behind a figure their text states is caught."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.rules import check
from gxdesk.text_checks.figures import stated_figures

REAL = Path(__file__).parent / "data" / "real"
NAMES = ["xingxian-2025", "yanchi-2023", "yangcheng-2023"]


def load(name: str):
    return gxr.load(REAL / f"{name}.gxr")


def read(report) -> list[tuple[str, str, object]]:
    return [(part, text[s.start:s.end], s.value) for part, text in report.text.items()
            for s in stated_figures(text, report.year)]


@pytest.mark.parametrize("name", NAMES)
def test_no_figure_of_a_real_report_is_flagged(name):
    assert [f.message for f in check(load(name)) if f.rule == "text.figure"] == []


def test_the_figures_their_text_states_are_read():
    # What the three reports say about their tables, in their own words: all of it 0.
    assert read(load("yanchi-2023")) == [
        ("on_request", "未收到任何形式的依申请公开事项", 0),
        ("on_request", "无行政处罚和行政强制", 0), ("on_request", "无行政处罚和行政强制", 0),
        ("on_request", "未发生行政复议和行政诉讼", 0), ("on_request", "未发生行政复议和行政诉讼", 0),
        ("other", "收到政府信息公开申请 0 件", 0),
    ]
    assert read(load("yangcheng-2023")) == [("on_request", "无依申请公开相关内容", 0)]
    # 兴县 states no figure of its tables in its text; 盐池's 办结8190件 (12345 hotline),
    # 235项 (a list of licences) and 阳城's 1207 项依申请… are no figures of the tables.
    assert read(load("xingxian-2025")) == []


@pytest.mark.parametrize("name, cell, flagged", [
    ("yanchi-2023", ("requests", "new", "business"), {"on_request", "other"}),
    ("yanchi-2023", ("proactive", "penalty", "count"), {"on_request"}),
    ("yanchi-2023", ("appeals", "litigation_after_review", "upheld"), {"on_request"}),
    ("yangcheng-2023", ("requests", "new", "natural_person"), {"on_request"}),
])
def test_a_changed_cell_behind_a_real_sentence_is_caught(name, cell, flagged):
    report = load(name)
    report.set_cells({cell: 1})
    assert {f.field for f in check(report) if f.rule == "text.figure"} == flagged


def test_what_the_new_checks_find_in_the_real_reports_is_really_there():
    found = {name: [(f.rule, f.message) for f in check(load(name), today=date(2026, 12, 1))
                    if f.rule.startswith(("text.", "deadline."))] for name in NAMES}
    assert found["yanchi-2023"] == []
    # 阳城 writes its web address in half-width brackets beside Chinese: “([www.yczf.gov.cn](…))”.
    assert found["yangcheng-2023"] == [("text.half_width",
                                        "六、其他事项“户网站 ([www.y”中有半角“(”等 2 处，中文里应使用全角“（”")]
    # 兴县's 五 lists five problems and no improvement at all; its 六 is silent on the fee.
    assert [rule for rule, _ in found["xingxian-2025"]] == ["text.fee_statement", "text.improvements_missing"]


@pytest.mark.parametrize("name", NAMES)
def test_their_years_and_citations_are_right(name):
    report = load(name)
    assert [f for f in check(report) if f.rule in ("text.year", "text.period_year", "text.citation_stale",
                                                     "text.citation_brackets", "text.old_heading")] == []
    report.year -= 1  # the same text, a year off: caught wherever it names its year
    if name != "xingxian-2025":  # 兴县's text names no year of its own
        assert {f.rule for f in check(report)} & {"text.year", "text.period_year"}
