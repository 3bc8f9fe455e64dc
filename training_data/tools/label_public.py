"""Labelled rows for the 48 public excerpts in /work/shared/corpus/public.

The excerpts are too irregular for a reader written in an afternoon, so every row here
was typed by hand from the file (transcribed=1); row_locator gives the lines it came from.
name/value_raw are copied verbatim (line breaks joined); a leading 指标N: / ★ numbering
mark is typed without it and restored from the file by restore_prefixes(). check_verbatim() fails the run if a name or value cannot be
found in its file (whitespace-insensitive), so a typo cannot slip into the sheet.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from label_seeds import CORPUS, OUT_DIR, finalize, make_row, write_rows  # noqa: E402


def R(loc, l1, l2, name, value, d=None, desc="", unit="", k=None, v=None, b=None, n=""):
    row = dict(row_locator=loc, l1_filed=l1, l2_filed=l2, name=name, description=desc,
               value_raw=value, unit=unit, note=n)
    if d is not None:
        row["dimension"] = d
    if k is not None:
        row["value_kind"] = k
    if v is not None:
        row["vague"] = v
    if b is not None:
        row["boilerplate"] = b
    return row


LOST = "value lost in the excerpt"
CUT = "excerpt cut here; "

PUBLIC: dict[str, list[dict]] = {}

PUBLIC["001_mengcheng_health_basic_public_health.txt"] = [
    R("L58-64", "产出 指标", "数量指标", "适龄儿童国家免疫规划疫苗接种率", "≧90%", "质量", n="rate filed under 数量"),
    R("L66-68", "产出 指标", "数量指标", "7 岁以下儿童健康管理率", "≧85%", "质量", n="rate filed under 数量"),
    R("L70-72", "产出 指标", "数量指标", "0-6 岁儿童眼保健和视力检查覆盖率", "", "质量", n=CUT + "only '≧' of the value survives; " + LOST),
]
PUBLIC["002_qingshen_drc_wage_selfeval.txt"] = [
    R("L81-88", "产出指标", "数量指标", "发放(缴纳)覆盖率", "100", "质量", unit="%", n="指标性质 '='; value/unit in separate cells"),
    R("L91-98", "效益指标", "社会效益指标", "足额保障率(参保率)", "100", "质量", unit="%", n="指标性质 '='; wages/social insurance paid in full = output quality"),
]
_PIG = "template placeholder (≥**…) left in the name; unit only in the name"
PUBLIC["003_changning_supply_coop_pig_farm_selfeval.txt"] = [
    R(f"L{a}-{min(a + 6, 456)}", "产出指标(40分)", "数量指标", nm, val, "数量", n=_PIG + ("; " + CUT.rstrip("; ") if a == 452 else ""))
    for a, nm, val in [
        (146, "公猪舍(≥**平方米)", "22.8"), (163, "母猪、保育猪舍(≥**平方米)", "180"), (180, "育肥猪舍(≥**平方米)", "180"),
        (197, "周转猪舍(≥**平方米)", "180"), (214, "隔离舍(≥**平方米)", "54"), (231, "仓库(≥**平方米)", "104"),
        (248, "管理用房及消通道(≥**平方米)", "76.44"), (265, "化粪池(≥**立方米)", "63"), (282, "堆粪房(≥**平方米)", "29.6"),
        (299, "消毒池(≥**平方米)", "14"), (316, "排污沟(≥米)", "50"), (333, "场地硬化(≥**平方米)", "230"),
        (350, "粉碎拌合机(11kw)(≥台)", "1"), (367, "产床(全复合双体产床)(≥套)", "2"), (384, "保育栏(≥套)", "4"),
        (401, "消毒机(≥台)", "1"), (418, "冲洗机(≥台)", "1"), (435, "种公猪(≥头)", "2"), (452, "种母猪(≥头)", "20"),
    ]
]
PUBLIC["004_nanxian_cdc_2025_101style.txt"] = [
    R("L17", "成本指标", "经济成本指标", "疾病预防控制中心经费", "70", "经济成本", desc="反映疾病预防控制中心经费。", unit="万元",
      n="指标值类型 '≤' in its own cell"),
    R("L18", "成本指标", "社会成本指标", "实施项目对社会产生的不利影响", "减少", "社会成本", desc="反映实施项目对社会产生的不利影响。",
      k="vague", v=1, b=1, n="定性 '减少' with no measure; generic 101号 filler"),
    R("L19", "成本指标", "生态环境成本指标", "实施项目对生态产生的不利影响", "", "生态环境成本", k="empty", v=1, b=1,
      n=CUT + "value cut after '减'; " + LOST),
]
PUBLIC["005_ningjin_edu_hs_grant_eval_flattened.txt"] = [
    R("L20", "项目年度绩效目标(定量指标)", "制度指标", "规章制度建立与否", "", "可持续影响", k="empty", v=1,
      n="glued '20' is the 分值 (score); no target value"),
    R("L21", "产出", "数量指标", "享受资助人数", "2100", "数量", desc="达到预计值", n="glued '210010' = 2100 + 分值 10"),
    R("L22", "产出", "数量指标", "资金支出率", "95%", "质量", desc="达到目标值", n="= 预算执行率 (guide: 质量); 分值 10 glued"),
    R("L23", "产出", "质量指标", "建档立卡学生全面覆盖", "100%", "质量"),
    R("L24", "产出", "质量指标", "资助对象满意度", "95%以上", "满意度", desc="达到目标值", n="satisfaction filed under 质量"),
    R("L25", "产出", "时效指标", "及时发放率", "100%", "时效", desc="达到目标值"),
    R("L26", "产出", "成本指标", "资助标准达标率", "100%", "质量", n="paid at the standard = quality; filed 成本"),
]
_JY = "comparator '≥' and unit in separate cells"
PUBLIC["006_jingyan_mata_town_multi_project.txt"] = [
    R("L8", "效益指标", "社会效益指标", "维护社会稳定", "95", "社会效益", unit="%", v=1, b=1, n="社会稳定 as a percent: not measurable; " + _JY),
    R("L9", "产出指标", "时效指标", "维持时效", "1", "时效", unit="年", k="date", v=1, b=1, n="'维持时效 ≥1年': no object"),
    R("L10", "产出指标", "质量指标", "按时发放", "1", "时效", unit="人/年", v=1, n="unit 人/年 does not fit 按时发放; filed 质量"),
    R("L11", "效益指标", "经济效益指标", "促进村集体经济发展", "95", "经济效益", unit="%", v=1, b=1, n="% with no measurable object; pasted across projects"),
    R("L12", "产出指标", "数量指标", "村组干部230人", "230", "数量", unit="个", n="value embedded in the name"),
    R("L13", "效益指标", "生态效益指标", "保护生态环境卫生", "95", "生态效益", unit="%", v=1, b=1, n="a 村干部报酬 project: generic filler"),
    R("L14", "效益指标", "可持续影响指标", "项目维持时效", "95", "可持续影响", unit="%", v=1, b=1),
    R("L15", "满意度指标", "服务对象满意度指标", "人民群众满意度", "95", "满意度", unit="%"),
    R("L16", "满意度指标", "服务对象满意度指标", "辖区内群众满意度", "95", "满意度", unit="%", n="second project (基层组织活动经费)"),
    R("L17", "效益指标", "经济效益指标", "促进农村集体经济发展", "95", "经济效益", unit="%", v=1, b=1),
    R("L18", "效益指标", "可持续影响指标", "经济、环境等方面可持续发展", "95", "可持续影响", unit="%", v=1, b=1),
    R("L19", "产出指标", "质量指标", "保障村社区正常运转", "95", "可持续影响", unit="%", v=1, b=1, n="保障正常运转 filler; filed 质量"),
    R("L20", "产出指标", "数量指标", "行政村数量", "11", "数量", unit="个", n="comparator '='; " + CUT.rstrip("; ")),
]
PUBLIC["007_linyi_county_primary_school_public_funds.txt"] = [
    R("L50-56", "产出值", "数量值", "小学就读人数", "<=6962人", "数量", n="'<=' on a count of pupils served"),
    R("L60-64", "产出值", "质量值", "教学条件改善、办学水平提高", "=100%", "社会效益", v=1, n="improvement given as 100%: no measure; filed 质量"),
    R("L68-72", "产出值", "时效值", "教育均衡化发展", "有效", "社会效益", k="vague", v=1, n="filed 时效 but measures a social effect"),
    R("L76-80", "产出值", "成本值", "义务教育小学生均公用经费", "780元/生/年", "经济成本"),
    R("L84-90", "效益值", "经济效益值", "经费有效使用情况", "=100%", "经济效益", v=1, n="fund-use efficiency; '有效使用 100%' undefined"),
    R("L94-98", "效益值", "社会效益值", "教学质量提高、办学条件改善", "=100%", "社会效益", v=1),
    R("L102-106", "效益值", "生态效益值", "安全情况", "有效", "社会效益", k="vague", v=1, n="school safety filed under 生态效益"),
    R("L110-114", "效益值", "可持续影响值", "学生受益情况", "=100%", "质量", v=0, n="all pupils benefit = coverage"),
]
PUBLIC["008_fengjie_emergency_101style_approval.txt"] = [
    R("L21", "成本指标(0-20)分", "经济成本指标", "", "0.00%", "经济成本", desc="反映实施相关项目所产生的直接经济成本", k="quant", v=1, b=1,
      n="no 三级 name (the 三级 cell holds '0'); 0.00% cost is template filler"),
    R("L22", "成本指标(0-20)分", "社会成本指标", "", "0.00%", "社会成本", desc="反映实施相关项目对社会发展、公共福利等方面可能造成的负面影响",
      k="quant", v=1, b=1, n="no 三级 name (the 三级 cell holds '0')"),
    R("L23", "成本指标(0-20)分", "生态环境成本指标", "", "0.00%", "生态环境成本", desc="反映实施相关项目对自然生态环境可能造成的负面影响",
      k="quant", v=1, b=1, n="no 三级 name (the 三级 cell holds '0')"),
    R("L24-25", "产出指标 (40-50)分", "数量指标", "12350安全生产举报奖励次数", "≥5次", "数量"),
    R("L26", "产出指标 (40-50)分", "数量指标", "制作防灾减灾日宣传资料份数", "≥500份", "数量", n=CUT.rstrip("; ")),
]
PUBLIC["009_huangshan_police_2025_bracket_format.txt"] = [
    R("L70-72", "产出指标", "数量指标", "机柜数量", "≥77台", "数量", n="bracket format: value in parentheses"),
    R("L74-76", "产出指标", "质量指标", "视频监控在线率", "≥0.97比例", "质量"),
    R("L78-80", "产出指标", "时效指标", "维护及时性", "<24小时", "时效", k="date", n="response duration"),
    R("L82-84", "产出指标", "成本指标", "维护成本", "<1681680元", "经济成本"),
    R("L86-88", "效益指标", "经济效益指标", "为全市经济发展保驾护航", "正面支撑", "经济效益", k="vague", v=1, b=1),
    R("L90-92", "效益指标", "社会效益指标", "服务保障民生", "有力保障", "社会效益", k="vague", v=1, b=1),
    R("L94-96", "效益指标", "生态效益指标", "为生态环境保护提供支撑", "正面支撑", "生态效益", k="vague", v=1, b=1, n="机房租赁 project: generic filler"),
    R("L98-100", "效益指标", "可持续影响指标", "持续保障社会发展", "持续保障", "可持续影响", k="vague", v=1, b=1),
    R("L102-104", "满意度指标", "服务对象满意度指标", "提升群众安全感", "≥90%", "社会效益", n="群众安全感 (survey) filed under 满意度"),
]
PUBLIC["010_jinan_district_sports_events_2025.txt"] = [
    R("L42-45", "产出指标", "数量指标", "开展运动种类", "1种", "数量"),
    R("L46-47", "产出指标", "数量指标", "打造品牌赛事种类", "1种", "数量"),
    R("L48-50", "产出指标", "质量指标", "经费支出合规率", "100%", "质量"),
    R("L51-52", "产出指标", "质量指标", "赛事完成率", "100%", "质量"),
    R("L53-55", "产出指标", "时效指标", "完成时间", "2025年年底前", "时效"),
    R("L56-58", "产出指标", "成本指标", "项目总成本", "≤1000万元", "经济成本"),
    R("L59-62", "效益指标", "经济效益指标", "提升六安城市知名度和美誉度,推动体育消费、“网球+”产业深度融合", "经济效益良好", "经济效益", k="vague", v=1),
    R("L63-65", "效益指标", "社会效益指标", "打造金安国际网球公开赛等系列品牌赛事,提升六安城市的知名度和美誉度。", "效果良好", "社会效益", k="vague", v=1),
    R("L66-68", "效益指标", "生态效益指标", "本项目不适用此指标", "无", "生态效益", k="empty", v=1, n="row declared not applicable"),
    R("L69-72", "效益指标", "可持续影响指标", "打造金安国际网球公开赛等系列品牌赛事", "影响可持续", "可持续影响", k="vague", v=1),
    R("L73-76", "满意度指标", "满意度指标", "群众满意度", "≥95%", "满意度"),
]
PUBLIC["011_linhai_greening_maintenance_no_l3_name.txt"] = [
    R("L16", "产出指标", "数量指标", "", "375万平方米", "数量", desc="完成全市375万平方米的绿地养护、维护等", n="table has no 三级 name column"),
    R("L17", "产出指标", "质量指标", "", "100%", "质量", desc="达到绿化绿地全覆盖", n="table has no 三级 name column"),
    R("L18", "产出指标", "时效指标", "", "全年", "时效", desc="全年", k="date", v=0, n="table has no 三级 name column"),
    R("L19", "效益指标", "社会效益指标", "", "是", "社会效益", desc="满足市民生存环境的需求", k="graded", v=1,
      n="是 against a need that cannot be checked; no 三级 name"),
    R("L20", "效益指标", "生态效益指标", "", "是", "生态效益", desc="改善城市生态环境,保持生态平衡、保护自然环境", k="graded", v=1, n="no 三级 name"),
    R("L21", "效益指标", "可持续性发展影响指标", "", "是", "可持续影响", desc="保障绿化养护的稳定正常运行,促进城市园林绿化事业的发展,形成绿化系统",
      k="graded", v=1, n="no 三级 name"),
    R("L22", "满意度指标", "服务对象或受益者满意度指标", "", "≥95%", "满意度", desc="服务对象对于绿化的养护及配套设施的维护满意率应该在95%以上", n="no 三级 name"),
]
PUBLIC["012_yueyang_county_agri_hsfarmland_linkage.txt"] = [
    R("L56-62", "产出指标", "数量指标", "脱贫村村内道路硬化里程", "≥100公里", "数量"),
    R("L64-66", "产出指标", "数量指标", "脱贫户供水设施数量", "≥20座", "数量"),
    R("L68-72", "产出指标", "质量指标", "项目(工程)验收合格率", "100%", "质量"),
    R("L74-78", "产出指标", "时效指标", "项目(工程)完成及时率", "≥100%", "时效", n="及时率 ≥100%: odd but checkable"),
    R("L80-84", "产出指标", "成本指标", "财政资金补助", "1600元/亩", "经济成本"),
    R("L86-94", "效益指标", "经济效益指标", "年增粮食", "3500公斤", "经济效益", n="二级 split over lines (经济效益 / 指标)"),
    R("L96-102", "效益指标", "社会效益指标", "受益脱贫(监测)人口数", "≥500人", "数量", n="受益人数 (guide: 数量)"),
    R("L104-106", "效益指标", "社会效益指标", "解决脱贫(监测)饮水安全问题人数", "≥1000人", "数量", n="people served by water supply (受益人数, guide: 数量); filed 社会效益"),
    R("L108-114", "效益指标", "生态效益指标", "新增和改善灌溉达标面积", "≥500亩", "经济效益", n="irrigated area = agricultural productivity gain; filed 生态效益"),
    R("L116-118", "效益指标", "生态效益指标", "新增和改善排水达标面积", "≥200亩", "经济效益", n="drained area = agricultural productivity gain; filed 生态效益"),
    R("L120-126", "效益指标", "可持续影响指标", "工程设计使用年限", "≥20年", "可持续影响", k="date"),
    R("L128-134", "满意度指标", "服务对象满意度指标", "受益脱贫(监测)户满意度", "≥95%", "满意度"),
]
PUBLIC["013_pengshui_family_planning_transfer_selfeval.txt"] = [
    R("L13-16", "项目预算管理", "资金投入", "预算编制科学性", "", "质量",
      desc="项目预算编制符合国家政策要求,依据充分,标准明确,与年度工作匹配,与项目内容匹配", k="empty", v=1,
      n="self-eval with no target column: the standard sits in 指标解释 (description); process row"),
    R("L17-39", "项目预算管理", "资金投入", "预算资金安排", "", "经济成本", desc="2024年度计划生育转移支付资金预算安排情况。", k="empty", v=1,
      n="amounts listed are 记录 (records), not targets; process row"),
    R("L40", "项目预算管理", "资金下达", "资金发放及时性", "", "时效",
      desc="省级(计划单列市)财政部门在接到中央财政转移支付资金预算后,在30日内正式下达到本行政区域县级以上各级财政部门。", k="empty", v=1,
      n="no target column; the 30日内 standard is in 指标解释; " + CUT.rstrip("; ")),
]
PUBLIC["014_daying_consumer_rights_selfeval_indented_pipes.txt"] = [
    R("L12-16", "项目决策", "数量指标", "宣传次数", "至少全年完成2次宣传", "数量", k="quant", v=0, n="一级 wrongly 项目决策"),
    R("L18-21", "项目决策", "质量指标", "创建质量", "按质按量完成", "质量", k="vague", v=1, n="一级 wrongly 项目决策"),
    R("L23-26", "项目决策", "时效指标", "全年", "1-12月", "时效", k="date", v=0, n="三级 cell is just '全年'"),
    R("L28-31", "项目决策", "成本指标", "成本", "10万元", "经济成本"),
    R("L33-38", "项目效益", "社会效益指标", "提升全县消费者维权意识", "不断提升", "社会效益", k="vague", v=1),
    R("L40-44", "满意度指标", "满意度指标", "群众满意度", "90%", "满意度"),
]
_TRAD = "Traditional characters with injected pinyin kept verbatim"
PUBLIC["015_lijiang_gucheng_natres_selfeval_trad_pinyin_mirror.txt"] = [
    R("L27", "產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)", "衛(wèi)片執(zhí)法補(bǔ)助經(jīng)費(fèi)", "72890", "经济成本", unit="元",
      n="funding amount filed under 数量; 指标性质 '﹦'; " + _TRAD),
    R("L28", "產(chǎn)出指標(biāo)", "質(zhì)量指標(biāo)", "項(xiàng)目驗(yàn)收合格率", "100", "质量", unit="%", n="指标性质 '﹦'"),
    R("L29", "產(chǎn)出指標(biāo)", "時效指標(biāo)", "項(xiàng)目完成及時率", "100", "时效", unit="%", n="指标性质 '﹦'"),
    R("L30", "效益指標(biāo)", "社會效益指標(biāo)", "違法行為責(zé)停率", "95", "质量", unit="%", n="enforcement result rate; 指标性质 '≥'"),
    R("L31", "滿意度指標(biāo)", "服務(wù)對象滿意度指標(biāo)", "滿意度", "95", "满意度", unit="%", n="指标性质 '≥'"),
]
_HS = "flattened DOCX text with stray spaces; 年度值/完成值 glued"
PUBLIC["016_hengshan_grain_reserve_selfeval_docsite_flattened.txt"] = [
    R("L6", "产 出 指 标", "数量 指标", "5000吨稻谷、500吨成 品粮储备到位率", "100%", "质量", n=_HS),
    R("L6-7", "产 出 指 标", "数量 指标", "库存数量真实率", "100%", "质量", n=_HS),
    R("L7", "产 出 指 标", "质量 指标", "县级储备粮管理制 度严格执行率", "100%", "质量", n=_HS),
    R("L7", "产 出 指 标", "质量 指标", "储备粮管理专户管 理率", "100%", "质量", n=_HS),
    R("L7", "产 出 指 标", "质量 指标", "县级储备粮库存粮 食明显变质比例", "0", "质量", n=_HS + "; a rate to keep at 0"),
    R("L7", "产 出 指 标", "时效 指标", "县级储备粮贷款付 息及时率", "100%", "时效", n=_HS),
    R("L7", "产 出 指 标", "时效 指标", "县级储备粮应急保 障率", "100%", "质量", n=_HS + "; filed 时效"),
    R("L7", "产 出 指 标", "成本 指标", "国家政策性粮收购 价格执行率", "100%", "质量", n=_HS + "; price-policy compliance filed 成本"),
    R("L7", "产 出 指 标", "成本 指标", "县级储备粮库存成 本核算率", "100%", "质量", n=_HS + "; filed 成本"),
    R("L7", "效益 指标", "经济 效益 指标", "利息费用保障率", "100%", "经济成本", n=_HS + "; interest costs covered"),
    R("L7", "效益 指标", "经济 效益 指标", "政策性挂账利息补 贴保障率", "100%", "经济成本", n=_HS),
    R("L7", "效 益 指 标", "生态 效益 指标", "低温、低氧、低剂量 科学保粮率", "100%", "质量", n=_HS + "; storage technique rate filed 生态效益"),
    R("L7", "效 益 指 标", "生态 效益 指标", "食品安全指标达标 率", "100%", "质量", n=_HS + "; filed 生态效益"),
    R("L7-8", "效 益 指 标", "可持 续影 响指标", "粮食储备设备维 护及安全性", "高", "可持续影响", k="vague", v=1, n=_HS + "; '高' without a scale"),
    R("L8", "满意 度指 标", "服务 对象 满意 度指 标", "因粮食市场波动引 起的粮食安全事件 发生数", "0起", "社会效益", n=_HS + "; filed 满意度"),
    R("L8", "满意 度指 标", "服务 对象 满意 度指 标", "市民满意度调查", "", "满意度", k="empty", v=1,
      n="value '290%' is an OCR of '≥90%': the comparator is lost, so value_raw left empty rather than invented"),
]
_LP = "部门整体 self-eval; numbers fused into one string"
PUBLIC["017_liangping_forestry_dept_selfeval_docsite_numbers_fused.txt"] = [
    R("L6", "", "", "天然林和公益林管护当期任务完成率", "90", "质量", unit="%", n=_LP + ": '%901010010' read as %, 90, 10 (weight), 100, 10"),
    R("L6", "", "", "国家级公益林管护面积", "8", "数量", unit="万亩", n=_LP + ": '万亩2810810' read as 2(=mangled ≥), 8, 10, 8, 10"),
    R("L6", "", "", "森林抚育(营林)面积", "1", "数量", unit="万亩", n=_LP + ": '万亩2110110' read as 2(=mangled ≥), 1, 10, 1, 10"),
    R("L6", "", "", "天保工程区森林资源管护面积", "50", "数量", unit="万亩", n=_LP + ": '万亩250105010' read as 2(=mangled ≥), 50, 10, 50, 10"),
    R("L6", "", "", "森林火灾受害率", "0.9", "生态效益", unit="%", n=_LP + ": '%0.910010' read as 0.9, 10, 0, 10; a rate to keep low"),
    R("L6", "", "", "主要林业有害生物成灾率", "0.4", "生态效益", unit="%", n=_LP + ": '%0.4100.110' read as 0.4, 10, 0.1, 10; a rate to keep low"),
]
_XY = "OCR'd DOCX; columns 三级|年初目标值|实际完成值|得分 glued"
PUBLIC["018_xiangyang_central_hospital_selfeval_docsite_ocr.txt"] = [
    R("L23", "产出 指标", "数量指标", "成本控制", "不超过预算", "经济成本", k="vague", v=1, b=1, n=_XY + "; cost row filed 数量"),
    R("L23", "产出 指标", "质量指标", "保证财政建设补助专款专用", "专款专用", "质量", k="graded", v=0, n=_XY),
    R("L23", "产出 指标", "成本", "每年财政补助1000万元", "1000万元", "经济成本", n=_XY),
    R("L23", "产出 指标", "时效", "1年", "1年", "时效", k="date", v=0, n=_XY + "; 三级 cell is just '1年'"),
    R("L23", "效益 指标", "经济效益", "完成东津院区建设,医院东 津医疗收入达到5亿元", "5亿元", "经济效益", n=_XY),
    R("L23", "效益 指标", "可持续性", "院区建成后,可持续为周边 群众提供医疗服务", "服务范围扩 大", "可持续影响", k="vague", v=1,
      n=_XY + "; " + CUT.rstrip("; ")),
]
_STRIP = "all digits stripped in this excerpt: target value lost (not the authors' vagueness)"
PUBLIC["019_hubei_engineering_univ_student_aid_selfeval_numbers_stripped.txt"] = [
    R("L4", "产出指标", "数量", "国家奖学金人数", "", "数量", k="empty", v=1, n=_STRIP),
    R("L4", "产出指标", "数量", "国家励志奖学金人数", "", "数量", k="empty", v=1, n=_STRIP),
    R("L4", "产出指标", "数量", "国家助学金人数", "", "数量", k="empty", v=1, n=_STRIP),
    R("L4", "产出指标", "数量", "应征入伍人数", "", "数量", k="empty", v=1, n=_STRIP),
    R("L4", "产出指标", "成本指标", "国家奖学金人均资助", "", "经济成本", k="empty", v=1, n=_STRIP),
    R("L4", "产出指标", "成本指标", "国家励志奖学金人均资助", "", "经济成本", k="empty", v=1, n=_STRIP),
    R("L4", "产出指标", "成本指标", "国家助学金人均资助", "", "经济成本", k="empty", v=1, n=_STRIP),
    R("L4", "效益指标(分)", "社会效益指标", "资金发放率", "", "质量", k="empty", v=1, n=_STRIP + "; filed 社会效益"),
    R("L4", "效益指标(分)", "社会效益指标", "困难生完成学业率", "", "社会效益", k="empty", v=1, n=_STRIP),
    R("L4", "过程指标", "", "评审程序是否公正", "是", "质量", k="graded", v=0, n="过程指标 (process) row; 是/否 survives the stripping"),
]
PUBLIC["020_anxi_water_small_projects_pivot_by_village.txt"] = [
    R("L86-96", "产出 指标", "数量指标", "开展小型水利工程建设(个)", "1", "数量", desc="反映小型水利工程建设项目开展情况",
      n="pivot layout: the same value 1 in each of 7 village columns (L90-96)"),
]
PUBLIC["021_ninghe_edu_private_kindergarten_rent_covid_bond.txt"] = [
    R("L10", "产出指标", "数量指标", "补贴非营利性民办幼儿园数量", "20个", "数量"),
    R("L11", "产出指标", "数量指标", "补贴民办园租用面积", "26970.7平方米", "数量"),
    R("L12", "产出指标", "质量指标", "补贴覆盖民办幼儿园率", "≥90.91%", "质量"),
    R("L13", "产出指标", "质量指标", "补贴发放合规率", "≥95%", "质量"),
    R("L14", "产出指标", "时效指标", "补贴发放及时率", "≥95%", "时效"),
    R("L15", "产出指标", "时效指标", "补贴期限", "2020.1.1-2020.12.31", "时效", k="date"),
    R("L16", "产出指标", "成本指标", "补贴标准", "71.86元/平方米", "经济成本"),
    R("L17", "效益指标", "社会效益指标", "提升疫情防控期间民办幼儿园扶持力度",
      "显著提升了疫情期间对民办幼儿园的扶持力度,大力支持了民办幼儿园的发展。", "社会效益", k="vague", v=1, n="narrative value"),
    R("L18", "效益指标", "社会效益指标", "促进学前教育普及普惠优质发展", "显著促进了学前教育普及及优质发展,大力支持了民办幼儿园发展。",
      "社会效益", k="vague", v=1, n="narrative value"),
    R("L19", "效益指标", "可持续影响指标", "非营利性民办园租房受益期限", "保障疫情期间非营利性民办园房租需求,大力支出民办幼儿园发展",
      "可持续影响", k="vague", v=1, n="a 期限 with a narrative value"),
    R("L20", "满意度指标", "服务对象满意度指标", "受益租户满意度", "≥95%", "满意度"),
]
_TX = "prose targets; template placeholder (≥**…) kept in the name"
PUBLIC["022_tongxin_xiamaguan_town_grape_prose_targets.txt"] = [
    R("L10", "产出指标", "数量指标", "补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)", ">=17600株", "数量", n=_TX),
    R("L10", "产出指标", "数量指标", "种植作物成活率(≥**%)", ">=85", "质量", n=_TX + "; unit % only in the placeholder"),
    R("L10", "产出指标", "时效指标", "完成及时率(≥**%)", ">=100%", "时效", n=_TX),
    R("L10", "产出指标", "成本指标", "作物种植补助标准,黄金蜜(葡萄)补助成本(≤**元/株)", "≤28.40/株", "经济成本", n=_TX),
    R("L12", "效益指标", "经济效益指标", "脱贫地区特色产业产值(≥**万元)", "≥80万元", "经济效益", n=_TX),
    R("L12", "效益指标", "经济效益指标", "促使脱贫户、监测户增加收入(≥**万元)", "≥80万元", "经济效益", n=_TX),
    R("L12", "效益指标", "社会效益目标", "受益脱贫户、监测户人口数(≥**户)", "≥10户", "数量", n=_TX + "; 受益人数 (guide: 数量)"),
    R("L12", "效益指标", "生态效益指标", "生态修复功能", "提高", "生态效益", k="vague", v=1, b=1, n="prose '生态修复功能提高' split into name + value"),
    R("L12", "效益指标", "可持续影响指标", "", "持续发展", "可持续影响", k="vague", v=1, b=1, n="prose gives only '持续发展' after the 二级"),
    R("L14", "满意度指标", "服务对象满意度指标", "受益脱贫户满意度(≥**%)", "≥95%", "满意度", n=_TX),
]
_NY = "space-separated; template placeholder kept in the name"
PUBLIC["023_nanyue_poverty_tourism_infra_space_separated.txt"] = [
    R("L18", "产出指标", "数量指标", "贫困地区旅游基础设施建设工程", ">=20平方米", "数量"),
    R("L19", "产出指标", "数量指标", "贫困地区旅游景点开发数量( ≥**个 )", ">=4个", "数量", n=_NY),
    R("L20", "产出指标", "数量指标", "流转土地", ">=60亩", "数量"),
    R("L21", "产出指标", "质量指标", "*贫困地区旅游基础设施建设质量达标率100%", ">=98%", "质量", n="name says 100% but target is >=98%"),
    R("L22", "产出指标", "时效指标", "贫困地区基础设施建设按期完成率(≥**%)", ">=95%", "时效", n=_NY),
    R("L23", "产出指标", "成本指标", "流转土地补助标准", "<=475元/亩", "经济成本"),
    R("L24", "产出指标", "成本指标", "景观建设成本", "<=2875元/个", "经济成本"),
    R("L25", "产出指标", "成本指标", "贫困地区旅游基础设施建设工程建设成本", "<=3000元/平方米", "经济成本"),
    R("L26", "效益指标", "经济效益指标", "乡村旅游带动增加贫困村收入(≥**万元)", ">=6万元", "经济效益", n=_NY),
    R("L27", "效益指标", "经济效益指标", "乡村旅游带动增加贫困人口收入(≥**万元)", ">=2.61万元", "经济效益", n=_NY),
    R("L28", "效益指标", "社会效益指标", "贫困地区乡村旅游开发景点接待游客数量(≥**人)", ">=60000人", "数量", n=_NY + "; visitors received (count); filed 社会效益"),
    R("L29", "效益指标", "社会效益指标", "受益建档立卡贫困人口数≥**人", ">=29人", "数量", n=_NY + "; 受益人数 (guide: 数量)"),
    R("L30", "满意度指标", "服务对象满意度指标", "旅游行业经营主体满意度(≥**%)", ">=90%", "满意度", n=_NY),
    R("L31", "满意度指标", "服务对象满意度指标", "参与旅游扶贫项目贫困群众满意度(≥**%)", ">=90%", "满意度", n=_NY),
    R("L32", "满意度指标", "服务对象满意度指标", "旅游区居民满意度(≥**%)", ">=90%", "满意度", n=_NY),
    R("L33", "满意度指标", "服务对象满意度指标", "游客满意度(≥**%)", ">=90%", "满意度", n=_NY),
]
PUBLIC["024_qingjian_transport_orchard_road_poverty_fund.txt"] = [
    R("L57-60", "产出指标", "数量指标", "寨山石坪村新建水泥路1条", "2km", "数量", n="count embedded in the name, length in the value"),
    R("L62-63", "产出指标", "数量指标", "呼家河至鲍家沟新建水泥路1条", "2km", "数量", n="count embedded in the name, length in the value"),
    R("L65-67", "产出指标", "质量指标", "项目(工程)验收合格率", "100%", "质量"),
    R("L69-71", "产出指标", "时效指标", "项目(工程)完成及时率", "100%", "时效"),
    R("L73-75", "产出指标", "成本指标", "硬化水泥砼公路补助标准", "≤120万元", "经济成本", n="per-km basis not stated"),
]
_DH = "transposed table (indicators are column headers); " + CUT + LOST
PUBLIC["025_dehua_poverty_fund_transposed_indicator_columns.txt"] = [
    R("L25-27", "产 出 指 标", "质量指标", "资金投向合规率", "", "质量", k="empty", v=1, n=_DH),
    R("L25-27", "产 出 指 标", "数量指标", "扶持村数", "", "数量", k="empty", v=1, n=_DH),
    R("L25-27", "产 出 指 标", "时效指标", "资金使用率", "", "质量", k="empty", v=1, n=_DH + "; = 执行率 (guide: 质量)"),
    R("L25-27", "效 益 指 标", "社会效益指标", "改善村人居环境、改善基础设施", "", "社会效益", k="empty", v=1, n=_DH),
    R("L25-27", "效 益 指 标", "社会效益指标", "资金使用重大违规违纪问题", "", "质量", k="empty", v=1, n=_DH + "; compliance row"),
]
PUBLIC["026_fengjie_yunwu_township_101style_cost_rows.txt"] = [
    R("L26", "成本指标(0-20)分", "经济成本指标", "项目建设成本", "≤65万元", "经济成本",
      n="the 社会成本/生态环境成本 rows below are empty template rows (no name, no value) and are not listed"),
]
_GC = "DOCX metadata page: whole table on one line"
PUBLIC["027_guichi_tangxi_town_selfeval_docx_metadata_flat.txt"] = [
    R("L4", "产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "数量", n=_GC),
    R("L4", "产出指标(50分)", "质量指标", "委托业务报告合格率", "≥100百分比", "质量", n=_GC),
    R("L4", "产出指标(50分)", "质量指标", "经费支出合规性", "严格执行相关制度规定", "质量", k="vague", v=1, n=_GC),
    R("L4", "产出指标(50分)", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "时效", k="date", v=0, n=_GC + "; deadline = the project plan"),
    R("L4", "产出指标(50分)", "成本指标", "项目总成本", "≤90万元", "经济成本", n=_GC),
    R("L4", "产出指标(50分)", "成本指标", "单项业务成本", "符合相关规定", "经济成本", k="vague", v=1, n=_GC + "; no amount"),
    R("L4", "效益指标(30分)", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", "社会效益", k="vague", v=1, n=_GC),
    R("L4", "效益指标(30分)", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "经济效益", k="vague", v=1, n=_GC + "; cost control filed under 生态效益"),
    R("L4", "效益指标(30分)", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", "可持续影响", k="vague", v=1, n=_GC),
    R("L4", "满意度指标(10分)", "满意度指标", "公众满", "", "满意度", k="empty", v=1, n=_GC + "; " + CUT + "name truncated; " + LOST),
]
PUBLIC["028_huoshan_medical_assistance_transfer_selfeval.txt"] = [
    R("L27-28", "产 出 指 标", "数量指标", "享受医疗救助人次", "≥50000人次", "数量"),
    R("L29", "产 出 指 标", "质量指标", "医疗救助合规率", "", "质量", k="empty", v=1, n=CUT + "value cut after '100'; " + LOST),
]
_JS = "column-shuffled PDF text: values matched to rows by order and 分值; names wrapped with a space"
PUBLIC["029_jishan_medical_insurance_poverty_contrib_selfeval_pdf_shuffled.txt"] = [
    R("L5", "产出 指标 (50分 )", "数量指标", "全县参合人数", "8755", "数量", n=_JS),
    R("L5", "产出 指标 (50分 )", "质量指标", "资金是否全部纳入医 保统筹", "100%", "质量", n=_JS),
    R("L5", "产出 指标 (50分 )", "时效指标", "资金是否全部及时纳 入", "100%", "时效", n=_JS),
    R("L5", "产出 指标 (50分 )", "成本指标", "配套资金每人每年", "75元", "经济成本", n=_JS),
    R("L5", "效益指 标(30 分)", "社会效益", "是否解决建档立卡人 员看病难贵问题", "95%", "社会效益", v=1, n=_JS + "; a yes/no question given a percent"),
    R("L5", "满意度 指标", "服务对象满 意度指标", "是否满意", "95%", "满意度", n=_JS),
]
_WC = "values are sentences"
PUBLIC["030_wangcang_health_essential_drugs_transfer_selfeval.txt"] = [
    R("L28", "", "数量指标", "政府办基层医疗卫生机构实施国家基本药物制度覆盖率", "实施乡镇社区基层医疗机构37个。", "质量", k="quant", v=0,
      n=_WC + "; 覆盖率 given as a count of institutions"),
    R("L29", "", "数量指标", "村卫生室实施国家基本药物制度", "实施基本药物制度补助村卫生室352个。", "数量", k="quant", v=0, n=_WC),
    R("L30", "", "质量指标", "基层医疗卫生机构实施基本药物制度补助。", "37个基层医疗机构", "数量", k="quant", v=0, n=_WC + "; count filed 质量"),
]
PUBLIC["031_wuxi_cq_rural_dilapidated_housing_transfer_target.txt"] = [
    R("L76-82", "产出指标", "数量指标", "农村低收入群体等重点对象危房改造户数", "应改尽改", "数量", k="vague", v=1,
      n="'应改尽改' instead of a number of households; the next row ('7度以上抗震设防地区…') is cut and not listed"),
]
_DY = "old template: 一级 '项目完成指标'; cells per line"
PUBLIC["032_daying_civil_affairs_elderly_care_selfeval_fragment.txt"] = [
    R("L4-13", "项目完成指标", "质量指标", "改善养老服务基础条件", "改善条件", "质量", k="vague", v=1, n=_DY + "; 完成值 明显改善"),
    R("L15-24", "项目完成指标", "时效指标", "2020年", "2020年", "时效", k="copy", v=0,
      n=_DY + "; the same '2020年' in 三级, 指标值 and 完成值 (copy-paste); a checkable year"),
    R("L26-35", "项目完成指标", "成本指标", "100万", "100万", "经济成本", k="copy", v=0,
      n=_DY + "; the same '100万' in 三级, 指标值 and 完成值 (copy-paste); a checkable amount"),
    R("L37-46", "效益指标", "社会效益指标", "老年人日益增加的养老服务需求", "有所提升", "社会效益", k="vague", v=1),
    R("L48-58", "", "满意度指标", "养老服务对象对养老机构服务质量满意度", "≥90%", "满意度", n="columns shifted: 二级 满意度指标, 三级 cell holds 服务对象满意度指标"),
]
_RW = "starts mid-table; 指标性质 and unit in their own cells"
PUBLIC["033_dyrmt_railway_corridor_safety_selfeval_midtable_fragment.txt"] = [
    R("L4", "", "时效指标", "安全警示标志设置及时率", "100", "时效", unit="%", n=_RW + "; 一级/二级 above the excerpt (二级 inferred from 及时率)"),
    R("L7", "", "成本指标", "安全隐患排查成本预算", "6", "经济成本", unit="万元", n=_RW),
    R("L10", "", "成本指标", "警示标志设置成本预算", "5", "经济成本", unit="万元", n=_RW),
    R("L13", "", "成本指标", "清理垃圾成本预算", "4", "经济成本", unit="万元", n=_RW),
    R("L16", "效益指标", "社会效益指标", "环境治理亮化美化率", "90", "生态效益", unit="%", n=_RW + "; environment improvement filed 社会效益"),
    R("L19", "效益指标", "社会效益指标", "安全隐患排查有效处置率", "90", "质量", unit="%", n=_RW + "; handling rate of the output"),
    R("L22-23", "效益指标", "可持续影响指标", "铁路沿线环境及安全整治管理机制健全性", "优良中低差", "可持续影响", k="graded", v=0,
      n="定性 with a grading scale 优良中低差 (achieved 优)"),
    R("L26", "满意度指标", "服务对象满意度指标", "群众满意度", "95", "满意度", unit="%", n=_RW),
]
_WG = "flattened fragment; 分值 22.5 glued after each value"
PUBLIC["034_dyrmt_wage_project_selfeval_flattened_fragment.txt"] = [
    R("L4", "产出指标", "数量指标", "足额保障率", "=100%", "质量", n=_WG + "; rate filed under 数量"),
    R("L4", "产出指标", "数量指标", "科目调整次数", "≤10次", "质量", n=_WG + "; budget-management process row (count of budget adjustments)"),
    R("L4", "产出指标", "时效指标", "按时发放率", "=100%", "时效", n=_WG),
    R("L4", "效益指标", "经济效益指标", "结余率(计算方法为:结余数/预算数)", "≤5%", "经济成本", n=_WG + "; budget balance kept low (budget control); formula in the name"),
]
PUBLIC["035_jinan_district_disabled_rehab_2023_space_separated.txt"] = [
    R("L36", "产出指标", "数量指标", "签约康复人数", "≥18000人", "数量"),
    R("L37", "产出指标", "数量指标", "涉及乡镇街数量", "=22个", "数量"),
    R("L38", "产出指标", "数量指标", "发放辅助器具人数", "≥4000人", "数量"),
    R("L39", "产出指标", "质量指标", "验收合格率", "", "质量", k="empty", v=1, n=CUT + "value cut after '1'; " + LOST),
]
_JZ = "template placeholder kept in the name"
PUBLIC["036_jinzhai_devzone_property_mgmt_zhibiao1_prefix.txt"] = [
    R("L17", "产出指标", "数量指标", "安置小区物业费", "8个", "数量", n=_JZ),
    R("L18", "产出指标", "质量指标", "完成开发区工委、管委下达的安置小区物业费清算任务,指导小区物业开展文明创建等工作。",
      "房屋设备、设施的管理到位,环境卫生整洁,车辆停放有序", "质量", k="vague", v=1, n=_JZ),
    R("L19", "产出指标", "时效指标", "按时保质完成开发区安置小区物业管理工作", "2021年全年", "时效", k="date", v=0, n=_JZ),
    R("L20", "产出指标", "成本指标", "项目总成本(≤**万元)", "≤1125万元", "经济成本", n=_JZ),
    R("L21", "效益指标", "经济效益指标", "清算8个安置小区本年度物业费和历史的遗留物业费(≥**%)。", "≥95%", "质量",
      n=_JZ + "; completion of fee clearing filed 经济效益"),
    R("L22", "效益指标", "社会效益指标", "改善安置小区群众生活质量,提升安置小区生活水平。助力全县文明城市创建。", "显著改善", "社会效益", k="vague", v=1, n=_JZ),
    R("L23", "效益指标", "生态效益指标", "优化安置小区生活环境,提高居民生活质量,营造安全舒适的居住环境。", "显著提高", "社会效益", k="vague", v=1,
      n=_JZ + "; living conditions, not ecology"),
    R("L24", "效益指标", "可持续影响指标", "持续提供人力物力保障,解决居民群众生产生活问题", "持续保障", "可持续影响", k="vague", v=1, b=1, n=_JZ),
    R("L25", "满意度指标", "服务对象满意度指标", "小区居民满意度(≥**%)", "≥90%", "满意度", n=_JZ),
]
_ND = "指标解释 column holds value+standard while 目标值 differs"
PUBLIC["037_ningde_party_history_gazetteer_dept_overall_2019.txt"] = [
    R("L39", "产出指标", "数量指标", "志鉴地情相关工作开展所需资金的供应时效", "100%", "时效", desc="100%(历史标准)", n="timeliness filed under 数量"),
    R("L40", "产出指标", "数量指标", "确保日常工作正常运行", "100%", "可持续影响", desc="100%", k="quant", v=1, b=1, n="保障正常运转 filler; 100% of normal operation has no measure"),
    R("L41", "产出指标", "数量指标", "按年度发放绩效奖、文明奖、综治平安奖、应休未休补贴", "≥60%", "质量", desc="60%"),
    R("L42", "产出指标", "质量指标", "调研、督促、指导志、鉴、地情编纂的县(市、区)的覆盖率", "1", "质量", desc="90%(计划标准)", v=1,
      n=_ND + ": 90% vs 1 — a reviewer cannot tell which target holds"),
    R("L43", "产出指标", "质量指标", "各类书籍审稿率", "1", "质量", desc="100%(计划标准)", v=1, n=_ND + ": 100% vs 1 (ambiguous)"),
    R("L44", "产出指标", "时效指标", "项目完成时间", "100%", "时效", desc="2019年12月(计划标准)", v=0, n="the deadline is in 指标解释; 目标值 is 100%"),
    R("L45", "产出指标", "成本指标", "基本支出", "", "经济成本", k="empty", v=1, n=CUT + LOST),
]
PUBLIC["039_yongxing_animal_disease_control_2017_pdf_column_interleave.txt"] = [
    R("L48-51", "产出指标", "数量指标", "各种强制免率、屠宰率及检疫率", "100%", "质量",
      n="PDF column interleave: name split over L49/L51 around the value; the following 质量 row is unreadable and not listed"),
]
PUBLIC["040_yueyanglou_price_cert_center_overall_2023_trad_pinyin_mirror.txt"] = [
    R("L17", "產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)", "業(yè)務(wù)工作支出安排金額", "28.8萬元", "经济成本", unit="%",
      desc="該指標(biāo)主要考察業(yè)務(wù)工作支出安排情況", n="unit column '%' contradicts 萬元 in the value; " + _TRAD),
    R("L18", "產(chǎn)出指標(biāo)", "質(zhì)量指標(biāo)", "業(yè)務(wù)工作支出到位率", "100", "质量", unit="%", desc="該指標(biāo)主要考察業(yè)務(wù)工作支出安排到位情況"),
    R("L19", "產(chǎn)出指標(biāo)", "時(shí)效指標(biāo)", "工作安排時(shí)間", "按月安排", "时效", k="date", v=0, desc="該指標(biāo)主要考察業(yè)務(wù)工作支出安排時(shí)間",
      n="a monthly schedule"),
    R("L20", "產(chǎn)出指標(biāo)", "成本指標(biāo)", "社會(huì)成本指標(biāo)", "100", "经济成本", unit="%", desc="該指標(biāo)主要考察總成本控制情況", v=1, b=1,
      n="三级 cell holds the 二级 label 社会成本指标; description says total-cost control; 100% of cost meaningless"),
    R("L22", "效益指標(biāo)", "社會(huì)效益指標(biāo)", "保證單位正常運(yùn)轉(zhuǎn)", "應(yīng)保盡保", "可持续影响", unit="%", k="vague", v=1, b=1,
      desc="該指標(biāo)主要考察單位運(yùn)轉(zhuǎn)需要保障范圍應(yīng)保盡保", n="保障单位正常运转 filler; '应保尽保' with unit %"),
]
PUBLIC["041_baise_edu_private_school_subsidy_2023_public_table_mirror.txt"] = [
    R("L22", "产出指标", "产出数量指标", "新增学位", "2023年预计在校生:小学600人,初中700人,高中1000人,最后以实际招生人数为准。", "数量",
      k="quant", v=1, n="numbers given but '最后以实际招生人数为准' makes the target whatever happens"),
    R("L23", "产出指标", "产出质量指标", "协议履约", "", "质量", k="empty", v=1, n=CUT + LOST),
]
PUBLIC["042_lechang_vocational_student_aid_2018_trad_mirror.txt"] = [
    R("L26", "產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)", "中等職業(yè)學(xué)校國家助學(xué)金應(yīng)受助學(xué)生數(shù)", "100%", "数量", n="percent target for a head count; " + _TRAD),
    R("L27", "產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)", "中職免學(xué)費應(yīng)受助學(xué)生數(shù)", "100%", "数量", n="percent target for a head count; " + _TRAD),
]
_BV = "指标N: numbering as in the source"
PUBLIC["043_jinzhai_beautiful_village_center_dept_overall_selfeval_2023.txt"] = [
    R("L19", "产出指标", "数量指标", "开展精品示范村建设数量", "≤4", "数量", n=_BV + "; '≤' on an output count (a cap, odd)"),
    R("L20", "产出指标", "数量指标", "建设美丽宜居自然村庄数量", "≥200", "数量", n=_BV),
    R("L21", "产出指标", "数量指标", "完成农村户用卫生厕所改造数量", "≥2000", "数量", n=_BV),
    R("L22", "产出指标", "数量指标", "新建省级中心村数量", "≥10", "数量", n=_BV),
    R("L23", "产出指标", "质量指标", "美丽宜居自然村庄验收通过率", "≥95%", "质量", n=_BV),
    R("L24", "产出指标", "质量指标", "户用卫生厕所改造验收通过率", "≥95%", "质量", n=_BV),
    R("L25", "产出指标", "时效指标", "完成美丽宜居自然村庄验收时间", "9月前", "时效", k="date", n=_BV),
    R("L26", "产出指标", "时效指标", "完成户用卫生厕所改造验收时间", "11月前", "时效", k="date", n=_BV),
]
PUBLIC["044_laoting_market_supervision_selfeval_docsite_cell_per_line.txt"] = [
    R("L47-52", "", "可持续影响指标", "可持续", "可持续", "可持续影响", k="copy", v=1, b=1,
      n="'可持续' in 三级, 指标值 and 完成值; starts mid-table (the row before, '年度资金总≥90%', has no readable name)"),
    R("L53-60", "满意度 指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "满意度"),
]
PUBLIC["045_hainan_nongken_middle_school_selfeval_2023_low_completion.txt"] = [
    R("L19", "产出指标", "数量指标", "资助困难教师及学生", "52", "数量", n="no unit cell; completion 19.23%"),
    R("L20", "产出指标", "质量指标", "困难教师", "2", "数量", n="a head count filed under 质量"),
    R("L21", "效益指标", "社会效益指标", "帮助困难教师和学生提高生活水平", "95", "社会效益", unit="%", v=1, n="生活水平提高 as a percent: no measure"),
    R("L22", "满意度指标", "服务对象满意度", "资助困难教师及学生", "52", "数量", k="copy", v=1,
      n="the 数量 row (name and 52) pasted under 满意度; not a satisfaction target"),
]
_HSZ = "cell per line; 三级 carries the target text"
PUBLIC["046_huangshi_no3_middle_school_repair_selfeval_2023.txt"] = [
    R("L76-84", "产出指标", "数量指标", "完成校园维修改造及设备购置项目", "800万元", "经济成本", n=_HSZ + "; output stated as the budget amount; filed 数量"),
    R("L86-92", "产出指标", "质量指标", "校园维修改造及设备购置合格率", "100%", "质量"),
    R("L94-100", "产出指标", "成本指标", "本年预算安排800万元", "100%", "质量", n=_HSZ + "; = execution of the 800万元 budget (guide: 执行率 → 质量); filed 成本"),
    R("L102-108", "产出指标", "时效指标", "2023年项目完工、投入使用", "100%", "时效", n=_HSZ),
    R("L110-118", "效益指标", "社会效益指标", "保障校园环境安全、教学工作正常运转", "良好", "社会效益", k="vague", v=1, n="'良好' without a grading scale"),
    R("L120-126", "效益指标", "可持续影响指标", "建设平安校园,满足教师和学生生活、学习的需要", "≥95%", "可持续影响", v=1, n="≥95% of an unmeasurable aim"),
    R("L128-136", "满意度指标", "具体指标", "教师满意度", "≥95%", "满意度", n="二级 cell reads '具体指标'"),
    R("L138-144", "满意度指标", "具体指标", "学生满意度", "≥95%", "满意度", n="二级 cell reads '具体指标'"),
]
_YC = "OCR'd evaluation-framework self-eval; cells glued (分值 before the value)"
PUBLIC["047_yinchuan_no6_middle_school_public_funds_selfeval_eval_framework_ocr.txt"] = [
    R("L5", "项目决策(10分)", "", "项目目标完整性", "目标明确、内容细化、目标量化", "质量", k="graded", v=0, n=_YC + "; process row"),
    R("L5", "项目决策(10分)", "", "项目立项相关性", "按照学校管理标准对学校进行管理", "质量", k="vague", v=1, n=_YC + "; process row"),
    R("L5", "项目决策(10分)", "", "可行性", "实际工作需求", "质量", k="vague", v=1, n=_YC + "; process row"),
    R("L5", "项目决策(10分)", "", "适当性", "有资金测第标准", "经济成本", k="graded", v=0, n=_YC + "; process row; '测第' is OCR of 测算"),
    R("L5-6", "项目管理(25分)", "投入管理", "预算执行率", "100%", "质量", n=_YC + "; process row (guide: 质量)"),
    R("L6", "项目管理(25分)", "财务管理", "财务管理制度有效性", "财务制度健全,严格执行制度,会计核算规范", "可持续影响", k="graded", v=0, n=_YC + "; 制度 process row"),
    R("L6", "项目管理(25分)", "项Fl实施", "绩效监控有效性", "持续有效", "质量", k="vague", v=1, n=_YC + "; 二级 '项Fl实施' is OCR of 项目实施"),
    R("L6", "项目管理(25分)", "项Fl实施", "管理制度有效性", "严格执行相关管理制度", "可持续影响", k="graded", v=0, n=_YC + "; 制度 process row"),
    R("L6", "顼目产出(30分)", "数量指标(10分)", "保障人数", "2370人", "数量", n=_YC),
    R("L6", "顼目产出(30分)", "质量指标(5分)", "公用经费标准", "符合相关文件要求", "经济成本", k="graded", v=0, n=_YC + "; per-pupil funding standard compliance"),
    R("L6", "顼目产出(30分)", "时效指标(5分)", "公用经费完成时间", "2021年12月完成", "时效", k="date", n=_YC),
    R("L6", "顼目产出(30分)", "成本指标(10分)", "办公所需成本", "15万元", "经济成本", n=_YC),
    R("L6", "顼目产出(30分)", "成本指标(10分)", "维修(维护)所需成本", "35万元", "经济成本", n=_YC),
    R("L6", "顼目产出(30分)", "成本指标(10分)", "绿化、水电费等成本", "", "经济成本", k="empty", v=1,
      n=_YC + "; target OCR'd as 'M.8万元' (actual column reads 14.8万元): " + LOST),
    R("L6-7", "项目效益(35分)", "社会效益指标", "效果显著", "改善学校的办学条件", "社会效益", k="vague", v=1, b=1, n=_YC),
    R("L7", "项目效益(35分)", "可持续影响指标", "使学生和老师行个更好的学习和工作环境,做到", "社会认可的办学环境.", "可持续影响", k="vague", v=1, n=_YC),
]
_TS = "flattened narrative+table; Traditional characters; 目标 naming (数量目标/质量目标)"
PUBLIC["048_ningde_talent_station_selfeval_mubiao_naming_trad_mirror.txt"] = [
    R("L4", "產出目標", "數量目標", "當年獲得寧德市級以上確認的人才驛站數量", ">=2個", "数量", n=_TS),
    R("L4", "產出目標", "數量目標", "當年人才驛站組織活動數量", ">=28次", "数量", n=_TS),
    R("L4", "產出目標", "數量目標", "每年人才驛站服務人次", ">=500人", "数量", n=_TS),
    R("L4", "產出目標", "質量目標", "各類人才對我市人才政策的知曉率", ">=95%", "社会效益", n=_TS + "; 知晓率 (guide: 社会效益)"),
    R("L4", "產出目標", "質量目標", "人才驛站補助資金到位率", ">=100%", "质量", n=_TS),
]


def index_sectors() -> dict[str, str]:
    """file -> sector, from the table in public/INDEX.md."""
    out = {}
    for line in (CORPUS / "public" / "INDEX.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 2 and cells[0].endswith(".txt"):
            out[cells[0]] = cells[1]
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# names whose pieces sit on separate lines with other cells between them (PDF column interleave)
JOINED_ACROSS_LINES = {("public/039_yongxing_animal_disease_control_2017_pdf_column_interleave.txt", "L48-51")}


def check_verbatim(rows: list[dict]) -> list[str]:
    """Every name, value and description must occur in its file (ignoring whitespace)."""
    problems = []
    texts: dict[str, str] = {}
    for r in rows:
        fname = r["source_file"]
        if fname not in texts:
            texts[fname] = _squash((CORPUS / fname).read_text(encoding="utf-8"))
        for field in ("name", "value_raw", "description"):
            if r[field] and _squash(r[field]) not in texts[fname] and (fname, r["row_locator"]) not in JOINED_ACROSS_LINES:
                problems.append(f"{fname} {r['row_locator']}: {field} {r[field]!r} not found in the file")
    return problems


_PREFIX = r"((?:指标\d+[:：])|★+)\s*"


def restore_prefixes(rows: list[dict]) -> None:
    """Put back a 指标N: / ★ mark that precedes the typed name in the file, so the name is
    exactly what the document says."""
    texts: dict[str, str] = {}
    for r in rows:
        if not r["name"]:
            continue
        text = texts.setdefault(r["source_file"], (CORPUS / r["source_file"]).read_text(encoding="utf-8"))
        found = {m.group(1) for m in re.finditer(_PREFIX + re.escape(r["name"]), text)}
        if len(found) == 1:
            r["name"] = found.pop() + r["name"]


def public_rows() -> list[dict]:
    sectors = index_sectors()
    rows = []
    for fname, items in PUBLIC.items():
        if fname not in sectors:
            raise SystemExit(f"{fname}: not listed in public/INDEX.md — check the file name")
        for item in items:
            rows.append(make_row(source_kind="public", source_file=f"public/{fname}", group=f"public:{fname[:3]}",
                                 sector=sectors[fname], transcribed=1, **item))
    restore_prefixes(rows)
    return rows


def main() -> None:
    from label_seeds import sync_filler_boilerplate, validate_concepts

    rows = public_rows()
    problems = check_verbatim(rows)
    if problems:
        raise SystemExit("not verbatim:\n" + "\n".join(problems))
    finalize(rows)
    apply_public_concepts(rows)
    sync_filler_boilerplate(rows)
    problems = validate_concepts(rows)
    if problems:
        raise SystemExit("dimension/concept disagree:\n" + "\n".join(problems))
    write_rows(OUT_DIR / "public.csv", rows)
    print(f"public.csv: {len(rows)} rows from {len(PUBLIC)} files")



# ------------------------------------------------------------------ concepts
# Proposed by Taxonomy.lookup() and rapidfuzz candidates (on the simplified, pinyin-stripped
# name; the description when a table has no 三级 name), each decided by reading the row.
U = "UNKNOWN"
PUBLIC_CONCEPTS = {
    # 001-009
    "适龄儿童国家免疫规划疫苗接种率": "qual.vaccination_coverage", "7 岁以下儿童健康管理率": "qual.maternal_child_mgmt_rate",
    "0-6 岁儿童眼保健和视力检查覆盖率": "qual.maternal_child_mgmt_rate", "发放(缴纳)覆盖率": "qual.subsidy_coverage", "足额保障率(参保率)": "qual.full_funding_rate",
    **{n: "qty.floor_area_built" for n in ["公猪舍(≥**平方米)", "母猪、保育猪舍(≥**平方米)", "育肥猪舍(≥**平方米)", "周转猪舍(≥**平方米)",
                                          "隔离舍(≥**平方米)", "仓库(≥**平方米)", "管理用房及消通道(≥**平方米)", "堆粪房(≥**平方米)",
                                          "消毒池(≥**平方米)", "场地硬化(≥**平方米)"]},
    "化粪池(≥**立方米)": U, "排污沟(≥米)": U,
    **{n: "qty.equipment_purchased" for n in ["粉碎拌合机(11kw)(≥台)", "产床(全复合双体产床)(≥套)", "保育栏(≥套)", "消毒机(≥台)", "冲洗机(≥台)"]},
    "种公猪(≥头)": U, "种母猪(≥头)": U,
    "疾病预防控制中心经费": "cost.total_project_cost", "实施项目对社会产生的不利影响": "scost.negative_social_impact",
    "实施项目对生态产生的不利影响": "ecost.negative_eco_impact",
    "规章制度建立与否": "sust.systems_established", "享受资助人数": "qty.students_funded", "资金支出率": "time.budget_execution_rate",
    "建档立卡学生全面覆盖": "qual.student_aid_coverage", "资助对象满意度": "sat.beneficiary", "及时发放率": "time.disbursement_timeliness",
    "资助标准达标率": "qual.compliance_rate",
    "维护社会稳定": "soc.social_stability_level", "维持时效": "time.on_time_vague", "按时发放": "time.wage_payment_timeliness",
    "促进村集体经济发展": "econ.promote_economic_development", "村组干部230人": "qty.staff_paid", "保护生态环境卫生": "eco.ecological_benefit_generic",
    "项目维持时效": "sust.sustainable_generic", "人民群众满意度": "sat.public", "辖区内群众满意度": "sat.public",
    "促进农村集体经济发展": "econ.promote_economic_development", "经济、环境等方面可持续发展": "sust.sustainable_generic",
    "保障村社区正常运转": "soc.unit_normal_operation", "行政村数量": "qty.villages_covered",
    "小学就读人数": "qty.students_served", "教学条件改善、办学水平提高": "soc.school_conditions", "教育均衡化发展": "soc.education_balance",
    "义务教育小学生均公用经费": "cost.per_student_funding", "经费有效使用情况": "econ.fund_use_efficiency",
    "教学质量提高、办学条件改善": "soc.teaching_quality", "安全情况": U, "学生受益情况": U,
    "反映实施相关项目所产生的直接经济成本": "cost.total_project_cost",
    "反映实施相关项目对社会发展、公共福利等方面可能造成的负面影响": "scost.negative_social_impact",
    "反映实施相关项目对自然生态环境可能造成的负面影响": "ecost.negative_eco_impact",
    "12350安全生产举报奖励次数": U, "制作防灾减灾日宣传资料份数": "qty.publicity_materials",
    "机柜数量": U, "视频监控在线率": "qual.system_uptime", "维护及时性": "time.response_time", "维护成本": "cost.maintenance_cost",
    "为全市经济发展保驾护航": "econ.promote_economic_development", "服务保障民生": "soc.social_benefit_generic",
    "为生态环境保护提供支撑": "eco.ecological_benefit_generic", "持续保障社会发展": "sust.sustainable_generic",
    "提升群众安全感": "soc.public_safety_sense",
    # 010-019
    "开展运动种类": U, "打造品牌赛事种类": "qty.events_held", "经费支出合规率": "qual.fund_compliance", "赛事完成率": "qual.task_completion",
    "完成时间": "time.completion_date", "项目总成本": "cost.total_project_cost",
    "提升六安城市知名度和美誉度,推动体育消费、“网球+”产业深度融合": "econ.consumption_driven",
    "打造金安国际网球公开赛等系列品牌赛事,提升六安城市的知名度和美誉度。": "soc.social_influence",
    "本项目不适用此指标": U, "打造金安国际网球公开赛等系列品牌赛事": "sust.sustainable_generic", "群众满意度": "sat.public",
    "完成全市375万平方米的绿地养护、维护等": "qty.green_maintenance_area", "达到绿化绿地全覆盖": "qual.coverage_generic",
    "满足市民生存环境的需求": "soc.social_benefit_generic", "改善城市生态环境,保持生态平衡、保护自然环境": "eco.environment_improved",
    "保障绿化养护的稳定正常运行,促进城市园林绿化事业的发展,形成绿化系统": "sust.sustained_operation",
    "服务对象对于绿化的养护及配套设施的维护满意率应该在95%以上": "sat.service_object",
    "脱贫村村内道路硬化里程": "qty.road_length", "脱贫户供水设施数量": "qty.water_projects", "项目(工程)验收合格率": "qual.acceptance_pass_rate",
    "项目(工程)完成及时率": "time.completion_timeliness", "财政资金补助": "cost.per_capita_subsidy_standard", "年增粮食": "econ.yield_increase",
    "受益脱贫(监测)人口数": "qty.poverty_households_supported", "解决脱贫(监测)饮水安全问题人数": "qty.water_supply_population",
    "新增和改善灌溉达标面积": "econ.irrigation_area", "新增和改善排水达标面积": U, "工程设计使用年限": "sust.service_life",
    "受益脱贫(监测)户满意度": "sat.beneficiary",
    "预算编制科学性": U, "预算资金安排": "cost.subsidy_fund_total", "资金发放及时性": "time.funds_arrival_timeliness",
    "宣传次数": "qty.publicity_campaigns", "创建质量": "qual.quality_assured", "全年": "time.within_budget_year", "成本": "cost.total_project_cost",
    "提升全县消费者维权意识": "soc.legal_awareness",
    "卫片执法补助经费": "cost.subsidy_fund_total", "项目验收合格率": "qual.acceptance_pass_rate", "项目完成及时率": "time.completion_timeliness",
    "违法行为责停率": "qual.violation_handling_rate", "满意度": "sat.service_object",
    "5000吨稻谷、500吨成 品粮储备到位率": U, "库存数量真实率": "qual.grain_stock_accuracy", "县级储备粮管理制 度严格执行率": U,
    "储备粮管理专户管 理率": U, "县级储备粮库存粮 食明显变质比例": "qual.grain_quality", "县级储备粮贷款付 息及时率": "time.disbursement_timeliness",
    "县级储备粮应急保 障率": U, "国家政策性粮收购 价格执行率": U, "县级储备粮库存成 本核算率": U, "利息费用保障率": U,
    "政策性挂账利息补 贴保障率": U, "低温、低氧、低剂量 科学保粮率": U, "食品安全指标达标 率": "qual.grain_quality",
    "粮食储备设备维 护及安全性": U, "因粮食市场波动引 起的粮食安全事件 发生数": U, "市民满意度调查": "sat.public",
    "天然林和公益林管护当期任务完成率": "qual.task_completion", "国家级公益林管护面积": "qty.forest_protection_area", "森林抚育(营林)面积": "qty.forest_tending_area",
    "天保工程区森林资源管护面积": "qty.forest_protection_area", "森林火灾受害率": "eco.forest_fire", "主要林业有害生物成灾率": "eco.forest_pest",
    "成本控制": "cost.no_overspend", "保证财政建设补助专款专用": "qual.fund_compliance", "每年财政补助1000万元": "cost.subsidy_fund_total",
    "1年": "time.within_budget_year", "完成东津院区建设,医院东 津医疗收入达到5亿元": U,
    "院区建成后,可持续为周边 群众提供医疗服务": "sust.sustained_operation",
    "国家奖学金人数": "qty.students_funded", "国家励志奖学金人数": "qty.students_funded", "国家助学金人数": "qty.students_funded", "应征入伍人数": U,
    "国家奖学金人均资助": "cost.student_aid_standard", "国家励志奖学金人均资助": "cost.student_aid_standard", "国家助学金人均资助": "cost.student_aid_standard",
    "资金发放率": "time.budget_execution_rate", "困难生完成学业率": "soc.study_completion_guarantee", "评审程序是否公正": U,
    # 020-029
    "开展小型水利工程建设(个)": "qty.water_projects",
    "补贴非营利性民办幼儿园数量": "qty.schools_covered", "补贴民办园租用面积": U, "补贴覆盖民办幼儿园率": "qual.subsidy_coverage",
    "补贴发放合规率": "qual.fund_compliance", "补贴发放及时率": "time.disbursement_timeliness", "补贴期限": U, "补贴标准": "cost.per_capita_subsidy_standard",
    "提升疫情防控期间民办幼儿园扶持力度": U, "促进学前教育普及普惠优质发展": U, "非营利性民办园租房受益期限": "sust.impact_duration",
    "受益租户满意度": "sat.beneficiary",
    "补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)": U, "种植作物成活率(≥**%)": "qual.afforestation_survival",
    "完成及时率(≥**%)": "time.completion_timeliness", "作物种植补助标准,黄金蜜(葡萄)补助成本(≤**元/株)": "cost.per_capita_subsidy_standard",
    "脱贫地区特色产业产值(≥**万元)": "econ.output_value", "促使脱贫户、监测户增加收入(≥**万元)": "econ.income_raised",
    "受益脱贫户、监测户人口数(≥**户)": "qty.poverty_households_supported", "生态修复功能": "eco.ecological_benefit_generic",
    "受益脱贫户满意度(≥**%)": "sat.beneficiary",
    "贫困地区旅游基础设施建设工程": "qty.floor_area_built", "贫困地区旅游景点开发数量( ≥**个 )": U, "流转土地": U,
    "*贫困地区旅游基础设施建设质量达标率100%": "qual.compliance_rate", "贫困地区基础设施建设按期完成率(≥**%)": "time.completion_timeliness",
    "流转土地补助标准": "cost.per_capita_subsidy_standard", "景观建设成本": "cost.construction_unit_cost",
    "贫困地区旅游基础设施建设工程建设成本": "cost.construction_unit_cost", "乡村旅游带动增加贫困村收入(≥**万元)": "econ.collective_income",
    "乡村旅游带动增加贫困人口收入(≥**万元)": "econ.income_raised", "贫困地区乡村旅游开发景点接待游客数量(≥**人)": "qty.visitors",
    "受益建档立卡贫困人口数≥**人": "qty.beneficiaries", "旅游行业经营主体满意度(≥**%)": "sat.enterprise",
    "参与旅游扶贫项目贫困群众满意度(≥**%)": "sat.beneficiary", "旅游区居民满意度(≥**%)": "sat.public", "游客满意度(≥**%)": "sat.participant",
    "寨山石坪村新建水泥路1条": "qty.road_length", "呼家河至鲍家沟新建水泥路1条": "qty.road_length",
    "硬化水泥砼公路补助标准": "cost.construction_unit_cost",
    "资金投向合规率": "qual.fund_compliance", "扶持村数": "qty.villages_covered", "资金使用率": "time.budget_execution_rate",
    "改善村人居环境、改善基础设施": "soc.rural_living_environment", "资金使用重大违规违纪问题": "qual.fund_compliance",
    "项目建设成本": "cost.total_project_cost",
    "基建工程委托业务项目数量": U, "委托业务报告合格率": "qual.compliance_rate", "经费支出合规性": "qual.fund_compliance",
    "提交报告及时性": "time.report_submission", "单项业务成本": "cost.per_unit_service_cost", "对维护基建市场公平的影响程度": "soc.market_order",
    "对控制基建项目成本影响程度": "econ.cost_savings", "对推动基建项目“四项制度”健全和落实的持续性影响": "sust.systems_established", "公众满": "sat.public",
    "享受医疗救助人次": "qty.medical_assistance_cases", "医疗救助合规率": "qual.fund_compliance",
    "全县参合人数": "qty.insured_persons", "资金是否全部纳入医 保统筹": "time.funds_in_place_rate", "资金是否全部及时纳 入": "time.funds_arrival_timeliness",
    "配套资金每人每年": "cost.insurance_subsidy_standard", "是否解决建档立卡人 员看病难贵问题": "soc.medical_burden_reduced", "是否满意": "sat.service_object",
    # 030-048
    "政府办基层医疗卫生机构实施国家基本药物制度覆盖率": "qual.essential_drug_coverage", "村卫生室实施国家基本药物制度": "qty.essential_drug_facilities",
    "基层医疗卫生机构实施基本药物制度补助。": "qty.essential_drug_facilities",
    "农村低收入群体等重点对象危房改造户数": "qty.dilapidated_houses",
    "改善养老服务基础条件": U, "2020年": "time.completion_date", "100万": "cost.total_project_cost", "老年人日益增加的养老服务需求": "soc.elderly_wellbeing",
    "养老服务对象对养老机构服务质量满意度": "sat.elderly",
    "安全警示标志设置及时率": "time.completion_timeliness", "安全隐患排查成本预算": U, "警示标志设置成本预算": U, "清理垃圾成本预算": U,
    "环境治理亮化美化率": "eco.environment_improved", "安全隐患排查有效处置率": "qual.rectification_rate",
    "铁路沿线环境及安全整治管理机制健全性": "sust.long_term_mechanism",
    "足额保障率": "qual.full_funding_rate", "科目调整次数": "qual.budget_adjustments", "按时发放率": "time.wage_payment_timeliness", "结余率(计算方法为:结余数/预算数)": "cost.budget_balance_rate",
    "签约康复人数": "qty.disabled_rehab", "涉及乡镇街数量": "qty.villages_covered", "发放辅助器具人数": "qty.assistive_devices", "验收合格率": "qual.acceptance_pass_rate",
    "安置小区物业费": "qty.property_served",
    "完成开发区工委、管委下达的安置小区物业费清算任务,指导小区物业开展文明创建等工作。": U,
    "按时保质完成开发区安置小区物业管理工作": "time.within_budget_year", "项目总成本(≤**万元)": "cost.total_project_cost",
    "清算8个安置小区本年度物业费和历史的遗留物业费(≥**%)。": "qual.task_completion",
    "改善安置小区群众生活质量,提升安置小区生活水平。助力全县文明城市创建。": U,
    "优化安置小区生活环境,提高居民生活质量,营造安全舒适的居住环境。": U,
    "持续提供人力物力保障,解决居民群众生产生活问题": "sust.sustainable_service", "小区居民满意度(≥**%)": "sat.resident",
    "志鉴地情相关工作开展所需资金的供应时效": "time.funds_arrival_timeliness", "确保日常工作正常运行": "soc.unit_normal_operation",
    "按年度发放绩效奖、文明奖、综治平安奖、应休未休补贴": U, "调研、督促、指导志、鉴、地情编纂的县(市、区)的覆盖率": "qual.coverage_generic",
    "各类书籍审稿率": U, "项目完成时间": "time.completion_date", "基本支出": "cost.public_operating_cost",
    "各种强制免率、屠宰率及检疫率": "qual.animal_immunization_density",
    "业务工作支出安排金额": "cost.total_project_cost", "业务工作支出到位率": "time.funds_in_place_rate", "工作安排时间": U,
    "社会成本指标": "cost.cost_control_rate", "保证单位正常运转": "soc.unit_normal_operation",
    "新增学位": U, "协议履约": U,
    "中等职业学校国家助学金应受助学生数": "qty.students_funded", "中职免学费应受助学生数": "qty.students_funded",
    "开展精品示范村建设数量": "qty.demo_villages", "建设美丽宜居自然村庄数量": "qty.demo_villages",
    "完成农村户用卫生厕所改造数量": "qty.toilets_renovated", "新建省级中心村数量": "qty.demo_villages",
    "美丽宜居自然村庄验收通过率": "qual.acceptance_pass_rate", "户用卫生厕所改造验收通过率": "qual.acceptance_pass_rate",
    "完成美丽宜居自然村庄验收时间": "time.completion_date", "完成户用卫生厕所改造验收时间": "time.completion_date",
    "可持续": "sust.sustainable_generic", "服务对象满意度": "sat.service_object",
    "资助困难教师及学生": "qty.subsidy_recipients", "困难教师": "qty.subsidy_recipients", "帮助困难教师和学生提高生活水平": U,
    "完成校园维修改造及设备购置项目": "cost.total_project_cost", "校园维修改造及设备购置合格率": "qual.acceptance_pass_rate",
    "本年预算安排800万元": "time.budget_execution_rate", "2023年项目完工、投入使用": "time.completion_timeliness",
    "保障校园环境安全、教学工作正常运转": "soc.unit_normal_operation", "建设平安校园,满足教师和学生生活、学习的需要": U,
    "教师满意度": "sat.teacher", "学生满意度": "sat.student",
    "项目目标完整性": U, "项目立项相关性": U, "可行性": U, "适当性": U, "预算执行率": "time.budget_execution_rate",
    "财务管理制度有效性": "sust.systems_established", "绩效监控有效性": U, "管理制度有效性": "sust.systems_established",
    "保障人数": "qty.students_served", "公用经费标准": "cost.per_student_funding", "公用经费完成时间": "time.completion_date",
    "办公所需成本": "cost.public_operating_cost", "维修(维护)所需成本": "cost.maintenance_cost", "绿化、水电费等成本": U, "效果显著": "soc.social_benefit_generic",
    "使学生和老师行个更好的学习和工作环境,做到": U,
    "当年获得宁德市级以上确认的人才驿站数量": U, "当年人才驿站组织活动数量": "qty.activities_held", "每年人才驿站服务人次": "qty.service_times",
    "各类人才对我市人才政策的知晓率": "soc.policy_awareness", "人才驿站补助资金到位率": "time.funds_in_place_rate",
}


def concept_key(row: dict) -> str:
    """The name the concept table is keyed by: simplified, pinyin stripped; the
    description when the table has no 三级 name."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from nlp.text import strip_pinyin, to_simplified

    name = re.sub("^" + _PREFIX, "", row["name"])
    return to_simplified(strip_pinyin(name or row["description"]))


def apply_public_concepts(rows: list[dict]) -> None:
    missing = []
    for r in rows:
        key = concept_key(r)
        c = PUBLIC_CONCEPTS.get(key)
        if not key and r["value_raw"] == "持续发展":
            c = "sust.sustainable_generic"  # 022: prose gives only '持续发展' after the 二级
        if not c:
            missing.append(f"{r['source_file']} {r['row_locator']} {key!r}")
        r["concept"] = c or ""
    if missing:
        raise SystemExit("no concept decided for:\n" + "\n".join(missing))


if __name__ == "__main__":
    main()
