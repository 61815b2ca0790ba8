"""The formulaic preamble follows 报告年度 while the clerk has not rewritten it (issue 12, point 3)."""

from __future__ import annotations

from gxdesk.edits import SetMeta
from gxdesk.model import new_report
from gxdesk.preamble import FORMS, follow_year, move_year, standard_preamble


def test_each_standard_wording_follows_the_year():
    for form in FORMS:
        assert follow_year(form.format(year=2025), 2025, 2026) == form.format(year=2026)
    assert "自2026年1月1日起至2026年12月31日止" in standard_preamble(2026)
    assert "〔2021〕30号" in standard_preamble(2030)  # the format's own number is no year of the report


def test_a_rewritten_preamble_is_the_clerks_and_stays():
    own = standard_preamble(2025) + "现予公布。"
    assert follow_year(own, 2025, 2026) is None
    assert follow_year(standard_preamble(2024), 2025, 2026) is None  # not the year it followed


def test_changing_the_year_moves_the_preamble_and_undo_moves_it_back():
    report = new_report("甲局", 2025)
    done = SetMeta("year", 2026).apply(report)
    assert report.text["preamble"] == standard_preamble(2026) and "preamble" in done.change.parts
    done.inverse.apply(report)
    assert report.year == 2025 and report.text["preamble"] == standard_preamble(2025)
    report.text["preamble"] = "本局自行撰写的前言，统计期限为2025年。"
    assert "preamble" not in SetMeta("year", 2027).apply(report).change.parts
    assert report.text["preamble"] == "本局自行撰写的前言，统计期限为2025年。"


def test_last_years_own_preamble_moves_its_dates_on():
    own = "现将2024年1月1日至2024年12月31日的情况报告如下（国办公开办函〔2021〕30号）。"
    assert move_year(own, 2024, 2025) == "现将2025年1月1日至2025年12月31日的情况报告如下（国办公开办函〔2021〕30号）。"
