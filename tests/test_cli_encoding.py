"""The command line prints Chinese safely whatever the encoding of the stream it writes to.

A pip-installed gxdesk redirected to a file on a Windows whose code page has no Chinese
(cp1252) crashed with UnicodeEncodeError. The subprocess tests set that encoding with
PYTHONIOENCODING, as such a Windows does by its code page.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import cli

SAMPLE = Path(cli.__file__).resolve().parent.parent / "data" / "sample.gxr"


def _gxdesk(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, "-m", "gxdesk", *args], capture_output=True, env=env, timeout=60)


@pytest.mark.subprocess
@pytest.mark.parametrize(("encoding", "written_as"), [("cp1252", "utf-8"), ("ascii", "utf-8"), ("cp936", "cp936")])
def test_check_prints_chinese_into_any_redirected_stream(encoding, written_as):
    result = _gxdesk(encoding, "check", str(SAMPLE))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode(written_as) == "勾稽关系：全部平衡，未发现问题\n".replace("\n", os.linesep)


@pytest.mark.subprocess
@pytest.mark.parametrize("encoding", ["cp1252", "cp936"])
def test_an_input_error_is_still_one_chinese_line(encoding, tmp_path):
    result = _gxdesk(encoding, "check", str(tmp_path / "不存在.gxr"))
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8" if encoding == "cp1252" else encoding).splitlines()
    assert len(lines) == 1 and lines[0].startswith("gxdesk: ") and "不存在.gxr" in lines[0]


def _stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")


def test_a_stream_without_chinese_switches_to_utf8(monkeypatch):
    out, err = _stream("cp1252"), _stream("cp1252")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    cli.safe_output()
    print("全部平衡 ✓")
    print("错误", file=sys.stderr)
    out.flush(), err.flush()
    assert out.buffer.getvalue().decode("utf-8") == "全部平衡 ✓\n"
    assert err.buffer.getvalue().decode("utf-8") == "错误\n"


def test_a_chinese_code_page_is_kept_and_what_it_lacks_is_replaced(monkeypatch):
    out = _stream("gbk")
    monkeypatch.setattr(sys, "stdout", out)
    cli.safe_output()
    print("机关名称：青禾县 😀")  # GBK has no emoji
    out.flush()
    assert out.encoding == "gbk" and out.buffer.getvalue().decode("gbk") == "机关名称：青禾县 ?\n"


def test_no_stream_at_all_is_left_alone(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)  # pythonw, gxdeskw on Windows
    monkeypatch.setattr(sys, "stderr", None)
    cli.safe_output()
    assert sys.stdout is None and sys.stderr is None


def test_called_with_arguments_the_caller_keeps_its_streams(monkeypatch, capsys):
    """main(argv) from a script or a test: its streams are the caller's business."""
    calls = []
    monkeypatch.setattr(cli, "safe_output", lambda: calls.append(1))
    assert cli.main(["check", str(SAMPLE)]) == 0
    assert calls == [] and "全部平衡" in capsys.readouterr().out
