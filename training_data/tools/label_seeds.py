"""Shared helpers for the hand-curated source sheets (seeds / xlsx / public).

The rules here only *suggest* labels; every row is then read and the
decision recorded in the per-source override tables of label_*.py.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

COLUMNS = (
    "source_kind", "source_file", "row_locator", "group", "sector", "l1_filed", "l2_filed",
    "name", "description", "value_raw", "unit", "transcribed", "dimension", "concept",
    "value_kind", "vague", "boilerplate", "note",
)

CORPUS = Path("/work/shared/corpus")
OUT_DIR = Path(__file__).resolve().parents[1] / "sources"

# Generic filler 三级 names that fit any project (LABELLING.md, boilerplate).
BOILERPLATE_NAMES = (
    "社会稳定水平", "社会影响力", "社会影响度", "业务保障能力提升", "满足生态环保要求", "经济效益增加值",
    "经济效应指标", "可持续性服务", "保障单位正常运转", "财政配套及时到位", "提高效率", "可持续影响",
    "长期使用", "长期实用性", "长期使用性", "长期运转", "长期开展", "社会效益", "经济效益指标", "社会保障类产出指标",
    "业务保障", "预计成本", "预算成本", "不超过预算", "项目实现功能", "社会保障制度更加公平可持续",
)

EMPTY_VALUES = {"", "/", "-", "—", "——", "无", "／", "－", "\\"}

VAGUE_WORDS = (
    "有效", "明显", "逐步", "持续", "长期", "稳定", "良好", "提升", "提高", "增强", "改善", "保障",
    "不超预算", "不超过年初预算", "有所", "显著", "不断", "较好", "进一步", "加强", "减少", "降低", "下降",
)

GRADED_RE = re.compile(r"^(优|良|中|差|优秀|良好|好|较好|是|否|达标|合格|全覆盖|全部到位|已完成|完成|应保尽保|应改尽改|正常|无|有)$")
DATE_RE = re.compile(
    r"((?<!\d)(?:19|20)\d{2}\s*年|(?<![\d.])(?:19|20)\d{2}[-./]\d{1,2}|\d{1,2}\s*月(底|末|份|前|\d)|年底|年末|年内|季度|上半年|下半年|\d+\s*个?月|\d+\s*年$|"
    r"\d+\s*(个)?工作日|\d+\s*(小时|分钟)|日前|月前|12月31日)"
)


def norm(text: str) -> str:
    return re.sub(r"[\s，。,.;；:：()（）%％“”\"'、]", "", text or "")


def suggest_value_kind(name: str, description: str, value: str) -> str:
    v = (value or "").strip()
    if v in EMPTY_VALUES:
        return "empty"
    nv = norm(v)
    if nv and (nv == norm(name) or nv == norm(description)):
        return "copy"
    if DATE_RE.search(v):
        return "date"
    if re.search(r"\d", v):
        return "quant"
    if GRADED_RE.match(nv):
        return "graded"
    return "vague"


def suggest_dimension(name: str, description: str, value: str, l2_filed: str) -> str:
    n = name or ""
    text = n + " " + (description or "")
    if "满意" in n:
        return "满意度"
    if "知晓" in n:
        return "社会效益"
    if re.search(r"及时|时限|时间|按时|进度|时效", n):
        return "时效"
    if re.search(r"成本|预算|补助标准|经费|费用$|单价", n) or re.search(r"万元|元$", value or ""):
        return "经济成本"
    if re.search(r"合格率|达标率|准确率|完成率|覆盖率|到位率|结算率|办结率|执行率|正确率|参保率|保障率|运行率|整改率|落实率|质量", n):
        return "质量"
    if re.search(r"人数|次数|人次|数量|份数|场次|户数|个数|家数", n):
        return "数量"
    if re.search(r"生态|环保|环境", n):
        return "生态效益"
    if re.search(r"可持续|长效|长期|机制|制度", n):
        return "可持续影响"
    if re.search(r"经济效益|增收|节约|节本", n):
        return "经济效益"
    if re.search(r"社会|群众|负担|稳定|影响", n):
        return "社会效益"
    l2 = l2_filed or ""
    for key, dim in (("数量", "数量"), ("质量", "质量"), ("时效", "时效"), ("社会成本", "社会成本"),
                     ("生态环境成本", "生态环境成本"), ("成本", "经济成本"), ("经济效益", "经济效益"),
                     ("社会效益", "社会效益"), ("生态", "生态效益"), ("可持续", "可持续影响"), ("满意", "满意度")):
        if key in l2:
            return dim
    return ""


def suggest_boilerplate(name: str) -> int:
    n = norm(name)
    return int(any(n == norm(b) for b in BOILERPLATE_NAMES))


def suggest_vague(value_kind: str, boilerplate: int) -> int:
    if value_kind in ("empty", "vague", "copy"):
        return 1
    return 0


def make_row(**kw) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update({k: v for k, v in kw.items() if k in row})
    if not row["value_kind"]:
        row["value_kind"] = suggest_value_kind(row["name"], row["description"], row["value_raw"])
    if not row["dimension"]:
        row["dimension"] = suggest_dimension(row["name"], row["description"], row["value_raw"], row["l2_filed"])
    if row["boilerplate"] == "":
        row["boilerplate"] = suggest_boilerplate(row["name"])
    if row["vague"] == "":
        row["vague"] = suggest_vague(row["value_kind"], int(row["boilerplate"]))
    if row["transcribed"] == "":
        row["transcribed"] = 0
    if not row["concept"]:
        row["concept"] = ""
    return row


def apply_overrides(rows: list[dict], overrides: dict) -> None:
    """overrides: {(source_file, row_locator) or row_locator: {field: value}}; a locator may
    hold several rows (prose lines) — then the key is (locator, name)."""
    for row in rows:
        for key in ((row["source_file"], row["row_locator"], row["name"]), (row["source_file"], row["row_locator"])):
            if key in overrides:
                row.update({k: v for k, v in overrides[key].items()})
                break


def write_rows(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow(r)
    tmp.replace(path)


# ---------------------------------------------------------------- seeds reader
SEED_GROUPS = {"000": "seed:000", "001": "seed:001", "003": "seed:003", "004": "seed:004"}


def _blocks(lines: list[str]):
    """Yield (first_line, last_line, cells) for runs of tab-led lines; a non-tab,
    non-blank line inside a run continues the previous cell (Word line break)."""
    cur: list[str] = []
    start = end = 0
    for i, line in enumerate(lines, 1):
        if line.startswith("\t"):
            if not cur:
                start = i
            cur.append(line[1:])
            end = i
        elif line.strip() and cur:
            cur[-1] = cur[-1] + line.strip()
            end = i
        elif line.strip():
            yield i, i, None  # free text between tables ends any open table
        else:
            if cur:
                yield start, end, cur
            cur = []
    if cur:
        yield start, end, cur


def read_grid_tables(rel: str, stop_line: int = 10**9) -> list[dict]:
    """Tables whose header block is 一级指标/二级指标/三级指标/...; rows are blocks of
    one-cell-per-line; a short block is the rest of the previous row (page/line break)."""
    lines = (CORPUS / rel).read_text(encoding="utf-8").split("\n")
    out = []
    header = None
    pending = None
    for start, end, cells in _blocks(lines):
        if cells is None or start > stop_line:
            header = None
            pending = None
            continue
        stripped = [c.strip() for c in cells]
        if "三级指标" in stripped and "一级指标" in stripped:
            header = stripped
            l1 = l2 = ""
            pending = None
            continue
        if header is None:
            continue
        if pending is not None:
            pcells, pstart = pending
            cells = pcells + cells
            start = pstart
            stripped = [c.strip() for c in cells]
            pending = None
        if len(cells) < len(header):
            if len(cells) >= 3 and any(stripped):
                pending = (cells, start)
                continue
            header = None
            continue
        col = {h: i for i, h in enumerate(header) if h}
        get = lambda h: stripped[col[h]] if h in col and col[h] < len(stripped) else ""  # noqa: E731
        if get("一级指标"):
            l1 = get("一级指标")
        if get("二级指标"):
            l2 = get("二级指标")
        name = get("三级指标")
        value = get("指标值") or get("预期指标值（包含数字及文字描述）")
        if not name and not value:
            continue
        out.append(dict(l1_filed=l1, l2_filed=l2, name=name, description=get("绩效指标描述"),
                        value_raw=value, row_locator=f"L{start}-{end}"))
    return out


def read_inline_table(rel: str, first: int, last: int) -> list[dict]:
    """001's 部门整体支出绩效目标表: one row per line, cells tab-separated but shifted
    by merged cells; the 三级 cell is the one starting 指标N：, the value the cell after it."""
    lines = (CORPUS / rel).read_text(encoding="utf-8").split("\n")
    out = []
    l1 = l2 = ""
    for i in range(first, last + 1):
        cells = [c.strip() for c in lines[i - 1].split("\t")]
        idx = next((k for k, c in enumerate(cells) if re.match(r"^指标\d+[:：]", c) or c == "不适用"), None)
        if idx is None:
            continue
        for c in cells[:idx]:
            if c.endswith("指标") and c not in ("绩效指标",):
                if c in ("产出指标", "效益指标", "满意度指标") and not c.endswith("满意度指标") or c in ("产出指标", "效益指标"):
                    l1 = c
                else:
                    l2 = c
        if cells[:idx] and cells[0] == "满意度指标":
            l1 = "满意度指标"
        rest = [c for c in cells[idx + 1:] if c]
        out.append(dict(l1_filed=l1, l2_filed=l2, name=cells[idx], description="",
                        value_raw=rest[0] if rest else "", row_locator=f"L{i}"))
    return out


_PROSE_SPLIT = re.compile(r"^(.*?)((?:达|＞|>|≥|≧|<|≤)?\s*\d[\d.]*\s*(?:%|％|次|人次/日|人次)?(?:以上)?)$")


def read_prose_targets(rel: str, line_nos: list[int]) -> list[dict]:
    """部门整体 prose lines '绩效指标：A≥95%；B及时；C达95%以上' -> one row per target."""
    lines = (CORPUS / rel).read_text(encoding="utf-8").split("\n")
    out = []
    for n in line_nos:
        text = lines[n - 1].strip()
        body = text.split("绩效指标：", 1)[1]
        for part in [p.strip() for p in body.split("；") if p.strip()]:
            m = _PROSE_SPLIT.match(part)
            if m and m.group(1):
                name, value = m.group(1), m.group(2)
            elif part.endswith("及时"):
                name, value = part[:-2], "及时"
            else:
                name, value = part, ""
            out.append(dict(l1_filed="", l2_filed="", name=name, description="", value_raw=value,
                            row_locator=f"L{n}"))
    return out


# 003 附件 绩效评价指标体系 (L989-1369): 一级 cells are free-text lines ("项目\n决策\n(18分)"),
# each row's 分值/自评/指标说明 sit in a second block; read by eye, cells copied verbatim.
# (row_locator, l1, l2, 三级, 标准值, 指标说明)
SEED003_FRAMEWORK = [
    ("L1003-1014", "项目决策(18分)", "决策依据", "贯彻中央医疗保障制度改革有关医疗保障能力建设决策部署", "依据中央和国务院深化医疗保障制度改革的意见进行决策", "用以反映和考核各级医保部门贯彻中央医疗保障制度改革有关医疗保障能力建设决策部署情况和《十四五”全民医疗保障规划》有关医保服务能力提升的决策部署"),
    ("L1016-1025", "项目决策(18分)", "决策依据", "执行预算绩效管理和资金管理办法", "决策符合预算绩效管理要求和资金管理办法", "用以反映和考核决策是否符合预算绩效管理要求和资金管理办法"),
    ("L1027-1037", "项目决策(18分)", "决策过程", "决策程序规范", "程序合规完整", "用以反映和考核项目决策规范程度"),
    ("L1039-1049", "项目决策(22分)", "绩效目标", "绩效目标设置科学", "遵照财政厅和省医疗保障局下达的年度总体目标和具体绩效指标", "用以反映绩效目标的设置情况"),
    ("L1051-1060", "项目决策(22分)", "绩效目标", "绩效目标分解细化", "对财政厅和省医疗保障局下达的年度绩效目标结合实际进行分解细化", "用以反映绩效目标的分解情况"),
    ("L1062-1070", "项目决策(22分)", "资金分配", "资金分配规范性", "按规定时限下达资金", "用以反映资金分配的规范性"),
    ("L1072-1081", "项目决策(22分)", "资金分配", "资金分配合理性", "符合预算管理和医疗服务与保障能力提升补助资金管理要求", "用以反映预算资金分配的合理性"),
    ("L1083-1092", "过程管理（22分）", "资金管理", "预算执行率", "≥90%", "用以反映和考核项目预算执行情况"),
    ("L1094-1102", "过程管理（22分）", "资金管理", "资金使用合规性", "资金使用符合相关规定", "用以反映和考核项目资金的规范运行情况"),
    ("L1104-1112", "过程管理（22分）", "资金管理", "资金监管有效性", "监管措施有力", "用以反映各级部门资金管理、监管的措施和执行情况"),
    ("L1114-1123", "过程管理（22分）", "组织管理", "管理制度健全有效性", "制度健全且执行有效", "用以反映各级部门项目管理、监管的措施和执行情况"),
    ("L1125-1133", "过程管理（22分）", "组织管理", "绩效评价机制健全性", "全面实现绩效管理", "用以反映全过程预算绩效管理情况"),
    ("L1135-1147", "项目产出（50分）", "数量指标", "召开医保工作省级新闻发布会和政策吹风会", "≥2次", "召开医保工作政府信息公开省级工作会的情况（此项无填0分）"),
    ("L1149-1158", "项目产出（50分）", "数量指标", "推进医保政府信息公开", "医保政府信息", "提升政府信息公开工作的透明性和公开性"),
    ("L1160-1170", "项目产出（50分）", "数量指标", "在官方网站或微信公众号发布政策文件和解读", "实现医保信息公开", "在官方网站或微信公众号发布医保政策文件和解读情况"),
    ("L1172-1181", "项目产出（50分）", "数量指标", "报送工作信息情况", "工作信息报送及时，质量较高", "向市、省医疗保障局、国家医保局办公室报送政务信息，包括亮点工作、问题反映或政策建议"),
    ("L1183-1192", "项目产出（50分）", "数量指标", "医保规范性文件和政策措施的合法性审查、公平竞争审查", "全覆盖", "医保规范性文件和政策措施的合法性审查、公平竞争审查情况"),
    ("L1194-1205", "项目产出（50分）", "数量指标", "医保信息系统验收合格率", "≥90%", "报告期内新建医保信息系统项目验收合格数量占新建医保信息系统项目数量的比重"),
    ("L1207-1220", "项目产出（50分）", "数量指标", "医保信息系统正常运行率", "≥90%", "报告期内完工并正常运行的医保信息系统数量占完工医保信息系统数量的比重"),
    ("L1222-1232", "项目产出（50分）", "数量指标", "医保信息系统重大安全事件响应时间", "≤60分钟", "信息系统发生重点安全事件做出响应的时间"),
    ("L1234-1244", "项目产出（50分）", "数量指标", "医保信息系统运行维护响应时间", "≤30分钟", "医保信息系统故障运行维护的响应时间"),
    ("L1246-1257", "项目产出（50分）", "数量指标", "飞行监督检查覆盖率", "100%", "对定点医疗机构和定点零售药店监督检查全覆盖"),
    ("L1259-1269", "项目产出（50分）", "数量指标", "推行医保支付方式改革和DRG、DIP试点", "逐步推开", "通过省级政府出台支付改革文件,国家试点进展情况,试点监测评估结果等衡量"),
    ("L1271-1282", "项目产出（50分）", "质量指标", "医保法治建设能力", "有所提高", "用以反映医保法治建设能力情况"),
    ("L1284-1293", "项目产出（50分）", "质量指标", "基金预警和风险防控能力", "有所提高", "用以反映基金预警和风险防控能力情况"),
    ("L1295-1304", "项目产出（50分）", "质量指标", "医保标准化水平", "显著提升", "用以反映标准化建设项目资金的效果"),
    ("L1306-1316", "项目产出（50分）", "质量指标", "医保经办服务能力", "有所提升", "用以反映医保经办机构的服务能力,可依据第三方评估结果（部分地区）"),
    ("L1318-1328", "项目产出（50分）", "质量指标", "医保综合监管能力", "显著提升", "用以反映医保监管项目资金的效果（开展监管的相关记录）"),
    ("L1330-1342", "项目产出（50分）", "质量指标", "跨省异地就医直接结算率", "有所提高", "报告期居民医保跨省异地就医直接结算人数占跨省异地就医人数的比重变化情况"),
    ("L1344-1355", "项目产出（50分）", "质量指标", "医保新闻宣传、政府信息工作和政策研究能力等方面培训", "有所提高", "开展医保新闻宣传、政府信息工作和政策研究培训配备医保新闻宣传、政府信息工作和政策研究的刊物、资料"),
    ("L1357-1369", "项目效益（10分）", "服务对象满意度", "工作满意度", "≥85%", "用以反映保障能力提升的效果和社会影响"),
]


# 003 附件2 绩效评价报告, "2．具体绩效指标" (L932-935): prose targets, one per clause.
# (line, 二级 as written, name, value)
SEED003_PROSE = [
    (932, "数量指标", "召开监管业务、待遇保障、DRG、信息化、宣传、人才和经办工作会议及培训", "1次以上"),
    (932, "数量指标", "开展全县定点医疗机构检查", "1次以上"),
    (932, "数量指标", "地方媒体进行医保工作专题报道", "1次以上"),
    (933, "质量指标", "医保信息系统正常运行率", "90%以上"),
    (933, "质量指标", "专项检查违规查处率", "100%"),
    (933, "质量指标", "医保窗口标准化建设验收合格率", "70%以上"),
    (934, "社会效益指标", "医保经办服务信息化水平", "有所提高"),
    (934, "社会效益指标", "医保付费方式力度", "持续增强"),
    (934, "社会效益指标", "医保重要政策知晓率", "90%以上"),
    (934, "社会效益指标", "医保服务能力水平", "显著提升"),
    (934, "社会效益指标", "医保法治建设水平", "逐步提高"),
    (934, "社会效益指标", "符合条件的参保人员跨省异地应医直接结算率", "85%以上"),
    (935, "服务对象满意度", "参保人员对医保服务的满意度", "90%以上"),
    (935, "服务对象满意度", "定点医疗机构对医保管理服务满意度", "90%以上"),
]


SEED_FILES = {
    "000": "seeds/000_f66b596638052c77.txt",
    "001": "seeds/001_ccee6d171f262ac8.txt",
    "003": "seeds/003_4e8feeed9e58872d.txt",
    "004": "seeds/004_b5b5933a0db36905.txt",
}


def seed_rows() -> list[dict]:
    raw: list[tuple[str, dict]] = []
    raw += [("000", r) for r in read_prose_targets(SEED_FILES["000"], [55, 59, 62, 65, 68, 71, 74, 77])]
    raw += [("000", r) for r in read_grid_tables(SEED_FILES["000"])]
    raw += [("001", r) for r in read_inline_table(SEED_FILES["001"], 507, 522)]
    raw += [("003", r) for r in read_grid_tables(SEED_FILES["003"], stop_line=918)]
    raw += [("003", dict(row_locator=loc, l1_filed=l1, l2_filed=l2, name=n, value_raw=v, description=d))
            for loc, l1, l2, n, v, d in SEED003_FRAMEWORK]
    raw += [("003", dict(row_locator=f"L{ln}", l1_filed="", l2_filed=l2, name=n, value_raw=v, description=""))
            for ln, l2, n, v in SEED003_PROSE]
    raw += [("004", r) for r in read_prose_targets(SEED_FILES["004"], [15, 18, 21, 24])]
    raw += [("004", r) for r in read_grid_tables(SEED_FILES["004"])]
    rows = []
    for key, r in raw:
        rows.append(make_row(source_kind="seed", source_file=SEED_FILES[key], group=SEED_GROUPS[key],
                             sector="医保", unit="", **r))
    return rows


# ------------------------------------------------------------ seed decisions
# Decided by reading every row (see /work/shared/corpus/seeds). Keyed by 三级 name when the
# same decision holds for every occurrence in the seeds, else by (file, locator[, name]).
# Fields: d=dimension, k=value_kind, v=vague, b=boilerplate, n=note.
def D(d=None, k=None, v=None, b=None, n=None) -> dict:
    out = {}
    for key, val in (("dimension", d), ("value_kind", k), ("vague", v), ("boilerplate", b), ("note", n)):
        if val is not None:
            out[key] = val
    return out


S000, S001, S003, S004 = (SEED_FILES[k] for k in ("000", "001", "003", "004"))

SEED_BY_NAME = {
    # 000 平乡
    "资金社会化发放率": D("质量"),
    "医疗救助人次数": D("数量"),
    "家庭发展能力": D("社会效益", v=1, n="发展能力 as a % has no measurement basis"),
    "家庭能力提升": D("社会效益", v=1, n="发展能力 as a % has no measurement basis"),
    "家庭能力提高": D("社会效益", v=1, n="发展能力 as a % has no measurement basis"),
    "社会稳定水平": D("社会效益", v=1, b=1, n="社会稳定水平 cannot be measured as a percent"),
    "社会影响力": D("社会效益", v=1, b=1, n="filler; no way to measure 社会影响力 as a percent"),
    "社会影响度": D("社会效益", v=0, b=1, n="filler name; description defines a measurable share (受惠群众比例)"),
    "提高效率": D("社会效益", v=1, b=1, n="filler; no measurable object"),
    "项目实现功能": D("社会效益", v=1, b=1, n="filler; '功能' ≥95% not checkable"),
    "社会保障制度更加公平可持续": D("可持续影响", v=1, b=0, n="slogan with a percent (taxonomy: social-assistance system)"),
    "公众安全感指数(%)": D("社会效益", v=1, b=0, n="pasted from a public-security template; not attributable to a 血糖测量/诊疗 project"),
    "维护基金安全": D("社会效益", v=1, n="基金安全 ≥95% has no measurement basis"),
    "综合事务保障率": D("可持续影响", v=0, b=1, n="365天 of normal operation = 保障正常运转 filler; filed 质量"),
    "项目建设成本": D("经济成本", v=1, n="filed 时效; a cost given as ≥95%: not checkable"),
    "重疾医疗救助人次占总人次比例": D("质量", n="share of 救助人次 going to serious illness (targeting); filed 成本"),
    "受资助人数": D("数量", n="share of insured who are subsidised; filed 质量"),
    "邀请专家人数": D("数量"),
    "保障率": D("质量", n="补助人数/应补助人数 = coverage; filed 数量"),
    "政策范围内报销比例": D("质量", n="reimbursement ratio (benefit level); filed 成本"),
    "按预算资金完成率": D("质量", n="= 预算执行率 (guide: 质量); filed 成本"),
    "参保率": D("质量", n="参保覆盖率 as the project's output (guide)"),
    "提高参保率": D("社会效益", n="framed as the effect of the 代办员 subsidy"),
    "审计决定落实率": D("质量"),
    "任务计划完成率": D("质量"),
    "药品采购完成率": D("质量"),
    "定期培训医护人员": D("质量", k="vague", v=1, n="value is only the word 合格率, no number; filed 成本"),
    "药品质量保障率": D("质量", n="filed 经济效益"),
    "培训程度": D("社会效益", v=1, n="'提高医护人员水平比例' has no measurement basis"),
    "医疗机构满意度": D("经济效益", v=0, n="filed 满意度 but description measures 降低医疗机构运行成本 ≥20%"),
    "提高家庭生活水平": D("社会效益", v=1, n="生活水平 given as a head count (>2.5万人): unit does not fit the name"),
    "医疗保险覆盖率": D("质量"),
    "医疗救助覆盖面": D("质量"),
    "完成率": D("质量", b=0, n="bare 完成率: object not named (plan completion)"),
    "统计调查完成率（%）": D("质量", n="name and description (药品配送使用率) differ"),
    "宣传覆盖率（%）": D("质量"),
    "参保人员待遇到位率": D("质量", n="filed 经济效益"),
    "扶贫工作及时完成率": D("时效", n=">100% unattainable"),
    "扶贫政策宣讲率": D("质量"),
    # 001 丹凤 (部门整体)
    "完成年度工作任务": D("质量"),
    "预决算公开准确性": D("质量", n="filed 时效"),
    "单位资产利用率": D("质量", n="filed 成本; measures asset use efficiency"),
    "政府采购执行率": D("质量"),
    "全县医保基金支出增幅": D("经济效益"),
    "群众看病就医自付比例": D("经济效益", n="自付比例下降 = lower medical burden on patients"),
    "不适用": D("生态效益", k="empty", v=1, n="row marked 不适用 (not applicable)"),
    "推动服务水平": D("社会效益", b=1),
    "积极高效服务群众": D("社会效益", b=1),
    # 003 剑阁 自评表
    "配合上级专项稽核": D("数量", n="≥10天 = days of inspection work, a quantity not a deadline"),
    "保障全县参保群众利益，规范管理医药机构": D("社会效益", n="filed 经济效益"),
    "对减轻区内患者医疗费用负担，保障人民群众医疗权利的作用": D("社会效益"),
    # 003 评价指标体系 (process rows)
    "贯彻中央医疗保障制度改革有关医疗保障能力建设决策部署": D("质量", k="graded", v=0, n="evaluation-framework process row (决策); compliance yes/no, scored by rubric"),
    "执行预算绩效管理和资金管理办法": D("质量", k="graded", v=0, n="process row (决策); compliance yes/no"),
    "决策程序规范": D("质量", k="graded", v=0, n="process row (决策); compliance yes/no"),
    "绩效目标设置科学": D("质量", k="graded", v=0, n="process row (决策); yes/no"),
    "绩效目标分解细化": D("质量", k="graded", v=0, n="process row (决策); yes/no"),
    "资金分配规范性": D("时效", k="graded", v=0, n="process row; 按规定时限 (rubric: 30日内) = timing"),
    "资金分配合理性": D("质量", k="graded", v=0, n="process row; compliance yes/no"),
    "预算执行率": D("质量", n="process row; guide: 预算执行率 → 质量"),
    "资金使用合规性": D("质量", k="graded", v=0, n="process row; compliance yes/no"),
    "资金监管有效性": D("质量", k="vague", v=1, n="process row; '监管措施有力' not checkable"),
    "管理制度健全有效性": D("可持续影响", k="graded", v=0, n="process row; 制度建设"),
    "绩效评价机制健全性": D("可持续影响", k="vague", v=1, n="process row; mechanism; '全面实现绩效管理'"),
    "召开医保工作省级新闻发布会和政策吹风会": D("数量"),
    "推进医保政府信息公开": D("质量", k="copy", v=1, n="value '医保政府信息' is a fragment, not a target"),
    "在官方网站或微信公众号发布政策文件和解读": D("数量", k="vague", v=1, n="count row (rubric ≥31次) but target column says only 实现医保信息公开"),
    "报送工作信息情况": D("质量", k="vague", v=1),
    "医保规范性文件和政策措施的合法性审查、公平竞争审查": D("质量", k="graded", v=0, n="全覆盖 = all documents reviewed; filed 数量"),
    "医保信息系统验收合格率": D("质量", n="filed 数量"),
    "医保信息系统正常运行率": D("质量"),
    "医保信息系统重大安全事件响应时间": D("时效", k="date", n="response duration; filed 数量"),
    "医保信息系统运行维护响应时间": D("时效", k="date", n="response duration; filed 数量"),
    "飞行监督检查覆盖率": D("质量", n="filed 数量"),
    "推行医保支付方式改革和DRG、DIP试点": D("可持续影响", k="vague", v=1, n="reform/mechanism; filed 数量"),
    "医保法治建设能力": D("社会效益", k="vague", v=1, n="管理/法治水平提升 (taxonomy filler 提高管理水平); filed 质量"),
    "基金预警和风险防控能力": D("可持续影响", k="vague", v=1, n="防控机制; filed 质量"),
    "医保标准化水平": D("质量", k="vague", v=1),
    "医保经办服务能力": D("社会效益", k="vague", v=1, n="服务水平提升 (guide); filed 质量"),
    "医保综合监管能力": D("可持续影响", k="vague", v=1, n="capacity; filed 质量"),
    "跨省异地就医直接结算率": D("质量", k="vague", v=1, n="a rate with target '有所提高' (no number)"),
    "医保新闻宣传、政府信息工作和政策研究能力等方面培训": D("数量", k="vague", v=1, n="training; filed 质量"),
    # 003 prose targets (L932-935)
    "医保经办服务信息化水平": D("社会效益", k="vague", v=1),
    "医保付费方式力度": D("可持续影响", k="vague", v=1, n="payment-method reform; filed 社会效益"),
    "医保服务能力水平": D("社会效益", k="vague", v=1),
    "医保法治建设水平": D("社会效益", k="vague", v=1, n="管理/法治水平提升 (taxonomy filler 提高管理水平)"),
    "符合条件的参保人员跨省异地应医直接结算率": D("质量", n="结算率 (guide: 质量); filed 社会效益"),
    # 004 兴隆
    "发放工资保险": D("数量", n="percent target for a payment count"),
    "保障发放": D("质量"),
    "预计成本": D("经济成本", v=1, b=1, n="不超预算 with no amount"),
    "预算成本": D("经济成本", v=1, b=1, n="不超预算 with no amount"),
    "不超过预算": D("经济成本", v=1, b=1, n="不超预算 with no amount"),
    "提高补助": D("经济成本", v=1, b=1, n="name 提高补助 with value 不超预算 (no amount)"),
    "医保业务运转": D("可持续影响", b=1, n="保障正常运行 filler; filed 经济效益"),
    "保障医保业务运转": D("可持续影响", b=1, n="保障运转 filler; filed 经济效益"),
    "保障业务运行": D("可持续影响", b=1, n="保障运转 filler; filed 经济效益"),
    "保障正常运转": D("可持续影响", b=1, n="保障运转 filler; filed 经济效益"),
    "业务保障能力提升": D("社会效益", b=1),
    "业务保障能力提升情况": D("社会效益", b=1, n="filed 经济效益"),
    "业务保障": D("社会效益", b=1),
    "长期实用性": D("可持续影响", b=1),
    "长期使用性": D("可持续影响", b=1),
    "长期使用": D("可持续影响", b=1),
    "长期运转": D("可持续影响", b=1),
    "可持续影响": D("可持续影响", b=1, n="name is the 二级 label itself"),
    "可持续性服务": D("可持续影响", b=1),
    "参保人数": D("数量"),
    "重复参保人数": D("质量", v=0, n="value 无重复参保 (copied from description) is a checkable zero state"),
    "当年各级财政补助资金到位率": D("质量", v=0, n="全部到位 (copy of description) = 100%, checkable; filed 时效"),
    "虚报参保人数": D("质量", v=0, n="无虚报 checkable zero state; filed 成本"),
    "享受财政补助覆盖面": D("质量", v=0, n="全部享受 = full coverage; filed 社会效益"),
    "基金滚存结余可支配月数": D("可持续影响", n="value repeats the name: no target months"),
    "基本公共服务水平": D("社会效益", b=1),
    "财政配套30%": D("经济成本", v=0, n="county matching share 30% (copy of name, but the 30% is checkable); filed 数量"),
    "财政配套及时到位": D("时效", v=1, b=1, n="copy-pasted into every row of the 疫苗款 table regardless of 二级"),
    "享受待遇人员数量": D("数量", n="percent target for a head count"),
    "待遇发放准确性": D("质量"),
    "资金到位及时": D("时效"),
    "长护险费用专款专用": D("质量", n="share of funds used for purpose (compliance); filed 成本"),
    "长护险待遇保障制度": D("可持续影响", n="same name pasted under 可持续/经济效益/社会效益"),
    "二残人员医疗待遇保障制度": D("可持续影响", n="same name pasted under 可持续/经济效益/社会效益"),
    "二残费用专款专用": D("质量", k="copy", v=1, n="value is the 时效 row's description pasted; filed 成本"),
    "补助人数": D("数量", n="percent target for a head count"),
    "补助资金金额": D("数量", n="amount of subsidy disbursed (output amount); filed 质量"),
    "资金及时到位": D("时效"),
    "配套资金用于基金支出": D("经济成本"),
    "满足生态环保要求": D("生态效益", b=1),
    "贫困人口全员补助": D("质量", n="补助比率 = coverage of the target group; filed 数量"),
    "资金到位率": D("质量"),
    "提高贫困人口医疗救助水平资金": D("经济成本"),
    "资金用于提高医疗救助新增资金": D("经济成本"),
    "经济效应指标": D("经济效益", b=1, n="description 经济效益增加值: filler"),
    "经济效益增加值": D("经济效益", b=1),
    "群众投诉下降率%": D("社会效益"),
    "村所覆盖率": D("质量", n="value repeats description (覆盖村所数量); no number"),
    "医保网络运行的质量": D("质量", n="'质量良好' without a grading scale"),
    "完工及时性": D("时效"),
    "方便更多参保群众": D("社会效益"),
    "定点医疗更换牌子": D("数量"),
    "保质量完成": D("质量"),
    "按时完成": D("时效"),
    "医保水平提升": D("社会效益", b=1, n="提高服务水平 filler; filed 经济效益"),
    "保障业务开展": D("社会效益", b=1),
    "医疗救助对象人次规模率": D("质量", n="share of eligible people taken in (coverage); filed 数量"),
    "符合资助的人口资助参保政策覆盖率": D("质量"),
    "市域内“一站式”即时结算覆盖率": D("质量", n="coverage rate; filed 时效"),
    "对健全社会救助体系的影响": D("可持续影响"),
    "困难群众医疗费用负担减轻程度": D("经济效益", n="减轻医疗负担 (guide: 经济效益); no amount"),
    "正常运转率": D("可持续影响", b=1, n="保障正常运转 filler; percent; filed 数量"),
    "合格": D("质量"),
    "完成及时": D("时效"),
    "医疗保障提升": D("社会效益", n="filed 经济效益"),
    "是否所有代办员都发放补助": D("质量", k="graded", v=0, n="yes/no: all 代办员 paid (coverage); filed 数量"),
    "代办员工资是否全员发放": D("质量", k="graded", v=0, n="yes/no"),
    "即时率": D("时效", k="vague", v=1, n="及时发放 without a deadline"),
    "经济效益指标": D("质量", k="copy", v=1, b=1, n="name is the 二级 label; description/value 待遇发放准确性 measures accuracy"),
    "社会效益": D("社会效益", b=1, n="name/description/value all the 二级 label"),
    "社会保障类产出指标": D(b=1, n="name is a category label, not an indicator"),
    "案件调查率达到100%": D("质量", n="rate (调查率) with value embedded in the name; filed 数量"),
    "每个案件都出具认定结果通知": D("质量", v=0, n="every case gets a notice: checkable all-or-none state"),
    "及时对每个案件调查服务": D("时效"),
    "每个调查服务费300元": D("经济成本", v=0, n="unit cost 300元 embedded in the name; value copies it"),
    "每个案件调查服务费": D("经济成本", v=1, n="'固定' with no amount"),
    "确保医保基金运行安全": D("经济效益", n="基金安全 framed as economic effect; no measure"),
    "保障参保居民医疗保险权益": D("社会效益"),
    "培训定点机构人员数量": D("数量", n="percent target for a training head count"),
    "保障培训质量": D("质量"),
    "培训时间与计划比较": D("时效"),
    "资金使用效益": D("经济效益"),
    "业务水平提升": D("社会效益"),
    "解决法律纠纷": D("数量", k="quant", v=0, n="'≥100提供法律服务数量': number fused with the description, no unit"),
    "法律服务质量": D("质量"),
    "及时性": D("时效"),
    "减少医保基金": D("经济效益"),
    "提高医保管理水平": D("社会效益"),
    "政策覆盖深度贫困地区农村贫困人口数量": D("质量", k="graded", v=0, n="全覆盖 = coverage state; filed 数量"),
    "明确保障对象范围": D("质量"),
    "建立规范转诊制度": D("可持续影响", n="制度建设; filed 成本"),
    "一站式结算覆盖地区": D("质量"),
    "农村因病致贫人数": D("社会效益", k="copy", v=1, n="因病致贫下降 (guide: 社会效益); '较上年减少' without amount"),
    "相关保障政策与政府承受能力相适应程度": D("可持续影响"),
    "宣传覆盖人数": D("数量", n="percent target for a head count"),
    "政策知晓度提升": D("社会效益", n="知晓 (guide: 社会效益); no number"),
    "参保率提升": D("社会效益", n="filed 生态效益; effect of publicity on enrolment"),
    "支付进度": D("时效"),
    "保障群众利益": D("社会效益", b=1, n="system running / 群众利益: filler"),
    "飞行检查次数": D("数量", n="percent target for a count; description 及时配合检查"),
    "保障检查质量": D("质量"),
    "检查完成及时率": D("时效"),
    "查处违规行为": D("经济效益"),
    "保障基金安全": D("社会效益"),
    "覆盖率": D("质量", n="bare 覆盖率, object only in description (覆盖率范围)"),
    "质量达标率": D("质量"),
    "节本增效": D("经济效益"),
    "视频会议数量": D("数量", n="percent target for a count"),
    "保障会议质量": D("质量"),
}

SEED_BY_LOC = {
    # 000
    (S000, "L1259-1264"): D("社会效益", k="copy", v=1, n="知晓率 with value ≥476万元: an amount pasted from the budget, not a target for a rate"),
    (S000, "L1100-1105"): D("经济效益", v=0, n="filed 满意度 but description measures 降低医疗机构运行成本 ≥20%"),
    (S000, "L208-213"): D(n="≥ on a unit cost (a cost floor) — unusual direction"),
    (S000, "L1526-1531"): D(n="description cell is '0'"),
    (S000, "L457-462"): D(v=0, n="覆盖率 given in persons (≥5万人): unit does not match the name"),
    (S000, "L878-883"): D(v=0, n="覆盖率 given in persons (≥5万人): unit does not match the name"),
    (S000, "L1224-1229"): D(v=0, n="覆盖面 given in persons (≥4万人)"),
    (S000, "L305-310"): D(k="graded", v=1, n="年终考核成绩合格 is graded but 社会稳定水平 is not measured by it"),
    # 004 prose
    (S004, "L15", "医疗保险待遇报销"): D("时效", k="vague", v=1, n="'及时' without a deadline"),
    (S004, "L18", "基金监管覆盖"): D("质量"),
    (S004, "L18", "医疗保障领域案件查处情况"): D("质量"),
    (S004, "L21", "医药价格监管"): D("质量", v=1, n="100% of an undefined object"),
    (S004, "L24", "综合事务管理工作完成"): D("质量"),
    (S004, "L15", "全民参保率"): D("质量"),
    # 004 table rows needing row-level decisions
    (S004, "L239-245"): D(v=0, n="value copies description '所有参保人全部配套' (all insured matched): checkable"),
    (S004, "L287-293"): D(v=1, n="filed 经济效益; description/value '确保参保人员全员补助' is not a 公共服务水平 target"),
    (S004, "L430-436"): D("满意度", k="copy", v=1, b=0, n="legit satisfaction name, value pasted 财政配套及时到位"),
    (S004, "L564-570"): D("满意度", k="copy", v=1),
    (S004, "L1257-1263"): D("满意度", k="copy", v=1),
    (S004, "L834-840"): D("时效", k="copy", v=1, n="name is a category label; description/value 资金到位及时性; filed 可持续"),
    (S004, "L1790-1796"): D("时效", k="copy", v=1, n="name is a category label; description/value 资金到位及时性; filed 可持续"),
    (S004, "L1925-1931"): D("可持续影响", k="copy", v=1, n="category label as name; '确保…经办工作顺利开展' filed 生态效益"),
    (S004, "L1941-1947"): D("满意度", k="quant", v=0, n="name is a category label; description 享受社会保障待遇人员满意度 ≥95%"),
    (S004, "L1901-1907"): D("质量", b=0, n="filed 成本; description is generic ('项目在所有立项项目中的比例')"),
    (S004, "L1758-1764"): D("质量", b=0, n="filed 时效; description pasted from a research-project template (完成研究任务)"),
    (S004, "L802-808"): D("质量", b=0, n="filed 时效; bare 完成率"),
    (S004, "L2482-2488"): D("经济效益", k="copy", v=1, b=1),
    (S004, "L2458-2464"): D("质量", k="copy", v=0, n="value copies description '不低于上年': checkable against last year's coverage; filed 时效"),
    (S004, "L2714-2720"): D("质量", n="name '合格', value '正常运转'"),
    (S004, "L2746-2752"): D("社会效益", b=1, n="filler name; value 系统正常运行"),
    (S004, "L3153-3159"): D("社会效益", b=1),
    (S004, "L3129-3135"): D("时效", n="value/description '监控全覆盖' does not fit the 及时性 name"),
    (S004, "L3265-3271"): D("时效", n="value/description '完成会议系统质量' does not fit the 及时性 name"),
    (S004, "L2602-2608"): D("社会效益"),
    (S004, "L2610-2616"): D("社会效益", n="value '医保政策更多人受益' not 知晓度"),
}

# boilerplate second look (generic phrases that fit any project)
for _name in ("提高医保管理水平", "医疗保障提升", "节本增效", "资金使用效益", "合格", "完成及时"):
    SEED_BY_NAME[_name] = {**SEED_BY_NAME.get(_name, {}), "boilerplate": 1}


def bare_name(name: str) -> str:
    """The name without a leading 指标N： numbering mark (decision tables are keyed by it)."""
    return re.sub(r"^指标\d+[:：]", "", name)


def _seed_decisions(rows: list[dict]) -> None:
    for r in rows:
        dec = SEED_BY_NAME.get(bare_name(r["name"]))
        if dec:
            r.update(dec)
        for key in ((r["source_file"], r["row_locator"], r["name"]), (r["source_file"], r["row_locator"])):
            if key in SEED_BY_LOC:
                r.update(SEED_BY_LOC[key])
                break


def finalize(rows: list[dict]) -> None:
    """Notes that follow mechanically from a decision: misfiled 二级, unattainable targets."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from nlp.dimensions import normalize_levels

    for r in rows:
        notes = [r["note"]] if r["note"] else []
        _, filed = normalize_levels(r["l1_filed"], r["l2_filed"])
        if filed and r["dimension"] and filed != r["dimension"] and "filed" not in r["note"]:
            notes.append(f"filed {filed}, measures {r['dimension']}")
        if r["dimension"] == "满意度" and re.search(r"(≥|>|＞)\s*100", r["value_raw"]) and "100" not in r["note"]:
            notes.append("≥100% satisfaction: unattainable but checkable")
        r["note"] = "; ".join(notes)
        r["vague"] = int(r["vague"])
        r["boilerplate"] = int(r["boilerplate"])


