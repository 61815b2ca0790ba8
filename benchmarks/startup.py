"""Start-up of the real window (sample loaded) against a bare PySide6 window with the same tabs.

    .venv/bin/python benchmarks/startup.py [RUNS]

Spawns RUNS processes of each, alternating, offscreen; each quits after its
first paint. Prints the median wall time from spawn to exit, the ratio
(target <= 1.3) and each program's peak resident memory (target <= 150 MB).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gxdesk
from gxdesk.gui.app import EXIT_ON_PAINT_ENV
from gxdesk.rules import META_SECTION
from gxdesk.schema import SECTIONS, TABLE_BY_SECTION

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from spawn to exit, and peak RSS in kB (Linux; 0 elsewhere)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss
    else:
        process.wait()
        elapsed, peak = time.perf_counter() - start, 0
    if process.returncode != 0:
        raise SystemExit(f"{command} exited with {process.returncode}")
    return elapsed, peak


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    # An installed gxdesk has its bytecode (pip and PyInstaller compile it); a checkout
    # run with PYTHONDONTWRITEBYTECODE would compile every module at every start.
    compileall.compile_dir(str(Path(gxdesk.__file__).parent), quiet=1)
    home = tempfile.mkdtemp(prefix="gxdesk-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GXDESK_HOME": home, EXIT_ON_PAINT_ENV: "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tabs = [META_SECTION, *(s.short for s in SECTIONS)]
    tables = ",".join(str(i + 1) for i, s in enumerate(SECTIONS) if s.id in TABLE_BY_SECTION)
    commands = {
        "gxdesk": [sys.executable, "-m", "gxdesk"],
        "bare PySide6": [sys.executable, str(HERE / "bare_window.py"), *tabs, f"--tables={tables}"],
    }
    for command in commands.values():
        timed(command, env)  # warm the disk cache once
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(timed(command, env))
    medians = {}
    for name, samples in results.items():
        medians[name] = statistics.median(t for t, _ in samples)
        peak = max(kb for _, kb in samples) / 1024
        print(f"{name:14s} start-up to first paint: median {medians[name] * 1000:6.0f} ms"
              f"  (min {min(t for t, _ in samples) * 1000:.0f}, max {max(t for t, _ in samples) * 1000:.0f}, "
              f"{runs} runs)   peak RSS {peak:.0f} MB")
    ratio = medians["gxdesk"] / medians["bare PySide6"]
    print(f"ratio gxdesk / bare: {ratio:.2f}  (target <= 1.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
