"""Text as stored: what every writer (UTF-8, XML, PDF) can take, with one kind of line break.

``clean_text`` is the one function every entry uses — a file being loaded, a
keystroke or paste in the window (through ``gxdesk.edits``), the saved file
itself — so that no character a writer cannot take ever reaches a report:
C0 control characters (other than tab and newline) are dropped, lone
surrogates (a JSON ``\\udfff``, a broken clipboard) and the non-characters
U+FFFE/U+FFFF become U+FFFD, which shows the clerk where something was.
"""

from __future__ import annotations

import itertools
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


# A line that ends a paragraph: its last mark (before closing quotes and brackets) ends a sentence,
# or introduces what follows (：), or ends an item of a list (；).
_ENDS_PARAGRAPH = r"[。！？；：!?;:…][”’」』）)】》]*\s*$"
# A line that starts an item of its own: （一） 一、 1. 1、 （1） 第一条, a bullet.
_STARTS_ITEM = (r"\s*(（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|"
                r"\d+[、.．)）]|第[一二三四五六七八九十百\d]+[条章节部分项]|[•·●■◆▪])")
_LATIN = r"[A-Za-z0-9]"


# (Patterns as text: ``re`` compiles and caches them on first use, not at start-up.)


def broken_lines(text: str) -> int:
    """How many line breaks in ``text`` fall inside a paragraph: the hard breaks a page copied
    from a PDF or a web page keeps at the end of each printed line."""
    return len(_inner_breaks(text.split("\n")))


def join_broken_lines(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs removed (see ``broken_lines``)."""
    lines = text.split("\n")
    inner = set(_inner_breaks(lines))
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        if i not in inner:
            out.append(line)
            continue
        before, after = out[-1].rstrip(), line.lstrip()
        space = " " if before and after and re.match(_LATIN, before[-1]) and re.match(_LATIN, after[0]) else ""
        out[-1] = before + space + after
    return "\n".join(out)


def _inner_breaks(lines: list[str]) -> list[int]:
    """The breaks (the one after line i) that fall inside a paragraph."""
    return [i for i, (line, following) in enumerate(itertools.pairwise(lines))
            if line.strip() and following.strip() and not re.search(_ENDS_PARAGRAPH, line)
            and not re.match(_STARTS_ITEM, following) and not _heading(line)]


def _heading(line: str) -> bool:
    """（一）主动公开: an item's mark and a few words, no sentence."""
    return bool(re.match(_STARTS_ITEM, line)) and len(line.strip()) <= 30 and not any(m in line for m in "，,。")
