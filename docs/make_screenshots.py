"""Save a screenshot of every tab of the window with the sample open, offscreen.

    .venv/bin/python docs/make_screenshots.py [OUTPUT_DIR]

Writes docs/screenshots/NN-<tab>.png. Needs a CJK font (see .ci/run). The
settings and drafts go to a temporary folder, never the real profile.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
home = tempfile.TemporaryDirectory(prefix="gxdesk-shots-")
os.environ["GXDESK_HOME"] = home.name

from PySide6.QtWidgets import QApplication  # noqa: E402

from gxdesk.gui.app import configure  # noqa: E402
from gxdesk.gui.window import MainWindow  # noqa: E402
from gxdesk.schema import SECTIONS  # noqa: E402

SIZE = (1366, 860)
NAMES = ["meta", *(f"section-{i}" for i in range(1, len(SECTIONS) + 1))]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    configure(app)
    window = MainWindow(home=Path(home.name))
    window.start(None)
    window.resize(*SIZE)
    window.show()
    for tab, name in enumerate(NAMES):
        window.tabs.setCurrentIndex(tab)
        app.processEvents()
        app.processEvents()
        path = out / f"{tab + 1:02d}-{name}.png"
        window.grab().save(str(path))
        print(path)
    # The window with a mistake in it: flags in the table and in the 检查 panel.
    window.tabs.setCurrentIndex(window.tab_of_section["三"])
    model = window.model("requests")
    model.setData(model.index_of(("requests", "granted", "natural_person")), "35")
    app.processEvents()
    path = out / f"{len(NAMES) + 1:02d}-section-3-unbalanced.png"
    window.grab().save(str(path))
    print(path)
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
