"""ReportLab's platypus imported with the patterns gxdesk never uses compiled only when used."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from gxdesk.resources import data_file

# Run in a fresh interpreter: in this one reportlab.platypus may have been imported already.
SCRIPT = textwrap.dedent("""
    import re
    compile_before = re.compile
    from gxdesk.render import platypus
    import reportlab.lib.textsplit as textsplit
    import reportlab.platypus.paragraph as paragraph
    assert re.compile is compile_before, "re.compile is restored"
    deferred = [paragraph.uri_pat, paragraph._hy_letters_pat, textsplit.rx]
    assert all(isinstance(p, platypus.DeferredPattern) for p in deferred)
    assert not isinstance(re.compile("x"), platypus.DeferredPattern)
    assert callable(paragraph._wsc_re_split)  # used at import: compiled then

    from gxdesk import gxr
    from gxdesk.render import render_bytes
    render_bytes(gxr.load(sys.argv[1]), ".pdf")
    assert not any(p.compiled for p in deferred), "a whole report never needs them"

    url = "https://www.gov.cn/zhengce/2021-09/16/content.htm"
    assert paragraph.uri_pat.match(url).group(0) == url
    assert paragraph.uri_pat.compiled and paragraph.uri_pat.flags & re.IGNORECASE
    assert paragraph._hy_letters_pat.match("Abc") and not paragraph._hy_letters_pat.match("中文")
    assert textsplit.rx.sub(r"\\1 ", "ab中文") == "ab中 文 "
    print("ok")
""")


def test_deferred_patterns_compile_on_first_use_and_a_report_never_needs_them() -> None:
    result = subprocess.run([sys.executable, "-c", "import sys\n" + SCRIPT, str(data_file("sample.gxr"))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
