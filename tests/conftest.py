import os

# Before anything imports Qt: the GUI tests run without a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path
from typing import Iterator

import pytest

from gxdesk.model import Report
from gxdesk.sample import load_sample
from gxdesk.userdirs import HOME_ENV
from tests.factories import large_report


@pytest.fixture(autouse=True, scope="session")
def private_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Nothing a test runs (also in a subprocess) writes to the real profile; the font cache lives here."""
    home = tmp_path_factory.mktemp("gxdesk-home")
    previous = os.environ.get(HOME_ENV)
    os.environ[HOME_ENV] = str(home)
    yield home
    if previous is None:
        del os.environ[HOME_ENV]
    else:
        os.environ[HOME_ENV] = previous


@pytest.fixture
def sample() -> Report:
    return load_sample()


@pytest.fixture
def large() -> Report:
    """Non-zero figures in every entered cell, balanced, every text part filled."""
    return large_report()
