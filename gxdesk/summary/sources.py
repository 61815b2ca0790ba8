"""The inputs of a 汇总: each unit's file as read, and the folders searched for them.

A ``.gxr`` is loaded as it is; a report as published (.docx, .pdf, .html,
.txt/.md) is read through the importer, and what the import found is kept
with it (printed totals that disagree, parts not found). A file that cannot
be read is kept too, with its one-line reason: the office must chase it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gxdesk import gxr, importer
from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.rules import META_SECTION, WARNING, Finding
from gxdesk.summary.identity import unit_key

# What a folder is searched for: our own files and every kind the importer reads (PDF included).
SUFFIXES: tuple[str, ...] = tuple(dict.fromkeys((gxr.SUFFIX, *importer.SUFFIXES)))
KINDS = "、".join(SUFFIXES)
MAX_FILES = 20_000  # a folder tree with more is not a year's reports (the user chose a drive)

Stamp = tuple[int, int, int]  # mtime_ns, size, inode: a file rewritten or replaced reads anew


@dataclass(frozen=True)
class Source:
    path: Path
    stamp: Stamp | None
    report: Report | None  # None: unreadable, see error
    findings: tuple[Finding, ...] = ()  # what the import found (printed totals, parts not found)
    error: str = ""
    imported: bool = False  # read from a published report rather than a .gxr
    # Last year's report the file itself carries (a .gxr's "previous");
    # else the previous year's 汇总 file has them (``analyse``).
    previous: Report | None = None

    @property
    def name(self) -> str:
        """The organ as the report gives it, else what the file name says."""
        if self.report is not None and self.report.organ:
            return self.report.organ
        return self.path.stem

    @property
    def key(self) -> str:
        return unit_key(self.name) or unit_key(self.path.stem) or self.path.name

    @property
    def year(self) -> int | None:
        return self.report.year if self.report is not None else None


def stamp_of(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def is_input(path: Path) -> bool:
    name = path.name
    # Hidden files, Word's lock files (~$x.docx) and our own temporary files are not reports.
    return path.suffix.lower() in SUFFIXES and not name.startswith((".", "~$"))


def find_inputs(paths: Iterable[Path], skip: Iterable[Path] = ()) -> list[Path]:
    """The files given, and every report file in the folders given (searched down), in order.

    A path that does not exist, or a file of a kind that cannot be a report,
    is unusable input (``InputError``); ``skip`` (the outputs) is left out.
    """
    skipped = {_resolved(p) for p in skip}
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for file in _walk(path):
                if _resolved(file) not in skipped:
                    found.setdefault(file)
        elif path.is_file():
            if not is_input(path):
                raise InputError(f"“{path.name}”不是可汇总的报告文件；可汇总 {KINDS} 文件或文件夹")
            if _resolved(path) not in skipped:
                found.setdefault(path)
        elif path.exists():
            raise InputError(f"“{path}”不是普通文件（可能是管道或设备），无法读取")
        else:
            raise InputError(f"找不到“{path}”")
        if len(found) > MAX_FILES:
            raise InputError(f"“{path}”中的文件超过 {MAX_FILES:,} 个，请选择存放报告的文件夹")
    return list(found)


def _walk(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [Path(root) / n for n in sorted(names) if is_input(Path(n))]
        if len(files) > MAX_FILES:
            break
    return files


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return path.absolute()


def read_source(path: Path) -> Source:
    """The file as read; never raises for a file that cannot be used (``error`` says why)."""
    stamp = stamp_of(path)
    try:
        if path.suffix.lower() == gxr.SUFFIX:
            report = gxr.load(path)
            return Source(path, stamp, report, previous=report.previous)
        result = importer.import_file(path)
    except InputError as error:
        return Source(path, stamp, None, error=str(error))
    except Exception as error:  # one unreadable file must not stop the other units' 汇总
        return Source(path, stamp, None, error=f"“{path.name}”无法读取（{type(error).__name__}）")
    missing = tuple(Finding("import.missing", WARNING, f"导入时{message}", META_SECTION) for message in result.missing)
    return Source(path, stamp, result.report, (*result.findings, *missing), imported=True)


def refresh(paths: Iterable[Path], known: dict[Path, Source]) -> dict[Path, Source]:
    """Each file read anew unless ``known`` has it with the same stamp (unchanged on disk)."""
    out = {}
    for path in paths:
        cached = known.get(path)
        out[path] = cached if cached is not None and cached.stamp == stamp_of(path) else read_source(path)
    return out
