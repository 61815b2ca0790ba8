"""How long the documents take: in-process, whole process, and LibreOffice for comparison.

    .venv/bin/python benchmarks/render.py

Prints the median of several runs of rendering the built-in sample:
- in-process .docx and PDF (after a first render has loaded the libraries,
  parsed the fonts and compiled the template — the window's situation);
- a whole ``gxdesk render`` process for each format (a clerk at the command line);
- the same .docx converted to PDF by LibreOffice headless (cold, then with a
  warm profile), the way a user without gxdesk's PDF path would get a PDF,
  and how many times faster our PDF path is.
Targets (issue 4): .docx ≤ 200 ms and PDF ≤ 300 ms in process; our PDF ≥ 5× faster.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gxdesk.render import render  # noqa: E402
from gxdesk.resources import data_file  # noqa: E402
from gxdesk.sample import load_sample  # noqa: E402
from tests.office import convert_to_pdf, soffice  # noqa: E402


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    report = load_sample()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx, pdf = folder / "sample.docx", folder / "sample.pdf"
        first = {}
        for path in (docx, pdf):
            start = time.perf_counter()
            render(report, path)
            first[path.suffix] = (time.perf_counter() - start) * 1000
        in_docx = median_ms(lambda: render(report, docx), 15)
        in_pdf = median_ms(lambda: render(report, pdf), 15)
        print(f"in-process .docx           {in_docx:7.0f} ms  (first render {first['.docx']:.0f} ms; target ≤ 200)")
        print(f"in-process PDF             {in_pdf:7.0f} ms  (first render {first['.pdf']:.0f} ms; target ≤ 300)")

        sample = str(data_file("sample.gxr"))
        command = [sys.executable, "-m", "gxdesk", "render", sample, "-o"]
        proc_docx = median_ms(lambda: subprocess.run([*command, str(docx)], check=True, capture_output=True), 5)
        proc_pdf = median_ms(lambda: subprocess.run([*command, str(pdf)], check=True, capture_output=True), 5)
        print(f"gxdesk render -o .docx     {proc_docx:7.0f} ms  (whole process)")
        print(f"gxdesk render -o .pdf      {proc_pdf:7.0f} ms  (whole process)")

        if soffice() is None:
            print("LibreOffice (soffice) not installed: no comparison")
            return
        out = folder / "lo"
        cold = median_ms(lambda: convert_to_pdf(docx, out), 1)
        profile = folder / "profile"
        convert_to_pdf(docx, out, profile=profile)  # create the profile once
        warm = median_ms(lambda: convert_to_pdf(docx, out, profile=profile), 3)
        print(f"LibreOffice .docx → PDF    {warm:7.0f} ms  (warm profile; cold {cold:.0f} ms)")
        print(f"our PDF path is {warm / proc_pdf:.1f}× faster as a process, "
              f"{warm / in_pdf:.0f}× in process (target ≥ 5×)")


if __name__ == "__main__":
    main()
