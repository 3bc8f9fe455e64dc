"""PDF, HTML (and web pages saved as .txt) and legacy .xls readers, end to end on real rows.

Fixtures in tests/fixtures/formats/ are written by tests/fixtures/make_format_fixtures.py from
complete project tables of seeds 004 (兴隆县医疗保障局 2022) and 000 (平乡县医疗保障局 2021);
the bad files are in tests/fixtures/bad/ (see PROVENANCE.md).
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.extract import extract_file, extract_paths
from nlp.extract.htmlpage import decode_html, html_blocks, read_html_text
from nlp.extract.pdf import _Block, _line_cells, _mark_furniture, _merge_page_breaks, unwrap_cell
from nlp.schema import ExtractError
from pipelines.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = FIXTURES / "formats"
BAD = FIXTURES / "bad"
PDF = FORMATS / "xinglong_pingxiang_targets.pdf"
HTML = FORMATS / "xinglong_2022_targets.html"
SAVED_PAGE = FORMATS / "xinglong_2022_saved_page.txt"
XLS = FORMATS / "xinglong_2022_targets.xls"
XINGLONG = "兴隆县医疗保障局本级"

PDF_ROWS = [
    # (table, locator, l1_filed, l2_filed, name, value_raw, basis)
    (1, 'p1!R5', '产出指标', '数量指标', '发放工资保险', '≥100百分比', '行业规定'),
    (1, 'p1!R6', '产出指标', '质量指标', '保障发放', '专款专用，保障发放', '行业规定'),
    (1, 'p1!R7', '产出指标', '时效指标', '发放及时', '按时发放工资及缴纳保险', '行业规定'),
    (1, 'p1!R8', '产出指标', '成本指标', '预计成本', '不超预算', '行业规定'),
    (1, 'p1!R9', '效益指标', '经济效益指标', '医保业务运转', '保障医保工作正常运行', '行业规定'),
    (1, 'p1!R10', '效益指标', '社会效益指标', '业务保障能力提升', '保障群众利益', '行业规定'),
    (1, 'p1!R11', '效益指标', '可持续影响指标', '长期实用性', '工作顺利开展', '行业规定'),
    (1, 'p1!R12', '满意度指标', '服务对象满意度指标', '服务对象满意度', '≥100百分比', '行业规定'),
    (2, 'p2!R3', '产出指标', '数量指标', '受益人数', '≥4500人', '测量台账'),
    (2, 'p2!R4', '产出指标', '质量指标', '网络技术培训指导率', '≥95%', '培训记录'),
    (2, 'p2!R5', '产出指标', '时效指标', '各项任务完成及时率（%）', '≥95%', '工作台账'),
    (2, 'p2!R6', '产出指标', '成本指标', '人均测量成本', '≥2元', '测量台账'),
    (2, 'p2!R7', '产出指标', '成本指标', '总成本', '>40万元', ''),
    (2, 'p2!R8', '效益指标', '社会效益指标', '公众安全感指数(%)', '≥95%', '工作台账'),
    (2, 'p3!R1', '效益指标', '社会效益指标', '项目实现功能', '≥95%', '工作台账'),
    (2, 'p3!R2', '效益指标', '可持续影响指标', '社会保障制度更加公平可持续', '≥95%', '工作台账'),
    (2, 'p3!R3', '满意度指标', '服务对象满意度指标', '满意率', '≥95%', '走访调查'),
    (2, 'p3!R4', '满意度指标', '服务对象满意度指标', '接受扶群众的满意率', '≥95%', '走访调查'),
    (3, 'p4!L5', '产出指标', '数量指标', '参保人数', '所有参保人全部配套', ''),
    (3, 'p4!L6', '产出指标', '质量指标', '重复参保人数', '无重复参保', ''),
    (3, 'p4!L7', '产出指标', '时效指标', '当年各级财政补助资金到位率', '全部到位', ''),
    (3, 'p4!L8', '产出指标', '成本指标', '虚报参保人数', '无虚报参保人数', ''),
    (3, 'p4!L9', '效益指标', '社会效益指标', '享受财政补助覆盖面', '全部享受', ''),
    (3, 'p4!L10', '效益指标', '可持续影响指标', '基金滚存结余可支配月数', '基金滚存结余可支配月数', ''),
    (3, 'p4!L11', '效益指标', '经济效益指标', '基本公共服务水平', '确保参保人员全员补助', ''),
    (3, 'p4!L12', '满意度指标', '服务对象满意度指标', '参保对象满意度', '≥93%', ''),
]
HTML_ROWS = [
    # (table, locator, l1_filed, l2_filed, name, value_raw, basis)
    (1, 'table2!R7', '产出指标', '数量指标', '补助人数', '100%', '文件要求'),
    (1, 'table2!R8', '产出指标', '质量指标', '补助资金金额', '确保补助资金县级配套', '文件要求'),
    (1, 'table2!R9', '产出指标', '时效指标', '资金及时到位', '确保配套资金及时到位', '文件要求'),
    (1, 'table2!R10', '产出指标', '成本指标', '配套资金用于基金支出', '配套资金用于基金支出', '文件要求'),
    (1, 'table2!R11', '效益指标', '经济效益指标', '业务保障能力提升情况', '业务保障能力提升情况', '文件要求'),
    (1, 'table2!R12', '效益指标', '社会效益指标', '基本公共服务水平', '基本公共服务水平', '文件要求'),
    (1, 'table2!R13', '效益指标', '生态效益指标', '满足生态环保要求', '满足生态环保要求', '文件要求'),
    (1, 'table2!R14', '效益指标', '可持续影响指标', '可持续性服务', '可持续性服务', '文件要求'),
    (1, 'table2!R15', '满意度指标', '服务对象满意度指标', '服务对象满意度', '100%', '文件要求'),
    (2, 'table3!R7', '产出指标', '数量指标', '是否所有代办员都发放补助', '所有代办员都发放补助', '冀财社[2021]182号要求'),
    (2, 'table3!R8', '产出指标', '质量指标', '代办员工资是否全员发放', '代办员工资全员发放', '冀财社[2021]182号要求'),
    (2, 'table3!R9', '产出指标', '时效指标', '即时率', '及时发放', '冀财社[2021]182号要求'),
    (2, 'table3!R10', '产出指标', '成本指标', '完成率', '≥95%', '冀财社[2021]182号要求'),
    (2, 'table3!R11', '效益指标', '经济效益指标', '经济效益指标', '待遇发放准确性', '冀财社[2021]182号要求'),
    (2, 'table3!R12', '效益指标', '社会效益指标', '社会效益', '社会效益', '冀财社[2021]182号要求'),
    (2, 'table3!R13', '效益指标', '生态效益指标', '社会保障类产出指标', '确保居民医疗保险经办工作顺利开展', '冀财社[2021]182号要求'),
    (2, 'table3!R14', '效益指标', '可持续影响指标', '业务保障能力提升', '确保居民医疗保险经办工作长期稳定开展', '冀财社[2021]182号要求'),
    (2, 'table3!R15', '满意度指标', '服务对象满意度指标', '社会保障类产出指标', '≥95%', '冀财社[2021]182号要求'),
]
SAVED_PAGE_ROWS = [
    # (table, locator, l1_filed, l2_filed, name, value_raw, basis)
    (1, 'table1!R7', '产出指标', '数量指标', '村所覆盖率', '医保网络覆盖村所数量', '文件规定'),
    (1, 'table1!R8', '产出指标', '质量指标', '医保网络运行的质量', '网络运行的质量良好', '文件规定'),
    (1, 'table1!R9', '产出指标', '时效指标', '完工及时性', '按协议要求及时完成村所网络连接及服务', '文件规定'),
    (1, 'table1!R10', '产出指标', '成本指标', '预计成本', '不超过年初预算数', '文件规定'),
    (1, 'table1!R11', '效益指标', '经济效益指标', '保障医保业务运转', '保障业务运转', '文件规定'),
    (1, 'table1!R12', '效益指标', '社会效益指标', '方便更多参保群众', '方便更多参保群众', '文件规定'),
    (1, 'table1!R13', '效益指标', '生态效益指标', '满足生态环保要求', '满足生态环保要求', '文件规定'),
    (1, 'table1!R14', '效益指标', '可持续影响指标', '长期使用性', '提高医保报销数量', '文件规定'),
    (1, 'table1!R15', '满意度指标', '服务对象满意度指标', '服务对象满意程度', '≥95%', '文件规定'),
]
XLS_ROWS = [
    # (table, locator, l1_filed, l2_filed, name, value_raw, basis)
    (1, '5.参保资助!R7', '产出指标', '数量指标', '补助人数', '100%', '文件要求'),
    (1, '5.参保资助!R8', '产出指标', '质量指标', '补助资金金额', '确保补助资金县级配套', '文件要求'),
    (1, '5.参保资助!R9', '产出指标', '时效指标', '资金及时到位', '确保配套资金及时到位', '文件要求'),
    (1, '5.参保资助!R10', '产出指标', '成本指标', '配套资金用于基金支出', '配套资金用于基金支出', '文件要求'),
    (1, '5.参保资助!R11', '效益指标', '经济效益指标', '业务保障能力提升情况', '业务保障能力提升情况', '文件要求'),
    (1, '5.参保资助!R12', '效益指标', '社会效益指标', '基本公共服务水平', '基本公共服务水平', '文件要求'),
    (1, '5.参保资助!R13', '效益指标', '生态效益指标', '满足生态环保要求', '满足生态环保要求', '文件要求'),
    (1, '5.参保资助!R14', '效益指标', '可持续影响指标', '可持续性服务', '可持续性服务', '文件要求'),
    (1, '5.参保资助!R15', '满意度指标', '服务对象满意度指标', '服务对象满意度', '100%', '文件要求'),
    (2, '2.基金补助!R7', '产出指标', '数量指标', '参保人数', '所有参保人全部配套', '配套相关文件'),
    (2, '2.基金补助!R8', '产出指标', '质量指标', '重复参保人数', '无重复参保', '配套相关文件'),
    (2, '2.基金补助!R9', '产出指标', '时效指标', '当年各级财政补助资金到位率', '全部到位', '配套相关文件'),
    (2, '2.基金补助!R10', '产出指标', '成本指标', '虚报参保人数', '无虚报参保人数', '配套相关文件'),
    (2, '2.基金补助!R11', '效益指标', '社会效益指标', '享受财政补助覆盖面', '全部享受', '配套相关文件'),
    (2, '2.基金补助!R12', '效益指标', '可持续影响指标', '基金滚存结余可支配月数', '基金滚存结余可支配月数', '配套相关文件'),
    (2, '2.基金补助!R13', '效益指标', '经济效益指标', '基本公共服务水平', '确保参保人员全员补助', '配套相关文件'),
    (2, '2.基金补助!R14', '满意度指标', '服务对象满意度指标', '参保对象满意度', '≥93%', '配套相关文件'),
]


def _rows(result):
    return [(r.table_index, r.row_locator, r.l1_filed, r.l2_filed, r.name, r.value_raw, r.basis) for r in result.rows]


def _projects(result):
    return sorted({(r.table_index, r.department, r.project, r.table_kind) for r in result.rows})


def _reason(path: Path, name: str | None = None) -> str:
    with pytest.raises(ExtractError) as error:
        extract_file(path, name)
    return str(error.value)


# --- PDF -------------------------------------------------------------------------------------------


def test_pdf_ruled_tables_merged_levels_and_text_only_page():
    result = extract_file(PDF)
    assert _rows(result) == PDF_ROWS
    assert len(result.rows) == 26 and result.tables == 3
    assert _projects(result) == [
        (1, XINGLONG, "劳务派遣人员经费", "目标表"),
        (2, "平乡县医疗保障局本级", "贫困人口慢性病鉴定及网络诊疗系统建设费用", "目标表"),
        (3, XINGLONG, "财政对城乡基本医疗保险基金的补助", "目标表"),
    ]
    first = result.rows[0]
    assert (first.source_file, first.l1, first.l2, first.description) == (
        "xinglong_pingxiang_targets.pdf", "产出", "数量", "发放劳务派遣工资保险",
    )
    # A cell wrapped by the printer is one text again ("...免费测量血糖\n受惠人数").
    assert result.rows[8].description == "慢病鉴定网络诊疗系统及免费测量血糖受惠人数"
    # The metadata table above each indicator table and the headers are accounted for.
    assert [(s.row_locator, s.reason) for s in result.skipped] == [
        ("p1!R4", "header"), ("p2!R2", "header"), ("p4!L4", "header"),
    ]


def test_pdf_table_continued_on_next_page_keeps_merged_levels():
    result = extract_file(PDF)
    continued = [r for r in result.rows if r.table_index == 2]
    assert len(continued) == 10
    # Page 3 starts inside the merged 效益指标 / 社会效益指标 cells of page 2.
    assert [(r.row_locator, r.l1, r.l2, r.name) for r in continued[5:8]] == [
        ("p2!R8", "效益", "社会效益", "公众安全感指数(%)"),
        ("p3!R1", "效益", "社会效益", "项目实现功能"),
        ("p3!R2", "效益", "可持续影响", "社会保障制度更加公平可持续"),
    ]
    # 二级 merged over two rows, wrapped inside its cell ("服务对象满意度指\n标").
    assert [(r.l2_filed, r.name) for r in continued[8:]] == [
        ("服务对象满意度指标", "满意率"), ("服务对象满意度指标", "接受扶群众的满意率"),
    ]


def test_pdf_fake_bold_characters_are_read_once():
    # Every character of this page is printed twice, 0.3 pt apart ("冀冀财财社社" without deduplication).
    result = extract_file(FORMATS / "xinglong_2022_fake_bold.pdf")
    assert _projects(result) == [(1, XINGLONG, "冀财社[2021]182号2022年省级财政城乡居民医保村级代办员补助", "目标表")]
    assert [(r.row_locator, r.l1_filed, r.l2_filed, r.name, r.value_raw) for r in result.rows] == [
        (f"p1!R{i + 5}", l1, l2, name, value) for i, (_, _, l1, l2, name, value, _) in enumerate(HTML_ROWS[9:])
    ]


def test_pdf_page_break_merge_rules():
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    page2 = _Block(2, 300, rows=[("p2!R1", header), ("p2!R2", ["产出指标", "数量指标", "参保人数", "所有参保人全部配套"])], width=4)
    number = _Block(2, 800, cells=["- 2 -"])
    repeated = _Block(3, 50, rows=[("p3!R1", header), ("p3!R2", ["", "质量指标", "重复参保人数", "无重复参保"])], width=4)
    merged = _merge_page_breaks([page2, number, repeated])
    assert [b.rows for b in merged if b.is_table] == [[
        ("p2!R1", header),
        ("p2!R2", ["产出指标", "数量指标", "参保人数", "所有参保人全部配套"]),
        ("p3!R2", ["", "质量指标", "重复参保人数", "无重复参保"]),
    ]]
    # A new title between the tables, or another column count, starts a new table.
    title = _Block(3, 20, cells=["2.财政对城乡基本医疗保险基金的补助绩效目标表"])
    page2 = _Block(2, 300, rows=list(page2.rows), width=4)
    continued = _Block(3, 50, rows=[("p3!R1", ["", "质量指标", "重复参保人数", "无重复参保"])], width=4)
    assert len([b for b in _merge_page_breaks([page2, title, continued]) if b.is_table]) == 2
    narrower = _Block(3, 50, rows=[("p3!R1", ["质量指标", "重复参保人数", "无重复参保"])], width=3)
    assert len([b for b in _merge_page_breaks([_Block(2, 300, rows=list(page2.rows), width=4), narrower]) if b.is_table]) == 2


def test_pdf_running_header_does_not_break_a_continued_table():
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    blocks = [
        _Block(2, 30, cells=["兴隆县医疗保障局2022年部门预算"], in_margin=True),
        _Block(2, 90, cells=["2.财政对城乡基本医疗保险基金的补助绩效目标表"]),
        _Block(2, 300, rows=[("p2!R1", header), ("p2!R2", ["产出指标", "数量指标", "参保人数", "所有参保人全部配套"])], width=4),
        _Block(2, 800, cells=["第 2 页"], in_margin=True),
        _Block(3, 30, cells=["兴隆县医疗保障局2022年部门预算"], in_margin=True),
        _Block(3, 50, rows=[("p3!R1", ["", "质量指标", "重复参保人数", "无重复参保"])], width=4),
        _Block(3, 800, cells=["第 3 页"], in_margin=True),
    ]
    _mark_furniture(blocks)
    assert [b.furniture for b in blocks if not b.is_table] == [True, False, True, True, True]
    tables = [b for b in _merge_page_breaks(blocks) if b.is_table]
    assert [loc for loc, _ in tables[0].rows] == ["p2!R1", "p2!R2", "p3!R1"] and len(tables) == 1
    # The same line in the margin of one page only, or a repeated unit line, is content.
    unit_lines = [_Block(p, 40, cells=["362001兴隆县医疗保障局本级", "单位：万元"], in_margin=True) for p in (1, 2)]
    _mark_furniture(unit_lines)
    assert [b.furniture for b in unit_lines] == [False, False]


def test_pdf_cell_text_helpers():
    assert unwrap_cell("服务对象满意度指\n标") == "服务对象满意度指标"
    assert unwrap_cell("1.对人员工资发放\n2.对人员缴纳养老保险") == "1.对人员工资发放\n2.对人员缴纳养老保险"
    assert unwrap_cell(None) == ""

    def chars(text: str, x: float) -> list[dict]:
        return [{"text": ch, "x0": x + 9 * i, "x1": x + 9 * (i + 1), "size": 9} for i, ch in enumerate(text)]

    # A line of an unruled table: cells are cut at gaps wider than 1.5 character heights.
    line = chars("产出指标", 67) + chars("数量指标", 137) + chars("参保人数", 237) + chars("所有参保人全部配套", 407)
    assert _line_cells(line) == ["产出指标", "数量指标", "参保人数", "所有参保人全部配套"]


def test_pdf_bad_files_fail_with_reasons(tmp_path: Path):
    assert _reason(BAD / "truncated.pdf") == (
        "truncated.pdf: corrupt or truncated PDF (PSEOF: Unexpected EOF); "
        "download it again or open it in a PDF reader and save a new copy"
    )
    assert _reason(BAD / "encrypted.pdf") == (
        "encrypted.pdf: password-protected (encrypted) PDF: open it with the password "
        "and print or save it as a new PDF without one"
    )
    assert _reason(BAD / "scanned.pdf") == (
        "scanned.pdf: no text layer (scanned image?); run OCR first (1 page(s) without any text)"
    )
    assert _reason(BAD / "scanned_numbered.pdf") == (
        "scanned_numbered.pdf: no text layer on 2 of 2 page(s) (scanned image?); run OCR first"
    )
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert _reason(tmp_path / "empty.pdf") == "empty.pdf: empty file (0 bytes); nothing to read"
    shutil.copy(HTML, tmp_path / "page.pdf")
    assert _reason(tmp_path / "page.pdf") == (
        "page.pdf: not a PDF file: it is an HTML page (often a failed download saved under a .pdf name); "
        "download the PDF again, or save the page as .html"
    )
    (tmp_path / "notes.pdf").write_text("项目名称：劳务派遣人员经费", encoding="utf-8")
    assert _reason(tmp_path / "notes.pdf") == "notes.pdf: not a PDF file: there is no %PDF header; give it its real extension"


LIBREOFFICE = FIXTURES / "libreoffice"


def _content(result):
    return [
        (r.department, r.project, r.table_kind, r.l1_filed, r.l2_filed, r.l1, r.l2, r.name, r.value_raw,
         r.description, r.basis, r.actual, r.score)
        for r in result.rows
    ]


@pytest.mark.parametrize(
    ("converted", "original"),
    [
        ("wuhan_donghu_hrss_2020_project_application.pdf", "xlsx/wuhan_donghu_hrss_2020_project_application.xlsx"),
        ("wuhan_donghu_hrss_2020_project_application.xls", "xlsx/wuhan_donghu_hrss_2020_project_application.xlsx"),
        ("zhanjiang_hrss_2024_dept_targets.xls", "xlsx/zhanjiang_hrss_2024_dept_targets.xlsx"),
        ("wuhan_donghu_hrss_2020_project_application.html", "xlsx/wuhan_donghu_hrss_2020_project_application.xlsx"),
        ("pingxiang_2021_two_projects.html", "score/pingxiang_2021_two_projects.docx"),
    ],
)
def test_libreoffice_conversions_read_like_their_originals(converted: str, original: str):
    """The same real document saved by LibreOffice as PDF (ruled, merged cells), .xls
    (BIFF8, number formats, cached formulas) or HTML gives the same indicator rows."""
    expected = extract_file(FIXTURES / original)
    result = extract_file(LIBREOFFICE / converted)
    assert _content(result) == _content(expected) and len(result.rows) == len(expected.rows) > 10
    if converted.endswith(".xls"):  # metadata rows too: 0% fractions, #,##0.00 amounts, cached formulas
        assert [(s.row_locator, s.reason, s.text) for s in result.skipped] == [
            (s.row_locator, s.reason, s.text) for s in expected.skipped
        ]


@pytest.mark.parametrize("converted", ["pingxiang_2021_two_projects_unruled.pdf", "pingxiang_2021_two_projects_ruled.pdf"])
def test_word_tables_printed_to_pdf_with_and_without_rules(converted: str):
    """A Word document printed to PDF, its tables with borders (ruled, vertically merged
    一级/二级 cells) and without (columns from where text starts, wrapped cells joined).
    The first table runs onto page 2 and one row is broken by the page break: its last
    line ("参保率") joins the row again."""
    expected = extract_file(FIXTURES / "score" / "pingxiang_2021_two_projects.docx")
    result = extract_file(LIBREOFFICE / converted)
    assert _content(result) == _content(expected) and len(result.rows) == 18
    assert result.rows[6].description == "在全县产生的重要影响，得到广大参保群众的充分认可。提高全县参保率"
    if "unruled" in converted:
        assert [r.row_locator for r in result.rows][5:9] == ["p1!L29", "p1!L32", "p2!L2", "p2!L5"]
        assert [(s.row_locator, s.reason) for s in result.skipped] == [("p1!L7", "header"), ("p2!L15", "header")]
    else:
        assert [r.row_locator for r in result.rows][5:9] == ["p1!R9", "p1!R10", "p2!R2", "p2!R3"]
        assert [(s.row_locator, s.reason) for s in result.skipped] == [("p1!R3", "header"), ("p2!R6", "header")]


FORM_101_PDF_ROWS = [
    # (locator, department, project, l1_filed, l2_filed, name, value_raw, comparator, number, unit)
    ('p1!L9', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '产出指标', '数量指标', '补贴非营利性民办幼儿园数量', '20', '=', '20', '个'),
    ('p1!L14', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '产出指标', '数量指标', '补贴民办园租用面积', '26970.7', '=', '26970.7', '平方米'),
    ('p1!L17', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '产出指标', '质量指标', '补贴覆盖民办幼儿园率', '90.91', '≥', '90.91', '%'),
    ('p1!L21', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '产出指标', '质量指标', '补贴发放合规率', '95', '≥', '95', '%'),
    ('p1!L24', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '产出指标', '时效指标', '补贴发放及时率', '95', '≥', '95', '%'),
    ('p1!L27', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '成本指标', '经济成本指标', '补贴标准', '71.86', '=', '71.86', '元/平方米'),
    ('p1!L29', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '成本指标', '社会成本指标', '实施项目对社会产生的不利影响', '减少', '', '', ''),
    ('p1!L34', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '效益指标', '社会效益指标', '提升疫情防控期间民办幼儿园扶持力度', '显著提升了疫情期间对民办幼儿园的扶持力度,大力支持了民办幼儿园的发展。', '', '', ''),
    ('p2!L9', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '效益指标', '社会效益指标', '促进学前教育普及普惠优质发展', '显著促进了学前教育普及及优质发展,大力支持了民办幼儿园发展。', '', '', ''),
    ('p2!L19', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '效益指标', '可持续影响指标', '非营利性民办园租房受益期限', '保障疫情期间非营利性民办园房租需求,大力支出民办幼儿园发展', '', '', ''),
    ('p2!L29', '天津市宁河区教育局', '2020年非营利性民办园房租补贴', '满意度指标', '服务对象满意度指标', '受益租户满意度', '95', '≥', '95', '%'),
]
MULTI_PROJECT_PDF_ROWS = [
    # (locator, department, project, l1_filed, l2_filed, name, value_raw, comparator, number, unit)
    ('p1!L5', '平乡县医疗保障局', '综合事务管理', '产出指标', '数量指标', '组织工作会议次数', '>55次', '>', '55', '次'),
    ('p1!L11', '平乡县医疗保障局', '综合事务管理', '产出指标', '质量指标', '综合事务保障率', '365天', '', '365', '天'),
    ('p1!L13', '平乡县医疗保障局', '综合事务管理', '产出指标', '时效指标', '完成及时率', '100%', '', '100', '%'),
    ('p1!L19', '平乡县医疗保障局', '综合事务管理', '产出指标', '成本指标', '总成本', '>22万元', '>', '22', '万元'),
    ('p1!L20', '平乡县医疗保障局', '综合事务管理', '效益指标', '社会效益指标', '社会稳定水平', '年终考核成绩合格', '', '', ''),
    ('p1!L22', '平乡县医疗保障局', '综合事务管理', '效益指标', '社会效益指标', '社会稳定水平', '>95%', '>', '95', '%'),
    ('p1!L24', '平乡县医疗保障局', '综合事务管理', '效益指标', '可持续影响指标', '社会影响力', '>95%', '>', '95', '%'),
    ('p1!L26', '平乡县医疗保障局', '综合事务管理', '满意度指标', '服务对象满意度指标', '群众满意度', '>95%', '>', '95', '%'),
    ('p1!L28', '平乡县医疗保障局', '综合事务管理', '满意度指标', '服务对象满意度指标', '群众满意度', '>95%', '>', '95', '%'),
    ('p1!L30', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '数量指标', '开展活动次数', '≥5次', '≥', '5', '次'),
    ('p1!L32', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '质量指标', '信息系统建设维护工作完成率', '≥95%', '≥', '95', '%'),
    ('p1!L35', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '时效指标', '各项任务完成及时率（%）', '≥95%', '≥', '95', '%'),
    ('p2!L3', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '成本指标', '推广宣传成本', '≥90000元', '≥', '90000', '元'),
    ('p2!L5', '平乡县医疗保障局', '全民参保计划保障经费', '效益指标', '社会效益指标', '家庭发展能力', '≥95%', '≥', '95', '%'),
    ('p2!L7', '平乡县医疗保障局', '全民参保计划保障经费', '满意度指标', '服务对象满意度指标', '群众满意度(%)', '≥100%', '≥', '100', '%'),
]


@pytest.mark.parametrize(
    ("converted", "expected"),
    [("variant_form_101_unruled.pdf", FORM_101_PDF_ROWS), ("variant_multi_project_merged_unruled.pdf", MULTI_PROJECT_PDF_ROWS)],
)
def test_unruled_pdf_101_columns_and_merged_project_column(converted: str, expected: list):
    """Word tables without borders printed by LibreOffice: 指标方向/比较符/数值/计量单位
    columns (财预〔2020〕101号 style) with a table over a page break, and a 项目名称
    column merged over each project's rows."""
    result = extract_file(LIBREOFFICE / converted)
    assert [
        (r.row_locator, r.department, r.project, r.l1_filed, r.l2_filed, r.name, r.value_raw, r.comparator, r.number, r.unit)
        for r in result.rows
    ] == expected
    assert result.tables == 1


