"""Start-up of the frozen program against a frozen bare PySide6 window built the same way.

    python installer/startup_ratio.py [RUNS]     (after build.py --bare-window)

Both are the windowed programs of dist/ (gxdeskw and bare-window), started alternately RUNS
times with the platform plugin the machine has (Windows' own on Windows and under Wine), each
quitting after its first paint: gxdeskw on its start page (a first start), the bare window with the
same tabs and empty table views (benchmarks/bare_window.py). Prints the median time from
spawn to exit of each and their ratio. A figure for the README, never a pass/fail test.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundling

from gxdesk.gui.app import EXIT_ON_PAINT_ENV
from gxdesk.rules import META_SECTION
from gxdesk.schema import SECTIONS, TABLE_BY_SECTION

DIST = bundling.ROOT / "dist"
EXE = ".exe" if bundling.on_windows() else ""


def seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    code = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=120).returncode
    if code != 0:
        raise SystemExit(f"startup_ratio: {command[0]} exited with {code}")
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 5
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update({EXIT_ON_PAINT_ENV: "1", "GXDESK_HOME": tempfile.mkdtemp(prefix="gxdesk-startup-")})
    tabs = [META_SECTION, *(s.short for s in SECTIONS)]
    tables = ",".join(str(i + 1) for i, s in enumerate(SECTIONS) if s.id in TABLE_BY_SECTION)
    commands = {
        "gxdeskw": [str(DIST / "gxdesk" / ("gxdeskw" + EXE))],
        "bare PySide6": [str(DIST / "bare-window" / ("bare-window" + EXE)), *tabs, f"--tables={tables}"],
    }
    for command in commands.values():
        seconds(command, env)  # once each to warm the disk cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(seconds(command, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:13s} frozen, spawn to first paint and exit: median {median[name] * 1000:5.0f} ms "
              f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}, {runs} runs)")
    print(f"start-up ratio gxdeskw / bare PySide6 window (frozen): {median['gxdeskw'] / median['bare PySide6']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
