"""The .docx as an office suite lays it out (LibreOffice headless, a stand-in for Word and WPS),
measured with the same checks as our PDF (test_render_layout.py)."""

from __future__ import annotations

import pytest

from gxdesk.model import Report
from gxdesk.render import page, render
from gxdesk.sample import load_sample
from tests import measure
from tests.factories import long_organ_report, long_text_report
from tests.measure import LEFT, TOLERANCE, Line
from tests.office import convert_all, soffice
from tests.readback import expected_figures, numeric_tokens
from tests.test_render_layout import (
    check_22_lines,
    check_28_characters,
    check_margins,
    check_no_figure_split,
    check_nothing_beyond_the_margin,
    check_page_numbers,
    check_signature,
    check_title,
    organ_of,
)

pytestmark = [
    pytest.mark.libreoffice, pytest.mark.subprocess,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed"),
]

# LibreOffice does not stretch a Chinese line by the last fraction of a character: full lines end
# up to 0.6 mm short of the right margin (the margin itself is exact in the file, w:pgMar).
RIGHT_SHORTFALL = 0.75 * page.MM
# Where LibreOffice places the figures and punctuation it spaces itself: half a character either way.
LOOSE = page.CHAR_PITCH / 2
SIGNATURES = [(length, seal) for length in (4, 27, 29) for seal in (False, True)] + [(10, True), (40, True)]


def _reports() -> dict[str, tuple[Report, bool]]:
    reports = {"sample": (load_sample(), False), "long": (long_text_report(), False),
               "organ40": (long_organ_report(), False)}
    for length, seal in SIGNATURES:
        report = load_sample()
        report.organ = organ_of(length)
        reports[f"sign{length}{'s' if seal else ''}"] = (report, seal)
    return reports


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Report, list[list[Line]]]]:
    """Every report of the module as .docx, converted by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("libreoffice-layout")
    reports = _reports()
    documents = []
    for name, (report, seal) in reports.items():
        documents.append(folder / f"{name}.docx")
        render(report, documents[-1], seal=seal)
    pdfs = convert_all(documents, folder / "out")
    return {name: (reports[name][0], measure.read(pdf)) for name, pdf in zip(reports, pdfs, strict=True)}


@pytest.fixture(params=["sample", "long", "organ40"])
def laid_out(request: pytest.FixtureRequest, converted: dict[str, tuple[Report, list[list[Line]]]]
             ) -> tuple[Report, list[list[Line]]]:
    return converted[request.param]


def test_28_characters_on_every_full_line(laid_out: tuple[Report, list[list[Line]]]) -> None:
    # No 标点挤压 in LibreOffice (it ignores w:characterSpacingControl), and its own space around
    # figures (it ignores w:autoSpaceDN): lines with figures are checked not to exceed 28 only.
    assert check_28_characters(laid_out[1], squeezes=False, autospace=0.5) >= 10


def test_22_lines_on_every_full_page(converted: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    for _, pages in converted.values():
        check_22_lines(pages, grid_top=None)
    assert check_22_lines(converted["long"][1], grid_top=None) >= 2


def test_margins(laid_out: tuple[Report, list[list[Line]]]) -> None:
    check_margins(laid_out[1], right=RIGHT_SHORTFALL)


def test_page_numbers(laid_out: tuple[Report, list[list[Line]]]) -> None:
    check_page_numbers(laid_out[1])


def test_no_figure_split_across_lines(laid_out: tuple[Report, list[list[Line]]]) -> None:
    check_no_figure_split(laid_out[1])


def test_six_digit_figures_stay_whole_in_their_cells(converted: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    """The long report's 三 has six-digit totals: each prints whole, set smaller where needed."""
    report, pages = converted["long"]
    figures = [run.text for lines in pages for line in lines if line.size < page.PAGE_NUMBER_SIZE
               for run in measure.runs(line) if run.text.replace(".", "").isdigit()]
    wanted = numeric_tokens(" ".join(expected_figures(report)))
    assert max(len(f) for f in wanted) >= 6
    assert sorted(figures) == sorted(wanted)  # (a figure set smaller is read as a line of its own)


@pytest.mark.xfail(strict=True, reason="LibreOffice reads w:overflowPunct inverted (writerfilter: hanging = "
                                       "val == 0), so the .docx that keeps Word's and WPS's punctuation inside "
                                       "the margin (val=0, ECMA-376 17.3.1.22) hangs it in LibreOffice")
