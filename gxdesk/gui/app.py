"""``gxdesk [FILE]``: start the window.

Shows the file given, or the draft of a session that crashed (after asking),
or the report worked on last, or else the start page. Imports only what the first
paint needs; export and import modules load when their menu item is used.
"""

from __future__ import annotations

import gc
import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from gxdesk.resources import asset_dir

if TYPE_CHECKING:
    from gxdesk.gui.window import MainWindow

# Benchmarks set this to measure start-up: the program quits after its first paint.
EXIT_ON_PAINT_ENV = "GXDESK_EXIT_ON_FIRST_PAINT"
# ... and then prints this, the window's title and its status line (the frozen app's smoke test reads it).
FIRST_PAINT_MARKER = "gxdesk first paint:"
# With that, the smoke test also prints the report through the 打印 path into this PDF file.
PRINT_TO_ENV = "GXDESK_PRINT_TO"
# Chinese UI fonts in order of preference; Qt falls back through the rest of the system's fonts.
UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]


def configure(app: QApplication) -> None:
    _load_qt_translation(app)
    app.setApplicationName("gxdesk")
    app.setApplicationDisplayName("gxdesk")
    font = QFont(app.font())
    font.setFamilies(UI_FONTS)
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    ui = asset_dir("ui")
    icon = QIcon()
    for size in (16, 32, 48, 256):
        icon.addFile(str(ui / "icons" / f"gxdesk-{size}.png"))
    app.setWindowIcon(icon)
    try:
        app.setStyleSheet((ui / "gxdesk.qss").read_text(encoding="utf-8"))
    except OSError:
        pass  # a missing stylesheet only costs looks
    if sys.platform == "win32":
        import ctypes

        # Our own taskbar group and icon rather than python.exe's.
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("gxdesk.gxdesk")


def _load_qt_translation(app: QApplication) -> None:
    """Qt's own words (是/否/取消 on standard buttons, the print dialog) in Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)


class _OnFirstPaint(QObject):
    """Calls ``then`` once, right after the first paint of any widget."""

    def __init__(self, app: QCoreApplication, then: Callable[[], object]) -> None:
        super().__init__(app)
        self.then = then
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        app = QCoreApplication.instance()
        if event.type() == QEvent.Type.Paint and app is not None:
            app.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def _print_first_paint(window: MainWindow) -> None:
    printed = ""
    if os.environ.get(PRINT_TO_ENV):
        from gxdesk.gui.outputs.printing import print_to_file

        printed = f" | printed {print_to_file(window.report, os.environ[PRINT_TO_ENV])} pages"
    if sys.stdout is not None:  # gxdeskw on Windows has none
        print(f"{FIRST_PAINT_MARKER} {window.windowTitle()} | {window.status_summary.text()}{printed}", flush=True)


def _install_error_handler(window: MainWindow) -> None:
    """An unexpected error in the window: keep a draft, log the details, tell the clerk in
    one line of Chinese (``gxdeskw`` has no console where a traceback could go)."""

    def handle(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        import traceback

        details = "".join(traceback.format_exception(kind, error, trace))
        log = window.data_dir / "error.log"
        # Each step on its own: the draft matters most, and nothing here may fail the handler itself.
        try:
            window.files.drafts.write_now()  # never raises; says so itself when autosave is off
        except Exception:
            pass
        kept = "已自动保存草稿" if not window.files.drafts.failure else "草稿没能保存（自动保存已停止）"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8", errors="backslashreplace") as stream:
                stream.write(details + "\n")
        except OSError:
            log_line = "错误详情没能写入日志"
        else:
            log_line = f"错误详情记录在：{log}"
        try:
            if sys.__stderr__ is not None:
                sys.__stderr__.write(details)
        except (OSError, ValueError):
            pass
        window.prompts.warn("程序内部错误", f"程序出现了内部错误（{kind.__name__}），{kept}。\n"
                            f"请保存报告后重新启动；{log_line}")

    sys.excepthook = handle


def run(path: str | None) -> int:
    gc.disable()  # until the first paint (cli.open_window turned it off before Qt was imported)
    try:
        return _run(path)
    finally:
        gc.enable()


def _collecting_again(then: Callable[[], object]) -> Callable[[], None]:
    """After the first paint: what start-up made stays (frozen: never searched for cycles
    again, which also shortens every later pass), the collector is back, then ``then``."""

    def painted() -> None:
        gc.freeze()
        gc.enable()
        then()

    return painted


def _run(path: str | None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    configure(app)
    from gxdesk.gui.window import MainWindow

    window = MainWindow(check_text_later=True)  # after the first paint (Document.check_text)
    _install_error_handler(window)
    window.start(path)
    if os.environ.get(EXIT_ON_PAINT_ENV):
        _OnFirstPaint(app, _collecting_again(QCoreApplication.quit))
        app.aboutToQuit.connect(lambda: _print_first_paint(window))
    else:
        _OnFirstPaint(app, _collecting_again(window.document.check_text))
    window.place()
    return app.exec()
