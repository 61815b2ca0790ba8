"""The open report: the core Report, its file, its undo history and its findings.

Every change is a core edit (``gxdesk.edits``) pushed onto the undo history
through one ``QUndoCommand`` adapter, ``_EditCommand``: the edit applies
itself, and the edit it returns undoes it. After each change the core rules
run again and ``changed`` tells the views what changed (a ``Change``: tables,
text parts, meta fields), so that each refreshes only that.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Callable, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gxdesk.edits import EVERYTHING, NOTHING, Change, Edit, ReplaceReport, SetCells
from gxdesk.model import CellKey, Report, Value, as_previous
from gxdesk.rules import Finding, check, check_stated
from gxdesk.text_checks.similarity import LastYear

UNTITLED = "未命名"


class Document(QObject):
    # After every change, with the Change as payload; figures, totals and flags are current.
    # An empty Change: only the findings may differ (last year's report or the printed totals switched).
    changed = Signal(object)
    state_changed = Signal()  # file name, modified mark, previous-year report or printed totals changed
    replaced = Signal()  # another report is shown (opened, new, recovered): the window shows the editor
    # After an undo or a redo: what changed, the edit that was applied (the window shows where),
    # and which it was ("撤销" or "重做").
    history_moved = Signal(object, object, str)

    def __init__(self, report: Report, path: Path | None = None, name: str = UNTITLED,
                 parent: QObject | None = None, today: Callable[[], date] = date.today,
                 check_text_later: bool = False) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.untitled_name = name
        self._previous_name = ""  # where last year's report came from in this session ("" once reopened)
        self._last_year: tuple[Report, LastYear] | None = None  # see ``last_year``
        self.today = today  # the deadline checks' today (the tests fix it)
        self.deadline = ""  # the 发布期限 setting as a month-day ("01-26"); "" = the organ's default
        self.checks_text = not check_text_later  # see ``check_text``
        self.unsaved = False  # content not in its file yet (a recovered draft, an import): modified until saved
        self.read_only = False  # opened read-only (open in another window): 保存 asks for a new name
        # Totals as printed in the published report this one was imported from: compared again on every
        # check, so a mismatch shows in the 检查 panel until the figures agree or the clerk drops them.
        self.stated: dict[CellKey, Value] = {}
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.state_changed)
        self.findings: list[Finding] = []
        self._cell_flags: dict[CellKey, list[Finding]] = {}
        self._column_flags: dict[tuple[str, str], list[Finding]] = {}
        self.field_flags: dict[str, list[Finding]] = {}
        self.recheck(EVERYTHING)

    # --- State ---------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.path.name if self.path else self.untitled_name

    @property
    def modified(self) -> bool:
        return self.unsaved or not self.undo_stack.isClean()

    @property
    def previous(self) -> Report | None:
        """Last year's report, for the cross-year checks: kept in the report (and its file)."""
        return self.report.previous

    @property
    def last_year(self) -> LastYear | None:
        """Last year's report, ready to measure repeated text against (made once for each)."""
        previous = self.report.previous
        if previous is None:
            return None
        if self._last_year is None or self._last_year[0] is not previous:
            self._last_year = (previous, LastYear(previous))
        return self._last_year[1]

    @property
    def previous_name(self) -> str:
        previous = self.report.previous
        if previous is None:
            return ""
        return self._previous_name or f"{previous.year} 年度（保存在本报告中）"

    def reset(self, report: Report, path: Path | None, name: str = UNTITLED, unsaved: bool = False,
              read_only: bool = False) -> None:
        """Show another report: a fresh history, no printed totals (last year's is the report's own)."""
        self.undo_stack.clear()
        self.report, self.path, self.untitled_name = report, path, name
        self._previous_name, self.unsaved = "", unsaved
        self.read_only = read_only
        self.stated = {}
        self.recheck(EVERYTHING)
        self.state_changed.emit()
        self.replaced.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.unsaved = self.read_only = False
        self.undo_stack.setClean()
        self.state_changed.emit()

    def set_previous(self, previous: Report | None, name: str = "") -> None:
        """Check across years against ``previous`` (None: stop). It is kept in the report's file,
        so the report has unsaved changes until the next save (this is not an undo step)."""
        if previous is None and self.report.previous is None:
            return
        self.report.previous = None if previous is None else as_previous(previous)
        self._previous_name = name
        self.unsaved = True
        self.recheck()
        self.state_changed.emit()

    def set_stated(self, stated: dict[CellKey, Value]) -> None:
        """Check these printed totals against the figures from now on (empty: stop)."""
        self.stated = dict(stated)
        self.recheck()
        self.state_changed.emit()

    # --- Findings ------------------------------------------------------------------

    def recheck(self, change: Change = NOTHING) -> None:
        """Run the rules again and tell the views, with what changed in the report."""
        self.findings = check(self.report, self.report.previous, deadline=self.deadline, today=self.today(),
                              text=self.checks_text)
        if self.stated:  # errors, like the ones check() puts first
            self.findings[:0] = check_stated(self.report, self.stated)
        cells: dict[CellKey, list[Finding]] = defaultdict(list)
        columns: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        fields: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            if finding.table and finding.row:
                cells[(finding.table, finding.row, finding.column)].append(finding)
            elif finding.table and finding.column:
                columns[(finding.table, finding.column)].append(finding)
            if finding.field:  # a figure in the text flags its sentence and its cell
                fields[finding.field].append(finding)
        self._cell_flags, self._column_flags, self.field_flags = dict(cells), dict(columns), dict(fields)
        self.changed.emit(change)

    def check_text(self) -> None:
        """Start checking the text too. The window's first paint does not wait for it: the text
        checks' patterns compile on their first run, which costs start-up some 30 ms."""
        if not self.checks_text:
            self.checks_text = True
            self.recheck()

    def flags(self, key: CellKey) -> list[Finding]:
        """Findings about this cell, or about its whole column."""
        return self._cell_flags.get(key, []) + self._column_flags.get((key[0], key[2]), [])

    def column_flags(self, table_id: str, column_id: str) -> list[Finding]:
        return self._column_flags.get((table_id, column_id), [])

    # --- Edits (each one undoable) -------------------------------------------------

    def push(self, edit: Edit) -> bool:
        """Apply ``edit`` as one undo step (merged into the last one where it types on);
        False if it changed nothing. The edit was checked when it was made."""
        done = edit.apply(self.report)
        if not done.change:
            return False
        self._show(done.report, done.change)
        self.undo_stack.push(_EditCommand(self, edit, done.inverse))
        return True

    def set_cells(self, changes: Mapping[CellKey, Value], label: str) -> bool:
        """One undo step for these cells; False if nothing would change."""
        return self.push(SetCells(changes, label))

    def replace_report(self, report: Report, label: str) -> None:
        """Swap in another report's content (the file stays the same) as one undo step."""
        self.push(ReplaceReport(report, label))

    def _apply(self, edit: Edit, doing: str) -> Edit:
        """For the undo command (``doing``: 撤销 or 重做): apply, show, and return the edit that undoes it."""
        done = edit.apply(self.report)
        self._show(done.report, done.change)
        self.history_moved.emit(done.change, edit, doing)
        return done.inverse

    def _show(self, report: Report, change: Change) -> None:
        self.report = report
        self.recheck(change)


class _EditCommand(QUndoCommand):
    """A core edit on the undo stack. Pushed after the document applied it, so the
    first ``redo`` (which ``QUndoStack.push`` calls) has nothing left to do."""

    MERGE_ID = 1  # every edit; ``Edit.merge`` decides (typing on in one field)

    def __init__(self, document: Document, edit: Edit, inverse: Edit) -> None:
        super().__init__(edit.label)
        self.document, self.edit, self.inverse = document, edit, inverse
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.inverse = self.document._apply(self.edit, "重做")

    def undo(self) -> None:
        self.edit = self.document._apply(self.inverse, "撤销")

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _EditCommand):
            return False
        merged = self.edit.merge(other.edit)
        if merged is None:
            return False
        self.edit = merged
        self.setObsolete(merged.sets_same(self.inverse))  # typed and erased again: no step at all
        return True
