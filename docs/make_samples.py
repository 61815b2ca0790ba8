"""Regenerate docs/samples/: the built-in sample as .docx and PDF, and PNG renders of both.

    .venv/bin/python docs/make_samples.py

pdf-N.png are the pages of our PDF; docx-N.png the pages of the .docx as
LibreOffice headless lays it out (the fonts the .docx names are mapped to
this machine's TrueType CJK fonts, as Windows would supply the real ones).
Needs poppler-utils (pdftoppm) and libreoffice-writer-nogui (soffice).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gxdesk.render import render  # noqa: E402
from gxdesk.sample import load_sample  # noqa: E402
from tests.office import convert_to_pdf  # noqa: E402

OUT = ROOT / "docs" / "samples"
DPI = "70"


def pages_to_png(pdf: Path, prefix: str) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", DPI, "-png", str(pdf), str(OUT / prefix)], check=True)
    return sorted(OUT.glob(f"{prefix}-*.png"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    report = load_sample()
    docx, pdf = OUT / "sample.docx", OUT / "sample.pdf"
    for path in (docx, pdf):
        for warning in render(report, path):
            print("warning:", warning)
    made = pages_to_png(pdf, "pdf")
    with tempfile.TemporaryDirectory() as tmp:
        made += pages_to_png(convert_to_pdf(docx, Path(tmp)), "docx")
    for path in (docx, pdf, *made):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
