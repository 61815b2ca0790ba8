"""The main window: the start page or the editor's tabs, the 检查 panel, the menus, the
toolbar, and the features.

The window assembles the rooms of ``gxdesk.gui`` and is the ``Host`` its
features use (see ``host.py``): it lends them the open report, the prompts
and the settings, and keeps what each ``install`` returns. It decides
nothing about files, outputs or imports itself.

It opens to fit the screen (maximised on a laptop's; see ``place``) or as the
clerk left it (size, place and the 检查 panel's size are kept in settings.json).
"""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar, QWidget

from gxdesk import userdirs
from gxdesk.deadline import deadline_for, status_line
from gxdesk.edits import Change, Edit
from gxdesk.gui.actions import make_action, plain_label
from gxdesk.gui.document import UNTITLED, Document
from gxdesk.gui.editor import writing
from gxdesk.gui.files import lifecycle, previous
from gxdesk.gui.files.drafts import AUTOSAVE_MS
from gxdesk.gui.help import guide
from gxdesk.gui.host import FILE_MENU_SECTIONS, FileSection, Shortcut
from gxdesk.gui.importing import import_report
from gxdesk.gui.outputs import export, printing
from gxdesk.gui.prompts import APP_TITLE, Prompts, QtPrompts
from gxdesk.gui.start import feature as start_feature
from gxdesk.gui.summary import feature as summary_feature
from gxdesk.model import CellKey, Report
from gxdesk.os_errors import failed
from gxdesk.rules import Finding, summary
from gxdesk.schema import TABLE_BY_ID
from gxdesk.settings import FILE_NAME, Settings

if TYPE_CHECKING:  # (a Qt class costs start-up time when first named, even in an import)
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QMenu

    from gxdesk.gui.editor.findings_panel import FindingsPanel
    from gxdesk.gui.editor.pages import MetaPage, TextPage
    from gxdesk.gui.editor.table_model import ReportTableModel
    from gxdesk.gui.editor.table_view import ReportTableView
    from gxdesk.gui.editor.tabs import ReportTabs

