"""文件 → 字体与版式设置: the font folder searched first and the seal layout (input only).

The dialog shows which font each role would use, and any warning about the
folder, through a function the caller passes in (the core resolves fonts;
the dialog only displays).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gxdesk.gui.actions import named

FONT_HINT = ("先从这个文件夹找字体，例如从单位电脑复制来的仿宋_GB2312、楷体_GB2312、方正小标宋简体（.ttf 文件）；"
             "找不到的再用本机安装的字体。不设置则只用本机字体。")
SEAL_TEXT = "加盖印章的版式：成文日期右空四字，署名居中于日期之上，为印章留出位置"


class OutputSettingsDialog(QDialog):
    def __init__(self, font_dir: str, seal: bool, describe: Callable[[str], tuple[list[str], list[str]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("output_settings")
        self.setWindowTitle("字体与版式设置")
        self.describe = describe
        layout = QVBoxLayout(self)

        fonts = QGroupBox("字体文件夹")
        box = QVBoxLayout(fonts)
        row = QHBoxLayout()
        self.folder = named(QLineEdit(font_dir, placeholderText="（不设置：使用本机安装的字体）"), "font_dir")
        self.folder.editingFinished.connect(self._show_fonts)
        choose = named(QPushButton("选择…"), "choose_font_dir")
        choose.clicked.connect(self._choose)
        clear = named(QPushButton("清除"), "clear_font_dir")
        clear.clicked.connect(self._clear)
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        box.addLayout(row)
        box.addWidget(named(QLabel(FONT_HINT, wordWrap=True), "hint"))
        box.addWidget(QLabel("生成 Word、PDF 和打印时将使用："))
        self.fonts_in_use = named(QLabel(), "fonts_in_use")
        self.font_warnings = named(QLabel(wordWrap=True), "font_warnings")
        box.addWidget(self.fonts_in_use)
        box.addWidget(self.font_warnings)
        layout.addWidget(fonts)

        self.seal = named(QCheckBox(SEAL_TEXT), "seal")
        self.seal.setChecked(seal)
        layout.addWidget(self.seal)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)
        self._show_fonts()

    def values(self) -> tuple[str, bool]:
        return self.folder.text().strip(), self.seal.isChecked()

    def _choose(self) -> None:
        from gxdesk.gui.prompts import choose_files

        chosen = choose_files(self, "选择字体文件夹", self.folder.text(), "", "folder")
        if chosen:
            self.folder.setText(str(chosen[0]))
            self._show_fonts()

    def _clear(self) -> None:
        self.folder.clear()
        self._show_fonts()

    def _show_fonts(self) -> None:
        used, warnings = self.describe(self.folder.text().strip())
        self.fonts_in_use.setText("\n".join(used))
        self.font_warnings.setText("\n".join(warnings))
        self.font_warnings.setVisible(bool(warnings))
        # Wrapped labels: a dialog takes its height from sizeHint, which ignores wrapping.
        width = max(self.width(), self.sizeHint().width()) if self.isVisible() else self.sizeHint().width()
        self.resize(width, self.heightForWidth(width))
