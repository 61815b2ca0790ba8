"""A quicker form of the check PySide6 makes on every module imported after it.

Once PySide6 is loaded, each module an ``import`` statement names is asked once
whether it uses PySide6 (for PySide's ``__feature__`` switching): shiboken reads
the module's whole source through ``inspect.getsource`` and looks for "PySide6".
For the ~85 modules the window's first paint imports, that is 12 ms of the
start-up (issue 12); reading the file's bytes gives the same answer in a third
of it. The check is private to shiboken: where it is not found as expected,
nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Callable

import PySide6.QtCore  # noqa: F401  (loads shiboken's feature support, which is patched below)


def _mentions_pyside(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def check(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # a built-in, a compiled or a packed module: shiboken's own way
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # as shiboken answers for a source it cannot read (a frozen app's)

    check.__wrapped__ = original  # type: ignore[attr-defined]
    return check


_CHECK = "_mod_uses_pyside"  # shiboken's name for it (PySide6 6.11; left alone where it is not found)


def install() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, _CHECK, None)
    if feature is not None and callable(original) and getattr(original, "__name__", "") == _CHECK:
        setattr(feature, _CHECK, _mentions_pyside(original))
