from pathlib import Path

from gxdesk.gui.actions import file_name, with_suffix


def test_titles_become_file_names_windows_accepts():
    assert file_name("某局/2025年:报告?") == "某局_2025年_报告"
    assert file_name(" ..") == "报告"


def test_a_typed_name_gets_its_suffix_once():
    assert with_suffix(Path("报告"), ".gxr") == Path("报告.gxr")
    assert with_suffix(Path("报告.GXR"), ".gxr") == Path("报告.GXR")
    assert with_suffix(Path("报告.v2"), ".pdf") == Path("报告.v2.pdf")
