import os

# Before anything imports Qt: the GUI tests run without a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from gxdesk.model import Report  # noqa: E402
from gxdesk.sample import load_sample  # noqa: E402
from tests.factories import large_report  # noqa: E402


@pytest.fixture
def sample() -> Report:
    return load_sample()


@pytest.fixture
def large() -> Report:
    """Non-zero figures in every entered cell, balanced, every text part filled."""
    return large_report()
