"""The cyclic garbage collector: off while gxdesk render renders, frozen before the command line exits."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import render as render_package
from gxdesk.cli import main
from gxdesk.errors import InputError
from gxdesk.resources import data_file


def test_collector_is_off_while_rendering_and_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = render_package.render

    def spying(*args: object, **kwargs: object) -> list[str]:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render_package, "render", spying)
    assert gc.isenabled()
    assert main(["render", str(data_file("sample.gxr")), "-o", str(tmp_path / "x.pdf")]) == 0
    assert seen == [False] and gc.isenabled()
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


def test_restored_after_a_failed_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> list[str]:
        raise InputError("文件夹不存在")

    monkeypatch.setattr(render_package, "render", failing)
    assert main(["render", str(data_file("sample.gxr")), "-o", str(tmp_path / "x.pdf")]) == 2
    assert gc.isenabled()


def test_left_off_when_the_caller_had_it_off(tmp_path: Path) -> None:
    gc.disable()
    try:
        assert main(["render", str(data_file("sample.gxr")), "-o", str(tmp_path / "x.docx")]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.subprocess
def test_the_command_line_process_freezes_its_objects_before_exit_and_in_process_calls_do_not(
        tmp_path: Path) -> None:
    script = ("import gc, sys; from gxdesk.cli import main; "
              f"sys.argv = ['gxdesk', 'render', {str(data_file('sample.gxr'))!r}, '-o', {str(tmp_path / 'x.pdf')!r}]; "
              "code = main(); print(code, gc.get_freeze_count() > 0)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[-2:] == ["0", "True"], result.stderr
    before = gc.get_freeze_count()
    assert main(["render", str(data_file("sample.gxr")), "-o", str(tmp_path / "y.pdf")]) == 0
    assert gc.get_freeze_count() == before
