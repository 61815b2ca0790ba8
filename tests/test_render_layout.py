"""The PDF measured from its text boxes against GB/T 9704: the 22 × 28 grid, margins, page numbers,
titles, the signature block, figures and punctuation (the .docx through LibreOffice:
test_render_libreoffice_layout.py, which shares these checks)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from gxdesk.model import Report
from gxdesk.render import breaking, page, render
from gxdesk.sample import load_sample
from tests import measure
from tests.factories import LONG_ORGAN, long_organ_report, long_text_report
from tests.measure import BOTTOM, LEFT, RIGHT, TOLERANCE, TOP, Line

REPORTS = {"sample": load_sample, "long-text": long_text_report, "40-character organ": long_organ_report}
SIGNATURE_LENGTHS = (4, 6, 10, 14, 15, 20, 26, 27, 28, 29, 33, 40)


def organ_of(length: int) -> str:
    """An organ's name of ``length`` characters (cut from the 40-character one)."""
    return LONG_ORGAN[: length - 1] + "局"


@pytest.fixture(scope="module", params=list(REPORTS))
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[list[Line]]:
    out = tmp_path_factory.mktemp("layout") / "report.pdf"
    render(REPORTS[request.param](), out)
    return measure.read(out)


# --- Shared checks (the LibreOffice tests call them on its rendering of the .docx) ------------


def check_28_characters(pages: list[list[Line]], *, squeezes: bool, autospace: float = 0.0) -> int:
    """Every full body line holds what 28 cells hold: not more, and not less than the rules make
    it (the next line's first unit did not fit). Returns how many hold exactly 28.

    ``autospace``: cells a reader adds around a figure (LibreOffice ignores w:autoSpaceDN).
    """
    exact = 0
    full = measure.full_lines(measure.body(pages))
    assert len(full) >= 10
    for line, following in full:
        if line.ink_x1 > RIGHT + TOLERANCE:
            continue  # punctuation hung into the margin: check_nothing_beyond_the_margin says so
        cells = line.cells(squeezes) + (2 if measure.indented(line) else 0)
        assert cells <= breaking.LINE_CELLS, line.text
        latin = any(breaking.is_latin(c) for c in line.text)
        if autospace and latin:
            continue  # the reader's own spaces around figures make these lines shorter
        first = breaking.atoms(following.text)[0]
        room = breaking.cells(first) + (autospace if breaking.is_latin(first[0]) else 0)
        assert cells + room > breaking.LINE_CELLS, f"{line.text!r} had room for {first!r}"
        exact += cells == breaking.LINE_CELLS
    return exact


def check_22_lines(pages: list[list[Line]], *, grid_top: float | None) -> int:
    """Every page whose text runs on to the next one holds 22 lines at the 28.95 pt pitch inside
    the type area; returns how many such pages there are. ``grid_top``: where the first line's
    centre must be (half a pitch below the top margin in our PDF), None to check only the area."""
    lines = measure.body(pages)
    continued = {a.page for a, b in measure.full_lines(lines) if b.page == a.page + 1}
    for number in continued:
        on_page = [line for line in lines if line.page == number]
        if any(line.size != page.BODY_SIZE for line in pages[number - 1] if line.centre > BOTTOM):
            continue  # a table or the title on the page
        assert len(on_page) == page.LINES, (number, len(on_page))
        pitches = [a.centre - b.centre for a, b in itertools.pairwise(on_page)]
        assert all(p == pytest.approx(page.LINE_PITCH, abs=0.1) for p in pitches)
        top = max(c.ink_y1 for c in on_page[0].chars)
        bottom = min(c.ink_y0 for c in on_page[-1].chars)
        assert top <= TOP and bottom >= BOTTOM
        if grid_top is not None:
            assert on_page[0].centre == pytest.approx(grid_top, abs=TOLERANCE)
    return len(continued)


def check_margins(pages: list[list[Line]], *, right: float) -> None:
    """Lines start at the left margin (or two characters in); full lines end at the right margin,
    within ``right`` points."""
    lines = measure.body(pages)
    for line in lines:
        assert line.x0 >= LEFT - TOLERANCE, line.text
    full = measure.full_lines(lines)
    for a, b in full:
        assert measure.at_margin(a) or measure.indented(a)
        assert measure.at_margin(b)
        if a.ink_x1 <= RIGHT + TOLERANCE:
            assert RIGHT - right <= max(c.x1 for c in a.chars if c.ink_x1 <= RIGHT + TOLERANCE) + 0.5, a.text


