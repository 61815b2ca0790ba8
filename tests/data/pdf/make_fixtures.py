"""Regenerate the PDF-copy fixtures: the large report as .docx → PDF (LibreOffice) → text (pdftotext).

    .venv/bin/python tests/data/pdf/make_fixtures.py

Needs soffice and pdftotext (both installed by .ci/run). The tables get the proportions of
published ones (wide label columns, 7.5 pt figures), so that no figure wraps inside its cell.
Three extractions: -layout (columns kept apart by spaces), -raw (content-stream order) and the
default (column by column: a layout the importer cannot read, and must say so).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

import docx  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from tests import layouts  # noqa: E402
from tests.factories import large_report  # noqa: E402

WIDTHS = {4: [60, 40, 40, 40], 10: [14, 18, 40] + [14] * 7, 15: [12] * 15}  # mm, by column count


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "large.docx"
        layouts.docx_document(layouts.document(large_report()), source)
        document = docx.Document(str(source))
        section = document.sections[0]
        section.left_margin = section.right_margin = Mm(15)
        for table in document.tables:
            widths = WIDTHS[len(table.columns)]
            table.autofit = False
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=False):
                    cell.width = Mm(width)
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(7 if len(widths) == 15 else 7.5)
        document.save(str(source))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       check=True, capture_output=True)
        pdf = Path(tmp) / "large.pdf"
        for name, options in (("layout", ["-layout"]), ("raw", ["-raw"]), ("columns", [])):
            subprocess.run(["pdftotext", *options, str(pdf), str(HERE / f"large-{name}.txt")], check=True)


if __name__ == "__main__":
    main()
