"""A parsed font's four big tables kept as arrays, for faces that come from the font cache.

ReportLab keeps a face's character → glyph map and widths as dicts and its
glyph metrics and offsets as lists: for a CJK font 7 000–35 000 characters
and up to 50 000 glyphs. Building those objects from the cache took longer
than the rest of a cached face (18 ms for 文泉驿微米黑), and freeing them at
exit nearly as long, while a report uses a few hundred of them. Here they
stay arrays, and answer what ReportLab and gxdesk ask of them: ``in``,
``[]``, ``get``, ``setdefault``, ``keys()`` and ``len`` of the maps; indexing
and ``len`` of the metrics and offsets. Values come back with the types
ReportLab gave them (a width 500 stays an int, 500.0 a float).

``pack`` turns a freshly parsed table into plain data for the cache (None
when it holds anything else), ``unpack`` makes the stand-in.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from typing import Any, overload

# Native byte order, 8-byte items: the cache key names the machine's byte order.
INT, FLOAT = "q", "d"


class CodeMap(MutableMapping[int, Any]):
    """A dict of character codes as two sorted arrays, with a dict of the codes read or added since.

    A report reads a few hundred codes thousands of times: each is looked up in the arrays once.
    """

    __slots__ = ("_codes", "_dict", "_values")

    def __init__(self, codes: array[int], values: array[Any]) -> None:
        self._codes = codes
        self._values = values
        self._dict: dict[int, Any] = {}  # read before the arrays

    def _index(self, code: Any) -> int:
        codes = self._codes
        try:
            i = bisect_left(codes, code)
        except TypeError:  # not a number: in no font's table
            return -1
        return i if i < len(codes) and codes[i] == code else -1

    def _lookup(self, code: Any) -> bool:
        """Whether ``code`` is in the arrays; if so, its value is now in the dict."""
        i = self._index(code)
        if i < 0:
            return False
        self._dict[code] = self._values[i]
        return True

    def __contains__(self, code: object) -> bool:
        return code in self._dict or self._lookup(code)

    def __getitem__(self, code: int) -> Any:
        known = self._dict
        if code in known or self._lookup(code):
            return known[code]
        raise KeyError(code)

    def get(self, code: int, default: Any = None) -> Any:
        known = self._dict
        return known[code] if code in known or self._lookup(code) else default

    def __setitem__(self, code: int, value: Any) -> None:
        self._dict[code] = value

    def __delitem__(self, code: int) -> None:
        if self._index(code) >= 0:  # rare (ReportLab never deletes): become a plain dict
            merged = dict(zip(self._codes, self._values, strict=True))
            merged.update(self._dict)
            self._dict = merged
            self._codes, self._values = array(INT), array(self._values.typecode)
        del self._dict[code]

    def __iter__(self) -> Iterator[int]:
        known = self._dict
        yield from (code for code in self._codes if code not in known)
        yield from known

    def __len__(self) -> int:
        return len(self._codes) + sum(1 for code in self._dict if self._index(code) < 0)

    def __repr__(self) -> str:
        return f"<CodeMap of {len(self)} codes>"


class Metrics(Sequence[tuple[Any, int]]):
    """ReportLab's hmetrics: (advance width, left side bearing) per glyph."""

    __slots__ = ("_advances", "_bearings", "_floats")

    def __init__(self, advances: array[float], floats: bytes, bearings: array[int]) -> None:
        self._advances, self._floats, self._bearings = advances, floats, bearings

    @overload
    def __getitem__(self, i: int) -> tuple[Any, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[Any, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[Any, int] | list[tuple[Any, int]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        advance = self._advances[i]
        return (advance if self._floats[i] else int(advance), self._bearings[i])

    def __len__(self) -> int:
        return len(self._bearings)


# --- To and from the cache -------------------------------------------------------------


def pack(value: Any) -> tuple[Any, ...] | None:
    """A table as plain data (arrays as bytes), or None when it is not one these stand-ins reproduce.

    The checks run over 50 000 values once per font file: written with map() to stay in C.
    """
    try:
        if type(value) is dict:
            return _pack_map(value)
        if type(value) is list and _types(value) <= {int}:
            return ("array", array(INT, value).tobytes())
        if type(value) is list and _types(value) == {tuple} and set(map(len, value)) == {2}:
            return _pack_metrics(value)
    except OverflowError:  # beyond 64 bits: not a font table
        pass
    return None


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


def _pack_map(table: dict[Any, Any]) -> tuple[Any, ...] | None:
    kinds = _types(table.values())
    if not (_types(table) <= {int} and kinds in ({int}, {float}, set())):
        return None
    codes = sorted(table)
    typecode = FLOAT if kinds == {float} else INT
    return ("map", array(INT, codes).tobytes(), typecode, array(typecode, map(table.__getitem__, codes)).tobytes())


def _pack_metrics(metrics: list[tuple[Any, Any]]) -> tuple[Any, ...] | None:
    advances, bearings = zip(*metrics, strict=True) if metrics else ((), ())
    if not (_types(advances) <= {int, float} and _types(bearings) <= {int}):
        return None
    if max(map(abs, advances), default=0) > 2**53:  # an int a float would not give back exactly
        return None
    floats = bytes(map(float.__instancecheck__, advances))  # 1 where ReportLab left a float
    return ("metrics", array(FLOAT, advances).tobytes(), floats, array(INT, bearings).tobytes())


def unpack(packed: tuple[Any, ...]) -> Any:
    """The stand-in for a table ``pack`` made; ValueError for anything else."""
    kind = packed[0]
    if kind == "map" and len(packed) == 4 and packed[2] in (INT, FLOAT):
        codes, values = _array(INT, packed[1]), _array(packed[2], packed[3])
        if len(codes) != len(values):
            raise ValueError("codes and values differ in length")
        return CodeMap(codes, values)
    if kind == "array" and len(packed) == 2:
        return _array(INT, packed[1])
    if kind == "metrics" and len(packed) == 4 and type(packed[2]) is bytes:
        advances, bearings = _array(FLOAT, packed[1]), _array(INT, packed[3])
        if not len(advances) == len(packed[2]) == len(bearings):
            raise ValueError("metrics differ in length")
        return Metrics(advances, packed[2], bearings)
    raise ValueError(f"not a packed table: {kind!r}")


def _array(typecode: str, data: Any) -> array[Any]:
    if type(data) is not bytes:
        raise ValueError("not bytes")
    table = array(typecode)
    table.frombytes(data)  # ValueError unless a whole number of items
    return table
