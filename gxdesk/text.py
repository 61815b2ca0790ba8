"""Text as stored: what every writer (UTF-8, XML, PDF) can take, with one kind of line break.

``clean_text`` is the one function every entry uses — a file being loaded, a
keystroke or paste in the window (through ``gxdesk.edits``), the saved file
itself — so that no character a writer cannot take ever reaches a report:
C0 control characters (other than tab and newline) are dropped, lone
surrogates (a JSON ``\\udfff``, a broken clipboard) and the non-characters
U+FFFE/U+FFFF become U+FFFD, which shows the clerk where something was.
"""

from __future__ import annotations

import re

# C0 controls other than tab and newline cannot live in a .docx and mean nothing here.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Not encodable as UTF-8 (surrogates) or not allowed in XML (U+FFFE, U+FFFF).
_UNUSABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def writable(text: str) -> str:
    """Text every writer can take, its line breaks left as they are (the importer reads them)."""
    return _UNUSABLE.sub(REPLACEMENT, _CONTROLS.sub("", text))


def clean_text(text: str) -> str:
    """Text as stored: writable, and one kind of line break."""
    return writable(text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(text: str) -> str:
    """A one-line field (机关名称, 发文字号, 标题): cleaned, its lines joined by a space, trimmed."""
    return " ".join(line.strip() for line in clean_text(text).split("\n") if line.strip())


# What must not be printed as itself in a one-line message: controls (C0, C1), the characters that
# break a line (NEL, U+2028, U+2029) and surrogates, which no console can encode.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def quoted(text: str) -> str:
    """``text`` safe to put in a one-line message: what cannot be printed as itself shows as its escape."""
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
