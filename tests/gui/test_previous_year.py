"""Last year's report kept in this one's file (point 7), and asked about before it replaces the
figures of 二、上年结转 (point 8)."""

from __future__ import annotations

import json
import shutil

from gxdesk import gxr
from gxdesk.sample import load_sample
from gxdesk.schema import REQUEST_COLUMN_IDS
from tests.gui.conftest import last_year

CARRIED = [("requests", "carried_over", c) for c in REQUEST_COLUMN_IDS]


def load_action(window):
    return next(a for a in window.file_menu.actions() if a.text().startswith("载入上年报告"))


def cross_rules(window) -> set[str]:
    return {f.rule for f in window.findings if f.rule.startswith("cross.")}


def test_the_cross_year_checks_survive_save_close_and_reopening_a_copy_elsewhere(qtbot, make_window, answers,
                                                                                  tmp_path):
    window = make_window()
    window.files.open_report(load_sample(), "本年")
    answers.open_paths.append(last_year(tmp_path))
    answers.carry_over = "keep"  # so that 上年结转 disagrees with last year's: a cross-year error to find again
    load_action(window).trigger()
    before = cross_rules(window)
    assert "cross.carry_over" in before and "cross.text_repeated" in before
    here = tmp_path / "here" / "2025.gxr"
    here.parent.mkdir()
    answers.save_paths.append(here)
    assert window.files.save()
    window.close()
    (tmp_path / "2024.gxr").unlink()  # last year's file is gone: nothing may depend on its path
    mailed = tmp_path / "另一台电脑" / "收到的报告.gxr"
    mailed.parent.mkdir()
    shutil.copy(here, mailed)

    again = make_window(str(mailed))
    assert cross_rules(again) == before
    assert "上年报告：2024 年度（保存在本报告中）" in again.status_summary.text()
    assert not again.isWindowModified()
    forget = next(a for a in again.file_menu.actions() if a.text() == "不再与上年报告核对")
    assert forget.isEnabled()
    forget.trigger()
    assert cross_rules(again) == set() and again.isWindowModified()  # the file changes: unsaved until saved
    assert again.files.save()
    assert json.loads(mailed.read_text(encoding="utf-8"))["version"] == 1  # back to what 0.1 opens
    assert gxr.load(mailed).previous is None


def test_the_draft_keeps_last_years_report_too(qtbot, make_window, answers, tmp_path, home):
    window = make_window(autosave_ms=20)
    window.files.new_file()
    answers.open_paths.append(last_year(tmp_path))
    load_action(window).trigger()
    from gxdesk.autosave import read_draft
    from gxdesk.userdirs import autosave_dir

    qtbot.waitUntil(lambda: any(autosave_dir(home).glob("*.draft")), timeout=3000)
    (draft,) = autosave_dir(home).glob("*.draft")
    assert read_draft(draft).load().previous.year == 2024


def test_loading_last_years_report_asks_before_replacing_figures_and_lists_them(qtbot, window, answers, tmp_path):
    typed = [window.report.cells[k] for k in CARRIED]
    assert typed[:2] == [3, 1]  # the sample's own
    path = last_year(tmp_path)

    answers.carry_over = "cancel"
    answers.open_paths.append(path)
    load_action(window).trigger()
    text, changes = answers.carry_over_asked[-1]
    assert "2024.gxr" in text and "二、上年结转" in text and "6 格" in text
    assert changes[0] == "三、申请情况「二、上年结转政府信息公开申请数量」「自然人」：3 → 1"
    assert len(changes) == 6
    assert window.document.previous is None and [window.report.cells[k] for k in CARRIED] == typed

    answers.carry_over = "keep"
    answers.open_paths.append(path)
    load_action(window).trigger()
    assert window.document.previous is not None and [window.report.cells[k] for k in CARRIED] == typed
    assert "cross.carry_over" in cross_rules(window) and "保留了现有数字" in answers.informed[-1]

    answers.carry_over = "replace"
    answers.open_paths.append(path)
    load_action(window).trigger()
    assert [window.report.cells[k] for k in CARRIED] == [1, 2, 3, 4, 5, 6]
    window.document.undo_stack.undo()  # one step
    assert [window.report.cells[k] for k in CARRIED] == typed


def test_an_empty_carry_over_is_filled_without_asking(qtbot, window, answers, tmp_path):
    window.files.new_file()
    answers.open_paths.append(last_year(tmp_path))
    load_action(window).trigger()
    assert "carry_over" not in answers.asked
    assert [window.report.cells[k] for k in CARRIED] == [1, 2, 3, 4, 5, 6]
