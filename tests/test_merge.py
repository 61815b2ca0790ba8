import random
from decimal import Decimal

import pytest

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.errors import InputError
from gxdesk.merge import merge
from gxdesk.rules import check
from gxdesk.sample import load_sample
from tests.factories import balanced_report


def test_merging_balanced_reports_adds_every_cell_and_stays_balanced(sample, large):
    merged = merge([sample, large], "某县人民政府")
    assert merged.organ == "某县人民政府" and merged.year == 2025
    for key in merged.cells:
        assert merged.cells[key] == sample.cells[key] + large.cells[key]
    assert merged.value("requests", "total", "total") == \
        sample.value("requests", "total", "total") + large.value("requests", "total", "total")
    assert [f for f in check(merged) if f.table] == []
    assert merged.text["problems"] == ""  # the aggregating office writes its own text


def test_merging_the_sample_with_itself_doubles_its_printed_figures(sample):
    """Expected figures written here (the sample's, tests/expected.py, doubled by hand), not computed."""
    merged = merge([sample, load_sample()], "某县人民政府")
    assert merged.value("requests", "new", "natural_person") == 116  # 58 + 58
    assert merged.value("requests", "new", "total") == 142  # 71 + 71
    assert merged.value("requests", "total", "total") == 140  # （七）总计 70 + 70
    assert merged.value("appeals", "review", "total") == 8  # 4 + 4
    assert merged.cells[("proactive", "licensing", "count")] == 9652  # 4,826 + 4,826
    assert merged.cells[("proactive", "fees", "amount")] == Decimal("2.52")  # 1.26 + 1.26 万元


def test_a_blank_in_any_input_stays_blank(sample, large):
    large.set_cells({("appeals", "review", "other"): None})
    merged = merge([sample, large], "某县人民政府")
    assert merged.cells[("appeals", "review", "other")] is None


def test_reports_of_different_years_are_refused(sample):
    other = balanced_report(random.Random(1))
    other.year = 2024
    with pytest.raises(InputError, match="同一年度"):
        merge([sample, other], "某县人民政府", ["a.gxr", "b.gxr"])


def test_merge_command_writes_the_sum(tmp_path, capsys, sample, large):
    gxr.save(sample, tmp_path / "a.gxr")
    gxr.save(large, tmp_path / "b.gxr")
    out = tmp_path / "county.gxr"
    assert main(["merge", str(tmp_path / "a.gxr"), str(tmp_path / "b.gxr"), "-o", str(out), "--organ", "某县人民政府"]) == 0
    assert "已汇总 2 份报告" in capsys.readouterr().out
    assert gxr.load(out).value("requests", "new", "natural_person") == \
        sample.value("requests", "new", "natural_person") + large.value("requests", "new", "natural_person")
    gxr.save(sample, tmp_path / "b.gxr")
    again = tmp_path / "twice.gxr"
    # Two files of one unit (the same organ) are one unit: counted once, and reported.
    assert main(["merge", str(tmp_path / "a.gxr"), str(tmp_path / "b.gxr"), "-o", str(again), "--organ", "某县"]) == 0
    assert "收到 2 份报告（a.gxr、b.gxr），统计数字相同，按一份计入" in capsys.readouterr().out
    assert gxr.load(again).value("requests", "total", "total") == 70  # the sample's （七）总计, once


def test_merge_command_refuses_to_overwrite(tmp_path, capsys, sample):
    gxr.save(sample, tmp_path / "a.gxr")
    before = (tmp_path / "a.gxr").read_bytes()
    assert main(["merge", str(tmp_path / "a.gxr"), "-o", str(tmp_path / "a.gxr"), "--organ", "某县"]) == 2
    assert "已存在" in capsys.readouterr().err
    assert (tmp_path / "a.gxr").read_bytes() == before
