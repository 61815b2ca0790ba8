"""帮助 → 使用说明 (F1): the colours, the keys, the checks, where files and autosaves are.

The text is ``ui/help/guide.md`` (Markdown), shipped beside the stylesheet so
that an office may reword it; the places it names (the autosave folder, the
settings file) are filled in from this installation when it is shown. The
dialog is built on first use and stays open beside the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gxdesk import userdirs
from gxdesk.errors import InputError
from gxdesk.gui.host import Host
from gxdesk.resources import asset_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

GUIDE = Path("help") / "guide.md"  # in ui/


def install(host: Host) -> Guide:
    guide = Guide(host)
    host.add_help_action(host.action("使用说明(&H)", guide.show, "F1"))
    return guide


def guide_file() -> Path:
    return asset_dir("ui") / GUIDE


def guide_text(host: Host) -> str:
    """The guide with this installation's folders filled in; a line saying what is missing if it is."""
    path = guide_file()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, InputError):
        return f"# 使用说明\n\n找不到使用说明文件“{path}”，请重新安装 gxdesk。"
    places = {
        "{guide}": path,
        "{autosave}": userdirs.autosave_dir(host.data_dir),
        "{settings}": host.settings_file,
        "{log}": host.data_dir / "error.log",
    }
    for key, value in places.items():
        text = text.replace(key, str(value))
    return text


class Guide:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.dialog: QDialog | None = None

    def show(self) -> QDialog:
        if self.dialog is None:
            self.dialog = self._make()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _make(self) -> QDialog:
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

        dialog = QDialog(self.host.widget())
        dialog.setObjectName("guide")
        dialog.setWindowTitle("使用说明")
        layout = QVBoxLayout(dialog)
        browser = QTextBrowser(dialog)
        browser.setObjectName("guide_text")
        browser.setOpenExternalLinks(False)
        browser.setMarkdown(guide_text(self.host))
        layout.addWidget(browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.close)
        layout.addWidget(buttons)
        window = self.host.widget()
        dialog.resize(min(760, window.width()), max(480, window.height() * 9 // 10))
        return dialog
