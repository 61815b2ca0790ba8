"""The window on a 1366×768 laptop and at 150 %: opened to the screen, remembered, every tab label in
sight, 三's figures visible, the 检查 panel out of the way when empty (issue 12, point 5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTabBar

from gxdesk.gui.window import WINDOW_SIZE
from gxdesk.settings import Settings
from tests.gui.conftest import type_into

WRONG = ("requests", "granted", "natural_person")


def labels_in_sight(tabs) -> bool:
    bar: QTabBar = tabs.tabBar()
    return not bar.usesScrollButtons() and all(bar.tabRect(i).right() < bar.width() for i in range(bar.count()))


class Screen:
    def __init__(self, width: int, height: int) -> None:
        self.rect = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self.rect


def test_a_small_screen_gets_the_window_maximised(qtbot, window, monkeypatch):
    monkeypatch.setattr(window, "screen", lambda: Screen(1366, 728))
    window.showNormal()
    window.place()
    assert window.isMaximized()


def test_a_large_screen_gets_a_good_size_centred(qtbot, window, monkeypatch):
    monkeypatch.setattr(window, "screen", lambda: Screen(2560, 1400))
    window.showNormal()
    window.place()
    assert not window.isMaximized() and window.size() == WINDOW_SIZE
    assert abs(window.geometry().center().x() - 1280) <= 2


def test_the_size_and_the_panel_are_remembered(qtbot, make_window, home):
    window = make_window()  # (the tests' screen is 800×600)
    window.showNormal()
    window.files.new_file()  # findings: the panel shows
    window.resize(700, 560)  # (as narrow as the tabs allow: every label stays in sight)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.findings_panel)  # moved by the clerk
    window.resizeDocks([window.findings_panel], [190], Qt.Orientation.Vertical)
    qtbot.wait(10)
    height, size = window.findings_panel.height(), window.size().toTuple()
    assert size != again_size_default()
    window.close()
    saved = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    assert saved["window_geometry"] and saved["window_state"]
    again = make_window()
    again.place()
    again.files.new_file()
    qtbot.wait(10)
    # (the tests' screen is 800 px wide, about the window's narrowest: a restore keeps it on the screen)
    assert again.height() == size[1] and abs(again.width() - size[0]) <= 25, (again.size(), size)
    assert again.dockWidgetArea(again.findings_panel) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert abs(again.findings_panel.height() - height) <= 2


def again_size_default() -> tuple[int, int]:
    return (1280, 820)  # what make_window resizes every window to


def test_a_damaged_setting_only_costs_the_remembered_size(qtbot, make_window, home):
    Settings(window_geometry="not base64!", window_state="%%").save(home / "settings.json")
    window = make_window()
    window.place()
    assert window.isVisible()


@pytest.mark.parametrize("width", [1366, 911])  # 911: 1366 px at 150 %, in the window's own pixels
def test_every_tab_label_is_in_sight(qtbot, window, width):
    window.resize(width, 700)
    qtbot.wait(10)
    assert labels_in_sight(window.tabs)
    type_into(qtbot, window.view("requests"), WRONG, "35")  # now with the 检查 panel open
    qtbot.wait(10)
    assert window.findings_panel.isVisible() and labels_in_sight(window.tabs)


def test_the_findings_panel_collapses_when_there_is_nothing_to_show(qtbot, window):
    panel = window.findings_panel
    assert not panel.isVisible()  # the sample balances: the tables have the room
    type_into(qtbot, window.view("requests"), WRONG, "35")
    assert panel.isVisible()
    window.document.undo_stack.undo()
    assert not panel.isVisible()
    type_into(qtbot, window.view("requests"), WRONG, "35")
    panel.close()  # the clerk's choice is kept
    window.document.undo_stack.undo()
    type_into(qtbot, window.view("requests"), WRONG, "35")
    assert not panel.isVisible()
    window.checks_menu.actions()[2].trigger()  # 转到检查面板 (F6)
    assert panel.isVisible()


SCALED = """
import json, sys
from PySide6.QtWidgets import QApplication
from gxdesk.gui.app import configure
from gxdesk.gui.window import MainWindow
from pathlib import Path
app = QApplication([])
configure(app)
window = MainWindow(home=Path(sys.argv[1]))
window.start(None)
window.files.open_sample()
window.place()
window.tabs.setCurrentIndex(window.tab_of_section["三"])
for _ in range(5):
    app.processEvents()
view = window.view("requests")
header = view.horizontalHeader()
grid = view.report_model.grid
bar = window.tabs.tabBar()
print(json.dumps({
    "ratio": window.devicePixelRatio(), "maximised": window.isMaximized(), "window": window.width(),
    "tabs": [bar.tabRect(i).right() < bar.width() for i in range(bar.count())],
    "figures": [header.sectionSize(c) for c in range(grid.label_columns, grid.columns)],
    "figure_width": view.fontMetrics().horizontalAdvance("99,999"),
    "table": header.length(), "viewport": view.viewport().width(),
}))
window.document.undo_stack.setClean()
"""


@pytest.mark.subprocess
def test_at_150_percent_on_a_laptop_screen_the_figures_of_three_are_in_sight(tmp_path):
    """A real QT_SCALE_FACTOR=1.5 on a 1366×768 screen (offscreen, configured as that screen)."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "GXDESK_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", SCALED, str(tmp_path / "home")], env=env, capture_output=True,
                            text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.splitlines()[-1])
    assert shown["ratio"] == 1.5 and shown["maximised"] and shown["window"] <= 911
    assert all(shown["tabs"])
    assert min(shown["figures"]) >= shown["figure_width"]  # every figure column wide enough for 99,999
    assert shown["table"] <= shown["viewport"]  # no column scrolled out of sight
