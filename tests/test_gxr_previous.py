"""Last year's report kept inside the file (``"previous"``, version 2): issue 12, point 7."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from gxdesk import file_schema, gxr
from gxdesk.cli import main
from gxdesk.errors import InputError
from gxdesk.limits import MAX_PART_CHARS, check_report
from gxdesk.model import next_year

V01_KEYS = {"format", "version", "organ", "year", "doc_number", "date", "title", "text", "proactive", "requests",
            "appeals"}  # every key gxdesk 0.1's reader knows


def test_a_report_without_last_years_is_written_as_version_1_with_only_0_1s_keys(sample):
    data = json.loads(gxr.dumps(sample))
    assert data["version"] == 1 and set(data) <= V01_KEYS


def test_last_years_report_survives_save_copy_and_reopen_elsewhere(sample, tmp_path):
    report = next_year(sample)
    report.previous.cells[("requests", "carried_forward", "other")] = 7  # a figure that only the file now has
    first = tmp_path / "here" / "2026.gxr"
    first.parent.mkdir()
    gxr.save(report, first)
    elsewhere = tmp_path / "mail" / "收到的.gxr"  # e-mailed: no path could be followed back
    elsewhere.parent.mkdir()
    shutil.copy(first, elsewhere)
    again = gxr.load(elsewhere)
    assert again == report and again.previous is not None
    assert again.previous.cells == report.previous.cells and again.previous.text == sample.text
    data = json.loads(elsewhere.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["previous"]["year"] == 2025 and "previous" not in data["previous"]
    jsonschema.validate(data, file_schema.json_schema())


def test_0_1s_reader_refuses_a_version_2_file_as_newer_not_as_damaged(sample, monkeypatch):
    """0.1 checks the version before any key: with its VERSION of 1, the clear newer-version line."""
    data = gxr.dumps(next_year(sample)).encode()
    monkeypatch.setattr(gxr, "VERSION", 1)
    with pytest.raises(InputError, match="由更新版本的 gxdesk 保存（文件版本 2），请升级 gxdesk 后再打开"):
        gxr.parse(data, "2026.gxr")


def test_the_schema_holds_the_version_to_the_parts_the_file_has(sample):
    schema = file_schema.json_schema()
    data = json.loads(gxr.dumps(next_year(sample)))
    data["version"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data["previous"]["previous"] = {}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(("change", "complaint"), [
    (lambda d: d["previous"].update(year="去年"), "上年报告（previous）报告年度（year）应为"),
    (lambda d: d["previous"].update(previous={}), "上年报告（previous）含有无法识别的项“previous”"),
    (lambda d: d["previous"]["requests"].update(new=[1, 2]), "上年报告（previous）三、申请情况"),
    (lambda d: d.update(previous=[]), "上年报告（previous）应为一组数据"),
])
def test_a_bad_previous_part_is_refused_naming_it(sample, change, complaint):
    data = json.loads(gxr.dumps(next_year(sample)))
    change(data)
    with pytest.raises(InputError, match=complaint.replace("（", r"\（").replace("）", r"\）")):
        gxr.parse(json.dumps(data, ensure_ascii=False).encode(), "r.gxr")


def test_last_years_text_is_held_to_the_limits_too(sample):
    report = next_year(sample)
    report.previous.text["other"] = "字" * (MAX_PART_CHARS + 1)
    with pytest.raises(InputError, match=r"^上年报告：六、其他需要报告的事项有"):
        check_report(report)


def test_gxdesk_check_uses_the_report_kept_in_the_file(sample, tmp_path, capsys):
    report = next_year(sample)
    report.cells[("requests", "carried_over", "natural_person")] += 1
    path = tmp_path / "2026.gxr"
    gxr.save(report, path)
    assert main(["check", str(path), "--json"]) == 1
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)}
    assert "cross.carry_over" in rules
    other = tmp_path / "other-2025.gxr"
    gxr.save(report.previous, other)  # --previous still chooses
    assert main(["check", str(path), "--previous", str(Path(other))]) == 1
