"""The Qt binding must not leak or over-release Python objects in the paths the window uses."""

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    changed = Signal()


def test_signals_to_python_slots_keep_reference_counts():
    # PySide6 6.12.0 released True once per emission: the window aborted after a few hundred edits.
    sender, calls = _Sender(), []
    sender.changed.connect(lambda: calls.append(1))
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(100):
        sender.changed.emit()
    assert len(calls) == 100
    after = sys.getrefcount(True), sys.getrefcount(None)
    # A few references come and go with the interpreter's own work; a fault costs one per emission.
    assert all(abs(a - b) < 20 for a, b in zip(after, before, strict=True)), (before, after)
