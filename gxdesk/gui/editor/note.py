"""A note at the place it is about: why an entry was refused, what a paste left out.

A tooltip vanishes with the next key or focus change, so a refusal was easy to
miss. The note is a small label over the editor, just below the cell or field,
that stays until the report next changes, the cursor moves on, or a while.
The tabs own one (``Note``, made when first shown); ``show_note`` finds it from any widget inside them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QRect

SHOWN_MS = 12_000
HOLDER = "keeps_note"  # the property of the widget (the editor's tabs) whose ``note`` serves those inside it
MAX_WIDTH = 460


class Note(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("refusal_note")
        self.setWordWrap(True)
        self.hide()
        self.timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self.timer.timeout.connect(self.hide)

    def show_at(self, widget: QWidget, rect: QRect, text: str) -> None:
        """Below ``rect`` (in ``widget``'s coordinates), or above it where there is no room below."""
        from PySide6.QtCore import QPoint

        area = self.parentWidget()
        if area is None:
            return
        self.setText(text)
        self.ensurePolished()  # the stylesheet's padding and font, before measuring
        longest = max(self.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        self.setFixedWidth(max(80, min(MAX_WIDTH, area.width() - 8, longest + 24)))
        self.setFixedHeight(self.heightForWidth(self.width()))
        below = widget.mapTo(area, rect.bottomLeft()) + QPoint(0, 3)
        if below.y() + self.height() > area.height():
            below = widget.mapTo(area, rect.topLeft()) - QPoint(0, self.height() + 3)
        x = max(4, min(below.x(), area.width() - self.width() - 4))
        self.move(x, max(0, below.y()))
        self.raise_()
        self.show()
        self.timer.start()


def show_note(widget: QWidget, rect: QRect, text: str) -> bool:
    """Show ``text`` at ``rect`` of ``widget`` in the note of the editor it is in; False outside one."""
    note = _note_of(widget)
    if note is None:
        return False
    note.show_at(widget, rect, text)
    return True


def hide_note(widget: QWidget) -> None:
    note = _note_of(widget)
    if note is not None:
        note.hide()


def _note_of(widget: QWidget) -> Note | None:
    """The note of the editor ``widget`` is in: the one its nearest ``HOLDER`` keeps."""
    holder: QWidget | None = widget
    while holder is not None:
        if holder.property(HOLDER):
            note = getattr(holder, "note", None)
            return note if isinstance(note, Note) else None
        holder = holder.parentWidget()
    return None
