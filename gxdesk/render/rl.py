"""ReportLab, as the PDF writer uses it: the one place gxdesk imports it from.

Two speed-ups and fixes reach into ReportLab's internals: the font cache fills
in private ``TTFont``/``TTFontFace`` attributes (``font_cache``), and the PDF
writer replaces ``ttfonts.makeToUnicodeCMap`` process-wide (``pdf_writer``).
Both are fenced: they are on only for the ReportLab releases in
``TESTED_VERSIONS``; any other release prints with ReportLab's own code (slower
fonts, emoji that do not copy out). tests/test_reportlab_fence.py fails on any
other release, so an upgrade is checked before it ships.
"""

from __future__ import annotations

from reportlab import Version as VERSION
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen.canvas import Canvas

# Add a release only after the font-cache and emoji tests pass with it (see tests/test_reportlab_fence.py).
# 4.4.0 is pyproject's floor, which CI tests (.ci/floors.py): its ttfonts.py differs from 5.1.0's only
# in text shaping (shapeFragWord, shapeStr), not in TTFont, extractInfo or makeToUnicodeCMap.
TESTED_VERSIONS = frozenset({"4.4.0", "5.1.0"})


def tested() -> bool:
    """Whether this ReportLab is one whose internals gxdesk was checked against."""
    return VERSION in TESTED_VERSIONS


__all__ = ["TESTED_VERSIONS", "VERSION", "Canvas", "pdfmetrics", "rl_config", "tested", "ttfonts"]
