"""The printed table shapes follow the official format and come from the schema."""



import pytest

from gxdesk import records, schema
from gxdesk.grid import CellRole, fit_heights, grid_of


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.id)
def test_every_position_covered_once_and_every_cell_placed_once(table):
    grid = grid_of(table)  # Grid() itself refuses overlapping cells
    assert all(grid.at(r, c) is not None for r in range(grid.rows) for c in range(grid.columns))
    keys = [c.key for c in grid.values()]
    assert sorted(keys) == sorted((table.id, r.id, c.id) for r, c in table.cells())
    for key in keys:
        assert grid.at(*grid.position(key)).key == key


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.id)
def test_every_label_comes_from_the_schema(table):
    texts = {c.text for c in grid_of(table).cells if c.role is not CellRole.VALUE}
    schema_texts = {schema.APPLICANT_GROUP}
    for block in table.blocks:
        schema_texts |= {block.heading, block.corner}
        schema_texts |= {c.label for c in block.columns} | {c.group for c in block.columns}
        schema_texts |= {r.label for r in block.rows} | {g for r in block.rows for g in r.groups}
    assert texts <= schema_texts - {""}


def test_requests_has_three_label_levels_and_three_header_rows():
    grid = grid_of(schema.REQUESTS)
    assert (grid.header_rows, grid.label_columns) == (3, 3)
    corner = grid.at(0, 0)
    assert (corner.text, corner.rowspan, corner.colspan) == (schema.REQUESTS_CORNER, 3, 3)
    title = grid.at(0, 3)
    assert (title.text, title.colspan) == (schema.APPLICANT_GROUP, 7)
    legal = grid.at(1, 4)
    assert (legal.text, legal.colspan) == (schema.LEGAL_PERSON_GROUP, 5)
    assert grid.at(1, 3).rowspan == 2  # 自然人 reaches down to the leaf level
    # 三、本年度办理结果 spans every outcome row and （七）总计.
    results = grid.at(grid.position(("requests", "granted", "natural_person"))[0], 0)
    assert results.rowspan == len(schema.OUTCOME_ROW_IDS) + 1
    refused = grid.at(grid.position(("requests", "refused_state_secret", "total"))[0], 1)
    assert refused.rowspan == 8
    new = grid.at(grid.position(("requests", "new", "total"))[0], 0)
    assert new.colspan == 3


def test_appeals_is_one_row_of_fifteen_under_three_header_levels():
    grid = grid_of(schema.APPEALS)
    assert (grid.rows, grid.columns, grid.header_rows) == (4, 15, 3)
    assert {c.row for c in grid.values()} == {3}
    assert (grid.at(0, 0).text, grid.at(0, 0).colspan) == (schema.REVIEW_GROUP, 5)
    assert (grid.at(0, 5).text, grid.at(0, 5).colspan) == (schema.LITIGATION_GROUP, 10)
    assert grid.at(1, 0).rowspan == 2 and grid.at(2, 5).rowspan == 1
    assert grid.at(3, 14).key == ("appeals", "litigation_after_review", "total")


def test_proactive_blocks_stack_with_headings_across_the_table():
    grid = grid_of(schema.PROACTIVE)
    headings = [c for c in grid.cells if c.role is CellRole.HEADING]
    assert [h.text for h in headings] == [b.heading for b in schema.PROACTIVE.blocks]
    assert all(h.colspan == grid.columns == 4 for h in headings)
    fees = grid.at(*grid.position(("proactive", "fees", "amount")))
    assert fees.colspan == 3


def test_pasted_block_walks_over_spanned_figures():
    grid = grid_of(schema.PROACTIVE)
    top, left = grid.position(("proactive", "licensing", "count"))
    (line,) = grid.block(top, left, 1, 2)
    assert line[0].key == ("proactive", "licensing", "count") and line[1] is None


def test_fit_heights_grows_the_last_row_of_a_tall_span_only_when_needed():
    grid = grid_of(schema.REQUESTS)
    widths = [10] * grid.columns
    measure = lambda text, width: 5 * -(-len(text) // max(1, width // 10))  # noqa: E731 5 px a line
    heights = fit_heights(grid, grid.header_rows, grid.rows - grid.header_rows, widths, measure, 5)
    # A 33-character label in a 10-wide cell needs 33 lines.
    row = grid.position(("requests", "other_no_correction", "total"))[0] - grid.header_rows
    assert heights[row] == 5 * len(schema.REQUESTS.row("other_no_correction").label)
    granted = grid.position(("requests", "granted", "total"))[0] - grid.header_rows
    assert heights[granted] == 5 * 4  # （一）予以公开 across two label columns: 2 a line
    # 三、本年度办理结果 (9 lines) fits in its 22 rows: its last row, （七）总计, gets nothing extra.
    total = grid.position(("requests", "total", "total"))[0] - grid.header_rows
    assert heights[total] == 5 * 3


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.id)
def test_every_printed_column_has_a_width(table):
    assert len(table.widths_mm) == grid_of(table).columns


def test_a_table_whose_widths_do_not_match_its_grid_is_refused():
    narrow = records.replace(schema.APPEALS, widths_mm=(156 / 14,) * 14)
    with pytest.raises(ValueError, match="15 columns but gives 14 widths"):
        grid_of(narrow)
