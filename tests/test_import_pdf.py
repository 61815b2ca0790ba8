"""PDF import, on a corpus made here (tests/pdfs.py): gxdesk's own PDFs of the sample, the large
report and the three real reports; LibreOffice's PDF of gxdesk's .docx; tables without a single
rule; pages turned a quarter; a scan; and the PDFs that must be refused, with one line and
nothing written: encrypted, damaged, not a PDF, too many pages, a stream bomb. A PDF with
JavaScript and a launch action imports like any other, and nothing in it runs."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import gxr, model
from gxdesk.importer import ImportFileError, ImportResult, import_file, pdf_reader
from gxdesk.importer.extract import clean_paragraph
from gxdesk.importer.lines import norm
from gxdesk.limits import MAX_META_CHARS
from gxdesk.model import Report
from gxdesk.render import render
from gxdesk.sample import load_sample
from tests import pdfs
from tests.factories import large_report
from tests.office import soffice

REAL = Path(__file__).parent / "data" / "real"
REAL_NAMES = ("xingxian-2025", "yanchi-2023", "yangcheng-2023")
META = ("organ", "year", "doc_number", "date")


def reports() -> dict[str, Report]:
    found = {"sample": load_sample(), "large": large_report()}
    found.update({name: gxr.load(REAL / f"{name}.gxr") for name in REAL_NAMES})  # typed from the published text
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf-corpus")
    for name, report in reports().items():
        # Only the notes saying which standard face stood in for which: nothing went wrong.
        assert [n for n in render(report, folder / f"{name}.pdf") if not n.startswith("字体：")] == []
    return folder


def assert_same(result: ImportResult, expected: Report) -> None:
    """Every figure, the meta and the text (up to spacing: a PDF keeps its printed lines)."""
    assert result.report.cells == expected.cells
    assert {f: getattr(result.report, f) for f in META} == {f: getattr(expected, f) for f in META}
    # Markdown link syntax typed into a .gxr prints as it is, and the importer reads it as text.
    assert {p: norm(t) for p, t in result.report.text.items()} == {
        p: norm(clean_paragraph(t)) for p, t in expected.text.items()}


@pytest.mark.parametrize("name", ["sample", "large", *REAL_NAMES])
def test_gxdesks_own_pdf(corpus: Path, name: str) -> None:
    result = import_file(corpus / f"{name}.pdf")
    expected = reports()[name]
    assert_same(result, expected)
    assert not result.findings and not result.unfound and not result.blank
    # gxdesk prints every cell, 0 as 0: nothing is read from a blank.
    assert not result.zeroed


LONG_ORGAN = "青禾省青禾市青禾县人民政府国有资产监督管理委员会机关后勤事务服务中心党总支办公室"  # 40 characters


@pytest.mark.parametrize("organ", [LONG_ORGAN, (LONG_ORGAN * 3)[:MAX_META_CHARS["organ"]]], ids=["40", "limit"])
@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_a_long_organs_title_wrapped_over_many_lines_reads_whole(tmp_path: Path, organ: str, suffix: str) -> None:
    # Printed 上长下短, a 40-character name's title takes 4 lines; only the last 3 used to be read.
    report = load_sample()
    report.organ = organ
    render(report, tmp_path / f"long{suffix}")
    assert import_file(tmp_path / f"long{suffix}").report.organ == organ


@pytest.mark.parametrize("source", sorted(p.name for p in REAL.iterdir() if p.suffix in (".txt", ".md")))
def test_a_published_report_imported_rendered_as_pdf_and_imported_again(tmp_path: Path, source: str) -> None:
    first = import_file(REAL / source)
    render(first.report, tmp_path / "again.pdf")
    second = import_file(tmp_path / "again.pdf")
    assert second.report.cells == first.report.cells
    assert {f: getattr(second.report, f) for f in META} == {f: getattr(first.report, f) for f in META}
    assert second.findings == [] and second.missing == first.missing


@pytest.mark.libreoffice
@pytest.mark.subprocess
def test_libreoffices_pdf_of_gxdesks_docx(tmp_path: Path) -> None:
    from tests.office import convert_to_pdf

    if soffice() is None:
        pytest.skip("soffice not found: LibreOffice (installed by .ci/run)")
    for name in ("sample", "large", "xingxian-2025"):
        report = reports()[name]
        render(report, tmp_path / f"{name}.docx")
        pdf = convert_to_pdf(tmp_path / f"{name}.docx", tmp_path, profile=tmp_path / "profile")
        result = import_file(pdf)
        assert result.report.cells == report.cells, name
        assert {f: getattr(result.report, f) for f in META} == {f: getattr(report, f) for f in META}
        assert result.messages() == [], name


# --- Tables without rules --------------------------------------------------------------------


@pytest.mark.parametrize("valign", ["MIDDLE", "TOP", "BOTTOM"])
@pytest.mark.parametrize("name", ["sample", "large"])
def test_tables_without_rules(tmp_path: Path, name: str, valign: str) -> None:
    """No rule anywhere: rows from where the words stand, labels wrapped above, beside and below
    their figures, figures put into columns by position."""
    report = reports()[name]
    result = import_file(pdfs.unruled(report, tmp_path / "unruled.pdf", valign=valign))
    assert result.report.cells == report.cells
    assert result.messages() == []


BLANKS = (("requests", "new", "natural_person"), ("requests", "refused_third_party", "nonprofit"),
          ("requests", "carried_forward", "other"), ("proactive", "normative_documents", "issued"))


@pytest.mark.parametrize("kind", ["ruled", "unruled"])
def test_cells_printed_blank_keep_their_column_and_read_as_0(tmp_path: Path, kind: str) -> None:
    report = copy.deepcopy(large_report())
    report.set_cells(dict.fromkeys(BLANKS))
    path = tmp_path / f"{kind}.pdf"
    render(report, path) if kind == "ruled" else pdfs.unruled(report, path)
    result = import_file(path)
    assert result.report.cells == {k: model.zero_of(k[0], k[1]) if v is None else v for k, v in report.cells.items()}
    assert result.zeroed == set(BLANKS)
    assert result.messages() == []


def test_a_side_by_side_row_short_of_a_figure_is_read_as_far_as_its_totals_tell(tmp_path: Path) -> None:
    """四 without rules prints its 15 cells as one row: a blank leaves nothing to see. The three
    总计 cells place every figure of the two groups without the blank; in the group with it the
    total still adds up whichever of its four cells was the blank 0, so those four cells are not
    read — cell by cell, nothing guessed, nothing shifted."""
    report = copy.deepcopy(large_report())
    report.set_cells({("appeals", "litigation_direct", "corrected"): None})
    result = import_file(pdfs.unruled(report, tmp_path / "short.pdf"))
    open_cells = {("appeals", "litigation_direct", c) for c in ("upheld", "corrected", "other", "pending")}
    assert result.unfound == open_cells
    assert result.report.cells == report.cells | dict.fromkeys(open_cells)
    [message] = [m for m in result.missing if m.startswith("第四部分表格")]
    assert "「行政诉讼·未经复议直接起诉」的「结果维持」「结果纠正」「其他结果」「尚未审结」" in message
    assert "无法确定" in message


# --- Turned pages, scans --------------------------------------------------------------------


@pytest.mark.parametrize("content", [False, True], ids=["shown rotated", "drawn sideways"])
def test_a_page_turned_a_quarter(corpus: Path, tmp_path: Path, content: bool) -> None:
    result = import_file(pdfs.turned(corpus / "large.pdf", tmp_path / "turned.pdf", content=content))
    assert_same(result, large_report())


@pytest.mark.subprocess
def test_a_scan_has_no_text_layer_and_says_so(corpus: Path, tmp_path: Path) -> None:
    pdfs.scanned(corpus / "sample.pdf", tmp_path / "scan.pdf")
    done = _import(tmp_path, "scan.pdf")
    _assert_refused(done, tmp_path, "扫描件，没有文字层")


# --- Refused: one line, exit 2, nothing written ------------------------------------------------


def _import(folder: Path, name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gxdesk", "import", name, "-o", "out.gxr"], cwd=folder,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)


def _assert_refused(done: subprocess.CompletedProcess[str], folder: Path, words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == "" and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert words in done.stderr
    assert not (folder / "out.gxr").exists()


@pytest.mark.subprocess
def test_an_encrypted_pdf_is_refused(corpus: Path, tmp_path: Path) -> None:
    pdfs.encrypted(corpus / "sample.pdf", tmp_path / "locked.pdf")
    _assert_refused(_import(tmp_path, "locked.pdf"), tmp_path, "加密的 PDF")


def test_a_pdf_restricted_only_by_permissions_reads(corpus: Path, tmp_path: Path) -> None:
    """Encrypted with an empty user password (no copying, no printing): pdfium opens it, and its
    text is the published report."""
    result = import_file(pdfs.encrypted(corpus / "sample.pdf", tmp_path / "restricted.pdf", user_password=""))
    assert result.report.cells == load_sample().cells


@pytest.mark.subprocess
@pytest.mark.parametrize(("what", "damage", "words"), [
    ("truncated", lambda data: data[: len(data) // 3], "已损坏"),
    ("junk after the header", lambda data: data[:20] + bytes(range(256)) * 40, "已损坏"),
    ("no PDF header", lambda data: b"<html>" + data[8:], "不是 PDF 文件"),
])
def test_a_damaged_pdf_is_refused(corpus: Path, tmp_path: Path, what: str, damage: object, words: str) -> None:
    assert callable(damage)
    (tmp_path / "damaged.pdf").write_bytes(damage((corpus / "sample.pdf").read_bytes()))
    _assert_refused(_import(tmp_path, "damaged.pdf"), tmp_path, words)


@pytest.mark.subprocess
def test_too_many_pages_is_refused_before_reading_them(tmp_path: Path) -> None:
    pdfs.many_pages(tmp_path / "pages.pdf", pdf_reader.MAX_PAGES + 1)
    _assert_refused(_import(tmp_path, "pages.pdf"), tmp_path, f"超过 {pdf_reader.MAX_PAGES} 页的上限")


@pytest.mark.subprocess
def test_a_stream_bomb_is_refused_before_pdfium_inflates_it(tmp_path: Path) -> None:
    pdfs.stream_bomb(tmp_path / "bomb.pdf", pdf_reader.MAX_STREAM + 16 * 1024 * 1024)
    assert (tmp_path / "bomb.pdf").stat().st_size < 2 * 1024 * 1024
    _assert_refused(_import(tmp_path, "bomb.pdf"), tmp_path, "疑似 PDF 炸弹")


def test_a_streams_total_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_INFLATED", 8 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="共超过 8 MB"):
        import_file(pdfs.stream_bomb(tmp_path / "big.pdf", 9 * 1024 * 1024))


def test_a_slow_pdf_stops_at_the_time_limit(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_SECONDS", -1.0)  # already past it at the first page
    with pytest.raises(ImportFileError, match="读取超过"):
        import_file(corpus / "sample.pdf")


@pytest.mark.subprocess
def test_javascript_and_a_launch_action_import_normally_and_never_run(corpus: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    pdfs.with_actions(corpus / "sample.pdf", tmp_path / "actions.pdf", marker)
    assert b"/JavaScript" in (tmp_path / "actions.pdf").read_bytes() and b"/Launch" in (tmp_path / "actions.pdf").read_bytes()
    done = _import(tmp_path, "actions.pdf")
    assert done.returncode == 0, done.stderr
    assert gxr.load(tmp_path / "out.gxr").cells == load_sample().cells
    assert not marker.exists()
