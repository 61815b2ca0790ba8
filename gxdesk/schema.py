"""The 2021 annual-report format (国办公开办函〔2021〕30号) as data.

This is the only module that spells the printed labels, the row and column
ids, which cells are computed, and how each table is printed and stored: its
shape, column widths and type size, and the form of its rows in a .gxr file.
The report model, the rules, the window, the templates, the renderer and the
importer all read these definitions.
"""

from __future__ import annotations

from enum import Enum
from typing import Iterator

from gxdesk.records import field, record


class Kind(Enum):
    """What a cell holds."""

    COUNT = "count"  # a non-negative integer
    AMOUNT = "amount"  # a sum in 万元, kept as Decimal


class Shape(Enum):
    """How a table is printed, and drawn in the window (``gxdesk.grid`` builds each shape)."""

    MATRIX = "matrix"  # one block: row labels on the left (groups as spanned columns), column headers on top
    SIDE_BY_SIDE = "side by side"  # one block: each row a group of columns, all figures in one printed row
    STACKED = "stacked"  # blocks one under another, each with its heading and its header row


class FileForm(Enum):
    """How the rows of a block are written in a .gxr file (docs/file-format.md)."""

    OBJECT = "object"  # column id → figure: "rules": {"issued": 2, "repealed": 0, "in_force": 15}
    VALUE = "value"  # the row's one figure: "licensing": 120
    LIST = "list"  # the figures in column order: "new": [50, 2, 0, 0, 1, 0]


@record
class Column:
    id: str
    label: str
    group: str = ""  # spanning header printed above this column, if any
    sum_of: tuple[str, ...] = ()  # a computed column: the columns it adds up

    @property
    def computed(self) -> bool:
        return bool(self.sum_of)


@record
class Row:
    id: str
    label: str
    groups: tuple[str, ...] = ()  # enclosing row labels, outermost first
    sum_of: tuple[str, ...] = ()  # a computed row: the rows it adds up
    short: str = ""  # how running text names the row, e.g. 二、上年结转; the label unless given
    aliases: tuple[str, ...] = ()  # other labels published tables print for it (the importer reads them)

    def __post_init__(self) -> None:
        if not self.short:
            object.__setattr__(self, "short", self.label)

    @property
    def computed(self) -> bool:
        return bool(self.sum_of)


@record
class Block:
    """Rows sharing one set of columns (section 二 has four such blocks)."""

    heading: str  # printed above the block, e.g. 第二十条第（一）项; may be ""
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    kind: Kind = Kind.COUNT
    corner: str = ""  # the header cell above the row labels
    file_form: FileForm = FileForm.OBJECT

    def __post_init__(self) -> None:
        entered = [c for c in self.columns if not c.computed]
        if self.file_form is FileForm.VALUE and len(entered) != 1:
            raise ValueError(f"block {self.heading!r}: a row is one value in the file only with one entered column")


@record
class Table:
    id: str
    section: str  # 二 / 三 / 四
    shape: Shape
    blocks: tuple[Block, ...]
    # Printed: column widths in mm, one per column of the printed grid, filling the type
    # area's 156 mm (a test holds them to both); the type size of the table in pt.
    widths_mm: tuple[float, ...]
    font_size: float
    column_title: str = ""  # printed above all figure columns (三's 申请人情况)
    _rows: dict[str, tuple[Block, Row]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {row.id: (block, row) for block in self.blocks for row in block.rows}
        object.__setattr__(self, "_rows", index)
        if self.shape is not Shape.STACKED and len(self.blocks) != 1:
            raise ValueError(f"{self.id}: a {self.shape.value} table has one block")
        width = max(len(b.columns) for b in self.blocks)
        for block in self.blocks if self.shape is Shape.STACKED else ():
            if width % len(block.columns) or any(row.groups for row in block.rows):
                raise ValueError(f"block {block.heading!r} of {self.id} does not fit a stacked table")

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for block in self.blocks for row in block.rows)

    def row(self, row_id: str) -> Row:
        return self._rows[row_id][1]

    def block_of(self, row_id: str) -> Block:
        return self._rows[row_id][0]

    def column(self, row_id: str, column_id: str) -> Column:
        for column in self.block_of(row_id).columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)

    def cells(self) -> Iterator[tuple[Row, Column]]:
        """Every cell, entered and computed, in printed order."""
        for block in self.blocks:
            for row in block.rows:
                for column in block.columns:
                    yield row, column

    def entered_cells(self) -> Iterator[tuple[Row, Column]]:
        return ((r, c) for r, c in self.cells() if not (r.computed or c.computed))

    def kind(self, row_id: str) -> Kind:
        return self.block_of(row_id).kind


