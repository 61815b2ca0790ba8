"""The template renders the report once into blocks: wording, order, numbering, escaping, errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import schema
from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.numbers import chinese_number
from gxdesk.render import build
from gxdesk.render.printout import DocNumber, Heading, Paragraph, Signature, TemplateError, Title
from gxdesk.render.tables import PrintedTable
from gxdesk.render.template import paragraphs, print_date
from gxdesk.resources import asset_dir


def headings(report: Report, **options: object) -> list[str]:
    return [b.text for b in build(report, **options).pieces if isinstance(b, Heading)]  # type: ignore[arg-type]


def test_blocks_in_the_official_order(sample: Report) -> None:
    blocks = build(sample).pieces
    kinds = [type(b) for b in blocks]
    assert kinds[:2] == [DocNumber, Title]
    assert kinds[-1] is Signature
    assert [b.id for b in blocks if isinstance(b, PrintedTable)] == ["proactive", "requests", "appeals"]
    level1 = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert level1 == [s.heading for s in schema.SECTIONS]
    # Each table directly follows its section's heading.
    for i, block in enumerate(blocks):
        if isinstance(block, PrintedTable):
            section = schema.TABLE_BY_ID[block.id].section
            assert blocks[i - 1] == Heading(1, schema.SECTION_BY_ID[section].heading)


def test_title_doc_number_and_signature(sample: Report) -> None:
    blocks = build(sample).pieces
    assert blocks[0] == DocNumber("青市监发〔2026〕3号")
    title = blocks[1]
    assert isinstance(title, Title)
    # Too long for one line of 2号: broken between words into the 上长下短 shape (13 over 12).
    assert title.lines == ("青禾县市场监督管理局2025年", "政府信息公开工作年度报告")
    assert blocks[-1] == Signature("青禾县市场监督管理局", "2026年1月20日", seal=False)
    assert build(sample, seal=True).pieces[-1] == Signature("青禾县市场监督管理局", "2026年1月20日", seal=True)


def test_short_title_stays_on_one_line_and_custom_title_wins(sample: Report) -> None:
    sample.organ = "某县政府"
    title = build(sample).pieces[1]
    assert isinstance(title, Title) and title.lines == ("某县政府2025年政府信息公开工作年度报告",)
    sample.title = "关于2025年度政务公开工作的报告"
    title = build(sample).pieces[1]
    assert isinstance(title, Title) and title.lines == ("关于2025年度政务公开工作的报告",)


def test_no_doc_number_no_line(sample: Report) -> None:
    sample.doc_number = ""
    assert not any(isinstance(b, DocNumber) for b in build(sample).pieces)


def test_sub_headings_numbered_over_the_parts_that_have_text(sample: Report) -> None:
    titles = [p.title for p in schema.TEXT_PARTS if p.section == "一" and p.title]
    assert headings(sample)[1:6] == [f"（{chinese_number(i)}）{t}" for i, t in enumerate(titles, start=1)]
    sample.text["proactive"] = ""
    sample.text["management"] = "  \n "
    sample.text["problems"] = ""
    found = [h for h in headings(sample) if h.startswith("（")]
    title = {p.id: p.title for p in schema.TEXT_PARTS}
    assert found == [f"（一）{title['on_request']}", f"（二）{title['platform']}", f"（三）{title['oversight']}",
                     f"（一）{title['improvements']}"]


def test_empty_parts_leave_no_empty_headings(sample: Report) -> None:
    for part in schema.TEXT_IDS:
        sample.text[part] = ""
    blocks = build(sample).pieces
    assert [b.text for b in blocks if isinstance(b, Heading)] == [s.heading for s in schema.SECTIONS]
    assert not any(isinstance(b, Paragraph) for b in blocks)


def test_paragraphs_and_line_breaks(sample: Report) -> None:
    sample.text["other"] = "第一段第一行\n第一段第二行\n\n　　第二段\r\n\r\n\n第三段  "
    body = [b.text for b in build(sample).pieces if isinstance(b, Paragraph)]
    assert body[-3:] == ["第一段第一行\n第一段第二行", "第二段", "第三段"]


def test_user_text_prints_literally(sample: Report) -> None:
    hostile = "<b>&amp;</b> {{ 7*7 }} {% if x %} </w:t> ]]> 😀\t\x0b\x00!"
    sample.text["other"] = hostile
    sample.organ = "<局>&{{ organ }}"
    blocks = build(sample).pieces
    assert Paragraph("<b>&amp;</b> {{ 7*7 }} {% if x %} </w:t> ]]> 😀\t!") in blocks
    signature = blocks[-1]
    assert isinstance(signature, Signature) and signature.organ == "<局>&{{ organ }}"
    assert not any("49" in getattr(b, "text", "") for b in blocks)


def test_missing_date_leaves_room_to_write_it(sample: Report) -> None:
    sample.date = ""
    signature = build(sample).pieces[-1]
    assert isinstance(signature, Signature) and signature.date == "　　年　月　日"


@pytest.mark.parametrize(("iso", "printed"), [("2026-01-26", "2026年1月26日"), ("2025-12-05", "2025年12月5日"),
                                              ("", "")])
def test_dates_print_without_leading_zeros(iso: str, printed: str) -> None:
    assert print_date(iso) == printed


def test_paragraph_filter_strips_manual_indents() -> None:
    assert paragraphs("　　甲\n乙\n \n\t丙") == ["甲\n乙", "丙"]
    assert paragraphs(" \n ") == []


# --- User templates ----------------------------------------------------------------


def copy_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "my-templates"
    shutil.copytree(asset_dir("templates"), folder)
    return folder


def test_a_copied_template_changes_the_wording(sample: Report, tmp_path: Path) -> None:
    folder = copy_templates(tmp_path)
    path = folder / "report.xml.j2"
    text = path.read_text(encoding="utf-8")
    own = "{{ organ }}<wbr/>{{ year }}年度政务公开工作报告"
    path.write_text(text.replace("{{ title or standard_title }}", own), encoding="utf-8")
    title = build(sample, template_dir=folder).pieces[1]
    # Too long for a line: balanced 上长下短 between words, "2025年度" kept whole.
    assert isinstance(title, Title) and title.lines == ("青禾县市场监督管理局2025年度", "政务公开工作报告")


def test_a_template_copied_from_version_0_1_prints_the_same(sample: Report, tmp_path: Path) -> None:
    """0.1's template spelled the standard title and numbered sub-headings with |cn itself."""
    folder = copy_templates(tmp_path)
    path = folder / "report.xml.j2"
    text = path.read_text(encoding="utf-8")
    old = text.replace("  <title>{{ title or standard_title }}</title>", (
        "{% if title %}\n  <title>{{ title }}</title>\n{% else %}\n"
        "  <title>{{ organ }}<wbr/>{{ year }}年政府信息公开工作年度报告</title>\n{% endif %}"))
    old = old.replace("{{ part.number }}", "（{{ loop.index|cn }}）")
    assert old.count("loop.index|cn") == 2 and "standard_title }}" not in old
    path.write_text(old, encoding="utf-8")
    sample.text["proactive"] = ""  # the numbering skips an empty part
    for title in ("", "自定的标题"):
        sample.title = title
        assert build(sample, template_dir=folder) == build(sample)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("{% endif %}", "", 1), "语法错误"),
        (lambda t: t.replace("<report>", "<report>{{ no_such_value }}"), "无法生成报告"),
        (lambda t: t.replace("</report>", ""), "不是完整的标记"),
        (lambda t: t.replace("<report>", "<report><marquee>x</marquee>"), "不认识的标签 <marquee>"),
        (lambda t: t.replace('tables["四"]', '"nope"'), "不是报告中的表格"),
        (lambda t: t.replace("<report>", "<report>{{ organ.__class__.__mro__ }}"), "无法生成报告"),
    ],
)
def test_a_broken_template_gives_one_chinese_line(sample: Report, tmp_path: Path, change: object,
                                                   message: str) -> None:
    folder = copy_templates(tmp_path)
    path = folder / "report.xml.j2"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(TemplateError) as caught:
        build(sample, template_dir=folder)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_folder_without_the_template(sample: Report, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"report\.xml\.j2"):
        build(sample, template_dir=tmp_path)


