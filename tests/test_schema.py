"""The schema is the contract everything else reads: ids, order, labels, computed cells."""



import pytest

from gxdesk import records, schema
from gxdesk.model import Report
from gxdesk.schema import APPEALS, PROACTIVE, REQUESTS


def test_request_row_ids_follow_the_file_format_in_table_order():
    assert schema.REQUEST_ROW_IDS == (
        "new", "carried_over", "granted", "partially_granted", "refused_state_secret",
        "refused_prohibited_by_law", "refused_three_safeties", "refused_third_party",
        "refused_internal_affairs", "refused_process_info", "refused_enforcement_files",
        "refused_query_matters", "unavailable_not_held", "unavailable_needs_creation",
        "unavailable_unclear", "not_processed_petition", "not_processed_repeat",
        "not_processed_publication", "not_processed_excessive", "not_processed_confirmation",
        "other_no_correction", "other_no_fee", "other_other", "carried_forward",
    )


def test_request_table_has_24_entered_rows_one_total_row_and_the_official_columns():
    rows = REQUESTS.rows
    assert len(rows) == 25
    assert [r.id for r in rows if r.computed] == ["total"]
    assert rows[-2].label == "（七）总计" and rows[-1].label == "四、结转下年度继续办理"
    columns = REQUESTS.blocks[0].columns
    assert [c.label for c in columns] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert [c.group for c in columns[1:6]] == [schema.LEGAL_PERSON_GROUP] * 5
    assert columns[-1].sum_of == schema.REQUEST_COLUMN_IDS


def test_total_row_adds_every_outcome_and_nothing_else():
    total = REQUESTS.row("total")
    assert set(total.sum_of) == {r.id for r in REQUESTS.rows} - {"new", "carried_over", "total", "carried_forward"}
    assert all(REQUESTS.row(r).groups[0] == "三、本年度办理结果" for r in total.sum_of)


def test_outcome_rows_carry_their_three_level_labels():
    row = REQUESTS.row("refused_state_secret")
    assert row.groups == ("三、本年度办理结果", "（三）不予公开") and row.label == "1.属于国家秘密"
    assert REQUESTS.row("other_no_fee").groups[-1] == "（六）其他处理"


def test_section_two_blocks_match_the_printed_table():
    assert [b.heading for b in PROACTIVE.blocks] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [c.label for c in PROACTIVE.block_of("rules").columns] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert PROACTIVE.kind("fees") is schema.Kind.AMOUNT
    assert PROACTIVE.kind("licensing") is schema.Kind.COUNT
    assert not any(r.computed or c.computed for r, c in PROACTIVE.cells())


def test_section_four_prints_fifteen_numbers_of_which_three_are_totals():
    cells = list(APPEALS.cells())
    assert len(cells) == 15
    assert [c.id for _, c in cells if c.computed] == ["total"] * 3
    assert [r.groups for r in APPEALS.rows] == [(), (schema.LITIGATION_GROUP,), (schema.LITIGATION_GROUP,)]


def test_sections_have_the_verbatim_headings():
    assert [s.heading for s in schema.SECTIONS] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_cell_names_are_unambiguous_for_every_cell():
    names = [schema.cell_name(t.id, r.id, c.id) for t in schema.TABLES for r, c in t.cells()]
    assert len(names) == len(set(names))
    assert schema.cell_name("requests", "refused_state_secret", "business") == \
        "三、申请情况「（三）不予公开·1.属于国家秘密」「商业企业」"
    assert schema.cell_name("proactive", "licensing", "count") == "二、主动公开「行政许可」"


def test_print_shapes_are_declared_and_checked_when_a_table_is_built():
    assert [t.shape for t in schema.TABLES] == [schema.Shape.STACKED, schema.Shape.MATRIX, schema.Shape.SIDE_BY_SIDE]
    assert REQUESTS.column_title == schema.APPLICANT_GROUP
    one_column = PROACTIVE.blocks[1]
    with pytest.raises(ValueError, match="one block"):
        schema.Table("x", "二", schema.Shape.MATRIX, PROACTIVE.blocks, (156.0,), 10.5)
    with pytest.raises(ValueError, match="stacked"):
        schema.Table("x", "三", schema.Shape.STACKED, (*REQUESTS.blocks, one_column), (156.0,), 10.5)


def test_a_row_is_one_value_in_the_file_only_in_a_one_column_block():
    assert {b.file_form for b in PROACTIVE.blocks if len(b.columns) == 1} == {schema.FileForm.VALUE}
    assert REQUESTS.blocks[0].file_form is schema.FileForm.LIST
    with pytest.raises(ValueError, match="one entered column"):
        schema.Block("", PROACTIVE.blocks[0].columns, (), file_form=schema.FileForm.VALUE)


def test_rows_have_a_short_name_for_running_text():
    assert REQUESTS.row("carried_over").short == "二、上年结转"
    assert REQUESTS.row("carried_forward").short == REQUESTS.row("carried_forward").label


def test_meta_fields_are_the_reports_meta_attributes():
    attributes = [name for name in records.fields(Report) if name not in ("text", "cells", "explanations", "previous")]
    assert [f.id for f in schema.META_FIELDS] == attributes
    assert schema.META_LABELS["doc_number"] == "发文字号"


def test_titles():
    assert "".join(schema.standard_title("某县人民政府", 2025)) == "某县人民政府2025年政府信息公开工作年度报告"
    assert schema.standard_title("某县人民政府", 2025)[0] == "某县人民政府"
    assert schema.short_title("某县人民政府", 2025) == "某县人民政府2025年度报告"
