"""The .gxr file: round trips, the published JSON Schema, strict loading, atomic saving."""

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from gxdesk import file_schema, gxr
from gxdesk.atomic import atomic_write
from gxdesk.model import Report
from gxdesk.rules import ERROR, check
from gxdesk.sample import load_sample

REPO = Path(__file__).resolve().parent.parent
REAL = sorted((Path(__file__).parent / "data" / "real").glob("*.gxr"))


def test_load_save_load_is_identical(tmp_path, sample, large):
    for report in (sample, large):
        path = tmp_path / "r.gxr"
        gxr.save(report, path)
        assert gxr.load(path) == report
        assert gxr.dumps(gxr.load(path)) == gxr.dumps(report)


def test_blanks_and_own_title_survive_a_round_trip(tmp_path, sample):
    sample.set_cells({("requests", "granted", "research"): None, ("proactive", "fees", "amount"): Decimal("0.0235")})
    sample.title = "青禾县市场监督管理局关于2025年政府信息公开工作的年度报告"
    gxr.save(sample, tmp_path / "r.gxr")
    again = gxr.load(tmp_path / "r.gxr")
    assert again == sample
    assert again.cells[("requests", "granted", "research")] is None
    assert json.loads((tmp_path / "r.gxr").read_text("utf-8"))["proactive"]["fees"] == "0.0235"


def test_the_standard_title_is_not_written_into_the_file(sample):
    assert "title" not in gxr.to_dict(sample)


