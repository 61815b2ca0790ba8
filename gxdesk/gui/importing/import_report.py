"""文件 → 导入已发布的报告: last year's published report from a file, the clipboard or a drop.

The dialog collects the source (a PDF, a .docx, a saved web page, a text file,
or what was pasted into it) and what to do with it; 从剪贴板导入 takes what the
clerk copied in a browser or a PDF viewer — the clipboard's HTML when it has
it (tables keep their rows and cells), else its text; a file dropped on the
window (``drops.FileDrops``) is imported as a new report. The importer
(``gxdesk.importer``, as ``gxdesk import``) reads it here. Two uses:

- 作为新报告打开 (the default): the report opens untitled and unsaved, for
  review and 另存为. Cells that could not be found, or that the source left
  blank where its printed totals say they are not 0, are blank, and the core's
  blank-cell rule flags them. Totals the source printed are kept with the
  document and compared again on every check, so a mismatch (last year's report
  was wrong) stays in the 检查 panel until the figures agree or the clerk chooses
  检查 → 不再核对原表合计.
- 作为上年报告: like 载入上年报告 with a .gxr file — fills 二、上年结转 and
  switches on the cross-year checks of the report being written.

Either way 导入结果 (``summary_dialog``) shows on one screen what was found, what
disagrees, what needs review and what was read as 0 from blanks, each item
jumping to its cell. Unusable input gives a message and changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gxdesk.errors import InputError
from gxdesk.gui.actions import busy
from gxdesk.gui.files.lifecycle import Files
from gxdesk.gui.files.previous import PreviousYear
from gxdesk.gui.host import Host
from gxdesk.gui.importing.drops import FileDrops
from gxdesk.os_errors import failed

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from gxdesk.gui.importing.dialog import ImportRequest
    from gxdesk.importer import ImportResult

PASTED = "粘贴的文字"
CLIPBOARD = "剪贴板中的内容"
DROP_STATED = "不再核对原表合计"


def install(host: Host, files: Files, previous: PreviousYear) -> Importing:
    importing = Importing(host, files, previous)
    host.add_file_action("import", host.action("导入已发布的报告(&I)…", importing.start))
    host.add_file_action("import", host.action("从剪贴板导入(&B)", importing.paste))
    document = host.document
    drop = importing.drop_stated_action = host.action(DROP_STATED, lambda: document.set_stated({}))
    drop.setToolTip("导入的报告中印出的合计与各项相加不一致时，这些问题列在「检查」面板中，直到数字一致或选择此项")
    host.add_checks_action(drop)
    document.state_changed.connect(lambda: drop.setEnabled(bool(document.stated)))
    drop.setEnabled(False)
    importing.drops = FileDrops(host.widget(), files.open_file, importing.import_path)
    return importing


class Importing:
    drop_stated_action: QAction
    drops: FileDrops

    def __init__(self, host: Host, files: Files, previous: PreviousYear) -> None:
        self.host, self.files, self.previous = host, files, previous

    def start(self) -> bool:
        request = self.host.prompts.ask_import(str(self.files.folder()))
        return request is not None and self.run(request)

    def import_path(self, path: Path) -> bool:
        """A published report dropped on the window (or the start page): opened as a new report."""
        from gxdesk.gui.importing.dialog import ImportRequest

        return self.run(ImportRequest(path))

    def paste(self) -> bool:
        """What the clipboard holds: its HTML flavour when there is one, else its text."""
        from PySide6.QtWidgets import QApplication

        from gxdesk.gui.importing.dialog import ImportRequest

        mime = QApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not (html.strip() or text.strip()):
            self.host.prompts.warn("无法导入", "剪贴板中没有文字。请先在网页或 PDF 中全选（Ctrl+A）"
                                   "并复制（Ctrl+C）报告全文。")
            return False
        return self.run(ImportRequest(None, text, html=html), CLIPBOARD)

    def run(self, request: ImportRequest, pasted: str = PASTED) -> bool:
        from gxdesk.importer import import_file, import_html, import_text
        from gxdesk.importer.summary import ImportSummary
        from gxdesk.limits import check_report

        host = self.host
        try:
            with busy():
                if request.path:
                    result = import_file(request.path)
                elif request.html.strip():
                    result = import_html(request.html, pasted)
                else:
                    result = import_text(request.text, pasted)
            check_report(result.report)  # what a report may hold, as for a file or typing
        except InputError as error:
            host.prompts.warn("无法导入", f"{error}\n\n当前报告没有改动。")
            return False
        except OSError as error:  # a path the importer reached before its own checks (a name too long)
            reason = failed("读取", error.filename or request.path or pasted, error)
            host.prompts.warn("无法导入", f"{reason}\n\n当前报告没有改动。")
            return False
        source = request.path.name if request.path else pasted
        report, summary = result.report, ImportSummary.of(result)
        if request.as_previous:
            from gxdesk.schema import YEAR_MAX, YEAR_MIN

            guessed = ""
            if not YEAR_MIN <= report.year <= YEAR_MAX:
                report.year = host.document.report.year - 1
                guessed = f"原文中没有找到报告年度，已按 {report.year} 年度核对。\n\n"
            done = self.previous.use(report, source)
            if done is None:
                return False  # the clerk kept this year's report as it was
            host.prompts.show_import_summary("已导入上年报告", guessed + done, summary, None)
            return True
        found = report.short_title if report.organ and report.year else Path(source).stem
        if not self.files.open_report(report, f"{found}（导入）", unsaved=True):
            return False
        host.document.set_stated(result.stated)
        host.prompts.show_import_summary("导入结果", _headline(source, result, summary.clean), summary, host.show_cell)
        return True


def _headline(source: str, result: ImportResult, clean: bool) -> str:
    report = result.report
    done = (f"已从“{source}”导入{report.organ or '（机关名称未找到）'} {report.year or '（年度未找到）'} 年度报告，"
            "作为新报告打开，尚未保存。")
    if clean:
        return f"{done}全部找到，原表合计与各项相加一致。"
    return (f"{done}\n标红的单元格是原文中没有找到、或留空但合计说明不是 0 的数字；原表合计与各项相加不一致的，"
            "也列在「检查」面板中。请核对后用“另存为”保存。")
