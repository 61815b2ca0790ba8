"""gxdesk render: the report as a standard .docx or a print-ready PDF."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from gxdesk import gxr
from gxdesk.rules import error_count

HELP = "生成报告：Word（.docx）或 PDF（.pdf），版式按 GB/T 9704《党政机关公文格式》"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="要生成的 .gxr 报告")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="输出文件，以 .docx 或 .pdf 结尾")
    parser.add_argument("--template", metavar="DIR", help="自定义模板文件夹（复制 templates 文件夹后修改）")
    parser.add_argument("--font-dir", metavar="DIR", help="优先使用此文件夹中的字体（如仿宋_GB2312、方正小标宋简体）")
    parser.add_argument("--seal", action="store_true", help="加盖印章的版式：成文日期右空四字，为印章留出位置")


def run(args: argparse.Namespace) -> int:
    # One report, then the process ends: the cyclic collector's passes over freshly imported
    # libraries and fonts would only cost time (~30 ms of a PDF). Restored for in-process callers.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _render(args)
    finally:
        if collecting:
            gc.enable()


def _render(args: argparse.Namespace) -> int:
    from gxdesk.render import check_target, render
    from gxdesk.report_lock import holder

    check_target(Path(args.output))  # a refusal is the only line: no warnings about the report before it
    report = gxr.load(args.file)
    who = holder(Path(args.file))
    if who is not None:
        print(f"gxdesk: 注意：“{args.file}”正在 gxdesk 窗口中打开（{who.describe()}），"
              "生成的是上次保存的内容，窗口中未保存的修改不在其中", file=sys.stderr)
    remaining = error_count(report)
    if remaining:
        print(f"gxdesk: 注意：报告仍有 {remaining} 处错误，请用 gxdesk check 查看后再印发", file=sys.stderr)
    warnings = render(report, args.output, template_dir=args.template, font_dir=args.font_dir, seal=args.seal)
    for warning in warnings:
        print(f"gxdesk: 注意：{warning}", file=sys.stderr)
    print(f"已生成“{args.output}”")
    return 0
