"""Reports built for tests and benchmarks: balanced, non-zero, reproducible."""

from __future__ import annotations

import copy
import random
import re
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


# An organ name of 40 characters, the longest the printing is tested for (word boundaries a title
# and a signature may break at: 青禾省|青禾市|青禾县|人民政府|国有资产|监督|管理委员会|机关|后勤|…).
LONG_ORGAN = "青禾省青禾市青禾县人民政府国有资产监督管理委员会机关后勤事务服务中心党总支办公室"
assert len(LONG_ORGAN) == 40

_LONG_TEXT = {
    "overview": (
        "2025年，本局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，"
        "围绕“放管服”改革、优化营商环境、食品药品安全、知识产权保护等重点工作，推进决策、执行、管理、服务、结果"
        "“五公开”，全年主动公开政府信息12,486条，较上年增长18.6%；办理政府信息公开申请1,326件，办结率100%。"
        "\n\n"
        "一年来，本局把政务公开作为建设法治政府、服务型政府的重要抓手，主要负责同志三次专题研究政务公开工作，"
        "分管负责同志每季度听取一次工作汇报；各科室、各监管所明确一名信息公开联络员，形成了“主要领导亲自抓、"
        "分管领导具体抓、业务科室抓落实”的工作格局。全年未发生因信息公开不当引发的行政复议被纠错、行政诉讼败诉案件。"
    ),
    "proactive": (
        "全年通过县政府门户网站本局专栏主动公开政府信息12,486条，其中机构职能、政策文件等基础信息358条，"
        "“双随机、一公开”抽查计划及结果2,140条，行政许可和行政处罚“双公示”信息8,039条（含更新），"
        "食品安全监督抽检结果公告124期，价格、质量、特种设备等监管信息1,825条。"
        "\n\n"
        "（一）重点领域信息公开。围绕市场主体登记注册、食品生产经营许可、特种设备使用登记等高频事项，公开办事指南"
        "186项，做到“一事项一指南”；公开年度抽检计划、抽检结果和不合格产品核查处置情况，及时发布消费警示12期。"
        "\n\n"
        "（二）政策解读和回应关切。对新出台的行政规范性文件，坚持解读材料与文件同步起草、同步审签、同步发布，"
        "全年发布文字解读16篇、图文解读9篇、视频解读3个；通过“局长信箱”“12315”等渠道回应群众关切1,046件，"
        "平均办理时限由上年的7.5个工作日缩短至4个工作日。"
    ),
    "on_request": (
        "全年新收政府信息公开申请1,326件，上年结转41件，办结1,322件，结转下年度继续办理45件。申请内容主要涉及"
        "企业登记档案、行政处罚决定书、食品抽检结果、价格监测数据等。所有申请均在法定期限内答复，未收取信息处理费。"
        "对答复中发现的“信息不掌握”“需另行制作”等情形，均向申请人书面说明理由并告知救济途径；对申请内容不明确的，"
        "一次性告知补正事项，并提供“申请书填写示范文本”。"
    ),
    "management": (
        "严格执行“先审查、后公开”和“一事一审”制度，全年对拟公开信息进行保密审查14,000余条，未发生泄密和不当公开"
        "事件。完成行政规范性文件清理，废止3件、修改2件、继续有效27件，清理结果在门户网站集中公开。按季度更新"
        "政府信息公开指南和目录，对1,208条过期信息进行了归档或撤除处理。"
    ),
    "platform": (
        "以县政府门户网站为第一平台，同步运用“青禾市场监管”微信公众号、抖音号发布信息4,120条，在政务服务中心、"
        "各监管所设置政府信息查阅点6处，配备查阅终端8台，方便群众现场查询；门户网站专栏全年访问量达386,542人次。"
    ),
    "oversight": (
        "成立由主要负责同志任组长的政务公开工作领导小组，将政务公开纳入年度目标考核，分值占比5%。全年组织业务培训"
        "6次，参训480人次。通过门户网站、“好差评”系统开展社会评议，收到意见建议36条，均已回复并在7个工作日内"
        "整改到位。本年度未发生因政务公开工作引起的责任追究情况。"
    ),
    "problems": (
        "（一）政策解读形式较为单一。以文字解读为主，图解、视频等群众易懂的形式偏少，个别解读材料照搬文件原文。"
        "\n\n"
        "（二）基层信息报送不够及时。个别监管所抽检结果、处罚信息报送滞后，“双公示”信息存在超期公示现象。"
        "\n\n"
        "（三）答复文书的说理还需加强。部分依申请公开答复对不予公开理由的阐述不够充分，引用法律条款不够准确。"
    ),
    "improvements": (
        "针对上年提出的信息更新不及时问题，已建立信息发布周调度机制，全年专栏信息平均更新周期由15天缩短至5天。"
        "下一步，将重点做好以下工作："
        "\n\n"
        "1.丰富解读形式。增加图解、短视频等解读形式，对重要政策文件做到“应解读尽解读”，解读材料与文件同步发布。"
        "\n\n"
        "2.规范信息报送。建立监管所信息报送台账，抽检结果在结果确认后7个工作日内公开，“双公示”信息在作出决定之日"
        "起7个工作日内上网。"
        "\n\n"
        "3.提升答复质量。修订依申请公开答复文书模板，每季度组织一次案例学习，邀请法律顾问对答复文书进行合法性审查。"
    ),
    "other": (
        "本年度未收取信息处理费。"
        "\n\n"
        "（一）政务公开工作要点落实情况"
        "\n\n"
        "本局按照《青禾县2025年政务公开工作要点》要求，全部完成涉及本部门的12项任务，其中“优化营商环境信息公开”"
        "“食品安全信息公开”两项任务被县政务公开办作为典型经验推广。"
        "\n\n"
        "（二）人大代表建议和政协提案办理公开情况"
        "\n\n"
        "全年办理人大代表建议14件、政协提案13件，办结率100%，满意率100%，办理复文均已按规定在门户网站公开。"
    ),
}


