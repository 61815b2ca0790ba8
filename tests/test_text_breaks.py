"""Hard line breaks pasted inside a paragraph (from a PDF or a web page): found and joined (issue 12, point 14)."""

from __future__ import annotations

from gxdesk.text import broken_lines, join_broken_lines

COPIED = ("本年度，我局坚持以习近平新时代中国特色社会主义思想为\n指导，认真贯彻落实《条例》，\n全面推进政务公开。\n"
          "（一）主动公开\n全年主动公开政府信息 120 条，其中 policy\ndocuments 30 条。\n\n"
          "主要做法：\n1. 完善制度；\n2. 规范流程。")


def test_breaks_inside_sentences_are_found_and_joined():
    assert broken_lines(COPIED) == 3
    assert join_broken_lines(COPIED) == (
        "本年度，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，全面推进政务公开。\n"
        "（一）主动公开\n全年主动公开政府信息 120 条，其中 policy documents 30 条。\n\n"
        "主要做法：\n1. 完善制度；\n2. 规范流程。")


def test_paragraphs_headings_lists_and_blank_lines_keep_their_breaks():
    kept = "第一段。\n第二段！\n“引语结束。”\n一、总体情况\n（二）依申请公开\n\n最后"
    assert broken_lines(kept) == 0 and join_broken_lines(kept) == kept
    assert broken_lines("一行") == 0 and join_broken_lines("") == ""
