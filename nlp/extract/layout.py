"""Locating indicator tables inside a grid and reading the title and metadata above them.

Shared by the grid readers (xlsx, docx, delimited text): a sheet, a Word table
or a CSV is a list of ``(locator, cells)`` rows; :func:`split_tables` cuts it
into one :class:`~nlp.schema.Table` per indicator header, each carrying the
title, department, project and table kind found in the rows (and paragraphs)
above its header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from nlp.schema import Table
from nlp.text import normalize_for_matching, to_simplified

Row = tuple[str, list[str]]

# Header cell text -> role. Matching is on normalize_for_matching(cell) with
# bracketed decorations ("(必填)", "（30分）") and stars removed.
_ROLE_LABELS: dict[str, tuple[str, ...]] = {
    "l1": ("一级指标", "一级", "一级指标名称"),
    "l2": ("二级指标", "二级", "二级指标名称", "指标类型", "指标类别"),
    "name": (
        "三级指标", "三级", "三级指标名称", "指标名称", "指标内容", "绩效指标名称", "具体指标",
        "绩效指标内容", "指标项", "指标", "三级指标内容",
    ),
    "value": (
        "指标值", "目标值", "年度指标值", "指标目标值", "年度目标值", "全年目标值", "预期目标值",
        "预期指标值", "计划目标值", "绩效指标值", "指标值内容", "标准值", "计划值", "预期值",
        "年度计划值", "全年计划值", "预期目标",
    ),
    "actual": (
        "完成值", "实际完成值", "全年实际值", "实际值", "年度完成值", "全年完成值", "实际完成",
        "实际达成值", "实际完成情况", "全年实际完成值", "完成情况",
    ),
    "score": ("得分", "实际得分", "自评得分", "评分"),
    "weight": ("权重", "分值", "指标分值", "权重分值", "权重(分)"),
    "unit": ("计量单位", "度量单位", "单位", "指标单位"),
    "nature": ("指标性质", "指标方向", "比较符", "符号", "计算符号", "运算符"),
    "desc": ("绩效指标描述", "指标解释", "指标说明", "指标描述", "指标内涵", "指标定义"),
    "basis": ("指标值确定依据", "确定依据", "指标值设定依据", "指标值确定依据及说明", "目标值确定依据"),
    "dept": (
        "部门", "部门名称", "单位名称", "预算单位", "预算单位名称", "主管部门", "部门(单位)名称",
        "部门单位", "department",
    ),
    "project": ("项目名称", "项目", "project"),
    "kind": ("表类型", "table_kind"),
}
# zhibiao's own output columns read back as headers (round trip of `zhibiao extract`).
_ENGLISH_ROLES = {
    "l1_filed": "l1", "l2_filed": "l2", "name": "name", "value_raw": "value", "actual": "actual",
    "score": "score", "unit": "unit", "comparator": "nature", "description": "desc", "basis": "basis",
}
_LABEL_ROLE: dict[str, str] = {}
for _role, _labels in _ROLE_LABELS.items():
    for _label in _labels:
        _LABEL_ROLE.setdefault(normalize_for_matching(_label), _role)
_LABEL_ROLE.update(_ENGLISH_ROLES)

_DECORATION_RE = re.compile(r"[(\[【（][^)\]】）]*[)\]】）]|[★☆*:：]")
_CORE_ROLES = frozenset({"l1", "l2", "name", "value", "actual"})


def cell_key(text: str) -> str:
    """Comparison form of a header or label cell: normalised, decorations removed."""
    return _DECORATION_RE.sub("", normalize_for_matching(text or ""))


def cell_role(text: str) -> str:
    """The header role of one cell ("l1", "name", "value", ...), or "" if it is no header label."""
    if not text or len(text) > 20:
        return ""
    key = normalize_for_matching(text)
    role = _LABEL_ROLE.get(key) or _LABEL_ROLE.get(cell_key(text), "")
    if role:
        return role
    key = cell_key(text)
    # Variants such as "2024年度指标值", "年度绩效目标值", "全年实际完成值".
    if key.endswith(("指标值", "目标值")) and len(key) <= 10:
        return "value"
    if re.match(r"^(?:年度|全年)?(?:计划|预期|预计)完成值$", key):
        return "value"  # the planned value, not the actual
    if key.endswith("完成值") and len(key) <= 10:
        return "actual"
    return ""


def _preference(role: str, text: str) -> int:
    """Lower is better when two columns name one role: the annual value over the mid-term
    one (中期目标值 | 年度目标值), a 比较符 over a 指标方向 (正向/反向) column."""
    key = normalize_for_matching(text)
    if role == "value":
        if "值" not in key:
            return 3  # "预期目标": perhaps the narrative goal; any 指标值 column is the value
        return 2 if ("中期" in key or "长期" in key) else 0 if ("年度" in key or "全年" in key) else 1
    if role == "nature":
        return 1 if "方向" in key else 0
    if role == "unit":
        return 1 if cell_key(text) == "单位" else 0
    return 0


def header_roles(cells: list[str]) -> dict[str, int]:
    """Role -> column index, for the cells of one row: the first column naming the role,
    unless a later one is preferred (see :func:`_preference`)."""
    roles: dict[str, int] = {}
    for index, text in enumerate(cells):
        role = cell_role(text)
        if role and (role not in roles or _preference(role, text) < _preference(role, cells[roles[role]])):
            roles[role] = index
    bare_unit = next((i for i, text in enumerate(cells) if cell_key(text) == "单位"), None)
    if bare_unit is not None and roles.get("unit") != bare_unit and "dept" not in roles:
        # "单位 | 项目 | ... | 计量单位": the bare 单位 column names the budget unit.
        roles["dept"] = bare_unit
    return roles


def is_header_row(cells: list[str]) -> bool:
    """A row that heads an indicator table: at least two of 一级/二级/三级(名称)/指标值/完成值,
    or a header by the grid interpreter's own (wider) vocabulary."""
    if len(_CORE_ROLES & header_roles(cells).keys()) >= 2:
        return True
    from nlp.extract.grid import is_header_row as grid_is_header_row

    return grid_is_header_row(cells)


