"""What the fuzz tests share: a report that gxdesk could have written, and a guard against hangs."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from types import FrameType

from gxdesk import gxr
from gxdesk.model import Report

MAX_COUNT = 999_999_999  # the format's limit, written here, not taken from schema.py
MAX_PLACES = 6


class Hang(AssertionError):
    pass


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail an example that runs longer than ``seconds`` instead of hanging the suite.

    Hypothesis's deadline only judges an example once it returns; this interrupts one that never
    does (SIGALRM: POSIX only; elsewhere only the deadline and pytest's faulthandler_timeout remain).
    """
    if sys.platform == "win32":
        yield
        return

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_usable(report: Report) -> None:
    """Only what gxdesk could have written: counts 0–999,999,999, unsigned amounts with at most
    6 decimals, text as text; and the report saves and loads back to itself."""
    for key, value in report.cells.items():
        if value is None:
            continue  # a blank, kept so that the rules flag it
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            assert isinstance(exponent, int) and -exponent <= MAX_PLACES, (key, value)
            assert not value.is_signed() and value <= MAX_COUNT, (key, value)
        else:
            assert type(value) is int and 0 <= value <= MAX_COUNT, (key, value)
    assert all(type(text) is str for text in report.text.values())
    assert type(report.year) is int and type(report.organ) is str
    assert gxr.parse(gxr.dumps(report).encode("utf-8")) == report
