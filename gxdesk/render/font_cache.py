"""Parsed TrueType fonts kept between runs, so that a PDF does not wait for ReportLab's parser.

ReportLab reads a font's name, cmap, hmtx and loca tables in pure Python each
time a process registers it: 0.03–0.12 s for each CJK font, a third of a
command-line render and most of the window's first PDF. ``load`` keeps what
that parse produces (the face's attributes: character → glyph map, widths,
glyph offsets, metrics, names) in the user cache folder and builds the
``TTFont`` from it. The font file itself is still needed, mapped rather than
read (``_mapped``): the subsetter copies glyph outlines out of it when the PDF
is saved, and its table directory (offsets, lengths and checksums of every
table) must equal the cached one.

This fills in ReportLab's private objects, so it is fenced (``rl.tested``):
with a ReportLab release the tests have not checked, every font is parsed by
ReportLab as usual. tests/test_render_font_cache.py proves that a cached face
equals a fresh parse, type for type.

An entry is keyed by the font file's path, size and modification time, the
face index, ReportLab's version and ``FORMAT``; an entry that does not match,
fails its checksum or cannot be read is ignored and written anew. Entries are
replaced atomically (without fsync: a damaged entry is detected and rebuilt),
at most ``MAX_ENTRIES`` and ``MAX_BYTES`` are kept (the least recently used
go first), and the cache is never required: where it cannot be read or
written a render only parses the fonts as before.

Why ``marshal``: it gives back ints, floats, tuples, lists and dicts exactly as
ReportLab made them (a width 500 stays an int, 500.0 a float) and is the
fastest reader Python has. Nothing read from an entry is ever called, and an
entry is the user's own file like the settings beside it. Equal widths and
metrics (a CJK font has tens of thousands of glyphs and a few hundred widths)
are stored as one shared object, which marshal writes once and reads back once:
a third less to read for the largest face.
"""

from __future__ import annotations

import gc
import marshal
import mmap
import os
import re
import struct
import zlib
from contextlib import suppress
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from gxdesk.atomic import atomic_write_bytes
from gxdesk.render import cache, rl
from gxdesk.render.rl import VERSION, pdfmetrics, rl_config, ttfonts

FORMAT = 4  # bump when what an entry holds changes
MAGIC = b"gxdesk parsed TrueType font\n"
SUFFIX = ".rlfont"
MAX_ENTRIES = 32
MAX_BYTES = 64 * 1024 * 1024

# Not kept: the file's bytes (read again), a read cursor, and a closure (rebuilt from unitsPerEm).
_NOT_KEPT = frozenset({"_ttf_data", "_pos", "_pdfScale"})
# Read only when text is shaped (uharfbuzz), never by gxdesk: 34 000 lists not built on every run.
_PACKED = "glyphToChar"

Key = tuple[int, str, str, int, int, int]


def load(name: str, path: str, index: int = 0) -> ttfonts.TTFont:
    """ReportLab's ``TTFont(name, path, subfontIndex=index)``, from the cache when it has the face."""
    if not rl.tested():
        return ttfonts.TTFont(name, path, subfontIndex=index)
    try:
        key = _key(path, index)
    except OSError:  # no such file: ReportLab says so
        return ttfonts.TTFont(name, path, subfontIndex=index)
    entry = cache.folder() / _entry_name(key)
    face = _cached_face(key, entry)
    if face is not None:
        return _font(name, face)
    font = ttfonts.TTFont(name, path, subfontIndex=index)
    store(font.face, key, entry)
    return font


def _key(path: str, index: int) -> Key:
    path = os.path.abspath(path)
    stat = os.stat(path)
    return (FORMAT, VERSION, path, stat.st_size, stat.st_mtime_ns, index)


def _entry_name(key: Key) -> str:
    path, index = key[2], key[5]
    stem = re.sub(r"[^\w.-]", "_", Path(path).stem)[:40]
    return f"{stem}-{index}-{zlib.crc32(os.fsencode(path)):08x}{SUFFIX}"


# --- Reading ---------------------------------------------------------------------------


def _cached_face(key: Key, entry: Path) -> ttfonts.TTFontFace | None:
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    try:
        face = _face(key, *_unpack(data, key))
    except Exception:  # corrupt, stale or foreign (also a font file that changed): parse it again
        return None
    with suppress(OSError):
        os.utime(entry)  # recently used: pruned last
    return face


def _unpack(data: bytes, key: Key) -> tuple[dict[str, Any], bytes]:
    start = len(MAGIC) + 4
    if data[: len(MAGIC)] != MAGIC or len(data) < start:
        raise ValueError("not a parsed font")
    (checksum,) = struct.unpack(">I", data[len(MAGIC): start])
    payload = data[start:]
    if zlib.crc32(payload) != checksum:
        raise ValueError("damaged")
    stored_key, info, names, packed = _unmarshal(payload)
    if stored_key != key:
        raise ValueError("made for another font file or version")
    if not (type(info) is dict and all(type(k) is str for k in info) and type(names) is list
            and type(packed) is bytes):
        raise ValueError("not a parsed font")
    for attribute in names:
        info[attribute] = ttfonts.TTFNameBytes(info[attribute])  # utf-8 bytes: decodes to the same text
    return info, packed


