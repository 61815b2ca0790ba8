"""Core speed: totals + all rules for one report, and `check` of 1,000 files in one process.

    .venv/bin/python benchmarks/core.py

Prints figures; asserts nothing (speed is measured here, never in timed tests).

The rules on the text read each part once and keep what they found per text, so the window
pays on a keystroke only for the part typed in. Three figures show it: *cold* (nothing read
yet: a report just opened), *keystroke* (one part changed since the last check) and *warm*
(nothing changed), beside the rules on the tables alone for comparison on a busy machine.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.model import Report
from gxdesk.rules import TABLE_RULES, check
from gxdesk.sample import load_sample
from gxdesk.schema import TABLES
from tests.factories import large_report


def totals_and_rules(report: Report) -> None:
    for table in TABLES:
        for row, column in table.cells():
            report.value(table.id, row.id, column.id)
    check(report)


def per_call_us(fn: Callable[[int], object], repeat: int = 2000) -> tuple[float, float]:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1e6, times[int(len(times) * 0.95)] * 1e6


def text_caches() -> list[functools._lru_cache_wrapper[object]]:
    sample = load_sample()
    start = time.perf_counter()
    check(sample)  # every pattern compiled, every cache made
    print(f"first check in this process (the text checks' patterns compile): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms (the window runs it after its first paint)")
    return [o for o in gc.get_objects()
            if isinstance(o, functools._lru_cache_wrapper) and o.__module__.startswith("gxdesk.text_checks")]


def show(what: str, figures: tuple[float, float]) -> None:
    print(f"{what}: median {figures[0]:.0f} µs, p95 {figures[1]:.0f} µs")


def main_() -> None:
    caches = text_caches()

    def cold(report: Report) -> Callable[[int], object]:
        def run(_: int) -> None:
            for cache in caches:
                cache.cache_clear()
            totals_and_rules(report)
        return run

    def keystroke(report: Report, part: str) -> Callable[[int], object]:
        typed = report.text[part]

        def run(i: int) -> None:
            report.text[part] = typed + "新" * (i % 97)  # a text not read before (the cache keeps 256)
            totals_and_rules(report)
        return run

    for name, report in (("large report", large_report()), ("built-in sample (real-length text)", load_sample())):
        print(f"— {name}")
        show("  rules on the tables only", per_call_us(lambda _, r=report: [list(rule(r)) for rule in TABLE_RULES]))
        show("  totals (every cell) + all rules incl. text, cold", per_call_us(cold(report), 500))
        show("  totals + all rules incl. text, one part typed in (keystroke)",
             per_call_us(keystroke(report, "on_request")))
        show("  totals + all rules incl. text, warm", per_call_us(lambda _, r=report: totals_and_rules(r)))
    report, previous = large_report(), large_report()
    show("all rules incl. cross-year against last year (large, warm)", per_call_us(lambda _: check(report, previous)))

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
