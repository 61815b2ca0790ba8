"""From lines to a report: meta, the six sections' text, the three tables.

Section headings are found by the schema's verbatim headings (normalised,
tolerant of small differences) and in order, so that a table row such as
"四、结转下年度继续办理" is never taken for section 四. Each table is read
from the lines between its heading and the next (see ``tables``); the text
parts of sections 一 and 五 are split on their customary sub-headings, matched
to the schema's part titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from gxdesk import schema
from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.lines import Line, is_figure, norm
from gxdesk.importer.tables import read_table
from gxdesk.limits import MAX_META_CHARS
from gxdesk.model import ENTERED_KEYS, SUM_TERMS, CellKey, Report, Value
from gxdesk.rules import Finding, check_stated
from gxdesk.schema import SECTIONS, TEXT_PARTS, YEAR_MAX, YEAR_MIN, TextPart
from gxdesk.text import clean_text

HEADING_SIMILARITY = 0.6  # difflib ratio between a line and a section heading's words


@dataclass
class ImportResult:
    """A published report as read: what was found, and what the clerk must review."""

    report: Report  # unfound cells, and blank cells a printed total contradicts, are None in report.cells
    findings: list[Finding] = field(default_factory=list)  # printed totals that disagree with their rows
    missing: list[str] = field(default_factory=list)  # one message per part not found or figure unusable
    unfound: frozenset[CellKey] = frozenset()  # entered cells with no usable figure in the source
    blank: frozenset[CellKey] = frozenset()  # printed blank, kept blank: a printed total says they are not 0
    stated: dict[CellKey, Value] = field(default_factory=dict)  # totals as printed in the source
    zeroed: frozenset[CellKey] = frozenset()  # printed blank ("", /, -, —) and read as 0
    notes: list[str] = field(default_factory=list)  # how the source was read; nothing to review
    doubtful: frozenset[CellKey] = frozenset()  # read, but where the figures belong is for the clerk to say

    @property
    def needs_review(self) -> bool:
        return bool(self.findings or self.missing or self.blank or self.doubtful)

    def messages(self) -> list[str]:
        """What needs the clerk's review, most serious first (the CLI prints it; exit 1)."""
        lines = [f"{f.severity.label}  {f.message}" for f in self.findings]
        lines += self.missing
        if self.blank:
            lines.append(f"原表 {len(self.blank)} 格留空，但所在行或列印出的合计说明它们不是 0，"
                         f"保持空白待核对：{_names(self.blank)}")
        return lines

    def all_notes(self) -> list[str]:
        """How the source was read, for the record: blanks read as 0, rows placed by their totals."""
        lines = list(self.notes)
        if self.zeroed:
            lines.insert(0, f"原表 {len(self.zeroed)} 格留空，按 0 读入：{_names(self.zeroed)}")
        return lines


def _names(cells: frozenset[CellKey], shown: int = 5) -> str:
    names = [schema.cell_name(*key) for key in ENTERED_KEYS if key in cells]
    return "、".join(names[:shown]) + (f" 等 {len(names)} 格" if len(names) > shown else "")


