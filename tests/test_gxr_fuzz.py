"""Fuzzing the .gxr reader: whatever the bytes, it refuses with an InputError or gives a usable report.

Three kinds of input: arbitrary bytes; the sample file with bytes cut, inserted or replaced; and the
sample's JSON with one value anywhere replaced by an arbitrary JSON value, a key dropped or one added.
A report that loads must hold only what gxdesk could have written: counts 0–999,999,999, amounts
unsigned with at most 6 decimals, text as text — and save and load back to itself.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gxdesk import gxr
from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.resources import data_file
from tests.fuzzing import assert_usable, within

SAMPLE = data_file("sample.gxr").read_bytes()
SAMPLE_JSON = json.loads(SAMPLE)


def parsed(data: bytes) -> Report | None:
    """The report, or None where the reader refused the file with an InputError."""
    try:
        with within(5):
            return gxr.parse(data, "fuzz.gxr")
    except InputError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
        return None


# Lone surrogates ("\ud800") load into the text but cannot be saved as UTF-8: issue 10 fixes that,
# so the JSON values here leave them out (the known case is a strict xfail at the end).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
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
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8")


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        start = draw(st.integers(min_value=0, max_value=len(data)))
        end = draw(st.integers(min_value=start, max_value=min(len(data), start + 8)))
        data[start:end] = draw(st.binary(max_size=8))
    return bytes(data)


@given(st.binary(max_size=300))
@example(b"\xef\xbb\xbf")
@example(b"[" * 100_000)
@example(b'{"format": "gxdesk-report", "version": 1e400}')
def test_arbitrary_bytes_are_refused_with_an_input_error(data: bytes) -> None:
    report = parsed(data)
    if report is not None:
        assert_usable(report)


@given(damaged_files())
def test_a_damaged_file_is_refused_or_still_usable(data: bytes) -> None:
    report = parsed(data)
    if report is not None:
        assert_usable(report)


@given(mutated_files())
def test_a_changed_value_is_refused_or_the_report_is_usable(data: bytes) -> None:
    report = parsed(data)
    if report is not None:
        assert_usable(report)


@pytest.mark.parametrize("fee", ["-0.0", "-0.000", "-0E+2"])
def test_a_negative_zero_fee_is_refused(fee: str) -> None:
    """Found by the fuzzer: JSON -0.0 loaded as Decimal('-0.0'), and the report printed "-0.0"."""
    data = SAMPLE.replace(b'"fees": "1.26"', b'"fees": ' + fee.encode())
    assert data != SAMPLE
    with pytest.raises(InputError, match="负数"):
        gxr.parse(data)


def test_zero_fees_still_load() -> None:
    for fee in (b"0", b"0.0", b'"0"', b'"0.00"'):
        report = gxr.parse(SAMPLE.replace(b'"fees": "1.26"', b'"fees": ' + fee))
        assert report.cells[("proactive", "fees", "amount")] == 0


@pytest.mark.xfail(strict=True, raises=UnicodeEncodeError, reason="issue 10: a lone surrogate loads but cannot be saved")
def test_a_lone_surrogate_in_the_text_is_refused_or_saved() -> None:
    """Seen while writing these tests, left for issue 10: the file loads, and saving it fails."""
    report = parsed(SAMPLE.replace(b'"other": "', b'"other": "\\ud800', 1))
    assert report is not None
    assert_usable(report)
