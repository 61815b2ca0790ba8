import os

# Before anything imports Qt: the GUI tests run without a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Reproducible documents: both writers date the file 2026-01-20 00:00 UTC, not the time of the test
# (the metadata test removes it to see the export time).
os.environ["SOURCE_DATE_EPOCH"] = "1768867200"

import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import settings

from gxdesk.model import Report
from gxdesk.sample import load_sample
from gxdesk.userdirs import HOME_ENV
from tests.factories import large_report

# Hypothesis: "ci" (the default) keeps the suite's time modest; a longer search is
# HYPOTHESIS_PROFILE=fuzz .venv/bin/pytest tests/test_*_fuzz.py. A deadline fails an example that is slow; tests.fuzzing.within
# interrupts one that hangs. Tests with their own @settings(max_examples=…) keep their counts.
settings.register_profile("ci", max_examples=60, deadline=timedelta(seconds=2), print_blob=True)
settings.register_profile("fuzz", max_examples=5000, deadline=timedelta(seconds=2), print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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


# --- Child processes are marked --------------------------------------------------------
# A test that starts a process carries the ``subprocess`` marker, one that runs LibreOffice also
# ``libreoffice``, so that ``pytest -m "not subprocess"`` / ``-m "not libreoffice"`` really leave them
# out. Checked where every process starts (module fixtures included), not left to memory.

_OFFICE = ("soffice", "libreoffice")
_running: list[pytest.Item] = []
_start = subprocess.Popen.__init__


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[object]:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


def _checked_start(self: subprocess.Popen[Any], args: Any, *rest: Any, **options: Any) -> None:
    if _running:
        item = _running[-1]
        marks = {mark.name for mark in item.iter_markers()}
        program = Path(str(args[0] if isinstance(args, (list, tuple)) else args).split(" ")[0]).name
        if "subprocess" not in marks:
            pytest.fail(f"{item.nodeid} starts {program} but is not marked @pytest.mark.subprocess")
        if program.startswith(_OFFICE) and "libreoffice" not in marks:
            pytest.fail(f"{item.nodeid} runs LibreOffice but is not marked @pytest.mark.libreoffice")
    _start(self, args, *rest, **options)


subprocess.Popen.__init__ = _checked_start  # type: ignore[method-assign]


@pytest.fixture
def sample() -> Report:
    return load_sample()


@pytest.fixture
def large() -> Report:
    """Non-zero figures in every entered cell, balanced, every text part filled."""
    return large_report()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder whose files cannot be created or written by this process, whoever runs the tests.

    chmod 0555 stops an ordinary user; root writes through it, so as root (as CI runs) the folder is
    /sys, which the kernel never lets anyone create files in."""
    if os.name == "posix" and os.geteuid() == 0:
        if not Path("/sys").is_dir():
            pytest.skip("running as root without /sys: no folder refuses root's writes")
        yield Path("/sys")
        return
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
