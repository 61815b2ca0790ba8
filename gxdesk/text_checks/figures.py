"""Figures stated in the text against the tables (rule ``text.figure``).

A report's prose repeats its tables: 全年新收政府信息公开申请71件，上年结转4件，办结70件…
Each phrase below ties a figure written in words to the cell (or sum of cells) it
states; a figure the text gives that the table does not hold is flagged, with both
numbers, the sentence and the cell. Precision before recall: a figure is tied only
when the words right before it name the cell (新收…申请71件, 予以公开36件, 行政复议4件),
approximate figures (1,400余条, 约200件) and figures in quotation marks are left
alone, and words that name a figure only in context (办结, 维持, 废止, 自然人) are
tied only where the sentence or paragraph says what they count. Any other number
in the text (条, 篇, 次, 年, %) is not a figure of the tables and is never flagged.

Figures are read as typed: 71, 1,326, 七十一, 1.2万, 两千; amounts in 元 or 万元.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple, Union

from gxdesk.findings import ERROR, Finding
from gxdesk.model import SUM_TERMS, CellKey, Report
from gxdesk.numbers import format_number as fmt
from gxdesk.schema import (
    APPEALS,
    LEGAL_PERSON_GROUP,
    LITIGATION_GROUP,
    OUTCOME_ROW_IDS,
    PROACTIVE,
    REQUEST_COLUMN_IDS,
    REQUESTS,
    REVIEW_GROUP,
    SECTION_BY_ID,
    TEXT_IDS,
    TEXT_PART_BY_ID,
    cell_name,
    row_name,
)
from gxdesk.text_checks.lazy import LazyPattern, lazy
from gxdesk.text_checks.numerals import NUMERAL_RUN, parse_numeral
from gxdesk.text_checks.places import line_at, part_name, prepare, quote, sentence_at

RULE = "text.figure"
R, P, A = REQUESTS.id, PROACTIVE.id, APPEALS.id
Figure = Union[int, Decimal]


# --- What a figure is compared with -------------------------------------------------------


class Target(NamedTuple):
    """The cells a stated figure states: it agrees when it equals the sum of any one ``sums``.

    (NamedTuples, not dataclasses, here: the window imports this at start-up.)"""

    name: str  # for the message, e.g. 三、申请情况「一、本年新收政府信息公开申请数量」「总计」
    sums: tuple[tuple[CellKey, ...], ...]
    amount: bool = False  # a sum in 万元 (二's 行政事业性收费), compared to the places stated
    group: str = ""  # rows of 三 summed: the group's label, for naming one column of them

    @property
    def key(self) -> CellKey:
        """The cell the finding points at: the first one stated."""
        return self.sums[0][0]

    @property
    def of_requests(self) -> bool:
        """Rows of 三 in the 总计 column: what 其中自然人… breaks down by applicant."""
        table, _, column = self.key
        return table == R and column == "total"

    def with_column(self, column: str) -> Target:
        """The same rows of 三 in one applicant column, or the legal-person columns summed."""
        columns = _LEGAL_COLUMNS if column == _LEGAL else (column,)
        sums = tuple(tuple((t, r, c) for t, r, _ in keys for c in columns) for keys in self.sums)
        label = LEGAL_PERSON_GROUP if column == _LEGAL else REQUESTS.column("new", column).label
        if self.group:
            name = f"{_SHORT['三']}「{self.group}」「{label}」各项之和"
        elif column == _LEGAL:
            name = f"{_SHORT['三']}「{row_name(R, self.key[1])}」「{label}」各列之和"
        else:
            name = cell_name(R, self.key[1], column)
        return Target(name, sums)


def _cell(key: CellKey) -> Target:
    return Target(cell_name(*key), ((key,),))


def _rows(rows: tuple[str, ...], group: str) -> Target:
    if len(rows) == 1:
        return _cell((R, rows[0], "total"))
    return Target(f"{_SHORT['三']}「{group}」各项之和", (tuple((R, row, "total") for row in rows),), group=group)


_LEGAL = "legal"
_LEGAL_COLUMNS = tuple(c.id for c in REQUESTS.blocks[0].columns if c.group == LEGAL_PERSON_GROUP)
_SHORT = {s: SECTION_BY_ID[s].short for s in SECTION_BY_ID}


def _spoken(label: str) -> str:
    """A label as running text says it: without its number and its parenthesised note
    （二）部分公开（区分处理的…） → 部分公开; 1.属于国家秘密 → 属于国家秘密."""
    label = re.sub(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)", "", label)
    return re.sub(r"（[^）]*）$", "", label)


# Rows of 三 by their group (（三）不予公开 …), in table order.
_GROUPS: dict[str, tuple[str, ...]] = {}
for _row in OUTCOME_ROW_IDS:
    _groups = REQUESTS.row(_row).groups
    _group = _groups[-1] if len(_groups) > 1 else REQUESTS.row(_row).label
    _GROUPS[_group] = (*_GROUPS.get(_group, ()), _row)

NEW = _cell((R, "new", "total"))
CARRIED_OVER = _cell((R, "carried_over", "total"))
HANDLED = _cell((R, "total", "total"))
CARRIED_FORWARD = _cell((R, "carried_forward", "total"))
# 收到申请 N 件 may count last year's carried-over ones too.
RECEIVED = Target(NEW.name, (NEW.sums[0], NEW.sums[0] + CARRIED_OVER.sums[0]))
GROUP_TARGETS = {_spoken(group): _rows(rows, group) for group, rows in _GROUPS.items()}
ITEM_TARGETS = {_spoken(REQUESTS.row(row).label): _cell((R, row, "total"))
                for rows in _GROUPS.values() if len(rows) > 1 for row in rows}

REVIEW = _cell((A, "review", "total"))
_LITIGATION_ROWS = ("litigation_direct", "litigation_after_review")
LITIGATION = Target(f"{_SHORT['四']}「{LITIGATION_GROUP}」两项「总计」之和",
                    (tuple((A, row, "total") for row in _LITIGATION_ROWS),))
APPEAL_TOPICS: dict[str, tuple[str, ...]] = {
    "review": ("review",), "litigation": _LITIGATION_ROWS,
    "litigation_direct": ("litigation_direct",), "litigation_after_review": ("litigation_after_review",),
}


def appeal_target(topic: str, column: str) -> Target:
    rows = APPEAL_TOPICS[topic]
    if len(rows) == 1:
        return _cell((A, rows[0], column))
    label = APPEALS.column(rows[0], column).label
    return Target(f"{_SHORT['四']}「{LITIGATION_GROUP}」两项「{label}」之和", (tuple((A, r, column) for r in rows),))


FEES = Target(cell_name(P, "fees", "amount"), (((P, "fees", "amount"),),), amount=True)
UNPAID_FEE = _cell((R, "other_no_fee", "total"))

# --- Words -------------------------------------------------------------------------------

_RULES_LABEL = PROACTIVE.row("rules").label
_DOCUMENTS = rf"(?:{_RULES_LABEL}|(?:行政)?规范性文件)"
_FILL = r"(?:\s|的|了|共计|共|合计|总计|累计|达到|达|为|计)*"
_APPLICATION = r"(?:政府信息公开|信息公开|依申请公开)"
_COUNT_UNIT = r"(?:件|宗|起|个)"
_DOC_UNIT = r"(?:件|份|个|部)"
_NOT_AFTER_UNIT = r"(?![次事套])"
# An approximate figure: 约/近/超过… before it, 余/多 inside it, 以上/左右 after it.
_APPROX_BEFORE = lazy(r"(约|近|逾|超过|不到|不足|不少于|大约|将近)\s*$")
_APPROX_AFTER = lazy(r"^\s*(以上|左右|以下|之多)")
# Where 办结, 予以公开, 其中… count applications for information: the paragraph says so.
_APPLICATION_TOPIC = lazy(r"信息公开申请|公开申请|依申请公开|申请公开")
_PARENS = lazy(r"[（(][^（）()]*[）)]")
_APPEAL_TOPIC = lazy(
    rf"(?P<litigation_after_review>复议后(?:提起|起诉))|(?P<litigation_direct>直接(?:提起|起诉))"
    rf"|(?P<litigation>{LITIGATION_GROUP}|诉讼|起诉)|(?P<review>{REVIEW_GROUP}|复议)")
_DOCUMENT_TOPIC = lazy(rf"(?P<rules>{_RULES_LABEL})|(?P<normative_documents>规范性文件)")


class Kind(NamedTuple):
    """How a phrase finds its target: fixed, or from what the sentence is about."""

    target: Target | None = None
    applications: bool = False  # only in a paragraph about applications for information
    applicant: str = ""  # an applicant column of the last 三 figure in the sentence
    appeal_column: str = ""  # a column of 四, of the 复议/诉讼 the sentence is about
    document_column: str = ""  # a column of 二, of 规章/规范性文件 the sentence is about
    year_of_carry: bool = False  # 结转至2026年: only when that is the next year
    zero: bool = False  # a negation: 未收到…申请, 无行政处罚 state a 0


class Phrase(NamedTuple):
    words: str  # a regex: the words before the figure (or the whole negation)
    kind: Kind
    unit: str = _COUNT_UNIT
    after: bool = False  # the figure comes first: 36件予以公开


def _applicant_phrases() -> Iterator[Phrase]:
    for column in REQUESTS.blocks[0].columns:
        if column.id in REQUEST_COLUMN_IDS and (column.group != LEGAL_PERSON_GROUP or len(column.label) > 2):
            yield Phrase(rf"{re.escape(column.label)}(?:提出|的)?(?:申请)?", Kind(applicant=column.id))
    yield Phrase(rf"{re.escape(LEGAL_PERSON_GROUP)}(?:提出|的)?(?:申请)?", Kind(applicant=_LEGAL))


def _outcome_phrases() -> Iterator[Phrase]:
    synonyms = {"予以公开": r"(?<![不未])(?:予以公开|同意公开|全部公开)"}
    for name, target in GROUP_TARGETS.items():
        words = synonyms.get(name, re.escape(name))
        yield Phrase(rf"{words}(?:的)?(?:申请)?", Kind(target, applications=True))
        yield Phrase(rf"(?:申请)?{words}", Kind(target, applications=True), after=True)
    for name, target in ITEM_TARGETS.items():
        if len(name) < 4 or "、" in name:
            continue  # 3.其他 is no phrase; the long 其他处理 items are matched below
        shorter = re.sub(r"^(属于|本机关)", "", name)
        words = "|".join(re.escape(n) for n in dict.fromkeys((name, shorter)))
        yield Phrase(rf"(?:{words})(?:的)?(?:申请)?", Kind(target, applications=True))


def _other_item(row: str) -> str:
    """The first clause of a 三（六） item as text says it: 逾期未按收费通知要求缴纳费用."""
    first = _spoken(REQUESTS.row(row).label).split("、")[0]
    return re.escape(re.sub(r"^申请人", "", first))


def _phrases() -> list[Phrase]:
    received = rf"(?<![未没])(?:收到|受理|接收|接到){_APPLICATION}(?:的)?申请"
    new = rf"(?:新收|新受理|新接收)(?:到)?(?:各类)?{_APPLICATION}?(?:的)?申请"
    decisions = {row: PROACTIVE.row(row).label for row in ("licensing", "penalty", "coercion")}
    listed = "|".join(re.escape(label) for label in (*decisions.values(), REVIEW_GROUP, LITIGATION_GROUP))
    phrases = [
        Phrase(new, Kind(NEW)),
        Phrase(r"新收", Kind(NEW, applications=True)),
        Phrase(received, Kind(RECEIVED)),
        Phrase(rf"上一?年度?结转(?:至本年度?|到本年度?)?(?:的)?{_APPLICATION}?(?:申请)?", Kind(CARRIED_OVER)),
        Phrase(rf"(?:办结|办理完毕|办理完结|作出答复|予以答复|答复){_APPLICATION}?(?:申请)?",
               Kind(HANDLED, applications=True)),
        Phrase(r"结转(?:至|到)?(?:下一?年度?|\d{4}\s*年度?)(?:继续办理)?(?:的)?(?:申请)?",
               Kind(CARRIED_FORWARD, year_of_carry=True)),
        *_outcome_phrases(),
        *_applicant_phrases(),
        Phrase(rf"{_other_item('other_no_fee')}[^，。；、\d]{{0,20}}?", Kind(UNPAID_FEE)),
        # 四
        Phrase(rf"{re.escape(REVIEW_GROUP)}(?:案件|申请)?", Kind(REVIEW)),
        Phrase(rf"{re.escape(LITIGATION_GROUP)}(?:案件)?", Kind(LITIGATION)),
        Phrase(rf"(?:未经复议)?直接(?:提起|起诉)(?:{LITIGATION_GROUP})?(?:案件)?",
               Kind(_cell((A, "litigation_direct", "total")))),
        Phrase(rf"复议后(?:提起|起诉)(?:{LITIGATION_GROUP})?(?:案件)?",
               Kind(_cell((A, "litigation_after_review", "total")))),
        Phrase(r"(?:结果)?维持(?:原(?:具体)?行政行为|原决定)?", Kind(appeal_column="upheld")),
        Phrase(r"(?:结果)?纠正|被纠错|纠错", Kind(appeal_column="corrected")),
        Phrase(APPEALS.column("review", "other").label, Kind(appeal_column="other")),
        Phrase(rf"{APPEALS.column('review', 'pending').label}|正在审理|审理中", Kind(appeal_column="pending")),
        # 二
        *(Phrase(rf"(?:{verb})(?:了)?{_DOCUMENTS}", Kind(document_column=column), unit=_DOC_UNIT)
          for verb, column in (("制发|制定|出台|印发", "issued"), ("废止", "repealed"), ("现行有效", "in_force"))),
        *(Phrase(words, Kind(document_column=column), unit=_DOC_UNIT)
          for words, column in (("本年制发|制发", "issued"), ("废止", "repealed"), ("现行有效", "in_force"))),
        *(Phrase(rf"{re.escape(label)}(?:决定|处理决定|案件)?", Kind(_cell((P, row, "count"))))
          for row, label in decisions.items()),
        Phrase(rf"{re.escape(PROACTIVE.row('fees').label)}(?:金额|收费金额)?", Kind(FEES), unit=r"(?:万元|元)"),
        # Negations: the figure they state is 0.
        Phrase(rf"(?:未|没有)(?:收到|接到|受理|新收)(?:任何)?(?:形式的)?(?:相关的?)?{_APPLICATION}(?:的)?(?:申请|事项)",
               Kind(NEW, zero=True)),
        Phrase(rf"无{_APPLICATION}申请|无依申请公开(?:相关内容|事项|情况|工作)?", Kind(NEW, zero=True)),
        Phrase(r"(?:无|没有)上一?年度?结转|上一?年度?无结转", Kind(CARRIED_OVER, zero=True)),
        Phrase(r"(?:无|没有)结转(?:至|到)?下一?年度?", Kind(CARRIED_FORWARD, zero=True)),
        Phrase(rf"未(?:制发|制定|出台|印发){_DOCUMENTS}", Kind(document_column="issued", zero=True)),
        Phrase(rf"(?:未(?:发生|出现|产生|收到|作出|办理)?|无|没有)(?:因?政府信息公开(?:工作)?(?:引起|引发|提起|而引起)?的?)?"
               rf"(?:政府信息公开)?(?:{listed})(?:(?:和|、|及|与|或|以及)(?:{listed}))*"
               rf"(?=案件|情况|事项|决定|等|的?情形|[，。；、\s]|$)", Kind(zero=True)),
    ]
    return phrases


PHRASES = _phrases()
# A figure of the tables is a number with a unit (件, 万元 …). The figures of a part are found
# first, in one cheap pass; then, for each, the words just before it (or after it) that name
# a cell. Negations (未收到…申请) have no figure: a
# pass of their own, which starts only where a negation does.
_UNITS = "|".join(dict.fromkeys(u for p in PHRASES for u in p.unit.strip("(?:)").split("|")))
_FIGURE = lazy(rf"(?P<n>{NUMERAL_RUN})\s*(?P<a>余|多)?\s*(?P<u>{_UNITS}){_NOT_AFTER_UNIT}")
_REACH = 40  # the words naming a figure end right before it, and start at most this far back


class _Alternatives(NamedTuple):
    """Phrases as one regex: alternative k is capturing group k + 1 (the words hold no other
    capturing group), so a match's ``lastindex`` names its phrase without building a dict.
    (One pattern searched, not a group-free copy to search and this one to tell which: each
    copy costs ~5 ms to compile in every process, the groups only ~0.5 ms a check of the sample.)"""

    pattern: str
    phrases: tuple[int, ...]  # by group number - 1: the index into PHRASES

    @classmethod
    def of(cls, form: Callable[[Phrase], bool]) -> _Alternatives:
        chosen = tuple(i for i, p in enumerate(PHRASES) if form(p))
        return cls("|".join(f"({PHRASES[i].words})" for i in chosen), chosen)

    def phrase(self, match: re.Match[str]) -> int:
        return self.phrases[(match.lastindex or 1) - 1]


_BEFORE = _Alternatives.of(lambda p: not (p.after or p.kind.zero))
_AFTER = _Alternatives.of(lambda p: p.after)
_NEGATIONS = _Alternatives.of(lambda p: p.kind.zero)
_WORDS_BEFORE = lazy(rf"(?:{_BEFORE.pattern}){_FILL}\Z")
_WORDS_AFTER = lazy(rf"{_FILL}(?:{_AFTER.pattern})")
_ZEROS = lazy(rf"(?=[未没无上])(?:{_NEGATIONS.pattern})")
_LISTED = {label: (_cell((P, row, "count")),)
           for row, label in ((r, PROACTIVE.row(r).label) for r in ("licensing", "penalty", "coercion"))}
_LISTED[REVIEW_GROUP] = (REVIEW,)
_LISTED[LITIGATION_GROUP] = (LITIGATION,)
_LISTED_WORD = lazy("|".join(map(re.escape, _LISTED)))


# --- Reading the figures of a part ----------------------------------------------------------


class Stated(NamedTuple):
    """A figure the text states, and where."""

    start: int
    end: int
    sentence: tuple[int, int]
    target: Target
    value: Figure
    places: int | None = None  # an amount: the decimal places written (1.3万元 → 1)


class Hit(NamedTuple):
    """Words that name a cell, with the figure they name (none for a negation)."""

    start: int
    end: int
    phrase: int  # index into PHRASES
    figure: re.Match[str] | None


@lru_cache(maxsize=256)
def stated_figures(text: str, year: int) -> tuple[Stated, ...]:
    """Every figure ``text`` states about the tables of a report for ``year``, in order."""
    prepared = prepare(text)
    found: list[Stated] = []
    last_rows: dict[tuple[int, int], Target] = {}  # per sentence: the last 三 figure, for 其中自然人…
    for hit in _hits(prepared.unquoted):
        sentence = sentence_at(prepared.text, hit.start, hit.end)
        for stated in _resolve(prepared.text, hit, sentence, year, last_rows.get(sentence)):
            found.append(stated)
            if stated.target.of_requests:
                last_rows[sentence] = stated.target
    return tuple(found)


def _hits(text: str) -> list[Hit]:
    """Every phrase of the part in reading order: for each figure, the words before it that
    name it (the longest such), else the words after it (36件予以公开); then the negations."""
    hits = []
    for figure in _FIGURE.finditer(text):
        # (No phrase holds punctuation: the words never reach back past the clause.)
        before = _WORDS_BEFORE.search(text, max(0, figure.start() - _REACH), figure.start())
        if before is not None:
            hits.append(Hit(before.start(), figure.end(), _BEFORE.phrase(before), figure))
            continue
        after = _WORDS_AFTER.match(text, figure.end())
        if after is not None:
            hits.append(Hit(figure.start(), after.end(), _AFTER.phrase(after), figure))
    if any(ch in text for ch in "未没无"):
        hits += (Hit(m.start(), m.end(), _NEGATIONS.phrase(m), None) for m in _ZEROS.finditer(text))
        hits.sort()
    return hits


def _resolve(text: str, hit: Hit, sentence: tuple[int, int], year: int, last_row: Target | None) -> Iterator[Stated]:
    phrase = PHRASES[hit.phrase]
    kind, start, end = phrase.kind, hit.start, hit.end
    if kind.applications and not _APPLICATION_TOPIC.search(text, line_at(text, start)[0], end):
        return
    if hit.figure is None:
        yield from _zeros(text, start, end, phrase, sentence)
        return
    figure = hit.figure
    number, unit = figure.group("n"), figure.group("u")
    if not re.fullmatch(phrase.unit, unit):
        return
    if figure.group("a") or _APPROX_BEFORE.search(text[max(sentence[0], figure.start() - 5):figure.start()]) \
            or _APPROX_AFTER.match(text[figure.end():figure.end() + 4]) or _joined(text, start, sentence):
        return
    value = parse_numeral(number)
    if value is None:
        return
    target = kind.target
    if kind.year_of_carry:
        carried_to = re.search(r"\d{4}", text[start:figure.start()])
        if carried_to and int(carried_to.group()) != year + 1:
            return
    if kind.applicant:
        if last_row is None:
            return  # 自然人58件 of what? Only after a figure of 三 in the same sentence.
        target = last_row.with_column(kind.applicant)
    elif kind.appeal_column:
        topic = _topic(_APPEAL_TOPIC, text, sentence[0], start)
        if topic is None:
            return
        target = appeal_target(topic, kind.appeal_column)
    elif kind.document_column:
        row = _topic(_DOCUMENT_TOPIC, text, sentence[0], end)
        if row is None:
            return
        target = _cell((P, row, kind.document_column))
    if target is None:
        return
    if not target.amount:
        if isinstance(value, int):  # a count written with decimals (1.5件) is no count
            yield Stated(start, end, sentence, target, value)
        return
    # An amount, compared in 万元 to as many places as the text gives: 1.3万元 agrees with 1.26.
    written = "".join(number.split())
    in_wan = written.endswith("万") or unit == "万元"
    decimals = len(written.rstrip("万").partition(".")[2])
    yuan = Decimal(value) * (10_000 if unit == "万元" else 1)
    yield Stated(start, end, sentence, target, yuan / 10_000, decimals + (0 if in_wan else 4))


def _zeros(text: str, start: int, end: int, phrase: Phrase, sentence: tuple[int, int]) -> Iterator[Stated]:
    if phrase.kind.target is not None:
        yield Stated(start, end, sentence, phrase.kind.target, 0)
    elif phrase.kind.document_column:
        row = _topic(_DOCUMENT_TOPIC, text, start, end)
        if row is not None:
            yield Stated(start, end, sentence, _cell((P, row, phrase.kind.document_column)), 0)
    else:
        for word in _LISTED_WORD.finditer(text, start, end):
            for target in _LISTED[word.group()]:
                yield Stated(start, end, sentence, target, 0)


def _topic(pattern: LazyPattern, text: str, start: int, end: int) -> str | None:
    """What the sentence is about at ``end``: the last topic word before it, skipping
    parenthesised asides (行政诉讼3件（直接起诉2件、复议后起诉1件），其中维持1件 → 行政诉讼)."""
    before = text[start:end]
    while True:
        shorter = _PARENS.sub("", before)
        if shorter == before:
            break
        before = shorter
    topics = [m.lastgroup for m in pattern.finditer(before)]
    return topics[-1] if topics else None


_CONJUNCTION = lazy(r"(和|、|及|与|或|以及)\s*$")


def _joined(text: str, start: int, sentence: tuple[int, int]) -> bool:
    """行政处罚和行政强制案件213件: the figure counts both, and is no one cell's."""
    before = text[sentence[0]:start]
    joined = _CONJUNCTION.search(before)
    return joined is not None and _LISTED_WORD.search(before[:joined.start()][-8:]) is not None


