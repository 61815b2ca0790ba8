"""The command line against what a probe threw at it (issue 10), each through a real process:
exit 2 and one line of Chinese on stderr (or a correct result), never a hang, a traceback or
English from the operating system, and no file changed that the command was not asked to write.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.render import fonts
from gxdesk.report_lock import ReportLock
from gxdesk.resources import data_file
from gxdesk.sample import load_sample

pytestmark = pytest.mark.subprocess

SAMPLE = data_file("sample.gxr")
REAL_TEXT = Path(__file__).parent / "data" / "real" / "xingxian-2025.txt"
fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def gxdesk(*args: object, limit_file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    """``gxdesk ARGS`` as a user runs it; fails the test instead of hanging."""
    def limited() -> None:  # a disk that fills up after ``limit_file_size`` bytes of a file
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run([sys.executable, "-m", "gxdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", errors="backslashreplace", timeout=60,
                          preexec_fn=limited if limit_file_size else None)


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """The one line of an exit-2 refusal, checked: Chinese, no traceback, no English strerror."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gxdesk: "), result.stderr
    for english in ("Traceback", "Errno", "No such file", "denied", "No space", "symbolic links", "too long",
                    "Read-only", "File too large", "Exception ignored"):
        assert english not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def report_file(tmp_path: Path, name: str = "r.gxr", content: bytes | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(SAMPLE.read_bytes() if content is None else content)
    return path


# --- Pipes and devices: refused at once, never waited on ------------------------------------


@fifo_only
@pytest.mark.parametrize("command", [
    ["check", "{fifo}"],
    ["check", "{report}", "--previous", "{fifo}"],
    ["render", "{fifo}", "-o", "{dir}/out.pdf"],
    ["render", "{report}", "-o", "{fifo}"],
    ["render", "{report}", "-o", "{fifo_pdf}"],
    ["import", str(REAL_TEXT), "-o", "{fifo}", "--force"],
    ["merge", "{fifo}", "{report}", "-o", "{dir}/sum.gxr", "--organ", "县政府"],
], ids=["check", "check --previous", "render FIFO", "render -o FIFO.gxr", "render -o FIFO.pdf",
        "import -o FIFO", "merge FIFO"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, command: list[str]) -> None:
    fifo, fifo_pdf = tmp_path / "pipe.gxr", tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    os.mkfifo(fifo_pdf)
    report = report_file(tmp_path)
    args = [a.format(fifo=fifo, fifo_pdf=fifo_pdf, report=report, dir=tmp_path) for a in command]
    result = gxdesk(*args)
    if command[-1] == "{fifo}" and command[0] == "render":  # -o pipe.gxr: a .gxr is no document to render
        refused(result, "应以 .docx 或 .pdf 结尾")
    else:
        refused(result, "不是普通文件（可能是管道或设备）")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and sorted(p.name for p in tmp_path.iterdir()) == [
        "pipe.gxr", "pipe.pdf", "r.gxr"]


@fifo_only
def test_new_refuses_a_fifo_it_would_write(tmp_path: Path) -> None:
    fifo = tmp_path / "new.gxr"
    os.mkfifo(fifo)
    refused(gxdesk("new", "-o", fifo, "--organ", "某局", "--year", "2025"), "已存在")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_behind_a_link_is_refused_as_output(tmp_path: Path) -> None:
    link = tmp_path / "out.pdf"
    link.symlink_to("/dev/null")
    refused(gxdesk("render", report_file(tmp_path), "-o", link), "不是普通文件")
    assert link.is_symlink()


# --- Characters no writer can take, in a file -------------------------------------------------


@pytest.mark.parametrize("bad", ["\\udfff", "\\ud800", "\\u0001", "\\u000b", "\\ufffe", "\\uffff"])
@pytest.mark.parametrize("fmt", [".docx", ".pdf"])
def test_a_report_with_unusable_characters_renders(tmp_path: Path, bad: str, fmt: str) -> None:
    """Found by a probe: "\\udfff" or a control character in the organ crashed render and gxr.save."""
    text = SAMPLE.read_bytes().replace(b'"organ": "', f'"organ": "{bad}'.encode(), 1)
    text = text.replace(b'"other": "', f'"other": "{bad}'.encode(), 1)
    source = report_file(tmp_path, content=text)
    out = tmp_path / f"out{fmt}"
    result = gxdesk("render", source, "-o", out)
    assert result.returncode == 0, result.stderr
    # Nothing but which standard fonts this machine lacks (nothing at all on a clerk's PC).
    notes = "".join(f"gxdesk: 注意：{note}\n" for note in fonts.resolve().notes(fmt))
    assert result.stderr == notes and out.stat().st_size > 1000
    assert source.read_bytes() == text  # the file it read is not changed


# --- The operating system's failures, in Chinese ----------------------------------------------


def test_a_full_disk_on_docx_is_one_line_without_zipfile_noise(tmp_path: Path) -> None:
    """Found by a probe: render to .docx on a full disk printed 6 lines of 'Exception ignored in ZipFile.__del__'."""
    out = tmp_path / "out.docx"
    out.write_bytes(b"the earlier export")
    result = gxdesk("render", SAMPLE, "-o", out, limit_file_size=20_000)
    refused(result, f"无法写入“{out}”：文件过大")
    assert out.read_bytes() == b"the earlier export" and [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_a_read_only_folder_is_said_in_chinese(read_only_folder: Path) -> None:
    refused(gxdesk("render", SAMPLE, "-o", read_only_folder / "out.pdf"), f"无法写入“{read_only_folder / 'out.pdf'}”：")
    refused(gxdesk("new", "-o", read_only_folder / "new.gxr", "--organ", "某局", "--year", "2025"),
            f"无法保存“{read_only_folder / 'new.gxr'}”：")


def test_a_link_loop_and_a_long_name_are_said_in_chinese(tmp_path: Path) -> None:
    loop = tmp_path / "loop.gxr"
    loop.symlink_to(loop)
    refused(gxdesk("check", loop), "符号链接层数过多")
    refused(gxdesk("check", tmp_path / ("长" * 200 + ".gxr")), "文件名或路径太长")


# --- Silent data loss -------------------------------------------------------------------------


def test_a_second_requests_key_is_refused_not_read_as_balanced(tmp_path: Path) -> None:
    """Found by a probe: a second "requests": {} made all of 三 zero, and check said 全部平衡."""
    data = SAMPLE.read_bytes().rstrip().removesuffix(b"}") + b', "requests": {}}'
    refused(gxdesk("check", report_file(tmp_path, content=data)), "项“requests”出现了不止一次")


def test_a_negative_zero_fee_opens_as_zero_and_is_saved_as_zero(tmp_path: Path) -> None:
    source = report_file(tmp_path, content=SAMPLE.read_bytes().replace(b'"fees": "1.26"', b'"fees": -0.0'))
    checked = gxdesk("check", source)
    assert checked.returncode == 0, checked.stderr
    out = tmp_path / "out.gxr"
    imported = gxdesk("merge", source, "-o", out, "--organ", "县政府")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["proactive"]["fees"] == "0.0"
    again = gxdesk("check", out)  # what gxdesk wrote loads again (its texts are empty: findings, exit 1)
    assert again.returncode == 1 and again.stderr == ""


# --- Files open in a window, read-only files, permissions -------------------------------------


def test_import_force_over_a_report_open_in_a_window_is_refused(tmp_path: Path) -> None:
    target = report_file(tmp_path, "open.gxr")
    before = target.read_bytes()
    window = ReportLock.take(target)  # as a window holds the report it shows
    try:
        line = refused(gxdesk("import", REAL_TEXT, "-o", target, "--force"), "正在 gxdesk 窗口中打开", "没有覆盖")
        assert "起" in line  # since when: the clerk can tell which window
    finally:
        window.release()
    assert target.read_bytes() == before
    assert gxdesk("import", REAL_TEXT, "-o", target, "--force").returncode in (0, 1)  # closed: it may


def test_render_of_a_report_open_in_a_window_warns_that_unsaved_changes_are_not_in_it(tmp_path: Path) -> None:
    source = report_file(tmp_path, "open.gxr")
    window = ReportLock.take(source)
    try:
        result = gxdesk("render", source, "-o", tmp_path / "out.pdf")
    finally:
        window.release()
    assert result.returncode == 0
    line, *notes = result.stderr.splitlines()  # then only which standard fonts this machine lacks
    assert "正在 gxdesk 窗口中打开" in line and "未保存的修改不在其中" in line
    assert notes == [f"gxdesk: 注意：{note}" for note in fonts.resolve().notes(".pdf")]


@pytest.mark.parametrize("command", [
    ["render", str(SAMPLE), "-o", "{dir}/ro.pdf"],
    ["render", str(SAMPLE), "-o", "{dir}/ro.docx"],
    ["import", str(REAL_TEXT), "-o", "{dir}/ro.gxr", "--force"],
], ids=["pdf", "docx", "gxr"])
def test_a_read_only_output_is_never_replaced(tmp_path: Path, command: list[str]) -> None:
    """Found by a probe: a 0444 report, PDF or .gxr was silently replaced (and became 0644)."""
    target = tmp_path / Path(command[-2 if command[-1] == "--force" else -1]).name
    if target.suffix == ".gxr":
        gxr.save(load_sample(), target)
    else:
        target.write_bytes(b"the earlier export")
    before = target.read_bytes()
    target.chmod(0o444)
    result = gxdesk(*(a.format(dir=tmp_path) for a in command))
    refused(result, "是只读文件，没有覆盖")
    assert target.read_bytes() == before and stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_private_report_stays_private(tmp_path: Path) -> None:
    """Found by a probe: a 0600 report became 0644, world-readable, after one save."""
    target = report_file(tmp_path, "private.gxr")
    target.chmod(0o600)
    result = gxdesk("import", REAL_TEXT, "-o", target, "--force")
    assert result.returncode in (0, 1), result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "private.gxr.bak").stat().st_mode) == 0o600


def test_a_refusal_stays_one_line_whatever_the_file_holds_or_is_called(tmp_path: Path) -> None:
    """Found by fuzzing: a value with U+0085 (a line break to Python and to some terminals) in the message."""
    odd = report_file(tmp_path, "a\nb\u2028c.gxr", SAMPLE.read_bytes().replace(b'"year": 2025', b'"year": "\xc2\x85"'))
    line = refused(gxdesk("check", odd), "报告年度")
    assert "a\\nb\\u2028c.gxr" in line and "\\x85" in line
