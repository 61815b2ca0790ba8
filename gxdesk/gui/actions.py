"""Small helpers the feature modules (export, print, import) share."""

from __future__ import annotations

from contextlib import contextmanager
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
