"""What goes into the frozen gxdesk folder, and what is left out: shared by the spec and build.py.

Kept free of PyInstaller imports at module level so that the tests can check
the rules without PyInstaller installed.
"""

from __future__ import annotations

import re
import struct
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
APP = "gxdesk"
ICON_SIZES = (16, 32, 48, 256)

# Python modules the program never imports, though something in its dependencies may name them.
EXCLUDED_MODULES = [
    # the standard library's development and GUI tool kits
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "unittest", "doctest", "pydoc", "pydoc_data",
    "pdb", "test", "lib2to3", "distutils", "setuptools", "pkg_resources", "pip", "venv", "ensurepip",
    # the network: gxdesk is offline by construction
    "ssl", "_ssl",
    # OpenSSL (5 MB) would serve only hashlib, which falls back to Python's own md5/sha (reportlab's PDF ids)
    "_hashlib", "http.server", "xmlrpc", "ftplib", "smtplib", "imaplib", "poplib", "socketserver",
    # Qt modules nothing imports (the hooks would add them as dependencies of QtGui on Linux)
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg",
    "PySide6.QtSvgWidgets", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtPdf",
    # Pillow is imported by reportlab for pictures only; its codecs with large libraries are never used
    "PIL.AvifImagePlugin", "PIL._avif", "PIL.WebPImagePlugin", "PIL._webp", "PIL.ImageCms", "PIL._imagingcms",
    "PIL.ImageTk", "PIL._imagingtk", "PIL.ImageQt", "PIL.ImageShow", "numpy",
    # python-docx uses lxml.etree only
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.cssselect",
    # reportlab's charts and bitmap renderers (the PDF writer draws with platypus)
    "reportlab.graphics.renderPM", "reportlab.graphics.testshapes", "rlPyCairo", "_rl_renderPM",
    # reportlab guesses the encoding of XMP metadata files with it; gxdesk writes no XMP
    "charset_normalizer",
]

# Qt modules the window needs: QtPrintSupport serves 打印.
HIDDEN_QT = ["PySide6.QtPrintSupport"]
# ReportLab imports its C accelerators with exec(), which PyInstaller cannot follow.
HIDDEN_OTHER = ["_rl_accel"]

# Plugin folders of Qt kept; every other plugin folder is left out. platforms and
# styles are filtered further below; printsupport is the print dialog's back end.
KEPT_PLUGIN_DIRS = {"platforms", "styles", "printsupport"}
# Windows' own platform; offscreen for the smoke tests and headless diagnostics.
KEPT_PLATFORMS = re.compile(r"^(lib)?q(windows|offscreen)\.(dll|so)$", re.IGNORECASE)
KEPT_TRANSLATION = re.compile(r"^qt(base)?_zh_CN\.qm$")
# Libraries PyInstaller's Qt hook adds for OpenGL-based Qt Quick; the window draws with widgets.
OPENGL_EXTRAS = re.compile(r"^(opengl32sw|d3dcompiler_\d+|libEGL|libGLESv2)\.dll$", re.IGNORECASE)


@dataclass
class Pruned:
    """Which entries of a PyInstaller TOC a rule left out, and their size."""

    files: dict[str, list[str]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)

    def add(self, rule: str, dest: str, size: int) -> None:
        self.files.setdefault(rule, []).append(dest)
        self.sizes[rule] = self.sizes.get(rule, 0) + size

    def lines(self) -> list[str]:
        return [f"  {rule:48s} {len(self.files[rule]):4d} files {self.sizes[rule] / 1e6:7.1f} MB"
                for rule in sorted(self.sizes, key=self.sizes.get, reverse=True)]


# UTF-8 mode: Chinese output redirected to a file or pipe never fails on a Windows with
# another code page (the console itself is written in UTF-16 either way).
PYTHON_OPTIONS = [("X utf8", None, "OPTION")]
# Debug symbols out of the Linux libraries (the Python library alone carries 18 MB of them);
# Windows DLLs ship without them.
STRIP = sys.platform != "win32"


def drop_rule(dest: str) -> str | None:
    """Why a file at ``dest`` (its path inside the bundle) is left out, or None to keep it."""
    parts = dest.replace("\\", "/").split("/")
    name = parts[-1]
    if "plugins" in parts[:-1]:
        kind = parts[parts.index("plugins") + 1]
        if kind not in KEPT_PLUGIN_DIRS:
            return f"Qt plugins: {kind}"
        if kind == "platforms" and not KEPT_PLATFORMS.match(name):
            return "Qt plugins: platforms other than windows/offscreen"
    if "translations" in parts[:-1] and name.endswith(".qm") and not KEPT_TRANSLATION.match(name):
        return "Qt translations other than zh_CN"
    if OPENGL_EXTRAS.match(name):
        return "Qt software OpenGL and ANGLE"
    return None


