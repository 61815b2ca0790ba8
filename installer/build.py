"""Build the frozen gxdesk and, on Windows, its setup program.

    python installer/build.py [--skip-tests] [--smoke] [--no-installer]

1. the test suite (pytest), unless --skip-tests;
2. PyInstaller with installer/gxdesk.spec → dist/gxdesk/ (work files in build/);
3. the bundle's size, unpacked and as a deflate-9 zip (build/gxdesk-VERSION-PLATFORM.zip),
   and its largest parts;
4. on Windows, Inno Setup's compiler (ISCC.exe, found on PATH or in its usual
   folders) with installer/gxdesk.iss → dist/gxdesk-VERSION-setup.exe, unless
   --no-installer. The Chinese wizard needs ChineseSimplified.isl, either in
   Inno Setup's Languages folder or in build/ (the workflow downloads it there);
5. with --smoke, the smoke test of the frozen programs (installer/smoke.py).

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
DIST, WORK = ROOT / "dist", ROOT / "build"
BUNDLE = DIST / bundling.APP
MB = 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-tests", action="store_true", help="do not run the test suite first")
    parser.add_argument("--smoke", action="store_true", help="smoke-test the frozen programs after the build")
    parser.add_argument("--no-installer", action="store_true", help="on Windows, stop before Inno Setup")
    args = parser.parse_args(argv)
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
    step("PyInstaller", [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                         "--distpath", str(DIST), "--workpath", str(WORK), str(ROOT / "installer" / "gxdesk.spec")])
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
    messages = WORK / "ChineseSimplified.isl"
    if messages.is_file():
        defines["ChineseMessages"] = str(messages)
    elif not (iscc.parent / "Languages" / "ChineseSimplified.isl").is_file():
        raise SystemExit(f"build.py: ChineseSimplified.isl is in neither {iscc.parent / 'Languages'} nor {WORK}; "
                         "it is in Inno Setup's source, Files/Languages/Unofficial (see the README)")
    step("Inno Setup", [str(iscc), "/Q", *(f"/D{k}={v}" for k, v in defines.items()),
                        str(ROOT / "installer" / "gxdesk.iss")])
    return DIST / f"gxdesk-{version}-setup.exe"


if __name__ == "__main__":
    sys.exit(main())