def extract(lines: list[Line], name: str, *, plain_text: bool, titles: list[str] | None = None) -> ImportResult:
    """``titles``: what a web page names itself (<title>, <h1>), for the organ and year."""
    headings = _find_headings(lines)
    annex: list[Line] = []
    appendix = _appendix(lines, headings)
    if appendix is not None:  # the tables printed after the report: read there, not as its text
        lines, annex = lines[:appendix], lines[appendix + 1:]
        headings = {section: at for section, at in headings.items() if at < appendix}
    tables = {table.id: read_table(table, _table_lines(lines, headings, table.section),
                                   shared=_shared(headings, table.section)) for table in schema.TABLES}
    if annex:
        in_annex = _find_headings(annex)
        for table in schema.TABLES:
            if not tables[table.id].found_any:
                tables[table.id] = read_table(table, _table_lines(annex, in_annex, table.section),
                                              shared=_shared(in_annex, table.section))
    if not headings and not any(t.found_any for t in tables.values()):
        raise ImportFileError(f"“{name}”中没有找到政府信息公开工作年度报告的内容（各部分标题和统计表都没有找到）")

    missing: list[str] = []
    first = min(headings.values(), default=len(lines))
    head = _texts([line for line in lines[:first] if not _page_chrome(line)])
    meta = _meta(head, _tail(lines, headings), missing, titles or [])
    report = Report(organ=meta.organ, year=meta.year, doc_number=meta.doc_number, date=meta.date)
    report.text["preamble"] = _join(meta.preamble, plain_text)
    for section in SECTIONS:
        if section.id not in headings and section.id in schema.TABLE_BY_SECTION:
            if tables[schema.TABLE_BY_SECTION[section.id].id].found_any:  # else: 未找到…表格
                missing.append(f"未找到第{section.id}部分的标题（{section.heading}），表格已按行名找到，"
                               "其前后的文字请核对")
        elif section.id not in headings:
            missing.append(f"未找到第{section.id}部分（{section.heading}）")
    for text_section in (s.id for s in SECTIONS if s.id not in schema.TABLE_BY_SECTION and s.id in headings):
        paragraphs = _paragraphs(lines, headings, text_section)
        if headings[text_section] == max(headings.values()):  # the signature follows the last section
            paragraphs = paragraphs[:len(paragraphs) - meta.signature]
        for part, text in _split_parts(text_section, paragraphs).items():
            report.text[part] = _join(text, plain_text)

    report.cells = dict.fromkeys(ENTERED_KEYS)
    stated: dict[CellKey, Value] = {}
    unfound: set[CellKey] = set()
    blank: set[CellKey] = set()
    zeroed: set[CellKey] = set()
    doubtful: set[CellKey] = set()
    notes: list[str] = []
    for result in tables.values():
        report.cells.update(result.values)
        stated.update(result.stated)
        unfound |= result.unfound | result.unusable
        blank |= result.blank
        zeroed |= result.zeroed
        doubtful |= result.doubtful
        missing += result.messages
        notes += result.notes
    # A printed total whose cells were not all read is no finding yet ("应为 0" would mislead); the
    # window keeps comparing it (``stated``) until the clerk has filled them in.
    checkable = {key: value for key, value in stated.items() if not any(t in unfound for t in SUM_TERMS[key])}
    return ImportResult(report, check_stated(report, checkable), missing, frozenset(unfound), frozenset(blank), stated,
                        frozenset(zeroed), notes, frozenset(doubtful))


# --- Sections ------------------------------------------------------------------------


def _find_headings(lines: list[Line]) -> dict[str, int]:
    found: dict[str, int] = {}
    start = 0
    for section in SECTIONS:
        for index in range(start, len(lines)):
            text = lines[index].paragraph
            if text is not None and _is_heading(text, section):
                found[section.id] = index
                start = index + 1
                break
    return found


def _is_heading(text: str, section: schema.Section) -> bool:
    number, words = section.heading.split("、", 1)
    flat = norm(text).rstrip(":。")
    if not flat.startswith(number + "、"):
        return False
    rest, wanted = flat[len(number) + 1:], norm(words)
    return len(rest) <= 2 * len(wanted) and SequenceMatcher(None, rest, wanted).ratio() >= HEADING_SIMILARITY


_APPENDIX = re.compile(r"^附(件|表)[一二三四五六七八九十\d]*[:：\s]?")
MAX_APPENDIX_TITLE = 40


def _appendix(lines: list[Line], headings: dict[str, int]) -> int | None:
    """Where tables printed as an appendix (附件：…统计表) begin, after the report's last heading:
    a short 附件/附表 line with a table row after it."""
    start = max(headings.values(), default=0)
    for index in range(start, len(lines)):
        text = lines[index].paragraph
        if text is not None and len(text) <= MAX_APPENDIX_TITLE and _APPENDIX.match(norm(text)):
            if any(line.tabular and any(map(is_figure, line.cells)) for line in lines[index + 1:]) or any(
                    is_figure(part) for line in lines[index + 1:] for part in " ".join(line.cells).split()):
                return index
    return None


