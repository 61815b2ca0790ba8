from decimal import Decimal

from gxdesk.model import ENTERED_KEYS, Report, carry_over_changes, new_report
from gxdesk.schema import REQUEST_COLUMN_IDS


def test_every_entered_cell_starts_at_zero_and_totals_are_derived():
    report = Report()
    assert set(report.cells) == set(ENTERED_KEYS)
    assert all(v == 0 for v in report.cells.values())
    assert report.value("requests", "total", "total") == 0


def test_totals_follow_the_entered_figures(sample):
    report = sample
    row_total = sum(report.cells[("requests", "granted", c)] for c in REQUEST_COLUMN_IDS)
    assert report.value("requests", "granted", "total") == row_total
    report.set_cells({("requests", "granted", "business"): 100})
    assert report.value("requests", "granted", "total") == row_total - 5 + 100
    assert report.value("appeals", "review", "total") == 4


def test_blank_cells_count_as_zero_in_totals_but_stay_blank():
    report = Report()
    report.set_cells({("requests", "granted", "natural_person"): None,
                      ("requests", "granted", "business"): 3})
    assert report.value("requests", "granted", "natural_person") is None
    assert report.value("requests", "granted", "total") == 3


def test_set_cells_returns_what_undo_needs():
    report = Report()
    previous = report.set_cells({("requests", "new", "research"): 7, ("proactive", "fees", "amount"): Decimal("2.5")})
    assert report.value("requests", "new", "total") == 7
    report.set_cells(previous)
    assert report == Report()


def test_computed_cells_cannot_be_set():
    report = Report()
    try:
        report.set_cells({("requests", "total", "natural_person"): 1})
    except KeyError:
        pass
    else:
        raise AssertionError("a computed cell was accepted")
    assert report == Report()


def test_carry_over_takes_last_years_carried_forward(sample):
    this = new_report("青禾县市场监督管理局", 2026)
    changes = carry_over_changes(this, sample)
    assert changes == {("requests", "carried_over", "natural_person"): 4,
                       ("requests", "carried_over", "business"): 1}
    this.set_cells(changes)
    assert carry_over_changes(this, sample) == {}


def test_new_report_names_the_statistics_period():
    report = new_report("  某县人民政府办公室 ", 2025)
    assert report.organ == "某县人民政府办公室"
    assert "2025年1月1日起至2025年12月31日止" in report.text["preamble"]
    assert report.display_title == "某县人民政府办公室2025年政府信息公开工作年度报告"
