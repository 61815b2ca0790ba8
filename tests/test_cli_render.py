"""gxdesk render: the front door to the documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.model import Report
from gxdesk.render import fonts
from gxdesk.render.fonts import FONT_PATH_ENV
from gxdesk.resources import data_file

SAMPLE = data_file("sample.gxr")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_renders_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    out = tmp_path / f"报告{suffix}"
    assert main(["render", str(SAMPLE), "-o", str(out)]) == 0
    assert out.stat().st_size > 10_000
    captured = capsys.readouterr()
    # Only which standard fonts this machine lacks (none on a clerk's PC with the Windows fonts).
    notes = "".join(f"gxdesk: 注意：{note}\n" for note in fonts.resolve().notes(suffix))
    assert str(out) in captured.out and captured.err == notes


def test_seal_template_and_font_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "t"
    shutil.copytree(Path(__file__).parent.parent / "templates", template)
    out = tmp_path / "r.docx"
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    code = main(["render", str(SAMPLE), "-o", str(out), "--seal", "--template", str(template),
                 "--font-dir", str(fonts)])
    assert code == 0
    assert "没有可嵌入" in capsys.readouterr().err  # an empty font folder is worth a word


def test_fallback_font_warning_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FONT_PATH_ENV, "")
    assert main(["render", str(SAMPLE), "-o", str(tmp_path / "r.pdf")]) == 0
    assert "STSong-Light" in capsys.readouterr().err


def test_errors_in_the_report_are_mentioned(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            sample: Report) -> None:
    sample.cells[("requests", "new", "natural_person")] = 999
    path = tmp_path / "bad.gxr"
    gxr.save(sample, path)
    assert main(["render", str(path), "-o", str(tmp_path / "r.pdf")]) == 0
    assert "处错误" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.gxr", "-o", "r.pdf"], "找不到文件"),
        ([str(SAMPLE), "-o", "r.odt"], ".docx 或 .pdf"),
        ([str(SAMPLE), "-o", "no/such/folder/r.pdf"], "不存在"),
        ([str(SAMPLE), "-o", "r.pdf", "--template", "no-such-folder"], "report.xml.j2"),
        ([str(SAMPLE), "-o", "r.pdf", "--font-dir", "no-such-folder"], "字体文件夹"),
    ],
)
def test_unusable_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch, args: list[str],
                                              message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["render", str(SAMPLE)])
    assert exited.value.code == 2
