"""Wrong years and stale citations in the text.

- ``text.period_year`` (error): a 统计期限 (…YYYY年1月1日…至…12月31日) of another year than
  the report's.
- ``text.year`` (warning): a year the text gives as the report's own that is not: the
  opening of a part (2024年，… / 2024年度我局…), 本机关2024年度…, 本年度（2024年）, the report's
  title cited (…2024年政府信息公开工作年度报告), the year's 政务公开工作要点. Next year is
  fine where plans are written (五, 六: 2026年，我局将…); other years (2022年以来, 较2024年)
  are never read as the report's.
- ``text.citation_stale`` (error): the format notice cited as anything but 国办公开办函〔2021〕30号;
  ``text.citation_brackets`` (warning): the right notice with other brackets than 〔〕.
- ``text.old_heading`` (warning): headings and table words of the formats before 2021.
"""

from __future__ import annotations

from typing import Iterator

from gxdesk.findings import ERROR, WARNING, Finding
from gxdesk.schema import LITIGATION_GROUP, REVIEW_GROUP, TEXT_PART_BY_ID, TEXT_PARTS, YEAR_MAX, YEAR_MIN
from gxdesk.text_checks.lazy import lazy
from gxdesk.text_checks.places import part_name, per_part, prepare, quote, text_finding

NOTICE = ("2021", "30")
_Y = r"(?P<year>\d{4})\s*年"
_START = r"(?:^|(?<=[。！？；\n]))[ \t\u3000]*"  # the start of a part, a line or a sentence
_ORGAN = r"(?:我|本)(?:局|委|办|厅|署|院|中心|机关|单位|部门)"
_PLACE = r"(?:我|本|全)(?:县|市|区|镇|乡|街道)"
# A year that starts a span or belongs to an event is no statement about the report's year.
_NOT_OWN = r"(?!\s*(?:以来|以前|之前|前|起|至|到|底|末|上半年|下半年|的|年度报告|[—\-－~～]))"
_PERIOD = lazy(
    r"(?P<first>\d{4})\s*年\s*0?1\s*月\s*0?1\s*日[^。\n]{0,12}?(?:至|到|—|-|－|~|～)\s*"
    r"(?:(?P<last>\d{4})\s*年\s*)?12\s*月\s*31\s*日")
# (pattern, where next year is fine too): years the text gives as the report's own.
_OWN_YEARS = (
    (lazy(rf"{_START}{_Y}(?:度)?(?:，|,|{_ORGAN}|{_PLACE}|全年)"), "plans"),
    (lazy(rf"{_ORGAN}\s*{_Y}(?:度)?{_NOT_OWN}"), "plans"),
    (lazy(rf"(?:本年度?|全年|今年)\s*[（(]\s*{_Y}度?\s*[）)]"), ""),
    (lazy(rf"{_Y}度?\s*(?:政府信息公开|政务公开|政务信息公开)工作年度报告"), "preamble only"),
    (lazy(rf"{_Y}度?\s*政务公开工作要点"), "plans"),
)
_PLANS = frozenset(p.id for p in TEXT_PARTS if p.section in ("五", "六"))
_CITATION = lazy(r"国办公开办函\s*(?P<open>[〔\[［【（(]?)\s*(?P<year>\d{4})\s*(?P<close>[〕\]］】）)]?)\s*"
                       r"(?P<number>\d+)\s*号")
_FORMAT_NOTICE_WORDS = "国办公开办函"
# Headings of the formats before 2021 (2008–2018 and 2019), and 2019's table words.
_OLD_HEADINGS = lazy(
    rf"政府信息公开的收费及减免情况|因政府信息公开申请(?:提起)?{REVIEW_GROUP}、提起{LITIGATION_GROUP}的情况"
    r"|七、其他需要报告的事项|(?:^|\n)\s*一、概述"
    r"|本年新制作数量|本年新公开数量|对外公开总数量|其他对外管理服务事项|上一年项目数量|本年增/减")


@per_part
def wrong_years(part: str, text: str, year: int) -> Iterator[Finding]:
    if not YEAR_MIN <= year <= YEAR_MAX or "年" not in text:
        return  # meta.year_invalid says so; no year to compare with
    text = prepare(text).unquoted
    periods = []
    for match in _PERIOD.finditer(text):
        periods.append(match.span())
        stated = [int(y) for y in (match.group("first"), match.group("last")) if y]
        if any(y != year for y in stated):
            wrong = next(y for y in stated if y != year)
            yield text_finding("text.period_year", ERROR,
                               f"{part_name(part)}的统计期限“{quote(text, *match.span())}”是 {wrong} 年，"
                               f"本报告是 {year} 年度的，应为{year}年1月1日至{year}年12月31日", part, *match.span())
    for pattern, scope in _OWN_YEARS:
        if scope == "preamble only" and TEXT_PART_BY_ID[part].section in ("一", "五", "六"):
            continue
        for match in pattern.finditer(text):
            said = int(match.group("year"))
            if said == year or (said == year + 1 and scope == "plans" and part in _PLANS):
                continue
            if any(s <= match.start("year") < e for s, e in periods):
                continue  # said once already, as a 统计期限
            span = match.start("year"), match.end()
            yield text_finding("text.year", WARNING,
                               f"{part_name(part)}写“{quote(text, *span)}”，本报告是 {year} 年度的，"
                               f"是否沿用了往年的文字？", part, *span)


@per_part
def citations(part: str, text: str, year: int) -> Iterator[Finding]:
    if _FORMAT_NOTICE_WORDS in text:
        for match in _CITATION.finditer(prepare(text).text):
            cited = (match.group("year"), match.group("number"))
            if cited != NOTICE:
                yield text_finding("text.citation_stale", ERROR,
                                   f"{part_name(part)}引用的“{quote(text, *match.span())}”不是现行的年度报告格式，"
                                   f"应为国办公开办函〔2021〕30号", part, *match.span())
            elif (match.group("open"), match.group("close")) != ("〔", "〕"):
                yield text_finding("text.citation_brackets", WARNING,
                                   f"{part_name(part)}的“{quote(text, *match.span())}”：发文字号的年份应使用六角括号"
                                   f"〔〕，写作国办公开办函〔2021〕30号", part, *match.span())


@per_part
def old_headings(part: str, text: str, year: int) -> Iterator[Finding]:
    match = _OLD_HEADINGS.search(text)
    if match:
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        yield text_finding("text.old_heading", WARNING,
                           f"{part_name(part)}有“{quote(text, start, match.end())}”，这是 2021 年以前旧格式的"
                           f"标题或表格用语，请按国办公开办函〔2021〕30号的格式改写", part, start, match.end())
