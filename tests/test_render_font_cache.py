"""The parsed-font cache: a hit gives what a fresh parse gives; anything doubtful is parsed again.

These tests lift the ReportLab fence (rl.tested), so that with a new ReportLab release they say whether
the cache still gives exactly what ReportLab parses; tests/test_reportlab_fence.py is the one that fails.
"""

from __future__ import annotations

import marshal
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase import ttfonts

from gxdesk.render import cache, font_cache, fonts, rl
from gxdesk.resources import data_file
from gxdesk.userdirs import HOME_ENV
from tests.test_render_fonts import HEI, KAI, SONG, needs

pytestmark = needs(SONG, KAI, HEI)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.setattr(rl, "tested", lambda: True)
    return home


def entries() -> list[Path]:
    folder = cache.folder()
    return sorted(folder.glob("*" + font_cache.SUFFIX)) if folder.is_dir() else []


def from_cache(font: ttfonts.TTFont) -> bool:
    return isinstance(font.face, font_cache._Face)


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (500 is not 500.0 here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, ttfonts.TTFNameBytes):
        return a == b and a.ustr == b.ustr
    return bool(a == b)


def face_state(font: ttfonts.TTFont) -> dict[str, Any]:
    font.face.glyphToChar  # noqa: B018 - a cached face unpacks it on first use
    skip = ("_pdfScale", "_pos", "_packed", "_ttf_data")
    state = {k: v for k, v in vars(font.face).items() if k not in skip}
    state["scale(1234)"] = font.face._pdfScale(1234)
    return state


def font_state(font: ttfonts.TTFont) -> dict[str, Any]:
    return {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}


