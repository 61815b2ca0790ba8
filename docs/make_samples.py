"""Regenerate docs/samples/: three reports as .docx and PDF, and PNG pages of both.

    .venv/bin/python docs/make_samples.py

- ``sample``: the built-in sample;
- ``long-text``: long text over many pages, sub-headings typed by the clerk in 五 and 六, figures and
  paired punctuation in the text, six-digit figures in 三 (``tests.factories.long_text_report``);
- ``long-organ``: the sample signed by a body with a 40-character name.

``NAME-pdf-N.png`` are the pages of our PDF; ``NAME-docx-N.png`` the pages of the .docx as
LibreOffice headless lays it out (the fonts the .docx names are mapped to this machine's
TrueType CJK fonts, as Windows would supply the real ones). The files are dated 2026-01-20
(SOURCE_DATE_EPOCH), so that regenerating them changes only what changed.
Needs poppler-utils (pdftoppm) and libreoffice-writer-nogui (soffice).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1768867200")

from gxdesk.render import render  # noqa: E402
from gxdesk.sample import load_sample  # noqa: E402
from tests.factories import long_organ_report, long_text_report  # noqa: E402
from tests.office import convert_all  # noqa: E402

OUT = ROOT / "docs" / "samples"
DPI = "50"  # small PNGs: enough to see the layout, little for the repository to carry
REPORTS = {"sample": (load_sample, False), "long-text": (long_text_report, False),
           "long-organ": (long_organ_report, False)}


def pages_to_png(pdf: Path, prefix: str) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", DPI, "-gray", "-png", str(pdf), str(OUT / prefix)], check=True)
    pages = sorted(OUT.glob(f"{prefix}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    for png in pages:
        shrink(png)
    return pages


def shrink(png: Path) -> None:
    """Sixteen grey levels are enough for a page of text: a quarter of the bytes (needs Pillow)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        image.convert("L").quantize(colors=16, dither=Image.Dither.NONE).save(png, optimize=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    made: list[Path] = []
    documents = []
    for name, (make, seal) in REPORTS.items():
        report = make()
        for suffix in (".docx", ".pdf"):
            path = OUT / f"{name}{suffix}"
            for note in render(report, path, seal=seal):
                print(f"{path.name}: {note}")
            made.append(path)
        documents.append(OUT / f"{name}.docx")
        made += pages_to_png(OUT / f"{name}.pdf", f"{name}-pdf")
    with tempfile.TemporaryDirectory() as tmp:
        for name, converted in zip(REPORTS, convert_all(documents, Path(tmp)), strict=True):
            made += pages_to_png(converted, f"{name}-docx")
    for path in made:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
