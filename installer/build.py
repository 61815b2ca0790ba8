"""Build the frozen gxdesk and, on Windows, its setup program.

    python installer/build.py [--skip-tests] [--smoke] [--no-installer] [--bare-window]

1. the test suite (pytest), unless --skip-tests;
2. PyInstaller with installer/gxdesk.spec → dist/gxdesk/ (work files in build/linux or build/windows);
3. the bundle check: the programs, the platform plugin and other files listed in
   installer/bundling.py, every file of templates/, ui/ and gxdesk/data, every gxdesk module;
4. the bundle's size, unpacked and as a deflate-9 zip (build/PLATFORM/gxdesk-VERSION-PLATFORM.zip),
   and its largest parts;
5. on Windows, Inno Setup's compiler (ISCC.exe, found on PATH or in its usual
   folders) with installer/gxdesk.iss → dist/gxdesk-VERSION-setup.exe, unless
   --no-installer (the Chinese wizard's messages are installer/ChineseSimplified.isl);
6. with --bare-window, the spec also freezes a bare PySide6 window the same way (dist/bare-window/),
   the yardstick of installer/startup_ratio.py;
7. with --smoke, the smoke test of the frozen programs (installer/smoke.py).

Run it with the Python of the environment gxdesk is installed in (``pip install -e '.[test,build]'``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundling

ROOT = bundling.ROOT
# Work files apart per platform: the Linux and the Windows (Wine) build share one checkout in CI.
DIST, WORK = ROOT / "dist", ROOT / "build" / bundling.platform_name()
BUNDLE = DIST / bundling.APP
MB = 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-tests", action="store_true", help="do not run the test suite first")
    parser.add_argument("--smoke", action="store_true", help="smoke-test the frozen programs after the build")
    parser.add_argument("--no-installer", action="store_true", help="on Windows, stop before Inno Setup")
    parser.add_argument("--bare-window", action="store_true", help="also freeze the bare PySide6 window")
    parser.add_argument("--dist", type=Path, help="the output folder instead of dist/ (CI builds Linux and "
                        "Windows side by side)")
    args = parser.parse_args(argv)
    if args.dist:
        global DIST, BUNDLE
        DIST = args.dist.resolve()
        BUNDLE = DIST / bundling.APP
    version = bundling.project_version()
    timings: list[tuple[str, float]] = []

    def step(name: str, command: list[str]) -> None:
        print(f"\n== {name}: {' '.join(command)}", flush=True)
        start = time.perf_counter()
        if subprocess.run(command, cwd=ROOT).returncode != 0:
            raise SystemExit(f"build.py: the {name} step failed")
        timings.append((name, time.perf_counter() - start))

    if not args.skip_tests:
        step("tests", [sys.executable, "-m", "pytest", "-q"])
    if args.bare_window:
        os.environ["GXDESK_BARE_WINDOW"] = "1"  # the spec then also freezes the bare window
    step("PyInstaller", pyinstaller("gxdesk.spec"))
    start = time.perf_counter()
    check_bundle()
    timings.append(("bundle check", time.perf_counter() - start))
    start = time.perf_counter()
    report_size(version)
    timings.append(("sizes", time.perf_counter() - start))
    if bundling.on_windows() and not args.no_installer:
        setup = build_installer(version, step)
        print(f"\nsetup program: {setup}  {setup.stat().st_size / MB:.1f} MB")
    print("\n" + "  ".join(f"{name} {seconds:.0f} s" for name, seconds in timings), flush=True)
    if args.smoke:  # last: its closing line "N passed, N failed" ends the output
        step("smoke test", [sys.executable, str(ROOT / "installer" / "smoke.py"), str(BUNDLE)])
    return 0


def pyinstaller(spec: str) -> list[str]:
    return [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(DIST), "--workpath", str(WORK), str(ROOT / "installer" / spec)]


def check_bundle() -> None:
    problems = bundling.bundle_problems(BUNDLE, bundling.platform_name(), bundling.pyz_modules)
    if problems:
        raise SystemExit("build.py: the bundle is incomplete:\n  " + "\n  ".join(problems))
    print(f"\n== bundle check: {bundling.platform_name()} platform plugin, templates/, ui/, gxdesk/data "
          f"and all {len(bundling.source_modules())} gxdesk modules are in {BUNDLE}", flush=True)


def report_size(version: str) -> None:
    archive = WORK / f"gxdesk-{version}-{platform.system().lower()}-{platform.machine().lower()}.zip"
    sizes = bundling.zip_folder(BUNDLE, archive)
    unpacked = bundling.folder_size(BUNDLE)
    print(f"\n== bundle {BUNDLE}\n"
          f"unpacked {unpacked / MB:.1f} MB (target ≤ 120), compressed {archive.stat().st_size / MB:.1f} MB "
          f"(target ≤ 50) as {archive.name}\nlargest parts (unpacked / compressed MB):")
    for raw, packed, name in bundling.largest(sizes):
        print(f"  {raw / MB:6.1f} {packed / MB:6.1f}  {name}")


def find_iscc() -> Path | None:
    on_path = shutil.which("iscc") or shutil.which("ISCC")
    if on_path:
        return Path(on_path)
    roots = [os.environ.get(v) for v in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA")]
    for root in filter(None, roots):
        for folder in ("Inno Setup 6", "Programs/Inno Setup 6"):
            candidate = Path(root) / folder / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def build_installer(version: str, step) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit("build.py: Inno Setup 6 (ISCC.exe) not found; install it, or pass --no-installer")
    defines = {
        "MyAppVersion": version,
        "MyAppNumericVersion": bundling.numeric_version(version),
        "SourceDir": str(BUNDLE),
        "OutputDir": str(DIST),
        "IconFile": str(WORK / "gxdesk" / "gxdesk.ico"),
    }
    step("Inno Setup", [str(iscc), "/Q", *(f"/D{k}={v}" for k, v in defines.items()),
                        str(ROOT / "installer" / "gxdesk.iss")])
    return DIST / f"gxdesk-{version}-setup.exe"


if __name__ == "__main__":
    sys.exit(main())
