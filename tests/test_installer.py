"""The installer's own logic: what the bundle keeps, the icon, the version, where things go.

The frozen build itself is smoke-tested by ``installer/build.py --smoke`` (CI runs it after
the test suite, for Linux and, by installer/wine.sh, for Windows): it takes minutes, too long
for a unit test. What is tested here is every rule those builds rely on.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))
import bundling  # noqa: E402
import isl_check  # noqa: E402
import windows_toolchain  # noqa: E402

ISS = (ROOT / "installer" / "gxdesk.iss").read_text(encoding="utf-8-sig")


@pytest.fixture
def project():
    """pyproject.toml's [project] table (read with tomllib: Python 3.11+)."""
    tomllib = pytest.importorskip("tomllib")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


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
    # where {autopf} of a per-user install points, spelled out for Wine (see gxdesk.iss)
    assert _setup("DefaultDirName") == r"{localappdata}\Programs\gxdesk"
    program = PureWindowsPath(_setup("DefaultDirName").replace("{localappdata}", local))
    assert data == PureWindowsPath(local, "gxdesk")
    for user_folder in (data, config):
        assert program != user_folder
        assert user_folder not in program.parents and program not in user_folder.parents
    deleted = re.findall(r'(?m)^Type: \w+; Name: "([^"]+)"', ISS)
    assert deleted == [r"{app}\_internal"]
    assert not re.search(r"(?m)^\[UninstallDelete\]", ISS)


def test_the_setup_refuses_windows_before_1809_in_plain_words():
    assert _setup("MinVersion") == "10.0.17763"
    for name in ("WindowsVersionNotSupported", "WinVersionTooLowError"):  # Inno Setup uses either
        assert "Windows 10 1809" in _setup(name) and "LTSB" in _setup(name)


def test_the_association_key_goes_with_its_value():
    """Inno Setup undoes [Registry] entries last to first: a key-only uninsdeletekeyifempty entry
    for .gxr, written after the value's entry, is looked at while the value is still there and
    leaves an empty HKCU\\Software\\Classes\\.gxr behind. The value's own entry deletes the key."""
    registry = [line for line in ISS.splitlines() if line.startswith("Root:")]
    gxr = [line for line in registry if 'Subkey: "Software\\Classes\\.gxr";' in line]
    assert len(gxr) == 1 and "ValueType: string" in gxr[0]
    assert re.search(r"Flags: .*\buninsdeletevalue\b.*\buninsdeletekeyifempty\b", gxr[0])
    for line in registry:  # an entry that only makes a key must delete it whole
        if "ValueType" not in line:
            assert "uninsdeletekey;" in line or line.endswith("uninsdeletekey"), line


def test_the_chinese_messages_are_the_projects_own_file():
    assert re.search(r'(?m)^Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"$', ISS)
    text = (ROOT / "installer" / "ChineseSimplified.isl").read_text(encoding="utf-8-sig")
    assert re.search(r"(?m)^LanguageID=\$0804$", text)
    messages = isl_check.messages(ROOT / "installer" / "ChineseSimplified.isl")
    assert len(messages["Messages"]) > 250 and messages["CustomMessages"]["CreateDesktopIcon"] == "创建桌面快捷方式(&D)"
    assert messages["Messages"]["ButtonNext"] == "下一步(&N) >"


def test_the_translation_check_finds_missing_and_broken_messages(tmp_path):
    original = tmp_path / "Default.isl"
    original.write_text("[Messages]\nA=Install %1 on %2\nB=Done\nC=[name] ready%n\n[CustomMessages]\nD=Run %1\n",
                        encoding="utf-8")
    translation = tmp_path / "zh.isl"
    translation.write_text("\ufeff; comment\n[Messages]\nA=在 %2 上安装 %1\nC=[name] 就绪\nE=多余\n[CustomMessages]\nD=运行\n",
                           encoding="utf-8")
    assert sorted(isl_check.problems(original, translation)) == [
        "[CustomMessages] D: placeholders [], the original has ['%1']",
        "[Messages] B: not translated",
        "[Messages] C: placeholders ['[name]'], the original has ['%n', '[name]']",
        "[Messages] E: not in Default.isl",
    ]