FORM_101_RULED_ROWS = [
    # (locator, l1_filed, l2_filed, name, value_raw)
    ('p1!R3', '产出指标', '数量指标', '补贴非营利性民办幼儿园数量', '20'),
    ('p1!R4', '产出指标', '数量指标', '补贴民办园租用面积', '26970.7'),
    ('p1!R5', '产出指标', '质量指标', '补贴覆盖民办幼儿园率', '90.91'),
    ('p1!R6', '产出指标', '质量指标', '补贴发放合规率', '95'),
    ('p1!R7', '产出指标', '时效指标', '补贴发放及时率', '95'),
    ('p1!R8', '成本指标', '经济成本指标', '补贴标准', '71.86'),
    ('p1!R9', '成本指标', '社会成本指标', '实施项目对社会产生的不利影响', '减少'),
    ('p1!R10', '效益指标', '社会效益指标', '提升疫情防控期间民办幼儿园扶持力度', '显著提升了疫情期间对民办幼儿园的扶持力度,大力支持了民办幼儿园的发展。'),
    ('p2!R2', '效益指标', '社会效益指标', '促进学前教育普及普惠优质发展', '显著促进了学前教育普及及优质发展,大力支持了民办幼儿园发展。'),
    ('p2!R3', '效益指标', '可持续影响指标', '非营利性民办园租房受益期限', '保障疫情期间非营利性民办园房租需求,大力支出民办幼儿园发展'),
    ('p2!R4', '满意度指标', '服务对象满意度指标', '受益租户满意度', '95'),
]
DECORATED_RULED_ROWS = [
    # (locator, l1_filed, l2_filed, name, value_raw)
    ('p1!R3', '产出指标（50分）', '数量指标（20分）', '开展精品示范村建设数量', '≤4'),
    ('p1!R4', '产出指标（50分）', '数量指标（20分）', '建设美丽宜居自然村庄数量', '≥200'),
    ('p1!R5', '产出指标（50分）', '数量指标（20分）', '完成农村户用卫生厕所改造数量', '≥2000'),
    ('p1!R6', '产出指标（50分）', '数量指标（20分）', '新建省级中心村数量', '≥10'),
    ('p1!R7', '产出指标（50分）', '质量指标（10分）', '美丽宜居自然村庄验收通过率', '≥95%'),
    ('p1!R8', '产出指标（50分）', '质量指标（10分）', '户用卫生厕所改造验收通过率', '≥95%'),
    ('p1!R9', '产出指标（50分）', '时效指标（10分）', '完成美丽宜居自然村庄验收时间', '9月前'),
    ('p2!R2', '产出指标（50分）', '时效指标（10分）', '完成户用卫生厕所改造验收时间', '11月前'),
]