def long_text_report() -> Report:
    """The sample with long text over many pages, sub-headings typed by the clerk in 五 and 六,
    figures in the text, pairs of full-width punctuation, and six-digit figures in 三's 总计."""
    from gxdesk.sample import load_sample

    report = balanced_report(random.Random(20260120), scale=20000)
    sample = load_sample()
    report.organ, report.doc_number, report.date = sample.organ, sample.doc_number, sample.date
    report.text = {**sample.text, **_LONG_TEXT}
    return report


def long_organ_report() -> Report:
    """The sample signed by a body with a 40-character name."""
    from gxdesk.sample import load_sample

    report = load_sample()
    report.organ = LONG_ORGAN
    return report


# Words a unit's narrative is made of; random sequences of them make texts of one kind that
# no two units share (an 8-character run of four random words is as good as unique).
_WORDS = (
    "政务公开 信息发布 政策解读 依申请 主动公开 网站栏目 公开目录 保密审查 培训 考核 监督 平台 新媒体 专栏 "
    "查阅场所 办理时效 答复质量 规范性文件 政策文件 基层 便民 服务 清单 标准 流程 机制 台账 督查 整改 落实 "
    "群众 企业 乡村 社区 教育 民生 财政 预算 决算 项目 审批 许可 执法 公示 意见 建议 提案 回应 关切 舆情 "
    "数据 开放 共享 更新 维护 栏目 链接 检查 通报 评议 责任 追究 宣传 解读 图解 视频 访谈 会议 部署 推进"
).split()


_TWICE = re.compile(r"(.{2,6})\1")
_SHORTCOMINGS = ("仍有不足", "有待加强", "还需完善", "不够及时", "存在差距")


def unit_text(rng: random.Random, sentences: int = 4) -> str:
    """A paragraph of plausible narrative, different for every seed."""
    out = []
    for _ in range(sentences):
        words: list[str] = []
        wanted = rng.randint(5, 9)
        while len(words) < wanted:
            word = rng.choice(_WORDS)
            if not _TWICE.search("".join(words[-3:]) + word):  # 预算部署预算部署: a slip the checks flag
                words.append(word)
        out.append("".join(words) + rng.choice("，。；"))
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
    # 五 names its problems as reports do (the checks look for a problem stated).
    report.text["problems"] = report.text["problems"].rstrip("。") + f"，{rng.choice(_SHORTCOMINGS)}。"
    report.text["other"] += "\n本年度未收取信息处理费。"
    return report
