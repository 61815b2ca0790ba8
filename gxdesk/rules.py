"""The checks reviewers apply (format-2021.md, "Checks reviewers apply" 1–11).

``check(report, previous)`` returns findings, errors first. Each finding has
a stable rule id, a severity, the exact place and a message with the numbers.
Checks 2–4 (totals) hold by construction for a report whose totals we
compute; ``check_stated`` applies them to totals a published report states.
The checks on the text live in ``gxdesk.text_checks``, the deadline's in
``gxdesk.deadline``; docs/rules.md lists every rule. A finding the clerk has
answered (``Report.explanations``) carries the answer; a warning so answered is
*explained*, an error stays an error.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Callable, Iterable, Iterator, Mapping

from gxdesk import schema
from gxdesk.deadline import deadline_checks, deadline_for
from gxdesk.findings import ERROR, META_SECTION, WARNING, Finding, Severity
from gxdesk.model import CellKey, Report, Value
from gxdesk.numbers import format_number as fmt
from gxdesk.schema import (
    APPEALS,
    PROACTIVE,
    REQUEST_COLUMN_IDS,
    REQUESTS,
    REQUESTS_BALANCE,
    SECTION_BY_ID,
    TEXT_PARTS,
    YEAR_MAX,
    YEAR_MIN,
    Kind,
    cell_name,
)
from gxdesk.text_checks.similarity import (
    COMPARED_SECTIONS,
    REPEAT_LIMIT,
    REPEAT_MIN_CHARS,
    repeated_share,
    section_text,
)

# Findings are built in gxdesk.findings; the window and the CLI take them from here with the rules.
__all__ = ["CROSS_RULES", "ERROR", "META_SECTION", "REPEAT_LIMIT", "REPEAT_MIN_CHARS", "TABLE_RULES",
           "WARNING", "Finding", "Severity", "check", "check_stated", "error_count", "repeated_share", "summary"]

Rule = Callable[[Report], Iterable[Finding]]
CrossRule = Callable[[Report, Report], Iterable[Finding]]


def check(report: Report, previous: Report | None = None, *, deadline: str | date | None = None,
          today: date | None = None, text: bool = True) -> list[Finding]:
    """Every finding, errors first. ``deadline`` is the 发布期限 (a date, or a month-day setting
    such as "01-26"; by default the organ's); with ``today`` given, a deadline passed before the
    report is finished is a finding too. ``text=False`` leaves out the checks on the text (the
    window's very first check, before its first paint: their patterns take ≈ 30 ms to compile)."""
    findings = [f for rule in (_every_rule() if text else TABLE_RULES) for f in rule(report)]
    if previous is not None:
        findings += [f for rule in CROSS_RULES for f in rule(report, previous)]
    findings += deadline_checks(report, findings, deadline_for(report, deadline), today)
    if report.explanations:
        findings = [f.with_explanation(report.explanations.get(f.key)) for f in findings]
    # Errors first; within a severity, the order the report reads in.
    return sorted(findings, key=lambda f: f.severity is not ERROR)


def error_count(report: Report) -> int:
    """How many errors ``check(report)`` finds, counted by only the rules that can find one
    (``gxdesk render`` says how many remain without waiting for the wording checks). The
    deadline's findings are warnings, and an answered error stays an error."""
    from gxdesk.text_checks import ERROR_RULES

    return sum(f.severity is ERROR for rule in (*TABLE_RULES, *ERROR_RULES) for f in rule(report))


def summary(findings: list[Finding]) -> str:
    """The one line the status bar and the CLI end with."""
    errors = sum(f.severity is ERROR for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "勾稽关系：全部平衡，未发现问题"
    explained = sum(f.explained for f in findings)
    parts = [f"{errors} 处错误" if errors else "",
             f"{warnings} 处提醒" + (f"（{explained} 处已说明）" if explained else "") if warnings else ""]
    return "，".join(p for p in parts if p)


def _short(table: schema.Table) -> str:
    return SECTION_BY_ID[table.section].short


def _cell_finding(rule: str, severity: Severity, message: str, key: CellKey) -> Finding:
    table = schema.TABLE_BY_ID[key[0]]
    return Finding(rule, severity, message, table.section, *key)


# --- One report ----------------------------------------------------------------------


def values(report: Report) -> Iterator[Finding]:
    """Checks 7 and 10: every cell filled in, counts non-negative integers."""
    for key, value in report.cells.items():
        if value.__class__ is int and value >= 0:
            continue  # the common case, kept cheap: this runs on every keystroke
        name = cell_name(*key)
        if value is None:
            yield _cell_finding("value.blank", ERROR,
                                f"{name}未填写：没有数据请填 0，不要留空或写“/”", key)
            continue
        is_count = schema.TABLE_BY_ID[key[0]].kind(key[1]) is Kind.COUNT
        if is_count and (isinstance(value, bool) or not isinstance(value, int)):
            yield _cell_finding("value.not_integer", ERROR,
                                f"{name}为 {fmt(value)}，件数只能是整数", key)
        if not isinstance(value, bool) and value < 0:
            yield _cell_finding("value.negative", ERROR,
                                f"{name}为 {fmt(value)}，不能是负数", key)


def requests_balance(report: Report) -> Iterator[Finding]:
    """Check 1, the 勾稽关系 printed in the table, per applicant column.

    The 总计 column is computed from these six, so its balance follows from theirs.
    """
    left, right = _BALANCE_TERMS
    for column in REQUESTS.blocks[0].columns:
        if column.computed:
            continue

        received, handled = (
            _add(*(report.value(REQUESTS.id, row, column.id) for row in rows)) for rows in REQUESTS_BALANCE
        )
        if received != handled:
            yield Finding(
                "requests.balance", ERROR,
                f"{_short(REQUESTS)}「{column.label}」列不平衡：{left}={fmt(received)}，"
                f"{right}={fmt(handled)}，相差 {fmt(abs(received - handled))}",
                REQUESTS.section, REQUESTS.id, "", column.id,
            )


def _number(row_id: str) -> str:
    """How the balance names a row of 三: by its number (一、本年新收… → 一), else by its label."""
    label = REQUESTS.row(row_id).label
    number, numbered, _ = label.partition("、")
    return number if numbered else label


_BALANCE_TERMS = tuple("+".join(_number(row) for row in rows) for rows in REQUESTS_BALANCE)  # 一+二, （七）总计+四


def _add(*terms: Value) -> int | Decimal:
    return sum((t or 0 for t in terms), 0)


_NOTHING = re.compile(r"[\s。.，,；;！!]*(无|没有|暂无)?[\s。.，,；;！!]*")


def problems_stated(report: Report) -> Iterator[Finding]:
    """Check 8: section 五 must not be empty or a bare 无."""
    text = report.text.get("problems", "") + report.text.get("improvements", "")
    if _NOTHING.fullmatch(text):
        yield Finding("text.problems_missing", ERROR,
                      f"{SECTION_BY_ID['五'].heading}不能为空或只写“无”：请写明本年度存在的问题和改进措施",
                      "五", field="problems")


def meta(report: Report) -> Iterator[Finding]:
    """What the title and the signature block need."""
    if not report.organ.strip():
        yield Finding("meta.organ_missing", ERROR, "基本信息：没有填写机关名称，标题和落款都需要它",
                      META_SECTION, field="organ")
    if not YEAR_MIN <= report.year <= YEAR_MAX:
        yield Finding("meta.year_invalid", ERROR, f"基本信息：报告年度 {report.year} 不是有效年份",
                      META_SECTION, field="year")
    if not report.date:
        yield Finding("meta.date_missing", WARNING, "基本信息：没有填写成文日期，落款需要它",
                      META_SECTION, field="date")
    elif report.date < f"{report.year + 1:04d}-01-01":
        yield Finding("meta.date_early", ERROR,
                      f"基本信息：成文日期 {report.date} 早于 {report.year} 年度结束（{report.year}年12月31日），"
                      f"年度报告只能在次年成文", META_SECTION, field="date")
    elif int(report.date[:4]) > report.year + 1:
        yield Finding("meta.date_year", WARNING,
                      f"基本信息：成文日期 {report.date} 不在 {report.year + 1} 年，"
                      f"{report.year} 年度的报告通常在次年 1 月成文",
                      META_SECTION, field="date")


TABLE_RULES: tuple[Rule, ...] = (meta, values, requests_balance, problems_stated)


def _every_rule() -> tuple[Rule, ...]:
    # The text checks' modules are imported on the first check of the text, not with this one:
    # the window's first check, before its first paint, leaves them out.
    from gxdesk.text_checks import TEXT_RULES

    return (*TABLE_RULES, *TEXT_RULES)


def __getattr__(name: str) -> tuple[Rule, ...]:
    """``RULES``: every check on one report, the text's included (made when first asked for)."""
    if name == "RULES":
        return _every_rule()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- Across years --------------------------------------------------------------------


def previous_year(report: Report, previous: Report) -> Iterator[Finding]:
    if previous.year != report.year - 1:
        yield Finding("cross.previous_year", WARNING,
                      f"载入的上年报告是 {previous.year} 年度的，本报告是 {report.year} 年度，跨年核对可能不准确",
                      META_SECTION, field="year")


def carry_over(report: Report, previous: Report) -> Iterator[Finding]:
    """Check 5: this year's 二、上年结转 = last year's 四、结转下年度继续办理."""
    this_row, last_row = REQUESTS.row("carried_over"), REQUESTS.row("carried_forward")
    for column in REQUEST_COLUMN_IDS:
        this = report.value(REQUESTS.id, this_row.id, column)
        last = previous.value(REQUESTS.id, last_row.id, column)
        if (this or 0) != (last or 0):
            label = REQUESTS.column(this_row.id, column).label
            yield Finding("cross.carry_over", ERROR,
                          f"{_short(REQUESTS)}「{label}」列「{this_row.short}」为 {fmt(this)}，"
                          f"上年报告「{last_row.short}」为 {fmt(last)}，两者应当相等",
                          REQUESTS.section, REQUESTS.id, this_row.id, column)


def documents_in_force(report: Report, previous: Report) -> Iterator[Finding]:
    """Check 6: 现行有效 = last year's + 本年制发 − 本年废止 (documents also expire: a warning)."""
    for row in ("rules", "normative_documents"):
        last = previous.value(PROACTIVE.id, row, "in_force") or 0
        issued, repealed, actual = (report.value(PROACTIVE.id, row, c) or 0 for c in ("issued", "repealed", "in_force"))
        expected = last + issued - repealed
        if actual != expected:
            issued_label, repealed_label = (PROACTIVE.column(row, c).label for c in ("issued", "repealed"))
            yield Finding("cross.documents_in_force", WARNING,
                          f"{cell_name(PROACTIVE.id, row, 'in_force')}为 {fmt(actual)}，按上年 {fmt(last)}"
                          f" + {issued_label} {fmt(issued)} − {repealed_label} {fmt(repealed)} "
                          f"应为 {fmt(expected)}；如有到期失效的文件可不改，请核对",
                          PROACTIVE.section, PROACTIVE.id, row, "in_force")


# Figures whose year-on-year jump deserves a look (check 10), and the floor below
# which a ratio is just noise (1 → 6 is not news).
RATIO_CELLS: tuple[CellKey, ...] = (
    (REQUESTS.id, "new", "total"),
    (PROACTIVE.id, "licensing", "count"),
    (PROACTIVE.id, "penalty", "count"),
    (PROACTIVE.id, "coercion", "count"),
)
RATIO_LIMIT = 5
RATIO_FLOOR = 10


def year_on_year(report: Report, previous: Report) -> Iterator[Finding]:
    for key in RATIO_CELLS:
        this = report.value(*key) or 0
        last = previous.value(*key) or 0
        if max(this, last) < RATIO_FLOOR:
            continue
        if last == 0:  # "changed more than 5 times" says nothing about a figure that was 0
            change = f"本年 {fmt(this)}，上年为 0，请确认没有填错"
        elif this == 0:
            change = f"本年为 0，上年 {fmt(last)}，请确认没有漏填"
        elif not 1 / RATIO_LIMIT <= this / last <= RATIO_LIMIT:
            change = f"本年 {fmt(this)}，上年 {fmt(last)}，变化超过 {RATIO_LIMIT} 倍，请确认没有填错"
        else:
            continue
        yield _cell_finding("cross.ratio", WARNING, f"{cell_name(*key)}{change}", key)


def text_repeated(report: Report, previous: Report) -> Iterator[Finding]:
    for section in COMPARED_SECTIONS:
        parts = [p.id for p in TEXT_PARTS if p.section == section]
        this = section_text(report, section)
        if len("".join(this.split())) < REPEAT_MIN_CHARS:
            continue
        share = repeated_share(this, section_text(previous, section))
        if share > REPEAT_LIMIT:
            heading = SECTION_BY_ID[section].heading
            yield Finding("cross.text_repeated", WARNING,
                          f"{heading}与上年报告约 {share:.0%} 相同，审查会视为照搬上年内容，请按本年实际重写",
                          section, field=parts[0])


CROSS_RULES: tuple[CrossRule, ...] = (previous_year, carry_over, documents_in_force, year_on_year, text_repeated)


# --- Totals a published report states (checks 2–4) ------------------------------------


def check_stated(report: Report, stated: Mapping[CellKey, Value]) -> list[Finding]:
    """Compare totals as printed in a published report with the ones its rows add up to."""
    rules = {
        (REQUESTS.id, True): "requests.total_row",
        (REQUESTS.id, False): "requests.total_column",
        (APPEALS.id, False): "appeals.total",
    }
    findings = []
    for key, printed in stated.items():
        table = schema.TABLE_BY_ID[key[0]]
        row = table.row(key[1])
        computed = report.value(*key)
        if printed is None or printed == computed:
            continue
        rule = rules[(table.id, row.computed)]
        findings.append(_cell_finding(
            rule, ERROR,
            f"{cell_name(*key)}原表填写 {fmt(printed)}，按各项相加应为 {fmt(computed)}，相差 "
            f"{fmt(abs(printed - (computed or 0)))}", key))
    return findings
