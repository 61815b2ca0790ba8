"""How a finding shows on a cell or a field: its colour and its tooltip.

A warning the clerk has explained (出错说明) no longer colours its place; its tooltip says
it is explained. An error always colours it.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtGui import QColor

from gxdesk.rules import ERROR, Finding

ERROR_BG = QColor("#f9d6d5")
WARNING_BG = QColor("#fdf0c2")


def flag_state(flags: Sequence[Finding]) -> str:
    """"error", "warning" or "" (nothing, or only explained warnings)."""
    if any(f.severity is ERROR for f in flags):
        return "error"
    return "warning" if any(not f.explained for f in flags) else ""


def flag_colour(flags: Sequence[Finding]) -> QColor | None:
    state = flag_state(flags)
    return ERROR_BG if state == "error" else WARNING_BG if state else None


def flag_tooltip(flags: Sequence[Finding]) -> str:
    return "\n".join(f"{f.severity.label}{'（已说明）' if f.explained else ''}：{f.message}" for f in flags)
