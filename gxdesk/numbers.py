"""Reading figures the way clerks type them, and writing them back.

Accepts full-width digits (１２３), thousands separators (1,234 / 1，234) and
surrounding spaces; refuses everything else with a message a clerk can act on.
Look-alikes are refused, not read as digits: ² and ⑫ are no figures, and
"12 34" is two of them (tests/test_numbers_fuzz.py checks this against an oracle).
Every reader of a figure (the window's cells, the importer) parses with
``parse_figure``; every cell and printed table shows one with ``format_figure``;
messages quote one with ``format_number``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gxdesk.errors import InputError
from gxdesk.schema import MAX_AMOUNT_PLACES, MAX_COUNT, Kind

# Marks that published tables use for "nothing here": they are blanks, not zeros.
BLANK_MARKS = frozenset({"", "/", "-", "—", "——", "－", "／", "–"})

_NUMERALS = "一二三四五六七八九十"
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?", re.ASCII)
_PLAIN = re.compile(r"\d+(\.\d+)?", re.ASCII)


class NumberError(InputError, ValueError):
    """A figure that cannot be used; str() is the Chinese message."""


# The full-width forms a Chinese input method types. Only these: NFKC would also turn ² and ⑫ into digits.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９，．－／\u3000", "0123456789,.-/ ")


def normalise(text: str) -> str:
    """Full-width digits and marks to half-width, surrounding spaces removed."""
    return text.translate(_HALF_WIDTH).strip()


def one_line(text: str, limit: int = 20) -> str:
    """``text`` as a message quotes it: on one line, and short (a pasted page is not repeated whole)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def is_blank(text: str) -> bool:
    """Nothing, or a mark printed in a cell left empty: / - —."""
    return "".join(normalise(text).split()) in BLANK_MARKS


def _digits(text: str) -> str:
    """The plain digit string of a figure, separators removed, or NumberError."""
    raw = normalise(text)
    if raw.startswith("-") and raw != "-":
        raise NumberError(f"“{one_line(text)}”是负数，数量不能小于 0")
    if _GROUPED.fullmatch(raw):
        return raw.replace(",", "")
    if _PLAIN.fullmatch(raw):
        return raw
    raise NumberError(f"“{one_line(text)}”不是数字")


def parse_count(text: str) -> int:
    """A count as typed: '1,234', '１２３４' → 1234."""
    digits = _digits(text)
    if "." in digits:
        if Decimal(digits) != Decimal(digits).to_integral_value():
            raise NumberError(f"“{one_line(text)}”不是整数，件数只能填整数")
        digits = digits.split(".")[0]
    if len(digits) > 15 or int(digits) > MAX_COUNT:
        raise NumberError(f"“{one_line(text)}”过大，件数不能超过 {MAX_COUNT:,}")
    return int(digits)


def parse_amount(text: str) -> Decimal:
    """An amount in 万元 as typed: '1,234.5' → Decimal('1234.5')."""
    value = Decimal(_digits(text))
    check_amount(value, one_line(text))
    return value


def parse_figure(text: str, kind: Kind) -> int | Decimal | None:
    """A cell's entry as typed or printed: a blank mark is a blank (None), else a count or an amount."""
    if is_blank(text):
        return None
    return parse_amount(text) if kind is Kind.AMOUNT else parse_count(text)


def check_amount(value: Decimal, shown: str) -> None:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise NumberError(f"“{shown}”不是数字")
    if value.is_signed():  # -0.0 too: it would print as "-0.0"
        raise NumberError(f"“{shown}”是负数，金额不能小于 0")
    if -exponent > MAX_AMOUNT_PLACES:
        raise NumberError(f"“{shown}”小数位太多，金额最多保留 {MAX_AMOUNT_PLACES} 位小数")
    if value > MAX_COUNT:
        raise NumberError(f"“{shown}”过大，金额不能超过 {MAX_COUNT:,} 万元")


def format_number(value: object) -> str:
    """As shown in messages: 1,070 / 12.5 / 空."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (Decimal, float)):
        return f"{Decimal(repr(value)) if isinstance(value, float) else value:,f}"
    return str(value)


def format_figure(value: int | Decimal | None) -> str:
    """As printed in the report and shown in a cell: plain digits, an amount as typed
    (no exponent, no trailing zeros beyond the figure typed); a blank stays blank."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def chinese_number(number: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 99 (sub-heading numbers)."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" if tens else ""
    return head + (_NUMERALS[ones - 1] if ones else "")


def item_mark(number: int) -> str:
    """The mark of a section's ``number``-th sub-heading: 1 → （一）."""
    return f"（{chinese_number(number)}）"