def main() -> None:
    rows = seed_rows()
    _seed_decisions(rows)
    finalize(rows)
    apply_concepts(rows, SEED_CONCEPTS, SEED_CONCEPTS_BY_LOC)
    sync_filler_boilerplate(rows)
    problems = validate_concepts(rows)
    if problems:
        raise SystemExit("dimension/concept disagree:\n" + "\n".join(problems))
    write_rows(OUT_DIR / "seeds.csv", rows)
    print(f"seeds.csv: {len(rows)} rows")


def apply_concepts(rows: list[dict], by_name: dict, by_loc: dict) -> None:
    """Concept ids decided by reading, keyed by (file, locator) for row-level decisions,
    else by 三级 name. A row with no decision is an error: every row gets a concept."""
    missing = []
    for r in rows:
        c = by_loc.get((r["source_file"], r["row_locator"])) or by_name.get(bare_name(r["name"]))
        if not c:
            missing.append(f"{r['source_file']} {r['row_locator']} {r['name']!r}")
        r["concept"] = c or ""
    if missing:
        raise SystemExit("no concept decided for:\n" + "\n".join(missing))


def sync_filler_boilerplate(rows: list[dict]) -> None:
    """A row whose concept is a taxonomy filler concept is boilerplate (LABELLING.md:
    filler rows take the matching filler concept), so the two labels cannot disagree."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from nlp.taxonomy import load_taxonomy

    fillers = load_taxonomy().filler_ids
    for r in rows:
        if r["concept"] in fillers and int(r["boilerplate"]) == 0:
            r["boilerplate"] = 1
            r["note"] = "; ".join(x for x in (r["note"], "taxonomy filler concept") if x)


def validate_concepts(rows: list[dict]) -> list[str]:
    """(dimension, concept) pairs the taxonomy rejects; empty when all are consistent."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from nlp.taxonomy import TaxonomyError, load_taxonomy

    tx = load_taxonomy()
    problems = []
    for r in rows:
        try:
            tx.validate_label(r["dimension"], None if r["concept"] == "UNKNOWN" else r["concept"])
        except TaxonomyError as exc:
            problems.append(f"{r['source_file']} {r['row_locator']} {r['name']!r}: {exc}")
    return problems


