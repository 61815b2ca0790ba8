"""The installer's own logic: what the bundle keeps, the icon, the version, where things go.

The frozen build itself is smoke-tested by ``installer/build.py --smoke`` (CI runs it after
the test suite): it takes a minute or two, too long for a unit test.
"""

from __future__ import annotations

import re
import struct
import sys
import zipfile
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))
import bundling  # noqa: E402

ISS = (ROOT / "installer" / "gxdesk.iss").read_text(encoding="utf-8-sig")


# --- What the bundle keeps ----------------------------------------------------------------

@pytest.mark.parametrize("dest", [
    "PySide6/plugins/platforms/qwindows.dll",  # Windows' platform
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",  # the smoke test's
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",  # the Windows 11 look
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",  # 打印
    "PySide6/translations/qtbase_zh_CN.qm",
    "PySide6\\translations\\qt_zh_CN.qm",
    "PySide6/Qt6Widgets.dll",
    "templates/report.xml.j2",
    "ui/icons/gxdesk-256.png",
    "gxdesk/data/sample.gxr",
])
def test_what_the_program_needs_is_kept(dest):
    assert bundling.drop_rule(dest) is None


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/plugins/platforms/qdirect2d.dll",
    "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/plugins/iconengines/qsvgicon.dll",
    "PySide6/translations/qtbase_de.qm",
    "PySide6/translations/qt_help_zh_CN.qm",
    "PySide6/opengl32sw.dll",
    "PySide6\\d3dcompiler_47.dll",
])
def test_what_it_never_uses_is_left_out(dest):
    assert bundling.drop_rule(dest) is not None


def test_prune_counts_what_each_rule_left_out():
    toc = [("PySide6/translations/qtbase_de.qm", "/src/de", "DATA"),
           ("PySide6/translations/qtbase_fr.qm", "/src/fr", "DATA"),
           ("PySide6/translations/qtbase_zh_CN.qm", "/src/zh", "DATA")]
    pruned = bundling.Pruned()
    kept = bundling.prune(toc, pruned, size=lambda source: 1000)
    assert kept == [toc[2]]
    assert pruned.sizes == {"Qt translations other than zh_CN": 2000}
    assert "2 files" in pruned.lines()[0]


def test_orphans_are_the_libraries_only_left_out_plugins_linked():
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "w", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "lw", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "lc", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "off", "BINARY"),
        ("libX11.so.6", "x11", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "xcb", "BINARY"),  # needed by libqxcb.so, left out
        ("libpython3.11.so.1.0", "py", "BINARY"),  # loaded by the bootloader by name
        ("pypdfium2_raw/libpdfium.so", "pdfium", "BINARY"),  # opened with ctypes by its package
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ]
    links = {"w": ["libQt6Widgets.so.6"], "lw": ["libQt6Core.so.6", "libc.so.6"], "off": ["libX11.so.6"],
             "xcb": ["libQt6Core.so.6"], "lc": [], "x11": [], "py": [], "pdfium": []}
    assert bundling.orphans(binaries, lambda source: links[source]) == {"PySide6/Qt/lib/libQt6XcbQpa.so.6"}


def test_on_windows_only_unlinked_qt_dlls_go():
    binaries = [
        ("PySide6/QtGui.pyd", "g", "EXTENSION"),
        ("PySide6/Qt6Gui.dll", "lg", "BINARY"),
        ("PySide6\\Qt6Network.dll", "net", "BINARY"),  # came with the tls plugins, left out
        ("PySide6/opengl32sw.dll", "gl", "BINARY"),  # loaded at run time by name, if at all
    ]
    links = {"g": ["Qt6Gui.dll"], "lg": [], "net": [], "gl": []}
    assert bundling.orphans(binaries, lambda source: links[source], windows=True) == {"PySide6\\Qt6Network.dll"}


# --- Icon and version --------------------------------------------------------------------

def test_the_icon_holds_every_png_size(tmp_path):
    ico = bundling.write_ico(bundling.icon_pngs(), tmp_path / "gxdesk.ico")
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(bundling.ICON_SIZES))
    for i, size in enumerate(bundling.ICON_SIZES):
        width, height, _colours, _zero, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        assert (width, height) == (size % 256, size % 256)  # 0 stands for 256
        assert (planes, bits) == (1, 32)
        png = data[offset: offset + length]
        assert png == bundling.icon_pngs()[i].read_bytes()


