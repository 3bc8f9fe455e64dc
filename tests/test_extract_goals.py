"""Every reader carries its table's 绩效目标 text in IndicatorRow.goal (issue #5: the
IRRELEVANT check compares rows with the project's name and goals). Real documents only."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nlp.extract import extract_file
from nlp.extract.goals import GOAL_MAX_CHARS, clean_goal, goal_label, goal_of_rows
from nlp.schema import INDICATOR_COLUMNS, IndicatorRow
from pipelines.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def _goals(path: Path) -> dict[tuple[int, str], set[str]]:
    """(table_index, project) -> the set of goal texts of its rows."""
    found: dict[tuple[int, str], set[str]] = {}
    for row in extract_file(path).rows:
        found.setdefault((row.table_index, row.project), set()).add(row.goal)
    return found


def _one_goal(path: Path, table_index: int, project: str) -> str:
    goals = _goals(path)[(table_index, project)]
    assert len(goals) == 1, f"rows of one table must share one goal: {goals}"
    return goals.pop()


def test_goal_is_the_last_indicator_column():
    assert INDICATOR_COLUMNS[-1] == "goal"
    assert IndicatorRow("f", 1, "L1").goal == ""


# ------------------------------------------------------------------ seeds


@pytest.mark.parametrize(
    "name, with_goal, total",
    [
        ("000_f66b596638052c77.txt", 18, 18),
        ("001_ccee6d171f262ac8.txt", 1, 1),
        ("003_4e8feeed9e58872d.txt", 1, 2),
        ("004_b5b5933a0db36905.txt", 25, 25),
    ],
)
def test_seed_projects_with_a_goal(name, with_goal, total):
    goals = _goals(SEEDS / name)
    assert all(len(texts) == 1 for texts in goals.values())
    assert (sum(1 for texts in goals.values() if next(iter(texts))), len(goals)) == (with_goal, total)


def test_seed_000_goal_tables_above_each_project_table():
    path = SEEDS / "000_f66b596638052c77.txt"
    # L91-93: "绩效目标 | 1.提高困难群众医疗水平，…" in the table above the indicators (NFKC: ，-> ,)
    assert _one_goal(path, 3, "冀财社[2020]195号河北省财政厅关于提前下达2021年省级财政医疗救助补助资金的通知") == (
        "1.提高困难群众医疗水平,资助参加基本医疗保险,资助符合条件的参保对象部分自付医药费。\n2.减少因病致贫现象发生"
    )
    goal = _one_goal(path, 7, "综合事务管理")
    assert goal.startswith("1.保障局日常工作正常运转,做好窗口单位建设工作") and len(goal) == 63
    # Three numbered goals in the merged cell (L1373-1376)
    goal = _one_goal(path, 33, "冀财预[2020]78号城乡居民医疗保险县级配套资金b（直达）")
    assert goal.splitlines()[2] == "3.一站式报销方便困难群众就医,增加社会稳定度。" and len(goal) == 77


def test_seed_000_department_prose_rows_get_the_overall_goal():
    # "（一）总体绩效目标" (L50) and its paragraph, up to "（2） 分项绩效目标"
    goal = _one_goal(SEEDS / "000_f66b596638052c77.txt", 0, "平乡县医疗保障局")
    assert goal.startswith("组织拟订医疗保障工作规划,负责全县医疗保障综合统计工作")
    assert goal.endswith("依法查处医疗保障领域违法违规行为。")
    assert "\n" not in goal and len(goal) == 490


def test_seed_001_department_table_goal_without_paragraph_tags():
    # L505: "年度 总体 目标 | <p>目标1：…</p> <p>目标2：…</p> …"
    goal = _one_goal(SEEDS / "001_ccee6d171f262ac8.txt", 10, "丹凤县医疗保障局")
    lines = goal.splitlines()
    assert len(lines) == 4 and len(goal) == 320
    assert lines[0].startswith("目标1:严格执行医保政策,公平普惠享受待遇。")
    assert lines[3].endswith("一般农户参保率达到95%以上。")
    assert "<p>" not in goal


def test_seed_003_selfeval_takes_the_expected_goal_not_the_actual():
    path = SEEDS / "003_4e8feeed9e58872d.txt"
    # L804-810: 年度总体目标 | 预期目标 | 实际完成目标, then the two texts (the same words here)
    goal = _one_goal(path, 5, "剑阁县医疗保障局")
    assert goal.startswith("做好单位权限范围内工作,完成上级交办的任务。")
    assert goal.endswith("完善医疗保障制度,强化医保基金监管。") and len(goal) == 117
    # The 评价指标体系 has no goal cell: its 二级 "绩效目标" rows are indicators, not goals.
    assert _one_goal(path, 6, "医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）") == ""


def test_seed_004_project_information_table_goal():
    path = SEEDS / "004_b5b5933a0db36905.txt"
    assert _one_goal(path, 2, "劳务派遣人员经费") == "1.对人员工资发放\n2.对人员缴纳养老保险\n3.促进工作顺利开展"
    assert _one_goal(path, 48, "云视频会议系统服务费") == "1.及时参加视频会议\n2.提高效率\n3.节约成本"
    goal = _one_goal(path, 0, "兴隆县医疗保障局本级")  # "一、总体绩效目标" / "总体绩效目标：" and five paragraphs
    assert goal.startswith("(一)医疗保障政策制定、管理及实施。") and len(goal.splitlines()) == 5 and len(goal) == 767


def test_goal_cells_stay_skipped_rows_and_every_row_is_accounted_for():
    results = {p.name: extract_file(p) for p in sorted(SEEDS.glob("*.txt"))}
    assert sum(len(r.rows) for r in results.values()) == 424
    assert sum(len(r.skipped) for r in results.values()) == 275
    for result in results.values():
        for row in result.rows:
            assert not goal_label(row.name), row
    skipped = {(s.row_locator, s.reason): s.text for s in results["003_4e8feeed9e58872d.txt"].skipped}
    assert skipped[("L804-806", "not an indicator row")] == "年度总体目标 | 预期目标 | 实际完成目标"
    seed_000 = {s.row_locator: s for s in results["000_f66b596638052c77.txt"].skipped}
    assert seed_000["L88-93"].reason == "not an indicator row"
    assert seed_000["L88-93"].text.startswith("table without an indicator header (2 rows): 450001平乡县医疗保障局本级 | 绩效目标")


# ------------------------------------------------------------------ other readers


def test_xlsx_department_table_overall_goal():
    goal = _one_goal(FIXTURES / "xlsx" / "zhanjiang_hrss_2024_dept_targets.xlsx", 1, "湛江市人力资源和社会保障局")
    assert goal.startswith("目标1:城乡居民基本养老保险参保人数达到计划指标,城乡居民养老金应发尽发,缴费补贴应补尽补。")
    lines = goal.splitlines()  # 目标1..目标6 of the cell, not the 年度重点工作任务 rows below it
    assert len(lines) == 6 and lines[5] == "目标6:劳动人事争议案件仲裁结案率95%,劳动人事争议案件调解率75%。"
    wuhan = FIXTURES / "xlsx" / "wuhan_donghu_hrss_2020_project_application.xlsx"
    assert _one_goal(wuhan, 1, "专项资金") == "完成2020年度市、区下达的各项目标任务"  # 项目绩效总目标 (R34)


@pytest.mark.parametrize("name", ["hunan_project_list.docx", "hunan_project_list.xlsx", "hunan_project_list.csv"])
def test_goal_column_gives_each_project_its_goal(name):
    by_project = {project: texts for (_, project), texts in _goals(FIXTURES / "variants" / name).items()}
    assert by_project["综合事务管理"] == {
        "1.保障局日常工作正常运转,做好窗口单位建设工作,组织网络舆情监测及应对工作。\n2.受理来访案件并及时上传下达,做到让群众满意"
    }
    (other,) = by_project["全民参保计划保障经费"]
    assert other.startswith("1.需要加大宣传力度,通过印制宣传品悬挂条幅") and len(other) == 118


@pytest.mark.parametrize("name", ["selfeval_blocks_below.docx", "selfeval_blocks_below.xlsx", "selfeval_blocks_below.txt"])
def test_selfeval_goal_block_below_the_indicators(name):
    (goal,) = {g for texts in _goals(FIXTURES / "variants" / name).values() for g in texts}
    assert goal == "1.建设徽风皖韵美丽乡村;2.整治美丽宜居自然村庄;3.推进农村改厕提质增效;4.深入开展村庄清洁行动;5.促进茶谷果岭融合发展。"


@pytest.mark.parametrize("name", ["form_101.docx", "multi_project_merged.xlsx", "multi_project_merged.csv"])
def test_tables_without_a_goal_cell_have_an_empty_goal(name):
    assert {g for texts in _goals(FIXTURES / "variants" / name).values() for g in texts} == {""}


@pytest.mark.parametrize(
    "name, start, length",
    [
        ("021_ninghe_edu_private_kindergarten_rent_covid_bond.txt", "1.根据市政府办公厅《关于印发大力发展学前教育两年行动方案(2019-2020年)的通知》要求", 197),
        ("023_nanyue_poverty_tourism_infra_space_separated.txt", "为水濂村带来观光游客不少于6万人,村集体收入达6万元。", 27),
        ("012_yueyang_county_agri_hsfarmland_linkage.txt", "完成项目主体工程70%", 11),  # 总体目标 empty, 年度目标 filled
        ("009_huangshan_police_2025_bracket_format.txt", "", 0),  # a 绩效目标 column header of a list: not a goal
        ("003_changning_supply_coop_pig_farm_selfeval.txt", "", 0),  # "年度绩效目标 (80分)": a band label only
    ],
)
def test_web_text_goals(name, start, length):
    (goal,) = {g for texts in _goals(FIXTURES / "public" / name).values() for g in texts}
    assert goal.startswith(start) and len(goal) == length


# ------------------------------------------------------------------ helpers and output


def test_goal_text_is_cleaned_and_capped():
    assert clean_goal("  <p>目标１：提高</p> <p>目标２：减少</p>  ") == "目标1:提高\n目标2:减少"
    assert len(clean_goal("很长" * 3000)) == GOAL_MAX_CHARS
    # 年度 first, then 总体, joined by a newline; placeholders and 实际 columns are not goals.
    rows = [["总体目标", "实施期目标", "年度目标"], ["", "三年内全覆盖", "当年覆盖80%"], ["绩效目标", "目标1： 目标2："]]
    assert goal_of_rows(rows) == "当年覆盖80%\n三年内全覆盖"
    assert goal_of_rows([["年度总体目标", "预期目标", "实际完成情况"], ["", "预期", "实际"]]) == "预期"


def test_extract_command_writes_the_goal_column_neutralised(tmp_path):
    from typer.testing import CliRunner

    source = tmp_path / "flat.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["部门", "项目名称", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"])
        writer.writerow(["某局", "宣传印刷费", "=HYPERLINK(\"http://x\")", "产出指标", "数量指标", "印刷份数", "≥100份"])
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["extract", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8-sig", newline="") as handle:
        (header, row) = list(csv.reader(handle))
    assert header == list(INDICATOR_COLUMNS) and header[-1] == "goal"
    assert row[-1] == "'=HYPERLINK(\"http://x\")"
