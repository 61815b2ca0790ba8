"""Edits: every change a clerk makes to a report, as the undo history keeps it.

Pure Python, like the rest of the core. An edit is checked when it is made
(a bad value raises ``InputError`` with a Chinese message, the report
untouched) and then applied with ``apply(report)``, which returns a ``Done``:
the report afterwards, the edit that undoes it, and a ``Change`` naming what
changed, so that a window refreshes only that.

Typing merges: consecutive ``SetText`` / ``SetMeta`` edits of one field that
carry the same ``Typing.run`` and continue where the cursor was left become
one undo step (``merge``). A paste, or typing after the cursor was moved
elsewhere, starts a new step, as in Word.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from decimal import Decimal
from typing import Mapping, NamedTuple, Union

from gxdesk import limits
from gxdesk.dates import TYPED_FORMS, read_date
from gxdesk.errors import InputError
from gxdesk.model import ENTERED_KEYS, CellKey, FindingKey, Report, Value
from gxdesk.numbers import NumberError, check_amount, normalise
from gxdesk.preamble import follow_year
from gxdesk.schema import (
    MAX_COUNT,
    META_FIELDS,
    TABLE_BY_ID,
    TEXT_IDS,
    TEXT_PART_BY_ID,
    YEAR_MAX,
    YEAR_MIN,
    Kind,
    MetaKind,
    cell_name,
    text_part_name,
)
from gxdesk.text import clean_line, clean_text

MetaValue = Union[str, int]
PREAMBLE = "preamble"  # the text part that opens the report (前言)
_ENTERED = frozenset(ENTERED_KEYS)
_AMOUNTS = frozenset(key for key in ENTERED_KEYS if TABLE_BY_ID[key[0]].kind(key[1]) is Kind.AMOUNT)
_META = {f.id: f for f in META_FIELDS}


class Change(NamedTuple):
    """What an edit changed: tables whose figures changed, text parts, meta fields, and the
    report's optional parts (``EXPLANATIONS``).

    False when nothing did; a whole new report is ``EVERYTHING``."""

    tables: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    extras: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.tables or self.parts or self.fields or self.extras)

    def __or__(self, other: Change) -> Change:
        return Change(self.tables | other.tables, self.parts | other.parts, self.fields | other.fields,
                      self.extras | other.extras)


EXPLANATIONS = "explanations"
NOTHING = Change()
EVERYTHING = Change(frozenset(TABLE_BY_ID), frozenset(TEXT_IDS), frozenset(_META), frozenset({EXPLANATIONS}))


class Typing(NamedTuple):
    """Where a keystroke belongs: edits of one ``run`` that touch the cursor merge.

    ``run`` is the field's current stretch of typing (the window starts a new one
    when the field gets the focus); ``caret`` the cursor position in the new text,
    or None where there is no text cursor (a spin box, a date)."""

    run: int
    caret: int | None = None


class Done(NamedTuple):
    report: Report  # the report after the edit: the same object, except after ReplaceReport
    inverse: Edit  # applied to ``report``, it undoes the edit
    change: Change


class Edit(ABC):
    """One undoable change to a report; checked when made, applied with ``apply``.

    Edits are values: compared by their ``_fields``, never changed once made.
    (Plain classes rather than dataclasses: the window imports this module at
    start-up, and generating dataclass methods costs a few milliseconds.)"""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    @property
    @abstractmethod
    def label(self) -> str:
        """What the undo history calls it (撤销“…”)."""

    @abstractmethod
    def apply(self, report: Report) -> Done: ...

    def merge(self, later: Edit) -> Edit | None:
        """One edit doing this and then ``later`` (typing on in the same run), or None."""
        return None

    def sets_same(self, other: Edit) -> bool:
        """Both edits leave the report the same, whatever they apply to (a run of typing
        that ended where it began then changes nothing)."""
        return False

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, f) == getattr(other, f) for f in self._fields)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and some hold dicts

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self._fields)})"


class SetCells(Edit):
    """Entered figures (None: left blank), all in one step: a typed cell, a paste, a clear.

    ``check=False`` for an inverse: its values were read from the report."""

    __slots__ = ("cells", "what")
    _fields = __slots__

    def __init__(self, cells: Mapping[CellKey, Value], what: str = "修改单元格", check: bool = True) -> None:
        self.cells: dict[CellKey, Value] = (
            {key: check_cell(key, value) for key, value in cells.items()} if check else dict(cells))
        self.what = what

    @property
    def label(self) -> str:
        return self.what

    def apply(self, report: Report) -> Done:
        cells = report.cells
        # 0 and Decimal("0") are equal but not the same figure: the type decides how it prints.
        real = {k: v for k, v in self.cells.items() if cells[k] != v or type(cells[k]) is not type(v)}
        previous = report.set_cells(real)
        change = Change(tables=frozenset(key[0] for key in real))
        return Done(report, SetCells(previous, self.what, check=False), change)


class SetText(Edit):
    """One narrative part's whole text (line breaks and stray control characters cleaned),
    within the limits of one part (checked when made) and of the whole text (when applied)."""

    __slots__ = ("check", "part", "text", "typing")
    _fields = ("part", "text", "typing")

    def __init__(self, part: str, text: str, typing: Typing | None = None, check: bool = True) -> None:
        if part not in TEXT_PART_BY_ID:
            raise KeyError(f"not a text part: {part}")
        self.part = part
        self.text = clean_text(text) if check else text
        self.typing = typing
        self.check = check
        problem = limits.part_problem(self.text) if check else None
        if problem:
            raise InputError(f"{text_part_name(part)}{problem}")

    @property
    def label(self) -> str:
        return f"修改{text_part_name(self.part)}"

    def apply(self, report: Report) -> Done:
        if self.check:
            others = sum(len(text) for part, text in report.text.items() if part != self.part)
            problem = limits.total_problem(others + len(self.text))
            if problem and len(self.text) > len(report.text.get(self.part, "")):  # shortening is always allowed
                raise InputError(problem)
        before = report.set_text(self.part, self.text)
        change = Change(parts=frozenset({self.part})) if before != self.text else NOTHING
        return Done(report, SetText(self.part, before, check=False), change)

    def merge(self, later: Edit) -> Edit | None:
        if isinstance(later, SetText) and later.part == self.part and types_on(self.typing, self.text, later):
            return later
        return None

    def sets_same(self, other: Edit) -> bool:
        return isinstance(other, SetText) and (other.part, other.text) == (self.part, self.text)


class SetMeta(Edit):
    """One meta field (机关名称, 报告年度, 发文字号, 成文日期, 标题), cleaned and checked."""

    __slots__ = ("field", "typing", "value")
    _fields = __slots__

    def __init__(self, field: str, value: MetaValue, typing: Typing | None = None, check: bool = True) -> None:
        if field not in _META:
            raise KeyError(f"not a meta field: {field}")
        self.field = field
        self.value = check_meta(field, value) if check else value
        self.typing = typing

    @property
    def label(self) -> str:
        return f"修改{_META[self.field].label}"

    def apply(self, report: Report) -> Done:
        before = meta_value(report, self.field)
        setattr(report, self.field, self.value)  # a field of META_FIELDS, its value checked by its kind
        change = Change(fields=frozenset({self.field})) if before != self.value else NOTHING
        if _META[self.field].kind is MetaKind.YEAR and change:
            # The formulaic preamble states the year: it follows (and its inverse follows back).
            assert isinstance(before, int) and isinstance(self.value, int)
            followed = follow_year(report.text.get(PREAMBLE, ""), before, self.value)
            if followed is not None:
                report.set_text(PREAMBLE, followed)
                change |= Change(parts=frozenset({PREAMBLE}))
        return Done(report, SetMeta(self.field, before, check=False), change)

    def merge(self, later: Edit) -> Edit | None:
        if not (isinstance(later, SetMeta) and later.field == self.field):
            return None
        if isinstance(self.value, str) and isinstance(later.value, str):
            return later if types_on(self.typing, self.value, later) else None
        same_run = self.typing is not None and later.typing is not None and later.typing.run == self.typing.run
        return later if same_run else None

    def sets_same(self, other: Edit) -> bool:
        return isinstance(other, SetMeta) and (other.field, other.value) == (self.field, self.value)


class SetExplanation(Edit):
    """The clerk's written answer to one finding (出错说明), by the finding's key; "" takes it back."""

    __slots__ = ("key", "text")
    _fields = __slots__

    def __init__(self, key: FindingKey, text: str, check: bool = True) -> None:
        self.key = FindingKey(*key)
        self.text = clean_text(text).strip() if check else text

    @property
    def label(self) -> str:
        return "删除说明" if not self.text else "填写说明"

    def apply(self, report: Report) -> Done:
        before = report.set_explanation(self.key, self.text)
        change = Change(extras=frozenset({EXPLANATIONS})) if before != self.text else NOTHING
        return Done(report, SetExplanation(self.key, before, check=False), change)


class ReplaceReport(Edit):
    """Another report's whole content in one step (an import opened over this one)."""

    __slots__ = ("report", "what")
    _fields = __slots__

    def __init__(self, report: Report, what: str = "替换报告内容") -> None:
        self.report, self.what = report, what

    @property
    def label(self) -> str:
        return self.what

    def apply(self, report: Report) -> Done:
        return Done(self.report, ReplaceReport(report, self.what), EVERYTHING if self.report is not report else NOTHING)


