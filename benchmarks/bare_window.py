"""The yardstick for start-up: a bare PySide6 window with the same tabs and empty table views.

    python benchmarks/bare_window.py TAB_NAME... [--tables=2,3,4]

Quits after its first paint, as gxdesk does under GXDESK_EXIT_ON_FIRST_PAINT.
Imports nothing but PySide6.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTabWidget, QWidget


class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--tables=")]
    tables = {int(i) for a in sys.argv[1:] if a.startswith("--tables=") for i in a[9:].split(",")}
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for i, name in enumerate(args):
        tabs.addTab(QTableView() if i in tables else QWidget(), name)
    window.setCentralWidget(tabs)
    window.resize(1280, 820)
    app.installEventFilter(QuitOnFirstPaint(app))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
