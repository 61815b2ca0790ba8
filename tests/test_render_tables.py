"""The printed tables carry the official structure: merged cells, header rows, figures in place."""

from __future__ import annotations

from gxdesk import schema
from gxdesk.grid import CellRole, GridCell
from gxdesk.model import Report
from gxdesk.render import page
from gxdesk.render.tables import PrintedTable, build


def cell(table: PrintedTable, text: str) -> GridCell:
    (found,) = [c for c in table.grid.cells if c.text == text and c.role is not CellRole.VALUE]
    return found


def head(row: int, column: int, text: str, rowspan: int = 1, colspan: int = 1) -> GridCell:
    return GridCell(row, column, CellRole.HEADER, text, rowspan=rowspan, colspan=colspan)


def assert_tiles(table: PrintedTable) -> None:
    """Every grid position is covered by exactly one cell."""
    grid = table.grid
    seen: dict[tuple[int, int], GridCell] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.column, c.column + c.colspan):
                assert (r, k) not in seen, (c, seen.get((r, k)))
                seen[(r, k)] = c
    assert set(seen) == {(r, k) for r in range(grid.rows) for k in range(grid.columns)}
    assert len(table.widths) == grid.columns


REQUESTS, APPEALS = schema.REQUESTS, schema.APPEALS
RESULTS = REQUESTS.row("granted").groups[0]  # 三、本年度办理结果
REFUSED = REQUESTS.row("refused_state_secret").groups[1]  # （三）不予公开


def row_label(row_id: str) -> str:
    return REQUESTS.row(row_id).label


def column_label(column_id: str) -> str:
    return REQUESTS.column("new", column_id).label


def numbers(table: PrintedTable) -> list[str]:
    cells = sorted(table.grid.cells, key=lambda c: (c.row, c.column))
    return [table.text_of(c) for c in cells if c.role is CellRole.VALUE]


def test_widths_fill_the_type_area(large: Report) -> None:
    for table in schema.TABLES:
        printed = build(table.id, large)
        assert abs(sum(printed.widths) - page.TYPE_WIDTH) < 0.5
        assert_tiles(printed)


def test_requests_header_and_row_labels(large: Report) -> None:
    printed = build("requests", large)
    assert printed.grid.header_rows == 3 and printed.grid.columns == 10
    assert cell(printed, schema.REQUESTS_CORNER) == head(0, 0, schema.REQUESTS_CORNER, 3, 3)
    assert cell(printed, schema.APPLICANT_GROUP) == head(0, 3, schema.APPLICANT_GROUP, 1, 7)
    natural = column_label("natural_person")
    assert cell(printed, natural) == head(1, 3, natural, 2, 1)
    assert cell(printed, schema.LEGAL_PERSON_GROUP) == head(1, 4, schema.LEGAL_PERSON_GROUP, 1, 5)
    total = column_label("total")
    assert cell(printed, total) == head(1, 9, total, 2, 1)
    legal_persons = [c.label for c in schema.REQUESTS.blocks[0].columns if c.group == schema.LEGAL_PERSON_GROUP]
    assert [c.text for c in printed.grid.cells if c.row == 2] == legal_persons
    results = cell(printed, RESULTS)
    assert (results.row, results.column, results.rowspan) == (5, 0, 22)
    refused = cell(printed, REFUSED)
    assert (refused.row, refused.column, refused.rowspan) == (7, 1, 8)
    assert cell(printed, row_label("new")).colspan == 3
    assert cell(printed, row_label("granted")).colspan == 2
    assert cell(printed, row_label("refused_state_secret")).colspan == 1
    assert cell(printed, row_label("total")).colspan == 2


def test_requests_figures_in_printed_order_with_totals(large: Report) -> None:
    table = schema.REQUESTS
    expected = [str(large.value(table.id, r.id, c.id)) for r, c in table.cells()]
    assert numbers(build("requests", large)) == expected
    assert expected[-1] == str(large.value("requests", "carried_forward", "total"))


def test_appeals_is_one_row_of_fifteen(large: Report) -> None:
    printed = build("appeals", large)
    assert printed.grid.header_rows == 3 and printed.grid.rows == 4 and printed.grid.columns == 15
    assert cell(printed, schema.REVIEW_GROUP) == head(0, 0, schema.REVIEW_GROUP, 1, 5)
    assert cell(printed, schema.LITIGATION_GROUP) == head(0, 5, schema.LITIGATION_GROUP, 1, 10)
    direct, after_review = APPEALS.row("litigation_direct").label, APPEALS.row("litigation_after_review").label
    assert cell(printed, direct) == head(1, 5, direct, 1, 5)
    assert cell(printed, after_review) == head(1, 10, after_review, 1, 5)
    review_heads = [c for c in printed.grid.cells if c.row == 1 and c.column < 5]
    assert [c.text for c in review_heads] == [c.label for c in schema.APPEALS.blocks[0].columns]
    assert all(c.rowspan == 2 for c in review_heads)
    table = schema.APPEALS
    assert numbers(printed) == [str(large.value(table.id, r.id, c.id)) for r, c in table.cells()]
    assert all(c.row == 3 for c in printed.grid.cells if c.role is CellRole.VALUE)


def test_proactive_blocks(large: Report) -> None:
    printed = build("proactive", large)
    blocks = [c for c in printed.grid.cells if c.role is CellRole.HEADING]
    assert [b.text for b in blocks] == [b.heading for b in schema.PROACTIVE.blocks]
    assert all(b.colspan == 4 for b in blocks)
    assert cell(printed, schema.PROACTIVE.column("fees", "amount").label).colspan == 3
    assert len(printed.keep) == 4
    table = schema.PROACTIVE
    assert numbers(printed) == [str(large.value(table.id, r.id, c.id)) for r, c in table.cells()]


def test_blank_cells_print_blank(sample: Report) -> None:
    sample.cells[("appeals", "review", "upheld")] = None
    assert numbers(build("appeals", sample))[0] == ""


def test_splitting_cuts_spans_and_repeats_the_header(large: Report) -> None:
    printed = build("requests", large)
    first, rest = printed.split_at(16)
    assert_tiles(first)
    assert_tiles(rest)
    assert first.grid.rows == 16 and rest.grid.rows == printed.grid.rows - 16 + 3
    assert [c for c in rest.grid.cells if c.row < 3] == [c for c in printed.grid.cells if c.row < 3]
    # 三、本年度办理结果 (RESULTS) is cut in two and named again on the continuation.
    assert [c.rowspan for c in first.grid.cells if c.text == RESULTS] == [11]
    assert [(c.row, c.rowspan) for c in rest.grid.cells if c.text == RESULTS] == [(3, 11)]
    assert numbers(first) + numbers(rest) == numbers(printed)


def test_split_points_keep_blocks_and_header_together(large: Report) -> None:
    requests = build("requests", large)
    assert requests.split_points()[0] == 5  # the header and two rows always open a page
    proactive = build("proactive", large)
    starts = [a for a, _ in proactive.keep]
    assert proactive.split_points() == starts[1:]


def test_row_labels_sit_left_except_in_section_two(large: Report) -> None:
    def label_alignment(table_id: str) -> set[bool]:
        printed = build(table_id, large)
        return {printed.centred(c) for c in printed.grid.cells if c.role is CellRole.LABEL}

    assert label_alignment("requests") == {False}
    assert label_alignment("proactive") == {True}  # centred, as in the official form
    printed = build("requests", large)
    assert all(printed.centred(c) for c in printed.grid.cells if c.role is not CellRole.LABEL)
