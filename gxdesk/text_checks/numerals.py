"""Figures as running text writes them: 71, 1,326, 1.2万, 十二, 一百零五, 两千, 三万五千.

``parse_numeral`` reads one such figure; ``NUMERAL`` is the pattern a figure in a
sentence matches. Approximate figures (1,400余, 约200) are the caller's to skip.
"""

from __future__ import annotations

import re
from decimal import Decimal

# A figure in a sentence: Arabic digits (thousands separated by ",", decimals, a 万 after),
# or Chinese numerals with at least one digit among them (so that 万 alone is no figure).
NUMERAL = (r"(?:\d+(?:,\d{3})*(?:\.\d+)?\s*万?"
           r"|[零〇两百千万一二三四五六七八九十]*[〇零一二两三四五六七八九十][零〇两百千万一二三四五六七八九十]*)")

# The same, loosely: a run of the characters figures are written with, starting with one. Quicker
# to find in a long text (Python's regex engine scans for a leading character class fast); what
# it finds is read with ``parse_numeral``, which refuses a run that is no figure (万, 1,2).
NUMERAL_RUN = r"[\d零〇两百千万一二三四五六七八九十][\d,.万零〇两百千一二三四五六七八九十]*"

_ARABIC = re.compile(r"\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000}
# Full-width digits as an input method types them: read as digits, one character each (offsets hold).
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_numeral(text: str) -> int | Decimal | None:
    """The value of one figure as written, or None if it is not one."""
    text = "".join(text.split())
    if not text:
        return None
    if text[0].isdigit():
        ten_thousands = text.endswith("万")
        digits = text[:-1] if ten_thousands else text
        if not _ARABIC.fullmatch(digits):
            return None  # 1,2 or 1.2.3: no figure
        try:
            value = Decimal(digits.replace(",", ""))
        except ArithmeticError:
            return None
        if ten_thousands:
            value *= 10_000
        return int(value) if value == value.to_integral_value() else value
    return _chinese(text)


def _chinese(text: str) -> int | None:
    if all(ch in _DIGITS for ch in text):  # 二〇二五: digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in text)) if len(text) > 1 else _DIGITS[text]
    total = section = number = 0
    last_unit, zero_seen = 0, False
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
            zero_seen = zero_seen or number == 0
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if not number and unit != 10:
                return None  # 百 or 千 without a digit before it (十 alone is ten)
            section += (number or 1) * unit
            number, last_unit, zero_seen = 0, unit, False
        elif ch in _BIG:
            section += number
            if not section:
                return None
            total += section * _BIG[ch]
            section = number = 0
            last_unit, zero_seen = _BIG[ch], False
        else:
            return None
    if number and last_unit > 10 and not zero_seen:
        number *= last_unit // 10  # 一百五 = 150, 一万二 = 12,000
    return total + section + number