def test_no_punctuation_beyond_the_right_margin(converted: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    for _, pages in converted.values():
        check_nothing_beyond_the_margin(pages)


def test_only_hanging_punctuation_goes_beyond_the_margin(converted: dict[str, tuple[Report, list[list[Line]]]]
                                                         ) -> None:
    """What the xfail above finds is LibreOffice's hanging of a single closing mark, nothing else."""
    from gxdesk.render.breaking import CANNOT_START

    for _, pages in converted.values():
        for lines in pages:
            for line in lines:
                beyond = [c.char for c in line.chars if c.ink_x1 > measure.RIGHT + TOLERANCE]
                assert len(beyond) <= 1 and all(c in CANNOT_START for c in beyond), line.text


@pytest.mark.parametrize("name", ["sample", "organ40"])
def test_title_shape(converted: dict[str, tuple[Report, list[list[Line]]]], name: str) -> None:
    report, pages = converted[name]
    check_title(pages, report.organ)


@pytest.mark.parametrize(("length", "seal"), SIGNATURES)
def test_signature_block(converted: dict[str, tuple[Report, list[list[Line]]]], length: int, seal: bool) -> None:
    report, pages = converted[f"sign{length}{'s' if seal else ''}"]
    check_signature(pages, report.organ, "2026年1月20日", seal, tolerance=LOOSE)


def test_forty_character_name_without_seal(converted: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    report, pages = converted["organ40"]
    check_signature(pages, report.organ, "2026年1月20日", False, tolerance=LOOSE)


def test_the_date_starts_two_characters_right_of_the_name(converted: dict[str, tuple[Report, list[list[Line]]]]
                                                         ) -> None:
    """Placed by its indent, not by LibreOffice's widths of figures: exactly two characters."""
    report, pages = converted["sample"]
    check_signature(pages, report.organ, "2026年1月20日", False, tolerance=TOLERANCE)


# --- Section 三 -----------------------------------------------------------------------------------

OUTER = "三、本年度办理结果"


def label_column_runs(pages: list[list[Line]], number: int, right: float) -> list[Line]:
    """The runs of text of page ``number`` that stand left of ``right`` (a label column)."""
    return [run for line in pages[number - 1] if line.size < page.PAGE_NUMBER_SIZE for run in measure.runs(line)
            if run.chars[-1].x1 <= right]


def test_the_requests_labels_repeat_on_every_page(converted: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    """Each page 三 runs onto opens with its header and the labels of the groups it continues."""
    for name in ("sample", "long"):
        _, pages = converted[name]
        table_pages = [n for n, lines in enumerate(pages, start=1)
                       if any("申请人情况" in line.text for line in lines)]
        assert len(table_pages) >= 2, name
        outer_column = LEFT + 11 * page.MM
        for number in table_pages:
            outer = "".join(run.text for run in label_column_runs(pages, number, outer_column)
                            if set(run.text) <= set(OUTER))
            assert outer.startswith(OUTER), (name, number, outer)  # (四 below may add 结果…)


def test_merged_labels_are_centred(converted: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    """（三）不予公开 stands in the middle of its eight rows."""
    _, pages = converted["sample"]
    number = next(n for n, lines in enumerate(pages, start=1) if any("属于国家秘密" in line.text for line in lines))
    runs = label_column_runs(pages, number, LEFT + 30 * page.MM + 3)
    label = [run for run in runs if run.chars[0].x0 > LEFT + 11 * page.MM and run.text in ("（三）不", "予公开")]
    rows = [run for line in pages[number - 1] for run in measure.runs(line)
            if run.text.startswith(("1.属于国家秘密", "8.属于行政查询事项"))]
    assert len(label) == 2 and len(rows) == 2
    middle = sum(r.centre for r in rows) / 2
    assert sum(r.centre for r in label) / 2 == pytest.approx(middle, abs=3)


def test_no_label_leaves_a_character_alone(converted: dict[str, tuple[Report, list[list[Line]]]]) -> None:
    """稳/定” and 信/息 do not happen: a wrapped label's last line has at least two characters."""
    from gxdesk.render.breaking import CANNOT_START

    for name in ("sample", "long"):
        _, pages = converted[name]
        for number in range(1, len(pages) + 1):
            for run in label_column_runs(pages, number, LEFT + 72 * page.MM):
                if run.chars[0].x0 < LEFT + 30 * page.MM - 3:
                    continue  # the narrow outer column, 三、本年度办理结果 two characters a line
                letters = [c for c in run.text if c not in CANNOT_START and not c.isdigit()]
                assert len(letters) != 1 or run.text[0].isdigit(), (name, number, run.text)