@pytest.mark.parametrize(
    ("converted", "expected"),
    [("variant_form_101_ruled.pdf", FORM_101_RULED_ROWS), ("variant_decorated_labels_ruled.pdf", DECORATED_RULED_ROWS)],
)
def test_ruled_pdf_row_broken_by_the_page_break_with_name_and_value_in_its_tail(converted: str, expected: list):
    """Word lets a table row break across pages: the row's name and value continue on the
    next page ("提升疫情防控期间民办幼儿" / "园扶持力度", "完成美丽宜居自然" / "村庄验收时间").
    The tail lacks a cell every row fills (分值, the value), so it joins its row again."""
    result = extract_file(LIBREOFFICE / converted)
    assert [(r.row_locator, r.l1_filed, r.l2_filed, r.name, r.value_raw) for r in result.rows] == expected


HUNAN_RULED_ROWS = [
    # (locator, department, project, l1_filed, l2_filed, name, value_raw)
    ('p1!R3', '平乡县医疗保障局', '综合事务管理', '产出指标', '数量指标', '组织工作会议次数', '>55次'),
    ('p1!R4', '平乡县医疗保障局', '综合事务管理', '产出指标', '质量指标', '综合事务保障率', '365天'),
    ('p1!R5', '平乡县医疗保障局', '综合事务管理', '产出指标', '时效指标', '完成及时率', '100%'),
    ('p1!R6', '平乡县医疗保障局', '综合事务管理', '产出指标', '成本指标', '总成本', '>22万元'),
    ('p1!R7', '平乡县医疗保障局', '综合事务管理', '效益指标', '社会效益指标', '社会稳定水平', '年终考核成绩合格'),
    ('p1!R8', '平乡县医疗保障局', '综合事务管理', '效益指标', '社会效益指标', '社会稳定水平', '>95%'),
    ('p1!R9', '平乡县医疗保障局', '综合事务管理', '效益指标', '可持续影响指标', '社会影响力', '>95%'),
    ('p1!R10', '平乡县医疗保障局', '综合事务管理', '满意度指标', '服务对象满意度指标', '群众满意度', '>95%'),
    ('p1!R11', '平乡县医疗保障局', '综合事务管理', '满意度指标', '服务对象满意度指标', '群众满意度', '>95%'),
    ('p1!R12', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '数量指标', '开展活动次数', '≥5次'),
    ('p1!R13', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '质量指标', '信息系统建设维护工作完成率', '≥95%'),
    ('p2!R2', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '时效指标', '各项任务完成及时率（%）', '≥95%'),
    ('p2!R3', '平乡县医疗保障局', '全民参保计划保障经费', '产出指标', '成本指标', '推广宣传成本', '≥90000元'),
    ('p2!R4', '平乡县医疗保障局', '全民参保计划保障经费', '效益指标', '社会效益指标', '家庭发展能力', '≥95%'),
    ('p2!R5', '平乡县医疗保障局', '全民参保计划保障经费', '满意度指标', '服务对象满意度指标', '群众满意度(%)', '≥100%'),
]
EXTRA_COLUMNS_RULED_ROWS = [
    # (locator, department, project, l1_filed, l2_filed, name, value_raw)
    ('p1!R3', '平乡县医疗保障局', '综合事务管理', '产出指标', '数量指标', '组织工作会议次数', '>55'),
    ('p1!R4', '平乡县医疗保障局', '综合事务管理', '产出指标', '质量指标', '综合事务保障率', '365'),
    ('p1!R5', '平乡县医疗保障局', '综合事务管理', '产出指标', '时效指标', '完成及时率', '100'),
    ('p1!R6', '平乡县医疗保障局', '综合事务管理', '产出指标', '成本指标', '总成本', '>22'),
    ('p1!R7', '平乡县医疗保障局', '综合事务管理', '效益指标', '社会效益指标', '社会稳定水平', '年终考核成绩合格'),
    ('p2!R2', '平乡县医疗保障局', '综合事务管理', '效益指标', '社会效益指标', '社会稳定水平', '>95'),
    ('p2!R3', '平乡县医疗保障局', '综合事务管理', '效益指标', '可持续影响指标', '社会影响力', '>95'),
    ('p2!R4', '平乡县医疗保障局', '综合事务管理', '满意度指标', '服务对象满意度指标', '群众满意度', '>95'),
    ('p2!R5', '平乡县医疗保障局', '综合事务管理', '满意度指标', '服务对象满意度指标', '群众满意度', '>95'),
]


