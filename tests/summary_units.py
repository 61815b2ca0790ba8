"""Folders of units' reports for the 汇总 tests, the window's tests and the screenshots."""

from __future__ import annotations

import random
from pathlib import Path

from gxdesk import gxr
from gxdesk.model import Report
from tests.factories import unit_report, unit_text

COUNTY = "青禾县人民政府"


def unit_name(number: int) -> str:
    return f"青禾县第{number}单位"


def write_units(folder: Path, count: int, *, seed: int = 16, start: int = 1) -> list[Report]:
    """``count`` balanced units with random figures, each with narrative of its own, as .gxr files."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    reports = [unit_report(rng, unit_name(start + i)) for i in range(count)]
    for report in reports:
        gxr.save(report, folder / f"{report.organ}.gxr")
    return reports


def share_paragraph(first: Report, second: Report, seed: int = 7) -> str:
    """Give two units one paragraph of their 一、总体情况 in common (the rest stays their own)."""
    paragraph = unit_text(random.Random(seed), sentences=6)
    for report in (first, second):
        report.text["management"] += "\n" + paragraph
    return paragraph
