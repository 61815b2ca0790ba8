"""What the fuzz tests share: a report that gxdesk could have written, a guard against hangs, and
report files damaged or changed in every way (the .gxr reader's and the command line's fuzz tests)."""

from __future__ import annotations

import json
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import strategies as st

from gxdesk import gxr, limits
from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.resources import data_file

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
    6 decimals, text as text; and the report saves and loads back to itself (or, over a report's
    limits, is refused by the save)."""
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
    try:
        limits.check_report(report)
    except InputError:  # over a report's limits (an import of a huge text): gxr.save refuses to write it
        with tempfile.TemporaryDirectory() as folder:
            with pytest.raises(InputError):
                gxr.save(report, Path(folder) / "over.gxr")
            assert not any(Path(folder).iterdir())
        return
    assert gxr.parse(gxr.dumps(report).encode("utf-8")) == report


# --- Report files, damaged or changed ------------------------------------------------------------

SAMPLE = data_file("sample.gxr").read_bytes()
SAMPLE_JSON = json.loads(SAMPLE)
# Any character: lone surrogates ("\ud800") and C0 controls are cleaned when loaded (gxdesk.text).
TEXT = st.text(max_size=12)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**20), max_value=10**20) | st.floats() | TEXT
    | st.sampled_from(["1.25", "-0", "0.0000001", "1e3", "１２", "12 34", "NaN"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            paths += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            paths += _paths(child, (*prefix, i))
    return paths


PATHS = _paths(SAMPLE_JSON)[1:]  # every value in the file (not the whole file)


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    document = json.loads(SAMPLE)
    path = draw(st.sampled_from(PATHS))
    *parents, last = path
    holder = document
    for step in parents:
        holder = holder[step]
    change = draw(st.sampled_from(["replace", "drop", "add"]))
    if change == "drop" and isinstance(holder, dict):
        del holder[last]
    elif change == "add" and isinstance(holder, dict):
        holder[draw(TEXT)] = draw(JSON_VALUES)
    else:
        holder[last] = draw(JSON_VALUES)
    # surrogatepass: a lone surrogate written raw is what a broken writer leaves (not UTF-8, refused)
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        start = draw(st.integers(min_value=0, max_value=len(data)))
        end = draw(st.integers(min_value=start, max_value=min(len(data), start + 8)))
        data[start:end] = draw(st.binary(max_size=8))
    return bytes(data)


