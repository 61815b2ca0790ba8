"""Narrative text as stored: no stray control characters, one kind of line break."""

from __future__ import annotations

import re

# C0 controls other than tab and newline cannot live in a .docx and mean nothing here.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)
