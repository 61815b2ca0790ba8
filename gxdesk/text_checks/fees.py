"""信息处理费 in section 六 (check 9, extended).

- ``text.fee_not_reported`` (error): 三（六）2 is not 0 (fee notices went out) and 六 says nothing
  of the 信息处理费; ``text.fee_statement`` (warning): 六 says nothing of it at all.
- ``text.fee_contradicts_table`` (error): 六 says no fee notice went out (未发出收费通知, 不涉及收费)
  while 三（六）2 counts applications dropped for fees unpaid after one.
- ``text.fee_contradiction`` (warning): the text says both that no fee was collected and that one was
  (收取信息处理费300元); ``text.fee_without_requests`` (warning): a fee collected in a year with no
  application at all.

The amount of 信息处理费 collected has no cell in the tables (二's 行政事业性收费 is another thing),
so the figure itself is never compared with one.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from gxdesk.findings import ERROR, WARNING, Finding
from gxdesk.model import Report
from gxdesk.numbers import format_number as fmt
from gxdesk.schema import REQUESTS, SECTION_BY_ID, TEXT_PART_BY_ID, cell_name
from gxdesk.text_checks.lazy import LazyPattern, lazy
from gxdesk.text_checks.numerals import NUMERAL, parse_numeral
from gxdesk.text_checks.places import part_name, prepare, quote, text_finding

_FEE = r"(?:政府信息公开)?(?:信息)?处理费"
_NONE = lazy(rf"(?:未|没有|不)(?:收取|收缴|产生|发生)(?:任何)?{_FEE}|{_FEE}(?:为|是)?\s*(?:0|零)\s*元"
                   rf"|(?:不存在|未发生|无)(?:收取)?{_FEE}(?:收取)?")
_COLLECTED = lazy(rf"收取(?:了)?{_FEE}(?:共计|共|合计)?\s*(?P<n>{NUMERAL})\s*(?P<u>万元|元)")
_NO_NOTICE = lazy(r"未(?:发出|发放|下发|作出|开具)(?:过)?(?:任何)?收费通知"
                        r"|不涉及(?:信息)?(?:处理费|收费)|无需收费")


class Statement(NamedTuple):
    part: str
    start: int
    end: int


def _statements(report: Report, pattern: LazyPattern) -> Iterator[tuple[Statement, re.Match[str]]]:
    for part, text in report.text.items():
        if part in TEXT_PART_BY_ID and text:
            for match in pattern.finditer(prepare(text).unquoted):
                yield Statement(part, *match.span()), match


def fee_reported(report: Report) -> Iterator[Finding]:
    other = report.text.get("other", "")
    unpaid = report.value(REQUESTS.id, "other_no_fee", "total") or 0
    where = SECTION_BY_ID["六"].short
    unpaid_name = cell_name(REQUESTS.id, "other_no_fee", "total")
    if "处理费" not in other:
        if unpaid:
            yield Finding("text.fee_not_reported", ERROR,
                          f"{unpaid_name}为 {fmt(unpaid)}，说明发过收费通知：{where}须说明信息处理费的收取情况",
                          "六", field="other")
        else:
            yield Finding("text.fee_statement", WARNING,
                          f"{where}没有说明信息处理费收取情况，通常写明“本年度未收取信息处理费”",
                          "六", field="other")
    if unpaid:
        for said, _ in _statements(report, _NO_NOTICE):
            text = report.text[said.part]
            yield text_finding("text.fee_contradicts_table", ERROR,
                               f"{part_name(said.part)}写“{quote(text, said.start, said.end)}”，但{unpaid_name}为 "
                               f"{fmt(unpaid)}，即有申请人收到收费通知后逾期未缴费，两者矛盾",
                               said.part, said.start, said.end)
    yield from _collected(report)


def _collected(report: Report) -> Iterator[Finding]:
    amounts = [(said, match) for said, match in _statements(report, _COLLECTED)
               if (parse_numeral(match.group("n")) or 0) > 0]
    if not amounts:
        return
    said, _ = amounts[0]
    text = report.text[said.part]
    for none, _ in _statements(report, _NONE):
        none_text = report.text[none.part]
        yield text_finding("text.fee_contradiction", WARNING,
                           f"{part_name(said.part)}写“{quote(text, said.start, said.end)}”，"
                           f"{part_name(none.part)}却写“{quote(none_text, none.start, none.end)}”，请统一",
                           none.part, none.start, none.end)
        break
    applications = sum(report.value(REQUESTS.id, row, "total") or 0 for row in ("new", "carried_over"))
    if not applications:
        yield text_finding("text.fee_without_requests", WARNING,
                           f"{part_name(said.part)}写“{quote(text, said.start, said.end)}”，但本年没有新收或上年结转的"
                           f"政府信息公开申请，信息处理费从何收取？请核对", said.part, said.start, said.end)
