"""成文日期: stored as YYYY-MM-DD (a real date), typed the way clerks write it, shown in Chinese.

One reading for the file (``iso_date``: only the stored form) and one for typing
(``read_date``: 2026年1月26日, 2026-01-26, 2026.1.26, 2026/1/26). Full-width digits
are read as the digits they are (``numbers.normalise``), look-alikes such as ² are
not. Chinese dates are written without leading zeros everywhere (``chinese_date``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from gxdesk.numbers import normalise

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
# 2026年1月26日 · 2026-01-26 · 2026.1.26 · 2026/1/26 (spaces around the marks allowed; 日 may be left off)
_TYPED_DATE = re.compile(r"(\d{4})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)\s*(\d{1,2})\s*日?", re.ASCII)
TYPED_FORMS = "2026年1月26日、2026-01-26、2026.1.26 或 2026/1/26"


def iso_date(text: str) -> str | None:
    """``text`` as a YYYY-MM-DD date that exists, or None."""
    match = _ISO_DATE.fullmatch(normalise(text))
    return _real(match.groups()) if match else None


def read_date(text: str) -> str | None:
    """A date as typed (any of ``TYPED_FORMS``) as YYYY-MM-DD, or None if it is no real date."""
    match = _TYPED_DATE.fullmatch(normalise(text).strip())
    return _real(match.groups()) if match else None


def _real(parts: tuple[str, ...]) -> str | None:
    try:
        return date(*map(int, parts)).isoformat()
    except ValueError:
        return None


def chinese_date(iso: str) -> str:
    """2026-01-26 → 2026年1月26日; "" (not set) stays ""."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


def chinese_datetime(moment: datetime) -> str:
    """2026年12月1日 09:05: the day without leading zeros, the time as a clock shows it."""
    return f"{chinese_date(moment.date().isoformat())} {moment:%H:%M}"
