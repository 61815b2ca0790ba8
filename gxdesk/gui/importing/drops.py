"""Files dropped on a widget: a .gxr report opens, a published report (.pdf, .docx, .html, .txt…)
is imported. A small piece any widget can take — the window, and the start page (issue 12):

    FileDrops(widget, open_report=files.open_file, import_report=importing.import_path)

It watches the widget's drag and drop events (an event filter), so the widget itself needs no
code of its own; a drag of anything else is not accepted, and the cursor says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from gxdesk import gxr
from gxdesk.import_kinds import SUFFIXES


def dropped(mime: QMimeData) -> tuple[str, Path] | None:
    """("open", path) for a report file, ("import", path) for a published report, else None.
    The first local file of the drop decides; one report is opened or imported at a time."""
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        suffix = path.suffix.lower()
        if suffix == gxr.SUFFIX:
            return "open", path
        if suffix in SUFFIXES:
            return "import", path
    return None


class FileDrops(QObject):
    def __init__(self, widget: QWidget, open_report: Callable[[Path], object],
                 import_report: Callable[[Path], object]) -> None:
        super().__init__(widget)
        self.open_report, self.import_report = open_report, import_report
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if dropped(event.mimeData()) is not None:
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            found = dropped(event.mimeData())
            if found is None:
                event.ignore()
                return True
            event.acceptProposedAction()
            what, path = found
            handle = self.open_report if what == "open" else self.import_report
            # After the drop has returned: the file manager the file came from is not held
            # while the window asks or reports (a modal dialog inside a drop blocks it on Windows).
            QTimer.singleShot(0, lambda: handle(path))
            return True
        return super().eventFilter(watched, event)
