"""Where titles, signatures and table labels break (gxdesk.render.breaking), for both outputs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxdesk import schema
from gxdesk.render import breaking, page
from gxdesk.render.breaking import SignatureLine, cells, label_lines, organ_words, signature_lines, title_lines
from tests.factories import LONG_ORGAN

TITLE = page.TITLE_CELLS


@pytest.mark.parametrize(("organ", "words"), [
    ("青禾县市场监督管理局", ["青禾县", "市场监督管理局"]),  # 市场 is a word, not 市|场
    ("某某市某某区人民政府办公室", ["某某市", "某某区", "人民政府办公室"]),
    ("中共青禾县委宣传部", ["中共青禾县委", "宣传部"]),  # 县委 stays whole
    ("某某市某某区住房和城乡建设局", ["某某市", "某某区", "住房和城乡建设局"]),  # 城乡 is no 乡
    ("某市城市管理局", ["某市", "城市管理局"]),
    ("青禾县乡村振兴局", ["青禾县", "乡村振兴局"]),
    ("某县人民代表大会常务委员会办公室", ["某县", "人民代表大会常务委员会", "办公室"]),
    (LONG_ORGAN, ["青禾省", "青禾市", "青禾县", "人民政府", "国有资产监督管理委员会", "机关后勤事务服务中心",
                  "党总支办公室"]),
])
def test_organ_names_in_words(organ: str, words: list[str]) -> None:
    assert organ_words(organ) == words


def standard(organ: str) -> list[str]:
    return title_lines([list(schema.standard_title_words(organ, 2025))], TITLE)


def check_shape(lines: list[str], whole: str) -> None:
    assert "".join(lines) == whole
    widths = [cells(line) for line in lines]
    assert all(w <= TITLE for w in widths), lines
    assert all(a >= b for a, b in itertools.pairwise(widths)), lines  # 上长下短
    assert all(len(line) >= 3 for line in lines), lines  # no line of one or two characters
    for a, b in itertools.pairwise(lines):
        assert not (a[-1].isdigit() and b[0].isdigit()) and not b.startswith("年"), lines  # 2025年 whole


def test_the_sample_title_is_a_trapezoid() -> None:
    assert standard("青禾县市场监督管理局") == ["青禾县市场监督管理局2025年", "政府信息公开工作年度报告"]


def test_a_40_character_organ_breaks_at_its_words() -> None:
    lines = standard(LONG_ORGAN)
    check_shape(lines, f"{LONG_ORGAN}2025年{schema.REPORT_KIND}")
    assert lines == ["青禾省青禾市青禾县人民政府国有", "资产监督管理委员会机关后勤事务",
                     "服务中心党总支办公室2025年", "政府信息公开工作年度报告"]


@pytest.mark.parametrize("length", range(1, 41))
def test_standard_titles_for_organs_of_every_length(length: int) -> None:
    organ = LONG_ORGAN[:length]
    lines = standard(organ)
    check_shape(lines, f"{organ}2025年{schema.REPORT_KIND}")


@given(st.text(alphabet="甲乙丙丁戊己庚辛壬癸，。“”（）《》0123456789年", min_size=1, max_size=80))
def test_any_title_takes_the_shape(text: str) -> None:
    lines = title_lines([[text]], TITLE)
    assert "".join(lines) == text
    widths = [cells(line) for line in lines]
    if len(lines) > 1:
        assert all(w <= TITLE for w in widths)
        assert all(len(line) >= 3 for line in lines) or len(text) < 9


def test_explicit_breaks_stay() -> None:
    assert title_lines([["关于2025年度"], ["政务公开工作的报告"]], TITLE) == ["关于2025年度", "政务公开工作的报告"]


# --- The signature ----------------------------------------------------------------------------

DATE = "2026年1月20日"
W = breaking.LINE_CELLS


def extent(line: SignatureLine) -> tuple[float, float]:
    width = cells(line.text)
    start = line.at if line.align == "left" else line.at - width / 2
    return start, start + width


@pytest.mark.parametrize("seal", [False, True])
@pytest.mark.parametrize("length", range(4, 41))
def test_signature_inside_the_type_area_for_any_name(length: int, seal: bool) -> None:
    organ = LONG_ORGAN[:length]
    lines = signature_lines(organ, DATE, seal)
    assert "".join(line.text for line in lines[:-1]) == organ and lines[-1].text == DATE  # the date last, alone
    for line in lines:
        start, end = extent(line)
        assert 0 <= start and end <= W, (line, length)
    names, date = lines[:-1], lines[-1]
    if seal:
        assert extent(date)[1] == W - 4  # 右空四字
        room = 2 * (W - date.at)
        if all(cells(n.text) <= room for n in names):
            assert all(n.at == date.at for n in names)  # centred above the date
        assert len(names) <= 3
    else:
        assert date.at == names[0].at + 2  # two characters right of the name
        assert len({n.at for n in names}) == 1
        if cells(organ) <= W - 2 and cells(organ) >= cells(DATE) + 2:
            assert extent(names[0])[1] == W - 2  # 右空二字
        if cells(organ) > W:
            assert len(names) == 2  # wrapped at a word, not shifted off the page


def test_a_date_longer_than_the_name_is_right_two_and_the_name_moves_left() -> None:
    names, date = signature_lines("某局", "2026年12月20日", seal=False)[:-1], signature_lines(
        "某局", "2026年12月20日", seal=False)[-1]
    assert extent(date)[1] == W - 2
    assert names[0].at == date.at - 2


# --- Table labels --------------------------------------------------------------------------------


def test_no_character_alone_on_the_last_line_of_a_label() -> None:
    assert label_lines("3.危及“三安全一稳定”", 9) == ["3.危及“三安全一", "稳定”"]
    assert label_lines("1.本机关不掌握相关政府信息", 9) == ["1.本机关不掌握相关", "政府信息"]
    for text in ("3.危及“三安全一稳定”", "5.属于三类内部事务信息", "2.其他法律行政法规禁止公开"):
        for capacity in range(4, 14):
            lines = label_lines(text, capacity)
            assert "".join(lines) == text
            assert all(cells(line) <= capacity for line in lines)
            if len(lines) > 1:
                letters = [c for c in lines[-1] if c not in breaking.CANNOT_START]
                assert len(letters) >= 2, (text, capacity, lines)


def test_squeezed_pairs() -> None:
    assert breaking.squeezed("，", "“") and breaking.squeezed("）", "。") and breaking.squeezed("（", "《")
    assert not breaking.squeezed("，", "甲") and not breaking.squeezed("：", "“")  # GB fonts centre ：
