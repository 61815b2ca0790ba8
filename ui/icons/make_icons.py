"""Render gxdesk.svg to the PNG sizes the window loads (run after editing the SVG).

    QT_QPA_PLATFORM=offscreen python ui/icons/make_icons.py
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 32, 48, 256)

app = QGuiApplication(sys.argv[:1])
renderer = QSvgRenderer(str(HERE / "gxdesk.svg"))
for size in SIZES:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.save(str(HERE / f"gxdesk-{size}.png"))
    print(HERE / f"gxdesk-{size}.png")
