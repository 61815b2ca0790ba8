"""ReportLab, as the PDF writer uses it: the one place gxdesk imports it from."""

from __future__ import annotations

from reportlab import Version as VERSION
from reportlab import rl_config
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import (
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
    "VERSION", "BaseDocTemplate", "CondPageBreak", "Flowable", "Frame", "KeepTogether", "PageBreak",
    "PageTemplate", "Spacer", "Table", "pdfmetrics", "rl_accel", "rl_config", "ttfonts",
]