def _unmarshal(payload: bytes) -> Any:
    """``marshal.loads`` without the garbage collector: it would walk the 100 000 new objects for nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(payload)
    finally:
        if collecting:
            gc.enable()


class _Face(ttfonts.TTFontFace):
    """A TTFontFace made from the cache; glyphToChar, read only to shape text, is unpacked when first read."""

    _packed: bytes
    _ttf_data: mmap.mmap | bytes  # the font file (ReportLab's attribute)

    def __getattr__(self, name: str) -> Any:  # only called for attributes not set
        if name != _PACKED or "_packed" not in self.__dict__:
            raise AttributeError(name)
        value = marshal.loads(self.__dict__.pop("_packed"))
        setattr(self, name, value)
        return value

    def get_table(self, tag: str) -> Any:
        """A table's bytes; the glyph table as a view that copies only the glyphs a subset takes.
        ReportLab's ``makeSubset`` slices one glyph at a time out of it, but had it copied whole
        (~4 MB of a CJK font) for each subset of 256 characters: ~10 ms of a report's PDF."""
        start, length = self.get_table_pos(tag)
        if tag != "glyf":
            return self._ttf_data[start: start + length]  # as TTFontParser.get_table
        return _Slices(memoryview(self._ttf_data)[start: start + length])


class _Slices:
    """A table read through a view: each slice is a copy of just that slice, as slicing ``bytes`` gives."""

    __slots__ = ("_view",)

    def __init__(self, view: memoryview) -> None:
        self._view = view

    def __len__(self) -> int:
        return len(self._view)

    def __getitem__(self, index: slice) -> bytes:
        if not isinstance(index, slice):
            raise TypeError("only slices of the glyph table are read")
        return self._view[index].tobytes()


def _face(key: Key, info: dict[str, Any], packed: bytes) -> ttfonts.TTFontFace:
    """``TTFontFace(path, subfontIndex=index)`` with ``extractInfo``'s results taken from ``info``."""
    path, index = key[2], key[5]
    face = _Face.__new__(_Face)
    pdfmetrics.TypeFace.__init__(face, None)
    face.filename, face._ttf_data = path, _mapped(path)  # TTFontParser reads no file it already has
    # Reads the table directory, as TTFontFile.__init__ does before extractInfo.
    ttfonts.TTFontParser.__init__(face, path, validate=0, subfontIndex=index)
    if face.tables != info.get("tables"):
        raise ValueError("the font's tables differ from the cached ones")
    face.__dict__.update(info, _packed=packed, _pdfScale=_scale(info["unitsPerEm"]))
    return face


def _mapped(path: str) -> mmap.mmap | bytes:
    """The font file mapped rather than read: a report's subsets take a few hundred glyphs of a CJK
    font's 10–20 MB, and reading the three faces whole was ~14 ms of a PDF. Slices of a map are
    bytes, as the parser and the subsetter expect; where a file cannot be mapped it is read."""
    with open(path, "rb") as file:
        try:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # an empty file, a file system without maps
            return file.read()


def _scale(units_per_em: int) -> Any:
    """Font units → 1/1000 em, as ``extractInfo`` defines it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _font(name: str, face: ttfonts.TTFontFace) -> ttfonts.TTFont:
    """``TTFont.__init__`` with its one slow step, parsing the face, done already."""
    font: ttfonts.TTFont = ttfonts.TTFont.__new__(ttfonts.TTFont)
    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font.__dict__["_asciiReadable"] = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob or ())
    return font


# --- Writing ---------------------------------------------------------------------------


def store(face: ttfonts.TTFontFace, key: Key, entry: Path) -> bool:
    """Keep a freshly parsed face (before any text used it); False where that cannot be done."""
    info = {k: v for k, v in vars(face).items() if k not in _NOT_KEPT}
    names = [k for k, v in info.items() if type(v) is ttfonts.TTFNameBytes]
    info.update((k, bytes(info[k])) for k in names)
    try:
        _share_equal_values(info)
        packed = marshal.dumps(info.pop(_PACKED))
        payload = marshal.dumps((key, info, names, packed))
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, MAGIC + struct.pack(">I", zlib.crc32(payload)) + payload, durable=False)
    except (OSError, ValueError, KeyError):  # read-only, full, or not the face we know: parsed again next time
        return False
    cache.prune(entry.parent, "*" + SUFFIX, MAX_ENTRIES, MAX_BYTES)
    return True


def _share_equal_values(info: dict[str, Any]) -> None:
    """One object for each distinct width and metric: marshal writes an object it meets again as a
    reference, and reading it back then makes one object instead of thousands. Values are shared
    only where their marshal bytes are the same, so each keeps its type and sign (== says 1 == 1.0
    and 0.0 == -0.0)."""
    shared: dict[bytes, Any] = {}

    def one(value: Any) -> Any:
        return shared.setdefault(marshal.dumps(value), value)

    info["charWidths"] = {char: one(width) for char, width in info["charWidths"].items()}
    info["hmetrics"] = [one(metric) if type(metric) is tuple else metric for metric in info["hmetrics"]]
