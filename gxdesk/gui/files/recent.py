"""文件 → 最近打开: the settings' list of recent files, filled when the menu opens."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMenu, QWidget

from gxdesk.settings import Settings


class RecentMenu(QMenu):
    def __init__(self, settings: Settings, open_recent: Callable[[Path], object], parent: QWidget) -> None:
        super().__init__("最近打开(&R)", parent)
        self.settings, self.open_recent = settings, open_recent
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        for i, name in enumerate(self.settings.recent, 1):
            path = Path(name)
            action = self.addAction(f"&{i} {path.name}　（{path.parent}）")
            action.triggered.connect(lambda *_, p=path: self.open_recent(p))
        if not self.settings.recent:
            self.addAction("（无）").setEnabled(False)
