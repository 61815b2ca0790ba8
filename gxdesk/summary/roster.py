"""The roster: the units a 汇总 expects, one organ a line in a text file (or last year's 汇总 file).

Blank lines and lines starting with # are left out, and so is a leading
number ("1. 县教育局", "3、县民政局", "12\t县水利局"), as a list typed in Word
or copied from Excel has them. A name listed twice is listed once.
"""

from __future__ import annotations

import re
from pathlib import Path

from gxdesk.errors import InputError
from gxdesk.files import read_limited
from gxdesk.summary.identity import unit_key

MAX_BYTES = 1024 * 1024
_NUMBERING = re.compile(r"^\s*[\d０-９]+\s*(?:[.、，,．)）]|\s)\s*")


def parse_roster(text: str) -> list[str]:
    names: dict[str, str] = {}
    for line in text.splitlines():
        name = _NUMBERING.sub("", line).strip().strip("\ufeff")
        if name and not name.startswith("#") and unit_key(name):
            names.setdefault(unit_key(name), name)
    return list(names.values())


def read_roster(path: Path) -> list[str]:
    """The names in a roster file: text (UTF-8 or GBK), or a 汇总 file (.gxs: its roster)."""
    from gxdesk.summary import file

    if path.suffix.lower() == file.SUFFIX:
        roster = file.load(path).roster
        if not roster:
            raise InputError(f"“{path.name}”中没有单位名单")
        return roster
    data = read_limited(path, MAX_BYTES, InputError, "过大，不像一份单位名单（每行一个单位名称）")
    if b"\x00" in data or data.startswith(b"PK"):  # a workbook or document, not a list typed as text
        raise InputError(
            f"“{path.name}”不是文本文件；单位名单应为每行一个单位名称的 .txt 文件（可从 Excel 复制后粘贴保存）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"“{path.name}”不是文本文件；单位名单应为每行一个单位名称的 .txt 文件")
    names = parse_roster(text)
    if not names:
        raise InputError(f"“{path.name}”中没有单位名称；单位名单应为每行一个单位名称")
    return names