def meta_value(report: Report, name: str) -> MetaValue:
    """One meta field of the report by its id (``schema.META_FIELDS``)."""
    value: MetaValue = getattr(report, _META[name].id)
    return value


# --- Checks: the same refusals as for a typed figure -------------------------------------


def check_cell(key: CellKey, value: Value) -> Value:
    """``value`` if it can stand in entered cell ``key``; InputError saying why not."""
    if key not in _ENTERED:
        raise KeyError(f"not an entered cell: {key}")
    if value is None:
        return None
    if key in _AMOUNTS:
        if not isinstance(value, Decimal):
            raise InputError(f"{cell_name(*key)}：金额应为数字，不能是“{value}”")
        try:
            check_amount(value, str(value))
        except NumberError as error:
            raise InputError(f"{cell_name(*key)}：{error}") from None
        return value
    if value.__class__ is not int:  # bool is an int too, and no figure
        raise InputError(f"{cell_name(*key)}：件数应为整数，不能是“{value}”")
    if not 0 <= value <= MAX_COUNT:
        raise InputError(f"{cell_name(*key)}：件数应在 0 到 {MAX_COUNT:,} 之间，不能是 {value:,}")
    return value


def check_meta(name: str, value: object) -> MetaValue:
    """A meta field's value as stored, by the field's kind: text on one line without
    stray spaces, a year in range, a real date (YYYY-MM-DD) or ""; InputError saying why not."""
    meta = _META[name]
    if meta.kind is MetaKind.YEAR:
        return check_year(value, meta.label)
    if not isinstance(value, str):
        raise InputError(f"{meta.label}应为文字，不能是“{value}”")
    text = clean_line(value)
    if meta.kind is MetaKind.DATE and text:
        return check_date(text, meta.label)
    problem = limits.meta_problem(name, text)
    if problem:
        raise InputError(problem)
    return text


