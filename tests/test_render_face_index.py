"""The font-folder index: the faces found are the same; only new or changed files are read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gxdesk.render import cache, face_index, fonts
from gxdesk.userdirs import HOME_ENV
from tests.test_render_fonts import HEI, KAI, SONG, needs

pytestmark = needs(SONG, KAI, HEI)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    return home


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "fonts"
    (folder / "sub").mkdir(parents=True)
    shutil.copyfile(SONG, folder / "song.ttf")
    shutil.copyfile(HEI, folder / "sub" / "hei.ttc")
    (folder / "junk.ttf").write_bytes(b"not a font")
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The font files whose headers are read."""
    read: list[str] = []
    real = fonts.read_faces

    def counting(path: Path) -> list[fonts.Face]:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(fonts, "read_faces", counting)
    return read


def scan(folder: Path) -> tuple[fonts.Face, ...]:
    fonts._folder_faces.cache_clear()  # as in a new process
    return fonts._folder_faces(str(folder))


def test_a_second_scan_reads_no_font_and_finds_the_same_faces(folder: Path, reads: list[str]) -> None:
    first = scan(folder)
    assert sorted(reads) == ["hei.ttc", "junk.ttf", "song.ttf"]
    assert [(Path(f.path).name, f.index) for f in first] == [("song.ttf", 0), ("hei.ttc", 0), ("hei.ttc", 1)]
    reads.clear()
    assert scan(folder) == first
    assert reads == []  # not even the junk file


def test_a_changed_or_new_file_is_read_again(folder: Path, reads: list[str]) -> None:
    first = scan(folder)
    with open(folder / "song.ttf", "ab") as stream:
        stream.write(b"\0" * 4)
    shutil.copyfile(KAI, folder / "kai.ttf")
    (folder / "sub" / "hei.ttc").unlink()
    reads.clear()
    again = scan(folder)
    assert sorted(reads) == ["kai.ttf", "song.ttf"]
    assert [Path(f.path).name for f in again] == ["kai.ttf", "song.ttf"]
    assert again[1] == first[0]
    reads.clear()
    scan(folder)
    assert reads == []


def test_a_file_unreadable_for_now_is_not_remembered(folder: Path, reads: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real = fonts.read_faces

    def locked(path: Path) -> list[fonts.Face]:
        if path.name == "song.ttf":
            raise PermissionError(path)
        return real(path)

    monkeypatch.setattr(fonts, "read_faces", locked)
    assert [Path(f.path).name for f in scan(folder)] == ["hei.ttc", "hei.ttc"]
    monkeypatch.setattr(fonts, "read_faces", real)
    assert [Path(f.path).name for f in scan(folder)] == ["song.ttf", "hei.ttc", "hei.ttc"]


@pytest.mark.parametrize("damage", ["garbage", "wrong types", "another folder", "other format"])
def test_a_damaged_or_foreign_index_is_ignored_and_rewritten(folder: Path, reads: list[str], damage: str) -> None:
    first = scan(folder)
    (index,) = cache.folder().glob("*" + face_index.SUFFIX)
    data = json.loads(index.read_text(encoding="utf-8"))
    if damage == "garbage":
        index.write_bytes(b"\xff{not json")
    else:
        if damage == "wrong types":
            data["files"][str(folder / "song.ttf")][2][0][1] = "families should be a list"
        elif damage == "another folder":
            data["folder"] = "/somewhere/else"
        else:
            data["format"] = 99
        index.write_text(json.dumps(data), encoding="utf-8")
    reads.clear()
    assert scan(folder) == first
    assert sorted(reads) == ["hei.ttc", "junk.ttf", "song.ttf"]
    reads.clear()
    assert scan(folder) == first and reads == []  # whole again


def test_an_unwritable_cache_only_costs_time(folder: Path, home: Path, reads: list[str]) -> None:
    home.write_text("a file where the folder should be")
    first = scan(folder)
    reads.clear()
    assert scan(folder) == first
    assert len(reads) == 3


def test_at_most_max_folders_indexes_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(face_index, "MAX_FOLDERS", 2)
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        shutil.copyfile(SONG, tmp_path / name / "song.ttf")
        scan(tmp_path / name)
    kept = {json.loads(p.read_text(encoding="utf-8"))["folder"] for p in cache.folder().glob("*" + face_index.SUFFIX)}
    assert len(kept) == 2 and str(tmp_path / "a") not in kept


def test_resolve_chooses_the_same_faces_from_the_index(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.FONT_PATH_ENV, str(folder))
    fonts._resolve.cache_clear()
    scan(folder)
    fresh = fonts.resolve()
    fonts._resolve.cache_clear()
    fonts._folder_faces.cache_clear()
    assert fonts.resolve() == fresh
    assert fresh[fonts.FontRole.HEADING].face is not None and fresh[fonts.FontRole.HEADING].face.path.endswith("hei.ttc")
    fonts._resolve.cache_clear()
