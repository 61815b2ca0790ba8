"""What the window lends its features: the one interface a feature may use.

A feature (files, outputs, importing, the start page, help, 汇总) is a
module with ``install(host, …) -> Feature``: it adds its actions to the menus
through the host and keeps the host to reach the open report, the questions
and the settings. The window keeps what ``install`` returns and hands one
feature to another explicitly (``Printing`` gets the ``Exporter``). Nothing
else of the window is a feature's business; mypy holds them to this.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Literal, Protocol, Union

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QWidget

    from gxdesk.gui.document import Document
    from gxdesk.gui.prompts import Prompts
    from gxdesk.model import CellKey
    from gxdesk.settings import Settings

# The sections of the 文件 menu, in order; a feature puts its actions at the end of one.
FileSection = Literal["open", "import", "save", "previous", "export", "print", "quit"]
FILE_MENU_SECTIONS: tuple[FileSection, ...] = ("open", "import", "save", "previous", "export", "print", "quit")
Shortcut = Union["QKeySequence", "QKeySequence.StandardKey", str, None]


class Host(Protocol):
    @property
    def document(self) -> Document:
        """The open report, its history and findings."""

    @property
    def prompts(self) -> Prompts:
        """Every question and message: the window's own, or the tests' answers."""

    @property
    def settings(self) -> Settings: ...

    @property
    def data_dir(self) -> Path:
        """The user's data folder: drafts and the error log live under it."""

    @property
    def settings_file(self) -> Path:
        """Where ``settings`` are kept."""

    def save_settings(self) -> None:
        """Write ``settings`` now; a read-only profile is not an error (they are a convenience)."""

    def show_message(self, text: str) -> None:
        """A passing note in the status bar."""

    def add_status_widget(self, widget: QWidget) -> None:
        """A lasting state in the status bar (autosave is off, …), left of the findings' summary."""

    def action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        """A window action (its shortcut works with the menus closed); add it to a menu next."""

    def add_file_action(self, section: FileSection, action: QAction, toolbar: bool = False) -> None:
        """At the end of one section of the 文件 menu; ``toolbar``: on the toolbar too (the everyday actions)."""

    def add_checks_action(self, action: QAction) -> None:
        """At the end of the 检查 menu."""

    def add_help_action(self, action: QAction) -> None:
        """At the top of the 帮助 menu."""

    def set_start_page(self, page: QWidget) -> None:
        """The first screen (新建, 打开, 最近打开, …), shown by ``show_start`` instead of the report."""

    def show_start(self) -> None:
        """Show the start page; any report stays open behind it (opening one shows the report)."""

    def show_report(self) -> None:
        """Show the open report again (the tab that was in front)."""

    def show_page(self, section: str, field: str = "") -> None:
        """Bring a section's tab to the front (``rules.META_SECTION`` for 基本信息), and put the
        cursor in one of its fields."""

    def show_cell(self, key: CellKey) -> None:
        """Bring a table's tab to the front with the cursor on one of its cells."""

    def widget(self) -> QWidget:
        """The window as the parent of a feature's own dialogs."""
