"""How much of this year's text repeats last year's (check 11), per part and per sentence.

Texts are compared as runs of 8 characters ("shingles"), spaces dropped and digits masked
so that changing 2024 to 2025 hides nothing. ``LastYear`` keeps last year's shingles by
section, made once, so that the window can measure a part on every keystroke; the rule
``cross.text_repeated`` measures whole sections with the same shingles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from gxdesk.model import Report
from gxdesk.schema import TEXT_PART_BY_ID, TEXT_PARTS

# Share of this year's text found verbatim in last year's above which reviewers call it copied;
# shorter texts than the floor are left alone.
REPEAT_LIMIT = 0.5
REPEAT_MIN_CHARS = 40
COMPARED_SECTIONS = ("一", "五")
SHINGLE = 8
_DIGITS = re.compile(r"\d+")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")


def _flat(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


@lru_cache(maxsize=64)
def shingles(text: str) -> frozenset[str]:
    flat = _flat(text)
    return frozenset(flat[i:i + SHINGLE] for i in range(len(flat) - SHINGLE + 1))


def repeated_share(this: str, last: str) -> float:
    """Fraction of this text's 8-character runs that also occur in last year's."""
    mine = shingles(this)
    return len(mine & shingles(last)) / len(mine) if mine else 0.0


def section_text(report: Report, section: str) -> str:
    return "\n".join(report.text.get(p.id, "") for p in TEXT_PARTS if p.section == section)


class Similarity(NamedTuple):
    share: float  # of the part's shingles found in last year's section
    repeated: tuple[tuple[int, int], ...]  # sentences mostly (> REPEAT_LIMIT) as last year's: (start, end)

    @property
    def copied(self) -> bool:
        return self.share > REPEAT_LIMIT


class LastYear:
    """Last year's report, ready to measure this year's parts against."""

    def __init__(self, previous: Report) -> None:
        self.report = previous
        self._sections = {s: shingles(section_text(previous, s)) for s in COMPARED_SECTIONS}

    @staticmethod
    def compares(part: str) -> bool:
        return TEXT_PART_BY_ID[part].section in COMPARED_SECTIONS

    def part(self, part: str, text: str) -> Similarity:
        """This year's ``text`` of ``part`` against last year's whole section (text moved
        between the section's parts is still repeated text)."""
        last = self._sections.get(TEXT_PART_BY_ID[part].section, frozenset())
        mine = shingles(text)
        share = len(mine & last) / len(mine) if mine else 0.0
        repeated = []
        for sentence in _SENTENCE.finditer(text):
            own = shingles(sentence.group())
            if own and len(own & last) / len(own) > REPEAT_LIMIT:
                start, end = sentence.span()
                while start < end and text[start].isspace():
                    start += 1
                repeated.append((start, end))
        return Similarity(share, tuple(repeated))
