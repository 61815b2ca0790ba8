"""The checks on the report's text: a second pair of eyes while the clerk writes.

Each module holds rules of one kind; ``TEXT_RULES`` lists them for ``gxdesk.rules.check``
(docs/rules.md lists every rule id). All of them read the text as typed and are cheap
enough to run on every keystroke: each part's reading is cached by its text.
"""

from __future__ import annotations

from gxdesk.text_checks.fees import fee_reported
from gxdesk.text_checks.figures import figures_agree
from gxdesk.text_checks.wording import half_width, numbering, repeated, section_five
from gxdesk.text_checks.years import citations, old_headings, wrong_years

# First the rules of the modules that can find an error (old_headings, beside them, only warns); the
# wording rules after them only ever warn. ``gxdesk render``, which only says whether errors remain,
# runs the first alone (the wording's patterns cost ~8 ms to compile).
ERROR_RULES = (figures_agree, wrong_years, citations, old_headings, fee_reported)
TEXT_RULES = (*ERROR_RULES, section_five, half_width, numbering, repeated)

__all__ = ["ERROR_RULES", "TEXT_RULES"]
