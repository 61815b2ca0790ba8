"""出错说明: a warning answered in writing, kept in the .gxr (version 2), shown by `check`, undoable;
an error is never silenced by one."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.edits import SetExplanation
from gxdesk.file_schema import json_schema
from gxdesk.model import FindingKey
from gxdesk.rules import ERROR, check, summary

DATE_MISSING = FindingKey("meta.date_missing", field="date")


def test_an_explanation_marks_its_warning_and_only_it(sample):
    sample.date = ""
    sample.explanations[DATE_MISSING] = "成文日期待签发后填写"
    (finding,) = check(sample)
    assert finding.explained and finding.explanation == "成文日期待签发后填写"
    assert summary([finding]) == "1 处提醒（1 处已说明）"
    sample.explanations = {FindingKey("meta.date_missing", field="organ"): "别处的说明"}
    assert not check(sample)[0].explained  # another place's explanation answers nothing here


def test_an_explanation_never_silences_an_error(sample):
    sample.set_cells({("appeals", "review", "upheld"): None})
    (error,) = check(sample)
    sample.explanations[error.key] = "原表即为空"
    (still,) = check(sample)
    assert still.severity is ERROR and still.explanation == "原表即为空" and not still.explained
    assert summary([still]) == "1 处错误"


def test_the_edit_sets_changes_and_takes_back_an_explanation_with_its_undo(sample):
    done = SetExplanation(DATE_MISSING, "  待签发  ").apply(sample)
    assert sample.explanations == {DATE_MISSING: "待签发"} and done.change.extras == {"explanations"}
    changed = SetExplanation(DATE_MISSING, "已签发").apply(sample)
    assert sample.explanations[DATE_MISSING] == "已签发"
    changed.inverse.apply(sample)
    assert sample.explanations[DATE_MISSING] == "待签发"
    removed = SetExplanation(DATE_MISSING, "").apply(sample)
    assert sample.explanations == {} and removed.inverse == SetExplanation(DATE_MISSING, "待签发", check=False)
    assert not SetExplanation(DATE_MISSING, "").apply(sample).change  # nothing to take back


def test_a_file_is_version_1_without_explanations_and_2_with_them(sample, tmp_path):
    assert gxr.to_dict(sample)["version"] == 1 and "explanations" not in gxr.to_dict(sample)
    key = FindingKey("cross.ratio", "proactive", "licensing", "count", "")
    sample.explanations[key] = "机构改革后许可事项划入本局\n审批量增加"
    gxr.save(sample, tmp_path / "r.gxr")
    data = json.loads((tmp_path / "r.gxr").read_text("utf-8"))
    assert data["version"] == 2
    assert data["explanations"] == [{"rule": "cross.ratio", "table": "proactive", "row": "licensing",
                                     "column": "count", "field": "", "text": "机构改革后许可事项划入本局\n审批量增加"}]
    assert gxr.load(tmp_path / "r.gxr").explanations == sample.explanations
    jsonschema.validate(data, json_schema())
    sample.explanations = {}
    gxr.save(sample, tmp_path / "r.gxr")  # taken back: readable by 0.1 again
    assert json.loads((tmp_path / "r.gxr").read_text("utf-8"))["version"] == 1


def test_gxdesk_0_1_refuses_a_version_2_file_with_its_newer_version_message(sample, tmp_path, monkeypatch):
    sample.explanations[DATE_MISSING] = "待签发"
    data = gxr.dumps(sample).encode()
    monkeypatch.setattr(gxr, "VERSION", 1)  # 0.1's reader
    with pytest.raises(gxr.ReportFileError, match="由更新版本的 gxdesk 保存（文件版本 2）"):
        gxr.parse(data, "r.gxr")


def test_a_version_1_file_of_0_1_still_opens(sample):
    data = json.loads(gxr.dumps(sample))
    assert data["version"] == 1
    assert gxr.to_dict(gxr.parse(json.dumps(data).encode())) == data


@pytest.mark.parametrize("entries, problem", [
    ({"rule": "x"}, "应为列表"),
    ([{"rule": "x", "text": "t", "extra": 1}], "含有无法识别的项“extra”"),
    ([{"rule": "x", "text": 3}], "应为文本"),
    ([{"text": "t"}], "缺少 rule 或 text"),
    ([{"rule": "x", "text": "  "}], "缺少 rule 或 text"),
    ([{"rule": "x", "table": "nope", "text": "t"}], "不是报告中的表格"),
    ([{"rule": "x", "text": "a"}, {"rule": "x", "text": "b"}], "针对同一处检查结果"),
])
def test_bad_explanations_refuse_the_file_naming_the_place(sample, entries, problem):
    data = json.loads(gxr.dumps(sample))
    data.update(version=2, explanations=entries)
    with pytest.raises(gxr.ReportFileError, match=problem) as caught:
        gxr.parse(json.dumps(data, ensure_ascii=False).encode(), "r.gxr")
    assert "explanations" in str(caught.value)


def run(capsys, *args):
    code = main(list(args))
    return code, capsys.readouterr().out


def test_check_json_gives_every_finding_its_explanation(sample, tmp_path, capsys):
    sample.date = ""
    sample.text["other"] = "本局按要求完成工作要点任务。"  # a second warning, unexplained
    sample.explanations[DATE_MISSING] = "待签发"
    gxr.save(sample, tmp_path / "r.gxr")
    code, out = run(capsys, "check", str(tmp_path / "r.gxr"), "--json", "--today", "2026-01-10")
    assert code == 0
    assert {(f["rule"], f["explanation"]) for f in json.loads(out)} == {
        ("meta.date_missing", "待签发"), ("text.fee_statement", None)}


def test_check_text_marks_explained_warnings_and_keeps_errors(sample, tmp_path, capsys):
    sample.date = ""
    sample.explanations[DATE_MISSING] = "待签发"
    sample.set_cells({("appeals", "review", "upheld"): None})
    sample.explanations[FindingKey("value.blank", "appeals", "review", "upheld", "")] = "原表为空"
    gxr.save(sample, tmp_path / "r.gxr")
    code, out = run(capsys, "check", str(tmp_path / "r.gxr"), "--today", "2026-01-10")
    assert code == 1  # the error stays an error
    assert out.splitlines() == [
        "错误  四、复议诉讼「行政复议」「结果维持」未填写：没有数据请填 0，不要留空或写“/”",
        "    说明：原表为空（错误须改正，说明不能代替）",
        "提醒（已说明）  基本信息：没有填写成文日期，落款需要它",
        "    说明：待签发",
        "1 处错误，1 处提醒（1 处已说明）",
    ]


def test_the_published_schema_describes_explanations():
    schema = json.loads((Path(__file__).parent.parent / "docs" / "gxr.schema.json").read_text("utf-8"))
    assert schema["properties"]["version"] == {"enum": [1, 2], "description": schema["properties"]["version"]["description"]}
    assert schema["properties"]["explanations"]["items"]["required"] == ["rule", "text"]
