"""gxdesk new: write a blank report."""

from __future__ import annotations

import argparse
from pathlib import Path

from gxdesk import gxr
from gxdesk.cli import parse_year
from gxdesk.errors import InputError
from gxdesk.model import new_report

HELP = "新建空白报告"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="要写入的 .gxr 文件")
    parser.add_argument("--organ", required=True, help="机关名称")
    parser.add_argument("--year", required=True, help="报告年度，如 2025")


def run(args: argparse.Namespace) -> int:
    year = parse_year(args.year)
    if not args.organ.strip():
        raise InputError("机关名称不能为空")
    output = Path(args.output)
    if output.exists():
        raise InputError(f"“{output}”已存在，没有覆盖；请换一个文件名")
    gxr.save(new_report(args.organ, year), output)
    print(f"已新建 {output}")
    return 0
