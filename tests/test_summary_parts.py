"""The 汇总's parts: unit names, the roster, the 汇总 file, the search of folders."""

from __future__ import annotations

import json

import pytest

from gxdesk import gxr
from gxdesk.errors import InputError
from gxdesk.summary import file as summary_file
from gxdesk.summary.analyse import summarise
from gxdesk.summary.identity import unit_key
from gxdesk.summary.roster import parse_roster, read_roster
from gxdesk.summary.sources import find_inputs, read_source
from tests.summary_units import COUNTY, unit_name, write_units


@pytest.mark.parametrize("spelling", [
    "青禾县教育局", " 青禾县 教育局 ", "青禾县教育局\u3000", "青禾县教育局。", "“青禾县教育局”",
    "01-青禾县教育局2025年度报告（修改稿）", "青禾县教育局2025年政府信息公开工作年度报告", "青禾县教育局（盖章）",
])
def test_spellings_of_one_organ_meet(spelling):
    assert unit_key(spelling) == "青禾县教育局"


def test_width_is_folded_and_different_organs_stay_apart():
    assert unit_key("ＡＢＣ县第１中学") == unit_key("abc县第1中学")
    assert unit_key("青禾县教育局") != unit_key("青禾县教育和体育局")
    assert unit_key("青禾县人民政府办公室") != unit_key("青禾县人民政府")


def test_roster_lines_numbers_comments_and_repeats():
    text = "# 2026 年应报单位\n1. 青禾县教育局\n2、青禾县民政局\n\n３　青禾县水利局\n12\t青禾县财政局\n青禾县 教育局\n"
    assert parse_roster(text) == ["青禾县教育局", "青禾县民政局", "青禾县水利局", "青禾县财政局"]


def test_roster_file_in_gbk_and_refusals(tmp_path):
    path = tmp_path / "名单.txt"
    path.write_bytes("青禾县教育局\r\n青禾县民政局\r\n".encode("gbk"))
    assert read_roster(path) == ["青禾县教育局", "青禾县民政局"]
    (tmp_path / "empty.txt").write_text("\n# 无\n", encoding="utf-8")
    with pytest.raises(InputError, match="中没有单位名称"):
        read_roster(tmp_path / "empty.txt")
    (tmp_path / "名单.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    with pytest.raises(InputError, match="不是文本文件"):
        read_roster(tmp_path / "名单.xlsx")
    with pytest.raises(InputError, match="找不到文件"):
        read_roster(tmp_path / "none.txt")


def test_folders_are_searched_down_and_what_is_not_a_report_is_left(tmp_path):
    write_units(tmp_path / "a" / "b", 2)
    for name in ("~$青禾县第1单位.docx", ".hidden.gxr", "通知.xls", "青禾县第1单位.gxr.bak"):
        (tmp_path / "a" / name).write_text("x", encoding="utf-8")
    found = find_inputs([tmp_path / "a"])
    assert [p.name for p in found] == [f"{unit_name(1)}.gxr", f"{unit_name(2)}.gxr"]
    with pytest.raises(InputError, match="不是可汇总的报告文件"):
        find_inputs([tmp_path / "a" / "通知.xls"])
    with pytest.raises(InputError, match="找不到"):
        find_inputs([tmp_path / "nowhere"])
    assert find_inputs([tmp_path / "a"], skip=[found[0]]) == found[1:]


def test_a_file_that_cannot_be_read_keeps_its_reason(tmp_path):
    path = tmp_path / "青禾县第9单位.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    source = read_source(path)
    assert source.report is None and "另存为 .docx" in source.error and source.key == "青禾县第9单位"


# --- The 汇总 file ----------------------------------------------------------------------


def test_the_summary_file_round_trips_with_relative_paths(tmp_path):
    reports = write_units(tmp_path / "收到的报告", 3)
    sources = [read_source(p) for p in find_inputs([tmp_path / "收到的报告"])]
    result = summarise(sources, COUNTY)
    saved = summary_file.SummaryFile(organ=COUNTY, year=2025, inputs=[tmp_path / "收到的报告"],
                                     roster=[unit_name(1), unit_name(2)])
    saved.choose(unit_name(2), tmp_path / "收到的报告" / f"{unit_name(2)}.gxr")
    saved.compare_with = tmp_path / "本级.gxr"
    saved.units = summary_file.counted_figures(result)
    path = tmp_path / "2025年汇总.gxs"
    summary_file.save(saved, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["inputs"] == ["收到的报告"] and data["compare_with"] == "本级.gxr"
    assert data["decisions"] == [{"unit": unit_name(2), "use": f"收到的报告/{unit_name(2)}.gxr"}]

    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / "x.gxs").write_bytes(path.read_bytes())
    loaded = summary_file.load(moved / "x.gxs")
    assert loaded.inputs == [moved / "收到的报告"]  # relative paths follow the file
    assert loaded.roster == [unit_name(1), unit_name(2)] and loaded.organ == COUNTY and loaded.year == 2025
    assert loaded.decisions == {unit_key(unit_name(2)): moved / "收到的报告" / f"{unit_name(2)}.gxr"}
    figures = loaded.figures_by_unit()
    assert [figures[unit_key(r.organ)].cells for r in reports] == [r.cells for r in reports]

    summary_file.save(loaded, moved / "x.gxs")
    assert (moved / "x.gxs.bak").exists()  # saved atomically, the previous version kept


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(extra=1), "含有无法识别的项“extra”"),
    (lambda d: d.update(version=2), "由更新版本的 gxdesk 保存（文件版本 2）"),
    (lambda d: d.update(format="gxdesk-report"), "不是 gxdesk 汇总文件"),
    (lambda d: d.update(year="2025"), "year 应为 2008–2100 之间的年份"),
    (lambda d: d.update(roster="青禾县教育局"), "roster应为列表"),
    (lambda d: d["decisions"].append({"unit": "x", "use": "y", "why": "z"}), "decisions[0] 含有无法识别的项“why”"),
    (lambda d: d["units"][0]["figures"]["appeals"].update(review={"upheld": -1}), "不能是负数"),
    (lambda d: d["units"][0].update(note=""), "units[0] 含有无法识别的项“note”"),
])
def test_the_summary_file_is_read_strictly(tmp_path, change, message):
    write_units(tmp_path / "u", 1)
    result = summarise([read_source(p) for p in find_inputs([tmp_path / "u"])], COUNTY)
    saved = summary_file.SummaryFile(organ=COUNTY, year=2025, units=summary_file.counted_figures(result))
    data = summary_file.to_dict(saved, tmp_path)
    change(data)
    path = tmp_path / "s.gxs"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(summary_file.SummaryFileError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)").replace("]", r"\]")):
        summary_file.load(path)


