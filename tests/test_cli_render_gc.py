"""gxdesk render turns the cyclic garbage collector off while it renders, and back on after."""

from __future__ import annotations

import gc
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
