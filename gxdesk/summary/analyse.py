"""Everything a 汇总 says, from the files read: ``summarise(sources, organ, …) -> Summary``.

Per unit: which file counts, its status (已报 / 有提醒 / 有错误 / 未报) and its
findings — every rule of ``rules.check`` (against last year's figures when
they are known), what the import found, and the 汇总's own: two files that
disagree, a report of another year, a file that cannot be read, a unit not
on the roster, text copied from another unit, figures equal to last year's.
Across units: who is missing and unexpected, the copied-text pairs, the sum
(``merge.merge``) and, when an aggregated report already exists, every cell
where it differs from the sum.

What counts in the sum: each unit's one report of the 汇总's year. A unit
with two reports whose figures differ counts only once the user has chosen
one (``decisions``, or ``use_newer``); a unit not on the roster counts (its
figures are real; the roster may be out of date) and is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from gxdesk import rules
from gxdesk.merge import merge
from gxdesk.model import ENTERED_KEYS, CellKey, Report, Value
from gxdesk.numbers import format_number
from gxdesk.rules import ERROR, META_SECTION, WARNING, Finding
from gxdesk.schema import PROACTIVE, SECTION_BY_ID, cell_name
from gxdesk.summary.identity import unit_key
from gxdesk.summary.similar import CommonWording, SimilarText, similar_texts
from gxdesk.summary.sources import Source

# A table is called copied from last year only with this many non-zero figures that change
# every year (现行有效件数 may rightly stay; a unit with no requests rightly repeats zeros).
COPIED_MIN_FIGURES = 3
_STANDING = frozenset((PROACTIVE.id, row, "in_force") for row in ("rules", "normative_documents"))


class Status(str, Enum):
    REPORTED = "已报"
    WARNINGS = "有提醒"
    ERRORS = "有错误"
    MISSING = "未报"


@dataclass
class Unit:
    key: str
    name: str  # as the roster spells it, else as the report does
    sources: list[Source] = field(default_factory=list)  # every file found for it
    used: Source | None = None  # the file whose figures count in the sum
    findings: list[Finding] = field(default_factory=list)
    on_roster: bool = False

    @property
    def status(self) -> Status:
        if not self.sources:
            return Status.MISSING
        if any(f.severity is ERROR for f in self.findings):
            return Status.ERRORS
        return Status.WARNINGS if self.findings else Status.REPORTED

    @property
    def errors(self) -> int:
        return sum(f.severity is ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def counted(self) -> bool:
        return self.used is not None

    @property
    def readable(self) -> bool:
        """A report was read for it (else only files that cannot be read name it)."""
        return any(s.report is not None for s in self.sources)


@dataclass(frozen=True)
class Duplicate:
    unit: str
    files: tuple[Path, ...]
    used: Path | None  # None: not counted until the user chooses
    same: bool  # the files' figures are the same: no choice is needed


@dataclass(frozen=True)
class OtherYear:
    unit: str
    path: Path
    year: int


@dataclass(frozen=True)
class Difference:
    key: CellKey
    stated: Value  # in the existing aggregated report
    summed: Value  # the units' sum

    @property
    def message(self) -> str:
        gap = ""
        if self.stated is not None and self.summed is not None:
            gap = f"，相差 {format_number(abs(self.stated - self.summed))}"
        return (f"{cell_name(*self.key)}：本级报告 {format_number(self.stated)}，"
                f"各单位合计 {format_number(self.summed)}{gap}")


@dataclass
class Summary:
    organ: str
    year: int
    units: list[Unit]
    merged: Report | None  # None when no unit counts
    parent: Source | None = None  # the existing aggregated report compared with the sum
    roster: bool = False  # whether a roster was given (so missing / unexpected mean something)
    duplicates: list[Duplicate] = field(default_factory=list)
    other_year: list[OtherYear] = field(default_factory=list)
    similar: list[SimilarText] = field(default_factory=list)
    common: list[CommonWording] = field(default_factory=list)
    same_as_last_year: list[str] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)

    @property
    def counted(self) -> list[Unit]:
        return [u for u in self.units if u.counted]

    @property
    def missing(self) -> list[str]:
        return [u.name for u in self.units if not u.sources]

    @property
    def unexpected(self) -> list[str]:
        return [u.name for u in self.units if self.roster and u.readable and not u.on_roster]

    @property
    def needs_attention(self) -> bool:
        """Anything the office must look at: what makes ``gxdesk merge`` exit 1."""
        aggregate = rules.check(self.merged) if self.merged is not None else []
        return bool(
            any(u.errors or not u.sources for u in self.units) or self.unexpected
            or any(not d.same for d in self.duplicates) or self.similar
            or self.same_as_last_year or self.differences
            or any(f.severity is ERROR and f.table for f in aggregate)
        )


def summarise(
    sources: Sequence[Source],
    organ: str,
    *,
    year: int | None = None,
    roster: Sequence[str] | None = None,
    decisions: Mapping[str, Path] | None = None,
    use_newer: bool = False,
    last_year: Mapping[str, Report] | None = None,
    parent: Source | None = None,
) -> Summary:
    """``decisions``: unit key → the file to use when a unit sent several; ``last_year``: unit key →
    last year's figures (from last year's 汇总 file); ``parent``: an existing aggregated report."""
    organ = organ.strip()
    own = unit_key(organ)
    # The aggregating body's own report among the inputs is the aggregate to compare, not a unit.
    own_reports = [s for s in sources if own and s.report is not None and s.key == own]
    units_sources = [s for s in sources if not (own and s.report is not None and s.key == own)]
    if parent is None:
        parent = _newest(own_reports)
    year = year or _usual_year(units_sources)
    units = _group(units_sources, roster or ())
    summary = Summary(organ, year, units, None, parent, roster=roster is not None)
    for unit in units:
        _choose(unit, summary, decisions or {}, use_newer)
        if unit.used is not None:
            _check(unit, summary, (last_year or {}).get(unit.key))
        if roster is not None and unit.readable and not unit.on_roster:
            unit.findings.append(Finding("summary.unexpected", WARNING,
                                         f"“{unit.name}”不在单位名单中；已计入合计，请核对名称或更新名单",
                                         META_SECTION))
    counted = summary.counted
    _similar(summary, counted)
    for unit in units:
        unit.findings.sort(key=lambda f: f.severity is not ERROR)
    if counted:
        summary.merged = merge([u.used.report for u in counted if u.used and u.used.report], organ,
                               [u.name for u in counted])
        summary.merged.year = year
        if parent is not None and parent.report is not None:
            summary.differences = [Difference(k, parent.report.cells[k], summary.merged.cells[k])
                                   for k in ENTERED_KEYS if parent.report.cells[k] != summary.merged.cells[k]]
    return summary


def _newest(sources: Sequence[Source]) -> Source | None:
    return max(sources, key=lambda s: s.stamp or (0, 0, 0), default=None)


def _usual_year(sources: Sequence[Source]) -> int:
    """The year most reports are for (the later one on a tie)."""
    years = Counter(s.report.year for s in sources if s.report is not None)
    if not years:
        return 0
    return max(years, key=lambda y: (years[y], y))


def _group(sources: Sequence[Source], roster: Sequence[str]) -> list[Unit]:
    """One unit per key: the roster's first, in its order, then the others as found."""
    units: dict[str, Unit] = {}
    for name in roster:
        key = unit_key(name)
        if key and key not in units:
            units[key] = Unit(key, name.strip(), on_roster=True)
    for source in sources:
        unit = units.setdefault(source.key, Unit(source.key, source.name))
        if not unit.on_roster and unit.sources and unit.sources[0].report is None and source.report is not None:
            unit.name = source.name  # the report spells the name better than a file that cannot be read
        unit.sources.append(source)
    return list(units.values())


