"""Fuzzing the PDF reader and the whole ``gxdesk import`` command (issue 10's property).

In process: gxdesk's own PDF with bytes flipped, cut, repeated or spliced gives a result or an
InputError, quickly. Through the real command, for every input kind, the property is: exit 0, 1 or 2;
on 2 exactly one line on stderr and nothing on stdout; never a traceback; never a hang (a timeout);
and no file in the folder changes except the output the command was asked to write.
(``tests/test_import_fuzz.py`` fuzzes import_text and import_bytes on text, HTML and .docx.)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxdesk.errors import InputError
from gxdesk.importer import import_bytes
from gxdesk.render import render
from gxdesk.sample import load_sample
from tests import layouts
from tests.fuzzing import assert_usable, within

REAL = Path(__file__).parent / "data" / "real"


@cache
def seed(kind: str) -> bytes:
    """A valid source of each kind, to mutate."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if kind in ("pdf", "docx"):
            render(load_sample(), folder / f"s.{kind}")
            return (folder / f"s.{kind}").read_bytes()
    if kind == "html":
        return layouts.html_document(layouts.document(load_sample())).encode()
    return (REAL / "xingxian-2025.txt").read_bytes()


class Source(bytes):
    """Bytes that show as their size: a failing example's repr stays short."""

    def __repr__(self) -> str:
        return f"<{len(self)} bytes>"


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> Source:
    data = bytearray(seed(kind))
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "repeat", "insert", "truncate"]))
        if action == "flip":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "cut":
            del data[at:at + draw(st.integers(min_value=1, max_value=4096))]
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(min_value=1, max_value=4096))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif len(data) > 16:
            del data[max(at, 16):]
        if not data:
            data = bytearray(b"%PDF-")
    return Source(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated("pdf"))
def test_a_damaged_pdf_reads_or_is_refused(data: bytes) -> None:
    with within(20):
        try:
            result = import_bytes(data, "pdf", "x.pdf")
        except InputError as error:
            assert str(error) and "\n" not in str(error)
            return
    if result.report.year == 0:  # not found: said so, and `gxdesk import --year` or the window asks for it
        assert "未找到报告年度" in result.missing
        result.report.year = 2025
    assert_usable(result.report)


SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}


@pytest.mark.subprocess
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SUFFIX)).flatmap(lambda kind: st.tuples(st.just(kind), mutated(kind))))
def test_the_import_command_on_damaged_sources(case: tuple[str, bytes]) -> None:
    kind, data = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / f"report{SUFFIX[kind]}"
        source.write_bytes(data)
        (folder / "other.gxr").write_bytes(b"left alone")
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        done = subprocess.run([sys.executable, "-m", "gxdesk", "import", source.name, "-o", "out.gxr"],
                              cwd=folder, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                              check=False)
        assert done.returncode in (0, 1, 2), done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        if done.returncode == 2:
            assert done.stdout == "" and done.stderr.count("\n") == 1 and done.stderr.startswith("gxdesk: ")
        else:
            assert done.stderr == ""
        after = {p.name: p.read_bytes() for p in folder.iterdir()}
        written = {name for name in after if before.get(name) != after[name]}
        assert written <= {"out.gxr"}
        assert ("out.gxr" in written) == (done.returncode != 2)