def test_the_file_keys_are_the_documented_ones(sample):
    data = gxr.to_dict(sample)
    assert list(data) == ["format", "version", "organ", "year", "doc_number", "date", "text",
                          "proactive", "requests", "appeals"]
    assert data["proactive"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert data["requests"]["new"] == [58, 9, 1, 1, 2, 0]
    assert data["appeals"]["review"] == {"upheld": 2, "corrected": 1, "other": 0, "pending": 1}
    assert "total" not in data["requests"] and "total" not in data["appeals"]["review"]


def test_missing_rows_and_text_read_as_zeros_and_empty():
    report = gxr.parse(json.dumps({"format": "gxdesk-report", "version": 1, "year": 2025,
                                   "requests": {"new": [1, 0, 0, 0, 0, 0]}}).encode())
    assert report.value("requests", "new", "total") == 1
    assert report.value("requests", "granted", "natural_person") == 0
    assert report.text["problems"] == "" and report.organ == ""


def test_a_fee_may_be_a_json_number_and_is_read_exactly():
    raw = b'{"format": "gxdesk-report", "version": 1, "year": 2025, "proactive": {"fees": 0.1}}'
    assert gxr.parse(raw).cells[("proactive", "fees", "amount")] == Decimal("0.1")


def test_the_published_json_schema_is_generated_from_the_format_schema():
    assert (REPO / "docs" / "gxr.schema.json").read_text("utf-8") == file_schema.dumps()


def test_saved_files_validate_against_the_json_schema(sample, large):
    schema = file_schema.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for report in (sample, large):
        jsonschema.validate(json.loads(gxr.dumps(report)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "gxdesk-report", "version": 1, "year": 2025, "requests": {"nw": []}}, schema)


def test_the_built_in_sample_is_balanced_and_every_table_is_non_zero():
    report = load_sample()
    assert check(report) == []
    for table in ("proactive", "requests", "appeals"):
        assert any(v for k, v in report.cells.items() if k[0] == table)
    assert all(report.text.values())


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_the_real_reports_typed_in_pass_check(path):
    report = gxr.load(path)
    assert [f for f in check(report) if f.severity is ERROR] == []


def test_the_real_reports_hold_their_published_figures():
    figures = {p.stem: gxr.load(p) for p in REAL}
    assert figures["xingxian-2025"].value("proactive", "licensing", "count") == 5705
    assert figures["yanchi-2023"].value("proactive", "normative_documents", "in_force") == 1
    assert figures["yangcheng-2023"].value("proactive", "licensing", "count") == 23286


# --- Bad files: one clear line, and the file untouched ---------------------------------

VALID = json.loads((REPO / "gxdesk" / "data" / "sample.gxr").read_text("utf-8"))


def variant(**changes):
    data = json.loads(json.dumps(VALID))
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[key]
        target[last] = value
    return json.dumps(data, ensure_ascii=False).encode()


BAD_FILES = {
    "empty": (b"", "空文件"),
    "blank": (b"  \n", "空文件"),
    "truncated": (json.dumps(VALID, ensure_ascii=False).encode()[:300], "不完整或已损坏"),
    "not json": (b"PK\x03\x04 binary", "不完整或已损坏"),
    "not utf8": ("{\"format\": \"报告\"}".encode("gbk"), "不是 UTF-8"),
    "a list": (b"[1, 2]", "不是 gxdesk 报告"),
    "foreign json": (b'{"name": "x"}', "不是 gxdesk 报告"),
    "newer version": (variant(version=gxr.VERSION + 1), "更新版本"),
    "version text": (variant(version="1"), "文件版本"),
    "unknown key": (variant(extra=1), "无法识别的项“extra”"),
    "unknown row": (variant(requests__nw=[0] * 6), "无法识别的项“nw”"),
    "unknown text part": (variant(text__intro="x"), "无法识别的项“intro”"),
    "count as text": (variant(proactive__licensing="4826"), "应为整数"),
    "full-width digits": (variant(proactive__licensing="４８２６"), "应为整数"),
    "fractional count": (variant(proactive__penalty=2.5), "应为整数"),
    "boolean count": (variant(proactive__penalty=True), "应为整数"),
    "negative count": (variant(appeals__review__upheld=-1), "不能是负数"),
    "huge count": (variant(proactive__licensing=10**30), "数值过大"),
    "short row": (variant(requests__new=[1, 2]), "6 个数字"),
    "row as object": (variant(requests__new={"a": 1}), "6 个数字"),
    "negative fee": (variant(proactive__fees="-1"), "金额"),
    "full-width fee": (variant(proactive__fees="１.２"), "金额"),
    "fee with too many places": (variant(proactive__fees="0.1234567"), "小数位太多"),
    "year missing": (variant(year=None), "报告年度"),
    "year out of range": (variant(year=1900), "报告年度"),
    "bad date": (variant(date="2026-02-30"), "成文日期"),
    "date format": (variant(date="2026年1月20日"), "成文日期"),
    "organ not text": (variant(organ=5), "机关名称"),
    "text not text": (variant(text__problems=["a"]), "应为文本"),
    "nan": (b'{"format": "gxdesk-report", "version": 1, "year": 2025, "proactive": {"fees": NaN}}', "不是 gxdesk"),
    "deep nesting": (b"[" * 100000 + b"]" * 100000, "不是 gxdesk"),
}


@pytest.mark.parametrize("data, complaint", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_files_are_refused_with_one_clear_line(tmp_path, data, complaint):
    path = tmp_path / "bad.gxr"
    path.write_bytes(data)
    with pytest.raises(gxr.ReportFileError) as caught:
        gxr.load(path)
    message = str(caught.value)
    assert complaint in message and "\n" not in message and "Traceback" not in message
    assert path.read_bytes() == data


def test_missing_files_and_directories_are_refused(tmp_path):
    with pytest.raises(gxr.ReportFileError, match="找不到文件"):
        gxr.load(tmp_path / "nope.gxr")
    with pytest.raises(gxr.ReportFileError, match="是文件夹"):
        gxr.load(tmp_path)


# --- Saving ------------------------------------------------------------------------


def test_save_keeps_the_previous_version_as_a_backup(tmp_path, sample):
    path = tmp_path / "r.gxr"
    gxr.save(sample, path)
    first = path.read_bytes()
    sample.organ = "改名后的机关"
    gxr.save(sample, path)
    assert (tmp_path / "r.gxr.bak").read_bytes() == first
    assert gxr.load(path).organ == "改名后的机关"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.gxr", "r.gxr.bak"]


@pytest.mark.parametrize("content", [b"%PDF-1.4 not ours", b'{"format": "other"}',
                                     json.dumps({"format": "gxdesk-report", "version": 9}).encode()])
def test_save_never_overwrites_a_file_that_is_not_ours(tmp_path, sample, content):
    path = tmp_path / "r.gxr"
    path.write_bytes(content)
    with pytest.raises(gxr.ReportFileError):
        gxr.save(sample, path)
    assert path.read_bytes() == content
    assert list(tmp_path.iterdir()) == [path]


def test_save_may_replace_a_damaged_report_of_ours_keeping_it_as_backup(tmp_path, sample):
    path = tmp_path / "r.gxr"
    damaged = gxr.dumps(sample).encode()[:200]
    path.write_bytes(damaged)
    gxr.save(sample, path)
    assert gxr.load(path) == sample
    assert (tmp_path / "r.gxr.bak").read_bytes() == damaged


def test_a_failed_write_leaves_the_old_file_and_no_temp_files(tmp_path):
    path = tmp_path / "out.bin"
    path.write_bytes(b"old content")

    def failing(stream):
        stream.write(b"half of the new")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(path, failing, backup=True)
    assert path.read_bytes() == b"old content"
    assert list(tmp_path.iterdir()) == [path]


def test_saving_into_a_missing_folder_is_a_clear_error(tmp_path, sample):
    with pytest.raises(gxr.ReportFileError, match="无法保存"):
        gxr.save(sample, tmp_path / "missing" / "r.gxr")


def test_empty_report_round_trips(tmp_path):
    report = Report(year=2025)
    gxr.save(report, tmp_path / "e.gxr")
    assert gxr.load(tmp_path / "e.gxr") == report
