"""Edits: apply, undo by the inverse, what changed, the merge rule for typing, refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxdesk import gxr
from gxdesk.edits import (
    EVERYTHING,
    NOTHING,
    Change,
    Edit,
    ReplaceReport,
    SetCells,
    SetMeta,
    SetText,
    Typing,
    changed_span,
)
from gxdesk.errors import InputError
from gxdesk.model import ENTERED_KEYS, Report, new_report
from gxdesk.resources import data_file
from gxdesk.sample import load_sample
from gxdesk.schema import MAX_COUNT, TABLE_BY_ID, TEXT_IDS, Kind, cell_name

COUNT = ("requests", "new", "natural_person")
FEES = ("proactive", "fees", "amount")


def round_trip(report: Report, edit: Edit) -> Report:
    """Apply ``edit``, then its inverse, then the inverse's inverse: back, then forward again."""
    original = gxr.to_dict(report)
    done = edit.apply(report)
    after = gxr.to_dict(done.report)
    undone = done.inverse.apply(done.report)
    assert gxr.to_dict(undone.report) == original
    assert undone.change == done.change  # undoing changes the same things back
    redone = undone.inverse.apply(undone.report)
    assert gxr.to_dict(redone.report) == after
    return done.report


def test_set_cells_round_trip_and_names_its_tables(sample):
    edit = SetCells({COUNT: 99, FEES: Decimal("1.5"), ("appeals", "review", "other"): None}, "粘贴 3 个单元格")
    done = edit.apply(sample)
    assert done.change == Change(tables=frozenset({"requests", "proactive", "appeals"}))
    assert sample.cells[COUNT] == 99 and sample.cells[("appeals", "review", "other")] is None
    assert done.inverse.label == "粘贴 3 个单元格"
    round_trip(load_sample(), edit)


def test_setting_what_is_there_changes_nothing(sample):
    assert SetCells({COUNT: sample.cells[COUNT]}).apply(sample).change == NOTHING
    assert SetText("problems", sample.text["problems"]).apply(sample).change == NOTHING
    assert SetMeta("organ", sample.organ).apply(sample).change == NOTHING
    assert ReplaceReport(sample).apply(sample).change == NOTHING
    assert not NOTHING


def test_a_zero_of_the_wrong_kind_is_a_change():
    report = new_report("甲局", 2025)
    assert SetCells({FEES: Decimal("0")}).apply(report).change == NOTHING
    report.cells[FEES] = 0  # an amount stored as a count (never by an edit: see the refusals)
    assert SetCells({FEES: Decimal("0")}).apply(report).change.tables == {"proactive"}


@given(st.sampled_from(ENTERED_KEYS), st.one_of(st.none(), st.integers(0, MAX_COUNT)))
def test_any_entered_cell_round_trips(key, value):
    if value is not None and TABLE_BY_ID[key[0]].kind(key[1]) is Kind.AMOUNT:
        value = Decimal(value) / 100
    round_trip(load_sample(), SetCells({key: value}))


@given(st.sampled_from(TEXT_IDS), st.text(max_size=40))
def test_any_text_round_trips(part, text):
    report = round_trip(load_sample(), SetText(part, text))
    assert "\r" not in report.text[part]


@pytest.mark.parametrize(("typed", "stored"), [
    ("甲\udfff乙", "甲\ufffd乙"),  # a lone surrogate cannot be saved: shown as �
    ("甲\ud800\udc00乙", "甲\ufffd\ufffd乙"),  # a pair broken into two halves, as a bad clipboard gives
    ("甲\ufffe\uffff乙", "甲\ufffd\ufffd乙"),  # not allowed in XML
    ("甲\x00\x01\x1f\x7f乙", "甲乙"),  # C0 controls
    ("甲\t乙\r\n丙", "甲\t乙\n丙"),  # tab kept, line breaks made one kind
])
def test_typing_and_pasting_are_cleaned_at_the_funnel(sample, typed, stored):
    """The window's every keystroke and paste is an edit: nothing a writer cannot take gets past it."""
    assert SetText("other", typed).text == stored
    assert SetMeta("organ", typed).value == stored.replace("\n", " ")
    round_trip(sample, SetText("other", typed))
    gxr.dumps(sample).encode("utf-8")  # saves


