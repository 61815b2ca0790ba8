"""Compiled templates kept between runs (jinja2's bytecode cache in the user's cache folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxdesk.model import Report
from gxdesk.render import template
from gxdesk.userdirs import HOME_ENV


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    template._environment.cache_clear()
    yield tmp_path
    template._environment.cache_clear()


def entries(home: Path) -> list[Path]:
    return sorted((home / "cache" / "templates").glob("__jinja2_*.cache"))


def test_a_compiled_template_is_kept_and_used(sample: Report, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = template.render_markup(sample)
    assert len(entries(home)) == 1
    template._environment.cache_clear()
    import jinja2.environment

    compiled: list[str] = []
    real = jinja2.environment.Environment._compile
    monkeypatch.setattr(jinja2.environment.Environment, "_compile",
                        lambda self, source, filename: compiled.append(filename) or real(self, source, filename))
    second, _ = template.render_markup(sample)
    assert second == first and compiled == []  # the next process compiles nothing


def test_a_damaged_entry_is_compiled_again(sample: Report, home: Path) -> None:
    expected, _ = template.render_markup(sample)
    (entry,) = entries(home)
    entry.write_bytes(entry.read_bytes()[:40] + b"\x00garbage")
    template._environment.cache_clear()
    assert template.render_markup(sample)[0] == expected


def test_an_unusable_cache_folder_only_costs_time(sample: Report, home: Path) -> None:
    (home / "cache").mkdir()
    (home / "cache" / "templates").write_text("a file where the folder would be")
    expected = template.render_markup(sample)[0]
    template._environment.cache_clear()
    assert template.render_markup(sample)[0] == expected
