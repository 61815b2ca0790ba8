"""The command line: exit codes 0/1/2, one line on stderr for unusable input, same core as the window."""

import json
import subprocess
import sys

import pytest

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.resources import data_file

SAMPLE = str(data_file("sample.gxr"))


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_of_a_clean_report_exits_0(capsys):
    code, out, err = run(capsys, "check", SAMPLE)
    assert (code, out, err) == (0, "勾稽关系：全部平衡，未发现问题\n", "")


def test_check_of_an_unbalanced_report_exits_1_and_names_the_column(tmp_path, capsys, sample):
    sample.set_cells({("requests", "new", "business"): 10})
    gxr.save(sample, tmp_path / "r.gxr")
    code, out, _ = run(capsys, "check", str(tmp_path / "r.gxr"), "--today", "2026-01-10")
    assert code == 1
    assert out.splitlines() == [
        "错误  三、申请情况「商业企业」列不平衡：一+二=11，（七）总计+四=10，相差 1",
        # the text still says 71 of them came in
        "错误  一、总体情况「依申请公开」与表格不一致：写“新收政府信息公开申请71件”，"
        "三、申请情况「一、本年新收政府信息公开申请数量」「总计」为 72",
        "2 处错误"]


def test_check_json_lists_findings_with_locations(tmp_path, capsys, sample):
    sample.date = ""
    gxr.save(sample, tmp_path / "r.gxr")
    code, out, _ = run(capsys, "check", str(tmp_path / "r.gxr"), "--json", "--today", "2026-01-10")
    assert code == 0  # a warning only
    assert json.loads(out) == [{"rule": "meta.date_missing", "severity": "warning",
                                "message": "基本信息：没有填写成文日期，落款需要它", "section": "基本信息",
                                "table": "", "row": "", "column": "", "field": "date",
                                "start": None, "end": None, "explanation": None}]


def test_check_with_last_years_report_applies_the_cross_year_rules(tmp_path, capsys, sample):
    this = gxr.load(SAMPLE)
    this.year, this.date = 2026, "2027-01-10"
    gxr.save(this, tmp_path / "2026.gxr")
    code, out, _ = run(capsys, "check", str(tmp_path / "2026.gxr"), "--previous", SAMPLE, "--json")
    rules = {f["rule"] for f in json.loads(out)}
    assert code == 1 and {"cross.carry_over", "cross.text_repeated"} <= rules


def test_new_writes_a_blank_report_that_loads(tmp_path, capsys):
    out_file = tmp_path / "new.gxr"
    code, out, _ = run(capsys, "new", "-o", str(out_file), "--organ", "某县民政局", "--year", "２０２５")
    assert code == 0 and "已新建" in out
    report = gxr.load(out_file)
    assert (report.organ, report.year) == ("某县民政局", 2025)
    assert report.value("requests", "total", "total") == 0


def test_new_never_overwrites(tmp_path, capsys):
    existing = tmp_path / "keep.gxr"
    existing.write_bytes(b"precious")
    code, _, err = run(capsys, "new", "-o", str(existing), "--organ", "某局", "--year", "2025")
    assert code == 2 and "已存在" in err and existing.read_bytes() == b"precious"


@pytest.mark.parametrize("year", ["二〇二五", "1999", "-2025"])
def test_new_refuses_a_bad_year(tmp_path, capsys, year):
    code, _, err = run(capsys, "new", "-o", str(tmp_path / "x.gxr"), "--organ", "某局", "--year", year)
    assert code == 2 and err.count("\n") == 1 and "报告年度" in err
    assert not (tmp_path / "x.gxr").exists()


@pytest.mark.parametrize("content", [b"", b"{", b'{"format": "gxdesk-report", "version": 3}',
                                     b'{"format": "gxdesk-report", "version": 1, "year": 2025, "x": 1}',
                                     b'{"format": "gxdesk-report", "version": 1, "year": 2025, '
                                     b'"proactive": {"penalty": -4}}'])
def test_check_of_an_unusable_file_exits_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "bad.gxr"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert err.startswith("gxdesk: ") and err.count("\n") == 1
    assert path.read_bytes() == content


def test_check_of_a_directory_or_missing_file_exits_2(tmp_path, capsys):
    assert run(capsys, "check", str(tmp_path))[0] == 2
    assert run(capsys, "check", str(tmp_path / "none.gxr"))[0] == 2
    assert run(capsys, "check", SAMPLE, "--previous", str(tmp_path / "none.gxr"))[0] == 2


@pytest.mark.subprocess
def test_the_installed_command_reports_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.gxr"
    bad.write_text('{"format": "gxdesk-report", "version": 1, "year": "2025"}', "utf-8")
    result = subprocess.run([sys.executable, "-m", "gxdesk", "check", str(bad)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["gxdesk: “bad.gxr”无法使用：报告年度（year）应为 2008–2100 之间的年份，文件中是 \"2025\""]


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"gxdesk {__import__('gxdesk').__version__}"
