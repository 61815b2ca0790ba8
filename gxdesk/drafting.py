"""按数字起草: the standard sentences of a report, drafted from its own figures.

Three drafts, each a template in ``templates/drafts/`` that an office may copy and
reword (``gxdesk draft FILE --template DIR`` reads ``DIR/drafts/``):

- ``on_request.j2``: 一（二）依申请公开 — the applications received, carried over, handled by
  result, and carried forward;
- ``appeals.j2``: the 行政复议 and 行政诉讼 of section 四. Section 四 of the 2021 format is a table
  with no text of its own, so this paragraph goes where reports customarily say it, in
  一（二）依申请公开 after the applications;
- ``fee.j2``: 六's sentence on the 信息处理费 (and the applications dropped for fees unpaid).

The templates see the figures, never the wording: they say nothing of a category that is
0 (未收到… when nothing came in), and list the rest in the table's order. Rendering is
Jinja's sandbox, as for the report itself; the output is plain text, one paragraph per
blank line, the template's own line breaks joined (Chinese runs on without spaces).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.resources import asset_dir
from gxdesk.schema import (
    APPEALS,
    LEGAL_PERSON_GROUP,
    LITIGATION_GROUP,
    OUTCOME_ROW_IDS,
    REQUESTS,
    REVIEW_GROUP,
)
from gxdesk.text_checks.places import part_name

FOLDER = "drafts"


class Draft(NamedTuple):
    name: str  # what the draft is, for the CLI and the window
    part: str  # the text part it goes into
    template: str


DRAFTS = (
    Draft("依申请公开情况", "on_request", "on_request.j2"),
    Draft(f"{REVIEW_GROUP}、{LITIGATION_GROUP}情况", "on_request", "appeals.j2"),
    Draft("信息处理费", "other", "fee.j2"),
)
DRAFTED_PARTS = tuple(dict.fromkeys(d.part for d in DRAFTS))


class DraftError(InputError):
    pass


def drafts_for(report: Report, part: str, template_dir: Path | str | None = None) -> str:
    """The drafted text of one part: its drafts' paragraphs, separated by a blank line."""
    return "\n\n".join(draft_text(report, d, template_dir) for d in DRAFTS if d.part == part)


def all_drafts(report: Report, template_dir: Path | str | None = None) -> list[tuple[str, str]]:
    """(the part's name, its drafted text) for every part that has drafts, in report order."""
    return [(part_name(part), drafts_for(report, part, template_dir)) for part in DRAFTED_PARTS]


def draft_text(report: Report, draft: Draft, template_dir: Path | str | None = None) -> str:
    folder = (Path(template_dir) if template_dir else asset_dir("templates")) / FOLDER
    name = f"起草模板“{folder / draft.template}”"
    if not (folder / draft.template).is_file():
        raise DraftError(f"{name}不存在")
    import jinja2

    try:
        raw = _environment(str(folder.resolve())).get_template(draft.template).render(context(report))
    except jinja2.TemplateSyntaxError as error:
        raise DraftError(f"{name}第 {error.lineno} 行有语法错误：{error.message}") from None
    except (jinja2.TemplateError, TypeError, ValueError, LookupError, AttributeError, ArithmeticError) as error:
        raise DraftError(f"{name}无法起草：{error}") from None
    except UnicodeDecodeError:
        raise DraftError(f"{name}不是 UTF-8 文本") from None
    return _paragraphs(raw)


@lru_cache(maxsize=4)
def _environment(folder: str) -> Any:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed like the report's template: a template passed between offices reaches no files.
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder, encoding="utf-8"),
        autoescape=False,  # plain text for a text field, not markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_BLANK_LINES = re.compile(r"\n\s*\n")


def _paragraphs(raw: str) -> str:
    """Lines joined without spaces (the template's own breaks), paragraphs by a blank line."""
    paragraphs = ("".join(line.strip() for line in block.splitlines()) for block in _BLANK_LINES.split(raw))
    return "\n\n".join(p for p in paragraphs if p)


# --- What the templates see ------------------------------------------------------------------


def _spoken(label: str) -> str:
    """（二）部分公开（区分处理的…） → 部分公开: a group of 三 as a sentence names it."""
    label = re.sub(r"^（[一二三四五六七八九十]+）", "", label)
    return re.sub(r"（[^）]*）$", "", label)


def _count(report: Report, table: str, row: str, column: str) -> int:
    value = report.value(table, row, column)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def context(report: Report) -> dict[str, Any]:
    r = REQUESTS.id
    groups: dict[str, int] = {}
    for row in OUTCOME_ROW_IDS:
        found = REQUESTS.row(row).groups
        group = found[-1] if len(found) > 1 else REQUESTS.row(row).label
        groups[_spoken(group)] = groups.get(_spoken(group), 0) + _count(report, r, row, "total")
    legal = [c.id for c in REQUESTS.blocks[0].columns if c.group == LEGAL_PERSON_GROUP]

    def appeal(rows: tuple[str, ...]) -> dict[str, Any]:
        columns = [c for c in APPEALS.blocks[0].columns if not c.computed]
        results = [{"name": c.label, "count": sum(_count(report, APPEALS.id, row, c.id) for row in rows)}
                   for c in columns]
        return {"total": sum(_count(report, APPEALS.id, row, "total") for row in rows),
                "results": [x for x in results if x["count"]]}

    litigation = appeal(("litigation_direct", "litigation_after_review"))
    litigation["direct"] = _count(report, APPEALS.id, "litigation_direct", "total")
    litigation["after_review"] = _count(report, APPEALS.id, "litigation_after_review", "total")
    return {
        "organ": report.organ,
        "year": report.year,
        "new": _count(report, r, "new", "total"),
        "natural_person": _count(report, r, "new", "natural_person"),
        "legal_person": sum(_count(report, r, "new", c) for c in legal),
        "carried_over": _count(report, r, "carried_over", "total"),
        "handled": _count(report, r, "total", "total"),
        "outcomes": [{"name": name, "count": count} for name, count in groups.items() if count],
        "carried_forward": _count(report, r, "carried_forward", "total"),
        "review": appeal(("review",)),
        "litigation": litigation,
        "unpaid_fee": _count(report, r, "other_no_fee", "total"),
    }

