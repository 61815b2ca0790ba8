"""Reports built for tests and benchmarks: balanced, non-zero, reproducible."""

from __future__ import annotations

import copy
import random
from decimal import Decimal

from gxdesk.model import Report, new_report
from gxdesk.schema import APPEALS, OUTCOME_ROW_IDS, PROACTIVE, REQUEST_COLUMN_IDS, TEXT_PARTS


def balanced_report(rng: random.Random, *, scale: int = 50) -> Report:
    """Every entered cell >= 1 and every column of section 三 balanced."""
    report = new_report("测试县人民政府办公室", 2025)
    report.doc_number = "测政办发〔2026〕12号"
    report.date = "2026-01-23"
    cells = report.cells
    for column in REQUEST_COLUMN_IDS:
        handled = 0
        for row in OUTCOME_ROW_IDS:
            cells[("requests", row, column)] = value = rng.randint(1, scale)
            handled += value
        carried_forward = rng.randint(1, scale)
        carried_over = rng.randint(1, handled + carried_forward - 1)
        cells[("requests", "carried_forward", column)] = carried_forward
        cells[("requests", "carried_over", column)] = carried_over
        cells[("requests", "new", column)] = handled + carried_forward - carried_over
    for row, column in PROACTIVE.entered_cells():
        if row.id == "fees":
            cells[("proactive", "fees", "amount")] = Decimal(rng.randint(1, scale * 100)) / 100
        else:
            cells[("proactive", row.id, column.id)] = rng.randint(1, scale * 20)
    for row, column in APPEALS.entered_cells():
        cells[("appeals", row.id, column.id)] = rng.randint(1, scale)
    for part in TEXT_PARTS:
        if part.id != "preamble":
            report.text[part.id] = f"{part.title or part.id}：本年度第{rng.randint(1, 99)}项工作情况。{part.hint}"
    report.text["other"] += "本年度收取信息处理费 0.3 万元。"
    return report


def large_report() -> Report:
    """The 'large table with non-zero figures everywhere' the issues ask for."""
    return balanced_report(random.Random(20251231), scale=400)


def rebalanced(report: Report, *, keep_new: bool = False) -> Report:
    """Section 三 balanced again (一 + 二 = （七）总计 + 四) after cells were changed: through 一, or
    through 二 where ``keep_new``; 二 is lowered where 一 would go below 0."""
    for column in REQUEST_COLUMN_IDS:
        handled = report.value("requests", "total", column) + report.cells[("requests", "carried_forward", column)]
        new, over = ("requests", "new", column), ("requests", "carried_over", column)
        if keep_new:
            report.cells[over] = handled - report.cells[new]  # type: ignore[operator]
            continue
        if report.cells[over] > handled:  # type: ignore[operator]
            report.cells[over] = handled // 2  # type: ignore[operator]
        report.cells[new] = handled - report.cells[over]  # type: ignore[operator]
    return report


def with_blanks(report: Report, cells: tuple[tuple[str, str, str], ...]) -> Report:
    """``report`` with ``cells`` printed blank, still balanced: each is made 0 first, then 三 is
    rebalanced (through 二 where 一 is itself one of the blanks)."""
    out = copy.deepcopy(report)
    for key in cells:
        out.cells[key] = 0 if key[0] != "proactive" or key[1] != "fees" else Decimal(0)
    rebalanced(out, keep_new=any(key[1] == "new" for key in cells))
    out.set_cells(dict.fromkeys(cells))
    return out
