"""文件 → 载入上年报告: last year's report, for 二、上年结转 and the cross-year checks.

Last year's report is kept in this report's file (the ``.gxr``'s ``previous``),
so the checks stay on after saving, reopening, or on another machine, until
不再与上年报告核对 or another report is opened. Filling 上年结转 is one undoable
step; where it would replace figures already typed, the clerk is asked first,
with the list of changes. 导入已发布的报告 (as last year's) comes here too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from gxdesk.gui.files.lifecycle import Files
from gxdesk.gui.host import Host
from gxdesk.model import CellKey, Report, Value, carry_over_changes
from gxdesk.numbers import format_number
from gxdesk.schema import REQUESTS, cell_name


def install(host: Host, files: Files) -> PreviousYear:
    previous = PreviousYear(host, files)
    host.add_file_action("previous", host.action("载入上年报告(&L)…", previous.load))
    forget = host.action("不再与上年报告核对", previous.forget)
    forget.setToolTip("从本报告中去掉保存的上年报告，跨年核对随之关闭")
    host.add_file_action("previous", forget)
    document = host.document
    document.state_changed.connect(lambda: forget.setEnabled(document.previous is not None))
    forget.setEnabled(document.previous is not None)
    return previous


class PreviousYear:
    def __init__(self, host: Host, files: Files) -> None:
        self.host, self.files = host, files

    def load(self, path: Path | None = None) -> bool:
        """Last year's .gxr file, given or chosen (in the report's folder): fill 二、上年结转 and
        check across years."""
        chosen = self.files.choose_and_load(path, "载入上年报告", "无法载入上年报告")
        if chosen is None:
            return False
        path, previous = chosen
        done = self.use(previous, path.name)
        if done is None:
            return False
        self.host.prompts.inform("已载入上年报告", done)
        return True

    def forget(self) -> None:
        self.host.document.set_previous(None)
        self.host.show_message("已不再与上年报告核对（保存后生效）")

    def use(self, previous: Report, name: str) -> str | None:
        """Check across years against ``previous`` and fill 二、上年结转 from it (one undo step;
        asked first where that replaces figures typed); what was done, for the clerk, or None
        when the clerk cancelled."""
        document = self.host.document
        differing = carry_over_changes(document.report, previous)
        # A figure last year's report left blank (or an import could not find) is no figure to copy.
        changes = {k: v for k, v in differing.items() if v is not None}
        before = {key: document.report.cells[key] for key in changes}
        this, last = REQUESTS.row("carried_over").short, REQUESTS.row("carried_forward").short
        lines = [f"{cell_name(*k)}：{format_number(before[k])} → {format_number(v)}" for k, v in changes.items()]
        replace = True
        if any(before[key] not in (0, None) for key in changes):  # figures typed, not an empty form
            choice = self.host.prompts.ask_carry_over(
                f"“{name}”（{previous.year} 年度）的「{last}」与本报告的「{this}」不同，"
                f"替换会改动以下 {len(changes)} 格（可撤销）：", lines)
            if choice == "cancel":
                return None
            replace = choice == "replace"
        document.set_previous(previous, name)
        note = self._fill(changes, lines, replace, this, last, bool(differing))
        if len(changes) < len(differing):
            note = "\n".join(filter(None, [note, f"上年「{last}」有 {len(differing) - len(changes)} 格"
                                         f"是空的，对应的「{this}」没有改动，请核对。"]))
        return (f"已载入“{name}”（{previous.year} 年度），跨年核对已开启；上年报告随本报告保存。\n\n{note}")

    def _fill(self, changes: Mapping[CellKey, Value], lines: list[str], replace: bool, this: str, last: str,
              differing: bool) -> str:
        if changes and replace:
            self.host.document.set_cells(changes, "载入上年结转")
            return f"已按上年「{last}」填入「{this}」（可撤销）：\n" + "\n".join(lines)
        if changes:
            return f"「{this}」保留了现有数字，与上年「{last}」不同之处列在「检查」面板中。"
        return "" if differing else f"「{this}」与上年「{last}」一致，未作修改。"
