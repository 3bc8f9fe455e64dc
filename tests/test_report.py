"""Report writers of ``zhibiao score`` (pipelines/report.py).

The fixture rows are real 三级指标 typed from two county 医疗保障局 budget
disclosures (tests/fixtures/report/, see PROVENANCE.md) with hand-made model
columns and findings shaped like nlp.checks output; hostile rows are added on top.
"""
from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import pipelines.report as report
from browser import dump_dom, run_chromium
from nlp.dimensions import DIMENSIONS
from pipelines.report import (
    FINDING_REPORT_COLUMNS,
    INDICATOR_REPORT_COLUMNS,
    OUTPUT_FILES,
    PROJECT_REPORT_COLUMNS,
    REVIEW_COLUMNS,
    dimension_matrix,
    score_histogram,
    write_reports,
)

FIXTURES = Path(__file__).parent / "fixtures" / "report"
BOM = b"\xef\xbb\xbf"

HOSTILE_NAMES = [
    '=HYPERLINK("http://x")',
    "+1",
    "-2",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "</script><img src=x onerror=alert(1)>",
    "按时\x0b发放",  # vertical tab from a Word cell: illegal in XLSX
]
HOSTILE_DEPARTMENT = "测试局<b>本级</b>"
HOSTILE_PROJECT = "</script><img src=x onerror=alert(1)>项目"


def load_fixture() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    indicators = pd.read_csv(FIXTURES / "indicators.csv", dtype=str, keep_default_na=False).set_index("row_id")
    indicators.index = indicators.index.astype(int)
    for column in ("row_score", "dimension_confidence", "concept_confidence"):
        indicators[column] = pd.to_numeric(indicators[column])
    for column in ("vague", "misfiled"):
        indicators[column] = indicators[column].astype(int)
    projects = pd.read_csv(FIXTURES / "projects.csv", dtype={"top_findings": str}, keep_default_na=False)
    findings = pd.read_csv(FIXTURES / "findings.csv", dtype=str, keep_default_na=False)
    summary = json.loads((FIXTURES / "summary.json").read_text(encoding="utf-8"))
    return indicators, projects, findings, summary


def with_hostile_rows() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    indicators, projects, findings, summary = load_fixture()
    base = indicators.iloc[0].to_dict()
    hostile = []
    for offset, name in enumerate(HOSTILE_NAMES):
        row = dict(base, source_file="hostile.docx", row_locator=f"T1!R{offset + 2}", department=HOSTILE_DEPARTMENT,
                   project=HOSTILE_PROJECT, name=name, value_raw=name, number="-5", flags="VAGUE_VALUE", row_score=5.0,
                   review="待复核")
        hostile.append(row)
    hostile_frame = pd.DataFrame(hostile, index=range(100, 100 + len(hostile)))
    indicators = pd.concat([indicators, hostile_frame])
    projects = pd.concat([projects, pd.DataFrame([{
        "source_file": "hostile.docx", "department": HOSTILE_DEPARTMENT, "project": HOSTILE_PROJECT,
        "n_indicators": len(hostile), "specificity": 5.0, "n_findings": len(hostile),
        "top_findings": "=cmd|' /C calc'!A0"}])], ignore_index=True)
    findings = pd.concat([findings, pd.DataFrame([{
        "code": "VAGUE_VALUE", "severity": "warning", "message": "指标值含糊，年终无法考核",
        "evidence": f"指标值：{name}", "rule": "<script>alert(1)</script>", "rows": str(100 + offset),
        "project": HOSTILE_PROJECT, "department": HOSTILE_DEPARTMENT, "scope": "row",
    } for offset, name in enumerate(HOSTILE_NAMES)])], ignore_index=True)
    return indicators, projects, findings, summary


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    out_dir = tmp_path_factory.mktemp("report")
    indicators, projects, findings, summary = with_hostile_rows()
    summary["tables"] = np.int64(summary["tables"])  # the pipeline may hand over numpy numbers
    return write_reports(out_dir, indicators, projects, findings, summary)


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------------------
# CSV and JSON


def test_writes_the_six_files_and_nothing_else(written):
    assert list(written) == list(OUTPUT_FILES)
    out_dir = written["report.html"].parent
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(OUTPUT_FILES)
    assert all((p.stat().st_mode & 0o777) == 0o644 for p in written.values())


