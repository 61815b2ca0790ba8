"""A drafted paragraph states its report's figures: checked against that report it gives no
finding, and changing the cell behind any figure it states gives exactly one."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from gxdesk.drafting import DRAFTS, draft_text
from gxdesk.model import ENTERED_KEYS, SUM_TERMS, Report
from gxdesk.rules import check
from gxdesk.schema import APPEALS, OUTCOME_ROW_IDS, REQUEST_COLUMN_IDS, TEXT_IDS
from gxdesk.text_checks.figures import stated_figures

# Mostly small figures and many zeros: drafts say 未… for a zero, so both kinds of sentence occur.
counts = st.one_of(st.just(0), st.integers(min_value=1, max_value=30), st.integers(min_value=31, max_value=200_000))


@st.composite
def reports(draw) -> Report:
    report = Report(organ="测试县民政局", year=2025, date="2026-01-20")
    for column in REQUEST_COLUMN_IDS:
        outcomes = [draw(counts) for _ in OUTCOME_ROW_IDS]
        carried_forward = draw(counts)
        handled = sum(outcomes) + carried_forward
        carried_over = draw(st.integers(min_value=0, max_value=handled))
        cells = {("requests", r, column): v for r, v in zip(OUTCOME_ROW_IDS, outcomes, strict=True)}
        cells[("requests", "carried_forward", column)] = carried_forward
        cells[("requests", "carried_over", column)] = carried_over
        cells[("requests", "new", column)] = handled - carried_over
        report.set_cells(cells)
    for row, column in APPEALS.entered_cells():
        report.set_cells({("appeals", row.id, column.id): draw(counts)})
    return report


def drafted(report: Report, draft) -> Report:
    """The report with nothing in its text but this one drafted paragraph."""
    out = copy.deepcopy(report)
    out.text = dict.fromkeys(TEXT_IDS, "")
    out.text[draft.part] = draft_text(report, draft)
    return out


def figure_findings(report: Report) -> list:
    return [f for f in check(report) if f.rule == "text.figure"]


def entered(key):
    return (key,) if key in ENTERED_KEYS else SUM_TERMS[key]


@settings(max_examples=120, deadline=None)
@given(reports(), st.sampled_from(DRAFTS), st.data())
def test_a_draft_agrees_with_its_report_and_one_changed_cell_is_one_finding(report, draft, data):
    own = drafted(report, draft)
    assert [f for f in check(own) if f.field == draft.part] == []
    stated = stated_figures(own.text[draft.part], own.year)
    if not stated:  # only the fee sentence states no figure, when no fee notice went unpaid
        assert own.value("requests", "other_no_fee", "total") == 0 and draft.template == "fee.j2"
        return
    figure = data.draw(st.sampled_from(stated))
    key = data.draw(st.sampled_from([k for keys in figure.target.sums[:1] for t in keys for k in entered(t)]))
    value = own.cells[key]
    delta = data.draw(st.integers(min_value=1, max_value=50))
    own.set_cells({key: value - delta if value >= delta and data.draw(st.booleans()) else value + delta})
    findings = figure_findings(own)
    assert len(findings) == 1, (own.text[draft.part], key, [f.message for f in findings])
    assert findings[0].field == draft.part
    assert (findings[0].start, findings[0].end) == figure.sentence
