"""Build training_data/sources/libraries.csv: the five library TSVs plus hand-curated labels.

The TSVs (read-only corpus, see its INDEX.md) are read as they are; every row gets
provenance (file, "R<line>"), a group (one per upstream department/project) and
the five labels of training_data/LABELLING.md.

The labels are not computed: they are judgements made by reading each row, written
below in JUDGEMENTS, one line per distinct (name, value, unit) at its first row:

    R<line> | <三级 name, checked against the TSV> | <dimension> <value_kind> <vague> <boilerplate> [<concept>] | <note>

Later rows with the same name, value and unit take the same labels (the same text
gets the same labels; duplicates are kept, deduplication happens downstream).
CONCEPTS (filled in the concept pass) maps the judged row to a taxonomy concept id.

Usage:
    python training_data/tools/label_libraries.py --corpus /work/shared/corpus/libraries \
        --out training_data/sources/libraries.csv
    python training_data/tools/label_libraries.py --corpus ... --suggest-concepts   # candidate list to review
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nlp.dataset import SOURCE_COLUMNS, VALUE_KINDS, row_key  # noqa: E402
from nlp.dimensions import DIMENSIONS  # noqa: E402
from pipelines.safe_io import atomic_path  # noqa: E402

AQSIQ = "hktianyi__Meeting__aqsiq-kpi.tsv"
SHUANGGAO = "sdkjwjq__biz-backend__shuanggao.tsv"
CAMS = "unidentified__deloitte-srpmp__cams-innovation.tsv"
GX = "unidentified__tzprojectPerformance__gx-common.tsv"
RAPTOR = "weAIDB__ST-Raptor__sstqa-zh-perf.tsv"
SOURCE_FILES = (AQSIQ, SHUANGGAO, CAMS, GX, RAPTOR)

SECTORS = {AQSIQ: "检验检疫", SHUANGGAO: "教育", CAMS: "科研/医学", GX: "共性", RAPTOR: "人社"}

#: ST-Raptor tables: 湛江 2024 (1) and 2023 (40) are one department.
RAPTOR_GROUPS = {
    "data/SSTQA-zh/table/1.xlsx": "lib:straptor:zhanjiang_hrss",
    "data/SSTQA-zh/table/40.xlsx": "lib:straptor:zhanjiang_hrss",
    "data/SSTQA-zh/table/17.xlsx": "lib:straptor:wuhan_donghu_hrss",
}


def group_of(source_file: str, source_path: str) -> str:
    """One group id per upstream department / project."""
    if source_file == AQSIQ:
        jsp = source_path.split(" @")[0].rsplit("/", 1)[-1]
        return "lib:aqsiq:" + jsp.removesuffix(".jsp")
    if source_file == SHUANGGAO:
        return "lib:shuanggao:xzcit"  # 徐州工业职业技术学院 双高计划, one project
    if source_file == CAMS:
        return "lib:cams:innovation"
    if source_file == GX:
        return "lib:gx:common"
    if source_file == RAPTOR:
        try:
            return RAPTOR_GROUPS[source_path]
        except KeyError:
            raise SystemExit(f"{source_file}: unknown ST-Raptor table {source_path!r}; add it to RAPTOR_GROUPS.") from None
    raise SystemExit(f"{source_file}: not one of the five library sources; add it to SOURCE_FILES.")


def provenance_note(source_file: str, source_path: str) -> str:
    """The part of the upstream path worth keeping in `note` (gx codes, ST-Raptor table)."""
    if source_file == GX:
        return source_path[source_path.find("[") + 1:source_path.find("]")] if "[" in source_path else ""
    if source_file == RAPTOR:
        return "table " + source_path.rsplit("/", 1)[-1]
    return ""


# Rules applied while judging (so that repeated patterns get the same decision):
# - 预算绩效 (aqsiq process block): a spending progress by a month -> 时效; carry-over
#   (结转结余资金率) -> 经济成本 (budget control, as the taxonomy files 结余率); every other
#   budget/finance-management row (adjustments, cuts, errors, compliance, evaluations held)
#   -> 质量. They are checkable, so boilerplate 0 (generic but they
#   measure something, like 满意度 rows).
# - rates (率, 占比, 比例, 覆盖率, 完成率, 到位率) -> 质量; counts of produced things -> 数量;
#   counts of external recognitions (获奖, 验收, 授权, 国家级/省级 selections) -> 质量;
#   standards/reports/materials produced -> 数量; 当年到位/当年完成 -> 时效 (年度 X 率 stays 质量).
# - 是/否 questions (value_kind graded): a concrete event or compliance (是否发生/存在/超标/
#   按规定/当年完成) -> vague 0; a broad effect with no measure (是否有利于/提高/促进/有效 X)
#   -> vague 1. 满意度 answered 是 (no rate, no survey) -> vague 1.
# - 提高/加强 the bureau's own 能力 (capacity building) -> 可持续影响; 保障/保证 work 开展/正常 ->
#   可持续影响 and boilerplate 1.
# - shuanggao placeholder value 1 on a non-count row = "achieved": value_kind graded.
JUDGEMENTS: dict[str, str] = {}

JUDGEMENTS[AQSIQ] = """
R2 | 预算执行进度(7月) | 时效 quant 0 0 | 预算绩效 process row: spending progress by a month -> 时效
R3 | 预算执行进度（11月） | 时效 quant 0 0 | 预算绩效 process row: spending progress by a month -> 时效
R4 | 预算调整次数（实际调整数） | 质量 quant 0 0 | 预算绩效 process row (budget-management quality) -> 质量
R5 | 项目预算资金是否被核减 | 质量 graded 0 0 | 预算绩效 process row -> 质量
R6 | 结转结余资金率 | 经济成本 quant 0 0 | 预算绩效 process row; carry-over/balance = budget control -> 经济成本 (the taxonomy files 结余率 there); value "-0%" read as 0%
R7 | 是否开展预算编报考评 | 质量 graded 0 0 | 预算绩效 process row -> 质量
R8 | 用款计划差错率 | 质量 quant 0 0 | 预算绩效 process row; value "-0%" read as 0% -> 质量
R9 | 是否存在违规行为 | 质量 graded 0 0 | 预算绩效 process row: compliance, checkable by audit -> 质量
R10 | 是否开展会计决算报表考评 | 质量 graded 0 0 | 预算绩效 process row -> 质量
R11 | 全国所有国家开放口岸 | 数量 quant 1 0 | name is only the scope (all open ports) and does not say what is done there; 100% cannot be checked against anything
R12 | 全国国家开放口岸核心能力建设考核验收率 | 质量 quant 0 0 |
R13 | 全国国家开放口岸核心能力考核达标率 | 质量 quant 0 0 | filed 产出时效; a 达标率 -> 质量
R14 | 口岸核心能力建设工作是否对地方外经作出贡献 | 经济效益 graded 1 1 | 是否对地方外经作出贡献: generic contribution question
R15 | 是否有效预防、抵御、控制和应对疾病的国际传播 | 社会效益 graded 1 0 |
R16 | 是否有利于保护国境口岸生态环境 | 生态效益 graded 1 1 | 是否有利于保护生态环境 filler
R17 | 是否有效避免对国际交通和贸易造成不必要的干扰，最大限度地减少导致疾病国际传播的事件对人们生活的影响 | 社会成本 graded 1 0 | filed 可持续影响; it asks that the health measures keep their side effects on traffic, trade and daily life low (IHR wording) -> 社会成本
R18 | 是否加强和维持国境口岸应对公共卫生风险和国际关注的突发公共卫生突发事件能力 | 可持续影响 graded 1 0 | capacity building and maintenance -> 可持续影响
R28 | 网络覆盖率 | 质量 quant 0 0 | filed 产出数量; coverage rate of the service -> 质量
R29 | 电子通关率 | 质量 quant 0 0 | filed 产出数量; a rate -> 质量
R30 | 电子申报率 | 质量 quant 0 0 | filed 产出数量; a rate -> 质量
R31 | 电子转单覆盖率 | 质量 quant 0 0 | filed 产出数量; coverage rate -> 质量
R32 | 电子监管企业覆盖率 | 质量 quant 0 0 | filed 产出数量; coverage rate -> 质量
R33 | 核心业务系统的瘫痪次数 | 质量 quant 0 0 |
R34 | 核心系统被入侵次数 | 质量 quant 0 0 |
R35 | 核心业务数据是否及时准确传输 | 时效 graded 0 0 | timely and accurate transmission, checkable from system logs; filed 时效 kept
R36 | 是否减少了企业通关成本 | 经济效益 graded 1 0 | cost saved for firms, but no amount or baseline
R37 | 是否降低了检验检疫部门的监管成本 | 经济效益 graded 1 0 | no amount or baseline
R38 | 是否提高了企业通关速度 | 社会效益 graded 1 0 | effect on firms, no clearance-time measure
R39 | 是否提高了检验检疫部门的监管成效 | 社会效益 graded 1 1 | generic 提高工作成效 filler
R49 | 口岸传染病监测开展率 | 质量 quant 0 0 | filed 产出数量; share of required monitoring done -> 质量
R50 | 口岸卫生监督开展率 | 质量 quant 0 0 | filed 产出数量; a rate -> 质量
R51 | 卫生检疫人员培训覆盖率 | 质量 quant 0 0 | filed 产出数量; coverage rate -> 质量
R52 | 是否保障赴港乘客顺利通关 | 社会效益 graded 1 0 | filed 产出质量; the effect on passengers, 顺利 has no standard
R53 | 是否有效防止疫情疫病传入传出 | 社会效益 graded 1 0 | filed 产出质量; an outcome with no measure
R54 | 卫生监督频次完成率 | 质量 quant 0 0 | filed 产出时效; completion of planned work -> 质量
R55 | 口岸传染病监测完成率 | 质量 quant 0 0 | filed 产出时效; completion of planned work -> 质量
R56 | 是否推进了赴港直通车发展 | 经济效益 graded 1 0 |
R57 | 是否有效防止疫情疫病跨境传播、是否有效防止有毒有害物质传入传达出 | 社会效益 graded 1 0 | two questions in one row
R58 | 是否有利于保护生态环境 | 生态效益 graded 1 1 | generic 生态环境 filler repeated in most tables
R59 | 是否有利于保障人民身体健康 | 社会效益 graded 1 1 | filed 可持续影响; generic health filler
R60 | 赴港直通车乘客对检验检疫通关措施的满意度 | 满意度 graded 1 0 | 满意度 answered 是: no rate or survey, not checkable
R70 | 核与辐射监测设备覆盖率 | 质量 quant 0 0 | filed 产出数量; coverage rate -> 质量
R71 | 反恐人员专业培训覆盖率 | 质量 quant 0 0 | filed 产出数量; coverage rate -> 质量
R72 | 发现异常情况的处置率 | 质量 quant 0 0 |
R73 | 是否提高口岸应对核化生等恐怖事件综合能力 | 可持续影响 graded 1 0 | filed 产出质量; capacity building -> 可持续影响
R74 | 年度设备采购安装到位率 | 质量 quant 0 0 | filed 产出时效; 年度 names the plan period, the rate is completion -> 质量
R75 | 大宗设备、物品采购是否政府采购 | 质量 graded 0 0 | filed 产出成本; procurement compliance -> 质量 (the taxonomy's 政府采购率 process concept)
R76 | 结余经费是否用于反恐项目支出 | 经济成本 graded 0 0 | filed 产出成本: use of leftover funds
R77 | 专项资金投入是否提高了口岸反恐综合能力建设 | 可持续影响 graded 1 0 | filed 经济效益; capacity building -> 可持续影响
R78 | 专项资金投入是否降低了核、生、化材料非法入境量 | 社会效益 graded 1 0 | illegal entries are unobserved by definition: no measure
R79 | 专项资金投入是否减少了口岸发生核、生、化恐怖袭击的可能性 | 社会效益 graded 1 0 |
R80 | 专项资金投入是否提高了口岸超标放射性物质的发现能力 | 可持续影响 graded 1 0 | filed 环境效益; detection capacity -> 可持续影响
R81 | 专项资金投入是否提高了恐怖组织通过口岸运输核、生、化材料或对口岸实施相应恐怖袭击的威慑力 | 社会效益 graded 1 0 | filed 可持续影响; deterrence = security effect -> 社会效益
R100 | 赴港澳个人游居民/携带物/交通工具卫生检疫完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R101 | 是否保障赴港澳个人游居民顺利通关 | 社会效益 graded 1 0 | filed 产出质量; as R52
R105 | 是否推进了本辖区口岸港澳自由行航线发展 | 经济效益 graded 1 0 |
R106 | 是否为港澳自由行旅客创造通关便利条件 | 社会效益 graded 1 0 |
R110 | 港澳自由行旅客对检验检疫通关措施的满意度 | 满意度 graded 1 0 | 满意度 answered 是: no rate or survey
R120 | 禁止进境物检疫犬截获率 | 质量 quant 0 0 | filed 产出数量; an effectiveness rate -> 质量
R121 | 有害生物检疫犬截获率 | 质量 quant 0 0 | filed 产出数量; an effectiveness rate -> 质量
R122 | 有效开箱率 | 质量 quant 0 0 |
R123 | 在岗检疫犬考核合格率 | 质量 quant 0 0 |
R124 | 本年投入是否本年产出 | 时效 graded 0 1 | generic same-year-output question used in several tables
R125 | 检疫犬生活费支出是否超出定额标准 | 经济成本 graded 0 0 |
R126 | 专项资金的投入是否提高了截获率 | 质量 graded 0 0 | filed 经济效益; asks whether the 截获率 measured in this table rose: checkable
R127 | 专项资金投入是否增加了公众对动植物检疫工作的认知度 专项资金的投入是否提高通关速度 | 社会效益 graded 1 0 | two questions in one cell; 认知度 without a 知晓率 survey
R128 | 专项资金投入是否可增强动植物有害生物随旅客携带物、邮寄物传入我国的防控能力，保护国内生态安全 | 生态效益 graded 1 0 | biosecurity of domestic ecosystems
R129 | 专项资金投入是否对不法分子携带、邮寄禁止进境物入境形成一定的威慑力 | 社会效益 graded 1 0 | filed 可持续影响; deterrence -> 社会效益 as R81
R130 | 入境旅客/机场/车站/客运码头/邮政运营管理单位对应用检疫犬查验邮包名录工作表现是否认同 | 满意度 graded 1 0 | approval answered 是: no rate or survey
R140 | 进出口商品检验货值增长率 | 数量 quant 0 0 | growth of the volume of inspection work -> 数量
R141 | 进出口商品检验批次增长率 | 数量 quant 0 0 | growth of inspection batches -> 数量
R142 | 出口企业分类监督管理覆盖率 | 质量 quant 0 0 | filed 产出数量; coverage rate -> 质量
R143 | 食品化妆品检验检疫批次增长率 | 数量 quant 0 0 | value "-0%" read as 0% growth
R144 | 进出境运输工具检疫批次增长率 | 数量 quant 0 0 |
R145 | 进出境集装箱检验检疫标箱增长率 | 数量 quant 0 0 |
R146 | 原产地证书签证正确率 | 质量 quant 0 0 | filed 产出数量; accuracy rate -> 质量
R147 | 金伯利进程国际证书验证率 | 质量 quant 0 0 | filed 产出数量; a rate -> 质量
R148 | 进出口目录外商品监督抽查完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R149 | 进出口商品抽检批次增长率 | 数量 quant 0 0 | filed 产出质量; growth of a count -> 数量
R150 | 进出口食品化妆品风险监控计划完成率 | 质量 quant 0 0 |
R152 | 进口商品是否有对外出证索赔额 | 经济效益 graded 0 0 | whether claims were recovered abroad: checkable
R153 | 检验检疫是否对地方外经作出贡献 | 经济效益 graded 1 1 | generic contribution question
R154 | 是否有效防止不合格商品流入与流出 | 社会效益 graded 1 0 |
R155 | 是否有效应对国外技术性贸易措施 | 经济效益 graded 1 0 | filed 社会效益; protects exporters against trade barriers -> 经济效益
R157 | 是否有利于保护国民经济安全 | 经济效益 graded 1 1 | filed 可持续影响; generic national-economy filler
R158 | 是否有利于促进商品质量提高 | 社会效益 graded 1 0 | filed 可持续影响
R159 | 是否有利于保护消费者安全 | 社会效益 graded 1 0 | filed 可持续影响
R169 | 科研项目核心期刊论文发表率 | 质量 quant 0 0 | filed 产出数量; share of projects with core-journal papers -> 质量
R170 | 科研成果输出率 | 质量 quant 0 0 | filed 产出数量; a rate -> 质量
R171 | 先进成果的产生率 | 质量 quant 1 0 | 先进成果 is not defined, so the rate cannot be computed
R172 | 科研项目省部级以上获奖率 | 质量 quant 0 0 |
R173 | 是否当年产生成果转让收益 | 经济效益 graded 0 0 |
R174 | 是否成果应用节约成本 | 经济效益 graded 1 0 | saving without an amount
R175 | 是否提高检验检疫技术保障能力 | 可持续影响 graded 1 1 | filed 社会效益; generic bureau capacity filler reused across tables
R176 | 是否促进外向型经济发展 | 经济效益 graded 1 1 | filed 社会效益; generic
R177 | 是否有利于生态环境保护 | 生态效益 graded 1 1 | generic 生态环境 filler
R178 | 是否有利于提高检验检疫执法能力 | 可持续影响 graded 1 1 | generic bureau capacity filler
R179 | 是否有利于节省人力资源和提高工作效率 | 经济效益 graded 1 1 | filed 可持续影响; 提高工作效率 filler; saving of staff resources
R180 | 是否有利于促进人民身体健康水平提高 | 社会效益 graded 1 1 | filed 可持续影响; generic health filler
R190 | 外事任务完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R191 | 外事任务是否按照规定程序审批 | 质量 graded 0 0 | compliance, checkable
R192 | 是否取得外事任务预期成果 | 质量 graded 1 1 | 达到预期 filler: the expected results are not stated
R193 | 外事任务取得成果是否得到应用 | 社会效益 graded 1 0 | filed 产出时效; uptake of the results = 成果应用率 (质量 concept, 社会效益 tolerated)
R194 | 是否促进地方经济项目推广和外拓 | 经济效益 graded 1 1 | generic promote-the-economy question (taxonomy filler 促进经济发展)
R195 | 是否保证了检验检疫业务的顺利开展 | 可持续影响 graded 1 1 | filed 经济效益; 保障业务开展 filler
R196 | 是否加强对外政策、信息、技术、业务交流 | 社会效益 graded 1 0 |
R197 | 是否有违反外事纪律事件发生 | 质量 graded 0 0 | filed 社会效益; a compliance event, checkable
R198 | 是否促进外贸企业建立良好的对外沟通渠道，优化对外贸易环境 | 经济效益 graded 1 0 | filed 环境效益, but the environment is the trade environment -> 经济效益
R199 | 通过增强国际交流是否为检验检疫创造良好的国际环境 | 社会效益 graded 1 0 | filed 环境效益; the international (not natural) environment
R200 | 是否提高检验检疫执法能力 | 可持续影响 graded 1 1 | generic bureau capacity filler
R201 | 是否增加国际合作交流机会 | 可持续影响 graded 1 0 |
R211 | 实验室大型修缮竣工项目完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R212 | 实验室大型修缮竣工项目验收合格率 | 质量 quant 0 0 |
R213 | 实验室大型设备维修合格率 | 质量 quant 0 0 |
R214 | 实验室大型修缮项目验收交付率 | 质量 quant 0 0 | filed 产出时效; no timing in the text, a completion rate -> 质量
R215 | 实验室大型设备维修验收交付率 | 质量 quant 0 0 | filed 产出时效; a completion rate -> 质量
R216 | 当年新竣工项目是否达到预期目标 | 质量 graded 1 1 | filed 经济效益; 达到预期目标 filler
R218 | 是否有利于提高检验检疫执法保障能力 | 可持续影响 graded 1 1 | generic bureau capacity filler
R228 | 出国任务完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R229 | 境外评审、考核、检验团组的任务完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R231 | 是否取得培训、考察、交流成果 | 质量 graded 1 0 | results not specified
R232 | 是否及时提交出访总结 | 时效 graded 0 0 |
R233 | 外事出国取得成果是否得到应用 | 社会效益 graded 1 0 | filed 产出时效; as R193
R234 | 是否严格执行出国费标准 | 经济成本 graded 0 0 |
R237 | 是否提高了国际技术交流效果 | 社会效益 graded 1 0 | filed 经济效益
R241 | 5 | 生态效益 copy 1 0 | scrape artefact: jsp table cells shifted; name "5" is a score and "②" a marker, not an indicator; dimension only from the filed 环境效益; exclude from training
R242 | 可持续影响 | 可持续影响 copy 1 1 | scrape artefact: cells shifted; name holds the 二级, value holds the indicator 是否提高检验检疫执法能力, unit "30" is a score
R243 | 可持续影响 | 可持续影响 empty 1 1 | scrape artefact: cells shifted; name holds the 二级 label only, no value
R253 | 外事接待任务完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R254 | 是否促进国际合作项目增长 | 可持续影响 graded 1 0 | filed 产出数量; an effect, no count; as R201
R255 | 外事接待任务是否达到预期目的 | 质量 graded 1 1 | 达到预期 filler
R256 | 是否保障了外事工作的开展 | 可持续影响 graded 1 1 | filed 产出质量; 保障工作开展 filler
R257 | 是否保障国外代表团正常工作 | 可持续影响 graded 1 1 | filed 产出时效; 保障正常工作 filler
R258 | 外事接待是否超出标准 | 经济成本 graded 0 0 |
R262 | 促进外向型经济发展，维护出口产品质量的声誉 | 经济效益 graded 1 1 | filed 社会效益; generic, as R176
R263 | 是否提高了检验检疫的影响力 | 社会效益 graded 1 1 | 影响力 filler
R264 | 是否提高国际交流合作效果，促进交流与合作科研 | 社会效益 graded 1 0 |
R267 | 是否有助于检验检疫对外政策宣传 | 社会效益 graded 1 0 | filed 可持续影响
R268 | 来访外宾是否满意 | 满意度 graded 1 0 | 满意 answered 是: no rate or survey
R278 | 实验室大型仪器设备使用率 | 质量 quant 0 0 | filed 产出数量; utilisation rate -> 质量
R279 | 实验室大型仪器设备平均利用率 | 质量 quant 0 0 | filed 产出数量; utilisation rate -> 质量
R280 | 进出口商品实验室法检任务完成率 | 质量 quant 0 0 |
R281 | 进出境动植物实验室法检任务完成率 | 质量 quant 0 0 |
R282 | 传染病实验室法检任务完成率 | 质量 quant 0 0 |
R283 | 是否发生重大检测质量事故 | 质量 graded 0 0 |
R285 | 实验室是否向社会提供技术服务 | 社会效益 graded 0 0 | whether services are offered: checkable
R301 | 进出境动植物检疫完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R302 | 出入境人员/行李/货物/集装箱/交通工具/特殊物品/尸体骸骨/邮包卫生检疫完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R304 | 输入性医学媒介生物截获率 | 质量 quant 0 0 |
R305 | 进境植物疫情检出率 | 质量 empty 1 0 | no target value
R306 | 建立并及时完善进出境重大动物疫情应急管理体系 | 可持续影响 graded 0 0 | filed 产出质量; building a management system (制度建设) -> 可持续影响; whether it exists is checkable
R307 | 检疫、口岸防疫和检疫处理的仪器设备和设施适应本地区工作需要 | 质量 graded 1 0 | 适应需要 has no standard
R308 | 储备必要的进出境重大动物疫病诊断试剂、防护用品及防疫消毒药品 | 数量 graded 0 0 | filed 产出质量; whether the stock is held (the required list is set by regulation)
R309 | 组织口岸重大动物疫情应急处置演练或培训 | 数量 graded 0 0 | filed 产出质量; whether a drill/training was held
R310 | 进口食品化妆品不合格检出率 | 质量 empty 1 0 | no target value
R311 | 出口食品化妆品实际通报率 | 质量 empty 1 0 | no target value
R312 | 出入境人员检疫查验发现传染病有症状者检疫筛查率 | 质量 quant 0 0 | value 5人/10万人 while the unit column says %: the value's own unit wins
R313 | 出入境人员发现有症状者排查率 | 质量 quant 0 0 |
R314 | 旅客携带、邮寄禁止进境物截获增长率 | 数量 quant 0 0 | filed 产出质量; growth of a count of interceptions -> 数量
R315 | 旅客携带、邮寄有害生物截获增长率 | 数量 quant 0 0 | filed 产出质量; growth of a count -> 数量
R316 | 安全风险监控计划完成率 | 质量 quant 0 0 | filed 产出时效; completion of planned work -> 质量
R317 | 疫情疫病监测计划完成率 | 质量 quant 0 0 | filed 产出时效; completion of planned work -> 质量
R318 | 口岸卫生监督频次完成率 | 质量 quant 0 0 | filed 产出时效; completion of planned work -> 质量
R319 | 口岸医学媒介生物监测工作完成率 | 质量 quant 0 0 | filed 产出时效; completion of planned work -> 质量
R320 | 卫生检疫技术支撑项目完成率 | 质量 quant 0 0 | filed 产出时效; completion of planned work -> 质量
R322 | 是否有效防止疫情疫病跨境传播、是否有效防止有毒有害物质随货物传入传出 | 社会效益 graded 1 0 | two questions in one row
R324 | 是否有利于保护农林生产安全 | 经济效益 graded 1 0 | filed 可持续影响; protection of farm and forest production
R335 | 执法执勤用车平均里程数（公里） | 数量 quant 0 0 | unit column 万公里 while the name says 公里
R336 | 新购执法执勤车辆到位率 | 质量 quant 0 0 | filed 产出数量; a rate -> 质量
R337 | 执法执勤用车车辆使用率 | 质量 quant 0 0 |
R338 | 项目支出是否完成专项交通费控制目标 | 经济成本 graded 0 0 | budget control
R350 | 新进人员制服配备率 | 质量 quant 0 0 | filed 产出数量; coverage rate -> 质量
R351 | 换装人员换装完成率 | 质量 quant 0 0 | filed 产出数量; completion rate -> 质量
R352 | 年度采购合同执行到位率 | 质量 quant 0 0 | filed 产出数量; 年度 names the plan period -> 质量 (as R74)
R353 | 是否全部完成配装计划 | 质量 graded 0 0 |
R354 | 是否按标准进行制服配备 | 质量 graded 0 0 |
R355 | 是否按预计质量标准进行验收 | 质量 graded 0 0 |
R356 | 制装计划是否当年完成 | 时效 graded 0 0 |
R357 | 新购制服当年到位率 | 时效 quant 0 0 | 当年到位 = delivered within the year -> 时效
R358 | 是否及时办理验收手续 | 时效 graded 0 0 |
R359 | 采购单价是否按定额标准控制 | 经济成本 graded 0 0 |
R360 | 是否存在超标准配备制服的现象 | 经济成本 graded 0 0 |
R361 | 是否增加了公众对检验检疫工作的认知度 | 社会效益 graded 1 0 | 认知度 without a 知晓率 survey
R362 | 是否提高了树立检验检疫正面执法形象 | 社会效益 graded 1 1 | image filler
R363 | 是否提高了检验检疫影响力 | 社会效益 graded 1 1 | filed 可持续影响; 影响力 filler
R364 | 是否提高了检验检疫社会公信力 | 社会效益 graded 1 1 | filed 可持续影响; 公信力 filler
R365 | 持续提高被检企业对检验检疫满意度 | 满意度 graded 1 0 | 满意度 answered 是: no rate or survey
"""

JUDGEMENTS[SHUANGGAO] = """
R2 | 与徐工集团共建工程机械党组织数量 | 数量 quant 0 0 |
R3 | 专业思政教育“大师资”中企业专家、劳动模范、大国工匠占比 | 质量 quant 0 0 | filed 数量; a share (composition of the teaching staff) -> 质量
R4 | 专业思政育人“新平台”建设整合相关企业展厅、基层党群服务中心数量 | 数量 quant 0 0 |
R5 | 打造“淮海战役”精神短视频等红色育人项目数量 | 数量 quant 0 0 |
R6 | 构建“云端”思政阵地数量 | 数量 quant 0 0 |
R7 | 专业群建设委员会有效整合政府、行业、企业、学校数量 | 数量 quant 0 0 | 有效 is decoration; the count is checkable
R8 | 牵头或参加市域产教联合体、行业产教融合育人共同体数量 | 数量 quant 0 0 |
R9 | 四技服务经费 | 经济效益 quant 0 0 | filed 数量; income the college earns from 技术开发/转让/咨询/服务 -> 经济效益; unit missing (likely 万元)
R10 | 授权或转化知识产权数量 | 数量 quant 0 0 |
R11 | 企业参与研制人才培养方案人数占比 | 质量 quant 0 0 | filed 数量; a share -> 质量
R12 | 行业、企业导师承担专业课程教学课时占比 | 质量 quant 0 0 | filed 数量; a share -> 质量
R13 | 在企业提供场地教学的学时占比 | 质量 quant 0 0 | filed 数量; a share -> 质量
R14 | 工程机械课程开发中心数量 | 数量 quant 0 0 |
R15 | “三基四核六能”进阶式的能力图谱数量 | 数量 quant 0 0 |
R16 | 在线精品课程数量 | 数量 quant 0 0 |
R17 | 在线精品课程每年更新率 | 质量 quant 0 0 | filed 数量; a rate -> 质量
R18 | 接入数字校园的课堂教学情况覆盖率 | 质量 quant 0 0 | filed 数量; coverage rate -> 质量
R19 | 教师运用智慧教育平台资源教学的平均使用率 | 质量 quant 0 0 | filed 数量; usage rate -> 质量
R20 | 具备“分析、增值、画像”功能的智能化评价系统数量 | 数量 quant 0 0 |
R21 | 引入企业真实案例和项目的活页式、工作手册式等新形态教材数量 | 数量 quant 0 0 |
R22 | 整合工程机械数字化教学资源的交互式数字化教材数量 | 数量 quant 0 0 |
R23 | 每年开展“炼师德、铸师魂”师德师风培训覆盖率 | 质量 quant 0 0 | filed 数量; coverage rate -> 质量
R24 | 聘请企业高水平兼职兼课教师数量 | 数量 quant 0 0 |
R25 | 引进或培养博士、教授数量 | 数量 quant 0 0 |
R26 | 培养省级及以上高层次人才数量 | 质量 quant 0 0 | filed 数量; counts people recognised at 省级+ level (external recognition) -> 质量
R27 | 深入企业开展服务的教师数量 | 数量 quant 0 0 |
R28 | 专任教师双师占比 | 质量 quant 0 0 | filed 数量; a share -> 质量
R29 | 与徐工集团共建产教虚拟教研室数量 | 数量 quant 0 0 |
R30 | “教师教学档案袋”在专业教师中的覆盖率 | 质量 quant 0 0 | filed 数量; coverage rate -> 质量
R31 | 具备工程机械关键零部件拆装等虚拟仿真功能的生产性实训基地数量 | 数量 quant 0 0 |
R32 | 数字化远程实训教学平台数量 | 数量 quant 0 0 |
R33 | 实践教学评价体系数量 | 数量 quant 0 0 |
R34 | 工程机械培训包数量 | 数量 quant 0 0 |
R35 | 融入教学内容的企业项目案例数量 | 数量 quant 0 0 |
R36 | 技能培训与职业体验数量 | 数量 quant 0 0 | count (人次 implied)
R37 | 职业技能评价数量 | 数量 quant 0 0 |
R38 | 人工智能技术融入专业课程占比 | 质量 quant 0 0 | filed 数量; a share -> 质量
R39 | 专业核心课线上试题库覆盖率 | 质量 quant 0 0 | filed 数量; coverage rate -> 质量
R40 | 专业教学资源库内容覆盖专业课程内容占比 | 质量 quant 0 0 | filed 数量; a share -> 质量
R41 | 企业参与专业群内部质量评价的课程占比 | 质量 quant 0 0 | filed 数量; a share -> 质量
R42 | 基于大数据的学生学业评价和教师教学评价管理平台数量 | 数量 quant 0 0 |
R43 | 与徐工集团等企业成立海外工程机械技术学院数量 | 数量 quant 0 0 |
R44 | 开展中资企业走出去员工“外文+职业技能”培训数量 | 数量 quant 0 0 |
R45 | 海外中资企业员工“中文+职业技能”培训数量 | 数量 quant 0 0 |
R46 | 与徐工集团合作开发国（境）外的专业标准、课程标准、企业标准等 | 数量 quant 0 0 |
R47 | 与徐工集团等企业合作开发国（境）外的培训教材、课程资源包数量 | 数量 quant 0 0 |
R48 | 实施“定向+定制+定点”的国际生培养人数 | 数量 quant 0 0 |
R49 | 成立“政企行”多方合作的工程机械产业发展研究院数量 | 数量 quant 0 0 |
R50 | 发挥“咨政”“启智”“聚才”“强国”功能，发布《工程机械产业人才需求分析报告》数量 | 数量 quant 0 0 | slogan prefix; the count of reports is checkable
R51 | 将徐工集团等企业规范、岗位要求转化为教学标准数量 | 数量 quant 0 0 |
R52 | 【新增】“双带头人”党支部书记育人工作室数量 | 数量 quant 0 0 |
R53 | 【新增】大学生思想政治教育中心暨“大思政课”实践教学基地数量 | 数量 quant 0 0 |
R54 | 【新增】产教联合体新加入企业数量 | 数量 quant 0 0 |
R55 | 【新增】企业名师工作室数量 | 数量 quant 0 0 |
R56 | 【新增】专业群质量评价标准 | 数量 quant 0 0 | one standard to produce; value 1 = count
R57 | 【新增】专业群匹配产业链矩阵数量 | 数量 quant 0 0 |
R58 | 【新增】企业参与的新开发课程数量 | 数量 quant 0 0 |
R59 | 【新增】企业实景、直播互动等数智课堂环境 | 数量 quant 0 0 | value 1 = one classroom environment built
R60 | 【新增】“中高本”贯通培养教材数量 | 数量 quant 0 0 |
R61 | 【新增】教材管理系列文件 | 数量 quant 0 0 | value 1 = one set of documents
R62 | 【新增】新建大师工作室个数 | 数量 quant 0 0 |
R63 | 【新增】对外交流教师人次数 | 数量 quant 0 0 |
R64 | 【新增】高端装备智能制造产教融合实践中心 | 数量 quant 0 0 | value 1 = one centre built
R65 | 【新增】典型生产实践项目数量 | 数量 quant 0 0 |
R66 | 【新增】职业启蒙课程数量 | 数量 quant 0 0 |
R67 | 【新增】智能制造专业垂类模型数量 | 数量 quant 0 0 |
R68 | 【新增】新增智慧教室数量 | 数量 quant 0 0 |
R69 | 【新增】智能制造数字化培训包 | 数量 quant 0 0 | value 1 = one package
R70 | 国家级课程思政类项目或案例数量 | 质量 quant 0 0 | count of national-level selections (external recognition) -> 质量
R71 | 省级高校思想政治工作质量提升工程建设项目验收结果 | 质量 graded 0 0 | placeholder 1 = 验收通过
R72 | 国家级“样板支部”或“双带头人党支部书记工作室” | 质量 quant 0 0 | count of national-level recognitions
R73 | 国家级“五育”方面项目或获奖 | 质量 quant 0 0 | count of national-level recognitions
R74 | 省级产教融合案例数量 | 质量 quant 0 0 | count of provincial selections
R75 | 国家级市域联合体数量 | 质量 quant 0 0 | count of national-level selections
R76 | 省级现代产业学院验收结果 | 质量 graded 0 0 | placeholder 1 = 验收通过
R77 | 服务企业产生经济效益 | 经济效益 quant 1 1 | filed 质量; 产生经济效益 is the taxonomy's filler phrase; 10000 has no unit and no stated way to count the benefit
R78 | 企业真实项目转化课时占专业课课时比例 | 质量 quant 0 0 |
R79 | 学徒制合作企业订单学生所占比例 | 质量 quant 0 0 |
R80 | 现代学徒制专业课工学交替课时比例 | 质量 quant 0 0 |
R81 | 学生省级比赛获奖数量 | 质量 quant 0 0 | count of awards (external recognition)
R82 | 学生国家级比赛获奖数量 | 质量 quant 0 0 | count of awards
R83 | 毕业生本地就业率 | 社会效益 quant 0 0 | filed 质量; graduates employed locally: effect on the region -> 社会效益
R84 | 毕业生就业相关度 | 质量 quant 0 0 | match between training and jobs: quality of the training output
R85 | 省级教学成果奖 | 质量 quant 0 0 | count of awards
R86 | 国家级教学成果奖 | 质量 quant 0 0 | count of awards
R87 | 省级课程数量 | 质量 quant 0 0 | courses selected at 省级 (external recognition)
R88 | 国家级课程数量 | 质量 quant 0 0 | courses selected at 国家级
R89 | 省级及以上课堂革命案例数量 | 质量 quant 0 0 |
R90 | 省级教改项目数量 | 数量 quant 0 0 | filed 质量; research projects won are counted as projects (taxonomy 开展研究项目数量)
R91 | 省级教材数量 | 质量 quant 0 0 | textbooks selected at 省级
R92 | 国家级教材数量 | 质量 quant 0 0 | textbooks selected at 国家级
R93 | 国家级教材建设奖 | 质量 quant 0 0 |
R94 | 省级团队数量 | 质量 quant 0 0 |
R95 | 省级名师数量 | 质量 quant 0 0 |
R96 | 教师省级比赛获奖数量 | 质量 quant 0 0 |
R97 | 教师国家级比赛获奖数量 | 质量 quant 0 0 |
R98 | 国家级团队数量 | 质量 quant 0 0 |
R99 | 国家级名师数量 | 质量 quant 0 0 |
R100 | 国家级课题数量 | 数量 quant 0 0 | filed 质量; research projects won are counted as projects (taxonomy 开展研究项目数量)
R101 | 工程机械全球数智培训中心获省级及以上实训基地数量 | 质量 quant 0 0 |
R102 | 省级校企合作典型生产实践项目验收结果 | 质量 graded 0 0 | placeholder 1 = 验收通过
R103 | 助力合作单位获省级及以上大赛奖励数量 | 质量 quant 0 0 | count of awards (won by partners)
R104 | 职业技能评价通过率 | 质量 quant 0 0 |
R105 | 助推企业成为专精特新“小巨人”、瞪羚企业等认定数量 | 经济效益 quant 0 0 | filed 质量; firms helped to a growth-enterprise status: effect on enterprises
R106 | 通过人工智能手段提升教学质量水平 | 社会效益 graded 1 0 | filed 质量; an effect (教学质量提升, the taxonomy files it under 社会效益); placeholder 1, no measure
R107 | 省级及以上专业教学资源库数量 | 质量 quant 0 0 |
R108 | 人工智能融入教学的省级及以上项目、案例或获奖 | 质量 quant 0 0 |
R109 | 教与学的评价结果和评价过程的质量 | 质量 graded 1 0 | placeholder 1 on an unmeasured quality
R110 | 对合作企业本土化人才培养的作用发挥 | 社会效益 graded 1 0 | filed 质量; placeholder 1 on an effect with no measure
R111 | 专业群的国际影响力 | 社会效益 graded 1 1 | filed 质量; placeholder 1; 影响力 filler
R112 | 合作企业海外就业人数 | 社会效益 quant 0 0 | filed 质量; jobs (guide: 就业人数 -> 社会效益)
R113 | 学生国际大赛获奖数量 | 质量 quant 0 0 |
R114 | 发布《工程机械产业发展报告》数量 | 数量 quant 0 0 | filed 质量; reports produced -> 数量
R115 | 参与制定国家/国际技术标准数量 | 数量 quant 0 0 | filed 质量; standards produced -> 数量
R116 | 牵头或参与制定行业职业技能标准数量 | 数量 quant 0 0 | filed 质量; standards produced -> 数量
R117 | 输出到国（境）外的专业标准、课程标准、企业标准等数量 | 数量 quant 0 0 | filed 质量; items exported -> 数量
R118 | 输出到国（境）外的培训教材、课程资源包数量 | 数量 quant 0 0 | filed 质量; items exported -> 数量
R119 | 省级及以上媒体报道 | 数量 quant 0 0 | filed 质量; a count of media reports (taxonomy 新闻报道数量 is 数量)
R120 | 【新增】各类育人基地累计接待校内外人员人次 | 数量 quant 0 0 | filed 质量; a count -> 数量
R121 | 【新增】每年订单班、学徒制等培养的学生数 | 数量 quant 0 0 | filed 质量; a count -> 数量
R122 | 【新增】“招生-培养-就业-发展”全链条服务学生成长模式 | 可持续影响 graded 1 0 | filed 质量; a model (mechanism) with placeholder 1; what counts as a 模式 is undefined
R123 | 【新增】在线课程新增人数 | 数量 quant 0 0 | filed 质量; a count -> 数量
R124 | 【新增】产教融合数智赋能的课程教学模式 | 可持续影响 graded 1 0 | filed 质量; a 模式 with placeholder 1
R125 | 【新增】专业教材建设委员会工作机制 | 可持续影响 graded 0 0 | filed 质量; a working mechanism (制度建设); its existence is checkable
R126 | 【新增】教材建设经验辐射影响 | 社会效益 quant 1 0 | filed 质量; 500 of what (schools? people?) is not said
R127 | 【新增】对外开展教材培训场次 | 数量 quant 0 0 | filed 质量; a count -> 数量
R128 | 【新增】凡编必审，凡选必审的审核、选用制度及执行情况 | 质量 quant 0 0 | share of textbooks reviewed, 100%
R129 | 【新增】师德师风评价监督体系 | 可持续影响 graded 0 0 | filed 质量; a system built (制度建设); existence checkable
R130 | 【新增】接纳联合体院校学生实习实训人次数量 | 数量 quant 0 0 | filed 质量; a count -> 数量
R131 | 【新增】累计接纳学习交流院校数量 | 数量 quant 0 0 | filed 质量; a count -> 数量
R132 | 【新增】辐射校内专业垂类大模型数量 | 数量 quant 0 0 | filed 质量; a count -> 数量
R133 | 【新增】专业垂类大模型辐射校外院校数量 | 数量 quant 0 0 | filed 质量; a count -> 数量
R134 | 【新增】校外使用学校开发的智能体数量 | 数量 quant 0 0 | filed 质量; a count -> 数量
R135 | 【新增】省级郑和学院数量 | 质量 quant 0 0 | provincial designation (external recognition)
R136 | 【新增】郑和学院当地招生培养人数 | 数量 quant 0 0 | filed 质量; a count -> 数量
R137 | 【新增】服务走出去企业及其所在国家数量 | 数量 quant 0 0 | filed 质量; a count -> 数量
R138 | 【新增】牵头或参与制定行业或企业标准数量 | 数量 quant 0 0 | filed 质量; standards produced -> 数量
R139 | 【新增】技能人才和技术创新需求清单 | 数量 quant 0 0 | filed 质量; value 1 = one list produced
R140 | 任务终期完成度（%） | 质量 quant 0 0 | filed 时效; completion of planned work -> 质量
R141 | 收入预算执行率（%） | 质量 quant 0 0 | filed 时效; 预算执行率 -> 质量 (guide)
R142 | 支出预算执行率（%） | 质量 quant 0 0 | filed 时效; 预算执行率 -> 质量 (guide)
R143 | 年度任务落实率（%） | 质量 quant 0 0 | filed 时效; completion of the year's tasks -> 质量
R144 | 专业群每年平均招生人数 | 数量 quant 0 0 | filed 社会效益; students enrolled = scale of the output -> 数量
R145 | 专业群为企业解决发展难题的能力 | 社会效益 graded 1 0 | placeholder 1 on an unmeasured ability
R146 | 专业群服务西部高质量发展的贡献度 | 社会效益 graded 1 0 | placeholder 1; 贡献度 has no measure
R147 | 专业群服务终身教育体系建设的贡献度 | 社会效益 graded 1 0 | placeholder 1; 贡献度 has no measure
R148 | 专业群建设的示范作用 | 可持续影响 graded 1 1 | filed 社会效益; 示范作用 filler with placeholder 1
R149 | 对专业集群高质量均衡发展的影响 | 可持续影响 graded 1 0 | placeholder 1 on an unmeasured influence
R150 | 对促进职业教育内涵发展影响 | 可持续影响 graded 1 0 | placeholder 1 on an unmeasured influence
R151 | 对促进技能社会建设的影响 | 可持续影响 graded 1 0 | placeholder 1 on an unmeasured influence
R152 | 对产业转型升级的影响 | 可持续影响 graded 1 1 | placeholder 1; 产业转型升级 fits any project
R153 | 对提升职业教育国际影响力的影响 | 可持续影响 graded 1 0 | placeholder 1 on an unmeasured influence
R154 | 【新增】学校安全管理体系 | 可持续影响 graded 0 0 | a management system built (制度建设); placeholder 1 = built, checkable
R155 | 在校生满意度（%） | 满意度 quant 0 0 |
R156 | 教职工满意度（%） | 满意度 quant 0 0 |
"""

# CAMS is a list of names without targets: value_kind empty and vague 1 on every row (guide);
# the `**` placeholders are kept verbatim. boilerplate 1 only for phrases with no object
# that fit any (research) project; a ** slot means the template is meant to be specified.
JUDGEMENTS[CAMS] = """
R2 | 申请专利 | 数量 empty 1 0 |
R3 | 发表论文 | 数量 empty 1 0 |
R4 | 新品种、新产品 | 数量 empty 1 0 |
R5 | 国内学术会议报告 | 数量 empty 1 0 |
R6 | 编写专著 | 数量 empty 1 0 |
R7 | 申请软件著作权 | 数量 empty 1 0 |
R8 | 制定指南、规范、标准 | 数量 empty 1 0 |
R9 | 举办前沿研究性讲座 | 数量 empty 1 0 |
R10 | 学术交流人次 | 数量 empty 1 0 |
R11 | 引进人才数量 | 数量 empty 1 0 |
R12 | 培养硕士 | 数量 empty 1 0 |
R13 | 培养博士 | 数量 empty 1 0 |
R14 | 培养博士后 | 数量 empty 1 0 |
R15 | 高层次研发团队 | 数量 empty 1 0 | teams formed (count)
R16 | 参加国际学术会议 | 数量 empty 1 0 |
R17 | 组织专业技术培训 | 数量 empty 1 0 |
R18 | 在国外开展培训班 | 数量 empty 1 0 |
R19 | 在国外培训人次 | 数量 empty 1 0 |
R20 | 承办学术会议 | 数量 empty 1 0 |
R21 | 开放数据库及信息平台 | 数量 empty 1 0 |
R22 | 技术推广 | 数量 empty 1 0 | bare activity name; count of extension activities
R23 | 技术服务 | 数量 empty 1 0 | bare activity name; count of services
R24 | 科学普及人数 | 数量 empty 1 0 |
R25 | 将成果推广至**国家或地区 | 数量 empty 1 0 | count of countries/regions
R26 | 专利进入实审阶段 | 质量 empty 1 0 | patents passing to substantive examination (quality filter)
R27 | 专利授权 | 质量 empty 1 0 | grants after examination = external recognition -> 质量
R28 | 发明专利授权 | 质量 empty 1 0 |
R29 | 实用新型专利授权 | 质量 empty 1 0 |
R30 | 国内专利申请 | 数量 empty 1 0 | filed 质量; applications are a count of output -> 数量
R31 | 国际专利申请 | 数量 empty 1 0 | filed 质量; applications are a count of output -> 数量
R32 | 发表SCI论文 | 质量 empty 1 0 | papers in indexed journals (venue level) -> 质量
R33 | 中文核心期刊论文篇数 | 质量 empty 1 0 | venue level -> 质量
R34 | 国外期刊论文发表 | 质量 empty 1 0 |
R35 | 在**学科领域影响因子大于**分的论文 | 质量 empty 1 0 |
R36 | JCR或中科院分区一区或二区论文 | 质量 empty 1 0 |
R37 | 论文、专利等成果他引次数 | 社会效益 empty 1 0 | filed 质量; citations = uptake of the results by others (the taxonomy files 被引用次数 under 社会效益)
R38 | 发表论文入选领跑者5000 | 质量 empty 1 0 |
R39 | 出版专著（教材、理论基础型、数据汇总型） | 数量 empty 1 0 | filed 质量; books produced -> 数量
R40 | 获得软件著作权 | 数量 empty 1 0 | filed 质量; software copyright is a registration, not an examined grant -> 数量
R41 | 主编专著 | 数量 empty 1 0 | filed 质量; books produced -> 数量
R42 | 参编专著 | 数量 empty 1 0 | filed 质量; books produced -> 数量
R43 | 发布国家标准 | 数量 empty 1 0 | filed 质量; standards produced -> 数量
R44 | 发布行业标准 | 数量 empty 1 0 | filed 质量; standards produced -> 数量
R45 | 发布团体标准 | 数量 empty 1 0 | filed 质量; standards produced -> 数量
R46 | 组织国际专业培训 | 数量 empty 1 0 | filed 质量; activities held -> 数量
R47 | 组织国际学术会议 | 数量 empty 1 0 | filed 质量; activities held -> 数量
R48 | 优秀人才、学生获奖人次 | 质量 empty 1 0 | awards
R49 | 培养中或高级职称人次 | 质量 empty 1 0 | promotions to senior titles (external recognition)
R50 | 培养高层次人才 | 质量 empty 1 0 | people recognised as high-level talent
R51 | 项目负责人获**荣誉 | 质量 empty 1 0 |
R52 | 项目组成员获**荣誉 | 质量 empty 1 0 |
R53 | 承担学会副主委或主委 | 质量 empty 1 0 | academic-society office (recognition)
R54 | 项目获得**奖励 | 质量 empty 1 0 |
R55 | 在国际学术会议上做邀请报告或发表摘要 | 数量 empty 1 0 | filed 质量; a count of conference talks = academic exchange (taxonomy: 学术交流 is 数量)
R56 | 获批省部级以上课题获批国家级课题 | 数量 empty 1 0 | filed 质量; research projects won = a count of projects (taxonomy 开展研究项目数量); name duplicated in the source
R57 | 承担、参与**科研项目 | 数量 empty 1 0 | filed 质量; projects undertaken (count) -> 数量
R58 | 研究政策报告被党中央或国务院办公厅采用或领导人批示的 | 社会效益 empty 1 0 | filed 质量; reports adopted/endorsed = uptake of results (taxonomy 成果应用数量: 获批示数量)
R59 | 研究政策报告被省部级采用 | 社会效益 empty 1 0 | filed 质量; uptake of results, as R58
R60 | 应用考核指标或指南被行业用户使用 | 社会效益 empty 1 0 | filed 质量; uptake of the output by users = effect
R61 | 信息平台建设访问人流量 | 数量 empty 1 0 | filed 质量; visits = volume of service
R62 | 为企事业单位提供社会服务次数 | 数量 empty 1 0 | filed 质量; a count -> 数量
R63 | 新增合作单位及服务单位数量 | 数量 empty 1 0 | filed 质量; a count -> 数量
R64 | 对外技术服务（项目、协议）数量 | 数量 empty 1 0 | filed 质量; a count -> 数量
R65 | 国际组织任职 | 质量 empty 1 0 | office in international bodies (recognition)
R66 | 精准扶贫 | 社会效益 empty 1 1 | filed 质量; bare policy slogan, no object
R67 | 技术推广服务面积 | 数量 empty 1 0 | filed 质量; an area served -> 数量
R68 | 新品种、新产品推广面积 | 数量 empty 1 0 | filed 质量; an area -> 数量
R69 | 获取**基地与称号 | 质量 empty 1 0 |
R70 | 产品成品率提高 | 质量 empty 1 0 | yield rate of products
R71 | 样本分析时间 | 时效 empty 1 0 |
R72 | 耗材采购时间 | 时效 empty 1 0 |
R73 | 提交成果报告和获得的知识产权 | 时效 empty 1 0 | deliverable deadline (filed 时效); the target would be a date
R74 | 提交申报书、任务书、结题报告等材料 | 时效 empty 1 0 | deliverable deadline
R75 | 在相关时间节点完成所列研究内容 | 时效 empty 1 0 |
R76 | 预算执行计划完成率 | 质量 empty 1 0 | filed 时效; 预算执行率 -> 质量 unless the text is about timing (guide)
R77 | 项目成本 | 经济成本 empty 1 0 |
R78 | 完成**成果所需成本 | 经济成本 empty 1 0 | unit cost per result
R79 | 人均培训成本 | 经济成本 empty 1 0 |
R80 | 人均会议成本 | 经济成本 empty 1 0 |
R81 | 降低患者医疗成本 | 经济效益 empty 1 0 | cost saved for beneficiaries
R82 | 预期降低患者医疗成本 | 经济效益 empty 1 0 |
R83 | 预期增加企业/农户收入 | 经济效益 empty 1 0 |
R84 | 降低检测试剂成本 | 经济效益 empty 1 0 | cost saved for users of the result
R85 | 横向合作收入 | 经济效益 empty 1 0 |
R86 | 技术服务收入 | 经济效益 empty 1 0 |
R87 | 降低生产成本 | 经济效益 empty 1 0 |
R88 | 转让收益 | 经济效益 empty 1 0 |
R89 | 提高患者就诊率、增加患者门诊量 | 社会效益 empty 1 0 |
R90 | 减轻患者疾病痛苦 | 社会效益 empty 1 0 |
R91 | 提高患者的诊断率和治愈率 | 社会效益 empty 1 0 |
R92 | 提高**疾病的诊治水平 | 社会效益 empty 1 0 |
R93 | 减少患者及社会负担 | 社会效益 empty 1 0 | burden of disease in general (not an amount of money), kept 社会效益
R94 | 促进**疾病研发关键技术完善 | 社会效益 empty 1 0 |
R95 | 提高**质量，降低**风险 | 社会效益 empty 1 0 | template with two slots
R96 | 提高对**的重视程度 | 社会效益 empty 1 0 |
R97 | 提高对**的认识水平 | 社会效益 empty 1 0 |
R98 | 提高对**科普知识的认识水平 | 社会效益 empty 1 0 | awareness (知晓率-like) -> 社会效益
R99 | 提升项目承担课题组组内科研水平 | 可持续影响 empty 1 0 | filed 社会效益; the team's own research capacity (taxonomy 科研能力提升); generic for research projects, but not for any project
R100 | 提升课题组内科研人员科研水平和技术人员技术能力 | 可持续影响 empty 1 0 | filed 社会效益; own research capacity, as R99
R101 | 促进专利转化 | 经济效益 empty 1 0 | filed 社会效益; commercialisation of patents -> 经济效益
R102 | 促进行业发展 | 经济效益 empty 1 1 | filed 社会效益; generic, fits any project
R103 | 缩短相关实验周期 | 社会效益 empty 1 0 | an effect on the field's work (not the project's own timeliness)
R104 | 促进学科建设 | 可持续影响 empty 1 0 | filed 社会效益; discipline building (taxonomy 科研能力提升: 学科建设水平)
R105 | 提高临床前药效学准确率 | 社会效益 empty 1 0 |
R106 | 促进对**疾病机制的理解 | 社会效益 empty 1 0 |
R107 | 为**疾病防控提供关键信息 | 社会效益 empty 1 0 |
R108 | 服务对象人才培养 | 社会效益 empty 1 0 | unclear wording: training people of the served bodies
R109 | 服务对象人均收入增加 | 经济效益 empty 1 0 | filed 社会效益; income gain -> 经济效益
R110 | 投入产出比 | 经济效益 empty 1 0 | filed 社会效益
R111 | 成本产值率提高 | 经济效益 empty 1 0 | filed 社会效益
R112 | 劳动生产率提高 | 经济效益 empty 1 0 | filed 社会效益
R113 | 增加就业人数 | 社会效益 empty 1 0 | jobs created (guide)
R114 | 脱贫人数 | 社会效益 empty 1 0 |
R115 | 资源利用率提高 | 生态效益 empty 1 0 | filed 社会效益; resource efficiency -> 生态效益 (could be read as 经济效益)
R116 | 技术使用降低生态环境破坏率 | 生态效益 empty 1 0 |
R117 | 保护物种多样性 | 生态效益 empty 1 0 |
R118 | 污染物（水、气）排放达到**标准 | 生态效益 empty 1 0 |
R119 | 促进**学科发展 | 可持续影响 empty 1 0 |
R120 | 为**研究提供信息平台和技术平台 | 可持续影响 empty 1 0 |
R121 | 为**提供技术指导 | 可持续影响 empty 1 0 |
R122 | 为**疾病诊疗提供理论依据和支撑 | 可持续影响 empty 1 0 |
R123 | 为政府制定相关政策提供理论依据和支撑 | 可持续影响 empty 1 0 |
R124 | 带动**研究领域发展水平达到国内一流水平 | 可持续影响 empty 1 0 |
R125 | 为国内多地方**领域提供参考 | 可持续影响 empty 1 0 |
R126 | 为**研究领域培养青年科技人才 | 可持续影响 empty 1 0 |
R127 | 为培养专业人才提供数据支持 | 可持续影响 empty 1 0 |
R128 | 提高国内外范围内学术影响力 | 社会效益 empty 1 1 | filed 可持续影响; 影响力 filler
R129 | 促进**研究与应用 | 可持续影响 empty 1 0 |
R130 | 提高人民健康水平 | 社会效益 empty 1 0 | filed 可持续影响; the health outcome of a medical list (taxonomy 居民健康水平提高, not filler); the aqsiq 是否有利于保障人民身体健康 rows stay boilerplate because they are pasted into unrelated projects
R131 | 为后期**研究提供参照，为临床应用提供支持 | 可持续影响 empty 1 0 |
R132 | 对**疾病的防治有重要的医学和社会意义 | 可持续影响 empty 1 1 | 有重要意义 filler even with the slot
R133 | 大力推进和我们项目相关的转化研究 | 可持续影响 empty 1 0 |
R134 | 聚集人才，推进院校医-药转化 | 可持续影响 empty 1 0 |
R135 | 提高**学科受重视程度、地位 | 可持续影响 empty 1 0 |
R136 | 提高**研究及临床治疗的国际影响力 | 社会效益 empty 1 0 | filed 可持续影响; concept 社会影响力 (filler) but the ** slot ties it to a named field, so boilerplate 0
R137 | 促进**国际合作交流 | 可持续影响 empty 1 0 |
R138 | 推动**产业发展（如：外源污染物快检产品、疫苗） | 经济效益 empty 1 0 | filed 可持续影响; industry development -> 经济效益
R139 | 为政府提供政策规划撰写服务 | 可持续影响 empty 1 0 |
R140 | 为行业企业或地方政府提供发展建议 | 可持续影响 empty 1 0 |
R141 | 促进普及科普教育 | 社会效益 empty 1 0 | filed 可持续影响
R142 | 患者满意度 | 满意度 empty 1 0 |
R143 | 科研人员满意度 | 满意度 empty 1 0 |
R144 | 临床人员满意度 | 满意度 empty 1 0 |
R145 | 上级单位对本项目满意度 | 满意度 empty 1 0 |
R146 | 参与单位积极反馈满意度 | 满意度 empty 1 0 |
R147 | 研究生满意度 | 满意度 empty 1 0 |
R148 | 项目发包方满意度 | 满意度 empty 1 0 |
R149 | 学生工作单位满意度 | 满意度 empty 1 0 |
R150 | 科普宣传对象满意度 | 满意度 empty 1 0 |
R151 | 政府满意度 | 满意度 empty 1 0 |
R152 | 企业满意度 | 满意度 empty 1 0 |
R153 | 技术培训对象满意度 | 满意度 empty 1 0 |
R154 | 科普服务对象满意度 | 满意度 empty 1 0 |
R155 | 同行专家对本项目满意度 | 满意度 empty 1 0 |
R156 | 产品使用单位的满意度 | 满意度 empty 1 0 |
"""

# ST-Raptor copies the same disclosed 人社 tables that xlsx.csv labels from the workbooks;
# decisions were checked against that sheet so the same text gets the same labels.
JUDGEMENTS[RAPTOR] = """
R2 | 城乡居民基础养老金标准 | 经济成本 quant 0 0 | filed 数量; per-person benefit standard in 元 -> 经济成本 (guide)
R3 | 城镇新增就业人数（人） | 社会效益 quant 0 0 | filed 数量; jobs created -> 社会效益 (guide)
R4 | 促进创业人数（人） | 数量 quant 0 0 | people helped to start a business: output count
R5 | 支教人员每人每年完成课时 | 数量 quant 0 0 |
R6 | “三支一扶”人员服务期满考核合格率（%） | 质量 quant 0 0 |
R7 | 补贴发放准确率 | 质量 quant 0 0 | value stored as fraction 1 in the xlsx, shown 100%
R8 | “三支一扶”人员到岗及时率 | 时效 quant 0 0 |
R9 | 资金在规定时间内下达率 | 时效 quant 0 0 |
R10 | 解决就业困难人员就业人数（人） | 社会效益 quant 0 0 | filed 经济效益; jobs -> 社会效益 (guide)
R11 | 失业人员再就业人数（人） | 社会效益 quant 0 0 | filed 经济效益; jobs -> 社会效益 (guide)
R12 | 全市城乡居民养老保险覆盖面 | 质量 graded 0 0 | filed 效益/质量; insurance coverage as the department's output -> 质量 (guide: 参保覆盖率); 不低于上年度水平 is checkable against last year's figure (graded met/not met)
R13 | 扶持创业企业（项目）个数 | 数量 quant 0 0 | filed 效益/质量; a count of supported businesses -> 数量
R14 | 服务期满继续在基层就业人数比例 | 社会效益 quant 0 0 | filed 效益/质量; retention in grassroots jobs = effect of the programme
R15 | 基层服务覆盖范围 | 质量 vague 1 0 | filed 效益/质量; coverage of the service; the value names an area, not a checkable target
R16 | 对保持就业局势总体稳定发挥的影响 | 社会效益 vague 1 0 | filed 可持续影响; employment stability is a social effect (taxonomy 就业局势稳定); 保持稳定 cannot be checked; tied to employment, so not filler
R17 | 群众满意度 | 满意度 quant 0 0 |
R18 | 就业服务满意度 | 满意度 quant 0 0 |
R19 | 享受创业担保贷款对象满意度 | 满意度 quant 0 0 |
R20 | 服务单位对“三支一扶”人员满意度 | 满意度 quant 0 0 |
R21 | 城乡居民基础养老金标准 | 经济成本 quant 0 0 | filed 数量; per-person benefit standard in 元 -> 经济成本 (guide)
R22 | 发放创业担保贷款金额 | 数量 quant 0 0 | volume of loans issued (output), not a cost
R23 | 城镇新增就业人数（万人） | 社会效益 vague 1 0 | filed 数量; jobs -> 社会效益; 根据下达任务目标要求确定 sets no target
R24 | 促进创业人数（人） | 数量 vague 1 0 | 根据下达任务目标要求确定 sets no target
R25 | 创业担保贷款还款率 | 质量 quant 0 0 |
R26 | 补贴发放准确率 | 质量 quant 0 0 |
R27 | 资金在规定时间内下达率 | 时效 quant 0 0 |
R28 | 资金支付规范性 | 质量 graded 0 0 | filed 时效; 合规 = compliance, checkable
R29 | 实际资金支出率 | 质量 quant 0 0 | filed 时效; = 预算执行率 -> 质量 (guide)
R30 | 就业困难人员就业人数 | 社会效益 vague 1 0 | filed 经济效益; jobs -> 社会效益; no target set
R31 | 失业人员再就业人数 | 社会效益 vague 1 0 | filed 经济效益; jobs -> 社会效益; no target set
R33 | 扶持创业企业（项目）数 | 数量 quant 0 0 | filed 社会效益; a count of supported businesses -> 数量
R36 | 公共服务满意度 | 满意度 quant 0 0 |
R37 | 城镇新增就业人数 | 社会效益 quant 0 0 | filed 数量; jobs created -> 社会效益 (guide)
R38 | 失业人员及就业困难人员再就业人数 | 社会效益 quant 0 0 | filed 数量; jobs -> 社会效益; two targets in one cell
R39 | 扶持创业人数及带动就业人数 | 数量 quant 0 0 | two targets in one cell: people supported (output) + jobs driven (effect); labelled by the first
R40 | 返乡创业人数及带动就业人数 | 数量 quant 0 0 | two targets in one cell; labelled by the first (output)
R41 | 就业技能及创业培训人数据 | 数量 quant 0 0 | two targets in one cell (就业技能/创业培训)
R42 | 五险净增人数 | 数量 quant 0 0 | 约 = approximate target
R43 | 社会保障卡发卡量 | 数量 quant 0 0 |
R44 | 劳动监察网格日常巡查 | 数量 quant 0 0 |
R45 | 培训人员合格率 | 质量 quant 0 0 |
R46 | 仲裁案件法定期限结案率 | 时效 quant 0 0 |
R47 | 劳动监察配合处理举报投诉案件 | 时效 quant 0 0 | the value states the measure: 在规定时间结案率为95%
R48 | 提高全民参保覆盖面 | 质量 copy 1 0 | filed 社会效益; coverage -> 质量 (guide); value 按时办结 is pasted from a 时效 row, not a coverage target
R49 | 做好服务工作，让服务对象满意 | 满意度 quant 0 0 | slogan name, but 95% reads as a satisfaction rate; filed 二级 社会公众或服务对象满意度指标 under 效益
"""

JUDGEMENTS[GX] = """
R2 | 培训班次（会议次数） | 数量 empty 1 0 |
R3 | 培训（参会）人次 | 数量 empty 1 0 |
R4 | 培训（会议）天数 | 数量 empty 1 0 |
R5 | 培训（会议）完成率 | 质量 empty 1 0 | filed 数量; completion rate -> 质量
R6 | 培训人员合格率 | 质量 empty 1 0 |
R7 | 培训计划按期完成率 | 时效 empty 1 0 |
R8 | 人均培训成本控制率 | 经济成本 empty 1 0 |
R9 | 培训（参会）人员满意度 | 满意度 empty 1 0 |
R10 | 开展研究项目数量 | 数量 empty 1 0 |
R11 | 完成调研报告数量 | 数量 empty 1 0 |
R12 | 硬件采购（维护）数量 | 数量 empty 1 0 |
R13 | 实现关键核心技术突破数量 | 社会效益 empty 1 0 | filed 社会效益 kept: breakthroughs are an outcome of the research, counted
R14 | 检查人员被投诉次数 | 满意度 empty 1 0 | filed 满意度 kept: complaints about inspectors as the inverse of satisfaction (could be read as 质量)
"""

#: Concept ids from the concept pass, one line "R<line> <concept id>" per judged row (the
#: first row of each distinct text). Candidates came from Taxonomy.lookup() and a rapidfuzz
#: list (--suggest-concepts); each was decided by reading the row. UNKNOWN when no concept
#: is the same indicator.
CONCEPTS: dict[str, str] = {}


CONCEPTS[AQSIQ] = """
R2 time.budget_execution_rate
R3 time.budget_execution_rate
R4 qual.budget_adjustments
R5 UNKNOWN          # budget cut: no process concept
R6 cost.budget_balance_rate
R7 UNKNOWN
R8 UNKNOWN          # payment-plan error rate
R9 qual.fund_compliance   # financial-management violations = compliance of fund use
R10 UNKNOWN
R11 UNKNOWN
R12 qual.acceptance_pass_rate
R13 qual.compliance_rate
R14 econ.promote_economic_development
R15 UNKNOWN         # port epidemic prevention: no concept
R16 eco.meets_eco_requirements
R17 UNKNOWN         # specific side effect; scost.negative_social_impact is filler and this row is not
R18 soc.emergency_capacity
R28 qual.coverage_generic
R29 UNKNOWN
R30 UNKNOWN
R31 qual.coverage_generic
R32 qual.inspection_coverage   # 监管覆盖率
R33 UNKNOWN         # outage count; system_uptime is a rate of a different measure
R34 qual.security_incidents
R35 UNKNOWN
R36 econ.cost_savings
R37 econ.cost_savings
R38 UNKNOWN         # clearance speed: no concept
R39 soc.management_level
R49 qual.task_completion     # 开展率 = share of required work done
R50 qual.task_completion
R51 qual.training_attendance # staff training coverage = 应训人员参训率
R52 soc.travel_convenience   # smooth border crossing for travellers
R53 UNKNOWN
R54 qual.task_completion
R55 qual.task_completion
R56 UNKNOWN
R57 UNKNOWN
R58 eco.meets_eco_requirements
R59 soc.health_improved
R60 sat.service_object
R70 qual.coverage_generic
R71 qual.training_attendance
R72 UNKNOWN
R73 soc.emergency_capacity
R74 qual.task_completion
R75 qual.government_procurement_rate
R76 qual.fund_compliance     # leftover funds kept for the project = 专款专用
R77 soc.emergency_capacity
R78 UNKNOWN
R79 UNKNOWN
R80 UNKNOWN
R81 UNKNOWN
R100 qual.task_completion
R101 soc.travel_convenience
R105 UNKNOWN
R106 soc.travel_convenience
R110 sat.service_object
R120 UNKNOWN        # 截获率: no concept
R121 UNKNOWN
R122 UNKNOWN
R123 qual.compliance_rate
R124 time.within_budget_year
R125 UNKNOWN        # spending within a set standard: no non-filler concept
R126 UNKNOWN
R127 UNKNOWN        # two questions (认知度 + 通关速度)
R128 UNKNOWN
R129 UNKNOWN
R130 sat.service_object
R140 UNKNOWN        # growth of inspection volume: no concept
R141 UNKNOWN
R142 qual.inspection_coverage
R143 UNKNOWN
R144 UNKNOWN
R145 UNKNOWN
R146 UNKNOWN
R147 UNKNOWN
R148 qual.task_completion
R149 UNKNOWN
R150 qual.task_completion
R152 econ.loss_avoided       # claims recovered abroad = losses recovered
R153 econ.promote_economic_development
R154 UNKNOWN
R155 UNKNOWN
R157 UNKNOWN
R158 UNKNOWN
R159 UNKNOWN
R169 qual.high_level_papers  # core-journal papers (given as a rate)
R170 UNKNOWN
R171 UNKNOWN
R172 qual.awards             # awards (given as a rate)
R173 econ.tech_transfer_income
R174 econ.cost_savings
R175 soc.business_capacity
R176 econ.promote_economic_development
R177 eco.meets_eco_requirements
R178 soc.business_capacity
R179 soc.efficiency_improved
R180 soc.health_improved
R190 qual.task_completion
R191 UNKNOWN
R192 UNKNOWN        # 预期成果: soc.project_functions is a 社会效益 filler, this row is 质量
R193 qual.report_adoption_rate
R194 econ.promote_economic_development
R195 soc.business_capacity
R196 UNKNOWN
R197 UNKNOWN
R198 UNKNOWN
R199 UNKNOWN
R200 soc.business_capacity
R201 UNKNOWN
R211 qual.task_completion
R212 qual.acceptance_pass_rate
R213 qual.compliance_rate
R214 qual.acceptance_pass_rate
R215 qual.acceptance_pass_rate
R216 UNKNOWN
R218 soc.business_capacity
R228 qual.task_completion
R229 qual.task_completion
R231 UNKNOWN
R232 time.report_submission
R233 qual.report_adoption_rate
R234 UNKNOWN
R237 UNKNOWN
R241 UNKNOWN
R242 sust.sustainable_generic   # the name cell holds the 二级 label 可持续影响
R243 sust.sustainable_generic
R253 qual.task_completion
R254 UNKNOWN
R255 UNKNOWN
R256 soc.business_capacity
R257 soc.business_capacity
R258 UNKNOWN
R262 econ.promote_economic_development
R263 soc.social_influence
R264 UNKNOWN
R267 UNKNOWN
R268 sat.service_object
R278 qual.equipment_availability
R279 qual.equipment_availability
R280 qual.task_completion
R281 qual.task_completion
R282 qual.task_completion
R283 UNKNOWN
R285 UNKNOWN
R301 qual.task_completion
R302 qual.task_completion
R304 UNKNOWN
R305 UNKNOWN
R306 sust.systems_established
R307 UNKNOWN
R308 qty.emergency_supplies
R309 qty.drills
R310 UNKNOWN
R311 UNKNOWN
R312 UNKNOWN
R313 UNKNOWN
R314 UNKNOWN
R315 UNKNOWN
R316 qual.task_completion
R317 qual.task_completion
R318 qual.task_completion
R319 qual.task_completion
R320 qual.task_completion
R322 UNKNOWN
R324 UNKNOWN
R335 UNKNOWN
R336 qual.task_completion    # 到位率 of a purchase = completion (as R74)
R337 qual.equipment_availability
R338 cost.cost_control_rate
R350 qual.coverage_generic
R351 qual.task_completion
R352 qual.task_completion
R353 qual.task_completion
R354 qual.compliance_rate
R355 qual.acceptance_pass_rate
R356 time.completion_timeliness
R357 time.completion_timeliness
R358 time.completion_timeliness
R359 cost.equipment_unit_cost
R360 UNKNOWN
R361 soc.policy_awareness
R362 soc.government_image
R363 soc.social_influence
R364 soc.government_image
R365 sat.inspected_party
"""


CONCEPTS[SHUANGGAO] = """
R2 UNKNOWN
R3 UNKNOWN
R4 UNKNOWN
R5 UNKNOWN
R6 UNKNOWN
R7 UNKNOWN
R8 UNKNOWN
R9 econ.tech_transfer_income
R10 qual.patents_granted
R11 UNKNOWN
R12 UNKNOWN
R13 UNKNOWN
R14 UNKNOWN
R15 UNKNOWN
R16 qty.courses_developed
R17 UNKNOWN
R18 qual.coverage_generic
R19 UNKNOWN
R20 qty.information_systems_built
R21 qty.courses_developed
R22 qty.courses_developed
R23 qual.training_attendance   # training coverage of teachers = 参训率
R24 qty.talents_recruited
R25 qty.talents_recruited
R26 qty.talents_trained
R27 UNKNOWN
R28 qual.teacher_qualification
R29 UNKNOWN
R30 qual.coverage_generic
R31 UNKNOWN         # 实训基地 count: no concept
R32 qty.information_systems_built
R33 UNKNOWN
R34 qty.courses_developed    # a training package is packaged course material
R35 UNKNOWN
R36 qty.vocational_training
R37 UNKNOWN         # skill assessments (not training)
R38 UNKNOWN
R39 qual.coverage_generic
R40 qual.coverage_generic
R41 UNKNOWN
R42 qty.information_systems_built
R43 UNKNOWN
R44 qty.vocational_training
R45 qty.vocational_training
R46 qty.standards_drafted
R47 qty.courses_developed
R48 qty.talents_trained
R49 UNKNOWN
R50 qty.research_reports
R51 qty.standards_drafted
R52 UNKNOWN
R53 UNKNOWN
R54 UNKNOWN
R55 UNKNOWN
R56 qty.standards_drafted
R57 UNKNOWN
R58 qty.courses_developed
R59 UNKNOWN
R60 qty.courses_developed
R61 qty.policy_documents
R62 UNKNOWN
R63 qty.academic_exchange
R64 UNKNOWN
R65 UNKNOWN
R66 qty.courses_developed
R67 UNKNOWN
R68 UNKNOWN
R69 qty.courses_developed
R70 UNKNOWN         # national-level selection, not an award: no concept
R71 qual.assessment_grade     # 验收结果
R72 UNKNOWN
R73 qual.awards
R74 UNKNOWN
R75 UNKNOWN
R76 qual.assessment_grade
R77 econ.economic_benefit_generic
R78 UNKNOWN
R79 UNKNOWN
R80 UNKNOWN
R81 qual.awards
R82 qual.awards
R83 soc.graduate_employment_rate
R84 UNKNOWN
R85 qual.awards
R86 qual.awards
R87 UNKNOWN
R88 UNKNOWN
R89 UNKNOWN
R90 qty.research_projects
R91 UNKNOWN
R92 UNKNOWN
R93 qual.awards
R94 UNKNOWN
R95 UNKNOWN
R96 qual.awards
R97 qual.awards
R98 UNKNOWN
R99 UNKNOWN
R100 qty.research_projects
R101 UNKNOWN
R102 qual.assessment_grade
R103 qual.awards
R104 qual.vocational_certificates   # passing the skill evaluation = obtaining the certificate
R105 qty.high_tech_enterprises      # firms certified as 专精特新/瞪羚
R106 soc.teaching_quality
R107 UNKNOWN
R108 qual.awards
R109 UNKNOWN
R110 UNKNOWN
R111 soc.social_influence
R112 soc.jobs_created
R113 qual.awards
R114 qty.research_reports
R115 qty.standards_drafted
R116 qty.standards_drafted
R117 qty.standards_drafted
R118 qty.courses_developed
R119 qty.media_reports
R120 qty.visitors
R121 qty.talents_trained
R122 UNKNOWN
R123 UNKNOWN
R124 UNKNOWN
R125 sust.systems_established
R126 UNKNOWN
R127 qty.training_sessions
R128 UNKNOWN
R129 sust.systems_established
R130 UNKNOWN
R131 UNKNOWN
R132 UNKNOWN
R133 UNKNOWN
R134 UNKNOWN
R135 UNKNOWN
R136 qty.talents_trained
R137 UNKNOWN
R138 qty.standards_drafted
R139 UNKNOWN
R140 qual.task_completion
R141 time.budget_execution_rate
R142 time.budget_execution_rate
R143 qual.task_completion
R144 qty.students_served
R145 UNKNOWN
R146 UNKNOWN
R147 UNKNOWN
R148 UNKNOWN        # 示范作用: no concept
R149 UNKNOWN
R150 UNKNOWN
R151 UNKNOWN
R152 sust.industry_development
R153 UNKNOWN
R154 sust.systems_established
R155 sat.student
R156 sat.teacher
"""


CONCEPTS[CAMS] = """
R2 qty.patents_applied
R3 qty.papers_published
R4 qty.tech_extension
R5 qty.academic_exchange
R6 qty.monographs
R7 qty.software_copyrights
R8 qty.standards_drafted
R9 qty.academic_exchange
R10 qty.academic_exchange
R11 qty.talents_recruited
R12 qty.talents_trained
R13 qty.talents_trained
R14 qty.talents_trained
R15 UNKNOWN         # research teams formed: no count concept
R16 qty.academic_exchange
R17 qty.training_sessions
R18 qty.training_sessions
R19 qty.training_participants
R20 qty.academic_exchange
R21 qty.information_systems_built
R22 qty.tech_extension
R23 qty.tech_extension
R24 qty.publicity_reach
R25 UNKNOWN         # countries the results reach
R26 qual.patents_granted
R27 qual.patents_granted
R28 qual.patents_granted
R29 qual.patents_granted
R30 qty.patents_applied
R31 qty.patents_applied
R32 qual.high_level_papers
R33 qual.high_level_papers
R34 qual.high_level_papers
R35 qual.high_level_papers
R36 qual.high_level_papers
R37 soc.research_citations
R38 qual.high_level_papers
R39 qty.monographs
R40 qty.software_copyrights
R41 qty.monographs
R42 qty.monographs
R43 qty.standards_drafted
R44 qty.standards_drafted
R45 qty.standards_drafted
R46 qty.training_sessions
R47 qty.academic_exchange
R48 qual.awards
R49 qty.talents_trained
R50 qty.talents_trained
R51 qual.awards             # honours
R52 qual.awards
R53 UNKNOWN         # office in an academic society
R54 qual.awards
R55 qty.academic_exchange
R56 qty.research_projects
R57 qty.research_projects
R58 soc.research_results_applied
R59 soc.research_results_applied
R60 soc.research_results_applied
R61 UNKNOWN         # platform visits
R62 qty.service_times
R63 UNKNOWN
R64 qty.tech_extension
R65 UNKNOWN
R66 UNKNOWN         # bare slogan 精准扶贫
R67 qty.tech_extension
R68 qty.planting_area       # 推广种植面积
R69 UNKNOWN         # titles/bases obtained: no concept
R70 UNKNOWN         # product yield rate
R71 time.handling_time_limit   # sample turnaround time
R72 time.procurement_timeliness
R73 time.report_submission
R74 time.report_submission
R75 time.research_on_schedule
R76 time.budget_execution_rate
R77 cost.total_project_cost
R78 cost.per_unit_service_cost  # 单位产出成本
R79 cost.per_capita_training_cost
R80 cost.meeting_cost
R81 soc.medical_burden_reduced
R82 soc.medical_burden_reduced
R83 econ.income_raised
R84 econ.cost_savings
R85 econ.tech_transfer_income
R86 econ.tech_transfer_income
R87 econ.cost_savings
R88 econ.tech_transfer_income
R89 UNKNOWN
R90 UNKNOWN
R91 UNKNOWN
R92 UNKNOWN
R93 soc.medical_burden_reduced
R94 soc.tech_breakthroughs
R95 UNKNOWN
R96 UNKNOWN
R97 UNKNOWN
R98 soc.health_literacy     # popular-science knowledge = 健康知识知晓率 in this medical list
R99 sust.research_capacity
R100 sust.research_capacity
R101 econ.tech_transfer_income
R102 sust.industry_development
R103 UNKNOWN
R104 sust.research_capacity
R105 UNKNOWN
R106 UNKNOWN
R107 soc.decision_support
R108 UNKNOWN
R109 econ.income_raised
R110 UNKNOWN        # 投入产出比: no concept
R111 UNKNOWN
R112 UNKNOWN
R113 soc.jobs_created
R114 soc.poverty_gains_consolidated
R115 UNKNOWN
R116 UNKNOWN
R117 eco.biodiversity
R118 UNKNOWN        # emissions meeting a standard: no non-filler concept
R119 sust.research_capacity
R120 UNKNOWN
R121 UNKNOWN
R122 UNKNOWN
R123 soc.decision_support
R124 UNKNOWN
R125 soc.decision_support
R126 sust.talent_pipeline
R127 UNKNOWN
R128 soc.social_influence
R129 UNKNOWN
R130 soc.health_improved
R131 UNKNOWN
R132 UNKNOWN
R133 UNKNOWN
R134 UNKNOWN
R135 UNKNOWN
R136 soc.social_influence
R137 UNKNOWN
R138 sust.industry_development
R139 UNKNOWN
R140 soc.decision_support
R141 UNKNOWN
R142 sat.patient
R143 sat.researchers
R144 sat.researchers
R145 sat.supervising_body
R146 sat.service_object
R147 sat.researchers
R148 sat.supervising_body
R149 sat.host_unit
R150 sat.participant
R151 sat.supervising_body
R152 sat.enterprise
R153 sat.trainee
R154 sat.participant
R155 sat.researchers
R156 sat.system_user
"""

CONCEPTS[RAPTOR] = """
R2 cost.basic_pension_standard
R3 soc.jobs_created
R4 qty.entrepreneurs_supported
R5 qty.teaching_hours
R6 qual.grassroots_staff_appraisal
R7 qual.disbursement_accuracy
R8 time.staff_arrival
R9 time.funds_arrival_timeliness
R10 soc.reemployment
R11 soc.reemployment
R12 qual.pension_coverage
R13 qty.startups_supported
R14 soc.grassroots_retention
R15 qual.coverage_generic
R16 soc.employment_stability
R17 sat.public
R18 sat.employment_service
R19 sat.employment_service
R20 sat.host_unit
R21 cost.basic_pension_standard
R22 qty.entrepreneurship_loans
R23 soc.jobs_created
R24 qty.entrepreneurs_supported
R25 qual.loan_repayment_rate
R26 qual.disbursement_accuracy
R27 time.funds_arrival_timeliness
R28 qual.fund_compliance
R29 time.budget_execution_rate
R30 soc.reemployment
R31 soc.reemployment
R33 qty.startups_supported
R36 sat.public
R37 soc.jobs_created
R38 soc.reemployment
R39 qty.entrepreneurs_supported
R40 qty.entrepreneurs_supported
R41 qty.vocational_training
R42 qty.insurance_net_increase
R43 qty.social_security_cards
R44 qty.inspections
R45 qual.training_pass_rate
R46 time.case_timeliness
R47 time.case_timeliness
R48 qual.insurance_enrollment_rate
R49 sat.service_object
"""

CONCEPTS[GX] = """
R2 qty.training_sessions
R3 qty.training_participants
R4 qty.training_duration
R5 qual.training_completion
R6 qual.training_pass_rate
R7 time.training_on_schedule
R8 cost.per_capita_training_cost
R9 sat.trainee
R10 qty.research_projects
R11 qty.research_reports
R12 qty.equipment_purchased
R13 soc.tech_breakthroughs
R14 sat.complaints
"""


def read_tsv(path: Path) -> list[dict]:
    """Rows of one library TSV with their file line numbers (header = line 1)."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = []
        for line, record in enumerate(reader, start=2):
            if None in record or any(v is None for v in record.values()):
                raise SystemExit(f"{path.name}: line {line}: wrong number of tab-separated cells; fix the TSV.")
            rows.append({"line": line, **record})
    return rows


