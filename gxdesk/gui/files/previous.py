"""文件 → 载入上年报告: last year's report, for 二、上年结转 and the cross-year checks.

Filling 上年结转 is one undoable step; the checks stay on until 不再与上年报告核对
or another report is opened. 导入已发布的报告 (as last year's) comes here too.
"""

from __future__ import annotations

from pathlib import Path

from gxdesk.gui.files.lifecycle import Files
from gxdesk.gui.host import Host
from gxdesk.model import Report, carry_over_changes
from gxdesk.numbers import format_number
from gxdesk.schema import REQUESTS, cell_name


def install(host: Host, files: Files) -> PreviousYear:
    previous = PreviousYear(host, files)
    host.add_file_action("previous", host.action("载入上年报告(&L)…", previous.load))
    forget = host.action("不再与上年报告核对", previous.forget)
    host.add_file_action("previous", forget)
    document = host.document
    document.state_changed.connect(lambda: forget.setEnabled(document.previous is not None))
    forget.setEnabled(document.previous is not None)
    return previous


class PreviousYear:
    def __init__(self, host: Host, files: Files) -> None:
        self.host, self.files = host, files

    def load(self, path: Path | None = None) -> bool:
        """Last year's .gxr file, given or chosen: fill 二、上年结转 and check across years."""
        chosen = self.files.choose_and_load(path, "载入上年报告", "无法载入上年报告")
        if chosen is None:
            return False
        path, previous = chosen
        self.host.prompts.inform("已载入上年报告", self.use(previous, path.name))
        return True

    def forget(self) -> None:
        self.host.document.set_previous(None)

    def use(self, previous: Report, name: str) -> str:
        """Check across years against ``previous`` and fill 二、上年结转 from it (one undo step);
        returns what was done, for the user."""
        document = self.host.document
        differing = carry_over_changes(document.report, previous)
        # A figure last year's report left blank (or an import could not find) is no figure to copy.
        changes = {k: v for k, v in differing.items() if v is not None}
        before = {key: document.report.cells[key] for key in changes}
        this, last = REQUESTS.row("carried_over").short, REQUESTS.row("carried_forward").short
        document.set_previous(previous, name)
        if changes:
            document.set_cells(changes, "载入上年结转")
            lines = [f"{cell_name(*k)}：{format_number(before[k])} → {format_number(v)}" for k, v in changes.items()]
            note = f"已按上年「{last}」填入「{this}」（可撤销）：\n" + "\n".join(lines)
        elif not differing:
            note = f"「{this}」与上年「{last}」一致，未作修改。"
        else:
            note = ""
        if len(changes) < len(differing):
            note = "\n".join(filter(None, [note, f"上年「{last}」有 {len(differing) - len(changes)} 格"
                                         f"是空的，对应的「{this}」没有改动，请核对。"]))
        return f"已载入“{name}”（{previous.year} 年度），跨年核对已开启。\n\n{note}"
