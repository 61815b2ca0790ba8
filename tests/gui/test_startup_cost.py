"""What the first paint must not pay for (issue 12's start-up target, measured in benchmarks/startup.py).

PySide6 builds a class's enum types when the class is first named: naming one enum of Qt's
namespace (``Qt.ItemFlag``…) builds all ~90 of them, ~30 ms, a third of what gxdesk's first
paint took beyond a bare window's. Neither first screen may name one before it is painted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk.gui.app import EXIT_ON_PAINT_ENV
from gxdesk.resources import data_file
from gxdesk.settings import FILE_NAME, Settings

pytestmark = pytest.mark.subprocess

PROBE = """
import enum, sys
made = []
original = enum.EnumMeta._create_
def create(cls, *args, **kwargs):
    made.append(str(args[0] if args else kwargs.get("class_name")))
    return original(cls, *args, **kwargs)
enum.EnumMeta._create_ = create
import PySide6.QtCore
print("LAZY:" + str("ItemFlag" not in made))
from gxdesk.gui import app
printed = app._print_first_paint
def first_paint(window):
    print("BEFORE PAINT:" + ",".join(made))
    printed(window)
app._print_first_paint = first_paint
from gxdesk.cli import main
sys.exit(main([]))
"""
QT_NAMESPACE = {"ItemFlag", "ItemDataRole", "AlignmentFlag", "GlobalColor", "Key", "MouseButton"}


def enums_before_first_paint(home: Path) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_ON_PAINT_ENV: "1", "GXDESK_HOME": str(home)}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, encoding="utf-8",
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines() if line.startswith(("LAZY:", "BEFORE")))
    if lines["LAZY"] != "True":
        pytest.skip("this PySide6 builds every enum type when QtCore is imported")
    return set(lines["BEFORE PAINT"].split(","))


def test_the_start_page_names_no_enum_of_qts_namespace_before_its_first_paint(tmp_path: Path):
    made = enums_before_first_paint(tmp_path)
    assert made and not made & QT_NAMESPACE


def test_a_reopened_report_names_none_either(tmp_path: Path):
    report = tmp_path / "上次的报告.gxr"
    shutil.copyfile(data_file("sample.gxr"), report)
    Settings(recent=[str(report)]).save(tmp_path / FILE_NAME)
    made = enums_before_first_paint(tmp_path)
    assert made and not made & QT_NAMESPACE


def test_the_probe_would_see_one(tmp_path: Path, monkeypatch):
    """The same probe, with Qt.ItemFlag named before the window starts (as the start page once did)."""
    monkeypatch.setattr(sys.modules[__name__], "PROBE", PROBE.replace(
        "from gxdesk.cli import main", "from PySide6.QtCore import Qt\nQt.ItemFlag\nfrom gxdesk.cli import main"))
    assert "ItemFlag" in enums_before_first_paint(tmp_path)
