"""Core speed: totals + all rules for one report, and `check` of 1,000 files in one process.

    .venv/bin/python benchmarks/core.py

Prints figures; asserts nothing (speed is measured here, never in timed tests).
"""

from __future__ import annotations

import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.model import Report
from gxdesk.rules import check
from gxdesk.schema import TABLES
from tests.factories import large_report


def totals_and_rules(report: Report) -> None:
    for table in TABLES:
        for row, column in table.cells():
            report.value(table.id, row.id, column.id)
    check(report)


def per_call_us(fn, *args, repeat: int = 2000) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1e6, times[int(len(times) * 0.95)] * 1e6


def main_() -> None:
    report = large_report()
    median, p95 = per_call_us(totals_and_rules, report)
    print(f"totals (every cell) + all rules, one report: median {median:.0f} µs, p95 {p95:.0f} µs")
    previous = large_report()
    median, p95 = per_call_us(check, report, previous)
    print(f"all rules incl. cross-year against last year: median {median:.0f} µs, p95 {p95:.0f} µs")

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(1000):
            path = Path(folder) / f"r{i}.gxr"
            report.cells[("requests", "new", "other")] += i % 2  # half of them unbalanced
            gxr.save(report, path)
            paths.append(str(path))
        start = time.perf_counter()
        codes = []
        with contextlib.redirect_stdout(io.StringIO()):
            for path in paths:
                codes.append(main(["check", path]))
        elapsed = time.perf_counter() - start
    print(f"gxdesk check of 1,000 files in one process: {elapsed:.2f} s "
          f"({elapsed:.2f} ms per file, load + rules + output; exit codes {sorted(set(codes))})")


if __name__ == "__main__":
    main_()
