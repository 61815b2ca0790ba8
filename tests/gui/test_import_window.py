"""文件 → 导入已发布的报告: a file or pasted text, opened as a new report or used as last year's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from gxdesk import gxr
from gxdesk.gui.editor.flags import ERROR_BG
from gxdesk.gui.importing.dialog import ImportDialog, ImportRequest
from gxdesk.model import Report
from gxdesk.render import render
from gxdesk.sample import load_sample
from gxdesk.schema import REQUEST_COLUMN_IDS
from gxdesk.userdirs import autosave_dir
from tests import layouts
from tests.gui.conftest import type_into, type_text

NEW = ("requests", "new", "natural_person")
TOTAL = ("requests", "total", "natural_person")  # （七）总计, a computed row the report prints


def trigger(menu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))
    assert action.isEnabled()
    action.trigger()


class Imports:
    """What the clerk asks to import (through the window's prompts), and the summaries shown."""

    def __init__(self, window, answers) -> None:
        self.window, self.answers = window, answers
        self.summaries = answers.summaries

    def run(self, request: ImportRequest) -> None:
        self.answers.import_requests.append(request)
        trigger(self.window.file_menu, "导入已发布的报告")


def test_a_docx_opens_as_a_new_unsaved_report(qtbot, window, answers, tmp_path, large, home):
    source = tmp_path / "上年报告.docx"
    render(large, source)  # gxdesk's own export, as published last year
    type_into(qtbot, window.view("requests"), NEW, "70")
    imports = Imports(window, answers)
    imports.run(ImportRequest(source))

    assert answers.asked == ["unsaved"]  # the edit to the sample was asked about first
    assert window.report.cells == large.cells
    assert (window.report.organ, window.report.year, window.report.doc_number, window.report.date) == (
        large.organ, large.year, large.doc_number, large.date)
    assert window.report.text == large.text
    assert window.document.path is None and window.document.name == f"{large.organ}{large.year}年度报告（导入）"
    assert window.isWindowModified()  # it exists nowhere else yet: closing asks, autosave keeps it
    window.files.drafts.write_now()
    assert list(autosave_dir(home).glob("*.draft"))
    [(title, text, details)] = imports.summaries
    assert title == "导入结果" and "上年报告.docx" in text and "全部找到" in text and details == []
    assert window.findings == []

    answers.save_paths.append(tmp_path / "imported.gxr")
    assert window.files.save()
    assert gxr.load(tmp_path / "imported.gxr").cells == large.cells
    assert not window.isWindowModified()


def _pasted(report: Report, stated=None, drop: str = "") -> str:
    text = layouts.text_document(layouts.document(report, layouts.Options(stated=stated or {})))
    return "\n".join(line for line in text.split("\n") if not (drop and line.startswith(drop)))


def test_pasted_text_through_the_dialog_and_a_wrong_printed_total(qtbot, window, answers, large, monkeypatch):
    printed = large.value(*TOTAL) + 5  # last year's report printed a total 5 too high
    text = _pasted(large, {TOTAL: printed})

    def fill_and_accept(dialog):
        dialog.sources.setCurrentIndex(1)
        dialog.text.setPlainText(text)
        assert dialog.ok.isEnabled()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", fill_and_accept)
    answers.real.add("ask_import")
    trigger(window.file_menu, "导入已发布的报告")
    [(_, headline, details)] = answers.summaries

    assert window.report.cells == large.cells  # the rows as printed, nothing "fixed"
    assert "检查" in headline and any("原表填写" in d for d in details)
    stated = [f for f in window.findings if "原表填写" in f.message]
    assert [(f.table, f.row, f.column) for f in stated] == [TOTAL]
    assert window.findings[0] is stated[0]  # an error: listed first in the 检查 panel
    assert "原表填写" in window.findings_panel.list.item(0).text()
    model = window.model("requests")
    assert model.data(model.index_of(TOTAL), Qt.ItemDataRole.BackgroundRole).color() == ERROR_BG

    # The clerk finds the row that was mis-typed last year: the printed total now agrees.
    granted = ("requests", "granted", "natural_person")
    type_into(qtbot, window.view("requests"), granted, str(large.cells[granted] + 5))
    assert TOTAL not in stated_keys(window)
    assert ("requests", "granted", "total") in stated_keys(window)  # the printed 总计 column disagrees now
    window.document.undo_stack.undo()
    assert stated_keys(window) == [TOTAL]
    # Or decides the rows were right: 检查 → 不再核对原表合计.
    trigger(window.checks_menu, "不再核对原表合计")
    assert not [f for f in window.findings if "原表填写" in f.message]
    assert not next(a for a in window.checks_menu.actions() if a.text() == "不再核对原表合计").isEnabled()


def stated_keys(window) -> list:
    return [(f.table, f.row, f.column) for f in window.findings if "原表填写" in f.message]


def test_unfound_figures_are_left_blank_and_flagged(window, answers, large):
    imports = Imports(window, answers)
    imports.run(ImportRequest(None, _pasted(large, drop="行政处罚")))
    key = ("proactive", "penalty", "count")
    assert window.report.cells[key] is None  # never silently zero
    assert any(f.rule == "value.blank" and (f.table, f.row, f.column) == key for f in window.findings)
    [(_, text, details)] = imports.summaries
    assert "未找到第二部分表格「行政处罚」" in details and "标红的单元格" in text


def _last_year(tmp_path: Path) -> Path:
    previous = load_sample()
    previous.year, previous.date = 2024, "2025-01-22"
    for i, column in enumerate(REQUEST_COLUMN_IDS):
        previous.cells[("requests", "carried_forward", column)] = i + 1
    path = tmp_path / "2024年报.docx"
    render(previous, path)
    return path


def test_a_published_report_as_last_years(window, answers, tmp_path):
    before = {c: window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS}
    organ = window.report.organ
    imports = Imports(window, answers)
    imports.run(ImportRequest(_last_year(tmp_path), as_previous=True))

    # This year's report stays open; its 上年结转 already held figures: asked before they were replaced.
    assert answers.asked == ["carry_over"]
    assert window.report.organ == organ and window.document.previous_name == "2024年报.docx"
    assert window.document.previous.year == 2024
    assert [window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS] == [1, 2, 3, 4, 5, 6]
    assert "上年报告：2024年报.docx" in window.status_summary.text()
    [(title, text, _)] = imports.summaries
    assert title == "已导入上年报告" and "跨年核对已开启" in text and "二、上年结转" in text
    # The sample's text was last year's text too: the cross-year checks run.
    assert {f.section for f in window.findings if f.rule == "cross.text_repeated"} == {"一", "五"}
    window.document.undo_stack.undo()
    assert {c: window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS} == before


def test_blank_figures_of_last_year_are_not_copied(window, answers, tmp_path, large):
    """A carried-forward figure the import could not find leaves this year's figure alone."""
    text = _pasted(large).replace("四、结转下年度继续办理", "四、（看不清）")
    imports = Imports(window, answers)
    before = {c: window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS}
    imports.run(ImportRequest(None, text, as_previous=True))
    assert {c: window.report.cells[("requests", "carried_over", c)] for c in REQUEST_COLUMN_IDS} == before
    [(_, summary, details)] = imports.summaries
    assert f"有 {len(REQUEST_COLUMN_IDS)} 格是空的" in summary and "\n\n\n" not in summary and any("结转下年度继续办理" in d for d in details)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("2024.pdf", b"%PDF-1.7", "已损坏或不是有效的 PDF"),
    ("2024.docx", b"not a zip at all", "2024.docx"),
    ("2024.txt", "今天天气很好。".encode(), "没有找到政府信息公开工作年度报告的内容"),
    ("2024.htm", b"", "空文件"),
])
def test_unusable_input_says_why_and_changes_nothing(qtbot, window, answers, tmp_path, name, content, message):
    type_into(qtbot, window.view("requests"), NEW, "71")
    before = gxr.dumps(window.report)
    path = tmp_path / name
    path.write_bytes(content)
    imports = Imports(window, answers)
    imports.run(ImportRequest(path))
    imports.run(ImportRequest(path, as_previous=True))
    assert len(answers.warned) == 2 and all(message in w and "当前报告没有改动" in w for w in answers.warned)
    assert not any("Traceback" in w for w in answers.warned)
    assert answers.asked == [] and imports.summaries == []
    assert gxr.dumps(window.report) == before and window.document.previous is None


