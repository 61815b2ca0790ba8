"""The setup program as a clerk meets it: install silently for the current user, use, uninstall.

    python installer/setup_check.py dist/gxdesk-VERSION-setup.exe LOG_DIR

1. installs with /VERYSILENT (no administrator rights asked; Inno Setup's log into LOG_DIR);
2. runs the installed gxdesk.exe: --version, check and render of the bundled sample; checks the
   installed folder as build.py checks the bundle, and runs installer/smoke.py against it;
3. checks the .gxr association under HKCU\\Software\\Classes and the Start-menu shortcut;
4. leaves user data behind as the program does (a settings file in %LOCALAPPDATA%\\gxdesk);
5. uninstalls silently, then checks that nothing of the install is left (program folder,
   shortcut, every registry key the setup wrote, the uninstall entry) and that the user data is.

Runs with a Windows Python (on Windows or under Wine, which needs an X display for the
setup's windows even when silent). Ends with ``setup: N passed, N failed``; exit 1 on a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundling

TIMEOUT = 180
ISS = (Path(__file__).resolve().parent / "gxdesk.iss").read_text(encoding="utf-8-sig")
APP_ID = re.search(r"(?m)^AppId=\{(\{[0-9A-F-]+\})$", ISS).group(1)  # type: ignore[union-attr]
PROG_ID = "gxdesk.report"
SHORTCUT = "gxdesk 年度报告.lnk"
CLASSES = r"Software\Classes"
# Every key the [Registry] section writes; after uninstalling none may remain, not even empty.
WRITTEN_KEYS = [rf"{CLASSES}\.gxr", rf"{CLASSES}\{PROG_ID}", rf"{CLASSES}\Applications\gxdeskw.exe"]
UNINSTALL_KEY = rf"Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"


class Failure(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def local_appdata() -> Path:
    return Path(os.environ["LOCALAPPDATA"])


def program_dir() -> Path:
    return local_appdata() / "Programs" / "gxdesk"


def start_menu() -> Path:
    return Path(os.environ["APPDATA"]) / "Microsoft" / "Windows" / "Start Menu" / "Programs"


def user_data() -> Path:
    return local_appdata() / "gxdesk"


def registry_value(key: str, name: str = "") -> str | None:
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
            return str(winreg.QueryValueEx(handle, name)[0])
    except FileNotFoundError:
        return None


def key_exists(key: str) -> bool:
    import winreg

    try:
        winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CURRENT_USER, key))
    except FileNotFoundError:
        return False
    return True


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=TIMEOUT, **kwargs)


class Checks:
    def __init__(self, setup: Path, logs: Path) -> None:
        self.setup, self.logs = setup, logs
        self.work = Path(tempfile.mkdtemp(prefix="gxdesk-setup-check-"))

    def install(self) -> str:
        expect(not program_dir().exists(), f"{program_dir()} exists before installing")
        log = self.logs / "install.log"
        result = run([str(self.setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", f"/LOG={log}"])
        text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        expect(result.returncode == 0 and "Installation process succeeded." in text,
               f"setup exited {result.returncode}; the end of {log}:\n" + "\n".join(text.splitlines()[-8:]))
        expect("Administrative install mode: No" in text, "the setup did not install for the current user only")
        for name in ("gxdesk.exe", "gxdeskw.exe", "unins000.exe", "_internal/templates/report.xml.j2"):
            expect((program_dir() / name).is_file(), f"{name} is not in {program_dir()}")
        return f"installed into {program_dir()} ({bundling.folder_size(program_dir()) / 1e6:.1f} MB)"

    def installed_program(self) -> str:
        exe = str(program_dir() / "gxdesk.exe")
        version = run([exe, "--version"])
        expected = f"gxdesk {bundling.project_version()}"
        expect(version.returncode == 0 and version.stdout.strip() == expected,
               f"--version printed {version.stdout!r} {version.stderr!r}")
        sample = program_dir() / "_internal" / "gxdesk" / "data" / "sample.gxr"
        check = run([exe, "check", str(sample)])
        expect(check.returncode == 0 and "全部平衡" in check.stdout, f"check: {check.returncode} {check.stdout!r}")
        pdf = self.work / "示例报告.pdf"
        render = run([exe, "render", str(sample), "-o", str(pdf)])
        expect(render.returncode == 0 and pdf.read_bytes()[:5] == b"%PDF-",
               f"render: {render.returncode} {render.stderr!r}")
        summary = check.stdout.strip().splitlines()[-1]
        return f"{expected}; check: {summary}; render: {pdf.stat().st_size // 1000} kB PDF"

    def installed_bundle(self) -> str:
        problems = bundling.bundle_problems(program_dir(), "windows", bundling.pyz_modules)
        expect(not problems, "the installed folder is incomplete: " + "; ".join(problems[:10]))
        return "the programs, qwindows.dll, templates/, ui/, the sample and every gxdesk module are installed"

    def installed_smoke(self) -> str:
        import smoke

        expect(smoke.main([str(program_dir())]) == 0, "the smoke test of the installed copy failed (above)")
        return f"installer/smoke.py against {program_dir()}"

    def association(self) -> str:
        expect(registry_value(rf"{CLASSES}\.gxr") == PROG_ID, f".gxr is not associated with {PROG_ID}")
        command = registry_value(rf"{CLASSES}\{PROG_ID}\shell\open\command")
        expected = f'"{program_dir() / "gxdeskw.exe"}" "%1"'
        expect(command is not None and command.lower() == expected.lower(),
               f"open command {command!r}, expected {expected!r}")
        expect(registry_value(UNINSTALL_KEY, "DisplayName") is not None, "no entry in the installed programs")
        return f"HKCU .gxr → {PROG_ID} → {command}"

    def shortcut(self) -> str:
        link = start_menu() / SHORTCUT
        expect(link.is_file(), f"no Start-menu shortcut {link}")
        data = link.read_bytes()
        expect("gxdeskw.exe".encode("utf-16-le") in data or b"gxdeskw.exe" in data,
               f"{link} does not point to gxdeskw.exe")
        desktop = Path(os.environ["USERPROFILE"]) / "Desktop" / SHORTCUT
        expect(not desktop.exists(), "a desktop shortcut was made though that task is unticked by default")
        return f"{link}"

    def user_data_written(self) -> str:
        # What the program itself writes (settings, drafts) lives in %LOCALAPPDATA%\gxdesk.
        env = {k: v for k, v in os.environ.items() if k not in ("GXDESK_HOME", "QT_QPA_PLATFORM")}
        env.update({"QT_QPA_PLATFORM": "offscreen", "GXDESK_EXIT_ON_FIRST_PAINT": "1"})
        report = self.work / "我的报告.gxr"
        report.write_bytes((program_dir() / "_internal" / "gxdesk" / "data" / "sample.gxr").read_bytes())
        result = run([str(program_dir() / "gxdesk.exe"), str(report)], env=env)
        expect(result.returncode == 0, f"the installed window failed: {result.stdout!r} {result.stderr!r}")
        files = sorted(p for p in user_data().rglob("*") if p.is_file())
        remembered = [p for p in files if p.suffix == ".json" and report.name in p.read_text(encoding="utf-8")]
        expect(bool(remembered), f"the program did not remember {report.name} in {user_data()}")
        return f"{len(files)} files in {user_data()}"

    def uninstall(self) -> str:
        result = run([str(program_dir() / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"])
        expect(result.returncode == 0, f"the uninstaller exited {result.returncode}")
        # It copies itself to the temp folder and works from there: wait for the folder to go.
        deadline = time.monotonic() + TIMEOUT
        while program_dir().exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(1)
        left = [str(program_dir())] if program_dir().exists() else []
        left += [str(start_menu() / SHORTCUT)] if (start_menu() / SHORTCUT).exists() else []
        left += [f"HKCU\\{key}" for key in [*WRITTEN_KEYS, UNINSTALL_KEY] if key_exists(key)]
        expect(not left, "left behind: " + ", ".join(left))
        return "program folder, shortcut, association keys and uninstall entry are gone"

    def user_data_kept(self) -> str:
        expect(any(user_data().rglob("*.json")), f"the uninstaller removed the user data in {user_data()}")
        return f"{user_data()} is still there"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or sys.platform != "win32":
        print(__doc__, file=sys.stderr)
        return 2
    setup, logs = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    logs.mkdir(parents=True, exist_ok=True)
    checks = Checks(setup, logs)
    steps: list[tuple[str, Callable[[], str]]] = [
        ("silent per-user install", checks.install),
        ("the installed gxdesk.exe: --version, check, render", checks.installed_program),
        ("the installed folder passes the bundle check", checks.installed_bundle),
        ("the smoke test of the installed copy", checks.installed_smoke),
        ("the .gxr association under HKCU", checks.association),
        ("the Start-menu shortcut", checks.shortcut),
        ("the installed window remembers a file in the user's folder", checks.user_data_written),
        ("silent uninstall leaves nothing of the install", checks.uninstall),
        ("the user's data stays", checks.user_data_kept),
    ]
    passed = failed = 0
    for title, check in steps:
        start = time.perf_counter()
        try:
            detail = check()
        except (Failure, subprocess.TimeoutExpired, OSError) as error:
            failed += 1
            print(f"FAIL  {title}\n      {error}", flush=True)
            if title.startswith("silent per-user install"):
                break  # nothing else can be checked
        else:
            passed += 1
            print(f"ok    {title}  ({time.perf_counter() - start:.1f} s)\n      {detail}", flush=True)
    print(f"setup: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
