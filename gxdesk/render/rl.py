"""ReportLab, as the PDF writer uses it: the one place gxdesk imports it from.

Two speed-ups and fixes reach into ReportLab's internals: the font cache fills
in private ``TTFont``/``TTFontFace`` attributes (``font_cache``), and the PDF
writer replaces ``ttfonts.makeToUnicodeCMap`` process-wide (``pdf_writer``).
Both are fenced: they are on only for the ReportLab releases in
``TESTED_VERSIONS``; any other release prints with ReportLab's own code (slower
fonts, emoji that do not copy out). tests/test_reportlab_fence.py fails on any
other release, so an upgrade is checked before it ships.

ReportLab imports Pillow's ``PIL.Image`` at start-up, for pictures only; the
report has none. ``_defer_pillow`` makes that import lazy (the standard
``importlib.util.LazyLoader``): the module is loaded the first time anything
reads from it, so nothing changes for code that does use it, and a render does
not wait ~15 ms for it.
"""

from __future__ import annotations

import sys


def _defer_pillow() -> None:
    if "PIL.Image" in sys.modules:
        return
    import importlib.util

    try:
        spec = importlib.util.find_spec("PIL.Image")
        if spec is None or spec.loader is None:
            return
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["PIL.Image"] = module
        loader.exec_module(module)  # lazy: runs the module's code at the first attribute read
    except Exception:  # no Pillow, or a loader that cannot be lazy: ReportLab imports it as it would
        sys.modules.pop("PIL.Image", None)
        return
    sys.modules["PIL"].Image = module  # type: ignore[attr-defined]  # as the import system binds a submodule


_defer_pillow()

from reportlab import Version as VERSION  # noqa: E402
from reportlab import rl_config  # noqa: E402
from reportlab.pdfbase import pdfmetrics, ttfonts  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

# Add a release only after the font-cache and emoji tests pass with it (see tests/test_reportlab_fence.py).
# 4.4.0 is pyproject's floor, which CI tests (.ci/floors.py): its ttfonts.py differs from 5.1.0's only
# in text shaping (shapeFragWord, shapeStr), not in TTFont, extractInfo or makeToUnicodeCMap.
TESTED_VERSIONS = frozenset({"4.4.0", "5.1.0"})


def tested() -> bool:
    """Whether this ReportLab is one whose internals gxdesk was checked against."""
    return VERSION in TESTED_VERSIONS


__all__ = ["TESTED_VERSIONS", "VERSION", "Canvas", "pdfmetrics", "rl_config", "tested", "ttfonts"]
