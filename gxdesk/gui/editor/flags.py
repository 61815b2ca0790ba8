"""How a finding shows on a cell or a field: its colour and its tooltip."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtGui import QColor

from gxdesk.rules import ERROR, Finding

ERROR_BG = QColor("#f9d6d5")
WARNING_BG = QColor("#fdf0c2")


def flag_colour(flags: Sequence[Finding]) -> QColor | None:
    if not flags:
        return None
    return ERROR_BG if any(f.severity is ERROR for f in flags) else WARNING_BG


def flag_tooltip(flags: Sequence[Finding]) -> str:
    return "\n".join(f"{f.severity.label}：{f.message}" for f in flags)
