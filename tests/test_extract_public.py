"""nlp.extract.plaintext on real web pages (tests/fixtures/public, see PROVENANCE.md).

Expected rows were written by reading each page: (二级 as filed, canonical 二级,
三级 name, value as written, comparator, number, unit) and, for 自评表, the
completed value and score. Every page's last row may be cut off mid-row.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from nlp.extract.plaintext import classify_label, read_plain_text, split_cells
from nlp.schema import SKIP_HEADER, SKIP_SUBTOTAL, SKIP_UNREADABLE

FIXTURES = Path(__file__).parent / "fixtures" / "public"


def read(prefix: str):
    path = next(FIXTURES.glob(f"{prefix}_*.txt"))
    return read_plain_text(path, path.name, path.read_text(encoding="utf-8"))


def rows_of(result):
    return [(r.l2_filed, r.l2, r.name, r.value_raw, r.comparator, r.number, r.unit) for r in result.rows]


def results_of(result):
    return [(r.name, r.actual, r.score) for r in result.rows]


# --- markdown pipe tables -------------------------------------------------


def test_pipe_table_with_one_project_and_merged_levels():
    result = read("021")
    assert rows_of(result) == [
        ("数量指标", "数量", "补贴非营利性民办幼儿园数量", "20个", "", "20", "个"),
        ("数量指标", "数量", "补贴民办园租用面积", "26970.7平方米", "", "26970.7", "平方米"),
        ("质量指标", "质量", "补贴覆盖民办幼儿园率", "≥90.91%", "≥", "90.91", "%"),
        ("质量指标", "质量", "补贴发放合规率", "≥95%", "≥", "95", "%"),
        ("时效指标", "时效", "补贴发放及时率", "≥95%", "≥", "95", "%"),
        ("时效指标", "时效", "补贴期限", "2020.1.1-2020.12.31", "", "2020.1", "."),
        ("成本指标", "经济成本", "补贴标准", "71.86元/平方米", "", "71.86", "元/平方米"),
        ("社会效益指标", "社会效益", "提升疫情防控期间民办幼儿园扶持力度",
         "显著提升了疫情期间对民办幼儿园的扶持力度,大力支持了民办幼儿园的发展。", "", "", ""),
        ("社会效益指标", "社会效益", "促进学前教育普及普惠优质发展",
         "显著促进了学前教育普及及优质发展,大力支持了民办幼儿园发展。", "", "", ""),
        ("可持续影响指标", "可持续影响", "非营利性民办园租房受益期限",
         "保障疫情期间非营利性民办园房租需求,大力支出民办幼儿园发展", "", "", ""),
        ("服务对象满意度指标", "满意度", "受益租户满意度", "≥95%", "≥", "95", "%"),
    ]
    first = result.rows[0]
    assert (first.l1_filed, first.l1, first.row_locator) == ("产出指标", "产出", "L10")
    assert (first.table_kind, first.department, first.project) == ("目标表", "天津市宁河区教育局", "2020年非营利性民办园房租补贴")
    assert result.tables == 1


def test_multi_project_pipe_sheet_reads_project_from_the_leading_cells():
    result = read("006")
    assert rows_of(result) == [
        ("社会效益指标", "社会效益", "维护社会稳定", "95", "≥", "95", "%"),
        ("时效指标", "时效", "维持时效", "1", "≥", "1", "年"),
        ("质量指标", "质量", "按时发放", "1", "≥", "1", "人/年"),
        ("经济效益指标", "经济效益", "促进村集体经济发展", "95", "≥", "95", "%"),
        ("数量指标", "数量", "村组干部230人", "230", "≥", "230", "个"),
        ("生态效益指标", "生态效益", "保护生态环境卫生", "95", "≥", "95", "%"),
        ("可持续影响指标", "可持续影响", "项目维持时效", "95", "≥", "95", "%"),
        ("服务对象满意度指标", "满意度", "人民群众满意度", "95", "≥", "95", "%"),
        ("服务对象满意度指标", "满意度", "辖区内群众满意度", "95", "≥", "95", "%"),
        ("经济效益指标", "经济效益", "促进农村集体经济发展", "95", "≥", "95", "%"),
        ("可持续影响指标", "可持续影响", "经济、环境等方面可持续发展", "95", "≥", "95", "%"),
        ("质量指标", "质量", "保障村社区正常运转", "95", "≥", "95", "%"),
        ("数量指标", "数量", "行政村数量", "11", "=", "11", "个"),
    ]
    assert [r.project for r in result.rows] == ["村组干部报酬"] * 8 + ["基层组织活动经费"] * 5
    # the budget-unit code before the department is dropped, as other readers do
    assert {r.department for r in result.rows} == {"井研县马踏镇人民政府"}
    assert [r.row_locator for r in result.rows[:2]] == ["L8", "L9"]


def test_pipe_self_evaluation_with_header_split_over_three_lines():
    result = read("043")
    assert rows_of(result) == [
        ("数量指标", "数量", "开展精品示范村建设数量", "≤4", "≤", "4", ""),
        ("数量指标", "数量", "建设美丽宜居自然村庄数量", "≥200", "≥", "200", ""),
        ("数量指标", "数量", "完成农村户用卫生厕所改造数量", "≥2000", "≥", "2000", ""),
        ("数量指标", "数量", "新建省级中心村数量", "≥10", "≥", "10", ""),
        ("质量指标", "质量", "美丽宜居自然村庄验收通过率", "≥95%", "≥", "95", "%"),
        ("质量指标", "质量", "户用卫生厕所改造验收通过率", "≥95%", "≥", "95", "%"),
        ("时效指标", "时效", "完成美丽宜居自然村庄验收时间", "9月前", "", "", ""),
        ("时效指标", "时效", "完成户用卫生厕所改造验收时间", "11月前", "", "", ""),
    ]
    assert results_of(result)[:3] == [
        ("开展精品示范村建设数量", "4", "10"),
        ("建设美丽宜居自然村庄数量", "202", "10"),
        ("完成农村户用卫生厕所改造数量", "3061", "10"),
    ]
    assert results_of(result)[6] == ("完成美丽宜居自然村庄验收时间", "7月", "5")
    # the cut-off "成本指标 | 指标1:" at the end is not a row
    assert {(r.table_kind, r.department) for r in result.rows} == {("自评表", "金寨县茶谷和美丽乡村建设服务中心")}


def test_pipe_table_without_a_third_level_name_column():
    # 指标类型 | 指标名称 | 指标值 | 指标描述: 指标名称 holds the 二级; no 三级 name exists
    result = read("011")
    assert rows_of(result) == [
        ("数量指标", "数量", "", "375万平方米", "", "375", "万平方米"),
        ("质量指标", "质量", "", "100%", "", "100", "%"),
        ("时效指标", "时效", "", "全年", "", "", ""),
        ("社会效益指标", "社会效益", "", "是", "", "", ""),
        ("生态效益指标", "生态效益", "", "是", "", "", ""),
        ("可持续性发展影响指标", "可持续影响", "", "是", "", "", ""),
        ("服务对象或受益者满意度指标", "满意度", "", "≥95%", "≥", "95", "%"),
    ]
    assert result.rows[0].description == "完成全市375万平方米的绿地养护、维护等"
    assert result.rows[3].description == "满足市民生存环境的需求"
    # the checkbox row "最近年度绩效评价情况 | 优秀□ 良好□ ..." is not an indicator
    assert any(s.text.startswith("最近年度绩效评价情况") for s in result.skipped)


# --- 101号 style ------------------------------------------------------------


def test_101_style_cost_level_one_with_nature_column():
    result = read("004")
    assert rows_of(result) == [
        ("经济成本指标", "经济成本", "疾病预防控制中心经费", "70", "≤", "70", "万元"),
        ("社会成本指标", "社会成本", "实施项目对社会产生的不利影响", "减少", "", "", ""),
        ("生态环境成本指标", "生态环境成本", "实施项目对生态产生的不利影响", "减", "", "", ""),
    ]
    assert {(r.l1_filed, r.l1) for r in result.rows} == {("成本指标", "成本")}
    assert result.rows[0].description == "反映疾病预防控制中心经费。"


def test_101_style_approval_cost_rows_without_names_and_score_ranges_in_labels():
    result = read("008")
    assert rows_of(result) == [
        ("经济成本指标", "经济成本", "", "0.00%", "", "0.00", "%"),
        ("社会成本指标", "社会成本", "", "0.00%", "", "0.00", "%"),
        ("生态环境成本指标", "生态环境成本", "", "0.00%", "", "0.00", "%"),
        ("数量指标", "数量", "12350安全生产举报奖励次数", "≥5次", "≥", "5", "次"),
        ("数量指标", "数量", "制作防灾减灾日宣传资料份数", "≥500份", "≥", "500", "份"),
    ]
    assert [(r.l1_filed, r.l1) for r in result.rows] == [("成本指标(0-20)分", "成本")] * 3 + [
        ("产出指标 (40-50)分", "产出")
    ] * 2
    assert result.rows[3].row_locator == "L24-25"
    assert result.rows[0].department == "奉节县应急管理局"


# --- one cell per line, closed by "|" ------------------------------------------


def test_cell_per_line_with_pipes_and_vertical_labels():
    result = read("010")
    assert rows_of(result) == [
        ("数量指标", "数量", "开展运动种类", "1种", "", "1", "种"),
        ("数量指标", "数量", "打造品牌赛事种类", "1种", "", "1", "种"),
        ("质量指标", "质量", "经费支出合规率", "100%", "", "100", "%"),
        ("质量指标", "质量", "赛事完成率", "100%", "", "100", "%"),
        ("时效指标", "时效", "完成时间", "2025年年底前", "", "2025", "年年底前"),
        ("成本指标", "经济成本", "项目总成本", "≤1000万元", "≤", "1000", "万元"),
        ("经济效益指标", "经济效益", "提升六安城市知名度和美誉度,推动体育消费、“网球+”产业深度融合", "经济效益良好", "", "", ""),
        ("社会效益指标", "社会效益", "打造金安国际网球公开赛等系列品牌赛事,提升六安城市的知名度和美誉度。", "效果良好", "", "", ""),
        ("生态效益指标", "生态效益", "本项目不适用此指标", "无", "", "", ""),
        # the name is wrapped over two lines in the page
        ("可持续影响指标", "可持续影响", "打造金安国际网球公开赛等系列品牌赛事", "影响可持续", "", "", ""),
        ("满意度指标", "满意度", "群众满意度", "≥95%", "≥", "95", "%"),
    ]
    assert result.rows[9].row_locator == "L69-72"
    assert result.rows[0].project == "2025金安国际网球公开赛(国际系列赛事)"
    # 绩/效/指/标 one character per line is the vertical header label
    assert any(s.reason == SKIP_HEADER and s.text.startswith("绩\n效\n指\n标") for s in result.skipped)


def test_cell_per_line_self_evaluation_with_empty_cells():
    result = read("002")
    assert rows_of(result) == [
        ("数量指标", "数量", "发放(缴纳)覆盖率", "100", "=", "100", "%"),
        ("社会效益指标", "社会效益", "足额保障率(参保率)", "100", "=", "100", "%"),
    ]
    assert results_of(result) == [("发放(缴纳)覆盖率", "", ""), ("足额保障率(参保率)", "", "")]
    assert [r.row_locator for r in result.rows] == ["L81-90", "L91-100"]
    assert (result.rows[0].table_kind, result.rows[0].project) == ("自评表", "51000021R000000019951-工资性支出")
    assert [s.reason for s in result.skipped if s.text.startswith("合计")] == [SKIP_SUBTOTAL]


def test_deep_indented_pipes_with_wrong_level_one_labels():
    result = read("014")
    assert rows_of(result) == [
        ("数量指标", "数量", "宣传次数", "至少全年完成2次宣传", "≥", "", ""),
        ("质量指标", "质量", "创建质量", "按质按量完成", "", "", ""),
        ("时效指标", "时效", "全年", "1-12月", "", "1", "月"),
        ("成本指标", "经济成本", "成本", "10万元", "", "10", "万元"),
        ("社会效益指标", "社会效益", "提升全县消费者维权意识", "不断提升", "", "", ""),
        ("满意度指标", "满意度", "群众满意度", "90%", "", "90", "%"),
    ]
    assert {r.actual for r in result.rows} == {"已完成100%"}
    assert [r.l1_filed for r in result.rows] == ["项目决策"] * 4 + ["项目效益", "满意度指标"]
    # the report text after the table stays out of the rows
    assert result.rows[-1].row_locator == "L40-44"


# --- one cell per line, blank lines between -----------------------------------


def test_one_cell_per_line_with_split_level_labels():
    result = read("012")
    assert rows_of(result) == [
        ("数量指标", "数量", "脱贫村村内道路硬化里程", "≥100公里", "≥", "100", "公里"),
        ("数量指标", "数量", "脱贫户供水设施数量", "≥20座", "≥", "20", "座"),
        ("质量指标", "质量", "项目(工程)验收合格率", "100%", "", "100", "%"),
        ("时效指标", "时效", "项目(工程)完成及时率", "≥100%", "≥", "100", "%"),
        ("成本指标", "经济成本", "财政资金补助", "1600元/亩", "", "1600", "元/亩"),
        ("经济效益指标", "经济效益", "年增粮食", "3500公斤", "", "3500", "公斤"),
        ("社会效益指标", "社会效益", "受益脱贫(监测)人口数", "≥500人", "≥", "500", "人"),
        ("社会效益指标", "社会效益", "解决脱贫(监测)饮水安全问题人数", "≥1000人", "≥", "1000", "人"),
        ("生态效益指标", "生态效益", "新增和改善灌溉达标面积", "≥500亩", "≥", "500", "亩"),
        ("生态效益指标", "生态效益", "新增和改善排水达标面积", "≥200亩", "≥", "200", "亩"),
        ("可持续影响指标", "可持续影响", "工程设计使用年限", "≥20年", "≥", "20", "年"),
        ("服务对象满意度指标", "满意度", "受益脱贫(监测)户满意度", "≥95%", "≥", "95", "%"),
    ]
    assert result.rows[5].row_locator == "L86-94"  # 经济效益 / 指标 / 年增粮食 / 3500公斤
    assert (result.rows[0].department, result.rows[0].project) == ("农田建设服务中心", "岳阳县2022年高标准农田建设项目")


def test_one_cell_per_line_self_evaluation_with_target_and_actual():
    result = read("046")
    assert rows_of(result) == [
        ("数量指标", "数量", "完成校园维修改造及设备购置项目", "800万元", "", "800", "万元"),
        ("质量指标", "质量", "校园维修改造及设备购置合格率", "100%", "", "100", "%"),
        ("成本指标", "经济成本", "本年预算安排800万元", "100%", "", "100", "%"),
        ("时效指标", "时效", "2023年项目完工、投入使用", "100%", "", "100", "%"),
        ("社会效益指标", "社会效益", "保障校园环境安全、教学工作正常运转", "良好", "", "", ""),
        ("可持续影响指标", "可持续影响", "建设平安校园,满足教师和学生生活、学习的需要", "≥95%", "≥", "95", "%"),
        ("具体指标", "满意度", "教师满意度", "≥95%", "≥", "95", "%"),
        ("具体指标", "满意度", "学生满意度", "≥95%", "≥", "95", "%"),
    ]
    assert [r.actual for r in result.rows] == ["800万元", "100%", "100%", "100%", "良好", "≥95%", "≥95%", "≥95%"]
    assert {(r.table_kind, r.department, r.project) for r in result.rows} == {
        ("自评表", "黄石市第三中学", "校园维修改造及设备购置")
    }


# --- one row per line, cells separated by spaces ---------------------------------


def test_space_separated_rows_with_template_remnants_in_names():
    result = read("023")
    assert rows_of(result) == [
        ("数量指标", "数量", "贫困地区旅游基础设施建设工程", ">=20平方米", "≥", "20", "平方米"),
        ("数量指标", "数量", "贫困地区旅游景点开发数量( ≥**个 )", ">=4个", "≥", "4", "个"),
        ("数量指标", "数量", "流转土地", ">=60亩", "≥", "60", "亩"),
        ("质量指标", "质量", "*贫困地区旅游基础设施建设质量达标率100%", ">=98%", "≥", "98", "%"),
        ("时效指标", "时效", "贫困地区基础设施建设按期完成率(≥**%)", ">=95%", "≥", "95", "%"),
        ("成本指标", "经济成本", "流转土地补助标准", "<=475元/亩", "≤", "475", "元/亩"),
        ("成本指标", "经济成本", "景观建设成本", "<=2875元/个", "≤", "2875", "元/个"),
        ("成本指标", "经济成本", "贫困地区旅游基础设施建设工程建设成本", "<=3000元/平方米", "≤", "3000", "元/平方米"),
        ("经济效益指标", "经济效益", "乡村旅游带动增加贫困村收入(≥**万元)", ">=6万元", "≥", "6", "万元"),
        ("经济效益指标", "经济效益", "乡村旅游带动增加贫困人口收入(≥**万元)", ">=2.61万元", "≥", "2.61", "万元"),
        ("社会效益指标", "社会效益", "贫困地区乡村旅游开发景点接待游客数量(≥**人)", ">=60000人", "≥", "60000", "人"),
        ("社会效益指标", "社会效益", "受益建档立卡贫困人口数≥**人", ">=29人", "≥", "29", "人"),
        ("服务对象满意度指标", "满意度", "旅游行业经营主体满意度(≥**%)", ">=90%", "≥", "90", "%"),
        ("服务对象满意度指标", "满意度", "参与旅游扶贫项目贫困群众满意度(≥**%)", ">=90%", "≥", "90", "%"),
        ("服务对象满意度指标", "满意度", "旅游区居民满意度(≥**%)", ">=90%", "≥", "90", "%"),
        ("服务对象满意度指标", "满意度", "游客满意度(≥**%)", ">=90%", "≥", "90", "%"),
    ]
    assert [r.row_locator for r in result.rows[:3]] == ["L18", "L19", "L20"]


def test_space_separated_rows_with_header_split_over_lines():
    result = read("035")
    assert rows_of(result) == [
        ("数量指标", "数量", "签约康复人数", "≥18000人", "≥", "18000", "人"),
        ("数量指标", "数量", "涉及乡镇街数量", "=22个", "=", "22", "个"),
        ("数量指标", "数量", "发放辅助器具人数", "≥4000人", "≥", "4000", "人"),
        ("质量指标", "质量", "验收合格率", "1", "", "1", ""),  # cut off mid-value
    ]
    assert (result.rows[0].department, result.rows[0].project) == ("六安市金安区残疾人联合会", "残疾人精准康复")


# --- not tables: bracket headings and prose --------------------------------------


def test_bracket_headings_with_values_in_parentheses():
    result = read("009")
    assert rows_of(result) == [
        ("数量指标", "数量", "机柜数量", "≥77台", "≥", "77", "台"),
        ("质量指标", "质量", "视频监控在线率", "≥0.97比例", "≥", "0.97", "比例"),
        ("时效指标", "时效", "维护及时性", "<24小时", "<", "24", "小时"),
        ("成本指标", "经济成本", "维护成本", "<1681680元", "<", "1681680", "元"),
        ("经济效益指标", "经济效益", "为全市经济发展保驾护航", "正面支撑", "", "", ""),
        ("社会效益指标", "社会效益", "服务保障民生", "有力保障", "", "", ""),
        ("生态效益指标", "生态效益", "为生态环境保护提供支撑", "正面支撑", "", "", ""),
        ("可持续影响指标", "可持续影响", "持续保障社会发展", "持续保障", "", "", ""),
        ("服务对象满意度指标", "满意度", "提升群众安全感", "≥90%", "≥", "90", "%"),
    ]
    assert {(r.department, r.project) for r in result.rows} == {
        ("黄山市公安局", "黄山市雪亮工程市本级机房租赁2024至2027服务采购项目")
    }
    assert result.rows[0].row_locator == "L70-72"
    assert result.tables == 2  # the second project (执法办案费) is cut off before its indicators


def test_prose_targets_with_placeholders_and_star_marks():
    result = read("022")
    assert rows_of(result) == [
        ("数量指标", "数量", "★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)", ">=17600株", "≥", "17600", "株"),
        ("数量指标", "数量", "种植作物成活率(≥**%)", ">=85", "≥", "85", ""),
        ("时效指标", "时效", "完成及时率(≥**%)", ">=100%", "≥", "100", "%"),
        ("成本指标", "经济成本", "作物种植补助标准,黄金蜜(葡萄)补助成本(≤**元/株)", "≤28.40/株", "≤", "28.40", "/株"),
        ("经济效益指标", "经济效益", "脱贫地区特色产业产值(≥**万元)", "≥80万元", "≥", "80", "万元"),
        ("经济效益指标", "经济效益", "促使脱贫户、监测户增加收入(≥**万元)", "≥80万元", "≥", "80", "万元"),
        ("社会效益目标", "社会效益", "★★★受益脱贫户、监测户人口数(≥**户)", "≥10户", "≥", "10", "户"),
        ("生态效益指标", "生态效益", "生态修复功能提高", "", "", "", ""),
        ("可持续影响指标", "可持续影响", "持续发展", "", "", "", ""),
        ("服务对象满意度指标", "满意度", "受益脱贫户满意度(≥**%)", "≥95%", "≥", "95", "%"),
    ]
    assert [r.row_locator for r in result.rows] == ["L10"] * 4 + ["L12"] * 5 + ["L14"]


# --- Traditional characters with injected pinyin -----------------------------------


def test_traditional_with_pinyin_keeps_text_verbatim_minus_pinyin():
    result = read("015")
    assert rows_of(result) == [
        ("數量指標", "数量", "衛片執法補助經費", "72890", "=", "72890", "元"),
        ("質量指標", "质量", "項目驗收合格率", "100", "=", "100", "%"),
        ("時效指標", "时效", "項目完成及時率", "100", "=", "100", "%"),
        ("社會效益指標", "社会效益", "違法行為責停率", "95", "≥", "95", "%"),
        ("服務對象滿意度指標", "满意度", "滿意度", "95", "≥", "95", "%"),
    ]
    # two-storey header: 實際完成值 | 分值 | 得分 sit above 指標性質 | 指標值 | 度量單位
    assert results_of(result) == [
        ("衛片執法補助經費", "72890", "9.00"),
        ("項目驗收合格率", "100", "19"),
        ("項目完成及時率", "100", "19.00"),
        ("違法行為責停率", "95", "27.00"),
        ("滿意度", "95", ""),
    ]
    assert {(r.table_kind, r.department, r.project) for r in result.rows} == {
        ("自评表", "麗江市古城區自然資源局", "2020年省級自然資源衛片執法補助經費")
    }
    assert all("(" not in r.name for r in result.rows)


# --- flattened text and pages without indicator names ---------------------------


def test_docx_text_flattened_onto_one_line_is_read_token_by_token():
    result = read("027")
    assert rows_of(result) == [
        ("数量指标", "数量", "基建工程委托业务项目数量", "≥50个", "≥", "50", "个"),
        ("质量指标", "质量", "委托业务报告合格率", "≥100百分比", "≥", "100", "百分比"),
        ("质量指标", "质量", "经费支出合规性", "严格执行相关制度规定", "", "", ""),
        ("时效指标", "时效", "提交报告及时性", "在项目计划完成时间内完成", "", "", ""),
        ("成本指标", "经济成本", "项目总成本", "≤90万元", "≤", "90", "万元"),
        ("成本指标", "经济成本", "单项业务成本", "符合相关规定", "", "", ""),
        ("社会效益指标", "社会效益", "对维护基建市场公平的影响程度", "效果明显", "", "", ""),
        ("生态效益指标", "生态效益", "对控制基建项目成本影响程度", "效果明显", "", "", ""),
        ("可持续影响指标", "可持续影响", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", "", "", ""),
        ("满意度指标", "满意度", "公众满", "", "", "", ""),  # the page stops mid-word
    ]
    assert results_of(result)[:2] == [("基建工程委托业务项目数量", "50", "8"), ("委托业务报告合格率", "100", "8")]
    assert (result.rows[0].department, result.rows[0].project) == ("池州市贵池区棠溪镇人民政府", "委托业务项目")


def test_template_with_numbers_only_yields_no_rows():
    # 038: "数量指标88100" for every 二级, no 三级 names: nothing may be invented
    result = read("038")
    assert result.rows == []
    assert result.tables == 0
    assert [s.reason for s in result.skipped if "数量指标" in s.text] == [SKIP_UNREADABLE]


# --- accounting -------------------------------------------------------------------


def _line_span(locator: str) -> range:
    first, _, last = locator[1:].partition("-")
    return range(int(first), int(last or first) + 1)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_non_blank_line_is_accounted_for(path):
    text = path.read_text(encoding="utf-8")
    result = read_plain_text(path, path.name, text)
    covered = set()
    for item in [*result.rows, *result.skipped]:
        covered.update(_line_span(item.row_locator))
    lines = text.split("\n")
    # lines 1-2 are the corpus's own source/metadata lines
    missing = [n for n, line in enumerate(lines, 1) if n > 2 and line.strip() and n not in covered]
    assert missing == []
    assert all(s.source_file == path.name for s in result.skipped)
    row_lines = set()
    for row in result.rows:
        row_lines.update(_line_span(row.row_locator))
    assert not any(set(_line_span(s.row_locator)) & row_lines for s in result.skipped)


def test_metadata_lines_are_not_needed():
    path = next(FIXTURES.glob("012_*.txt"))
    text = path.read_text(encoding="utf-8")
    with_header = read_plain_text(path, path.name, text)
    without = read_plain_text(path, path.name, text.split("\n", 3)[3])
    assert [(r.name, r.value_raw, r.l2) for r in without.rows] == [(r.name, r.value_raw, r.l2) for r in with_header.rows]
    assert without.rows[0].row_locator == "L53-59"  # three lines fewer


def test_source_file_falls_back_to_the_path_name():
    path = next(FIXTURES.glob("035_*.txt"))
    result = read_plain_text(path, "", path.read_text(encoding="utf-8"))
    assert result.source_file == path.name
    assert {r.source_file for r in result.rows} == {path.name}


# --- cell streams (the grid building step) ----------------------------------------


def _texts(lines):
    return [(c.text, c.first_line, c.ends_row) for c in split_cells(list(enumerate(lines, 1)))]


def test_pipe_closes_a_cell_and_a_lone_pipe_after_it_is_an_empty_cell():
    lines = ["三级指标 |", "指标值 |", "完成值 |", "发放率 |", "100 |", "|", "注 |", "x |", "y |"]
    assert [t for t, _, _ in _texts(lines)] == ["三级指标", "指标值", "完成值", "发放率", "100", "", "注", "x", "y"]


def test_pipe_on_its_own_line_closes_cells_written_without_one():
    lines = ["项目名称", "|", "某项目", "|", "主管部门", "|", "|", "实施单位", "|"]
    assert [t for t, _, _ in _texts(lines)] == ["项目名称", "某项目", "主管部门", "", "实施单位"]


def test_markdown_row_ends_at_its_trailing_pipes_and_lines_without_pipes_continue_a_cell():
    lines = ["| 产出指标 | 数量指标 | 人数 | 20个 | |||", "| 质量指标 | 合格率 | 100% |", "打造网球", "公开赛 |", "x |"]
    assert _texts(lines) == [
        ("产出指标", 1, False), ("数量指标", 1, False), ("人数", 1, False), ("20个", 1, True),
        ("质量指标", 2, False), ("合格率", 2, False), ("100%", 2, True),
        ("打造网球公开赛", 3, False), ("x", 5, True),  # the end of the text ends the row
    ]


def test_space_separated_row_keeps_spaces_inside_the_name():
    lines = ["一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 景点开发数量( ≥**个 ) >=4个", "流转土地 >=60亩"]
    assert [t for t, _, _ in _texts(lines)] == [
        "一级指标", "二级指标", "三级指标", "指标值",
        "产出指标", "数量指标", "景点开发数量( ≥**个 )", ">=4个",
        "流转土地", ">=60亩",
    ]


def test_blank_separated_cells_and_labels_broken_over_two_cells():
    lines = ["效益指标", "", "经济效益", "", "指标", "", "年增粮食", "", " ", "", "3500公斤"]
    assert [t for t, _, _ in _texts(lines)] == ["效益指标", "经济效益指标", "年增粮食", "", "3500公斤"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("产出指标", "l1"),
        ("产 出 指 标", "l1"),
        ("產(chǎn)出指標", "l1"),
        ("成本指标(0-20)分", "dual"),
        ("满意度指标", "dual"),
        ("服务对象满意度指标", "l2"),
        ("可持续性发展影响指标", "l2"),
        ("★数量指标", "l2"),
        ("数量值", "l2"),
        ("经济效益", "bare"),
        ("满意度", "bare"),
        ("群众满意度", "bare"),
        ("效果指标", "dual"),
        ("影响力指标", "l1"),
        ("时效性指标", "l2"),
        ("受益群众满意度指标", "l2"),
        ("经济社会效益指标", "l2"),
        ("可持续发展指标", "l2"),
        ("可持续", ""),  # a value ('可持续/可持续/可持续' in 044), not a label
        ("完成值", ""),
        ("指标1:机柜数量", ""),
        ("受益脱贫户满意度", ""),
    ],
)
def test_level_labels_are_matched_strictly(text, kind):
    assert classify_label(text) == kind


def test_tab_separated_copy_of_a_page_reads_like_its_pipe_rendering():
    # the same page as copied out of a spreadsheet: tabs instead of " | "
    path = next(FIXTURES.glob("021_*.txt"))
    text = path.read_text(encoding="utf-8")
    tabbed = "\n".join(line.replace(" | ", "\t").rstrip(" |") for line in text.split("\n"))
    piped = read_plain_text(path, path.name, text)
    tabs = read_plain_text(path, path.name, tabbed)
    assert rows_of(tabs) == rows_of(piped)
    assert (tabs.rows[0].department, tabs.rows[0].project) == (piped.rows[0].department, piped.rows[0].project)


# --- flattened text with glued labels ------------------------------------------------


def test_glued_flattened_table_keeps_only_trustworthy_values():
    result = read("005")
    assert rows_of(result) == [
        ("制度指标", "", "规章制度建立与否", "", "", "", ""),
        # '享受资助人数达到预计值210010' is 2100 fused with 10 points: no value is trusted
        ("产出数量指标", "数量", "享受资助人数达到预计值", "", "", "", ""),
        ("产出数量指标", "数量", "资金支出率达到目标值", "95%", "", "95", "%"),
        ("质量指标", "质量", "建档立卡学生全面覆盖", "100%", "", "100", "%"),
        ("质量指标", "质量", "资助对象满意度达到目标值", "95%以上", "≥", "95", "%"),
        ("时效指标", "时效", "及时发放率达到目标值", "100%", "", "100", "%"),
        ("成本指标", "经济成本", "资助标准达标率", "100%", "", "100", "%"),
    ]
    assert [r.row_locator for r in result.rows] == ["L20", "L21", "L22", "L23", "L24", "L25", "L26"]


def test_glued_fragment_with_scores_after_values():
    result = read("034")
    assert rows_of(result) == [
        ("数量指标", "数量", "足额保障率", "=100%", "=", "100", "%"),
        ("数量指标", "数量", "科目调整次数", "≤10次", "≤", "10", "次"),
        ("时效指标", "时效", "按时发放率", "=100%", "=", "100", "%"),
        ("经济效益指标", "经济效益", "结余率(计算方法为:结余数/预算数)", "≤5%", "≤", "5", "%"),
    ]
    assert {r.table_kind for r in result.rows} == {"自评表"}  # from its 评价结论 block


def test_glued_traditional_text_stops_where_the_narrative_starts():
    result = read("048")
    assert rows_of(result) == [
        ("數量目標", "数量", "當年獲得寧德市級以上確認的人才驛站數量", ">=2個", "≥", "2", "個"),
        ("數量目標", "数量", "當年人才驛站組織活動數量", ">=28次", "≥", "28", "次"),
        ("數量目標", "数量", "每年人才驛站服務人次", ">=500人", "≥", "500", "人"),
        ("質量目標", "质量", "各類人才對我市人才政策的知曉率", ">=95%", "≥", "95", "%"),
        ("質量目標", "质量", "人才驛站補助資金到位率", ">=100%", "≥", "100", "%"),
    ]
    # header 績效目標值 | 實際完成值 | 累計完成率: a completed-value column makes it a 自评表
    assert [r.actual for r in result.rows] == ["0個", "40次", "1700人", "98%", "100%"]
    assert {r.table_kind for r in result.rows} == {"自评表"}


def test_names_without_any_numbers_are_not_a_table():
    # 019: a doc-site copy with every digit stripped; names alone are not trusted rows
    result = read("019")
    assert result.rows == []
    assert result.skipped and {s.reason for s in result.skipped} <= {SKIP_UNREADABLE, "not an indicator row", SKIP_HEADER}


def test_standard_markdown_with_an_alignment_row_reads_like_the_page():
    # 021 rewritten as GitHub markdown: full-width ｜ in one row, a |---| rule under the header
    path = next(FIXTURES.glob("021_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if "三级指标" in line)
    lines.insert(header + 1, "| --- | :--- | --- | ---: | --- |")
    lines[header + 2] = lines[header + 2].replace(" | ", " ｜ ")
    result = read_plain_text(path, path.name, "\n".join(lines))
    expected = read("021")
    assert rows_of(result) == rows_of(expected)
    assert any(s.text.startswith("| --- |") for s in result.skipped)


def test_one_cell_per_line_with_runs_of_blank_lines_between_rows():
    result = read("003")
    assert [(r.name, r.value_raw, r.actual, r.score) for r in result.rows] == [
        ("公猪舍(≥**平方米)", "22.8", "22.8", "1"),
        ("母猪、保育猪舍(≥**平方米)", "180", "180", "3"),
        ("育肥猪舍(≥**平方米)", "180", "180", "3"),
        ("周转猪舍(≥**平方米)", "180", "180", "3"),
        ("隔离舍(≥**平方米)", "54", "54", "2"),
        ("仓库(≥**平方米)", "104", "104", "2"),
        ("管理用房及消通道(≥**平方米)", "76.44", "76.44", "2"),
        ("化粪池(≥**立方米)", "63", "63", "1"),
        ("堆粪房(≥**平方米)", "29.6", "29.6", "1"),
        ("消毒池(≥**平方米)", "14", "14", "1"),
        ("排污沟(≥米)", "50", "50", "1"),
        ("场地硬化(≥**平方米)", "230", "230", "2"),
        ("粉碎拌合机(11kw)(≥台)", "1", "1", "1"),
        ("产床(全复合双体产床)(≥套)", "2", "2", "1"),
        ("保育栏(≥套)", "4", "4", "1"),
        ("消毒机(≥台)", "1", "1", "1"),
        ("冲洗机(≥台)", "1", "1", "1"),
        ("种公猪(≥头)", "2", "2", "2"),
        ("种母猪(≥头)", "20", "20", ""),  # the page ends before the score
    ]
    assert {(r.l1_filed, r.l2_filed, r.l2) for r in result.rows} == {("产出指标(40分)", "数量指标", "数量")}
    assert {(r.table_kind, r.department, r.project) for r in result.rows} == {
        ("自评表", "昌宁县供销合作社联合社", "昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目")
    }
    assert [r.row_locator for r in result.rows[:2]] == ["L142-152", "L163-169"]


def test_traditional_department_table_with_a_label_in_the_name_column():
    result = read("040")
    assert rows_of(result) == [
        ("數量指標", "数量", "業務工作支出安排金額", "28.8萬元", "", "28.8", "萬元"),
        ("質量指標", "质量", "業務工作支出到位率", "100", "", "100", "%"),
        ("時效指標", "时效", "工作安排時間", "按月安排", "", "", ""),
        # '成本指標 | 社會成本指標 | 定量 | 100': the 三级 column holds a 二级 label
        ("成本指標", "经济成本", "社會成本指標", "100", "", "100", "%"),
        # a broken row: only the 评(扣)分标准 text is in it, kept as written
        ("經濟效益指標", "经济效益", "未達指標值酌情扣分", "", "", "", ""),
        ("社會效益指標", "社会效益", "保證單位正常運轉", "應保盡保", "", "", "%"),
    ]
    assert {(r.table_kind, r.department, r.project) for r in result.rows} == {
        ("部门整体", "岳陽樓區價格認證鑒定中心", "岳陽樓區價格認證鑒定中心")
    }
    assert result.rows[0].description == "該指標主要考察業務工作支出安排情況"


def test_renamed_level_headers_and_site_footer():
    result = read("007")
    expected = [
        ("数量值", "数量", "小学就读人数", "<=6962人", "≤", "6962", "人"),
        ("质量值", "质量", "教学条件改善、办学水平提高", "=100%", "=", "100", "%"),
        ("时效值", "时效", "教育均衡化发展", "有效", "", "", ""),
        ("成本值", "经济成本", "义务教育小学生均公用经费", "780元/生/年", "", "780", "元/生/年"),
        ("经济效益值", "经济效益", "经费有效使用情况", "=100%", "=", "100", "%"),
        ("社会效益值", "社会效益", "教学质量提高、办学条件改善", "=100%", "=", "100", "%"),
        ("生态效益值", "生态效益", "安全情况", "有效", "", "", ""),
        ("可持续影响值", "可持续影响", "学生受益情况", "=100%", "=", "100", "%"),
    ]
    assert rows_of(result) == expected
    assert [r.l1_filed for r in result.rows] == ["产出值"] * 4 + ["效益值"] * 4
    # 内容保障 | 公务邮箱 ... 鲁ICP备 is the site footer, not rows
    assert any("ICP备" in s.text for s in result.skipped)
    # the same page without the ' ' lines that stand for empty 备注 cells
    path = next(FIXTURES.glob("007_*.txt"))
    compact = "\n".join(line for line in path.read_text(encoding="utf-8").split("\n") if line.strip() or not line)
    assert rows_of(read_plain_text(path, path.name, compact)) == expected


@pytest.mark.parametrize("prefix", ["003", "010", "012", "021", "023", "043", "046"])
def test_same_rows_from_traditional_full_width_and_crlf_copies(prefix):
    # mirrors convert pages to Traditional, some sites use full-width digits, Windows saves CRLF
    import zhconv

    path = next(FIXTURES.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    full_width = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789%"})
    base = [(r.l1, r.l2, r.comparator, r.number, r.row_locator) for r in read(prefix).rows]
    for variant in (zhconv.convert(text, "zh-tw"), full_width, text.replace("\n", "\r\n")):
        result = read_plain_text(path, path.name, variant)
        assert [(r.l1, r.l2, r.comparator, r.number, r.row_locator) for r in result.rows] == base


@pytest.mark.parametrize("prefix", ["004", "006", "015", "021", "043"])
def test_space_separated_copy_of_a_pipe_page_gives_the_same_rows(prefix):
    # the same table as PDF-to-text tools print it: cells separated by spaces
    import re

    path = next(FIXTURES.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    spaced = "\n".join(re.sub(r"\s*\|\s*", " ", line).strip() for line in text.split("\n"))
    result = read_plain_text(path, path.name, spaced)
    assert [(r.l2, r.name, r.value_raw, r.comparator) for r in result.rows] == [
        (r.l2, r.name, r.value_raw, r.comparator) for r in read(prefix).rows
    ]


def test_wrapped_name_in_blank_separated_cells_is_one_cell():
    # a narrower page wraps the long name onto two lines with no blank line between
    path = next(FIXTURES.glob("012_*.txt"))
    text = path.read_text(encoding="utf-8").replace("解决脱贫(监测)饮水安全问题人数", "解决脱贫(监测)饮水\n安全问题人数")
    result = read_plain_text(path, path.name, text)
    assert rows_of(result)[7] == ("社会效益指标", "社会效益", "解决脱贫(监测)饮水安全问题人数", "≥1000人", "≥", "1000", "人")
    assert [r.name for r in result.rows] == [r.name for r in read("012").rows]
    assert result.rows[7].row_locator == "L104-107"


def test_pipe_table_inside_a_long_report_is_still_read_as_pipes():
    # a 自评报告: pages of narrative (here 014's report text) around a pipe table (021)
    table = next(FIXTURES.glob("021_*.txt"))
    narrative = next(FIXTURES.glob("014_*.txt")).read_text(encoding="utf-8").split("\n")[45:]
    lines = table.read_text(encoding="utf-8").split("\n")
    report = "\n".join(lines[:3] + narrative * 3 + lines[3:] + narrative * 2)
    result = read_plain_text(table, table.name, report)
    assert rows_of(result) == rows_of(read("021"))


def test_report_text_after_a_space_separated_table_is_not_rows():
    page = next(FIXTURES.glob("035_*.txt"))
    narrative = next(FIXTURES.glob("014_*.txt")).read_text(encoding="utf-8").split("\n")[45:]
    text = page.read_text(encoding="utf-8") + "\n" + "\n".join(narrative)
    result = read_plain_text(page, page.name, text)
    assert rows_of(result) == rows_of(read("035"))
    assert any("(三)项目自评步骤及方法" in s.text for s in result.skipped)


def test_text_after_a_leading_pipe_stays_a_table_cell_across_a_blank_line():
    cells = split_cells(list(enumerate(["| 一级指标", "| 二级指标", "", "| 三级指标", "", "| 指标值 |", "说明文字", "", "x |"], 1)))
    assert [(c.text, c.free) for c in cells] == [
        ("一级指标", False), ("二级指标", False), ("三级指标", False), ("指标值", False),
        ("说明文字", True),  # a line without any pipe, ended by a blank line: running text
        ("x", False),
    ]
