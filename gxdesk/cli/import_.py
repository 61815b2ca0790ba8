"""gxdesk import: read last year's published report into a .gxr file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gxdesk import gxr
from gxdesk.cli import parse_year
from gxdesk.errors import InputError
from gxdesk.schema import META_LABELS, YEAR_MAX, YEAR_MIN

HELP = "导入已发布的年度报告（PDF、.docx、网页 .html/.htm、文本 .txt/.md，- 表示从标准输入读取粘贴的文字）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SRC", help="已发布的报告文件，或 - 读取粘贴的文字")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.gxr", help="要写入的 .gxr 报告")
    parser.add_argument("--force", action="store_true", help="OUT 已存在时覆盖（保留 .bak 备份）")
    parser.add_argument("--organ", help="机关名称（原文中没有或不对时指定）")
    parser.add_argument("--year", help="报告年度（原文中没有或不对时指定）")


def run(args: argparse.Namespace) -> int:
    from gxdesk.importer import import_file, import_stream

    output = Path(args.output)
    if output.exists() and not args.force:
        raise InputError(f"“{output}”已存在，没有覆盖；如要覆盖请加 --force")
    if args.source == "-":
        result = import_stream(sys.stdin.buffer if sys.stdin is not None else None)
    else:
        result = import_file(args.source)
    report = result.report
    given = {"organ": args.organ, "year": args.year}
    if args.organ is not None:
        report.organ = args.organ.strip()
    if args.year is not None:
        report.year = parse_year(args.year)
    if not YEAR_MIN <= report.year <= YEAR_MAX:
        raise InputError("原文中没有找到报告年度，请用 --year 指定（如 --year 2025）；没有写入文件")
    # What the command line supplied is no longer missing.
    supplied = {f"未找到{META_LABELS[key]}" for key, value in given.items() if value}
    result.missing = [m for m in result.missing if m not in supplied]

    gxr.save(report, output)
    print(f"已导入：{report.organ or '（机关名称未找到）'} {report.year} 年度报告 → {output}")
    for note in result.all_notes():
        print(f"说明  {note}")
    lines = result.messages()
    for line in lines:
        print(line)
    if not lines:
        print("全部找到，原表合计与各项相加一致")
        return 0
    print(f"有 {len(lines)} 项需要核对（见上）；在窗口中打开 {output} 可看到标出的单元格")
    return 1

