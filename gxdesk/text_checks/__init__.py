"""The checks on the report's text: a second pair of eyes while the clerk writes.

Each module holds rules of one kind; ``TEXT_RULES`` lists them for ``gxdesk.rules.check``
(docs/rules.md lists every rule id). All of them read the text as typed and are cheap
enough to run on every keystroke: each part's reading is cached by its text.

``TEXT_RULES`` imports its modules when first asked for, not with this package: the
window imports ``similarity`` and ``places`` at start-up, and checks the text only
after its first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from gxdesk.findings import Finding
    from gxdesk.model import Report

__all__ = ["TEXT_RULES"]


def __getattr__(name: str) -> tuple[Callable[[Report], Iterable[Finding]], ...]:
    if name != "TEXT_RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from gxdesk.text_checks.fees import fee_reported
    from gxdesk.text_checks.figures import figures_agree
    from gxdesk.text_checks.wording import half_width, numbering, repeated, section_five
    from gxdesk.text_checks.years import citations, old_headings, wrong_years

    rules = (figures_agree, wrong_years, citations, old_headings, fee_reported, section_five, half_width,
             numbering, repeated)
    globals()["TEXT_RULES"] = rules  # looked up here from now on
    return rules
