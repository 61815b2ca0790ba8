"""The start page's widget: what a clerk can begin with, and the reports opened lately.

It only shows and collects: every button calls back into the start feature
(``feature.py``), which calls the files, previous-year and 汇总 features.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gxdesk import gxr
from gxdesk.dates import chinese_datetime
from gxdesk.gui.actions import named
from gxdesk.records import record

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget, QListWidgetItem


@record
class Recent:
    """A line of 最近打开: the file, and what it holds as far as a quick look can tell."""

    path: Path
    organ: str = ""
    year: int = 0
    changed: str = ""  # the file's last change, in Chinese; "" when it is not found
    readable: bool = True

    @classmethod
    def of(cls, path: Path) -> Recent:
        try:
            changed = chinese_datetime(datetime.fromtimestamp(path.stat().st_mtime))
        except OSError:
            return cls(path, readable=False)
        found = gxr.peek(path)
        if found is None:
            return cls(path, changed=changed, readable=False)
        return cls(path, found[0], found[1], changed)

    def text(self) -> str:
        if not self.changed:
            return f"{self.path.name}（找不到文件）\n{self.path.parent}"
        if not self.readable:
            return f"{self.path.name}（无法读取）\n最后修改：{self.changed}　{self.path.parent}"
        what = f"{self.organ or '（未填写机关名称）'}　{self.year} 年度" if self.year else self.path.name
        return f"{what}\n最后修改：{self.changed}　{self.path}"


@record
class Choice:
    """One way to begin: a big button, and a line under it saying what it does."""

    name: str  # the object name: the tests' handle
    title: str
    description: str
    chosen: Callable[[], object]


class StartPage(QScrollArea):
    """The page scrolls rather than squeezes when the window is small (150 % on a laptop).

    It names no enum of Qt's namespace (``Qt.…``): the first one named builds all ~90 of
    them, a third of the time gxdesk's first paint takes beyond a bare window's.
    """

    recent_chosen = Signal(object)  # a Path

    def __init__(self, choices: list[Choice], back: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_page")
        # Our own viewport rather than viewport()'s: wrapping the one Qt made builds ~60 enum
        # types of other classes. Files are dropped on it (the start feature's FileDrops).
        self.drop_target = QWidget()
        self.setViewport(self.drop_target)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = named(QFrame(), "start_body")
        self.setWidget(page)
        centred = QHBoxLayout(page)
        column = QWidget(page)
        column.setMaximumWidth(1100)
        centred.addWidget(column)
        outer = QVBoxLayout(column)
        outer.setContentsMargins(32, 24, 32, 16)
        outer.addWidget(named(QLabel("政府信息公开工作年度报告"), "start_title"))
        outer.addWidget(named(QLabel("按国办公开办函〔2021〕30号格式填写、核对、生成：表格自动合计，问题就地标出，"
                                     "生成可打印盖章的 Word 或 PDF。", wordWrap=True), "hint"))
        self.back = named(QPushButton(), "start_back")
        self.back.clicked.connect(lambda: back())
        self.back.hide()
        back_row = QHBoxLayout()
        back_row.addWidget(self.back)
        back_row.addStretch(1)
        outer.addLayout(back_row)
        body = QHBoxLayout()
        body.setSpacing(24)
        outer.addSpacing(8)
        outer.addLayout(body, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        self.buttons: dict[str, QPushButton] = {}
        for choice in choices:
            button = named(QPushButton(choice.title), choice.name)
            button.setProperty("choice", True)  # styled as a big button (ui/gxdesk.qss)
            button.clicked.connect(lambda _=False, c=choice: c.chosen())
            buttons.addWidget(button)
            buttons.addWidget(named(QLabel(choice.description, wordWrap=True), "choice_hint"))
            buttons.addSpacing(8)
            self.buttons[choice.name] = button
        buttons.addStretch(1)
        body.addLayout(buttons, 2)
        recent = QVBoxLayout()
        recent.addWidget(named(QLabel("最近打开"), "part_title"))
        # The list is made when there is a first report to list (a first start has none: ~3 ms less).
        self.recent_list: QListWidget | None = None
        self.recent_paths: list[Path] = []  # the file of each line of the list
        self.no_recent = named(QLabel("（还没有打开过报告）"), "no_recent")
        self.drops: QObject | None = None  # what takes files dropped on the page (the start feature's)
        recent.addWidget(self.no_recent)
        recent.addWidget(named(QLabel("也可以把报告文件拖到这里：.gxr 直接打开，"
                                      "已发布的 PDF、Word、网页报告导入为新报告。", wordWrap=True), "hint"))
        recent.addStretch(1)  # takes the list's room while there is no list (show_recent)
        self.recent_column = recent
        body.addLayout(recent, 3)

    @property
    def recent(self) -> QListWidget:
        """The 最近打开 list, made when first needed."""
        if self.recent_list is None:
            from PySide6.QtWidgets import QListWidget

            listed = self.recent_list = named(QListWidget(), "start_recent")
            listed.setWordWrap(True)
            listed.setAlternatingRowColors(True)
            listed.itemActivated.connect(self._activated)
            listed.itemClicked.connect(self._activated)
            self.recent_column.insertWidget(1, listed, 1)  # under its title
        return self.recent_list

    def show_recent(self, entries: list[Recent]) -> None:
        self.recent_paths = [entry.path for entry in entries]
        if not entries and self.recent_list is None:
            return  # the page is made with the "none yet" line showing
        from PySide6.QtWidgets import QListWidgetItem

        self.recent.clear()
        for entry in entries:
            item = QListWidgetItem(entry.text())
            item.setToolTip(str(entry.path))
            if not entry.changed or not entry.readable:
                item.setForeground(self.palette().placeholderText())
            self.recent.addItem(item)
        self.recent.setVisible(bool(entries))
        self.no_recent.setVisible(not entries)
        self.recent_column.setStretch(self.recent_column.count() - 1, 0 if entries else 1)

    def show_back(self, name: str) -> None:
        """Offer to go back to the report open behind the page ("" when none is)."""
        self.back.setText(f"← 返回报告“{name}”")
        self.back.setVisible(bool(name))

    def _activated(self, item: QListWidgetItem) -> None:
        row = self.recent.row(item)
        if 0 <= row < len(self.recent_paths):
            self.recent_chosen.emit(self.recent_paths[row])