@pytest.mark.parametrize(
    ("converted", "expected"),
    [("variant_hunan_project_list_ruled.pdf", HUNAN_RULED_ROWS), ("variant_extra_columns_ruled.pdf", EXTRA_COLUMNS_RULED_ROWS)],
)
def test_ruled_pdf_broken_row_with_merged_cells_and_header_like_tail(converted: str, expected: list):
    """A 单位/项目/年度目标 list whose merged 年度目标 cell and a 三级 name both run over
    the page break; a narrow 12-column table whose broken row's tail ("指标 | 指标 | 水平")
    reads like header labels. Both join their row, and the table goes on."""
    result = extract_file(LIBREOFFICE / converted)
    assert [
        (r.row_locator, r.department, r.project, r.l1_filed, r.l2_filed, r.name, r.value_raw) for r in result.rows
    ] == expected


# --- HTML ------------------------------------------------------------------------------------------


def test_html_page_with_rowspan_colspan_and_layout_table():
    result = extract_file(HTML)
    assert _rows(result) == HTML_ROWS
    assert len(result.rows) == 18 and result.tables == 2
    assert _projects(result) == [
        (1, XINGLONG, "城乡医疗救助贫困人口参保资助", "目标表"),
        (2, XINGLONG, "冀财社[2021]182号2022年省级财政城乡居民医保村级代办员补助", "目标表"),
    ]
    assert (result.rows[0].l1, result.rows[0].l2, result.rows[0].number, result.rows[0].unit) == ("产出", "数量", "100", "%")
    assert [(s.row_locator, s.reason) for s in result.skipped if s.table_index == 1] == [
        ("table2!R1", "not an indicator row"), ("table2!R2", "not an indicator row"),
        ("table2!R3", "not an indicator row"), ("table2!R4", "not an indicator row"),
        ("table2!R5", "not an indicator row"), ("table2!R6", "header"),
    ]


