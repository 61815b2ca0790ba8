"""Plain text and markdown: decoding, then one line per line.

Text copied from a web page keeps table rows as tab-separated cells; text
copied from a PDF puts one cell on a line, or several separated by spaces;
a markdown file may hold pipe tables. All become ``Line``s here.
"""

from __future__ import annotations

import codecs
import re

from gxdesk.importer.errors import ImportFileError
from gxdesk.importer.lines import Line, is_page_number, make_line
from gxdesk.text import writable

# The encodings a web page may declare (the WHATWG Encoding Standard's labels, those a
# Chinese government page could use) and the codec that reads each. Legacy Chinese
# encodings all decode as GB18030, their superset; latin1 and ascii mean windows-1252
# on the web. A label not listed — unicode_escape, rot13, zlib… — is ignored: a codec
# named by the page must never decide what Python runs on its bytes.
_WEB_ENCODINGS = {
    # A page declaring UTF-16 without a byte-order mark is read as UTF-8, as browsers do.
    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
                     "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2", "unicodefeff", "unicodefffe"), "utf-8"),
    **dict.fromkeys(("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
                     "chinese", "csgb2312", "csiso58gb231280", "gb_2312", "gb_2312-80", "iso-ir-58"), "gb18030"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5hkscs"),
    **dict.fromkeys(("iso-8859-1", "latin1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252", "cp819",
                     "iso8859-1", "iso_8859-1", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms_kanji", "windows-31j", "x-sjis"), "cp932"),
    **dict.fromkeys(("euc-jp", "x-euc-jp"), "euc_jp"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949", "korean"), "cp949"),
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MD_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, name: str, *, html: bool = False) -> str:
    """BOM, then the page's declared charset, then UTF-8, then GB18030."""
    if not data.strip():
        raise ImportFileError(f"“{name}”是空文件")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(_try(data, codec), name)
    if b"\x00" in data:
        raise ImportFileError(f"“{name}”不是文本文件，无法读取")
    if html:
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            web = _WEB_ENCODINGS.get(declared.group(1).decode("ascii").lower())
            text = _try(data, web) if web else None
            if text is not None:
                return _checked(text, name)
    return _checked(_try(data, "utf-8") or _try(data, "gb18030"), name)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(text: str | None, name: str) -> str:
    if text is None:
        raise ImportFileError(f"“{name}”的文字编码无法识别（应为 UTF-8 或 GBK 文本）")
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise ImportFileError(f"“{name}”不是文本文件，无法读取")
    return writable(text)


def text_lines(text: str) -> list[Line]:
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if is_page_number(raw):
            continue  # a page break of the source, not its content
        line = make_line(_cells(raw))
        if line is not None:
            lines.append(line)
    return lines


def _cells(raw: str) -> list[str]:
    if "\t" in raw:
        text = raw.lstrip("\t")
        if raw.startswith("\t") and text.strip() and "\t" not in text.rstrip("\t"):
            return [text]  # one cell after a tab: a Word table copied as text puts each cell so
        return raw.split("\t")
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:  # a markdown table row
        if _MD_RULE.fullmatch(stripped):
            return []
        return stripped.strip("|").split("|")
    return [raw]