def parse_judgements(source_file: str, text: str) -> dict[int, dict]:
    """Judgement lines -> {line number: labels}; every malformed line is an error naming it."""
    out: dict[int, dict] = {}
    for number, raw in enumerate(text.strip().splitlines(), start=1):
        if raw.count("|") > 3:
            raise SystemExit(f"JUDGEMENTS[{source_file}] line {number}: '|' separates fields; do not use it in a note.")
        parts = [p.strip() for p in raw.split("|")]
        where = f"JUDGEMENTS[{source_file}] line {number} ({raw[:40]!r})"
        if len(parts) < 3 or not parts[0].startswith("R"):
            raise SystemExit(f"{where}: expected 'R<line> | name | dimension value_kind vague boilerplate | note'.")
        labels = parts[2].split()
        if len(labels) not in (4, 5):
            raise SystemExit(f"{where}: labels must be 'dimension value_kind vague boilerplate [concept]'.")
        dimension, value_kind, vague, boilerplate = labels[:4]
        if dimension not in DIMENSIONS:
            raise SystemExit(f"{where}: dimension {dimension!r} is not one of {', '.join(DIMENSIONS)}.")
        if value_kind not in VALUE_KINDS:
            raise SystemExit(f"{where}: value_kind {value_kind!r} is not one of {', '.join(VALUE_KINDS)}.")
        if vague not in ("0", "1") or boilerplate not in ("0", "1"):
            raise SystemExit(f"{where}: vague and boilerplate must be 0 or 1.")
        line = int(parts[0][1:])
        if line in out:
            raise SystemExit(f"{where}: R{line} is judged twice.")
        out[line] = {
            "name": parts[1], "dimension": dimension, "value_kind": value_kind, "vague": vague,
            "boilerplate": boilerplate, "concept": labels[4] if len(labels) == 5 else "",
            "note": parts[3] if len(parts) > 3 else "",
        }
    return out


