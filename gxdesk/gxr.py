"""The .gxr report file: UTF-8 JSON, format "gxdesk-report", version 1 or 2.

See docs/file-format.md. A file is written as version 1 while it holds nothing
gxdesk 0.1 cannot read, and as version 2 once it has an optional part (last
year's report, ``previous``; the clerk's ``explanations``), so that 0.1 refuses
it with its clear "newer version" message rather than a puzzling unknown key
(``_version_for``).

Loading is strict (an unknown key, a key given twice
or a wrong value refuses the whole file, naming the place) because a silently
dropped figure is worse than a clear refusal; text is cleaned (``clean_text``)
and -0 read as 0, so that a clerk's file opens. Saving is atomic, keeps a backup
and the file's permissions, refuses a read-only file, a pipe or a report open in
another window, and writes only what loads again (docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gxdesk import limits, schema, strict_json
from gxdesk.atomic import atomic_write_bytes
from gxdesk.dates import iso_date
from gxdesk.errors import InputError
from gxdesk.files import Fingerprint, check_output, read_limited
from gxdesk.model import CellKey, FindingKey, Report, Value
from gxdesk.numbers import NumberError, check_amount, format_figure
from gxdesk.os_errors import failed
from gxdesk.schema import MAX_COUNT, META_FIELDS, TEXT_IDS, YEAR_MAX, YEAR_MIN, FileForm, Kind, MetaField, MetaKind
from gxdesk.text import clean_line, clean_text, quoted

if TYPE_CHECKING:
    from gxdesk.report_lock import ReportLock

FORMAT = "gxdesk-report"
VERSION = 2  # the newest version this reader knows; files are written as the oldest that holds them
SUFFIX = ".gxr"
MAX_FILE_BYTES = limits.MAX_FILE_BYTES  # a report is a few kB; anything huge is not ours

EXPLANATIONS = "explanations"
PREVIOUS = "previous"  # last year's report, kept inside this one for the cross-year checks (version 2)
_CONTENT_KEYS = frozenset((*(f.id for f in META_FIELDS), "text", *(t.id for t in schema.TABLES)))
_TOP_KEYS = _CONTENT_KEYS | {"format", "version", EXPLANATIONS, PREVIOUS}
_EXPLANATION_KEYS = (*FindingKey._fields, "text")
# The entered columns of each row, in file order: what a row holds in the file, read and written.
_ENTERED_COLUMNS = {(t.id, r.id): tuple(c.id for c in t.block_of(r.id).columns if not c.computed)
                    for t in schema.TABLES for r in t.rows}
_DECIMAL_TEXT = re.compile(r"\d+(\.\d+)?", re.ASCII)


class ReportFileError(InputError):
    pass


# --- Loading -------------------------------------------------------------------------


def load(path: Path | str) -> Report:
    path = Path(path)
    return parse(_read_bytes(path), path.name)


def read(path: Path | str) -> tuple[Report, Fingerprint]:
    """The report and the fingerprint of the bytes it was read from (for the check before a save)."""
    path = Path(path)
    data = _read_bytes(path)
    report = parse(data, path.name)
    try:
        info = os.stat(path)
    except OSError as error:
        raise ReportFileError(failed("读取", path, error)) from None
    return report, Fingerprint.of(data, info)


def peek(path: Path | str) -> tuple[str, int] | None:
    """机关名称 and 报告年度 of a report file, read quickly for a list (最近打开); None if it is
    not a readable gxdesk report. Opening it still reads it strictly (``load``)."""
    try:
        obj = json.loads(_read_bytes(Path(path)).decode("utf-8-sig"))
    except (InputError, OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        return None
    organ, year = obj.get("organ", ""), obj.get("year")
    return (clean_line(organ) if isinstance(organ, str) else "", year if isinstance(year, int) else 0)


def _read_bytes(path: Path) -> bytes:
    return read_limited(path, MAX_FILE_BYTES, ReportFileError, "过大，不是 gxdesk 报告文件")


def parse(data: bytes, name: str = "文件") -> Report:
    return from_dict(_decode(data, name), name)


def from_dict(obj: Any, name: str = "文件") -> Report:
    """A report from the file's JSON as parsed (amounts as Decimal), checked as strictly as a file."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ReportFileError(f"“{name}”不是 gxdesk 报告文件")
    _check_version(obj.get("version"), name)
    return _Reader(name).report(obj)


