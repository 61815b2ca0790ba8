"""Which unit a report belongs to: its organ name, normalised so that spellings of one name meet.

"县教育局", "县 教育局", "县教育局" in full-width letters, a file called
"01-县教育局2025年度报告（修改稿）.docx" all give one key. The key is for
comparing only; what a clerk reads is the name as the roster or the report spells it.
"""

from __future__ import annotations

import re
import unicodedata

# Words around an organ name in file names and polluted organ fields, never part of the name.
_NOISE = re.compile(
    r"(19|20)\d\d(年度|年)?"
    r"|政府信息公开工作年度报告|政府信息公开年度报告|信息公开年度报告|年度报告|工作报告|报告"
    r"|修改稿|修订稿|修改|修订|定稿|终稿|最终版|最新版|正式版|盖章|副本|copy"
)
_LEADING_NUMBER = re.compile(r"^\d+")


def unit_key(name: str) -> str:
    """The comparable form of an organ name: width folded (NFKC), no spaces, punctuation or noise."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSC")
    text = _NOISE.sub("", text)
    return _LEADING_NUMBER.sub("", text)