def _bounds(lines: list[Line], headings: dict[str, int], section: str) -> tuple[int, int]:
    """Lines of a section: after its heading (or, without one, after the previous one found) to the next heading."""
    order = [s.id for s in SECTIONS]
    position = order.index(section)
    earlier = [headings[s] for s in order[:position + 1] if s in headings]
    later = [headings[s] for s in order[position + 1:] if s in headings]
    return (earlier[-1] + 1 if earlier else 0), (later[0] if later else len(lines))


def _shared(headings: dict[str, int], section: str) -> tuple[bool, bool]:
    """Whether a table's region may also hold the previous / next section (its heading not found)."""
    order = [s.id for s in SECTIONS]
    position = order.index(section)
    after = order[position + 1] if position + 1 < len(order) else None
    return section not in headings, after is not None and after not in headings


def _table_lines(lines: list[Line], headings: dict[str, int], section: str) -> list[Line]:
    start, end = _bounds(lines, headings, section)
    return lines[start:end]


def _paragraphs(lines: list[Line], headings: dict[str, int], section: str) -> list[str]:
    """A text section's paragraphs; table rows (a neighbour's table, its heading lost) are not text."""
    start, end = _bounds(lines, headings, section)
    return _texts([line for line in lines[start:end] if not (line.tabular and any(map(is_figure, line.cells)))])


def _tail(lines: list[Line], headings: dict[str, int]) -> list[str]:
    """The paragraphs after the last heading: where the signature and date are."""
    start = max(headings.values(), default=0)
    return _texts(lines[start + 1:])


def _texts(lines: list[Line]) -> list[str]:
    """The lines as paragraphs (a row of several cells in running text: its cells, spaced)."""
    return [line.paragraph or " ".join(cell for cell in line.cells if cell) for line in lines]


# --- Meta: organ, year, 发文字号, 成文日期 -------------------------------------------------

_TITLE = re.compile(r"(?P<organ>.*?)(?:关于)?(?P<year>\d{4})年度?(?P<rest>.*年度报告)")
_DOC_NUMBER = re.compile(r"(?P<prefix>[^\s\d〔\[【(]{1,20})[〔\[【(](?P<year>\d{4})[〕\]】)]第?(?P<number>\d{1,5})号")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CHINESE_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                           r"([一二三四五六七八九十]{1,3})日")
_PERIOD = re.compile(r"(\d{4})年1月1日")
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
MAX_NAME = 40  # longer than any organ's name: a sentence, not a signature
BLANK_DATE = "年月日"  # a date left to be filled in by hand: gxdesk prints "　　年　月　日"


def _flat(text: str) -> str:
    """Compact form for meta patterns: NFKC, no spaces, markdown marks dropped."""
    return norm(text).strip("《》")


@dataclass
class _Meta:
    organ: str = ""
    year: int = 0
    doc_number: str = ""
    date: str = ""
    preamble: list[str] = field(default_factory=list)
    signature: int = 0  # paragraphs at the very end that are the signature and date


def _meta(head: list[str], tail: list[str], missing: list[str], titles: list[str]) -> _Meta:
    meta = _Meta()
    title_at, title_end, match = _title(head)
    if match is None:  # the page names the report (its <title>, <h1>) where its text does not
        match = next((m for m in map(_page_title, titles) if m is not None), None)
    titled = above = ""
    if match is not None:
        meta.year = int(match.group("year"))
        titled = _organ_text(match.group("organ"))
        line = _flat(head[title_at - 1]) if title_at > 0 else ""
        if _name_like(line) and not _DOC_NUMBER.fullmatch(line):  # the organ on a line above the year
            above = _organ_text(line.removesuffix("文件"))
    for text in head:
        number = _DOC_NUMBER.fullmatch(_flat(text))
        if number and not meta.doc_number:
            meta.doc_number = f"{number.group('prefix')}〔{number.group('year')}〕{number.group('number')}号"

    # The signature: the organ's name, then the date, as the last lines.
    signer = ""
    date_at = next((i for i in range(len(tail) - 1, max(len(tail) - 6, -1), -1)
                    if _date(tail[i]) or _flat(tail[i]) == BLANK_DATE), None)
    if date_at is not None:
        meta.date = _date(tail[date_at])
        meta.signature = len(tail) - date_at
        line = _flat(tail[date_at - 1]) if date_at > 0 else ""
        if _name_like(line):
            signer = line
    else:
        meta.date = next((d for d in map(_date, head) if d), "")
    meta.organ = titled or signer or above
    if signer and signer == meta.organ:
        meta.signature += 1

    body = head[title_end:] if match is not None else [t for t in head if not _name_like(t)]
    meta.preamble = [t for t in body if not (_DOC_NUMBER.fullmatch(_flat(t)) or _date(t))]
    if not meta.year:
        period = _PERIOD.search(_flat("".join(meta.preamble)))
        meta.year = int(period.group(1)) if period else 0
    if not YEAR_MIN <= meta.year <= YEAR_MAX:
        meta.year = 0
    for value, label in ((meta.organ, "organ"), (meta.year, "year"), (meta.date, "date")):
        if not value:
            missing.append(f"未找到{schema.META_LABELS[label]}")
    return meta


