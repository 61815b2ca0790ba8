"""The printed totals as checksums: where do a short row's figures go?

A row printed with fewer figures than cells (text copied out of a PDF drops an
empty cell without a trace) could be read several ways: any of its cells may
be the one left out. Each way is tried — the figures kept in their printed
order, the left-out cells blank — and kept only if every printed total it
touches adds up: the row's 总计 column, and the （七）总计 row for the columns
(with the other rows as read) — and only if each of its figures is confirmed
by a total (a way that leaves out the totals themselves confirms nothing).
Cells on which every way that adds up agrees are read; cells they disagree on
are not (left for the clerk, said so), and a row no way fits is not read at all:
never filled in left to right.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations, product
from math import comb
from typing import Mapping, Sequence

from gxdesk.model import SUM_TERMS, CellKey
from gxdesk.numbers import NumberError, parse_figure
from gxdesk.schema import REQUESTS, REQUESTS_BALANCE, Table

MAX_READINGS = 5_000  # ways to place a row's figures tried at most (15 cells, 4 left out: 1,365)

Number = int | Decimal
Entry = str | None  # a figure as printed, or a blank


Row = tuple[Sequence[CellKey], Sequence[Entry]]  # a row's cells, and the fewer entries printed in it


def ways_to_try(rows: Sequence[Row]) -> int:
    count = 1
    for cells, printed in rows:
        count *= comb(len(cells), len(cells) - len(printed))
    return count


def place_by_totals(table: Table, rows: Sequence[Row],
                    known: Mapping[CellKey, Entry]) -> tuple[dict[CellKey, Entry], set[CellKey]] | None:
    """Each row's printed entries (fewer than its cells) placed into its cells as the totals allow,
    the rows together (a column's equation may hold two short rows): the cells every way that adds
    up agrees on (left-out cells blank, None), and the cells the ways disagree on (not read). None
    when no way adds up. ``known``: the rest of the table as read, for the column totals."""
    if not rows or any(len(p) >= len(c) for c, p in rows) or ways_to_try(rows) > MAX_READINGS:
        return None
    if any(_numbers(table, cells, printed) is None for cells, printed in rows):
        return None  # a figure that cannot be read: nothing to add up
    cells = [key for row_cells, _ in rows for key in row_cells]
    checks = [(left, right) for left, right in equations(table) if any(key in cells for key in left + right)]
    read = {key: _known(table, key, known) for left, right in checks for key in left + right if key not in cells}
    offsets = [sum(len(c) for c, _ in rows[:i]) for i in range(len(rows))]
    choices = [combinations(range(len(c)), len(c) - len(p)) for c, p in rows]
    ways: list[tuple[list[Entry], list[Number], set[int]]] = []
    for per_row in product(*choices):
        entries = [entry for (row_cells, printed), out in zip(rows, per_row, strict=True)
                   for entry in _fill(printed, len(row_cells), out)]
        left_out = {offset + i for offset, out in zip(offsets, per_row, strict=True) for i in out}
        values = {key: _value(table, key, entry) for key, entry in zip(cells, entries, strict=True)}
        verified = _verified(checks, read | values)
        if verified is None or any(key not in verified for i, key in enumerate(cells) if i not in left_out):
            continue  # an equation disagrees, or some figure's place is confirmed by none
        ways.append((entries, [values[key] or 0 for key in cells], left_out))
    if not ways:
        return None
    placed: dict[CellKey, Entry] = {}
    undecided: set[CellKey] = set()
    for index, key in enumerate(cells):
        if len({numbers[index] for _, numbers, _ in ways}) > 1:
            undecided.add(key)  # the ways that add up disagree on this cell: not guessed
        elif all(index in left_out for _, _, left_out in ways):
            placed[key] = None  # left out in every way: printed blank
        else:
            printed_here = [entries[index] for entries, _, _ in ways if entries[index] is not None]
            placed[key] = printed_here[0] if printed_here else "0"
    return placed, undecided


def _fill(printed: Sequence[Entry], width: int, left_out: tuple[int, ...]) -> list[Entry]:
    figures = iter(printed)
    return [None if index in left_out else next(figures) for index in range(width)]


def _numbers(table: Table, cells: Sequence[CellKey], printed: Sequence[Entry]) -> list[Number | None] | None:
    kind = table.kind(cells[0][1])
    try:
        return [parse_figure(entry, kind) if entry is not None else None for entry in printed]
    except NumberError:
        return None


def _value(table: Table, key: CellKey, entry: Entry) -> Number | None:
    if entry is None:
        return None
    try:
        return parse_figure(entry, table.kind(key[1]))
    except NumberError:
        return None


Equation = tuple[tuple[CellKey, ...], tuple[CellKey, ...]]  # the cells on each side of an "="


def equations(table: Table) -> list[Equation]:
    """What a printed table must satisfy: each printed total = the cells it adds up, and in section
    三 the printed 勾稽关系 一 + 二 = （七）总计 + 四, column by column (schema.REQUESTS_BALANCE)."""
    found: list[Equation] = [((key,), terms) for key, terms in SUM_TERMS.items() if key[0] == table.id]
    if table.id == REQUESTS.id:
        left, right = REQUESTS_BALANCE
        for column in REQUESTS.blocks[0].columns:
            found.append((tuple((table.id, r, column.id) for r in left),
                          tuple((table.id, r, column.id) for r in right)))
    return found


def _verified(checks: list[Equation], values: Mapping[CellKey, Number | _Unknown | None]) -> set[CellKey] | None:
    """The cells whose place a printed equation confirms; None if one disagrees."""
    verified: set[CellKey] = set()
    for left, right in checks:
        if len(left) == 1 and values[left[0]] is None:
            continue  # a total printed blank: nothing to check against
        sides = []
        for side in (left, right):
            found = [values[key] for key in side]
            sides.append(None if any(isinstance(v, _Unknown) for v in found) else
                         sum(v for v in found if isinstance(v, (int, Decimal))))
        if sides[0] is None or sides[1] is None:
            continue  # a cell not read yet: this equation cannot decide
        if sides[0] != sides[1]:
            return None
        verified.update(left + right)
    return verified


class _Unknown:
    pass


_UNKNOWN = _Unknown()


def _known(table: Table, key: CellKey, known: Mapping[CellKey, Entry]) -> Number | _Unknown | None:
    """A cell outside the rows being placed, as read: a number, a blank (None), or not read."""
    if key not in known:
        return _UNKNOWN
    entry = known[key]
    value = _value(table, key, entry)
    return _UNKNOWN if entry is not None and value is None else value
