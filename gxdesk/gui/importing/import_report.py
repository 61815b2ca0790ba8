"""文件 → 导入已发布的报告: last year's published report from a file or pasted text.

The dialog collects the source (a .docx, a saved web page, a text file, or
text pasted from a web page or a PDF) and what to do with it; the importer
(``gxdesk.importer``, as ``gxdesk import``) reads it here. Two uses:

- 作为新报告打开 (the default): the report opens untitled and unsaved, for
  review and 另存为. Cells the source left blank or that could not be found
  are blank, and the core's blank-cell rule flags them in the tables. Totals
  the source printed are kept with the document and compared again on every
  check, so a mismatch (last year's report was wrong) stays in the 检查 panel
  until the figures agree or the clerk chooses 检查 → 不再核对原表合计.
- 作为上年报告: like 载入上年报告 with a .gxr file — fills 二、上年结转 and
  switches on the cross-year checks of the report being written.

Either way a summary lists what needs review (``ImportResult.messages``).
Unusable input gives a message and changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gxdesk.errors import InputError
from gxdesk.gui.actions import busy
from gxdesk.gui.files.lifecycle import Files
from gxdesk.gui.files.previous import PreviousYear
from gxdesk.gui.host import Host
from gxdesk.gui.prompts import SHOWN_LINES
from gxdesk.os_errors import failed

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from gxdesk.gui.importing.dialog import ImportRequest

PASTED = "粘贴的文字"
DROP_STATED = "不再核对原表合计"


def install(host: Host, files: Files, previous: PreviousYear) -> Importing:
    importing = Importing(host, files, previous)
    host.add_file_action("import", host.action("导入已发布的报告(&I)…", importing.start))
    document = host.document
    drop = importing.drop_stated_action = host.action(DROP_STATED, lambda: document.set_stated({}))
    drop.setToolTip("导入的报告中印出的合计与各项相加不一致时，这些问题列在「检查」面板中，直到数字一致或选择此项")
    host.add_checks_action(drop)
    document.state_changed.connect(lambda: drop.setEnabled(bool(document.stated)))
    drop.setEnabled(False)
    return importing


class Importing:
    drop_stated_action: QAction

    def __init__(self, host: Host, files: Files, previous: PreviousYear) -> None:
        self.host, self.files, self.previous = host, files, previous

    def start(self) -> bool:
        request = self.host.prompts.ask_import(self.host.settings.last_folder)
        return request is not None and self.run(request)

    def run(self, request: ImportRequest) -> bool:
        from gxdesk.importer import import_file, import_text

        host = self.host
        from gxdesk.limits import check_report

        try:
            with busy():
                result = import_file(request.path) if request.path else import_text(request.text, PASTED)
            check_report(result.report)  # what a report may hold, as for a file or typing
        except InputError as error:
            host.prompts.warn("无法导入", f"{error}\n\n当前报告没有改动。")
            return False
        except OSError as error:  # a path the importer reached before its own checks (a name too long)
            reason = failed("读取", error.filename or request.path or PASTED, error)
            host.prompts.warn("无法导入", f"{reason}\n\n当前报告没有改动。")
            return False
        source = request.path.name if request.path else PASTED
        report, lines = result.report, result.messages()
        if request.as_previous:
            from gxdesk.schema import YEAR_MAX, YEAR_MIN

            if not YEAR_MIN <= report.year <= YEAR_MAX:
                report.year = host.document.report.year - 1
                lines.insert(0, f"原文中没有找到报告年度，已按 {report.year} 年度核对")
            done = self.previous.use(report, source)
            host.prompts.show_summary("已导入上年报告", _summary(done, lines), lines)
            return True
        found = report.short_title if report.organ and report.year else Path(source).stem
        name = f"{found}（导入）"
        if not self.files.open_report(report, name, unsaved=True):
            return False
        host.document.set_stated(result.stated)
        done = (f"已从“{source}”导入{report.organ or '（机关名称未找到）'} {report.year or '（年度未找到）'} 年度报告，"
                "作为新报告打开，尚未保存。")
        if lines:
            done += ("\n\n标红的单元格是原文中没有找到或留空的数字；原表合计与各项相加不一致的，"
                     "列在「检查」面板中。请核对后用“另存为”保存。")
        host.prompts.show_summary("已导入报告", _summary(done, lines), lines)
        return True


def _summary(done: str, lines: list[str]) -> str:
    if not lines:
        return f"{done}\n\n全部找到，原表合计与各项相加一致。"
    shown = "\n".join(f"· {line}" for line in lines[:SHOWN_LINES])
    more = f"\n……另有 {len(lines) - SHOWN_LINES} 项，见“详细信息”" if len(lines) > SHOWN_LINES else ""
    return f"{done}\n\n需要核对的有 {len(lines)} 项：\n{shown}{more}"
