"""The formulaic preamble (前言) most reports open with, and how it follows the report's year.

A preamble in one of the standard wordings for its year is the program's text,
not the clerk's: when 报告年度 changes it changes with it (``follow_year``). Once
the clerk has rewritten it, it is theirs and is left alone (a rule elsewhere
flags a year in it that contradicts 报告年度). A report started from last
year's moves its dates on (``move_year``).
"""

from __future__ import annotations

from gxdesk.schema import SECTIONS

_OPENING = ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
            "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。")
# "全文包括总体情况、主动公开政府信息情况、…": the six headings without their numbers, and
# 行政复议、行政诉讼 joined by 和 (the list itself is separated by 、).
_CONTENTS = "全文包括" + "、".join(s.heading.split("、", 1)[1].replace("、", "和") for s in SECTIONS) + "。"
_PERIOD = "本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
# The wordings gxdesk writes (the first) and the built-in sample uses; both name the year only in the period.
FORMS = (_OPENING + _PERIOD, _OPENING + _CONTENTS + _PERIOD)


def standard_preamble(year: int) -> str:
    """The preamble of a new report for ``year``."""
    return FORMS[0].format(year=year)


def follow_year(text: str, old: int, new: int) -> str | None:
    """The preamble for ``new`` if ``text`` is a standard one for ``old`` (untouched by the clerk), else None."""
    for form in FORMS:
        if text == form.format(year=old):
            return form.format(year=new)
    return None


def move_year(text: str, old: int, new: int) -> str:
    """Last year's preamble for this year's report: a standard one follows; in one of the clerk's
    own, every "<old>年" becomes "<new>年" (the period it states; 〔2021〕 has no 年 after it)."""
    followed = follow_year(text, old, new)
    return followed if followed is not None else text.replace(f"{old}年", f"{new}年")
