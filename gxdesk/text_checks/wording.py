"""The wording checks reviewers apply (all warnings, one finding per part and rule).

- ``text.half_width``: , ; : ( ) beside Chinese characters, where Chinese text uses ，；：（）.
  Between digits or Latin letters (1,326, 12:30, http://) they are left alone.
- ``text.numbering``: list numbers that skip or repeat (（一）（三）, 一是…三是) or change kind in
  one list (（一）… 2.): each kind counts on its own and starts again under a higher level.
- ``text.repeated``: a word written twice by mistake (的的, 进一步进一步). Only function words and
  words of three to six characters count, and AABB forms (的的确确, 清清楚楚) are Chinese, not slips;
  real reduplication (常常, 人人, 天天, 层层) is never a function word.
- ``text.problems_vague`` / ``text.improvements_missing`` / ``text.problems_unnamed``: section 五
  whose problems say nothing concrete, or that gives no improvement, or no problem at all.
"""

from __future__ import annotations

import re
from typing import Iterator

from gxdesk.findings import WARNING, Finding
from gxdesk.model import Report
from gxdesk.schema import SECTION_BY_ID
from gxdesk.text_checks.lazy import lazy
from gxdesk.text_checks.places import part_name, per_part, quote, text_finding

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
_HALF_WIDTH = lazy(rf"(?<=[{_CJK}])\s*[,;:()]|[,;:()]\s*(?=[{_CJK}])")
_ANY_HALF_WIDTH = lazy(r"[,;:()]")
_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}


@per_part
def half_width(part: str, text: str, year: int) -> Iterator[Finding]:
    marks = list(_HALF_WIDTH.finditer(text)) if _ANY_HALF_WIDTH.search(text) else []
    if marks:
        first = marks[0]
        mark = first.group().strip()
        at = first.start() + first.group().index(mark)
        more = f"等 {len(marks)} 处" if len(marks) > 1 else ""
        yield text_finding("text.half_width", WARNING,
                           f"{part_name(part)}“{quote(text, max(0, at - 6), at + 7)}”中有半角“{mark}”{more}，"
                           f"中文里应使用全角“{_FULL[mark]}”", part, at, at + 1)


# --- Numbering ------------------------------------------------------------------------------

_CN_DIGITS = "一二三四五六七八九十"


def _cn(text: str) -> int:
    """一 … 九十九 as list numbers write them."""
    if text == "十":
        return 10
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGITS.index(text) + 1
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)


_CN_NUMBER = rf"[{_CN_DIGITS}]{{1,3}}"
# Kinds of list numbers, highest level first; a number counts only where an item starts.
_ITEM_START = r"(?:^|(?<=[\n。；：！？]))[ \t\u3000*#]*"
_MARKS = lazy(
    rf"{_ITEM_START}(?:(?P<section>{_CN_NUMBER})、|[（(](?P<paren>{_CN_NUMBER})[）)]"
    rf"|(?P<arabic>\d{{1,2}})(?:\.(?!\d)|、|．)|[（(](?P<paren_arabic>\d{{1,2}})[）)]|(?P<shi>{_CN_NUMBER})是)")
_LEVELS = ("section", "paren", "arabic", "paren_arabic")  # 一是 counts beside them, within a sentence run
_SHOWN = {"section": "{}、", "paren": "（{}）", "arabic": "{}.", "paren_arabic": "（{}）", "shi": "{}是"}


def _mark(kind: str, number: int) -> str:
    shown = str(number) if kind in ("arabic", "paren_arabic") else _cn_text(number)
    return _SHOWN[kind].format(shown)


def _cn_text(number: int) -> str:
    if number <= 10:
        return ("十" if number == 10 else _CN_DIGITS[number - 1])
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens - 1]) + "十" + (_CN_DIGITS[ones - 1] if ones else "")


@per_part
def numbering(part: str, text: str, year: int) -> Iterator[Finding]:
    problem = _numbering_problem(text)
    if problem:
        message, start, end = problem
        yield text_finding("text.numbering", WARNING, f"{part_name(part)}{message}", part, start, end)


