"""Finding the figures of sections 二, 三 and 四 in a stretch of lines.

The lines of a table region become a stream of tokens: text, figures and
blanks. Figures that follow one another form a *run*; the text read since
the previous run is what names it. A run belongs to the row whose label
(from the schema) that text contains — anchored on the label's beginning,
since published labels get broken across lines and cells, spaced out, or
interleaved with the letters of a vertical group label. Rows are looked for
in the order the official table prints them, so a short label such as
"3.其他" cannot be confused with an earlier row. A run whose text names no
row continues the current row while it still lacks figures. A table printed
side by side (section 四) has no row labels beside its figures: its 15
figures are read in order.

Nothing is guessed: figures that fit no row, rows that are not found and
figures that cannot be read are all reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise
from typing import Iterable, Iterator, Union

from gxdesk import schema
from gxdesk.importer.checksums import MAX_READINGS, place_by_totals, ways_to_try
from gxdesk.importer.lines import Line, is_figure, norm
from gxdesk.model import SUM_TERMS, CellKey, Value, zero_of
from gxdesk.numbers import NumberError, is_blank, parse_figure
from gxdesk.schema import Shape, Table

MIN_PREFIX = 4  # a label's beginning identifies it from this length on, if no other label contains it
MIN_CORE = 4  # a label without its numbering is only used when at least this long


# What follows a number in a sentence, never a figure in a table cell: a measure word, a
# unit, or the punctuation running text puts after a count.
_COUNTED = frozenset("件条次个人项家户份期场名篇起宗例万元年月日%％，,、；;：:）)")


class _Token(Enum):
    TEXT = "text"
    FIGURE = "figure"
    BLANK = "blank"  # a blank mark such as / or — : the cell is there, left empty
    EMPTY = "empty"  # an empty table cell: a blank, or padding beside a spanning label


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()
Raw = Union[str, None, _Missing]  # a figure as printed, a blank cell, or nothing found


@dataclass
class Run:
    text: str  # normalised text read since the previous run
    values: list[str | None]  # figures as printed; None for a blank cell
    filled: int  # figures and blank marks, not counting empty cells


def _classify(token: str) -> _Token:
    if is_blank(token):
        return _Token.BLANK
    return _Token.FIGURE if is_figure(token) else _Token.TEXT


def _tokens(line: Line) -> Iterator[tuple[_Token, str]]:
    if not line.tabular:
        if "。" in unicodedata.normalize("NFKC", line.cells[0]):
            return  # prose beside a table, e.g. a note: its numbers are not cells
        tokens = [(_classify(part), part) for part in line.cells[0].split()]
        if any(kind is _Token.FIGURE and following[:1] in _COUNTED
               for (kind, _), (_, following) in pairwise(tokens)):
            return  # a sentence counting things ("申请 2 件，同意公开 9 件"), broken off before its 。
        yield from tokens
        return
    for cell in line.cells:
        if not cell:
            yield _Token.EMPTY, ""
        else:
            for part in cell.split():
                yield _classify(part), part


def runs(lines: Iterable[Line]) -> list[Run]:
    found: list[Run] = []
    text: list[str] = []
    current: list[tuple[_Token, str]] = []

    def close() -> None:
        filled = sum(kind is not _Token.EMPTY for kind, _ in current)
        # Empty cells after a label may be a row left blank; elsewhere they are only layout.
        if filled or (current and text):
            values = [value if kind is _Token.FIGURE else None for kind, value in current]
            found.append(Run("".join(text), values, filled))
            text.clear()
        current.clear()

    for line in lines:
        for kind, value in _tokens(line):
            if kind is _Token.TEXT:
                flat = norm(value)
                if flat[:1] in ".、" and current and _is_item_number(current[-1]):
                    flat = norm(current.pop()[1] + value)  # "3" then ".其他": the numbering of a label
                close()
                text.append(flat)
            else:
                current.append((kind, value))
        if line.tabular:
            close()  # a table row's figures end with the row
    close()
    return found


def _is_item_number(token: tuple[_Token, str]) -> bool:
    kind, value = token
    return kind is _Token.FIGURE and len(value) <= 2 and value.isdigit()


# --- Matching runs to rows -------------------------------------------------------------


@dataclass(frozen=True)
class RowSpec:
    table: Table
    row: schema.Row
    variants: tuple[tuple[str, int], ...]  # (normalised label, length of its shortest identifying beginning)

    items: tuple[schema.Row, ...] = ()  # a group printed as one row (older templates): the rows it stands for

    @property
    def width(self) -> int:
        return len(self.table.block_of((self.items[0] if self.items else self.row).id).columns)


_NUMBERING = re.compile(r"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)")


def row_specs(table: Table) -> list[RowSpec]:
    labels: dict[str, tuple[str, ...]] = {}
    for row in table.rows:
        label = norm(row.label)
        core = _NUMBERING.sub("", label)
        variants = (label, core) if core != label and len(core) >= MIN_CORE else (label,)
        labels[row.id] = variants + tuple(norm(alias) for alias in row.aliases)
    specs = []
    for row in table.rows:
        others = [v for row_id, variants in labels.items() if row_id != row.id for v in variants]
        specs.append(RowSpec(table, row, tuple((v, _identifying(v, others)) for v in labels[row.id])))
    return specs


def _identifying(label: str, others: list[str]) -> int:
    """Length of the shortest beginning of ``label`` that no other label contains (at least MIN_PREFIX)."""
    for length in range(min(MIN_PREFIX, len(label)), len(label)):
        if not any(label[:length] in other for other in others):
            return length
    return len(label)


def _prefix_in(label: str, text: str) -> int:
    """Length of the longest beginning of ``label`` found in ``text`` (monotone: binary search)."""
    low, high = 0, len(label)
    while low < high:
        middle = (low + high + 1) // 2
        if label[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low


def best_match(text: str, candidates: list[RowSpec]) -> RowSpec | None:
    """The candidate whose label ends last in ``text`` (the label nearest the figures)."""
    best: RowSpec | None = None
    best_rank = (-1, -1)
    for spec in candidates:
        for variant, identifying in spec.variants:
            if variant[:identifying] not in text:
                continue  # the cheap test first: most text names no label at all
            length = _prefix_in(variant, text)
            if length < identifying:
                continue
            rank = (text.rfind(variant[:length]) + length, length)
            if rank > best_rank:
                best, best_rank = spec, rank
    return best


MAX_LABEL = 48  # longer than any row label: how far around a run its wrapped label is looked for


def label_across(before: str, after: str, candidates: list[RowSpec]) -> RowSpec | None:
    """A label that begins before the figures and wraps to the line after them ("3.危" | "及三安全一稳定")."""
    before, after = before[-MAX_LABEL:], after[:MAX_LABEL]  # constant work per run, whatever the text
    text = before + after
    best: RowSpec | None = None
    best_rank = (-1, -1)
    for spec in candidates:
        for variant, identifying in spec.variants:
            if variant[:identifying] not in text:
                continue  # cheap test first: most runs name no label at all
            for length in range(len(variant), identifying - 1, -1):
                at = text.find(variant[:length], 0, len(before) - 1 + length)  # starting inside ``before``
                if at >= 0:
                    if (at, length) > best_rank:
                        best, best_rank = spec, (at, length)
                    break
    return best


MIN_TYPO_LABEL = 4  # a label this long is still recognised with one character wrong, if only it is
MAX_TYPO_TRIES = 100  # runs of figures a table's search for misprinted labels looks at


def typo_match(text: str, candidates: list[RowSpec]) -> RowSpec | None:
    """The candidate whose whole label appears in ``text`` with one character wrong, missing or added
    (同音字 and OCR slips: 本年新收 printed 本年新牧); the one ending last wins."""
    text = text[-2 * MAX_LABEL:]
    seen = set(text)
    ends: dict[str, tuple[int, RowSpec]] = {}
    for spec in candidates:
        for variant, _ in spec.variants:
            if len(variant) >= MIN_TYPO_LABEL and sum(char not in seen for char in variant) <= 1:
                end = _near(variant, text)
                if end >= 0 and end > ends.get(spec.row.id, (-1, spec))[0]:
                    ends[spec.row.id] = (end, spec)
    if not ends:
        return None
    last = max(end for end, _ in ends.values())
    nearest = [spec for end, spec in ends.values() if end == last]
    return nearest[0] if len(nearest) == 1 else None  # two labels one slip away: not guessed


def _near(label: str, text: str) -> int:
    """Where the last window of ``text`` within one edit of ``label`` ends, or -1."""
    for end in range(len(text), len(label) - 2, -1):
        for size in (len(label), len(label) - 1, len(label) + 1):
            window = text[max(0, end - size):end]
            if len(window) == size and _one_edit(label, window):
                return end
    return -1


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    if len(a) < len(b):
        a, b = b, a
    for i in range(len(a)):  # a is one longer: dropping one character of it gives b
        if a[:i] + a[i + 1:] == b:
            return True
    return False


@dataclass
class Placed:
    rows: dict[str, list[Raw]] = field(default_factory=dict)  # row id → one entry per column
    stray: list[str] = field(default_factory=list)  # figures that fit no row
    # Rows printed with fewer cells than columns → their entries as printed ("" : the side-by-side row).
    short: dict[str, list[str | None]] = field(default_factory=dict)
    bare: int = 0  # row labels passed with no figures of their own (text laid out column by column?)
    passed: list[RowSpec] = field(default_factory=list)  # those rows


def place(found: list[Run], specs: list[RowSpec], *, shared: tuple[bool, bool] = (False, False)) -> Placed:
    """Runs to rows. ``shared``: whether the region may hold another table before / after this one
    (a neighbouring section's heading was not found), whose figures are then not this table's."""
    placed = Placed()
    raw: dict[str, list[str | None]] = {}
    filled: dict[str, int] = {}
    start = typos = 0
    current: RowSpec | None = None
    for index, run in enumerate(found):
        match = best_match(run.text, specs[start:])
        if match is None and index + 1 < len(found):
            match = label_across(run.text, found[index + 1].text, specs[start:])
        if match is None and run.filled and typos < MAX_TYPO_TRIES:
            typos += 1  # bounded: a page of thousands of unknown rows is no table of the report
            match = typo_match(run.text, specs[start:])
        if match is not None:
            skipped = specs[start:specs.index(match)]
            passed = [spec for spec in skipped if spec.variants[0][0] in run.text]
            placed.bare += len(passed)
            placed.passed += [spec for spec in passed if not spec.items]
            current, start = match, specs.index(match) + 1
            raw[match.row.id] = list(run.values)
            filled[match.row.id] = run.filled
        elif not run.filled:
            continue  # empty cells under a heading or beside a broken label
        elif current is not None and filled[current.row.id] < current.width:
            raw[current.row.id].extend(run.values)  # the row continues after stray text
            filled[current.row.id] += run.filled
        elif not ((shared[0] and current is None) or (shared[1] and start == len(specs))):
            placed.stray.extend(v for v in run.values if v is not None)
    if placed.bare == 1:
        # One label passed with no figures between rows that have theirs: a row printed blank (its
        # cells dropped by a copy), not a table laid out column by column.
        for spec in placed.passed:
            raw.setdefault(spec.row.id, [None] * spec.width)
    for spec in specs:
        if spec.row.id in raw:
            _fit_row(placed, spec.row.id, raw[spec.row.id], spec.width)
    return placed


def _fit_row(placed: Placed, row_id: str, values: list[str | None], width: int) -> None:
    placed.rows[row_id], extra = fit(values, width)
    placed.stray.extend(extra)
    if len(values) < width:
        placed.short[row_id] = list(values)


def fit(values: list[str | None], width: int) -> tuple[list[Raw], list[str]]:
    """``width`` entries: padding blanks dropped at either end, figures beyond the width returned."""
    values = list(values)
    while len(values) > width and values[0] is None:
        values.pop(0)
    while len(values) > width and values[-1] is None:
        values.pop()
    extra = [v for v in values[width:] if v is not None]
    kept: list[Raw] = list(values[:width])
    return kept + [MISSING] * (width - len(kept)), extra


# --- One table -------------------------------------------------------------------------


@dataclass
class TableResult:
    values: dict[CellKey, Value] = field(default_factory=dict)  # entered cells found (None: blank)
    stated: dict[CellKey, Value] = field(default_factory=dict)  # totals as printed
    blank: set[CellKey] = field(default_factory=set)
    unfound: set[CellKey] = field(default_factory=set)  # entered cells with no figure found
    unusable: set[CellKey] = field(default_factory=set)  # entered cells whose figure cannot be read
    zeroed: set[CellKey] = field(default_factory=set)  # entered cells printed blank, read as 0
    doubtful: set[CellKey] = field(default_factory=set)  # read, but where they belong is for the clerk to say
    messages: list[str] = field(default_factory=list)  # for review
    notes: list[str] = field(default_factory=list)  # how something was read; nothing to review
    found_any: bool = False


def _part(table: Table) -> str:
    return f"第{table.section}部分表格"


def read_table(table: Table, lines: list[Line], *, shared: tuple[bool, bool] = (False, False)) -> TableResult:
    """``shared``: see ``place``."""
    found = runs(lines)
    grouped: list[RowSpec] = []
    if table.shape is Shape.SIDE_BY_SIDE:
        placed = _in_order(table, found, shared)
    else:
        specs = row_specs(table)
        placed = place(found, specs, shared=shared)
        grouped = _groups_as_rows(table, specs, placed)
        if grouped:
            placed = place(found, grouped, shared=shared)
    result = TableResult(found_any=bool(placed.rows))
    if grouped:
        _spread_group_rows(table, grouped, placed, result)
    undecided = _place_short_rows(table, placed, result)
    for row in table.rows:
        columns = table.block_of(row.id).columns
        entries = placed.rows.get(row.id, [MISSING] * len(columns))
        for column, entry in zip(columns, entries, strict=True):
            _store(result, table, row, column, entry)
    result.messages = _unfound_messages(table, placed, result, undecided) + result.messages
    _blank_rule(table, result)
    if placed.bare >= 2:
        result.messages.append(
            f"{_part(table)}有 {placed.bare} 个行名后面没有数字，原文可能是逐列排列的（从 PDF 复制时常见），"
            "已读出的数字也可能错行，请逐项核对")
    if placed.stray:
        shown = "、".join(placed.stray[:10]) + ("……" if len(placed.stray) > 10 else "")
        result.messages.append(f"{_part(table)}中有 {len(placed.stray)} 个数字无法确定属于哪一格：{shown}")
    return result


_GROUP_ROW = "group:"  # the id of a group printed as one row: "group:" + the group's label


def _groups_as_rows(table: Table, specs: list[RowSpec], placed: Placed) -> list[RowSpec]:
    """Row specs that also read a group printed as one row — （六）其他处理 without its items 1–3, as
    older templates print it — where none of the group's items was found; [] if there is none."""
    extra: dict[int, RowSpec] = {}
    for label in dict.fromkeys(row.groups[-1] for row in table.rows if len(row.groups) >= 2):
        items = tuple(row for row in table.rows if row.groups[-1:] == (label,))
        if any(item.id in placed.rows for item in items):
            continue
        variants = tuple((variant, len(variant)) for variant in {norm(label), _NUMBERING.sub("", norm(label))})
        row = schema.Row(_GROUP_ROW + label, label)
        extra[next(i for i, spec in enumerate(specs) if spec.row is items[0])] = RowSpec(table, row, variants, items)
    if not extra:
        return []
    return [spec for i, item in enumerate(specs) for spec in ((extra[i], item) if i in extra else (item,))]


def _spread_group_rows(table: Table, specs: list[RowSpec], placed: Placed, result: TableResult) -> None:
    """A group printed as one row: all 0 → its items are 0; else its figures go to its last item
    (其他) and the items are flagged, so that the totals still hold and nothing is lost."""
    for spec in specs:
        if not spec.items:
            continue
        entries = placed.rows.pop(spec.row.id, None)
        placed.short.pop(spec.row.id, None)
        if entries is None:
            continue
        label = spec.row.label
        zero = all(isinstance(e, str) and parse_or_none(e, table.kind(spec.items[0].id)) == 0 for e in entries)
        for item in spec.items:
            placed.rows[item.id] = list(entries) if item is spec.items[-1] else ["0"] * len(entries)
        if zero:
            result.notes.append(f"{_part(table)}{label}只印了一行、没有分项（旧版格式），全为 0，"
                                f"其 {len(spec.items)} 个分项均按 0 读入")
            continue
        keys = [(table.id, item.id, c.id) for item in spec.items for c in table.block_of(item.id).columns
                if not c.computed]
        result.doubtful.update(keys)
        last = schema.row_name(table.id, spec.items[-1].id)
        result.messages.append(f"{_part(table)}{label}只印了一行、没有分项（旧版格式），其数字已暂填入「{last}」，"
                               f"请按实际情况分到 {len(spec.items)} 个分项")


def parse_or_none(text: str, kind: schema.Kind) -> Value:
    try:
        return parse_figure(text, kind)
    except NumberError:
        return None


def _cells_of(table: Table, row_id: str) -> list[CellKey]:
    """The printed cells of a row in order; "" is the one printed row of a side-by-side table."""
    rows = table.rows if row_id == "" else (table.row(row_id),)
    return [(table.id, row.id, column.id) for row in rows for column in table.block_of(row.id).columns]


def _place_short_rows(table: Table, placed: Placed, result: TableResult) -> set[str]:
    """Rows printed short of cells, placed by the totals (``checksums``) or left unread: all
    together where that is few enough ways to try and some way adds up, else one by one.
    Returns the rows left unread."""
    known: dict[CellKey, str | None] = {}
    for row_id, entries in placed.rows.items():
        if row_id not in placed.short and "" not in placed.short:
            known.update({key: entry for key, entry in zip(_cells_of(table, row_id), entries, strict=True)
                          if not isinstance(entry, _Missing)})
    short = {row_id: printed for row_id, printed in placed.short.items() if any(e is not None for e in printed)}
    rows = {row_id: (_cells_of(table, row_id), printed) for row_id, printed in short.items()}
    together = ways_to_try(list(rows.values())) <= MAX_READINGS
    found = place_by_totals(table, list(rows.values()), known) if together and rows else None
    together = together and found is not None  # else one by one: an equation the rows share may fail
    undecided: set[str] = set()
    resolved: list[str] = []
    for row_id, (cells, printed) in rows.items():
        if not together:
            found = place_by_totals(table, [(cells, printed)], known)
        name = "这一行" if row_id == "" else f"「{schema.row_name(table.id, row_id)}」"
        shown = "、".join(entry if entry is not None else "（空）" for entry in printed)
        table_rows = [r.id for r in table.rows] if row_id == "" else [row_id]
        if found is None:
            undecided.update(table_rows)
            for r in table_rows:
                placed.rows[r] = [MISSING] * len(table.block_of(r).columns)
            result.messages.append(
                f"{_part(table)}{name}只印了 {len(printed)} 个数字（表格有 {len(cells)} 格）：{shown}；"
                "按合计无法确定各数字属于哪一格，这些格没有读入，请对照原表填写")
            continue
        cell_values, open_cells = found
        if not together:
            known.update(cell_values)
        for r in table_rows:
            placed.rows[r] = [cell_values.get((table.id, r, c.id), MISSING) for c in table.block_of(r).columns]
        open_here = [key for key in cells if key in open_cells]
        if open_here:
            undecided.update(key[1] for key in open_here)
            by_row: dict[str, list[str]] = {}
            for key in open_here:
                by_row.setdefault(key[1], []).append(table.column(key[1], key[2]).label)
            names = "；".join(f"「{schema.row_name(table.id, r)}」的「{'」「'.join(columns)}」"
                             for r, columns in by_row.items())
            result.messages.append(
                f"{_part(table)}{name}只印了 {len(printed)} 个数字（表格有 {len(cells)} 格）：{shown}；"
                f"按合计能确定其余各格，但{names}中哪一格留空无法确定，这几格没有读入，请对照原表填写")
        else:
            resolved.append(name)
    if resolved:
        result.notes.append(f"{_part(table)}有 {len(resolved)} 行印出的数字比格子少（{'、'.join(resolved)}），"
                            "已按原表印出的合计确定每个数字所在的格")
    return undecided


def _blank_rule(table: Table, result: TableResult) -> None:
    """Cells printed blank are 0 (the format writes a zero as 0) unless a printed total of their
    row or column says otherwise: then they stay blank, for review."""
    if not result.blank:
        return
    contradicted: set[CellKey] = set()
    for key, printed in result.stated.items():
        terms = SUM_TERMS[key]
        blanks = [term for term in terms if term in result.blank]
        if not blanks or any(term in result.unfound or term in result.unusable for term in terms):
            continue
        if sum(result.values.get(term) or 0 for term in terms) != printed:
            contradicted.update(blanks)
    for key in result.blank - contradicted:
        result.values[key] = zero_of(key[0], key[1])
    result.zeroed = result.blank - contradicted
    result.blank = contradicted


def _in_order(table: Table, found: list[Run], shared: tuple[bool, bool]) -> Placed:
    """A table printed side by side (四): one row of figures under a three-level header, read
    left to right from the table's first label (行政复议) on."""
    anchor = norm(table.rows[0].label)
    start = None
    seen = ""
    for index, run in enumerate(found):
        if anchor in seen[-len(anchor):] + run.text:  # the anchor may span two runs' texts
            start = index
            break
        seen = (seen + run.text)[-len(anchor):]
    if start is None and shared[0]:
        return Placed()  # no label of this table, and the region may hold the table before it
    start = start or 0  # under its own heading without its header (an OCR copy): its figures in order
    placed = Placed(stray=[] if shared[0] else [v for run in found[:start] for v in run.values if v is not None])
    values = [v for run in found[start:] for v in run.values]
    if not any(v is not None for v in values):
        return Placed()
    specs = [(row, len(table.block_of(row.id).columns)) for row in table.rows]
    entries, extra = fit(values, sum(width for _, width in specs))
    if len(values) < len(entries):
        placed.short[""] = list(values)
    if not shared[1]:
        placed.stray += extra
    for row, width in specs:
        placed.rows[row.id], entries = entries[:width], entries[width:]
    return placed


def _store(result: TableResult, table: Table, row: schema.Row, column: schema.Column, entry: Raw) -> None:
    key: CellKey = (table.id, row.id, column.id)
    stated = row.computed or column.computed
    if isinstance(entry, _Missing) or (stated and entry is None):
        if not stated:
            result.unfound.add(key)
        return
    if entry is None:
        result.values[key] = None
        result.blank.add(key)
        return
    try:
        value = parse_figure(entry, table.kind(row.id))
    except NumberError as error:
        result.messages.append(f"{_part(table)}「{_cell_label(table, row, column)}」原表为“{entry}”，无法使用：{error}")
        if not stated:
            result.unusable.add(key)
        return
    (result.stated if stated else result.values)[key] = value


def _cell_label(table: Table, row: schema.Row, column: schema.Column) -> str:
    name = schema.row_name(table.id, row.id)
    return name if len(table.block_of(row.id).columns) == 1 else f"{name}」「{column.label}"


def _unfound_messages(table: Table, placed: Placed, result: TableResult, undecided: set[str]) -> list[str]:
    if not placed.rows:
        return [f"未找到{_part(table)}"]
    messages: list[str] = []
    reported: set[str] = set(undecided)  # already said why
    for row in table.rows:
        if row.id in reported:
            continue
        if row.id not in placed.rows and not row.computed:
            group = _group_of(table, row)
            if group and all(r.id not in placed.rows for r in group[1]):
                messages.append(f"未找到{_part(table)}{group[0]}")
                reported.update(r.id for r in group[1])
            else:
                messages.append(f"未找到{_part(table)}「{schema.row_name(table.id, row.id)}」")
            continue
        lacking = [c.label for c in table.block_of(row.id).columns
                   if (table.id, row.id, c.id) in result.unfound and row.id in placed.rows]
        if lacking:
            columns = "」「".join(lacking)
            messages.append(f"{_part(table)}「{schema.row_name(table.id, row.id)}」缺少「{columns}」的数字")
    return messages


_GROUP_MARK = re.compile(r"^（[一二三四五六七八九十]+）")


def _group_of(table: Table, row: schema.Row) -> tuple[str, list[schema.Row]] | None:
    """The printed group a row belongs to, named as in 第（四）项, with its rows."""
    block = table.block_of(row.id)
    if table.shape is Shape.STACKED and len(block.rows) > 1:  # section 二: 第二十条第（X）项
        return block.heading, list(block.rows)
    if len(row.groups) >= 2:
        label = row.groups[-1]
        mark = _GROUP_MARK.match(label)
        name = f"第{mark.group(0)}项" if mark else f"「{label}」"
        return name, [r for r in table.rows if r.groups[-1:] == (label,)]
    return None
