"""The report: meta, narrative text and the entered figures; totals are derived.

Pure Python. Every entered cell of every table is always present in
``Report.cells`` (zero unless set); ``None`` marks a cell left blank, which
the rules flag. Computed cells are never stored: ``value()`` adds them up
from the schema's ``sum_of`` definitions, so they cannot disagree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Mapping, NamedTuple, Union

from gxdesk import schema
from gxdesk.preamble import move_year, standard_preamble
from gxdesk.records import field, record, replace
from gxdesk.schema import PROACTIVE, REQUEST_COLUMN_IDS, REQUESTS, TABLE_BY_ID, TEXT_IDS, Kind

Value = Union[int, Decimal, None]
CellKey = tuple[str, str, str]  # (table id, row id, column id)


class FindingKey(NamedTuple):
    """A finding's identity as ``gxdesk check --json`` prints it: the rule and its place.

    An explanation (出错说明) is stored under this key and answers the finding with the same key."""

    rule: str
    table: str = ""
    row: str = ""
    column: str = ""
    field: str = ""

ENTERED_KEYS: tuple[CellKey, ...] = tuple(
    (table.id, row.id, column.id) for table in schema.TABLES for row, column in table.entered_cells()
)
_ENTERED = frozenset(ENTERED_KEYS)


def _terms(table: schema.Table, row: schema.Row, column: schema.Column) -> tuple[CellKey, ...]:
    """The entered cells a computed cell adds up, from the schema's sum_of definitions."""
    if row.sum_of:
        parts = [(table.row(r), column) for r in row.sum_of]
    else:
        parts = [(row, table.column(row.id, c)) for c in column.sum_of]
    return tuple(
        key for r, c in parts
        for key in ((_terms(table, r, c)) if (r.computed or c.computed) else ((table.id, r.id, c.id),))
    )


# Computed cell → the entered cells it sums; flattened once so a total is one pass.
SUM_TERMS: dict[CellKey, tuple[CellKey, ...]] = {
    (table.id, row.id, column.id): _terms(table, row, column)
    for table in schema.TABLES for row, column in table.cells() if row.computed or column.computed
}


def zero_of(table_id: str, row_id: str) -> Value:
    return Decimal(0) if TABLE_BY_ID[table_id].kind(row_id) is Kind.AMOUNT else 0


_ZEROS: dict[CellKey, Value] = {key: zero_of(key[0], key[1]) for key in ENTERED_KEYS}


def _zeros() -> dict[CellKey, Value]:
    return dict(_ZEROS)  # a copy of one made once (its values are immutable): 汇总 makes a report per unit


@record(frozen=False)
class Report:
    organ: str = ""
    year: int = 0
    doc_number: str = ""
    date: str = ""  # YYYY-MM-DD, or "" while not yet set
    title: str = ""  # "" means the standard title
    text: dict[str, str] = field(default_factory=lambda: dict.fromkeys(TEXT_IDS, ""))
    cells: dict[CellKey, Value] = field(default_factory=_zeros)
    # 出错说明: the clerk's written answer to a warning that is true but justified, by finding.
    explanations: dict[FindingKey, str] = field(default_factory=dict)
    # Last year's report as this one is checked against (the cross-year rules), kept in the file
    # (docs/file-format.md, "previous"); never has a previous of its own.
    previous: Report | None = None

    def value(self, table_id: str, row_id: str, column_id: str) -> Value:
        """An entered or computed cell; blanks count as 0 inside totals."""
        key = (table_id, row_id, column_id)
        if key in self.cells:
            return self.cells[key]
        cells = self.cells
        return _total(cells[term] for term in SUM_TERMS[key])

    def set_cells(self, changes: Mapping[CellKey, Value]) -> dict[CellKey, Value]:
        """Apply edits to entered cells; returns the previous values (the undo)."""
        unknown = [key for key in changes if key not in _ENTERED]
        if unknown:
            raise KeyError(f"not an entered cell: {unknown[0]}")
        previous = {key: self.cells[key] for key in changes}
        self.cells.update(changes)
        return previous

    def set_explanation(self, key: FindingKey, text: str) -> str:
        """Answer the finding ``key`` with ``text`` ("" takes the answer back); returns the previous one."""
        previous = self.explanations.get(key, "")
        if text:
            self.explanations[key] = text  # in place if it was there: the file keeps its order
        else:
            self.explanations.pop(key, None)
        return previous

    def set_text(self, part_id: str, text: str) -> str:
        if part_id not in self.text:
            raise KeyError(part_id)
        previous, self.text[part_id] = self.text[part_id], text
        return previous

    @property
    def standard_title(self) -> str:
        return "".join(schema.standard_title(self.organ, self.year))

    @property
    def short_title(self) -> str:
        """What the report's file is called by default: 某某局2025年度报告."""
        return schema.short_title(self.organ, self.year)

    @property
    def display_title(self) -> str:
        return self.title or self.standard_title


def _total(values: Iterable[Value]) -> int | Decimal:
    """Sum that treats blanks as 0 and survives a stray non-integer (the rules flag it)."""
    total: int | Decimal = 0
    for value in values:
        if value.__class__ is not int:  # the common case stays cheap
            if value is None:
                continue
            if isinstance(value, float):
                value = Decimal(repr(value))
        total += value
    return total


def carry_over_changes(report: Report, previous: Report) -> dict[CellKey, Value]:
    """The edits that make 二、上年结转 equal last year's 四、结转下年度继续办理."""
    changes: dict[CellKey, Value] = {}
    for column in REQUEST_COLUMN_IDS:
        key = (REQUESTS.id, "carried_over", column)
        last = previous.value(REQUESTS.id, "carried_forward", column)
        if report.cells[key] != last:
            changes[key] = last
    return changes


def new_report(organ: str, year: int) -> Report:
    """A blank report with the formulaic preamble every report opens with."""
    report = Report(organ=organ.strip(), year=year)
    report.text["preamble"] = standard_preamble(year)
    return report


def as_previous(report: Report) -> Report:
    """``report`` as another year's ``previous``: a copy without a previous (or explanations) of its own."""
    return replace(report, text=dict(report.text), cells=dict(report.cells), explanations={}, previous=None)


def next_year(last: Report) -> Report:
    """This year's report started from last year's (从上年报告开始).

    Taken over: 机关名称, the report's own title and the preamble with the year moved on,
    every text part (to be rewritten: the cross-year rules flag text copied wholesale),
    二、上年结转 from last year's 四、结转下年度继续办理, and each 现行有效件数 of 二 (it
    stays until documents are issued or repealed). New each year, so left empty: 发文字号,
    成文日期 and every other figure. Last year's report becomes ``previous``."""
    year = last.year + 1
    report = new_report(last.organ, year)
    report.title = last.title.replace(f"{last.year}年", f"{year}年")
    report.text.update(last.text)
    report.text["preamble"] = move_year(last.text.get("preamble", ""), last.year, year)
    # A figure last year's report left blank (an import could not find it) is no figure to copy.
    report.set_cells({k: v for k, v in carry_over_changes(report, last).items() if v is not None})
    for row in PROACTIVE.rows:
        key = (PROACTIVE.id, row.id, "in_force")
        if key in report.cells and last.cells[key] is not None:
            report.cells[key] = last.cells[key]
    report.previous = as_previous(last)
    return report
