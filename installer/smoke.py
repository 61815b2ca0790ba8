"""Smoke test of the frozen gxdesk: the programs a clerk gets, run the way a clerk runs them.

    python installer/smoke.py [dist/gxdesk]     (installer/build.py --smoke runs it after a build)

The bundle is first copied elsewhere, as an installer would, so that nothing
can come from the source tree. Every program runs in a sandbox: home folder,
temp folder and ``GXDESK_HOME`` inside it. Checks: ``--version``, ``check`` of
the bundled sample, ``render`` of it to PDF and .docx (read back with pypdf and
python-docx; fonts embedded when the machine has a CJK TrueType font; the
STSong-Light fallback without one), ``import`` of a published report, ``merge`` with its workbook, an input
error (one Chinese line, exit 2), and the window opening offscreen on its start
page, then on a file, then reopening that file, each quitting after its first paint. Afterwards nothing may have
been written except into ``GXDESK_HOME`` and the requested outputs, and the
bundle itself must be unchanged. Ends with the closing line ``N passed, N failed``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundling

ROOT = bundling.ROOT
REAL_REPORT = ROOT / "tests" / "data" / "real" / "yangcheng-2023.md"
REAL_EXPECTED = ROOT / "tests" / "data" / "real" / "yangcheng-2023.gxr"
EXE = ".exe" if bundling.on_windows() else ""
TIMEOUT = 120
# fontconfig's own cache on Linux: written by the system's font library, not by gxdesk (Windows has none).
FOREIGN_CACHES = ("fontconfig",)
# Set by installer/wine.sh, which puts CJK fonts into C:\windows\Fonts: embedded fonts are then required,
# so that the Windows font-folder lookup is tested rather than the fallback.
REQUIRE_FONTS_ENV = "GXDESK_SMOKE_REQUIRE_FONTS"


class Failure(Exception):
    pass


class Sandbox:
    """A home, temp and data folder of their own for every program the smoke test runs."""

    def __init__(self, root: Path, bundle: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.data = root / "gxdesk-home"  # GXDESK_HOME: settings and autosaves
        self.out = root / "out"  # the outputs the test asks for
        self.work = root / "work"  # the working folder the programs start in
        for folder in (self.home, self.data, self.out, self.work, root / "tmp"):
            folder.mkdir(parents=True)
        self.bundle = bundle
        tmp = str(root / "tmp")
        self.env = {
            "PATH": os.environ.get("PATH", ""), "SYSTEMROOT": os.environ.get("SYSTEMROOT", ""),
            "HOME": str(self.home), "USERPROFILE": str(self.home), "APPDATA": str(self.home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(self.home / "AppData" / "Local"), "TMPDIR": tmp, "TEMP": tmp, "TMP": tmp,
            "GXDESK_HOME": str(self.data), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
        }
        if "GXDESK_FONT_PATH" in os.environ:
            self.env["GXDESK_FONT_PATH"] = os.environ["GXDESK_FONT_PATH"]

    def run(self, program: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        command = [str(self.bundle / (program + EXE)), *args]
        return subprocess.run(command, cwd=self.work, env={**self.env, **(env or {})}, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=TIMEOUT)

    def stray_files(self) -> list[str]:
        """Files written anywhere in the sandbox but GXDESK_HOME and the outputs."""
        allowed = (self.data, self.out)
        stray = []
        for path in self.root.rglob("*"):
            if path.is_file() and not any(path.is_relative_to(a) for a in allowed):
                relative = path.relative_to(self.root)
                if not any(part in FOREIGN_CACHES for part in relative.parts):
                    stray.append(str(relative))
        return stray


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def ran(result: subprocess.CompletedProcess, code: int = 0) -> None:
    expect(result.returncode == code, f"exit {result.returncode}, expected {code}\n"
           f"stdout: {str(result.stdout)[-2000:]}\nstderr: {str(result.stderr)[-2000:]}")


def sample_file(bundle: Path) -> Path:
    found = sorted(bundle.rglob("gxdesk/data/sample.gxr"))
    expect(len(found) == 1, f"the bundle holds {len(found)} sample.gxr files")
    return found[0]


# --- The checks --------------------------------------------------------------------------

def check_version(box: Sandbox) -> None:
    result = box.run("gxdesk", "--version")
    ran(result)
    expected = f"gxdesk {bundling.project_version()}"
    expect(result.stdout.strip() == expected, f"printed {result.stdout.strip()!r}, expected {expected!r}")


def check_sample(box: Sandbox) -> None:
    result = box.run("gxdesk", "check", str(sample_file(box.bundle)))
    ran(result)
    expect("全部平衡" in result.stdout, f"unexpected summary: {result.stdout!r}")


def check_input_error(box: Sandbox) -> None:
    result = box.run("gxdesk", "check", "不存在的报告.gxr")
    ran(result, 2)
    lines = result.stderr.strip().splitlines()
    expect(len(lines) == 1 and lines[0].startswith("gxdesk: "), f"not one line of Chinese: {result.stderr!r}")
    expect("Traceback" not in result.stderr, "a traceback reached the user")


def _organ(bundle: Path) -> str:
    return str(json.loads(sample_file(bundle).read_text(encoding="utf-8"))["organ"])


def check_pdf(box: Sandbox) -> None:
    from gxdesk.render.fonts import resolve

    out = box.out / "示例报告.pdf"
    result = box.run("gxdesk", "render", str(sample_file(box.bundle)), "-o", str(out))
    ran(result)
    fonts, text = _read_pdf(out)
    expect(_organ(box.bundle) in text.replace(" ", ""), "the PDF lacks the organ's name")
    # This machine has CJK TrueType fonts (or the build says it must have): the frozen app must find and embed them.
    if resolve().embedded or os.environ.get(REQUIRE_FONTS_ENV):
        expect(fonts and all(embedded for embedded in fonts.values()), f"fonts not all embedded: {fonts}")
    else:
        expect("STSong-Light" in " ".join(fonts), f"no STSong-Light fallback: {fonts}")
    # ReportLab's C accelerators (rl-accel): a fifth of a PDF's time; imported in a way PyInstaller misses.
    expect(any(box.bundle.rglob("_rl_accel*")), "ReportLab's accelerator _rl_accel is not in the bundle")


def check_pdf_fallback(box: Sandbox) -> None:
    out = box.out / "无字体.pdf"
    result = box.run("gxdesk", "render", str(sample_file(box.bundle)), "-o", str(out), env={"GXDESK_FONT_PATH": ""})
    ran(result)
    expect("STSong-Light" in result.stderr, f"no warning about the fallback font: {result.stderr!r}")
    fonts, text = _read_pdf(out)
    expect(any("STSong-Light" in name for name in fonts), f"STSong-Light not used: {fonts}")
    expect(_organ(box.bundle) in text.replace(" ", ""), "the fallback PDF lacks the organ's name")


def _read_pdf(path: Path) -> tuple[dict[str, bool], str]:
    """{font name: embedded} over all pages, and the text."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    expect(len(reader.pages) >= 2, f"{path.name} has {len(reader.pages)} pages")
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts, "".join(page.extract_text() for page in reader.pages)


