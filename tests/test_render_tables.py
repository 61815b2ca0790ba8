"""The printed grids carry the official structure: merged cells, header rows, figures in place."""

from __future__ import annotations

from gxdesk import schema
from gxdesk.model import Report
from gxdesk.render import layout
from gxdesk.render.tables import Cell, Grid, Role, build


def cell(grid: Grid, text: str) -> Cell:
    (found,) = [c for c in grid.cells if c.text == text and c.role is not Role.NUMBER]
    return found


def assert_tiles(grid: Grid) -> None:
    """Every grid position is covered by exactly one cell."""
    seen: dict[tuple[int, int], Cell] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                assert (r, k) not in seen, (c, seen.get((r, k)))
                seen[(r, k)] = c
    assert set(seen) == {(r, k) for r in range(grid.nrows) for k in range(grid.ncols)}


REQUESTS, APPEALS = schema.REQUESTS, schema.APPEALS
RESULTS = REQUESTS.row("granted").groups[0]  # 三、本年度办理结果
REFUSED = REQUESTS.row("refused_state_secret").groups[1]  # （三）不予公开


def row_label(row_id: str) -> str:
    return REQUESTS.row(row_id).label


def column_label(column_id: str) -> str:
    return REQUESTS.column("new", column_id).label


def numbers(grid: Grid) -> list[str]:
    return [c.text for c in sorted(grid.cells, key=lambda c: (c.row, c.col)) if c.role is Role.NUMBER]


def test_widths_fill_the_type_area(large: Report) -> None:
    for table in schema.TABLES:
        grid = build(table.id, large)
        assert abs(sum(grid.widths) - layout.TYPE_WIDTH) < 0.5
        assert_tiles(grid)


def test_requests_header_and_row_labels(large: Report) -> None:
    grid = build("requests", large)
    assert grid.header_rows == 3 and grid.ncols == 10
    assert cell(grid, schema.REQUESTS_CORNER) == Cell(0, 0, schema.REQUESTS_CORNER, Role.HEAD, 3, 3)
    assert cell(grid, schema.APPLICANT_GROUP) == Cell(0, 3, schema.APPLICANT_GROUP, Role.HEAD, 1, 7)
    natural = column_label("natural_person")
    assert cell(grid, natural) == Cell(1, 3, natural, Role.HEAD, 2, 1)
    assert cell(grid, schema.LEGAL_PERSON_GROUP) == Cell(1, 4, schema.LEGAL_PERSON_GROUP, Role.HEAD, 1, 5)
    total = column_label("total")
    assert cell(grid, total) == Cell(1, 9, total, Role.HEAD, 2, 1)
    legal_persons = [c.label for c in schema.REQUESTS.blocks[0].columns if c.group == schema.LEGAL_PERSON_GROUP]
    assert [c.text for c in grid.cells if c.row == 2] == legal_persons
    results = cell(grid, RESULTS)
    assert (results.row, results.col, results.rowspan) == (5, 0, 22)
    refused = cell(grid, REFUSED)
    assert (refused.row, refused.col, refused.rowspan) == (7, 1, 8)
    assert cell(grid, row_label("new")).colspan == 3
    assert cell(grid, row_label("granted")).colspan == 2
    assert cell(grid, row_label("refused_state_secret")).colspan == 1
    assert cell(grid, row_label("total")).colspan == 2


def test_requests_figures_in_printed_order_with_totals(large: Report) -> None:
    table = schema.REQUESTS
    expected = [str(large.value(table.id, r.id, c.id)) for r, c in table.cells()]
    assert numbers(build("requests", large)) == expected
    assert expected[-1] == str(large.value("requests", "carried_forward", "total"))


def test_appeals_is_one_row_of_fifteen(large: Report) -> None:
    grid = build("appeals", large)
    assert grid.header_rows == 3 and grid.nrows == 4 and grid.ncols == 15
    assert cell(grid, schema.REVIEW_GROUP) == Cell(0, 0, schema.REVIEW_GROUP, Role.HEAD, 1, 5)
    assert cell(grid, schema.LITIGATION_GROUP) == Cell(0, 5, schema.LITIGATION_GROUP, Role.HEAD, 1, 10)
    direct, after_review = APPEALS.row("litigation_direct").label, APPEALS.row("litigation_after_review").label
    assert cell(grid, direct) == Cell(1, 5, direct, Role.HEAD, 1, 5)
    assert cell(grid, after_review) == Cell(1, 10, after_review, Role.HEAD, 1, 5)
    review_heads = [c for c in grid.cells if c.row == 1 and c.col < 5]
    assert [c.text for c in review_heads] == [c.label for c in schema.APPEALS.blocks[0].columns]
    assert all(c.rowspan == 2 for c in review_heads)
    table = schema.APPEALS
    assert numbers(grid) == [str(large.value(table.id, r.id, c.id)) for r, c in table.cells()]
    assert all(c.row == 3 for c in grid.cells if c.role is Role.NUMBER)


def test_proactive_blocks(large: Report) -> None:
    grid = build("proactive", large)
    blocks = [c for c in grid.cells if c.role is Role.BLOCK]
    assert [b.text for b in blocks] == [b.heading for b in schema.PROACTIVE.blocks]
    assert all(b.colspan == 4 for b in blocks)
    assert cell(grid, schema.PROACTIVE.column("fees", "amount").label).colspan == 3
    assert len(grid.keep) == 4
    table = schema.PROACTIVE
    assert numbers(grid) == [str(large.value(table.id, r.id, c.id)) for r, c in table.cells()]


def test_blank_cells_print_blank(sample: Report) -> None:
    sample.cells[("appeals", "review", "upheld")] = None
    assert numbers(build("appeals", sample))[0] == ""


def test_splitting_cuts_spans_and_repeats_the_header(large: Report) -> None:
    grid = build("requests", large)
    first, rest = grid.split_at(16)
    assert_tiles(first)
    assert_tiles(rest)
    assert first.nrows == 16 and rest.nrows == grid.nrows - 16 + 3
    assert [c for c in rest.cells if c.row < 3] == [c for c in grid.cells if c.row < 3]
    # 三、本年度办理结果 (RESULTS) is cut in two and named again on the continuation.
    assert [c.rowspan for c in first.cells if c.text == RESULTS] == [11]
    assert [(c.row, c.rowspan) for c in rest.cells if c.text == RESULTS] == [(3, 11)]
    assert numbers(first) + numbers(rest) == numbers(grid)


def test_split_points_keep_blocks_and_header_together(large: Report) -> None:
    requests = build("requests", large)
    assert requests.split_points()[0] == 5  # the header and two rows always open a page
    proactive = build("proactive", large)
    starts = [a for a, _ in proactive.keep]
    assert proactive.split_points() == starts[1:]
