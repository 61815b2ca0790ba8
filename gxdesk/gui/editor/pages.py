"""The text tabs: 基本信息 (meta and preamble) and the narrative parts of 一, 五 and 六.

Every field writes through the document as undoable steps; typing in one
field is one step until the field loses the focus. Ctrl+Z / Ctrl+Y in a field
go to the window's undo history, so there is one history for the whole report.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gxdesk.gui.document import Document
from gxdesk.gui.editor.flags import flag_tooltip
from gxdesk.rules import ERROR
from gxdesk.schema import META_LABELS, SECTION_BY_ID, TEXT_PARTS, YEAR_MAX, YEAR_MIN, TextPart

CHINESE_NUMERALS = "一二三四五六七八九十"
_sessions = itertools.count(1)  # one per stretch of typing in one field: its edits merge


class _HistoryKeys(QObject):
    """Leaves Ctrl+Z / Ctrl+Y to the window's shortcuts instead of the field's own undo."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
            or event.keyCombination().toCombined() == QKeySequence("Ctrl+Y")[0].toCombined()
        ):
            event.ignore()
            return True
        if event.type() == QEvent.Type.FocusIn:
            watched.setProperty("edit_session", next(_sessions))
        return False


_HISTORY_KEYS = _HistoryKeys()


def _watch(widget: QWidget) -> None:
    widget.installEventFilter(_HISTORY_KEYS)
    widget.setProperty("edit_session", next(_sessions))


def set_flags(widget: QWidget, flags) -> None:
    """Colour a field's frame by its findings (see ui/gxdesk.qss) and explain them on hover."""
    state = "" if not flags else ("error" if any(f.severity is ERROR for f in flags) else "warning")
    if (widget.property("flag") or "") != state:  # unset at first: repolishing unflagged fields costs start-up
        widget.setProperty("flag", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip(flag_tooltip(flags))


class TextField(QPlainTextEdit):
    def __init__(self, document: Document, part: TextPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.part = document, part
        self.setObjectName(f"text_{part.id}")
        self.setPlaceholderText(part.hint)
        self.setUndoRedoEnabled(False)  # the window's history undoes text too
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().height() * 5)
        _watch(self)
        self.textChanged.connect(self._typed)
        self.load()

    def load(self) -> None:
        text = self.document.report.text[self.part.id]
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.moveCursor(self.textCursor().MoveOperation.End)
            self.blockSignals(False)

    def _typed(self) -> None:
        self.document.set_text(self.part.id, self.toPlainText(), self.property("edit_session"))


class _Page(QScrollArea):
    """A scrolling page of fields; ``fields`` maps a meta key or text part id to its widget."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.fields: dict[str, QWidget] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(objectName="page")
        self.body_layout = QVBoxLayout(body)
        self.setWidget(body)

    def widget_for(self, field: str) -> QWidget | None:
        return self.fields.get(field)

    def show_flags(self) -> None:
        for name, widget in self.fields.items():
            set_flags(widget, self.document.field_flags.get(name, []))


class MetaPage(_Page):
    """基本信息: organ, year, 发文字号, date, title and the preamble."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        layout = self.body_layout
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.organ = QLineEdit(objectName="meta_organ")
        self.year = QSpinBox(objectName="meta_year", minimum=YEAR_MIN, maximum=YEAR_MAX)
        self.year.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 12)
        self.doc_number = QLineEdit(objectName="meta_doc_number")
        self.date = QDateEdit(objectName="meta_date", calendarPopup=True, displayFormat="yyyy年M月d日")
        self.date.setMinimumDate(QDate(YEAR_MIN - 1, 1, 1))  # the minimum stands for "not set"
        self.date.setSpecialValueText("未填写")
        self.date.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * 12)
        self.title = QLineEdit(objectName="meta_title")
        self.fields.update({
            "organ": self.organ, "year": self.year, "doc_number": self.doc_number,
            "date": self.date, "title": self.title,
        })
        for name, widget in self.fields.items():
            form.addRow(META_LABELS[name] + "：", widget)
            _watch(widget)
            if isinstance(widget, QSpinBox):
                _watch(widget.findChild(QLineEdit))
        layout.addLayout(form)
        preamble = next(p for p in TEXT_PARTS if p.section not in SECTION_BY_ID)
        layout.addWidget(_caption(preamble.section, preamble.hint))
        self.preamble = self.fields[preamble.id] = TextField(document, preamble)
        layout.addWidget(self.preamble, 1)

        self.organ.textEdited.connect(lambda t: self._set("organ", t.strip(), self.organ))
        self.doc_number.textEdited.connect(lambda t: self._set("doc_number", t.strip(), self.doc_number))
        self.title.textEdited.connect(lambda t: self._set("title", t.strip(), self.title))
        self.year.valueChanged.connect(lambda v: self._set("year", v, self.year))
        self.date.dateChanged.connect(self._date_changed)
        document.meta_changed.connect(self.load)
        self.load()

    def _set(self, field: str, value: object, widget: QWidget) -> None:
        if not self._loading:
            self.document.set_meta(field, value, widget.property("edit_session"))

    def _date_changed(self, date: QDate) -> None:
        text = "" if date == self.date.minimumDate() else date.toString("yyyy-MM-dd")
        self._set("date", text, self.date)

    _loading = False

    def load(self, _field: str = "") -> None:
        report = self.document.report
        self._loading = True
        try:
            for widget, text in ((self.organ, report.organ), (self.doc_number, report.doc_number),
                                 (self.title, report.title)):
                if widget.text().strip() != text:
                    widget.setText(text)
            self.year.setValue(report.year or YEAR_MIN)
            date = QDate.fromString(report.date, "yyyy-MM-dd") if report.date else self.date.minimumDate()
            self.date.setDate(date)
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
        layout.addWidget(QLabel(title, objectName="part_title"))
    layout.addWidget(QLabel(hint, objectName="hint", wordWrap=True))
    return box


class TextPage(_Page):
    """One section's narrative parts, each with its customary sub-heading and a hint."""

    fields: dict[str, TextField]

    def __init__(self, document: Document, section: str, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        layout = self.body_layout
        layout.addWidget(QLabel(SECTION_BY_ID[section].heading, objectName="section_heading"))
        parts = [p for p in TEXT_PARTS if p.section == section]
        numbered = itertools.count()
        for part in parts:
            title = f"（{CHINESE_NUMERALS[next(numbered)]}）{part.title}" if part.title else ""
            layout.addWidget(_caption(title, part.hint))
            field = TextField(document, part)
            layout.addWidget(field, 1)
            self.fields[part.id] = field

    def load(self, part: str = "") -> None:
        for field in self.fields.values():
            if not part or field.part.id == part:
                field.load()