def check_docx(box: Sandbox) -> None:
    from docx import Document

    out = box.out / "示例报告.docx"
    result = box.run("gxdesk", "render", str(sample_file(box.bundle)), "-o", str(out))
    ran(result)
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    expect(_organ(box.bundle) in text, "the .docx lacks the organ's name")
    expect(len(document.tables) >= 3, f"the .docx has {len(document.tables)} tables")


def check_import(box: Sandbox) -> None:
    from gxdesk import gxr

    out = box.out / "imported.gxr"
    result = box.run("gxdesk", "import", str(REAL_REPORT), "-o", str(out))
    ran(result)
    imported, expected = gxr.load(out), gxr.load(REAL_EXPECTED)
    expect(imported.cells == expected.cells, "imported figures differ from the published ones")
    expect(imported.organ == expected.organ and imported.year == expected.year, "organ or year differ")


def check_import_pdf(box: Sandbox) -> None:
    """A PDF imported by the frozen app (pdfium's text layer and rules): the sample's own PDF."""
    from gxdesk import gxr

    pdf, out = box.out / "导入示例.pdf", box.out / "imported-pdf.gxr"
    ran(box.run("gxdesk", "render", str(sample_file(box.bundle)), "-o", str(pdf)))
    result = box.run("gxdesk", "import", str(pdf), "-o", str(out))
    ran(result)
    expected = gxr.load(sample_file(box.bundle))
    expect(gxr.load(out).cells == expected.cells, "figures imported from the PDF differ from the sample's")


