"""The files' metadata: made now (or at SOURCE_DATE_EPOCH, for reproducible files), the title,
the organ as author, Chinese as the language."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gxdesk.model import Report
from gxdesk.render import FIXED_TIME_ENV, render


def pdf_date(value: str) -> datetime:
    """D:20260120103000+08'00' → an aware datetime."""
    text = value.removeprefix("D:").replace("'", "")
    return datetime.strptime(text[:14] + text[14:19].replace("Z", "+0000"), "%Y%m%d%H%M%S%z")


def test_the_pdf_is_dated_when_it_is_made(sample: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    monkeypatch.delenv(FIXED_TIME_ENV)
    out = tmp_path / "r.pdf"
    before = datetime.now(timezone.utc).replace(microsecond=0)
    render(sample, out)
    reader = PdfReader(out)
    info = reader.metadata
    assert info is not None
    for key in ("/CreationDate", "/ModDate"):
        made = pdf_date(str(info[key]))
        assert before - timedelta(seconds=1) <= made <= datetime.now(timezone.utc) + timedelta(seconds=1)
    assert info["/Title"] == "青禾县市场监督管理局2025年 政府信息公开工作年度报告"
    assert info["/Author"] == sample.organ
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_the_docx_is_dated_when_it_is_made(sample: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docx import Document

    monkeypatch.delenv(FIXED_TIME_ENV)
    out = tmp_path / "r.docx"
    before = datetime.now(timezone.utc).replace(microsecond=0)
    render(sample, out)
    properties = Document(str(out)).core_properties
    for made in (properties.created, properties.modified):
        assert made is not None
        made = made.replace(tzinfo=timezone.utc) if made.tzinfo is None else made
        assert before - timedelta(seconds=1) <= made <= datetime.now(timezone.utc) + timedelta(seconds=1)
    assert properties.author == sample.organ and properties.language == "zh-CN"


@pytest.mark.parametrize("fmt", [".pdf", ".docx"])
def test_a_fixed_time_makes_the_same_file_twice(sample: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                fmt: str) -> None:
    monkeypatch.setenv(FIXED_TIME_ENV, "1768867200")  # 2026-01-20 00:00 UTC
    first, second = tmp_path / f"a{fmt}", tmp_path / f"b{fmt}"
    render(sample, first)
    render(sample, second)
    assert first.read_bytes() == second.read_bytes()
    if fmt == ".pdf":
        assert b"D:20260120000000+00'00'" in first.read_bytes()
    else:
        from docx import Document

        created = Document(str(first)).core_properties.created  # python-docx < 1.2 reads it without a zone
        assert created.replace(tzinfo=created.tzinfo or timezone.utc) == datetime(2026, 1, 20, tzinfo=timezone.utc)


def test_every_part_of_the_docx_is_dated_the_fixed_time(sample: Report, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # python-docx dates the zip entries with the clock: two exports straddling a second differed.
    import zipfile

    monkeypatch.setenv(FIXED_TIME_ENV, "1768867200")  # 2026-01-20 00:00 UTC
    render(sample, tmp_path / "a.docx")
    with zipfile.ZipFile(tmp_path / "a.docx") as package:
        stamps = {entry.date_time for entry in package.infolist()}
        assert package.testzip() is None
    assert stamps == {(2026, 1, 20, 0, 0, 0)}