def _choose(unit: Unit, summary: Summary, decisions: Mapping[str, Path], use_newer: bool) -> None:
    """Which of the unit's files counts, and what to say about the others."""
    readable = [s for s in unit.sources if s.report is not None]
    current = [s for s in readable if s.year == summary.year]
    for source in readable:
        if source.year != summary.year:
            summary.other_year.append(OtherYear(unit.name, source.path, source.report.year))  # type: ignore[union-attr]
    for source in unit.sources:
        if source.report is None:
            unit.findings.append(Finding("summary.unreadable", WARNING if current else ERROR,
                                         f"无法读取：{source.error}", META_SECTION))
    if len(current) == 1:
        unit.used = current[0]
    elif len(current) > 1:
        _duplicate(unit, current, summary, decisions, use_newer)
    elif readable:
        years = "、".join(f"{s.path.name}（{s.year} 年度）" for s in readable)
        unit.findings.append(Finding("summary.other_year", ERROR,
                                     f"收到的是其他年度的报告：{years}；本次汇总 {summary.year} 年度，未计入合计",
                                     META_SECTION, field="year"))


def _duplicate(unit: Unit, current: list[Source], summary: Summary,
               decisions: Mapping[str, Path], use_newer: bool) -> None:
    newest = _newest(current)
    assert newest is not None and newest.report is not None
    files = tuple(s.path for s in current)
    names = "、".join(p.name for p in files)
    if all(s.report is not None and s.report.cells == newest.report.cells for s in current):
        unit.used = newest
        summary.duplicates.append(Duplicate(unit.name, files, newest.path, same=True))
        unit.findings.append(Finding("summary.duplicate", WARNING,
                                     f"收到 {len(current)} 份报告（{names}），统计数字相同，按一份计入", META_SECTION))
        return
    chosen = decisions.get(unit.key)
    unit.used = next((s for s in current if chosen is not None and s.path == chosen), None)
    if unit.used is None and use_newer:
        unit.used = newest
    summary.duplicates.append(Duplicate(unit.name, files, unit.used.path if unit.used else None, same=False))
    if unit.used is None:
        unit.findings.append(Finding("summary.duplicate", ERROR,
                                     f"收到 {len(current)} 份统计数字不同的报告（{names}），"
                                     f"较新的是 {newest.path.name}；请选定使用哪一份，选定前不计入合计", META_SECTION))
    else:
        unit.findings.append(Finding("summary.duplicate", WARNING,
                                     f"收到 {len(current)} 份报告（{names}），按选定使用 {unit.used.path.name}",
                                     META_SECTION))


