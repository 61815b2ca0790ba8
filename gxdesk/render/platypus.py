"""ReportLab's platypus, imported without compiling patterns the report never uses.

Importing ``reportlab.platypus`` (any part of it: the package imports all)
compiles ``reportlab.platypus.paragraph.uri_pat``, a URL pattern with Unicode
ranges under IGNORECASE, and ``reportlab.lib.textsplit.rx``: 45 ms, a tenth
of a whole ``gxdesk render -o x.pdf``, for ReportLab's Paragraph wrapping
hyperlinks and Japanese text. gxdesk sets its text itself (``pdf_text``), so
while those two modules are first imported, the patterns they compile at
their top level are compiled when first used instead. Nothing else changes:
the first call of any pattern method compiles the real pattern.
"""

from __future__ import annotations

import re
import sys
from typing import Any

_DEFERRED_IN = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit"})


class DeferredPattern:
    """Stands for ``re.compile(pattern, flags)`` until a method or attribute is needed."""

    def __init__(self, pattern: Any, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[Any] | None = None

    @property
    def compiled(self) -> bool:
        return self._compiled is not None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def _import() -> None:
    """Import reportlab.platypus (once: this module's body runs once) with those patterns deferred."""
    if "reportlab.platypus" in sys.modules:
        return
    compile_now = re.compile

    def compile_when_used(pattern: Any, flags: int = 0) -> Any:
        if sys._getframe(1).f_globals.get("__name__") in _DEFERRED_IN:
            return DeferredPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_when_used
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = compile_now


_import()

from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

__all__ = [
    "BaseDocTemplate", "CondPageBreak", "DeferredPattern", "Flowable", "Frame", "KeepTogether", "PageBreak",
    "PageTemplate", "Spacer", "Table",
]
