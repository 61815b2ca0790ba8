"""The breakdown workbook (.xlsx): one row per unit, one column per figure, a total row.

What the office would otherwise type by hand: for each unit its name, status,
finding counts and file, then every figure of the report in the schema's
order (entered and computed cells, headed by their names as messages give
them, e.g. 三、申请情况「一、本年新收政府信息公开申请数量」「自然人」). Units not
counted in the sum (未报, another year, two reports not chosen between) have a
row without figures, so that each column adds up to the total row.
openpyxl is imported only here, when a workbook is written.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gxdesk import schema
from gxdesk.atomic import atomic_write_bytes
from gxdesk.errors import InputError
from gxdesk.files import check_output
from gxdesk.model import CellKey
from gxdesk.os_errors import failed
from gxdesk.schema import cell_name
from gxdesk.summary.analyse import Summary

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SUFFIX = ".xlsx"
SHEET = "汇总明细"
TOTAL = "合计"
LEADING = ("序号", "单位", "状态", "错误", "提醒", "计入合计", "文件")

# Every figure of the report, as printed: entered and computed cells, table by table.
FIGURE_KEYS: tuple[CellKey, ...] = tuple(
    (table.id, row.id, column.id) for table in schema.TABLES for row, column in table.cells()
)


def headers() -> list[str]:
    return [*LEADING, *(cell_name(*key) for key in FIGURE_KEYS)]


def write(summary: Summary, path: Path | str) -> None:
    """Write the workbook; an existing file is replaced only by a complete new one."""
    path = Path(path)
    if path.suffix.lower() != SUFFIX:
        raise InputError(f"汇总表“{path.name}”应以 {SUFFIX} 结尾")
    check_output(path)  # a folder, a missing folder, a pipe, a read-only file
    data = to_bytes(summary)
    try:
        atomic_write_bytes(path, data)
    except PermissionError:
        raise InputError(f"没有权限写入“{path}”（文件是否正在 Excel 或 WPS 中打开？）") from None
    except OSError as error:
        raise InputError(failed("写入", path, error)) from None


def to_bytes(summary: Summary) -> bytes:
    """The workbook's bytes (built whole before any file is touched)."""
    stream = io.BytesIO()
    workbook(summary).save(stream)
    return stream.getvalue()


def workbook(summary: Summary) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet: Worksheet = workbook.create_sheet(SHEET, 0)
    workbook.remove(workbook.worksheets[1])  # the empty sheet a new workbook starts with
    sheet.append(headers())
    for number, unit in enumerate(summary.units, 1):
        report = unit.used.report if unit.used is not None else None
        file = unit.used.path.name if unit.used else "、".join(s.path.name for s in unit.sources)
        row: list[Any] = [number, unit.name, unit.status.value, unit.errors, unit.warnings,
                          "是" if report is not None else "否", file]
        if report is not None:
            row += [report.value(*key) for key in FIGURE_KEYS]
        sheet.append(row)
    merged = summary.merged
    total: list[Any] = ["", TOTAL, f"计入 {len(summary.counted)} 个单位", "", "", "", ""]
    if merged is not None:
        total += [merged.value(*key) for key in FIGURE_KEYS]
    sheet.append(total)

    bold = Font(bold=True)
    for header in sheet[1]:
        header.font = bold
        header.alignment = Alignment(wrap_text=True, vertical="top")
    for total_cell in sheet[sheet.max_row]:
        total_cell.font = bold
    sheet.row_dimensions[1].height = 90
    sheet.freeze_panes = f"{get_column_letter(len(LEADING) + 1)}2"  # names and the header stay in view
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["G"].width = 24
    return workbook