def copy_font(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "fonts" / source.name
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(source, target)
    return target


# --- Hits and misses -----------------------------------------------------------------


@pytest.mark.parametrize(("path", "index"), [(SONG, 0), (HEI, 1)])
def test_a_cached_face_is_what_reportlab_parses(path: Path, index: int) -> None:
    fresh = ttfonts.TTFont("fresh", str(path), subfontIndex=index)
    first = font_cache.load("first", str(path), index)
    assert not from_cache(first) and len(entries()) == 1
    cached = font_cache.load("cached", str(path), index)
    assert from_cache(cached)
    assert type(cached) is ttfonts.TTFont
    assert font_state(cached) == {**font_state(fresh), "fontName": "cached"}
    assert same(face_state(cached), face_state(fresh))
    assert cached.face._ttf_data[:] == fresh.face._ttf_data  # the subsetter reads glyphs from it (a map: its bytes)
    text = "政府信息公开 2025年度 1,326件（）"
    assert cached.stringWidth(text, 16) == fresh.stringWidth(text, 16)
    used = sorted(map(ord, set(text)))
    assert cached.face.makeSubset(used) == fresh.face.makeSubset(used)
    # A whole subset of 256, composite glyphs too (À, ½ and most of 文泉驿's Chinese), as the PDF
    # writer's subsets are: the cached face slices them out of the glyph table without copying it.
    many = sorted(set(fresh.face.charToGlyph) & {*range(0xC0, 0x100), *range(0x4E00, 0x4F00)})[:255]
    assert cached.face.makeSubset(many) == fresh.face.makeSubset(many)


def test_faces_of_one_collection_are_kept_apart() -> None:
    mono = font_cache.load("a", str(HEI), 1)
    regular = font_cache.load("b", str(HEI), 0)
    assert len(entries()) == 2
    assert font_cache.load("c", str(HEI), 1).face.name == mono.face.name != regular.face.name


def test_glyph_to_char_is_unpacked_only_when_read() -> None:
    font_cache.load("a", str(SONG))
    cached = font_cache.load("b", str(SONG))
    assert "glyphToChar" not in vars(cached.face)
    assert cached.face.glyphToChar == ttfonts.TTFontFace(str(SONG)).glyphToChar
    assert "glyphToChar" in vars(cached.face)
    with pytest.raises(AttributeError):
        cached.face.no_such_attribute  # noqa: B018


@pytest.mark.subprocess
def test_the_pdf_is_the_same_without_with_and_without_a_writable_cache(tmp_path: Path) -> None:
    def render(name: str, home: Path) -> bytes:
        out = tmp_path / name
        subprocess.run([sys.executable, "-m", "gxdesk", "render", str(data_file("sample.gxr")), "-o", str(out)],
                       check=True, capture_output=True, env={**os.environ, HOME_ENV: str(home)}, timeout=120)
        return out.read_bytes()

    home = tmp_path / "home"
    cold = render("cold.pdf", home)
    written = entries()
    faces = {(c.face.path, c.face.index) for c in fonts.resolve().choices.values() if c.face is not None}
    assert len(written) == len(faces) >= 3  # 仿宋/宋体/小标宋, 黑体, 楷体 here
    for entry in written:
        os.utime(entry, (1_000_000_000, 1_000_000_000))
    before = {entry: entry.stat().st_ino for entry in written}
    warm = render("warm.pdf", home)
    # Read, not rewritten (same file), and marked as recently used.
    assert {entry: entry.stat().st_ino for entry in entries()} == before
    assert all(entry.stat().st_mtime > 1_000_000_000 for entry in written)
    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("")
    unwritable = render("unwritable.pdf", not_a_folder)
    assert cold == warm == unwritable


# --- Anything doubtful is parsed again -------------------------------------------------


def test_a_changed_font_file_is_parsed_again(tmp_path: Path) -> None:
    path = copy_font(SONG, tmp_path)
    font_cache.load("a", str(path))
    with open(path, "ab") as stream:
        stream.write(b"\0" * 4)  # other size and time; the tables are where they were
    again = font_cache.load("b", str(path))
    assert not from_cache(again)
    (entry,) = entries()
    stored_key = marshal.loads(entry.read_bytes()[len(font_cache.MAGIC) + 4:])[0]
    assert stored_key == font_cache._key(str(path), 0)
    assert from_cache(font_cache.load("c", str(path)))


def test_same_size_and_time_but_other_tables_is_parsed_again(tmp_path: Path) -> None:
    path = copy_font(SONG, tmp_path)
    font_cache.load("a", str(path))
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[12 + 4] ^= 0xFF  # the first table's checksum in the table directory
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert font_cache._key(str(path), 0) == font_cache._key(str(path), 0)  # the key cannot tell
    again = font_cache.load("b", str(path))
    assert not from_cache(again)
    assert again.face.tables[0]["checksum"] != ttfonts.TTFontFace(str(SONG)).tables[0]["checksum"]


def _payload(entry: Path) -> bytes:
    return entry.read_bytes()[len(font_cache.MAGIC) + 4:]


def _with_checksum(payload: bytes) -> bytes:
    return font_cache.MAGIC + struct.pack(">I", zlib.crc32(payload)) + payload


def _other_version(entry: Path) -> bytes:
    key, info, names, packed = marshal.loads(_payload(entry))
    return _with_checksum(marshal.dumps(((key[0], "3.0", *key[2:]), info, names, packed)))


def _other_format(entry: Path) -> bytes:
    key, info, names, packed = marshal.loads(_payload(entry))
    return _with_checksum(marshal.dumps(((key[0] - 1, *key[1:]), info, names, packed)))


CORRUPTIONS = {
    "empty": lambda entry: b"",
    "truncated": lambda entry: entry.read_bytes()[: entry.stat().st_size // 2],
    "a flipped byte": lambda entry: entry.read_bytes()[:-1] + bytes([entry.read_bytes()[-1] ^ 1]),
    "foreign": lambda entry: os.urandom(4096),
    "other shape": lambda entry: _with_checksum(marshal.dumps([1, 2, 3])),
    "wrong types": lambda entry: _with_checksum(marshal.dumps(((), [], {}, None))),
    "other reportlab": _other_version,
    "other entry format": _other_format,
}


@pytest.mark.parametrize("damage", list(CORRUPTIONS))
def test_a_damaged_or_foreign_entry_is_replaced(damage: str) -> None:
    fresh = ttfonts.TTFont("fresh", str(SONG))
    font_cache.load("a", str(SONG))
    (entry,) = entries()
    entry.write_bytes(CORRUPTIONS[damage](entry))
    again = font_cache.load("b", str(SONG))
    assert not from_cache(again)
    assert same(face_state(again), face_state(fresh))
    assert from_cache(font_cache.load("c", str(SONG)))  # the entry is whole again


def test_an_unwritable_cache_only_costs_time(home: Path) -> None:
    home.write_text("a file where the folder should be")
    font = font_cache.load("a", str(SONG))
    assert not from_cache(font) and font.face.name == ttfonts.TTFontFace(str(SONG)).name
    assert not from_cache(font_cache.load("b", str(SONG)))
    key = font_cache._key(str(SONG), 0)
    assert font_cache.store(font.face, key, cache.folder() / "x.rlfont") is False


def test_a_missing_font_file_is_reportlabs_error(tmp_path: Path) -> None:
    with pytest.raises(ttfonts.TTFError):
        font_cache.load("a", str(tmp_path / "gone.ttf"))
    assert entries() == []


# --- Bounds and contents -----------------------------------------------------------------


def test_the_least_recently_used_entries_go_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_cache, "MAX_ENTRIES", 2)
    font_cache.load("a", str(SONG))
    font_cache.load("b", str(KAI))
    song, kai = (next(e for e in entries() if e.name.startswith(stem)) for stem in ("gbsn00lp", "gkai00mp"))
    os.utime(song, (1_000_000_000, 1_000_000_000))
    os.utime(kai, (1_000_000_100, 1_000_000_100))
    assert from_cache(font_cache.load("c", str(SONG)))  # used now: newer than the 楷体 entry
    font_cache.load("d", str(HEI))
    assert [e.name.split("-")[0] for e in entries()] == ["gbsn00lp", "wqy"]


def test_the_cache_holds_at_most_max_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    font_cache.load("a", str(SONG))
    (song,) = entries()
    monkeypatch.setattr(font_cache, "MAX_BYTES", song.stat().st_size + 1000)
    os.utime(song, (1_000_000_000, 1_000_000_000))
    font_cache.load("b", str(KAI))
    assert [e.name.split("-")[0] for e in entries()] == ["gkai00mp"]


def test_a_face_marshal_cannot_hold_is_not_written() -> None:
    font = ttfonts.TTFont("a", str(SONG))
    font.face.oddity = object()
    key = font_cache._key(str(SONG), 0)
    assert font_cache.store(font.face, key, cache.folder() / "x.rlfont") is False
    assert entries() == []


def test_behind_the_fence_every_font_is_parsed_by_reportlab(monkeypatch: pytest.MonkeyPatch) -> None:
    font_cache.load("a", str(SONG))
    (entry,) = entries()
    os.utime(entry, (1_000_000_000, 1_000_000_000))  # a hit would mark it as used now
    before = entry.read_bytes()
    monkeypatch.setattr(rl, "tested", lambda: False)  # an untested ReportLab release
    font = font_cache.load("b", str(SONG))
    assert not from_cache(font) and type(font.face) is ttfonts.TTFontFace
    assert entries() == [entry] and entry.read_bytes() == before  # neither read nor written
    assert entry.stat().st_mtime == 1_000_000_000


def test_equal_widths_and_metrics_are_kept_as_one_object_without_changing_a_value() -> None:
    info: dict[str, Any] = {"charWidths": {1: 500, 2: 500.0, 3: -0.0, 4: 0.0, 5: 500.0, 6: True},
                            "hmetrics": [(1000, 0), (1000, 0), (1000, -0.0), [1000, 0]]}
    font_cache._share_equal_values(info)
    back = marshal.loads(marshal.dumps(info))
    widths = back["charWidths"]
    assert [repr(widths[c]) for c in range(1, 7)] == ["500", "500.0", "-0.0", "0.0", "500.0", "True"]
    assert widths[2] is widths[5] and widths[3] is not widths[4]
    metrics = back["hmetrics"]
    assert [repr(m) for m in metrics] == ["(1000, 0)", "(1000, 0)", "(1000, -0.0)", "[1000, 0]"]
    assert metrics[0] is metrics[1] and metrics[0] is not metrics[2]


def test_a_cached_face_holds_each_distinct_width_once() -> None:
    path = fonts.resolve(None)[fonts.FontRole.HEADING].face
    assert path is not None
    font_cache.load("a", path.path, path.index)
    face = font_cache.load("b", path.path, path.index).face
    assert isinstance(face, font_cache._Face)
    assert len({id(w) for w in face.charWidths.values()}) == len({repr(w) for w in face.charWidths.values()})
    assert len({id(m) for m in face.hmetrics}) == len(set(map(repr, face.hmetrics)))