def parse_concepts(source_file: str, text: str) -> dict[str, str]:
    """Concept lines -> {"R<line>": concept id}."""
    out: dict[str, str] = {}
    for number, raw in enumerate(text.strip().splitlines(), start=1):
        parts = raw.split("#", 1)[0].split()
        if not parts:
            continue
        if len(parts) != 2 or not parts[0].startswith("R"):
            raise SystemExit(f"CONCEPTS[{source_file}] line {number} ({raw!r}): expected 'R<line> <concept id>'.")
        if parts[0] in out:
            raise SystemExit(f"CONCEPTS[{source_file}] line {number}: {parts[0]} has two concepts.")
        out[parts[0]] = parts[1]
    return out


def label_rows(corpus: Path, *, require_all: bool) -> list[dict]:
    """All rows of the five TSVs that have a judgement (directly or as a duplicate of a judged row)."""
    out = []
    for source_file in SOURCE_FILES:
        rows = read_tsv(corpus / source_file)
        judged = parse_judgements(source_file, JUDGEMENTS.get(source_file, ""))
        concepts = parse_concepts(source_file, CONCEPTS.get(source_file, ""))
        by_text: dict[tuple, dict] = {}
        lines = {r["line"]: r for r in rows}
        for line, labels in judged.items():
            if line not in lines:
                raise SystemExit(f"JUDGEMENTS[{source_file}]: R{line} is not a data line of the TSV.")
            row = lines[line]
            if row["三级指标"] != labels["name"]:
                raise SystemExit(f"JUDGEMENTS[{source_file}]: R{line} names {labels['name']!r} but the TSV has {row['三级指标']!r}.")
            text = (row["三级指标"], row["指标值"], row["计量单位"])
            if text in by_text:
                raise SystemExit(f"JUDGEMENTS[{source_file}]: R{line} repeats the text of an earlier judged row; judge it once.")
            if not row["指标值"].strip() and labels["value_kind"] == "empty" and labels["vague"] != "1":
                raise SystemExit(f"JUDGEMENTS[{source_file}]: R{line}: value_kind empty requires vague 1 (LABELLING.md).")
            concept = concepts.get(f"R{line}", labels["concept"])
            by_text[text] = {**labels, "concept": concept}
        stray = set(concepts) - {f"R{line}" for line in judged}
        if stray:
            raise SystemExit(f"CONCEPTS[{source_file}]: {', '.join(sorted(stray))} are not judged rows "
                             "(give the concept on the first row of a text).")
        missing = []
        for row in rows:
            labels = by_text.get((row["三级指标"], row["指标值"], row["计量单位"]))
            if labels is None:
                missing.append(row["line"])
                continue
            note = "; ".join(p for p in (labels["note"], provenance_note(source_file, row["source_path"])) if p)
            out.append({
                "source_kind": "library", "source_file": source_file, "row_locator": f"R{row['line']}",
                "group": group_of(source_file, row["source_path"]), "sector": SECTORS[source_file],
                "l1_filed": row["一级指标"], "l2_filed": row["二级指标"], "name": row["三级指标"],
                "description": "", "value_raw": row["指标值"], "unit": row["计量单位"], "transcribed": "0",
                "dimension": labels["dimension"], "concept": labels["concept"],
                "value_kind": labels["value_kind"], "vague": labels["vague"],
                "boilerplate": labels["boilerplate"], "note": note,
            })
        if missing and require_all:
            raise SystemExit(f"{source_file}: rows without a judgement: "
                             + ", ".join(f"R{n}" for n in missing[:20]) + ("…" if len(missing) > 20 else ""))
    check_consistency(out)
    return out