def test_the_file_and_the_window_read_a_date_with_one_function():
    from gxdesk.dates import iso_date

    assert iso_date("２０２６－０１－２６") == SetMeta("date", "２０２６－０１－２６").value == "2026-01-26"
    assert iso_date("2026-02-29") is None and iso_date("²⁰²⁶-01-26") is None
    with pytest.raises(InputError, match="YYYY-MM-DD"):  # the file takes only the form it is written in
        gxr.parse(data_file("sample.gxr").read_bytes().replace(b"2026-01-20", "２０２６-01-20".encode()))


def test_text_is_cleaned_and_labelled_by_its_place(sample):
    edit = SetText("problems", "第一行\r\n第二行\x0b")
    assert edit.text == "第一行\n第二行"
    assert edit.label == "修改五、存在的主要问题及改进情况·存在的主要问题"
    assert edit.apply(sample).change == Change(parts=frozenset({"problems"}))
    assert SetText("preamble", "").label == "修改前言"


@pytest.mark.parametrize(("name", "value", "stored"), [
    ("organ", "  青禾县\n市场监督管理局 ", "青禾县 市场监督管理局"),
    ("doc_number", "青市监〔2026〕1号", "青市监〔2026〕1号"),
    ("title", "", ""),
    ("year", 2024, 2024),
    ("year", "２０２４", 2024),
    ("date", "2026-01-26", "2026-01-26"),
    ("date", "２０２６-０１-２６", "2026-01-26"),
    ("date", " ", ""),
])
def test_meta_is_cleaned_applied_and_undone(sample, name, value, stored):
    edit = SetMeta(name, value)
    assert edit.value == stored
    report = round_trip(sample, edit)
    assert getattr(report, name) == stored


def test_meta_change_names_its_field(sample):
    done = SetMeta("year", 2020).apply(sample)
    # The sample's preamble is a standard one: it follows the year (tests/test_preamble.py).
    assert done.change == Change(fields=frozenset({"year"}), parts=frozenset({"preamble"}))
    assert done.inverse == SetMeta("year", 2025)
    assert SetMeta("year", 2020).label == "修改报告年度"
    blank = Report()  # no year yet: the inverse puts back a value no edit could set
    undo = SetMeta("year", 2025).apply(blank).inverse
    assert undo.apply(blank).report.year == 0


def test_replace_report_swaps_the_object_and_back(sample):
    other = new_report("乙局", 2025)
    done = ReplaceReport(other, "导入").apply(sample)
    assert done.report is other and done.change == EVERYTHING
    back = done.inverse.apply(other)
    assert back.report is sample and back.inverse.label == "导入"


# --- Refusals: InputError, a Chinese message, nothing applied -------------------------------


@pytest.mark.parametrize(("make", "message"), [
    (lambda: SetMeta("year", 1999), "报告年度应为 2008–2100 之间的年份，不能是“1999”"),
    (lambda: SetMeta("year", "二〇二五"), "报告年度应为"),
    (lambda: SetMeta("year", "²⁰²⁵"), "报告年度应为"),  # superscripts are no digits (NFKC would say 2025)
    (lambda: SetMeta("year", "２０²⁵"), "报告年度应为"),
    (lambda: SetMeta("date", "²⁰²⁶-⁰¹-²⁶"), "不是有效的日期"),
    (lambda: SetMeta("date", "2026-01-26\u200b"), "不是有效的日期"),
    (lambda: SetMeta("year", True), "报告年度应为"),
    (lambda: SetMeta("date", "2026-02-30"), "成文日期“2026-02-30”不是有效的日期"),
    (lambda: SetMeta("date", "明年"), "不是有效的日期，可写作 2026年1月26日、2026-01-26、2026.1.26 或 2026/1/26"),
    (lambda: SetMeta("organ", 12), "机关名称应为文字"),
    (lambda: SetCells({COUNT: -1}), f"{cell_name(*COUNT)}：件数应在 0 到 999,999,999 之间，不能是 -1"),
    (lambda: SetCells({COUNT: MAX_COUNT + 1}), "件数应在 0 到"),
    (lambda: SetCells({COUNT: True}), "件数应为整数"),
    (lambda: SetCells({COUNT: 1.5}), "件数应为整数"),
    (lambda: SetCells({FEES: 3}), "金额应为数字"),
    (lambda: SetCells({FEES: Decimal("-1")}), "金额不能小于 0"),
    (lambda: SetCells({FEES: Decimal("0.0000001")}), "小数位太多"),
])
def test_bad_values_are_refused_when_the_edit_is_made(make, message):
    with pytest.raises(InputError) as refused:
        make()
    assert message in str(refused.value)