# A site's frame around the article: the metadata table's labels, the breadcrumb, the navigation.
_CHROME_LABEL = re.compile(r"^(名称|标题|索引号|发布机构|发文机关|发布单位|公开日期|发布日期|发布时间|生成日期|"
                           r"成文日期|主题分类|主题词|体裁分类|文号|发文字号|有效性|信息来源|来源|浏览次数|访问量|阅读次数|"
                           r"字号|分享到|打印本页|关闭窗口)[:：]?$")
_BREADCRUMB = re.compile(r"当前位置|您的位置|您现在的位置|首页\s*[>＞»/]|[>＞»]\s*\S+\s*[>＞»]")


def _page_chrome(line: Line) -> bool:
    """A line of the page around the report, not of the report: its name, dates and organ are the
    site's (the publishing office), never taken for the report's."""
    first = next((cell for cell in line.cells if cell), "")
    if _CHROME_LABEL.match(norm(first).rstrip(":")) or _CHROME_LABEL.match(norm(first)):
        return True
    text = " ".join(line.cells)
    return bool(_BREADCRUMB.search(text)) or (text.count("|") >= 3 and "首页" in text)


def _page_title(title: str) -> re.Match[str] | None:
    """The report's title in a page title such as "某局2025年政府信息公开工作年度报告_某县人民政府"."""
    for piece in re.split(r"[_|｜—–]|\s-\s|-(?=[^\d])", title):
        match = _TITLE.fullmatch(_flat(piece))
        if match:
            return match
    return None


# A title is the organ's name (up to limits' 100 characters) and "YYYY年政府信息公开工作年度报告";
# printed 上长下短 at 20 or fewer characters a line, a 40-character name already takes 4 lines.
MAX_TITLE = MAX_META_CHARS["organ"] + 30
MAX_TITLE_LINES = 10


def _title(head: list[str]) -> tuple[int, int, re.Match[str] | None]:
    """(first line, line after it, match) of the title "…YYYY年…年度报告", possibly wrapped."""
    for start in range(len(head)):
        for end in range(start + 1, min(start + MAX_TITLE_LINES, len(head)) + 1):
            flat = "".join(_flat(line) for line in head[start:end])
            if len(flat) > MAX_TITLE or "。" in flat or _DOC_NUMBER.fullmatch(_flat(head[end - 1])):
                break
            match = _TITLE.fullmatch(flat)
            if match:
                return start, end, match
    return 0, 0, None


def _name_like(text: str) -> bool:
    """A short line without punctuation: a name or a header, not running text."""
    flat = _flat(text)
    return 0 < len(flat) <= MAX_NAME and not re.search(r"[。，,；;：:]", flat)


def _organ_text(text: str) -> str:
    return text.strip(" 　:：-—").removesuffix("关于").removesuffix("的")


def _date(text: str) -> str:
    flat = _flat(text)
    match = _DATE.fullmatch(flat)
    if match:
        parts = [int(g) for g in match.groups()]
    else:
        chinese = _CHINESE_DATE.fullmatch(flat)
        if not chinese:
            return ""
        year = int("".join(str(_DIGITS[c]) for c in chinese.group(1)))
        parts = [year, _chinese_number(chinese.group(2)), _chinese_number(chinese.group(3))]
    try:
        return date(*parts).isoformat()
    except ValueError:
        return ""