def check_consistency(rows: list[dict]) -> None:
    """Rows that deduplicate to the same key (normalised name + value) must carry the same labels."""
    seen: dict[str, dict] = {}
    for row in rows:
        key = row_key(row["name"], row["value_raw"])
        labels = {c: row[c] for c in ("dimension", "concept", "value_kind", "vague", "boilerplate")}
        if key in seen and seen[key]["labels"] != labels:
            raise SystemExit(f"{row['source_file']} {row['row_locator']} and {seen[key]['where']}: same text, "
                             f"different labels {labels} vs {seen[key]['labels']}; make them agree.")
        seen.setdefault(key, {"labels": labels, "where": f"{row['source_file']} {row['row_locator']}"})


def write_rows(path: Path, rows: list[dict]) -> None:
    """UTF-8 CSV; cells are written verbatim (value_raw such as "-0%" must not gain a quote mark)."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(SOURCE_COLUMNS))
            writer.writeheader()
            writer.writerows(rows)


def validate_concepts(rows: list[dict]) -> None:
    """Every chosen concept exists and accepts the row's dimension (Taxonomy.validate_label)."""
    from nlp.taxonomy import TaxonomyError, load_taxonomy

    taxonomy = load_taxonomy()
    for row in rows:
        concept = row["concept"]
        if concept in ("", "UNKNOWN"):
            continue
        try:
            taxonomy.validate_label(row["dimension"], concept)
        except TaxonomyError as exc:
            raise SystemExit(f"{row['source_file']} {row['row_locator']} ({row['name']}): {exc}") from None