@record
class TextPart:
    id: str  # the key under "text" in a .gxr file
    section: str  # 前言 / 一 / 五 / 六
    title: str  # customary sub-heading without its number; "" for none
    hint: str  # what belongs here, shown to the clerk


@record
class Section:
    id: str  # 一 … 六
    heading: str  # verbatim, e.g. 一、总体情况
    short: str  # tab / message name, e.g. 三、申请情况


# --- Sections ------------------------------------------------------------------

SECTIONS: tuple[Section, ...] = (
    Section("一", "一、总体情况", "一、总体情况"),
    Section("二", "二、主动公开政府信息情况", "二、主动公开"),
    Section("三", "三、收到和处理政府信息公开申请情况", "三、申请情况"),
    Section("四", "四、政府信息公开行政复议、行政诉讼情况", "四、复议诉讼"),
    Section("五", "五、存在的主要问题及改进情况", "五、问题及改进"),
    Section("六", "六、其他需要报告的事项", "六、其他事项"),
)
SECTION_BY_ID = {s.id: s for s in SECTIONS}

# --- Meta fields -----------------------------------------------------------------


class MetaKind(Enum):
    TEXT = "text"
    YEAR = "year"  # YEAR_MIN … YEAR_MAX
    DATE = "date"  # YYYY-MM-DD, or "" while not yet set


@record
class MetaField:
    id: str  # the Report attribute and the key in a .gxr file
    label: str
    kind: MetaKind = MetaKind.TEXT
    required: bool = False  # a file without it is refused (else it reads as empty)
    saved_empty: bool = True  # False: left out of a saved file while empty
    note: str = ""  # what the file format adds to the label (docs/gxr.schema.json)


META_FIELDS: tuple[MetaField, ...] = (
    MetaField("organ", "机关名称"),
    MetaField("year", "报告年度", MetaKind.YEAR, required=True),
    MetaField("doc_number", "发文字号"),
    MetaField("date", "成文日期", MetaKind.DATE, note="YYYY-MM-DD or empty"),
    MetaField("title", "标题", saved_empty=False, note="optional; absent or empty = the standard title"),
)
META_LABELS = {f.id: f.label for f in META_FIELDS}

# --- The title ---------------------------------------------------------------------

REPORT_KIND_WORDS = ("政府信息公开", "工作", "年度报告")  # where a long title may break
REPORT_KIND = "".join(REPORT_KIND_WORDS)  # 政府信息公开工作年度报告


def standard_title(organ: str, year: int) -> tuple[str, str]:
    """The standard title in two parts: the organ, then the rest."""
    return organ, f"{year}年{REPORT_KIND}"


def standard_title_words(organ: str, year: int) -> tuple[str, ...]:
    """The standard title in the words a long title may break between (the organ's own words
    are found by ``gxdesk.render.breaking``)."""
    return organ, f"{year}年", *REPORT_KIND_WORDS


def short_title(organ: str, year: int) -> str:
    """The name a clerk gives the report's file: 某某局2025年度报告."""
    return f"{organ}{year}年度报告"


# --- Narrative text --------------------------------------------------------------

TEXT_PARTS: tuple[TextPart, ...] = (
    TextPart("preamble", "前言", "",
             "开头说明：依据《中华人民共和国政府信息公开条例》编制本报告，统计期限为本年1月1日至12月31日。"),
    TextPart("overview", "一", "",
             "总体情况的总述：本年度政府信息公开工作的总体开展情况。"),
    TextPart("proactive", "一", "主动公开",
             "主动公开的信息数量、重点领域信息公开、政策解读等。"),
    TextPart("on_request", "一", "依申请公开",
             "收到和办理政府信息公开申请的总体情况、办理质量和时效。"),
    TextPart("management", "一", "政府信息管理",
             "信息发布审核、保密审查、政策文件管理、公开目录维护等。"),
    TextPart("platform", "一", "政府信息公开平台建设",
             "政府网站、政务新媒体、公开专栏、查阅场所等平台建设情况。"),
    TextPart("oversight", "一", "监督保障",
             "组织领导、培训、工作考核、社会评议和责任追究结果等。"),
    TextPart("problems", "五", "存在的主要问题",
             "本年度工作中存在的主要问题，要具体，不要照搬上年。"),
    TextPart("improvements", "五", "改进情况",
             "上年问题的整改情况和下一步改进措施。"),
    TextPart("other", "六", "",
             "信息处理费收取情况（如“本年度未收取信息处理费”）、政务公开工作要点落实、"
             "人大代表建议和政协提案办理公开等。"),
)
TEXT_PART_BY_ID = {p.id: p for p in TEXT_PARTS}
TEXT_IDS: tuple[str, ...] = tuple(p.id for p in TEXT_PARTS)

