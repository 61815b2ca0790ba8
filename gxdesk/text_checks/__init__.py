"""The checks on the report's text: a second pair of eyes while the clerk writes.

Each module holds rules of one kind; ``TEXT_RULES`` lists them for ``gxdesk.rules.check``
(docs/rules.md lists every rule id). All of them read the text as typed and are cheap
enough to run on every keystroke: each part's reading is cached by its text.

``ERROR_RULES`` and ``TEXT_RULES`` import their modules when first asked for, not with this
package: the window imports ``similarity`` and ``places`` at start-up, and checks the text
only after its first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from gxdesk.findings import Finding
    from gxdesk.model import Report

TextRule = Callable[["Report"], Iterable["Finding"]]

__all__ = ["ERROR_RULES", "TEXT_RULES"]


def _error_rules() -> tuple[TextRule, ...]:
    # First the rules of the modules that can find an error (old_headings, beside them, only warns); the
    # wording rules after them only ever warn. ``gxdesk render``, which only says whether errors remain,
    # runs the first alone (the wording's patterns cost ~8 ms to compile).
    from gxdesk.text_checks.fees import fee_reported
    from gxdesk.text_checks.figures import figures_agree
    from gxdesk.text_checks.years import citations, old_headings, wrong_years

    return (figures_agree, wrong_years, citations, old_headings, fee_reported)


def __getattr__(name: str) -> tuple[TextRule, ...]:
    if name == "ERROR_RULES":
        rules = _error_rules()
    elif name == "TEXT_RULES":
        from gxdesk.text_checks.wording import half_width, numbering, repeated, section_five

        rules = (*_error_rules(), section_five, half_width, numbering, repeated)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = rules  # looked up here from now on
    return rules
