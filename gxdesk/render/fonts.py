"""Which font files print the report: the same faces on every machine that has them.

Each typographic role (仿宋 body, 黑体 headings, 楷体 sub-headings, 小标宋
title, 宋体 tables and page numbers) is resolved in this order:

1. fonts the user chose (a folder: the setting or ``--font-dir``);
2. the standard Windows fonts (simfang.ttf, simhei.ttf, simkai.ttf,
   simsun.ttc, and 仿宋_GB2312 / 楷体_GB2312 / 方正小标宋简体 when installed);
3. TrueType CJK fonts of the host system, by family name, then any;
4. ReportLab's built-in STSong-Light, which the PDF cannot embed — with a
   warning, because such a PDF prints differently elsewhere.

Only TrueType outlines (``glyf``) can be embedded by ReportLab; CFF fonts
(Noto CJK .otf/.ttc) are skipped. Reading a folder costs only the font
headers; the result is cached for the process, and per file between runs
(``face_index``). ``GXDESK_FONT_PATH`` (folders separated by ``os.pathsep``;
empty for none) replaces the system folders — the tests use it to exercise
the fallback.
"""

from __future__ import annotations

import bisect
import os
import struct
import sys
from enum import Enum
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import BinaryIO, Iterable

from gxdesk.errors import InputError
from gxdesk.records import record
from gxdesk.render import face_index

FONT_PATH_ENV = "GXDESK_FONT_PATH"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
CID_FALLBACK = "STSong-Light"


class FontRole(Enum):
    BODY = "仿宋"
    HEADING = "黑体"
    KAI = "楷体"
    TITLE = "小标宋"
    SONG = "宋体"  # tables and page numbers


@record
class _Spec:
    names: tuple[str, ...]  # standard family names, preferred first (the first is what a .docx names)
    keywords: tuple[str, ...]  # lower-case substrings that identify the style elsewhere
    fallback: FontRole | None
    exclude: tuple[str, ...] = ()


_SPECS = {
    FontRole.BODY: _Spec(("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"), ("仿宋", "fangsong"), FontRole.SONG),
    FontRole.HEADING: _Spec(("黑体", "SimHei"), ("黑体", "hei"), FontRole.SONG),
    FontRole.KAI: _Spec(("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"), ("楷", "kai"), FontRole.BODY),
    FontRole.TITLE: _Spec(
        ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
        ("小标宋", "xiaobiaosong"), FontRole.SONG,
    ),
    FontRole.SONG: _Spec(
        ("宋体", "SimSun"), ("宋", "song", "sung", "ming"), None,
        exclude=("仿宋", "fang", "小标宋", "xiaobiao"),
    ),
}


@record
class Face:
    """One font in a file (a .ttc holds several)."""

    path: str
    index: int
    families: tuple[str, ...]  # every family name the file gives, Chinese first
    truetype: bool  # glyf outlines: ReportLab can embed it
    cjk: bool  # covers Chinese

    @property
    def name(self) -> str:
        return self.families[0] if self.families else Path(self.path).stem


@record
class Choice:
    role: FontRole
    face: Face | None  # None: the built-in STSong-Light
    docx_name: str  # the family a .docx names for this role
    bold: bool  # the PDF face stands in for a heavier one: embolden it
    docx_bold: bool = False  # the .docx is bold too (never: it names the standard face, see ``_choose``)
    standard: bool = False  # the face is one of the role's standard faces (仿宋_GB2312 or 仿宋 …)

    @property
    def used(self) -> str:
        """The face the PDF prints this role with, as a user would recognise it."""
        return self.face.name if self.face is not None else CID_FALLBACK


# How notes name each role's standard faces, and what the role prints.
STANDARD_FACES = {
    FontRole.BODY: ("仿宋_GB2312或仿宋", "正文"),
    FontRole.HEADING: ("黑体", "一级标题"),
    FontRole.KAI: ("楷体_GB2312或楷体", "二级标题"),
    FontRole.TITLE: ("方正小标宋简体", "标题"),
    FontRole.SONG: ("宋体", "表格和页码"),
}


