"""The three real published reports (tests/data/real, copied from shared/reference): every
figure of sections 二–四 as published, organ, year and date, and each text part starting
where the published one does."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gxdesk import schema
from gxdesk.importer import ImportResult, import_file
from gxdesk.model import ENTERED_KEYS, CellKey, Value

REAL = Path(__file__).parent / "data" / "real"


def _published(proactive: dict[str, tuple[Value, ...]],
               blank: frozenset[CellKey] = frozenset()) -> dict[CellKey, Value]:
    """Every entered cell as printed: the given rows of section 二, zeros elsewhere, None where blank."""
    cells: dict[CellKey, Value] = dict.fromkeys(ENTERED_KEYS, 0)
    cells[("proactive", "fees", "amount")] = Decimal(0)
    for row_id, values in proactive.items():
        columns = [c.id for c in schema.PROACTIVE.block_of(row_id).columns]
        cells.update({("proactive", row_id, c): v for c, v in zip(columns, values, strict=True)})
    cells.update(dict.fromkeys(blank))
    return cells


def _imported(name: str) -> ImportResult:
    return import_file(REAL / name)


# --- 兴县 2025: labels broken across lines and cells, a 发文字号, blank cells in 四 -------------

XINGXIAN_BLANK = frozenset(("appeals", "review", c) for c in ("upheld", "corrected", "other", "pending"))


def test_xingxian_figures_as_published() -> None:
    result = _imported("xingxian-2025.txt")
    assert result.report.cells == _published({"licensing": (5705,)})
    # The four 行政复议 cells (and their 总计) are empty in the published row: only ten figures
    # are printed, after five empty cells. No printed total says otherwise: read as 0, and noted.
    assert result.zeroed == XINGXIAN_BLANK and not result.blank
    assert result.all_notes()[0].startswith("原表 4 格留空，按 0 读入：四、复议诉讼「行政复议」「结果维持」")
    assert not result.unfound and not result.findings
    # Printed totals: the （七）总计 row in full, the 总计 column where the row prints seven figures.
    total_row = {("requests", "total", c.id) for c in schema.REQUESTS.blocks[0].columns}
    assert total_row <= result.stated.keys()
    assert ("requests", "refused_enforcement_files", "total") in result.stated
    assert ("appeals", "litigation_after_review", "total") in result.stated
    assert set(result.stated.values()) == {0}


def test_xingxian_rows_short_of_the_total_column_are_placed_by_the_totals() -> None:
    result = _imported("xingxian-2025.txt")
    # Rows 1–5 of （三）不予公开 print six figures for seven columns: the printed totals (all 0)
    # allow one reading only, and it is noted, not left to review.
    [short] = [n for n in result.all_notes() if "印出的数字比格子少" in n]
    assert short.startswith("第三部分表格有 5 行")
    assert "1.属于国家秘密" in short and "5.属于三类内部事务信息" in short and "6.属于" not in short
    assert result.messages() == []


def test_xingxian_meta() -> None:
    report = _imported("xingxian-2025.txt").report
    assert (report.organ, report.year, report.doc_number, report.date) == (
        "兴县行政审批服务管理局", 2025, "兴审管发〔2026〕7号", "2026-01-26")


def test_xingxian_text() -> None:
    text = _imported("xingxian-2025.txt").report.text
    assert text["preamble"] == ""  # the title page holds only the red header, 字号 and title
    assert text["overview"].startswith("兴县行政审批局坚持以习近平新时代中国特色社会主义思想为指导")
    assert text["overview"].endswith("显著提升了行政审批效率和政务服务水平。")
    assert all(text[p] == "" for p in ("proactive", "on_request", "management", "platform", "oversight"))
    # Section 五 has no sub-headings: all of it is 存在的主要问题. A line broken mid-word by the
    # PDF ("存在系" / "统壁垒") is joined back.
    assert text["problems"].startswith("1. 审批系统协同性有待加强。部分审批事项仍存在系统壁垒，数据共享不充分")
    assert text["problems"].split("\n")[-1].startswith("5.队伍专业能力有待提升。")
    assert "政策解读能力以及信息化操作水平" in text["problems"]
    assert len(text["problems"].split("\n")) == 5
    assert text["improvements"] == ""
    assert text["other"].startswith("展望 2026 年，兴县行政审批服务管理局将继续秉持")
    assert text["other"].endswith("交上一份满意的答卷！")  # the signature and date are not 六's text


# --- 盐池县 2023: columns shifted in "3.其他" / "（七）总计", no date ---------------------------


def test_yanchi_figures_as_published() -> None:
    result = _imported("yanchi-2023.txt")
    assert result.report.cells == _published({"normative_documents": (1, 0, 1), "licensing": (5147,)})
    assert not result.blank and not result.unfound and not result.findings
    computed = {(t.id, r.id, c.id) for t in (schema.REQUESTS, schema.APPEALS) for r, c in t.cells()
                if r.computed or c.computed}
    assert result.stated == dict.fromkeys(computed, 0)  # every printed total, all 0


def test_yanchi_meta_and_what_is_missing() -> None:
    result = _imported("yanchi-2023.txt")
    report = result.report
    assert (report.organ, report.year, report.doc_number, report.date) == ("盐池县审批服务管理局", 2023, "", "")
    assert result.missing == ["未找到成文日期"]  # the published page has no signature or date


def test_yanchi_text() -> None:
    text = _imported("yanchi-2023.txt").report.text
    starts = {
        "preamble": "根据《中华人民共和国政府信息公开条例》规定和《国务院办公厅政府信息与政务公开办公室",
        "overview": "2023 年，盐池县审批服务管理局坚持以习近平新时代中国特色社会主义思想为指导",
        "proactive": "一是更新事项清单公开。依据国家、自治区层面制定的行政许可事项实施规范，编制并公布《盐池县行政许可",
        "on_request": "2023 年度我局依法依规严格落实依申请公开",
        "management": "一是从严从实抓好信息公开工作。",
        "platform": "主要依托盐池县人民政府门户网站",
        "oversight": "一是强化政治引领。坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持稳中",
        "problems": "一是主动公开意识还有待进一步提高。",
        "improvements": "一是对群众关心的热点、焦点、难点问题予以全面及时的回应。",
        "other": "（一）落实盐池县 2023 年政务公开工作要点情况。一是推进政府自身建设信息公开。",
    }
    for part, start in starts.items():
        assert text[part].startswith(start), part
    assert "**" not in text["other"]  # markdown emphasis dropped
    assert text["other"].endswith("未收取信息处理费。")


# --- 阳城县 2023: markdown headings, organ on the title's first line, date alone at the end ------


def test_yangcheng_figures_as_published() -> None:
    result = _imported("yangcheng-2023.md")
    assert result.report.cells == _published({"licensing": (23286,)})
    assert not result.needs_review
    assert result.messages() == []


def test_yangcheng_meta() -> None:
    report = _imported("yangcheng-2023.md").report
    assert (report.organ, report.year, report.doc_number, report.date) == (
        "阳城县行政审批服务管理局", 2023, "", "2024-01-11")


def test_yangcheng_text() -> None:
    text = _imported("yangcheng-2023.md").report.text
    starts = {
        "overview": "2023 年，阳城县行政审批服务管理局进一步完善政务公开制度",
        "proactive": "全年在政府网站主动公开信息 6072 条，其中双公示 4541 条",
        "on_request": "2023 年我局无依申请公开相关内容。",
        "management": "严格按照政府信息管理相关规定对公开信息进行审核并公开",
        "platform": "1. 不断充实完善政务服务网功能。阳城县政务服务网与省级政务服务平台",
        "oversight": "严格落实《中华人民共和国政府信息公开条例》精神",
        "problems": "存在问题：一是信息公开的工作机制有待进一步完善",
        "improvements": "改进措施：一是进一步完善信息公开相关制度",
        "other": "本机关 2023 年度未收取政府信息公开信息处理费。",
    }
    for part, start in starts.items():
        assert text[part].startswith(start), part
    assert text["preamble"] == ""
    # A markdown heading inside a part stays in that part, as text.
    assert "\n2. 健全政务服务“好差评”工作机制\n一是成立推进" in text["platform"]
    assert text["other"].endswith("门户网站(www.yczf.gov.cn) 下载。")


@pytest.mark.parametrize("name", ["xingxian-2025.txt", "yanchi-2023.txt", "yangcheng-2023.md"])
def test_real_reports_pass_the_stated_totals_and_balance(name: str) -> None:
    """The published figures are consistent: no import finding, and 三's columns balance."""
    from gxdesk.rules import check

    result = _imported(name)
    assert result.findings == []
    assert not [f for f in check(result.report) if f.rule == "requests.balance"]