# ------------------------------------------------------------ concepts (seeds)
# Proposed by Taxonomy.lookup()/rapidfuzz candidates, each decided by reading the row.
SEED_CONCEPTS = {
    '业务案件办结率': 'qual.case_closure_rate',
    '重点工作完成率': 'qual.task_completion',
    '执法行动次数': 'qty.inspections',
    '受理群众咨询人次': 'qty.service_times',
    '隐患整改率': 'qual.rectification_rate',
    '补助覆盖率': 'qual.subsidy_coverage',
    '资金社会化发放率': 'UNKNOWN',
    '资助人口参加基本医疗保险人数': 'qty.subsidized_enrollment',
    '医疗救助人次数': 'qty.medical_assistance_cases',
    '医疗救助费用“一站式”结算率': 'qual.one_stop_settlement',
    '医疗救助资金': 'cost.medical_assistance_funds',
    '家庭发展能力': 'soc.family_development',
    '社会稳定水平': 'soc.social_stability_level',
    '医疗救助政策知晓率': 'soc.policy_awareness',
    '受益群众满意度': 'sat.beneficiary',
    '群众满意度': 'sat.public',
    '受益人数': 'qty.beneficiaries',
    '网络技术培训指导率': 'UNKNOWN',
    '各项任务完成及时率（%）': 'time.completion_timeliness',
    '人均测量成本': 'cost.per_unit_service_cost',
    '总成本': 'cost.total_project_cost',
    '公众安全感指数(%)': 'soc.public_safety_sense',
    '项目实现功能': 'soc.project_functions',
    '社会保障制度更加公平可持续': 'sust.social_assistance_system',
    '满意率': 'sat.service_object',
    '接受扶群众的满意率': 'sat.beneficiary',
    '组织工作会议次数': 'qty.meetings_held',
    '综合事务保障率': 'soc.unit_normal_operation',
    '完成及时率': 'time.completion_timeliness',
    '社会影响力': 'soc.social_influence',
    '开展活动次数': 'qty.activities_held',
    '完成率': 'qual.task_completion',
    '项目建设成本': 'cost.total_project_cost',
    '提高效率': 'soc.efficiency_improved',
    '服务对象满意度': 'sat.service_object',
    '受益对象满意度': 'sat.beneficiary',
    '医疗保险覆盖率': 'qual.insurance_enrollment_rate',
    '重疾医疗救助人次占总人次比例': 'qual.major_illness_assistance_share',
    '参保人数': 'qty.insured_persons',
    '受资助人数': 'qty.subsidized_enrollment',
    '支付及时率': 'time.disbursement_timeliness',
    '完成工作目标需要的资金': 'cost.total_project_cost',
    '参保率': 'qual.insurance_enrollment_rate',
    '群众知晓率': 'soc.policy_awareness',
    '参保人满意度': 'sat.insured',
    '完成专项审计的次数': 'qty.audits_completed',
    '邀请专家人数': 'qty.experts_invited',
    '委托第三方所需要成本': 'cost.third_party_service_cost',
    '维护基金安全': 'soc.fund_safety',
    '审计决定落实率': 'qual.rectification_rate',
    '参保对象满意率': 'sat.insured',
    '受益群众满意度调查': 'sat.beneficiary',
    '保障率': 'qual.subsidy_coverage',
    '补助资金到位率': 'time.funds_in_place_rate',
    '发放及时率': 'time.disbursement_timeliness',
    '各级财政实际补助标准': 'cost.per_capita_subsidy_standard',
    '提高参保率': 'qual.insurance_enrollment_rate',
    '政策知晓率': 'soc.policy_awareness',
    '代办员满意度': 'sat.staff',
    '群众对医保工作满意度': 'sat.public',
    '资金待遇发放及时率': 'time.disbursement_timeliness',
    '政策范围内报销比例': 'qual.reimbursement_ratio',
    '受益人口满意度': 'sat.beneficiary',
    '家庭能力提高': 'soc.family_development',
    '信息系统建设维护工作完成率': 'qual.task_completion',
    '推广宣传成本': 'cost.publicity_cost',
    '任务计划完成率': 'qual.task_completion',
    '群众满意度(%)': 'sat.public',
    '服务对象满意度指标': 'sat.service_object',
    '制作与发放外宣品的数量': 'qty.publicity_materials',
    '巡查和监督检查的次数': 'qty.inspections',
    '统计调查完成率（%）': 'qual.survey_completion',
    '药品采购完成率': 'qual.task_completion',
    '定期培训医护人员': 'qual.training_pass_rate',
    '药品质量保障率': 'qual.drug_quality',
    '社会影响度': 'soc.social_influence',
    '培训程度': 'soc.trainee_competence',
    '医疗机构满意度': 'econ.cost_savings',
    '宣传资料印刷数量': 'qty.publicity_materials',
    '扶贫政策宣讲率': 'qual.publicity_coverage',
    '扶贫工作及时完成率': 'time.completion_timeliness',
    '群众政策知晓率': 'soc.policy_awareness',
    '提高家庭生活水平': 'soc.family_development',
    '扶贫受益群众满意度': 'sat.beneficiary',
    '医疗救助覆盖面': 'qual.medical_assistance_coverage',
    '家庭能力提升': 'soc.family_development',
    '定点机构数量（家）': 'qty.designated_institutions',
    '宣传覆盖率（%）': 'qual.publicity_coverage',
    '按预算资金完成率': 'time.budget_execution_rate',
    '参保人员待遇到位率': 'qual.benefits_delivered',
    '工作完成满意度': 'sat.service_object',
    '人员满意度（％）': 'sat.staff',
    '举办各类业务学习技能培训': 'qty.training_sessions',
    '召开各类工作会议': 'qty.meetings_held',
    '完成年度工作任务': 'qual.task_completion',
    '各类会议完成率': 'qual.task_completion',
    '信息报送准确率': 'qual.data_accuracy',
    '各类信息报送及时率': 'time.report_submission',
    '重点工作完成及时率': 'time.completion_timeliness',
    '预决算公开准确性': 'qual.data_accuracy',
    '单位资产利用率': 'UNKNOWN',
    '政府采购执行率': 'qual.government_procurement_rate',
    '全县医保基金支出增幅': 'UNKNOWN',
    '群众看病就医自付比例': 'soc.medical_burden_reduced',
    '不适用': 'UNKNOWN',
    '推动服务水平': 'soc.public_service_level',
    '积极高效服务群众': 'soc.public_service_level',
    '群众对医保工作的满意度': 'sat.public',
    '配合上级专项稽核': 'qty.fund_inspections',
    '全年对区域内城乡居民医保定点医疗机构进行全面检查': 'qty.inspections',
    '完成辖区内普通城乡居民人数参保缴费任务': 'qty.insured_persons',
    '基本医疗保险的参保率达应参保人数的比例': 'qual.insurance_enrollment_rate',
    '县级财政参保配套资金到位率': 'time.funds_in_place_rate',
    '按时完成配套资金的拨付': 'time.disbursement_timeliness',
    '保障全县参保群众利益，规范管理医药机构': 'soc.protect_interests',
    '对减轻区内患者医疗费用负担，保障人民群众医疗权利的作用': 'soc.medical_burden_reduced',
    '受益群众的满意程度': 'sat.beneficiary',
    '贯彻中央医疗保障制度改革有关医疗保障能力建设决策部署': 'UNKNOWN',
    '执行预算绩效管理和资金管理办法': 'UNKNOWN',
    '决策程序规范': 'UNKNOWN',
    '绩效目标设置科学': 'UNKNOWN',
    '绩效目标分解细化': 'UNKNOWN',
    '资金分配规范性': 'UNKNOWN',
    '资金分配合理性': 'UNKNOWN',
    '预算执行率': 'time.budget_execution_rate',
    '资金使用合规性': 'qual.fund_compliance',
    '资金监管有效性': 'UNKNOWN',
    '管理制度健全有效性': 'sust.systems_established',
    '绩效评价机制健全性': 'UNKNOWN',
    '召开医保工作省级新闻发布会和政策吹风会': 'qty.media_reports',
    '推进医保政府信息公开': 'UNKNOWN',
    '在官方网站或微信公众号发布政策文件和解读': 'UNKNOWN',
    '报送工作信息情况': 'UNKNOWN',
    '医保规范性文件和政策措施的合法性审查、公平竞争审查': 'UNKNOWN',
    '医保信息系统验收合格率': 'qual.acceptance_pass_rate',
    '医保信息系统正常运行率': 'qual.system_uptime',
    '医保信息系统重大安全事件响应时间': 'time.response_time',
    '医保信息系统运行维护响应时间': 'time.response_time',
    '飞行监督检查覆盖率': 'qual.inspection_coverage',
    '推行医保支付方式改革和DRG、DIP试点': 'UNKNOWN',
    '医保法治建设能力': 'soc.management_level',
    '基金预警和风险防控能力': 'UNKNOWN',
    '医保标准化水平': 'UNKNOWN',
    '医保经办服务能力': 'soc.public_service_level',
    '医保综合监管能力': 'UNKNOWN',
    '跨省异地就医直接结算率': 'qual.cross_region_settlement',
    '医保新闻宣传、政府信息工作和政策研究能力等方面培训': 'qty.training_sessions',
    '工作满意度': 'sat.service_object',
    '召开监管业务、待遇保障、DRG、信息化、宣传、人才和经办工作会议及培训': 'qty.meetings_held',
    '开展全县定点医疗机构检查': 'qty.inspections',
    '地方媒体进行医保工作专题报道': 'qty.media_reports',
    '专项检查违规查处率': 'qual.violation_handling_rate',
    '医保窗口标准化建设验收合格率': 'qual.acceptance_pass_rate',
    '医保经办服务信息化水平': 'UNKNOWN',
    '医保付费方式力度': 'UNKNOWN',
    '医保重要政策知晓率': 'soc.policy_awareness',
    '医保服务能力水平': 'soc.public_service_level',
    '医保法治建设水平': 'soc.management_level',
    '符合条件的参保人员跨省异地应医直接结算率': 'qual.cross_region_settlement',
    '参保人员对医保服务的满意度': 'sat.insured',
    '定点医疗机构对医保管理服务满意度': 'sat.medical_institution',
    '全民参保率': 'qual.insurance_enrollment_rate',
    '医疗保险待遇报销': 'time.settlement_timeliness',
    '参保群众满意度': 'sat.insured',
    '基金监管覆盖': 'qual.inspection_coverage',
    '医疗保障领域案件查处情况': 'qual.violation_handling_rate',
    '医药价格监管': 'UNKNOWN',
    '综合事务管理工作完成': 'qual.task_completion',
    '发放工资保险': 'qty.subsidy_amount_disbursed',
    '保障发放': 'qual.fund_compliance',
    '发放及时': 'time.wage_payment_timeliness',
    '预计成本': 'cost.no_overspend',
    '医保业务运转': 'soc.unit_normal_operation',
    '业务保障能力提升': 'soc.business_capacity',
    '长期实用性': 'sust.long_term_benefit_generic',
    '重复参保人数': 'qual.no_false_enrollment',
    '当年各级财政补助资金到位率': 'time.funds_in_place_rate',
    '虚报参保人数': 'qual.no_false_enrollment',
    '享受财政补助覆盖面': 'qual.subsidy_coverage',
    '基金滚存结余可支配月数': 'sust.fund_months_payable',
    '基本公共服务水平': 'soc.public_service_level',
    '参保对象满意度': 'sat.insured',
    '财政配套30%': 'UNKNOWN',
    '财政配套及时到位': 'time.matching_funds_on_time',
    '享受待遇人员数量': 'qty.subsidy_recipients',
    '待遇发放准确性': 'qual.disbursement_accuracy',
    '资金到位及时': 'time.funds_arrival_timeliness',
    '长护险费用专款专用': 'qual.fund_compliance',
    '长护险待遇保障制度': 'sust.benefit_scheme',
    '服务对象满意指数': 'sat.service_object',
    '补助人数': 'qty.subsidy_recipients',
    '补助资金金额': 'qty.subsidy_amount_disbursed',
    '资金及时到位': 'time.funds_arrival_timeliness',
    '配套资金用于基金支出': 'qual.fund_compliance',
    '业务保障能力提升情况': 'soc.business_capacity',
    '满足生态环保要求': 'eco.meets_eco_requirements',
    '可持续性服务': 'sust.sustainable_service',
    '贫困人口全员补助': 'qual.subsidy_coverage',
    '资金到位率': 'time.funds_in_place_rate',
    '提高贫困人口医疗救助水平资金': 'cost.medical_assistance_funds',
    '经济效应指标': 'econ.economic_benefit_generic',
    '群众投诉下降率%': 'sat.complaints',
    '社会保障类产出指标': 'sust.label_as_name',
    '村所覆盖率': 'qual.coverage_generic',
    '医保网络运行的质量': 'qual.system_uptime',
    '完工及时性': 'time.on_time_vague',
    '保障医保业务运转': 'soc.unit_normal_operation',
    '方便更多参保群众': 'soc.convenience_generic',
    '长期使用性': 'sust.long_term_benefit_generic',
    '服务对象满意程度': 'sat.service_object',
    '定点医疗更换牌子': 'qty.network_sites_covered',
    '保质量完成': 'qual.quality_assured',
    '按时完成': 'time.on_time_vague',
    '医保水平提升': 'soc.security_level_generic',
    '保障业务开展': 'soc.business_capacity',
    '长期使用': 'sust.long_term_benefit_generic',
    '服务对象满意': 'sat.service_object',
    '二残费用专款专用': 'qual.fund_compliance',
    '二残人员医疗待遇保障制度': 'sust.benefit_scheme',
    '医疗救助对象人次规模率': 'qual.medical_assistance_coverage',
    '资金用于提高医疗救助新增资金': 'cost.medical_assistance_funds',
    '符合资助的人口资助参保政策覆盖率': 'qual.enrollment_subsidy_coverage',
    '市域内“一站式”即时结算覆盖率': 'qual.one_stop_settlement',
    '对健全社会救助体系的影响': 'sust.social_assistance_system',
    '困难群众医疗费用负担减轻程度': 'soc.medical_burden_reduced',
    '正常运转率': 'soc.unit_normal_operation',
    '合格': 'qual.quality_assured',
    '完成及时': 'time.on_time_vague',
    '提高补助': 'cost.no_overspend',
    '医疗保障提升': 'soc.security_level_generic',
    '业务保障': 'soc.business_capacity',
    '可持续影响': 'sust.sustainable_generic',
    '是否所有代办员都发放补助': 'qual.subsidy_coverage',
    '代办员工资是否全员发放': 'qual.subsidy_coverage',
    '即时率': 'time.disbursement_timeliness',
    '经济效益指标': 'qual.disbursement_accuracy',
    '社会效益': 'soc.social_benefit_generic',
    '案件调查率达到100%': 'qual.case_investigation_rate',
    '每个案件都出具认定结果通知': 'qual.case_closure_rate',
    '及时对每个案件调查服务': 'time.case_timeliness',
    '每个调查服务费300元': 'cost.third_party_service_cost',
    '确保医保基金运行安全': 'soc.fund_safety',
    '保障参保居民医疗保险权益': 'soc.protect_interests',
    '满意程度': 'sat.service_object',
    '培训定点机构人员数量': 'qty.training_participants',
    '保障培训质量': 'qual.quality_assured',
    '培训时间与计划比较': 'time.training_on_schedule',
    '资金使用效益': 'econ.fund_use_efficiency',
    '业务水平提升': 'soc.trainee_competence',
    '解决法律纠纷': 'qty.mediation_cases',
    '法律服务质量': 'qual.quality_assured',
    '及时性': 'time.on_time_vague',
    '不超过预算': 'cost.no_overspend',
    '减少医保基金': 'econ.fund_recovered',
    '提高医保管理水平': 'soc.management_level',
    '政策覆盖深度贫困地区农村贫困人口数量': 'qual.subsidy_coverage',
    '明确保障对象范围': 'qual.assistance_targeting',
    '建立规范转诊制度': 'sust.systems_established',
    '一站式结算覆盖地区': 'qual.one_stop_settlement',
    '农村因病致贫人数': 'soc.poverty_due_to_illness',
    '相关保障政策与政府承受能力相适应程度': 'sust.fiscal_affordability',
    '经济效益增加值': 'econ.economic_value_added',
    '满意度': 'sat.service_object',
    '宣传覆盖人数': 'qty.publicity_reach',
    '政策知晓度提升': 'soc.policy_awareness',
    '完工及时': 'time.on_time_vague',
    '参保率提升': 'qual.insurance_enrollment_rate',
    '支付进度': 'time.budget_execution_rate',
    '保障业务运行': 'soc.business_capacity',
    '保障群众利益': 'soc.protect_interests',
    '长期运转': 'sust.long_term_benefit_generic',
    '服务满意程度': 'sat.service_object',
    '飞行检查次数': 'qty.fund_inspections',
    '保障检查质量': 'qual.quality_assured',
    '检查完成及时率': 'time.completion_timeliness',
    '预算成本': 'cost.no_overspend',
    '查处违规行为': 'econ.fund_recovered',
    '保障基金安全': 'soc.fund_safety',
    '每个案件调查服务费': 'cost.third_party_service_cost',
    '覆盖率': 'qual.coverage_generic',
    '质量达标率': 'qual.compliance_rate',
    '保障正常运转': 'soc.unit_normal_operation',
    '服务满意率': 'sat.service_object',
    '视频会议数量': 'qty.meetings_held',
    '保障会议质量': 'qual.quality_assured',
    '节本增效': 'soc.efficiency_improved',
}

SEED_CONCEPTS_BY_LOC = {
    (S004, "L834-840"): "time.funds_arrival_timeliness",   # category label as name; measures 资金到位及时性
    (S004, "L1790-1796"): "time.funds_arrival_timeliness",
    (S004, "L1941-1947"): "sat.beneficiary",              # description 享受社会保障待遇人员满意度
}


if __name__ == "__main__":
    main()
