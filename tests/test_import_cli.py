"""gxdesk import SRC -o OUT.gxr: exit 0 all found and consistent, 1 written but needs review,
2 unusable input (one line on stderr, OUT untouched)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.importer import import_file
from gxdesk.model import Report
from tests import layouts

REAL = Path(__file__).parent / "data" / "real"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_complete_report_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "yangcheng.gxr"
    code, out, err = _run(capsys, str(REAL / "yangcheng-2023.md"), "-o", str(out_file))
    assert (code, err) == (0, "")
    assert "阳城县行政审批服务管理局 2023 年度报告" in out and "全部找到" in out
    assert gxr.load(out_file) == import_file(REAL / "yangcheng-2023.md").report


def test_blanks_read_as_0_are_noted_and_need_no_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "xingxian.gxr"
    code, out, err = _run(capsys, str(REAL / "xingxian-2025.txt"), "-o", str(out_file))
    assert (code, err) == (0, "")
    assert "说明  原表 4 格留空，按 0 读入：四、复议诉讼「行政复议」「结果维持」" in out
    assert "全部找到" in out
    saved = gxr.load(out_file)
    assert saved.cells[("appeals", "review", "upheld")] == 0  # no printed total says otherwise
    assert saved.cells[("proactive", "licensing", "count")] == 5705


def test_report_needing_review_exits_1_and_says_what(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    large: Report) -> None:
    src = tmp_path / "short.txt"
    text = layouts.text_document(layouts.document(large))
    src.write_text("\n".join(line for line in text.split("\n") if not line.startswith("行政处罚")), encoding="utf-8")
    out_file = tmp_path / "short.gxr"
    code, out, err = _run(capsys, str(src), "-o", str(out_file))
    assert (code, err) == (1, "")
    assert "未找到第二部分表格「行政处罚」" in out and "需要核对" in out
    assert gxr.load(out_file).cells[("proactive", "penalty", "count")] is None  # unfound stays blank


def test_mismatched_totals_are_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str], large: Report) -> None:
    options = layouts.Options(stated={("requests", "total", "total"): 1})
    src = tmp_path / "wrong.txt"
    src.write_text(layouts.text_document(layouts.document(large, options)), encoding="utf-8")
    code, out, _ = _run(capsys, str(src), "-o", str(tmp_path / "wrong.gxr"))
    assert code == 1
    assert "错误  三、申请情况「（七）总计」「总计」原表填写 1，按各项相加应为" in out


def test_existing_output_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out.gxr"
    out_file.write_text("keep me", encoding="utf-8")
    code, out, err = _run(capsys, str(REAL / "yangcheng-2023.md"), "-o", str(out_file))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "已存在" in err and "--force" in err
    assert out_file.read_text(encoding="utf-8") == "keep me"


def test_force_overwrites_our_own_file_and_keeps_a_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out.gxr"
    _run(capsys, str(REAL / "yanchi-2023.txt"), "-o", str(out_file))
    first = out_file.read_bytes()
    code, _, _ = _run(capsys, str(REAL / "yangcheng-2023.md"), "-o", str(out_file), "--force")
    assert code == 0
    assert gxr.load(out_file).organ == "阳城县行政审批服务管理局"
    assert (tmp_path / "out.gxr.bak").read_bytes() == first


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02junk" * 50, "会议纪要：无关内容。".encode()])
def test_unusable_input_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   content: bytes) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    out_file = tmp_path / "out.gxr"
    code, out, err = _run(capsys, str(src), "-o", str(out_file))
    assert code == 2 and out == ""
    assert err.startswith("gxdesk: ") and err.count("\n") == 1 and "Traceback" not in err
    assert not out_file.exists()


def test_pasted_text_on_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = (REAL / "yangcheng-2023.md").read_text(encoding="utf-8").encode("gb18030")  # a Windows console
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out_file = tmp_path / "pasted.gxr"
    code, _, _ = _run(capsys, "-", "-o", str(out_file))
    assert code == 0
    assert gxr.load(out_file) == import_file(REAL / "yangcheng-2023.md").report


def test_year_not_found_needs_year_option(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         large: Report) -> None:
    blocks = [b for b in layouts.document(large) if b.kind != "title"]
    text = layouts.text_document(blocks).replace("2025年1月1日", "本年1月1日")
    src = tmp_path / "untitled.txt"
    src.write_text(text, encoding="utf-8")
    out_file = tmp_path / "untitled.gxr"
    code, _, err = _run(capsys, str(src), "-o", str(out_file))
    assert code == 2 and "--year" in err and not out_file.exists()
    code, out, _ = _run(capsys, str(src), "-o", str(out_file), "--year", "2025", "--organ", "某县某局")
    assert code == 0  # the organ was read from the signature; the year was given
    assert "未找到报告年度" not in out
    saved = gxr.load(out_file)
    assert (saved.year, saved.organ) == (2025, "某县某局")
    assert saved.cells == large.cells
