"""Drafts: written while the window runs, offered after a crash, gone after a clean end."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.autosave import Session, recoverable
from gxdesk.model import new_report


def test_a_running_sessions_draft_is_not_offered(tmp_path):
    session = Session(tmp_path)
    session.write(new_report("甲局", 2025), None, "未命名")
    assert session.draft_file.exists()
    assert recoverable(tmp_path) == []
    session.close()
    assert list(tmp_path.iterdir()) == []


def test_discard_removes_the_draft_but_keeps_the_session(tmp_path):
    session = Session(tmp_path)
    session.write(new_report("甲局", 2025), None, "未命名")
    session.discard()
    assert not session.draft_file.exists()
    session.write(new_report("甲局", 2025), None, "未命名")
    assert session.draft_file.exists()
    session.close()


CRASH = """
import os, sys
from pathlib import Path

import pytest
from gxdesk.autosave import Session
from gxdesk.model import new_report
report = new_report("乙局", 2025)
report.cells[("requests", "new", "natural_person")] = 7
Session(Path(sys.argv[1])).write(report, Path(sys.argv[2]) if sys.argv[2] else None, sys.argv[3])
os._exit(9)  # die without cleaning up, as a crash does
"""


def crash_with_draft(directory: Path, source: Path | None, name: str) -> None:
    result = subprocess.run([sys.executable, "-c", CRASH, str(directory), str(source or ""), name])
    assert result.returncode == 9


@pytest.mark.subprocess
def test_a_crashed_sessions_draft_is_offered_and_loads(tmp_path):
    crash_with_draft(tmp_path, None, "未命名")
    (draft,) = recoverable(tmp_path)
    assert draft.source is None and draft.name == "未命名"
    assert draft.load().cells[("requests", "new", "natural_person")] == 7
    draft.discard()
    assert recoverable(tmp_path) == [] and list(tmp_path.iterdir()) == []


@pytest.mark.subprocess
def test_a_draft_older_than_its_saved_file_is_stale_and_removed(tmp_path):
    source = tmp_path / "report.gxr"
    gxr.save(new_report("乙局", 2025), source)
    drafts = tmp_path / "autosave"
    crash_with_draft(drafts, source, "report.gxr")
    assert [d.source for d in recoverable(drafts, source)] == [source.resolve()]
    assert recoverable(drafts, tmp_path / "other.gxr") == []
    later = time.time() + 5
    os.utime(source, (later, later))  # the file was saved again after the crash
    assert recoverable(drafts) == []
    assert list(drafts.iterdir()) == []


@pytest.mark.subprocess
def test_drafts_come_newest_first_and_damaged_ones_are_skipped(tmp_path):
    crash_with_draft(tmp_path, None, "first")
    time.sleep(0.01)
    crash_with_draft(tmp_path, None, "second")
    (tmp_path / "junk.draft").write_text("{", encoding="utf-8")
    assert [d.name for d in recoverable(tmp_path)] == ["second", "first"]
