"""文件 → 导出 Word / 导出 PDF / 字体与版式设置 / 打印, driven through the menu like a clerk."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton

from gxdesk.gui.outputs.export import export_notes
from gxdesk.gui.prompts import QtPrompts
from gxdesk.render import fonts, render, render_bytes
from gxdesk.rules import ERROR, Finding
from gxdesk.settings import Settings
from tests.gui.conftest import type_into
from tests.readback import (
    docx_figures,
    docx_text,
    expected_figures,
    expected_sequence,
    in_order,
    pdf_figures,
    pdf_pages,
)

KAI = Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")  # installed by .ci/run
WRONG = ("requests", "granted", "natural_person")  # the sample has 30; 35 unbalances the column


def trigger(window, text: str) -> None:
    """Choose an item of the 文件 menu by its visible text."""
    action = next(a for a in window.file_menu.actions() if a.text().replace("&", "").startswith(text))
    assert action.isEnabled()
    action.trigger()


def test_export_word_and_pdf_and_read_them_back(window, answers, tmp_path, home):
    out = tmp_path / "out"
    out.mkdir()
    answers.save_paths.append(out / "年报")  # no suffix typed: the format's is added
    trigger(window, "导出 Word")
    docx = out / "年报.docx"
    assert docx_figures(docx) == expected_figures(window.report)
    assert in_order(docx_text(docx), expected_sequence(window.report)) == []

    answers.save_paths.append(out / "年报.PDF")  # a suffix in capitals is still the suffix
    trigger(window, "导出 PDF")
    pdf = out / "年报.PDF"
    pages = pdf_pages(pdf)
    assert pdf_figures(pages) == expected_figures(window.report)
    assert in_order("\n".join(pages), expected_sequence(window.report)) == []

    assert answers.errors_asked == []  # the sample has no errors: nothing to ask
    assert answers.warned == []  # fonts embedded: no warning either …
    # … only which standard faces this machine lacks, and what replaced them (none on a clerk's PC
    # with the Windows fonts), said in the message that offers to open the file.
    expected = [fonts.resolve().notes(fmt) for fmt in (".docx", ".pdf")]
    assert answers.exported == [(p, export_notes(n)) for p, n in zip((docx, pdf), expected, strict=True)]
    for note in expected[1]:
        assert any(note.removeprefix("字体：") in line for line in answers.exported[-1][1])
    assert Settings.load(home / "settings.json").export_folder == str(out)
    assert not window.isWindowModified()  # exporting is not editing


def test_the_save_dialog_suggests_the_title_in_the_last_export_folder(window, answers, tmp_path, monkeypatch):
    answers.real.add("ask_save_path")
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    asked = []

    def save_dialog(dialog):  # the real dialog, cancelled
        asked.append((dialog.windowTitle(), dialog.selectedFiles()[0], dialog.nameFilters()[0]))
        return 0

    monkeypatch.setattr(QFileDialog, "exec", save_dialog)
    window.settings.export_folder = str(tmp_path)
    window.meta_page.organ.setFocus()
    window.meta_page.organ.setText("某县/某局")  # a slash may not be in a file name
    window.meta_page.organ.textEdited.emit("某县/某局")
    trigger(window, "导出 PDF")
    caption, suggested, kinds = asked[0]
    assert Path(suggested) == tmp_path / f"某县_某局{window.report.year}年政府信息公开工作年度报告.pdf"
    assert kinds == "PDF 文件 (*.pdf)" and caption == "导出 PDF"
    assert list(tmp_path.iterdir()) == []  # cancelled: nothing written


def test_errors_are_asked_about_first_and_going_back_writes_nothing(qtbot, window, answers, tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    type_into(qtbot, window.view("requests"), WRONG, "35")
    answers.save_paths.append(tmp_path / "x.docx")
    answers.despite_errors = False
    trigger(window, "导出 Word")
    assert answers.errors_asked == [(2, "导出")]  # the column, and the 办结 figure the text states
    assert answers.save_asked == [] and list(tmp_path.iterdir()) == []

    answers.despite_errors = True  # "仍然导出"
    trigger(window, "导出 Word")
    assert (tmp_path / "x.docx").is_file()
    assert "35" in docx_figures(tmp_path / "x.docx")  # exported as it stands


def test_the_question_lists_the_count_and_the_first_errors(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = {}

    def exec_(box):
        shown["text"], shown["details"] = box.text(), box.informativeText()
        shown["buttons"] = [b.text() for b in box.buttons()]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    errors = [Finding("test", ERROR, f"第 {i} 处错误", "三") for i in range(1, 8)]
    assert QtPrompts(window).ask_despite_errors(errors, "打印") is False  # no button clicked: go back
    assert "7 处错误" in shown["text"]
    assert errors[0].message in shown["details"] and errors[4].message in shown["details"]
    assert errors[5].message not in shown["details"] and "另有 2 处" in shown["details"]
    assert set(shown["buttons"]) == {"返回修改", "仍然打印"}


def test_a_failed_export_says_why_and_leaves_the_old_file(window, answers, tmp_path, monkeypatch):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    old = tmp_path / "old.pdf"
    old.write_bytes(b"%PDF- the clerk's earlier export")
    answers.save_paths.append(old)

    def disk_full(fd):  # the whole new file went to the temp file, and then the disk filled up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("gxdesk.atomic.os.fsync", disk_full)
    trigger(window, "导出 PDF")
    assert old.read_bytes() == b"%PDF- the clerk's earlier export"
    assert answers.warned == [f"无法写入“{old}”：磁盘空间已满，请清理磁盘或换一个位置\n\n原有的“old.pdf”没有改动。"]
    assert "Traceback" not in answers.warned[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.pdf"]  # no temporary file left


def test_a_folder_that_does_not_exist_is_a_message(window, answers, tmp_path):
    answers.save_paths.append(tmp_path / "没有这个文件夹" / "x.docx")
    trigger(window, "导出 Word")
    missing = tmp_path / "没有这个文件夹"
    assert answers.warned == [f"无法写入“{missing / 'x.docx'}”：文件夹“{missing}”不存在"]


def test_the_font_fallback_warning_is_shown_in_the_windows_words(window, answers, tmp_path, monkeypatch):
    monkeypatch.setenv("GXDESK_FONT_PATH", "")  # a machine without any TrueType CJK font
    answers.save_paths.append(tmp_path / "x.pdf")
    trigger(window, "导出 PDF")
    assert (tmp_path / "x.pdf").is_file()
    [(path, notes)] = answers.exported  # said in the message that offers to open the file
    assert path == tmp_path / "x.pdf" and len(notes) == 1 and "字体替换" not in notes[0]
    assert "STSong-Light" in notes[0] and "--font-dir" not in notes[0]
    assert "文件 → 字体与版式设置" in notes[0]


@pytest.mark.skipif(not KAI.is_file(), reason="needs fonts-arphic-gkai00mp (see .ci/run)")
def test_font_folder_and_seal_settings_reach_the_export(window, answers, tmp_path, home):
    fonts = tmp_path / "单位字体"
    fonts.mkdir()
    shutil.copy(KAI, fonts)
    answers.output_settings.append((str(fonts), True))
    trigger(window, "字体与版式设置")
    assert answers.settings_asked == [("", False)]
    saved = Settings.load(home / "settings.json")
    assert (saved.font_dir, saved.seal) == (str(fonts), True)

    answers.save_paths.append(tmp_path / "sealed.docx")
    trigger(window, "导出 Word")
    sealed = docx_text(tmp_path / "sealed.docx")
    render(window.report, tmp_path / "direct.docx", seal=True)
    render(window.report, tmp_path / "plain.docx")
    assert sealed == docx_text(tmp_path / "direct.docx") != docx_text(tmp_path / "plain.docx")
    with zipfile.ZipFile(tmp_path / "sealed.docx") as docx:
        styles = docx.read("word/styles.xml").decode() + docx.read("word/document.xml").decode()
    assert "文鼎ＰＬ简中楷" in styles  # the face from the chosen folder, named as installed

    # The folder goes away (a USB stick unplugged): say so, write nothing.
    shutil.rmtree(fonts)
    answers.save_paths.append(tmp_path / "again.docx")
    trigger(window, "导出 Word")
    assert not (tmp_path / "again.docx").exists()
    assert "字体文件夹" in answers.warned[-1] and "字体与版式设置" in answers.warned[-1]


def test_the_settings_dialog_shows_the_fonts_it_would_use(qtbot, window, tmp_path, monkeypatch):
    from gxdesk.gui.outputs.export import describe_fonts
    from gxdesk.gui.outputs.settings_dialog import OutputSettingsDialog

    dialog = OutputSettingsDialog("", True, describe_fonts, window)
    qtbot.addWidget(dialog)
    shown = dialog.fonts_in_use.text()
    assert [line.split("：")[0] for line in shown.split("\n")] == ["仿宋", "黑体", "楷体", "小标宋", "宋体"]
    assert dialog.seal.isChecked()
    if KAI.is_file():
        shutil.copy(KAI, tmp_path)
        monkeypatch.setattr(QFileDialog, "exec", lambda d: d.selectFile(str(tmp_path)) or 1)
        qtbot.mouseClick(dialog.findChild(QPushButton, "choose_font_dir"), _left())
        assert "（所选文件夹）" in dialog.fonts_in_use.text()
    dialog.folder.setText(str(tmp_path / "nowhere"))
    dialog.folder.editingFinished.emit()
    assert "不存在" in dialog.font_warnings.text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "clear_font_dir"), _left())
    qtbot.mouseClick(dialog.seal, _left())
    assert dialog.values() == ("", False)


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


# --- 打印 -------------------------------------------------------------------------------


def _pdf_page_count(data_or_path) -> int:
    import io

    from pypdf import PdfReader

    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    return len(PdfReader(source).pages)


def _ink(pdf: bytes, index: int, dpi: int = 100, block: int = 20) -> list[list[float]]:
    """How much ink each 5 mm square of a page carries (0 white … 255 black), drawn at 100 dpi."""
    import pypdfium2

    bitmap = pypdfium2.PdfDocument(pdf)[index].render(scale=dpi / 72, grayscale=True)
    width, height, stride, data = bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)
    grid = []
    for top in range(0, height - block + 1, block):
        rows = [data[y * stride:y * stride + width] for y in range(top, top + block)]
        grid.append([255 - sum(sum(row[left:left + block]) for row in rows) / block ** 2
                     for left in range(0, width - block + 1, block)])
    return grid


def test_print_preview_shows_the_pdf_and_prints_every_page(qtbot, window, answers, tmp_path):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    expected, _ = render_bytes(window.report, ".pdf")
    seen = {}

    def preview(dialog):
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        seen["pages"] = widget.pageCount()
        seen["title"] = dialog.windowTitle()
        printer = dialog.printer()
        seen["paper"] = printer.pageLayout().fullRectPoints().size().toTuple()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printer.setResolution(150)  # a quick test; a real printer prints at up to 600 dpi
        widget.print_()

    answers.preview = preview
    trigger(window, "打印")
    assert seen["pages"] == _pdf_page_count(expected) > 1
    assert window.report.display_title in seen["title"]
    assert seen["paper"] == (595, 842)  # A4 in points
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert _pdf_page_count(printed) == seen["pages"]
    # What prints is the exported PDF: every page carries the same ink in the same places (content
    # moved by 2.5 mm differs by 30 or more; rasterising at print resolution by less than 20).
    for index in range(seen["pages"]):
        ours, theirs = _ink(printed, index), _ink(expected, index)
        worst = max(abs(a - b) for row, other in zip(ours, theirs, strict=True) for a, b in zip(row, other, strict=True))
        assert worst < 25, f"page {index + 1} differs from the PDF by {worst:.0f}"
        assert max(map(max, ours)) > 50  # and it is not blank


def test_printing_a_report_with_errors_asks_first(qtbot, window, answers):
    type_into(qtbot, window.view("requests"), WRONG, "35")
    answers.despite_errors = False
    trigger(window, "打印")
    assert answers.errors_asked == [(2, "打印")] and answers.previews == []
    answers.despite_errors = True
    trigger(window, "打印")
    assert len(answers.previews) == 1