@pytest.mark.subprocess
def test_importing_render_loads_no_heavy_library() -> None:
    code = (
        "import sys, gxdesk.render, gxdesk.cli.render; "
        "heavy = [m for m in ('reportlab', 'docx', 'jinja2', 'lxml', 'PySide6') if m in sys.modules]; "
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.subprocess
def test_a_pdf_does_not_wait_for_pillow_which_still_loads_when_used(tmp_path: Path) -> None:
    """ReportLab imports PIL.Image for pictures, which a report has none of: rl.py makes it lazy."""
    code = (
        "import sys; from gxdesk.render import render; from gxdesk.sample import load_sample; "
        f"render(load_sample(), {str(tmp_path / 'x.pdf')!r}); "
        "loaded = 'PIL.ExifTags' in sys.modules; "
        "from PIL import Image; from reportlab.lib import utils; "
        "print(loaded, utils.Image is Image, Image.new('RGB', (3, 2)).size)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "(3,", "2)"]
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


# --- Sub-headings the clerk typed (GB/T 9704 7.3.3) ---------------------------------------------


def test_typed_sub_headings_are_set_like_the_generated_ones(sample: Report) -> None:
    sample.text["other"] = ("本年度未收取信息处理费。\n\n（一）政务公开工作要点落实情况\n\n全部完成12项任务。\n\n"
                            "（二）建议提案办理情况。全年办理建议14件。\n\n1.建议办理\n\n1.5万元的经费已到位。")
    pieces = build(sample).pieces
    six = list(pieces)[next(i for i, p in enumerate(pieces) if isinstance(p, Heading) and p.text.startswith("六、")) + 1:-1]
    assert six == [
        Paragraph("本年度未收取信息处理费。"),
        Heading(2, "（一）政务公开工作要点落实情况"),  # alone on its line: a heading, 楷体
        Paragraph("全部完成12项任务。"),
        Paragraph("（二）建议提案办理情况。全年办理建议14件。", "（二）建议提案办理情况。", 2),  # run in: its lead in 楷体
        Heading(3, "1.建议办理"),
        Paragraph("1.5万元的经费已到位。"),  # a figure, not a number
    ]


def test_under_a_generated_sub_heading_typed_ones_are_a_level_below(sample: Report) -> None:
    title = {p.id: p.title for p in schema.TEXT_PARTS}
    sample.text["problems"] = f"（一）{title['problems']}\n\n（一）解读形式单一。以文字为主。\n\n（二）报送不及时"
    pieces = build(sample).pieces
    start = pieces.index(Heading(2, f"（一）{title['problems']}"))
    assert list(pieces[start + 1: start + 3]) == [
        # The clerk's own repetition of the part's title is not printed twice.
        Paragraph("（一）解读形式单一。以文字为主。", "（一）解读形式单一。", 3),  # no second （一） level: 仿宋
        Heading(3, "（二）报送不及时"),
    ]


def test_a_typed_lead_prints_in_its_face(sample: Report, tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from gxdesk.render import fonts, render

    sample.text["other"] = "（一）要点落实情况。全部完成。"
    out = tmp_path / "r.pdf"
    render(sample, out)
    kai = fonts.resolve()[fonts.FontRole.KAI].face
    body = fonts.resolve()[fonts.FontRole.BODY].face
    assert kai is not None and body is not None
    document = pdfium.PdfDocument(out)
    text_page = document[len(document) - 1].get_textpage()
    names = {}
    buffer = (raw.c_char * 256)()
    flags = raw.c_int()
    for i in range(text_page.count_chars()):
        raw.FPDFText_GetFontInfo(text_page.raw, i, buffer, 256, flags)
        names[text_page.get_text_range(i, 1)] = buffer.value.decode("latin-1")
    document.close()
    assert names["要"] != names["全"]  # the lead (（一）要点落实情况。) in 楷体, the rest in 仿宋
    assert names["完"] == names["全"]
