"""Import time, in process: a .docx and text reports (target: ≤ 200 ms each).

    .venv/bin/python benchmarks/import_speed.py [--runs N]

The large report (non-zero figures everywhere) is written as a .docx with the
official merged cells, as tab-separated text, as one-cell-a-line text and as an
HTML page; the three real published reports are read as they are. Prints the
first call (which also loads the reader's modules) and the median of N calls.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs

    started = time.perf_counter()
    from gxdesk.importer import SUFFIXES, import_file

    print(f"import gxdesk.importer: {(time.perf_counter() - started) * 1000:.1f} ms")

    from tests import layouts
    from tests.factories import large_report

    report = large_report()
    blocks = layouts.document(report)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "large .docx (merged cells)": folder / "large.docx",
            "large .txt (tab-separated)": folder / "large-tab.txt",
            "large .txt (one cell a line)": folder / "large-lines.txt",
            "large .html (rowspan/colspan)": folder / "large.html",
        }
        layouts.docx_document(blocks, files["large .docx (merged cells)"])
        files["large .txt (tab-separated)"].write_text(layouts.text_document(blocks), encoding="utf-8")
        files["large .txt (one cell a line)"].write_text(
            layouts.text_document(blocks, layouts.one_cell_a_line), encoding="utf-8")
        files["large .html (rowspan/colspan)"].write_text(layouts.html_document(blocks), encoding="utf-8")
        for path in sorted((ROOT / "tests" / "data" / "real").iterdir()):
            if path.suffix in SUFFIXES:  # the folder also holds the same reports typed into .gxr
                files[f"real {path.name}"] = path

        print(f"{'source':34} {'size':>8} {'first':>9} {'median':>9}   ({runs} runs)")
        for name, path in files.items():
            first, median = _time(lambda p=path: import_file(p), runs)
            assert import_file(path).report.cells, name
            print(f"{name:34} {path.stat().st_size / 1024:6.1f}kB {first:7.1f}ms {median:7.1f}ms")


def _time(call: object, runs: int) -> tuple[float, float]:
    assert callable(call)
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times[1:])


if __name__ == "__main__":
    main()
