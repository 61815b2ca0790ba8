"""The 汇总 file (.gxs): what the office collected, so that the work goes on tomorrow and next year.

UTF-8 JSON, format "gxdesk-summary", version 1; docs/summary-file.md
describes every key. It keeps the inputs (files and folders: folders are
searched again on opening, so reports that arrived since are picked up), the
roster, the user's choices between two files of one unit, the organ and
year, last year's 汇总 file and an existing aggregated report to compare
with, and the figures each unit reported — next year's 汇总 compares against
them (a table copied from last year, 二、上年结转). Paths are written
relative to the file's folder when they are inside it, so the folder can move.

Loading is strict like a .gxr: an unknown key, a wrong value or a newer
version refuses the whole file with one line naming the place. Saving is
atomic, keeps ``NAME.gxs.bak`` and never overwrites a file that is not a 汇总 file.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gxdesk import gxr, schema, strict_json
from gxdesk.atomic import atomic_write_bytes
from gxdesk.errors import InputError
from gxdesk.files import check_output, read_limited
from gxdesk.model import Report
from gxdesk.os_errors import failed
from gxdesk.schema import YEAR_MAX, YEAR_MIN
from gxdesk.summary.analyse import Summary
from gxdesk.summary.identity import unit_key

FORMAT = "gxdesk-summary"
VERSION = 1
SUFFIX = ".gxs"
MAX_FILE_BYTES = 64 * 1024 * 1024  # 1,000 units' figures are about 5 MB

_KEYS = frozenset(("format", "version", "organ", "year", "inputs", "roster", "decisions", "last_year",
                   "compare_with", "units"))
_DECISION_KEYS = frozenset(("unit", "use"))
_UNIT_KEYS = frozenset(("organ", "file", "figures"))
_TABLE_IDS = frozenset(t.id for t in schema.TABLES)


class SummaryFileError(InputError):
    pass


@dataclass
class UnitFigures:
    """One unit's figures as counted in the 汇总 (its text stays in its own report)."""

    organ: str
    file: Path | None
    report: Report  # organ, year and the figures; text empty


@dataclass
class SummaryFile:
    organ: str = ""
    year: int = 0  # 0: the year most of the reports are for
    inputs: list[Path] = field(default_factory=list)
    roster: list[str] = field(default_factory=list)
    decisions: dict[str, Path] = field(default_factory=dict)  # unit key → the file chosen for it
    decision_names: dict[str, str] = field(default_factory=dict)  # unit key → the name as shown
    last_year: Path | None = None  # last year's 汇总 file
    compare_with: Path | None = None  # an existing aggregated report
    units: list[UnitFigures] = field(default_factory=list)

    def choose(self, name: str, path: Path) -> None:
        self.decisions[unit_key(name)] = path
        self.decision_names[unit_key(name)] = name

    def figures_by_unit(self) -> dict[str, Report]:
        """Unit key → the figures it reported (what next year's 汇总 compares against)."""
        return {unit_key(u.organ): u.report for u in self.units}


# --- Loading -------------------------------------------------------------------------


def load(path: Path | str) -> SummaryFile:
    path = Path(path)
    data = read_limited(path, MAX_FILE_BYTES, SummaryFileError, "过大，不是 gxdesk 汇总文件")
    return parse(data, path.name, path.parent)


def parse(data: bytes, name: str = "文件", folder: Path = Path()) -> SummaryFile:
    try:
        obj = strict_json.loads(data.decode("utf-8-sig"))
    except strict_json.DuplicateKeyError as twice:
        raise SummaryFileError(f"“{name}”无法使用：项“{_shown(twice.key)[1:-1]}”出现了不止一次，为免用错数据，没有打开"
                               ) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SummaryFileError(f"“{name}”不是 gxdesk 汇总文件，或内容已损坏") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise SummaryFileError(f"“{name}”不是 gxdesk 汇总文件")
    _check_version(obj.get("version"), name)
    return _Reader(name, folder).read(obj)


def _check_version(version: Any, name: str) -> None:
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SummaryFileError(f"“{name}”的文件版本（version）无效")
    if version > VERSION:
        raise SummaryFileError(
            f"“{name}”由更新版本的 gxdesk 保存（文件版本 {version}），请升级 gxdesk 后再打开；此文件未被改动")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 24 else text[:23] + "…"


