"""A reader that stops early (``gxdesk check --json | head``) ends the output quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.sample import load_sample


@pytest.mark.subprocess
def test_output_into_a_closed_pipe_is_no_traceback(tmp_path: Path) -> None:
    report = load_sample()
    for key in report.cells:  # every cell blank: a finding each, a long output
        report.cells[key] = None
    path = tmp_path / "blank.gxr"
    gxr.save(report, path)
    child = subprocess.Popen([sys.executable, "-m", "gxdesk", "check", str(path), "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before the first line is written
    with child.stderr:
        error = child.stderr.read().decode("utf-8")
    assert child.wait(timeout=60) == 141
    assert error == ""
