"""The text tabs: 基本信息 (meta and preamble) and the narrative parts of 一, 五 and 六.

Every field writes through the document as core edits (``gxdesk.edits``):
a run of typing in one field is one undo step, until the field loses the
focus or the cursor is moved elsewhere; a paste is a step of its own. Ctrl+Z /
Ctrl+Y in a field go to the window's undo history, so there is one history
for the whole report, as in Word; an undo shows the field it changed, with the
cursor where the change was (``TextField.load``, ``ReportTabs.reveal``). A paste
with line breaks inside its paragraphs (a PDF's lines) offers to join them.
A refused entry is explained in a note at the field (``note.py``).

A text field marks what the core found in it: the sentence a text finding is
about (underlined), and, once last year's report is known, the sentences that
repeat last year's (shaded), with the part's share of repeated text beside its
title. Parts the core drafts from the figures have a 按数字起草 button; what it
asks and does is the window's (``TextPage.draft_requested``).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gxdesk.edits import Change, SetMeta, SetText, Typing, changed_span, meta_value
from gxdesk.errors import InputError
from gxdesk.gui.actions import named
from gxdesk.gui.document import Document
from gxdesk.gui.editor.date_field import DateField
from gxdesk.gui.editor.flags import flag_state, flag_tooltip
from gxdesk.gui.editor.note import show_note
from gxdesk.numbers import item_mark
from gxdesk.rules import ERROR, Finding
from gxdesk.schema import META_LABELS, SECTION_BY_ID, TEXT_PARTS, YEAR_MAX, YEAR_MIN, TextPart
from gxdesk.text import broken_lines, clean_line, clean_text, join_broken_lines
from gxdesk.text_checks.similarity import REPEAT_LIMIT, LastYear

if TYPE_CHECKING:  # (a Qt class costs start-up time when first named: these wait for their use)
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QTextCharFormat

    AskJoin = Callable[[int], bool]  # pasted text has this many breaks inside paragraphs: join them?

_runs = itertools.count(1)  # one per stretch of typing in one field (Typing.run): its edits merge
_REDO_Y = QKeySequence("Ctrl+Y")


class _HistoryKeys(QObject):
    """Leaves Ctrl+Z / Ctrl+Y to the window's shortcuts instead of the field's own undo,
    and starts a new run of typing whenever a field gets the focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
            or QKeySequence(event.keyCombination()) == _REDO_Y
        ):
            event.ignore()
            return True
        if event.type() == QEvent.Type.FocusIn:
            watched.setProperty("edit_run", next(_runs))
        return False


_HISTORY_KEYS = _HistoryKeys()


def _watch(widget: QWidget) -> None:
    widget.installEventFilter(_HISTORY_KEYS)
    widget.setProperty("edit_run", next(_runs))


def _run(widget: QWidget) -> int:
    run = widget.property("edit_run")
    return run if isinstance(run, int) else 0


REPEATED_BG = QColor("#ffe3c2")  # a sentence repeated from last year's report
# A text finding's sentence, by "is an error": underlined and tinted (over any repeated shading).
_UNDERLINE = {True: QColor("#d64545"), False: QColor("#c98f00")}
_TINT = {True: QColor("#f7c6c5"), False: QColor("#fbe6a6")}
SIMILARITY_MS = 200  # the share and the shading follow typing after this pause


def refuse(widget: QWidget, message: str) -> None:
    """Say at the field itself why an entry was not taken (the status bar says it too)."""
    if widget.isVisible():
        show_note(widget, widget.rect(), message)