def prune(toc: Iterable[tuple[str, str, str]], pruned: Pruned, size: Callable[[str], int]) -> list:
    """The entries of a TOC (dest, source, kind) that ``drop_rule`` keeps."""
    kept = []
    for entry in toc:
        rule = drop_rule(entry[0])
        if rule is None:
            kept.append(entry)
        else:
            pruned.add(rule, entry[0], size(entry[1]))
    return kept


def prune_analysis(analysis, get_imports: Callable[[str], Iterable[tuple[str, str]]]) -> Pruned:
    """Apply ``drop_rule`` to a PyInstaller Analysis, then drop the libraries only left-out plugins used.

    ``get_imports`` is PyInstaller's ``bindepend.get_imports``. The spec applies it to the program
    and to the bare window it is measured against, so that the two are built the same way."""
    pruned = Pruned()

    def size(path: str) -> int:
        return Path(path).stat().st_size if Path(path).is_file() else 0

    analysis.binaries = prune(analysis.binaries, pruned, size)
    analysis.datas = prune(analysis.datas, pruned, size)
    orphaned = orphans(analysis.binaries, lambda src: [name for name, _path in get_imports(src)], windows=on_windows())
    kept = []
    for entry in analysis.binaries:
        if entry[0] in orphaned:
            pruned.add("libraries only left-out plugins used", entry[0], size(entry[1]))
        else:
            kept.append(entry)
    analysis.binaries = kept
    return pruned


def orphans(binaries: list[tuple[str, str, str]], imports: Callable[[str], Iterable[str]],
            windows: bool = False) -> set[str]:
    """Shared libraries that no kept binary links to any more (they came in for a plugin now left out).

    ``imports(source)`` names the libraries a binary links. The roots are what is
    loaded by name rather than linked: Python extensions, Qt plugins, the Python
    library itself; symbolic links and other kinds of entries are left alone. On
    Windows only Qt's own DLLs are candidates: a DLL a hook added for loading at
    run time would look unlinked too, and no Linux smoke test can prove it unneeded."""
    files = {dest: src for dest, src, kind in binaries if kind in ("BINARY", "EXTENSION")}
    by_name = {_name(dest): dest for dest in files}  # Windows compares DLL names regardless of case
    needed = {dest for dest, _src, kind in binaries if dest in files and _loaded_by_name(dest, kind)}
    todo = list(needed)
    while todo:
        for lib in imports(files[todo.pop()]):
            dest = by_name.get(_name(lib))
            if dest is not None and dest not in needed:
                needed.add(dest)
                todo.append(dest)
    unlinked = set(files) - needed
    if windows:
        unlinked = {dest for dest in unlinked if re.match(r"qt6\w+\.dll$", _name(dest))}
    return unlinked


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1].lower()


def _loaded_by_name(dest: str, kind: str) -> bool:
    parts = dest.replace("\\", "/").split("/")
    # A library inside another package's folder is opened by that package with ctypes
    # (pypdfium2_raw/libpdfium.so): nothing links it, yet it is needed.
    ctypes_loaded = len(parts) > 1 and parts[0] not in ("PySide6", "shiboken6") and not parts[0].endswith(".libs")
    return (kind == "EXTENSION" or "plugins" in parts or ctypes_loaded
            or parts[-1].lower().startswith(("python", "libpython")))


# --- What the bundle must hold ---------------------------------------------------------------

# Files a frozen gxdesk cannot work without, beyond the programs, gxdesk's modules and its assets.
# The smoke test runs Qt offscreen, so it would pass without Windows' own platform plugin: this
# list is what catches its absence (and installer/window_check.py opens the real window).
REQUIRED_FILES = {
    "windows": [
        "_internal/PySide6/plugins/platforms/qwindows.dll",  # the window on Windows
        "_internal/PySide6/plugins/platforms/qoffscreen.dll",  # the smoke test's platform
        "_internal/PySide6/plugins/styles/qmodernwindowsstyle.dll",  # the Windows 10/11 look
        "_internal/PySide6/Qt6PrintSupport.dll",  # 打印
        "_internal/pypdfium2_raw/pdfium.dll",  # the print preview's rasteriser, loaded with ctypes
        "_internal/PySide6/translations/qtbase_zh_CN.qm",  # Qt's own buttons in Chinese
    ],
    "linux": [
        "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "_internal/PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "_internal/pypdfium2_raw/libpdfium.so",
        "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm",
    ],
}
# Folders of the source tree the bundle carries whole: (in the repository, in the bundle).
ASSET_FOLDERS = [("templates", "_internal/templates"), ("ui", "_internal/ui"), ("gxdesk/data", "_internal/gxdesk/data")]