# --- titles and metadata -------------------------------------------------------------------

_TITLE_RE = re.compile(r"(绩效目标|自评|绩效指标|评价指标|指标体系|目标表|申报表|评价表|绩效表)")
_DEPT_LABELS = (  # in order of preference
    "部门名称", "部门(单位)名称", "单位名称", "预算单位", "预算单位名称", "主管部门", "项目主管部门",
    "主管部门及代码", "填报单位", "申报单位", "部门", "实施单位", "项目实施单位", "项目执行单位",
)
_PROJECT_LABELS = ("项目名称", "项目全称", "专项名称", "资金名称")
_DEPT_KEYS = {normalize_for_matching(label): rank for rank, label in enumerate(_DEPT_LABELS)}
_PROJECT_KEYS = {normalize_for_matching(label) for label in _PROJECT_LABELS}
_LABEL_KEYS = _PROJECT_KEYS | _DEPT_KEYS.keys()
_LABEL_VALUE_RE = re.compile(r"^\s*([^:：]{2,12})\s*[:：]\s*(.+?)\s*$", re.S)
# "362001兴隆县医疗保障局本级": a budget unit code followed by the unit's name.
_CODED_UNIT_RE = re.compile(
    r"^\s*\d{6,}\s*[-_ ]?\s*(\S*?(?:局|委|院|中心|办|馆|所|站|校|学|会|部|厅|处|队|室|镇|乡|街道|政府|单位|公司)(?:本级|机关)?)\s*$"
)
_UNIT_CODE_RE = re.compile(r"^\s*[\[【]?\d{6,}[\]】]?\s*[-_:：、.]?\s*")
_PROJECT_CODE_RE = re.compile(r"^[0-9A-Za-z]{10,}\s*[-—_\s]\s*")
_UNIT_NOTE_RE = re.compile(r"^(?:金额)?单位[:：]")
_TITLE_PROJECT_RE = re.compile(
    r"^(?:\d+[.、]\s*)?(?:\d{4}\s*年度?)?(.+?)(?:项目)?(?:支出)?(?:绩效(?:目标|自评|评价)|自评)(?:申报)?表"
)
_GENERIC_TITLE_WORDS = ("部门", "项目支出", "预算", "市级", "省级", "县级", "区级", "财政", "专项资金")
_UNIT_SUFFIX_RE = re.compile(r"(局|委员会|委|院|中心|办公室|办|馆|所|站|学校|校|大学|学院|部|厅|处|队|政府|街道办事处)$")


