"""``gxdesk merge`` as the office runs it: a real process, folders of units, exit 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.summary import file as summary_file
from tests.summary_units import COUNTY, share_paragraph, unit_name, write_units

pytestmark = pytest.mark.subprocess


def merge(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gxdesk", "merge", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=120)


@pytest.fixture
def office(tmp_path) -> Path:
    """Six units in a folder (units 2 and 5 sharing a paragraph, unit 4 unbalanced, unit 6 sent twice),
    and a roster expecting units 1–5 and a 水利局 that has not reported."""
    reports = write_units(tmp_path / "收到的报告", 6)
    share_paragraph(reports[1], reports[4])
    reports[3].cells[("requests", "new", "natural_person")] += 1
    for report in reports:
        gxr.save(report, tmp_path / "收到的报告" / f"{report.organ}.gxr")
    reports[5].cells[("appeals", "review", "upheld")] += 1
    (tmp_path / "收到的报告" / "补报").mkdir()
    gxr.save(reports[5], tmp_path / "收到的报告" / "补报" / "第6单位（修改）.gxr")
    (tmp_path / "名单.txt").write_text("\n".join([*(unit_name(n) for n in range(1, 6)), "青禾县水利局"]),
                                       encoding="utf-8")
    return tmp_path


def test_a_folder_with_a_roster(office):
    out, book = office / "县政府.gxr", office / "明细.xlsx"
    result = merge(office / "收到的报告", "-o", out, "--organ", COUNTY, "--roster", office / "名单.txt",
                   "--breakdown", book)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"已报  {unit_name(1)}")
    assert any(line.startswith(f"有错误  {unit_name(4)}") and "1 处错误" in line for line in lines)
    assert any("三、申请情况「自然人」列不平衡" in line for line in lines)
    assert any(line.startswith("未报  青禾县水利局") for line in lines)
    assert "未报（1）：\n  青禾县水利局" in result.stdout
    assert f"名单外（1）：\n  {unit_name(6)}" in result.stdout
    assert f"重复（1）：\n  {unit_name(6)}：" in result.stdout and "未选定，未计入合计" in result.stdout
    assert f"内容雷同（1）：\n  {unit_name(2)}与{unit_name(5)}的「一、总体情况」约" in result.stdout
    assert any(line.startswith(f"已汇总 5 份报告（{COUNTY} 2025 年度，7 个单位中的 5 个）") for line in lines)
    merged = gxr.load(out)
    assert merged.organ == COUNTY and merged.standard_title == f"{COUNTY}2025年政府信息公开工作年度报告"
    assert book.stat().st_size > 0


def test_json_is_one_object(office):
    result = merge(office / "收到的报告", "-o", office / "out.gxr", "--organ", COUNTY,
                   "--roster", office / "名单.txt", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert {"units", "missing", "unexpected", "duplicates", "similar_texts"} <= data.keys()
    assert data["missing"] == ["青禾县水利局"] and data["unexpected"] == [unit_name(6)]
    unit4 = next(u for u in data["units"] if u["name"] == unit_name(4))
    assert unit4["status"] == "有错误" and unit4["findings"][0]["rule"] == "requests.balance"
    assert data["duplicates"][0]["unit"] == unit_name(6) and data["duplicates"][0]["used"] is None
    assert data["similar_texts"][0]["units"] == [unit_name(2), unit_name(5)]
    assert data["similar_texts"][0]["identical_paragraphs"] == 1


def test_choosing_the_newer_file_and_saving_the_summary_to_go_on_tomorrow(office):
    chosen = office / "收到的报告" / "补报" / "第6单位（修改）.gxr"
    saved = office / "2025年汇总.gxs"
    first = merge(office / "收到的报告", "-o", office / "a.gxr", "--organ", COUNTY, "--prefer", chosen,
                  "--summary", saved, "--roster", office / "名单.txt")
    assert "使用 第6单位（修改）.gxr" in first.stdout, first.stderr
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["decisions"] == [{"unit": unit_name(6), "use": "收到的报告/补报/第6单位（修改）.gxr"}]
    assert data["inputs"] == ["收到的报告"] and len(data["units"]) == 6
    # Tomorrow: the 汇总 file alone carries the inputs, roster, organ and the choice made.
    again = merge(saved, "-o", office / "b.gxr")
    assert again.returncode == 1 and "使用 第6单位（修改）.gxr" in again.stdout
    assert gxr.load(office / "b.gxr").cells == gxr.load(office / "a.gxr").cells
    newer = merge(office / "收到的报告", "-o", office / "c.gxr", "--organ", COUNTY, "--use-newer")
    assert "使用 第6单位（修改）.gxr" in newer.stdout


def test_everything_in_and_right_exits_0(tmp_path):
    write_units(tmp_path / "u", 3)
    (tmp_path / "名单.txt").write_text("\n".join(unit_name(n) for n in (1, 2, 3)), encoding="utf-8")
    result = merge(tmp_path / "u", "-o", tmp_path / "out.gxr", "--organ", COUNTY, "--roster", tmp_path / "名单.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("已报  ") == 3


def test_last_years_summary_finds_a_copied_table(tmp_path):
    reports = write_units(tmp_path / "2024", 3)
    for report in reports:
        report.year = 2024
        report.text["preamble"] = report.text["preamble"].replace("2025", "2024")  # its 统计期限 too
        gxr.save(report, tmp_path / "2024" / f"{report.organ}.gxr")
    assert merge(tmp_path / "2024", "-o", tmp_path / "2024.gxr", "--organ", COUNTY,
                 "--summary", tmp_path / "2024.gxs").returncode == 0
    for report in reports:
        report.year = 2025
        report.text["preamble"] = report.text["preamble"].replace("2024", "2025")
    reports[1].cells[("appeals", "review", "upheld")] += 1  # unit 2 changed a figure; 1 and 3 did not
    (tmp_path / "2025").mkdir()
    for report in reports:
        gxr.save(report, tmp_path / "2025" / f"{report.organ}.gxr")
    result = merge(tmp_path / "2025", "-o", tmp_path / "2025.gxr", "--organ", COUNTY, "--previous", tmp_path / "2024.gxs")
    assert result.returncode == 1
    assert f"统计数字与上年完全相同（2）：\n  {unit_name(1)}\n  {unit_name(3)}" in result.stdout
    assert "未报" not in result.stdout  # last year's roster (none was given then) expects nobody


@pytest.mark.parametrize(("args", "message"), [
    (["{u}/none", "-o", "{t}/out.gxr", "--organ", COUNTY], "找不到“"),
    (["{u}", "-o", "{t}/out.xlsx", "--organ", COUNTY], "应以 .gxr 结尾"),
    (["{u}", "-o", "{t}/exists.gxr", "--organ", COUNTY], "已存在，没有覆盖"),
    (["{u}", "-o", "{t}/out.gxr"], "请用 --organ 给出本级"),
    (["{u}", "-o", "{t}/out.gxr", "--organ", COUNTY, "--roster", "{t}/none.txt"], "找不到文件"),
    (["{u}", "-o", "{t}/out.gxr", "--organ", COUNTY, "--breakdown", "{t}/b.csv"], "应以 .xlsx 结尾"),
    (["{u}", "-o", "{t}/out.gxr", "--organ", COUNTY, "--prefer", "{t}/other.gxr"], "不在要汇总的文件中"),
    (["{t}/junk", "-o", "{t}/out.gxr", "--organ", COUNTY], "没有可汇总的 0 年度报告"),
    (["{t}/empty", "-o", "{t}/out.gxr", "--organ", COUNTY], "没有找到要汇总的报告文件"),
    (["{u}", "-o", "{t}/out.gxr", "--organ", COUNTY, "--previous", "{t}/exists.gxr"], "不是 gxdesk 汇总文件"),
])
def test_unusable_input_exits_2_with_one_line_and_writes_nothing(tmp_path, args, message):
    write_units(tmp_path / "u", 2)
    gxr.save(gxr.load(tmp_path / "u" / f"{unit_name(1)}.gxr"), tmp_path / "exists.gxr")
    gxr.save(gxr.load(tmp_path / "u" / f"{unit_name(1)}.gxr"), tmp_path / "other.gxr")
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "通知.txt").write_text("请各单位于1月20日前报送。", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = merge(*(a.format(u=tmp_path / "u", t=tmp_path) for a in args),
                   "--breakdown", tmp_path / "b.xlsx", "--summary", tmp_path / "s.gxs") if "--breakdown" not in args \
        else merge(*(a.format(u=tmp_path / "u", t=tmp_path) for a in args))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written


def test_a_saved_summary_file_is_strict_about_its_version(tmp_path):
    write_units(tmp_path / "u", 1)
    saved = tmp_path / "s.gxs"
    summary_file.save(summary_file.SummaryFile(organ=COUNTY, inputs=[tmp_path / "u"]), saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["version"] = 9
    saved.write_text(json.dumps(data), encoding="utf-8")
    result = merge(saved, "-o", tmp_path / "o.gxr")
    assert result.returncode == 2 and "由更新版本的 gxdesk 保存（文件版本 9）" in result.stderr


def test_an_existing_aggregate_is_compared_with_the_sum(tmp_path):
    write_units(tmp_path / "u", 3)
    assert merge(tmp_path / "u", "-o", tmp_path / "sum.gxr", "--organ", COUNTY).returncode == 0
    typed = gxr.load(tmp_path / "sum.gxr")
    typed.cells[("appeals", "review", "pending")] += 1  # typed by hand, one figure off
    gxr.save(typed, tmp_path / "手工汇总.gxr")
    result = merge(tmp_path / "u", "-o", tmp_path / "again.gxr", "--organ", COUNTY, "--against", tmp_path / "手工汇总.gxr")
    assert result.returncode == 1
    pending = typed.cells[("appeals", "review", "pending")]
    assert (f"与本级报告不一致（1）：\n  四、复议诉讼「行政复议」「尚未审结」：本级报告 {pending:,}，"
            f"各单位合计 {pending - 1:,}，相差 1") in result.stdout