def set_flags(widget: QWidget, flags: Sequence[Finding]) -> None:
    """Colour a field's frame by its findings (see ui/gxdesk.qss) and explain them on hover."""
    state = flag_state(flags)
    if (widget.property("flag") or "") != state:  # unset at first: repolishing unflagged fields costs start-up
        widget.setProperty("flag", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip(flag_tooltip(flags))
    if isinstance(widget, TextField):
        widget.mark_findings(flags)


class TextField(QPlainTextEdit):
    """One narrative part. (``report_document``: Qt's own ``document()`` is the text's.)

    What is typed or pasted goes through the core's edit, which cleans it (``clean_text``) and
    keeps it within the limits; the field then shows what the report holds, never something else."""

    refused = Signal(str)  # typing or a paste the core refused (too long), with the reason

    def __init__(self, document: Document, part: TextPart, ask_join: AskJoin | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report_document, self.part, self.ask_join = document, part, ask_join
        self.setObjectName(f"text_{part.id}")
        self.setPlaceholderText(part.hint)
        self.setUndoRedoEnabled(False)  # the window's history undoes text too
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().height() * 5)
        self._pasting = False
        self._finding_spans: list[tuple[int, int, bool]] = []  # (start, end, is an error)
        self._repeated: tuple[tuple[int, int], ...] = ()
        self._marks_shown = False  # extra selections are set on the field
        _watch(self)
        self.textChanged.connect(self._typed)
        self.load()

    # --- What the core found, marked in the text -------------------------------------------

    def mark_findings(self, flags: Sequence[Finding]) -> None:
        spans = [(f.start, f.end, f.severity is ERROR) for f in flags
                 if f.start is not None and f.end is not None and not f.explained]
        if spans != self._finding_spans:
            self._finding_spans = spans
            self._mark()

    def mark_repeated(self, spans: tuple[tuple[int, int], ...]) -> None:
        if spans != self._repeated:
            self._repeated = spans
            self._mark()

    @property
    def marked(self) -> dict[str, list[tuple[int, int]]]:
        """What is marked now: "finding" and "repeated" spans (for the tests and the screenshots)."""
        return {"finding": [(s, e) for s, e, _ in self._finding_spans], "repeated": list(self._repeated)}

    def _mark(self) -> None:
        if not (self._repeated or self._finding_spans or self._marks_shown):
            return  # nothing to mark, nothing to take away (and no QTextCharFormat before the first paint)
        from PySide6.QtGui import QTextCharFormat

        selections = []
        length = len(self.toPlainText())
        for start, end in self._repeated:
            fmt = QTextCharFormat()
            fmt.setBackground(REPEATED_BG)
            selections.append(self._selection(start, end, fmt, length))
        for start, end, error in self._finding_spans:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(_UNDERLINE[error])
            fmt.setBackground(_TINT[error])
            selections.append(self._selection(start, end, fmt, length))
        shown = [s for s in selections if s is not None]
        self.setExtraSelections(shown)
        self._marks_shown = bool(shown)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat, length: int) -> QTextEdit.ExtraSelection | None:
        if not 0 <= start < end <= length:
            return None  # marks of a text since changed: the next check brings new ones
        from PySide6.QtGui import QTextCursor

        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor, selection.format = cursor, fmt
        return selection

    def select_span(self, start: int, end: int) -> None:
        """Put the cursor on a sentence a finding is about, selected."""
        from PySide6.QtGui import QTextCursor

        length = len(self.toPlainText())
        cursor = self.textCursor()
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def load(self) -> None:
        """Show what the report holds; after a change made elsewhere (an undo), with the cursor at
        the end of what changed rather than at the end of the field."""
        text = self.report_document.report.text[self.part.id]
        shown = self.toPlainText()
        if shown != text:
            _start, end = changed_span(shown, text)
            self._show(text, end + len(text) - len(shown) if shown else len(text))
            self._mark()  # a new text loses its marks; the next check brings their new places

    def insertFromMimeData(self, source: QMimeData) -> None:
        """A paste (or a drop): an undo step of its own, not part of the typing around it; line
        breaks inside its paragraphs are joined if the clerk wants."""
        text = source.text() if source.hasText() else ""
        breaks = broken_lines(clean_text(text)) if self.ask_join is not None else 0
        if breaks and self.ask_join is not None and self.ask_join(breaks):
            from PySide6.QtCore import QMimeData

            joined = QMimeData()
            joined.setText(join_broken_lines(clean_text(text)))
            source = joined
        self._pasting = True
        try:
            super().insertFromMimeData(source)
        finally:
            self._pasting = False

    def _typed(self) -> None:
        text, caret = self.toPlainText(), self.textCursor().position()
        typing = None if self._pasting else Typing(_run(self), caret)
        try:
            self.report_document.push(SetText(self.part.id, text, typing))
        except InputError as error:
            stored = self.report_document.report.text[self.part.id]
            self._show(stored, changed_span(stored, text, caret)[0])
            message = f"{error}，{'粘贴的文字' if self._pasting else '输入'}没有加入"
            self.refused.emit(message)
            refuse(self, message)
            return
        stored = self.report_document.report.text[self.part.id]
        if stored != text:  # cleaned: a control character or an unusable one went
            self._show(stored, len(clean_text(text[:caret])))

    def _show(self, text: str, caret: int) -> None:
        """Show ``text`` with the cursor at ``caret``, where the view was (the cursor kept in sight)."""
        scroll = self.verticalScrollBar().value()
        self.blockSignals(True)
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(caret, len(text))))
        self.setTextCursor(cursor)
        self.blockSignals(False)
        self.verticalScrollBar().setValue(scroll)
        self.ensureCursorVisible()


