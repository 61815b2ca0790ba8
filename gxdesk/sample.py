"""The built-in sample report: realistic, balanced, every section filled in."""

from __future__ import annotations

from gxdesk import gxr
from gxdesk.model import Report
from gxdesk.resources import data_file

SAMPLE_NAME = "sample.gxr"


def load_sample() -> Report:
    return gxr.load(data_file(SAMPLE_NAME))