def check_year(value: object, label: str) -> int:
    """A year as typed: ASCII or full-width digits (``numbers.normalise``), nothing else."""
    year: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, str):
        digits = normalise(value)
        year = int(digits) if digits.isascii() and digits.isdigit() else None
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise InputError(f"{label}应为 {YEAR_MIN}–{YEAR_MAX} 之间的年份，不能是“{value}”")
    return year


def check_date(text: str, label: str) -> str:
    """A date as typed (2026年1月26日, 2026-01-26, 2026.1.26, 2026/1/26) as stored: YYYY-MM-DD."""
    date = read_date(text)
    if date is None:
        raise InputError(f"{label}“{text}”不是有效的日期，可写作 {TYPED_FORMS}")
    return date


# --- Typing runs ----------------------------------------------------------------------------


def types_on(typing: Typing | None, text: str, later: SetText | SetMeta) -> bool:
    """``later`` (a keystroke on ``text``) continues the run ``typing`` left off: same run,
    and it changed the text where the cursor was."""
    if typing is None or later.typing is None or later.typing.run != typing.run:
        return False
    if typing.caret is None:
        return True
    after = later.text if isinstance(later, SetText) else str(later.value)
    start, end = changed_span(text, after, later.typing.caret)
    return start <= min(typing.caret, len(text)) <= end


def changed_span(before: str, after: str, caret: int | None = None) -> tuple[int, int]:
    """The stretch of ``before`` that was replaced to give ``after``, as (start, end).

    Where one change reads as several (typing "a" into "aa"), the reading that
    leaves the cursor at ``caret`` in ``after`` is taken."""
    if caret is not None and 0 <= caret <= len(after):
        tail = len(after) - caret
        if tail <= len(before) and before.endswith(after[caret:]):
            end = len(before) - tail
            return _common_prefix(before[:end], after[:caret]), end
    start = _common_prefix(before, after)
    tail = _common_prefix(before[start:][::-1], after[start:][::-1])
    return start, len(before) - tail


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):  # to the end of the shorter one
        if x != y:
            break
        n += 1
    return n

