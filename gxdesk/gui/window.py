"""The main window: one tab per part of the report, the 检查 panel, files, autosave.

Questions to the user go through ``ask_*`` / ``inform`` / ``warn`` methods so
that tests can answer them. Later modules (export, print, import) add their
actions with ``add_file_action`` and use ``report``, ``findings``,
``replace_report`` and ``open_report``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from gxdesk import autosave, gxr, userdirs
from gxdesk.errors import InputError
from gxdesk.gui.actions import file_name, make_action, with_suffix
from gxdesk.gui.document import Document
from gxdesk.gui.findings_panel import ERROR_DOT, WARNING_DOT, FindingsPanel, dot
from gxdesk.gui.pages import MetaPage, TextPage
from gxdesk.model import Report, carry_over_changes
from gxdesk.numbers import format_number
from gxdesk.rules import ERROR, META_SECTION, Finding, summary
from gxdesk.schema import SECTIONS, TABLE_BY_ID, TABLE_BY_SECTION, TEXT_PART_BY_ID, cell_name
from gxdesk.settings import FILE_NAME, Settings

if TYPE_CHECKING:
    from gxdesk.gui.table_model import ReportTableModel
    from gxdesk.gui.table_view import ReportTableView

APP_TITLE = "gxdesk 政府信息公开工作年度报告"
AUTOSAVE_MS = 60_000
FILE_FILTER = f"gxdesk 报告 (*{gxr.SUFFIX})"
UNTITLED, SAMPLE = "未命名", "示例报告"
FILE_MENU_SECTIONS = ("open", "import", "save", "previous", "export", "print", "quit")


class MainWindow(QMainWindow):
    def __init__(self, report: Report | None = None, path: Path | None = None, name: str = UNTITLED,
                 home: Path | None = None, autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.data_dir = home or userdirs.data_dir()
        self.settings_file = (home or userdirs.config_dir()) / FILE_NAME
        self.settings = Settings.load(self.settings_file)
        self.document = Document(report or _blank(), path, name, self)
        self.session = autosave.Session(userdirs.autosave_dir(self.data_dir))
        self._generation = self._autosaved = 0
        self.document.undo_stack.indexChanged.connect(self._changed)

        self._build_tabs()
        self.findings_panel = FindingsPanel(self.document, self)
        self.findings_panel.chosen.connect(self.jump_to)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_panel)
        self.status_summary = QLabel(objectName="status_summary")
        self.statusBar().addPermanentWidget(self.status_summary)
        self._build_menus()
        self.setAcceptDrops(True)

        self.document.findings_changed.connect(self._show_findings)
        self.document.state_changed.connect(self._update_title)
        self.document.text_changed.connect(self._text_changed)
        self.document.reloaded.connect(self._reloaded)
        if report is None:
            # A placeholder that start() is about to replace: flagging its empty fields would
            # only restyle them twice before the first paint.
            QTimer.singleShot(0, self._update_title)
        else:
            self._update_title()  # which shows the findings too
        self.autosave_timer = QTimer(self, interval=autosave_ms, timeout=self.autosave_now)
        self.autosave_timer.start()

    # --- Layout ----------------------------------------------------------------------

    def _build_tabs(self) -> None:
        """One tab per part of the report. Only 基本信息 is built now; the others are
        built when first shown (or asked for), so start-up pays for the first paint only."""
        self.tabs = QTabWidget(objectName="tabs", documentMode=True)
        self.meta_page = MetaPage(self.document)
        self.tabs.addTab(self.meta_page, META_SECTION)
        self.tab_of_section = {META_SECTION: 0}
        self._pages: dict[int, QWidget] = {0: self.meta_page}
        self._text_pages: dict[str, TextPage] = {}
        self._models: dict[str, ReportTableModel] = {}
        self._views: dict[str, ReportTableView] = {}
        for section in SECTIONS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tab_of_section[section.id] = self.tabs.addTab(holder, section.short)
        self.tabs.currentChanged.connect(self.page)
        self.setCentralWidget(self.tabs)
        self._dots: dict[bool, QIcon] = {}  # drawn when first needed
        self._no_dot = QIcon()
        self._findings_shown: tuple | None = None
        self._tab_marks: dict[int, bool | None] = {}

    def _dot(self, error: bool) -> QIcon:
        if error not in self._dots:
            self._dots[error] = dot(ERROR_DOT if error else WARNING_DOT)
        return self._dots[error]

    def page(self, tab: int) -> QWidget:
        """The page of a tab, built on first use."""
        if tab in self._pages:
            return self._pages[tab]
        section = next(s for s in SECTIONS if self.tab_of_section[s.id] == tab)
        table = TABLE_BY_SECTION.get(section.id)
        if table is None:
            page: QWidget = TextPage(self.document, section.id)
            self._text_pages[section.id] = page
            page.show_flags()
        else:
            from gxdesk.gui.table_model import ReportTableModel
            from gxdesk.gui.table_view import ReportTableView

            model = self._models[table.id] = ReportTableModel(self.document, table, self)
            model.refresh()
            page = self._views[table.id] = ReportTableView(model)
        self.tabs.widget(tab).layout().addWidget(page)
        self._pages[tab] = page
        return page

    def view(self, table_id: str) -> ReportTableView:
        self.page(self.tab_of_section[TABLE_BY_ID[table_id].section])
        return self._views[table_id]

    def model(self, table_id: str) -> ReportTableModel:
        return self.view(table_id).report_model

    def text_page(self, section: str) -> TextPage:
        self.page(self.tab_of_section[section])
        return self._text_pages[section]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        self._file_sections: dict[str, QAction] = {}
        for name in FILE_MENU_SECTIONS:
            self._file_sections[name] = self.file_menu.addSeparator()
        self.recent_menu = QMenu("最近打开(&R)", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        add = self.add_file_action
        add("open", self._action("新建(&N)", self.new_file, QKeySequence.StandardKey.New))
        add("open", self._action("打开(&O)…", self.open_file, QKeySequence.StandardKey.Open))
        self.file_menu.insertMenu(self._file_sections["import"], self.recent_menu)
        add("save", self._action("保存(&S)", self.save, QKeySequence.StandardKey.Save))
        add("save", self._action("另存为(&A)…", self.save_as, "Ctrl+Shift+S"))
        add("previous", self._action("载入上年报告(&L)…", self.load_previous))
        self.forget_previous_action = self._action("不再与上年报告核对", lambda: self.document.set_previous(None))
        add("previous", self.forget_previous_action)
        add("quit", self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit))

        edit = bar.addMenu("编辑(&E)")
        undo = self.document.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.document.undo_stack.createRedoAction(self, "重做")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addAction(self._action("复制表格单元格", lambda: self._with_view("copy")))
        edit.addAction(self._action("粘贴到表格", lambda: self._with_view("paste")))
        edit.addAction(self._action("所选单元格清为 0", lambda: self._with_view("clear_selection_to_zero")))

        checks = self.checks_menu = bar.addMenu("检查(&C)")
        checks.addAction(self._action("重新检查", self.recheck, "F5"))
        checks.addAction(self._action("下一处问题", self.next_finding, "F8"))
        checks.addAction(self._action("转到检查面板", self._focus_findings, "F6"))
        checks.addSeparator()
        checks.addAction(self.findings_panel.toggleViewAction())
        from gxdesk.gui import export_actions, import_actions, print_preview  # light: their work loads on use

        for feature in (import_actions, export_actions, print_preview):
            feature.install(self)

        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self._action("关于(&A)", self.about))

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        return make_action(self, text, slot, shortcut)

    def add_file_action(self, section: str, action: QAction) -> None:
        """Put an action at the end of one section of the 文件 menu (see FILE_MENU_SECTIONS)."""
        following = FILE_MENU_SECTIONS.index(section) + 1
        if following < len(FILE_MENU_SECTIONS):
            self.file_menu.insertAction(self._file_sections[FILE_MENU_SECTIONS[following]], action)
        else:
            self.file_menu.addAction(action)

    def sizeHint(self) -> QSize:
        return QSize(1280, 820)

    # --- The API for other modules ---------------------------------------------------

    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def findings(self) -> list[Finding]:
        return self.document.findings

    def replace_report(self, report: Report, label: str) -> None:
        """Replace the report's content as one undoable step (the file stays the same)."""
        self.document.replace_report(report, label)

    def open_report(self, report: Report, name: str = UNTITLED, unsaved: bool = False) -> bool:
        """Show a report as a new untitled document, after asking about unsaved changes;
        ``unsaved``: it exists nowhere else (an import), so closing asks and autosave keeps it."""
        if not self._may_discard():
            return False
        self.document.reset(report, None, name, unsaved)
        self.tabs.setCurrentIndex(0)
        return True

    # --- Questions (tests replace these) ---------------------------------------------

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel'."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, f"“{self.document.name}”有未保存的修改，是否保存？",
                          parent=self)
        buttons = {
            box.addButton("保存", QMessageBox.ButtonRole.AcceptRole): "save",
            box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole): "discard",
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole): "cancel",
        }
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

    def ask_recover(self, draft: autosave.Draft, count: int) -> bool:
        from datetime import datetime

        from PySide6.QtWidgets import QMessageBox

        when = datetime.fromtimestamp(draft.saved).strftime("%Y年%m月%d日 %H:%M")
        more = f"（共有 {count} 份草稿，其余的下次启动时再询问）" if count > 1 else ""
        answer = QMessageBox.question(
            self, APP_TITLE,
            f"上次程序没有正常关闭。找到“{draft.name}”在 {when} 自动保存的草稿{more}。\n\n恢复这份草稿吗？"
            "选择“否”将删除这份草稿。",
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_open_path(self, caption: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, caption, self.settings.last_folder, FILE_FILTER)
        return Path(name) if name else None

    def ask_save_path(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        report = self.report
        suggested = self.document.path or Path(self.settings.last_folder or Path.home()) / (
            file_name(f"{report.organ}{report.year}年度报告" if report.organ else UNTITLED) + gxr.SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self, "另存为", str(suggested), FILE_FILTER)
        return Path(name) if name else None

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, title, text)

    def warn(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title, text)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    # --- Starting --------------------------------------------------------------------

    def start(self, path: str | None) -> None:
        """Open the file given, or a crashed session's draft, or the built-in sample."""
        drafts_dir = userdirs.autosave_dir(self.data_dir)
        if path:
            file = Path(path)
            try:
                self.document.reset(gxr.load(file), file)
            except InputError as error:
                self.warn("无法打开", str(error))
            else:
                self._remember(file)
                self._offer_recovery(autosave.recoverable(drafts_dir, file))
                return
        elif self._offer_recovery(autosave.recoverable(drafts_dir)):
            return
        from gxdesk.sample import load_sample

        self.document.reset(load_sample(), None, SAMPLE)

    def _offer_recovery(self, drafts: list[autosave.Draft]) -> bool:
        if not drafts:
            return False
        draft = drafts[0]
        if not self.ask_recover(draft, len(drafts)):
            draft.discard()
            return False
        try:
            report = draft.load()
        except InputError as error:
            self.warn("无法恢复草稿", str(error))
            return False
        self.document.reset(report, draft.source, draft.name, unsaved=True)
        self.autosave_now()  # our own draft holds it now, before the old one goes
        draft.discard()
        self.show_message(f"已恢复“{draft.name}”的草稿，请核对后保存")
        return True

    # --- Files -----------------------------------------------------------------------

    def new_file(self) -> None:
        if self.open_report(_blank()):
            self.meta_page.organ.setFocus()

    def _choose_and_load(self, path: Path | None, caption: str, failure: str) -> tuple[Path, Report] | None:
        """The file given or chosen, loaded; None (after saying why) if there is none."""
        path = path or self.ask_open_path(caption)
        if path is None:
            return None
        try:
            return path, gxr.load(path)
        except InputError as error:
            self.warn(failure, str(error))
            return None

    def open_file(self, path: Path | None = None) -> bool:
        chosen = self._choose_and_load(path, "打开报告", "无法打开")
        if chosen is None:
            return False
        path, report = chosen
        if not self._may_discard():
            return False
        self.document.reset(report, path)
        self._remember(path)
        self.session.discard()
        self._offer_recovery(autosave.recoverable(userdirs.autosave_dir(self.data_dir), path))
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        if path is None:
            return False
        path = with_suffix(path, gxr.SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            gxr.save(self.report, path)
        except InputError as error:
            self.warn("保存失败", str(error))
            return False
        self.document.mark_saved(path)
        self.session.discard()
        self._autosaved = self._generation
        self._remember(path)
        self.show_message(f"已保存：{path}")
        return True

    def _may_discard(self) -> bool:
        if not self.document.modified:
            return True
        choice = self.ask_unsaved()
        if choice == "save":
            return self.save()
        return choice == "discard"

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.settings.save(self.settings_file)
        except OSError:
            pass  # a read-only profile must not stop the work; the list is a convenience

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for i, name in enumerate(self.settings.recent, 1):
            path = Path(name)
            action = self.recent_menu.addAction(f"&{i} {path.name}　（{path.parent}）")
            action.triggered.connect(lambda *_, p=path: self.open_recent(p))
        if not self.settings.recent:
            self.recent_menu.addAction("（无）").setEnabled(False)

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self.warn("无法打开", f"找不到文件“{path}”，已从最近打开的列表中去掉")
            self.settings.forget(str(path))
            self._save_settings()
            return
        self.open_file(path)

    def load_previous(self, path: Path | None = None) -> bool:
        """Last year's report: fill 二、上年结转 (one undo step) and check across years."""
        chosen = self._choose_and_load(path, "载入上年报告", "无法载入上年报告")
        if chosen is None:
            return False
        path, previous = chosen
        self.inform("已载入上年报告", self.use_previous(previous, path.name))
        return True

    def use_previous(self, previous: Report, name: str) -> str:
        """Check across years against ``previous`` and fill 二、上年结转 from it (one undo step);
        returns what was done, for the user."""
        differing = carry_over_changes(self.report, previous)
        # A figure last year's report left blank (or an import could not find) is no figure to copy.
        changes = {k: v for k, v in differing.items() if v is not None}
        before = {key: self.report.cells[key] for key in changes}
        self.document.set_previous(previous, name)
        if changes:
            self.document.set_cells(changes, "载入上年结转")
            lines = [f"{cell_name(*k)}：{format_number(before[k])} → {format_number(v)}" for k, v in changes.items()]
            note = "已按上年「四、结转下年度继续办理」填入「二、上年结转」（可撤销）：\n" + "\n".join(lines)
        elif not differing:
            note = "「二、上年结转」与上年「四、结转下年度继续办理」一致，未作修改。"
        else:
            note = ""
        if len(changes) < len(differing):
            note = "\n".join(filter(None, [note, f"上年「四、结转下年度继续办理」有 {len(differing) - len(changes)} 格"
                                         "是空的，对应的「二、上年结转」没有改动，请核对。"]))
        return f"已载入“{name}”（{previous.year} 年度），跨年核对已开启。\n\n{note}"

    # --- Autosave and closing --------------------------------------------------------

    def _changed(self) -> None:
        self._generation += 1

    def autosave_now(self) -> None:
        """Write the draft if anything changed since the last one; no draft when saved."""
        if not self.document.modified:
            self.session.discard()
        elif self._generation != self._autosaved or not self.session.draft_file.exists():
            try:
                self.session.write(self.report, self.document.path, self.document.name)
            except OSError as error:
                self.show_message(f"自动保存失败：{error.strerror or error}")
                return
        self._autosaved = self._generation

    def closeEvent(self, event) -> None:
        if not self._may_discard():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.session.close()
        event.accept()

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().lower().endswith(gxr.SUFFIX) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile().lower().endswith(gxr.SUFFIX)]
        if files:
            self.open_file(Path(files[0]))

    # --- Findings ----------------------------------------------------------------------

    def recheck(self) -> None:
        self.document.recheck()
        self.show_message("已重新检查")

    def _show_findings(self) -> None:
        findings = self.document.findings
        state = (findings, self.document.previous_name, self.document.previous is not None)
        if state == self._findings_shown:
            return  # nothing new to show: no relayout, no repaint
        self._findings_shown = state
        line = summary(findings)
        if self.document.previous is not None:
            line += f"　｜　上年报告：{self.document.previous_name}"
        self.status_summary.setText(line)
        worst: dict[int, bool] = {}
        for finding in findings:
            tab = self._tab_for(finding)
            worst[tab] = worst.get(tab, False) or finding.severity is ERROR
        for tab in range(self.tabs.count()):
            mark = worst.get(tab)  # True: an error, False: only warnings, None: nothing
            if tab not in self._tab_marks or self._tab_marks[tab] != mark:
                self._tab_marks[tab] = mark
                self.tabs.setTabIcon(tab, self._no_dot if mark is None else self._dot(mark))
        self.meta_page.show_flags()
        for page in self._text_pages.values():
            page.show_flags()
        self.forget_previous_action.setEnabled(self.document.previous is not None)

    def _tab_for(self, finding: Finding) -> int:
        if finding.table:
            return self.tab_of_section[finding.section]
        part = TEXT_PART_BY_ID.get(finding.field)
        if part is not None and part.section in self.tab_of_section:
            return self.tab_of_section[part.section]
        return self.tab_of_section.get(finding.section, 0)

    def jump_to(self, finding: Finding) -> None:
        self.tabs.setCurrentIndex(self._tab_for(finding))
        if finding.table:
            view = self.view(finding.table)
            if finding.row:
                view.select_key((finding.table, finding.row, finding.column))
            else:
                view.select_column(finding.table, finding.column)
            view.setFocus()
            return
        page = self.page(self.tabs.currentIndex())
        widget = page.widget_for(finding.field) if hasattr(page, "widget_for") else None
        if widget is not None:
            page.ensureWidgetVisible(widget)
            widget.setFocus()

    def next_finding(self) -> None:
        panel = self.findings_panel.list
        if not panel.count():
            self.show_message(summary(self.findings))
            return
        panel.setCurrentRow((panel.currentRow() + 1) % panel.count())
        self.jump_to(panel.currentItem().data(Qt.ItemDataRole.UserRole))

    def _focus_findings(self) -> None:
        self.findings_panel.show()
        self.findings_panel.list.setFocus()

    def _with_view(self, method: str) -> None:
        page = self.page(self.tabs.currentIndex())
        if hasattr(page, method):
            getattr(page, method)()

    # --- Keeping the window in step ----------------------------------------------------

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.name}[*] — 政府信息公开工作年度报告")  # Qt appends " - gxdesk"
        self.setWindowModified(self.document.modified)
        self._show_findings()

    def _text_changed(self, part: str) -> None:
        for page in self._text_pages.values():
            page.load(part)
        if part == self.meta_page.preamble.part.id:
            self.meta_page.preamble.load()

    def _reloaded(self) -> None:
        self.meta_page.load()
        for page in self._text_pages.values():
            page.load()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        import gxdesk

        try:
            version = gxdesk.__version__
        except Exception:  # not installed as a package (a frozen or source run)
            version = "未知"
        QMessageBox.about(
            self, "关于 gxdesk",
            f"<b>gxdesk {version}</b><br>政府信息公开工作年度报告：填写、核对、生成"
            "（国办公开办函〔2021〕30号格式）。<br><br>"
            f"自动保存的草稿：{userdirs.autosave_dir(self.data_dir)}<br>"
            f"设置：{self.settings_file}",
        )


def _blank() -> Report:
    """A new report for last year: the year a report is written for in January."""
    from datetime import date

    from gxdesk.model import new_report

    return new_report("", date.today().year - 1)
