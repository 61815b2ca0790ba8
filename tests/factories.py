"""Reports built for tests and benchmarks: balanced, non-zero, reproducible."""

from __future__ import annotations

import copy
import random
from decimal import Decimal

from gxdesk.model import Report, new_report
from gxdesk.schema import APPEALS, OUTCOME_ROW_IDS, PROACTIVE, REQUEST_COLUMN_IDS, TEXT_PARTS


def balanced_report(rng: random.Random, *, scale: int = 50) -> Report:
    """Every entered cell >= 1 and every column of section 三 balanced."""
    report = new_report("测试县人民政府办公室", 2025)
    report.doc_number = "测政办发〔2026〕12号"
    report.date = "2026-01-23"
    cells = report.cells
    for column in REQUEST_COLUMN_IDS:
        handled = 0
        for row in OUTCOME_ROW_IDS:
            cells[("requests", row, column)] = value = rng.randint(1, scale)
            handled += value
        carried_forward = rng.randint(1, scale)
        carried_over = rng.randint(1, handled + carried_forward - 1)
        cells[("requests", "carried_forward", column)] = carried_forward
        cells[("requests", "carried_over", column)] = carried_over
        cells[("requests", "new", column)] = handled + carried_forward - carried_over
    for row, column in PROACTIVE.entered_cells():
        if row.id == "fees":
            cells[("proactive", "fees", "amount")] = Decimal(rng.randint(1, scale * 100)) / 100
        else:
            cells[("proactive", row.id, column.id)] = rng.randint(1, scale * 20)
    for row, column in APPEALS.entered_cells():
        cells[("appeals", row.id, column.id)] = rng.randint(1, scale)
    for part in TEXT_PARTS:
        if part.id != "preamble":
            report.text[part.id] = f"{part.title or part.id}：本年度第{rng.randint(1, 99)}项工作情况。{part.hint}"
    report.text["other"] += "本年度收取信息处理费 0.3 万元。"
    return report


def large_report() -> Report:
    """The 'large table with non-zero figures everywhere' the issues ask for."""
    return balanced_report(random.Random(20251231), scale=400)


def rebalanced(report: Report, *, keep_new: bool = False) -> Report:
    """Section 三 balanced again (一 + 二 = （七）总计 + 四) after cells were changed: through 一, or
    through 二 where ``keep_new``; 二 is lowered where 一 would go below 0."""
    for column in REQUEST_COLUMN_IDS:
        handled = report.value("requests", "total", column) + report.cells[("requests", "carried_forward", column)]
        new, over = ("requests", "new", column), ("requests", "carried_over", column)
        if keep_new:
            report.cells[over] = handled - report.cells[new]  # type: ignore[operator]
            continue
        if report.cells[over] > handled:  # type: ignore[operator]
            report.cells[over] = handled // 2  # type: ignore[operator]
        report.cells[new] = handled - report.cells[over]  # type: ignore[operator]
    return report


def with_blanks(report: Report, cells: tuple[tuple[str, str, str], ...]) -> Report:
    """``report`` with ``cells`` printed blank, still balanced: each is made 0 first, then 三 is
    rebalanced (through 二 where 一 is itself one of the blanks)."""
    out = copy.deepcopy(report)
    for key in cells:
        out.cells[key] = 0 if key[0] != "proactive" or key[1] != "fees" else Decimal(0)
    rebalanced(out, keep_new=any(key[1] == "new" for key in cells))
    out.set_cells(dict.fromkeys(cells))
    return out


# Words a unit's narrative is made of; random sequences of them make texts of one kind that
# no two units share (an 8-character run of four random words is as good as unique).
_WORDS = (
    "政务公开 信息发布 政策解读 依申请 主动公开 网站栏目 公开目录 保密审查 培训 考核 监督 平台 新媒体 专栏 "
    "查阅场所 办理时效 答复质量 规范性文件 政策文件 基层 便民 服务 清单 标准 流程 机制 台账 督查 整改 落实 "
    "群众 企业 乡村 社区 教育 民生 财政 预算 决算 项目 审批 许可 执法 公示 意见 建议 提案 回应 关切 舆情 "
    "数据 开放 共享 更新 维护 栏目 链接 检查 通报 评议 责任 追究 宣传 解读 图解 视频 访谈 会议 部署 推进"
).split()


def unit_text(rng: random.Random, sentences: int = 4) -> str:
    """A paragraph of plausible narrative, different for every seed."""
    out = []
    for _ in range(sentences):
        out.append("".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 9))) + rng.choice("，。；"))
    return "".join(out).rstrip("，；") + "。"


def unit_report(rng: random.Random, organ: str, *, year: int = 2025, scale: int = 50) -> Report:
    """A unit's balanced report with random figures everywhere and narrative of its own."""
    report = balanced_report(rng, scale=scale)
    report.organ, report.year = organ, year
    report.date = f"{year + 1}-01-2{rng.randint(0, 8)}"
    report.text["preamble"] = new_report(organ, year).text["preamble"]
    for part in TEXT_PARTS:
        if part.id != "preamble":
            report.text[part.id] = "\n".join(unit_text(rng) for _ in range(rng.randint(1, 3)))
    report.text["other"] += "\n本年度未收取信息处理费。"
    return report