# --- Section 二: 主动公开政府信息情况 ----------------------------------------------

_DOC_COLUMNS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_DECISIONS = (Column("count", "本年处理决定数量"),)

PROACTIVE = Table(
    id="proactive",
    section="二",
    shape=Shape.STACKED,
    blocks=(
        Block("第二十条第（一）项", _DOC_COLUMNS,
              (Row("rules", "规章"), Row("normative_documents", "行政规范性文件", aliases=("规范性文件",))),
              corner="信息内容"),
        Block("第二十条第（五）项", _DECISIONS, (Row("licensing", "行政许可"),), corner="信息内容",
              file_form=FileForm.VALUE),
        Block("第二十条第（六）项", _DECISIONS,
              (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), corner="信息内容",
              file_form=FileForm.VALUE),
        Block("第二十条第（八）项", (Column("amount", "本年收费金额（单位：万元）"),),
              (Row("fees", "行政事业性收费"),), kind=Kind.AMOUNT, corner="信息内容",
              file_form=FileForm.VALUE),
    ),
    widths_mm=(48.0, 36.0, 36.0, 36.0),
    font_size=12.0,  # 小四
)

# --- Section 三: 收到和处理政府信息公开申请情况 --------------------------------------

APPLICANT_GROUP = "申请人情况"
LEGAL_PERSON_GROUP = "法人或其他组织"
REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
# The 勾稽关系 the corner states, as rows: 一 + 二 = （七）总计 + 四, in every column.
REQUESTS_BALANCE: tuple[tuple[str, ...], tuple[str, ...]] = (("new", "carried_over"), ("total", "carried_forward"))

_APPLICANTS = (
    Column("natural_person", "自然人"),
    Column("business", "商业企业", LEGAL_PERSON_GROUP),
    Column("research", "科研机构", LEGAL_PERSON_GROUP),
    Column("nonprofit", "社会公益组织", LEGAL_PERSON_GROUP),
    Column("legal_services", "法律服务机构", LEGAL_PERSON_GROUP),
    Column("other", "其他", LEGAL_PERSON_GROUP),
)
REQUEST_COLUMN_IDS: tuple[str, ...] = tuple(c.id for c in _APPLICANTS)

_RESULTS = "三、本年度办理结果"
_REFUSED = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

_OUTCOMES = (
    Row("granted", "（一）予以公开", (_RESULTS,)),
    Row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (_RESULTS,)),
    Row("refused_state_secret", "1.属于国家秘密", (_RESULTS, _REFUSED)),
    Row("refused_prohibited_by_law", "2.其他法律行政法规禁止公开", (_RESULTS, _REFUSED)),
    Row("refused_three_safeties", "3.危及“三安全一稳定”", (_RESULTS, _REFUSED)),
    Row("refused_third_party", "4.保护第三方合法权益", (_RESULTS, _REFUSED)),
    Row("refused_internal_affairs", "5.属于三类内部事务信息", (_RESULTS, _REFUSED)),
    Row("refused_process_info", "6.属于四类过程性信息", (_RESULTS, _REFUSED)),
    Row("refused_enforcement_files", "7.属于行政执法案卷", (_RESULTS, _REFUSED)),
    Row("refused_query_matters", "8.属于行政查询事项", (_RESULTS, _REFUSED)),
    Row("unavailable_not_held", "1.本机关不掌握相关政府信息", (_RESULTS, _UNAVAILABLE)),
    Row("unavailable_needs_creation", "2.没有现成信息需要另行制作", (_RESULTS, _UNAVAILABLE)),
    Row("unavailable_unclear", "3.补正后申请内容仍不明确", (_RESULTS, _UNAVAILABLE)),
    Row("not_processed_petition", "1.信访举报投诉类申请", (_RESULTS, _NOT_PROCESSED)),
    Row("not_processed_repeat", "2.重复申请", (_RESULTS, _NOT_PROCESSED)),
    Row("not_processed_publication", "3.要求提供公开出版物", (_RESULTS, _NOT_PROCESSED)),
    Row("not_processed_excessive", "4.无正当理由大量反复申请", (_RESULTS, _NOT_PROCESSED)),
    Row("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", (_RESULTS, _NOT_PROCESSED)),
    Row("other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", (_RESULTS, _OTHER)),
    Row("other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", (_RESULTS, _OTHER)),
    Row("other_other", "3.其他", (_RESULTS, _OTHER)),
)
OUTCOME_ROW_IDS: tuple[str, ...] = tuple(r.id for r in _OUTCOMES)

