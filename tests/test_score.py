"""``zhibiao score`` end to end through the CLI, on real documents (tests/fixtures/, see PROVENANCE.md).

Two runs are shared by most tests (module fixtures): the four seed Word dumps, and a mixed folder
(Word dump, .docx, .xlsx, two .csv, one corrupt .xlsx). Values that depend on the trained model
(dimension, MISFILED_MODEL, exact scores) are checked as ranges and orders; everything the
readers and the rule checks decide alone is checked exactly.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import pipelines.report as report
from browser import dump_dom, screenshot
from nlp.checks import CODES
from nlp.dimensions import DIMENSIONS
from nlp.taxonomy import load_taxonomy
from pipelines import paths as repo_paths
from pipelines.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SEED000 = "000_f66b596638052c77.txt"
SEED001 = "001_ccee6d171f262ac8.txt"
SEED003 = "003_4e8feeed9e58872d.txt"
SEED004 = "004_b5b5933a0db36905.txt"
MIXED_FILES = (
    SEEDS / SEED001,
    FIXTURES / "score" / "pingxiang_2021_two_projects.docx",
    FIXTURES / "xlsx" / "zhanjiang_hrss_2024_dept_targets.xlsx",
    FIXTURES / "csv" / "shuanggao_utf8_bom.csv",
    FIXTURES / "score" / "hostile_xuanchuan.csv",
    FIXTURES / "bad" / "truncated.xlsx",
)
CORRUPT_REASON = "not a valid .xlsx file: corrupt or truncated zip archive"

INDICATOR_HEADER = [
    "row_id", "source_file", "row_locator", "department", "project", "table_kind", "l1_filed", "l2_filed", "name",
    "value_raw", "comparator", "number", "unit", "dimension", "dimension_confidence", "concept_id", "concept",
    "concept_confidence", "value_kind", "vague", "misfiled", "flags", "row_score", "review",
    "table_index", "l1", "l2", "description", "basis", "actual", "score",
]
PROJECT_HEADER = ["source_file", "department", "project", "n_indicators", "specificity", "n_findings", "top_findings", "goal"]
FINDING_HEADER = [
    "code", "severity", "message", "evidence", "rule", "rows", "project", "department",
    "finding_id", "row_locators", "scope", "related",
]
XINGLONG = "兴隆县医疗保障局本级"
PINGXIANG = "平乡县医疗保障局本级"
VACCINE = "财政对基本医疗保险基金疫苗款的补助"
COUNTY_MATCH = "城乡居民医疗保险县级配套资金b"  # the seed's own title: "9.城乡居民医疗保险县级配套资金b绩效目标表"
ECO = "满足生态环保要求"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


class Run:
    """One ``zhibiao score`` run and its outputs, read back as text."""

    def __init__(self, result, out: Path):
        self.result, self.out = result, out
        self.indicator_header, self.indicators = read_csv(out / "indicators.csv")
        self.project_header, self.projects = read_csv(out / "projects.csv")
        self.finding_header, self.findings = read_csv(out / "findings.csv")
        self.summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        self.by_id = {r["row_id"]: r for r in self.indicators}

    def project(self, name: str) -> dict[str, str]:
        (match,) = [p for p in self.projects if p["project"] == name]
        return match

    def findings_of(self, code: str, **where: str) -> list[dict[str, str]]:
        return [f for f in self.findings if f["code"] == code and all(f[k] == v for k, v in where.items())]


def extract_counts(stderr: str) -> tuple[int, int, int, int]:
    """(files read, tables, indicator rows, skipped rows) from the line ``zhibiao extract`` prints last."""
    line = stderr.strip().splitlines()[-1]
    match = re.match(r"extract: (\d+) files read, .*?, (\d+) tables, (\d+) indicator rows, (\d+) skipped rows -> ", line)
    assert match, line
    return tuple(int(g) for g in match.groups())


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory) -> Run:
    out = tmp_path_factory.mktemp("seeds") / "out"
    result = invoke("score", str(SEEDS), "--out", str(out), "--no-progress")
    assert result.exit_code == 0, result.output + repr(result.exception)
    return Run(result, out)


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mixed") / "in"
    folder.mkdir()
    for path in MIXED_FILES:
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed_dir, tmp_path_factory) -> Run:
    out = tmp_path_factory.mktemp("mixed-out") / "out"
    result = invoke("score", str(mixed_dir), "--out", str(out), "--workers", "2", "--no-progress")
    return Run(result, out)


# ---------------------------------------------------------------------------
# Issue "zhibiao score": outputs, row accounting, failures, order


def test_seed_outputs_have_the_agreed_columns(seeds_run):
    assert sorted(p.name for p in seeds_run.out.iterdir()) == sorted(report.OUTPUT_FILES)
    assert seeds_run.indicator_header == INDICATOR_HEADER
    assert seeds_run.project_header == PROJECT_HEADER
    assert seeds_run.finding_header == FINDING_HEADER
    for name in ("indicators.csv", "projects.csv", "findings.csv"):
        assert (seeds_run.out / name).read_bytes().startswith(b"\xef\xbb\xbf"), name


def test_seed_output_values_are_well_formed(seeds_run):
    rows = seeds_run.indicators
    assert [r["row_id"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert {r["vague"] for r in rows} <= {"0", "1"} and {r["misfiled"] for r in rows} <= {"0", "1"}
    assert {r["review"] for r in rows} <= {"", "待复核"}
    assert {r["dimension"] for r in rows} <= set(DIMENSIONS)
    assert all(0 <= float(r["row_score"]) <= 100 for r in rows)
    assert all(0 <= float(r["dimension_confidence"]) <= 1 for r in rows)
    assert all(set(filter(None, r["flags"].split(";"))) <= set(CODES) for r in rows)
    for f in seeds_run.findings:
        spec = CODES[f["code"]]
        assert (f["severity"], f["rule"], f["scope"]) == (spec.severity, spec.rule, spec.scope), f
        assert all(i in seeds_run.by_id for i in f["rows"].split(";") if i), f
        if f["scope"] == "row":  # a row finding is in the flags of every row it lists
            assert all(f["code"] in seeds_run.by_id[i]["flags"].split(";") for i in f["rows"].split(";")), f
    assert all(0 <= float(p["specificity"]) <= 100 for p in seeds_run.projects)
    # Every row of a project is counted once in projects.csv.
    assert sum(int(p["n_indicators"]) for p in seeds_run.projects) == len(rows)


def test_seed_rows_are_accounted_for_and_match_zhibiao_extract(seeds_run, tmp_path):
    summary = seeds_run.summary
    assert (summary["files"], summary["files_read"], summary["files_failed"], summary["tables"]) == (4, 4, [], 46)
    assert (summary["rows_read"], summary["rows_scored"], summary["rows_skipped"]) == (699, 424, 275)
    assert summary["rows_read"] == summary["rows_scored"] + summary["rows_skipped"]
    assert sum(summary["skipped_by_reason"].values()) == summary["rows_skipped"]
    assert len(seeds_run.indicators) == summary["rows_scored"]
    assert (summary["projects"], summary["findings"]) == (len(seeds_run.projects), len(seeds_run.findings))
    # Rows per document as the provenance lines count them (000: 158 + 8 prose; 004: 196 + 7 prose).
    per_file: dict[str, int] = {}
    for r in seeds_run.indicators:
        per_file[r["source_file"]] = per_file.get(r["source_file"], 0) + 1
    assert per_file == {SEED000: 166, SEED001: 15, SEED003: 40, SEED004: 203}  # folder order: sorted names

    rows_out = tmp_path / "rows.csv"
    extracted = invoke("extract", str(SEEDS), "--out", str(rows_out))
    assert extracted.exit_code == 0
    assert extract_counts(extracted.stderr) == (4, 46, summary["rows_scored"], summary["rows_skipped"])
    _, extract_rows = read_csv(rows_out)
    keys = ("source_file", "table_index", "row_locator", "project", "name", "value_raw")
    assert [tuple(r[k] for k in keys) for r in seeds_run.indicators] == [tuple(r[k] for k in keys) for r in extract_rows]

    model_version = summary["model_version"]
    assert seeds_run.result.stderr.strip().splitlines()[-1] == (
        f"4 files read, 0 failed, 46 tables, 699 rows read = 424 scored + 275 skipped, "
        f"{summary['projects']} projects, {summary['findings']} findings -> {seeds_run.out}")
    assert model_version.startswith("indicator ") and summary["taxonomy_version"] == load_taxonomy().version


def test_mixed_folder_lists_the_failed_file_and_exits_one(mixed_run, mixed_dir, tmp_path):
    run = mixed_run
    assert run.result.exit_code == 1
    assert "Traceback" not in run.result.output
    summary = run.summary
    assert summary["files_failed"] == [{"file": "truncated.xlsx", "reason": CORRUPT_REASON}]
    assert (summary["files"], summary["files_read"]) == (6, 5)
    # The two flat CSVs' header lines are skipped rows too: every line is accounted for.
    assert summary["rows_read"] == summary["rows_scored"] + summary["rows_skipped"] == 191
    assert (summary["rows_scored"], summary["rows_skipped"]) == (66, 125)
    assert len(run.indicators) == 66
    lines = run.result.stderr.strip().splitlines()
    assert f"failed: truncated.xlsx: {CORRUPT_REASON}" in lines
    assert lines[-1].startswith("5 files read, 1 failed, 8 tables, 191 rows read = 66 scored + 125 skipped, 6 projects, ")

    # The same inputs through `zhibiao extract`: same files, tables and rows, same failure.
    rows_out = tmp_path / "rows.csv"
    extracted = invoke("extract", str(mixed_dir), "--out", str(rows_out))
    assert extracted.exit_code == 1
    assert extract_counts(extracted.stderr) == (5, summary["tables"], 66, 125)
    assert f"1 failed (truncated.xlsx: {CORRUPT_REASON})" in extracted.stderr
    _, extract_rows = read_csv(rows_out)
    keys = ("source_file", "row_locator", "name", "value_raw")
    # Read by two worker processes, the rows still come in input order (sorted file names).
    assert [tuple(r[k] for k in keys) for r in run.indicators] == [tuple(r[k] for k in keys) for r in extract_rows]
    assert list(dict.fromkeys(r["source_file"] for r in run.indicators)) == [
        SEED001, "hostile_xuanchuan.csv", "pingxiang_2021_two_projects.docx", "shuanggao_utf8_bom.csv",
        "zhanjiang_hrss_2024_dept_targets.xlsx"]


def test_mixed_folder_projects_from_every_format(mixed_run):
    projects = {(p["source_file"], p["department"], p["project"]): int(p["n_indicators"]) for p in mixed_run.projects}
    assert projects == {
        (SEED001, "丹凤县医疗保障局", "丹凤县医疗保障局"): 15,
        ("hostile_xuanchuan.csv", XINGLONG, "宣传印刷费"): 8,
        ("pingxiang_2021_two_projects.docx", PINGXIANG, "综合事务管理"): 9,
        ("pingxiang_2021_two_projects.docx", PINGXIANG, COUNTY_MATCH): 9,
        ("shuanggao_utf8_bom.csv", "徐州工业职业技术学院", "第二期“双高建设计划”"): 6,
        ("zhanjiang_hrss_2024_dept_targets.xlsx", "湛江市人力资源和社会保障局", "湛江市人力资源和社会保障局"): 19,
    }


def test_files_named_on_the_command_line_keep_their_order(tmp_path):
    out = tmp_path / "out"
    result = invoke("score", str(SEEDS / SEED004), str(SEEDS / SEED001), "--out", str(out), "--no-progress")
    assert result.exit_code == 0
    _, rows = read_csv(out / "indicators.csv")
    files = [r["source_file"] for r in rows]
    assert files == [SEED004] * 203 + [SEED001] * 15
    first_lines = [int(re.match(r"L(\d+)", r["row_locator"]).group(1)) for r in rows if r["source_file"] == SEED001]
    assert first_lines == sorted(first_lines)  # document order inside a file


def test_all_files_read_exits_zero(seeds_run):
    assert seeds_run.result.exit_code == 0
    assert not any(line.startswith("failed:") for line in seeds_run.result.stderr.splitlines())


# ---------------------------------------------------------------------------
# Hostile cells: neutralised for spreadsheets, escaped for the browser


HOSTILE = {'=HYPERLINK("http://x")': "'=HYPERLINK(\"http://x\")", "+1": "'+1", "@SUM(A1)": "'@SUM(A1)",
           "<script>alert(1)</script>": "<script>alert(1)</script>"}


def test_hostile_names_are_neutralised_in_indicators_csv(mixed_run):
    names = [r["name"] for r in mixed_run.indicators if r["source_file"] == "hostile_xuanchuan.csv"]
    assert names[:4] == list(HOSTILE.values())
    assert names[4:] == ["参保率提升", "政策知晓度提升", "长期使用性", "服务对象满意"]
    # No cell of any CSV starts with a character a spreadsheet would run.
    for rows in (mixed_run.indicators, mixed_run.projects, mixed_run.findings):
        assert not [v for r in rows for v in r.values() if v[:1] in ("=", "+", "@") or v[:1] == "-" and not _number(v)]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_hostile_names_are_text_in_report_xlsx(mixed_run):
    workbook = openpyxl.load_workbook(mixed_run.out / "report.xlsx")
    details = workbook["指标明细"]
    header = [c.value for c in details[1]]
    name, source = header.index("name"), header.index("source_file")
    cells = [row[name] for row in details.iter_rows(min_row=2) if row[source].value == "hostile_xuanchuan.csv"]
    assert [c.value for c in cells[:4]] == list(HOSTILE.values())
    assert all(c.data_type == "s" for c in cells)
    assert [(ws.title, c.coordinate) for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "f"] == []


def test_hostile_names_are_escaped_in_report_html(mixed_run):
    html = (mixed_run.out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;<span" in html
    assert "<td>=HYPERLINK(&#34;http://x&#34;)<span" in html
    assert "<td>@SUM(A1)<span" in html and "<td>+1<span" in html
    assert len(re.findall(r"<script\b", html)) == 3  # error hook, page data, page script
    data = re.search(r'<script id="report-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and "\\u003cscript\\u003ealert(1)" in data


def test_report_html_renders_in_headless_chromium(mixed_run, tmp_path):
    page = mixed_run.out / "report.html"
    opening, dom, console = dump_dom(page, tmp_path / "profile-dom")
    assert console == []
    assert 'data-js-errors="0"' in opening and 'data-ready="1"' in opening, opening
    assert "显示 6 / 6 个项目" in dom
    assert "<img" not in dom and "<script>alert(1)" not in dom
    shot = tmp_path / "report.png"
    assert screenshot(page, tmp_path / "profile-shot", shot) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


# ---------------------------------------------------------------------------
# Atomic outputs and errors


def _old_outputs(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    old = {name: f"old {name}\n".encode() for name in report.OUTPUT_FILES}
    for name, content in old.items():
        (folder / name).write_bytes(content)
    return old


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_run_that_fails_while_writing_keeps_the_old_outputs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = _old_outputs(out)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "_render_html", disk_full)
    result = invoke("score", str(SEEDS / SEED001), "--out", str(out), "--no-progress")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"zhibiao score: cannot write the reports to {out}: No space left on device; "
        "reports already there were left as they were")
    assert _contents(out) == old  # nothing replaced, no temp file left


def test_an_output_name_taken_by_a_folder_replaces_nothing(tmp_path):
    out = tmp_path / "out"
    old = _old_outputs(out)
    (out / "indicators.csv").unlink()
    (out / "indicators.csv").mkdir()  # the last file renamed into place: all others would be replaced first
    del old["indicators.csv"]
    result = invoke("score", str(SEEDS / SEED001), "--out", str(out), "--no-progress")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"zhibiao score: cannot write the reports to {out}: indicators.csv there is a folder, not a file; "
        "move it away and run again; reports already there were left as they were")
    assert _contents(out) == old  # nothing replaced, no temp file left
    assert (out / "indicators.csv").is_dir() and list((out / "indicators.csv").iterdir()) == []


def test_usage_errors_leave_the_out_folder_alone(tmp_path):
    out = tmp_path / "out"
    old = _old_outputs(out)
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = invoke("score", str(empty), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "zhibiao score: no input files found: give files or folders holding "
        ".txt .md .text .xlsx .xlsm .xls .et .docx .doc .wps .csv .tsv .pdf .html .htm documents.")
    assert _contents(out) == old

    a_file = tmp_path / "report.txt"
    a_file.write_text("keep me", encoding="utf-8")
    result = invoke("score", str(SEEDS / SEED001), "--out", str(a_file))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"zhibiao score: --out {a_file} is a file; give a folder for the six report files"
    assert a_file.read_text(encoding="utf-8") == "keep me"


def test_a_second_run_replaces_every_output(seeds_run, tmp_path):
    out = tmp_path / "out"
    _old_outputs(out)
    result = invoke("score", str(SEEDS / SEED001), "--out", str(out), "--no-progress")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(report.OUTPUT_FILES)
    _, rows = read_csv(out / "indicators.csv")
    assert len(rows) == 15 and not (out / "indicators.csv").read_bytes().startswith(b"old")


def test_outputs_inside_an_input_folder_are_not_read_back(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEEDS / SEED001, folder)
    for _ in range(2):
        result = invoke("score", str(folder), "--out", str(folder / "out"), "--no-progress")
        assert result.exit_code == 0, result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("1 files read, 0 failed, 3 tables, 118 rows read = 15 scored")


# ---------------------------------------------------------------------------
# Issue "findings": the seed documents through the whole pipeline


def test_pasted_vaccine_project_is_the_lowest_of_its_department(seeds_run):
    xinglong = [p for p in seeds_run.projects if p["department"] == XINGLONG]
    assert len(xinglong) == 25
    vaccine = seeds_run.project(VACCINE)
    others = [float(p["specificity"]) for p in xinglong if p["project"] != VACCINE]
    assert float(vaccine["specificity"]) < min(others)
    assert vaccine["source_file"] == SEED004 and vaccine["n_indicators"] == "8"

    rows = [r for r in seeds_run.indicators if r["project"] == VACCINE]
    assert [r["value_raw"] for r in rows] == ["财政配套30%"] + ["财政配套及时到位"] * 7
    pasted_ids = ";".join(r["row_id"] for r in rows[1:])
    (pasted,) = seeds_run.findings_of("PASTED_IN_PROJECT", project=VACCINE)
    assert (pasted["rows"], pasted["evidence"]) == (pasted_ids, "财政配套及时到位")
    assert pasted["message"] == "“财政配套及时到位”在本项目7行中重复出现，不是各指标自己的目标值"
    (mostly,) = seeds_run.findings_of("PROJECT_MOSTLY_PASTED", project=VACCINE)
    assert (mostly["scope"], mostly["rows"], mostly["message"]) == ("project", pasted_ids, "项目8行指标中有7行是重复粘贴的文字")
    (multi,) = seeds_run.findings_of("MULTI_FILED", project=VACCINE)
    assert multi["rows"] == ";".join(r["row_id"] for r in rows[1:7])  # the satisfaction row is not 财政配套及时到位's name
    assert all("PASTED_IN_PROJECT" in r["flags"].split(";") for r in rows[1:])
    assert "指标值照抄指标名称×7" in vaccine["top_findings"]


def test_awareness_rate_in_wan_yuan_is_a_unit_contradiction(seeds_run):
    (row,) = [r for r in seeds_run.indicators if r["name"] == "医疗救助政策知晓率" and r["value_raw"] == "≥476万元"]
    assert row["source_file"] == SEED000
    assert (row["comparator"], row["number"], row["unit"]) == ("≥", "476", "万元")
    assert "UNIT_CONTRADICTION" in row["flags"].split(";")
    assert float(row["row_score"]) <= 100 - 25
    (finding,) = [f for f in seeds_run.findings_of("UNIT_CONTRADICTION") if f["rows"] == row["row_id"]]
    assert (finding["severity"], finding["evidence"]) == ("error", "≥476万元")
    assert finding["message"].startswith("“医疗救助政策知晓率”（")
    assert finding["message"].endswith("按百分比计量，指标值“≥476万元”却以“万元”为单位")
    # The same name with a percentage is fine.
    fine = [r for r in seeds_run.indicators if r["name"] == "医疗救助政策知晓率" and r["value_raw"] == "≥90%"]
    assert len(fine) == 3 and not any("UNIT_CONTRADICTION" in r["flags"] for r in fine)


def test_satisfaction_targets_of_100_percent_are_flagged(seeds_run):
    flagged = [(r["project"], r["name"], r["value_raw"]) for r in seeds_run.indicators
               if r["source_file"] == SEED000 and "SATISFACTION_100" in r["flags"].split(";")]
    assert flagged == [
        ("建设医保业务骨干网络经费", "服务对象满意度", "≥100%"),
        ("建设医保业务骨干网络经费", "群众满意度", "≥100%"),
        ("建设医保业务骨干网络经费", "受益对象满意度", "≥100%"),
        ("2020年医保基金第三方监管审计", "受益群众满意度调查", "≥100%"),
        ("全民参保计划保障经费", "群众满意度(%)", "≥100%"),
        ("全民参保计划保障经费", "服务对象满意度指标", "≥100%"),
        ("全民参保计划保障经费", "满意率", "≥100%"),
        ("医保基金第三方监管审计", "受益群众满意度调查", "≥100%"),
    ]
    # Every ≥100% satisfaction row of seed 000 is among them; none below 100% is.
    satisfaction = [r for r in seeds_run.indicators if r["source_file"] == SEED000 and "满意" in r["name"]]
    hundred = [r for r in satisfaction if re.fullmatch(r"[≥=]?100%", r["value_raw"])]
    assert len(hundred) == 8 and all("SATISFACTION_100" in r["flags"] for r in hundred)
    assert not [r for r in satisfaction if r not in hundred and "SATISFACTION_100" in r["flags"]]
    finding = seeds_run.findings_of("SATISFACTION_100", project="全民参保计划保障经费")[0]
    assert (finding["severity"], finding["rule"]) == ("error", CODES["SATISFACTION_100"].rule)


def test_eco_boilerplate_is_flagged_wherever_it_appears_in_004(seeds_run):
    rows = [r for r in seeds_run.indicators if ECO in (r["name"], r["value_raw"], r["description"])]
    sharing = ["城乡医疗救助贫困人口参保资助", "代缴村级连接医保系统费用", "居民医保意外伤害认定调查外包服务费"]
    assert [(r["source_file"], r["project"], r["l2_filed"], r["value_raw"]) for r in rows] == [
        (SEED004, project, "生态效益指标", ECO) for project in sharing]
    for r in rows:
        flags = r["flags"].split(";")
        assert {"SHARED_ACROSS_PROJECTS", "IRRELEVANT", "BOILERPLATE", "VALUE_REPEATS_NAME", "NOT_QUANTIFIED"} <= set(flags)
    shared = seeds_run.findings_of("SHARED_ACROSS_PROJECTS", evidence=ECO)
    assert [f["rows"] for f in shared] == [r["row_id"] for r in rows]
    assert {f["related"] for f in shared} == {";".join(sharing)}
    assert {f["message"] for f in shared} == {f"“{ECO}”出现在3个项目（1个部门）中：" + "、".join(sharing)}
    irrelevant = seeds_run.findings_of("IRRELEVANT", evidence=ECO)
    assert [f["message"] for f in irrelevant] == [
        f"“{ECO}”涉及生态环保，与项目“{project}”的内容和目标无关" for project in sharing]


def test_lengths_and_areas_are_no_unit_contradiction(tmp_path):
    """Taxonomy quantity concepts (道路建设里程, 新增灌溉面积) have the unit family "count", which must
    accept 公里 and 亩 (it flagged both as errors before); a percentage is still a contradiction."""
    out = tmp_path / "out"
    source = FIXTURES / "public" / "012_yueyang_county_agri_hsfarmland_linkage.txt"
    assert invoke("score", str(source), "--out", str(out), "--no-progress").exit_code == 0
    _, rows = read_csv(out / "indicators.csv")
    physical = [(r["name"], r["value_raw"], r["unit"]) for r in rows if r["unit"] in ("公里", "亩", "公斤")]
    assert physical == [
        ("脱贫村村内道路硬化里程", "≥100公里", "公里"),
        ("年增粮食", "3500公斤", "公斤"),
        ("新增和改善灌溉达标面积", "≥500亩", "亩"),
        ("新增和改善排水达标面积", "≥200亩", "亩"),
    ]
    assert not [r["name"] for r in rows if "UNIT_CONTRADICTION" in r["flags"]]
    result = invoke("explain", "培训定点机构人员数量", "--value", "≥100百分比", "--l2", "数量指标")
    assert "[UNIT_CONTRADICTION]" in result.stdout and "按个数/次数计量" in result.stdout


def test_quantified_projects_score_well_above_pasted_ones(seeds_run):
    vaccine = float(seeds_run.project(VACCINE)["specificity"])
    county = seeds_run.project(COUNTY_MATCH)
    assert (county["source_file"], county["department"], county["n_indicators"]) == (SEED000, PINGXIANG, "9")
    assert float(county["specificity"]) >= vaccine + 20
    # Seed 000's project tables are numeric throughout; seed 004's are mostly pasted text.
    pingxiang = [float(p["specificity"]) for p in seeds_run.projects if p["department"] == PINGXIANG]
    xinglong = [float(p["specificity"]) for p in seeds_run.projects if p["department"] == XINGLONG and p["project"] != XINGLONG]
    assert len(pingxiang) == 17 and min(pingxiang) >= vaccine + 20
    assert sum(pingxiang) / len(pingxiang) >= sum(xinglong) / len(xinglong) + 20


# ---------------------------------------------------------------------------
# explain and info


def test_explain_prints_the_unit_contradiction_and_a_score():
    result = invoke("explain", "医疗救助政策知晓率", "--value", "≥476万元", "--l2", "可持续影响指标")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "三级指标: 医疗救助政策知晓率"
    assert lines[1] == "指标值:   ≥476万元  -> 比较符 ≥ 数值 476 单位 万元"
    assert lines[2] == "所填二级: 可持续影响指标 (规范为 可持续影响)"
    (contradiction,) = [line for line in lines if line.startswith("  [UNIT_CONTRADICTION]")]
    assert contradiction.endswith("按百分比计量，指标值“≥476万元”却以“万元”为单位")
    rule = lines[lines.index(contradiction) + 1]
    assert rule == f"      依据: {CODES['UNIT_CONTRADICTION'].rule}"
    (score,) = [line for line in lines if line.startswith("得分:")]
    points = float(re.fullmatch(r"得分:\s+(\d+(?:\.\d+)?)/100", score).group(1))
    assert points <= 75  # 25 points off for the contradiction, more if the model finds more
    assert re.fullmatch(r"\(模型 d\d+\.\d+-s\d+, 分类体系 " + re.escape(load_taxonomy().version) + r"\)", lines[-1])


def test_info_prints_model_taxonomy_and_data_versions():
    from nlp import __version__
    from nlp.artifacts import default_version, read_meta
    from nlp.taxonomy import load_taxonomy
    from pipelines import paths
    from pipelines.train import data_versions

    result = invoke("info")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    taxonomy = load_taxonomy()
    default = default_version(paths.models_dir(), "indicator")
    meta = read_meta(paths.models_dir() / "indicator" / default)
    assert lines[0] == f"zhibiao {__version__}"
    assert lines[1] == f"taxonomy {taxonomy.version}: {len(taxonomy.concepts)} concepts"
    assert lines[2] == f"training data: {', '.join(data_versions(paths.training_data_dir()))}"
    assert lines[3] == (f"model indicator {default} (default), data {meta['training_data']['version']}, "
                        f"taxonomy {meta['taxonomy_version']}, created {meta['created_at']}")
    assert any(re.fullmatch(r"  dimension_macro_f1: 0\.\d+", line) for line in lines)
    assert re.fullmatch(r"model versions: .*\b" + re.escape(default) + r"\b.*", lines[-1])


def test_summary_names_the_model_and_taxonomy_info_prints(seeds_run):
    from nlp.artifacts import default_version
    from pipelines import paths

    assert seeds_run.summary["model_version"] == f"indicator {default_version(paths.models_dir(), 'indicator')}"
    assert seeds_run.summary["taxonomy_version"] == load_taxonomy().version


def _workbook_values(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_a_batch_written_in_chunks_gives_the_same_outputs(seeds_run, tmp_path, monkeypatch):
    """Large batches are tabled and written a chunk of whole projects at a time (memory holds
    one chunk). Forcing chunks of ~60 rows on the seeds (several per document, cut only between
    projects) must give byte-identical CSVs and the same workbook and summary as one pass."""
    import pipelines.score as score

    monkeypatch.setattr(report, "DETAIL_ROW_LIMIT", 40)  # both runs take the bounded report path
    whole = tmp_path / "whole"
    assert invoke("score", str(SEEDS), "--out", str(whole), "--no-progress").exit_code == 0
    calls = []
    original_add = report.LargeReport.add

    def counting_add(self, indicators, findings, first_row=0):
        calls.append((int(indicators["row_id"].iloc[0]), int(indicators["row_id"].iloc[-1])))
        return original_add(self, indicators, findings, first_row)

    monkeypatch.setattr(score, "REPORT_CHUNK_ROWS", 60)
    monkeypatch.setattr(report.LargeReport, "add", counting_add)
    chunked = tmp_path / "chunked"
    assert invoke("score", str(SEEDS), "--out", str(chunked), "--no-progress").exit_code == 0

    n_rows = len(seeds_run.indicators)
    assert len(calls) >= n_rows // 100, calls
    assert calls[0][0] == 1 and calls[-1][1] == n_rows
    assert all(b[0] == a[1] + 1 for a, b in zip(calls, calls[1:])), calls  # contiguous, in order
    # No project is split between two chunks.
    chunk_of_project: dict[tuple[str, str], set[int]] = {}
    for row in seeds_run.indicators:
        position = next(k for k, (a, b) in enumerate(calls) if a <= int(row["row_id"]) <= b)
        chunk_of_project.setdefault((row["department"], row["project"] or row["source_file"]), set()).add(position)
    assert all(len(chunks) == 1 for chunks in chunk_of_project.values())

    for name in ("indicators.csv", "projects.csv", "findings.csv"):
        assert (chunked / name).read_bytes() == (whole / name).read_bytes(), name
    assert (chunked / name).read_bytes() == (seeds_run.out / name).read_bytes()  # same as the unbounded path
    summaries = [json.loads((out / "summary.json").read_text(encoding="utf-8")) for out in (whole, chunked)]
    for summary in summaries:
        summary.pop("generated_at")
    assert summaries[0] == summaries[1]
    assert summaries[0]["report_rows_shown"].startswith(f"report.xlsx 指标明细与 report.html 项目明细仅列出 40 / {n_rows} 条")
    books = [_workbook_values(out / "report.xlsx") for out in (whole, chunked)]
    for book in books:
        book.pop("概览")  # holds the run time
    assert books[0] == books[1]
    overview = [_workbook_values(out / "report.xlsx")["概览"] for out in (whole, chunked)]
    assert [r for r in overview[0] if "生成时间" not in str(r[0])] == [r for r in overview[1] if "生成时间" not in str(r[0])]


def test_chunks_written_by_worker_processes_give_the_same_outputs(seeds_run, tmp_path, monkeypatch):
    """With --workers 2, forked worker processes prepare the chunks and write their lines into the
    CSVs, each chunk after the one before it: the outputs are those of one process (chunks of ~60
    rows on the seeds)."""
    import pipelines.score as score

    monkeypatch.setattr(report, "DETAIL_ROW_LIMIT", 40)
    monkeypatch.setattr(score, "REPORT_CHUNK_ROWS", 60)
    one, two = tmp_path / "one", tmp_path / "two"
    assert invoke("score", str(SEEDS), "--out", str(one), "--workers", "1", "--no-progress").exit_code == 0
    written = []
    original = report.LargeReport.add_written

    def counting(self, chunk):
        written.append(chunk.summary.n_rows)
        return original(self, chunk)

    monkeypatch.setattr(report.LargeReport, "add_written", counting)
    assert invoke("score", str(SEEDS), "--out", str(two), "--workers", "2", "--no-progress").exit_code == 0
    assert len(written) >= len(seeds_run.indicators) // 100 and sum(written) == len(seeds_run.indicators)
    for name in ("indicators.csv", "projects.csv", "findings.csv"):
        assert (two / name).read_bytes() == (one / name).read_bytes(), name
    assert (two / "findings.csv").read_bytes() == (seeds_run.out / "findings.csv").read_bytes()
    summaries = [json.loads((out / "summary.json").read_text(encoding="utf-8")) for out in (one, two)]
    for summary in summaries:
        summary.pop("generated_at")
    assert summaries[0] == summaries[1]
    books = [_workbook_values(out / "report.xlsx") for out in (one, two)]
    assert [r for r in books[0].pop("概览") if "生成时间" not in str(r[0])] == \
        [r for r in books[1].pop("概览") if "生成时间" not in str(r[0])]
    assert books[0] == books[1]
    assert sorted(p.name for p in two.iterdir()) == sorted(report.OUTPUT_FILES)  # no chunk files left


def test_findings_given_as_a_table_or_as_a_frame_give_the_same_reports(tmp_path, monkeypatch):
    """The big path writes the findings of nlp.assess from its findings table (rows as positions);
    write_reports takes any findings frame (rows as id texts). On the seeds, in chunks, both give
    the same six outputs: the same shown rows and findings, finding types and row counts."""
    import pipelines.score as score
    from nlp.assess import score_rows

    monkeypatch.setattr(report, "DETAIL_ROW_LIMIT", 40)
    monkeypatch.setattr(score, "REPORT_CHUNK_ROWS", 60)
    model, meta, version = score.load_scoring_model(repo_paths.models_dir())
    taxonomy = load_taxonomy()
    batch = score.read_batch([SEEDS])
    scored = score_rows(score.rows_frame(batch), model, taxonomy)
    summary = score.build_summary(batch, scored, meta, version, taxonomy.version)
    from_table = score.write_large_reports(scored, tmp_path / "table", dict(summary))
    indicators, findings = scored.tables(0, len(scored))
    from_frame = report.write_reports(tmp_path / "frame", indicators, scored.projects, findings, dict(summary))
    assert len(findings) > 500 and findings["rows"].str.contains(";").any()  # multi-row findings too
    for name in report.OUTPUT_FILES:
        if name != "report.xlsx":  # a zip: its entries carry times
            assert from_table[name].read_bytes() == from_frame[name].read_bytes(), name
    assert _workbook_values(from_table["report.xlsx"]) == _workbook_values(from_frame["report.xlsx"])


def test_scoring_leaves_the_callers_rows_as_they_were():
    """score_rows uses the columns of the frame it is given without copying them (a million-row
    frame): nothing may write into them."""
    import pipelines.score as score
    from nlp.assess import score_rows

    model, _, _ = score.load_scoring_model(repo_paths.models_dir())
    rows = score.rows_frame(score.read_batch([SEEDS]))
    before = rows.copy(deep=True)
    for n_jobs in (1, 2):
        score_rows(rows, model, load_taxonomy(), n_jobs=n_jobs)
    assert rows.equals(before) and list(rows.columns) == list(before.columns)


def test_projects_carry_their_goal_into_projects_csv_and_the_page(seeds_run):
    """The 绩效目标 text each project table states (seed 004's separate goal table)."""
    goal = "1.对人员工资发放\n2.对人员缴纳养老保险\n3.促进工作顺利开展"
    assert seeds_run.project("劳务派遣人员经费")["goal"] == goal
    with_goal = [p for p in seeds_run.projects if p["goal"]]
    assert len(with_goal) >= 40, len(with_goal)
    page = (seeds_run.out / "report.html").read_text(encoding="utf-8")
    assert "绩效目标：1.对人员工资发放\n2.对人员缴纳养老保险" in page


def test_summary_records_the_thresholds_the_checks_used(seeds_run):
    """The misfiled and vague thresholds are the model's own (chosen on the evaluation split), not
    the weights file's defaults: the summary says which were used."""
    used = seeds_run.summary["thresholds_used"]
    assert set(used) == {"misfiled_confidence", "vague_probability", "vague_model_confidence"}
    assert all(0 < v <= 1 for v in used.values())
    assert "检查所用阈值" in (seeds_run.out / "report.html").read_text(encoding="utf-8")


def test_a_chunk_that_fails_in_a_worker_fails_the_run_and_leaves_no_output(tmp_path, monkeypatch):
    """A worker's error ends the run with that error (no worker left waiting for its turn), and no
    half-written output stays behind."""
    import pipelines.score as score

    monkeypatch.setattr(report, "DETAIL_ROW_LIMIT", 40)
    monkeypatch.setattr(score, "REPORT_CHUNK_ROWS", 60)
    original = report.write_chunk

    def failing_after_row_120(indicators, findings, first_row, *args, **kwargs):
        if first_row >= 120:
            raise OSError("disk full")
        return original(indicators, findings, first_row, *args, **kwargs)

    monkeypatch.setattr(score, "write_chunk", failing_after_row_120)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="^disk full$"):
        score.run_score([SEEDS], out, repo_paths.models_dir(), workers=2)
    assert not out.exists() or list(out.iterdir()) == []