NOT_EMBEDDED = (
    "未找到可嵌入的 TrueType 中文字体，PDF 使用阅读器自带的 STSong-Light 字体且不嵌入字体，"
    "换一台电脑显示和打印可能不同；请安装仿宋、黑体、楷体、宋体，或用 --font-dir 指定字体文件夹"
)


@record
class FontSet:
    choices: dict[FontRole, Choice]
    warnings: tuple[str, ...]  # about the fonts the user chose

    def __getitem__(self, role: FontRole) -> Choice:
        return self.choices[role]

    @property
    def embedded(self) -> bool:
        return all(choice.face is not None for choice in self.choices.values())

    @property
    def pdf_warnings(self) -> tuple[str, ...]:
        return self.warnings if self.embedded else (*self.warnings, NOT_EMBEDDED)

    def notes(self, fmt: str) -> list[str]:
        """Which standard face was replaced by what, one line per role, for the user at export.

        A PDF prints with the faces found here; a .docx names the standard faces and leaves the
        choice to the computer that opens it (the fallbacks are in its font table)."""
        replaced = [(role, choice) for role, choice in self.choices.items() if not choice.standard]
        if fmt != ".pdf":
            missing = [STANDARD_FACES[r][0] for r, c in replaced if c.docx_name in _SPECS[r].names]
            own = [f"“{c.docx_name}”（{STANDARD_FACES[r][1]}）" for r, c in replaced
                   if c.docx_name not in _SPECS[r].names]
            notes = []
            if missing:
                notes.append(f"字体：本机没有{'、'.join(missing)}；Word 文件仍指定这些标准字体，"
                             "在没有它们的电脑上由相近的字体代替")
            if own:
                notes.append(f"字体：Word 文件指定字体文件夹中的{'、'.join(own)}")
            return notes
        notes = []
        for role, choice in replaced:
            if choice.face is None:
                continue  # said once for all roles (NOT_EMBEDDED)
            standard, prints = STANDARD_FACES[role]
            how = "加粗代替" if choice.bold else "代替"
            notes.append(f"字体：本机没有{standard}，PDF 的{prints}用“{choice.used}”{how}")
        return notes


def resolve(font_dir: Path | str | None = None) -> FontSet:
    """The faces for every role; cached per font folder and search path."""
    if font_dir is not None:
        folder = Path(font_dir)
        if not folder.is_dir():
            raise InputError(f"字体文件夹“{folder}”不存在")
    key = str(Path(font_dir).resolve()) if font_dir else ""
    return _resolve(key, _system_dirs())


def _system_dirs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(Windows font folders, host font folders), or the override for both."""
    override = os.environ.get(FONT_PATH_ENV)
    if override is not None:
        dirs = tuple(d for d in override.split(os.pathsep) if d)
        return dirs, dirs
    windows: list[Path] = []
    if sys.platform == "win32":
        windows.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts installed without admin rights land here
            windows.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        host = windows
    elif sys.platform == "darwin":
        host = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    else:
        host = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                Path.home() / ".local" / "share" / "fonts", Path.home() / ".fonts"]
    return tuple(str(d) for d in windows), tuple(str(d) for d in host)


@lru_cache(maxsize=8)
def _resolve(user_dir: str, system: tuple[tuple[str, ...], tuple[str, ...]]) -> FontSet:
    windows_dirs, host_dirs = system
    user = _faces([user_dir]) if user_dir else []
    windows = _faces(windows_dirs)
    host = windows if host_dirs == windows_dirs else _faces(host_dirs)
    warnings = []
    if user_dir and not any(f.truetype and f.cjk for f in user):
        warnings.append(f"字体文件夹“{user_dir}”中没有可嵌入的 TrueType 中文字体，已改用系统字体")
    choices = {role: _choose(role, user, windows, host) for role in FontRole}
    return FontSet(choices, tuple(warnings))


def _choose(role: FontRole, user: list[Face], windows: list[Face], host: list[Face]) -> Choice:
    """The PDF's face for ``role``; the .docx names the role's standard face (仿宋_GB2312 …) unless
    the user's folder supplies another one, which it then names as installed."""
    spec = _SPECS[role]
    usable = [f for f in user + windows + host if f.truetype and f.cjk]
    standard_name = spec.names[0]
    for faces in (user, windows):
        face = _by_name(faces, spec) or (_by_keyword(faces, spec) if faces is user else None)
        if face:
            standard = any(n in spec.names for n in face.families)
            name = standard_name if standard or faces is not user else face.name
            return Choice(role, face, name, bold=False, standard=standard)
    face = _by_name(host, spec) or _by_keyword(host, spec)
    if face:
        return Choice(role, face, standard_name, bold=False, standard=any(n in spec.names for n in face.families))
    if spec.fallback is not None:
        stand_in = _choose(spec.fallback, user, windows, host)
        heavier = role in (FontRole.TITLE, FontRole.HEADING)
        return Choice(role, stand_in.face, standard_name, bold=heavier or stand_in.bold)
    if usable:
        return Choice(role, usable[0], standard_name, bold=False)
    return Choice(role, None, standard_name, bold=False)


