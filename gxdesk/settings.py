"""The window's remembered choices: recent files, folders, how reports print, the 发布期限, the
window's shape.

A small JSON file in the config folder. A damaged or foreign file is ignored
(the defaults are used and the next save replaces it): losing a recent-files
list must never stop the program from starting.
"""

from __future__ import annotations

import json
from pathlib import Path

from gxdesk.atomic import atomic_write_bytes
from gxdesk.records import field, record

FILE_NAME = "settings.json"
MAX_RECENT = 8


@record(frozen=False)
class Settings:
    recent: list[str] = field(default_factory=list)  # absolute paths, most recent first
    last_folder: str = ""
    export_folder: str = ""  # where .docx/.pdf went last time ("" = beside the report)
    font_dir: str = ""  # the user's font folder, searched first when rendering ("" = system fonts)
    seal: bool = False  # signature block laid out for a seal (render(seal=True))
    deadline: str = ""  # the local 发布期限 as a month-day, "01-26"; "" = by the organ (gxdesk.deadline)
    # The window's size and place, and its docks' sizes, as Qt saves them (base64); "" = fit the screen.
    window_geometry: str = ""
    window_state: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            obj = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(obj, dict):
            return cls()
        recent = obj.get("recent", [])

        def text(key: str) -> str:
            value = obj.get(key, "")
            return value if isinstance(value, str) else ""

        return cls(
            recent=[p for p in recent if isinstance(p, str)][:MAX_RECENT] if isinstance(recent, list) else [],
            last_folder=text("last_folder"),
            export_folder=text("export_folder"),
            font_dir=text("font_dir"),
            seal=obj.get("seal") is True,
            deadline=text("deadline"),
            window_geometry=text("window_geometry"),
            window_state=text("window_state"),
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"recent": self.recent, "last_folder": self.last_folder, "export_folder": self.export_folder,
                "font_dir": self.font_dir, "seal": self.seal, "deadline": self.deadline,
                "window_geometry": self.window_geometry, "window_state": self.window_state}
        atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))

    def add_recent(self, file: Path) -> None:
        """Put ``file`` first in the list and remember its folder."""
        name = str(file.resolve())
        self.recent = [name, *(p for p in self.recent if p != name)][:MAX_RECENT]
        self.last_folder = str(Path(name).parent)

    def forget(self, file: str) -> None:
        self.recent = [p for p in self.recent if p != file]
