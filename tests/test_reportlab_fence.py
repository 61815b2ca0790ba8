"""The ReportLab fence: gxdesk reaches into ReportLab's internals only on releases it was checked against."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import ttfonts

from gxdesk.render import pdf_writer, rl
from gxdesk.resources import data_file
from gxdesk.userdirs import HOME_ENV


def test_reportlab_is_a_release_gxdesk_was_checked_against() -> None:
    assert rl.tested(), (
        f"ReportLab {rl.VERSION} is not in gxdesk.render.rl.TESTED_VERSIONS {sorted(rl.TESTED_VERSIONS)}: "
        "the font cache and the emoji ToUnicode fix are switched off, so PDFs are slower and emoji copy out "
        "as garbage. Check the release: tests/test_render_font_cache.py (it lifts the fence) and "
        "tests/test_render_output.py::test_hostile_text_prints_exactly must pass with the version added to "
        "TESTED_VERSIONS, and read what changed in reportlab/pdfbase/ttfonts.py (TTFont.__init__, "
        "TTFontFile.extractInfo, makeToUnicodeCMap); then add it."
    )


def test_the_tounicode_fix_is_in_place_exactly_on_checked_releases() -> None:
    assert (ttfonts.makeToUnicodeCMap is pdf_writer._to_unicode_cmap) == rl.tested()


UNTESTED = """
import sys, reportlab
reportlab.Version = "0.0-untested"  # before gxdesk reads it
from reportlab.pdfbase import ttfonts
original = ttfonts.makeToUnicodeCMap
from gxdesk.cli import main
code = main(["render", sys.argv[1], "-o", sys.argv[2]])
print(code, ttfonts.makeToUnicodeCMap is original)
"""


@pytest.mark.subprocess
def test_an_untested_release_prints_with_reportlabs_own_code(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "x.pdf"
    result = subprocess.run(
        [sys.executable, "-c", UNTESTED, str(data_file("sample.gxr")), str(out)],
        capture_output=True, text=True, env={**os.environ, HOME_ENV: str(home)}, timeout=120,
    )
    assert result.stdout.split()[-2:] == ["0", "True"], result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert list((home / "cache" / "fonts").glob("*.rlfont")) == []  # every font parsed by ReportLab