# A screen smaller than this (in logical pixels: 1366×768 at 100 %, or 1920×1080 at 150 %) gets the
# window maximised; on a larger one it opens at WINDOW_SIZE, centred.
SMALL_SCREEN = QSize(1500, 950)
WINDOW_SIZE = QSize(1400, 900)
# Narrower than this, the 检查 panel starts below the tables instead of beside them.
PANEL_BESIDE_MIN_WIDTH = 1200
# The sections of the 文件 menu whose actions need a report (the start page without one disables them).
REPORT_SECTIONS: tuple[FileSection, ...] = ("save", "previous", "export", "print")



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
        self.has_report = report is not None  # False while only the start page's placeholder is open

        self._tabs: ReportTabs | None = None  # the editor, built when first shown (a start page needs none)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.start_page: QWidget | None = None
        self.setCentralWidget(self.pages)
        # The 检查 panel, built when first shown (a start page or a balanced report shows none).
        self._panel: FindingsPanel | None = None
        self._panel_below = False  # beside the tables, or below them on a narrow screen (see place)
        self._panel_height = 0  # below them: its first height
        self.status_summary = QLabel()
        self.status_summary.setObjectName("status_summary")
        self.status_deadline = QLabel()  # the days left to the 发布期限 while the report is drafted
        self.status_deadline.setObjectName("status_deadline")
        self.statusBar().addPermanentWidget(self.status_deadline)
        self.statusBar().addPermanentWidget(self.status_summary)
        self._findings_shown: tuple[object, ...] | None = None
        self._report_actions: list[QAction] = []
        self._greyed: list[QAction] = []  # greyed out while the start page shows no report
        self._build_menus()
        self._install_features(autosave_ms)  # the importing feature takes the files dropped on the window

        self.document.changed.connect(self._show_findings)
        self.document.changed.connect(self._clear_stale_message)
        self.document.state_changed.connect(self._update_title)
        self.document.replaced.connect(self.show_report)
        self.document.history_moved.connect(self._reveal)
        if report is not None:
            self.show_report()
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
        self.toolbar = QToolBar("常用工具栏", self)
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setMovable(False)
        # By the value's name, as a stylesheet sets it: the first paint names none of Qt's own
        # enums (see docs/architecture.md, "Start-up").
        self.toolbar.setProperty("toolButtonStyle", "ToolButtonTextOnly")
        self.addToolBar(self.toolbar)  # at the top
        self._file_sections: dict[FileSection, QAction] = {}
        self._toolbar_sections: dict[FileSection, QAction] = {}
        for name in FILE_MENU_SECTIONS:
            self._file_sections[name] = self.file_menu.addSeparator()
            self._toolbar_sections[name] = self.toolbar.addSeparator()
        self.add_file_action("quit", self.action("退出(&X)", self.close, QKeySequence.StandardKey.Quit))

        edit = bar.addMenu("编辑(&E)")
        undo = self.document.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.document.undo_stack.createRedoAction(self, "重做")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addActions([undo, redo])  # Ctrl+Z works with the menus closed, in every field
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
        self.panel_action = self.action("检查面板", self._toggle_panel)
        self.panel_action.setCheckable(True)
        self.checks_menu.addAction(self.panel_action)
        self.checks_menu.addSeparator()  # features' checks go below

        # Ctrl+Tab and Ctrl+PgDn switch tabs from anywhere, the tables included (they leave these keys).
        following = self.action("下一个标签页", lambda: self._switch_tab(1))
        following.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        preceding = self.action("上一个标签页", lambda: self._switch_tab(-1))
        preceding.setShortcuts([QKeySequence(k) for k in ("Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+PgUp")])

        self.help_menu = bar.addMenu("帮助(&H)")
        self._help_end = self.help_menu.addSeparator()
        self.help_menu.addAction(self.action("关于(&A)", self.about))

    def _install_features(self, autosave_ms: int) -> None:
        """Each feature adds its own actions; the window keeps what it returns. Their
        modules are light: the work (rendering, importing, dialogs) loads on use."""
        self.files = lifecycle.install(self, autosave_ms)
        self.previous_year = previous.install(self, self.files)
        self.importing = import_report.install(self, self.files, self.previous_year)
        self.writing = writing.install(self)
        self.exporter = export.install(self)
        self.printing = printing.install(self, self.exporter)
        self.summary = summary_feature.install(self, self.files)
        self.start_screen = start_feature.install(self, self.files, self.importing, self.summary)
        self.guide = guide.install(self)
        check = self.action("检查", self.check_now)
        check.setToolTip("重新检查，并打开「检查」面板（F5 只重新检查）")
        check.setIconText("检查")
        self.toolbar.insertAction(self._toolbar_sections["previous"], check)  # after 保存
        self._report_actions.append(check)
        self._tidy_toolbar()

    def _tidy_toolbar(self) -> None:
        """One separator between the toolbar's groups (a menu section without buttons has none)."""
        before_any, pending = True, None
        for action in self.toolbar.actions():
            if action.isSeparator():
                action.setVisible(False)
                pending = action
                continue
            if pending is not None and not before_any:
                pending.setVisible(True)
            before_any, pending = False, None

    def sizeHint(self) -> QSize:
        return QSize(1280, 820)

    @property
    def findings_panel(self) -> FindingsPanel:
        """The 检查 panel, built on first use (placed as the screen or the saved state says)."""
        if self._panel is None:
            from gxdesk.gui.editor.findings_panel import FindingsPanel

            panel = self._panel = FindingsPanel(self.document, self, active=self.has_report and not self.on_start_page)
            panel.chosen.connect(lambda finding: self.tabs.jump_to(finding))
            panel.explain_requested.connect(self.writing.explain)
            panel.visibilityChanged.connect(lambda shown: self.panel_action.setChecked(panel.isVisible()))
            if not self.restoreDockWidget(panel):  # where the clerk left it, if the saved state says
                self._place_panel(panel)
            panel.follow()
        return self._panel

    def _place_panel(self, panel: FindingsPanel) -> None:
        from PySide6.QtCore import Qt

        if not self._panel_below:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
            return
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
        if self._panel_height:
            self.resizeDocks([panel], [self._panel_height], Qt.Orientation.Vertical)

    def _toggle_panel(self) -> None:
        """检查 → 检查面板: the clerk's choice, kept until they choose again."""
        panel = self.findings_panel
        if self.panel_action.isChecked():
            panel.open()
        else:
            panel.close()

    @property
    def tabs(self) -> ReportTabs:
        """The editor's tabs, built on first use (and imported then: a start page needs none)."""
        if self._tabs is None:
            from gxdesk.gui.editor.tabs import ReportTabs

            self._tabs = ReportTabs(self.document, lambda count: self.prompts.ask_join_lines(count))
            self._tabs.message.connect(self.show_message)
            self._tabs.draft_requested.connect(self.writing.draft)
            self.pages.insertWidget(0, self._tabs)
            if self.has_report:
                self._tabs.show_findings()
        return self._tabs

    # --- Size and place ------------------------------------------------------------------

    def place(self) -> None:
        """Show the window as the clerk left it, or else fitted to the screen: maximised on a
        small one (a 1366×768 laptop, or any screen at 150 %), else a good size, centred."""
        settings = self.settings
        if settings.window_geometry and self.restoreGeometry(_bytes(settings.window_geometry)):
            self.restoreState(_bytes(settings.window_state))
            if self._panel is not None:
                self._panel.follow()  # as the findings say, not as the panel was left
            self.show()
            return
        screen = self.screen().availableGeometry()
        if screen.width() < PANEL_BESIDE_MIN_WIDTH:  # the tables keep the width (150 % on a laptop)
            self._panel_below, self._panel_height = True, screen.height() // 5
            if self._panel is not None:
                self._place_panel(self._panel)
        if screen.width() < SMALL_SCREEN.width() or screen.height() < SMALL_SCREEN.height():
            self.setGeometry(screen)  # where no window manager maximises (a bare X server), nearly so
            self.showMaximized()
            return
        size = WINDOW_SIZE.boundedTo(screen.size())
        self.resize(size)
        self.move(screen.center() - self.rect().center())
        self.show()

    def remember_place(self) -> None:
        self.settings.window_geometry = _text(self.saveGeometry())
        self.settings.window_state = _text(self.saveState())
        self.save_settings()

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

    def add_file_action(self, section: FileSection, action: QAction, toolbar: bool = False) -> None:
        """Put an action at the end of one section of the 文件 menu (see FILE_MENU_SECTIONS), and of
        the toolbar's (named without its accelerator and dots: 打开(&O)… → 打开)."""
        following = FILE_MENU_SECTIONS.index(section) + 1
        if following < len(FILE_MENU_SECTIONS):
            self.file_menu.insertAction(self._file_sections[FILE_MENU_SECTIONS[following]], action)
            before = self._toolbar_sections[FILE_MENU_SECTIONS[following]]
        else:
            self.file_menu.addAction(action)
            before = None
        if toolbar:
            action.setIconText(plain_label(action.text()))
            if before is None:
                self.toolbar.addAction(action)
            else:
                self.toolbar.insertAction(before, action)
        if section in REPORT_SECTIONS:
            self._report_actions.append(action)

    def add_checks_action(self, action: QAction) -> None:
        self.checks_menu.addAction(action)

    def add_help_action(self, action: QAction) -> None:
        self.help_menu.insertAction(self._help_end, action)

    def set_start_page(self, page: QWidget) -> None:
        self.start_page = page
        self.pages.addWidget(page)

    def show_start(self) -> None:
        if self.start_page is None:
            return
        self.pages.setCurrentWidget(self.start_page)
        if self._panel is not None:
            self._panel.set_active(False)  # nothing of a report's to show beside the start page
        self._enable_report_actions()
        self._update_title()

    def show_report(self) -> None:
        self.has_report = True
        self.pages.setCurrentWidget(self.tabs)
        if self._panel is not None:
            self._panel.set_active(True)
        self._enable_report_actions()
        self._update_title()

    def show_page(self, section: str, field: str = "") -> None:
        if self._tabs is None or self.pages.currentWidget() is not self._tabs:
            self.show_report()
        self.tabs.show_page(section, field)

    def _enable_report_actions(self) -> None:
        """On the start page with no report open, what needs one is greyed out (and afterwards
        given back as it was: 不再与上年报告核对 stays as its own state says)."""
        if not self.has_report:
            self._greyed = [a for a in self._report_actions if a.isEnabled()]
            for action in self._greyed:
                action.setEnabled(False)
        else:
            for action in self._greyed:
                action.setEnabled(True)
            self._greyed = []

    def show_cell(self, key: CellKey) -> None:
        self.show_page(TABLE_BY_ID[key[0]].section)
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
        """Show what the command line asked for, or the report worked on last (``Files.start``);
        the start page when there is none."""
        if not self.files.start(path):
            self.start_screen.show()

    @property
    def on_start_page(self) -> bool:
        return self.start_page is not None and self.pages.currentWidget() is self.start_page

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.summary.may_close() or not self.files.may_discard():
            event.ignore()
            return
        self.remember_place()
        self.summary.close()
        self.files.close()
        event.accept()

    # --- Findings ----------------------------------------------------------------------

    def recheck(self) -> None:
        self.document.recheck()
        self.show_message("已重新检查")

    def check_now(self) -> None:
        """The toolbar's 检查: check again and show the 检查 panel with what it found."""
        self.document.recheck()
        self.findings_panel.open()
        self.show_message(f"已重新检查：{summary(self.findings)}")

    def _show_findings(self, _change: object = None) -> None:
        findings = self.document.findings
        report = self.document.report
        state = (findings, self.document.previous_name, self.document.previous is not None,
                 self.document.deadline, report.year, report.organ, self.has_report)
        if state == self._findings_shown:
            return  # nothing new to show: no relayout, no repaint
        self._findings_shown = state
        line = summary(findings)
        if self.document.previous is not None:
            line += f"　｜　上年报告：{self.document.previous_name}"
        self.status_summary.setText(line if self.has_report else "")
        self.status_deadline.setText(status_line(report, findings, deadline_for(report, self.document.deadline),
                                                 self.document.today()) if self.has_report else "")
        if findings and self.has_report and self._panel is None:
            self.findings_panel.refresh()  # the first finding: the panel now has something to show
        if self._tabs is not None and self.has_report:  # a placeholder's empty fields are not flagged
            self._tabs.show_findings()

    def next_finding(self) -> None:
        panel = self.findings_panel.list
        if not panel.count():
            self.show_message(summary(self.findings))
            return
        from PySide6.QtCore import Qt

        panel.setCurrentRow((panel.currentRow() + 1) % panel.count())
        self.tabs.jump_to(panel.currentItem().data(Qt.ItemDataRole.UserRole))

    def _focus_findings(self) -> None:
        self.findings_panel.open()
        self.findings_panel.list.setFocus()

    def _switch_tab(self, step: int) -> None:
        if self._tabs is not None and self.pages.currentWidget() is self._tabs:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
            self.tabs.focus_page()

    def _clear_stale_message(self, change: Change) -> None:
        """A passing note (a refusal, 已保存) is about what was before: the report moved on."""
        if change:
            self.statusBar().clearMessage()

    def _reveal(self, change: Change, edit: Edit, done: str) -> None:
        """After an undo or a redo (``done`` says which): show where it changed the report."""
        if self._tabs is not None:
            self._tabs.reveal(change, edit)
        self.show_message(f"已{done}：{edit.label}")

    def _with_view(self, do: Callable[[ReportTableView], object]) -> None:
        view = self.tabs.current_view()
        if view is not None:
            do(view)

    # --- Keeping the window in step ----------------------------------------------------

    def _update_title(self) -> None:
        # Qt appends " - gxdesk" (the application's display name): the title never names it itself.
        if self.on_start_page and not self.has_report:
            self.setWindowTitle(f"开始 — {APP_TITLE}")
            self.setWindowModified(False)
        else:
            read_only = "（只读）" if self.document.read_only else ""
            self.setWindowTitle(f"{self.document.name}{read_only}[*] — {APP_TITLE}")
            self.setWindowModified(self.document.modified)
        self._show_findings()

    def about(self) -> None:
        import gxdesk

        try:
            version = gxdesk.__version__
        except Exception:  # not installed as a package (a frozen or source run)
            version = "未知"
        self.prompts.show_about(
            "关于",
            f"<b>gxdesk {version}</b><br>政府信息公开工作年度报告：填写、核对、生成"
            "（国办公开办函〔2021〕30号格式）。<br><br>"
            f"自动保存的草稿：{userdirs.autosave_dir(self.data_dir)}<br>"
            f"设置：{self.settings_file}",
        )


def _bytes(text: str) -> QByteArray:
    from PySide6.QtCore import QByteArray

    try:
        return QByteArray(base64.b64decode(text, validate=True))
    except ValueError:  # a damaged setting: the window then fits the screen
        return QByteArray()


def _text(data: QByteArray) -> str:
    return base64.b64encode(data.data()).decode("ascii")
