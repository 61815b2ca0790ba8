"""The 汇总 workspace: add the units' files or folders, see who is in, what is wrong, and the sum.

Its own window beside the editor: the office keeps the unit list open while it
opens one unit's report after another in the editor, and 生成本级报告 opens the
sum there too. Reading runs off the GUI thread (``loader``) with a progress
bar; a file that changes on disk (a unit sent a corrected report, or the clerk
fixed it in the editor) is read again and the sum follows. The 汇总 — its
inputs, roster and choices — is saved as a .gxs file to go on tomorrow.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QItemSelection, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gxdesk.errors import InputError
from gxdesk.gui.actions import busy, file_name, make_action, named, with_suffix
from gxdesk.gui.files.lifecycle import Files
from gxdesk.gui.host import Host
from gxdesk.gui.summary.loader import Loader
from gxdesk.gui.summary.units_model import UnitsModel
from gxdesk.numbers import format_number
from gxdesk.rules import ERROR, check, summary
from gxdesk.schema import APPEALS, PROACTIVE, REQUESTS, YEAR_MAX, YEAR_MIN, cell_name
from gxdesk.summary import file as summary_file
from gxdesk.summary.analyse import Status, Summary, Unit
from gxdesk.summary.gather import Gathered
from gxdesk.summary.sources import SUFFIXES, Source, is_input

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

TITLE = "汇总各单位报告"
UNTITLED = "未命名汇总"
SUMMARY_FILTER = f"gxdesk 汇总 (*{summary_file.SUFFIX})"
REPORT_FILTER = "单位报告 (" + " ".join(f"*{s}" for s in SUFFIXES) + ")"
ROSTER_FILTER = f"单位名单 (*.txt *{summary_file.SUFFIX})"
WORKBOOK_FILTER = "Excel 工作簿 (*.xlsx)"
NO_INPUTS = "（尚未添加：用“添加文件夹…”或把文件、文件夹拖到这里）"
RELOAD_DELAY_MS = 700  # a file being written fires several changes: read once it has settled
# The figures the 合计 tab shows (the workbook has them all).
TOTALS = (
    (REQUESTS.id, "new", "total"), (REQUESTS.id, "carried_over", "total"), (REQUESTS.id, "total", "total"),
    (REQUESTS.id, "carried_forward", "total"), (APPEALS.id, "review", "total"),
    (APPEALS.id, "litigation_direct", "total"), (APPEALS.id, "litigation_after_review", "total"),
    (PROACTIVE.id, "licensing", "count"), (PROACTIVE.id, "penalty", "count"), (PROACTIVE.id, "fees", "amount"),
)


class SummaryWindow(QMainWindow):
    def __init__(self, host: Host, files: Files) -> None:
        super().__init__(host.widget(), Qt.WindowType.Window)
        self.setObjectName("summary_window")
        self.host, self.files, self.prompts = host, files, host.prompts
        self.saved = summary_file.SummaryFile()  # what the 汇总 file keeps
        self.path: Path | None = None
        self.modified = False
        self.sources: dict[Path, Source] = {}
        self.gathered: Gathered | None = None
        self.loader: Loader | None = None
        self._again = False  # something changed while reading: read once more when done
        self._build()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed_on_disk)
        self.watcher.directoryChanged.connect(self._changed_on_disk)
        self.reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.refresh)
        self.setAcceptDrops(True)
        self._show()

    @property
    def summary(self) -> Summary | None:
        return self.gathered.summary if self.gathered is not None else None

    # --- Building ----------------------------------------------------------------------

    def _build(self) -> None:
        bar = named(QToolBar("汇总"), "summary_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.actions_by_name = {}
        for name, text, slot, shortcut in (
            ("add_files", "添加文件…", self.add_files, None),
            ("add_folder", "添加文件夹…", self.add_folder, None),
            ("roster", "单位名单…", self.choose_roster, None),
            ("last_year", "上年汇总…", self.choose_last_year, None),
            ("compare", "比对本级报告…", self.choose_compare, None),
            ("refresh", "重新读取", self.refresh, "F5"),
            ("export", "导出汇总表…", self.export_breakdown, None),
            ("report", "生成本级报告", self.make_report, None),
            ("open", "打开汇总…", self.open_saved, QKeySequence.StandardKey.Open),
            ("save", "保存汇总", self.save, QKeySequence.StandardKey.Save),
            ("save_as", "另存汇总…", self.save_as, "Ctrl+Shift+S"),
        ):
            action = make_action(self, text, slot, shortcut)
            action.setObjectName(f"summary_{name}")
            self.actions_by_name[name] = action
            bar.addAction(action)
            if name in ("compare", "refresh", "report"):
                bar.addSeparator()

        top = QWidget()
        form = QFormLayout(top)
        form.setContentsMargins(8, 6, 8, 0)
        self.organ_edit = named(QLineEdit(), "summary_organ")
        self.organ_edit.setPlaceholderText("本级机关名称，如 某某县人民政府（汇总报告的报告名称用它）")
        self.organ_edit.editingFinished.connect(self._organ_edited)
        self.year_spin = named(QSpinBox(), "summary_year")
        self.year_spin.setRange(YEAR_MIN - 1, YEAR_MAX)
        self.year_spin.setSpecialValueText("按多数报告")
        self.year_spin.setValue(YEAR_MIN - 1)
        self.year_spin.valueChanged.connect(self._year_edited)
        self.inputs_label = named(QLabel(wordWrap=True), "summary_inputs")
        row = QHBoxLayout()
        row.addWidget(self.organ_edit, 3)
        row.addWidget(QLabel("年度"))
        row.addWidget(self.year_spin)
        form.addRow("汇总机关", row)
        form.addRow("汇总范围", self.inputs_label)

        self.model = UnitsModel(self)
        self.units_view = named(QTableView(), "summary_units")
        self.units_view.setModel(self.model)
        self.units_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units_view.setAlternatingRowColors(True)
        header = self.units_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, 200)
        self.units_view.verticalHeader().setDefaultSectionSize(24)
        self.units_view.selectionModel().selectionChanged.connect(self._selected)
        self.units_view.doubleClicked.connect(lambda _index: self.open_unit())

        details = QWidget()
        side = QVBoxLayout(details)
        side.setContentsMargins(0, 0, 0, 0)
        self.unit_title = named(QLabel("选择左侧的单位查看其问题", wordWrap=True), "summary_unit_title")
        self.findings_list = named(QListWidget(), "summary_findings")
        self.findings_list.setWordWrap(True)
        self.unit_files = named(QListWidget(), "summary_unit_files")
        self.unit_files.setMaximumHeight(90)
        buttons = QHBoxLayout()
        self.open_button = named(QPushButton("在编辑器中打开报告"), "summary_open_unit")
        self.open_button.clicked.connect(self.open_unit)
        self.use_button = named(QPushButton("使用选中的这一份"), "summary_use_file")
        self.use_button.setToolTip("一个单位有两份统计数字不同的报告时，选定计入合计的一份（保存在汇总文件中）")
        self.use_button.clicked.connect(self.use_selected_file)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch()
        side.addWidget(self.unit_title)
        side.addWidget(self.findings_list, 1)
        side.addWidget(QLabel("收到的文件"))
        side.addWidget(self.unit_files)
        side.addLayout(buttons)

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.units_view)
        upper.addWidget(details)
        upper.setSizes([620, 560])
        self.bottom = named(QTabWidget(), "summary_bottom")
        self.issues_list = named(QListWidget(), "summary_issues")
        self.issues_list.setWordWrap(True)
        self.totals_label = named(QLabel(wordWrap=True), "summary_totals")
        self.totals_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bottom.addTab(self.issues_list, "全部问题")
        self.bottom.addTab(self.totals_label, "合计")
        lower = QSplitter(Qt.Orientation.Vertical)
        lower.addWidget(upper)
        lower.addWidget(self.bottom)
        lower.setSizes([500, 160])

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top)
        layout.addWidget(lower, 1)
        self.setCentralWidget(body)
        self.counts_label = named(QLabel(), "summary_counts")
        self.progress = named(QProgressBar(), "summary_progress")
        self.progress.setMinimumWidth(240)
        self.progress.setFormat("正在读取 %v / %m")
        self.progress.hide()
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    def sizeHint(self) -> QSize:
        return QSize(1200, 760)

    # --- What the 汇总 takes in ------------------------------------------------------------

    def add_inputs(self, paths: list[Path]) -> None:
        new = [p for p in paths if p not in self.saved.inputs]
        if not new:
            return
        self.saved.inputs += new
        self._touched()
        self.refresh()

    def add_files(self) -> None:
        self.add_inputs(self.prompts.ask_open_paths("添加单位报告", self._folder(), REPORT_FILTER))

    def add_folder(self) -> None:
        folder = self.prompts.ask_folder("添加存放单位报告的文件夹（含下级文件夹）", self._folder())
        if folder is not None:
            self.add_inputs([folder])

    def choose_roster(self) -> None:
        from gxdesk.summary.roster import read_roster

        path = self.prompts.ask_open_path("单位名单（每行一个单位名称的文本文件，或上年汇总文件）", self._folder(),
                                          ROSTER_FILTER)
        if path is None:
            return
        try:
            self.saved.roster = read_roster(path)
        except InputError as error:
            self.prompts.warn("无法读取单位名单", str(error))
            return
        self.host.show_message(f"单位名单：{len(self.saved.roster)} 个单位")
        self._touched()
        self.refresh()

    def choose_last_year(self) -> None:
        path = self.prompts.ask_open_path("上年的汇总文件（核对照抄上年的表格、上年结转）", self._folder(),
                                          SUMMARY_FILTER)
        if path is not None:
            self.saved.last_year = path
            self._touched()
            self.refresh()

    def choose_compare(self) -> None:
        path = self.prompts.ask_open_path("已有的本级汇总报告（与各单位合计逐格比对）", self._folder(), REPORT_FILTER)
        if path is not None:
            self.saved.compare_with = path
            self._touched()
            self.refresh()

    def _organ_edited(self) -> None:
        organ = self.organ_edit.text().strip()
        if organ != self.saved.organ:
            self.saved.organ = organ
            self._touched()
            self.refresh()

    def _year_edited(self, value: int) -> None:
        year = 0 if value < YEAR_MIN else value
        if year != self.saved.year:
            self.saved.year = year
            self._touched()
            self.refresh()

    def _folder(self) -> str:
        if self.path is not None:
            return str(self.path.parent)
        return self.host.settings.last_folder

    # --- Reading (off the GUI thread) ----------------------------------------------------

    def refresh(self) -> None:
        """Read what changed and summarise again; while a reading runs, once more after it."""
        if self.loader is not None:
            self._again = True
            return
        if not self.saved.inputs:
            self.gathered = None
            self._show()
            return
        self._show_inputs()
        if self.gathered is None:
            self.counts_label.setText("正在读取各单位的报告……")
        self.loader = Loader(self.saved, self.sources, self)
        self.loader.progressed.connect(self._progressed)
        self.loader.gathered.connect(self._gathered)
        self.loader.finished.connect(self._loader_done)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.loader.start()

    @property
    def reading(self) -> bool:
        return self.loader is not None

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _gathered(self, gathered: Gathered) -> None:
        if gathered.summary is None and not gathered.notes:
            return  # stopped early (the window is closing)
        self.sources = gathered.sources
        self.gathered = gathered
        self._watch()
        self._show()

    def _loader_done(self) -> None:
        loader, self.loader = self.loader, None
        if loader is not None:
            loader.deleteLater()
        self.progress.hide()
        if self._again:
            self._again = False
            self.refresh()

    def _watch(self) -> None:
        """Every input folder and file, so that a report sent again or fixed is read again."""
        wanted = {str(p) for p in self.sources} | {str(p) for p in self.saved.inputs if p.is_dir()}
        wanted |= {str(p.parent) for p in self.sources}
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        new = sorted(p for p in wanted - watched if Path(p).exists())
        if new:
            self.watcher.addPaths(new)

    def _changed_on_disk(self, _path: str) -> None:
        self.reload_timer.start()

    def stop_reading(self) -> None:
        """Stop a reading now (the window is closing): nothing more is read or shown."""
        self.reload_timer.stop()
        self._again = False
        if self.loader is not None:
            self.loader.requestInterruption()
            self.loader.wait()
            self._loader_done()

    # --- Showing ---------------------------------------------------------------------------

    def _show(self) -> None:
        result = self.summary
        current = self._current_unit()
        self.model.show(result)
        self._update_title()
        if self.organ_edit.text().strip() != self.saved.organ:
            self.organ_edit.setText(self.saved.organ)
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(self.saved.year or YEAR_MIN - 1)
        self.year_spin.blockSignals(False)
        self._show_inputs()
        self._show_issues(result)
        self._show_totals(result)
        self.counts_label.setText(self._counts(result))
        for name in ("export", "report"):
            self.actions_by_name[name].setEnabled(result is not None and result.merged is not None)
        if current is not None and result is not None:
            row = next((i for i, u in enumerate(result.units) if u.key == current), None)
            if row is not None:
                self.units_view.selectRow(row)
                return
        self._show_unit(None)

    def _show_inputs(self) -> None:
        inputs = "；".join(p.name or str(p) for p in self.saved.inputs) or NO_INPUTS
        roster = self.gathered.roster if self.gathered is not None else self.saved.roster
        extra = [f"名单 {len(roster)} 个单位" if roster else "未给单位名单",
                 *(["上年汇总：" + self.saved.last_year.name] if self.saved.last_year else []),
                 *(["比对：" + self.saved.compare_with.name] if self.saved.compare_with else [])]
        self.inputs_label.setText(f"{inputs}　（{'，'.join(extra)}）")

    def _counts(self, result: Summary | None) -> str:
        if result is None:
            return "添加各单位的报告文件或文件夹后开始汇总"
        counts = {status: sum(u.status is status for u in result.units) for status in Status}
        parts = [f"{status.value} {counts[status]}" for status in Status if counts[status] or status is Status.REPORTED]
        return f"共 {len(result.units)} 个单位：{'，'.join(parts)}；计入合计 {len(result.counted)} 个"

    def _show_issues(self, result: Summary | None) -> None:
        self.issues_list.clear()
        lines = list(self.gathered.notes) if self.gathered is not None else []
        if result is not None:
            lines += [f"未报：{name}" for name in result.missing]
            lines += [f"不在名单中：{name}" for name in result.unexpected]
            for duplicate in result.duplicates:
                state = ("统计数字相同，按一份计入" if duplicate.same else
                         f"使用 {duplicate.used.name}" if duplicate.used else "未选定，未计入合计")
                lines.append(f"重复：{duplicate.unit}（{'、'.join(p.name for p in duplicate.files)}）{state}")
            lines += [f"其他年度：{o.unit} 的 {o.path.name} 是 {o.year} 年度的报告，未计入" for o in result.other_year]
            lines += [f"内容雷同：{s.message}" for s in result.similar]
            lines += [f"相同段落：{len(c.units)} 个单位有同一段话（可能是统一要求的表述）：“{c.excerpt}”"
                      for c in result.common]
            lines += [f"统计数字与上年完全相同：{name}" for name in result.same_as_last_year]
            lines += [f"与本级报告不一致：{d.message}" for d in result.differences]
        for line in lines or ["没有发现跨单位的问题"]:
            self.issues_list.addItem(line)
        self.bottom.setTabText(0, f"全部问题（{len(lines)}）" if lines else "全部问题")

    def _show_totals(self, result: Summary | None) -> None:
        merged = result.merged if result is not None else None
        if merged is None:
            self.totals_label.setText("还没有可计入合计的报告")
            return
        findings = [f for f in check(merged) if f.table]
        lines = [f"计入 {len(result.counted)} 个单位（{result.year} 年度）：{summary(findings)}"]  # type: ignore[union-attr]
        lines += [f"{f.severity.label}　{f.message}（各单位的错误相加而来，见各单位）" for f in findings]
        lines += [f"{cell_name(*key)}：{format_number(merged.value(*key))}" for key in TOTALS]
        self.totals_label.setText("\n".join(lines))

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_unit(self.selected_unit())

    def selected_unit(self) -> Unit | None:
        rows = self.units_view.selectionModel().selectedRows()
        return self.model.units[rows[0].row()] if rows else None

    def _current_unit(self) -> str | None:
        unit = self.selected_unit()
        return unit.key if unit is not None else None

    def _show_unit(self, unit: Unit | None) -> None:
        self.findings_list.clear()
        self.unit_files.clear()
        self.open_button.setEnabled(unit is not None and any(s.report is not None for s in unit.sources))
        self.use_button.setEnabled(unit is not None and len(unit.sources) > 1)
        if unit is None:
            self.unit_title.setText("选择左侧的单位查看其问题")
            return
        self.unit_title.setText(f"<b>{unit.name}</b>　{unit.status.value}"
                                + ("" if unit.counted else "（未计入合计）"))
        for finding in unit.findings:
            item = QListWidgetItem(f"{finding.severity.label}　{finding.message}")
            item.setForeground(Qt.GlobalColor.darkRed if finding.severity is ERROR else Qt.GlobalColor.black)
            self.findings_list.addItem(item)
        if not unit.findings:
            self.findings_list.addItem("未报：没有收到这个单位的报告" if not unit.sources else "没有发现问题")
        for source in unit.sources:
            used = unit.used is not None and source.path == unit.used.path
            item = QListWidgetItem(("✓ 计入　" if used else "　　　") + str(source.path))
            item.setData(Qt.ItemDataRole.UserRole, str(source.path))
            self.unit_files.addItem(item)
        if unit.sources:
            self.unit_files.setCurrentRow(0)

    def _update_title(self) -> None:
        name = self.path.name if self.path else UNTITLED
        self.setWindowTitle(f"{name}[*] — {TITLE}")
        self.setWindowModified(self.modified)

    def _touched(self) -> None:
        self.modified = True
        self._update_title()

    # --- Acting on a unit ------------------------------------------------------------------

    def select_unit(self, name: str) -> Unit:
        """Select the unit of this name in the list (for the tests and the start page)."""
        row = next(i for i, u in enumerate(self.model.units) if u.name == name)
        self.units_view.selectRow(row)
        return self.model.units[row]

    def open_unit(self) -> bool:
        """The selected unit's report in the editor: its .gxr, or an imported one as a new report."""
        unit = self.selected_unit()
        if unit is None:
            return False
        source = unit.used or next((s for s in unit.sources if s.report is not None), None)
        if source is None or source.report is None:
            return False
        if not source.imported:
            opened = self.files.open_file(source.path)
        else:
            opened = self.files.open_report(copy.deepcopy(source.report), f"{unit.name}（导入）", unsaved=True)
        if opened:
            self._raise_editor()
        return opened

    def use_selected_file(self) -> None:
        unit, item = self.selected_unit(), self.unit_files.currentItem()
        if unit is None or item is None:
            return
        self.saved.choose(unit.name, Path(item.data(Qt.ItemDataRole.UserRole)))
        self._touched()
        self.host.show_message(f"{unit.name}：使用 {Path(item.data(Qt.ItemDataRole.UserRole)).name}")
        self.refresh()

    def make_report(self) -> bool:
        """生成本级报告: the sum opens in the editor as a new report, for the office's text and 另存为."""
        result = self.summary
        if result is None or result.merged is None:
            return False
        if not result.organ:
            self.prompts.warn(TITLE, "请先填写汇总机关（本级机关名称），汇总报告的报告名称用它")
            self.organ_edit.setFocus()
            return False
        report = copy.deepcopy(result.merged)
        if not self.files.open_report(report, f"{report.short_title}（汇总）", unsaved=True):
            return False
        self.host.show_message(f"已生成本级报告：计入 {len(result.counted)} 个单位，请填写文字部分后另存为")
        self._raise_editor()
        return True

    def export_breakdown(self) -> bool:
        from gxdesk.summary import breakdown

        result = self.summary
        if result is None or result.merged is None:
            return False
        suggested = Path(self._folder() or Path.home()) / (file_name(f"{result.organ or '汇总'}{result.year}年汇总明细")
                                                          + breakdown.SUFFIX)
        path = self.prompts.ask_save_path("导出汇总表", suggested, WORKBOOK_FILTER)
        if path is None:
            return False
        path = with_suffix(path, breakdown.SUFFIX)
        try:
            with busy():
                breakdown.write(result, path)
        except InputError as error:
            self.prompts.warn("导出失败", str(error))
            return False
        self.host.show_message(f"已导出汇总表：{path}")
        return True

    def _raise_editor(self) -> None:
        editor = self.host.widget()
        editor.show()
        editor.raise_()
        editor.activateWindow()

    # --- The 汇总 file -----------------------------------------------------------------------

    def open_saved(self, path: Path | None = None) -> bool:
        path = path or self.prompts.ask_open_path("打开汇总", self._folder(), SUMMARY_FILTER)
        if path is None or not self.may_close():
            return False
        try:
            saved = summary_file.load(path)
        except InputError as error:
            self.prompts.warn("无法打开汇总", str(error))
            return False
        self.saved, self.path, self.modified = saved, path, False
        self.sources, self.gathered = {}, None
        self._show()
        self.refresh()
        return True

    def save(self) -> bool:
        return self._save_to(self.path) if self.path is not None else self.save_as()

    def save_as(self) -> bool:
        result = self.summary
        name = f"{self.saved.organ or '各单位'}{result.year if result else ''}年汇总"
        suggested = self.path or Path(self._folder() or Path.home()) / (file_name(name) + summary_file.SUFFIX)
        path = self.prompts.ask_save_path("保存汇总", suggested, SUMMARY_FILTER)
        return path is not None and self._save_to(with_suffix(path, summary_file.SUFFIX))

    def _save_to(self, path: Path) -> bool:
        saved = copy.copy(self.saved)
        result = self.summary
        if result is not None:
            saved.year = self.saved.year or result.year
            saved.units = summary_file.counted_figures(result)  # next year's 汇总 compares against them
        try:
            summary_file.save(saved, path)
        except InputError as error:
            self.prompts.warn("保存失败", str(error))
            return False
        self.path, self.modified = path, False
        self._update_title()
        self.host.show_message(f"已保存汇总：{path}")
        return True

    def may_close(self) -> bool:
        if not self.modified:
            return True
        choice = self.prompts.ask_unsaved(self.path.name if self.path else UNTITLED)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        self.stop_reading()
        event.accept()

    # --- Drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event.mimeData().urls())
        gxs = [p for p in paths if p.suffix.lower() == summary_file.SUFFIX]
        if gxs:
            self.open_saved(gxs[0])
        elif paths:
            self.add_inputs(paths)

    @staticmethod
    def _dropped(urls: list[QUrl]) -> list[Path]:
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return [p for p in paths if p.is_dir() or is_input(p) or p.suffix.lower() == summary_file.SUFFIX]