# --- What the frozen folder must hold ------------------------------------------------------

def _fake_bundle(root: Path, platform: str) -> Path:
    suffix = ".exe" if platform == "windows" else ""
    for name in [f"gxdesk{suffix}", f"gxdeskw{suffix}", *bundling.REQUIRED_FILES[platform]]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"")
    for source, target in bundling.ASSET_FOLDERS:
        shutil.copytree(ROOT / source, root / target, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.mark.parametrize("platform", ["windows", "linux"])
def test_a_complete_bundle_passes_the_check(tmp_path, platform):
    bundle = _fake_bundle(tmp_path / "gxdesk", platform)
    assert bundling.bundle_problems(bundle, platform, lambda program: bundling.source_modules()) == []


@pytest.mark.parametrize("missing", [
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/templates/report.xml.j2",
    "_internal/ui/gxdesk.qss",
    "_internal/gxdesk/data/sample.gxr",
    "gxdeskw.exe",
])
def test_the_bundle_check_names_what_is_missing(tmp_path, missing):
    bundle = _fake_bundle(tmp_path / "gxdesk", "windows")
    (bundle / missing).unlink()
    assert bundling.bundle_problems(bundle, "windows", lambda program: bundling.source_modules()) == [f"missing {missing}"]


def test_the_repositorys_housekeeping_files_are_not_assets(tmp_path):
    bundle = _fake_bundle(tmp_path / "gxdesk", "windows")
    for keep in (bundle / "_internal").rglob(".*"):
        keep.unlink()
    assert (ROOT / "templates" / ".keep").is_file()  # the case in point
    assert bundling.bundle_problems(bundle, "windows", lambda program: bundling.source_modules()) == []


def test_the_bundle_check_wants_every_folder_and_module(tmp_path):
    bundle = _fake_bundle(tmp_path / "gxdesk", "windows")
    shutil.rmtree(bundle / "_internal" / "ui")
    problems = bundling.bundle_problems(bundle, "windows", lambda program: bundling.source_modules() - {"gxdesk.render.fonts"})
    assert "missing _internal/ui/gxdesk.qss" in problems
    assert "gxdesk.exe lacks the module gxdesk.render.fonts" in problems
    assert "gxdeskw.exe lacks the module gxdesk.render.fonts" in problems


def test_source_modules_follow_the_package_wherever_its_modules_move():
    modules = bundling.source_modules()
    assert {"gxdesk", "gxdesk.cli", "gxdesk.render.fonts", "gxdesk.gui.app"} <= modules
    assert len(modules) == len(list((ROOT / "gxdesk").rglob("*.py")))


# --- The Windows build's pinned inputs -------------------------------------------------------

def _lock() -> dict[str, tuple[str, str]]:
    text = windows_toolchain.LOCK.read_text(encoding="utf-8")
    return {windows_toolchain.normalise(name): (version, digest)
            for name, version, digest in re.findall(r"(?m)^([\w.-]+)==(\S+) \\\n\s+--hash=sha256:([0-9a-f]{64})$", text)}


def test_the_lock_pins_every_dependency_within_its_range_with_a_hash(project):
    from packaging.requirements import Requirement

    lock = _lock()
    assert len(lock) == windows_toolchain.LOCK.read_text(encoding="utf-8").count("--hash=sha256:")
    for spec in windows_toolchain.project_requirements() + windows_toolchain.SMOKE + windows_toolchain.WINDOWS_ONLY:
        requirement = Requirement(spec)
        name = windows_toolchain.normalise(requirement.name)
        assert name in lock, f"{name} is not in the Windows lock"
        assert requirement.specifier.contains(lock[name][0]), f"{name}=={lock[name][0]} is outside {spec}"


def _wheel(folder: Path, name: str, version: str, requires: tuple[str, ...] | list[str] = ()) -> Path:
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        lines = [f"Name: {name}", f"Version: {version}", *(f"Requires-Dist: {r}" for r in requires)]
        archive.writestr(f"{name}-{version}.dist-info/METADATA", "\r\n".join(lines) + "\r\n")
    return path


def test_the_lock_refuses_wheels_that_miss_what_only_windows_needs(tmp_path):
    installer = _wheel(tmp_path, "pyinstaller", "6.0", ["altgraph", "pefile>=2022.5.30; sys_platform == 'win32'",
                                                        "macholib>=1.8; sys_platform == 'darwin'", "pytest; extra == 'hook-testing'"])
    altgraph = _wheel(tmp_path, "altgraph", "0.17")
    with pytest.raises(SystemExit, match=r"pyinstaller-6.0-py3-none-any.whl needs pefile>=2022.5.30"):
        windows_toolchain.check_closure([installer, altgraph])
    too_old = _wheel(tmp_path, "pefile", "2021.1.1")
    with pytest.raises(SystemExit, match="needs pefile"):
        windows_toolchain.check_closure([installer, altgraph, too_old])
    too_old.unlink()
    windows_toolchain.check_closure([installer, altgraph, _wheel(tmp_path, "pefile", "2024.8.26")])


def test_the_toolchain_pins_carry_hashes():
    assert re.fullmatch(r"[0-9a-f]{64}", windows_toolchain.PYTHON["sha256"])
    assert windows_toolchain.INNO_SETUP["integrity"].startswith("sha512-")
    workflow = (ROOT / ".github" / "workflows" / "windows-installer.yml").read_text(encoding="utf-8")
    for command in ("windows_toolchain.py python", "windows_toolchain.py innosetup", "windows_toolchain.py wheels",
                    "windows-lock.txt", "installer/build.py", "installer/setup_check.py", "installer/window_check.py"):
        assert command in workflow, f"the workflow does not use {command} as wine.sh does"


# --- The package: licence, metadata -----------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The wheel and the sdist, made by the build backend from this checkout."""
    from hatchling.builders.sdist import SdistBuilder
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    wheel = Path(next(WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])))
    sdist = Path(next(SdistBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])))
    return wheel, sdist