def _by_name(faces: Iterable[Face], spec: _Spec) -> Face | None:
    ranked = [(spec.names.index(n), f) for f in faces if f.truetype and f.cjk for n in f.families if n in spec.names]
    return min(ranked, key=lambda item: item[0])[1] if ranked else None


def _by_keyword(faces: Iterable[Face], spec: _Spec) -> Face | None:
    for face in faces:
        if not (face.truetype and face.cjk):
            continue
        names = " ".join(face.families).lower()
        if any(k in names for k in spec.keywords) and not any(x in names for x in spec.exclude):
            return face
    return None


def _faces(dirs: Iterable[str]) -> list[Face]:
    faces: list[Face] = []
    for folder in dirs:
        faces.extend(_folder_faces(folder))
    return faces


@lru_cache(maxsize=32)
def _folder_faces(folder: str) -> tuple[Face, ...]:
    """The faces of the font files in ``folder``; headers are read only of files new to the index."""
    paths: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        paths.extend(Path(root) / f for f in sorted(names) if f.lower().endswith(FONT_SUFFIXES))
    known = face_index.load(folder)
    files: face_index.Files = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        if not S_ISREG(stat.st_mode):
            continue  # a pipe or device named like a font would be waited on forever
        entry = known.get(str(path))
        if entry is None or entry[:2] != (stat.st_size, stat.st_mtime_ns):
            try:
                records = tuple((f.index, f.families, f.truetype, f.cjk) for f in read_faces(path))
            except OSError:
                continue  # unreadable now: not ours to complain about, nor to remember
            except (struct.error, ValueError):
                records = ()  # not a font: remembered, so that it is not read again
            entry = (stat.st_size, stat.st_mtime_ns, records)
        files[str(path)] = entry
    if files != known:
        face_index.save(folder, files)
    return tuple(Face(path, *record) for path, (_size, _mtime, records) in files.items() for record in records)


# --- Reading font headers ------------------------------------------------------------

_CHINESE_LANGUAGES = {0x0804, 0x0404, 0x0C04, 0x1004, 0x1404}  # Windows LCIDs


def read_faces(path: Path) -> list[Face]:
    """The faces of a .ttf/.ttc/.otf: names, outline type and CJK coverage from the headers."""
    with open(path, "rb") as stream:
        head = stream.read(12)
        if head[:4] == b"ttcf":
            (count,) = struct.unpack(">I", head[8:12])
            offsets = struct.unpack(f">{min(count, 64)}I", stream.read(4 * min(count, 64)))
        else:
            offsets = (0,)
        return [_read_face(stream, str(path), i, offset) for i, offset in enumerate(offsets)]


