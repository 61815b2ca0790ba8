"""Autosave: a draft a few seconds after the first unsaved change, none once they are saved.

The window's side of ``gxdesk.autosave``: it owns the session (its draft and
its lock) and writes the draft (``write_now``, the single way a draft is
written) AUTOSAVE_MS after the first change since the last draft. Later changes
do not push that moment back, so a clerk typing without pause still has a draft
every few seconds; a clerk who stops typing has one within AUTOSAVE_MS. The
session is opened when first needed, after the window is up: a data folder
that cannot be written (read-only, full, gone) never stops the window. Autosave
is then off: the clerk is told once in a dialog, the status bar keeps saying so
and where drafts would go, and it is tried again every RETRY_FACTOR × AUTOSAVE_MS
until a draft is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from gxdesk import autosave
from gxdesk.gui.actions import named
from gxdesk.gui.host import Host
from gxdesk.os_errors import reason

AUTOSAVE_MS = 3_000  # from the first unsaved change to its draft
RETRY_FACTOR = 10  # a draft that could not be written is tried again this many delays later


class Drafts:
    def __init__(self, host: Host, directory: Path, interval_ms: int) -> None:
        self.host = host
        self.document = host.document
        self.directory = directory
        self.session: autosave.Session | None = None
        self.failure = ""  # why autosave is off now ("" while it works)
        self._told = False  # the clerk has been told in a dialog (once for each time it stops)
        self._generation = self._written = 0
        self.state = named(QLabel(), "autosave_state")
        self.state.hide()
        host.add_status_widget(self.state)
        self.delay_ms = interval_ms
        self.document.undo_stack.indexChanged.connect(self._changed)
        self.document.state_changed.connect(self._state_changed)  # a recovered draft, an import, last year's
        self.timer = QTimer(host.widget())
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.write_now)
        QTimer.singleShot(0, self._start)  # once the window is up, so that a failure is told over it

    def _changed(self) -> None:
        self._generation += 1
        self._arm(self.delay_ms)

    def _state_changed(self) -> None:
        if self.document.modified and not self._draft_exists():
            self._generation += 1
            self._arm(self.delay_ms)

    def _arm(self, delay: int) -> None:
        """Write the draft in ``delay`` ms, unless a write is due sooner already."""
        if not self.timer.isActive() or self.timer.remainingTime() > delay:
            self.timer.start(delay)

    def _start(self) -> None:
        if self._open() is None:
            self._arm(self.delay_ms * RETRY_FACTOR)

    def _open(self) -> autosave.Session | None:
        if self.session is None:
            try:
                self.session = autosave.Session(self.directory)
            except OSError as error:
                self._failed(error)
        return self.session

    def write_now(self) -> None:
        """Write the draft if anything changed since the last one; no draft when saved.
        Never raises: a failure turns autosave off (and it is tried again next time)."""
        if not self.document.modified:
            session = self._open()
            if session is None:
                self._arm(self.delay_ms * RETRY_FACTOR)
                return
            session.discard()
            self._working()
        elif self._generation != self._written or self.failure or not self._draft_exists():
            session = self._open()
            if session is None:
                self._arm(self.delay_ms * RETRY_FACTOR)
                return
            document = self.document
            try:
                session.write(document.report, document.path, document.name)
            except OSError as error:
                self._failed(error)
                self._arm(self.delay_ms * RETRY_FACTOR)
                return
            self._working()
        self._written = self._generation

    def _draft_exists(self) -> bool:
        return self.session is not None and self.session.draft_file.exists()

    def _failed(self, error: OSError) -> None:
        why = reason(error)
        self.failure = f"自动保存已停止。无法写入草稿文件夹“{self.directory}”：{why}"
        self.state.setText(f"自动保存已停止（草稿文件夹：{self.directory}）")
        self.state.setToolTip(f"{self.failure}。程序会继续重试；在此之前请随时用“保存”保存报告。")
        self.state.show()
        if not self._told:
            self._told = True
            self.host.prompts.warn(
                "自动保存已停止",
                f"{self.failure}。\n\n草稿本应保存在：{self.directory}\n"
                "程序会继续重试，恢复后状态栏的提示会消失。在此之前程序意外退出时无法恢复未保存的修改，"
                "请随时用“保存”（Ctrl+S）保存报告。")

    def _working(self) -> None:
        if self.failure:
            self.failure = ""
            self._told = False
            self.state.hide()
            self.host.show_message("自动保存已恢复")

    def saved(self) -> None:
        """The report is in its file: the draft goes, until the next change."""
        if self.session is not None:
            self.session.discard()
        self._written = self._generation

    def discard(self) -> None:
        if self.session is not None:
            self.session.discard()

    def recoverable(self, source: Path | None = None) -> list[autosave.Draft]:
        """Crashed sessions' drafts (of ``source`` only, if given), newest first."""
        try:
            return autosave.recoverable(self.directory, source)
        except OSError:
            return []  # an unreadable folder has nothing to offer

    def close(self) -> None:
        """A clean end: no draft, no lock."""
        self.timer.stop()
        if self.session is not None:
            self.session.close()
