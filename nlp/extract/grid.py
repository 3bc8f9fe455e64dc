"""Interpret one table grid as indicator rows. Every reader ends here.

Contract (readers in nlp.extract.* rely on it)
----------------------------------------------
``interpret_table(table: Table) -> ExtractResult``

* Input: a :class:`nlp.schema.Table` whose ``rows`` are ``(locator, cells)``
  pairs in document order, cells as written (strings, line breaks kept).
  ``title``, ``department``, ``project`` and ``table_kind`` may be filled by
  the reader; whatever is empty is derived here (kind and project from the
  title and header, 部门整体 project = department).
* The header row is found by content, not position: the first row whose cells
  name at least two column roles, one of them a level or name column
  (一级指标 / 二级指标 / 三级指标 / 指标名称 / 指标内容 / 指标类型 ...).
  Traditional, full-width and spaced variants match ("一 级 指 标", "三級指標").
  A role missing from the header row but named in the row just above it is
  taken from there (two-row headers) when that row holds only header words
  (a "单位名称 | 某局" row above is never a header storey). A row just below
  the header that holds only column names (年度指标值 | 全年实际完成值 | 得分
  under a merged 自评 cell) replaces the group cell above it. When two columns
  name one role the annual value beats 中期 (also "指标值（中期）") and a
  narrative 年度目标; 指标方向 (正向/反向) is not the 比较符; a bare 单位
  beside 计量单位 is the department; 绩效指标 beside 一级/二级 is the name.
  A second header later in the grid re-maps the columns from there on.
* Rows are mapped to columns positionally. A row with fewer cells than the
  header is right-aligned: the missing cells are the leading merged ones.
  When the content clearly does not fit the positions (a level label in the
  name column, an "指标1：..." name in the 一级 column, a value in the name
  column, as Word exports of irregular tables produce), the non-empty cells
  are re-aligned to the header columns in order by content.
* 一级 and 二级 carry forward over rows where they were merged (empty); a new
  一级 resets the carried 二级. A 指标类型 column ("产出指标-数量指标") gives
  both levels (so does "产出指标/数量指标" in an 一级 column); in 指标名称 |
  指标值 tables, rows holding only a level label ("一、产出指标", also merged
  across the table) are section rows that set the levels. A 二级-only column's
  "成本指标" after 数量/质量/时效 is the classic 产出 one. Rows holding only
  "项目名称：X" / "单位名称：Y" cells set the project / department below them. 项目名称 / 单位名称 columns give the
  row's project and department (carried like the levels). ``l1``/``l2`` come from
  :func:`nlp.dimensions.normalize_levels`; ``comparator``/``number``/``unit``
  from :func:`nlp.values.parse_value`, with 计量单位 / 指标性质 columns as
  hints. ``value_raw`` is the value cell as written (stripped); values are
  never invented.
* Output: ``ExtractResult(rows, skipped, tables=1 if a header was found else 0,
  empty_templates)``. Every row that is not an indicator becomes a
  :class:`SkippedRow` with one of the reasons in :mod:`nlp.schema`
  (header / empty template row / not an indicator row / subtotal or score
  row). A row is an indicator when it has a 三级 name or a value. A table
  with a header but no indicator rows is an empty template: its label
  ("<title> (<first locator>)") goes to ``empty_templates``.
* Pure function: no I/O, no printing; ``table`` is not modified.

Helpers other readers may reuse: :func:`header_roles`, :func:`is_header_row`,
:func:`project_from_title`, :func:`kind_from_title`, :func:`strip_unit_code`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.dimensions import (
    DIMENSIONS,
    L1_OF_DIMENSION_101,
    L1_OF_DIMENSION_CLASSIC,
    normalize_l1,
    normalize_l2,
    normalize_levels,
)
from nlp.schema import (
    SKIP_EMPTY_TEMPLATE,
    SKIP_HEADER,
    SKIP_NOT_INDICATOR,
    SKIP_SUBTOTAL,
    ExtractResult,
    IndicatorRow,
    SkippedRow,
    Table,
)
from nlp.extract.goals import ANNUAL, OVERALL, GoalCollector, clean_goal, goal_label, is_goal_text
from nlp.text import normalize_for_matching, remove_space_between_cjk, strip_pinyin, to_simplified
from nlp.values import parse_value

__all__ = [
    "interpret_table",
    "header_roles",
    "is_header_row",
    "project_from_title",
    "kind_from_title",
    "strip_unit_code",
    "department_from_title",
    "ROLES",
]

#: Column roles a header cell can name. Roles without an IndicatorRow field
#: (weight, deviation, rescore, scoring) are recognised so that the header is
#: found and their cells are not mistaken for names or values.
ROLES = (
    "department", "project", "l1", "l2", "kind", "name", "description", "nature", "value", "unit", "basis",
    "weight", "actual", "score", "rescore", "deviation", "scoring", "value_type", "direction",
)

_DEPARTMENT_HEADERS = {"单位名称", "部门名称", "部门单位名称", "预算单位", "实施单位", "主管部门", "填报单位", "预算部门", "部门预算单位"}
_PROJECT_HEADERS = {"项目名称", "项目", "专项名称", "资金名称", "政策名称", "专项资金名称", "项目支出名称"}
_PARENS_RE = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
_DECORATION_RE = re.compile(r"[★☆*※:：]")


def _header_key(cell: str) -> str:
    text = normalize_for_matching(cell or "")
    text = _PARENS_RE.sub("", text)
    return _DECORATION_RE.sub("", text)


@lru_cache(maxsize=4096)
def _role_of_header(cell: str) -> tuple[str, int] | None:
    """(role, priority) for one header cell, or None. Order matters: the
    specific names are tested before the ones they contain (指标值确定依据
    before 指标值, 实际完成指标值 before 指标值)."""
    h = _header_key(cell)
    if not h or len(h) > 16:
        return None
    if "得分" in h or h in {"评分", "自评分", "自评"}:
        return ("rescore", 0) if ("复评" in h or "复核" in h) else ("score", 1)
    if "评分" in h or "计分" in h or "扣分" in h:
        return ("scoring", 0)
    if "依据" in h or h in {"绩效标准", "指标标准", "标准来源", "指标来源", "数据来源"}:
        return ("basis", 1)
    if "原因" in h or "偏差" in h or "改进措施" in h:
        return ("deviation", 0)
    if "权重" in h or h in {"分值", "标准分", "指标分值", "分数", "指标权重", "满分"}:
        return ("weight", 0)
    if re.match(r"^(?:年度|全年)?(?:计划|预期|预计)完成值$", h):
        return ("value", 1)  # the planned value, not the actual
    if "实际" in h or "完成值" in h or "完成情况" in h or h in {"实际值", "完成", "全年完成", "执行数"}:
        return ("actual", 1)
    if any(k in h for k in ("描述", "解释", "说明", "内涵", "定义", "释义")):
        return ("description", 1)
    if h.startswith("指标值") and ("类型" in h or "类别" in h):
        return ("value_type", 0)
    if "方向" in h:
        # 指标方向 holds 正向/反向, not a comparator: a 比较符 column beside it must win.
        return ("direction", 0)
    if "性质" in h or h in {"符号", "运算符号", "比较符", "计算符号", "运算符", "比较符号", "关系符"}:
        return ("nature", 1)
    if h in _DEPARTMENT_HEADERS:
        return ("department", 1)
    if h in _PROJECT_HEADERS:
        return ("project", 1)
    if "单位" in h and len(h) <= 5:
        return ("unit", 1)
    if "一级" in h and "二级" in h:
        return ("kind", 1)  # "一级/二级指标": both levels in one cell ("产出指标/数量指标")
    if h.startswith("一级"):
        return ("l1", 1)
    if h.startswith("二级"):
        return ("l2", 1)
    if h in {"指标类型", "指标类别", "指标分类", "类型"}:
        return ("kind", 1)
    if h.startswith("三级") or h.startswith("四级") or h in {
        "指标名称", "指标内容", "绩效指标名称", "具体指标", "指标", "指标项", "指标名", "明细指标",
        "三级指标名称", "考核指标", "评价指标", "绩效指标内容", "指标项目",
    }:
        return ("name", 2 if h.startswith("三级") or "名称" in h else 1)
    if "指标值" in h or "目标值" in h or "标准值" in h or h in {
        "预期值", "计划值", "期望值", "预期目标", "年度目标", "指标目标", "绩效目标值", "目标", "数值",
    }:
        # The period may be in the brackets: "指标值（中期）" | "指标值（年度）".
        full = normalize_for_matching(cell)
        if "中期" in full or "长期" in full:
            return ("value", 0)
        if "值" not in h and h != "数值":
            # "年度目标" / "预期目标" is often the narrative goal of the project, merged down
            # beside the indicator columns: any 指标值 column is the value.
            return ("value", 0)
        return ("value", 2 if "年度" in full or "全年" in full else 1)
    return None


def header_roles(cells: list[str]) -> dict[int, str]:
    """Column index -> role for a candidate header row (empty if none).

    When two columns name the same role the higher-priority one wins (年度指标值
    over 中期指标值, 三级指标 over 指标内容); on a tie the first.
    """
    best: dict[str, tuple[int, int]] = {}
    bare_unit = None
    for index, cell in enumerate(cells):
        found = _role_of_header(cell)
        if not found:
            continue
        role, priority = found
        if role == "unit" and _header_key(cell) == "单位":
            priority = 0  # 计量单位 / 度量单位 beside it is the measure unit
            bare_unit = index if bare_unit is None else bare_unit
        if role not in best or priority > best[role][1]:
            best[role] = (index, priority)
    if "name" not in best and {"l1", "l2"} & best.keys():
        # "一级指标 | 二级指标 | 绩效指标 | 绩效指标值": the 三级 column headed 绩效指标.
        taken = {index for index, _ in best.values()}
        named = next((i for i, c in enumerate(cells) if i not in taken and _header_key(c) in {"绩效指标", "年度绩效指标"}), None)
        if named is not None:
            best["name"] = (named, 0)
    if bare_unit is not None and best["unit"][0] != bare_unit and "department" not in best:
        # "单位 | 项目 | ... | 计量单位": the bare 单位 column names the budget unit.
        best["department"] = (bare_unit, 0)
    return {index: role for role, (index, _) in best.items()}


def is_header_row(cells: list[str]) -> bool:
    """True when ``cells`` read as the header of an indicator table."""
    nonempty = [c for c in cells if c and c.strip()]
    if len(nonempty) < 2:
        return False
    roles = header_roles(cells)
    if len(roles) < 2 or not ({"l1", "l2", "name", "kind"} & set(roles.values())):
        return False
    # Data rows can mention 一级指标 in a sentence; header cells are short labels.
    recognised = sum(1 for c in nonempty if _role_of_header(c))
    return recognised * 2 >= len(nonempty) and all(len(_header_key(c)) <= 24 for c in nonempty)


# ---------------------------------------------------------------- cell kinds

_KNOWN_LABEL_BASES = set(DIMENSIONS) | {
    "产出", "效益", "成本", "完成", "项目完成", "效果", "服务对象满意度", "社会公众满意度",
    "社会公众或服务对象满意度", "满意", "进度", "环境效益", "生态环境效益", "可持续", "可持续发展影响",
    "可持续性影响", "可持续性发展影响", "经济效益", "社会效益", "生态效益", "经济", "社会", "生态",
}
_L1_ONLY = {"产出", "效益", "完成", "项目完成"}
_AMBIGUOUS_LEVEL = {"成本", "满意度", "效果"}
_NAME_PREFIX_RE = re.compile(r"^(?:三级)?指标\s*\d+\s*[:：.、．)）]\s*")
_PLACEHOLDER_RE = re.compile(r"^(?:(?:三级)?指标|目标|任务)?\s*\d*\s*[:：.、．]?\s*$")
_ELLIPSIS_RE = re.compile(r"^[.。…·\-—_/\s]+$")
_NOT_APPLICABLE = {"不适用", "无", "/", "-", "—", "--", "暂无", "空", "na", "n/a"}
_SUBTOTAL_RE = re.compile(r"^(?:合计|小计|总计|总分|总得分|合计得分|得分合计|分数合计|自评总分|综合得分|总体得分)")
# Sections that close a 自评表 below the indicators (Sichuan, Hubei layouts).
_CLOSING_RE = re.compile(
    r"^(?:评价结论|存在问题|改进措施|整改措施|项目负责人|财务负责人|填报人|审核人|联系电话|填报日期|单位负责人|部门负责人|"
    r"主要负责人|分管领导|填表人|制表人|经办人|联系人|填表日期|审核日期|单位盖章|盖章)"
)
# Blocks that forms put below (or between) indicator tables: budget, tasks, goals.
_SECTION_BREAK_RE = re.compile(
    r"^(?:年度|全年)?(?:主要任务|重点任务|工作任务|总体目标|资金总额|预算资金|项目资金|资金情况|预算执行情况|"
    r"其中财政拨款|其中当年财政拨款|其他资金|上年结转资金|年初预算数|全年预算数|任务名称|资金支出计划)$"
)
# A signature line: every cell "X人：..." / "...日期：..." (单位负责人：… | 财务负责人：… | 填表人：…).
_SIGNATURE_CELL_RE = re.compile(r"^[^:：]{0,10}(?:人|领导|日期|电话|签字|签名|盖章)\s*[:：]")
_NOTE_RE = re.compile(r"^(?:备注|注|说明|填报说明|填表说明|(?:金额|资金|计量)?单位)\s*[:：\d]")


def _meta_label(cell: str) -> tuple[str, str] | None:
    """("项目名称", "X") for a "项目名称：X" / "单位名称：Y" cell, else None."""
    found = _IN_GRID_LABEL_RE.match(cell or "")
    if not found:
        return None
    label = _header_key(found.group(1))
    if label in _PROJECT_HEADERS or label in _DEPARTMENT_HEADERS or label == "部门":
        return label, found.group(2).strip()
    return None


_IN_GRID_LABEL_RE = re.compile(r"^\s*([^:：]{2,12})\s*[:：]\s*(\S.{0,100})$", re.S)
_LABEL_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+(?:\.\d+)*[、.．]?(?=\D))\s*")


@lru_cache(maxsize=65536)
def _level_kind(text: str) -> str:
    """'l1', 'l2', 'both' (成本指标 / 满意度指标) or '' for a cell."""
    key = _header_key(text)
    key = re.sub(r"\d+(?:\.\d+)?-?\d*分$", "", key)
    key = _LABEL_NUMBERING_RE.sub("", key)  # "一、产出指标", "1.数量指标"
    if not key or len(key) > 16:
        return ""
    base = key[:-2] if key.endswith("指标") else key
    if base.endswith("类"):
        base = base[:-1]
    if base not in _KNOWN_LABEL_BASES and not (key.endswith("指标") and len(key) <= 16 and (normalize_l2(key) or normalize_l1(key))):
        return ""
    if base in _AMBIGUOUS_LEVEL:
        return "both"
    if base in _L1_ONLY:
        return "l1"
    return "l2" if normalize_l2(key) else ("l1" if normalize_l1(key) else "")


_KIND_SEPARATOR_RE = re.compile(r"\s*[-—－/／、|>＞·]\s*")


def _split_kind(text: str) -> tuple[str, str]:
    """A 指标类型 cell as (一级, 二级): "产出指标-数量指标" -> both; "数量指标" ->
    ("", "数量指标"); "定量" -> ("", "")."""
    parts = [p for p in _KIND_SEPARATOR_RE.split(text) if p]
    if len(parts) == 2 and _level_kind(parts[0]) and _level_kind(parts[1]):
        return parts[0], parts[1]
    level = _level_kind(text)
    if level == "l1":
        return text, ""
    if level:
        return "", text
    return "", ""


def _l1_fits(l1_filed: str, l2_filed: str) -> bool:
    """Whether a 二级 label can sit under a filed 一级 (either framework)."""
    l1 = normalize_l1(l1_filed)
    l2 = normalize_l2(l2_filed, l1_filed)
    return bool(l1 and l2) and l1 in (L1_OF_DIMENSION_101.get(l2), L1_OF_DIMENSION_CLASSIC.get(l2))


def _value_like(text: str) -> bool:
    compact = text.strip()
    if not compact or len(compact) > 25:
        return False
    parsed = parse_value(compact)
    return bool(parsed.number or parsed.comparator)


def _has_name_prefix(text: str) -> bool:
    return bool(_NAME_PREFIX_RE.match(text.strip()))


def _cell_score(text: str, role: str | None) -> float:
    """How well a non-empty cell fits a column role (used only to re-align rows
    whose content contradicts their positions)."""
    level = _level_kind(text)
    prefixed = _has_name_prefix(text)
    valueish = _value_like(text)
    long_text = len(text.strip()) > 20
    typeword = _header_key(text) in _VALUE_TYPE_WORDS
    if typeword and role in ("l1", "l2", "value", "actual"):
        return -2
    if role == "l1":
        if level in ("l1", "both"):
            return 2
        if level == "l2":
            return -1
        return -3 if prefixed else -2 if valueish else -1 if long_text else 0
    if role == "l2":
        if level == "both":
            return 3
        if level == "l2":
            return 2
        if level == "l1":
            return -1
        return -3 if prefixed else -2 if valueish else -1 if long_text else 0
    if role == "kind":
        return 2 if level else 0
    if role in ("nature", "value_type", "direction"):
        if typeword:
            return 2
        return -2 if level or prefixed else (0.5 if valueish else 0)
    if role == "name":
        if prefixed:
            return 2
        if level or typeword:
            return -2
        # Below the position bonus: a plain text stays where it stands unless
        # the rest of the row needs the move.
        return -1 if valueish else 0.4
    if role in ("value", "actual"):
        if level or prefixed:
            return -2
        return (2 if role == "value" else 1) if valueish else 0
    if role in ("score", "weight", "rescore"):
        if level or prefixed:
            return -2
        return 1 if re.fullmatch(r"\d+(?:\.\d+)?", text.strip()) else -0.5
    # description, basis, nature, unit, deviation, scoring and unnamed columns
    if level:
        return -2
    return -1 if prefixed else 0


_VALUE_TYPE_WORDS = {"定量", "定性", "正向", "反向", "中性", "定量指标", "定性指标", "正向指标", "反向指标"}
_POSITION_BONUS = 0.5
_REALIGN_MARGIN = 1.0


def _pad_short_row(cells: list[str], roles: list[str | None]) -> list[str]:
    """A row with fewer cells than the header, padded to its width. Usually the missing
    cells are the leading merged ones (right-aligned), but a dump also drops an empty
    trailing 备注: when the first cell is a level label or the row starts at the name,
    the placement that fits the content better wins (right-aligned on a tie)."""
    width = len(roles)
    first = next((i for i, c in enumerate(cells) if c.strip()), 0)
    offsets = [width - len(cells)]
    if roles and roles[0] is None:
        offsets.append(0)  # a leading 序号 column is filled on every row: left-aligned
    if sum(1 for c in cells if c.strip()) < 2:
        return [""] * offsets[0] + cells  # one cell: nothing to tell its place by
    level = _level_kind(cells[first]) if cells else ""
    for role in ("l1", "l2", "name"):
        if role not in roles:
            continue
        if (role == "l1" and level in ("l1", "both")) or (role == "l2" and level in ("l2", "both")) or (
            role == "name" and not level
        ):
            offsets.append(roles.index(role) - first)
    best, best_score = None, float("-inf")
    for offset in offsets:
        if offset < 0 or offset + len(cells) > width:
            continue
        padded = [""] * offset + cells + [""] * (width - offset - len(cells))
        score = sum(_cell_score(c, roles[i]) for i, c in enumerate(padded) if c.strip())
        if score > best_score + 1e-9:
            best, best_score = padded, score
    return best if best is not None else [""] * (width - len(cells)) + cells


def _align(cells: list[str], roles: list[str | None]) -> list[str]:
    """Cells placed in header columns: positional (right-aligned when short),
    or re-aligned by content when that fits clearly better."""
    width = len(roles)
    cells = [c if c is not None else "" for c in cells]
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    while len(cells) > width and not cells[0].strip():
        cells.pop(0)
    if len(cells) < width:
        cells = _pad_short_row(cells, roles)
    positional = cells[:width] if len(cells) >= width else cells
    filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
    if not filled:
        return positional
    positional_score = sum(_cell_score(c, roles[i]) + _POSITION_BONUS for i, c in filled) if len(cells) == width else float("-inf")
    if len(filled) > width:
        return positional
    # Monotone assignment of the filled cells to columns (small DP).
    neg = float("-inf")
    k = len(filled)
    best = [[neg] * (width + 1) for _ in range(k + 1)]
    choice: list[list[int]] = [[-1] * (width + 1) for _ in range(k + 1)]
    for c in range(width + 1):
        best[0][c] = 0.0
    for j in range(1, k + 1):
        pos, text = filled[j - 1]
        for c in range(j, width + 1):
            # filled cell j goes to column c-1; previous cells use columns < c-1
            best[j][c] = best[j][c - 1]
            choice[j][c] = choice[j][c - 1]
            prev = best[j - 1][c - 1]
            if prev == neg:
                continue
            score = prev + _cell_score(text, roles[c - 1]) + (_POSITION_BONUS if pos == c - 1 else 0)
            if score > best[j][c]:
                best[j][c] = score
                choice[j][c] = c - 1
    if best[k][width] == neg or best[k][width] <= positional_score + _REALIGN_MARGIN:
        return positional
    placed = [""] * width
    c = width
    for j in range(k, 0, -1):
        column = choice[j][c]
        placed[column] = filled[j - 1][1]
        c = column
    return placed


# ---------------------------------------------------------------- titles

_BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
_NUMBERING_RE = re.compile(
    r"^\s*(?:(?:附件|附表|表)\s*\d*\s*[:：.、．-]?\s*|\d+(?:\.\d+)*\s*[.、．:：]\s*|[（(]\s*\d+\s*[)）]\s*|"
    r"[一二三四五六七八九十]+\s*[、.．]\s*|[（(][一二三四五六七八九十]+[)）]\s*)"
)
_KIND_SUFFIX_RE = re.compile(
    r"(?:项目)?(?:支出)?(?:绩效)?(?:目标)?(?:(?:自评|申报|评价|审核)表?|绩效评价指标体系|评价指标体系|指标体系|目标表|表)"
    r"(?:[(（][^()（）]*[)）])?\s*$"
)
# "2020年部门整体支出": a department-level table; its project is the department.
_WHOLE_DEPARTMENT_RE = re.compile(r"^(?:\d{4}\s*年度?)?\s*(?:部门|单位)(?:整体)?(?:支出)?$|^(?:\d{4}\s*年度?)?\s*(?:部门|单位)?整体(?:支出|预算|支出预算)?$")
_KIND_WORDS_ONLY_RE = re.compile(r"^(?:\d{4}\s*年度?)?\s*(?:项目)?(?:支出)?(?:绩效)?(?:目标)?(?:评价)?(?:指标体系)?$")


def clean_title(title: str) -> str:
    """Title text without Word bookmarks and surrounding whitespace."""
    return _BOOKMARK_RE.sub("", title or "").strip()


_ORG_SUFFIX = r"(?:局|委员会|委|中心|办公室|办|院|站|所|队|馆|厅|学校|医院|政府|本级|街道办事处|管委会)"
_DEPARTMENT_YEAR_RE = re.compile(rf"^.{{2,40}}?{_ORG_SUFFIX}\s*(?:\d{{4}}\s*年度?)?$")
_YEAR_ONLY_RE = re.compile(r"^(?:\d{4}\s*年度?)?$")


def _title_core(title: str) -> str:
    """Title without bookmark, numbering and table-kind suffix, in its own
    script: the patterns run on a Simplified shadow of the text and cut the
    original at the same places (zhconv maps character for character)."""
    text = strip_pinyin(clean_title(title))
    shadow = to_simplified(text)
    if len(shadow) != len(text):
        text = shadow
    start = 0
    for _ in range(2):
        found = _NUMBERING_RE.match(shadow[start:])
        if found and found.end():
            start += found.end()
    suffix = _KIND_SUFFIX_RE.search(shadow, start)
    end = suffix.start() if suffix else len(shadow)
    return text[start:end].strip()


def project_from_title(title: str) -> str:
    """Project name in a table title: without bookmark, numbering and the
    table-kind suffix ("3.综合事务管理绩效目标表" -> "综合事务管理").
    Returns "" when nothing but kind words, a year or a department remain
    ("绩效评价指标体系", "某市文化和旅游局2024年项目支出绩效目标表")."""
    text = _title_core(title)
    key = to_simplified(text)
    if _KIND_WORDS_ONLY_RE.match(key) or _WHOLE_DEPARTMENT_RE.match(key) or _YEAR_ONLY_RE.match(key):
        return ""
    if _is_whole_department(text) or _DEPARTMENT_YEAR_RE.match(key):
        # A department-level title, or "<department><year>" before 项目支出绩效目标表.
        return ""
    return text


_WHOLE_SUFFIX_RE = re.compile(r"(?:\d{4}\s*年度?)?\s*(?:市级|县级|区级)?(?:部门|单位)?整体(?:支出|预算|支出预算)?$")


def _is_whole_department(text: str) -> bool:
    key = normalize_for_matching(text)
    return bool(_WHOLE_SUFFIX_RE.search(key)) and "专项" not in key and "资金" not in key


def _names_whole_department(title: str) -> bool:
    text = normalize_for_matching(clean_title(title))
    return any(word in text for word in ("部门整体", "单位整体", "整体支出"))


def department_from_title(title: str) -> str:
    """The department named in a department-level title:
    "岳阳楼区价格认证鉴定中心2023年度整体绩效目标表" -> "岳阳楼区价格认证鉴定中心"."""
    text = _title_core(title)
    if not _is_whole_department(text):
        return ""
    shadow = to_simplified(text)
    cut = _WHOLE_SUFFIX_RE.search(shadow)
    rest = (text[: cut.start()] if cut and len(shadow) == len(text) else shadow[: cut.start()] if cut else text).strip()
    return "" if re.fullmatch(r"(?:\d{4}\s*年度?)?\s*(?:市级|县级|区级)?\s*(?:部门|单位)?", to_simplified(rest)) else rest


def kind_from_title(title: str, roles: set[str] | None = None) -> str:
    """table_kind from the title, else from the header (an 实际/完成值 or 得分
    column means a self-evaluation); default 目标表."""
    text = normalize_for_matching(clean_title(title))
    if "指标体系" in text:
        return "评价指标体系"
    if "自评" in text or "自我评价" in text:
        return "自评表"
    if "部门整体" in text or "单位整体" in text or "整体支出" in text or _is_whole_department(_KIND_SUFFIX_RE.sub("", text)):
        return "部门整体"
    if roles and ("actual" in roles or ("score" in roles and "weight" not in roles)):
        return "自评表"
    return "目标表"


_UNIT_CODE_RE = re.compile(r"^\s*\[?\d{3,}\]?\s*[-_:：、.]?\s*")


def strip_unit_code(text: str) -> str:
    """"450001平乡县医疗保障局本级" -> "平乡县医疗保障局本级" (leading unit code removed)."""
    return _UNIT_CODE_RE.sub("", text or "").strip()


# ---------------------------------------------------------------- rows


def _join_lines(text: str) -> str:
    """One-line form of a label or name cell: line breaks inside a Word cell
    are layout, not content ("经济效益\\n指标" -> "经济效益指标")."""
    parts = [p.strip() for p in (text or "").splitlines() if p.strip()]
    if not parts:
        return ""
    out = parts[0]
    for part in parts[1:]:
        if re.match(r"[\u3400-\u9fff（(：:，,、]", part) or re.search(r"[\u3400-\u9fff（(：:，,、]$", out):
            out += part
        else:
            out += " " + part
    return remove_space_between_cjk(out)


def _block_text(text: str) -> str:
    """Multi-line fields (description, basis, actual) keep their line breaks."""
    return "\n".join(p.strip() for p in (text or "").splitlines() if p.strip())


def _is_placeholder(name: str) -> bool:
    key = _header_key(name) if name else ""
    return not key or bool(_PLACEHOLDER_RE.match(key)) or bool(_ELLIPSIS_RE.match(name))


def _row_text(cells: list[str]) -> str:
    return " | ".join(_join_lines(c) for c in cells if c and c.strip())


@dataclass
class _Columns:
    roles: list[str | None]
    #: A 年度目标 / 绩效目标 column beside the indicator columns (one goal per project row).
    goal: int | None = None

    def index(self, role: str) -> int | None:
        try:
            return self.roles.index(role)
        except ValueError:
            return None


_GROUP_HEADER_WORDS = ("绩效", "指标", "自评", "评价", "目标", "完成", "得分", "分值", "年度")


def _is_header_band(cells: list[str], *, need_roles: int) -> bool:
    """True when every non-empty cell of ``cells`` is a header word: a column role or a
    group label over several columns ("绩效指标", "自评", "年度绩效指标"), with at least
    ``need_roles`` role cells. The other storey of a two-row header; a metadata row
    ("单位名称 | 某局") or a data row is not one."""
    filled = [c for c in cells if c and c.strip()]
    if not filled:
        return False
    roles = 0
    for cell in filled:
        key = _header_key(cell)
        if _role_of_header(cell):
            roles += 1
        elif not (len(key) <= 10 and any(word in key for word in _GROUP_HEADER_WORDS)) or _level_kind(cell):
            return False
    return roles >= need_roles


def _merge_lower_header(columns: _Columns, lower: list[str]) -> _Columns:
    """Roles named in the lower storey of a two-row header replace the group cell above
    them ("自评" over 年度指标值 | 全年实际完成值 | 得分)."""
    lower_map = header_roles(lower)
    roles = list(columns.roles) + [None] * max(0, len(lower) - len(columns.roles))
    for role in set(lower_map.values()):
        roles = [None if r == role else r for r in roles]
    for index, role in lower_map.items():
        roles[index] = role
    goal = columns.goal if columns.goal is not None and roles[columns.goal] is None else None
    return _Columns(roles, goal)


def _columns_from_header(cells: list[str], above: list[str] | None) -> _Columns:
    mapping = header_roles(cells)
    band = bool(above) and _is_header_band(above, need_roles=0)
    # A dump drops the empty trailing cells of the lower storey: the upper one is wider.
    width = max(len(cells), len(above) if band else 0)
    roles: list[str | None] = [mapping.get(i) for i in range(width)]
    if band:
        taken = set(mapping.values())
        above_map = header_roles(above)
        for index, role in above_map.items():
            if index < len(roles) and roles[index] is None and role not in taken:
                roles[index] = role
                taken.add(role)
    # A narrative 年度目标 column that lost the value role to 指标值 holds the project's goal.
    goal = next(
        (i for i, cell in enumerate(cells) if i < len(roles) and roles[i] is None and goal_label(cell) in (ANNUAL, OVERALL)),
        None,
    )
    return _Columns(roles, goal)


def _is_goal_stop(cell: str) -> bool:
    """A cell that ends a goal block: a column name or a level label."""
    return bool(_role_of_header(cell) or _level_kind(cell) or _meta_label(cell))


def _fill_goals(
    indicator_rows: list[IndicatorRow], rows: list[tuple[str, list[str]]], not_goal_rows: set[int], context_goal: str
) -> None:
    """Every indicator row without a goal of its own (a 年度目标 column) gets the table's
    goal: the goal cells among its other rows, else the goal the reader found around it."""
    if not indicator_rows or all(row.goal for row in indicator_rows):
        return
    collector = GoalCollector(_is_goal_stop)
    for position, (_, cells) in enumerate(rows):
        collector.add_row(None if position in not_goal_rows else cells)
    goal = collector.text or clean_goal(context_goal)
    for row in indicator_rows:
        if not row.goal:
            row.goal = goal


def interpret_table(table: Table) -> ExtractResult:
    """Indicator rows and skipped rows of one table grid. See the module docstring."""
    result = ExtractResult(source_file=table.source_file)
    rows = table.rows
    header_at = next((i for i, (_, cells) in enumerate(rows) if is_header_row(cells)), None)
    if header_at is None:
        for locator, cells in rows:
            if any(c and c.strip() for c in cells):
                result.skipped.append(
                    SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, _row_text(cells))
                )
        return result

    result.tables = 1
    title = clean_title(table.title)
    department = table.department
    columns: _Columns | None = None
    kind = table.table_kind
    project = table.project
    carried_l1 = ""
    carried_l2 = ""
    carried_project = ""
    carried_department = ""
    header_position = -1
    previous_l1 = ""
    closed = False
    rows_at_header = 0
    carried_goal = ""
    goal_project: str | None = None
    not_goal_rows: set[int] = set()  # headers and indicator rows: they end a goal block
    for position, (locator, cells) in enumerate(rows):
        text = _row_text(cells)
        if position < header_at:
            if text:
                result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, text))
            continue
        if columns is not None and header_position == position - 1 and _is_header_band(cells, need_roles=2):
            # The lower storey of a two-row header whose upper storey named the levels.
            columns = _merge_lower_header(columns, cells)
            if not table.table_kind:
                kind = kind_from_title(title, {r for r in columns.roles if r})
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_HEADER, text))
            header_position = position
            not_goal_rows.add(position)
            continue
        if is_header_row(cells):
            closed = False
            rows_at_header = len(result.rows)
            header_position = position
            above = rows[position - 1][1] if position > 0 else None
            columns = _columns_from_header(cells, above)
            carried_l1 = carried_l2 = ""
            if not kind:
                kind = kind_from_title(title, {r for r in columns.roles if r})
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_HEADER, text))
            not_goal_rows.add(position)
            continue
        assert columns is not None
        if not text:
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_EMPTY_TEMPLATE, ""))
            continue
        placed = _align(list(cells), columns.roles)
        field = {role: placed[i] for i, role in enumerate(columns.roles) if role}

        first = _header_key(next(c for c in cells if c and c.strip()))
        if closed or (len(result.rows) > rows_at_header and _SECTION_BREAK_RE.match(first)):
            # A budget, task or goal block below the indicators (部门整体 / 自评 forms):
            # nothing up to the next header is an indicator row.
            closed = True
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, text))
            continue
        # With merged cells filled, a section label ("绩效指标(90分)") can precede 合计 in the row.
        if _SUBTOTAL_RE.match(first) or any(
            _SUBTOTAL_RE.match(_header_key(field.get(role, ""))) for role in ("name", "l1", "l2")
        ):
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_SUBTOTAL, text))
            continue
        # the raw text: _header_key drops the colon that marks a note ("单位：万元")
        filled_raw = [normalize_for_matching(c) for c in cells if c and c.strip()]
        if (
            _NOTE_RE.match(first)
            or _NOTE_RE.match(filled_raw[0])
            or _CLOSING_RE.match(first)
            or all(_SIGNATURE_CELL_RE.match(c) for c in filled_raw)
        ):
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, text))
            continue
        filled_cells = [c for c in cells if c and c.strip()]
        distinct = {_join_lines(c) for c in filled_cells}
        no_level_columns = not {"l1", "l2", "kind"} & set(columns.roles)
        metas = [_meta_label(c) for c in distinct]
        if metas and all(metas) and len(metas) > 1:
            # "项目名称：X | 单位名称：Y" (title rows inside the grid): context, not an indicator.
            for label, value in metas:
                if label in _PROJECT_HEADERS:
                    carried_project = value
                else:
                    carried_department = strip_unit_code(value)
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, text))
            continue
        heading = next(iter(distinct)) if len(distinct) == 1 else ""
        meta = _IN_GRID_LABEL_RE.match(heading) if heading and _meta_label(heading) else None
        if heading and (
            (table.merged_filled and len(filled_cells) >= 3) or (len(filled_cells) == 1 and (no_level_columns or meta))
        ):
            level = _level_kind(heading)
            if level or table.merged_filled or meta:
                # A section heading spread over a merged row (or the one cell of such a row in
                # a text dump): a level label ("产出指标", "（一）数量指标") sets the levels of
                # the rows below it; "项目名称：X" / "单位名称：Y" their project / department.
                if level == "l1" or (level == "both" and not _l1_fits(carried_l1, heading)):
                    carried_l1, carried_l2 = heading, ""
                elif level:
                    carried_l2 = heading
                elif meta:
                    label = _header_key(meta.group(1))
                    if label in _PROJECT_HEADERS:
                        carried_project = meta.group(2).strip()
                    elif label in _DEPARTMENT_HEADERS or label == "部门":
                        carried_department = strip_unit_code(meta.group(2))
                result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, text))
                continue

        l1_cell = _join_lines(field.get("l1", ""))
        l2_cell = _join_lines(field.get("l2", ""))
        if field.get("kind", "").strip() and "l2" not in field and "l1" not in field:
            # One 指标类型 cell names the levels of its row: nothing to carry from above.
            l1_cell, l2_cell = _split_kind(_join_lines(field["kind"]))
            if not l1_cell and l2_cell and _l1_fits(carried_l1, l2_cell):
                l1_cell = carried_l1  # "质量指标" after "产出指标-数量指标": same 一级
            carried_l1, carried_l2 = l1_cell, l2_cell
        if l1_cell and not l2_cell:
            # "产出指标-数量指标" under an 一级 header: both levels in one cell.
            first, second = _split_kind(l1_cell)
            if first and second:
                l1_cell, l2_cell = first, second
        if field.get("project", "").strip():
            carried_project = _join_lines(field["project"])
        if field.get("department", "").strip():
            carried_department = strip_unit_code(_join_lines(field["department"]))
        if l1_cell:
            if l1_cell != carried_l1:
                carried_l2 = ""
            carried_l1 = l1_cell
        if l2_cell:
            carried_l2 = l2_cell

        raw_name = _join_lines(field.get("name", ""))
        name = _NAME_PREFIX_RE.sub("", raw_name).strip()
        value_raw = (field.get("value") or "").strip()
        if value_raw and "l2" not in columns.roles and _level_kind(name) in ("l2", "both"):
            # 指标类型 | 指标名称 | 指标值 tables that name only the 二级 (no 三级 name).
            carried_l2 = name
            raw_name = name = ""
        if not value_raw and "l1" not in columns.roles and "l2" not in columns.roles and _level_kind(raw_name):
            # 指标名称 | 指标值 tables with the levels as section rows ("产出指标", "数量指标").
            level = _level_kind(raw_name)
            if level == "l1" or (level == "both" and not _l1_fits(carried_l1, raw_name)):
                carried_l1, carried_l2 = raw_name, ""
            else:
                carried_l2 = raw_name
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, text))
            continue
        if _is_placeholder(raw_name) and not value_raw:
            # Nothing but level labels and "指标1：" placeholders: a template row left empty.
            leftovers = [c for c in cells if c and c.strip() and not _level_kind(c) and not _is_placeholder(_join_lines(c))]
            reason = SKIP_NOT_INDICATOR if leftovers else SKIP_EMPTY_TEMPLATE
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, reason, text))
            continue
        if _is_placeholder(name) and _ELLIPSIS_RE.match(value_raw or "."):
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_EMPTY_TEMPLATE, text))
            continue
        if normalize_for_matching(name) in _NOT_APPLICABLE and (
            not value_raw or normalize_for_matching(value_raw) in _NOT_APPLICABLE
        ):
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_NOT_INDICATOR, text))
            continue
        if _level_kind(name) and not value_raw:
            result.skipped.append(SkippedRow(table.source_file, table.table_index, locator, SKIP_EMPTY_TEMPLATE, text))
            continue

        unit_hint = _join_lines(field.get("unit", ""))
        comparator_hint = parse_value(_join_lines(field.get("nature", ""))).comparator if field.get("nature") else ""
        parsed = parse_value(value_raw, unit_hint, comparator_hint)
        l1, l2 = normalize_levels(carried_l1, carried_l2)
        if not carried_l1 and previous_l1 and _level_kind(carried_l2) == "both" and _l1_fits(previous_l1, carried_l2):
            # A 二级-only column: "成本指标" after 数量/质量/时效 is the classic 产出 成本指标.
            l1, l2 = normalize_levels(previous_l1, carried_l2)
        previous_l1 = l1
        row_kind = kind or kind_from_title(title)
        row_department = carried_department or department or (department_from_title(title) if row_kind == "部门整体" else "")
        row_project = carried_project or project or project_from_title(title)
        if not row_project and (row_kind == "部门整体" or _names_whole_department(title)):
            # A department-level table (also a 部门整体支出绩效自评表): its subject is the department.
            row_project = row_department
        if columns.goal is not None:
            # One goal per project row, merged down over the project's other rows.
            goal_cell = clean_goal(placed[columns.goal]) if columns.goal < len(placed) else ""
            if goal_cell and is_goal_text(goal_cell) and not goal_label(goal_cell):
                carried_goal, goal_project = goal_cell, row_project
            elif goal_project != row_project:
                carried_goal = ""
        not_goal_rows.add(position)
        result.rows.append(
            IndicatorRow(
                source_file=table.source_file,
                table_index=table.table_index,
                row_locator=locator,
                department=row_department,
                project=row_project,
                table_kind=row_kind,
                l1_filed=carried_l1,
                l2_filed=carried_l2,
                l1=l1,
                l2=l2,
                name=name,
                description=_block_text(field.get("description", "")),
                value_raw=value_raw,
                comparator=parsed.comparator,
                number=parsed.number,
                unit=parsed.unit,
                basis=_block_text(field.get("basis", "")),
                actual=_block_text(field.get("actual", "")),
                score=_join_lines(field.get("score", "")),
                goal=carried_goal if columns.goal is not None else "",
            )
        )
    _fill_goals(result.rows, rows, not_goal_rows, table.goal)
    if not result.rows:
        first_locator = rows[0][0] if rows else ""
        label = title or f"table {table.table_index}"
        result.empty_templates.append(f"{label} ({first_locator})" if first_locator else label)
    return result
