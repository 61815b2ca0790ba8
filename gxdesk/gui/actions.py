"""Small helpers every room of the window shares: actions, the wait cursor, widget names, file names,
opening a file or its folder with the system's programs."""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, TypeVar

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from gxdesk.gui.host import Shortcut

_W = TypeVar("_W", bound=QWidget)


def make_action(window: QWidget, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(lambda *_: slot())
    if shortcut is not None:
        # What setShortcut does, without its overload for a Qt.Key: trying that one makes Qt's
        # enums, which start-up does without (docs/architecture.md).
        action.setShortcuts([QKeySequence(shortcut)])
    window.addAction(action)  # shortcuts work with the menu bar hidden too
    return action


def named(widget: _W, name: str) -> _W:
    """The widget with its object name: the stylesheet's and the tests' handle on it."""
    widget.setObjectName(name)
    return widget


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while the core works (rendering, reading a file)."""
    from PySide6.QtCore import Qt

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


def open_externally(path: Path) -> bool:
    """Open a file (or a folder) with the program the system uses for it; False if none would."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """The file's folder in the file manager, with the file selected where the system can (Windows)."""
    if sys.platform == "win32":
        import subprocess

        subprocess.Popen(f'explorer /select,"{path}"')  # explorer wants the quotes after the comma
        return True
    return open_externally(path.parent)


def plain_label(text: str) -> str:
    """A menu text as a toolbar shows it: 打开(&O)… → 打开."""
    return re.sub(r"\(&\w\)|&|…", "", text).strip()
