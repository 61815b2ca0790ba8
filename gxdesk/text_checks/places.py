"""Where a text finding is: the part's name, the sentence around an offset, quoted stretches.

Every text check reads the same ``Prepared`` copy of a part (cached per text, so
that the checks that run on every keystroke share the work): full-width digits
read as digits, and quoted examples (“本年度未收取信息处理费”) blanked out for
the checks that read statements. Offsets in it are offsets in the typed text.
"""

from __future__ import annotations

import re
from functools import lru_cache, wraps
from typing import Callable, Iterable, Iterator, NamedTuple

from gxdesk.findings import Finding, Severity
from gxdesk.model import Report
from gxdesk.schema import SECTION_BY_ID, TEXT_PART_BY_ID
from gxdesk.text_checks.numerals import FULL_WIDTH_DIGITS

SENTENCE_END = "。！？!?\n"
_QUOTED = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|「[^「」\n]*」|‘[^‘’\n]*’")
BLANK = "\ufffc"  # stands for a quoted character: no pattern matches it
_FULL_WIDTH = "０１２３４５６７８９"


class Prepared(NamedTuple):
    text: str  # the typed text, full-width digits as digits (same length)
    unquoted: str  # the same with quoted stretches blanked (same length)


@lru_cache(maxsize=64)
def prepare(text: str) -> Prepared:
    digits = text.translate(FULL_WIDTH_DIGITS) if any(d in text for d in _FULL_WIDTH) else text
    if not any(q in text for q in "“\"「‘"):
        return Prepared(digits, digits)
    unquoted = _QUOTED.sub(lambda m: m.group(0)[0] + BLANK * (len(m.group(0)) - 2) + m.group(0)[-1], digits)
    return Prepared(digits, unquoted)


def sentence_at(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from after the previous 。！？ or line break to
    the next one (included)."""
    end = start if end is None else end
    begin = max(text.rfind(ch, 0, start) for ch in SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, end) for ch in SENTENCE_END) if i != -1]
    stop = min(ends) + 1 if ends else len(text)
    while begin < stop and text[begin] in " \t\u3000":
        begin += 1
    if text[stop - 1:stop] == "\n":
        stop -= 1
    return begin, stop


def line_at(text: str, offset: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, offset) + 1
    stop = text.find("\n", offset)
    return begin, len(text) if stop == -1 else stop


def quote(text: str, start: int, end: int, limit: int = 30) -> str:
    """A stretch of text as a message quotes it: on one line, and short."""
    flat = " ".join(text[start:end].split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def part_name(part_id: str) -> str:
    """How a message names a text part: 一、总体情况「依申请公开」, 六、其他事项, 前言."""
    part = TEXT_PART_BY_ID[part_id]
    section = SECTION_BY_ID.get(part.section)
    if section is None:
        return part.section
    return f"{section.short}「{part.title}」" if part.title else section.short


def text_finding(rule: str, severity: Severity, message: str, part_id: str,
                 start: int | None = None, end: int | None = None) -> Finding:
    return Finding(rule, severity, message, TEXT_PART_BY_ID[part_id].section, field=part_id, start=start, end=end)


PartCheck = Callable[[str, str, int], Iterable[Finding]]


def per_part(check: PartCheck) -> Callable[[Report], Iterator[Finding]]:
    """A rule from a check of one part's text (part id, text, report year): run on every part
    that has text, its findings kept per text, so that a keystroke re-reads only the part typed in."""
    cached = lru_cache(maxsize=256)(lambda part, text, year: tuple(check(part, text, year)))

    @wraps(check)
    def rule(report: Report) -> Iterator[Finding]:
        for part, text in report.text.items():
            if text and part in TEXT_PART_BY_ID:
                yield from cached(part, text, report.year)

    return rule
