"""The print preview at the resolution it shows (point 6); the toolbar, the export shortcuts, 使用说明
(F1) and 打开文件 / 打开所在文件夹 after an export (point 11)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QTextBrowser

from gxdesk.gui import actions
from gxdesk.gui.help.guide import guide_file
from gxdesk.userdirs import autosave_dir


def run_preview(qtbot, window, answers, look):
    seen = {}

    def preview(dialog):
        dialog.show()
        widget = dialog.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=10_000)
        look(widget, window.printing.pages, seen)
        dialog.close()

    answers.preview = preview
    qtbot.keyClick(window.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert answers.previews, "Ctrl+P did not open the preview"
    return seen


def test_the_preview_is_drawn_at_the_resolution_it_is_shown_at_and_again_when_zoomed(qtbot, window, answers):
    def look(widget, pages, seen):
        widget.setZoomFactor(1.0)  # 100 %
        qtbot.waitUntil(lambda: pages.preview_dpi == round(widget.logicalDpiY() * widget.devicePixelRatioF()))
        seen["at 100 %"] = pages.preview_dpi
        widget.setZoomFactor(2.0)
        qtbot.waitUntil(lambda: pages.preview_dpi == round(2 * widget.logicalDpiY() * widget.devicePixelRatioF()))
        seen["at 200 %"] = pages.preview_dpi
        image = next(image for (page, dpi), image in pages._preview.items() if dpi == pages.preview_dpi)
        seen["width"] = image.width()

    seen = run_preview(qtbot, window, answers, look)
    assert seen["at 200 %"] == 2 * seen["at 100 %"]
    assert abs(seen["width"] - 210 / 25.4 * seen["at 200 %"]) <= 2  # an A4 page, one image pixel a screen pixel


def test_the_toolbar_has_the_everyday_actions(window):
    shown = [a.iconText() for a in window.toolbar.actions() if a.isVisible() and not a.isSeparator()]
    assert shown == ["新建", "打开", "保存", "检查", "导出 Word", "导出 PDF", "打印"]
    separators = [a for a in window.toolbar.actions() if a.isSeparator() and a.isVisible()]
    assert len(separators) == 3  # 新建 打开 | 保存 检查 | 导出 | 打印


def test_the_toolbars_check_opens_the_panel_even_with_nothing_to_show(qtbot, window):
    check = next(a for a in window.toolbar.actions() if a.iconText() == "检查")
    check.trigger()
    assert window.findings_panel.isVisible() and "全部平衡" in window.statusBar().currentMessage()


def test_exports_have_shortcuts_and_offer_to_open_the_file_or_its_folder(qtbot, window, answers, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(actions, "open_externally", lambda path: opened.append(("file", path)) or True)
    monkeypatch.setattr(actions, "show_in_folder", lambda path: opened.append(("folder", path)) or True)
    answers.save_paths += [tmp_path / "年报.docx", tmp_path / "年报.pdf"]
    answers.after_export = "open_file"
    qtbot.keyClick(window.tabs, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    answers.after_export = "open_folder"
    qtbot.keyClick(window.tabs, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [path for path, _ in answers.exported] == [tmp_path / "年报.docx", tmp_path / "年报.pdf"]
    assert opened == [("file", tmp_path / "年报.docx"), ("folder", tmp_path / "年报.pdf")]

    monkeypatch.setattr(actions, "open_externally", lambda path: False)  # no program for .docx here
    answers.save_paths.append(tmp_path / "又一份.docx")
    answers.after_export = "open_file"
    window.exporter.export(".docx")
    assert "系统中没有可以打开这个文件的程序" in answers.warned[-1]


def test_f1_opens_the_guide_with_this_installations_folders(qtbot, window, home):
    qtbot.keyClick(window.tabs, Qt.Key.Key_F1)
    dialog = window.guide.dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "使用说明"
    shown = dialog.findChild(QTextBrowser, "guide_text").toPlainText()
    for topic in ("颜色", "按键", "检查哪些问题", "文件放在哪里", "Ctrl+Tab", "勾稽关系", "上年报告"):
        assert topic in shown, topic
    assert str(autosave_dir(home)) in shown and str(home / "settings.json") in shown
    assert "{autosave}" not in shown
    assert guide_file().suffix == ".md" and guide_file().parent.name == "help"


def test_the_guide_ships_with_the_app(tmp_path):
    """ui/ goes whole into the wheel (pyproject's force-include) and the frozen app (the spec's datas and
    the bundle check's ASSET_FOLDERS): the guide is in ui/."""
    from installer.bundling import ASSET_FOLDERS, ROOT

    assert guide_file().resolve().is_relative_to((ROOT / "ui").resolve())
    assert ("ui", "_internal/ui") in ASSET_FOLDERS
    assert Path(ROOT / "ui" / "help" / "guide.md").is_file()