def check_page_numbers(pages: list[list[Line]], *, tolerance: float = TOLERANCE) -> None:
    """— N — in 4号 on every page, its dash line 7 mm below the type area; odd pages one
    character in from the right edge of the type area, even pages from the left."""
    for number, lines in enumerate(pages, start=1):
        numbers = [line for line in lines if line.size == page.PAGE_NUMBER_SIZE and line.centre < BOTTOM]
        assert [line.text for line in numbers] == [f"—{number}—"]
        line = numbers[0]
        dash = line.chars[0]
        assert (dash.ink_y0 + dash.ink_y1) / 2 == pytest.approx(BOTTOM - page.PAGE_NUMBER_GAP, abs=tolerance)
        if number % 2:
            assert line.chars[-1].x1 == pytest.approx(RIGHT - page.PAGE_NUMBER_INSET, abs=tolerance)
        else:
            assert line.chars[0].x0 == pytest.approx(LEFT + page.PAGE_NUMBER_INSET, abs=tolerance)


def check_nothing_beyond_the_margin(pages: list[list[Line]]) -> None:
    """No character's ink, punctuation included, beyond the type area's right edge."""
    beyond = [line.text for lines in pages for line in lines if line.ink_x1 > RIGHT + TOLERANCE]
    assert beyond == []


def check_no_figure_split(pages: list[list[Line]]) -> None:
    lines = measure.body(pages)
    split = [(a.text[-8:], b.text[:8]) for a, b in itertools.pairwise(lines) if measure.number_split(a, b)]
    assert split == []


def title_lines(pages: list[list[Line]]) -> list[str]:
    return [line.text for line in pages[0] if line.size == page.TITLE_SIZE]


def check_title(pages: list[list[Line]], organ: str) -> None:
    """The title in the 上长下短 shape: each line no longer than the one above, none of one or two
    characters, no figure split, every line inside the type area."""
    lines = [line for line in pages[0] if line.size == page.TITLE_SIZE]
    texts = [line.text for line in lines]
    assert "".join(texts).startswith(organ)
    widths = [breaking.cells(t) for t in texts]
    assert all(a >= b for a, b in itertools.pairwise(widths)), texts
    assert all(len(t) >= 3 for t in texts), texts
    assert not any(measure.number_split(a, b) for a, b in itertools.pairwise(lines))
    assert all(LEFT - TOLERANCE <= line.x0 and line.ink_x1 <= RIGHT + TOLERANCE for line in lines)


def signature(pages: list[list[Line]], organ: str, date: str) -> tuple[list[Line], Line]:
    """The lines of the name (the last lines that are parts of it) and the date line."""
    lines = measure.body(pages)
    date_line = next(line for line in reversed(lines) if line.text == date)
    before = [line for line in lines if line.page == date_line.page and line.centre > date_line.centre]
    names: list[Line] = []
    for line in reversed(before):
        if not organ.endswith(line.text + "".join(n.text for n in names)):
            break
        names.insert(0, line)
    assert "".join(n.text for n in names) == organ
    return names, date_line


def check_signature(pages: list[list[Line]], organ: str, date: str, seal: bool, *,
                    tolerance: float = TOLERANCE) -> None:
    """GB/T 9704 7.3.5 for any name: every line inside the type area, the date on its own line
    under the name; no seal: the date starts two characters right of the name, which is 右空二字
    when it fits; seal: the date is 右空四字 and the name centred above it when it fits."""
    names, date_line = signature(pages, organ, date)
    cell = page.CHAR_PITCH
    for line in (*names, date_line):
        assert LEFT - tolerance <= line.x0 and line.ink_x1 <= RIGHT + tolerance, line.text
    assert date_line.centre < names[-1].centre
    if not seal:
        assert date_line.x0 == pytest.approx(names[0].x0 + 2 * cell, abs=tolerance)
        assert all(abs(n.x0 - names[0].x0) <= tolerance for n in names)  # a wrapped name stands as one block
        if breaking.cells(organ) <= breaking.LINE_CELLS - 2 and breaking.cells(date) + 2 <= breaking.cells(organ):
            assert names[0].chars[-1].x1 == pytest.approx(RIGHT - 2 * cell, abs=tolerance)  # 右空二字
        return
    date_centre = (date_line.x0 + date_line.chars[-1].x1) / 2
    assert date_centre == pytest.approx(RIGHT - (4 + breaking.cells(date) / 2) * cell, abs=2 * tolerance + cell / 2)
    for name in names:
        centre = (name.x0 + name.chars[-1].x1) / 2
        if breaking.cells(name.text) * cell / 2 <= RIGHT - date_centre:
            assert centre == pytest.approx(date_centre, abs=cell / 2)


