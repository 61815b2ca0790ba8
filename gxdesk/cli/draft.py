"""gxdesk draft: the standard sentences drafted from the report's figures, one part after another."""

from __future__ import annotations

import argparse

from gxdesk import gxr
from gxdesk.drafting import all_drafts

HELP = "按数字起草：根据表格数字生成一（二）依申请公开、四（复议诉讼）和六（信息处理费）的标准段落"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=".gxr 报告")
    parser.add_argument("--template", metavar="DIR",
                        help="自定义模板文件夹（其中 drafts 文件夹的 .j2 文件为起草模板）")


def run(args: argparse.Namespace) -> int:
    report = gxr.load(args.file)
    blocks = [f"【{name}】\n{text}" for name, text in all_drafts(report, args.template)]
    print("\n\n".join(blocks))
    return 0
