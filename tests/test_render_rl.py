"""ReportLab imported without PIL.Image and with two patterns compiled only when used: a report needs neither."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from gxdesk.resources import data_file

# A 3 × 2 RGB PNG (made with PIL, kept as bytes so that this test imports nothing heavy).
PNG_3X2 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000030000000208020000001216f14d0000001049444154789c63fccf00054c3006"
    "030013290103f0d807840000000049454e44ae426082"
)

# Run in a fresh interpreter: in this one ReportLab may have been imported already.
SCRIPT = textwrap.dedent("""
    import re
    compile_before = re.compile
    from gxdesk.render import rl
    import reportlab.lib.textsplit as textsplit
    import reportlab.platypus.paragraph as paragraph
    assert re.compile is compile_before, "re.compile is restored"
    deferred = [paragraph.uri_pat, paragraph._hy_letters_pat, textsplit.rx]
    assert all(isinstance(p, rl.DeferredPattern) for p in deferred)
    assert not isinstance(re.compile("x"), rl.DeferredPattern)
    assert callable(paragraph._wsc_re_split)  # used at import: compiled then

    from gxdesk import gxr
    from gxdesk.render import render_bytes
    render_bytes(gxr.load(sys.argv[1]), ".pdf")
    assert not any(p.compiled for p in deferred), "a whole report never needs them"
    assert isinstance(sys.modules["PIL.Image"], rl.ModuleOnFirstUse)
    assert "PIL.ExifTags" not in sys.modules, "nor PIL.Image"

    from reportlab.lib import utils
    from reportlab.lib.utils import ImageReader
    reader = ImageReader(sys.argv[2])  # an image: the real PIL.Image is imported and used
    assert reader.getSize() == (3, 2)
    from PIL import Image
    assert not isinstance(sys.modules["PIL.Image"], rl.ModuleOnFirstUse) and Image is sys.modules["PIL.Image"]
    assert utils.Image.Image is Image.Image and Image.new("RGB", (1, 1)).size == (1, 1)

    url = "https://www.gov.cn/zhengce/2021-09/16/content.htm"
    assert paragraph.uri_pat.match(url).group(0) == url
    assert paragraph.uri_pat.compiled and paragraph.uri_pat.flags & re.IGNORECASE
    assert paragraph._hy_letters_pat.match("Abc") and not paragraph._hy_letters_pat.match("中文")
    assert textsplit.rx.sub(r"\\1 ", "ab中文") == "ab中 文 "
    print("ok")
""")


def test_what_is_deferred_works_when_used_and_a_report_never_needs_it(tmp_path: Path) -> None:
    png = tmp_path / "dot.png"
    png.write_bytes(PNG_3X2)
    result = subprocess.run([sys.executable, "-c", "import sys\n" + SCRIPT, str(data_file("sample.gxr")), str(png)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