def test_the_licence_is_in_the_wheel_and_the_sdist(built):
    import tarfile

    wheel, sdist = built
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("gxdesk-0.1.0.dist-info/licenses/LICENSE".replace("0.1.0", bundling.project_version())).decode() == licence
        metadata = archive.read(f"gxdesk-{bundling.project_version()}.dist-info/METADATA").decode()
        assert {"gxdesk/templates/report.xml.j2", "gxdesk/ui/gxdesk.qss", "gxdesk/data/sample.gxr"} <= set(archive.namelist())
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        assert f"gxdesk-{bundling.project_version()}/LICENSE" in names
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert re.search(r"(?m)^Project-URL: Source, https://", metadata)


def test_the_classifiers_name_exactly_the_supported_pythons(project):
    versions = [c.rsplit(" ", 1)[1] for c in project["classifiers"] if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    oldest = project["requires-python"].removeprefix(">=")
    assert versions[0] == oldest and versions == [f"3.{n}" for n in range(int(oldest[2:]), int(oldest[2:]) + len(versions))]
    assert versions[-1] == "3.13"


@pytest.mark.subprocess
def test_the_floor_constraints_pin_every_lower_bound(project):
    result = subprocess.run([sys.executable, str(ROOT / ".ci" / "floors.py")], capture_output=True, text=True, check=True)
    pins = dict(line.split("==") for line in result.stdout.split())
    assert pins["reportlab"] == "4.4" and pins["PySide6-Essentials"] == "6.6" and pins["pypdf"] == "5.1"
    floors = [spec for spec in project["dependencies"] + project["optional-dependencies"]["test"] if ">=" in spec]
    assert len(pins) == len(floors)
