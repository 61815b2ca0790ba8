"""How big a report may be: limits checked at every entry, so that what is allowed prints quickly.

The longest real reports have about 20,000 characters of text in all; the
limits are five times that, and the file limit fits the text however a file
spells it (``\\uXXXX`` escapes take six bytes a character). The same limits hold
for a file being loaded (``gxr``), typing and pasting in the window
(``edits``), an import opened in the window, and a save (a report over them is
never written, so that every file gxdesk writes loads again). The importer's
own limits on its sources are in ``gxdesk.importer.limits``. docs/reliability.md
gives the figures and what the worst allowed report costs to render.
"""

from __future__ import annotations

from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.schema import META_LABELS, text_part_name

MAX_FILE_BYTES = 2 * 1024 * 1024  # a .gxr file
MAX_PART_CHARS = 50_000  # characters in one narrative part
MAX_PART_LINES = 1_000  # paragraphs (lines) in one part
MAX_TEXT_CHARS = 100_000  # characters in all the parts together
MAX_META_CHARS = {"organ": 100, "doc_number": 50, "title": 200}  # one-line fields


def part_problem(text: str) -> str | None:
    """Why one part's text is too big, or None."""
    if len(text) > MAX_PART_CHARS:
        return f"有 {len(text):,} 个字符，超过每部分 {MAX_PART_CHARS:,} 个字符的上限"
    lines = text.count("\n") + 1
    if lines > MAX_PART_LINES:
        return f"有 {lines:,} 行，超过每部分 {MAX_PART_LINES:,} 行（段）的上限"
    return None


def total_problem(total: int) -> str | None:
    if total > MAX_TEXT_CHARS:
        return f"正文共有 {total:,} 个字符，超过全文 {MAX_TEXT_CHARS:,} 个字符的上限"
    return None


def meta_problem(field: str, text: str) -> str | None:
    limit = MAX_META_CHARS.get(field)
    if limit is not None and len(text) > limit:
        return f"{META_LABELS[field]}有 {len(text):,} 个字符，超过 {limit:,} 个字符的上限"
    return None


def check_report(report: Report) -> None:
    """InputError naming the first part or field over its limit."""
    for field in MAX_META_CHARS:
        problem = meta_problem(field, getattr(report, field))
        if problem:
            raise InputError(problem)
    texts = report.text
    for part, text in texts.items():
        problem = part_problem(text)
        if problem:
            raise InputError(f"{text_part_name(part)}{problem}")
    problem = total_problem(sum(map(len, texts.values())))
    if problem:
        raise InputError(problem)
    if report.previous is not None:  # kept in the file too
        try:
            check_report(report.previous)
        except InputError as error:
            raise InputError(f"上年报告：{error}") from None