class _Reader:
    def __init__(self, name: str, folder: Path) -> None:
        self.name, self.folder = name, folder

    def fail(self, where: str, problem: str) -> SummaryFileError:
        return SummaryFileError(f"“{self.name}”无法使用：{where}{problem}")

    def keys(self, obj: Any, allowed: frozenset[str], where: str) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise self.fail(where, f"应为一组数据（对象），文件中是 {_shown(obj)}")
        for key in obj:
            if key not in allowed:
                raise self.fail(where, f"含有无法识别的项“{_shown(key)[1:-1]}”，为免丢失数据，没有打开")
        return obj

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"应为文本，文件中是 {_shown(value)}")
        return value.strip()

    def texts(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(where, f"应为列表，文件中是 {_shown(value)}")
        return [self.text(item, f"{where}[{i}] ") for i, item in enumerate(value)]

    def path(self, value: Any, where: str) -> Path:
        text = self.text(value, where)
        if not text:
            raise self.fail(where, "不能为空")
        path = Path(text)
        return path if path.is_absolute() else self.folder / path

    def read(self, obj: dict[str, Any]) -> SummaryFile:
        self.keys(obj, _KEYS, "文件")
        out = SummaryFile(organ=self.text(obj.get("organ", ""), "organ "))
        year = obj.get("year", 0)
        if year != 0 and (not isinstance(year, int) or isinstance(year, bool) or not YEAR_MIN <= year <= YEAR_MAX):
            raise self.fail("year ", f"应为 {YEAR_MIN}–{YEAR_MAX} 之间的年份，文件中是 {_shown(year)}")
        out.year = year
        out.inputs = [self.path(p, f"inputs[{i}] ") for i, p in enumerate(self.list(obj, "inputs"))]
        out.roster = [name for name in self.texts(obj.get("roster", []), "roster") if name]
        for i, item in enumerate(self.list(obj, "decisions")):
            where = f"decisions[{i}]"
            item = self.keys(item, _DECISION_KEYS, where + " ")
            out.choose(self.text(item.get("unit"), f"{where}.unit "), self.path(item.get("use"), f"{where}.use "))
        for key in ("last_year", "compare_with"):
            if obj.get(key) is not None:
                setattr(out, key, self.path(obj[key], f"{key} "))
        out.units = [self.unit(item, f"units[{i}]", out.year) for i, item in enumerate(self.list(obj, "units"))]
        return out

    def list(self, obj: dict[str, Any], key: str) -> list[Any]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{key} ", f"应为列表，文件中是 {_shown(value)}")
        return value

    def unit(self, item: Any, where: str, year: int) -> UnitFigures:
        item = self.keys(item, _UNIT_KEYS, where + " ")
        organ = self.text(item.get("organ"), f"{where}.organ ")
        file = self.path(item["file"], f"{where}.file ") if item.get("file") is not None else None
        figures = self.keys(item.get("figures", {}), _TABLE_IDS, f"{where}.figures ")
        try:
            report = gxr.from_dict({"format": gxr.FORMAT, "version": gxr.VERSION, "organ": organ,
                                    "year": year or YEAR_MIN, **figures}, f"{self.name}·{where}")
        except InputError as error:
            raise SummaryFileError(str(error)) from None
        return UnitFigures(organ, file, report)


def counted_figures(summary: Summary) -> list[UnitFigures]:
    """The figures of every unit counted in a 汇总, as next year's 汇总 file will want them."""
    out = []
    for unit in summary.counted:
        assert unit.used is not None and unit.used.report is not None
        report = Report(organ=unit.name, year=unit.used.report.year, cells=dict(unit.used.report.cells))
        out.append(UnitFigures(unit.name, unit.used.path, report))
    return out


# --- Saving --------------------------------------------------------------------------


def to_dict(summary: SummaryFile, folder: Path) -> dict[str, Any]:
    def shown(path: Path) -> str:
        return _relative(path, folder)

    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "organ": summary.organ, "year": summary.year,
                           "inputs": [shown(p) for p in summary.inputs], "roster": list(summary.roster),
                           "decisions": [{"unit": summary.decision_names.get(key, key), "use": shown(path)}
                                         for key, path in summary.decisions.items()]}
    for key in ("last_year", "compare_with"):
        value = getattr(summary, key)
        if value is not None:
            out[key] = shown(value)
    out["units"] = []
    for unit in summary.units:
        tables = gxr.to_dict(unit.report)
        out["units"].append({"organ": unit.organ, "file": shown(unit.file) if unit.file else None,
                             "figures": {t.id: tables[t.id] for t in schema.TABLES}})
    return out


def _relative(path: Path, folder: Path) -> str:
    """Inside ``folder``: relative, with forward slashes (the file moves with its folder); else absolute."""
    try:
        relative = os.path.relpath(path.absolute(), folder.absolute())
    except ValueError:  # another drive on Windows
        return str(path.absolute())
    if relative.startswith(".."):
        return str(path.absolute())
    return Path(relative).as_posix()


def save(summary: SummaryFile, path: Path | str) -> None:
    path = Path(path)
    check_output(path, SummaryFileError, "保存")  # a pipe, a read-only file: refused before anything is read
    _guard_overwrite(path)
    data = json.dumps(to_dict(summary, path.parent), ensure_ascii=False, indent=1) + "\n"
    try:
        atomic_write_bytes(path, data.encode("utf-8"), backup=True)
    except OSError as error:
        raise SummaryFileError(failed("保存", path, error)) from None


def _guard_overwrite(path: Path) -> None:
    if path.is_dir():
        raise SummaryFileError(f"“{path}”是文件夹，不能保存为汇总文件")
    if not path.exists():
        return
    try:
        head = path.read_bytes()[:4096]
    except OSError as error:
        raise SummaryFileError(failed("读取已有的", path, error)) from None
    if head.strip() and FORMAT.encode() not in head:
        raise SummaryFileError(f"“{path.name}”不是 gxdesk 汇总文件，为免覆盖，没有保存")
    version = re.search(rb'"version"\s*:\s*(\d+)', head)
    if version and int(version.group(1)) > VERSION:
        raise SummaryFileError(f"“{path.name}”由更新版本的 gxdesk 保存，为免丢失数据，没有覆盖")
