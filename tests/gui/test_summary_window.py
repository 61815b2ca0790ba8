"""The 汇总 workspace, driven as the office uses it: add a folder, see the statuses, fix a unit and
see the sum follow, export the workbook, 生成本级报告, save and reopen the 汇总."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from gxdesk import gxr
from gxdesk.summary import gather
from gxdesk.summary.analyse import Status
from gxdesk.summary.sources import read_source
from tests.gui.conftest import type_text
from tests.summary_units import COUNTY, unit_name, write_units


@pytest.fixture
def office(tmp_path):
    """Eight units; unit 3 does not balance; the roster also expects 青禾县水利局."""
    reports = write_units(tmp_path / "收到的报告", 8)
    reports[2].cells[("requests", "new", "business")] += 3
    gxr.save(reports[2], tmp_path / "收到的报告" / f"{unit_name(3)}.gxr")
    (tmp_path / "名单.txt").write_text("\n".join([*(unit_name(n) for n in range(1, 9)), "青禾县水利局"]),
                                       encoding="utf-8")
    return tmp_path, reports


def open_workspace(window, qtbot):
    action = next(a for a in window.file_menu.actions() if a.text().startswith("汇总各单位报告"))
    action.trigger()
    workspace = window.summary.window
    assert workspace is not None and workspace.isVisible()
    qtbot.addWidget(workspace)
    return workspace


def wait_read(qtbot, workspace):
    qtbot.waitUntil(lambda: not workspace.reading and workspace.summary is not None, timeout=10_000)


def statuses(workspace) -> dict[str, str]:
    model = workspace.model
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def add_office(qtbot, window, answers, office):
    folder, _ = office
    workspace = open_workspace(window, qtbot)
    type_text(qtbot, workspace.organ_edit, COUNTY)
    qtbot.keyClick(workspace.organ_edit, Qt.Key.Key_Return)
    answers.open_paths.append(folder / "名单.txt")
    workspace.actions_by_name["roster"].trigger()
    answers.folders.append(folder / "收到的报告")
    workspace.actions_by_name["add_folder"].trigger()
    wait_read(qtbot, workspace)
    return workspace


def test_a_folder_shows_every_units_status_in_colour(qtbot, window, answers, office):
    workspace = add_office(qtbot, window, answers, office)
    shown = statuses(workspace)
    assert shown[unit_name(3)] == "有错误" and shown["青禾县水利局"] == "未报"
    assert [s for n, s in shown.items() if n not in (unit_name(3), "青禾县水利局")] == ["已报"] * 7
    row = list(shown).index(unit_name(3))
    assert workspace.model.index(row, 1).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f9d6d5"
    assert workspace.counts_label.text() == "共 9 个单位：已报 7，有错误 1，未报 1；计入合计 8 个"
    assert any(workspace.issues_list.item(i).text() == "未报：青禾县水利局" for i in range(workspace.issues_list.count()))
    # A click on the unit shows its findings, with the exact message.
    qtbot.mouseClick(workspace.units_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=workspace.units_view.visualRect(workspace.model.index(row, 0)).center())
    assert workspace.findings_list.item(0).text().startswith("错误　三、申请情况「商业企业」列不平衡：")
    assert workspace.findings_list.item(0).text().endswith("相差 3")


def test_the_unit_list_is_a_sound_model(qtbot, qtmodeltester, window, answers, office):
    workspace = add_office(qtbot, window, answers, office)
    qtmodeltester.check(workspace.model)


def test_fixing_a_units_file_updates_the_sum(qtbot, window, answers, office):
    folder, reports = office
    workspace = add_office(qtbot, window, answers, office)
    key = ("requests", "new", "business")
    assert workspace.summary.merged.cells[key] == sum(r.cells[key] for r in reports)
    reports[2].cells[key] -= 3  # the unit sends its corrected report: the file is replaced
    gxr.save(reports[2], folder / "收到的报告" / f"{unit_name(3)}.gxr")
    # Read again because the file changed on disk, without anyone asking.
    qtbot.waitUntil(lambda: not workspace.reading and statuses(workspace)[unit_name(3)] == "已报", timeout=10_000)
    assert workspace.summary.merged.cells[key] == sum(r.cells[key] for r in reports)
    assert f"{sum(r.value('requests', 'new', 'total') for r in reports):,}" in workspace.totals_label.text()


def test_a_new_report_in_the_folder_is_picked_up_with_F5(qtbot, window, answers, office):
    folder, _ = office
    workspace = add_office(qtbot, window, answers, office)
    late = write_units(folder / "补报", 1, seed=99, start=9)[0]
    late.organ = "青禾县水利局"
    gxr.save(late, folder / "收到的报告" / "水利局.gxr")
    workspace.actions_by_name["refresh"].trigger()
    qtbot.waitUntil(lambda: not workspace.reading and statuses(workspace)["青禾县水利局"] == "已报", timeout=10_000)
    assert len(workspace.summary.counted) == 9


def test_export_the_workbook(qtbot, window, answers, office, tmp_path):
    from openpyxl import load_workbook

    workspace = add_office(qtbot, window, answers, office)
    answers.save_paths.append(tmp_path / "明细")  # the dialog returned the name without its suffix
    workspace.actions_by_name["export"].trigger()
    book = load_workbook(tmp_path / "明细.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert [r[1] for r in rows[1:-1]] == list(statuses(workspace))
    total_of_new = rows[0].index("三、申请情况「一、本年新收政府信息公开申请数量」「总计」")
    assert rows[-1][total_of_new] == workspace.summary.merged.value("requests", "new", "total")


def test_make_the_aggregated_report_in_the_editor(qtbot, window, answers, office):
    workspace = add_office(qtbot, window, answers, office)
    workspace.actions_by_name["report"].trigger()
    assert window.report.organ == COUNTY and window.report.year == 2025
    assert window.report.cells == workspace.summary.merged.cells
    assert window.document.name == f"{COUNTY}2025年度报告（汇总）" and window.document.modified
    assert window.document.path is None  # 另存为 is the office's


def test_open_a_units_report_in_the_editor(qtbot, window, answers, office):
    folder, _ = office
    workspace = add_office(qtbot, window, answers, office)
    workspace.select_unit(unit_name(5))
    qtbot.mouseClick(workspace.open_button, Qt.MouseButton.LeftButton)
    assert window.document.path == folder / "收到的报告" / f"{unit_name(5)}.gxr"
    assert window.report.organ == unit_name(5)


def test_choosing_one_of_two_files(qtbot, window, answers, office):
    folder, reports = office
    workspace = add_office(qtbot, window, answers, office)
    reports[0].cells[("appeals", "review", "upheld")] += 1
    gxr.save(reports[0], folder / "收到的报告" / "第1单位（更正）.gxr")
    workspace.actions_by_name["refresh"].trigger()
    qtbot.waitUntil(lambda: not workspace.reading and statuses(workspace)[unit_name(1)] == "有错误", timeout=10_000)
    unit = workspace.select_unit(unit_name(1))
    assert not unit.counted and workspace.use_button.isEnabled()
    corrected = next(i for i in range(workspace.unit_files.count())
                     if workspace.unit_files.item(i).text().endswith("第1单位（更正）.gxr"))
    workspace.unit_files.setCurrentRow(corrected)
    qtbot.mouseClick(workspace.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not workspace.reading and statuses(workspace)[unit_name(1)] == "有提醒", timeout=10_000)
    assert workspace.summary.merged.cells[("appeals", "review", "upheld")] == sum(
        r.cells[("appeals", "review", "upheld")] for r in reports)


def test_save_and_go_on_tomorrow(qtbot, window, answers, office, make_window):
    folder, _ = office
    workspace = add_office(qtbot, window, answers, office)
    assert workspace.isWindowModified()
    answers.save_paths.append(folder / "2025年汇总.gxs")
    workspace.actions_by_name["save"].trigger()
    assert (folder / "2025年汇总.gxs").exists() and not workspace.isWindowModified()
    before = statuses(workspace)

    tomorrow = make_window()
    answers.open_paths.append(folder / "2025年汇总.gxs")
    again = open_workspace(tomorrow, qtbot)
    again.actions_by_name["open"].trigger()
    wait_read(qtbot, again)
    assert statuses(again) == before and again.organ_edit.text() == COUNTY


def test_closing_with_an_unsaved_summary_asks(qtbot, window, answers, office):
    workspace = add_office(qtbot, window, answers, office)
    answers.unsaved = "cancel"
    assert not workspace.close() and "unsaved" in answers.asked
    answers.unsaved = "discard"
    assert workspace.close()


def test_folders_dropped_on_the_workspace_are_added(qtbot, window, answers, office):
    folder, _ = office
    workspace = open_workspace(window, qtbot)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder / "收到的报告"))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    workspace.dropEvent(event)
    wait_read(qtbot, workspace)
    assert len(workspace.summary.units) == 8


def test_the_window_takes_input_while_a_long_reading_runs(qtbot, window, answers, tmp_path, monkeypatch):
    write_units(tmp_path / "many", 40)

    def slow(path: Path):
        time.sleep(0.03)  # a slow disk, or a large .docx: 40 files take over a second
        return read_source(path)

    monkeypatch.setattr(gather, "read_source", slow)
    workspace = open_workspace(window, qtbot)
    answers.folders.append(tmp_path / "many")
    workspace.actions_by_name["add_folder"].trigger()
    assert workspace.reading and workspace.progress.isVisible()
    qtbot.waitUntil(lambda: workspace.progress.value() > 0, timeout=5000)
    # Typing is taken and shown while the files are being read (the work is off the GUI thread).
    workspace.organ_edit.setFocus()
    type_text(qtbot, workspace.organ_edit, "青禾县")
    assert workspace.organ_edit.text() == "青禾县" and workspace.reading
    assert 0 < workspace.progress.value() < 40
    wait_read(qtbot, workspace)
    assert len(workspace.summary.units) == 40 and all(u.status is not Status.MISSING for u in workspace.summary.units)
    assert not workspace.progress.isVisible()


def test_closing_the_editor_asks_about_the_summary_and_stops_its_reading(qtbot, window, answers, tmp_path, monkeypatch):
    write_units(tmp_path / "many", 30)
    monkeypatch.setattr(gather, "read_source", lambda path: (time.sleep(0.05), read_source(path))[1])
    workspace = open_workspace(window, qtbot)
    answers.folders.append(tmp_path / "many")
    workspace.actions_by_name["add_folder"].trigger()
    assert workspace.reading
    answers.unsaved = "cancel"
    assert not window.close() and workspace.isVisible()
    answers.unsaved = "discard"
    assert window.close()
    assert not workspace.reading and not workspace.isVisible()