# --- Our PDF ------------------------------------------------------------------------------------


def test_28_characters_on_every_full_line(printed: list[list[Line]]) -> None:
    exact = check_28_characters(printed, squeezes=True)
    assert exact >= 10


def test_22_lines_on_every_full_page(printed: list[list[Line]]) -> None:
    check_22_lines(printed, grid_top=TOP - page.LINE_PITCH / 2)


def test_a_full_page_is_measured() -> None:
    """The long report has pages of text only, so the 22-line check above is not empty."""
    out_pages = _render(long_text_report(), ".pdf")
    assert check_22_lines(out_pages, grid_top=TOP - page.LINE_PITCH / 2) >= 2


def test_margins(printed: list[list[Line]]) -> None:
    check_margins(printed, right=TOLERANCE)


def test_page_numbers(printed: list[list[Line]]) -> None:
    check_page_numbers(printed)


def test_no_punctuation_beyond_the_right_margin(printed: list[list[Line]]) -> None:
    check_nothing_beyond_the_margin(printed)


def test_no_figure_split_across_lines(printed: list[list[Line]]) -> None:
    check_no_figure_split(printed)


def test_adjacent_punctuation_is_squeezed() -> None:
    """标点挤压: "，“" takes one and a half characters, "）。" and "。”" too; a lone one a whole."""
    sample = load_sample()
    sample.text["other"] = "甲，“乙”。丙（丁）。戊，己"
    pages = _render(sample, ".pdf")
    line = next(line for line in measure.body(pages) if line.text.startswith("甲，"))
    advance = {c.char + str(i): b.x0 - c.x0 for i, (c, b) in enumerate(itertools.pairwise(line.chars))}
    whole, half = page.CHAR_PITCH, page.CHAR_PITCH - page.BODY_SIZE / 2
    assert advance["，1"] == pytest.approx(half, abs=0.3)  # "，" before "“"
    assert advance["”4"] == pytest.approx(half, abs=0.3)  # "”" before "。"
    assert advance["）9"] == pytest.approx(half, abs=0.3)  # "）" before "。"
    assert advance["丁8"] == pytest.approx(whole, abs=0.3) and advance["，12"] == pytest.approx(whole, abs=0.3)


@pytest.mark.parametrize("organ", ["青禾县市场监督管理局", "某县政府", LONG_ORGAN, "某某市某某区住房和城乡建设局",
                                   "中共青禾县委青禾县人民政府信访局"])
def test_title_shape(organ: str) -> None:
    sample = load_sample()
    sample.organ = organ
    pages = _render(sample, ".pdf")
    check_title(pages, organ)


@pytest.mark.parametrize("seal", [False, True], ids=["no seal", "seal"])
@pytest.mark.parametrize("length", SIGNATURE_LENGTHS)
def test_signature_block_for_names_of_4_to_40_characters(length: int, seal: bool) -> None:
    sample = load_sample()
    sample.organ = organ_of(length)
    pages = _render(sample, ".pdf", seal=seal)
    check_signature(pages, sample.organ, "2026年1月20日", seal)


def test_requests_start_on_the_page_where_proactive_ends() -> None:
    """三 starts under 二 when its header and first rows fit there, its heading with it."""
    sample = load_sample()
    for part in sample.text:
        sample.text[part] = ""
    sample.text["overview"] = "总体情况。" * 100  # 二 starts on page 2 and leaves room below it
    pages = _render(sample, ".pdf")
    last_row = next(line for line in pages[1] for line in measure.runs(line) if line.text.startswith("行政事业性收费"))
    assert last_row.centre - BOTTOM > 200  # room for 三's heading, header and first rows
    assert on_page(pages, "二、主动公开政府信息情况") == on_page(pages, "三、收到和处理政府信息公开申请情况") == 2
    assert on_page(pages, "一、本年新收政府信息公开申请数量") == 2  # the first rows with the heading


def on_page(pages: list[list[Line]], text: str) -> int:
    return next(number for number, lines in enumerate(pages, start=1)
                if any(text in line.text for line in lines for line in measure.runs(line)))


def _render(report: Report, fmt: str, **options: object) -> list[list[Line]]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"r{fmt}"
        render(report, out, **options)  # type: ignore[arg-type]
        return measure.read(out)
