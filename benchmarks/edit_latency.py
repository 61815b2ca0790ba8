"""Edit-to-repaint latency of one cell in section 三, through the real model path.

    .venv/bin/python benchmarks/edit_latency.py [EDITS]

Each edit: parse the entry, push the undo command, Report.set_cells, the
rules (check), dataChanged to every model, the 检查 panel and status bar; then
the repaint of the table's viewport. Prints p50/p95 (target p95 <= 5 ms) and
the resident memory with the sample open (target <= 150 MB).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GXDESK_HOME"] = tempfile.mkdtemp(prefix="gxdesk-bench-")

from PySide6.QtWidgets import QApplication

from gxdesk.gui.app import configure
from gxdesk.gui.window import MainWindow


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    app = QApplication(sys.argv[:1])
    configure(app)
    window = MainWindow(home=Path(os.environ["GXDESK_HOME"]))
    window.start(None)
    window.resize(1280, 820)
    window.show()
    window.tabs.setCurrentIndex(window.tab_of_section["三"])
    view = window.view("requests")
    for _ in range(3):
        app.processEvents()
    print(f"resident memory with the sample open: {rss_mb():.0f} MB  (target <= 150 MB)")

    model = view.report_model
    index = model.index_of(("requests", "granted", "natural_person"))
    to_model, to_paint = [], []
    for i in range(edits):
        start = time.perf_counter()
        model.setData(index, str(30 + i % 7))
        middle = time.perf_counter()
        app.processEvents()  # the pending repaint of the viewport (and header)
        end = time.perf_counter()
        to_model.append((middle - start) * 1000)
        to_paint.append((end - start) * 1000)
    for name, values in (("model + rules + dataChanged", to_model), ("... + repaint", to_paint)):
        print(f"{name:28s} p50 {statistics.median(values):5.2f} ms   p95 {percentile(values, 95):5.2f} ms"
              f"   ({edits} edits)")
    print(f"resident memory after the edits: {rss_mb():.0f} MB")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
