"""Reading rendered reports back (python-docx, pypdf) and what they must contain."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gxdesk import schema
from gxdesk.model import Report
from gxdesk.numbers import format_figure
from gxdesk.render.template import print_date

PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def printed(value: object) -> str:
    from decimal import Decimal

    return format_figure(value) if isinstance(value, Decimal) else str(value)


def expected_figures(report: Report) -> list[str]:
    """Every figure of sections 二–四 in printed order, straight from schema and model."""
    return [printed(report.value(t.id, r.id, c.id)) for t in schema.TABLES for r, c in t.cells()]


def expected_sequence(report: Report) -> list[str]:
    """Texts that must appear, in this order: number, title, headings, signature."""
    out = [report.doc_number, *schema.standard_title_words(report.organ, report.year)]
    for section in schema.SECTIONS:
        out.append(section.heading)
        titled = [p for p in schema.TEXT_PARTS if p.section == section.id and p.title and report.text[p.id].strip()]
        out.extend(p.title for p in titled)
    out += [report.organ, print_date(report.date)]
    return [t for t in out if t]


def in_order(text: str, items: list[str]) -> list[str]:
    """The items not found in order in ``text`` (empty when all are)."""
    missing = []
    position = 0
    for item in items:
        found = text.find(item, position)
        if found < 0:
            missing.append(item)
        else:
            position = found + len(item)
    return missing


def numeric_tokens(text: str) -> list[str]:
    return [t for t in text.split() if re.fullmatch(r"\d+(\.\d+)?", t)]


# --- PDF ----------------------------------------------------------------------------


def pdf_pages(path: Path) -> list[str]:
    """The text of each page without its page number."""
    from pypdf import PdfReader

    pages = []
    for i, page in enumerate(PdfReader(path).pages, start=1):
        text = page.extract_text()
        numbers = PAGE_NUMBER.findall(text)
        assert numbers == [str(i)], f"page {i} should carry the number — {i} —, found {numbers}"
        pages.append(PAGE_NUMBER.sub(" ", text))
    return pages


def pdf_figures(pages: list[str]) -> list[str]:
    """Figures between the headings of sections 二 and 五."""
    text = "\n".join(pages)
    start = text.index(schema.SECTION_BY_ID["二"].heading)
    end = text.index(schema.SECTION_BY_ID["五"].heading)
    return numeric_tokens(text[start:end])


def text_starts(page: Any) -> list[tuple[str, float, float]]:
    """Each text run of a page with where it starts: its text matrix through the current transformation."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            x, y = tm[4], tm[5]
            found.append((text, x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def last_line(page: Any) -> str:
    """The lowest text on a page above the page number."""
    runs = [(round(y), x, text) for text, x, y in text_starts(page) if not PAGE_NUMBER.fullmatch(text.strip())]
    bottom = min(y for y, _, _ in runs)
    return "".join(text for y, _, text in sorted(runs, key=lambda r: r[1]) if abs(y - bottom) <= 2).strip()


def headings() -> set[str]:
    return {s.heading for s in schema.SECTIONS} | {p.title for p in schema.TEXT_PARTS if p.title}


def pages_of_requests(path: Path) -> list[str]:
    """Squeezed text of each PDF page that shows rows of section 三's table."""
    from pypdf import PdfReader

    rows = [r.label for r in schema.REQUESTS.rows]
    pages = ["".join(page.extract_text().split()) for page in PdfReader(path).pages]
    return [text for text in pages if sum(label in text for label in rows) >= 2]


# --- .docx ----------------------------------------------------------------------------


def docx_text(path: Path) -> str:
    """Paragraphs and table cells in document order (merged cells once)."""
    from docx import Document

    body = Document(str(path)).element.body
    out = []
    for element in body.iter(f"{W_NS}p"):
        out.append("".join(node.text or ("\n" if node.tag == f"{W_NS}br" else "")
                           for node in element.iter(f"{W_NS}t", f"{W_NS}br")))
    return "\n".join(out)


def docx_figures(path: Path) -> list[str]:
    from docx import Document

    body = Document(str(path)).element.body
    figures = []
    for table in body.iter(f"{W_NS}tbl"):
        for cell in table.iter(f"{W_NS}tc"):
            text = "".join(t.text or "" for t in cell.iter(f"{W_NS}t"))
            if re.fullmatch(r"\d+(\.\d+)?", text):
                figures.append(text)
    return figures
