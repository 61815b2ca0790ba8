"""按数字起草: the drafted paragraphs read as a clerk writes them, from templates an office may reword."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.drafting import DraftError, all_drafts, drafts_for
from gxdesk.model import Report
from gxdesk.resources import asset_dir, data_file
from gxdesk.rules import check


def test_the_samples_drafts(sample):
    assert drafts_for(sample, "on_request") == (
        "本年度共新收政府信息公开申请71件（其中自然人申请58件、法人或其他组织申请13件），上年结转4件。"
        "全年办结70件，其中予以公开36件、部分公开8件、不予公开12件、无法提供10件、不予处理2件、其他处理2件；"
        "结转下年度继续办理5件。\n\n"
        "本年度因政府信息公开被申请行政复议4件，其中结果维持2件、结果纠正1件、尚未审结1件；"
        "被提起行政诉讼3件（未经复议直接起诉2件、复议后起诉1件），其中结果维持1件、其他结果1件、尚未审结1件。")
    assert drafts_for(sample, "other") == "本年度未收取信息处理费。"


def test_nothing_is_listed_as_0_and_an_empty_year_says_so():
    empty = Report(organ="某局", year=2025)
    assert drafts_for(empty, "on_request") == ("本年度未收到政府信息公开申请，也没有上年结转的申请。\n\n"
                                               "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。")
    assert "0件" not in drafts_for(empty, "on_request")


def test_only_what_happened_is_listed(sample):
    for key in [k for k in sample.cells if k[0] == "appeals" and k[1] != "review"]:
        sample.cells[key] = 0
    sample.set_cells({("requests", "carried_over", "natural_person"): 0, ("requests", "carried_over", "business"): 0,
                      ("requests", "new", "natural_person"): 61, ("requests", "new", "business"): 10})
    on_request = drafts_for(sample, "on_request")
    assert "上年无结转" in on_request and "未发生因政府信息公开引起的行政诉讼" in on_request
    assert "其他结果" not in on_request.split("\n\n")[1]  # 0 for 行政复议: not listed
    sample.set_cells({("requests", "other_no_fee", "natural_person"): 2, ("requests", "other_other", "business"): 0})
    assert drafts_for(sample, "other") == ("本年度因申请人逾期未按收费通知要求缴纳费用而不再处理的政府信息公开申请2件，"
                                           "本机关未收取信息处理费。")


def test_drafts_agree_with_their_report(sample, large):
    for report in (sample, large):
        for part in ("on_request", "other"):
            report.text[part] = drafts_for(report, part)
        assert [f for f in check(report) if f.field in ("on_request", "other")] == []


def test_an_office_rewords_a_copy_of_the_templates(sample, tmp_path):
    folder = tmp_path / "模板"
    shutil.copytree(asset_dir("templates"), folder)
    fee = folder / "drafts" / "fee.j2"
    fee.write_text("{% if unpaid_fee %}有{{ unpaid_fee }}件{% else %}我局{{ year }}年度没有收取信息处理费。{% endif %}\n",
                   "utf-8")
    assert drafts_for(sample, "other", folder) == "我局2025年度没有收取信息处理费。"
    fee.write_text("{% if %}", "utf-8")
    with pytest.raises(DraftError, match=r"fee\.j2”第 1 行有语法错误"):
        drafts_for(sample, "other", folder)
    fee.write_text("{{ nothing_such }}", "utf-8")
    with pytest.raises(DraftError, match="无法起草"):
        drafts_for(sample, "other", folder)
    fee.write_text("{{ ''.__class__.__mro__ }}", "utf-8")  # the sandbox: no way out
    with pytest.raises(DraftError):
        drafts_for(sample, "other", folder)
    fee.unlink()
    with pytest.raises(DraftError, match="不存在"):
        drafts_for(sample, "other", folder)


def test_the_draft_command_prints_each_part_by_name(capsys, tmp_path):
    assert main(["draft", str(data_file("sample.gxr"))]) == 0
    out = capsys.readouterr().out
    blocks = out.strip().split("\n\n【")
    assert blocks[0].startswith("【一、总体情况「依申请公开」】\n本年度共新收政府信息公开申请71件")
    assert blocks[-1] == "六、其他事项】\n本年度未收取信息处理费。"
    assert [name for name, _ in all_drafts(gxr.load(data_file("sample.gxr")))] == \
        ["一、总体情况「依申请公开」", "六、其他事项"]
    (tmp_path / "bad" / "drafts").mkdir(parents=True)
    assert main(["draft", str(data_file("sample.gxr")), "--template", str(tmp_path / "bad")]) == 2
    assert "不存在" in capsys.readouterr().err


@pytest.mark.subprocess
def test_the_installed_command_drafts():
    result = subprocess.run([sys.executable, "-m", "gxdesk", "draft", str(data_file("sample.gxr"))],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0 and result.stderr == ""
    assert "【六、其他事项】\n本年度未收取信息处理费。" in result.stdout