def test_a_worker_that_dies_fails_the_run_with_a_message(tmp_path, monkeypatch):
    """A worker killed mid-chunk (the out-of-memory killer, say) does not leave the run waiting."""
    import os

    import pipelines.score as score
    from nlp.forking import fork_context

    if fork_context() is None:
        pytest.skip("work stays in one process on this platform (nlp.forking)")

    monkeypatch.setattr(report, "DETAIL_ROW_LIMIT", 40)
    monkeypatch.setattr(score, "REPORT_CHUNK_ROWS", 60)
    original = report.write_chunk

    def dying_after_row_120(indicators, findings, first_row, *args, **kwargs):
        if first_row >= 120:
            os._exit(9)
        return original(indicators, findings, first_row, *args, **kwargs)

    monkeypatch.setattr(score, "write_chunk", dying_after_row_120)
    with pytest.raises(score.ScoreError, match=r"^a worker process writing the reports was stopped \(out of memory\?\); "
                                                r"nothing was written: run again with --workers 1, or with fewer rows at a time$"):
        score.run_score([SEEDS], tmp_path / "out", repo_paths.models_dir(), workers=2)
    assert list((tmp_path / "out").iterdir()) == []


def test_checks_run_beside_the_models_give_the_same_findings(monkeypatch):
    """score_rows(n_jobs=2) runs the checks that need no prediction in a forked process while the
    models classify: the findings, their order and the scores are those of one process."""
    import nlp.assess as assess
    from pipelines.score import load_scoring_model, read_batch, rows_frame

    model, _, _ = load_scoring_model(repo_paths.models_dir())
    frame = rows_frame(read_batch([SEEDS]))
    taxonomy = load_taxonomy()
    one = assess.score_rows(frame, model, taxonomy)
    monkeypatch.setattr(assess, "PARALLEL_CHECK_MIN_ROWS", 0)
    two = assess.score_rows(frame, model, taxonomy, n_jobs=2)
    assert len(one.findings) > 500
    assert two.findings.to_findings() == one.findings.to_findings()
    assert two.row_scores.tolist() == one.row_scores.tolist()
    assert two.projects.equals(one.projects)


@pytest.mark.parametrize("workers", [1, 2])
def test_writing_a_big_batch_shows_its_progress(seeds_run, tmp_path, monkeypatch, workers):
    """Long runs show on a terminal's stderr how many rows' reports are written, a chunk at a time."""
    import io
    import sys

    import pipelines.score as score

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(report, "DETAIL_ROW_LIMIT", 40)
    monkeypatch.setattr(score, "REPORT_CHUNK_ROWS", 60)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    score.run_score([SEEDS], tmp_path / "out", repo_paths.models_dir(), workers=workers, progress=True)
    n_rows = len(seeds_run.indicators)
    updates = re.findall(r"\r写出报告 \[[#.]{30}\] (\d+)/(\d+)", terminal.getvalue())
    assert len(updates) >= n_rows // 100 and all(int(total) == n_rows for _, total in updates)
    done = [int(rows) for rows, _ in updates]
    assert done == sorted(done) and done[-1] == n_rows
