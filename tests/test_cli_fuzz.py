"""Fuzzing the command line: whatever the files and options, ``gxdesk`` exits 0, 1 or 2; on 2 it says
why in one line; it never prints a traceback, never hangs, and never changes a file it was not asked
to write (only -o OUT, and OUT's .bak beside it).

Every example gets a fresh folder of the files a clerk (or a probe) might point it at: the sample, a
damaged or changed copy (tests.fuzzing), an empty file, a folder, a FIFO, a device behind a link, a link
loop, a read-only report, a missing name. Commands and options are drawn over those. The in-process
runs search widely; a few examples run as a real process too.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gxdesk.cli import main
from tests.fuzzing import SAMPLE, damaged_files, mutated_files, within

REAL_TEXT = Path(__file__).parent / "data" / "real" / "xingxian-2025.txt"
# Usable files come up as often as all the unusable ones together, so that many commands get to the end.
INPUTS = ["sample.gxr", "changed.gxr"] * 4 + ["empty.gxr", "folder", "pipe.gxr", "device.gxr", "loop.gxr",
                                              "read-only.gxr", "missing.gxr", "real.txt", "长" * 90 + ".gxr"]
OUTPUTS = ["out.gxr", "out.pdf", "out.docx", "sample.gxr"] * 3 + [
    "read-only.gxr", "read-only.pdf", "pipe.gxr", "pipe.pdf", "folder", "no-folder/out.gxr", "loop.gxr",
    "out.txt", "device.gxr"]
# Options as typed: any text (argv of a real process cannot hold lone surrogates).
TYPED = st.text(st.characters(exclude_categories=["Cs"]), max_size=12) | st.sampled_from(
    ["2025", "２０２５", "1999", "-1", "", "某县人民政府办公室", "<b>&{{7*7}}", "a\nb"])


def make_folder(changed: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="gxdesk-fuzz-"))
    (folder / "sample.gxr").write_bytes(SAMPLE)
    (folder / "changed.gxr").write_bytes(changed)
    (folder / "empty.gxr").write_bytes(b"")
    (folder / "folder").mkdir()
    (folder / "real.txt").write_bytes(REAL_TEXT.read_bytes())
    for name in ("read-only.gxr", "read-only.pdf"):
        (folder / name).write_bytes(SAMPLE)
        (folder / name).chmod(0o444)
    (folder / "loop.gxr").symlink_to(folder / "loop.gxr")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.gxr")
        os.mkfifo(folder / "pipe.pdf")
    if os.path.exists("/dev/zero"):
        (folder / "device.gxr").symlink_to("/dev/zero")
    return folder


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: a file's mode and bytes, or what else it is."""
    found: dict[str, object] = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(root) / name
            info = os.lstat(path)
            key = str(path.relative_to(folder))
            if stat.S_ISREG(info.st_mode):
                found[key] = (stat.S_IMODE(info.st_mode), path.read_bytes())
            else:
                found[key] = (stat.S_IFMT(info.st_mode), os.readlink(path) if path.is_symlink() else None)
    return found


@st.composite
def command_lines(draw: st.DrawFn, folder_names: bool = True) -> tuple[list[str], bytes]:
    """(argv with folder-relative names marked by "@", the content of changed.gxr)."""
    changed = draw(damaged_files() | mutated_files())
    source = "@" + draw(st.sampled_from(INPUTS))
    output = "@" + draw(st.sampled_from(OUTPUTS))
    command = draw(st.sampled_from(["check", "render", "new", "import", "merge"]))
    if command == "check":
        argv = ["check", source]
        if draw(st.booleans()):
            argv += ["--previous", "@" + draw(st.sampled_from(INPUTS))]
        if draw(st.booleans()):
            argv.append("--json")
    elif command == "render":
        argv = ["render", source, "-o", output] + (["--seal"] if draw(st.booleans()) else [])
    elif command == "new":
        argv = ["new", "-o", output, "--organ", draw(TYPED), "--year", draw(TYPED)]
    elif command == "import":
        argv = ["import", draw(st.sampled_from(["@real.txt", source])), "-o", output]
        argv += ["--force"] if draw(st.booleans()) else []
        argv += ["--organ", draw(TYPED)] if draw(st.booleans()) else []
        argv += ["--year", draw(TYPED)] if draw(st.booleans()) else []
    else:
        argv = ["merge", source, "@" + draw(st.sampled_from(INPUTS)), "-o", output, "--organ", draw(TYPED)]
    return argv, changed


def resolve(argv: list[str], folder: Path) -> list[str]:
    return [str(folder / a[1:]) if a.startswith("@") else a for a in argv]


def check_outcome(argv: list[str], folder: Path, before: dict[str, object], code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in out + err and "Exception ignored" not in err, (argv, err)
    if code == 2:
        assert len(err.splitlines()) == 1 and err.startswith("gxdesk: "), (argv, err)
    written = argv[argv.index("-o") + 1][1:] if "-o" in argv else None
    allowed = {written, f"{written}.bak"} if written else set()
    after = snapshot(folder)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed <= allowed, (argv, changed)
    if code == 2 and written:
        assert written not in changed, (argv, "a refused command wrote its output")


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and read-only modes as POSIX has them")
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_lines())
def test_any_command_line_exits_0_1_or_2_and_writes_only_its_output(case: tuple[list[str], bytes]) -> None:
    argv, changed = case
    folder = make_folder(changed)
    try:
        before = snapshot(folder)
        out, err = io.StringIO(), io.StringIO()
        with within(30), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(resolve(argv, folder))
            except SystemExit as exit_:  # argparse's own refusals
                code = exit_.code if isinstance(exit_.code, int) else 2
        check_outcome(argv, folder, before, code, out.getvalue(), err.getvalue())
    finally:
        _remove(folder)


@pytest.mark.subprocess
@pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and read-only modes as POSIX has them")
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_lines())
def test_the_real_command_exits_0_1_or_2_and_writes_only_its_output(case: tuple[list[str], bytes]) -> None:
    argv, changed = case
    assume(not any("\x00" in arg for arg in argv))  # no real command line can hold one (the OS refuses)
    folder = make_folder(changed)
    try:
        before = snapshot(folder)
        result = subprocess.run([sys.executable, "-m", "gxdesk", *resolve(argv, folder)], capture_output=True,
                                text=True, encoding="utf-8", errors="backslashreplace", timeout=60)
        check_outcome(argv, folder, before, result.returncode, result.stdout, result.stderr)
    finally:
        _remove(folder)


def _remove(folder: Path) -> None:
    for root, dirs, names in os.walk(folder, topdown=False):
        for name in names:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(0o644)
            path.unlink()
        for name in dirs:
            path = Path(root) / name
            path.unlink() if path.is_symlink() else path.rmdir()
    folder.rmdir()