def test_the_icon_refuses_what_is_not_png(tmp_path):
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"GIF89a" + bytes(40))
    with pytest.raises(ValueError):
        bundling.write_ico([fake], tmp_path / "x.ico")


def test_the_version_comes_from_pyproject():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = bundling.project_version()
    assert re.search(rf'(?m)^version = "{re.escape(version)}"$', text)
    assert bundling.version_by_regex(text) == version  # what Python 3.10 reads


def test_the_regex_reads_only_the_project_table():
    text = '[tool.x]\nversion = "9"\n\n[project]\nname = "gxdesk"\nversion = "1.2.3"\n'
    assert bundling.version_by_regex(text) == "1.2.3"


@pytest.mark.parametrize(("version", "numeric"), [
    ("0.1.0", "0.1.0.0"), ("1.2rc1", "1.2.0.0"), ("2.0.1.post3", "2.0.1.0"), ("3", "3.0.0.0"),
])
def test_windows_version_resources_get_four_numbers(version, numeric):
    assert bundling.numeric_version(version) == numeric


# --- Sizes ---------------------------------------------------------------------------------

def test_sizes_count_files_once_and_rank_the_largest(tmp_path):
    folder = tmp_path / "gxdesk"
    (folder / "_internal" / "big").mkdir(parents=True)
    (folder / "_internal" / "big" / "a.bin").write_bytes(bytes(range(256)) * 400)
    (folder / "_internal" / "small.txt").write_text("x" * 100)
    (folder / "gxdesk").write_bytes(b"\0" * 50)
    try:  # PyInstaller links libraries on Linux; Windows may not allow links
        (folder / "_internal" / "link.bin").symlink_to(folder / "_internal" / "big" / "a.bin")
    except OSError:
        pass
    sizes = bundling.zip_folder(folder, tmp_path / "out.zip")
    assert set(sizes) == {"_internal/big/a.bin", "_internal/small.txt", "gxdesk"}  # the link is no copy
    assert bundling.folder_size(folder) == 102400 + 100 + 50
    ranked = bundling.largest(sizes, depth=2)
    assert ranked[0][2] == "_internal/big" and ranked[0][0] == 102400 and ranked[0][1] < 102400
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert archive.read("_internal/small.txt") == b"x" * 100


# --- Where the installer puts things --------------------------------------------------------

def _setup(key: str) -> str:
    match = re.search(rf"(?m)^{key}=(.*)$", ISS)
    assert match, key
    return match.group(1).strip()


def test_per_user_install_without_administrator_rights():
    assert _setup("PrivilegesRequired") == "lowest"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", _setup("AppId"))
    assert _setup("ChangesAssociations") == "yes"
    registry = [line for line in ISS.splitlines() if line.startswith("Root:")]
    assert registry and all(line.startswith("Root: HKA; Subkey: \"Software\\Classes\\") for line in registry)


def test_the_program_folder_is_not_the_users_data_folder(monkeypatch):
    """Uninstalling or upgrading (which empties {app}\\_internal) must never reach the drafts."""
    from platformdirs.windows import Windows

    local = r"C:\Users\clerk\AppData\Local"
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setattr("platformdirs.windows.get_win_folder", lambda name: local)
    data = PureWindowsPath(Windows(appname="gxdesk", appauthor=False).user_data_dir)
    config = PureWindowsPath(Windows(appname="gxdesk", appauthor=False).user_config_dir)
    # {autopf} of a non-administrative install is {userpf}: %LOCALAPPDATA%\Programs
    program = PureWindowsPath(_setup("DefaultDirName").replace("{autopf}", local + r"\Programs"))
    assert data == PureWindowsPath(local, "gxdesk")
    for user_folder in (data, config):
        assert program != user_folder
        assert user_folder not in program.parents and program not in user_folder.parents
    deleted = re.findall(r'(?m)^Type: \w+; Name: "([^"]+)"', ISS)
    assert deleted == [r"{app}\_internal"]
    assert not re.search(r"(?m)^\[UninstallDelete\]", ISS)
