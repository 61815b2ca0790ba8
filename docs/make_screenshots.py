"""Screenshots of the window on a 1366×768 laptop screen, at 100 % and at 150 % scaling.

    .venv/bin/python docs/make_screenshots.py [OUTPUT_DIR]

For each scale a child process runs the window offscreen on a screen configured as
1366×768 (Qt's offscreen platform, ``configfile``), maximised as a clerk's would
be, and writes into docs/screenshots/:

- ``100-00-start.png`` / ``150-00-start.png``: the start page of a first start;
- ``100-NN-<tab>.png`` / ``150-NN-<tab>.png``: every tab with the sample open;
- ``100-08-section-3-unbalanced.png``: a mistake flagged in the table and the 检查 panel;
- ``100-09-preview.png``: the print preview at 100 % zoom;
- ``100-10-text-checks.png``: the text checks at work (a figure contradicting its cell, last year's
  sentences shaded);
- ``100-11-summary.png``: the 汇总 workspace with 30 generated units.

Images are stored with a 256-colour palette to keep them small. Needs a CJK font (see
.ci/run). The settings and drafts go to a temporary folder, never the real profile.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (1366, 768)
SCALES = {"100": "1", "150": "1.5"}


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    if len(sys.argv) > 2:  # a child: one scale
        return shoot(out, sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="gxdesk-shots-") as folder:
        config = Path(folder) / "screen.json"
        width, height = SCREEN
        config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                                   "height": height, "logicalDpi": 96, "dpr": 1}]}))
        for name, factor in SCALES.items():
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": factor,
                   "GXDESK_HOME": str(Path(folder) / f"home-{name}")}
            subprocess.run([sys.executable, __file__, str(out), name], env=env, check=True, cwd=ROOT)
    return 0


def shoot(out: Path, scale: str) -> int:
    sys.path.insert(0, str(ROOT))  # tests.summary_units makes the units
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from gxdesk.gui.app import configure
    from gxdesk.gui.window import MainWindow
    from gxdesk.schema import SECTIONS

    app = QApplication(sys.argv[:1])
    configure(app)
    home = Path(os.environ["GXDESK_HOME"])

    def save(widget, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither  # no speckles
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8, flags)
        path = out / f"{scale}-{name}.png"
        image.save(str(path))
        print(path)

    # A day in the January the sample is written in, so that the pictures do not change with the date.
    window = MainWindow(home=home, today=lambda: date(2026, 1, 12))
    window.start(None)  # a first start: the start page
    window.place()
    save(window, "00-start")
    window.files.open_sample()
    names = ["meta", *(f"section-{i}" for i in range(1, len(SECTIONS) + 1))]
    for tab, name in enumerate(names):
        window.tabs.setCurrentIndex(tab)
        save(window, f"{tab + 1:02d}-{name}")
    if scale == "100":
        # A mistake in the table: flagged in the cell, its column's header and the 检查 panel.
        window.tabs.setCurrentIndex(window.tab_of_section["三"])
        model = window.model("requests")
        model.setData(model.index_of(("requests", "granted", "natural_person")), "35")
        save(window, f"{len(names) + 1:02d}-section-3-unbalanced")
        window.document.undo_stack.undo()
        preview_screenshot(window, lambda dialog: save(dialog, f"{len(names) + 2:02d}-preview"))
        text_screenshot(window, lambda shown: save(shown, f"{len(names) + 3:02d}-text-checks"))
        window.document.undo_stack.setClean()
        save(summary_screenshot(app, window, home / "units"), f"{len(names) + 4:02d}-summary")
    window.document.undo_stack.setClean()
    window.document.unsaved = False  # set_previous marks the report unsaved; closing must not ask
    window.close()
    return 0


def preview_screenshot(window, save) -> None:
    """The print preview as 打印 opens it, at 100 % zoom."""
    import time

    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    def shown(dialog) -> None:
        dialog.resize(1100, 740)
        dialog.show()
        dialog.findChild(QPrintPreviewWidget).setZoomFactor(1.0)
        pages = window.printing.pages
        for _ in range(50):  # until the pages are drawn again at the zoom shown
            QApplication.processEvents()
            if pages is not None and pages.preview_dpi == pages.shown_dpi():
                break
            time.sleep(0.05)
        save(dialog)
        dialog.close()

    prompts = window.prompts
    original = prompts.show_preview
    prompts.show_preview = shown  # type: ignore[method-assign]
    try:
        window.printing.preview()
    finally:
        prompts.show_preview = original  # type: ignore[method-assign]


def text_screenshot(window, save) -> None:
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
    save(window)
    window.document.undo_stack.undo()
    window.document.set_previous(None)


def summary_screenshot(app, window, folder: Path):
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
    workspace.resize(1366, 740)
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