# --- The rule -------------------------------------------------------------------------------


def _actual(report: Report, keys: tuple[CellKey, ...], blanks: bool) -> Figure | None:
    total: Figure = 0
    for key in keys:
        if blanks and key not in report.cells and any(report.cells[t] is None for t in SUM_TERMS[key]):
            return None  # a total over a blank cell is no figure yet
        value = report.value(*key)
        if value is None or isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return None  # a blank or broken cell: the value rules speak about it
        total += value
    return total


def _agrees(stated: Stated, actual: Figure) -> bool:
    if stated.places is not None and isinstance(actual, Decimal):
        return actual.quantize(Decimal(1).scaleb(-stated.places), ROUND_HALF_UP) == stated.value
    return actual == stated.value


def mismatches(report: Report, part: str) -> Iterator[tuple[Stated, Figure]]:
    """The figures of one part that contradict the table, with the table's figure."""
    figures = stated_figures(report.text.get(part, ""), report.year)
    blanks = bool(figures) and any(v is None for v in report.cells.values())
    for stated in figures:
        actuals = [_actual(report, keys, blanks) for keys in stated.target.sums]
        if any(a is None for a in actuals):
            continue
        if not any(_agrees(stated, a) for a in actuals if a is not None):
            first = actuals[0]
            assert first is not None
            yield stated, first


def figures_agree(report: Report) -> Iterator[Finding]:
    """Rule ``text.figure``: one finding per sentence whose figures contradict the tables."""
    for part in TEXT_IDS:
        text = report.text.get(part, "")
        if not text:
            continue
        by_sentence: dict[tuple[int, int], list[tuple[Stated, Figure]]] = {}
        for stated, actual in mismatches(report, part):
            by_sentence.setdefault(stated.sentence, []).append((stated, actual))
        for (start, end), wrong in by_sentence.items():
            said = "；".join(f"写“{quote(text, s.start, s.end)}”，{s.target.name}为 {fmt(a)}" for s, a in wrong)
            first = wrong[0][0].target
            yield Finding(RULE, ERROR, f"{part_name(part)}与表格不一致：{said}",
                          TEXT_PART_BY_ID[part].section, *first.key, field=part, start=start, end=end)

