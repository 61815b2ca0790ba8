"""Compact stand-ins for a cached face's tables: they answer as ReportLab's dicts and lists do."""

from __future__ import annotations

from array import array
from typing import Any

import pytest

from gxdesk.render.font_tables import CodeMap, Metrics, pack, unpack

GLYPHS = {0x4E2D: 1200, 32: 3, 0x6587: 2048, 65: 36, 0x1F600: 9}
WIDTHS = {32: 259.765625, 0x4E2D: 1000.0, 65: 612.5}


def code_map(table: dict[int, Any]) -> CodeMap:
    packed = pack(table)
    assert packed is not None
    result = unpack(packed)
    assert isinstance(result, CodeMap)
    return result


@pytest.mark.parametrize("table", [GLYPHS, WIDTHS, {}])
def test_a_code_map_reads_like_the_dict(table: dict[int, Any]) -> None:
    m = code_map(table)
    assert m == table and dict(m.items()) == table and len(m) == len(table) and bool(m) == bool(table)
    assert set(m.keys()) == set(table)
    for code, value in table.items():
        assert code in m and m[code] == value and m.get(code) == value and type(m[code]) is type(value)
    for missing in (0, 31, 0x4E2E, 0x10FFFF, -1, "中", None, 1.5):
        assert missing not in m and m.get(missing, "default") == "default"
    with pytest.raises(KeyError):
        m[0x4E2E]


def test_additions_shadow_and_extend_and_deleting_keeps_the_rest() -> None:
    m = code_map(GLYPHS)
    assert m.setdefault(0x2603, 0) == 0 and m.setdefault(0x4E2D, 0) == 1200  # the blank glyph for a missing character
    m[0x4E2D] = 7
    assert m[0x4E2D] == 7 and m.get(0x4E2D) == 7
    assert len(m) == len(list(m)) == len(GLYPHS) + 1 and set(m) == {*GLYPHS, 0x2603}
    assert m == {**GLYPHS, 0x4E2D: 7, 0x2603: 0}
    del m[0x2603]
    del m[65]  # one of the arrays' own
    expected = {**GLYPHS, 0x4E2D: 7}
    del expected[65]
    assert m == expected and len(m) == len(expected) and 65 not in m
    with pytest.raises(KeyError):
        del m[65]


def test_metrics_keep_ints_and_floats_as_reportlab_made_them() -> None:
    hmetrics = [(1024, 0), (512, 17), (2048, 65535), (1000.0, 3), (999.5, 4)]
    packed = pack(hmetrics)
    assert packed is not None
    metrics = unpack(packed)
    assert isinstance(metrics, Metrics)
    assert len(metrics) == 5 and list(metrics) == hmetrics
    assert [type(a) for a, _ in metrics] == [int, int, int, float, float]
    assert metrics[-1] == (999.5, 4) and metrics[1:3] == hmetrics[1:3]
    with pytest.raises(IndexError):
        metrics[5]


def test_offsets_are_an_array_of_ints() -> None:
    packed = pack([0, 44, 44, 184, 4_000_000_000])
    assert packed is not None
    offsets = unpack(packed)
    assert isinstance(offsets, array) and offsets.tolist() == [0, 44, 44, 184, 4_000_000_000]
    assert type(offsets[1]) is int


@pytest.mark.parametrize("odd", [
    {1: 1, 2: 2.5},  # ints and floats mixed
    {"a": 1},
    {1: "x"},
    {1: 2**70},
    [1, 2.5],
    [(1, 2, 3)],
    [(1.5, 2.5)],
    ["x"],
    (1, 2),
    None,
])
def test_anything_else_is_not_packed(odd: Any) -> None:
    assert pack(odd) is None


@pytest.mark.parametrize("junk", [
    ("map", b"\0" * 8, "q", b"\0" * 16),  # two values for one code
    ("map", b"\0" * 7, "q", b"\0" * 7),  # not whole items
    ("map", b"\0" * 8, "s", b"\0" * 8),
    ("metrics", b"\0" * 8, b"\0\0", b"\0" * 8),
    ("array", "not bytes"),
    ("pickle", b""),
])
def test_a_damaged_table_is_refused(junk: tuple[Any, ...]) -> None:
    with pytest.raises(ValueError):
        unpack(junk)
