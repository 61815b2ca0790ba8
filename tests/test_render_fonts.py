"""Font resolution: the user's fonts, then the Windows standard ones, then the host's, then STSong-Light."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gxdesk.errors import InputError
from gxdesk.render import fonts
from gxdesk.render.fonts import FONT_PATH_ENV, Face, FontRole

SONG = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
KAI = Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")
HEI = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def needs(*paths: Path) -> pytest.MarkDecorator:
    missing = [p.name for p in paths if not p.is_file()]
    return pytest.mark.skipif(bool(missing), reason=f"font files not installed: {missing}")


def face(*families: str, truetype: bool = True, cjk: bool = True, path: str = "x.ttf") -> Face:
    return Face(path, 0, families, truetype, cjk)


# --- Reading font files --------------------------------------------------------------


@needs(SONG, HEI)
def test_reads_names_of_ttf_and_every_face_of_a_ttc() -> None:
    (song,) = fonts.read_faces(SONG)
    assert "AR PL SungtiL GB" in song.families and song.truetype and song.cjk
    hei = fonts.read_faces(HEI)
    assert [f.index for f in hei] == [0, 1]
    assert "WenQuanYi Micro Hei" in hei[0].families and "WenQuanYi Micro Hei Mono" in hei[1].families
    assert song.name == song.families[0] == "文鼎ＰＬ简报宋"  # the Chinese name first


@needs(NOTO)
def test_cff_fonts_are_not_usable() -> None:
    faces = fonts.read_faces(NOTO)
    assert faces and not any(f.truetype for f in faces)


def test_junk_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.ttf").write_bytes(b"not a font at all")
    (tmp_path / "empty.ttc").write_bytes(b"")
    assert fonts._folder_faces(str(tmp_path)) == ()


# --- Choosing ------------------------------------------------------------------------


def test_windows_standard_fonts_by_name_gb2312_preferred() -> None:
    windows = [face("仿宋", "FangSong"), face("仿宋_GB2312", "FangSong_GB2312"), face("黑体", "SimHei"),
               face("楷体", "KaiTi"), face("宋体", "SimSun"), face("新宋体", "NSimSun")]
    chosen = {role: fonts._choose(role, [], windows, []) for role in FontRole}
    assert chosen[FontRole.BODY].face.families[0] == "仿宋_GB2312"  # type: ignore[union-attr]
    assert chosen[FontRole.KAI].face.families[0] == "楷体"  # type: ignore[union-attr]
    # The .docx names the standard faces (its font table lists the fallbacks: 楷体_GB2312 → 楷体 …).
    assert [chosen[r].docx_name for r in FontRole] == ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"]
    assert all(chosen[r].standard for r in FontRole if r is not FontRole.TITLE)
    # Stock Windows has no 小标宋: bold 宋体 stands in, in the PDF; the .docx still asks for 小标宋.
    title = chosen[FontRole.TITLE]
    assert title.face.families[0] == "宋体" and title.bold and not title.docx_bold  # type: ignore[union-attr]
    assert not title.standard
    assert not any(c.bold for r, c in chosen.items() if r is not FontRole.TITLE)


def test_the_users_fonts_come_first() -> None:
    user = [face("方正小标宋简体", "FZXiaoBiaoSong-B05S", path="user.ttf")]
    windows = [face("宋体", "SimSun"), face("仿宋", "FangSong", path="win.ttf")]
    title = fonts._choose(FontRole.TITLE, user, windows, [])
    assert title.face is not None and title.face.path == "user.ttf"
    assert title.docx_name == "方正小标宋简体" and not title.bold
    assert fonts._choose(FontRole.BODY, user, windows, []).face.path == "win.ttf"  # type: ignore[union-attr]


def test_host_fonts_by_keyword_then_any_cjk_truetype() -> None:
    host = [face("Noto Serif CJK SC", truetype=False), face("DejaVu Sans", cjk=False),
            face("AR PL UKai CN"), face("AR PL UMing CN"), face("WenQuanYi Zen Hei")]
    chosen = {role: fonts._choose(role, [], [], host) for role in FontRole}
    assert chosen[FontRole.KAI].face.families == ("AR PL UKai CN",)  # type: ignore[union-attr]
    assert chosen[FontRole.SONG].face.families == ("AR PL UMing CN",)  # type: ignore[union-attr]
    assert chosen[FontRole.HEADING].face.families == ("WenQuanYi Zen Hei",)  # type: ignore[union-attr]
    # No 仿宋 on the host: 宋 stands in, and the .docx still asks for 仿宋_GB2312.
    assert chosen[FontRole.BODY].face.families == ("AR PL UMing CN",)  # type: ignore[union-attr]
    assert chosen[FontRole.BODY].docx_name == "仿宋_GB2312"
    only_other = fonts._choose(FontRole.SONG, [], [], [face("Some CJK Font")])
    assert only_other.face is not None


def test_nothing_usable_means_the_cid_font() -> None:
    host = [face("Noto Serif CJK SC", truetype=False), face("DejaVu Sans", cjk=False)]
    for role in FontRole:
        assert fonts._choose(role, [], [], host).face is None


# --- Resolving folders ---------------------------------------------------------------


@needs(SONG, KAI, HEI)
def test_this_machine_embeds_truetype_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_PATH_ENV, raising=False)
    fontset = fonts.resolve()
    assert fontset.embedded and fontset.pdf_warnings == ()
    assert fontset[FontRole.KAI].face.path == str(KAI)  # type: ignore[union-attr]
    assert fontset[FontRole.HEADING].face.path == str(HEI)  # type: ignore[union-attr]


@needs(KAI)
def test_a_font_folder_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FONT_PATH_ENV, "")
    shutil.copy(KAI, tmp_path / "kai.ttf")
    fontset = fonts.resolve(tmp_path)
    # The one font in the folder serves every role, and the PDF embeds it.
    assert all(c.face is not None and c.face.path == str(tmp_path.resolve() / "kai.ttf")
               for c in fontset.choices.values())
    assert fontset.pdf_warnings == ()
    assert fontset[FontRole.KAI].docx_name == "文鼎ＰＬ简中楷"


def test_a_font_folder_without_usable_fonts_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FONT_PATH_ENV, "")
    (tmp_path / "readme.txt").write_text("no fonts here")
    fontset = fonts.resolve(tmp_path)
    assert not fontset.embedded
    assert len(fontset.warnings) == 1 and "没有可嵌入" in fontset.warnings[0]
    assert fontset.pdf_warnings[-1] == fonts.NOT_EMBEDDED


def test_a_missing_font_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        fonts.resolve(tmp_path / "missing")


def test_search_path_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(FONT_PATH_ENV, os.pathsep.join([str(tmp_path), str(tmp_path / "nope")]))
    assert fonts._system_dirs() == ((str(tmp_path), str(tmp_path / "nope")),) * 2
    assert not fonts.resolve().embedded