def test_html_grid_fills_spans_and_reads_meta_charset():
    text = decode_html(HTML.read_bytes(), HTML.name)  # GB18030 bytes declared as gb2312
    blocks = html_blocks(text)
    # The layout table is opened: its text comes as lines, the script is not text.
    lines = [content[0] for kind, content in blocks if kind == "text"]
    assert lines == [
        "兴隆县医疗保障局2022年部门预算信息公开",
        "首页 > 政务公开 > 财政预决算",
        "5.城乡医疗救助贫困人口参保资助绩效目标表",
        "14.冀财社[2021]182号2022年省级财政城乡居民医保村级代办员补助绩效目标表",
        "主办单位：兴隆县医疗保障局",
    ]
    grid = dict([row for kind, content in blocks if kind == "table" for row in content][:15])
    assert grid["table2!R2"] == ["项目编码", "13082222P00877410001J", "13082222P00877410001J", "项目名称",
                                 "城乡医疗救助贫困人口参保资助", "城乡医疗救助贫困人口参保资助"]
    assert grid["table2!R6"] == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值\n确定依据"]
    assert grid["table2!R8"] == ["产出指标", "质量指标", "补助资金金额", "确保补助资金县级配套", "确保补助资金县级配套", "文件要求"]
    assert grid["table2!R12"][0] == "效益指标"
    # A page that declares gb2312 but was saved as UTF-8 is still read.
    utf8 = '<meta charset="gb2312"><p>项目名称：代缴村级连接医保系统费用</p>'.encode("utf-8")
    assert decode_html(utf8, "a.html") == '<meta charset="gb2312"><p>项目名称：代缴村级连接医保系统费用</p>'


