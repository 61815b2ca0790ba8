"""Start-up of the real window against a bare PySide6 window with the same tabs.

    .venv/bin/python benchmarks/startup.py [RUNS]

Two starts of gxdesk: a first start (its start page), and a start that reopens
the report worked on last (a copy of the sample, named in settings.json). Spawns
RUNS processes of each of the three, interleaved, offscreen; each quits after
its first paint. Prints the median wall and CPU time from spawn to exit, the
ratios against the bare window (target <= 1.3 for both: of the medians, and the
median of each round's own ratio, steadier on a machine whose speed drifts) and each program's
peak resident memory (target <= 150 MB). CPU time is the steadier figure on a
shared machine.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gxdesk
from gxdesk.gui.app import EXIT_ON_PAINT_ENV
from gxdesk.resources import data_file
from gxdesk.rules import META_SECTION
from gxdesk.schema import SECTIONS, TABLE_BY_SECTION
from gxdesk.settings import FILE_NAME, Settings

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds from spawn to exit, CPU seconds (user + system), peak RSS in kB (0 where unknown).

    CPU time is reported beside wall time because other work on a shared
    machine stretches wall time far more than the CPU a start-up needs."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    else:
        process.wait()
        elapsed, cpu, peak = time.perf_counter() - start, float("nan"), 0
    if process.returncode != 0:
        raise SystemExit(f"{command} exited with {process.returncode}")
    return elapsed, cpu, peak


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    # An installed gxdesk has its bytecode (pip and PyInstaller compile it); a checkout
    # run with PYTHONDONTWRITEBYTECODE would compile every module at every start.
    compileall.compile_dir(str(Path(gxdesk.__file__).parent), quiet=1)
    first = tempfile.mkdtemp(prefix="gxdesk-bench-first-")
    again = Path(tempfile.mkdtemp(prefix="gxdesk-bench-again-"))
    report = again / "上次的报告.gxr"
    shutil.copyfile(data_file("sample.gxr"), report)
    Settings(recent=[str(report)]).save(again / FILE_NAME)
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_ON_PAINT_ENV: "1"}
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    tabs = [META_SECTION, *(s.short for s in SECTIONS)]
    tables = ",".join(str(i + 1) for i, s in enumerate(SECTIONS) if s.id in TABLE_BY_SECTION)
    bare = "bare PySide6"
    commands = {
        "start page": ([sys.executable, "-m", "gxdesk"], {**base, "GXDESK_HOME": first}),
        "reopened": ([sys.executable, "-m", "gxdesk"], {**base, "GXDESK_HOME": str(again)}),
        bare: ([sys.executable, str(HERE / "bare_window.py"), *tabs, f"--tables={tables}"], base),
    }
    for command, env in commands.values():
        timed(command, env)  # warm the disk cache once
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            results[name].append(timed(command, env))
    wall, cpu = {}, {}
    for name, samples in results.items():
        wall[name] = statistics.median(s[0] for s in samples)
        cpu[name] = statistics.median(s[1] for s in samples)
        peak = max(s[2] for s in samples) / 1024
        print(f"{name:13s} start-up to first paint: wall median {wall[name] * 1000:5.0f} ms "
              f"(min {min(s[0] for s in samples) * 1000:.0f}), CPU median {cpu[name] * 1000:5.0f} ms "
              f"(min {min(s[1] for s in samples) * 1000:.0f}), {runs} runs; peak RSS {peak:.0f} MB")
    for name in ("start page", "reopened"):
        # Each round's three runs follow one another, so a round's ratio cancels the machine's
        # slow and fast spells; its median is steadier than the ratio of the medians.
        rounds = zip(results[name], results[bare], strict=True)
        paired = statistics.median(ours[1] / theirs[1] for ours, theirs in rounds)
        print(f"ratio {name} / bare: wall {wall[name] / wall[bare]:.2f}, CPU {cpu[name] / cpu[bare]:.2f}, "
              f"CPU run by run (median) {paired:.2f}  (target <= 1.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
