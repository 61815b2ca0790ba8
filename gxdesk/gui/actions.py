"""Small helpers the feature modules (export, print, import) share."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


def make_action(window: QWidget, text: str, slot: Callable[[], object], shortcut=None) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(lambda *_: slot())
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    window.addAction(action)  # shortcuts work with the menu bar hidden too
    return action


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while the core works (rendering, reading a file)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # characters Windows refuses in file names


def file_name(title: str) -> str:
    """A title made safe as a file name on Windows."""
    return _NOT_IN_NAMES.sub("_", title).strip(" ._") or "报告"


def with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix``: a save dialog may return the name as typed, without it."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
