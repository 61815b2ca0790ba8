"""How long the documents take: in-process, whole process, and LibreOffice for comparison.

    .venv/bin/python benchmarks/render.py

Prints the median (and the fastest) of several runs of rendering the built-in sample:
- in-process .docx and PDF (after a first render has loaded the libraries,
  parsed the fonts and compiled the template — the window's situation);
- the first PDF of a process, as the window's first export, with the font
  cache cold (an empty cache folder) and warm (filled by an earlier run);
- a whole ``gxdesk render`` process for each format, the PDF again with a cold
  and a warm font cache (a clerk at the command line), and without the cache,
  as an untested ReportLab release gets it (the fence in ``render/rl.py``);
- the same .docx converted to PDF by LibreOffice headless (cold, then with a
  warm profile), the way a user without gxdesk's PDF path would get a PDF,
  and how many times faster our PDF path is: whole process against whole
  process, the runs interleaved (ours, LibreOffice's, ours, …) so that a
  busy machine slows both alike, in wall-clock and in CPU time.
Processes run with compiled bytecode, as an installed gxdesk has it
(PYTHONDONTWRITEBYTECODE is dropped, bytecode goes to a temporary
PYTHONPYCACHEPREFIX filled by a first run), and with GXDESK_HOME in a
temporary folder, so the user's own cache is never touched.
Targets (issues 4 and 14): .docx ≤ 200 ms and PDF ≤ 300 ms in process; a whole
``gxdesk render -o x.pdf`` process ≥ 5× faster than LibreOffice's warm start.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.mkdtemp(prefix="gxdesk-bench-"))
os.environ["GXDESK_HOME"] = str(SCRATCH / "home")  # before gxdesk looks for its cache

from gxdesk.render import render  # noqa: E402
from gxdesk.resources import data_file  # noqa: E402
from gxdesk.sample import load_sample  # noqa: E402
from tests.office import convert_to_pdf, soffice  # noqa: E402

FIRST_PDF = """
import time
from gxdesk.render import render_bytes
from gxdesk.sample import load_sample
report = load_sample()
start = time.perf_counter()
render_bytes(report, ".pdf")
print((time.perf_counter() - start) * 1000)
"""

# gxdesk render as on a ReportLab release outside rl.TESTED_VERSIONS: every font parsed by ReportLab.
FENCED = """
import sys, reportlab
reportlab.Version = "0.0-untested"
from gxdesk.cli import main
sys.argv[0] = "gxdesk"
sys.exit(main())
"""


def timings_ms(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def figures(times: list[float]) -> str:
    return f"{statistics.median(times):7.0f} ms  (fastest {min(times):.0f})"


class Processes:
    """Python subprocesses with bytecode and a font cache that is warm, or cold for every run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        self.warm_home = folder / "warm-home"
        self.cold_runs = 0

    def run(self, args: list[str], cold: bool = False) -> str:
        if cold:
            self.cold_runs += 1
            home = self.folder / f"cold-home-{self.cold_runs}"
        else:
            home = self.warm_home
        env = {**self.env, "GXDESK_HOME": str(home)}
        result = subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True, env=env,
                                cwd=ROOT)
        return result.stdout

    def timed(self, args: list[str], runs: int, cold: bool = False) -> list[float]:
        return timings_ms(lambda: self.run(args, cold), runs)


    def first_pdf(self, runs: int, cold: bool) -> list[float]:
        return [float(self.run(["-c", FIRST_PDF], cold)) for _ in range(runs)]


def wall_and_cpu_ms(action: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU time (user + system, of the child processes it ran) of one action."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    action()
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def main() -> None:
    report = load_sample()
    docx, pdf = SCRATCH / "sample.docx", SCRATCH / "sample.pdf"
    first = {}
    for path in (docx, pdf):
        start = time.perf_counter()
        render(report, path)
        first[path.suffix] = (time.perf_counter() - start) * 1000
    in_docx = timings_ms(lambda: render(report, docx), 15)
    in_pdf = timings_ms(lambda: render(report, pdf), 15)
    print(f"in-process .docx              {figures(in_docx)}  first render {first['.docx']:.0f} ms; target ≤ 200")
    print(f"in-process PDF                {figures(in_pdf)}  first render {first['.pdf']:.0f} ms (empty font cache); "
          "target ≤ 300")

    processes = Processes(SCRATCH)
    command = ["-m", "gxdesk", "render", str(data_file("sample.gxr")), "-o"]
    processes.run([*command, str(pdf)])  # compiles the bytecode and fills the warm font cache
    print(f"first PDF of a process, cold  {figures(processes.first_pdf(5, cold=True))}  (the window's first export)")
    print(f"first PDF of a process, warm  {figures(processes.first_pdf(7, cold=False))}")
    proc_docx = processes.timed([*command, str(docx)], 5)
    proc_cold = processes.timed([*command, str(pdf)], 5, cold=True)
    proc_warm = processes.timed([*command, str(pdf)], 9)
    proc_fenced = processes.timed(["-c", FENCED, *command[2:], str(pdf)], 5)
    print(f"gxdesk render -o .docx        {figures(proc_docx)}  whole process")
    print(f"gxdesk render -o .pdf, cold   {figures(proc_cold)}  whole process, empty font cache")
    print(f"gxdesk render -o .pdf, warm   {figures(proc_warm)}  whole process, font cache filled")
    print(f"gxdesk render -o .pdf, fenced {figures(proc_fenced)}  whole process, no font cache (untested ReportLab)")

    if soffice() is None:
        print("LibreOffice (soffice) not installed: no comparison")
        return
    out = SCRATCH / "lo"
    cold = timings_ms(lambda: convert_to_pdf(docx, out), 1)
    profile = SCRATCH / "profile"
    convert_to_pdf(docx, out, profile=profile)  # create the profile once
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(7):  # interleaved: a busy machine slows both alike
        ours.append(wall_and_cpu_ms(lambda: processes.run([*command, str(pdf)])))
        theirs.append(wall_and_cpu_ms(lambda: convert_to_pdf(docx, out, profile=profile)))
    lo_wall, lo_cpu = (statistics.median(t[i] for t in theirs) for i in (0, 1))
    our_wall, our_cpu = (statistics.median(t[i] for t in ours) for i in (0, 1))
    print(f"LibreOffice .docx → PDF       {figures([t[0] for t in theirs])}  warm profile, CPU {lo_cpu:.0f} ms; "
          f"cold profile {cold[0]:.0f} ms")
    print(f"gxdesk render -o .pdf         {figures([t[0] for t in ours])}  same runs, CPU {our_cpu:.0f} ms")
    print(f"our PDF process is {lo_wall / our_wall:.1f}× faster than LibreOffice's warm start in wall-clock time, "
          f"{lo_cpu / our_cpu:.1f}× in CPU time ({cold[0] / our_wall:.1f}× against its cold start; "
          f"{lo_wall / statistics.median(in_pdf):.0f}× in process); target ≥ 5×")


if __name__ == "__main__":
    main()
