"""Save a screenshot of every tab of the window with the sample open, offscreen.

    .venv/bin/python docs/make_screenshots.py [OUTPUT_DIR]

Writes docs/screenshots/NN-<tab>.png, the 汇总 workspace with 30 generated units
(09-summary.png) and the text checks at work (10-text-checks.png). Needs a CJK font (see .ci/run). The
settings and drafts go to a temporary folder, never the real profile.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
home = tempfile.TemporaryDirectory(prefix="gxdesk-shots-")
os.environ["GXDESK_HOME"] = home.name

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.summary_units makes the units

from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

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
    # A day in the January the sample is written in, so that the pictures do not change with the date.
    window = MainWindow(home=Path(home.name), today=lambda: date(2026, 1, 12))
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
    window.document.undo_stack.undo()
    path = out / f"{len(NAMES) + 3:02d}-text-checks.png"
    text_screenshot(app, window).save(str(path))
    print(path)
    window.document.undo_stack.setClean()
    path = out / f"{len(NAMES) + 2:02d}-summary.png"
    summary_screenshot(app, window, Path(home.name) / "units").grab().save(str(path))
    print(path)
    window.close()
    return 0


def text_screenshot(app: QApplication, window: MainWindow) -> QPixmap:
    """The text checks at work: a figure that contradicts the table, last year's sentences shaded."""
    from gxdesk.edits import SetText
    from gxdesk.sample import load_sample

    last = load_sample()
    last.year -= 1
    window.document.set_previous(last, "2024年度报告.gxr")  # (载入上年报告 would also fill 上年结转)
    text = window.report.text["on_request"].replace("办结70件", "办结68件")
    window.document.push(SetText("on_request", text))
    page = window.text_page("一")
    page.show_similarity()
    finding = next(f for f in window.findings if f.rule == "text.figure")
    window.tabs.setCurrentIndex(window.tab_of_section["一"])
    page.ensureWidgetVisible(page.text_fields["on_request"])
    window.findings_panel.list.setCurrentRow(window.findings.index(finding))
    app.processEvents()
    app.processEvents()
    shot = window.grab()
    window.document.undo_stack.undo()
    window.document.set_previous(None)
    return shot


def summary_screenshot(app: QApplication, window: MainWindow, folder: Path) -> QWidget:
    """30 units: one unbalanced, one sent twice, one of last year, two sharing a paragraph, one missing."""
    import time

    from gxdesk import gxr
    from tests.summary_units import COUNTY, share_paragraph, unit_name, write_units

    reports = write_units(folder, 30)
    share_paragraph(reports[3], reports[17])
    reports[6].cells[("requests", "new", "natural_person")] += 4
    reports[9].year -= 1
    for report in (reports[3], reports[17], reports[6], reports[9]):
        gxr.save(report, folder / f"{report.organ}.gxr")
    reports[12].cells[("appeals", "review", "upheld")] += 1
    gxr.save(reports[12], folder / f"{reports[12].organ}（修改稿）.gxr")
    workspace = window.summary.open_summary()
    workspace.resize(1366, 760)
    workspace.organ_edit.setText(COUNTY)
    workspace.saved.organ = COUNTY
    workspace.saved.roster = [unit_name(n) for n in range(1, 31)] + ["青禾县水利局"]
    workspace.add_inputs([folder])
    while workspace.reading:
        app.processEvents()
        time.sleep(0.02)
    workspace.select_unit(unit_name(7))
    app.processEvents()
    workspace.modified = False
    return workspace


if __name__ == "__main__":
    sys.exit(main())