def source_modules(package: Path = ROOT / APP) -> set[str]:
    """Every module of the gxdesk package in the source tree, dotted (the CLI imports many by name)."""
    names = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def bundle_problems(bundle: Path, platform: str, archived_modules: Callable[[Path], set[str]]) -> list[str]:
    """What the frozen folder lacks: the two programs, the platform's REQUIRED_FILES, every file of
    ASSET_FOLDERS, and in each program's archive every module of the gxdesk package.

    ``archived_modules(program)`` lists the modules in a program's archive (``pyz_modules``)."""
    suffix = ".exe" if platform == "windows" else ""
    problems = []
    wanted = [f"{APP}{suffix}", f"{APP}w{suffix}", *REQUIRED_FILES[platform]]
    for source, target in ASSET_FOLDERS:
        wanted += [f"{target}/{p.relative_to(ROOT / source).as_posix()}" for p in sorted((ROOT / source).rglob("*"))
                   if p.is_file() and _asset(p.relative_to(ROOT / source))]
    problems += [f"missing {name}" for name in wanted if not (bundle / name).is_file()]
    for program in wanted[:2]:
        if (bundle / program).is_file():
            absent = source_modules() - archived_modules(bundle / program)
            problems += [f"{program} lacks the module {name}" for name in sorted(absent)]
    return problems


def _asset(relative: Path) -> bool:
    """Not the repository's housekeeping: templates/.keep (which the setup program under Wine does
    not install) or Python's caches."""
    return not any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def pyz_modules(program: Path) -> set[str]:
    """The Python modules in a frozen program's archive (PyInstaller's reader, for ELF and PE alike)."""
    from PyInstaller.archive.readers import CArchiveReader

    return set(CArchiveReader(str(program)).open_embedded_archive("PYZ.pyz").toc)


def platform_name() -> str:
    return "windows" if on_windows() else "linux"


# --- Version and icon --------------------------------------------------------------------

def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    text = pyproject.read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return version_by_regex(text)
    return str(tomllib.loads(text)["project"]["version"])


def version_by_regex(text: str) -> str:
    """The version of the [project] table, for Pythons without tomllib."""
    match = re.search(r'(?ms)^\[project\]$.*?^version\s*=\s*"([^"]+)"', text)
    if not match:
        raise SystemExit("no version in pyproject.toml's [project] table")
    return match.group(1)


def numeric_version(version: str) -> str:
    """Four dotted numbers for Windows' version resources: 0.1.0rc1 → 0.1.0.0."""
    release = re.match(r"\d+(\.\d+)*", version)
    numbers = [int(n) for n in release.group(0).split(".")[:4]] if release else []
    return ".".join(str(n) for n in [*numbers, 0, 0, 0, 0][:4])


def write_ico(pngs: list[Path], out: Path) -> Path:
    """An .ico of PNG-compressed images (Windows Vista and later read them), one per size."""
    images = [p.read_bytes() for p in pngs]
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, offset = b"", 6 + 16 * len(images)
    for data in images:
        if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
            raise ValueError("not a PNG file")
        width, height, depth = struct.unpack(">IIB", data[16:25])
        entries += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, depth * 4, len(data), offset)
        offset += len(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + entries + b"".join(images))
    return out


def icon_pngs() -> list[Path]:
    return [ROOT / "ui" / "icons" / f"gxdesk-{size}.png" for size in ICON_SIZES]


# --- Sizes -------------------------------------------------------------------------------

def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def zip_folder(folder: Path, out: Path) -> dict[str, tuple[int, int]]:
    """Zip the folder at deflate level 9 (close to what an installer ships).

    Symbolic links (PyInstaller makes them on Linux, to libraries in the Qt folder)
    are left out as they take no room. Returns {path inside the folder: (unpacked,
    compressed bytes)}."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.write(path, path.relative_to(folder).as_posix())
        return {info.filename: (info.file_size, info.compress_size) for info in archive.infolist()}


def largest(sizes: dict[str, tuple[int, int]], depth: int = 3, count: int = 12) -> list[tuple[int, int, str]]:
    """The biggest parts: (unpacked, compressed bytes, path cut to ``depth`` levels), largest first."""
    totals: dict[str, list[int]] = {}
    for name, (raw, packed) in sizes.items():
        sums = totals.setdefault("/".join(name.split("/")[:depth]), [0, 0])
        sums[0] += raw
        sums[1] += packed
    return sorted(((u, c, k) for k, (u, c) in totals.items()), reverse=True)[:count]


def on_windows() -> bool:
    return sys.platform == "win32"
