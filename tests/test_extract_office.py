"""Office readers: real workbooks from the corpus, workbooks and Word files built here
from real seed rows (seed 004: 兴隆县医疗保障局 2022 project target tables), and damaged files."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from nlp.extract.office import (
    SKIP_FORMULA_NO_VALUE,
    docx_tables,
    format_number,
    read_docx,
    read_xlsx,
    xlsx_tables,
)
from nlp.schema import ExtractError

FIXTURES = Path(__file__).parent / "fixtures"
XLSX = FIXTURES / "xlsx"
BAD = FIXTURES / "bad"


def _levels(result):
    return [(r.l1_filed, r.l2_filed, r.name, r.value_raw, r.l2) for r in result.rows]


def _all_text(result):
    for row in result.rows:
        yield from (str(v) for v in row.to_dict().values())
    for skipped in result.skipped:
        yield skipped.text


# --- real workbooks -------------------------------------------------------------------------------

def test_wuhan_project_application_form():
    result = read_xlsx(XLSX / "wuhan_donghu_hrss_2020_project_application.xlsx", "wuhan.xlsx")
    assert result.tables == 1
    assert len(result.rows) == 13
    rows = _levels(result)
    assert rows[0] == ("产出指标", "数量指标", "城镇新增就业人数", "25000人", "数量")
    assert rows[7] == ("产出指标", "数量指标", "劳动监察网格日常巡查", "不低于60户/人.月", "数量")
    # Stored as 1 and 0.95 under the "0%" format: read as displayed.
    assert rows[8] == ("产出指标", "质量指标", "培训人员合格率", "100%", "质量")
    assert rows[9] == ("产出指标", "时效指标", "仲裁案件法定期限结案率", "95%", "时效")
    # D45:D46 merged: the second row keeps 时效指标.
    assert rows[10] == ("产出指标", "时效指标", "劳动监察配合处理举报投诉案件", "在规定时间结案率为95%", "时效")
    assert rows[11] == ("效益指标", "社会效益指标", "提高全民参保覆盖面", "按时办结", "社会效益")
    assert rows[12] == (
        "效益指标", "社会公众或服务对象满意度指标", "做好服务工作，让服务对象满意", "95%", "满意度",
    )
    first = result.rows[0]
    assert first.row_locator == "Sheet1!R36"
    assert first.department == "武汉市人力资源和社会保障局东湖新技术开发区分局"
    assert first.project == "专项资金"
    assert first.table_kind == "目标表"
    assert [r.row_locator for r in result.rows][-1] == "Sheet1!R52"


def test_zhanjiang_2023_department_targets():
    result = read_xlsx(XLSX / "zhanjiang_hrss_2023_dept_targets.xlsx", "zj2023.xlsx")
    assert len(result.rows) == 16
    rows = _levels(result)
    assert rows[0] == ("产出指标", "数量指标", "城乡居民基础养老金标准", "≥200元每人每月", "数量")
    assert rows[5] == ("产出指标", "质量指标", "补贴发放准确率", "≧98%", "质量")
    assert rows[6] == ("产出指标", "时效指标", "资金在规定时间内下达率", "100%", "时效")
    assert rows[12] == ("效益指标", "社会效益指标", "扶持创业企业（项目）数", "650", "社会效益")
    assert rows[15] == ("满意度指标", "服务对象满意度指标", "公共服务满意度", "≧95%", "满意度")
    assert {(r.department, r.project, r.table_kind) for r in result.rows} == {
        ("湛江市人力资源和社会保障局", "湛江市人力资源和社会保障局", "部门整体")
    }
    # E5 holds =SUM(C5:C6): its cached value is shown, never the formula.
    budget = next(s for s in result.skipped if s.row_locator == "Sheet1!R5")
    assert budget.text == "预算整体情况 | 基本支出 | 10596.35 | 财政拨款 | 82800.92"
    assert not [t for t in _all_text(result) if t.startswith("=") or "SUM(" in t]


def test_zhanjiang_2024_department_targets():
    result = read_xlsx(XLSX / "zhanjiang_hrss_2024_dept_targets.xlsx", "zj2024.xlsx")
    assert len(result.rows) == 19
    rows = _levels(result)
    assert rows[1] == ("产出指标", "数量指标", "城镇新增就业人数（人）", "50000", "数量")
    assert rows[5] == ("产出指标", "质量指标", "补贴发放准确率", "100%", "质量")
    # Filed as 质量指标 under 效益指标 in the published table: kept as filed.
    assert rows[10] == ("效益指标", "质量指标", "全市城乡居民养老保险覆盖面", "不低于上年度水平", "质量")
    assert rows[14] == ("效益指标", "可持续影响指标", "对保持就业局势总体稳定发挥的影响", "保持稳定", "可持续影响")
    assert rows[15] == ("满意度指标", "服务对象", "群众满意度", "≥75%", "满意度")
    assert result.rows[0].row_locator == "Sheet1!R17"
    # "#,##0.00" and "=C5+C6" (cached) as Excel shows them.
    budget = next(s for s in result.skipped if s.row_locator == "Sheet1!R5")
    assert budget.text == "预算整体情况 | 基本支出 | 10,891.62 | 财政拨款 | 72807.38"
    assert not [t for t in _all_text(result) if t.startswith("=")]


# --- number formats -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, number_format, shown",
    [
        (0.95, "0%", "95%"),
        (1, "0%", "100%"),
        (0.955, "0.0%", "95.5%"),
        (0.955, "0%", "96%"),  # Excel rounds the decimal value, not the binary 95.4999...
        (2.675, "0.00", "2.68"),
        (0.00001, "General", "0.00001"),
        (0.123, "0.00%", "12.30%"),
        (95.00000000001, "General", "95"),
        (0.1 + 0.2, "General", "0.3"),
        (82800.92000000001, "General", "82800.92"),
        (50000.0, "General", "50000"),
        (6730, "0.00", "6730.00"),
        (10891.615675, "#,##0.00", "10,891.62"),
        (61915.7693, "0.00_ ", "61915.77"),
        (2.5, "0.0\"万元\"", "2.5万元"),
        (-5, "#,##0;(#,##0)", "(5)"),
        (0, '0;-0;"-"', "-"),
        (123456789, "0.00E+00", "1.23E+08"),
        (2.5, "[$¥-804]#,##0.00", "¥2.50"),
    ],
)
def test_numbers_render_as_excel_shows_them(value, number_format, shown):
    assert format_number(value, number_format) == shown


# --- workbooks built from seed rows ---------------------------------------------------------------

SEED_HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
LABOUR_ROWS = [  # seed 004, table 1 (劳务派遣人员经费)
    ["产出指标", "数量指标", "发放工资保险", "发放劳务派遣工资保险", "≥100百分比", "行业规定"],
    ["", "质量指标", "保障发放", "专款专用，保障发放", "专款专用，保障发放", "行业规定"],
    ["", "时效指标", "发放及时", "按时发放工资及缴纳保险", "按时发放工资及缴纳保险", "行业规定"],
    ["", "成本指标", "预计成本", "不超预算", "不超预算", "行业规定"],
    ["效益指标", "经济效益指标", "医保业务运转", "保障医保工作正常运行", "保障医保工作正常运行", "行业规定"],
    ["", "社会效益指标", "业务保障能力提升", "保障群众利益", "保障群众利益", "行业规定"],
    ["", "可持续影响指标", "长期实用性", "工作顺利开展", "工作顺利开展", "行业规定"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "服务对象满意", "≥100百分比", "行业规定"],
]
INSURANCE_ROWS = [  # seed 004, table 2 (财政对城乡基本医疗保险基金的补助); 参保对象满意度 stored as 0.93 in "0%"
    ["产出指标", "数量指标", "参保人数", "所有参保人全部配套", "所有参保人全部配套", "配套相关文件"],
    ["", "质量指标", "重复参保人数", "无重复参保", "无重复参保", "配套相关文件"],
    ["效益指标", "社会效益指标", "享受财政补助覆盖面", "全部享受", "全部享受", "配套相关文件"],
    ["满意度指标", "服务对象满意度指标", "参保对象满意度", "参保对象满意度", 0.93, "配套相关文件"],
]


def _write_table(sheet, top: int, title: str, project: str, rows: list[list]) -> int:
    """Title, unit and project rows, header and rows from ``top``; 一级 cells merged down."""
    sheet.cell(top, 1, title)
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=6)
    sheet.cell(top + 1, 1, "单位名称")
    sheet.cell(top + 1, 2, "362001兴隆县医疗保障局本级")
    sheet.cell(top + 2, 1, "项目名称")
    sheet.cell(top + 2, 2, project)
    sheet.merge_cells(start_row=top + 2, start_column=2, end_row=top + 2, end_column=6)
    header = top + 3
    for column, text in enumerate(SEED_HEADER, start=1):
        sheet.cell(header, column, text)
    group_start = None
    for offset, row in enumerate(rows, start=1):
        r = header + offset
        for column, value in enumerate(row, start=1):
            if value != "":
                cell = sheet.cell(r, column, value)
                if isinstance(value, float):
                    cell.number_format = "0%"
        if row[0]:
            if group_start and r - 1 > group_start:
                sheet.merge_cells(start_row=group_start, start_column=1, end_row=r - 1, end_column=1)
            group_start = r
    last = header + len(rows)
    if group_start and last > group_start:
        sheet.merge_cells(start_row=group_start, start_column=1, end_row=last, end_column=1)
    return last


def _seed_workbook(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "项目绩效目标"
    end = _write_table(sheet, 1, "1.劳务派遣人员经费绩效目标表", "劳务派遣人员经费", LABOUR_ROWS)
    end = _write_table(sheet, end + 3, "2.财政对城乡基本医疗保险基金的补助绩效目标表",
                       "财政对城乡基本医疗保险基金的补助", INSURANCE_ROWS)
    # A formula the workbook never computed (openpyxl stores no cached value).
    sheet.cell(end + 1, 1, "合计")
    sheet.cell(end + 1, 5, "=SUM(E2:E3)")
    lists = book.create_sheet("下拉选项")
    lists.append(["一级指标", "二级指标", "三级指标", "指标值"])
    lists.append(["产出指标", "数量指标", "示例", "1"])
    lists.sheet_state = "hidden"
    book.save(path)


def test_several_tables_per_sheet_with_merged_levels(tmp_path):
    path = tmp_path / "xinglong.xlsx"
    _seed_workbook(path)
    result = read_xlsx(path, "xinglong.xlsx")
    assert result.tables == 2
    assert [(r.table_index, r.project) for r in result.rows] == (
        [(1, "劳务派遣人员经费")] * 8 + [(2, "财政对城乡基本医疗保险基金的补助")] * 4
    )
    assert {r.department for r in result.rows} == {"兴隆县医疗保障局本级"}
    rows = _levels(result)
    assert rows[3] == ("产出指标", "成本指标", "预计成本", "不超预算", "经济成本")
    assert rows[6] == ("效益指标", "可持续影响指标", "长期实用性", "工作顺利开展", "可持续影响")
    assert rows[11] == ("满意度指标", "服务对象满意度指标", "参保对象满意度", "93%", "满意度")
    assert result.rows[0].row_locator == "项目绩效目标!R5"
    assert result.rows[0].description == "发放劳务派遣工资保险"
    assert result.rows[0].basis == "行业规定"
    assert result.rows[8].row_locator == "项目绩效目标!R19"
    # The hidden list sheet is not read; the uncomputed formula is reported, not shown.
    assert "示例" not in {r.name for r in result.rows}
    notes = [s for s in result.skipped if s.reason == SKIP_FORMULA_NO_VALUE]
    assert [(n.row_locator, n.table_index) for n in notes] == [("项目绩效目标!E23", 2)]
    assert not [t for t in _all_text(result) if "SUM(" in t]
    total = next(s for s in result.skipped if s.row_locator == "项目绩效目标!R23")
    assert total.text == "合计"


def test_workbook_tables_carry_title_metadata(tmp_path):
    path = tmp_path / "xinglong.xlsx"
    _seed_workbook(path)
    tables, notes = xlsx_tables(path, "xinglong.xlsx")
    assert [(t.table_index, t.title, t.project, t.table_kind, t.merged_filled) for t in tables] == [
        (1, "1.劳务派遣人员经费绩效目标表", "劳务派遣人员经费", "目标表", True),
        (2, "2.财政对城乡基本医疗保险基金的补助绩效目标表", "财政对城乡基本医疗保险基金的补助", "目标表", True),
    ]
    # Merged 一级 cells filled down; the second table starts at its own title row.
    assert tables[0].rows[5] == ("项目绩效目标!R6", ["产出指标", "质量指标", "保障发放", "专款专用，保障发放",
                                                   "专款专用，保障发放", "行业规定"])
    assert tables[1].rows[0][0] == "项目绩效目标!R15"
    assert len(notes) == 1


def test_self_evaluation_title_sets_kind(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["项目支出绩效自评表"])
    sheet.append(["项目名称", "劳务派遣人员经费"])
    sheet.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    sheet.append(["产出指标", "数量指标", "发放工资保险", "≥100百分比", 1, 10, 10])
    sheet.cell(4, 5).number_format = "0%"
    path = tmp_path / "self.xlsx"
    book.save(path)
    result = read_xlsx(path, "self.xlsx")
    row = result.rows[0]
    assert (row.table_kind, row.project, row.value_raw, row.actual, row.score) == (
        "自评表", "劳务派遣人员经费", "≥100百分比", "100%", "10",
    )


# --- damaged and wrong files ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "name, reader, reason",
    [
        ("truncated.xlsx", read_xlsx, "not a valid .xlsx file: corrupt or truncated zip archive"),
        ("word_renamed.xlsx", read_xlsx,
         "zip archive is not an Excel workbook: no xl/workbook.xml (it looks like a Word document)"),
        ("empty.csv", read_xlsx, "empty file (0 bytes); nothing to read"),
        ("png_renamed.csv", read_xlsx, "not a valid .xlsx file: it looks like a PNG image"),
        ("truncated.docx", read_docx, "not a valid .docx file: corrupt or truncated zip archive"),
        ("empty.csv", read_docx, "empty file (0 bytes); nothing to read"),
    ],
)
def test_damaged_files_fail_with_a_clear_reason(name, reader, reason):
    with pytest.raises(ExtractError) as caught:
        reader(BAD / name, name)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{name}: {reason}"


def test_legacy_binary_office_files_are_named(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ExtractError) as caught:
        read_xlsx(path, "old.xls")
    assert caught.value.reason == (
        "legacy .xls file (Office 97-2003 binary format) is not supported; save it as .xlsx"
    )


def test_encrypted_workbooks_are_named(tmp_path):
    path = tmp_path / "locked.xlsx"
    entry = "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + entry + b"\x00" * 64)
    with pytest.raises(ExtractError) as caught:
        read_xlsx(path, "locked.xlsx")
    assert caught.value.reason == "password-protected (encrypted) .xlsx file; remove the password and save it again"


def test_workbook_without_indicator_table(tmp_path):
    book = Workbook()
    book.active.append(["项目名称", "劳务派遣人员经费"])
    book.active.append(["预算数", 17.2])
    path = tmp_path / "budget.xlsx"
    book.save(path)
    with pytest.raises(ExtractError) as caught:
        read_xlsx(path, "budget.xlsx")
    assert caught.value.reason == (
        "no indicator table found in sheet Sheet (2 rows): no row has two of the headers "
        "一级指标 / 二级指标 / 三级指标 (指标名称) / 指标值 / 完成值"
    )


# --- docx -----------------------------------------------------------------------------------------

def _docx_indicator_table(document, rows: list[list[str]], merge_l2: bool = False):
    """Seed layout: 绩效指标描述 spans two grid columns; 一级 (and 二级) merged down."""
    table = document.add_table(rows=len(rows) + 1, cols=7)
    header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "", "指标值", "指标值确定依据"]
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    for r, row in enumerate(rows, start=1):
        for column, text in zip((0, 1, 2, 3, 5, 6), row):
            table.cell(r, column).text = text
    for r in range(len(rows) + 1):
        merged = table.cell(r, 3).merge(table.cell(r, 4))
        merged.text = header[3] if r == 0 else rows[r - 1][3]
    for level in (0, 1) if merge_l2 else (0,):
        start = 1
        for r in range(2, len(rows) + 2):
            if r == len(rows) + 1 or rows[r - 1][level]:
                if r - 1 > start:
                    label = rows[start - 1][level]
                    table.cell(start, level).merge(table.cell(r - 1, level)).text = label
                start = r
    return table


def _seed_document(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("预算项目绩效目标")
    for title, code, project, rows in (
        ("1.劳务派遣人员经费绩效目标表", "13082222P00877610001X", "劳务派遣人员经费", LABOUR_ROWS),
        ("2.财政对城乡基本医疗保险基金的补助绩效目标表", "13082222P00877110001H",
         "财政对城乡基本医疗保险基金的补助", [r[:4] + ["≥93%" if r[4] == 0.93 else r[4], r[5]] for r in INSURANCE_ROWS]),
    ):
        document.add_paragraph(title)
        meta = document.add_table(rows=2, cols=7)
        meta.cell(0, 0).merge(meta.cell(0, 5)).text = "362001兴隆县医疗保障局本级"
        meta.cell(0, 6).text = "单位：万元"
        for column, text in enumerate(["项目编码", code, "", "项目名称", project, "", ""]):
            meta.cell(1, column).text = text
        document.add_paragraph(" ")
        _docx_indicator_table(document, rows)
    # Rows with several 三级 under one 二级 (湛江 2024 部门整体, real rows): 二级 merged too.
    document.add_paragraph("2024年市级部门整体预算绩效目标表")
    document.add_paragraph("部门名称：湛江市人力资源和社会保障局")
    _docx_indicator_table(document, [
        ["产出指标", "数量指标", "城镇新增就业人数（人）", "", "50000", ""],
        ["", "", "促进创业人数（人）", "", "3000", ""],
        ["", "质量指标", "补贴发放准确率", "", "100%", ""],
        ["满意度指标", "服务对象", "群众满意度", "", "≥75%", ""],
        ["", "", "就业服务满意度", "", "≧90%", ""],
    ], merge_l2=True)
    document.save(path)


def test_docx_tables_with_merged_cells_and_titles(tmp_path):
    path = tmp_path / "xinglong.docx"
    _seed_document(path)
    result = read_docx(path, "xinglong.docx")
    assert result.tables == 3
    assert len(result.rows) == 8 + 4 + 5
    assert [(r.table_index, r.department, r.project, r.table_kind) for r in result.rows[7:9]] == [
        (1, "兴隆县医疗保障局本级", "劳务派遣人员经费", "目标表"),
        (2, "兴隆县医疗保障局本级", "财政对城乡基本医疗保险基金的补助", "目标表"),
    ]
    rows = _levels(result)
    assert rows[0] == ("产出指标", "数量指标", "发放工资保险", "≥100百分比", "数量")
    assert rows[3] == ("产出指标", "成本指标", "预计成本", "不超预算", "经济成本")
    assert rows[7] == ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥100百分比", "满意度")
    assert rows[11] == ("满意度指标", "服务对象满意度指标", "参保对象满意度", "≥93%", "满意度")
    # The description spans two grid columns: read once, not doubled into the value.
    assert (result.rows[1].description, result.rows[1].basis) == ("专款专用，保障发放", "行业规定")
    assert result.rows[0].row_locator == "table2!R2"
    assert result.rows[8].row_locator == "table4!R2"
    # Vertically merged 一级 and 二级 carry down.
    assert rows[12:] == [
        ("产出指标", "数量指标", "城镇新增就业人数（人）", "50000", "数量"),
        ("产出指标", "数量指标", "促进创业人数（人）", "3000", "数量"),
        ("产出指标", "质量指标", "补贴发放准确率", "100%", "质量"),
        ("满意度指标", "服务对象", "群众满意度", "≥75%", "满意度"),
        ("满意度指标", "服务对象", "就业服务满意度", "≧90%", "满意度"),
    ]
    last = result.rows[-1]
    assert (last.department, last.project, last.table_kind, last.row_locator) == (
        "湛江市人力资源和社会保障局", "湛江市人力资源和社会保障局", "部门整体", "table5!R6",
    )


def test_docx_grid_keeps_spans_once_and_carries_vertical_merges(tmp_path):
    path = tmp_path / "xinglong.docx"
    _seed_document(path)
    tables = docx_tables(path, "xinglong.docx")
    assert tables[2].rows[1:3] == [
        ("table5!R2", ["产出指标", "数量指标", "城镇新增就业人数（人）", "", "", "50000", ""]),
        ("table5!R3", ["产出指标", "数量指标", "促进创业人数（人）", "", "", "3000", ""]),
    ]
    assert tables[0].rows[0] == (
        "table2!R1", ["一级指标", "二级指标", "三级指标", "绩效指标描述", "", "指标值", "指标值确定依据"],
    )


def test_docx_without_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("绩效指标：全民参保率达95%以上")
    path = tmp_path / "prose.docx"
    document.save(path)
    with pytest.raises(ExtractError) as caught:
        read_docx(path, "prose.docx")
    assert caught.value.reason == (
        "no indicator table found in 0 Word table(s): no row has two of the headers "
        "一级指标 / 二级指标 / 三级指标 (指标名称) / 指标值 / 完成值"
    )


# --- layouts from other provinces -----------------------------------------------------------------

def test_sichuan_self_evaluation_sheet(tmp_path):
    """Rows of public/002 (青神县发展和改革局 2023 自评表): 指标性质 / 度量单位 columns,
    a 绩效指标(90分) label merged down the left, 合计 and 评价结论 rows."""
    book = Workbook()
    sheet = book.active
    sheet.append(["部门预算项目支出绩效自评表(2023年度)"])
    sheet.merge_cells("A1:K1")
    sheet.append(["项目名称", "51000021R000000019951-工资性支出"])
    sheet.append(["主管部门", "青神县发展和改革局本级", "", "", "", "实施单位 (盖章)", "青神县发展和改革局"])
    sheet.append(["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率"])
    sheet.append(["", "总额", 238.93, 251.89, 251.89, 1])
    sheet.cell(5, 6).number_format = "0.00%"
    sheet.append(["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
                  "权重", "得分", "未完成原因分析"])
    sheet.append(["", "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", 100, "%", "", 60])
    sheet.append(["", "效益指标", "社会效益指标", "足额保障率(参保率)", "=", 100, "%", "", 30])
    sheet.append(["", "合计", "", "", "", "", "", "", 100])
    sheet.merge_cells("A6:A9")
    sheet.append(["评价结论", "结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)"])
    path = tmp_path / "qingshen.xlsx"
    book.save(path)
    result = read_xlsx(path, "qingshen.xlsx")
    assert [(r.row_locator, r.l1_filed, r.l2_filed, r.name, r.value_raw, r.comparator, r.number, r.unit)
            for r in result.rows] == [
        ("Sheet!R7", "产出指标", "数量指标", "发放(缴纳)覆盖率", "100", "=", "100", "%"),
        ("Sheet!R8", "效益指标", "社会效益指标", "足额保障率(参保率)", "100", "=", "100", "%"),
    ]
    assert {(r.department, r.project, r.table_kind) for r in result.rows} == {
        ("青神县发展和改革局本级", "工资性支出", "自评表")
    }
    skipped = {s.row_locator: s for s in result.skipped}
    assert skipped["Sheet!R5"].text == "总额 | 238.93 | 251.89 | 251.89 | 100.00%"
    assert skipped["Sheet!R9"].reason == "subtotal or score row"


def test_one_project_per_sheet_and_two_row_headers(tmp_path):
    book = Workbook()
    first = book.active
    first.title = "劳务派遣"
    _write_table(first, 1, "1.劳务派遣人员经费绩效目标表", "劳务派遣人员经费", LABOUR_ROWS[:2])
    second = book.create_sheet("疫苗款")
    second.append(["单位名称", "362001兴隆县医疗保障局本级"])
    second.append(["绩效指标", "绩效指标", "绩效指标", "指标值"])
    second.append(["一级指标", "二级指标", "三级指标", ""])
    second.merge_cells("D2:D3")
    second.append(["产出指标", "数量指标", "财政配套30%", "财政配套30%"])
    second.append(["", "时效指标", "财政配套及时到位", "财政配套及时到位"])
    path = tmp_path / "sheets.xlsx"
    book.save(path)
    tables, _ = xlsx_tables(path, "sheets.xlsx")
    assert [(t.table_index, t.project, t.department, t.rows[0][0]) for t in tables] == [
        (1, "劳务派遣人员经费", "兴隆县医疗保障局本级", "劳务派遣!R1"),
        # No project on the second sheet: the first sheet's project does not leak into it.
        (2, "", "兴隆县医疗保障局本级", "疫苗款!R1"),
    ]
    result = read_xlsx(path, "sheets.xlsx")
    assert [(r.row_locator, r.l1_filed, r.l2_filed, r.name, r.value_raw) for r in result.rows[2:]] == [
        ("疫苗款!R4", "产出指标", "数量指标", "财政配套30%", "财政配套30%"),
        ("疫苗款!R5", "产出指标", "时效指标", "财政配套及时到位", "财政配套及时到位"),
    ]


def test_dates_and_huge_formatted_sheets(tmp_path):
    import datetime as dt
    import time

    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.append(["三级指标", "指标值"])
    sheet.append(["项目完成时间", dt.datetime(2024, 12, 31)])
    sheet.cell(2, 2).number_format = 'yyyy"年"m"月"d"日"'
    sheet.append(["资金下达时间", dt.datetime(2024, 6, 30)])
    sheet.cell(3, 2).number_format = "mm-dd-yy"  # built-in 14
    for row in range(4, 20000):  # styled, empty rows as templates often carry
        sheet.cell(row, 1).font = Font(bold=True)
    path = tmp_path / "dates.xlsx"
    book.save(path)
    started = time.perf_counter()
    result = read_xlsx(path, "dates.xlsx")
    assert time.perf_counter() - started < 10
    assert [(r.name, r.value_raw) for r in result.rows] == [
        ("项目完成时间", "2024年12月31日"),
        ("资金下达时间", "2024/6/30"),
    ]


def test_docx_nested_table_tracked_changes_and_symbol_font(tmp_path):
    """Word features that hide text from python-docx's Paragraph.text: a table nested in a
    layout cell, a tracked insertion, a deletion, ≥ typed via Insert > Symbol, a row in a
    content control."""
    from copy import deepcopy

    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    document.add_paragraph("16.培训基层定点医疗经办人员绩效目标表")
    layout = document.add_table(rows=1, cols=1)
    inner = layout.cell(0, 0).add_table(rows=4, cols=3)
    for r, row in enumerate([
        ["二级指标", "三级指标", "指标值"],
        ["数量指标", "培训定点机构人员数量", ""],
        ["质量指标", "保障培训质量", "掌握医疗政策情况"],
        ["时效指标", "培训时间与计划比较", "按方案及时安排培训"],
    ]):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    value = inner.cell(1, 2).paragraphs[0]._p
    value.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'))
    value.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2022-01-01T00:00:00Z"><w:r><w:t>100百分比</w:t></w:r></w:ins>'
    ))
    value.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="a" w:date="2022-01-01T00:00:00Z"><w:r><w:delText>90%</w:delText></w:r></w:del>'
    ))
    last_row = inner.rows[3]._tr
    control = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent/></w:sdt>')
    last_row.addprevious(control)
    control.find(qn("w:sdtContent")).append(deepcopy(last_row))
    last_row.getparent().remove(last_row)
    path = tmp_path / "nested.docx"
    document.save(path)
    result = read_docx(path, "nested.docx")
    assert [(r.row_locator, r.l2_filed, r.name, r.value_raw, r.project) for r in result.rows] == [
        ("table2!R2", "数量指标", "培训定点机构人员数量", "≥100百分比", "培训基层定点医疗经办人员"),
        ("table2!R3", "质量指标", "保障培训质量", "掌握医疗政策情况", "培训基层定点医疗经办人员"),
        ("table2!R4", "时效指标", "培训时间与计划比较", "按方案及时安排培训", "培训基层定点医疗经办人员"),
    ]


def test_labels_above_values(tmp_path):
    """Metadata written as a row of labels over a row of values (seed 004, table 20)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["项目支出绩效目标表（2022年度）"])
    sheet.append(["项目名称", "主管部门", "实施单位"])
    sheet.append(["医保网络运行维护费", "兴隆县医疗保障局", "362001兴隆县医疗保障局本级"])
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
    sheet.append(["产出指标", "数量指标", "正常运转率", "≥100百分比"])
    path = tmp_path / "vertical.xlsx"
    book.save(path)
    row = read_xlsx(path, "vertical.xlsx").rows[0]
    assert (row.department, row.project, row.name, row.value_raw) == (
        "兴隆县医疗保障局", "医保网络运行维护费", "正常运转率", "≥100百分比",
    )


def test_a_workbook_named_docx_says_it_looks_like_a_workbook(tmp_path):
    """The real Zhanjiang workbook saved under a .docx name."""
    renamed = tmp_path / "zhanjiang.docx"
    renamed.write_bytes((FIXTURES / "xlsx" / "zhanjiang_hrss_2024_dept_targets.xlsx").read_bytes())
    with pytest.raises(ExtractError) as caught:
        read_docx(renamed, "zhanjiang.docx")
    assert caught.value.reason == "zip archive is not a Word document: no word/document.xml (it looks like an Excel workbook)"
