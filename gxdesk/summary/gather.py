"""One pass of a 汇总 as the window runs it: from the 汇总 file's contents to a ``Summary``.

The inputs are searched, each file read (or kept from ``known`` when it has
not changed on disk: a changed file is read anew), the roster, last year's
汇总 and the report to compare with loaded, and everything summarised. Unlike
the command line, nothing here stops at the first unusable input: a folder
that has gone or a roster that cannot be read is said in ``notes``, and the
rest goes on. ``progress(done, total)`` is called as files are read; when it
returns True the pass stops early (``Gathered.summary`` is then None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gxdesk.errors import InputError
from gxdesk.summary import file as summary_file
from gxdesk.summary.analyse import Summary, summarise
from gxdesk.summary.sources import Source, find_inputs, read_source, stamp_of

Progress = Callable[[int, int], bool]


@dataclass
class Gathered:
    sources: dict[Path, Source]
    summary: Summary | None
    notes: list[str] = field(default_factory=list)  # inputs that could not be used, one line each
    roster: list[str] | None = None  # the roster used (the file's own, or last year's)


def gather(saved: summary_file.SummaryFile, known: dict[Path, Source] | None = None,
           progress: Progress | None = None) -> Gathered:
    known = known or {}
    notes: list[str] = []
    files: list[Path] = []
    skip = [p for p in (saved.compare_with, saved.last_year) if p is not None]
    for path in saved.inputs:
        try:
            files += [f for f in find_inputs([path], skip=skip) if f not in files]
        except InputError as error:
            notes.append(str(error))
    sources: dict[Path, Source] = {}
    for done, path in enumerate(files):
        if progress is not None and progress(done, len(files)):
            return Gathered(sources, None, notes)
        cached = known.get(path)
        sources[path] = cached if cached is not None and cached.stamp == stamp_of(path) else read_source(path)
    if progress is not None:
        progress(len(files), len(files))

    last_year = _load(saved.last_year, notes) if saved.last_year is not None else None
    roster = list(saved.roster) or (last_year.roster if last_year and last_year.roster else None)
    parent = None
    if saved.compare_with is not None:
        parent = read_source(saved.compare_with)
        if parent.report is None:
            notes.append(f"要比对的本级报告无法读取：{parent.error}")
            parent = None
    result = summarise(list(sources.values()), saved.organ, year=saved.year or None, roster=roster,
                       decisions=saved.decisions, last_year=last_year.figures_by_unit() if last_year else None,
                       parent=parent)
    return Gathered(sources, result, notes, roster)


def _load(path: Path, notes: list[str]) -> summary_file.SummaryFile | None:
    try:
        return summary_file.load(path)
    except InputError as error:
        notes.append(f"上年汇总：{error}")
        return None

