"""成文日期 as stored: YYYY-MM-DD, a real date.

One reading for the file and for the window (``gxdesk.edits``): full-width
digits are read as the digits they are (``numbers.normalise``), look-alikes
such as ² are not. The window's own forms of typing a date (2026年1月26日)
belong here too.
"""

from __future__ import annotations

import re
from datetime import date

from gxdesk.numbers import normalise

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def iso_date(text: str) -> str | None:
    """``text`` as a YYYY-MM-DD date that exists, or None."""
    match = _ISO_DATE.fullmatch(normalise(text))
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None
