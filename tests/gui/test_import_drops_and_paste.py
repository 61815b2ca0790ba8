"""Importing as a clerk does it without the dialog: a file dropped on the window, 从剪贴板导入 with
what a browser copied (its HTML flavour when it has one), and the 导入结果 screen whose items
jump to their cells."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from gxdesk import gxr
from gxdesk.gui.importing.drops import FileDrops, dropped
from gxdesk.gui.importing.summary_dialog import ImportSummaryDialog
from gxdesk.import_kinds import SUFFIXES
from gxdesk.importer import import_html
from gxdesk.importer.summary import ImportSummary
from gxdesk.model import Report
from gxdesk.render import render
from gxdesk.sample import load_sample
from tests import layouts
from tests.factories import large_report, with_blanks
from tests.gui.conftest import type_text


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop(qtbot, widget: QWidget, mime: QMimeData) -> bool:
    """Drag ``mime`` over ``widget`` and let go, as the clerk does from the file manager; whether
    the drag was accepted."""
    centre = QPointF(widget.rect().center())
    enter = QDragEnterEvent(centre.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    release = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, release)
    qtbot.wait(50)  # the import runs after the drop returns
    return True


def test_what_counts_as_a_report_to_drop(tmp_path: Path) -> None:
    assert dropped(_mime(tmp_path / "a.GXR")) == ("open", tmp_path / "a.GXR")
    for suffix in SUFFIXES:
        assert dropped(_mime(tmp_path / f"b{suffix}")) == ("import", tmp_path / f"b{suffix}")
    assert dropped(_mime(tmp_path / "c.xlsx")) is None
    web = QMimeData()
    web.setUrls([QUrl("https://example.gov.cn/report.pdf")])
    assert dropped(web) is None  # nothing is fetched
    assert dropped(_mime(tmp_path / "c.xlsx", tmp_path / "d.pdf")) == ("import", tmp_path / "d.pdf")


def test_a_pdf_dropped_on_the_window_is_imported(qtbot, window, answers, tmp_path: Path, large: Report) -> None:
    source = tmp_path / "上年报告.pdf"
    render(large, source)
    assert drop(qtbot, window, _mime(source))
    assert window.report.cells == large.cells and window.report.organ == large.organ
    assert window.document.path is None and window.isWindowModified()
    [(title, headline, _)] = answers.summaries
    assert title == "导入结果" and "上年报告.pdf" in headline


def test_a_report_file_dropped_on_the_window_opens(qtbot, window, tmp_path: Path, large: Report) -> None:
    path = tmp_path / "r.gxr"
    gxr.save(large, path)
    assert drop(qtbot, window, _mime(path))
    assert window.document.path == path and window.report == large


def test_anything_else_is_not_taken(qtbot, window, answers, tmp_path: Path) -> None:
    before = gxr.dumps(window.report)
    (tmp_path / "表.xlsx").write_bytes(b"PK")
    assert not drop(qtbot, window, _mime(tmp_path / "表.xlsx"))
    assert gxr.dumps(window.report) == before and answers.warned == [] and answers.summaries == []


def test_any_widget_can_take_drops(qtbot, tmp_path: Path) -> None:
    """The piece the start page (issue 12) uses: a plain widget, two callbacks."""
    page = QWidget()
    qtbot.addWidget(page)
    opened: list[Path] = []
    imported: list[Path] = []
    FileDrops(page, opened.append, imported.append)
    page.resize(200, 100)
    page.show()
    assert drop(qtbot, page, _mime(tmp_path / "x.docx"))
    assert drop(qtbot, page, _mime(tmp_path / "y.gxr"))
    assert (opened, imported) == ([tmp_path / "y.gxr"], [tmp_path / "x.docx"])


def test_a_scan_dropped_on_the_window_says_so(qtbot, window, answers, tmp_path: Path) -> None:
    from tests import pdfs

    render(load_sample(), tmp_path / "sealed.pdf")
    pdfs.scanned(tmp_path / "sealed.pdf", tmp_path / "scan.pdf")
    before = gxr.dumps(window.report)
    assert drop(qtbot, window, _mime(tmp_path / "scan.pdf"))
    [warning] = answers.warned
    assert "扫描件，没有文字层" in warning and "当前报告没有改动" in warning
    assert gxr.dumps(window.report) == before


# --- 从剪贴板导入 -----------------------------------------------------------------------------------


def _browser_copy(report: Report) -> QMimeData:
    """What a browser puts on the clipboard when the clerk selects the article and copies it: the
    HTML of the selection, and a text flavour in which the tables have lost their cells."""
    mime = QMimeData()
    mime.setHtml(layouts.html_document(layouts.document(report)))
    mime.setText(layouts.text_document(layouts.document(report), layouts.one_cell_a_line))
    return mime


@pytest.fixture(autouse=True)
def clipboard_cleared(qapp) -> object:
    """The clipboard owns what a test put on it; emptied after each test, so that it is gone
    before the application (and Python's wrappers) are torn down."""
    yield
    QApplication.clipboard().clear()


def _paste(window) -> None:
    action = next(a for a in window.file_menu.actions() if a.text().startswith("从剪贴板导入"))
    action.trigger()


def test_paste_uses_the_html_flavour(qtbot, window, answers) -> None:
    """With blank cells in the tables: in the HTML they keep their place; the text flavour has
    dropped them, and only the totals could tell where they were."""
    report = with_blanks(large_report(), (("requests", "granted", "research"), ("appeals", "review", "other")))
    QApplication.clipboard().setMimeData(_browser_copy(report))
    _paste(window)
    assert {k: v for k, v in window.report.cells.items()} == {k: 0 if v is None else v for k, v in report.cells.items()}
    [(summary, jump)] = answers.import_summaries
    assert {item.cell for group in summary.groups if group.id == "zeroed" for item in group.items} == {
        ("requests", "granted", "research"), ("appeals", "review", "other")}
    assert jump is not None


def test_paste_falls_back_to_the_text_flavour(qtbot, window, sample: Report) -> None:
    QApplication.clipboard().setText(layouts.text_document(layouts.document(sample)))
    _paste(window)
    assert window.report.cells == sample.cells


def test_paste_of_an_empty_clipboard_says_so(qtbot, window, answers) -> None:
    QApplication.clipboard().clear()
    before = gxr.dumps(window.report)
    _paste(window)
    assert answers.warned and "剪贴板中没有文字" in answers.warned[0]
    assert gxr.dumps(window.report) == before


def test_the_dialogs_paste_box_keeps_the_html(qtbot, window, tmp_path: Path, large: Report) -> None:
    from gxdesk.gui.importing.dialog import ImportDialog

    dialog = ImportDialog(str(tmp_path), window)
    qtbot.addWidget(dialog)
    dialog.sources.setCurrentIndex(1)
    QApplication.clipboard().setMimeData(_browser_copy(large))
    dialog.text.setFocus()
    dialog.text.paste()
    request = dialog.request()
    assert request.html and "<table" in request.html and request.text.strip()
    type_text(qtbot, dialog.text, "改")  # edited after pasting: what the box shows is what counts
    assert dialog.request().html == ""


# --- 导入结果 ------------------------------------------------------------------------------------


def test_the_summary_screen_lists_and_jumps(qtbot, window, large: Report) -> None:
    report = with_blanks(large, (("requests", "granted", "research"),))
    page = layouts.html_document(layouts.document(report, layouts.Options(
        stated={("requests", "refused_third_party", "total"): 1})))
    page = page.replace("<td><p>行政处罚</p></td>", "<td><p>（看不清）</p></td>")
    result = import_html(page)
    summary = ImportSummary.of(result)
    jumped: list[object] = []

    def jump(key):  # as the window does it, recorded
        jumped.append(key)
        window.show_cell(key)

    dialog = ImportSummaryDialog("导入结果", "已导入", summary, jump, window)
    qtbot.addWidget(dialog)
    dialog.show()
    counts = dialog.findChild(QWidget, "summary_counts").text()
    assert f"读出 {summary.found} / {summary.cells} 个数字" in counts and summary.found < summary.cells
    disagree = dialog.items("disagree")
    assert [i.data(0, Qt.ItemDataRole.UserRole) for i in disagree] == [("requests", "refused_third_party", "total")]
    review = dialog.items("review")
    assert any("行政处罚" in i.text(0) for i in review)
    [zeroed] = dialog.items("zeroed")
    assert "「（一）予以公开」「科研机构」" in zeroed.text(0)

    # A click on an item shows its cell in the window.
    for item, key in ((zeroed, ("requests", "granted", "research")), (disagree[0], ("requests", "refused_third_party", "total"))):
        rect = dialog.tree.visualItemRect(item)
        qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert jumped[-1] == key
        view = window.view("requests")
        assert window.tabs.currentIndex() == window.tab_of_section["三"]
        assert view.currentIndex() == view.report_model.index_of(key)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_the_windows_import_path_is_refused_not_waited_on(qtbot, window, answers, tmp_path: Path) -> None:
    """Issue 10: the window reads through the same guarded reader as the command line."""
    from gxdesk.gui.importing.dialog import ImportRequest

    fifo = tmp_path / "上年报告.pdf"
    os.mkfifo(fifo)
    before = gxr.dumps(window.report)
    assert not window.importing.run(ImportRequest(fifo))
    assert drop(qtbot, window, _mime(fifo))
    assert len(answers.warned) == 2 and all("不是普通文件" in w for w in answers.warned)
    assert gxr.dumps(window.report) == before