def test_html_caption_is_the_table_title_and_th_cells_are_cells():
    page = """<table border=1><caption>7.代缴村级连接医保系统费用绩效目标表</caption>
    <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
    <tr><td rowspan=2>产出指标</td><td>数量指标</td><td>村所覆盖率</td><td>医保网络覆盖村所数量</td></tr>
    <tr><td>质量指标</td><td>医保网络运行的质量</td><td>网络运行的质量良好</td></tr></table>"""
    result = read_html_text(page, "caption.html")
    assert [(r.row_locator, r.project, r.l1_filed, r.l2_filed, r.name, r.value_raw) for r in result.rows] == [
        ("table1!R2", "代缴村级连接医保系统费用", "产出指标", "数量指标", "村所覆盖率", "医保网络覆盖村所数量"),
        ("table1!R3", "代缴村级连接医保系统费用", "产出指标", "质量指标", "医保网络运行的质量", "网络运行的质量良好"),
    ]


def test_web_page_saved_as_txt_is_read_as_html(tmp_path: Path):
    result = extract_file(SAVED_PAGE)
    assert _rows(result) == SAVED_PAGE_ROWS
    assert len(result.rows) == 9 and result.tables == 1
    assert _projects(result) == [(1, XINGLONG, "代缴村级连接医保系统费用", "目标表")]
    # Markdown with pipe tables and an HTML fragment stays with the text readers.
    markdown = tmp_path / "notes.md"
    markdown.write_text(
        "# 7.代缴村级连接医保系统费用绩效目标表\n\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 村所覆盖率 | 医保网络覆盖村所数量 |\n\n<table><tr><td>备注</td></tr></table>\n",
        encoding="utf-8",
    )
    assert [(r.row_locator, r.name, r.value_raw) for r in extract_file(markdown).rows] == [
        ("L5", "村所覆盖率", "医保网络覆盖村所数量"),
    ]