def check_merge(box: Sandbox) -> None:
    from openpyxl import load_workbook

    from gxdesk import gxr

    out, book = box.out / "汇总.gxr", box.out / "汇总明细.xlsx"
    result = box.run("gxdesk", "merge", str(sample_file(box.bundle)), str(REAL_EXPECTED), "-o", str(out),
                     "--organ", "某县人民政府", "--year", "2025", "--breakdown", str(book))
    ran(result, 1)  # the 2023 report is of another year: named, not counted
    expect(gxr.load(out).cells == gxr.load(sample_file(box.bundle)).cells, "the sum is not the sample's figures")
    workbook = load_workbook(book, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    expect(len(rows) == 4 and rows[-1][1] == "合计", f"the workbook has {len(rows)} rows (openpyxl bundled?)")


def first_paint(box: Sandbox, program: str, *args: str) -> str | None:
    """The first-paint line of a window run (None for gxdeskw on Windows, which has no stdout)."""
    from gxdesk.gui.app import EXIT_ON_PAINT_ENV, FIRST_PAINT_MARKER

    result = box.run(program, *args, env={EXIT_ON_PAINT_ENV: "1"})
    ran(result)
    if program == "gxdeskw" and bundling.on_windows():
        return None  # its exit code says it all
    marker = [line for line in result.stdout.splitlines() if line.startswith(FIRST_PAINT_MARKER)]
    expect(len(marker) == 1, f"{program}: no first-paint line in {result.stdout!r}")
    return marker[0]


def check_window(box: Sandbox) -> None:
    """A first start: the window opens on its start page, paints, and quits by itself."""
    for program in ("gxdesk", "gxdeskw"):
        marker = first_paint(box, program)
        expect(marker is None or "开始 — " in marker, f"{program}: the start page is not shown: {marker}")


def check_window_reopens(box: Sandbox) -> None:
    """Started again without a file, the window reopens the report opened last (check_window_file's)."""
    marker = first_paint(box, "gxdesk")
    expect(marker is not None and "双击打开.gxr" in marker, f"the last report is not reopened: {marker}")


def check_window_file(box: Sandbox) -> None:
    """``gxdeskw FILE`` (how Explorer opens a .gxr) shows that file and remembers it in the user's settings."""
    from gxdesk.gui.app import EXIT_ON_PAINT_ENV

    report = box.out / "双击打开.gxr"
    shutil.copyfile(REAL_EXPECTED, report)
    ran(box.run("gxdeskw", str(report), env={EXIT_ON_PAINT_ENV: "1"}))
    settings = list(box.data.glob("*.json"))
    expect(any(report.name in p.read_text(encoding="utf-8") for p in settings), "the file is not in the recent list")


def check_print(box: Sandbox) -> None:
    """打印 works frozen: pdfium rasterises the report and Qt's print support writes every page."""
    from gxdesk.gui.app import EXIT_ON_PAINT_ENV, PRINT_TO_ENV

    out = box.out / "printed.pdf"
    report = box.out / "打印.gxr"  # a copy: the bundle stays untouched (an open report gets a lock file beside it)
    shutil.copyfile(sample_file(box.bundle), report)
    result = box.run("gxdesk", str(report), env={EXIT_ON_PAINT_ENV: "1", PRINT_TO_ENV: str(out)})
    ran(result)
    expect("printed" in result.stdout, f"the print path did not run: {result.stdout!r}")
    pages = int(result.stdout.rsplit("printed ", 1)[1].split()[0])
    from pypdf import PdfReader

    expect(pages > 1 and len(PdfReader(out).pages) == pages, f"printed {out} does not have {pages} pages")


CHECKS: list[tuple[str, Callable[[Sandbox], None]]] = [
    ("gxdesk --version prints the project's version", check_version),
    ("gxdesk check: the bundled sample balances", check_sample),
    ("gxdesk check: a missing file is one Chinese line, exit 2", check_input_error),
    ("gxdesk render → PDF (fonts found and embedded)", check_pdf),
    ("gxdesk render → PDF without fonts (STSong-Light)", check_pdf_fallback),
    ("gxdesk render → .docx", check_docx),
    ("gxdesk import of a published report", check_import),
    ("gxdesk import of a PDF (pdfium's text layer)", check_import_pdf),
    ("gxdesk merge → the sum and the breakdown workbook (openpyxl bundled)", check_merge),
    ("the window opens offscreen on its start page", check_window),
    ("gxdeskw FILE opens the file", check_window_file),
    ("the window started again reopens the last report", check_window_reopens),
    ("打印 prints every page (pdfium and Qt print support bundled)", check_print),
]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    built = Path(args[0] if args else ROOT / "dist" / "gxdesk").resolve()
    if not (built / ("gxdesk" + EXE)).is_file():
        print(f"smoke: no frozen gxdesk in {built}; build it first (installer/build.py)", file=sys.stderr)
        return 2
    passed = failed = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gxdesk-smoke-") as tmp:
        bundle = Path(tmp) / "installed" / "gxdesk"
        shutil.copytree(built, bundle, symlinks=True)  # as an installer puts it: away from the source tree
        before = snapshot(bundle)
        box = Sandbox(Path(tmp) / "sandbox", bundle)
        for title, check in CHECKS:
            start = time.perf_counter()
            try:
                check(box)
            except (Failure, subprocess.TimeoutExpired) as error:
                failed += 1
                print(f"FAIL  {title}\n      {error}")
            else:
                passed += 1
                print(f"ok    {title}  ({time.perf_counter() - start:.1f} s)")
        for title, problems in (("nothing written outside GXDESK_HOME and the outputs", box.stray_files()),
                                ("the installed folder is unchanged", _changes(before, snapshot(bundle)))):
            if problems:
                failed += 1
                print(f"FAIL  {title}\n      " + "\n      ".join(problems[:20]))
            else:
                passed += 1
                print(f"ok    {title}")
    print(f"smoke test of {built}: {time.perf_counter() - started:.0f} s")
    print(f"smoke: {passed} passed, {failed} failed")
    return 1 if failed else 0


def _changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


if __name__ == "__main__":
    sys.exit(main())
