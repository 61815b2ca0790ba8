"""Chinese line setting for the PDF: 避头尾, whole figures, justification."""

from __future__ import annotations

from gxdesk.render.pdf_text import CANNOT_END, CANNOT_START, Line, break_lines


def widths_of(char: str) -> float:
    return 10.0 if not char.isascii() else 5.0


def lines_of(text: str, width: float, indent: float = 0.0) -> list[str]:
    from gxdesk.render import pdf_text

    # Width of every full-width character 10, half-width 5: a font-free model of the page.
    pdf_text._widths.update({("F", c): widths_of(c) * 100 for c in set(text) | {" "}})
    return ["".join(c for c, _, _ in line.chars) for line in break_lines(text, lambda c: "F", 10.0, width, indent)]


def test_closing_punctuation_never_starts_a_line() -> None:
    text = "一二三四五，六七八九十。甲乙丙丁戊”己庚"
    for width in range(40, 120, 10):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        assert not any(line[0] in CANNOT_START for line in lines[1:] if line), (width, lines)


def test_opening_punctuation_never_ends_a_line() -> None:
    text = "一二三四《五六》七八“九十”甲乙（丙丁）"
    for width in range(40, 120, 10):
        lines = lines_of(text, width)
        assert not any(line[-1] in CANNOT_END for line in lines if line), (width, lines)


def test_figures_and_words_stay_whole_unless_longer_than_a_line() -> None:
    lines = lines_of("全年公开信息1,326条和www.gov.cn网站", 95)
    assert any("1,326" in line for line in lines)
    assert any("www.gov.cn" in line for line in lines)
    long = lines_of("A" * 50, 100)
    assert long == ["A" * 20, "A" * 20, "A" * 10]


def test_explicit_breaks_and_first_line_indent() -> None:
    lines = break_lines("一二三四五六\n七八", lambda c: "F", 10.0, 50.0, 20.0)
    assert [len(line.chars) for line in lines] == [3, 3, 2]
    assert [line.indent for line in lines] == [20.0, 0.0, 0.0]
    assert [line.end for line in lines] == [False, True, True]  # a line before a break is not justified
    assert isinstance(lines[0], Line)


def test_soft_breaks_swallow_spaces_but_hard_lines_keep_their_indent() -> None:
    assert lines_of("一二三四 五六七八", 40) == ["一二三四", "五六七八"]
    assert lines_of("一二\n　　三四", 100) == ["一二", "　　三四"]
