"""Windows for the GUI tests: settings and drafts in tmp_path, questions answered by the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication

from gxdesk import gxr
from gxdesk.autosave import Draft
from gxdesk.gui.editor.table_view import ReportTableView
from gxdesk.gui.files.lifecycle import SAMPLE
from gxdesk.gui.importing.dialog import ImportRequest
from gxdesk.gui.prompts import (
    AfterExport,
    CarryOver,
    DescribeFonts,
    DraftPlace,
    OpenLocked,
    QtPrompts,
    SaveConflict,
    Unsaved,
)
from gxdesk.gui.window import MainWindow
from gxdesk.importer.summary import ImportSummary
from gxdesk.model import CellKey, Report
from gxdesk.rules import Finding
from gxdesk.sample import load_sample
from gxdesk.schema import REQUEST_COLUMN_IDS


class Answers:
    """The window's prompts in the tests: what the 'user' answers, and a record of what the
    window asked or said. A question named in ``real`` goes to the real dialog instead
    (for tests that drive that dialog themselves)."""

    def __init__(self) -> None:
        self.unsaved: Unsaved = "discard"
        self.open_locked: OpenLocked = "read_only"
        self.save_conflict: list[SaveConflict] = []  # answered in turn; "cancel" once they run out
        self.recover = True
        self.despite_errors = True
        self.open_paths: list[Path] = []
        self.save_paths: list[Path | None] = []
        self.open_path_lists: list[list[Path]] = []  # 汇总: 添加文件…
        self.folders: list[Path | None] = []  # 汇总: 添加文件夹…
        self.import_requests: list[ImportRequest] = []
        self.output_settings: list[tuple[str, bool] | None] = []
        self.texts: list[str | None] = []  # answers to ask_text, in turn (none left: cancelled)
        self.draft_places: list[DraftPlace] = []
        self.texts_asked: list[tuple[str, str, str]] = []  # (title, label, text shown)
        self.drafts_asked: list[tuple[str, str]] = []  # (part, draft)
        self.preview: Callable[[QPrintPreviewDialog], object] = lambda dialog: None
        self.carry_over: CarryOver = "replace"
        self.carry_over_asked: list[tuple[str, list[str]]] = []  # (text, the changes listed)
        self.join_lines = True
        self.join_asked: list[int] = []  # how many breaks inside paragraphs each paste had
        self.after_export: AfterExport = "close"
        self.exported: list[tuple[Path, list[str]]] = []  # (file, notes) of each 导出完成
        self.asked: list[str] = []  # the questions: "unsaved", "recover", "open_locked", "save_conflict"
        self.conflicts: list[tuple[str, bool]] = []  # (text, may_overwrite) of each save conflict asked
        self.errors_asked: list[tuple[int, str]] = []  # (how many errors, what for)
        self.save_asked: list[tuple[str, Path, str]] = []  # (caption, suggested, kinds)
        self.settings_asked: list[tuple[str, bool]] = []
        self.informed: list[str] = []
        self.warned: list[str] = []
        self.summaries: list[tuple[str, str, list[str]]] = []  # (title, headline, every item's text)
        self.import_summaries: list[tuple[ImportSummary, Callable[[CellKey], None] | None]] = []
        self.previews: list[QPrintPreviewDialog] = []
        self.real: set[str] = set()
        self.qt = QtPrompts(None)

    def ask_unsaved(self, name: str) -> Unsaved:
        self.asked.append("unsaved")
        return self.unsaved

    def ask_recover(self, draft: Draft, count: int) -> bool:
        self.asked.append("recover")
        return self.recover

    def ask_open_locked(self, name: str, holder: str) -> OpenLocked:
        self.asked.append("open_locked")
        return self.open_locked

    def ask_save_conflict(self, text: str, may_overwrite: bool) -> SaveConflict:
        self.asked.append("save_conflict")
        self.conflicts.append((text, may_overwrite))
        return self.save_conflict.pop(0) if self.save_conflict else "cancel"

    def ask_open_path(self, caption: str, folder: str, kinds: str) -> Path | None:
        if "ask_open_path" in self.real:
            return self.qt.ask_open_path(caption, folder, kinds)
        return self.open_paths.pop(0) if self.open_paths else None

    def ask_save_path(self, caption: str, suggested: Path, kinds: str) -> Path | None:
        self.save_asked.append((caption, suggested, kinds))
        if "ask_save_path" in self.real:
            return self.qt.ask_save_path(caption, suggested, kinds)
        return self.save_paths.pop(0) if self.save_paths else None

    def ask_open_paths(self, caption: str, folder: str, kinds: str) -> list[Path]:
        return self.open_path_lists.pop(0) if self.open_path_lists else []

    def ask_folder(self, caption: str, folder: str) -> Path | None:
        return self.folders.pop(0) if self.folders else None

    def ask_despite_errors(self, errors: list[Finding], doing: str) -> bool:
        self.errors_asked.append((len(errors), doing))
        return self.despite_errors

    def ask_carry_over(self, text: str, changes: list[str]) -> CarryOver:
        self.asked.append("carry_over")
        self.carry_over_asked.append((text, changes))
        return self.carry_over

    def ask_join_lines(self, count: int) -> bool:
        self.join_asked.append(count)
        return self.join_lines

    def ask_after_export(self, path: Path, notes: list[str]) -> AfterExport:
        self.exported.append((path, notes))
        return self.after_export

    def ask_output_settings(self, font_dir: str, seal: bool, describe: DescribeFonts) -> tuple[str, bool] | None:
        self.settings_asked.append((font_dir, seal))
        return self.output_settings.pop(0) if self.output_settings else None

    def ask_import(self, folder: str) -> ImportRequest | None:
        if "ask_import" in self.real:
            return self.qt.ask_import(folder)
        return self.import_requests.pop(0) if self.import_requests else None

    def ask_text(self, title: str, label: str, text: str = "", multiline: bool = False) -> str | None:
        self.texts_asked.append((title, label, text))
        return self.texts.pop(0) if self.texts else None

    def ask_draft(self, part: str, draft: str) -> DraftPlace:
        self.drafts_asked.append((part, draft))
        return self.draft_places.pop(0) if self.draft_places else "cancel"

    def inform(self, title: str, text: str) -> None:
        self.informed.append(text)

    def warn(self, title: str, text: str) -> None:
        self.warned.append(text)

    def show_import_summary(self, title: str, headline: str, summary: ImportSummary,
                            jump: Callable[[CellKey], None] | None) -> None:
        self.summaries.append((title, headline, [item.text for group in summary.groups for item in group.items]))
        self.import_summaries.append((summary, jump))

    def show_preview(self, dialog: QPrintPreviewDialog) -> None:
        self.previews.append(dialog)
        self.preview(dialog)

    def show_about(self, title: str, text: str) -> None:
        self.informed.append(text)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("GXDESK_HOME", str(home))  # nothing may reach the real profile
    return home


@pytest.fixture
def answers() -> Answers:
    return Answers()


# The window's today in the tests: January of the sample's publishing year, before its deadline.
TODAY = date(2026, 1, 10)


@pytest.fixture
def make_window(qtbot, home, answers):
    def make(path: str | None = None, **kwargs) -> MainWindow:
        kwargs.setdefault("today", lambda: TODAY)
        window = MainWindow(home=home, prompts=answers, **kwargs)
        qtbot.addWidget(window)  # closed (and its draft lock released) after the test
        window.start(path)
        window.resize(1280, 820)
        window.show()
        window.activateWindow()  # its shortcuts (Ctrl+S, Ctrl+Z, Ctrl+Tab) work in the active window
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    """The window with the built-in sample open as an untitled report of the clerk's (most tests
    edit it; a first start shows the start page: tests/gui/test_start.py)."""
    window = make_window()
    assert window.files.open_report(load_sample(), SAMPLE)
    return window


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
    view.setCurrentIndex(view.report_model.index_of(key))
    view.setFocus()
    type_here(qtbot, view, text, commit)


def type_here(qtbot, view: ReportTableView, text: str, commit=Qt.Key.Key_Return) -> None:
    """Type into the cell the cursor is on, where the keyboard already is: the first key opens the editor."""
    index = view.currentIndex()
    type_text(qtbot, view, text[0])
    editor = view.indexWidget(index)
    assert editor is not None, "typing did not open the cell editor"
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(editor, commit)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)


def last_year(tmp_path: Path) -> Path:
    """Last year's report as a file: the sample as 2024, with 四 (结转下年度继续办理) 1–6 by column."""
    previous: Report = load_sample()
    previous.year = 2024
    for i, column in enumerate(REQUEST_COLUMN_IDS):
        previous.cells[("requests", "carried_forward", column)] = i + 1
    path = tmp_path / "2024.gxr"
    gxr.save(previous, path)
    return path