def _read_face(stream: BinaryIO, path: str, index: int, offset: int) -> Face:
    stream.seek(offset)
    version, count = struct.unpack(">4sH", stream.read(6))
    if version not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        raise ValueError("not an sfnt font")
    stream.seek(offset + 12)
    directory = stream.read(16 * count)
    tables = {}
    for i in range(count):
        tag, _checksum, start, length = struct.unpack(">4sIII", directory[16 * i: 16 * i + 16])
        tables[tag] = (start, length)
    truetype = b"glyf" in tables and b"CFF " not in tables and b"CFF2" not in tables
    families = _families(stream, tables.get(b"name"))
    # Only TrueType faces are ever used, so only theirs are worth the cmap read.
    return Face(path, index, families, truetype, truetype and _covers_chinese(stream, tables.get(b"cmap")))


def _families(stream: BinaryIO, where: tuple[int, int] | None) -> tuple[str, ...]:
    if where is None:
        return ()
    stream.seek(where[0])
    data = stream.read(where[1])
    _format, count, string_offset = struct.unpack(">HHH", data[:6])
    chinese: list[str] = []
    other: list[str] = []
    for i in range(count):
        platform, encoding, language, name_id, length, start = struct.unpack(">6H", data[6 + 12 * i: 18 + 12 * i])
        if name_id not in (1, 16):
            continue
        raw = data[string_offset + start: string_offset + start + length]
        text = _decode_name(raw, platform, encoding)
        if not text:
            continue
        target = chinese if platform == 3 and language in _CHINESE_LANGUAGES else other
        if text not in chinese and text not in other:
            target.append(text)
    return tuple(chinese + other)


def _decode_name(raw: bytes, platform: int, encoding: int) -> str:
    try:
        if platform == 3 and encoding == 3:  # PRC: GBK bytes stored in 16-bit units
            return raw.replace(b"\x00", b"").decode("gbk").strip()
        if platform in (0, 3):
            return raw.decode("utf-16-be").strip()
        if platform == 1 and encoding == 0:
            return raw.decode("mac_roman").strip()
    except UnicodeDecodeError:
        pass
    return ""


def _covers_chinese(stream: BinaryIO, where: tuple[int, int] | None) -> bool:
    """Whether the font maps the probe characters (OS/2 ranges are unreliable both ways)."""
    if where is None:
        return False
    stream.seek(where[0])
    data = stream.read(where[1])
    (count,) = struct.unpack(">H", data[2:4])
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", data[4 + 8 * i: 12 + 8 * i])
        subtables[(platform, encoding)] = offset
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        if key in subtables:
            offset = subtables[key]
            return all(_maps(data, offset, ord(c)) for c in _CHINESE_PROBE)
    return False


_CHINESE_PROBE = "中文报告"


def _maps(data: bytes, offset: int, code: int) -> bool:
    (fmt,) = struct.unpack(">H", data[offset: offset + 2])
    if fmt == 4:
        (seg2,) = struct.unpack(">H", data[offset + 6: offset + 8])
        ends = struct.unpack(f">{seg2 // 2}H", data[offset + 14: offset + 14 + seg2])
        i = bisect.bisect_left(ends, code)
        if i == len(ends):
            return False
        starts_at = offset + 16 + seg2
        (start,) = struct.unpack(">H", data[starts_at + 2 * i: starts_at + 2 * i + 2])
        if code < start:
            return False
        (delta,) = struct.unpack(">h", data[starts_at + seg2 + 2 * i: starts_at + seg2 + 2 * i + 2])
        range_at = starts_at + 2 * seg2 + 2 * i
        (range_offset,) = struct.unpack(">H", data[range_at: range_at + 2])
        if range_offset == 0:
            return bool((code + delta) & 0xFFFF)
        at = range_at + range_offset + 2 * (code - start)
        (glyph,) = struct.unpack(">H", data[at: at + 2])
        return bool(glyph)
    if fmt == 12:
        (groups,) = struct.unpack(">I", data[offset + 12: offset + 16])
        for i in range(groups):
            first, last, start_glyph = struct.unpack(">III", data[offset + 16 + 12 * i: offset + 28 + 12 * i])
            if first <= code <= last:
                return bool(start_glyph + code - first)
        return False
    return False
