"""Reading the units' files off the GUI thread: ``gxdesk.summary.gather`` in a QThread.

The window hands the thread a copy of the 汇总's contents and the files it
has read before (unchanged ones are kept); the thread reports its progress
and, at the end, the ``Gathered`` result, both through queued signals, so
the window keeps painting and taking input while a folder of reports is read.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from gxdesk.summary.file import SummaryFile
from gxdesk.summary.gather import Gathered, gather
from gxdesk.summary.sources import Source


class Loader(QThread):
    progressed = Signal(int, int)  # files read, files in all
    gathered = Signal(object)  # a gxdesk.summary.gather.Gathered (its summary None when stopped early)

    def __init__(self, saved: SummaryFile, known: dict[Path, Source], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.saved = copy.deepcopy(saved)  # the window may change its own while this one reads
        self.known = dict(known)

    def run(self) -> None:
        try:
            gathered = gather(self.saved, self.known, self._progress)
        except Exception as error:  # a bug must not leave the window waiting for ever
            import traceback

            traceback.print_exc()
            gathered = Gathered({}, None, [f"读取报告时程序出现内部错误（{type(error).__name__}），请重新读取"])
        self.gathered.emit(gathered)

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return self.isInterruptionRequested()
