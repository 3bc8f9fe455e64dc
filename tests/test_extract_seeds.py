"""The Word-dump reader and the grid interpreter on the four seed documents
(copies in tests/fixtures/seeds, see tests/fixtures/PROVENANCE.md)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nlp.extract import extract_file
from nlp.extract.grid import interpret_table, project_from_title
from nlp.extract.worddump import looks_like_word_dump, read_word_dump, split_name_value
from nlp.schema import (
    SKIP_EMPTY_TEMPLATE,
    SKIP_HEADER,
    SKIP_NOT_INDICATOR,
    SKIP_SUBTOTAL,
    Table,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return extract_file(path)


@pytest.fixture(scope="module")
def seed000():
    return _seed("000")


@pytest.fixture(scope="module")
def seed001():
    return _seed("001")


@pytest.fixture(scope="module")
def seed003():
    return _seed("003")


@pytest.fixture(scope="module")
def seed004():
    return _seed("004")


def _key(row):
    return (row.name, row.value_raw, row.l2, row.comparator, row.number, row.unit)


def _by_name(rows, name, table_index=None):
    found = [r for r in rows if r.name == name and (table_index is None or r.table_index == table_index)]
    assert found, f"no row named {name!r}"
    return found[0]


def _project_rows(result):
    return [r for r in result.rows if r.table_kind == "目标表"]


# ---------------------------------------------------------------- seed 000


def test_seed000_has_17_project_tables_and_158_rows(seed000):
    rows = _project_rows(seed000)
    assert len({r.table_index for r in rows}) == 17
    assert len(rows) == 158
    assert seed000.tables == 17
    assert seed000.empty_templates == []


def test_seed000_every_project_row_carries_its_levels(seed000):
    for row in _project_rows(seed000):
        assert row.l1_filed and row.l2_filed, row
        assert row.l1 in {"产出", "效益", "满意度"} and row.l2, row
        assert row.department == "平乡县医疗保障局本级"
    # merged 一级 cells are carried: the 质量指标 row has no 一级 cell of its own
    assert _by_name(seed000.rows, "医疗救助人次数").l1_filed == "产出指标"


def test_seed000_project_names_are_titles_without_numbering_and_kind(seed000):
    projects = [r.project for r in _project_rows(seed000)]
    ordered = list(dict.fromkeys(projects))
    assert len(ordered) == 17
    assert ordered[1] == "贫困人口慢性病鉴定及网络诊疗系统建设费用"
    assert ordered[2] == "综合事务管理"
    # title on the line after its bookmark line
    assert ordered[3] == "建设医保业务骨干网络经费"
    assert ordered[15] == "冀财预[2020]78号城乡居民医疗保险县级配套资金b（直达）"
    assert ordered[16] == "医保基金第三方监管审计"


def test_seed000_hand_checked_rows(seed000):
    first = [r for r in seed000.rows if r.project.startswith("冀财社[2020]195号")]
    assert len(first) == 9
    assert _key(_by_name(first, "医疗救助人次数")) == ("医疗救助人次数", "≥10万人", "质量", "≥", "10", "万人")
    assert _by_name(first, "医疗救助人次数").l2_filed == "质量指标"
    assert _key(_by_name(first, "医疗救助政策知晓率")) == ("医疗救助政策知晓率", "≥90%", "可持续影响", "≥", "90", "%")
    funds = _by_name(first, "医疗救助资金")
    assert (funds.l1, funds.l2, funds.value_raw, funds.number, funds.unit) == ("产出", "经济成本", "≥437万元", "437", "万元")
    assert funds.description == "医疗救助资金需求" and funds.basis == "资助明细"
    satisfied = _by_name(first, "受益群众满意度")
    assert (satisfied.l1, satisfied.l2, satisfied.value_raw) == ("满意度", "满意度", "≥95%")
    assert satisfied.row_locator == "L153-158"
    second = [r for r in seed000.rows if r.project == "贫困人口慢性病鉴定及网络诊疗系统建设费用"]
    total = _by_name(second, "总成本")
    assert _key(total) == ("总成本", ">40万元", "经济成本", ">", "40", "万元")
    assert total.basis == ""  # empty cell stays empty
    third = [r for r in seed000.rows if r.project == "综合事务管理"]
    assert _key(_by_name(third, "综合事务保障率")) == ("综合事务保障率", "365天", "质量", "", "365", "天")


def test_seed000_department_prose_indicators(seed000):
    prose = [r for r in seed000.rows if r.table_kind == "部门整体"]
    assert [r.name for r in prose] == [
        "业务案件办结率", "重点工作完成率", "执法行动次数", "受理群众咨询人次",
        "隐患整改率", "补助覆盖率", "资金社会化发放率", "补助覆盖率",
    ]
    assert all(r.table_index == 0 and r.project == "平乡县医疗保障局" for r in prose)
    enforcement = _by_name(prose, "执法行动次数")
    assert (enforcement.value_raw, enforcement.comparator, enforcement.number, enforcement.unit) == ("＞260次", ">", "260", "次")
    assert enforcement.row_locator == "L62"
    assert _by_name(prose, "受理群众咨询人次").unit == "人次/日"


# ---------------------------------------------------------------- seed 004


def test_seed004_has_24_project_tables_and_196_rows(seed004):
    rows = _project_rows(seed004)
    assert len({r.table_index for r in rows}) == 24
    assert len(rows) == 196
    assert all(r.l1_filed and r.l2_filed and r.l1 and r.l2 for r in rows)
    assert {r.department for r in rows} == {"兴隆县医疗保障局本级"}


def test_seed004_project_names(seed004):
    ordered = list(dict.fromkeys(r.project for r in _project_rows(seed004)))
    assert ordered[0] == "劳务派遣人员经费"
    assert ordered[9] == "冀财社[2021]150号2022年中央专项彩票公益金支持城乡医疗救助资金"
    assert ordered[23] == "云视频会议系统服务费"


def test_seed004_hand_checked_rows(seed004):
    labour = [r for r in seed004.rows if r.project == "劳务派遣人员经费"]
    assert len(labour) == 8
    assert _key(_by_name(labour, "发放工资保险")) == ("发放工资保险", "≥100百分比", "数量", "≥", "100", "百分比")
    # the header has an empty merged cell between 绩效指标描述 and 指标值
    cost = _by_name(labour, "预计成本")
    assert (cost.description, cost.value_raw, cost.basis, cost.l2) == ("不超预算", "不超预算", "行业规定", "经济成本")
    poor = [r for r in seed004.rows if r.project == "提高贫困人口医疗保障救助水平资金"]
    assert _key(_by_name(poor, "一站式结算覆盖地区")) == ("一站式结算覆盖地区", "不低于上年", "时效", "≥", "", "")
    assert _key(_by_name(poor, "满意度")) == ("满意度", "≥100%", "满意度", "≥", "100", "%")


def test_seed004_prose_indicators_split_on_semicolons(seed004):
    prose = [r for r in seed004.rows if r.table_kind == "部门整体"]
    assert [(r.name, r.value_raw) for r in prose] == [
        ("全民参保率", "达95%以上"),
        ("医疗保险待遇报销及时", ""),
        ("参保群众满意度", "达95%以上"),
        ("基金监管覆盖", "达100%"),
        ("医疗保障领域案件查处情况", "95%以上"),
        ("医药价格监管", "100%"),
        ("综合事务管理工作完成", "100%"),
    ]
    assert (prose[0].comparator, prose[0].number, prose[0].unit) == ("≥", "95", "%")
    assert {r.project for r in prose} == {"兴隆县医疗保障局本级"}


# ---------------------------------------------------------------- seed 001


def test_seed001_table15_rows(seed001):
    rows = seed001.rows
    assert len(rows) == 15
    assert {(r.table_kind, r.project, r.department) for r in rows} == {("部门整体", "丹凤县医疗保障局", "丹凤县医疗保障局")}
    assert [r.name for r in rows][:3] == ["举办各类业务学习技能培训", "召开各类工作会议", "完成年度工作任务"]
    # rows whose cells the export shifted left are re-aligned by content
    assert _key(_by_name(rows, "重点工作完成及时率")) == ("重点工作完成及时率", "≥98%", "时效", "≥", "98", "%")
    assert _key(_by_name(rows, "单位资产利用率")) == ("单位资产利用率", ">80%", "经济成本", ">", "80", "%")
    assert _by_name(rows, "单位资产利用率").l2_filed == "成本指标"
    assert _key(_by_name(rows, "推动服务水平")) == ("推动服务水平", "持续提升", "可持续影响", "", "", "")
    assert _key(_by_name(rows, "积极高效服务群众")) == ("积极高效服务群众", "长期保持", "可持续影响", "", "", "")
    assert _key(_by_name(rows, "群众对医保工作的满意度")) == ("群众对医保工作的满意度", ">95%", "满意度", ">", "95", "%")
    assert Counter(r.l2 for r in rows) == Counter(
        {"数量": 3, "质量": 2, "时效": 3, "经济成本": 2, "经济效益": 1, "社会效益": 1, "可持续影响": 2, "满意度": 1}
    )


def test_seed001_tables_14_and_16_are_empty_templates(seed001):
    assert seed001.empty_templates == [
        "2020年部门专项业务经费一级项目绩效目标表 (L457)",
        "2020年专项资金整体绩效目标表 (L530)",
    ]
    assert seed001.tables == 3
    template_rows = [s for s in seed001.skipped if s.reason == SKIP_EMPTY_TEMPLATE]
    assert len(template_rows) == 60
    assert all(s.row_locator >= "L457" for s in template_rows)
    not_applicable = [s for s in seed001.skipped if s.text == "生态效益指标 | 不适用 | 不适用"]
    assert [s.reason for s in not_applicable] == [SKIP_NOT_INDICATOR]


# ---------------------------------------------------------------- seed 003


def test_seed003_self_evaluation_rows_have_targets_and_actuals(seed003):
    rows = [r for r in seed003.rows if r.table_kind == "自评表"]
    assert len(rows) == 9
    assert all(r.value_raw and r.actual and r.score for r in rows)
    assert {r.project for r in rows} == {"剑阁县医疗保障局"}
    first = rows[0]
    assert (first.l1_filed, first.l2_filed, first.l1, first.l2) == ("完成指标", "数量指标", "产出", "数量")
    assert (first.name, first.value_raw, first.actual, first.score) == ("配合上级专项稽核", "≥10天", "≥10天", "10")
    # "经济效益\n指标" is one label split over two lines of one cell
    benefit = _by_name(rows, "保障全县参保群众利益，规范管理医药机构")
    assert (benefit.l2_filed, benefit.l2, benefit.value_raw) == ("经济效益指标", "经济效益", "成效明显")
    assert _key(_by_name(rows, "受益群众的满意程度")) == ("受益群众的满意程度", "≥95%", "满意度", "≥", "95", "%")


def test_seed003_evaluation_framework_rows(seed003):
    rows = [r for r in seed003.rows if r.table_kind == "评价指标体系"]
    assert len(rows) == 31
    assert {r.project for r in rows} == {"医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）"}
    assert Counter(r.l1_filed for r in rows) == Counter(
        {"项目决策(18分)": 3, "项目决策(22分)": 4, "过程管理（22分）": 5, "项目产出（50分）": 18, "项目效益（10分）": 1}
    )
    # a blank paragraph inside the 实际值 cell must not split the row
    system = _by_name(rows, "医保信息系统验收合格率")
    assert (system.value_raw, system.score, system.l2) == ("≥90%", "2", "数量")
    assert system.actual == "医保信息系统验收合格率99%，达到设定目标。"
    assert system.description.startswith("报告期内新建医保信息系统项目验收合格数量")
    assert system.row_locator == "L1194-1205"
    press = _by_name(rows, "召开医保工作省级新闻发布会和政策吹风会")
    assert (press.value_raw, press.actual, press.score) == ("≥2次", "我县未召开省级新闻发布会和政策吹风会。", "0")
    assert _key(rows[-1]) == ("工作满意度", "≥85%", "满意度", "≥", "85", "%")


def test_every_seed_table_row_is_accounted_for(seed000, seed001, seed003, seed004):
    for result in (seed000, seed001, seed003, seed004):
        reasons = Counter(s.reason for s in result.skipped)
        assert reasons[SKIP_HEADER] == result.tables
        assert set(reasons) <= {SKIP_HEADER, SKIP_EMPTY_TEMPLATE, SKIP_NOT_INDICATOR, SKIP_SUBTOTAL}


# ---------------------------------------------------------------- grid, general


def _table(rows, title="", merged_filled=False):
    return Table("t.xlsx", 1, title=title, rows=[(f"R{i}", cells) for i, cells in enumerate(rows, 1)], merged_filled=merged_filled)


def test_grid_reads_traditional_spaced_headers_and_separate_unit_and_direction_columns():
    result = interpret_table(
        _table(
            [
                ["項目名稱", "城區路燈維護"],
                ["一 級 指 標", "二級指標", "三級指標", "指標性質", "指標值", "度量單位", "權重"],
                ["產出指標", "數量指標", "維修路燈數量", "≥", "1200", "盞", "10"],
                ["", "時效指標", "故障修復時間", "≤", "24", "小時", "10"],
                ["合計", "", "", "", "", "", "20"],
            ],
            title="2024年城區路燈維護項目績效目標表",
        )
    )
    assert [(r.l1, r.l2, r.name, r.value_raw, r.comparator, r.number, r.unit) for r in result.rows] == [
        ("产出", "数量", "維修路燈數量", "1200", "≥", "1200", "盞"),
        ("产出", "时效", "故障修復時間", "24", "≤", "24", "小時"),
    ]
    assert [s.reason for s in result.skipped] == [SKIP_NOT_INDICATOR, SKIP_HEADER, SKIP_SUBTOTAL]
    assert result.rows[0].table_kind == "目标表"


def test_grid_right_aligns_short_rows_and_reports_actual_columns_as_self_evaluation():
    result = interpret_table(
        _table(
            [
                ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "得分", "偏差原因分析及改进措施"],
                ["产出指标", "数量指标", "培训人次", "≥500人次", "612人次", "10", ""],
                ["质量指标", "培训合格率", "≥90%", "96%", "10", ""],
                ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "9", "个别课程安排偏紧"],
            ]
        )
    )
    assert [(r.l2, r.name, r.value_raw, r.actual, r.score) for r in result.rows] == [
        ("数量", "培训人次", "≥500人次", "612人次", "10"),
        ("质量", "培训合格率", "≥90%", "96%", "10"),
        ("满意度", "学员满意度", "≥90%", "93%", "9"),
    ]
    assert result.rows[1].l1_filed == "产出指标"
    assert {r.table_kind for r in result.rows} == {"自评表"}


def test_grid_header_without_rows_is_an_empty_template():
    result = interpret_table(
        _table(
            [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "指标1：", ""], ["", "", "", ""]],
            title="附表2 项目支出绩效目标表",
        )
    )
    assert result.rows == [] and result.tables == 1
    assert result.empty_templates == ["附表2 项目支出绩效目标表 (R1)"]
    assert [s.reason for s in result.skipped] == [SKIP_HEADER, SKIP_EMPTY_TEMPLATE, SKIP_EMPTY_TEMPLATE]


def test_grid_without_header_reads_no_rows():
    result = interpret_table(_table([["单位名称", "单位性质"], ["平乡县医疗保障局", "行政"]]))
    assert result.tables == 0 and result.rows == []
    assert [s.reason for s in result.skipped] == [SKIP_NOT_INDICATOR, SKIP_NOT_INDICATOR]


@pytest.mark.parametrize(
    "title, project",
    [
        ("[bookmark: _Toc67667572]3.综合事务管理绩效目标表", "综合事务管理"),
        ("2020年部门整体支出绩效目标表", ""),
        ("绩效评价指标体系", ""),
        ("附表1：2023年度乡村振兴衔接资金项目支出绩效自评表", "2023年度乡村振兴衔接资金"),
        ("農村義務教育學生營養改善計劃績效目標表", "農村義務教育學生營養改善計劃"),
        ("某市文化和旅遊局2024年項目支出績效目標表", ""),
        ("岳陽樓區價格認證鑒定中心2023年度整體績效目標表", ""),
    ],
)
def test_project_from_title(title, project):
    assert project_from_title(title) == project


@pytest.mark.parametrize(
    "text, expected",
    [
        ("业务案件办结率≥95%", ("业务案件办结率", "≥95%")),
        ("全民参保率达95%以上", ("全民参保率", "达95%以上")),
        ("医疗保障领域案件查处情况95%以上", ("医疗保障领域案件查处情况", "95%以上")),
        ("医疗保险待遇报销及时", ("医疗保险待遇报销及时", "")),
        ("12345热线接通率不低于90%", ("12345热线接通率", "不低于90%")),
    ],
)
def test_split_name_value(text, expected):
    assert split_name_value(text) == expected


def test_word_dump_sniffing():
    assert looks_like_word_dump((SEEDS / "001_ccee6d171f262ac8.txt").read_text(encoding="utf-8"))
    assert not looks_like_word_dump("一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 培训人次 | 500人次\n")


def test_grid_flat_list_with_project_department_and_type_columns():
    result = interpret_table(
        _table(
            [
                ["序号", "单位名称", "项目名称", "指标类型", "指标名称", "指标值", "计量单位", "指标值设定依据及数据来源"],
                ["1", "101001某某县教育局", "学生资助", "产出指标-数量指标", "资助学生人数", "1200", "人", "上年数"],
                ["2", "", "营养餐", "效益指标—社会效益指标", "营养改善", "明显改善", "", ""],
                ["3", "", "", "满意度指标", "家长满意度", "≥90", "%", ""],
                ["4", "", "", "成本指标", "生均成本", "≤5", "元", ""],
            ]
        )
    )
    assert [(r.department, r.project, r.l1, r.l2, r.name, r.comparator, r.number, r.unit) for r in result.rows] == [
        ("某某县教育局", "学生资助", "产出", "数量", "资助学生人数", "", "1200", "人"),
        ("某某县教育局", "营养餐", "效益", "社会效益", "营养改善", "", "", ""),
        ("某某县教育局", "营养餐", "满意度", "满意度", "家长满意度", "≥", "90", "%"),
        ("某某县教育局", "营养餐", "成本", "经济成本", "生均成本", "≤", "5", "元"),
    ]
    assert result.rows[0].basis == "上年数"


def test_word_dump_self_evaluation_with_omitted_merged_cells():
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "农村义务教育学生营养改善计划"],
        ["主管部门", "某县教育局", "实施单位", "某县第一中学"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["", "产出指标", "数量指标", "受益学生人数", "≥3000人", "3120人", "20", "20", ""],
        ["质量指标", "食品安全事故", "0起", "0起", "10", "10"],
        ["", "效益指标", "社会效益指标", "学生营养状况", "明显改善", "有所改善", "20", "18", "部分学校执行不到位"],
        ["总分", "", "", "", "", "", "100", "98", ""],
    ]
    text = "某县教育局2023年度部门决算\n\n" + "".join("\n".join("\t" + c for c in r) + "\n\n" for r in rows)
    result = read_word_dump(text, "selfeval.txt")
    assert [(r.project, r.table_kind, r.l1, r.l2, r.name, r.value_raw, r.actual, r.score) for r in result.rows] == [
        ("农村义务教育学生营养改善计划", "自评表", "产出", "数量", "受益学生人数", "≥3000人", "3120人", "20"),
        ("农村义务教育学生营养改善计划", "自评表", "产出", "质量", "食品安全事故", "0起", "0起", "10"),
        ("农村义务教育学生营养改善计划", "自评表", "效益", "社会效益", "学生营养状况", "明显改善", "有所改善", "18"),
    ]
    assert {r.department for r in result.rows} == {"某县教育局"}
    assert [s.reason for s in result.skipped][-1] == SKIP_SUBTOTAL


def test_grid_type_name_value_table_without_third_level_names():
    # Rows of public corpus 011 (临海 绿化养护经费): 指标类型 | 指标名称 | 指标值 | 指标描述, where
    # 指标名称 holds the 二级 label and merged 指标类型 cells are missing.
    result = interpret_table(
        _table(
            [
                ["指标类型", "指标名称", "指标值", "指标描述"],
                ["产出指标", "数量指标", "375万平方米", "完成全市375万平方米的绿地养护、维护等"],
                ["质量指标", "100%", "达到绿化绿地全覆盖"],
                ["时效指标", "全年", "全年"],
                ["效益指标", "社会效益指标", "是", "满足市民生存环境的需求"],
                ["生态效益指标", "是", "改善城市生态环境,保持生态平衡、保护自然环境"],
                ["满意度指标", "服务对象或受益者满意度指标", "≥95%", "服务对象对于绿化的养护及配套设施的维护满意率应该在95%以上"],
            ]
        )
    )
    assert [(r.l1, r.l2, r.name, r.value_raw, r.number, r.unit) for r in result.rows] == [
        ("产出", "数量", "", "375万平方米", "375", "万平方米"),
        ("产出", "质量", "", "100%", "100", "%"),
        ("产出", "时效", "", "全年", "", ""),
        ("效益", "社会效益", "", "是", "", ""),
        ("效益", "生态效益", "", "是", "", ""),
        ("满意度", "满意度", "", "≥95%", "95", "%"),
    ]


def test_grid_value_type_column_is_not_the_value():
    # Rows of public corpus 040 (岳阳楼区 价格认证中心 整体目标表), as a DOCX table gives them.
    result = interpret_table(
        _table(
            [
                ["一级指标", "二级指标", "三级指标", "指标值类型", "*指标值", "计量单位", "*指标解释", "*评(扣)分标准", "备注"],
                ["产出指标", "数量指标", "业务工作支出安排金额", "定量", "28.8万元", "%", "该指标主要考察业务工作支出安排情况", "未达指标值酌情扣分", ""],
                ["质量指标", "业务工作支出到位率", "定量", "100", "%", "该指标主要考察业务工作支出安排到位情况", "未达指标值酌情扣分", ""],
                ["成本指标", "社会成本指标", "定量", "100", "%", "该指标主要考察总成本控制情况", "未达指标值酌情扣分", ""],
                ["效益指标", "经济效益指标", "", "", "", "", "未达指标值酌情扣分", ""],
                ["社会效益指标", "保证单位正常运转", "定性", "应保尽保", "%", "该指标主要考察单位运转需要保障范围应保尽保", "未达指标值酌情扣分", ""],
            ],
            title="岳阳楼区价格认证鉴定中心2023年度整体绩效目标表",
        )
    )
    assert [(r.l1, r.l2, r.name, r.value_raw, r.number, r.unit) for r in result.rows] == [
        ("产出", "数量", "业务工作支出安排金额", "28.8万元", "28.8", "万元"),
        ("产出", "质量", "业务工作支出到位率", "100", "100", "%"),
        ("成本", "社会成本", "", "100", "100", "%"),
        ("效益", "社会效益", "保证单位正常运转", "应保尽保", "", "%"),
    ]
    assert {(r.table_kind, r.department, r.project) for r in result.rows} == {
        ("部门整体", "岳阳楼区价格认证鉴定中心", "岳阳楼区价格认证鉴定中心")
    }
    assert [s.reason for s in result.skipped] == [SKIP_HEADER, SKIP_NOT_INDICATOR]


def test_prose_indicator_lines_numbered_and_references():
    from nlp.extract.worddump import TextLine, prose_indicators

    lines = [
        TextLine(3, "（二）绩效指标：资金到位率100%；群众满意度≥90%"),
        TextLine(4, "绩效指标：详见附表"),
        TextLine(5, "提高绩效指标：不是指标行"),
    ]
    rows = prose_indicators(lines, "d.txt", "某县民政局")
    assert [(r.row_locator, r.name, r.value_raw, r.project, r.table_kind) for r in rows] == [
        ("L3", "资金到位率", "100%", "某县民政局", "部门整体"),
        ("L3", "群众满意度", "≥90%", "某县民政局", "部门整体"),
    ]


def _line_span(locator: str) -> range:
    first, _, last = locator[1:].partition("-")
    return range(int(first), int(last or first) + 1)


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_every_nonblank_line_of_a_seed_is_accounted_for(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    result = extract_file(path)
    covered: set[int] = set()
    for locator in [r.row_locator for r in result.rows] + [s.row_locator for s in result.skipped]:
        covered.update(_line_span(locator))
    lines = path.read_text(encoding="utf-8").splitlines()
    missing = [n for n, line in enumerate(lines, 1) if line.strip() and n not in covered]
    assert missing == []


def test_word_dump_short_rows_are_not_joined_where_merged_cells_are_left_out():
    rows = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "受益学生人数", "≥3000人", "3120人", "20", "20", ""],
        ["质量指标", "食品安全事故", "0起"],
        ["资金拨付及时率", "100%", "100%"],
    ]
    text = "".join("\n".join("\t" + c for c in r) + "\n\n" for r in rows)
    result = read_word_dump(text, "short.txt")
    assert [(r.row_locator, r.l2_filed, r.name, r.value_raw, r.actual) for r in result.rows] == [
        ("L10-17", "数量指标", "受益学生人数", "≥3000人", "3120人"),
        ("L19-21", "质量指标", "食品安全事故", "0起", ""),
        ("L23-25", "质量指标", "资金拨付及时率", "100%", "100%"),
    ]


def test_grid_levels_as_section_rows_of_a_name_value_table():
    result = interpret_table(
        _table(
            [
                ["指标名称", "指标值"],
                ["产出指标", ""], ["数量指标", ""], ["培训人数", "500人"],
                ["质量指标", ""], ["合格率", "95%"],
                ["效益指标", ""], ["社会效益指标", ""], ["就业率", "≥80%"],
                ["满意度指标", ""], ["学员满意度", "≥90%"],
            ]
        )
    )
    assert [(r.l1, r.l2, r.name, r.value_raw) for r in result.rows] == [
        ("产出", "数量", "培训人数", "500人"),
        ("产出", "质量", "合格率", "95%"),
        ("效益", "社会效益", "就业率", "≥80%"),
        ("满意度", "满意度", "学员满意度", "≥90%"),
    ]
    assert Counter(s.reason for s in result.skipped) == Counter({SKIP_HEADER: 1, SKIP_NOT_INDICATOR: 6})
