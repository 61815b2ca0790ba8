"""The dialog of 文件 → 导入已发布的报告: where the report comes from and how to use it.

Input only (``ImportRequest``); ``import_report`` does the importing. Loaded
when the action runs, so that the window's start-up does not build these widgets' types.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
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

from gxdesk.gui.actions import named
from gxdesk.schema import REQUESTS

FILE_KINDS = "已发布的报告 (*.pdf *.docx *.html *.htm *.txt *.md);;所有文件 (*)"
FILE_HINT = ("可导入 PDF、Word 文件（.docx）、另存的网页（.html/.htm）、文本文件（.txt/.md），也可以把文件"
             "直接拖到窗口上。旧版 .doc 或 WPS 文件请先另存为 .docx；扫描件（没有文字层的 PDF）无法导入。")


@dataclass(frozen=True)
class ImportRequest:
    path: Path | None  # a file, or None for pasted text
    text: str = ""
    as_previous: bool = False  # use as last year's report instead of opening it
    html: str = ""  # what was pasted, as the HTML the browser put on the clipboard (tables kept)


class PasteBox(QPlainTextEdit):
    """The 粘贴文字 box: shows the pasted text, and keeps the HTML the clipboard had with it, so that
    tables copied from a browser keep their rows and cells."""

    def __init__(self) -> None:
        super().__init__()
        self.pasted_html = ""
        self.pasted_text = ""

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasHtml() and not self.toPlainText().strip():
            self.pasted_html, self.pasted_text = source.html(), source.text()
        super().insertFromMimeData(source)

    def html_of(self, text: str) -> str:
        """The pasted HTML, while the box still holds just what came with it (not edited since)."""
        same = "".join(text.split()) == "".join(self.pasted_text.split())
        return self.pasted_html if self.pasted_html and same else ""


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

        self.sources = named(QTabWidget(), "import_sources")
        file_page = QWidget()
        file_layout = QVBoxLayout(file_page)
        row = QHBoxLayout()
        self.path = named(QLineEdit(placeholderText="选择或输入文件路径"), "import_path")
        choose = named(QPushButton("选择文件…"), "import_choose")
        choose.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        file_layout.addLayout(row)
        file_layout.addWidget(named(QLabel(FILE_HINT, wordWrap=True), "hint"))
        file_layout.addStretch(1)
        self.sources.addTab(file_page, "从文件导入")
        self.text = named(PasteBox(), "import_text")
        self.text.setPlaceholderText("在这里粘贴从政府网站或 PDF 中复制的报告全文（Ctrl+V）")
        self.sources.addTab(self.text, "粘贴文字")
        layout.addWidget(self.sources, 1)

        use = QGroupBox("导入后")
        use_layout = QVBoxLayout(use)
        self.as_new = named(QRadioButton("作为新报告打开：核对、修改后用“另存为”保存"), "import_as_new")
        self.as_new.setChecked(True)
        carried_over = REQUESTS.row("carried_over").short
        self.as_previous = QRadioButton(f"作为上年报告：填入当前报告的「{carried_over}」，并开启跨年核对")
        self.as_previous.setObjectName("import_as_previous")
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
            # Windows Explorer's 复制为路径 puts the path in quotes.
            return ImportRequest(Path(self.path.text().strip().strip('"')), as_previous=as_previous)
        text = self.text.toPlainText()
        return ImportRequest(None, text, as_previous, self.text.html_of(text))

    def _choose(self) -> None:
        from gxdesk.gui.prompts import choose_files

        chosen = choose_files(self, "选择已发布的报告", self.path.text() or self.folder, FILE_KINDS, "open")
        if chosen:
            self.path.setText(str(chosen[0]))

    def _update(self) -> None:
        source = self.path.text() if self.sources.currentIndex() == 0 else self.text.toPlainText()
        self.ok.setEnabled(bool(source.strip()))