class FieldPage(QScrollArea):
    """A scrolling page of fields; ``fields`` maps a meta key or text part id to its widget."""

    refused = Signal(str)  # an entry the core refused, with the reason

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.fields: dict[str, QWidget] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = named(QWidget(), "page")
        self.body_layout = QVBoxLayout(body)
        self.setWidget(body)

    def widget_for(self, field: str) -> QWidget | None:
        return self.fields.get(field)

    def show_flags(self) -> None:
        for name, widget in self.fields.items():
            set_flags(widget, self.document.field_flags.get(name, []))


class MetaPage(FieldPage):
    """基本信息: organ, year, 发文字号, date, title and the preamble."""

    def __init__(self, document: Document, ask_join: AskJoin | None = None, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        layout = self.body_layout
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.organ = named(QLineEdit(), "meta_organ")
        self.year = named(QSpinBox(minimum=YEAR_MIN, maximum=YEAR_MAX), "meta_year")
        self.year.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 12)
        self.doc_number = named(QLineEdit(), "meta_doc_number")
        self.date = named(DateField(), "meta_date")
        self.date.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * 24)
        self.title = named(QLineEdit(), "meta_title")
        self.fields.update({
            "organ": self.organ, "year": self.year, "doc_number": self.doc_number,
            "date": self.date, "title": self.title,
        })
        for name, widget in self.fields.items():
            form.addRow(META_LABELS[name] + "：", widget)
            _watch(widget)
            inner = widget.findChild(QLineEdit) if isinstance(widget, (QSpinBox, DateField)) else None
            if inner is not None:  # the spin box's (or date's) own line editor gets the focus
                _watch(inner)
        layout.addLayout(form)
        preamble = next(p for p in TEXT_PARTS if p.section not in SECTION_BY_ID)
        layout.addWidget(_caption(preamble.section, preamble.hint))
        self.preamble = TextField(document, preamble, ask_join)
        self.preamble.refused.connect(self.refused)
        self.fields[preamble.id] = self.preamble
        layout.addWidget(self.preamble, 1)

        self._lines = {"organ": self.organ, "doc_number": self.doc_number, "title": self.title}
        for name, line in self._lines.items():
            line.textEdited.connect(lambda text, n=name, w=line: self._set(n, text, w, w.cursorPosition()))
        self.year.valueChanged.connect(lambda value: self._set("year", value, self.year))
        self.date.typed.connect(self._set_date)
        self.date.picked.connect(self._set_date)
        document.changed.connect(self._changed)
        self.load()

    def _set_date(self, text: str) -> None:
        """A date typed (and the field left) or picked: a step of its own, not a run of typing."""
        self._set("date", text, self.date, typing=False)

    def _set(self, field: str, value: str | int, widget: QWidget, caret: int | None = None,
             typing: bool = True) -> None:
        if self._loading:
            return
        try:
            self.document.push(SetMeta(field, value, Typing(_run(widget), caret) if typing else None))
        except InputError as error:
            self.load()  # the field shows what the report holds
            self.refused.emit(f"{error}，未修改")
            refuse(widget, f"{error}，未修改")
            return
        if isinstance(value, str) and isinstance(widget, QLineEdit) and clean_text(value) != value:
            # A pasted control or unusable character went: show the text without it, the cursor kept.
            self._loading = True
            widget.setText(clean_text(value))
            widget.setCursorPosition(len(clean_text(value[:caret or 0])))
            self._loading = False

    def _changed(self, change: Change) -> None:
        if change.fields or self.preamble.part.id in change.parts:
            self.load()

    _loading = False

    def load(self) -> None:
        report = self.document.report
        self._loading = True
        try:
            for name, widget in self._lines.items():
                text = str(meta_value(report, name))
                if clean_line(widget.text()) != text:  # not while the clerk types a space or a line on
                    widget.setText(text)
            self.year.setValue(report.year or YEAR_MIN)
            self.date.show_date(report.date, report.year)
            self.title.setPlaceholderText(f"{report.standard_title}（不填则用此标准标题）")
            self.doc_number.setPlaceholderText("没有可不填")
        finally:
            self._loading = False
        self.preamble.load()