def suggest_concepts(rows: list[dict], out: Path, limit: int = 6) -> int:
    """Write a review sheet: one line per judged row with the exact lookup() hit and the
    closest concepts by fuzzy match (same dimension first). Suggestions only: every
    concept in CONCEPTS is decided by reading the row."""
    from rapidfuzz import fuzz, process

    from nlp.taxonomy import load_taxonomy
    from nlp.text import normalize_for_matching

    taxonomy = load_taxonomy()
    choices: dict[str, str] = {}
    for concept in taxonomy.concepts.values():
        for text in (concept.name, *concept.aliases, *concept.phrasings):
            choices.setdefault(normalize_for_matching(text), concept.id)
    seen: set[tuple] = set()
    lines = ["source_file\trow\tname\tvalue\tdimension\tlookup\tcandidates"]
    for row in rows:
        text = (row["source_file"], row["name"], row["value_raw"], row["unit"])
        if text in seen:
            continue
        seen.add(text)
        hit = taxonomy.lookup(row["name"])
        scored: dict[str, float] = {}
        for choice, score, _ in process.extract(normalize_for_matching(row["name"]), list(choices),
                                                scorer=fuzz.WRatio, limit=40):
            cid = choices[choice]
            scored[cid] = max(scored.get(cid, 0), score)
        ranked = sorted(scored.items(), key=lambda kv: (taxonomy.concepts[kv[0]].accepts_dimension(row["dimension"]), kv[1]),
                        reverse=True)[:limit]
        cands = "; ".join(f"{cid}={taxonomy.concepts[cid].name}({taxonomy.concepts[cid].dimension},{score:.0f})"
                          for cid, score in ranked)
        lines.append("\t".join((row["source_file"][:12], row["row_locator"], row["name"], row["value_raw"],
                                row["dimension"], hit.id if hit else "", cands)))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="folder holding the five library TSVs")
    parser.add_argument("--out", type=Path, default=Path("training_data/sources/libraries.csv"))
    parser.add_argument("--partial", action="store_true", help="write judged rows only (work in progress)")
    parser.add_argument("--suggest-concepts", type=Path, metavar="TSV",
                        help="write concept candidates for review to TSV instead of the CSV")
    args = parser.parse_args(argv)
    rows = label_rows(args.corpus, require_all=not args.partial)
    if args.suggest_concepts:
        print(f"{suggest_concepts(rows, args.suggest_concepts)} distinct rows -> {args.suggest_concepts}")
        return 0
    if any(r["concept"] not in ("", "UNKNOWN") for r in rows):
        validate_concepts(rows)
    write_rows(args.out, rows)
    counts = Counter(r["dimension"] for r in rows)
    print(f"{len(rows)} rows -> {args.out}; " + ", ".join(f"{d} {counts[d]}" for d in DIMENSIONS if counts[d]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
