"""Fuzzing the figure parser against an oracle written from what it promises a clerk.

``gxdesk.numbers`` accepts ASCII or full-width digits, thousands separators (``,`` or ``，``) in
groups of three, a decimal point (``.`` or ``．``) and spaces around the figure; anything else is
refused with ``NumberError`` (an ``InputError``). ``oracle`` below reads a figure that way without
using the code under test; for any text, the parser must agree with it, and never raise anything else.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gxdesk.errors import InputError
from gxdesk.numbers import NumberError, parse_amount, parse_count

MAX_COUNT = 999_999_999  # 10 亿 less one: the format's limit, written here independently of schema.py
MAX_PLACES = 6

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_FIGURE = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?")


def oracle(text: str) -> Decimal | None:
    """The figure a clerk meant by ``text``, or None where it is no figure (or a negative one)."""
    core = text.strip().translate(_FULL_WIDTH)
    match = _FIGURE.fullmatch(core)
    return Decimal(core.replace(",", "")) if match else None


def expected_count(text: str) -> int | None:
    value = oracle(text)
    if value is None or value != value.to_integral_value() or value > MAX_COUNT:
        return None
    return int(value)


def expected_amount(text: str) -> Decimal | None:
    value = oracle(text)
    if value is None or value > MAX_COUNT:
        return None
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return value if -exponent <= MAX_PLACES else None


# What clerks type, what pastes bring along, and look-alikes that are not figures.
PIECES = [
    *"0123456789", *"０１２３４５６７８９", ",", "，", ".", "．", " ", "\u3000", "\t", "\n", "-", "－", "+",
    "²", "³", "¹", "⑫", "①", "½", "٣", "e", "E", "万", "件", "/", "—", "\u00a0", "\u200b",
]
typed = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
grouped = st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}")
texts = st.one_of(typed, grouped, st.text(max_size=20))


@pytest.mark.parametrize("text", ["12 34", "1 234", "1, 234", "²", "1²", "⑫", "①②", "\u200b5"])
def test_look_alikes_and_inner_spaces_are_refused(text: str) -> None:
    """Regressions found by the fuzzer: NFKC made ²/⑫ digits and inner spaces vanished ("12 34" → 1234)."""
    with pytest.raises(NumberError):
        parse_count(text)
    with pytest.raises(NumberError):
        parse_amount(text)


@given(texts)
@example("１２，３４５")
@example(" 0.000001 ")
@example("-0")
@example("-0.0")
def test_parse_count_agrees_with_the_oracle(text: str) -> None:
    expected = expected_count(text)
    try:
        value = parse_count(text)
    except NumberError as error:
        assert expected is None, f"{text!r} refused ({error}) but means {expected}"
    else:
        assert value == expected and type(value) is int


@given(texts)
def test_parse_amount_agrees_with_the_oracle(text: str) -> None:
    expected = expected_amount(text)
    try:
        value = parse_amount(text)
    except NumberError as error:
        assert expected is None, f"{text!r} refused ({error}) but means {expected}"
    else:
        assert value == expected and not value.is_signed()


@given(st.text(max_size=40) | st.text(alphabet="0123456789\n ,.", min_size=20, max_size=5000))
@example("0\n0")
@example("9" * 5000)
def test_only_input_errors_escape_with_one_short_line(text: str) -> None:
    """The CLI prints an InputError as one line; a pasted page is not repeated whole."""
    for parse in (parse_count, parse_amount):
        try:
            parse(text)
        except InputError as error:
            message = str(error)
            assert "\n" not in message and len(message) <= 60, message


def test_number_errors_are_input_errors() -> None:
    """So that a front door that shows InputError shows a refused figure too, never a traceback."""
    assert issubclass(NumberError, InputError) and issubclass(NumberError, ValueError)
