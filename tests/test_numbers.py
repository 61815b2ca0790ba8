from decimal import Decimal

import pytest

from gxdesk.numbers import (
    NumberError,
    chinese_number,
    format_figure,
    format_number,
    is_blank,
    item_mark,
    parse_amount,
    parse_count,
    parse_figure,
)
from gxdesk.schema import Kind


@pytest.mark.parametrize("typed, value", [
    ("0", 0), ("1234", 1234), ("1,234", 1234), ("１２３４", 1234), ("１，２３４", 1234),
    (" 56 ", 56), ("1,234,567", 1_234_567), ("12.0", 12), ("999,999,999", 999_999_999),
])
def test_counts_as_clerks_type_them(typed, value):
    assert parse_count(typed) == value


@pytest.mark.parametrize("typed, complaint", [
    ("-3", "负数"), ("abc", "不是数字"), ("1.5", "不是整数"), ("12,34", "不是数字"),
    ("1000000000", "过大"), ("9" * 5000, "过大"), ("", "不是数字"), ("1e3", "不是数字"),
])
def test_counts_refused_with_a_reason(typed, complaint):
    with pytest.raises(NumberError, match=complaint):
        parse_count(typed)


def test_amounts_keep_their_decimals_exactly():
    assert parse_amount("1,234.56") == Decimal("1234.56")
    assert parse_amount("０.２５") == Decimal("0.25")
    with pytest.raises(NumberError, match="小数位太多"):
        parse_amount("0.1234567")
    with pytest.raises(NumberError, match="负数"):
        parse_amount("-1")


def test_blank_marks_are_recognised():
    assert all(is_blank(m) for m in ["", " ", "/", "-", "—", "／"])
    assert not is_blank("0")


def test_numbers_in_messages_have_separators():
    assert format_number(1070) == "1,070"
    assert format_number(Decimal("12345.5")) == "12,345.5"
    assert format_number(None) == "空"


def test_figures_print_plain_with_amounts_as_typed():
    assert format_figure(1070) == "1070"
    assert format_figure(Decimal("12.50")) == "12.50"
    assert format_figure(Decimal("1E+3")) == "1000"
    assert format_figure(None) == ""


def test_a_cell_is_parsed_by_its_kind_and_a_blank_mark_is_a_blank():
    assert parse_figure("１,２３４", Kind.COUNT) == 1234
    assert parse_figure("1.25", Kind.AMOUNT) == Decimal("1.25")
    assert parse_figure(" — ", Kind.COUNT) is None
    with pytest.raises(NumberError, match="不是整数"):
        parse_figure("1.25", Kind.COUNT)


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 5, 10, 11, 20, 23)] == ["一", "五", "十", "十一", "二十", "二十三"]
    assert [item_mark(n) for n in (1, 2, 10)] == ["（一）", "（二）", "（十）"]
