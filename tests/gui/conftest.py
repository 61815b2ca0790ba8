"""Windows for the GUI tests: settings and drafts in tmp_path, questions answered by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gxdesk.gui.editor.table_view import ReportTableView
from gxdesk.gui.window import MainWindow


class Answers:
    """What the 'user' answers, and a record of what the window asked or said."""

    def __init__(self) -> None:
        self.unsaved = "discard"
        self.recover = True
        self.open_paths: list[Path] = []
        self.save_paths: list[Path] = []
        self.asked: list[str] = []
        self.informed: list[str] = []
        self.warned: list[str] = []

    def attach(self, window: MainWindow) -> MainWindow:
        def ask(kind, answer):
            self.asked.append(kind)
            return answer

        window.ask_unsaved = lambda: ask("unsaved", self.unsaved)
        window.ask_recover = lambda draft, count: ask("recover", self.recover)
        window.ask_open_path = lambda caption: self.open_paths.pop(0) if self.open_paths else None
        window.ask_save_path = lambda: self.save_paths.pop(0) if self.save_paths else None
        window.inform = lambda title, text: self.informed.append(text)
        window.warn = lambda title, text: self.warned.append(text)
        return window


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("GXDESK_HOME", str(home))  # nothing may reach the real profile
    return home


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def make_window(qtbot, home, answers):
    def make(path: str | None = None, **kwargs) -> MainWindow:
        window = answers.attach(MainWindow(home=home, **kwargs))
        qtbot.addWidget(window)  # closed (and its draft lock released) after the test
        window.start(path)
        window.resize(1280, 820)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    """The window as a first start shows it: the built-in sample."""
    return make_window()


def type_text(qtbot, widget, text: str) -> None:
    """Keys for ASCII; other characters (full-width digits) as a Chinese input method commits them."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, view: ReportTableView, key, text: str, commit=Qt.Key.Key_Return) -> None:
    """Select a cell and type into it as a clerk does: the first key opens the editor."""
    index = view.report_model.index_of(key)
    view.setCurrentIndex(index)
    view.setFocus()
    type_text(qtbot, view, text[0])
    editor = view.indexWidget(index)
    assert editor is not None, "typing did not open the cell editor"
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(editor, commit)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)
