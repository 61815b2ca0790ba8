"""文件 → 汇总各单位报告: opens the 汇总 workspace (``SummaryWindow``), once, beside the editor.

``open_summary()`` is the entry point the start page calls (issue 12).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gxdesk.gui.files.lifecycle import Files
from gxdesk.gui.host import Host

if TYPE_CHECKING:
    from gxdesk.gui.summary.window import SummaryWindow


def install(host: Host, files: Files) -> SummaryFeature:
    feature = SummaryFeature(host, files)
    host.add_file_action("import", host.action("汇总各单位报告(&M)…", feature.open_summary, "Ctrl+Shift+M"))
    return feature


class SummaryFeature:
    def __init__(self, host: Host, files: Files) -> None:
        self.host, self.files = host, files
        self.window: SummaryWindow | None = None  # made on first use: the editor's start-up does not pay

    def open_summary(self, path: Path | None = None) -> SummaryWindow:
        """Show the 汇总 workspace (a saved 汇总 file in it, when given)."""
        if self.window is None:
            from gxdesk.gui.summary.window import SummaryWindow

            self.window = SummaryWindow(self.host, self.files)
            self.window.resize(self.window.sizeHint())
        window = self.window
        window.show()
        window.raise_()
        window.activateWindow()
        if path is not None:
            window.open_saved(path)
        return window

    def may_close(self) -> bool:
        """The editor is closing: may the 汇总 go (nothing unsaved, or the clerk said so)?"""
        return self.window is None or self.window.may_close()

    def close(self) -> None:
        """The editor closes (after ``may_close``): the reading stops before the window goes."""
        if self.window is not None:
            self.window.stop_reading()
            self.window.modified = False  # already asked
            self.window.close()
