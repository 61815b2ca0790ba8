"""When the report must be out: the 发布期限, and the checks and the status line about it.

Under 条例 第四十九、五十条 a department publishes its report by 1月31日 of the next year and a
county-level-or-higher 人民政府 its own report by 3月31日. Local rules are often earlier, so
the deadline is a setting: a month and day (``01-26``) in the window's settings, a date on the
command line (``gxdesk check --deadline 2026-01-26``), else the default by the organ's name.
Everything that depends on today takes ``today`` as an argument, so that tests fix it.

A report is *finished* when it has a 成文日期 and no error-level finding.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator, Sequence

from gxdesk.findings import ERROR, META_SECTION, WARNING, Finding
from gxdesk.model import Report
from gxdesk.schema import META_LABELS, YEAR_MAX, YEAR_MIN

DEPARTMENT = (1, 31)
GOVERNMENT = (3, 31)
GOVERNMENT_SUFFIX = "人民政府"
_MONTH_DAY = re.compile(r"\s*(?:(\d{4})\s*[-年./]\s*)?(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?\s*", re.ASCII)


def is_government(organ: str) -> bool:
    """The organ is a 人民政府 above the township (a 乡镇 government reports by 1月31日 like a department)."""
    organ = organ.strip()
    return organ.endswith(GOVERNMENT_SUFFIX) and organ[-len(GOVERNMENT_SUFFIX) - 1:][:1] not in ("乡", "镇")


def parse_month_day(text: str) -> tuple[int, int] | None:
    """A deadline setting as typed: 01-26, 1-26, 1月26日 (a year given is ignored); None if none."""
    match = _MONTH_DAY.fullmatch(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not match:
        return None
    month, day = int(match.group(2)), int(match.group(3))
    try:
        date(2024, month, day)  # a leap year: 02-29 is a month and day
    except ValueError:
        return None
    return month, day


def deadline_for(report: Report, setting: str | date | None = None) -> date | None:
    """The report's deadline: the date given, the month and day of the setting in the year after
    the report's, or the default for the organ; None for a report without a valid year."""
    if isinstance(setting, date):
        return setting
    if not YEAR_MIN <= report.year <= YEAR_MAX:
        return None
    month_day = parse_month_day(setting or "") or (GOVERNMENT if is_government(report.organ) else DEPARTMENT)
    month, day = month_day
    if (month, day) == (2, 29) and not _leap(report.year + 1):
        day = 28
    return date(report.year + 1, month, day)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def shown(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def finished(report: Report, findings: Sequence[Finding]) -> bool:
    return bool(report.date) and not any(f.severity is ERROR for f in findings)


def deadline_checks(report: Report, findings: Sequence[Finding], deadline: date | None,
                    today: date | None) -> Iterator[Finding]:
    """``deadline.date_late``: the 成文日期 falls after the deadline; ``deadline.passed``: today is
    past it and the report is not finished (only in the year it is due: later it is history)."""
    if deadline is None:
        return
    if report.date and date.fromisoformat(report.date) > deadline:
        yield Finding("deadline.date_late", WARNING,
                      f"基本信息：{META_LABELS['date']} {shown(date.fromisoformat(report.date))}晚于发布期限"
                      f" {shown(deadline)}{_why(report) if deadline == deadline_for(report) else ''}",
                      META_SECTION, field="date")
    if today is not None and deadline < today and today.year <= deadline.year and not finished(report, findings):
        errors = sum(f.severity is ERROR for f in findings)
        missing = "、".join(filter(None, [f"还有 {errors} 处错误" if errors else "",
                                         "" if report.date else f"没有填写{META_LABELS['date']}"]))
        yield Finding("deadline.passed", WARNING,
                      f"发布期限 {shown(deadline)}已过 {(today - deadline).days} 天，报告尚未完成（{missing}）",
                      META_SECTION, field="date")


def _why(report: Report) -> str:
    if is_government(report.organ):
        return "（人民政府的年度报告应在次年3月31日前公布）"
    return "（部门的年度报告应在次年1月31日前公布）"


def status_line(report: Report, findings: Sequence[Finding], deadline: date | None, today: date) -> str:
    """What the status bar says about the deadline; "" once it is history."""
    if deadline is None or today.year > deadline.year:
        return ""
    left = (deadline - today).days
    if finished(report, findings):
        return f"发布期限 {shown(deadline)}"
    if left > 0:
        return f"距发布期限（{shown(deadline)}）还有 {left} 天"
    if left == 0:
        return f"今天是发布期限（{shown(deadline)}）"
    return f"已过发布期限（{shown(deadline)}）{-left} 天"
