"""gxdesk merge: 汇总 — every unit's report collected, checked and added up (``gxdesk.summary``).

    gxdesk merge FILE_OR_DIR… -o OUT.gxr --organ NAME [--roster FILE] [--breakdown OUT.xlsx] [--json]

Prints a line per unit (status, errors, warnings, and each finding), then the
missing, unexpected, duplicate and other-year units, the copied-text pairs and
how an existing aggregated report differs from the sum. Exit 0: every expected
unit is in and nothing is wrong; 1: written, but something needs attention;
2: unusable input (one line on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from gxdesk import gxr
from gxdesk.atomic import atomic_write_bytes
from gxdesk.cli import parse_year
from gxdesk.errors import InputError
from gxdesk.files import check_output
from gxdesk.rules import check, summary
from gxdesk.schema import cell_name
from gxdesk.summary import file as summary_file
from gxdesk.summary.analyse import Summary, summarise
from gxdesk.summary.sources import Source, find_inputs, read_source

HELP = "汇总：收齐各单位的报告（.gxr、.docx、.pdf、.html、.txt 或文件夹），核对、查缺、相加，生成本级报告"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", metavar="FILE_OR_DIR", nargs="+",
                        help="各单位的报告文件或存放报告的文件夹（逐层查找）；也可以是保存的汇总文件 .gxs")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.gxr", help="汇总结果（本级报告）.gxr 文件")
    parser.add_argument("--organ", metavar="NAME", help="本级（汇总报告）的机关名称，如 某某县人民政府")
    parser.add_argument("--roster", metavar="FILE",
                        help="应报单位名单：每行一个单位名称的文本文件，或上年的汇总文件 .gxs")
    parser.add_argument("--breakdown", metavar="OUT.xlsx", help="同时生成分单位明细表（Excel 工作簿）")
    parser.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    parser.add_argument("--year", help="汇总年度（默认：多数报告的年度）")
    parser.add_argument("--previous", metavar="LAST.gxs",
                        help="上年的汇总文件：核对照抄上年的表格、上年结转；未给 --roster 时也用其名单")
    parser.add_argument("--against", metavar="REPORT",
                        help="已有的本级汇总报告（手工填写或上一版），与各单位合计逐格比对")
    parser.add_argument("--prefer", metavar="FILE", action="append", default=[],
                        help="一个单位有两份报告时使用这一份（可多次给出）")
    parser.add_argument("--use-newer", action="store_true", help="一个单位有多份统计数字不同的报告时，都使用较新的一份")
    parser.add_argument("--summary", metavar="FILE.gxs",
                        help="保存汇总文件（输入、名单、选定的报告、各单位数字），供下次继续或明年核对")
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖（保留 .bak 备份）")


def run(args: argparse.Namespace) -> int:
    outputs = _outputs(args)
    saved = _saved_summaries([Path(p) for p in args.inputs])
    paths = [Path(p) for p in args.inputs if Path(p).suffix.lower() != summary_file.SUFFIX]
    paths += [p for s in saved for p in s.inputs]
    organ = (args.organ or next((s.organ for s in saved if s.organ), "")).strip()
    if not organ:
        raise InputError("请用 --organ 给出本级（汇总报告）的机关名称，如 --organ 某某县人民政府")
    year = parse_year(args.year) if args.year else next((s.year for s in saved if s.year), None)
    previous = summary_file.load(Path(args.previous)) if args.previous else None
    last_year_file = next((s.last_year for s in saved if s.last_year), None)
    if previous is None and last_year_file is not None:
        previous = summary_file.load(last_year_file)
    roster = _roster(args, saved, previous)
    against = args.against or next((str(s.compare_with) for s in saved if s.compare_with), None)
    parent = _parent(Path(against)) if against else None

    # The roster, last year's 汇总 and the report to compare with may sit in the folder: they are not units.
    skip = [*(p for p in outputs if p is not None), *(Path(p) for p in (args.roster, args.previous, against) if p)]
    files = find_inputs(paths, skip=skip)
    if not files:
        raise InputError("没有找到要汇总的报告文件（.gxr、.docx、.pdf、.html、.txt）")
    sources = [read_source(path) for path in files]
    decisions = {key: path for s in saved for key, path in s.decisions.items()}
    decisions.update(_preferred(args.prefer, sources))
    result = summarise(sources, organ, year=year, roster=roster, decisions=decisions, use_newer=args.use_newer,
                       last_year=previous.figures_by_unit() if previous else None, parent=parent)
    if result.merged is None:
        broken = next((s.error for s in sources if s.error), "")
        raise InputError(f"没有可汇总的 {result.year} 年度报告" + (f"：{broken}" if broken else ""))

    # Everything is ready: write the outputs (the workbook is built first, so a failure there writes nothing).
    output, breakdown_path, summary_path = outputs
    workbook = _workbook_bytes(result) if breakdown_path else b""
    gxr.save(result.merged, output)
    if breakdown_path:
        atomic_write_bytes(breakdown_path, workbook)
    if summary_path:
        last_year = Path(args.previous) if args.previous else last_year_file
        summary_file.save(_to_file(result, paths, roster, decisions, last_year, against), summary_path)

    if args.json:
        print(json.dumps(_as_json(result, output), ensure_ascii=False, indent=1, default=str))
    else:
        _print(result, output)
    return 1 if result.needs_attention else 0


def _outputs(args: argparse.Namespace) -> tuple[Path, Path | None, Path | None]:
    """The files to write, refused now if they cannot be (nothing is written on exit 2)."""
    output = Path(args.output)
    breakdown = Path(args.breakdown) if args.breakdown else None
    saved = Path(args.summary) if args.summary else None
    for path, suffix in ((output, gxr.SUFFIX), (breakdown, ".xlsx"), (saved, summary_file.SUFFIX)):
        if path is None:
            continue
        if path.suffix.lower() != suffix:
            raise InputError(f"“{path.name}”应以 {suffix} 结尾")
        if path.exists() and not args.force:
            raise InputError(f"“{path}”已存在，没有覆盖；请换一个文件名，或加 --force 覆盖（保留 .bak 备份）")
        check_output(path)  # a missing folder, a pipe, a read-only file: refused before anything is read
    # realpath, not resolve: a link loop among the inputs is the reader's to refuse, in one line
    given = {os.path.realpath(p) for p in args.inputs} | {os.path.realpath(p) for p in args.prefer}
    if any(p is not None and os.path.realpath(p) in given for p in (output, breakdown, saved)):
        raise InputError("汇总结果不能写入参与汇总的文件")
    return output, breakdown, saved


def _saved_summaries(paths: list[Path]) -> list[summary_file.SummaryFile]:
    return [summary_file.load(p) for p in paths if p.suffix.lower() == summary_file.SUFFIX]


def _roster(args: argparse.Namespace, saved: list[summary_file.SummaryFile],
            previous: summary_file.SummaryFile | None) -> list[str] | None:
    from gxdesk.summary.roster import read_roster

    if args.roster:
        return read_roster(Path(args.roster))
    for source in [*saved, *([previous] if previous else [])]:
        if source.roster:
            return source.roster
    return None


def _parent(path: Path) -> Source:
    parent = read_source(path)
    if parent.report is None:
        raise InputError(f"无法读取要比对的本级报告：{parent.error}")
    return parent


def _preferred(prefer: list[str], sources: list[Source]) -> dict[str, Path]:
    by_path = {s.path.resolve(): s for s in sources}
    chosen: dict[str, Path] = {}
    for given in prefer:
        source = by_path.get(Path(given).resolve())
        if source is None:
            raise InputError(f"--prefer 给出的“{given}”不在要汇总的文件中")
        if source.report is None:
            raise InputError(f"--prefer 给出的“{given}”无法读取：{source.error}")
        chosen[source.key] = source.path
    return chosen


def _workbook_bytes(result: Summary) -> bytes:
    from gxdesk.summary.breakdown import to_bytes

    return to_bytes(result)


def _to_file(result: Summary, inputs: list[Path], roster: list[str] | None, decisions: dict[str, Path],
             last_year: Path | None, against: str | None) -> summary_file.SummaryFile:
    saved = summary_file.SummaryFile(organ=result.organ, year=result.year, roster=list(roster or []),
                                     inputs=list(dict.fromkeys(inputs)))
    names = {u.key: u.name for u in result.units}
    for key, path in decisions.items():
        saved.decisions[key], saved.decision_names[key] = path, names.get(key, key)
    saved.compare_with = Path(against) if against else None
    saved.last_year = last_year
    saved.units = summary_file.counted_figures(result)
    return saved


# --- What is printed -------------------------------------------------------------------


def _print(result: Summary, output: Path) -> None:
    width = max((len(u.name) for u in result.units), default=4)
    for unit in result.units:
        counts = "，".join(p for p in (f"{unit.errors} 处错误" if unit.errors else "",
                                      f"{unit.warnings} 处提醒" if unit.warnings else "") if p)
        files = "、".join(s.path.name for s in unit.sources)
        print(f"{unit.status.value}  {unit.name:　<{width}}  {counts or '—'}  {files}".rstrip())
        for finding in unit.findings:
            print(f"      {finding.severity.label}  {finding.message}")
    _listing("未报", result.missing)
    _listing("名单外", result.unexpected)
    _listing("重复", [f"{d.unit}：{'、'.join(p.name for p in d.files)}（"
                       + ("统计数字相同，按一份计入" if d.same else
                          f"使用 {d.used.name}" if d.used else "未选定，未计入合计；可用 --prefer 或 --use-newer 选定")
                       + "）" for d in result.duplicates])
    _listing("其他年度", [f"{o.unit}：{o.path.name} 是 {o.year} 年度的报告，未计入" for o in result.other_year])
    _listing("内容雷同", [s.message for s in result.similar])
    _listing("相同段落较多", [f"{len(c.units)} 个单位的报告有同一段话（可能是统一要求的表述）：“{c.excerpt}”"
                              for c in result.common])
    _listing("统计数字与上年完全相同", result.same_as_last_year)
    _listing("与本级报告不一致", [d.message for d in result.differences])
    merged = result.merged
    assert merged is not None
    findings = [f for f in check(merged) if f.table]
    counted = len(result.counted)
    print(f"已汇总 {counted} 份报告（{result.organ} {result.year} 年度，{len(result.units)} 个单位中的 {counted} 个）"
          f"到 {output}；表格核对：{summary(findings)}")
    for finding in findings:
        print(f"{finding.severity.label}  {finding.message}")


def _listing(title: str, lines: list[str]) -> None:
    if not lines:
        return
    print(f"{title}（{len(lines)}）：")
    for line in lines:
        print(f"  {line}")


def _as_json(result: Summary, output: Path) -> dict[str, Any]:
    merged = result.merged
    assert merged is not None
    return {
        "organ": result.organ,
        "year": result.year,
        "output": str(output),
        "counted": len(result.counted),
        "units": [{"name": u.name, "status": u.status.value, "counted": u.counted, "errors": u.errors,
                   "warnings": u.warnings, "file": str(u.used.path) if u.used else None,
                   "files": [str(s.path) for s in u.sources], "findings": [f.to_dict() for f in u.findings]}
                  for u in result.units],
        "missing": result.missing,
        "unexpected": result.unexpected,
        "duplicates": [{"unit": d.unit, "files": [str(p) for p in d.files], "used": str(d.used) if d.used else None,
                        "same_figures": d.same} for d in result.duplicates],
        "other_year": [{"unit": o.unit, "file": str(o.path), "year": o.year} for o in result.other_year],
        "similar_texts": [{"units": [s.first, s.second], "section": s.section, "share": round(s.share, 3),
                           "identical_paragraphs": s.paragraphs, "excerpt": s.excerpt, "message": s.message}
                          for s in result.similar],
        "common_wording": [{"section": c.section, "units": list(c.units), "excerpt": c.excerpt} for c in result.common],
        "same_as_last_year": result.same_as_last_year,
        "differences": [{"cell": cell_name(*d.key), "table": d.key[0], "row": d.key[1], "column": d.key[2],
                         "stated": d.stated, "summed": d.summed} for d in result.differences],
        "aggregate_findings": [f.to_dict() for f in check(merged) if f.table],
    }
