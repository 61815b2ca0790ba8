"""内容雷同: narrative text copied between units, found through an index rather than n² comparisons.

Two units are paired for a section (一, 五, 六) when they share an identical
paragraph, or when over half of one unit's section is found in the other's
(the share reviewers use against last year's text, ``rules.repeated_share``:
8-character runs, digits masked so that changed figures do not hide a copy).

The index maps the runs that start a clause (a sample the text itself
chooses, so a copy keeps it) to the sections holding them; only runs held by
at most ``COMMON_UNITS`` units propose pairs, and only proposed pairs are
counted on every run, so the cost grows with the copying, not with the square
of the units. Wording found in more units
than that is the county's common wording (a prescribed sentence): identical
paragraphs of that kind are listed once as ``CommonWording``, not as pairs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from gxdesk.model import Report
from gxdesk.schema import SECTION_BY_ID, TEXT_PARTS
from gxdesk.text_checks.similarity import REPEAT_LIMIT, REPEAT_MIN_CHARS

SHINGLE = 8
PARAGRAPH_MIN = 20  # characters (spaces left out): shorter paragraphs are formulas (本年度未收取信息处理费。)
COMMON_UNITS = 10
SAMPLE = 4  # text with little punctuation: the index holds one run in four, chosen by hash
SPARSE = 40  # fewer clause marks than one in this many characters: sample by hash instead
PROPOSE = 0.3  # share of sampled runs above which a pair is counted exactly (below the 0.5 limit: samples vary)
# The sections compared, and the text parts each is made of (the preamble is a formula).
SECTION_PARTS: dict[str, tuple[str, ...]] = {
    section: tuple(p.id for p in TEXT_PARTS if p.section == section) for section in ("一", "五", "六")
}
_DIGITS = re.compile(r"\d+")
_CLAUSE = re.compile(r"[，。；：！？、,;:!?]+")


@dataclass(frozen=True)
class SimilarText:
    first: str  # unit names, in the order the units were given
    second: str
    section: str  # 一 / 五 / 六
    share: float  # the larger of: first's section found in second's, second's found in first's
    paragraphs: int  # identical paragraphs the two share in this section
    excerpt: str  # the start of a shared paragraph, or of the first unit's section

    @property
    def message(self) -> str:
        heading = SECTION_BY_ID[self.section].heading
        same = f"，其中 {self.paragraphs} 段完全相同" if self.paragraphs else ""
        return f"{self.first}与{self.second}的「{heading}」约 {self.share:.0%} 相同{same}：“{self.excerpt}”"


@dataclass(frozen=True)
class CommonWording:
    section: str
    units: tuple[str, ...]
    excerpt: str


def flat(text: str) -> str:
    """Text as compared: no spaces or line breaks, every run of digits one mark."""
    return _DIGITS.sub("#", "".join(text.split()))


def _excerpt(text: str, length: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def similar_texts(units: Sequence[tuple[str, Report]]) -> tuple[list[SimilarText], list[CommonWording]]:
    """Pairs of units whose narrative text is copied, most similar first; and the common wording."""
    names = [name for name, _ in units]
    found: list[SimilarText] = []
    common: list[CommonWording] = []
    for section, parts in SECTION_PARTS.items():
        texts = ["\n".join(report.text.get(p, "") for p in parts) for _, report in units]
        flats = [flat(text) for text in texts]
        same = _same_paragraphs(texts)
        shared_paragraphs: dict[tuple[int, int], list[str]] = defaultdict(list)
        for paragraph, holders in same.items():
            if len(holders) > COMMON_UNITS:
                common.append(CommonWording(section, tuple(names[u] for u in holders), _excerpt(paragraph)))
                continue
            for pair in combinations(holders, 2):
                shared_paragraphs[pair].append(paragraph)
        runs: dict[int, set[int]] = {}  # every run of the sections in a proposed pair, counted once
        for first, second in sorted(_candidates(flats) | shared_paragraphs.keys()):
            for unit in (first, second):
                if unit not in runs:
                    runs[unit] = _runs(flats[unit])
            a, b = runs[first], runs[second]
            both = len(a & b)
            share = max(both / len(a), both / len(b)) if a and b else 0.0
            paragraphs = shared_paragraphs.get((first, second), [])
            if paragraphs or share > REPEAT_LIMIT:
                excerpt = _excerpt(paragraphs[0] if paragraphs else texts[first])
                found.append(SimilarText(names[first], names[second], section, share, len(paragraphs), excerpt))
    found.sort(key=lambda s: (-s.share, -s.paragraphs))
    return found, common


def _runs(text: str) -> set[int]:
    """Every 8-character run of a text (as hashes): what a share is counted on."""
    return {hash(text[i:i + SHINGLE]) for i in range(len(text) - SHINGLE + 1)}


def _sample(text: str) -> set[int]:
    """The runs that start a clause (after punctuation): chosen by the text itself, so a copy keeps
    the same ones, and about one run in ten, so the index is cheap. Text with little punctuation
    is sampled by hash instead (one run in ``SAMPLE``)."""
    starts = [m.end() for m in _CLAUSE.finditer(text)]
    if len(starts) * SPARSE < len(text):
        return {h for h in map(hash, (text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1))) if not h % SAMPLE}
    return {hash(text[i:i + SHINGLE]) for i in (0, *starts) if i + SHINGLE <= len(text)}


def _candidates(flats: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs of sections that may be over half the same, through the inverted index of sampled runs.

    Only runs few units hold count (``COMMON_UNITS``), so the work follows the
    copying; a pair whose sampled runs of that kind are shared more than
    ``PROPOSE`` is proposed and then counted exactly on every run.
    """
    samples = [_sample(text) if len(text) >= REPEAT_MIN_CHARS else set() for text in flats]
    index: dict[int, list[int]] = defaultdict(list)
    for unit, sample in enumerate(samples):
        for run in sample:
            index[run].append(unit)
    own = [0] * len(samples)  # each section's sampled runs that few units hold
    shared: Counter[tuple[int, int]] = Counter()
    for holders in index.values():
        if len(holders) <= COMMON_UNITS:
            for unit in holders:
                own[unit] += 1
            if len(holders) > 1:
                shared.update(combinations(holders, 2))
    return {(a, b) for (a, b), count in shared.items() if count > PROPOSE * min(own[a], own[b])}


def _same_paragraphs(texts: Sequence[str]) -> dict[str, list[int]]:
    """Each paragraph long enough to matter (as first written) → the units whose section has it."""
    holders: dict[str, list[int]] = defaultdict(list)
    spelled: dict[str, str] = {}
    for unit, text in enumerate(texts):
        for paragraph in text.split("\n"):
            key = flat(paragraph)
            if len(key) >= PARAGRAPH_MIN and (not holders[key] or holders[key][-1] != unit):
                holders[key].append(unit)
                spelled.setdefault(key, paragraph)
    return {spelled[key]: units for key, units in holders.items() if len(units) > 1}
