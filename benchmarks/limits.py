"""What the biggest report the limits allow costs: loading it, saving it, printing it.

    .venv/bin/python benchmarks/limits.py

The limits (gxdesk/limits.py, docs/reliability.md) are five times the longest real
reports. Each shape below is a report right at them, in the forms that cost a
writer most: every part full of normal paragraphs; one part at its own limit as
one paragraph without a break; every part at its line limit of short lines; and
the probe's 9 MB report for comparison (refused now, before it is read). Prints
the median of three runs after a first one has loaded the libraries and fonts.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.mkdtemp(prefix="gxdesk-bench-"))
os.environ["GXDESK_HOME"] = str(SCRATCH / "home")

from gxdesk import gxr, limits  # noqa: E402
from gxdesk.errors import InputError  # noqa: E402
from gxdesk.model import Report  # noqa: E402
from gxdesk.render import render_bytes  # noqa: E402
from gxdesk.sample import load_sample  # noqa: E402
from gxdesk.schema import TEXT_IDS  # noqa: E402

SENTENCE = "根据《中华人民共和国政府信息公开条例》的规定，本机关认真做好政府信息公开工作，主动公开各类政府信息。"


def _with_text(texts: dict[str, str]) -> Report:
    report = load_sample()
    report.organ = "某" * limits.MAX_META_CHARS["organ"]
    report.title = "题" * limits.MAX_META_CHARS["title"]
    report.text = {part: texts.get(part, "") for part in TEXT_IDS}
    limits.check_report(report)  # allowed, right at the limits
    return report


def paragraphs(chars: int, width: int = 60) -> str:
    lines = [(SENTENCE * (width // len(SENTENCE) + 1))[:width]] * (chars // (width + 1))
    return "\n".join(lines)


SHAPES: dict[str, Callable[[], Report]] = {
    "all parts full, paragraphs of 60": lambda: _with_text(
        {p: paragraphs(limits.MAX_TEXT_CHARS // len(TEXT_IDS)) for p in TEXT_IDS}),
    "one part full, one paragraph": lambda: _with_text({"other": (SENTENCE * 2000)[: limits.MAX_PART_CHARS]}),
    "all parts at the line limit, 9 a line": lambda: _with_text(
        {p: "\n".join(["政务公开信息平台"[:8] + "。"] * limits.MAX_PART_LINES) for p in TEXT_IDS}),
}


def timed(work: Callable[[], object], runs: int = 3) -> float:
    work()  # libraries, fonts, template
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, report: Report) -> None:
    path = SCRATCH / "big.gxr"
    size = len(gxr.dumps(report).encode("utf-8"))
    load = timed(lambda: gxr.save(report, path) and gxr.load(path))
    pdf = timed(lambda: render_bytes(report, ".pdf"))
    docx = timed(lambda: render_bytes(report, ".docx"))
    chars = sum(map(len, report.text.values()))
    print(f"{name:40} {chars:>7,} chars, {size / 1024:5.0f} kB: save+load {load * 1000:5.0f} ms, "
          f"PDF {pdf:5.2f} s, .docx {docx:5.2f} s")


def main() -> None:
    print(f"limits: {limits.MAX_PART_CHARS:,} characters and {limits.MAX_PART_LINES:,} lines a part, "
          f"{limits.MAX_TEXT_CHARS:,} in all, files up to {limits.MAX_FILE_BYTES // 1024 // 1024} MB")
    for name, make in SHAPES.items():
        measure(name, make())
    huge = SCRATCH / "9mb.gxr"
    report = load_sample()
    report.text["other"] = SENTENCE * 60_000
    huge.write_bytes(gxr.dumps(report).encode("utf-8"))
    start = time.perf_counter()
    try:
        gxr.load(huge)
    except InputError as error:
        print(f"the probe's {huge.stat().st_size / 1e6:.0f} MB report: refused in "
              f"{(time.perf_counter() - start) * 1000:.1f} ms ({error})")


if __name__ == "__main__":
    main()
