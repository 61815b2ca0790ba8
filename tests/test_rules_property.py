"""Property tests: a random balanced report has no 勾稽 finding; changing any one entered
cell of section 三 produces exactly one, naming exactly that cell's column."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gxdesk.model import Report
from gxdesk.rules import check
from gxdesk.schema import MAX_COUNT, OUTCOME_ROW_IDS, REQUEST_COLUMN_IDS, REQUESTS

ENTERED_ROWS = [r.id for r in REQUESTS.rows if not r.computed]
counts = st.integers(min_value=0, max_value=MAX_COUNT // 100)


@st.composite
def balanced_reports(draw) -> Report:
    report = Report(organ="测试机关", year=2025)
    for column in REQUEST_COLUMN_IDS:
        outcomes = draw(st.lists(counts, min_size=len(OUTCOME_ROW_IDS), max_size=len(OUTCOME_ROW_IDS)))
        carried_forward = draw(counts)
        handled = sum(outcomes) + carried_forward
        carried_over = draw(st.integers(min_value=0, max_value=handled))
        changes = dict(zip([("requests", r, column) for r in OUTCOME_ROW_IDS], outcomes, strict=True))
        changes[("requests", "carried_forward", column)] = carried_forward
        changes[("requests", "carried_over", column)] = carried_over
        changes[("requests", "new", column)] = handled - carried_over
        report.set_cells(changes)
    return report


def balance_findings(report):
    return [f for f in check(report) if f.rule == "requests.balance"]


@settings(max_examples=200, deadline=None)
@given(balanced_reports())
def test_a_balanced_report_has_no_balance_finding(report):
    assert balance_findings(report) == []


@settings(max_examples=300, deadline=None)
@given(balanced_reports(), st.sampled_from(ENTERED_ROWS), st.sampled_from(REQUEST_COLUMN_IDS),
       st.integers(min_value=1, max_value=10_000), st.booleans())
def test_changing_one_cell_names_exactly_its_column(report, row, column, delta, down):
    key = ("requests", row, column)
    value = report.cells[key]
    if down and value >= delta:
        delta = -delta
    report.set_cells({key: value + delta})
    findings = balance_findings(report)
    assert [f.column for f in findings] == [column]
    assert f"相差 {abs(delta):,}" in findings[0].message
