"""A real office suite opens the .docx: LibreOffice headless converts it to PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gxdesk.model import Report
from gxdesk.render import render
from gxdesk.sample import load_sample
from gxdesk.schema import SECTION_BY_ID
from tests.expected import SAMPLE_FIGURES
from tests.office import convert_to_pdf, soffice
from tests.readback import (
    expected_sequence,
    headings,
    in_order,
    last_line,
    numeric_tokens,
    pages_of_requests,
)

pytestmark = [
    pytest.mark.libreoffice, pytest.mark.subprocess,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed"),
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path, Path]:
    """The sample as .docx, converted once for the module (LibreOffice takes seconds)."""
    folder = tmp_path_factory.mktemp("libreoffice")
    report = load_sample()
    docx = folder / "sample.docx"
    render(report, docx)
    ours = folder / "ours.pdf"
    render(report, ours)
    return report, convert_to_pdf(docx, folder / "out"), ours


def test_libreoffice_reads_every_heading_and_figure(converted: tuple[Report, Path, Path]) -> None:
    from pypdf import PdfReader

    report, pdf, _ = converted
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    # LibreOffice inserts spaces between Chinese and digits; compare without them.
    squeezed = text.replace(" ", "")
    assert in_order(squeezed, [t.replace(" ", "") for t in expected_sequence(report)]) == []
    start, end = text.index(SECTION_BY_ID["二"].heading), text.index(SECTION_BY_ID["五"].heading)
    tables = numeric_tokens(re.sub(r"—\s*\d+\s*—", " ", text[start:end]))
    assert tables == SAMPLE_FIGURES


def test_libreoffice_lays_it_out_like_our_pdf(converted: tuple[Report, Path, Path]) -> None:
    from pypdf import PdfReader

    _, pdf, ours = converted
    theirs = PdfReader(pdf)
    page = theirs.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4
    assert abs(len(theirs.pages) - len(PdfReader(ours).pages)) <= 1
    numbers = [p.extract_text() for p in theirs.pages]
    assert all(f"— {i} —" in text or f"—{i}—" in text for i, text in enumerate(numbers, start=1))


def test_libreoffice_repeats_the_header_and_keeps_headings_with_text(converted: tuple[Report, Path, Path]) -> None:
    from pypdf import PdfReader

    from gxdesk.schema import REQUESTS_CORNER

    _, pdf, _ = converted
    pages = pages_of_requests(pdf)
    assert len(pages) >= 2  # the sample's table 三 runs onto a second page …
    assert all("".join(REQUESTS_CORNER.split()) in text for text in pages)  # … under its header (w:tblHeader)
    for page in PdfReader(pdf).pages:
        lowest = last_line(page).replace(" ", "")
        assert not any(lowest.endswith(h) for h in headings()), lowest
