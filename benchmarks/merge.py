"""汇总 speed: ``gxdesk merge`` of 1,000 .gxr units in one process, cross-unit text comparison included.

    .venv/bin/python benchmarks/merge.py [UNITS]

Writes UNITS (default 1,000) balanced reports with random figures and
narrative of their own (about 1,400 characters each; a few pairs copied from
one another) into a temporary folder, then runs ``gxdesk merge FOLDER -o
OUT.gxr --organ …`` in this process three times, and prints the time of each
run and its parts (reading, checking and adding up, comparing texts), the
peak memory Python allocated (tracemalloc, a separate run: tracing slows it)
and the process's resident memory. Prints figures; asserts nothing.
"""

from __future__ import annotations

import contextlib
import io
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gxdesk import gxr
from gxdesk.cli import main
from gxdesk.summary import similar
from gxdesk.summary.analyse import summarise
from gxdesk.summary.sources import find_inputs, read_source
from tests.factories import unit_report

COPIED_PAIRS = 5


def write_units(folder: Path, count: int) -> None:
    rng = random.Random(2025)
    reports = [unit_report(rng, f"测试县第{i + 1}单位") for i in range(count)]
    for i in range(COPIED_PAIRS):  # unit 2i+1 copied unit 2i's problems and improvements
        for part in ("problems", "improvements"):
            reports[2 * i + 1].text[part] = reports[2 * i].text[part]
    for i, report in enumerate(reports):
        gxr.save(report, folder / f"unit{i:04d}.gxr")


def run_merge(folder: Path, out: Path) -> tuple[float, int]:
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        code = main(["merge", str(folder), "-o", str(out), "--organ", "测试县人民政府"])
    elapsed = time.perf_counter() - start
    assert "已汇总" in printed.getvalue(), printed.getvalue()[-300:]
    return elapsed, code


def parts(folder: Path) -> str:
    start = time.perf_counter()
    sources = [read_source(p) for p in find_inputs([folder])]
    read = time.perf_counter() - start
    start = time.perf_counter()
    reports = [(s.name, s.report) for s in sources if s.report is not None]
    pairs, _ = similar.similar_texts(reports)
    compare = time.perf_counter() - start
    start = time.perf_counter()
    result = summarise(sources, "测试县人民政府")
    whole = time.perf_counter() - start
    return (f"read {read:.2f} s, compare texts {compare:.2f} s ({len(pairs)} pairs found), "
            f"summarise incl. comparing and adding up {whole:.2f} s; {len(result.counted)} units counted")


def main_() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "units", Path(tmp) / "county.gxr"
        folder.mkdir()
        write_units(folder, count)
        chars = sum(len("".join(gxr.load(p).text.values())) for p in sorted(folder.iterdir())[:50]) / 50
        print(f"{count} units, about {chars:,.0f} characters of narrative each, {COPIED_PAIRS} pairs copied")
        times = []
        for _ in range(3):
            elapsed, code = run_merge(folder, out)
            times.append(elapsed)
        print(f"gxdesk merge of {count} .gxr units in one process: {', '.join(f'{t:.2f}' for t in times)} s "
              f"(best {min(times):.2f} s; exit {code})")
        print("parts:", parts(folder))
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        run_merge(folder, out)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"memory: tracemalloc peak {peak / 2**20:.1f} MB during one merge; "
              f"peak resident set {rss / 1024:.0f} MB (was {rss_before / 1024:.0f} MB before the traced run)")


if __name__ == "__main__":
    main_()
