"""The window's writing aids, typed into as a clerk does: figures in the text, similarity to last
year, 按数字起草, 说明… and the 发布期限."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt

from gxdesk import gxr
from gxdesk.drafting import drafts_for
from gxdesk.edits import SetText
from gxdesk.gui.files.lifecycle import SAMPLE
from gxdesk.sample import load_sample
from gxdesk.settings import FILE_NAME
from tests.gui.conftest import type_text


def page_of(window, section):
    window.tabs.setCurrentIndex(window.tab_of_section[section])
    return window.text_page(section)


def type_at_end(qtbot, field, text):
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    type_text(qtbot, field, text)


def click_finding(qtbot, window, rule):
    panel = window.findings_panel.list
    item = next(panel.item(i) for i in range(panel.count())
                if panel.item(i).data(Qt.ItemDataRole.UserRole).rule == rule)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center())
    return item.data(Qt.ItemDataRole.UserRole)


# --- Figures in the text --------------------------------------------------------------------


def test_a_figure_typed_into_the_text_that_contradicts_the_table_is_flagged_at_its_sentence(qtbot, window):
    field = page_of(window, "一").text_fields["on_request"]
    type_at_end(qtbot, field, "全年予以公开三十件。")  # the table says 36
    assert field.property("flag") == "error" and "予以公开三十件" in field.toolTip()
    sentence = field.toPlainText().rindex("全年予以公开")
    assert field.marked["finding"] == [(sentence, len(field.toPlainText()))]
    assert len(field.extraSelections()) == 1  # drawn: a wavy underline
    window.document.undo_stack.undo()  # the text reloaded from the report: the mark follows
    window.document.undo_stack.redo()
    assert field.toPlainText().endswith("三十件。") and len(field.extraSelections()) == 1
    assert "「（一）予以公开」「总计」为 36" in window.findings_panel.list.item(0).text()

    window.tabs.setCurrentIndex(0)
    finding = click_finding(qtbot, window, "text.figure")  # jumps to the sentence, selected
    assert window.tabs.currentIndex() == window.tab_of_section["一"]
    cursor = field.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (finding.start, finding.end)

    panel = window.findings_panel
    assert panel.cell_button.isVisibleTo(panel) and not panel.explain_button.isEnabled()  # an error: no 说明
    qtbot.mouseClick(panel.cell_button, Qt.MouseButton.LeftButton)  # 转到表格
    view = window.view("requests")
    assert window.tabs.currentIndex() == window.tab_of_section["三"]
    assert view.currentIndex() == view.report_model.index_of(("requests", "granted", "total"))

    # Correcting the figure clears it.
    page_of(window, "一")
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    for _ in "十件。":
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    type_text(qtbot, field, "十六件。")
    assert field.toPlainText().endswith("全年予以公开三十六件。")
    assert "text.figure" not in {f.rule for f in window.findings} and field.property("flag") == ""
    assert field.marked["finding"] == []


# --- Similarity to last year ------------------------------------------------------------------


def test_similarity_to_last_year_shows_beside_each_part_and_follows_typing(qtbot, window):
    page = page_of(window, "五")
    share = page.shares["problems"]
    assert not share.isVisibleTo(page)  # no last year's report yet
    last = load_sample()
    last.year = 2024
    window.previous_year.use(last, "2024.gxr")
    assert share.isVisibleTo(page) and share.text() == "与上年相同 100%" and share.property("flag") == "warning"
    field = page.text_fields["problems"]
    assert len(field.marked["repeated"]) == 3  # 一是… 二是… 三是…, each as last year

    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, "本年度新出现的问题是移动端公开栏目访问量偏低，群众反映查找不便。")
    qtbot.waitUntil(lambda: share.text() == "与上年相同 0%", timeout=2000)  # after the typing pauses
    assert share.property("flag") == "" and field.marked["repeated"] == []
    # What is pasted back from last year is marked again.
    type_at_end(qtbot, field, last.text["problems"][:40])
    qtbot.waitUntil(lambda: len(field.marked["repeated"]) == 1, timeout=2000)

    window.previous_year.forget()
    assert not share.isVisibleTo(page) and field.marked["repeated"] == []


# --- 按数字起草 -------------------------------------------------------------------------------


def test_drafting_fills_an_empty_field_and_asks_before_touching_typed_text(qtbot, window, answers):
    page = page_of(window, "一")
    field, button = page.text_fields["on_request"], page.draft_buttons["on_request"]
    drafted = drafts_for(window.report, "on_request")
    typed = field.toPlainText()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # typed text there: asked, and cancelled
    assert answers.drafts_asked == [("一、总体情况「依申请公开」", drafted)]
    assert field.toPlainText() == typed

    answers.draft_places.append("append")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert field.toPlainText() == f"{typed}\n\n{drafted}" == window.report.text["on_request"]
    assert not {f.rule for f in window.findings if f.field == "on_request"}  # the draft agrees with the table

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # already there: nothing asked, nothing added
    assert len(answers.drafts_asked) == 2 and "已有按数字起草的段落" in answers.informed[-1]

    window.document.undo_stack.undo()  # one step
    assert field.toPlainText() == typed
    answers.draft_places.append("replace")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert field.toPlainText() == drafted

    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # empty: filled without a question
    assert field.toPlainText() == drafted and len(answers.drafts_asked) == 3


def test_the_fee_sentence_is_drafted_in_section_six(qtbot, window, answers):
    page = page_of(window, "六")
    field = page.text_fields["other"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert "text.fee_statement" in {f.rule for f in window.findings}
    qtbot.mouseClick(page.draft_buttons["other"], Qt.MouseButton.LeftButton)
    assert field.toPlainText() == "本年度未收取信息处理费。"
    assert "text.fee_statement" not in {f.rule for f in window.findings}


# --- 说明… --------------------------------------------------------------------------------------


def with_sample(window):
    window.files.open_report(load_sample(), SAMPLE)
    return window


def clear_date(qtbot, window) -> None:
    line = window.meta_page.date.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert window.report.date == ""


def test_a_warning_is_explained_undoably_and_the_explanation_is_saved(qtbot, window, answers, tmp_path):
    clear_date(qtbot, window)  # 成文日期 cleared: a warning
    finding = click_finding(qtbot, window, "meta.date_missing")
    panel = window.findings_panel
    assert panel.explain_button.isEnabled()
    answers.texts.append("成文日期待主要负责同志签发后填写")
    qtbot.mouseClick(panel.explain_button, Qt.MouseButton.LeftButton)
    assert answers.texts_asked[-1][2] == ""  # no explanation yet
    explained = next(f for f in window.findings if f.rule == "meta.date_missing")
    assert explained.explained and explained.explanation == "成文日期待主要负责同志签发后填写"
    assert "（已说明）" in panel.list.item(0).text()
    assert window.status_summary.text() == "1 处提醒（1 处已说明）"
    assert window.meta_page.date.property("flag") == ""  # an explained warning no longer colours its field

    answers.save_paths.append(tmp_path / "r.gxr")
    window.files.save()
    saved = json.loads((tmp_path / "r.gxr").read_text("utf-8"))
    assert saved["version"] == 2 and saved["explanations"] == [
        {"rule": "meta.date_missing", "table": "", "row": "", "column": "", "field": "date",
         "text": "成文日期待主要负责同志签发后填写"}]
    assert gxr.load(tmp_path / "r.gxr").explanations == {finding.key: "成文日期待主要负责同志签发后填写"}

    window.document.undo_stack.undo()  # the explanation, one step
    assert not next(f for f in window.findings if f.rule == "meta.date_missing").explained


def test_an_error_cannot_be_explained(qtbot, window, answers):
    field = page_of(window, "五").text_fields["problems"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    page_of(window, "五").text_fields["improvements"].clear()
    click_finding(qtbot, window, "text.problems_missing")
    assert not window.findings_panel.explain_button.isEnabled()
    assert window.writing.explain(window.findings[0]) is False and answers.texts_asked == []


# --- The deadline --------------------------------------------------------------------------------


def test_the_status_bar_counts_the_days_to_the_deadline_and_the_deadline_is_a_setting(qtbot, make_window, answers,
                                                                                     home):
    window = with_sample(make_window(today=lambda: date(2026, 1, 10)))
    clear_date(qtbot, window)  # not finished: no 成文日期
    assert window.status_deadline.text() == "距发布期限（2026年1月31日）还有 21 天"
    action = next(a for a in window.checks_menu.actions() if a.text().startswith("发布期限"))
    answers.texts.append("1月26日")
    action.trigger()
    assert window.status_deadline.text() == "距发布期限（2026年1月26日）还有 16 天"
    assert json.loads((home / FILE_NAME).read_text("utf-8"))["deadline"] == "01-26"
    answers.texts.append("二月三十日")
    action.trigger()
    assert "不是有效的月和日" in answers.warned[-1] and window.document.deadline == "01-26"

    late = with_sample(make_window(today=lambda: date(2026, 1, 28)))  # the setting is remembered
    clear_date(qtbot, late)
    assert late.status_deadline.text() == "已过发布期限（2026年1月26日）2 天"
    assert any(f.rule == "deadline.passed" for f in late.findings)


def test_a_window_checks_its_text_once_it_has_painted(make_window):
    window = with_sample(make_window(check_text_later=True))  # as `gxdesk` starts it: tables first
    window.document.push(SetText("on_request", "全年新收政府信息公开申请70件。"))
    assert "text.figure" not in {f.rule for f in window.findings}
    window.document.check_text()  # what the first paint calls
    assert "text.figure" in {f.rule for f in window.findings}
    assert window.text_page("一").text_fields["on_request"].property("flag") == "error"
