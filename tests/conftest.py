import os

# Before anything imports Qt: the GUI tests run without a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from gxdesk.model import Report
from gxdesk.sample import load_sample
from tests.factories import large_report


@pytest.fixture
def sample() -> Report:
    return load_sample()


@pytest.fixture
def large() -> Report:
    """Non-zero figures in every entered cell, balanced, every text part filled."""
    return large_report()
