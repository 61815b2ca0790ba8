"""文件 → 导入已发布的报告: last year's published report from a file or pasted text.

The dialog collects the source (a .docx, a saved web page, a text file, or
text pasted from a web page or a PDF) and what to do with it; the importer
(``gxdesk.importer``, as ``gxdesk import``) reads it. Two uses:

- 作为新报告打开 (the default): the report opens untitled and unsaved, for
  review and 另存为. Cells the source left blank or that could not be found
  are blank, and the core's blank-cell rule flags them in the tables. Totals
  the source printed are kept with the document and compared again on every
  check, so a mismatch (last year's report was wrong) stays in the 检查 panel
  until the figures agree or the clerk chooses 检查 → 不再核对原表合计.
- 作为上年报告: like 载入上年报告 with a .gxr file — fills 二、上年结转 and
  switches on the cross-year checks of the report being written.

Either way a summary lists what needs review (``ImportResult.messages``).
Unusable input gives a message and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gxdesk.errors import InputError
from gxdesk.gui.actions import busy, make_action

if TYPE_CHECKING:
    from gxdesk.gui.window import MainWindow

PASTED = "粘贴的文字"
SHOWN_LINES = 12  # the summary lists this many; "详细信息" has them all
FILE_KINDS = "已发布的报告 (*.docx *.html *.htm *.txt *.md);;所有文件 (*)"
DROP_STATED = "不再核对原表合计"
FILE_HINT = ("可导入 Word 文件（.docx）、另存的网页（.html/.htm）、文本文件（.txt/.md）。"
             "旧版 .doc 或 WPS 文件请先另存为 .docx；PDF 请打开后复制文字，到“粘贴文字”中导入。")


@dataclass(frozen=True)
class ImportRequest:
    path: Path | None  # a file, or None for pasted text
    text: str = ""
    as_previous: bool = False  # use as last year's report instead of opening it


def install(window: MainWindow) -> Importing:
    importing = window.importing = Importing(window)
    window.add_file_action("import", make_action(window, "导入已发布的报告(&I)…", importing.start))
    drop = make_action(window, DROP_STATED, lambda: window.document.set_stated({}))
    drop.setToolTip("导入的报告中印出的合计与各项相加不一致时，这些问题列在「检查」面板中，直到数字一致或选择此项")
    window.checks_menu.addSeparator()
    window.checks_menu.addAction(drop)
    window.document.state_changed.connect(lambda: drop.setEnabled(bool(window.document.stated)))
    drop.setEnabled(False)
    importing.drop_stated_action = drop
    return importing


class ImportDialog(QDialog):
    """Where the report comes from and how to use it; input only."""

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle("导入已发布的报告")
        self.folder = folder
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导入已经发布的政府信息公开工作年度报告（通常是上一年度的），"
                                "读出各部分文字和三张统计表的数字。", wordWrap=True))

        self.sources = QTabWidget(objectName="import_sources")
        file_page = QWidget()
        file_layout = QVBoxLayout(file_page)
        row = QHBoxLayout()
        self.path = QLineEdit(objectName="import_path", placeholderText="选择或输入文件路径")
        choose = QPushButton("选择文件…", objectName="import_choose")
        choose.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        file_layout.addLayout(row)
        file_layout.addWidget(QLabel(FILE_HINT, objectName="hint", wordWrap=True))
        file_layout.addStretch(1)
        self.sources.addTab(file_page, "从文件导入")
        self.text = QPlainTextEdit(objectName="import_text")
        self.text.setPlaceholderText("在这里粘贴从政府网站或 PDF 中复制的报告全文（Ctrl+V）")
        self.sources.addTab(self.text, "粘贴文字")
        layout.addWidget(self.sources, 1)

        use = QGroupBox("导入后")
        use_layout = QVBoxLayout(use)
        self.as_new = QRadioButton("作为新报告打开：核对、修改后用“另存为”保存", objectName="import_as_new",
                                   checked=True)
        self.as_previous = QRadioButton("作为上年报告：填入当前报告的「二、上年结转」，并开启跨年核对",
                                        objectName="import_as_previous")
        group = QButtonGroup(self)
        for button in (self.as_new, self.as_previous):
            group.addButton(button)
            use_layout.addWidget(button)
        layout.addWidget(use)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("导入")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for signal in (self.path.textChanged, self.text.textChanged, self.sources.currentChanged):
            signal.connect(self._update)
        self._update()
        self.resize(self.fontMetrics().horizontalAdvance("中") * 48, self.fontMetrics().height() * 26)

    def request(self) -> ImportRequest:
        as_previous = self.as_previous.isChecked()
        if self.sources.currentIndex() == 0:
            return ImportRequest(Path(self.path.text().strip()), as_previous=as_previous)
        return ImportRequest(None, self.text.toPlainText(), as_previous)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择已发布的报告", self.path.text() or self.folder, FILE_KINDS)
        if name:
            self.path.setText(name)

    def _update(self) -> None:
        source = self.path.text() if self.sources.currentIndex() == 0 else self.text.toPlainText()
        self.ok.setEnabled(bool(source.strip()))


class Importing:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # --- Questions (tests replace these) -------------------------------------------------

    def ask_import(self) -> ImportRequest | None:
        dialog = ImportDialog(self.window.settings.last_folder, self.window)
        return dialog.request() if dialog.exec() else None

    def show_summary(self, title: str, text: str, details: list[str]) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.window)
        if len(details) > SHOWN_LINES:
            box.setDetailedText("\n".join(details))
        box.exec()

    # --- What the action does --------------------------------------------------------------

    def start(self) -> bool:
        request = self.ask_import()
        return request is not None and self.run(request)

    def run(self, request: ImportRequest) -> bool:
        from gxdesk.importer import import_file, import_text

        window = self.window
        try:
            with busy():
                result = import_file(request.path) if request.path else import_text(request.text, PASTED)
        except InputError as error:
            window.warn("无法导入", f"{error}\n\n当前报告没有改动。")
            return False
        source = request.path.name if request.path else PASTED
        report, lines = result.report, result.messages()
        if request.as_previous:
            from gxdesk.schema import YEAR_MAX, YEAR_MIN

            if not YEAR_MIN <= report.year <= YEAR_MAX:
                report.year = window.report.year - 1
                lines.insert(0, f"原文中没有找到报告年度，已按 {report.year} 年度核对")
            done = window.use_previous(report, source)
            self.show_summary("已导入上年报告", _summary(done, lines), lines)
            return True
        found = f"{report.organ}{report.year}年度报告" if report.organ and report.year else Path(source).stem
        name = f"{found}（导入）"
        if not window.open_report(report, name, unsaved=True):
            return False
        window.document.set_stated(result.stated)
        done = (f"已从“{source}”导入{report.organ or '（机关名称未找到）'} {report.year or '（年度未找到）'} 年度报告，"
                "作为新报告打开，尚未保存。")
        if lines:
            done += ("\n\n标红的单元格是原文中没有找到或留空的数字；原表合计与各项相加不一致的，"
                     "列在「检查」面板中。请核对后用“另存为”保存。")
        self.show_summary("已导入报告", _summary(done, lines), lines)
        return True


def _summary(done: str, lines: list[str]) -> str:
    if not lines:
        return f"{done}\n\n全部找到，原表合计与各项相加一致。"
    shown = "\n".join(f"· {line}" for line in lines[:SHOWN_LINES])
    more = f"\n……另有 {len(lines) - SHOWN_LINES} 项，见“详细信息”" if len(lines) > SHOWN_LINES else ""
    return f"{done}\n\n需要核对的有 {len(lines)} 项：\n{shown}{more}"