REQUESTS = Table(
    id="requests",
    section="三",
    shape=Shape.MATRIX,
    blocks=(
        Block(
            "",
            (*_APPLICANTS, Column("total", "总计", sum_of=REQUEST_COLUMN_IDS)),
            (
                Row("new", "一、本年新收政府信息公开申请数量"),
                Row("carried_over", "二、上年结转政府信息公开申请数量", short="二、上年结转"),
                *_OUTCOMES,
                Row("total", "（七）总计", (_RESULTS,), sum_of=OUTCOME_ROW_IDS),
                Row("carried_forward", "四、结转下年度继续办理"),
            ),
            corner=REQUESTS_CORNER,
            file_form=FileForm.LIST,  # each row: the six applicant figures in column order
        ),
    ),
    widths_mm=(11.0, 19.0, 42.0, *(12.0,) * 7),  # three label levels, seven figure columns
    font_size=10.5,  # 五号
    column_title=APPLICANT_GROUP,
)
# Row ids in the order the .gxr file and the printed table list them.
REQUEST_ROW_IDS: tuple[str, ...] = tuple(r.id for r in REQUESTS.rows if not r.computed)

# --- Section 四: 行政复议、行政诉讼 -------------------------------------------------

REVIEW_GROUP = "行政复议"
LITIGATION_GROUP = "行政诉讼"
_APPEAL_RESULTS = ("upheld", "corrected", "other", "pending")

APPEALS = Table(
    id="appeals",
    section="四",
    shape=Shape.SIDE_BY_SIDE,  # 行政复议 and the two 行政诉讼 rows print as one row of 15 figures
    blocks=(
        Block(
            "",
            (
                Column("upheld", "结果维持"),
                Column("corrected", "结果纠正"),
                Column("other", "其他结果"),
                Column("pending", "尚未审结"),
                Column("total", "总计", sum_of=_APPEAL_RESULTS),
            ),
            (
                Row("review", REVIEW_GROUP),
                Row("litigation_direct", "未经复议直接起诉", (LITIGATION_GROUP,)),
                Row("litigation_after_review", "复议后起诉", (LITIGATION_GROUP,)),
            ),
        ),
    ),
    widths_mm=(10.4,) * 15,
    font_size=10.5,
)

TABLES: tuple[Table, ...] = (PROACTIVE, REQUESTS, APPEALS)
TABLE_BY_ID = {t.id: t for t in TABLES}
TABLE_BY_SECTION = {t.section: t for t in TABLES}

# Upper bounds that keep a typo from becoming a figure, and fit a 32-bit cell.
MAX_COUNT = 999_999_999
MAX_AMOUNT_PLACES = 6
# The regulations (条例) took effect in 2008; no report predates them.
YEAR_MIN, YEAR_MAX = 2008, 2100


# --- Names used in messages --------------------------------------------------------


def row_name(table_id: str, row_id: str) -> str:
    """A row label a clerk recognises out of context, e.g. （三）不予公开·1.属于国家秘密."""
    table = TABLE_BY_ID[table_id]
    row = table.row(row_id)
    # A numbered sub-item (1.…) means nothing without its group, nor does a row printed
    # side by side as columns under its group's heading (未经复议直接起诉 under 行政诉讼).
    if row.groups and (row.label[0].isdigit() or table.shape is Shape.SIDE_BY_SIDE):
        return f"{row.groups[-1]}·{row.label}"
    return row.label


def cell_name(table_id: str, row_id: str, column_id: str) -> str:
    """e.g. 三、申请情况「一、本年新收政府信息公开申请数量」「自然人」."""
    table = TABLE_BY_ID[table_id]
    short = SECTION_BY_ID[table.section].short
    column = table.column(row_id, column_id)
    if len(table.block_of(row_id).columns) == 1:
        return f"{short}「{row_name(table_id, row_id)}」"
    return f"{short}「{row_name(table_id, row_id)}」「{column.label}」"


def text_part_name(part_id: str) -> str:
    """e.g. 一、总体情况·主动公开, 六、其他需要报告的事项, 前言."""
    part = TEXT_PART_BY_ID[part_id]
    section = SECTION_BY_ID.get(part.section)
    where = section.heading if section else part.section
    return f"{where}·{part.title}" if part.title else where
