"""Real windows on a real (or Wine's) Windows desktop: the program's main window and the setup wizard.

    python installer/window_check.py app GXDESKW.EXE REPORT.gxr SCREENSHOT.png
    python installer/window_check.py wizard SETUP.EXE SCREENSHOT.png

``app`` starts the windowed program the way Explorer does for a .gxr file, with Qt's Windows
platform plugin (no QT_QPA_PLATFORM: qwindows.dll must be in the bundle, or no window opens),
waits for its top-level window, checks the title (the report's name, the program's name
once), saves a screenshot and checks that it shows something, then closes the window as a
user would and expects exit code 0. ``wizard`` starts the setup program, finds its wizard and
checks that it speaks Chinese (title and buttons), saves a screenshot and ends it.

Runs with the Windows Python the bundle was built with (Pillow takes the screenshot).
Prints ``ok``/``FAIL`` lines; exits 1 when a check fails. Windows only.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import tempfile
import time
from ctypes import wintypes
from pathlib import Path

TIMEOUT = 90
WM_CLOSE = 0x0010
PROCESS_TERMINATE = 0x0001
if sys.platform == "win32":
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    ENUM_PROC = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)


class Failure(Exception):
    pass


def window_text(hwnd: int) -> str:
    buffer = ctypes.create_unicode_buffer(user32.GetWindowTextLengthW(hwnd) + 1)
    user32.GetWindowTextW(hwnd, buffer, len(buffer))
    return buffer.value


def window_pid(hwnd: int) -> int:
    pid = wintypes.DWORD()
    user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
    return pid.value


def top_windows() -> list[int]:
    found: list[int] = []
    user32.EnumWindows(ENUM_PROC(lambda hwnd, _: found.append(hwnd) or True), 0)
    return [h for h in found if user32.IsWindowVisible(h)]


def child_texts(hwnd: int) -> list[str]:
    found: list[int] = []
    user32.EnumChildWindows(hwnd, ENUM_PROC(lambda child, _: found.append(child) or True), 0)
    return [text for text in map(window_text, found) if text]


def wait_for_window(match, process: subprocess.Popen | None, timeout: float = TIMEOUT) -> int:
    """The first visible top-level window ``match(hwnd, title)`` accepts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for hwnd in top_windows():
            if match(hwnd, window_text(hwnd)):
                return hwnd
        if process is not None and process.poll() is not None:
            raise Failure(f"the program ended with exit code {process.returncode} before a window opened")
        time.sleep(0.2)
    raise Failure(f"no window within {timeout:.0f} s")


def screenshot(hwnd: int, out: Path) -> tuple[int, int, int]:
    """The window's part of the screen as PNG: (width, height, number of colours)."""
    from PIL import ImageGrab

    rect = wintypes.RECT()
    user32.GetWindowRect(hwnd, ctypes.byref(rect))
    image = ImageGrab.grab(bbox=(rect.left, rect.top, rect.right, rect.bottom), all_screens=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return image.width, image.height, len(colours) if colours else 1 << 20


def terminate(pid: int) -> None:
    handle = kernel32.OpenProcess(PROCESS_TERMINATE, False, pid)
    if handle:
        kernel32.TerminateProcess(handle, 1)
        kernel32.CloseHandle(handle)


def check_app(exe: Path, report: Path, out: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["GXDESK_HOME"] = tempfile.mkdtemp(prefix="gxdesk-window-")
    started = time.perf_counter()
    process = subprocess.Popen([str(exe), str(report)], env=env)
    try:
        hwnd = wait_for_window(lambda h, title: window_pid(h) == process.pid and report.stem in title, process)
        shown = time.perf_counter() - started
        time.sleep(2)  # the first paint, then the findings that follow it
        title = window_text(hwnd)
        width, height, colours = screenshot(hwnd, out)
        results = [f"window shown after {shown:.1f} s: {title!r}, {width}x{height}, {colours} colours, {out}"]
        if title.lower().count("gxdesk") != 1:
            raise Failure(f"the title should name the program once: {title!r}")
        if width < 600 or height < 400 or colours < 50:
            raise Failure(f"the screenshot shows no painted window ({width}x{height}, {colours} colours)")
        user32.PostMessageW(hwnd, WM_CLOSE, 0, 0)
        code = process.wait(timeout=TIMEOUT)
        if code != 0:
            raise Failure(f"closed with exit code {code}")
        results.append("closed by WM_CLOSE with exit code 0")
        return results
    finally:
        if process.poll() is None:
            process.kill()


def check_wizard(setup: Path, out: Path) -> list[str]:
    # The setup program unpacks its wizard into a second process: find the window by its title.
    process = subprocess.Popen([str(setup)])
    hwnd = 0
    try:
        hwnd = wait_for_window(lambda h, title: title.startswith("安装 - "), None)
        time.sleep(1.5)
        texts = child_texts(hwnd)
        width, height, colours = screenshot(hwnd, out)
        results = [f"wizard {window_text(hwnd)!r}, {width}x{height}, {colours} colours, {out}",
                   "texts: " + " | ".join(t.replace("\n", " ")[:40] for t in texts[:12])]
        if not any(t.startswith("下一步") for t in texts) or "取消" not in texts:
            raise Failure(f"the wizard's buttons are not in Chinese: {texts}")
        return results
    finally:
        if hwnd:
            terminate(window_pid(hwnd))
        process.kill()
        process.wait(timeout=TIMEOUT)


def main(argv: list[str]) -> int:
    if sys.platform != "win32":
        print("window_check: Windows only (or Wine)", file=sys.stderr)
        return 2
    try:
        if argv[:1] == ["app"] and len(argv) == 4:
            name, lines = "the window opens with Qt's Windows platform", check_app(*map(Path, argv[1:]))
        elif argv[:1] == ["wizard"] and len(argv) == 3:
            name, lines = "the setup wizard speaks Chinese", check_wizard(*map(Path, argv[1:]))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (Failure, subprocess.TimeoutExpired, OSError) as error:
        print(f"FAIL  {argv[0]}: {error}", flush=True)
        return 1
    print(f"ok    {name}\n      " + "\n      ".join(lines), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
