"""gxdesk check: the reviewers' checks, from the command line."""

from __future__ import annotations

import argparse
import json

from gxdesk import gxr
from gxdesk.rules import ERROR, check, summary

HELP = "核对报告：勾稽关系、空项、跨年衔接等；有错误时退出码为 1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="要核对的 .gxr 报告")
    parser.add_argument("--previous", metavar="LAST_YEAR_FILE",
                        help="上年报告，用于跨年核对（不给出时，用报告文件中保存的上年报告，如有）")
    parser.add_argument("--json", action="store_true", help="以 JSON 列表输出核对结果")


def run(args: argparse.Namespace) -> int:
    report = gxr.load(args.file)
    previous = gxr.load(args.previous) if args.previous else report.previous
    findings = check(report, previous)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(f"{finding.severity.label}  {finding.message}")
        print(summary(findings))
    return 1 if any(f.severity is ERROR for f in findings) else 0
