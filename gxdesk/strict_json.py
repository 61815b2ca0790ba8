"""JSON as gxdesk's own files are read: decimals exact, no NaN or Infinity, and a key given twice
in one object refused (``json.loads`` would let the last one silently win)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


class DuplicateKeyError(ValueError):
    """A key given twice in one JSON object."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def loads(text: str) -> Any:
    """``text`` parsed strictly; raises ``DuplicateKeyError``, or ``ValueError`` (which
    ``json.JSONDecodeError`` is) for anything else that is not such JSON."""
    return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant, object_pairs_hook=_object)


def _refuse_constant(constant: str) -> None:
    raise ValueError(constant)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        keys = [key for key, _value in pairs]
        raise DuplicateKeyError(next(key for i, key in enumerate(keys) if key in keys[:i]))
    return obj
