"""How big a report may be: the same limits for a file, an edit, a save and an import in the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gxdesk import gxr, limits
from gxdesk.edits import SetMeta, SetText
from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.resources import data_file
from gxdesk.schema import TEXT_IDS

SAMPLE = json.loads(data_file("sample.gxr").read_bytes())


def file_with(**changes: object) -> bytes:
    document = json.loads(json.dumps(SAMPLE))
    for key, value in changes.items():
        if key in TEXT_IDS:
            document["text"][key] = value
        else:
            document[key] = value
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def test_the_limits_are_generous_for_real_reports() -> None:
    """The longest real reports have about 20,000 characters of text in all (docs/reliability.md)."""
    assert limits.MAX_TEXT_CHARS >= 5 * 20_000 and limits.MAX_PART_CHARS >= 2 * 20_000
    assert limits.MAX_FILE_BYTES >= 6 * limits.MAX_TEXT_CHARS  # the text however a file spells it


@pytest.mark.parametrize(("changes", "complaint"), [
    ({"other": "字" * (limits.MAX_PART_CHARS + 1)}, "六、其他需要报告的事项有 50,001 个字符，超过每部分 50,000 个字符的上限"),
    ({"other": "\n" * limits.MAX_PART_LINES}, "六、其他需要报告的事项有 1,001 行，超过每部分 1,000 行（段）的上限"),
    ({p: "字" * 12_000 for p in TEXT_IDS}, "正文共有 120,000 个字符，超过全文 100,000 个字符的上限"),
    ({"organ": "某" * 101}, "机关名称有 101 个字符，超过 100 个字符的上限"),
    ({"title": "题" * 201}, "标题有 201 个字符，超过 200 个字符的上限"),
])
def test_a_file_over_a_limit_is_refused_with_one_line(changes: dict[str, object], complaint: str) -> None:
    with pytest.raises(InputError) as refused:
        gxr.parse(file_with(**changes), "big.gxr")
    assert str(refused.value) == f"“big.gxr”无法使用：{complaint}"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """The probe's 9 MB report took 17 s to print; it is refused at once now."""
    path = tmp_path / "huge.gxr"
    path.write_bytes(file_with(other="字" * 10) + b" " * limits.MAX_FILE_BYTES)
    with pytest.raises(InputError, match="过大"):
        gxr.load(path)


def test_the_largest_allowed_report_loads_and_saves(tmp_path: Path) -> None:
    per_part = limits.MAX_TEXT_CHARS // len(TEXT_IDS)
    data = file_with(**{p: "字" * per_part for p in TEXT_IDS}, organ="某" * 100)
    path = tmp_path / "full.gxr"
    path.write_bytes(data)
    report = gxr.load(path)
    gxr.save(report, tmp_path / "again.gxr")
    assert gxr.load(tmp_path / "again.gxr") == report


def test_typing_beyond_a_limit_is_refused_when_the_edit_is_made(sample: Report) -> None:
    with pytest.raises(InputError, match="超过每部分 50,000 个字符的上限"):
        SetText("other", "字" * (limits.MAX_PART_CHARS + 1))
    with pytest.raises(InputError, match="机关名称有 101 个字符"):
        SetMeta("organ", "某" * 101)


def test_the_whole_text_limit_is_checked_against_the_report(sample: Report) -> None:
    for part in TEXT_IDS[:3]:
        SetText(part, "字" * 30_000).apply(sample)
    before = dict(sample.text)
    with pytest.raises(InputError, match="正文共有"):
        SetText(TEXT_IDS[3], "字" * 20_000).apply(sample)
    assert sample.text == before  # untouched
    SetText(TEXT_IDS[0], "短").apply(sample)  # shortening is always allowed


def test_a_report_over_the_limits_is_never_written(sample: Report, tmp_path: Path) -> None:
    """So that every file gxdesk writes loads again; an import that big is refused the same way."""
    sample.text["other"] = "字" * (limits.MAX_PART_CHARS + 1)  # bypassing the edits, as an importer could
    with pytest.raises(InputError, match="超过每部分"):
        gxr.save(sample, tmp_path / "r.gxr")
    assert list(tmp_path.iterdir()) == []
