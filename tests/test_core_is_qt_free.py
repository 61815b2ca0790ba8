"""The core never loads Qt: every module outside gxdesk/gui, and the CLI doing real work."""

import subprocess
import sys

import pytest

from gxdesk.resources import data_file

pytestmark = pytest.mark.subprocess  # every test here runs a fresh interpreter

PROBE = """
import importlib, pkgutil, sys
import gxdesk
for info in pkgutil.walk_packages(gxdesk.__path__, "gxdesk."):
    if info.name.startswith("gxdesk.gui") or info.name == "gxdesk.__main__":
        continue
    importlib.import_module(info.name)
from gxdesk.cli import main
code = main(["check", sys.argv[1]])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print("CORE:" + ",".join(sorted(m for m in sys.modules if m.startswith("gxdesk"))))
print("QT:" + ",".join(loaded))
sys.exit(code)
"""


def test_no_pyside6_module_is_loaded_by_the_core():
    result = subprocess.run([sys.executable, "-c", PROBE, str(data_file("sample.gxr"))],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    core, qt = result.stdout.splitlines()[-2:]
    assert qt == "QT:"
    assert {"gxdesk.rules", "gxdesk.gxr", "gxdesk.schema", "gxdesk.cli.check"} <= set(core[5:].split(","))


def test_the_probe_would_notice_qt():
    result = subprocess.run([sys.executable, "-c", "import PySide6.QtCore\n" + PROBE, str(data_file("sample.gxr"))],
                            capture_output=True, text=True, encoding="utf-8")
    assert "QT:PySide6" in result.stdout