def _chinese_number(text: str) -> int:
    """一 … 三十一, as written in dates."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


# --- Text parts ------------------------------------------------------------------------

_PART_MARK = re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,2}\s*[）)]\s*")
_ANY_MARK = re.compile(r"^([（(]\s*[一二三四五六七八九十\d]{1,2}\s*[）)]"  # （一） (1)
                       r"|[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}\s*[.、．])")  # 一、 1.
_LEAD_END = re.compile(r"[。：:]")
MAX_LEAD = 20  # a sub-heading is short
MAX_BARE_HEADING = 12  # a sub-heading on its own line without a number
_TERMINAL = tuple("。！？；：!?;:…”’」』）)")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def clean_paragraph(text: str) -> str:
    """A paragraph as text: markdown heading marks, emphasis and link targets removed."""
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text.replace("**", "").replace("__", ""))
    return clean_text(text).strip()


def _split_parts(section: str, paragraphs: list[str]) -> dict[str, list[str]]:
    parts = [p for p in TEXT_PARTS if p.section == section]
    current = parts[0]
    out: dict[str, list[str]] = {p.id: [] for p in parts}
    for raw in paragraphs:
        text = clean_paragraph(raw)
        if not text:
            continue
        lead = _lead(text) if len(parts) > 1 else None
        target = _match_part(lead.words, parts) if lead else None
        if lead and target is not None and (target is not current or lead.numbered or not lead.body):
            current = target
            if lead.body:
                out[current.id].append(lead.body)
            continue
        out[current.id].append(text)
    return out


@dataclass(frozen=True)
class _Lead:
    words: str  # the sub-heading's words
    body: str  # the text to keep
    numbered: bool


def _lead(text: str) -> _Lead | None:
    """The sub-heading a paragraph opens with, if any.

    "（一）主动公开情况。一是……" → a numbered heading: dropped from the text (the
    report prints its own); "存在问题：一是……" → kept whole, the words only mark
    where a part begins; a short line on its own is a heading.
    """
    mark = _PART_MARK.match(text)
    if mark:
        after = text[mark.end():]
        end = _LEAD_END.search(after)
        words = after[:end.start()] if end else after
        if len(words) > MAX_LEAD:
            return None
        return _Lead(words, after[end.end():].strip() if end else "", True)
    colon = re.search(r"[：:]", text[:MAX_BARE_HEADING + 1])
    if colon:
        return _Lead(text[:colon.start()], text, False)
    if len(text) <= MAX_BARE_HEADING and not re.search(r"[。，,；;]", text):
        return _Lead(text, "", False)
    return None


def _match_part(lead: str, parts: list[TextPart]) -> TextPart | None:
    flat = norm(lead)
    titled = [p for p in parts if p.title]
    contained = [p for p in titled if norm(p.title) in flat or (len(flat) >= 4 and flat in norm(p.title))]
    if contained:
        return max(contained, key=lambda p: len(p.title))
    scored = sorted(((_overlap(flat, norm(p.title)), i) for i, p in enumerate(titled)), reverse=True)
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return titled[scored[0][1]]
    return None


def _overlap(a: str, b: str) -> float:
    """Share of the shorter string's characters found in the other (sub-headings vary in wording)."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(set(a)), len(set(b)))


def _join(paragraphs: list[str], plain_text: bool) -> str:
    """Paragraphs one per line; in text copied from a PDF, lines broken mid-sentence are rejoined."""
    cleaned = [clean_paragraph(p) for p in paragraphs]
    cleaned = [p for p in cleaned if p]
    if not plain_text:
        return "\n".join(cleaned)
    out: list[str] = []
    for paragraph in cleaned:
        if out and _continues(out[-1], paragraph):
            out[-1] += paragraph
        else:
            out.append(paragraph)
    return "\n".join(out)


def _continues(previous: str, paragraph: str) -> bool:
    return not (previous.endswith(_TERMINAL) or _heading_like(previous) or _heading_like(paragraph)
                or _ANY_MARK.match(paragraph))


def _heading_like(text: str) -> bool:
    if "。" in text:
        return False
    return len(text) <= MAX_BARE_HEADING or (len(text) <= 30 and bool(_ANY_MARK.match(text)))
