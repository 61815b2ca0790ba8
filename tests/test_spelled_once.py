"""Layout facts are spelled once: table ids and the format's labels only in gxdesk/schema.py.

Every other module of the package, the window's included, reads them from the schema.
This reads each module's string literals (f-string pieces too); docstrings and comments
are prose and may name a row. A literal equal to a table id, or holding a label of the
format, is a second spelling that would drift from the schema's.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import gxdesk
from gxdesk import schema

PACKAGE = Path(gxdesk.__file__).parent
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "schema.py")
TABLE_IDS = {t.id for t in schema.TABLES}
# Column labels shorter than this (其他, 总计, 自然人) are ordinary words, not only the format's.
MIN_COLUMN_LABEL = 4


def format_labels() -> set[str]:
    labels = {s.heading for s in schema.SECTIONS} | {s.short for s in schema.SECTIONS}
    for table in schema.TABLES:
        labels.add(table.column_title)
        for block in table.blocks:
            labels |= {block.heading, block.corner}
            labels |= {c.group for c in block.columns}
            labels |= {c.label for c in block.columns if len(c.label) >= MIN_COLUMN_LABEL}
            for row in block.rows:
                labels |= {row.label, row.short, *row.groups}
    return labels - {""}


def literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal that is not a docstring."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def offences(check: Callable[[str], str]) -> list[str]:
    """``check(literal)`` says what is wrong with a literal, or ""."""
    found = []
    for path in MODULES:
        for line, text in literals(path.read_text(encoding="utf-8")):
            problem = check(text)
            if problem:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {problem}")
    return found


def test_the_scan_sees_the_core_and_the_window() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in MODULES}
    assert {"rules.py", "gxr.py", "render/tables.py", "importer/tables.py", "gui/window.py"} <= names


def test_the_scan_reads_f_strings_and_skips_docstrings() -> None:
    source = '"""Fills 二、上年结转."""\ndef f(x):\n    """requests"""\n    return f"「二、上年结转」为 {x}", "appeals"\n'
    assert sorted(text for _, text in literals(source)) == ["appeals", "「二、上年结转」为 "]


def test_no_table_id_is_spelled_outside_the_schema() -> None:
    assert offences(lambda text: f"table id {text!r}" if text in TABLE_IDS else "") == []


def test_no_label_of_the_format_is_spelled_outside_the_schema() -> None:
    labels = format_labels()
    assert {"二、上年结转", "四、结转下年度继续办理", "（七）总计", "规章", "三、申请情况"} <= labels

    def spelled(text: str) -> str:
        return ", ".join(repr(label) for label in sorted(labels) if label in text)

    assert offences(spelled) == []
