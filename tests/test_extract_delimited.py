"""Delimited text reader: encodings, delimiters, the flat 部门/项目 shape, the table shape,
and files that are not delimited text. Fixtures are written by fixtures/csv/make_csv_fixtures.py
from seed 004 and the library TSVs."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from nlp.extract.delimited import iter_delimited_rows, read_delimited
from nlp.schema import SKIP_EMPTY_TEMPLATE, SKIP_HEADER, SKIP_SUBTOTAL, ExtractError

CSV = Path(__file__).parent / "fixtures" / "csv"
BAD = Path(__file__).parent / "fixtures" / "bad"


def _rows(result):
    return [
        (r.row_locator, r.table_index, r.department, r.project, r.l1_filed, r.l2_filed, r.name, r.value_raw)
        for r in result.rows
    ]


def test_gbk_flat_list_with_blank_merged_cells():
    result = read_delimited(CSV / "seed004_xinglong_gbk.csv", "xinglong.csv")
    dept, labour, fund = "兴隆县医疗保障局本级", "劳务派遣人员经费", "财政对城乡基本医疗保险基金的补助"
    assert _rows(result) == [
        ("R2", 1, dept, labour, "产出指标", "数量指标", "发放工资保险", "≥100百分比"),
        ("R3", 1, dept, labour, "产出指标", "质量指标", "保障发放", "专款专用，保障发放"),
        ("R4", 1, dept, labour, "产出指标", "时效指标", "发放及时", "按时发放工资及缴纳保险"),
        ("R5", 1, dept, labour, "产出指标", "成本指标", "预计成本", "不超预算"),
        ("R6", 1, dept, labour, "效益指标", "经济效益指标", "医保业务运转", "保障医保工作正常运行"),
        ("R7", 1, dept, labour, "效益指标", "社会效益指标", "业务保障能力提升", "保障群众利益"),
        ("R8", 1, dept, labour, "效益指标", "可持续影响指标", "长期实用性", "工作顺利开展"),
        ("R9", 1, dept, labour, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥100百分比"),
        ("R10", 2, dept, fund, "产出指标", "数量指标", "参保人数", "所有参保人全部配套"),
        ("R11", 2, dept, fund, "产出指标", "质量指标", "重复参保人数", "无重复参保"),
        ("R13", 2, dept, fund, "满意度指标", "服务对象满意度指标", "参保对象满意度", "≥93%"),
    ]
    first, last = result.rows[0], result.rows[-1]
    assert (first.l1, first.l2, first.comparator, first.number, first.unit) == ("产出", "数量", "≥", "100", "百分比")
    assert (first.description, first.basis, first.table_kind) == ("发放劳务派遣工资保险", "行业规定", "目标表")
    assert (last.l1, last.l2, last.comparator, last.number, last.unit) == ("满意度", "满意度", "≥", "93", "%")
    assert result.rows[3].l2 == "经济成本"
    assert [(s.row_locator, s.reason, s.text) for s in result.skipped] == [
        ("R1", SKIP_HEADER, "部门 | 项目名称 | 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据"),
        ("R12", SKIP_EMPTY_TEMPLATE, f"{dept} | {fund} | 产出指标 | 生态效益指标"),
        ("R14", SKIP_SUBTOTAL, "合计"),
    ]
    assert result.tables == 2


def test_utf8_bom_flat_list_with_unit_column_and_quoted_cells():
    result = read_delimited(CSV / "shuanggao_utf8_bom.csv", "shuanggao.csv")
    project = "第二期“双高建设计划”"
    assert [(r.row_locator, r.department, r.project, r.name, r.value_raw, r.unit, r.number) for r in result.rows] == [
        ("R2", "徐州工业职业技术学院", project, "与徐工集团共建工程机械党组织数量", "1", "", "1"),
        ("R3", "徐州工业职业技术学院", project, "国家级课程思政类项目或案例数量", "1", "", "1"),
        ("R4", "徐州工业职业技术学院", project, "任务终期完成度（%）", "100", "%", "100"),
        ("R5", "徐州工业职业技术学院", project, "专业群每年平均招生人数", "1,000", "", "1000"),
        ("R6", "徐州工业职业技术学院", project, "对专业集群高质量均衡发展的影响", "1", "", "1"),
        ("R7", "徐州工业职业技术学院", project, "在校生满意度（%）\n（问卷调查）", "96", "%", "96"),
    ]
    assert [r.l2 for r in result.rows] == ["数量", "质量", "时效", "社会效益", "可持续影响", "满意度"]
    # Only the header line is not an indicator: every line is accounted for.
    assert [(s.row_locator, s.reason) for s in result.skipped] == [("R1", SKIP_HEADER)]


def test_table_shaped_tsv_goes_through_the_grid_interpreter():
    result = read_delimited(CSV / "zhanjiang_2024_table.tsv", "zhanjiang.tsv")
    assert [(r.row_locator, r.l1_filed, r.l2_filed, r.name, r.value_raw, r.l2) for r in result.rows] == [
        ("R5", "产出指标", "数量指标", "城乡居民基础养老金标准", "≥190元每人每月", "数量"),
        ("R6", "产出指标", "数量指标", "城镇新增就业人数（人）", "50000", "数量"),
        ("R7", "产出指标", "质量指标", "补贴发放准确率", "100%", "质量"),
        ("R8", "产出指标", "时效指标", "资金在规定时间内下达率", "≧95%", "时效"),
        ("R10", "效益指标", "经济效益指标", "解决就业困难人员就业人数（人）", "1500", "经济效益"),
        ("R11", "效益指标", "可持续影响指标", "对保持就业局势总体稳定发挥的影响", "保持稳定", "可持续影响"),
        ("R12", "满意度指标", "服务对象", "群众满意度", "≥75%", "满意度"),
    ]
    assert {(r.department, r.table_kind) for r in result.rows} == {("湛江市人力资源和社会保障局", "部门整体")}
    reasons = {s.row_locator: s.reason for s in result.skipped}
    assert reasons["R4"] == SKIP_HEADER
    assert reasons["R9"] == SKIP_EMPTY_TEMPLATE


def test_semicolon_delimiter_and_utf16_excel_unicode_text(tmp_path):
    rows = [
        "部门;项目名称;三级指标;指标值;计量单位",
        "兴隆县医疗保障局本级;劳务派遣人员经费;发放工资保险;100;%",
    ]
    semicolon = tmp_path / "semi.csv"
    semicolon.write_text("\n".join(rows) + "\n", encoding="gb18030")
    unicode_text = tmp_path / "excel_unicode.txt"
    unicode_text.write_bytes(codecs.BOM_UTF16_LE + "\r\n".join(r.replace(";", "\t") for r in rows).encode("utf-16-le"))
    for path in (semicolon, unicode_text):
        result = read_delimited(path, path.name)
        row = result.rows[0]
        assert (row.row_locator, row.department, row.name, row.value_raw, row.unit) == (
            "R2", "兴隆县医疗保障局本级", "发放工资保险", "100", "%",
        )


def test_line_numbers_follow_physical_lines(tmp_path):
    path = tmp_path / "multiline.csv"
    path.write_text(
        '部门,项目名称,三级指标,指标值\n\n'
        '兴隆县医疗保障局本级,劳务派遣人员经费,"发放\n工资保险",≥100百分比\n'
        '兴隆县医疗保障局本级,劳务派遣人员经费,保障发放,专款专用\n',
        encoding="utf-8",
    )
    assert [line for line, _ in iter_delimited_rows(path, "multiline.csv")] == [1, 3, 5]
    assert [r.row_locator for r in read_delimited(path, "multiline.csv").rows] == ["R3", "R5"]


def test_reading_streams_rows(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("部门,项目名称,三级指标,指标值\n")
        for number in range(20000):
            handle.write(f"兴隆县医疗保障局本级,劳务派遣人员经费,指标{number},{number}\n")
    rows = iter_delimited_rows(path, "big.csv")
    assert next(rows) == (1, ["部门", "项目名称", "三级指标", "指标值"])
    result = read_delimited(path, "big.csv")
    assert len(result.rows) == 20000
    assert (result.rows[-1].row_locator, result.rows[-1].name) == ("R20001", "指标19999")


@pytest.mark.parametrize(
    "path, reason",
    [
        (BAD / "empty.csv", "empty file (0 bytes); nothing to read"),
        (
            BAD / "png_renamed.csv",
            "binary content (NUL bytes), not delimited text (it looks like a PNG image); export the table as CSV or TSV",
        ),
        (
            BAD / "not_text.csv",
            "text is neither UTF-8 nor GBK/GB18030 (utf-8-sig: byte 0x80 at offset 20; gb18030: byte 0x80 at offset 20); "
            "re-save the file as UTF-8 CSV",
        ),
        (
            CSV / "missing_value_column.csv",
            "missing required column(s) 指标值; header found at R1: 部门 | 项目名称 | 三级指标 | 计量单位; "
            "an indicator list needs a 三级指标 (or 指标名称) column and a 指标值 column",
        ),
    ],
)
def test_unreadable_files_fail_with_exact_reason(path, reason):
    with pytest.raises(ExtractError) as caught:
        read_delimited(path, path.name)
    assert caught.value.reason == reason
    assert caught.value.source_file == path.name


def test_no_header_at_all(tmp_path):
    path = tmp_path / "prose.csv"
    path.write_text("绩效目标,让参保人员享受高效、便捷的服务\n", encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        read_delimited(path, "prose.csv")
    assert caught.value.reason == (
        "no header row found in the first 1 line(s): no line names the columns 三级指标 (or 指标名称) and 指标值; "
        "first line R1: 绩效目标 | 让参保人员享受高效、便捷的服务"
    )


def test_blank_lines_only(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("\n\n,,\n", encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        read_delimited(path, "blank.csv")
    assert caught.value.reason == "no content: the file holds only blank lines"


def test_zhibiao_output_csv_reads_back(tmp_path):
    """The CSV `zhibiao extract` writes (English column names, UTF-8 BOM) is itself a flat list."""
    from nlp.extract.office import read_xlsx
    from nlp.schema import INDICATOR_COLUMNS
    from pipelines.safe_io import write_csv

    xlsx = Path(__file__).parent / "fixtures" / "xlsx" / "zhanjiang_hrss_2024_dept_targets.xlsx"
    original = read_xlsx(xlsx, "zj2024.xlsx")
    out = tmp_path / "rows.csv"
    write_csv(out, INDICATOR_COLUMNS, [row.to_dict() for row in original.rows])
    again = read_delimited(out, "rows.csv")
    fields = ("department", "project", "table_kind", "l1_filed", "l2_filed", "l1", "l2", "name", "value_raw",
              "comparator", "number", "unit")
    assert [tuple(getattr(r, f) for f in fields) for r in again.rows] == [
        tuple(getattr(r, f) for f in fields) for r in original.rows
    ]
    assert len(again.rows) == 19