def _numbering_problem(text: str) -> tuple[str, int, int] | None:
    last: dict[str, int] = {}
    for match in _MARKS.finditer(text):
        kind = match.lastgroup or ""
        raw = match.group(kind)
        number = int(raw) if raw.isdigit() else _cn(raw)
        start = match.start(kind) - (1 if kind in ("paren", "paren_arabic") else 0)
        span = start, match.end()
        previous = last.get(kind)
        expected = 1 if previous is None else previous + 1
        if number != expected and number != 1:
            if previous is None:
                other = _same_level_other(last, kind, number)
                if other is None:
                    return (f"的编号“{_mark(kind, number)}”前面没有“{_mark(kind, number - 1)}”", *span)
                return (f"的编号混用：“{_mark(other, number - 1)}”之后接着“{_mark(kind, number)}”", *span)
            shown = "重复" if number == previous else "跳号"
            return (f"的编号{shown}：“{_mark(kind, previous)}”之后是“{_mark(kind, number)}”，"
                    f"应为“{_mark(kind, expected)}”", *span)
        last[kind] = number
        if kind in _LEVELS:  # a higher level starts the lower ones again
            for lower in _LEVELS[_LEVELS.index(kind) + 1:]:
                last.pop(lower, None)
            last.pop("shi", None)
    return None


def _same_level_other(last: dict[str, int], kind: str, number: int) -> str | None:
    """Another kind of number that was counting up to just before ``number``: a list that changed kind."""
    return next((k for k, n in last.items() if k != kind and n == number - 1), None)


# --- Repeated words ------------------------------------------------------------------------

_FUNCTION_CHARS = "的了在和与及对将并为于把被从向以或其之已也就都而"
_TWICE = lazy(rf"([{_FUNCTION_CHARS}])\1|([\u4e00-\u9fff]{{3,6}})\2"
                    r"|(加强|推进|进行|持续|不断|积极|认真|全面|严格|及时|切实|深入|有效|确保|按照|根据|通过|"
                    r"对于|关于|以及|并且|同时|其中|已经|开展|落实|做好)\3")


@per_part
def repeated(part: str, text: str, year: int) -> Iterator[Finding]:
    for match in _TWICE.finditer(text):
        start, end = match.span()
        if match.group(1) and _aabb(text, start):
            continue
        if text[start:end] == "了了" and text[max(0, start - 1):end + 1] == "不了了之":
            continue
        yield text_finding("text.repeated", WARNING,
                           f"{part_name(part)}“{quote(text, max(0, start - 4), end + 4)}”中“"
                           f"{text[start:(start + end) // 2]}”连写了两次，请核对", part, start, end)
        break


def _aabb(text: str, start: int) -> bool:
    """的的确确: the doubled character is half of an AABB word."""
    before = text[start - 2:start]
    after = text[start + 2:start + 4]
    return (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1])


# --- Section 五 -------------------------------------------------------------------------------

_PROBLEM_WORDS = lazy(r"问题|不足|差距|有待|不够|不到位|不及时|滞后|薄弱|欠缺|不高|不强|不均衡|不完善"
                            r"|单一|较少|偏少|还需|仍需|尚需|需要进一步|亟待|存在")
_IMPROVEMENT_WORDS = lazy(r"下一步|改进|整改|今后|明年|措施|已(?:建立|完善|制定|修订|开展)"
                                r"|将(?:进一步|继续|加强|持续|着力|推动|完善|加大|建立|深化|强化"
                                r"|积极|认真|严格|不断|全面|切实|重点|围绕|坚持)")
_NO_PROBLEM = lazy(r"[\s。，；！]*(?:本年度)?(?:未发现|没有发现|不存在|无)(?:明显|突出|重大)?的?问题"
                         r"[\s。，；！]*")
_CONCRETE_CHARS = 20  # fewer Chinese characters than this say nothing concrete


def section_five(report: Report) -> Iterator[Finding]:
    problems, improvements = (report.text.get(p, "").strip() for p in ("problems", "improvements"))
    if not (problems or improvements) or _bare_none(problems + improvements):
        return  # text.problems_missing (an error) says so
    both = f"{problems}\n{improvements}"
    if problems and (_NO_PROBLEM.fullmatch(problems) or _chinese_chars(problems) < _CONCRETE_CHARS
                     or not _PROBLEM_WORDS.search(both)):
        yield text_finding("text.problems_vague", WARNING,
                           f"{part_name('problems')}“{quote(problems, 0, len(problems))}”没有写出具体问题："
                           "审查要求写明本年度工作中实际存在的问题（如哪项工作有待加强、哪里不够及时）", "problems")
    elif not problems and not _PROBLEM_WORDS.search(both):
        yield text_finding("text.problems_unnamed", WARNING,
                           f"{SECTION_BY_ID['五'].short}没有写出存在的问题，只写了改进情况", "problems")
    if not improvements and not _IMPROVEMENT_WORDS.search(problems):
        yield text_finding("text.improvements_missing", WARNING,
                           f"{part_name('improvements')}没有写：五应写明上年问题的整改情况和下一步改进措施",
                           "improvements")


def _bare_none(text: str) -> bool:
    return re.fullmatch(r"[\s。.，,；;！!]*(无|没有|暂无)?[\s。.，,；;！!]*", text) is not None


def _chinese_chars(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)

