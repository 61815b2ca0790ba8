"""The 检查 panel, text fields, the shared undo history and the window's shape."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gxdesk import schema
from gxdesk.gui.editor.flags import ERROR_BG
from gxdesk.gui.window import FILE_MENU_SECTIONS
from tests.gui.conftest import type_into


def test_one_tab_per_part_of_the_report(window):
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert names == ["基本信息", *(s.short for s in schema.SECTIONS)]


def test_clicking_a_finding_jumps_to_the_cell(qtbot, window):
    view = window.view("requests")
    window.tabs.setCurrentIndex(0)
    window.document.set_cells({("requests", "refused_state_secret", "research"): None}, "test")
    panel = window.findings_panel.list
    item = next(panel.item(i) for i in range(panel.count()) if "未填写" in panel.item(i).text())
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center())
    assert window.tabs.currentIndex() == window.tab_of_section["三"]
    assert view.currentIndex() == view.report_model.index_of(("requests", "refused_state_secret", "research"))


def test_a_column_finding_selects_the_column(qtbot, window):
    view = window.view("requests")
    type_into(qtbot, view, ("requests", "granted", "nonprofit"), "9")
    window.tabs.setCurrentIndex(0)
    window.next_finding()  # F8
    assert window.tabs.currentIndex() == window.tab_of_section["三"]
    selected = {view.report_model.cell(i).key for i in view.selectionModel().selectedIndexes()}
    assert selected == {("requests", r.id, "nonprofit") for r in schema.REQUESTS.rows}


def test_text_typing_is_undone_as_one_step_with_ctrl_z(qtbot, window):
    field = window.text_page("五").fields["problems"]
    window.tabs.setCurrentIndex(window.tab_of_section["五"])
    original = field.toPlainText()
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, "abc")
    assert window.report.text["problems"] == original + "abc"
    assert window.document.undo_stack.count() == 1  # three keys, one step
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.report.text["problems"] == original and field.toPlainText() == original
    qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == original + "abc"


def test_emptying_section_five_flags_the_field(qtbot, window):
    for part in ("problems", "improvements"):
        field = window.text_page("五").fields[part]
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    problems = window.text_page("五").fields["problems"]
    assert problems.property("flag") == "error" and "不能为空" in problems.toolTip()
    assert window.status_summary.text() == "1 处错误"
    qtbot.keyClicks(problems, "x")
    assert "错误" not in window.status_summary.text()
    # "x" is no problem stated: a reminder now, with the missing improvements
    assert problems.property("flag") == "warning" and "没有写出具体问题" in problems.toolTip()


def test_meta_fields_write_through_and_undo(qtbot, window):
    page = window.meta_page
    page.organ.setFocus()
    page.organ.selectAll()
    qtbot.keyClick(page.organ, Qt.Key.Key_Delete)
    assert window.report.organ == "" and page.organ.property("flag") == "error"
    window.document.undo_stack.undo()
    assert page.organ.text() == window.report.organ == "青禾县市场监督管理局"
    page.year.setValue(2024)
    assert window.report.year == 2024
    assert "2024年政府信息公开工作年度报告" in page.title.placeholderText()
    assert any(f.rule == "meta.date_year" for f in window.findings)


def test_section_four_is_one_row_and_totals_follow(qtbot, window):
    view = window.view("appeals")
    model = view.report_model
    assert model.rowCount() == 1 and model.columnCount() == 15
    total = model.index_of(("appeals", "litigation_direct", "total"))
    before = int(model.data(total))
    type_into(qtbot, view, ("appeals", "litigation_direct", "upheld"), str(int(model.data(
        model.index_of(("appeals", "litigation_direct", "upheld")))) + 3))
    assert int(model.data(total)) == before + 3
    # F2, erase, Enter: an empty entry leaves the cell blank, flagged like any blank.
    other = model.index_of(("appeals", "review", "other"))
    view.setCurrentIndex(other)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(other)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(other) is None)
    assert window.report.cells[("appeals", "review", "other")] is None
    assert model.data(other, Qt.ItemDataRole.BackgroundRole).color() == ERROR_BG


def test_file_menu_has_room_for_later_actions(window):
    from PySide6.QtGui import QAction

    action = QAction("导出 Word…", window)
    window.add_file_action("export", action)
    actions = window.file_menu.actions()
    position = actions.index(action)
    assert actions.index(next(a for a in actions if a.text().startswith("载入上年报告"))) < position
    assert position < actions.index(next(a for a in actions if a.text().startswith("退出")))
    texts = [a.text().replace("&", "") for a in actions]

    def at(prefix: str) -> int:
        return next(i for i, text in enumerate(texts) if text.startswith(prefix))

    # Each feature's actions sit in its own section, the sections in FILE_MENU_SECTIONS order.
    first_of = {"open": "新建", "import": "导入已发布的报告", "save": "保存", "previous": "载入上年报告",
                "export": "导出 Word", "print": "打印", "quit": "退出"}
    assert [at(first_of[section]) for section in FILE_MENU_SECTIONS] == sorted(at(t) for t in first_of.values())
    assert at("字体与版式设置") < position < at("打印")  # at the end of its section
    separators = [i for i, a in enumerate(actions) if a.isSeparator()]
    assert all(any(at(first_of[a]) < s < at(first_of[b]) for s in separators)
               for a, b in pairwise(FILE_MENU_SECTIONS))


def test_replace_report_is_one_undo_step(window):
    from gxdesk.model import new_report

    original = window.report
    window.document.replace_report(new_report("乙局", 2025), "导入")
    assert window.meta_page.organ.text() == "乙局"
    window.document.undo_stack.undo()
    assert window.report is original and window.meta_page.organ.text() == original.organ


def test_typing_then_a_paste_undo_like_word(qtbot, window):
    """The last paste, then the last run of typing; moving the cursor starts a new run."""
    field = window.text_page("五").fields["problems"]
    window.tabs.setCurrentIndex(window.tab_of_section["五"])
    stack = window.document.undo_stack
    original = field.toPlainText()
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, "abc")
    QGuiApplication.clipboard().setText("粘贴的句子")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "de")
    assert window.report.text["problems"] == original + "abc粘贴的句子de"
    assert stack.count() == 3 and stack.undoText() == "修改五、存在的主要问题及改进情况·存在的主要问题"
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == original + "abc粘贴的句子"
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == window.report.text["problems"] == original + "abc"  # the typed sentence
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == original

    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, "xy")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # still the same run
    field.moveCursor(field.textCursor().MoveOperation.Start)
    qtbot.keyClicks(field, "z")
    assert field.toPlainText() == "z" + original + "x" and stack.count() == 2
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == original + "x"


def test_typing_a_character_and_erasing_it_leaves_no_step(qtbot, window):
    field = window.meta_page.doc_number
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, "7")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert window.document.undo_stack.count() == 0 and not window.isWindowModified()


def test_the_document_says_what_changed(qtbot, window):
    from gxdesk.edits import EVERYTHING, Change

    seen = []
    window.document.changed.connect(seen.append)
    type_into(qtbot, window.view("appeals"), ("appeals", "review", "other"), "7")
    field = window.text_page("六").fields["other"]
    field.setFocus()
    qtbot.keyClicks(field, "x")
    window.meta_page.organ.setFocus()
    qtbot.keyClicks(window.meta_page.organ, "y")
    window.document.set_previous(window.report)  # only the findings may differ
    window.document.undo_stack.undo()
    assert seen == [Change(tables=frozenset({"appeals"})), Change(parts=frozenset({"other"})),
                    Change(fields=frozenset({"organ"})), Change(), Change(fields=frozenset({"organ"}))]
    window.document.reset(window.report, None)
    assert seen[-1] == EVERYTHING


def test_the_tests_answer_every_question_the_window_may_ask():
    import inspect

    from gxdesk.gui.prompts import Prompts, QtPrompts
    from tests.gui.conftest import Answers

    questions = [name for name in vars(Prompts) if not name.startswith("_")]
    assert "ask_unsaved" in questions and "show_preview" in questions
    for implementation in (QtPrompts, Answers):
        for name in questions:
            expected = inspect.signature(getattr(Prompts, name)).parameters
            assert inspect.signature(getattr(implementation, name)).parameters.keys() == expected.keys(), name
