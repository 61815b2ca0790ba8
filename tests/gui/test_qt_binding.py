"""The Qt binding must not leak or over-release Python objects in the paths the window uses."""

import sys

import pytest
from PySide6.QtCore import QObject, Signal

EMISSIONS = 100
# From Python 3.12 True, False and None are immortal (PEP 683): releasing them once too often
# cannot free them, and their reference counts say nothing, as extensions built for the stable
# ABI such as PySide6 still add to and take from them while the interpreter itself does not.
IMMORTAL = sys.version_info >= (3, 12)


class _Sender(QObject):
    changed = Signal()
    flag = Signal(bool)
    value = Signal(object)


@pytest.mark.skipif(IMMORTAL, reason="True and None are immortal from Python 3.12 (PEP 683): nothing to over-release")
def test_signals_to_python_slots_keep_true_and_none():
    # PySide6 6.12.0 released True once per emission: on Python < 3.12 the window aborted after a few hundred edits.
    sender, calls = _Sender(), []
    sender.changed.connect(lambda: calls.append(1))
    sender.flag.connect(calls.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(EMISSIONS):
        sender.changed.emit()
        sender.flag.emit(True)
    assert len(calls) == 2 * EMISSIONS
    after = sys.getrefcount(True), sys.getrefcount(None)
    # A few references come and go with the interpreter's own work (calls holds 100 Trues); a fault
    # costs one per emission.
    assert abs(after[0] - EMISSIONS - before[0]) < 20 and abs(after[1] - before[1]) < 20, (before, after)


def test_objects_sent_through_signals_keep_their_reference_counts():
    """On every Python: what a signal carries to a Python slot is neither leaked nor released too often."""
    sender, payload, seen = _Sender(), ["报告"], []
    sender.value.connect(lambda value: seen.append(value is payload))
    before = sys.getrefcount(payload)
    for _ in range(EMISSIONS):
        sender.value.emit(payload)
    assert seen == [True] * EMISSIONS
    assert sys.getrefcount(payload) == before


def test_immortality_is_what_this_python_says():
    """The skip above rests on PEP 683: where it applies, None's count is far beyond any real one."""
    assert (sys.getrefcount(None) > 2**30) is IMMORTAL