def test_a_key_given_twice_in_the_summary_file_is_refused(tmp_path):
    # json.loads would let the second "organ" silently win; a .gxr refuses this too.
    path = tmp_path / "s.gxs"
    data = json.dumps(summary_file.to_dict(summary_file.SummaryFile(organ=COUNTY, year=2025), tmp_path),
                      ensure_ascii=False)
    path.write_text(data.replace('"organ":', '"organ": "别的机关", "organ":', 1), encoding="utf-8")
    with pytest.raises(summary_file.SummaryFileError, match="项“organ”出现了不止一次"):
        summary_file.load(path)


def test_the_summary_file_never_overwrites_what_is_not_one(tmp_path):
    path = tmp_path / "s.gxs"
    path.write_text("我的笔记", encoding="utf-8")
    with pytest.raises(summary_file.SummaryFileError, match="不是 gxdesk 汇总文件，为免覆盖"):
        summary_file.save(summary_file.SummaryFile(organ=COUNTY), path)
    assert path.read_text(encoding="utf-8") == "我的笔记"
    gxr.save(write_units(tmp_path / "u", 1)[0], tmp_path / "r.gxs")
    with pytest.raises(summary_file.SummaryFileError):
        summary_file.save(summary_file.SummaryFile(organ=COUNTY), tmp_path / "r.gxs")


def test_wording_in_many_units_is_common_not_copied():
    import random

    from gxdesk.summary.similar import COMMON_UNITS, similar_texts
    from tests.factories import unit_report, unit_text

    rng = random.Random(5)
    prescribed = unit_text(random.Random(1), sentences=5)
    units = []
    for n in range(COMMON_UNITS + 2):
        report = unit_report(rng, unit_name(n + 1))
        report.text["oversight"] += "\n" + prescribed  # the county asked every unit to write it
        units.append((report.organ, report))
    pairs, common = similar_texts(units)
    assert pairs == []
    assert [(c.section, len(c.units)) for c in common] == [("一", COMMON_UNITS + 2)]
    # Two of them copying a section of their own are still paired.
    units[0][1].text["problems"] = units[1][1].text["problems"] = unit_text(random.Random(2), sentences=8)
    pairs, _ = similar_texts(units)
    assert [(p.first, p.second, p.section) for p in pairs] == [(unit_name(1), unit_name(2), "五")]
