"""Import time, in process (targets: a 10-page PDF ≤ 1 s, every other source ≤ 200 ms).

    .venv/bin/python benchmarks/import_speed.py [--runs N] [--no-scale]

The large report (non-zero figures everywhere) is written as a .docx with the
official merged cells, as tab-separated text, as one-cell-a-line text, as an
HTML page, and as gxdesk's PDF: its own, and a 10-page one with its text parts
repeated; a PDF whose tables have no rules (ReportLab); the three real published
reports are read as they are. Prints the first call (which also loads the
reader's modules) and the median of N calls.

Then the scale: pages of 5,000 to 20,000 table rows (the line limit), to show
that the time grows linearly with the size, and how long a source at the limit
takes before it is refused or read.
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
    parser.add_argument("--no-scale", action="store_true", help="skip the scaling figures")
    options = parser.parse_args()

    started = time.perf_counter()
    from gxdesk.importer import SUFFIXES, import_file

    print(f"import gxdesk.importer: {(time.perf_counter() - started) * 1000:.1f} ms")

    from gxdesk.render import render
    from tests import layouts, pdfs
    from tests.factories import large_report

    report = large_report()
    blocks = layouts.document(report)
    long = large_report()
    for part in long.text:
        if part != "preamble":
            long.text[part] = "\n".join([long.text[part]] * 7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "large .docx (merged cells)": folder / "large.docx",
            "large .txt (tab-separated)": folder / "large-tab.txt",
            "large .txt (one cell a line)": folder / "large-lines.txt",
            "large .html (rowspan/colspan)": folder / "large.html",
            "large .pdf (gxdesk's)": folder / "large.pdf",
            "large .pdf (tables without rules)": folder / "unruled.pdf",
            "10-page .pdf (gxdesk's)": folder / "ten-pages.pdf",
        }
        layouts.docx_document(blocks, files["large .docx (merged cells)"])
        files["large .txt (tab-separated)"].write_text(layouts.text_document(blocks), encoding="utf-8")
        files["large .txt (one cell a line)"].write_text(
            layouts.text_document(blocks, layouts.one_cell_a_line), encoding="utf-8")
        files["large .html (rowspan/colspan)"].write_text(layouts.html_document(blocks), encoding="utf-8")
        render(report, files["large .pdf (gxdesk's)"])
        pdfs.unruled(report, files["large .pdf (tables without rules)"])
        render(long, files["10-page .pdf (gxdesk's)"])
        for path in sorted((ROOT / "tests" / "data" / "real").iterdir()):
            if path.suffix in SUFFIXES:  # the folder also holds the same reports typed into .gxr
                files[f"real {path.name}"] = path

        print(f"{'source':36} {'size':>8} {'pages':>5} {'first':>9} {'median':>9}   ({options.runs} runs)")
        for name, path in files.items():
            first, median = _time(lambda p=path: import_file(p), options.runs)
            assert import_file(path).report.cells, name
            print(f"{name:36} {path.stat().st_size / 1024:6.1f}kB {_pages(path):>5} {first:7.1f}ms {median:7.1f}ms")
    if not options.no_scale:
        _scale()


def _pages(path: Path) -> str:
    if path.suffix != ".pdf":
        return ""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return str(len(document))
    finally:
        document.close()


def _scale() -> None:
    """Rows of a saved page: linear growth, and the line limit's cost."""
    from gxdesk.errors import InputError
    from gxdesk.importer import import_bytes, limits

    print(f"\nscale: a page of N table rows (limit {limits.MAX_LINES:,} lines)")
    for rows in (5_000, 10_000, limits.MAX_LINES - 10, limits.MAX_LINES + 1):
        cells = "".join(f"<tr><td>第{i}行</td><td>{i}</td><td>{i + 1}</td></tr>" for i in range(rows))
        page = (f"<html><body><h2>一、总体情况</h2><table>{cells}</table></body></html>").encode()
        started = time.perf_counter()
        try:
            import_bytes(page, "html", "rows.html")
            outcome = "read"
        except InputError:
            outcome = "refused"
        print(f"{rows:>7,} rows {len(page) / 1024 / 1024:5.1f} MB  {time.perf_counter() - started:6.2f} s  {outcome}")


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
