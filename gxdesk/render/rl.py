"""ReportLab as the PDF writer uses it, imported without what a report never needs.

Every gxdesk module takes ReportLab from here, so that two costs of its
import are deferred until something actually uses them:

- ``reportlab.lib.utils`` imports ``PIL.Image`` at its top (15–20 ms: EXIF
  and TIFF tag tables) for bitmap images, which a report never has. Until
  an attribute of it is first read, ``PIL.Image`` is a stand-in module that
  then imports the real one and hands it over.
- ``reportlab.platypus`` (any part of it: the package imports all) compiles
  ``reportlab.platypus.paragraph.uri_pat``, a URL pattern with Unicode
  ranges under IGNORECASE, and ``reportlab.lib.textsplit.rx``: 45 ms, for
  ReportLab's Paragraph wrapping hyperlinks and Japanese text. gxdesk sets
  its text itself (``pdf_text``), so while those two modules are first
  imported, the patterns they compile at their top level are compiled when
  first used instead.

Nothing else changes: the first use of either gets the real thing.
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from typing import Any

_DEFERRED_IN = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit"})


class ModuleOnFirstUse(types.ModuleType):
    """Stands for a module until one of its attributes is read, then imports it and passes reads on."""

    def __getattr__(self, name: str) -> Any:  # only for attributes this stand-in lacks
        real = self.__dict__.get("_real")
        if real is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = self.__dict__["_real"] = importlib.import_module(self.__name__)
        return getattr(real, name)


def _defer_pil_image() -> None:
    if "PIL.Image" in sys.modules or "reportlab.lib.utils" in sys.modules:
        return
    try:
        import PIL
    except ImportError:  # ReportLab will say so
        return
    stand_in = sys.modules["PIL.Image"] = ModuleOnFirstUse("PIL.Image")
    PIL.Image = stand_in  # type: ignore[attr-defined]  # what ``from PIL import Image`` reads


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


def _import_platypus() -> None:
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


_defer_pil_image()
_import_platypus()

from reportlab import Version as VERSION  # noqa: E402
from reportlab import rl_config  # noqa: E402
from reportlab.lib import rl_accel  # noqa: E402
from reportlab.pdfbase import pdfmetrics, ttfonts  # noqa: E402
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
    "VERSION", "BaseDocTemplate", "CondPageBreak", "DeferredPattern", "Flowable", "Frame", "KeepTogether",
    "ModuleOnFirstUse", "PageBreak", "PageTemplate", "Spacer", "Table", "pdfmetrics", "rl_accel", "rl_config",
    "ttfonts",
]
