"""gxdesk merge: add up the reports of several bodies into one (汇总)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from gxdesk import gxr
from gxdesk.errors import InputError
from gxdesk.merge import merge
from gxdesk.rules import ERROR, check, summary

HELP = "汇总多份同年度报告的统计数字，生成一份新报告"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="+", help="要汇总的 .gxr 报告")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="汇总结果 .gxr 文件")
    parser.add_argument("--organ", required=True, help="汇总报告的机关名称")


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.exists():
        raise InputError(f"“{output}”已存在，没有覆盖；请换一个文件名")
    paths = [Path(f) for f in args.files]
    if os.path.realpath(output) in {os.path.realpath(p) for p in paths}:  # realpath: a link loop is no error here
        raise InputError("汇总结果不能写入参与汇总的文件")
    reports = [gxr.load(p) for p in paths]
    merged = merge(reports, args.organ, [p.name for p in paths])
    gxr.save(merged, output)
    findings = [f for f in check(merged) if f.table]
    print(f"已汇总 {len(reports)} 份报告到 {output}；表格核对：{summary(findings)}")
    for finding in findings:
        print(f"{finding.severity.label}  {finding.message}")
    return 1 if any(f.severity is ERROR for f in findings) else 0
