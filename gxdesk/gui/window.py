"""The main window: the editor's tabs, the 检查 panel, the menus, and the features.

The window assembles the rooms of ``gxdesk.gui`` and is the ``Host`` its
features use (see ``host.py``): it lends them the open report, the prompts
and the settings, and keeps what each ``install`` returns. It decides
nothing about files, outputs or imports itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from gxdesk import userdirs
from gxdesk.deadline import deadline_for, status_line
from gxdesk.gui.actions import make_action
from gxdesk.gui.document import UNTITLED, Document
from gxdesk.gui.editor import writing
from gxdesk.gui.editor.findings_panel import FindingsPanel
from gxdesk.gui.editor.tabs import ReportTabs
from gxdesk.gui.files import lifecycle, previous
from gxdesk.gui.files.drafts import AUTOSAVE_MS
from gxdesk.gui.host import FILE_MENU_SECTIONS, FileSection, Shortcut
from gxdesk.gui.importing import import_report
from gxdesk.gui.outputs import export, printing
from gxdesk.gui.prompts import Prompts, QtPrompts
from gxdesk.gui.summary import feature as summary_feature
from gxdesk.model import CellKey, Report
from gxdesk.os_errors import failed
from gxdesk.rules import Finding, summary
from gxdesk.schema import TABLE_BY_ID
from gxdesk.settings import FILE_NAME, Settings

if TYPE_CHECKING:  # (a Qt class costs start-up time when first named, even in an import)
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QMenu

    from gxdesk.gui.editor.pages import MetaPage, TextPage
    from gxdesk.gui.editor.table_model import ReportTableModel
    from gxdesk.gui.editor.table_view import ReportTableView


class MainWindow(QMainWindow):
    def __init__(self, report: Report | None = None, path: Path | None = None, name: str = UNTITLED,
                 home: Path | None = None, autosave_ms: int = AUTOSAVE_MS, prompts: Prompts | None = None,
                 today: Callable[[], date] = date.today, check_text_later: bool = False) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.data_dir = home or userdirs.data_dir()
        self.settings_file = (home or userdirs.config_dir()) / FILE_NAME
        self.settings = Settings.load(self.settings_file)
        self.prompts: Prompts = prompts or QtPrompts(self)
        self.document = Document(report or lifecycle.blank_report(), path, name, self, today, check_text_later)

        self.tabs = ReportTabs(self.document)
        self.tabs.message.connect(self.show_message)
        self.setCentralWidget(self.tabs)
        self.findings_panel = FindingsPanel(self.document, self)
        self.findings_panel.chosen.connect(self.tabs.jump_to)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_panel)
        self.status_summary = QLabel()
        self.status_summary.setObjectName("status_summary")
        self.status_deadline = QLabel()  # the days left to the 发布期限 while the report is drafted
        self.status_deadline.setObjectName("status_deadline")
        self.statusBar().addPermanentWidget(self.status_deadline)
        self.statusBar().addPermanentWidget(self.status_summary)
        self._findings_shown: tuple[object, ...] | None = None
        self._build_menus()
        self._install_features(autosave_ms)  # the importing feature takes the files dropped on the window

        self.document.changed.connect(self._show_findings)
        self.document.state_changed.connect(self._update_title)
        if report is None:
            # A placeholder that start() is about to replace: flagging its empty fields would
            # only restyle them twice before the first paint.
            QTimer.singleShot(0, self._update_title)
        else:
            self._update_title()  # which shows the findings too

    # --- Menus and features ----------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        self._file_sections: dict[FileSection, QAction] = {}
        for name in FILE_MENU_SECTIONS:
            self._file_sections[name] = self.file_menu.addSeparator()
        self.add_file_action("quit", self.action("退出(&X)", self.close, QKeySequence.StandardKey.Quit))

        edit = bar.addMenu("编辑(&E)")
        undo = self.document.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.document.undo_stack.createRedoAction(self, "重做")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addAction(self.action("复制表格单元格", lambda: self._with_view(lambda view: view.copy())))
        edit.addAction(self.action("粘贴到表格", lambda: self._with_view(lambda view: view.paste())))
        edit.addAction(self.action("所选单元格清为 0", lambda: self._with_view(lambda v: v.clear_selection_to_zero())))

        self.checks_menu: QMenu = bar.addMenu("检查(&C)")
        self.checks_menu.addAction(self.action("重新检查", self.recheck, "F5"))
        self.checks_menu.addAction(self.action("下一处问题", self.next_finding, "F8"))
        self.checks_menu.addAction(self.action("转到检查面板", self._focus_findings, "F6"))
        self.checks_menu.addSeparator()
        self.checks_menu.addAction(self.findings_panel.toggleViewAction())
        self.checks_menu.addSeparator()  # features' checks go below

        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self.action("关于(&A)", self.about))

    def _install_features(self, autosave_ms: int) -> None:
        """Each feature adds its own actions; the window keeps what it returns. Their
        modules are light: the work (rendering, importing, dialogs) loads on use."""
        self.files = lifecycle.install(self, autosave_ms)
        self.previous_year = previous.install(self, self.files)
        self.importing = import_report.install(self, self.files, self.previous_year)
        self.writing = writing.install(self, self.tabs, self.findings_panel)
        self.exporter = export.install(self)
        self.printing = printing.install(self, self.exporter)
        self.summary = summary_feature.install(self, self.files)

    def sizeHint(self) -> QSize:
        return QSize(1280, 820)

    # --- What features may use (the Host interface) -----------------------------------

    def save_settings(self) -> None:
        try:
            self.settings.save(self.settings_file)
        except OSError as error:  # a read-only profile must not stop the work; the settings are a convenience
            self.show_message(f"设置没有保存：{failed('写入', self.settings_file, error)}")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().insertPermanentWidget(0, widget)

    def action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        return make_action(self, text, slot, shortcut)

    def add_file_action(self, section: FileSection, action: QAction) -> None:
        """Put an action at the end of one section of the 文件 menu (see FILE_MENU_SECTIONS)."""
        following = FILE_MENU_SECTIONS.index(section) + 1
        if following < len(FILE_MENU_SECTIONS):
            self.file_menu.insertAction(self._file_sections[FILE_MENU_SECTIONS[following]], action)
        else:
            self.file_menu.addAction(action)

    def add_checks_action(self, action: QAction) -> None:
        self.checks_menu.addAction(action)

    def show_page(self, section: str, field: str = "") -> None:
        self.tabs.show_page(section, field)

    def show_cell(self, key: CellKey) -> None:
        self.tabs.show_page(TABLE_BY_ID[key[0]].section)
        view = self.tabs.view(key[0])
        view.select_key(key)
        view.setFocus()  # the window is not raised: the list that asked (导入结果) stays in front

    def widget(self) -> QWidget:
        return self

    # --- The editor's parts (for the benchmarks, the screenshots and the tests) ----------

    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def findings(self) -> list[Finding]:
        return self.document.findings

    @property
    def meta_page(self) -> MetaPage:
        return self.tabs.meta_page

    @property
    def tab_of_section(self) -> dict[str, int]:
        return self.tabs.tab_of_section

    def view(self, table_id: str) -> ReportTableView:
        return self.tabs.view(table_id)

    def model(self, table_id: str) -> ReportTableModel:
        return self.tabs.model(table_id)

    def text_page(self, section: str) -> TextPage:
        return self.tabs.text_page(section)

    # --- Starting and closing ----------------------------------------------------------

    def start(self, path: str | None) -> None:
        """Show what the command line asked for (see ``Files.start``)."""
        self.files.start(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.summary.may_close() or not self.files.may_discard():
            event.ignore()
            return
        self.summary.close()
        self.files.close()
        event.accept()

    # --- Findings ----------------------------------------------------------------------

    def recheck(self) -> None:
        self.document.recheck()
        self.show_message("已重新检查")

    def _show_findings(self, _change: object = None) -> None:
        findings = self.document.findings
        report = self.document.report
        state = (findings, self.document.previous_name, self.document.previous is not None,
                 self.document.deadline, report.year, report.organ)
        if state == self._findings_shown:
            return  # nothing new to show: no relayout, no repaint
        self._findings_shown = state
        line = summary(findings)
        if self.document.previous is not None:
            line += f"　｜　上年报告：{self.document.previous_name}"
        self.status_summary.setText(line)
        self.status_deadline.setText(status_line(report, findings, deadline_for(report, self.document.deadline),
                                                 self.document.today()))
        self.tabs.show_findings()

    def next_finding(self) -> None:
        panel = self.findings_panel.list
        if not panel.count():
            self.show_message(summary(self.findings))
            return
        panel.setCurrentRow((panel.currentRow() + 1) % panel.count())
        self.tabs.jump_to(panel.currentItem().data(Qt.ItemDataRole.UserRole))

    def _focus_findings(self) -> None:
        self.findings_panel.show()
        self.findings_panel.list.setFocus()

    def _with_view(self, do: Callable[[ReportTableView], object]) -> None:
        view = self.tabs.current_view()
        if view is not None:
            do(view)

    # --- Keeping the window in step ----------------------------------------------------

    def _update_title(self) -> None:
        read_only = "（只读）" if self.document.read_only else ""
        self.setWindowTitle(f"{self.document.name}{read_only}[*] — 政府信息公开工作年度报告")  # Qt appends " - gxdesk"
        self.setWindowModified(self.document.modified)
        self._show_findings()

    def about(self) -> None:
        import gxdesk

        try:
            version = gxdesk.__version__
        except Exception:  # not installed as a package (a frozen or source run)
            version = "未知"
        self.prompts.show_about(
            "关于 gxdesk",
            f"<b>gxdesk {version}</b><br>政府信息公开工作年度报告：填写、核对、生成"
            "（国办公开办函〔2021〕30号格式）。<br><br>"
            f"自动保存的草稿：{userdirs.autosave_dir(self.data_dir)}<br>"
            f"设置：{self.settings_file}",
        )
