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


GC_PROBE = """
import gc, sys, types
passes = []
gc.callbacks.append(lambda phase, info: phase == "start" and passes.append(info["generation"]))
import gxdesk.cli as cli
import_module = cli.importlib.import_module
at_start = []
def patched(name):  # the window's modules load as gxdesk's own start loads them, then the probe looks in
    at_start.append(len(passes))  # open_window's first import: the collector was just turned off
    module = import_module(name)
    if name == "gxdesk.gui.app":
        printed = module._print_first_paint
        def first_paint(window):
            print(f"GC:{len(passes) - at_start[0]} {gc.isenabled()} {gc.get_freeze_count()}")
            printed(window)
        module._print_first_paint = first_paint
    return module
cli.importlib = types.SimpleNamespace(import_module=patched)
sys.exit(cli.main([]))
"""


def test_no_cycle_collection_before_the_first_paint_and_the_collector_back_after(tmp_path: Path):
    """Start-up's ~35 000 new objects are searched for cycles not ~70 times (~10 ms) but never:
    after the first paint they are frozen and the collector runs again for what comes next."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_ON_PAINT_ENV: "1", "GXDESK_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", GC_PROBE], capture_output=True, text=True, encoding="utf-8",
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    passes, enabled, frozen = next(line[3:] for line in result.stdout.splitlines() if line.startswith("GC:")).split()
    assert int(passes) == 0 and enabled == "True" and int(frozen) > 10_000
