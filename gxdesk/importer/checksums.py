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
from itertools import combinations
from math import comb
from typing import Mapping, Sequence

from gxdesk.model import SUM_TERMS, CellKey
from gxdesk.numbers import NumberError, parse_figure
from gxdesk.schema import Table

MAX_READINGS = 5_000  # ways to place a row's figures tried at most (15 cells, 4 left out: 1,365)

Number = int | Decimal
Entry = str | None  # a figure as printed, or a blank


def place_by_totals(table: Table, cells: Sequence[CellKey], printed: Sequence[Entry],
                    known: Mapping[CellKey, Entry]) -> tuple[dict[CellKey, Entry], set[CellKey]] | None:
    """``printed`` (fewer than ``cells``) placed into ``cells`` as the totals allow: the cells every
    way that adds up agrees on (left-out cells blank, None), and the cells the ways disagree on
    (not read). None when no way adds up. ``known``: the rest of the table as read (the figures
    of complete rows), for the column totals."""
    gaps = len(cells) - len(printed)
    if gaps <= 0 or comb(len(cells), gaps) > MAX_READINGS or _numbers(table, cells, printed) is None:
        return None  # too many ways to try, or a figure that cannot be read: nothing to add up
    checks = [(key, terms) for key, terms in SUM_TERMS.items() if key[0] == table.id
              and (key in cells or any(term in cells for term in terms))]
    ways: list[tuple[list[Entry], list[Number], set[int]]] = []
    for left_out in combinations(range(len(cells)), gaps):
        entries = _fill(printed, len(cells), left_out)
        values = {key: _value(table, key, entry) for key, entry in zip(cells, entries, strict=True)}
        verified = _verified(table, checks, values, known)
        if verified is None or any(key not in verified for i, key in enumerate(cells) if i not in left_out):
            continue  # a total disagrees, or some figure's place is confirmed by no total
        ways.append((entries, [values[key] or 0 for key in cells], set(left_out)))
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
            entry = next(entries[index] for entries, _, _ in ways if entries[index] is not None) \
                if any(entries[index] is not None for entries, _, _ in ways) else None
            placed[key] = entry if entry is not None else "0"
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


def _verified(table: Table, checks: list[tuple[CellKey, tuple[CellKey, ...]]],
              values: Mapping[CellKey, Number | None], known: Mapping[CellKey, Entry]) -> set[CellKey] | None:
    """The cells whose place a printed total confirms; None if a printed total disagrees."""
    verified: set[CellKey] = set()
    for total_key, terms in checks:
        total = _lookup(table, total_key, values, known)
        if isinstance(total, _Unknown) or total is None:
            continue  # not read, or printed blank: nothing to check against
        found = [_lookup(table, term, values, known) for term in terms]
        if any(isinstance(value, _Unknown) for value in found):
            continue  # a term not read yet: this total cannot decide
        if sum(value or 0 for value in found if not isinstance(value, _Unknown)) != total:
            return None
        verified.add(total_key)
        verified.update(terms)
    return verified


class _Unknown:
    pass


_UNKNOWN = _Unknown()


def _lookup(table: Table, key: CellKey, values: Mapping[CellKey, Number | None],
            known: Mapping[CellKey, Entry]) -> Number | _Unknown | None:
    if key in values:
        return values[key]
    if key not in known:
        return _UNKNOWN
    entry = known[key]
    value = _value(table, key, entry)
    return _UNKNOWN if entry is not None and value is None else value
