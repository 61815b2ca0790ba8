"""Similarity to last year's report, per part and per sentence, as the window shows it while typing."""

from __future__ import annotations

from gxdesk.rules import check
from gxdesk.text_checks.similarity import LastYear, repeated_share


def test_a_part_copied_from_last_year_is_all_repeated_and_its_sentences_marked(sample):
    last = LastYear(sample)
    text = sample.text["problems"]
    similarity = last.part("problems", text)
    assert similarity.share == 1.0 and similarity.copied
    assert [text[s:e] for s, e in similarity.repeated] == [s + "。" for s in text.rstrip("。").split("。")]


def test_new_sentences_are_not_marked_and_the_share_falls(sample):
    last = LastYear(sample)
    new = "本年度新出现的问题是移动端公开栏目访问量偏低，群众反映查找不便。"
    text = f"{new}{sample.text['problems'].split('。')[0]}。"
    similarity = last.part("problems", text)
    assert 0.2 < similarity.share < 0.6
    assert similarity.repeated == ((len(new), len(text)),)
    assert last.part("problems", new) == (0.0, ())


def test_text_moved_to_another_part_of_the_section_is_still_repeated(sample):
    assert LastYear(sample).part("improvements", sample.text["problems"]).share == 1.0
    assert LastYear(sample).part("overview", sample.text["problems"]).share < 0.1  # another section


def test_a_changed_year_hides_no_copy(sample):
    text = sample.text["overview"].replace("2025", "2026")
    assert LastYear(sample).part("overview", text).share == 1.0
    assert repeated_share(text, sample.text["overview"]) == 1.0


def test_only_the_sections_the_rule_compares_are_measured():
    assert [p for p in ("preamble", "overview", "problems", "other") if LastYear.compares(p)] == ["overview", "problems"]


def test_the_part_measure_and_the_rule_agree_on_a_copied_section(sample):
    this = sample
    this_year = type(sample)(organ=sample.organ, year=2026, date="2027-01-10", text=dict(sample.text),
                             cells=dict(sample.cells))
    assert any(f.rule == "cross.text_repeated" for f in check(this_year, this))
    assert LastYear(this).part("problems", this_year.text["problems"]).copied