def test_csv_files_have_bom_and_the_agreed_columns(written):
    for name in ("indicators.csv", "projects.csv", "findings.csv"):
        assert written[name].read_bytes().startswith(BOM), name
    with open(written["indicators.csv"], encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == ["row_id", *INDICATOR_REPORT_COLUMNS, "description", "basis"]
    with open(written["projects.csv"], encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == list(PROJECT_REPORT_COLUMNS)
    with open(written["findings.csv"], encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == [*FINDING_REPORT_COLUMNS, "scope"]


def test_indicator_csv_rows_keep_document_text_and_model_columns(written):
    rows = read_csv_rows(written["indicators.csv"])
    assert len(rows) == 39 + len(HOSTILE_NAMES)
    first = rows[0]
    assert {k: first[k] for k in ("row_id", "source_file", "row_locator", "department", "project", "l1_filed",
                                  "l2_filed", "name", "value_raw", "dimension", "vague", "misfiled", "flags",
                                  "row_score", "review")} == {
        "row_id": "0", "source_file": "004_b5b5933a0db36905.txt", "row_locator": "L105-111",
        "department": "兴隆县医疗保障局本级", "project": "劳务派遣人员经费", "l1_filed": "产出指标",
        "l2_filed": "数量指标", "name": "发放工资保险", "value_raw": "≥100百分比", "dimension": "数量",
        "vague": "0", "misfiled": "0", "flags": "RATE_GE_100", "row_score": "55", "review": "待复核",
    }
    pasted = [r for r in rows if "PASTED_IN_PROJECT" in r["flags"]]
    assert [r["row_id"] for r in pasted] == ["17", "18", "19"]
    assert pasted[1]["flags"] == "VAGUE_VALUE;VALUE_REPEATS_NAME;PASTED_IN_PROJECT;MISFILED_MODEL"
    assert pasted[1]["dimension_confidence"] == "0.86"


def test_csv_cells_that_excel_would_run_are_neutralised(written):
    rows = read_csv_rows(written["indicators.csv"])
    hostile = {r["row_id"]: r["name"] for r in rows if r["source_file"] == "hostile.docx"}
    assert hostile == {
        "100": "'=HYPERLINK(\"http://x\")",
        "101": "'+1",
        "102": "'-2",
        "103": "'@SUM(A1)",
        "104": "<script>alert(1)</script>",  # harmless in a spreadsheet; escaped in the HTML
        "105": "</script><img src=x onerror=alert(1)>",
        "106": "按时\x0b发放",
    }
    # A parsed number is a number, not a formula: "-5" stays "-5".
    assert {r["number"] for r in rows if r["source_file"] == "hostile.docx"} == {"-5"}
    projects = read_csv_rows(written["projects.csv"])
    assert projects[-1]["top_findings"] == "'=cmd|' /C calc'!A0"
    findings = read_csv_rows(written["findings.csv"])
    assert [f["evidence"] for f in findings if f["rows"] == "100"] == ["指标值：=HYPERLINK(\"http://x\")"]


def test_findings_csv_keeps_row_references(written):
    findings = read_csv_rows(written["findings.csv"])
    pasted = [f for f in findings if f["code"] == "PASTED_IN_PROJECT"]
    assert [(f["rows"], f["message"]) for f in pasted] == [("17;18;19", "「财政配套及时到位」在本项目3行重复")]
    project_level = [f for f in findings if f["scope"] == "project"]
    assert [(f["code"], f["rows"], f["project"]) for f in project_level] == [
        ("PROJECT_MOSTLY_PASTED", "17;18;19", "财政对基本医疗保险基金疫苗款的补助")]


def test_summary_json_is_readable_chinese_with_score_distribution(written):
    text = written["summary.json"].read_text(encoding="utf-8")
    assert text.startswith('{\n  "files": 2,\n  "tables": 5,')
    assert "dimension-clf 0.1.0" in text and "\\u" not in text
    summary = json.loads(text)
    assert summary["failed_files"] == [{"file": "017_scan.pdf", "reason": (
        "scanned PDF without a text layer; export the tables as .docx or .xlsx")}]
    assert summary["score_distribution"] == {
        "0–9": 12, "10–19": 5, "20–29": 4, "30–39": 3, "40–49": 2, "50–59": 1,
        "60–69": 2, "70–79": 4, "80–89": 7, "90–100": 6}


def test_score_histogram_bins_are_exact():
    assert [b["count"] for b in score_histogram([0, 9.9, 10, 55, 99.5, 100, None])] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert [b["label"] for b in score_histogram([])][-2:] == ["80–89", "90–100"]


def test_dimension_matrix_counts_filed_against_predicted():
    indicators, *_ = load_fixture()
    matrix = dimension_matrix(indicators.reset_index().to_dict("records"))
    assert matrix["filed"] == list(DIMENSIONS)
    assert matrix["predicted"] == list(DIMENSIONS)
    cell = {(f, p): matrix["cells"][i][j] for i, f in enumerate(matrix["filed"])
            for j, p in enumerate(matrix["predicted"])}
    assert cell[("经济效益", "社会效益")] == 3
    assert cell[("经济成本", "时效")] == 1
    assert cell[("满意度", "满意度")] == 6
    assert (matrix["agree"], matrix["total"]) == (29, 39)


# ---------------------------------------------------------------------------
# Workbook


def test_workbook_sheets_are_laid_out_for_reviewers(written):
    workbook = openpyxl.load_workbook(written["report.xlsx"])
    assert workbook.sheetnames == ["概览", "项目评分", "指标明细", "问题清单"]
    details = workbook["指标明细"]
    header = [c.value for c in details[1]]
    assert header == ["row_id", *INDICATOR_REPORT_COLUMNS, "description", "basis", *REVIEW_COLUMNS]
    n = 39 + len(HOSTILE_NAMES)
    assert details.freeze_panes == "B2"
    assert details.auto_filter.ref == f"A1:AC{n + 1}"
    assert workbook["项目评分"].freeze_panes == "A2" and workbook["项目评分"].auto_filter.ref == "A1:G7"
    assert workbook["问题清单"].freeze_panes == "A2" and workbook["问题清单"].auto_filter.ref == f"A1:I{39 + len(HOSTILE_NAMES) + 1}"
    # The review columns are empty, for reviewers to fill in.
    for column in ("AA", "AB", "AC"):
        assert all(details[f"{column}{r}"].value is None for r in range(2, n + 2))
    validations = {str(v.sqref): v.formula1 for v in details.data_validations.dataValidation}
    assert validations == {f"AA2:AA{n + 1}": '"' + ",".join(DIMENSIONS) + '"', f"AC2:AC{n + 1}": '"0,1"'}
    score_column = "W"  # row_score
    assert details[f"{score_column}1"].value == "row_score"
    rules = {str(rng.sqref): [r.type for r in rng.rules] for rng in details.conditional_formatting}
    assert rules[f"W2:W{n + 1}"] == ["colorScale"]
    review_rule = next(rng.rules[0] for rng in details.conditional_formatting if str(rng.sqref) == f"A2:AC{n + 1}")
    assert review_rule.type == "expression" and review_rule.formula == ['$X2="待复核"']
    project_rules = {str(rng.sqref): [r.type for r in rng.rules] for rng in workbook["项目评分"].conditional_formatting}
    assert project_rules == {"E2:E7": ["colorScale"]}
    assert details["I1"].value == "name" and details["I2"].alignment.wrap_text is True
    assert 10 <= details.column_dimensions["I"].width <= 30


def test_workbook_rows_are_self_contained_for_zhibiao_train(written):
    sheet = pd.read_excel(written["report.xlsx"], sheet_name="指标明细", dtype=str, keep_default_na=False)
    csv_rows = pd.read_csv(written["indicators.csv"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    columns = ["row_id", "name", "value_raw", "l2_filed", "dimension", "concept_id"]
    assert sheet.loc[:38, columns].equals(csv_rows.loc[:38, columns])
    assert list(sheet.columns[-3:]) == list(REVIEW_COLUMNS)


def test_reviewed_workbook_reads_back_as_labelled_rows(tmp_path):
    from nlp.dataset import review_columns_to_labels

    indicators, projects, findings, summary = load_fixture()
    path = write_reports(tmp_path / "run", indicators, projects, findings, summary)["report.xlsx"]
    workbook = openpyxl.load_workbook(path)
    details = workbook["指标明细"]
    header = [c.value for c in details[1]]
    column = {name: header.index(name) + 1 for name in ("复核维度", "复核概念", "复核含糊")}
    # A reviewer corrects row 4 (医保业务运转, filed 经济效益) and confirms row 9 as 质量, not vague.
    details.cell(row=6, column=column["复核维度"], value="社会效益")
    details.cell(row=6, column=column["复核含糊"], value=1)
    details.cell(row=11, column=column["复核维度"], value="质量")
    details.cell(row=11, column=column["复核概念"], value="duplicate_enrolment")
    details.cell(row=11, column=column["复核含糊"], value=0)
    reviewed_path = tmp_path / "reviewed.xlsx"
    workbook.save(reviewed_path)
    sheet = pd.read_excel(reviewed_path, sheet_name="指标明细", dtype=str)
    labelled = review_columns_to_labels(sheet, str(reviewed_path))
    assert labelled[["row_id", "name", "value_raw", "dimension", "concept", "vague"]].values.tolist() == [
        ["4", "医保业务运转", "保障医保工作正常运行", "社会效益", "operation_guarantee", "1"],
        ["9", "重复参保人数", "无重复参保", "质量", "duplicate_enrolment", "0"],
    ]


def test_workbook_text_cells_are_neutralised_and_storable(written):
    workbook = openpyxl.load_workbook(written["report.xlsx"])
    details = workbook["指标明细"]
    names = {details[f"A{r}"].value: details[f"I{r}"] for r in range(2, details.max_row + 1)}
    assert [names[i].value for i in range(100, 107)] == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "<script>alert(1)</script>",
        "</script><img src=x onerror=alert(1)>", "按时 发放"]
    assert all(names[i].data_type == "s" for i in range(100, 107))
    assert details["L1"].value == "number" and {details[f"L{r}"].value for r in range(41, 48)} == {-5}
    assert details["L2"].value == 100 and details["A2"].value == 0  # numeric text written as numbers
    formulas = [(ws.title, c.coordinate) for ws in workbook for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []
    assert workbook["项目评分"]["G2"].value == "'=cmd|' /C calc'!A0"  # sorted by specificity


def test_overview_sheet_has_counts_versions_distribution_and_departments(written):
    overview = openpyxl.load_workbook(written["report.xlsx"])["概览"]
    pairs = {}
    for a, b in overview.iter_rows(min_col=1, max_col=2, values_only=True):
        if a is not None:
            pairs.setdefault(a, b)
    assert (pairs["文件数"], pairs["表格数"], pairs["读取行数"], pairs["评分行数"], pairs["跳过行数"],
            pairs["失败文件数"]) == (2, 5, 44, 39, 5, 1)
    assert pairs["模型版本"] == "dimension-clf 0.1.0 (char n-gram + logistic regression)"
    assert pairs["表头行（header）"] == 5
    assert pairs["017_scan.pdf"].startswith("scanned PDF")
    assert pairs["0–9"] == 12 and pairs["90–100"] == 6
    departments = [row for row in overview.iter_rows(values_only=True) if row[0] in (
        "兴隆县医疗保障局本级", "平乡县医疗保障局本级")]
    assert [row[:4] for row in departments] == [("兴隆县医疗保障局本级", 3, 20, 27.6),
                                              ("平乡县医疗保障局本级", 2, 19, 73)]
    assert len(overview._charts) == 1


# ---------------------------------------------------------------------------
# HTML page


def test_html_escapes_document_text(written):
    html = written["report.html"].read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;项目" in html
    assert "测试局&lt;b&gt;本级&lt;/b&gt;" in html
    assert len(re.findall(r"<script\b", html)) == 3  # error hook, page data, page script
    data = re.search(r'<script id="report-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and "\\u003c/script\\u003e\\u003cimg src=x" in data
    projects = json.loads(data)["projects"]
    assert projects[0]["project"] == HOSTILE_PROJECT


class _ResourceCollector(HTMLParser):
    """Tags and the attributes that would make a browser fetch something."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.fetches: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "poster", "data") and not (value or "").startswith("#"):
                self.fetches.append((tag, name, value or ""))


def test_html_needs_no_network(written):
    html = written["report.html"].read_text(encoding="utf-8")
    collector = _ResourceCollector()
    collector.feed(html)
    assert collector.fetches == []
    assert {"link", "img", "iframe", "object", "embed"}.isdisjoint(collector.tags)
    assert {"svg", "details", "table", "script", "style"} <= set(collector.tags)
    assert "@import" not in html and "url(" not in html


def test_html_shows_overview_charts_matrix_and_drilldown(written):
    html = written["report.html"].read_text(encoding="utf-8")
    assert '<h2>各部门概况</h2>' in html and "兴隆县医疗保障局本级" in html
    assert 'aria-label="得分分布直方图"' in html and 'aria-label="问题类型条形图"' in html
    assert '<g class="fbar" data-code="VAGUE_VALUE">' in html
    assert 'title="填报 经济效益 → 判定 社会效益：3 条"' in html
    assert html.count('<details class="project"') == 6
    # The project drill-down lists each flagged row with its finding message and evidence.
    body = html.split('<span class="p-name">财政对基本医疗保险基金疫苗款的补助</span>')[1].split("</details>")[0]
    assert "依据：财政配套及时到位（时效指标、质量指标、成本指标）" in body
    assert "项目4个三级指标中3个为重复粘贴的同一文字" in body and "（涉及行 #17 #18 #19）" in body
    assert body.count("<tr>") == 1 + 4  # header + the four flagged rows


def test_page_renders_in_headless_chromium_without_script_errors(written, tmp_path):
    page = written["report.html"]
    opening, dom, console = dump_dom(page, tmp_path / "profile-dom")
    assert console == []
    assert 'data-js-errors="0"' in opening, opening
    assert 'data-ready="1"' in opening, opening
    assert "显示 6 / 6 个项目" in dom
    assert "<img" not in dom  # the hostile text stayed text
    shot = tmp_path / "shot.png"
    result = run_chromium(page, tmp_path / "profile-shot", "--enable-logging=stderr", "--v=0",
                          f"--screenshot={shot}", "--window-size=1400,2000")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not re.search(r"Uncaught|:CONSOLE", result.stderr)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


@pytest.mark.parametrize("control, value, event, shown", [
    ("project-search", "疫苗", "input", ["财政对基本医疗保险基金疫苗款的补助"]),
    ("project-search", "网络技术培训指导率", "input", ["贫困人口慢性病鉴定及网络诊疗系统建设费用"]),  # a clean row
    ("project-search", "没有这个指标", "input", []),
    ("code-filter", "SATISFACTION_100", "change", ["劳务派遣人员经费"]),
])
def test_project_filters_work_in_the_browser(written, tmp_path, control, value, event, shown):
    page = tmp_path / "filtered.html"
    action = (f'<script>var c = document.getElementById("{control}"); c.value = {json.dumps(value)};'
              f'c.dispatchEvent(new Event("{event}"));</script></body>')
    page.write_text(written["report.html"].read_text(encoding="utf-8").replace("</body>", action), encoding="utf-8")
    opening, dom, console = dump_dom(page, tmp_path / "profile")
    assert console == [] and 'data-js-errors="0"' in opening
    visible = re.findall(r'<details class="project" data-index="\d+"(?: open(?:="")?)?>\s*<summary>.*?'
                         r'<span class="p-name">(.*?)</span>', dom, re.S)
    assert visible == shown
    assert f"显示 {len(shown)} / 6 个项目" in dom


def test_the_browser_check_catches_a_script_error(written, tmp_path):
    broken = tmp_path / "broken.html"
    html = written["report.html"].read_text(encoding="utf-8")
    broken.write_text(html.replace("</body>", "<script>undefinedFunction();</script></body>"), encoding="utf-8")
    opening, _, console = dump_dom(broken, tmp_path / "profile")
    assert 'data-js-errors="1"' in opening
    assert 'data-js-error-text="Uncaught ReferenceError: undefinedFunction is not defined"' in opening
    assert any("Uncaught ReferenceError" in line for line in console)


def test_an_empty_run_still_writes_every_file(tmp_path):
    indicators, projects, findings, _ = load_fixture()
    summary = {"files": 1, "tables": 0, "rows_read": 0, "rows_scored": 0,
               "rows_skipped": [{"source_file": "a.docx", "row_locator": "T1!R1", "reason": "header"}],
               "failed_files": {"b.xlsx": "not an xlsx workbook (zip header missing); re-save it from Excel"}}
    paths = write_reports(tmp_path, indicators.iloc[0:0], projects.iloc[0:0], findings.iloc[0:0], summary)
    assert read_csv_rows(paths["indicators.csv"]) == []
    html = paths["report.html"].read_text(encoding="utf-8")
    assert "没有项目。" in html and "未发现问题。" in html
    assert "表头行（header）" in html and "not an xlsx workbook (zip header missing)" in html
    details = openpyxl.load_workbook(paths["report.xlsx"])["指标明细"]
    assert details.max_row == 1 and details.auto_filter.ref == "A1:AC2"
    assert json.loads(paths["summary.json"].read_text(encoding="utf-8"))["score_distribution"]["0–9"] == 0


def test_rows_without_a_project_join_the_table_label_the_checks_give_them(tmp_path):
    indicators, projects, findings, summary = load_fixture()
    unnamed = "冀财社[2020]195号河北省财政厅关于提前下达2021年省级财政医疗救助补助资金的通知"
    label = "000_f66b596638052c77.txt#3"  # nlp.checks: "<source_file>#<table_index>"
    indicators["table_index"] = "3"
    indicators.loc[indicators["project"] == unnamed, "project"] = ""
    projects.loc[projects["project"] == unnamed, "project"] = label
    findings.loc[findings["project"] == unnamed, "project"] = label
    html = write_reports(tmp_path, indicators, projects, findings, summary)["report.html"].read_text(encoding="utf-8")
    assert html.count('<details class="project"') == 5
    body = html.split(f'<span class="p-name">{label}</span>')[1].split("</details>")[0]
    assert "指标 <b>9</b>" in body and body.count('<span class="tag">待复核</span>') == 2


def test_summary_in_the_shape_zhibiao_score_writes(tmp_path):
    indicators, projects, findings, _ = load_fixture()
    skipped = [{"file": "004_b5b5933a0db36905.txt", "table": 1, "row": f"L{97 + i}", "reason": "header",
                "text": "一级指标 二级指标 三级指标"} for i in range(3000)]
    summary = {
        "generated_at": "2026-11-25 18:00 UTC", "files": 3, "files_read": 2,
        "files_failed": [{"file": "017_scan.pdf", "reason": "no text layer; export the tables as .docx"}],
        "tables": 5, "empty_templates": ["001_ccee6d171f262ac8.txt#表14"], "rows_read": 3039, "rows_scored": 39,
        "rows_skipped": 3000, "skipped_by_reason": {"header": 2990, "subtotal or score row": 10},
        "skipped_rows": skipped, "projects": 5, "departments": 2, "findings": 39,
        "findings_by_code": {"VAGUE_VALUE": 11}, "rows_for_review": 11, "model_version": "indicator-model 1.0.0",
        "model_trained_on": "training-data 1.0", "taxonomy_version": "1.0",
        "score_distribution": {"0-20": 17, "20-40": 7, "40-60": 3, "60-80": 6, "80-100": 13},
        "mean_row_score": 51.2, "mean_project_specificity": 50.7,
    }
    paths = write_reports(tmp_path, indicators, projects, findings, summary)
    assert json.loads(paths["summary.json"].read_text(encoding="utf-8")) == summary  # written as given
    html = paths["report.html"].read_text(encoding="utf-8")
    assert "生成时间 2026-11-25 18:00 UTC" in html
    cards = re.findall(r'<div class="card-value">(.*?)</div><div class="card-label">(.*?)</div>', html)
    assert cards[:6] == [("3", "文件数"), ("5", "表格数"), ("3039", "读取行数"), ("39", "评分行数"),
                         ("3000", "跳过行数"), ("1", "失败文件数")]
    assert "<td>表头行（header）</td><td class=\"num\">2990</td>" in html
    assert "<td>小计或分值行（subtotal or score row）</td><td class=\"num\">10</td>" in html
    assert "<th>成功读取的文件数</th><td>2</td>" in html
    assert "<th>空白模板表</th><td>[&#34;001_ccee6d171f262ac8.txt#表14&#34;]</td>" in html
    assert "L2000" not in html  # the skipped-row list stays in summary.json
    assert "模型训练数据版本" in html and "findings_by_code" not in html


# ---------------------------------------------------------------------------
# Atomicity and input errors


@pytest.mark.parametrize("stage", ["_write_workbook", "_render_html"])
def test_a_failed_run_leaves_previous_outputs_and_no_temp_files(tmp_path, monkeypatch, stage):
    indicators, projects, findings, summary = load_fixture()
    fresh = tmp_path / "fresh"
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "indicators.csv").write_text("old run\n", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(report, stage, fail)
    for out_dir in (fresh, previous):
        with pytest.raises(OSError, match="No space left on device"):
            write_reports(out_dir, indicators, projects, findings, summary)
    assert list(fresh.iterdir()) == []
    assert [p.name for p in previous.iterdir()] == ["indicators.csv"]
    assert (previous / "indicators.csv").read_text(encoding="utf-8") == "old run\n"


def test_missing_columns_are_named(tmp_path):
    indicators, projects, findings, summary = load_fixture()
    with pytest.raises(ValueError) as error:
        write_reports(tmp_path, indicators.drop(columns=["concept_id", "review"]), projects, findings, summary)
    assert str(error.value) == (
        "indicators is missing columns concept_id, review; the scoring pipeline must supply them before calling "
        "write_reports (see pipelines.report.INDICATOR_REPORT_COLUMNS)")
    assert list(tmp_path.iterdir()) == []


def test_findings_must_point_at_existing_rows(tmp_path):
    indicators, projects, findings, summary = load_fixture()
    findings.loc[0, "rows"] = "0;77"
    with pytest.raises(ValueError) as error:
        write_reports(tmp_path, indicators, projects, findings, summary)
    assert str(error.value) == (
        "findings row 0 (RATE_GE_100): rows 77 are not row ids of indicators; findings.rows must list "
        "indicators row ids separated by ';'")


def test_flag_columns_must_be_zero_or_one(tmp_path):
    indicators, projects, findings, summary = load_fixture()
    indicators["vague"] = indicators["vague"].astype(object)
    indicators.loc[3, "vague"] = "maybe"
    with pytest.raises(ValueError) as error:
        write_reports(tmp_path, indicators, projects, findings, summary)
    assert str(error.value) == ("indicators row 3: column vague must be 0 or 1, got 'maybe'; "
                                "the scoring pipeline should write 0/1 there")


def test_large_batches_write_the_same_csvs_and_bound_the_detail(tmp_path, monkeypatch):
    """Above DETAIL_ROW_LIMIT rows the writer takes its column-wise path: the CSVs must be
    byte-identical to the record path's (hostile cells included), while the workbook and
    page list only the first rows to look at, 待复核 and flagged rows first, and say so."""
    indicators, projects, findings, summary = with_hostile_rows()
    normal = write_reports(tmp_path / "normal", indicators, projects, findings, dict(summary))
    limit = 10
    monkeypatch.setattr(report, "DETAIL_ROW_LIMIT", limit)
    large = write_reports(tmp_path / "large", indicators, projects, findings, dict(summary))
    for name in ("indicators.csv", "projects.csv", "findings.csv"):
        assert large[name].read_bytes() == normal[name].read_bytes(), name
    shown = json.loads(large["summary.json"].read_text(encoding="utf-8"))["report_rows_shown"]
    assert f"仅列出 {limit} / {len(indicators)} 条三级指标" in shown
    sheet = openpyxl.load_workbook(large["report.xlsx"], read_only=True)["指标明细"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == limit
    review = header.index("review")
    flagged = (indicators["review"] == "待复核").sum()
    assert [r[review] for r in body] == ["待复核"] * min(limit, flagged) + [None] * (limit - min(limit, flagged))


def test_a_workbook_written_in_a_worker_process_reports_its_error(monkeypatch):
    """report.xlsx is written by a forked process with --workers > 1; its failure is raised in the
    parent with the child's error, and a normal run comes back quietly."""
    from nlp.forking import fork_context

    if fork_context() is None:
        pytest.skip("work stays in one process on this platform (nlp.forking)")

    def failing(path):
        raise ValueError(f"cannot write {path.name}")

    wait = report.start_forked(failing, Path("report.xlsx"))
    with pytest.raises(RuntimeError, match=r"^failing failed in a worker process: ValueError: cannot write report.xlsx$"):
        wait()
    assert report.start_forked(len, [1, 2])() == 2
