"""Checks on the seed tables (000 平乡县医疗保障局 2021, 004 兴隆县医疗保障局 2022), judged as a
reviewer would, plus small constructed batches for each finding code."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nlp.checks import CODES, SEVERITIES, Finding, check_batch, check_row_text, load_weights
from nlp.schema import INDICATOR_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
VACCINE = "财政对基本医疗保险基金疫苗款的补助"
ECO_PROJECTS = ("城乡医疗救助贫困人口参保资助", "代缴村级连接医保系统费用", "居民医保意外伤害认定调查外包服务费")


def load_seed(seed: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = pd.read_csv(FIXTURES / f"seed_{seed}_rows.csv", dtype=str, keep_default_na=False)
    projects = pd.read_csv(FIXTURES / f"seed_{seed}_projects.csv", dtype=str, keep_default_na=False)
    return rows, projects


@pytest.fixture(scope="module")
def seed_000():
    rows, projects = load_seed("000")
    return rows, check_batch(rows, projects=projects)


@pytest.fixture(scope="module")
def seed_004():
    rows, projects = load_seed("004")
    return rows, check_batch(rows, projects=projects)


def locators(rows: pd.DataFrame, finding: Finding) -> list[str]:
    return [rows.row_locator[i] for i in finding.rows]


def of_code(findings, code):
    return [f for f in findings if f.code == code]


def batch(*records, **common) -> pd.DataFrame:
    """A small batch: each record is (name, value_raw) or a dict of columns."""
    out = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            record = {"name": record[0], "value_raw": record[1]}
        row = {column: "" for column in INDICATOR_COLUMNS}
        row.update({"source_file": "t.csv", "table_index": "1", "row_locator": f"R{i + 1}",
                    "department": "测试局", "project": "测试项目", "l2": "质量"})
        row.update(common)
        row.update(record)
        out.append(row)
    return pd.DataFrame(out)


# --- the seed expectations -----------------------------------------------------------------


def test_fixtures_hold_every_project_table_of_004(seed_004):
    rows, _ = seed_004
    assert rows.project.nunique() == 24
    assert len(rows) == 196
    assert list(rows.columns) == list(INDICATOR_COLUMNS)


def test_vaccine_project_is_flagged_as_copy_paste(seed_004):
    rows, findings = seed_004
    mine = [f for f in findings if f.project == VACCINE]
    pasted = of_code(mine, "PASTED_IN_PROJECT")
    assert len(pasted) == 1
    assert pasted[0].evidence == "财政配套及时到位"
    assert pasted[0].message == "“财政配套及时到位”在本项目7行中重复出现，不是各指标自己的目标值"
    assert locators(rows, pasted[0]) == [
        "L382-388", "L390-396", "L398-404", "L406-412", "L414-420", "L422-428", "L430-436"
    ]
    assert pasted[0].department == "362001兴隆县医疗保障局本级"
    assert pasted[0].rule.startswith("zhibiao 规则 P1")
    multi = of_code(mine, "MULTI_FILED")
    assert [f.message for f in multi] == [
        "“财政配套及时到位”同时填报在时效、质量、经济成本、可持续影响、社会效益、生态效益下，一个指标只能属于一个二级指标"
    ]
    mostly = of_code(mine, "PROJECT_MOSTLY_PASTED")
    assert [(f.evidence, f.scope) for f in mostly] == [("7/8", "project")]
    assert len(of_code(mine, "VALUE_REPEATS_NAME")) == 7  # 财政配套30% and the six 财政配套及时到位 names


def test_awareness_rate_in_wan_yuan_is_a_unit_contradiction(seed_000):
    rows, findings = seed_000
    contradictions = of_code(findings, "UNIT_CONTRADICTION")
    awareness = [f for f in contradictions if f.evidence == "≥476万元"]
    assert len(awareness) == 1
    assert locators(rows, awareness[0]) == ["L1259-1264"]
    assert awareness[0].severity == "error"
    assert awareness[0].message == "“医疗救助政策知晓率”（知晓率）按百分比计量，指标值“≥476万元”却以“万元”为单位"
    # The same name with ≥90% elsewhere in 000 is fine.
    flagged = {i for f in contradictions for i in f.rows}
    fine = rows.index[(rows.name == "医疗救助政策知晓率") & (rows.value_raw == "≥90%")]
    assert len(fine) == 3 and not flagged & set(fine)


def test_satisfaction_of_100_percent_or_more_is_flagged_in_000(seed_000):
    rows, findings = seed_000
    flagged = sorted(rows.row_locator[i] for f in of_code(findings, "SATISFACTION_100") for i in f.rows)
    assert flagged == sorted([
        "L409-414", "L416-421", "L423-428", "L678-683", "L1003-1008", "L1010-1015", "L1017-1022", "L1519-1524",
    ])
    expected = rows.row_locator[rows.name.str.contains("满意") & (rows.value_raw == "≥100%")]
    assert flagged == sorted(expected)


def test_satisfaction_of_100_percent_is_flagged_in_004(seed_004):
    rows, findings = seed_004
    flagged = {i for f in of_code(findings, "SATISFACTION_100") for i in f.rows}
    values = {rows.value_raw[i] for i in flagged}
    assert values == {"≥100百分比", "≥100%", "100%"}
    assert len(flagged) == 17


def test_ecology_boilerplate_is_flagged_wherever_it_appears_with_the_sharing_projects(seed_004):
    rows, findings = seed_004
    shared = [f for f in of_code(findings, "SHARED_ACROSS_PROJECTS") if f.evidence == "满足生态环保要求"]
    assert sorted(f.project for f in shared) == sorted(ECO_PROJECTS)
    for finding in shared:
        assert finding.related == ECO_PROJECTS
        assert finding.message.startswith("“满足生态环保要求”出现在3个项目（1个部门）中：")
    where = set(rows.index[rows.value_raw == "满足生态环保要求"])
    assert {i for f in shared for i in f.rows} == where
    irrelevant = [f for f in of_code(findings, "IRRELEVANT") if f.evidence == "满足生态环保要求"]
    assert {i for f in irrelevant for i in f.rows} == where
    assert irrelevant[0].severity == "info"
    boiler = [f for f in of_code(findings, "BOILERPLATE") if f.evidence == "满足生态环保要求"]
    assert {i for f in boiler for i in f.rows} == where


def test_well_quantified_project_has_few_findings(seed_000):
    rows, findings = seed_000
    mine = [f for f in findings if f.project == "城乡居民医疗保险县级配套资金b"]
    assert sorted(f.code for f in mine) == ["BOILERPLATE", "BOILERPLATE", "TABLE_COPIED", "VAGUE_NAME", "VAGUE_NAME"]
    assert {f.evidence for f in of_code(mine, "VAGUE_NAME")} == {"社会影响力", "社会稳定水平"}
    copied = of_code(mine, "TABLE_COPIED")[0]
    assert copied.related == ("城乡居民医疗保险县级配套资金b", "冀财预[2020]78号城乡居民医疗保险县级配套资金b（直达）")


def test_cost_targets_written_as_floors(seed_000):
    rows, findings = seed_000
    floors = of_code(findings, "COST_FLOOR")
    assert {f.evidence for f in floors} >= {"≥437万元", ">40万元", "≥23.5万元/每年"}
    assert all(rows.l2[f.rows[0]] == "经济成本" for f in floors)


def test_irrelevance_check_is_conservative_on_000(seed_000):
    _, findings = seed_000
    assert of_code(findings, "IRRELEVANT") == []


def test_every_finding_is_complete(seed_000, seed_004):
    for rows, findings in (seed_000, seed_004):
        assert findings
        for finding in findings:
            spec = CODES[finding.code]
            assert finding.severity == spec.severity in SEVERITIES
            assert finding.rule == spec.rule and finding.rule
            assert finding.message and finding.evidence
            assert finding.scope == spec.scope
            assert finding.project and finding.department
            assert all(0 <= i < len(rows) for i in finding.rows)
            if spec.scope == "row":
                assert finding.rows
                assert {rows.project[i] for i in finding.rows} == {finding.project}
        assert isinstance(findings[0].to_dict()["rows"], list)


def test_every_code_is_documented_and_weighted():
    docs = (Path(__file__).parents[1] / "docs" / "findings.md").read_text(encoding="utf-8")
    weights = load_weights()
    for code, spec in CODES.items():
        # The reference table row must say exactly what the code does (no drift between code and docs).
        row = f"| `{code}` | {spec.severity} | {spec.scope} | {weights['deductions'][code]} | {spec.title} | {spec.rule} |"
        assert row in docs, code
        assert f"* `{code}`" in docs or f"`{code}` /" in docs or f"/ `{code}`" in docs, f"{code}: no 'when raised' entry"


# --- each check on constructed rows --------------------------------------------------------


@pytest.mark.parametrize(
    "name, value, l2, codes",
    [
        ("困难群众医疗费用负担减轻程度", "有效缓解", "社会效益", {"VAGUE_VALUE", "NOT_QUANTIFIED"}),
        ("参保率", "逐步提高至95%", "社会效益", set()),
        ("补助资金", "全部到位", "质量", {"NOT_QUANTIFIED"}),  # an absolute target is not vague
        ("预计成本", "不超预算", "经济成本", {"VAGUE_VALUE", "NOT_QUANTIFIED", "BOILERPLATE"}),
        ("社会影响力", ">95%", "可持续影响", {"VAGUE_NAME", "BOILERPLATE"}),
        ("完成时间", "2022年12月底前", "时效", set()),
        ("完成时间", "按时完成", "时效", {"VAGUE_VALUE", "NOT_QUANTIFIED", "NO_DEADLINE"}),
        ("资金拨付及时率", "≥95%", "时效", set()),
        ("验收等级", "优良", "质量", {"GRADED_TARGET"}),
        ("是否建立制度", "是", "可持续影响", {"BOOLEAN_TARGET"}),
        ("受资助人数", "≥30%", "数量", {"UNIT_CONTRADICTION"}),
        ("受益群众满意度", "≥90人", "满意度", {"UNIT_CONTRADICTION"}),
        ("政策知晓率", "≥476万元", "社会效益", {"UNIT_CONTRADICTION"}),
        ("群众满意度", "≥100", "满意度", {"UNIT_MISSING"}),
        ("任务完成率", "0.95", "质量", {"UNIT_MISSING"}),  # flagged, never read as 95%
        ("提供法律服务数量", "≥100提供法律服务数量", "数量", {"UNIT_MISSING"}),
        ("群众满意度", "100%", "满意度", {"SATISFACTION_100"}),
        ("群众满意度", "≥95%", "满意度", set()),
        ("群众满意度", "≥101%", "满意度", {"SATISFACTION_100", "RATE_OVER_100"}),
        ("任务完成率", "≥100%", "质量", {"RATE_GE_100"}),
        ("任务完成率", "=100%", "质量", set()),
        ("任务完成率", "120%", "质量", {"RATE_OVER_100"}),
        ("收入增长率", "120%", "经济效益", set()),
        ("补贴期限", "2020.1.1-2020.12.31", "时效", set()),  # public excerpt 021: a dotted date range
        ("完成时间", "12.5", "时效", {"NO_DEADLINE"}),  # a bare decimal is no date
        ("培训人数(≥**人)", "≥50人", "数量", {"TEMPLATE_HINT"}),  # hint left in the name, value filled
        ("指标1:培训人数", "≥50人", "数量", {"TEMPLATE_HINT"}),
        ("培训XX人次", "≥50人次", "数量", {"TEMPLATE_HINT"}),
        ("培训人数", "≥**人", "数量", {"PLACEHOLDER", "NOT_QUANTIFIED"}),  # the value itself is the template
        ("培训人数(≥**人)", "按要求完成", "数量", {"PLACEHOLDER", "VAGUE_VALUE", "NOT_QUANTIFIED"}),
        ("培训人数", "", "数量", {"EMPTY_VALUE"}),
        ("培训人数", "/", "数量", {"EMPTY_VALUE"}),
        ("保障发放", "保障发放", "质量", {"VALUE_REPEATS_NAME", "NOT_QUANTIFIED", "VAGUE_NAME"}),
        ("促进专利转化", "≥2项", "社会效益", {"VAGUE_NAME"}),  # an aim, nothing named to count
        ("帮助困难教师和学生提高生活水平", "95", "社会效益", set()),  # 水平 is measured
        ("社會成本指標", "無", "社会成本", set()),  # "no social cost": a fact, not a target
        ("數量指標", "≥10个", "数量", {"VAGUE_NAME"}),  # the 二级 label as a name
        ("服务对象满意度", "≥95%", "社会效益", {"MISFILED"}),
        ("项目建设成本", "≥95%", "时效", {"MISFILED"}),
        ("总成本", "≥40万元", "经济成本", {"COST_FLOOR"}),
        ("总成本", "≤40万元", "经济成本", set()),
    ],
)
def test_row_checks(name, value, l2, codes):
    assert {code for code, _, _ in check_row_text(name, "", value, l2=l2)} == codes


def test_value_repeating_the_description():
    found = check_row_text("保障发放", "专款专用，保障发放", "专款专用，保障发放", l2="质量")
    assert ("VALUE_REPEATS_DESCRIPTION", "专款专用，保障发放", "指标值“专款专用，保障发放”照抄指标描述，不是目标值") in found


def test_placeholder_evidence_quotes_the_template():
    found = check_row_text("新建水泥路(≥**个)", "", "≥2个", l2="数量")
    assert found[0] == ("TEMPLATE_HINT", "**", "名称或说明中留有模板填写提示“**”，指标值“≥2个”已填写")
    found = check_row_text("新建水泥路", "", "≥**个", l2="数量")
    assert found[0] == ("PLACEHOLDER", "**", "模板占位符未替换：**（用“**”代替数字，如“≥**个”）")


def test_shared_text_needs_three_projects_and_reports_departments():
    rows = batch(
        {"name": "生态", "value_raw": "满足生态环保要求", "project": "A", "department": "甲"},
        {"name": "生态", "value_raw": "满足生态环保要求", "project": "B", "department": "乙"},
        {"name": "生态", "value_raw": "满足生态环保要求", "project": "C", "department": "乙"},
        {"name": "效果", "value_raw": "群众生活明显改善", "project": "A"},
        {"name": "效果", "value_raw": "群众生活明显改善", "project": "B"},
    )
    shared = of_code(check_batch(rows), "SHARED_ACROSS_PROJECTS")
    assert [(f.project, f.department, f.rows) for f in shared] == [("A", "甲", (0,)), ("B", "乙", (1,)), ("C", "乙", (2,))]
    assert shared[0].message == "“满足生态环保要求”出现在3个项目（2个部门）中：A、B、C"
    assert shared[0].related == ("A", "B", "C")


def test_near_duplicates_are_clustered():
    rows = batch(
        {"name": "生态", "value_raw": "满足生态环保要求", "project": "A"},
        {"name": "生态", "value_raw": "满足生态环境保护要求", "project": "B"},
        {"name": "生态", "value_raw": "满足生态环境保护要求", "project": "C"},
        {"name": "生态", "value_raw": "完全不同的一段文字", "project": "D"},
    )
    near = sorted(of_code(check_batch(rows), "NEAR_DUPLICATE_TEXT"), key=lambda f: f.project)
    assert [(f.project, f.evidence) for f in near] == [
        ("A", "满足生态环保要求"), ("B", "满足生态环境保护要求"), ("C", "满足生态环境保护要求")
    ]
    assert sorted(near[0].related) == ["A", "B", "C"]
    assert near[0].message == "“满足生态环保要求”与“满足生态环境保护要求”几乎相同，共3个项目使用"


def test_pasted_in_project_needs_the_same_free_text_twice():
    rows = batch(("到位情况", "严格执行待遇保障制度"), ("发放情况", "严格执行待遇保障制度"), ("资助率", "≥95%"),
                 ("覆盖率", "≥95%"))
    pasted = of_code(check_batch(rows), "PASTED_IN_PROJECT")
    assert [(f.rows, f.evidence) for f in pasted] == [((0, 1), "严格执行待遇保障制度")]


def test_model_predictions_are_inputs():
    rows = batch(
        {"name": "培训人次", "value_raw": "≥50人次", "l2": "质量", "dimension": "数量", "dimension_confidence": 0.93},
        {"name": "培训合格率", "value_raw": "≥95%", "l2": "质量", "dimension": "数量", "dimension_confidence": 0.55},
        {"name": "服务水平", "value_raw": "稳中有进", "l2": "社会效益", "value_kind": "vague", "value_kind_confidence": 0.9},
        {"name": "服务人次", "value_raw": "≥100人次", "l2": "数量", "value_kind": "vague", "value_kind_confidence": 0.9},
    )
    findings = check_batch(rows)
    misfiled = of_code(findings, "MISFILED_MODEL")
    assert [(f.rows, f.message) for f in misfiled] == [((0,), "“培训人次”填报在“质量”下，模型判断为“数量”（置信度0.93）")]
    assert misfiled[0].rule.startswith("zhibiao 规则 M1")
    vague = of_code(findings, "VAGUE_VALUE")
    assert [f.rows for f in vague] == [(2,)]  # a number is checkable whatever the model says


def test_taxonomy_filler_and_lookup():
    class Concept:
        def __init__(self, cid, name, dimension, unit_family, filler=False):
            self.id, self.name, self.dimension, self.unit_family, self.filler = cid, name, dimension, unit_family, filler

        def accepts_dimension(self, dimension):
            return dimension == self.dimension

    concepts = {"社会稳定": Concept("filler.social_stability", "社会稳定水平", "社会效益", "percent", filler=True),
                "培训人数": Concept("output.trainees", "培训人数", "数量", "count")}
    rows = batch(
        {"name": "社会稳定", "value_raw": "≥95%", "l2": "社会效益"},
        {"name": "培训人数", "value_raw": "≥95%", "l2": "质量"},
        {"name": "随便什么", "value_raw": "≥95%", "l2": "质量", "concept_id": "filler.x"},
    )
    findings = check_batch(rows, lookup=concepts.get, filler_ids={"filler.x"})
    assert [(f.code, f.rows) for f in findings if f.code in ("BOILERPLATE", "UNIT_CONTRADICTION", "MISFILED")] == [
        ("BOILERPLATE", (0,)),
        ("UNIT_CONTRADICTION", (1,)),
        ("MISFILED", (1,)),
        ("BOILERPLATE", (2,)),
    ]


def test_missing_coverage_is_reported_per_project():
    rows = batch(
        {"name": "培训人数", "value_raw": "≥50人", "l2": "数量", "project": "培训项目"},
        {"name": "参训学员满意度", "value_raw": "≥90%", "l2": "满意度", "project": "培训项目"},
        {"name": "服务群众人次", "value_raw": "≥500人次", "l2": "数量", "project": "服务项目"},
        {"name": "服务合格率", "value_raw": "≥95%", "l2": "质量", "project": "服务项目"},
        {"name": "群众就医负担", "value_raw": "≤200元", "l2": "社会效益", "project": "服务项目"},
        {"name": "单位成本", "value_raw": "≤20元", "l2": "经济成本", "project": "服务项目"},
    )
    found = [(f.project, f.code, f.evidence, f.rows, f.scope) for f in check_batch(rows)
             if f.code.startswith("MISSING")]
    assert found == [
        ("培训项目", "MISSING_DIMENSION", "质量", (), "project"),
        ("培训项目", "MISSING_DIMENSION", "效益指标（经济/社会/生态效益或可持续影响，至少一项）", (), "project"),
        ("培训项目", "MISSING_COST", "成本指标", (), "project"),
        ("服务项目", "MISSING_SATISFACTION", "满意度", (), "project"),
    ]


def test_rows_without_a_project_name_are_grouped_by_table():
    rows = batch(("培训人数", "≥50人"), ("培训人数", "≥50人"), project="")
    rows.loc[1, "table_index"] = "2"
    projects = {f.project for f in check_batch(rows)}
    assert projects == {"t.csv#1", "t.csv#2"}


def test_empty_batch():
    assert check_batch(pd.DataFrame(columns=list(INDICATOR_COLUMNS))) == []


def test_a_million_duplicated_rows_check_quickly():
    import time

    rows, _ = load_seed("004")
    reps = 1_000_000 // len(rows) + 1
    big = pd.concat([rows] * reps, ignore_index=True).iloc[:1_000_000]
    copy = np.repeat(np.arange(reps), len(rows))[:1_000_000]
    big["project"] = big["project"].to_numpy(dtype=object) + "#" + (copy % 20_000).astype(str).astype(object)
    big["department"] = big["department"].to_numpy(dtype=object) + "#" + (copy % 300).astype(str).astype(object)
    # CPU time, not wall time: the test machine is shared, and CPU time does not count waiting.
    start = time.process_time()
    findings = check_batch(big)
    elapsed = time.process_time() - start
    assert elapsed < 20, f"checking 1,000,000 rows took {elapsed:.1f} s of CPU"
    vaccine_pasted = sum(len(f.rows) for f in findings
                         if f.code == "PASTED_IN_PROJECT" and f.project.startswith(VACCINE + "#"))
    assert vaccine_pasted == (big.project.str.startswith(VACCINE + "#") & (big.value_raw == "财政配套及时到位")).sum()
    assert vaccine_pasted == 7 * (1_000_000 // len(rows))  # the last, cut copy stops before table 3


def test_related_projects_are_capped_but_counted():
    rows = batch(*({"name": "生态", "value_raw": "满足生态环保要求", "project": f"P{i:02d}"} for i in range(60)))
    shared = of_code(check_batch(rows), "SHARED_ACROSS_PROJECTS")
    assert len(shared) == 60
    assert shared[0].related == tuple(f"P{i:02d}" for i in range(50))
    assert shared[0].message.startswith("“满足生态环保要求”出现在60个项目（1个部门）中：P00、P01、P02、P03、P04等")


def test_with_the_packaged_taxonomy():
    from nlp.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    rows, projects = load_seed("000")
    findings = check_batch(rows, projects=projects, filler_ids=taxonomy.filler_ids, lookup=taxonomy.lookup)
    assert "≥476万元" in {f.evidence for f in of_code(findings, "UNIT_CONTRADICTION")}
    rows, projects = load_seed("004")
    findings = check_batch(rows, projects=projects, filler_ids=taxonomy.filler_ids, lookup=taxonomy.lookup)
    # A 下降率 is a rate by its own name, whatever concept the name is matched to.
    complaints = set(rows.index[rows.name == "群众投诉下降率%"])
    assert len(complaints) == 2
    assert not complaints & {i for f in of_code(findings, "UNIT_CONTRADICTION") for i in f.rows}
    assert {f.project for f in of_code(findings, "PROJECT_MOSTLY_PASTED")} == {VACCINE}


def test_vague_words_inside_names_of_things_do_not_count():
    from nlp.checks import vague_hits

    assert vague_hits("用于长护险待遇专款专用") == ()
    assert vague_hits("长期护理保险待遇发放") == ()
    assert vague_hits("长期使用") == ("长期",)
    assert vague_hits("网络运行的质量良好") == ("良好",)
    assert vague_hits("农村因病致贫人数较上年减少") == ("减少",)
    assert vague_hits("保障医保工作正常运行") == ("正常运行",)


def test_the_same_indicator_filed_twice(seed_000):
    rows, findings = seed_000
    found = [(f.project, locators(rows, f), f.message) for f in of_code(findings, "DUPLICATE_INDICATOR")]
    assert found == [
        ("综合事务管理", ["L326-331", "L333-338"], "“群众满意度”“>95%”在本项目填报了2次"),
        ("长期护理保险县级配套资金b", ["L582-587", "L589-594"], "“群众满意度”“≥95%”在本项目填报了2次"),
    ]


def test_coverage_is_not_required_of_evaluation_frameworks():
    rows = batch(
        {"name": "预算执行率", "value_raw": "≥95%", "l2": "", "table_kind": "评价指标体系", "project": "评价"},
        {"name": "培训人数", "value_raw": "≥50人", "l2": "数量", "table_kind": "目标表", "project": "培训"},
    )
    assert {f.project for f in check_batch(rows) if f.code.startswith("MISSING")} == {"培训"}


def test_default_csv_dtypes_and_index_give_the_same_findings(seed_000):
    rows, findings = seed_000
    raw = pd.read_csv(FIXTURES / "seed_000_rows.csv")  # ints, floats and NaN for empty cells
    raw.index = [7] * len(raw)
    again = check_batch(raw, projects=load_seed("000")[1])
    assert [(f.code, f.rows, f.message) for f in again] == [(f.code, f.rows, f.message) for f in findings]


def test_the_vague_model_raises_vague_value_only_for_uncheckable_targets():
    """Rows from seed 003's evaluation table: the vague model's probability (an input) turns a
    qualitative target into VAGUE_VALUE above the threshold; a date stays checkable whatever it says."""
    rows = pd.DataFrame([
        {"department": "医疗保障局", "project": "医疗服务与保障能力提升补助", "l2": "质量",
         "name": "决策程序规范", "value_raw": "程序合规完整", "vague_probability": "0.91"},
        {"department": "医疗保障局", "project": "医疗服务与保障能力提升补助", "l2": "时效",
         "name": "按时完成配套资金的拨付", "value_raw": "2022-12-31", "vague_probability": "0.95"},
        {"department": "医疗保障局", "project": "医疗服务与保障能力提升补助", "l2": "质量",
         "name": "资金使用合规性", "value_raw": "资金使用符合相关规定", "vague_probability": "0.40"},
    ]).reindex(columns=list(INDICATOR_COLUMNS) + ["vague_probability"], fill_value="")
    weights = {**load_weights(), "thresholds": {**load_weights()["thresholds"], "vague_probability": 0.75}}
    model_vague = [f for f in check_batch(rows, weights=weights) if f.code == "VAGUE_VALUE" and "被模型判为含糊" in f.message]
    assert [(f.rows, f.evidence) for f in model_vague] == [((0,), "程序合规完整")]
    assert model_vague[0].message == "“决策程序规范”的目标“程序合规完整”被模型判为含糊（概率0.91），年终无法客观判断是否达成"
    without_threshold = [f for f in check_batch(rows) if "被模型判为含糊" in f.message]
    assert without_threshold == []  # the model's threshold comes with the model


def test_relevance_is_judged_against_the_project_name_and_the_goal_its_rows_carry():
    """满足生态环保要求 (seed 004's pasted text) on a medical-aid project: irrelevant; the same
    row is relevant when the table's 绩效目标 speaks of ecology; with neither a project name nor
    a goal (a table read without its title) there is nothing to judge against, so no finding."""
    row = {"name": "生态效益", "value_raw": "满足生态环保要求", "l2": "生态效益"}
    findings = check_batch(batch(row, project="城乡医疗救助资金"))
    (irrelevant,) = of_code(findings, "IRRELEVANT")
    assert irrelevant.message == "“满足生态环保要求”涉及生态环保，与项目“城乡医疗救助资金”的内容和目标无关"
    goal = "实施农村人居环境整治，改善生态环境，确保医疗废物无害化处理"
    assert of_code(check_batch(batch(row, project="城乡医疗救助资金", goal=goal)), "IRRELEVANT") == []
    assert of_code(check_batch(batch(row, project="")), "IRRELEVANT") == []
    # A goal alone is enough to judge against.
    (unnamed,) = of_code(check_batch(batch(row, project="", goal="保障困难群众基本医疗")), "IRRELEVANT")
    assert unnamed.message == "“满足生态环保要求”涉及生态环保，与项目“t.csv#1”的内容和目标无关"


def test_a_school_environment_is_no_ecology_and_a_campus_project_is_education():
    """Rows of a real public self-evaluation (校园维修改造及设备购置, public excerpt): 校园环境
    speaks of the school, not of ecology; a row about 教师和学生 fits a 校园 project."""
    rows = batch(("保障校园环境安全、教学工作正常运转", "有效保障"), ("建设平安校园,满足教师和学生生活、学习的需要", "满足"),
                 project="校园维修改造及设备购置")
    assert of_code(check_batch(rows), "IRRELEVANT") == []


def test_rows_that_say_the_indicator_does_not_apply_are_not_charged():
    """101号 tables list 社会成本 and 生态环境成本 for every project; most answer 无 / 0 / 不涉及 or
    "本项目不适用此指标". Such rows state a fact: no vague, empty or unquantified finding, from the
    rules or from the model."""
    rows = batch(
        {"name": "社会成本", "value_raw": "无", "l2": "社会成本", "vague_probability": "0.99"},
        {"name": "生态环境成本", "value_raw": "/", "l2": "生态环境成本", "vague_probability": "0.99"},
        {"name": "本项目不适用此指标", "value_raw": "无", "l2": "生态环境成本", "vague_probability": "0.99"},
        {"name": "社会成本指标", "value_raw": "减少", "l2": "社会成本", "vague_probability": "0.99"},
        {"name": "本项目不适用此指标", "value_raw": "无", "l2": "生态效益", "vague_probability": "0.99",
         "project": "另一项目"},
    )
    weights = dict(load_weights())
    weights["thresholds"] = dict(weights["thresholds"], vague_probability=0.5)
    flagged = {(f.code, f.rows) for f in check_batch(rows, weights=weights) if f.scope == "row"}
    assert {rows for _, rows in flagged} == {(3,), (4,)}
    assert {code for code, rows in flagged if rows == (3,)} == {"VAGUE_NAME", "VAGUE_VALUE", "NOT_QUANTIFIED"}
    # A benefit declared not applicable stays flagged (the labelling guide counts it as vague).
    assert "VAGUE_VALUE" in {code for code, rows in flagged if rows == (4,)}


def test_template_placements_of_coverage_rates_and_beneficiary_counts_are_not_misfiled():
    """Public excerpts 001 (基本公卫) and 012 (衔接资金) file rows as their national templates do:
    接种率 under 数量, 受益脱贫(监测)人口数 under 社会效益. Neither the rules nor the model call them
    misfiled; a length filed under 质量 still is."""
    from nlp.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    rows = batch(
        {"name": "适龄儿童国家免疫规划疫苗接种率", "value_raw": "≥90%", "l2": "数量",
         "dimension": "质量", "dimension_confidence": "0.95"},
        {"name": "受益脱贫(监测)人口数", "value_raw": "≥500人", "l2": "社会效益",
         "dimension": "数量", "dimension_confidence": "0.95"},
        {"name": "村内道路硬化里程", "value_raw": "≥5公里", "l2": "质量",
         "dimension": "数量", "dimension_confidence": "0.95"},
    )
    findings = check_batch(rows, filler_ids=taxonomy.filler_ids, lookup=taxonomy.lookup)
    misfiled = {(f.code, f.rows) for f in findings if f.code in ("MISFILED", "MISFILED_MODEL")}
    assert {rows for _, rows in misfiled} == {(2,)}


def test_a_property_name_takes_any_unit_its_concept_would_not_impose_one():
    """Public excerpt 009: "维护及时性 <24小时" maps to the concept 响应及时率 (a percentage), but a
    name of a property says nothing of its unit; a name that is itself a rate still does."""
    from nlp.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    codes = [c for c, _, _ in check_row_text("维护及时性", "", "<24小时", l2="时效", concept=taxonomy.lookup("维护及时性"))]
    assert "UNIT_CONTRADICTION" not in codes
    codes = [c for c, _, _ in check_row_text("医疗救助政策知晓率", "", "≥476万元", l2="可持续影响",
                                            concept=taxonomy.lookup("医疗救助政策知晓率"))]
    assert codes == ["UNIT_CONTRADICTION"]
