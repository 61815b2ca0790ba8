"""gxdesk check: the reviewers' checks, from the command line."""

from __future__ import annotations

import argparse
import json
from datetime import date

from gxdesk import gxr
from gxdesk.errors import InputError
from gxdesk.findings import Finding
from gxdesk.rules import ERROR, check, summary

HELP = "核对报告：勾稽关系、空项、跨年衔接、文字与表格、发布期限等；有错误时退出码为 1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="要核对的 .gxr 报告")
    parser.add_argument("--previous", metavar="LAST_YEAR_FILE",
                        help="上年报告，用于跨年核对（不给出时，用报告文件中保存的上年报告，如有）")
    parser.add_argument("--json", action="store_true", help="以 JSON 列表输出核对结果")
    parser.add_argument("--deadline", metavar="YYYY-MM-DD",
                        help="发布期限（默认：部门为次年1月31日，人民政府为次年3月31日）")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="按此日期核对期限是否已过（默认今天）")


def parse_date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{what}“{text}”不是有效的日期，应为 YYYY-MM-DD，如 2026-01-31") from None


def run(args: argparse.Namespace) -> int:
    deadline = parse_date(args.deadline, "发布期限")
    today = parse_date(args.today, "--today") or date.today()
    report = gxr.load(args.file)
    previous = gxr.load(args.previous) if args.previous else report.previous
    findings = check(report, previous, deadline=deadline, today=today)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(line(finding))
        print(summary(findings))
    return 1 if any(f.severity is ERROR for f in findings) else 0


def line(finding: Finding) -> str:
    """A finding as the text output shows it; an explained warning says so, with the explanation."""
    if finding.explanation is None:
        return f"{finding.severity.label}  {finding.message}"
    if finding.explained:
        return f"{finding.severity.label}（已说明）  {finding.message}\n    说明：{one_line(finding.explanation)}"
    note = "（错误须改正，说明不能代替）"
    return f"{finding.severity.label}  {finding.message}\n    说明：{one_line(finding.explanation)}{note}"


def one_line(text: str) -> str:
    return " ".join(text.split())