def _caption(title: str, hint: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.setSpacing(2)
    if title:
        layout.addWidget(named(QLabel(title), "part_title"))
    layout.addWidget(named(QLabel(hint, wordWrap=True), "hint"))
    return box


class TextPage(FieldPage):
    """One section's narrative parts, each with its customary sub-heading and a hint; beside it the
    share of the part repeated from last year's report, and 按数字起草 where the core drafts it."""

    draft_requested = Signal(str)  # a text part id

    def __init__(self, document: Document, section: str, ask_join: AskJoin | None = None,
                 parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt  # (built when first shown: start-up names none of Qt's enums)

        from gxdesk.drafting import DRAFTED_PARTS

        super().__init__(document, parent)
        layout = self.body_layout
        layout.addWidget(named(QLabel(SECTION_BY_ID[section].heading), "section_heading"))
        parts = [p for p in TEXT_PARTS if p.section == section]
        numbered = itertools.count(1)
        self.text_fields: dict[str, TextField] = {}
        self.shares: dict[str, QLabel] = {}  # parts compared with last year's
        self.draft_buttons: dict[str, QPushButton] = {}
        for part in parts:
            title = f"{item_mark(next(numbered))}{part.title}" if part.title else ""
            header = QHBoxLayout()
            header.addWidget(_caption(title, part.hint), 1)
            if LastYear.compares(part.id):
                share = self.shares[part.id] = named(QLabel(), f"share_{part.id}")
                share.setVisible(False)
                header.addWidget(share, 0, Qt.AlignmentFlag.AlignBottom)
            if part.id in DRAFTED_PARTS:
                button = self.draft_buttons[part.id] = named(QPushButton("按数字起草"), f"draft_{part.id}")
                button.setToolTip("根据二、三、四的表格数字起草标准段落；已有文字时先询问")
                button.clicked.connect(lambda _=False, p=part.id: self.draft_requested.emit(p))
                header.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
            layout.addLayout(header)
            field = TextField(document, part, ask_join)

            field.refused.connect(self.refused)
            layout.addWidget(field, 1)
            self.fields[part.id] = self.text_fields[part.id] = field
        self._similarity = QTimer(self, singleShot=True, interval=SIMILARITY_MS)
        self._similarity.timeout.connect(self.show_similarity)
        self._stale: set[str] = set(self.shares)
        document.changed.connect(self._changed)
        document.state_changed.connect(self._previous_changed)
        self.show_similarity()

    def _changed(self, change: Change) -> None:
        for part in change.parts & self.text_fields.keys():
            self.text_fields[part].load()
        typed = change.parts & self.shares.keys()
        if typed:
            self._stale |= typed
            self._similarity.start()  # debounced: measured once the typing pauses

    def _previous_changed(self) -> None:
        self._stale |= set(self.shares)
        self.show_similarity()

    def show_similarity(self) -> None:
        """Each compared part's share of last year's text, and its repeated sentences shaded."""
        last_year = self.document.last_year
        for part in self._stale:
            label, field = self.shares[part], self.text_fields[part]
            if last_year is None:
                label.setVisible(False)
                field.mark_repeated(())
                continue
            similarity = last_year.part(part, self.document.report.text[part])
            label.setText(f"与上年相同 {similarity.share:.0%}")
            label.setProperty("flag", "warning" if similarity.share > REPEAT_LIMIT else "")
            label.setToolTip(f"本部分约 {similarity.share:.0%} 的文字与上年报告相同；超过 {REPEAT_LIMIT:.0%} "
                             "会被视为照搬上年。底色标出的是与上年相同的句子。")
            label.style().unpolish(label)
            label.style().polish(label)
            label.setVisible(True)
            field.mark_repeated(similarity.repeated)
        self._stale.clear()