def test_unknown_places_are_a_programming_error():
    with pytest.raises(KeyError):
        SetCells({("requests", "total", "total"): 1})  # computed: never stored
    with pytest.raises(KeyError):
        SetText("nowhere", "")
    with pytest.raises(KeyError):
        SetMeta("report", "")


# --- The merge rule: one run of typing in one field is one undo step -------------------------


def typed(text: str, run: int = 1, caret: int | None = None, part: str = "problems") -> SetText:
    return SetText(part, text, Typing(run, len(text) if caret is None else caret))


def test_typing_on_at_the_cursor_merges():
    first = typed("a")
    merged = first.merge(typed("ab"))
    assert merged == typed("ab")
    assert merged.merge(typed("abc")) == typed("abc")
    assert typed("abc").merge(typed("ab")) == typed("ab")  # Backspace continues the run too
    assert typed("abc", caret=1).merge(typed("abbc", caret=2)) == typed("abbc", caret=2)  # inside the text


def test_what_does_not_merge():
    assert typed("ab").merge(typed("abc", run=2)) is None  # the field lost the focus in between
    assert typed("ab").merge(typed("abc", part="improvements")) is None
    assert typed("abc").merge(typed("Xabc", caret=1)) is None  # the cursor was moved to the start
    assert typed("ab").merge(SetText("problems", "ab粘贴")) is None  # a paste is a step of its own
    assert SetText("problems", "粘贴").merge(typed("粘贴x")) is None  # and is not typed onto
    assert SetCells({COUNT: 1}).merge(SetCells({COUNT: 2})) is None
    assert SetMeta("year", 2020, Typing(1)).merge(SetMeta("doc_number", "x", Typing(1))) is None


def test_meta_typing_merges_by_run_and_cursor():
    organ = SetMeta("organ", "青禾", Typing(5, 2))
    assert organ.merge(SetMeta("organ", "青禾县", Typing(5, 3))) == SetMeta("organ", "青禾县", Typing(5, 3))
    assert organ.merge(SetMeta("organ", "县青禾", Typing(5, 1))) is None
    # A space typed at the end is stripped: the cursor is past the end of the stored text.
    assert SetMeta("organ", "青禾", Typing(5, 3)).merge(SetMeta("organ", "青禾 县", Typing(5, 4))) is not None
    year = SetMeta("year", 2024, Typing(7))
    assert year.merge(SetMeta("year", 2025, Typing(7))) == SetMeta("year", 2025, Typing(7))
    assert year.merge(SetMeta("year", 2025, Typing(8))) is None


def test_a_run_that_ends_where_it_began_sets_the_same():
    report = new_report("甲局", 2025)
    done = typed("x", part="problems").apply(report)
    merged = typed("x").merge(typed("", caret=0))
    assert merged is not None and merged.sets_same(done.inverse)
    assert not typed("x").sets_same(done.inverse)


@pytest.mark.parametrize(("before", "after", "caret", "span"), [
    ("abc", "aXbc", 2, (1, 1)),
    ("abc", "ab", 2, (2, 3)),
    ("aa", "aaa", 2, (1, 1)),  # typed "a" after the first "a": the cursor says where
    ("aa", "aaa", None, (2, 2)),
    ("abcdef", "aZf", 2, (1, 5)),
    ("", "文字", 2, (0, 0)),
    ("abc", "abc", 3, (3, 3)),
    ("abc", "xyz", 99, (0, 3)),  # a cursor that cannot be right is ignored
])
def test_changed_span(before, after, caret, span):
    assert changed_span(before, after, caret) == span