@dataclass(frozen=True)
class Context:
    """What the rows and paragraphs above a table say about it."""

    title: str = ""
    department: str = ""
    project: str = ""
    dept_rank: int = 99

    def merged_with(self, newer: "Context") -> "Context":
        """``newer`` wins wherever it says something."""
        return Context(
            title=newer.title or self.title,
            department=newer.department or self.department,
            project=newer.project or self.project,
            dept_rank=newer.dept_rank if newer.department else self.dept_rank,
        )


def _value_after(cells: list[str], index: int) -> str:
    """First non-empty cell right of ``index`` that is not a copy of the label (merged cells)."""
    label = cells[index]
    for text in cells[index + 1:]:
        if text and text != label:
            return text.strip()
    return ""


# A merged section row inside a table ("年度绩效指标", "绩效目标（30分）"): a label, not a table title.
_SECTION_LABEL_RE = re.compile(r"^(?:\d{4}年度?)?(?:年度|中期|长期|全年|本年度?)?(?:总体)?绩效(?:目标|指标)$")


def _is_title(text: str) -> bool:
    return (
        bool(_TITLE_RE.search(to_simplified(text)))
        and len(text) <= 80
        and not _LABEL_VALUE_RE.match(text)
        and not _SECTION_LABEL_RE.match(cell_key(text))
    )


def context_from_lines(lines: list[list[str]], base: Context | None = None) -> Context:
    """Read title, department and project from rows (lists of cells) or paragraphs
    (one-cell rows) above a table; later lines win, the best 部门 label wins."""
    context = base or Context()
    title, department, project, rank = context.title, context.department, context.project, context.dept_rank
    found_rank = 99
    for line_number, cells in enumerate(lines):
        texts = [t.strip() for t in cells if t and t.strip()]
        if not texts:
            continue
        distinct = list(dict.fromkeys(texts))
        if len(distinct) == 1 and _is_title(distinct[0]):
            title = distinct[0]
            project = ""  # a new title starts a new table: an older 项目名称 no longer applies
            continue
        for index, text in enumerate(cells):
            if not text:
                continue
            key = cell_key(text)
            label_value = _LABEL_VALUE_RE.match(text)
            value = ""
            if key in _PROJECT_KEYS or key in _DEPT_KEYS:
                value = _value_after(cells, index)
                below = lines[line_number + 1] if line_number + 1 < len(lines) else []
                if (not value or cell_key(value) in _LABEL_KEYS) and index < len(below) and below[index]:
                    value = below[index].strip()  # labels in one row, values in the row below
            elif label_value and cell_key(label_value.group(1)) in _LABEL_KEYS:
                key, value = cell_key(label_value.group(1)), label_value.group(2)
            if not value or cell_role(value) or cell_key(value) in _LABEL_KEYS:
                continue
            if key in _PROJECT_KEYS:
                project = _PROJECT_CODE_RE.sub("", value)
            elif _DEPT_KEYS[key] <= found_rank:
                found_rank = _DEPT_KEYS[key]
                department, rank = _UNIT_CODE_RE.sub("", value) or value, found_rank
        coded = _CODED_UNIT_RE.match(distinct[0])
        # A coded unit line names the unit of what follows: it replaces an inherited unit
        # that came from such a line too (a 部门预算 lists 本级 and each subordinate unit).
        if coded and (found_rank == 99 and rank >= 98 or not department):
            department, rank = coded.group(1), 98
    return Context(title, department, project, rank)


def table_kind(title: str, header_cells: list[str] = ()) -> str:
    """自评表 / 评价指标体系 / 部门整体 / 目标表, from the title; a header with
    完成值 or 得分 columns and no title cue is a 自评表."""
    if "自评" in title:
        return "自评表"
    if "评价指标体系" in title:
        return "评价指标体系"
    if "整体" in title:
        return "部门整体"
    if not title or not _TITLE_RE.search(title):
        roles = header_roles(list(header_cells))
        if "actual" in roles or "score" in roles:
            return "自评表"
    return "目标表"


