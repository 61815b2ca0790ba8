"""The open report: the core Report, its file, its undo history and its findings.

Every change goes through an undoable command that calls the core
(``Report.set_cells`` returns the previous values, which are the undo). After
each change the core rules run again and ``findings_changed`` tells the views.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gxdesk.model import CellKey, Report, Value
from gxdesk.rules import Finding, check, check_stated
from gxdesk.schema import TABLE_BY_ID


class Document(QObject):
    findings_changed = Signal()  # after every change: figures, totals and flags are current
    text_changed = Signal(str)  # a text part changed (by undo/redo or a whole-report change)
    meta_changed = Signal(str)  # a meta field changed
    reloaded = Signal()  # the whole report was replaced
    state_changed = Signal()  # file name, modified mark or previous-year report changed

    def __init__(self, report: Report, path: Path | None = None, name: str = "未命名", parent=None) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.untitled_name = name
        self.previous: Report | None = None  # last year's report, for the cross-year checks
        self.previous_name = ""
        self.unsaved = False  # content not in its file yet (a recovered draft, an import): modified until saved
        # Totals as printed in the published report this one was imported from: compared again on every
        # check, so a mismatch shows in the 检查 panel until the figures agree or the clerk drops them.
        self.stated: dict[CellKey, Value] = {}
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.state_changed)
        self.findings: list[Finding] = []
        self.touched: set[str] = set()  # tables whose figures the last change touched
        self._cell_flags: dict[CellKey, list[Finding]] = {}
        self._column_flags: dict[tuple[str, str], list[Finding]] = {}
        self.field_flags: dict[str, list[Finding]] = {}
        self.recheck()

    # --- State ---------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.path.name if self.path else self.untitled_name

    @property
    def modified(self) -> bool:
        return self.unsaved or not self.undo_stack.isClean()

    def reset(self, report: Report, path: Path | None, name: str = "未命名", unsaved: bool = False) -> None:
        """Show another report: a fresh history, no previous-year report, no printed totals."""
        self.undo_stack.clear()
        self.report, self.path, self.untitled_name = report, path, name
        self.previous, self.previous_name, self.unsaved = None, "", unsaved
        self.stated = {}
        self.recheck()
        self.reloaded.emit()
        self.state_changed.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.unsaved = False
        self.undo_stack.setClean()
        self.state_changed.emit()

    def set_previous(self, previous: Report | None, name: str = "") -> None:
        self.previous, self.previous_name = previous, name
        self.recheck()
        self.state_changed.emit()

    def set_stated(self, stated: dict[CellKey, Value]) -> None:
        """Check these printed totals against the figures from now on (empty: stop)."""
        self.stated = dict(stated)
        self.recheck(set())
        self.state_changed.emit()

    # --- Findings ------------------------------------------------------------------

    def recheck(self, touched: set[str] | None = None) -> None:
        """Run the rules again and tell the views; ``touched`` limits which tables' figures
        may have changed (None: any, e.g. a whole new report)."""
        self.touched = set(TABLE_BY_ID) if touched is None else touched
        self.findings = check(self.report, self.previous)
        if self.stated:  # errors, like the ones check() puts first
            self.findings[:0] = check_stated(self.report, self.stated)
        cells, columns, fields = defaultdict(list), defaultdict(list), defaultdict(list)
        for finding in self.findings:
            if finding.table and finding.row:
                cells[(finding.table, finding.row, finding.column)].append(finding)
            elif finding.table and finding.column:
                columns[(finding.table, finding.column)].append(finding)
            elif finding.field:
                fields[finding.field].append(finding)
        self._cell_flags, self._column_flags, self.field_flags = dict(cells), dict(columns), dict(fields)
        self.findings_changed.emit()

    def flags(self, key: CellKey) -> list[Finding]:
        """Findings about this cell, or about its whole column."""
        return self._cell_flags.get(key, []) + self._column_flags.get((key[0], key[2]), [])

    def column_flags(self, table_id: str, column_id: str) -> list[Finding]:
        return self._column_flags.get((table_id, column_id), [])

    # --- Edits (each one undoable) -------------------------------------------------

    def set_cells(self, changes: dict[CellKey, Value], label: str) -> bool:
        """Push one undo step for these cells; False if nothing would change."""
        cells = self.report.cells
        real = {k: v for k, v in changes.items() if cells[k] != v or type(cells[k]) is not type(v)}
        if not real:
            return False
        self.undo_stack.push(_CellsCommand(self, real, label))
        return True

    def set_text(self, part: str, text: str, session: int = 0) -> None:
        if self.report.text[part] != text:
            self.undo_stack.push(_FieldCommand(self, "text", part, text, session))

    def set_meta(self, field: str, value: object, session: int = 0) -> None:
        if getattr(self.report, field) != value:
            self.undo_stack.push(_FieldCommand(self, "meta", field, value, session))

    def replace_report(self, report: Report, label: str) -> None:
        """Swap in another report (an import, a recovered draft) as one undo step."""
        self.undo_stack.push(_ReplaceCommand(self, report, label))

    # Called by the commands only.

    def _apply_cells(self, changes: dict[CellKey, Value]) -> dict[CellKey, Value]:
        previous = self.report.set_cells(changes)
        self.recheck({key[0] for key in changes})
        return previous

    def _apply_field(self, kind: str, name: str, value: object) -> None:
        if kind == "text":
            self.report.set_text(name, str(value))
            self.recheck(set())
            self.text_changed.emit(name)
        else:
            setattr(self.report, name, value)
            self.recheck(set())
            self.meta_changed.emit(name)

    def _swap_report(self, report: Report) -> Report:
        old, self.report = self.report, report
        self.recheck()
        self.reloaded.emit()
        return old


class _CellsCommand(QUndoCommand):
    def __init__(self, document: Document, changes: dict[CellKey, Value], label: str) -> None:
        super().__init__(label)
        self.document, self.changes = document, changes
        self.previous: dict[CellKey, Value] = {}

    def redo(self) -> None:
        self.previous = self.document._apply_cells(self.changes)

    def undo(self) -> None:
        self.document._apply_cells(self.previous)


class _FieldCommand(QUndoCommand):
    """Typing in one field, kept as one undo step while the field keeps the focus."""

    MERGE_ID = 1

    def __init__(self, document: Document, kind: str, name: str, value: object, session: int) -> None:
        super().__init__(f"修改{_field_label(kind, name)}")
        self.document, self.kind, self.name, self.session = document, kind, name, session
        current = document.report.text[name] if kind == "text" else getattr(document.report, name)
        self.old, self.new = current, value

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, _FieldCommand) and self.session and other.session == self.session
                and (other.kind, other.name) == (self.kind, self.name)):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.document._apply_field(self.kind, self.name, self.new)

    def undo(self) -> None:
        self.document._apply_field(self.kind, self.name, self.old)


class _ReplaceCommand(QUndoCommand):
    def __init__(self, document: Document, report: Report, label: str) -> None:
        super().__init__(label)
        self.document, self.other = document, report

    def redo(self) -> None:
        self.other = self.document._swap_report(self.other)

    undo = redo


def _field_label(kind: str, name: str) -> str:
    from gxdesk.schema import META_LABELS, SECTION_BY_ID, TEXT_PART_BY_ID

    if kind == "meta":
        return META_LABELS[name]
    part = TEXT_PART_BY_ID[name]
    section = SECTION_BY_ID.get(part.section)
    where = section.heading if section else part.section
    return f"{where}{'·' + part.title if part.title else ''}"
