"""The report's file: 新建, 打开, 最近打开, 查看示例, 保存, 另存为, the unsaved-changes question,
the start (a file, a crashed session's draft, or the report worked on last) and autosave.

Saving is the core's (``gxr.save``: atomic, with a backup); this module decides
when to ask and what to suggest. While a report is open its lock file is held
(``gxdesk.report_lock``): a second window opening it is told, and opens it
read-only or anyway. Before every save the file is compared with what this
window last read or wrote (``files.Fingerprint``); a file changed elsewhere,
open in another window or read-only is never replaced without the clerk's
choice: overwrite, save as, or cancel.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from gxdesk import autosave, gxr, userdirs
from gxdesk.errors import InputError
from gxdesk.files import Fingerprint, is_read_only
from gxdesk.gui.actions import file_name, named, with_suffix
from gxdesk.gui.document import UNTITLED
from gxdesk.gui.files.drafts import AUTOSAVE_MS, Drafts
from gxdesk.gui.files.recent import RecentMenu
from gxdesk.gui.host import Host
from gxdesk.model import Report, new_report
from gxdesk.report_lock import OpenElsewhereError, ReportLock, holder, lock_path
from gxdesk.rules import META_SECTION

FILE_FILTER = f"gxdesk 报告 (*{gxr.SUFFIX})"
SAMPLE = "示例报告"
# How this window holds a report's file: its lock, read-only or anyway (another window has it), or not at all.
Hold = Literal["held", "read_only", "anyway", "cancel"]


def install(host: Host, autosave_ms: int = AUTOSAVE_MS) -> Files:
    files = Files(host, autosave_ms)
    add = host.add_file_action
    add("open", host.action("新建(&N)", files.new_file, QKeySequence.StandardKey.New), toolbar=True)
    add("open", host.action("打开(&O)…", files.open_file, QKeySequence.StandardKey.Open), toolbar=True)
    add("open", files.recent_menu.menuAction())
    add("open", host.action("查看示例报告", files.open_sample))
    add("save", host.action("保存(&S)", files.save, QKeySequence.StandardKey.Save), toolbar=True)
    add("save", host.action("另存为(&A)…", files.save_as, "Ctrl+Shift+S"))
    return files


def blank_report() -> Report:
    """A new report for last year: the year a report is written for in January."""
    return new_report("", date.today().year - 1)


class Files:
    def __init__(self, host: Host, autosave_ms: int = AUTOSAVE_MS) -> None:
        self.host = host
        self.document = host.document
        self.drafts = Drafts(host, userdirs.autosave_dir(host.data_dir), autosave_ms)
        self.recent_menu = RecentMenu(host.settings, self.open_recent, host.widget())
        self.lock: ReportLock | None = None  # this window's hold on its file
        self.fingerprint: Fingerprint | None = None  # the file as this window last read or wrote it
        self.read_only_note = named(QLabel("只读：保存时请另存为新文件"), "read_only_note")
        self.read_only_note.hide()
        host.add_status_widget(self.read_only_note)
        self.document.state_changed.connect(lambda: self.read_only_note.setVisible(self.document.read_only))

    # --- Starting --------------------------------------------------------------------

    def start(self, path: str | None) -> bool:
        """Open the file given; without one, a crashed session's draft (after asking) or else the
        report worked on last. False when there is none to show: the window shows the start page."""
        if path:
            try:
                report, fingerprint = gxr.read(Path(path))
            except InputError as error:
                self.host.prompts.warn("无法打开", str(error))
                return False
            return self._start_with(report, Path(path), fingerprint)
        if self._offer_recovery(self.drafts.recoverable()):
            return True
        last = Path(self.host.settings.recent[0]) if self.host.settings.recent else None
        if last is None or not last.is_file():
            return False  # the start page lists it as not found
        try:
            report, fingerprint = gxr.read(last)
        except InputError as error:
            self.host.show_message(f"上次打开的报告无法打开：{error}")
            return False
        return self._start_with(report, last, fingerprint)

    def _start_with(self, report: Report, path: Path, fingerprint: Fingerprint) -> bool:
        if not self._show_file(report, path, fingerprint):
            return False
        self._remember(path)
        self._offer_recovery(self.drafts.recoverable(path))
        return True

    def open_sample(self) -> bool:
        """查看示例: the built-in sample, read-only (保存 asks for a new name, never over the sample)."""
        from gxdesk.sample import load_sample

        if not self.may_discard():
            return False
        self._let_go()
        self.fingerprint = None
        self.document.reset(load_sample(), None, SAMPLE, read_only=True)
        self.host.show_page(META_SECTION)
        # Short: the permanent 只读 note beside it already says how saving works.
        self.host.show_message("这是示例报告，可以随意查看和修改")
        return True

    def folder(self) -> Path:
        """Where file dialogs open: beside the open report, else the folder used last, else Documents."""
        if self.document.path is not None and self.document.path.parent.is_dir():
            return self.document.path.parent
        last = self.host.settings.last_folder
        return Path(last) if last and Path(last).is_dir() else userdirs.documents_dir()

    def _offer_recovery(self, drafts: list[autosave.Draft]) -> bool:
        if not drafts:
            return False
        draft = drafts[0]
        if not self.host.prompts.ask_recover(draft, len(drafts)):
            draft.discard()
            return False
        try:
            report = draft.load()
        except InputError as error:
            self.host.prompts.warn("无法恢复草稿", str(error))
            return False
        source, read_only = draft.source, self.document.read_only
        if source is None:
            self._let_go()
            self.fingerprint = None
        elif source != self.document.path:
            hold = self._hold(source)
            if hold == "cancel":
                return False
            read_only = hold == "read_only"
            # The draft is newer than the file: what the file holds now is what a save replaces.
            self.fingerprint = Fingerprint.read(source)
        self.document.reset(report, source, draft.name, unsaved=True, read_only=read_only)
        self.drafts.write_now()  # our own draft holds it now, before the old one goes
        draft.discard()
        self.host.show_message(f"已恢复“{draft.name}”的草稿，请核对后保存")
        return True

    # --- Opening -----------------------------------------------------------------------

    def new_file(self) -> bool:
        if not self.open_report(blank_report()):
            return False
        self.host.show_page(META_SECTION, "organ")
        return True

    def open_report(self, report: Report, name: str = UNTITLED, unsaved: bool = False) -> bool:
        """Show a report as a new untitled document, after asking about unsaved changes;
        ``unsaved``: it exists nowhere else (an import), so closing asks and autosave keeps it."""
        if not self.may_discard():
            return False
        self._let_go()
        self.fingerprint = None
        self.document.reset(report, None, name, unsaved)
        self.host.show_page(META_SECTION)
        return True

    def choose_and_load(self, path: Path | None, caption: str, failure: str) -> tuple[Path, Report] | None:
        """The file given or chosen, loaded; None (after saying why) if there is none."""
        chosen = self._choose_and_read(path, caption, failure)
        return None if chosen is None else (chosen[0], chosen[1])

    def _choose_and_read(self, path: Path | None, caption: str,
                         failure: str) -> tuple[Path, Report, Fingerprint] | None:
        path = path or self.host.prompts.ask_open_path(caption, str(self.folder()), FILE_FILTER)
        if path is None:
            return None
        try:
            return (path, *gxr.read(path))
        except InputError as error:
            self.host.prompts.warn(failure, str(error))
            return None

    def open_file(self, path: Path | None = None) -> bool:
        chosen = self._choose_and_read(path, "打开报告", "无法打开")
        if chosen is None:
            return False
        path, report, fingerprint = chosen
        if not self.may_discard() or not self._show_file(report, path, fingerprint):
            return False
        self._remember(path)
        self.drafts.discard()
        self._offer_recovery(self.drafts.recoverable(path))
        return True

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self.host.prompts.warn("无法打开", f"找不到文件“{path}”，已从最近打开的列表中去掉")
            self.host.settings.forget(str(path))
            self.host.save_settings()
            return
        self.open_file(path)

    def _show_file(self, report: Report, path: Path, fingerprint: Fingerprint) -> bool:
        """Show a report read from ``path``, holding its lock (or asking, when another window has it)."""
        hold = self._hold(path)
        if hold == "cancel":
            return False
        self.fingerprint = fingerprint
        self.document.reset(report, path, read_only=hold == "read_only")
        return True

    def _hold(self, path: Path) -> Hold:
        """Hold ``path``'s lock instead of the one held now. When another window has it the clerk
        chooses: read-only or anyway (no lock held then), or cancel (nothing changes)."""
        if self.lock is not None and self.lock.path == lock_path(path):
            return "held"
        try:
            lock = ReportLock.take(path)  # not held where the folder cannot lock: saving still checks
        except OpenElsewhereError as error:
            choice = self.host.prompts.ask_open_locked(path.name, error.holder.describe())
            if choice == "cancel":
                return "cancel"
            self._let_go()
            return "read_only" if choice == "read_only" else "anyway"
        self._let_go()
        self.lock = lock
        return "held"

    def _let_go(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # --- Saving ------------------------------------------------------------------------

    def save(self) -> bool:
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        path = self._ask_save_path()
        return path is not None and self._save_to(path)

    def _ask_save_path(self) -> Path | None:
        report = self.document.report
        suggested = self.document.path or self.folder() / (
            file_name(report.short_title if report.organ else UNTITLED) + gxr.SUFFIX)
        path = self.host.prompts.ask_save_path("另存为", suggested, FILE_FILTER)
        return None if path is None else with_suffix(path, gxr.SUFFIX)

    def _save_to(self, path: Path) -> bool:
        """Save to ``path``, first asking where that would replace what it must not silently."""
        while True:
            conflict = self._conflict(path)
            if conflict is None:
                break
            text, may_overwrite = conflict
            choice = self.host.prompts.ask_save_conflict(text, may_overwrite)
            if choice == "overwrite":
                break
            chosen = self._ask_save_path() if choice == "save_as" else None
            if chosen is None:
                return False
            path = chosen
        own = self.lock if self.lock is not None and self.lock.path == lock_path(path) else None
        try:
            fingerprint = gxr.save(self.document.report, path, lock=own, even_if_open=conflict is not None)
        except InputError as error:
            self.host.prompts.warn("保存失败", str(error))
            return False
        if own is None:
            self._hold_saved(path)
        self.fingerprint = fingerprint
        self.document.mark_saved(path)
        self.drafts.saved()
        self._remember(path)
        self.host.show_message(f"已保存：{path}")
        return True

    def _conflict(self, path: Path) -> tuple[str, bool] | None:
        """Why saving to ``path`` needs the clerk's choice, and whether overwriting is one; None if not."""
        name = path.name
        if is_read_only(path):
            return f"“{name}”是只读文件，没有覆盖。\n\n请另存为其他文件（或先在文件属性中取消“只读”）。", False
        reasons = []
        if path == self.document.path and self.fingerprint is not None and self.fingerprint.changed(path):
            reasons.append(f"“{name}”在这个窗口打开或保存之后，被另一个窗口或其他程序修改过。")
        if self.lock is None or self.lock.path != lock_path(path) or not self.lock.is_held:
            who = holder(path)
            if who is not None:
                reasons.append(f"“{name}”正在另一个 gxdesk 窗口中打开（{who.describe()}）。")
        if not reasons:
            return None
        return "".join(reasons) + "\n\n覆盖它，那边的修改就会丢失。要另存为新文件吗？", True

    def _hold_saved(self, path: Path) -> None:
        """After a save to another file: hold that one instead (if nobody else does)."""
        self._let_go()
        try:
            self.lock = ReportLock.take(path)
        except OpenElsewhereError:
            self.lock = None

    def may_discard(self) -> bool:
        """True when the report may be closed: nothing unsaved, or the clerk said so (or saved)."""
        if not self.document.modified:
            return True
        choice = self.host.prompts.ask_unsaved(self.document.name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def _remember(self, path: Path) -> None:
        settings = self.host.settings
        before = (settings.recent, settings.last_folder)
        settings.add_recent(path)
        if (settings.recent, settings.last_folder) != before:  # reopening the last report changes nothing
            self.host.save_settings()

    def close(self) -> None:
        """The window closes (after ``may_discard``): the draft, its lock and the report's lock go."""
        self.drafts.close()
        self._let_go()
