"""汇总: a county's own report adds up the figures of every department and 乡镇 under it."""

from __future__ import annotations

from collections.abc import Sequence

from gxdesk.errors import InputError
from gxdesk.model import Report, Value, new_report


def merge(reports: Sequence[Report], organ: str, names: Sequence[str] | None = None) -> Report:
    """A new report for ``organ`` whose every entered cell is the sum over ``reports``.

    A cell blank in any input stays blank in the sum (the total is unknown),
    so the rules point at it instead of printing a figure that is too small.
    Narrative text is not merged: the aggregating office writes its own.
    """
    if not reports:
        raise InputError("没有要汇总的报告")
    names = list(names) if names else [r.organ or f"第 {i + 1} 份" for i, r in enumerate(reports)]
    years = {r.year for r in reports}
    if len(years) > 1:
        listing = "，".join(f"{name} {r.year} 年" for name, r in zip(names, reports, strict=True))
        raise InputError(f"只能汇总同一年度的报告：{listing}")
    merged = new_report(organ, years.pop())
    for key in merged.cells:
        parts: list[Value] = [r.cells[key] for r in reports]
        merged.cells[key] = None if any(v is None for v in parts) else sum(parts)  # type: ignore[arg-type]
    return merged