def _decode(data: bytes, name: str) -> Any:
    if not data.strip():
        raise ReportFileError(f"“{name}”是空文件，不是 gxdesk 报告")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # cut inside the last character: a truncated file
            raise ReportFileError(f"“{name}”内容不完整或已损坏，无法读取（文件末尾被截断）") from None
        raise ReportFileError(f"“{name}”不是 gxdesk 报告文件（不是 UTF-8 文本）") from None
    try:
        return strict_json.loads(text)
    except strict_json.DuplicateKeyError as twice:
        raise ReportFileError(
            f"“{name}”无法使用：项“{_key_shown(twice.key)}”出现了不止一次，为免用错数据，没有打开") from None
    except json.JSONDecodeError as error:
        raise ReportFileError(
            f"“{name}”内容不完整或已损坏，无法读取（第 {error.lineno} 行第 {error.colno} 列）"
        ) from None
    except (RecursionError, ValueError):
        raise ReportFileError(f"“{name}”不是 gxdesk 报告文件") from None


def _check_version(version: Any, name: str) -> None:
    if not _is_int(version) or version < 1:
        raise ReportFileError(f"“{name}”的文件版本（version）无效")
    if version > VERSION:
        raise ReportFileError(
            f"“{name}”由更新版本的 gxdesk 保存（文件版本 {version}），请升级 gxdesk 后再打开；此文件未被改动"
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    text = quoted(json.dumps(value, ensure_ascii=False, default=str))
    return text if len(text) <= 24 else text[:23] + "…"


def _key_shown(key: str) -> str:
    """A key as the file spells it, on one line (a newline in it shows as \\n)."""
    text = quoted(json.dumps(key, ensure_ascii=False)[1:-1])
    return text if len(text) <= 24 else text[:23] + "…"


class _Reader:
    """Validates one parsed file; every complaint names the exact place."""

    def __init__(self, name: str, part: str = "") -> None:
        self.name = name
        self.part = part  # "" for the report itself, else which part of the file is read (last year's report)

    def fail(self, where: str, problem: str) -> ReportFileError:
        return ReportFileError(f"“{self.name}”无法使用：{self.part}{where}{problem}")

    def only_keys(self, obj: Any, allowed: Any, where: str) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise self.fail(where, f"应为一组数据（对象），文件中是 {_shown(obj)}")
        for key in obj:
            if key not in allowed:
                raise self.fail(where, f"含有无法识别的项“{_key_shown(key)}”，为免丢失数据，没有打开")
        return obj

    def report(self, obj: dict[str, Any]) -> Report:
        self.only_keys(obj, _CONTENT_KEYS if self.part else _TOP_KEYS, "" if self.part else "文件")
        readers = {MetaKind.TEXT: self.string, MetaKind.YEAR: self.year, MetaKind.DATE: self.date}
        meta: dict[str, Any] = {f.id: readers[f.kind](f, obj.get(f.id, None if f.required else ""))
                                for f in META_FIELDS}
        report = Report(**meta)
        text = self.only_keys(obj.get("text", {}), TEXT_IDS, "text ")
        for part, value in text.items():
            if not isinstance(value, str):
                raise self.fail(f"text.{part} ", f"应为文本，文件中是 {_shown(value)}")
            report.text[part] = clean_text(value)
            problem = limits.part_problem(report.text[part])
            if problem:
                raise self.fail(schema.text_part_name(part), problem)
        problem = limits.total_problem(sum(map(len, report.text.values())))
        if problem:
            raise self.fail("", problem)
        for table in schema.TABLES:
            report.cells.update(self.table(table, obj.get(table.id, {})))
        if self.part:
            return report  # last year's report: its figures and text, no explanations, no previous
        report.explanations = self.explanations(obj.get(EXPLANATIONS, []))
        if PREVIOUS in obj:
            previous = _Reader(self.name, "上年报告（previous）")
            report.previous = previous.report(previous.only_keys(obj[PREVIOUS], _CONTENT_KEYS, ""))
        return report

    def explanations(self, raw: Any) -> dict[FindingKey, str]:
        """The clerk's answers to findings: a list of {rule, table, row, column, field, text}."""
        if not isinstance(raw, list):
            raise self.fail(f"{EXPLANATIONS} ", f"应为列表，文件中是 {_shown(raw)}")
        out: dict[FindingKey, str] = {}
        for number, item in enumerate(raw, start=1):
            where = f"{EXPLANATIONS} 第 {number} 项"
            entry = self.only_keys(item, _EXPLANATION_KEYS, f"{where} ")
            for name in _EXPLANATION_KEYS:
                if not isinstance(entry.get(name, ""), str):
                    raise self.fail(f"{where}的 {name} ", f"应为文本，文件中是 {_shown(entry[name])}")
            key = FindingKey(*(entry.get(name, "") for name in FindingKey._fields))
            text = clean_text(entry.get("text", "")).strip()
            if not key.rule or not text:
                raise self.fail(where, "缺少 rule 或 text（说明针对哪条检查、说明的内容）")
            if key.table and key.table not in schema.TABLE_BY_ID:
                raise self.fail(f"{where}的 table ", f"不是报告中的表格：{_shown(key.table)}")
            if key in out:
                raise self.fail(where, "与前面的一项针对同一处检查结果，为免丢失其中一条说明，没有打开")
            out[key] = text
        return out

    def string(self, meta: MetaField, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{meta.label}（{meta.id}）", f"应为文本，文件中是 {_shown(value)}")
        text = clean_line(value)
        problem = limits.meta_problem(meta.id, text)
        if problem:
            raise self.fail("", problem)
        return text

    def year(self, meta: MetaField, value: Any) -> int:
        if not _is_int(value) or not YEAR_MIN <= value <= YEAR_MAX:
            raise self.fail(f"{meta.label}（{meta.id}）",
                            f"应为 {YEAR_MIN}–{YEAR_MAX} 之间的年份，文件中是 {_shown(value)}")
        return int(value)

    def date(self, meta: MetaField, value: Any) -> str:
        if value == "":
            return ""
        if isinstance(value, str) and iso_date(value) == value:  # as written: no other spelling in a file
            return value
        raise self.fail(f"{meta.label}（{meta.id}）", f"应为 YYYY-MM-DD 格式的日期或空，文件中是 {_shown(value)}")

    def table(self, table: schema.Table, obj: Any) -> dict[CellKey, Value]:
        rows = self.only_keys(obj, {r.id for r in table.rows if not r.computed}, f"{table.id} ")
        cells: dict[CellKey, Value] = {}
        for row_id, raw in rows.items():
            block = table.block_of(row_id)
            columns = _ENTERED_COLUMNS[(table.id, row_id)]
            if block.file_form is FileForm.LIST:
                values = self.row_list(raw, table, row_id, len(columns))
            elif block.file_form is FileForm.VALUE:
                values = [raw]
            else:
                row_obj = self.only_keys(raw, columns, f"{table.id}.{row_id} ")
                values = [row_obj.get(c, 0) for c in columns]
            counts = block.kind is Kind.COUNT
            for column_id, value in zip(columns, values, strict=True):
                if counts and value.__class__ is int and 0 <= value <= MAX_COUNT:
                    cells[(table.id, row_id, column_id)] = value  # the common case, checked first
                else:
                    cells[(table.id, row_id, column_id)] = self.cell(table, row_id, column_id, value)
        return cells

    def row_list(self, raw: Any, table: schema.Table, row_id: str, length: int) -> list[Any]:
        if not isinstance(raw, list) or len(raw) != length:
            where = f"{schema.SECTION_BY_ID[table.section].short}「{schema.row_name(table.id, row_id)}」"
            raise self.fail(where, f"应为 {length} 个数字的列表，文件中是 {_shown(raw)}")
        return raw

    def cell(self, table: schema.Table, row_id: str, column_id: str, value: Any) -> Value:
        if value is None:
            return None  # left blank: kept, and flagged by the rules
        where = schema.cell_name(table.id, row_id, column_id)
        if table.kind(row_id) is Kind.AMOUNT:
            return self.amount(value, where)
        if not _is_int(value):
            raise self.fail(where, f"应为整数，文件中是 {_shown(value)}")
        if value < 0:
            raise self.fail(where, f"不能是负数（{value}）")
        raise self.fail(where, f"数值过大（{_shown(value)}），件数不能超过 {MAX_COUNT:,}")

    def amount(self, value: Any, where: str) -> Decimal:
        if isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
            amount = Decimal(value)
        elif isinstance(value, Decimal) or _is_int(value):
            amount = Decimal(value)
        else:
            raise self.fail(where, f"应为以万元计的金额（如 \"1.25\"），文件中是 {_shown(value)}")
        if not amount:
            amount = abs(amount)  # -0.0 is 0.0: written so by other programs, and no negative
        try:
            check_amount(amount, quoted(str(value)))
        except NumberError as error:
            raise self.fail(where, f"：{error}") from None
        return amount


# --- Saving --------------------------------------------------------------------------


def _version_for(report: Report) -> int:
    """The oldest version that holds ``report``: 2 once it has an optional part (last year's report,
    explanations), else 1, which gxdesk 0.1 opens."""
    return 2 if report.previous is not None or report.explanations else 1


def to_dict(report: Report) -> dict[str, Any]:
    """The file's content. Strings are cleaned as loading cleans them and -0 is written as 0,
    so that whatever the report holds, the file loads back to what it says (and saves the same)."""
    out: dict[str, Any] = {"format": FORMAT, "version": _version_for(report), **_content(report)}
    if report.explanations:
        out[EXPLANATIONS] = [dict(key._asdict(), text=clean_text(text).strip())
                             for key, text in report.explanations.items()]
    if report.previous is not None:
        out[PREVIOUS] = _content(report.previous)
    return out


def _content(report: Report) -> dict[str, Any]:
    """Meta, text and figures: the report itself, or last year's inside it."""
    out: dict[str, Any] = {}
    for meta in META_FIELDS:
        value = getattr(report, meta.id)
        if isinstance(value, str):
            value = clean_line(value)
        if value or meta.saved_empty:
            out[meta.id] = value
    out["text"] = {part: clean_text(report.text.get(part, "")) for part in TEXT_IDS}
    for table in schema.TABLES:
        rows: dict[str, Any] = {}
        for block in table.blocks:
            for row in block.rows:
                if row.computed:
                    continue
                columns = _ENTERED_COLUMNS[(table.id, row.id)]
                values = [_json_value(report.cells[(table.id, row.id, c)]) for c in columns]
                if block.file_form is FileForm.LIST:
                    rows[row.id] = values
                elif block.file_form is FileForm.VALUE:
                    (rows[row.id],) = values
                else:
                    rows[row.id] = dict(zip(columns, values, strict=True))
        out[table.id] = rows
    return out


def _json_value(value: Value) -> Any:
    if isinstance(value, Decimal):  # an amount as a decimal string
        return format_figure(abs(value) if not value else value)
    return value


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def save(report: Report, path: Path | str, *, lock: ReportLock | None = None,
         even_if_open: bool = False) -> Fingerprint:
    """Atomic save keeping ``<name>.bak`` and the file's permissions; the fingerprint of what was
    written. Refused (ReportFileError, or an InputError saying why) before anything is written:
    a folder, a pipe or device, a read-only file, a file that is not ours or from a newer version,
    a report another window has open (unless ``lock`` is that window's hold on it, or the clerk
    chose to overwrite it: ``even_if_open``), and a report over the limits (it would not load again)."""
    path = Path(path)
    check_output(path, ReportFileError, "保存")
    _guard_overwrite(path)
    if not even_if_open:
        from gxdesk.report_lock import check_not_open

        check_not_open(path, lock)
    limits.check_report(report)
    data = dumps(report).encode("utf-8")
    try:
        atomic_write_bytes(path, data, backup=True)
        return Fingerprint.of(data, os.stat(path))
    except OSError as error:
        raise ReportFileError(failed("保存", path, error)) from None


def _guard_overwrite(path: Path) -> None:
    if not path.exists():
        return
    head = read_limited(path, MAX_FILE_BYTES * 8, ReportFileError, "过大，不是 gxdesk 报告，为免覆盖，没有保存")
    if not head.strip():
        return  # an empty placeholder file
    try:
        obj = json.loads(head.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # A damaged report of ours may be replaced (the .bak keeps it); anything else may not.
        if head.lstrip().startswith(b"{") and FORMAT.encode() in head[:512]:
            return
        raise ReportFileError(f"“{path.name}”不是 gxdesk 报告，为免覆盖，没有保存") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ReportFileError(f"“{path.name}”不是 gxdesk 报告，为免覆盖，没有保存")
    _check_version(obj.get("version"), path.name)