def _check(unit: Unit, summary: Summary, recorded: Report | None) -> None:
    """The unit's own findings: what the import found, every rule, and a table copied from last year."""
    used = unit.used
    assert used is not None and used.report is not None
    report = used.report
    previous = used.previous or recorded
    if previous is not None and previous.year != report.year - 1:
        previous = None
    unit.findings += [*used.findings, *rules.check(report, previous)]
    if previous is not None and _copied_table(report, previous):
        summary.same_as_last_year.append(unit.name)
        unit.findings.append(Finding("summary.same_as_last_year", WARNING,
                                     f"统计数字与上年（{previous.year} 年度）完全相同，可能照抄了上年的表格，请核对",
                                     META_SECTION))


def _copied_table(report: Report, previous: Report) -> bool:
    if report.cells != previous.cells:
        return False
    changing = sum(1 for key, value in report.cells.items() if value and key not in _STANDING)
    return changing >= COPIED_MIN_FIGURES


def _similar(summary: Summary, counted: list[Unit]) -> None:
    reports = [(u.name, u.used.report) for u in counted if u.used and u.used.report]
    summary.similar, summary.common = similar_texts(reports)
    by_name = {u.name: u for u in counted}
    for pair in summary.similar:
        for me, other in ((pair.first, pair.second), (pair.second, pair.first)):
            by_name[me].findings.append(Finding(
                "summary.similar_text", WARNING,
                f"「{SECTION_BY_ID[pair.section].heading}」与{other}的约 {pair.share:.0%} 相同"
                + (f"（{pair.paragraphs} 段完全相同）" if pair.paragraphs else "") + "，可能互相照搬",
                pair.section))
