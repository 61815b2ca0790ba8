"""The start page as a feature: what each of its choices does, through the other features.

Shown when the window starts without a report to reopen (a first start, or the
report worked on last has gone), and from 文件 → 开始页. 从上年报告开始 makes this
year's report from last year's file (``model.next_year``), kept untitled and
unsaved until the clerk saves it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gxdesk import model
from gxdesk.gui.document import UNTITLED
from gxdesk.gui.files.lifecycle import Files
from gxdesk.gui.host import Host
from gxdesk.gui.importing.import_report import Importing
from gxdesk.gui.summary.feature import SummaryFeature
from gxdesk.schema import PROACTIVE, REQUESTS

if TYPE_CHECKING:
    from gxdesk.gui.start.page import StartPage


def install(host: Host, files: Files, importing: Importing, summary: SummaryFeature) -> Start:
    start = Start(host, files, importing, summary)
    host.add_file_action("open", host.action("开始页(&H)", start.show))
    return start


class Start:
    def __init__(self, host: Host, files: Files, importing: Importing, summary: SummaryFeature) -> None:
        self.host, self.files, self.importing, self.summary = host, files, importing, summary
        self._page: StartPage | None = None  # built when first shown: a reopened report never needs it
        self.has_report = False  # a report of the clerk's is open behind the page
        host.document.replaced.connect(self._replaced)

    @property
    def page(self) -> StartPage:
        if self._page is None:
            from gxdesk.gui.start.page import Choice, StartPage

            files = self.files
            self._page = StartPage([
                Choice("start_new", "新建报告", "从空白报告开始填写", files.new_file),
                Choice("start_open", "打开…", "打开保存过的 .gxr 报告", files.open_file),
                Choice("start_next_year", "从上年报告开始…",
                       "选择上年的报告文件：机关名称、正文和上年结转带入，年度改为下一年，并与上年核对",
                       self.next_year),
                Choice("start_sample", "查看示例", "看一份填写完整的示例报告（不会覆盖示例）", files.open_sample),
                Choice("start_summary", "汇总各单位报告…", "把下属单位的报告收齐、核对并相加",
                       self.summary.open_summary),
            ], self.back)
            self._page.recent_chosen.connect(files.open_recent)
            from gxdesk.gui.importing.drops import FileDrops

            # A .gxr dropped anywhere on the page opens; a published report (.pdf, .docx, …) is imported.
            self._page.drops = FileDrops(self._page.drop_target, files.open_file, self.importing.import_path)
            self.host.set_start_page(self._page)
        return self._page

    def _replaced(self) -> None:
        self.has_report = True

    def show(self) -> None:
        from gxdesk.gui.start.page import Recent

        self.page.show_recent([Recent.of(Path(name)) for name in self.host.settings.recent])
        self.page.show_back(self.host.document.name if self.has_report else "")
        self.host.show_start()

    def back(self) -> None:
        self.host.show_report()

    def next_year(self, path: Path | None = None) -> bool:
        """从上年报告开始: this year's report from last year's file, given or chosen."""
        chosen = self.files.choose_and_load(path, "从上年报告开始：选择上年报告", "无法打开上年报告")
        if chosen is None:
            return False
        path, last = chosen
        report = model.next_year(last)
        if not self.files.open_report(report, UNTITLED, unsaved=True):
            return False
        self.host.document.set_previous(last, path.name)
        carried, in_force = REQUESTS.row("carried_over").short, PROACTIVE.column("rules", "in_force").label
        self.host.prompts.inform("从上年报告开始", (
            f"已按“{path.name}”（{last.year} 年度）新建 {report.year} 年度报告，尚未保存。\n\n"
            f"带入了：机关名称、各部分正文（请按本年实际改写）、「{carried}」（上年结转下年度的件数）"
            f"和二的「{in_force}」；前言中的年份已改为 {report.year} 年。\n"
            "请填写发文字号、成文日期和本年的各项数字。上年报告随本报告保存，跨年核对已开启。"))
        return True