def test_html_page_without_table_is_read_as_text():
    rows = [
        "一级指标 | 二级指标 | 三级指标 | 指标值",
        "产出指标 | 数量指标 | 村所覆盖率 | 医保网络覆盖村所数量",
        "满意度指标 | 服务对象满意度指标 | 服务对象满意程度 | ≥95%",
    ]
    page = "<html><body><h2>7.代缴村级连接医保系统费用绩效目标表</h2>" + "".join(f"<div>{r}</div>" for r in rows) + "</body></html>"
    result = read_html_text(page, "page.html")
    assert [(r.row_locator, r.project, r.l1_filed, r.l2_filed, r.name, r.value_raw) for r in result.rows] == [
        ("L3", "代缴村级连接医保系统费用", "产出指标", "数量指标", "村所覆盖率", "医保网络覆盖村所数量"),
        ("L4", "代缴村级连接医保系统费用", "满意度指标", "服务对象满意度指标", "服务对象满意程度", "≥95%"),
    ]
    with pytest.raises(ExtractError) as error:
        read_html_text("<html><script>var a = 1;</script></html>", "blank.html")
    assert str(error.value) == "blank.html: the HTML page has no visible text: nothing to read"


# --- XLS -------------------------------------------------------------------------------------------


def test_xls_workbook_merged_cells_percent_formats_and_sheets():
    result = extract_file(XLS)
    assert _rows(result) == XLS_ROWS
    assert len(result.rows) == 17 and result.tables == 2
    assert _projects(result) == [
        (1, XINGLONG, "城乡医疗救助贫困人口参保资助", "目标表"),
        (2, XINGLONG, "财政对城乡基本医疗保险基金的补助", "目标表"),
    ]
    # 1.0 stored under "0%" shows as 100%; 152.7 under "0.00" as 152.70; the hidden sheet is not read.
    assert (result.rows[0].value_raw, result.rows[0].number, result.rows[0].unit) == ("100%", "100", "%")
    budget = next(s for s in result.skipped if s.row_locator == "5.参保资助!R4")
    assert budget.text == "预算数 | 152.70 | 152.70 | 其中：财政资金 | 152.70 | 152.70"
    assert all("已删除项目" not in r.name for r in result.rows)


