"""gxdesk.gui.feature_check: shiboken's check of each imported module, made quicker, answers the same."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import PySide6.QtCore  # shiboken's feature support is loaded with it

import gxdesk.gui.window
import gxdesk.schema
from gxdesk.gui import feature_check

SHIBOKEN = sys.modules["shibokensupport.feature"]


def shibokens_own_check():
    check = SHIBOKEN._mod_uses_pyside
    return getattr(check, "__wrapped__", check)  # installed already: the one it wraps


def test_the_quicker_check_answers_as_shibokens(tmp_path: Path):
    original = shibokens_own_check()
    quicker = feature_check._mentions_pyside(original)
    source = tmp_path / "uses_qt.py"
    source.write_text("# from PySide6 import QtCore\n", encoding="utf-8")
    written = types.ModuleType("uses_qt")
    written.__file__ = str(source)
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # a frozen app's modules have no source beside them
    for module in (gxdesk.gui.window, gxdesk.schema, types, sys, written, gone, PySide6.QtCore):
        assert quicker(module) == original(module), module
    assert quicker(gxdesk.gui.window) and not quicker(gxdesk.schema) and quicker(written) and not quicker(gone)


def test_install_replaces_the_check_once_and_leaves_an_unknown_shiboken_alone(monkeypatch):
    monkeypatch.setattr(SHIBOKEN, "_mod_uses_pyside", shibokens_own_check())
    feature_check.install()
    installed = SHIBOKEN._mod_uses_pyside
    assert installed.__name__ == "check"
    feature_check.install()  # not wrapped twice
    assert SHIBOKEN._mod_uses_pyside is installed
    monkeypatch.delattr(SHIBOKEN, "_mod_uses_pyside")
    feature_check.install()  # a PySide6 without it: nothing to do, nothing fails
    assert not hasattr(SHIBOKEN, "_mod_uses_pyside")