def test_cancelling_the_unsaved_question_keeps_the_report(qtbot, window, answers, tmp_path, large):
    source = tmp_path / "x.docx"
    render(large, source)
    type_into(qtbot, window.view("requests"), NEW, "72")
    answers.unsaved = "cancel"
    imports = Imports(window, answers)
    imports.run(ImportRequest(source))
    assert answers.asked == ["unsaved"] and imports.summaries == []
    assert window.report.cells[NEW] == 72 and window.document.stated == {}


def test_the_dialog_collects_a_file_or_pasted_text(qtbot, window, tmp_path, monkeypatch):
    dialog = ImportDialog(str(tmp_path), window)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()  # nothing to import yet
    chosen = tmp_path / "上年.htm"
    offered = []

    def open_dialog(dialog):
        offered.append((dialog.directory().path(), ";;".join(dialog.nameFilters())))
        dialog.selectFile(str(chosen))
        return 1

    monkeypatch.setattr(QFileDialog, "exec", open_dialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "import_choose"), Qt.MouseButton.LeftButton)
    assert offered[0][0] == str(tmp_path) and "*.docx" in offered[0][1] and "*.htm" in offered[0][1]
    assert dialog.ok.isEnabled() and dialog.request() == ImportRequest(chosen)
    dialog.path.clear()
    dialog.path.setFocus()
    type_text(qtbot, dialog.path, f'"{chosen}"')  # pasted from Explorer's 复制为路径
    assert dialog.request() == ImportRequest(chosen)

    dialog.sources.setCurrentIndex(1)
    assert not dialog.ok.isEnabled()
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "pasted")
    qtbot.mouseClick(dialog.as_previous, Qt.MouseButton.LeftButton)
    assert dialog.ok.isEnabled() and dialog.request() == ImportRequest(None, "pasted", as_previous=True)
