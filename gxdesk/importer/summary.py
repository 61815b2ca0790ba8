"""What an import found, for the one-screen summary a clerk sees (the window's 导入结果).

    summary = ImportSummary.of(result)
    summary.found, summary.cells            # figures read, of the entered cells
    for group in summary.groups:            # 原表合计不一致 / 需要核对 / 留空按 0 读入 / 说明
        for item in group.items:            # item.text, item.cell (the cell to jump to, or None)

Qt-free: the window shows it; the tests read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gxdesk import schema
from gxdesk.importer.extract import ImportResult
from gxdesk.model import ENTERED_KEYS, CellKey


@dataclass(frozen=True)
class Item:
    text: str
    cell: CellKey | None = None  # where the window jumps; None for a part of the report (a section)


@dataclass
class Group:
    id: str  # disagree / review / zeroed / notes
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class ImportSummary:
    found: int  # entered cells with a figure read from the source (a blank read as 0 counts)
    cells: int  # entered cells of the format
    groups: list[Group]

    @property
    def clean(self) -> bool:
        """Nothing to review: every figure found, every printed total agrees."""
        return not any(g.items for g in self.groups if g.id in ("disagree", "review"))

    @classmethod
    def of(cls, result: ImportResult) -> ImportSummary:
        disagree = Group("disagree", "原表印出的合计与各项相加不一致")
        for finding in result.findings:
            cell = (finding.table, finding.row, finding.column) if finding.table and finding.row else None
            disagree.items.append(Item(finding.message, cell))
        review = Group("review", "需要核对")
        flagged = result.unfound | result.blank | result.doubtful
        review.items += [Item(_why(key, result), key) for key in ENTERED_KEYS if key in flagged]
        review.items += [Item(message) for message in result.missing]  # sections, rows, meta, stray figures
        zeroed = Group("zeroed", f"原表留空、按 0 读入的 {len(result.zeroed)} 格")
        zeroed.items += [Item(schema.cell_name(*key), key) for key in ENTERED_KEYS if key in result.zeroed]
        notes = Group("notes", "说明", [Item(note) for note in result.notes])
        found = sum(1 for key in ENTERED_KEYS if result.report.cells.get(key) is not None and key not in flagged)
        return cls(found, len(ENTERED_KEYS), [disagree, review, zeroed, notes])


def _why(key: CellKey, result: ImportResult) -> str:
    name = schema.cell_name(*key)
    if key in result.blank:
        return f"{name}：原表留空，但合计说明它不是 0"
    if key in result.doubtful:
        return f"{name}：已读入，但应属于哪一项请核对"
    return f"{name}：原文中没有找到或无法确定"
