"""The real message boxes (``QtPrompts``): each button answers what its label says, and closing
the box answers as its cancel button does. The window's other tests answer through ``Answers``."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from gxdesk.findings import ERROR, Finding
from gxdesk.gui.prompts import QtPrompts

ERRORS = [Finding("test", ERROR, "第 1 处错误", "三")]

QUESTIONS = {
    "unsaved": (lambda p: p.ask_unsaved("x.gxr"), {"保存": "save", "不保存": "discard", "取消": "cancel"}),
    "open_locked": (lambda p: p.ask_open_locked("x.gxr", "张三"),
                    {"只读打开": "read_only", "仍然打开": "open", "取消": "cancel"}),
    "save_conflict": (lambda p: p.ask_save_conflict("已被修改", True),
                      {"另存为…": "save_as", "仍然覆盖": "overwrite", "取消": "cancel"}),
    "save_conflict_no_overwrite": (lambda p: p.ask_save_conflict("不是报告", False),
                                   {"另存为…": "save_as", "取消": "cancel"}),
    "despite_errors": (lambda p: p.ask_despite_errors(ERRORS, "打印"), {"返回修改": False, "仍然打印": True}),
    "carry_over": (lambda p: p.ask_carry_over("载入", ["一行"]),
                   {"替换为上年的数字": "replace", "保留现有数字，只作核对": "keep", "取消": "cancel"}),
    "join_lines": (lambda p: p.ask_join_lines(2), {"合并成段落": True, "按原样粘贴": False}),
    "after_export": (lambda p: p.ask_after_export(Path("x.pdf"), ["字体替换"]),
                     {"打开文件": "open_file", "打开所在文件夹": "open_folder", "关闭": "close"}),
    "draft": (lambda p: p.ask_draft("依申请公开", "本年度……"),
              {"加在原有文字之后": "append", "替换原有文字": "replace", "取消": "cancel"}),
}
CANCELLED = {"unsaved": "cancel", "open_locked": "cancel", "save_conflict": "cancel",
             "save_conflict_no_overwrite": "cancel", "despite_errors": False, "carry_over": "cancel",
             "join_lines": False, "after_export": "close", "draft": "cancel"}


ESC, CLOSED = "<Esc>", "<closed>"


def clicking(label: str, seen: dict[str, object]):
    """A stand-in for QMessageBox.exec: records the buttons, then clicks ``label``, presses Esc
    (the box clicks its escape button) or closes the box with no button clicked."""
    def exec_(box: QMessageBox) -> int:
        seen["labels"] = sorted(b.text() for b in box.buttons())
        seen["default"] = box.defaultButton().text() if box.defaultButton() else None
        if label == ESC:
            QTest.keyClick(box, Qt.Key.Key_Escape)
        elif label != CLOSED:
            next(b for b in box.buttons() if b.text() == label).click()
        return 0
    return exec_


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_each_button_answers_what_it_says(qtbot, monkeypatch, question):
    ask, answers = QUESTIONS[question]
    for label, expected in answers.items():
        seen: dict[str, object] = {}
        monkeypatch.setattr(QMessageBox, "exec", clicking(label, seen))
        assert ask(QtPrompts(None)) == expected, label
        assert seen["labels"] == sorted(answers)  # no button more, none missing


@pytest.mark.parametrize("how", [ESC, CLOSED])
@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_closing_the_box_answers_as_its_cancel_button(qtbot, monkeypatch, question, how):
    seen: dict[str, object] = {}
    monkeypatch.setattr(QMessageBox, "exec", clicking(how, seen))
    assert QUESTIONS[question][0](QtPrompts(None)) == CANCELLED[question]


def test_the_safe_answer_is_the_default_where_a_slip_would_cost_work(qtbot, monkeypatch):
    defaults = {}
    for question in ("save_conflict", "despite_errors", "join_lines"):
        seen: dict[str, object] = {}
        monkeypatch.setattr(QMessageBox, "exec", clicking(CLOSED, seen))
        QUESTIONS[question][0](QtPrompts(None))
        defaults[question] = seen["default"]
    assert defaults == {"save_conflict": "另存为…", "despite_errors": "返回修改", "join_lines": "合并成段落"}


def test_a_real_box_is_answered_by_a_click(qtbot):
    """Without the stand-in: the box is shown modally and a real mouse click answers it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    def click_discard() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.findChildren(QPushButton) if b.text() == "不保存")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, click_discard)
    assert QtPrompts(None).ask_unsaved("x.gxr") == "discard"
