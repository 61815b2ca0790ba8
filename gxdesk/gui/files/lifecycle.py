"""The report's file: 新建, 打开, 最近打开, 保存, 另存为, the unsaved-changes question,
the first start (a file, a crashed session's draft, or the sample) and autosave.

Saving is the core's (``gxr.save``: atomic, with a backup); this module decides
when to ask and what to suggest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QKeySequence

from gxdesk import autosave, gxr, userdirs
from gxdesk.errors import InputError
from gxdesk.gui.actions import file_name, with_suffix
from gxdesk.gui.document import UNTITLED
from gxdesk.gui.files.drafts import AUTOSAVE_MS, Drafts
from gxdesk.gui.files.recent import RecentMenu
from gxdesk.gui.host import Host
from gxdesk.model import Report, new_report
from gxdesk.rules import META_SECTION

FILE_FILTER = f"gxdesk 报告 (*{gxr.SUFFIX})"
SAMPLE = "示例报告"


def install(host: Host, autosave_ms: int = AUTOSAVE_MS) -> Files:
    files = Files(host, autosave_ms)
    add = host.add_file_action
    add("open", host.action("新建(&N)", files.new_file, QKeySequence.StandardKey.New))
    add("open", host.action("打开(&O)…", files.open_file, QKeySequence.StandardKey.Open))
    add("open", files.recent_menu.menuAction())
    add("save", host.action("保存(&S)", files.save, QKeySequence.StandardKey.Save))
    add("save", host.action("另存为(&A)…", files.save_as, "Ctrl+Shift+S"))
    return files


def blank_report() -> Report:
    """A new report for last year: the year a report is written for in January."""
    return new_report("", date.today().year - 1)


class Files:
    def __init__(self, host: Host, autosave_ms: int = AUTOSAVE_MS) -> None:
        self.host = host
        self.document = host.document
        self.drafts = Drafts(self.document, userdirs.autosave_dir(host.data_dir), autosave_ms,
                             host.show_message, host.widget())
        self.recent_menu = RecentMenu(host.settings, self.open_recent, host.widget())

    # --- Starting --------------------------------------------------------------------

    def start(self, path: str | None) -> None:
        """Open the file given, or a crashed session's draft, or the built-in sample."""
        if path:
            file = Path(path)
            try:
                self.document.reset(gxr.load(file), file)
            except InputError as error:
                self.host.prompts.warn("无法打开", str(error))
            else:
                self._remember(file)
                self._offer_recovery(self.drafts.recoverable(file))
                return
        elif self._offer_recovery(self.drafts.recoverable()):
            return
        from gxdesk.sample import load_sample

        self.document.reset(load_sample(), None, SAMPLE)

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
        self.document.reset(report, draft.source, draft.name, unsaved=True)
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
        self.document.reset(report, None, name, unsaved)
        self.host.show_page(META_SECTION)
        return True

    def choose_and_load(self, path: Path | None, caption: str, failure: str) -> tuple[Path, Report] | None:
        """The file given or chosen, loaded; None (after saying why) if there is none."""
        path = path or self.host.prompts.ask_open_path(caption, self.host.settings.last_folder, FILE_FILTER)
        if path is None:
            return None
        try:
            return path, gxr.load(path)
        except InputError as error:
            self.host.prompts.warn(failure, str(error))
            return None

    def open_file(self, path: Path | None = None) -> bool:
        chosen = self.choose_and_load(path, "打开报告", "无法打开")
        if chosen is None:
            return False
        path, report = chosen
        if not self.may_discard():
            return False
        self.document.reset(report, path)
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

    # --- Saving ------------------------------------------------------------------------

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        report, settings = self.document.report, self.host.settings
        suggested = self.document.path or Path(settings.last_folder or Path.home()) / (
            file_name(report.short_title if report.organ else UNTITLED) + gxr.SUFFIX)
        path = self.host.prompts.ask_save_path("另存为", suggested, FILE_FILTER)
        if path is None:
            return False
        return self._save_to(with_suffix(path, gxr.SUFFIX))

    def _save_to(self, path: Path) -> bool:
        try:
            gxr.save(self.document.report, path)
        except InputError as error:
            self.host.prompts.warn("保存失败", str(error))
            return False
        self.document.mark_saved(path)
        self.drafts.saved()
        self._remember(path)
        self.host.show_message(f"已保存：{path}")
        return True

    def may_discard(self) -> bool:
        """True when the report may be closed: nothing unsaved, or the clerk said so (or saved)."""
        if not self.document.modified:
            return True
        choice = self.host.prompts.ask_unsaved(self.document.name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def _remember(self, path: Path) -> None:
        self.host.settings.add_recent(path)
        self.host.save_settings()

    def close(self) -> None:
        """The window closes (after ``may_discard``): the draft and its lock go."""
        self.drafts.close()
