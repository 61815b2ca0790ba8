"""Render → import: gxdesk's own exports read back into the same report.

For the built-in sample and the large report (every entered cell non-zero, every text part
filled), each of these imports with the same figure in every entered cell, the same organ,
year, 发文字号 and date, the same text parts, and nothing to review:

- the .docx gxdesk writes;
- that .docx saved by LibreOffice as a web page (.html) and as UTF-8 text (.txt);
- the text ``pdftotext -layout`` takes from gxdesk's PDF (text parts up to line breaks:
  a PDF keeps its printed lines, not its paragraphs).

And import → render → import: the real published reports in tests/data/real come back from
gxdesk's .docx as they were first imported, blanks included.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gxdesk.importer import ImportResult, import_file
from gxdesk.importer.lines import norm
from gxdesk.model import Report
from gxdesk.render import fonts, render
from gxdesk.sample import load_sample
from tests.factories import large_report
from tests.office import soffice

REPORTS = {"sample": load_sample, "large": large_report}
META = ("organ", "year", "doc_number", "date", "title")
REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The .docx and the PDF of each report, as 导出 Word / 导出 PDF write them."""
    out = tmp_path_factory.mktemp("roundtrip")
    for name, make in REPORTS.items():
        assert render(make(), out / f"{name}.docx") == fonts.resolve().notes(".docx")
        # Fonts embedded: no warning, only which standard faces this machine lacks.
        assert render(make(), out / f"{name}.pdf") == fonts.resolve().notes(".pdf")
    return out


@pytest.fixture(scope="module")
def converted(exported) -> Path:
    """LibreOffice's web page and text of each .docx (one run per format, a private profile)."""
    binary = soffice()
    if binary is None:
        pytest.skip("soffice not found: LibreOffice (libreoffice-writer-nogui, installed by .ci/run) converts the .docx")
    profile = (exported / "lo-profile").as_uri()
    documents = [str(exported / f"{name}.docx") for name in REPORTS]
    for target in ("html", "txt:Text (encoded):UTF8"):
        subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(exported), *documents],
                       check=True, capture_output=True, timeout=300)
    return exported


@pytest.fixture(scope="module")
def pdf_text(exported) -> Path:
    binary = shutil.which("pdftotext")
    if binary is None:
        pytest.skip("pdftotext not found: poppler-utils (installed by .ci/run) extracts the PDF's text")
    for name in REPORTS:
        subprocess.run([binary, "-layout", str(exported / f"{name}.pdf"), str(exported / f"{name}-pdf.txt")],
                       check=True, timeout=60)
    return exported


def assert_same(result: ImportResult, expected: Report, *, exact_text: bool = True) -> None:
    report = result.report
    assert report.cells == expected.cells
    assert {f: getattr(report, f) for f in META} == {f: getattr(expected, f) for f in META}
    if exact_text:
        assert report.text == expected.text
    else:
        assert {part: norm(text) for part, text in report.text.items()} == {
            part: norm(text) for part, text in expected.text.items()}
    assert result.messages() == []  # nothing missing, no printed total that disagrees


@pytest.mark.parametrize("name", REPORTS)
def test_docx(exported, name):
    assert_same(import_file(exported / f"{name}.docx"), REPORTS[name]())


@pytest.mark.libreoffice
@pytest.mark.subprocess
@pytest.mark.parametrize("suffix", [".html", ".txt"])
@pytest.mark.parametrize("name", REPORTS)
def test_docx_saved_by_libreoffice(converted, name, suffix):
    assert_same(import_file(converted / f"{name}{suffix}"), REPORTS[name]())


@pytest.mark.subprocess
@pytest.mark.parametrize("name", REPORTS)
def test_text_of_the_pdf(pdf_text, name):
    assert_same(import_file(pdf_text / f"{name}-pdf.txt"), REPORTS[name](), exact_text=False)


@pytest.mark.parametrize("source", sorted(p.name for p in REAL.iterdir() if p.suffix in (".txt", ".md")))
def test_published_report_imported_rendered_and_imported_again(tmp_path, source):
    first = import_file(REAL / source)
    render(first.report, tmp_path / "again.docx")
    second = import_file(tmp_path / "again.docx")
    # A figure first left blank (none in these reports) prints blank and comes back as 0, noted.
    assert second.report.cells == {k: 0 if v is None else v for k, v in first.report.cells.items()}
    assert {f: getattr(second.report, f) for f in META} == {f: getattr(first.report, f) for f in META}
    assert second.report.text == first.report.text
    assert second.zeroed | second.blank == first.blank | first.unfound
    assert second.findings == []  # gxdesk prints the totals its rows add up to
