"""成文日期 typed the ways clerks write it, stored as YYYY-MM-DD, shown in Chinese without leading zeros."""

from __future__ import annotations

from datetime import datetime

import pytest

from gxdesk.dates import chinese_date, chinese_datetime, iso_date, read_date


@pytest.mark.parametrize("typed", [
    "2026年1月26日", "2026-01-26", "2026.1.26", "2026/1/26", "2026年01月26日", "2026-1-26",
    " 2026 年 1 月 26 日 ", "２０２６年１月２６日", "２０２６．１．２６", "２０２６／１／２６", "2026年1月26",
])
def test_a_date_is_read_in_every_form_clerks_type(typed):
    assert read_date(typed) == "2026-01-26"


@pytest.mark.parametrize("typed", ["2026年2月30日", "2026-13-01", "26.1.26", "明年1月", "2026年1月", "²⁰²⁶.1.26", ""])
def test_what_is_no_real_date_is_not_read(typed):
    assert read_date(typed) is None


def test_the_file_reads_only_its_own_form():
    assert iso_date("2026-01-26") == "2026-01-26" and iso_date("2026.1.26") is None


def test_chinese_dates_have_no_leading_zeros():
    assert chinese_date("2026-12-01") == "2026年12月1日" and chinese_date("") == ""
    assert chinese_datetime(datetime(2026, 1, 5, 9, 7)) == "2026年1月5日 09:07"
