"""Autosave: a draft of the unsaved changes every minute, none once they are saved.

The window's side of ``gxdesk.autosave``: it owns the session (its draft and
its lock) and writes the draft when the history moved since the last one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QTimer

from gxdesk import autosave
from gxdesk.gui.document import Document

AUTOSAVE_MS = 60_000


class Drafts:
    def __init__(self, document: Document, directory: Path, interval_ms: int,
                 show_message: Callable[[str], None], parent: QObject) -> None:
        self.document = document
        self.directory = directory
        self.show_message = show_message
        self.session = autosave.Session(directory)
        self._generation = self._written = 0
        document.undo_stack.indexChanged.connect(self._changed)
        self.timer = QTimer(parent)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write_now)
        self.timer.start()

    def _changed(self) -> None:
        self._generation += 1

    def write_now(self) -> None:
        """Write the draft if anything changed since the last one; no draft when saved."""
        if not self.document.modified:
            self.session.discard()
        elif self._generation != self._written or not self.session.draft_file.exists():
            document = self.document
            try:
                self.session.write(document.report, document.path, document.name)
            except OSError as error:
                self.show_message(f"自动保存失败：{error.strerror or error}")
                return
        self._written = self._generation

    def saved(self) -> None:
        """The report is in its file: the draft goes, until the next change."""
        self.session.discard()
        self._written = self._generation

    def discard(self) -> None:
        self.session.discard()

    def recoverable(self, source: Path | None = None) -> list[autosave.Draft]:
        """Crashed sessions' drafts (of ``source`` only, if given), newest first."""
        return autosave.recoverable(self.directory, source)

    def close(self) -> None:
        """A clean end: no draft, no lock."""
        self.timer.stop()
        self.session.close()