def test_xls_bad_and_misnamed_files(tmp_path: Path):
    assert _reason(BAD / "truncated.xls") == (
        "truncated.xls: corrupt or truncated .xls file (IndexError: array index out of range); "
        "open it in Excel or WPS and save it again (as .xlsx)"
    )
    (tmp_path / "empty.xls").write_bytes(b"")
    assert _reason(tmp_path / "empty.xls") == "empty.xls: empty file (0 bytes); nothing to read"
    (tmp_path / "scan.xls").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _reason(tmp_path / "scan.xls") == "scan.xls: not a valid .xls file: it looks like a PNG image; give it its real extension"
    # "Export to Excel" of web systems: an HTML table named .xls; and an .xlsx named .xls.
    shutil.copy(HTML, tmp_path / "export.xls")
    assert _rows(extract_file(tmp_path / "export.xls")) == HTML_ROWS
    xlsx = FIXTURES / "xlsx" / "zhanjiang_hrss_2024_dept_targets.xlsx"
    shutil.copy(xlsx, tmp_path / "renamed.xls")
    assert _rows(extract_file(tmp_path / "renamed.xls")) == _rows(extract_file(xlsx))
    # Word downloads served as a web page or as a .docx under the .doc name are read as what they are.
    shutil.copy(HTML, tmp_path / "download.doc")
    assert _rows(extract_file(tmp_path / "download.doc")) == HTML_ROWS
    docx = FIXTURES / "score" / "pingxiang_2021_two_projects.docx"
    shutil.copy(docx, tmp_path / "saved.doc")
    assert _rows(extract_file(tmp_path / "saved.doc")) == _rows(extract_file(docx)) != []
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert _reason(tmp_path / "old.doc") == (
        "old.doc: corrupt or truncated Word 97-2003 .doc file (the Office 97-2003 container is damaged "
        "or cut short (512 bytes)); open it in Word or WPS and save it again as .docx"
    )


def test_xml_spreadsheet_exported_as_xls_and_xls_renamed_xlsx(tmp_path: Path):
    result = extract_file(FORMATS / "xinglong_2022_system_export.xls")
    assert _rows(result) == [
        (1, "绩效目标表!R7", "产出指标", "数量指标", "财政配套30%", "财政配套30%", "冀财社【2021】34号文"),
        (1, "绩效目标表!R8", "产出指标", "时效指标", "财政配套及时到位", "财政配套及时到位", "冀财社【2021】34号文"),
        (1, "绩效目标表!R9", "产出指标", "质量指标", "财政配套及时到位", "财政配套及时到位", "冀财社【2021】34号文"),
        (1, "绩效目标表!R10", "产出指标", "成本指标", "财政配套及时到位", "财政配套及时到位", "冀财社【2021】34号文"),
        (1, "绩效目标表!R11", "效益指标", "可持续影响指标", "财政配套及时到位", "财政配套及时到位", "冀财社【2021】34号文"),
        (1, "绩效目标表!R12", "效益指标", "社会效益指标", "财政配套及时到位", "财政配套及时到位", "冀财社【2021】34号文"),
        (1, "绩效目标表!R13", "效益指标", "生态效益指标", "财政配套及时到位", "财政配套及时到位", "冀财社【2021】34号文"),
        (1, "绩效目标表!R14", "满意度指标", "服务对象满意度指标", "服务对象满意度", "财政配套及时到位", "冀财社【2021】34号文"),
    ]
    assert _projects(result) == [(1, XINGLONG, "财政对基本医疗保险基金疫苗款的补助", "目标表")]
    budget = next(s for s in result.skipped if s.row_locator == "绩效目标表!R4")
    assert budget.text == "预算数 | 360.00 | 360.00 | 其中：财政资金 | 360.00 | 360.00"  # "Fixed" format
    shutil.copy(XLS, tmp_path / "renamed.xlsx")
    assert _rows(extract_file(tmp_path / "renamed.xlsx")) == XLS_ROWS
    broken = (FORMATS / "xinglong_2022_system_export.xls").read_bytes()[:900]
    (tmp_path / "cut.xls").write_bytes(broken)
    assert _reason(tmp_path / "cut.xls").startswith("cut.xls: corrupt or truncated Excel XML spreadsheet (")


# --- the command -----------------------------------------------------------------------------------


def test_cli_extracts_the_formats_folder(tmp_path: Path):
    out = tmp_path / "x.csv"
    run = CliRunner().invoke(app, ["extract", str(FORMATS), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "6 files read, 0 failed, 10 tables, 87 indicator rows, 40 skipped rows" in run.output
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 87
    assert [(r["source_file"], r["row_locator"], r["name"], r["value_raw"]) for r in rows[:1]] == [
        ("xinglong_2022_fake_bold.pdf", "p1!R5", "是否所有代办员都发放补助", "所有代办员都发放补助"),
    ]
    assert {r["source_file"] for r in rows} == {
        "xinglong_2022_fake_bold.pdf", "xinglong_2022_saved_page.txt", "xinglong_2022_system_export.xls",
        "xinglong_2022_targets.html",
        "xinglong_2022_targets.xls", "xinglong_pingxiang_targets.pdf",
    }
    batch = extract_paths([BAD / "encrypted.pdf", BAD / "scanned.pdf", BAD / "truncated.xls"])
    assert [f.source_file for f in batch.failures] == ["encrypted.pdf", "scanned.pdf", "truncated.xls"]