def _fill_from_title(context: Context) -> Context:
    """Department / project written only in the title ("XX局2024年部门整体支出绩效目标表",
    "1.劳务派遣人员经费绩效目标表")."""
    title = re.sub(r"\s+", "", context.title)
    department, project = context.department, context.project
    if not department:
        match = re.match(r"^(.+?)\d{4}年", title)
        if match and _UNIT_SUFFIX_RE.search(match.group(1)):
            department = match.group(1)
    # Patterns run on a Simplified shadow; the name is cut from the title as written
    # (zhconv maps character for character).
    shadow = to_simplified(title)
    if len(shadow) != len(title):
        title = shadow
    if not project and "整体" not in shadow:
        match = _TITLE_PROJECT_RE.match(shadow)
        candidate = title[match.start(1):match.end(1)].strip("-—:：、 ") if match else ""
        if department and candidate.startswith(department):
            candidate = candidate[len(department):]
        candidate = re.sub(r"^\d{4}年度?", "", candidate)
        if len(candidate) >= 2 and not any(word in to_simplified(candidate) for word in _GENERIC_TITLE_WORDS):
            project = candidate
    return replace(context, department=department, project=project)


def _is_preamble_row(cells: list[str]) -> bool:
    """A title or metadata row (项目名称 / 单位名称 ...) that starts the next table's block."""
    texts = [t for t in cells if t]
    if not texts:
        return False
    distinct = list(dict.fromkeys(texts))
    # Only a titled table ("...绩效目标表", "...自评表") starts a new block; a merged
    # "年度绩效指标" row inside a table does not.
    if len(distinct) == 1 and _is_title(distinct[0]) and re.search(r"表|自评", distinct[0]):
        return True
    if _CODED_UNIT_RE.match(distinct[0]) or _UNIT_NOTE_RE.match(distinct[-1]):
        return True
    for text in distinct:
        key = cell_key(text)
        label_value = _LABEL_VALUE_RE.match(text)
        if key in _PROJECT_KEYS or key in _DEPT_KEYS:
            return True
        if label_value and cell_key(label_value.group(1)) in (_PROJECT_KEYS | _DEPT_KEYS.keys()):
            return True
    return False


def header_groups(rows: list[Row]) -> list[tuple[int, int]]:
    """(first, last) row indexes of each header; adjacent header rows (two-row headers) form one group."""
    groups: list[tuple[int, int]] = []
    for index, (_, cells) in enumerate(rows):
        if is_header_row(cells):
            if groups and groups[-1][1] == index - 1:
                groups[-1] = (groups[-1][0], index)
            else:
                groups.append((index, index))
    return groups


def split_tables(
    rows: list[Row],
    source_file: str,
    first_table_index: int,
    context: Context,
    merged_filled: bool,
) -> tuple[list[Table], Context]:
    """Cut a grid into one Table per indicator header.

    Each table runs from its preamble (the first title/metadata row after the
    previous table's header, or the grid's first row) to the next table's
    preamble. ``context`` is what earlier paragraphs/sheets said; the returned
    context is what the next grid inherits. A grid without any header gives no
    table, only context.
    """
    groups = header_groups(rows)
    if not groups:
        return [], context_from_lines([cells for _, cells in rows], context)
    starts = [0]
    for previous, current in zip(groups, groups[1:]):
        start = current[0]
        for index in range(previous[1] + 1, current[0]):
            if _is_preamble_row(rows[index][1]):
                start = index
                break
        # The upper row of a two-row header ("绩效指标" over 一级/二级/三级) stays with its table.
        if start == current[0] and start - 1 > previous[1] and header_roles(rows[start - 1][1]):
            start -= 1
        starts.append(start)
    tables: list[Table] = []
    for number, ((header_first, header_last), start) in enumerate(zip(groups, starts)):
        end = starts[number + 1] if number + 1 < len(starts) else len(rows)
        context = context_from_lines([cells for _, cells in rows[start:header_first]], context)
        filled = _fill_from_title(context)
        header_cells = [c for _, cells in rows[header_first:header_last + 1] for c in cells]
        kind = table_kind(filled.title, header_cells)
        tables.append(
            Table(
                source_file=source_file,
                table_index=first_table_index + number,
                title=filled.title,
                department=filled.department,
                # A 部门整体 table is about the whole department: its project is the department.
                project=filled.project or (filled.department if kind == "部门整体" else ""),
                table_kind=kind,
                rows=rows[start:end],
                merged_filled=merged_filled,
            )
        )
    return tables, context
