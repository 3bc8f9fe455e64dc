"""Read plain-text renderings of 绩效目标表 / 自评表 found on the web.

Web pages flatten tables in many ways: markdown pipe rows, one cell per line
each closed by ``|``, one cell per line separated by blank lines, one row per
line with cells separated by spaces, bracket headings (``【产出指标-数量指标】``
then ``指标1:名称(值)``) and prose (``数量指标:★...>=17600株;``).

All table-like renderings are turned into one stream of cells (text plus the
lines it came from, plus "a row ends here" hints). A small state machine then
walks the stream: level labels (产出指标, 数量指标 ...) set 一级/二级, the header
(一级指标 | 二级指标 | 三级指标 | 指标值 ...) says which columns follow a 三级
name, and every other cell is a 三级 name or one of its values. Text copied
from a spreadsheet (tabs) is read like pipe rows; a whole table flattened onto
one line is read word by word.

Three renderings are not grids and give rows directly: bracket headings,
prose, and flattened DOCX/PDF text where labels, names and values are glued
together (``产出指标数量指标足额保障率=100% 22.5``), from which only values
with a comparator, % or unit are kept.

Nothing is invented: every non-blank line ends up inside an indicator row's
locator range or in a :class:`SkippedRow` with the reason it was not read.
Text is kept as written (Traditional stays Traditional) minus injected
pinyin; matching uses :func:`nlp.text.normalize_for_matching`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from nlp.dimensions import normalize_levels
from nlp.extract.grid import _NAME_PREFIX_RE, department_from_title, header_roles, project_from_title, strip_unit_code
from nlp.schema import (
    SKIP_EMPTY_TEMPLATE,
    SKIP_HEADER,
    SKIP_NOT_INDICATOR,
    SKIP_SUBTOTAL,
    SKIP_UNREADABLE,
    ExtractResult,
    IndicatorRow,
    SkippedRow,
)
from nlp.text import (
    nfkc,
    normalize_for_matching,
    remove_space_between_cjk,
    strip_pinyin,
    to_simplified,
    unify_glyphs,
)
from nlp.values import parse_value

__all__ = ["read_plain_text", "split_cells", "classify_label"]

# ---------------------------------------------------------------------------
# Label and header vocabularies (matched on normalize_for_matching text).

_DECOR_RE = re.compile(
    r"[★☆*]+|[(\[【]?必填[)\]】]?|[(\[]?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?[)\]]?分[)\]]?|[:：]$"
)
_L1_RE = re.compile(
    r"^(?:产出|效益|影响力|投入|项目完成|完成指标|项目产出|项目效益|项目决策|项目管理|过程|项目年度绩效)"
    r"(?:指标|目标|值)?$"
)
# either level: 一级 when a 二级 label follows, else the 二级 itself
_DUAL_RE = re.compile(r"^(?:满意度|成本|效果)(?:指标|目标|值)$")
_L2_CORE = (
    "数量|质量|时效|进度|经济成本|社会成本|生态环境成本|生态成本|环境成本|经济效益|社会效益|生态效益|"
    "环境效益|可持续影响|可持续性影响|可持续发展影响|可持续性发展影响|服务对象满意度|"
    "社会公众或服务对象满意度|服务对象或受益者满意度|社会公众满意度|受益对象满意度|群众满意度|"
    "使用者满意度|效果|制度|具体"
)
# only with 指标/目标 after them: as bare words they are ordinary values ('可持续')
_L2_SUFFIXED_ONLY = "可持续发展|可持续性|可持续|生态环境效益|长效管理"
_L2_RE = re.compile(
    rf"^(?:产出)?(?:{_L2_CORE}|{_L2_SUFFIXED_ONLY})性?(?:指标|目标|值)$"
    # variants seen across provinces: '受益群众满意度指标', '经济社会效益指标'
    r"|^[\u4e00-\u9fff]{1,12}满意度(?:指标|目标)$|^[\u4e00-\u9fff]{1,6}效益(?:指标|目标)$"
)
_L2_BARE_RE = re.compile(rf"^(?:{_L2_CORE}|成本|满意度)$")
_L1_BARE_RE = re.compile(r"^(?:产出|效益)$")

_HEADER_START = {"一级指标", "一级", "一级目标", "指标类型", "一级指标名称", "二级指标"}
_HEADER_WORDS = (
    "指标", "值", "单位", "分值", "权重", "得分", "原因", "备注", "性质", "类型", "说明", "解释",
    "描述", "标准", "方向", "完成率", "内容", "进度", "名称", "评价", "目标", "比较符", "符号", "数值",
    "评分", "扣分",
)
_NAME_COLUMNS = {"三级指标", "三级", "指标内容", "具体指标", "绩效指标名称", "三级指标名称", "指标名称"}

_STOP_PREFIXES = (
    "合计", "总分", "总计", "评价结论", "存在问题", "改进措施", "备注", "注:", "说明:", "项目负责人",
    "财务负责人", "填表人", "填报人", "附件", "偏差大或", "财政部门", "审核意见", "自评得分",
)
# Page furniture after a table (footers of government sites).
_BOILERPLATE_RE = re.compile(r"ICP备|公网安备|网站标识码|版权所有|主办单位|主办|承办|网站地图|联系我们|公务邮箱|技术支持|扫一扫")
_SUBTOTAL_PREFIXES = ("合计", "总分", "总计", "自评得分")
_TITLE_RE = re.compile(r"(?:绩效目标|绩效自评|自评|目标申报|目标审批|目标公开|绩效评价指标)表")

# department / project labels, most specific first
_DEPARTMENT_KEYS = (
    "单位名称", "部门(单位)名称", "部门名称", "预算单位", "填报单位", "项目单位", "实施单位", "项目实施单位",
    "资金使用单位", "部门", "主管部门", "项目主管部门", "主管预算部门", "地方主管部门", "业务主管部门",
    "主管部门及代码",
)
_PROJECT_KEYS = (
    "项目名称", "项目支出名称", "专项名称", "专项资金名称", "转移支付(项目)名称", "转移(项目)名称", "项目",
)

_TONE_PINYIN_RE = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
_VALUE_LIKE_RE = re.compile(
    r"^(?:[≥≤><=≈~]|不低于|不少于|不高于|不超过|不大于|不小于|大于|小于|高于|低于|达到|约)?\s*[-+]?\d"
)
_COMPARATOR_TOKEN_RE = re.compile(r"^(?:[≥≤><=≈~]|定量|定性|正向|反向|正向指标|反向指标)$")
_CJK_RE = re.compile(r"[\u3400-\u9fffA-Za-z]")
_UNIT_WORDS = (
    "平方米|立方米|公里|公斤|万元|亿元|元|万人|人次|人|户|个|次|家|所|项|台|套|座|吨|亩|天|月|年|小时|"
    "分钟|批次|份|册|场|条|处|起|辆|株|只|头|kg|km|m"
)


def _value_fields(value_raw: str, unit_hint: str = "", comparator_hint: str = "") -> dict[str, str]:
    """comparator, number and unit of a row's value (all empty when there is no value: a unit
    hint from the unit column alone makes no target)."""
    if not value_raw:
        return {"comparator": "", "number": "", "unit": ""}
    parsed = parse_value(value_raw, unit_hint, comparator_hint)
    return {"comparator": parsed.comparator, "number": parsed.number, "unit": parsed.unit}


def _key(text: str) -> str:
    """Comparison form of a cell: normalised, decorations (★, (40分), 必填) removed."""
    key = normalize_for_matching(text)
    for _ in range(2):
        key = _DECOR_RE.sub("", key)
    return key.strip(":-|")


def classify_label(text: str) -> str:
    """'l1', 'l2', 'dual' (满意度指标/成本指标: either level), 'bare' (a 二级
    word without 指标, only a label in context) or '' (not a level label)."""
    key = _key(text)
    if not key:
        return ""
    if _DUAL_RE.match(key):
        return "dual"
    if _L1_RE.match(key) and not _L1_BARE_RE.match(key):
        return "l1"
    if _L2_RE.match(key):
        return "l2"
    if _L2_BARE_RE.match(key) or _L1_BARE_RE.match(key):
        return "bare"
    return ""


def _is_value_like(text: str) -> bool:
    return bool(_VALUE_LIKE_RE.match(unify_glyphs(text).strip()))


_BARE_VALUE_RE = re.compile(
    r"^(?:[≥≤><=≈~]|不低于|不少于|不高于|不超过|不大于|不小于|大于|小于|高于|低于|达到|约)?\s*[-+]?\d[\d.,]*\s*(?:%|[^\d\s]{0,5})$"
)


def _is_bare_value(text: str) -> bool:
    """'375万平方米', '≥90%', '2020年': a value with nothing that could be a name."""
    return bool(_BARE_VALUE_RE.match(unify_glyphs(text).strip()))


def _is_comparator_token(text: str) -> bool:
    return bool(_COMPARATOR_TOKEN_RE.match(unify_glyphs(text).strip()))


def _is_unit_token(text: str) -> bool:
    """'%', '万元', '人/年', '萬元': a 计量单位 cell, not a short qualitative value."""
    text = to_simplified(nfkc(text.strip()))
    if not 0 < len(text) <= 6 or re.search(r"[\d。,，;；]", text) or _is_comparator_token(text):
        return False
    return bool(re.fullmatch(rf"(?:[%‰/]|{_UNIT_WORDS}|比例|倍|分|万|亿|元/?|个/?|人/?|年|次/?)+", text))


def _column_role(header: str) -> str:
    key = _key(header)
    if "性质" in key or key in {"指标值类型", "类型", "比较符", "符号", "运算符", "计算符号", "比较符号"}:
        return "comparator"
    if "单位" in key:
        return "unit"
    if "得分" in key:
        return "score"
    if "完成值" in key or "实际" in key or "实施进度" in key or "完成情况" in key or "累计完成" in key:
        return "actual"
    if any(word in key for word in ("解释", "说明", "描述", "指标值内容")):
        return "description"
    if any(word in key for word in ("原因", "分值", "权重", "备注", "完成率", "标准", "方向")):
        return "other"
    if "指标值" in key or "目标值" in key or key in {"年度数值", "年度值", "数值", "值"}:
        return "mid_value" if ("中期" in key or "长期" in key) else "value"
    return "other"


# ---------------------------------------------------------------------------
# Cells


@dataclass
class Cell:
    text: str
    first_line: int
    last_line: int
    row_line: bool = False  # the cell's line holds a whole row (2+ cells)
    ends_row: bool = False  # a row separator or the end of a row line follows
    free: bool = False  # running text outside any pipe-delimited cell
    label_hint: bool = False  # the splitter saw a level label here
    token: bool = False  # one word of a table flattened onto a single line

    @property
    def key(self) -> str:
        return _key(self.text)


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and re.match(r"[\u3400-\u9fff]", out[-1]) and re.match(r"[\u3400-\u9fff]", part[0]):
            out += part
        elif out:
            out += " " + part
        else:
            out = part
    return re.sub(r"\s+", " ", out).strip()


_PIPE_RUN_RE = re.compile(r"\|(?:\s*\|)*")
_MARKDOWN_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_cells(lines: list[tuple[int, str]]) -> list[Cell]:
    """'|' closes a cell; a lone '|' right after another closes an empty cell;
    a run of pipes at the end of a line (``| ||||``) ends a row. Lines without a
    pipe continue the open cell (``绩\\n效\\n指\\n标 |``)."""
    cells: list[Cell] = []
    pending: list[tuple[str, int]] = []
    after_row_end = True

    # does the open cell have text from a line with a pipe? If not, it is running text
    pending_piped = False

    def flush(ends_row: bool) -> None:
        nonlocal pending, pending_piped
        if pending:
            cells.append(Cell(_join([p for p, _ in pending]), pending[0][1], pending[-1][1]))
            pending = []
        pending_piped = False
        if ends_row and cells:
            cells[-1].ends_row = True

    for number, line in lines:
        if _MARKDOWN_RULE_RE.match(line):
            # '| --- | :---: |' under a markdown header: a row boundary, no cells
            flush(False)
            if cells:
                cells[-1].ends_row = True
            after_row_end = True
            continue
        if not line.strip():
            # a blank line ends running text: it never continues a cell
            if pending and not pending_piped:
                cells.append(Cell(_join([p for p, _ in pending]), pending[0][1], pending[-1][1], free=True))
                pending = []
            continue
        pieces = _PIPE_RUN_RE.split(line)
        if pending and not pending_piped and _TITLE_RE.search(_key(_join([p for p, _ in pending]))):
            flush(False)  # a table title on its own line is never the start of a cell
        elif pending and not line.lstrip().startswith("|") and sum(1 for p in pieces if p.strip()) >= 2:
            flush(False)  # text above a whole row is a cell of its own, not the row's first cell
        line_start = len(cells)
        runs = _PIPE_RUN_RE.findall(line)
        for index, piece in enumerate(pieces):
            if piece.strip():
                pending.append((piece.strip(), number))
                pending_piped = pending_piped or bool(runs)
            if index < len(runs):
                run = runs[index]
                at_end = not "".join(pieces[index + 1:]).strip()
                count = run.count("|")
                had_pending = bool(pending)
                flush(False)
                if count >= 2 and at_end:
                    if cells:
                        cells[-1].ends_row = True
                    after_row_end = True
                    continue
                # each pipe beyond the one closing pending text closes an empty cell
                empties = count - (1 if had_pending else 0)
                if not had_pending and after_row_end:
                    empties -= 1
                for _ in range(max(empties, 0)):
                    cells.append(Cell("", number, number))
                after_row_end = False
        line_cells = [c for c in cells[line_start:] if c.first_line == number and c.text]
        if len(line_cells) + (1 if pending and pending[0][1] == number else 0) >= 2:
            # a whole row on one line: close it at the end of the line
            flush(False)
            for cell in cells[line_start:]:
                cell.row_line = True
            if cells:
                cells[-1].ends_row = True
            after_row_end = True
    if pending and not pending_piped:
        cells.append(Cell(_join([p for p, _ in pending]), pending[0][1], pending[-1][1], free=True))
    else:
        flush(True)
    return cells


def _space_row_cells(number: int, line: str) -> list[Cell]:
    """One table row per line, cells separated by spaces. Level labels are
    peeled from the front; the 三级 name runs up to the first value-like token
    (names may contain single spaces: '数量( ≥**个 )')."""
    tokens = line.split()
    if len(tokens) == 1:
        return [Cell(tokens[0], number, number)]
    out: list[str] = []
    index = 0
    hinted: set[int] = set()
    while index < len(tokens):
        label = classify_label(tokens[index])
        previous = classify_label(tokens[index - 1]) if index else ""
        if label == "bare" and previous in ("l1", "dual") and len(tokens) - index >= 2:
            hinted.add(len(out))  # '满意度指标 服务对象满意度 名称 ...': a 二级 without 指标
        elif label not in ("l1", "l2", "dual"):
            break
        out.append(tokens[index])
        index += 1
    rest = tokens[index:]
    if rest:
        if any(_key(t) in _HEADER_START or _key(t) in _NAME_COLUMNS for t in rest):
            out.extend(rest)
        else:
            split = next(
                (j for j in range(1, len(rest)) if _is_value_like(rest[j]) or _is_comparator_token(rest[j])), None
            )
            if split is None:
                split = 1
            # keep the name verbatim from the line, inner spaces included
            start = line.index(rest[0])
            end = start
            for token in rest[:split]:
                end = line.index(token, end) + len(token)
            out.append(line[start:end].strip())
            out.extend(rest[split:])
    cells = [Cell(text, number, number, row_line=True, label_hint=i in hinted) for i, text in enumerate(out)]
    cells[-1].ends_row = True
    return cells


_HEADER_ROW_RE = re.compile(r"(?:二级指标|三级指标|一级指标)\|")


_ENUMERATION_RE = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、](?!\d))")


def _is_running_text(line: str) -> bool:
    """A line of a report rather than a table row: a heading such as '(三)' or
    '二、', or a single word or sentence that is neither a label nor a value."""
    tokens = line.split()
    if classify_label(tokens[0]) in ("l1", "l2", "dual"):
        return False
    if _ENUMERATION_RE.match(line):
        return True
    if re.match(r"^\s*指[标標]\s*\d+\s*[:：]", line):
        return False  # '指标2:...' is a 三级 name even when alone on its line
    return len(tokens) == 1 and not _is_value_like(tokens[0]) and not classify_label(tokens[0]) and (
        _key(tokens[0]) not in _HEADER_START | _NAME_COLUMNS
    )


def split_cells(lines: list[tuple[int, str]]) -> list[Cell]:
    """Turn numbered lines into a cell stream, choosing the rendering by the text."""
    content = [(n, l) for n, l in lines if l.strip()]
    tab_lines = sum(1 for _, l in content if "\t" in l.strip())
    if tab_lines >= 3 and tab_lines * 3 >= len(content):
        # text copied from a spreadsheet: tabs separate cells, empty cells included
        lines = [(n, " | ".join(l.split("\t")) + (" |" if "\t" in l else "")) for n, l in lines]
        content = [(n, l) for n, l in lines if l.strip()]
    pipe_lines = sum(1 for _, l in content if "|" in l)
    # a pipe table inside a long report: the header row itself carries pipes
    piped_header = any("|" in l and _HEADER_ROW_RE.search(normalize_for_matching(l)) for _, l in content)
    if pipe_lines >= 3 and (pipe_lines * 3 >= len(content) or piped_header):
        cells = _pipe_cells(lines)
    else:
        header_at = next(
            (
                n
                for n, l in content
                if sum(1 for t in l.split() if _key(t) in _HEADER_START | _NAME_COLUMNS | {"二级指标", "指标值"}) >= 2
            ),
            None,
        )
        header_line = header_at is not None
        if header_line:
            lines = _drop_serial_column(lines, header_at)
        cells = []
        for number, line in lines:
            if not line.strip():
                continue
            if header_line and len(line.split()) > 40:
                # a whole table flattened onto one line: read its tokens as a cell stream
                cells.extend(Cell(token, number, number, token=True) for token in line.split())
            elif header_line and number < header_at:
                # above the indicator header (项目名称 X 主管部门 Y): every word is a cell
                tokens = line.split()
                row = [Cell(t, number, number, row_line=len(tokens) > 1) for t in tokens]
                row[-1].ends_row = len(tokens) > 1
                cells.extend(row)
            elif header_line and _is_running_text(line):
                # report text after a space-separated table is not one of its rows
                cells.append(Cell(re.sub(r"\s+", " ", line.strip()), number, number, free=True))
            elif header_line:
                cells.extend(_space_row_cells(number, line.strip()))
            else:
                text = re.sub(r"\s+", " ", line.strip())
                # '(三)...', '二、...': a report heading, the table is over
                cells.append(Cell(text, number, number, free=bool(_ENUMERATION_RE.match(text))))
        if not header_line:
            if _blank_separated(lines):
                cells = _join_wrapped_cells(lines, cells)
            # whitespace-only lines between blank separators are empty cells
            cells = _add_blank_cells(lines, cells)
    return _merge_split_labels(cells)


def _drop_serial_column(lines: list[tuple[int, str]], header_at: int) -> list[tuple[int, str]]:
    """Space-separated rows under a header that starts with 序号: the leading row number
    is not part of the 一级 label or the 三级 name ("1 产出指标 数量指标 ...")."""
    header = dict(lines).get(header_at, "").split()
    if not header or _key(header[0]) not in {"序号", "编号", "序"}:
        return lines
    out = []
    for number, line in lines:
        if number == header_at:
            line = line.replace(header[0], " " * len(header[0]), 1)
        elif number > header_at:
            line = re.sub(r"^(\s*)(\d{1,3})(\s+)", lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3), line)
        out.append((number, line))
    return out


def _blank_separated(lines: list[tuple[int, str]]) -> bool:
    """True when nearly every line is followed by a blank one: cells are
    separated by blank lines, so two adjacent lines are one wrapped cell."""
    followed = total = 0
    for index, (_, line) in enumerate(lines):
        if line.strip():
            total += 1
            followed += index + 1 < len(lines) and not lines[index + 1][1].strip()
    return total >= 10 and followed >= 0.85 * total


def _join_wrapped_cells(lines: list[tuple[int, str]], cells: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for cell in cells:
        previous = out[-1] if out else None
        if previous is not None and previous.last_line + 1 == cell.first_line and cell.text and previous.text:
            previous.text = _join([previous.text, cell.text])
            previous.last_line = cell.last_line
            continue
        out.append(cell)
    return out


def _add_blank_cells(lines: list[tuple[int, str]], cells: list[Cell]) -> list[Cell]:
    blanks = [Cell("", n, n) for n, l in lines if l and not l.strip()]
    return sorted(cells + blanks, key=lambda c: c.first_line)


def _merge_split_labels(cells: list[Cell]) -> list[Cell]:
    """'经济效益' + '指标' (a label broken over two cells) -> '经济效益指标'."""
    out: list[Cell] = []
    for cell in cells:
        if cell.key in {"指标", "目标"} and out:
            previous = next((c for c in reversed(out) if c.text), None)
            if previous is not None and len(previous.key) <= 8 and (
                classify_label(previous.text) or previous.key in {"一级", "二级", "三级", "绩效", "满意度"}
            ):
                previous.text += cell.text
                previous.last_line = cell.last_line
                previous.ends_row = previous.ends_row or cell.ends_row
                continue
        out.append(cell)
    return out


# ---------------------------------------------------------------------------
# The state machine


@dataclass
class _Row:
    cells: list[Cell]
    name: str
    values: list[Cell] = field(default_factory=list)
    lead: list[Cell] = field(default_factory=list)  # labels consumed just before


@dataclass
class _Table:
    index: int
    title: str = ""
    department: str = ""
    department_rank: int = 99
    project: str = ""
    columns: list[str] = field(default_factory=list)  # roles after the 三级 name
    optional: list[bool] = field(default_factory=list)  # notes columns often left empty
    pre_columns: list[str] = field(default_factory=list)  # header cells left of 一级指标
    has_name_column: bool = True
    header_seen: bool = False


class _Reader:
    def __init__(self, source_file: str, default_kind: str):
        self.source_file = source_file
        self.default_kind = default_kind
        self.rows: list[IndicatorRow] = []
        self.line_reason: dict[int, str] = {}
        self.covered: list[tuple[int, int]] = []
        self.tables: list[_Table] = [_Table(0)]
        self.l1 = ""
        self.l2 = ""
        self.l2_cells: list[Cell] = []
        self.l2_used = False
        self.in_table = False
        self.row: _Row | None = None
        self.lead: list[Cell] = []
        self.transposed = False
        self.next_cell: Cell | None = None

    @property
    def table(self) -> _Table:
        return self.tables[-1]

    # -- bookkeeping
    def _mark(self, cell: Cell, reason: str) -> None:
        for number in range(cell.first_line, cell.last_line + 1):
            self.line_reason.setdefault(number, reason)

    def _new_table(self, title: str = "") -> None:
        self._close_row()
        if self.table.header_seen or any(r.table_index == self.table.index for r in self.rows):
            self.tables.append(_Table(self.table.index + 1))
        if title:
            self.table.title = title
        self.l1 = self.l2 = ""
        self.in_table = False

    def _set_meta(self, key: str, value: str) -> None:
        value = value.strip(" :：")
        if not value or classify_label(value) or _key(value) in _HEADER_START:
            return
        if len(value) <= 6 and any(w in value for w in ("预算", "金额", "目标", "名称", "单位", "部门", "指标", "代码")):
            return  # the next header cell, not a value
        key = re.sub(r"\(盖章\)|:|：|\s", "", to_simplified(nfkc(key)))
        if key in _PROJECT_KEYS and not self.table.project and key != "项目":
            self.table.project = value
        elif key in _DEPARTMENT_KEYS:
            rank = _DEPARTMENT_KEYS.index(key)
            if rank < self.table.department_rank:
                self.table.department, self.table.department_rank = value, rank

    # -- rows
    def _close_row(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        self._emit(row)

    def _emit(self, row: _Row) -> None:
        table = self.table
        columns = table.columns or ["comparator", "value", "unit", "actual", "other", "score"]
        values = [c.text for c in row.values]
        roles: dict[str, str] = {}
        position = 0
        for role in columns:
            if position >= len(values):
                break
            text = values[position]
            if role == "comparator" and text and not _is_comparator_token(text):
                continue
            if role == "unit" and text and not _is_unit_token(text):
                continue
            if role not in roles or not roles[role]:
                roles[role] = text
            position += 1
        value_raw = roles.get("value", "")
        if (not row.name and not value_raw) or any(
            len(re.findall(r"[□☑■√]", c.text)) >= 2 for c in row.cells + row.values
        ):
            for cell in row.cells + row.lead:
                self._mark(cell, SKIP_NOT_INDICATOR)
            return
        comparator_hint = roles.get("comparator", "")
        all_cells = row.lead + row.cells + row.values
        first = min(c.first_line for c in all_cells)
        last = max(c.last_line for c in all_cells)
        l1, l2 = normalize_levels(self.l1, self.l2)
        kind = _kind_of(table.title) or ("自评表" if "actual" in table.columns else self.default_kind)
        department = strip_unit_code(table.department) or department_from_title(table.title)
        project = table.project or project_from_title(table.title)
        if not project and (kind == "部门整体" or "整体" in normalize_for_matching(table.title)):
            project = department  # a department-level table: the department is the subject
        self.rows.append(
            IndicatorRow(
                source_file=self.source_file,
                table_index=table.index,
                row_locator=f"L{first}" if first == last else f"L{first}-{last}",
                department=department,
                project=project,
                table_kind=kind,
                l1_filed=self.l1,
                l2_filed=self.l2,
                l1=l1,
                l2=l2,
                name=row.name,
                description=roles.get("description", ""),
                value_raw=value_raw,
                **_value_fields(value_raw, roles.get("unit", ""), comparator_hint),
                actual=roles.get("actual", ""),
                score=roles.get("score", ""),
            )
        )
        self.covered.append((first, last))
        self.l2_used = True

    def _accepting(self, cell: Cell) -> bool:
        row = self.row
        if row is None:
            return False
        last = (row.values or row.cells)[-1]
        if last.ends_row:
            return False
        if last.row_line and cell.first_line == last.last_line and cell.row_line:
            return True  # same physical row
        limit = len(self.table.columns) if self.table.columns else 6
        if (
            not cell.row_line
            and cell.text
            and row.values
            and self.table.optional
            and all(self.table.optional[len(row.values):])
            and not _is_value_like(cell.text)
            and self.next_cell is not None
            and _is_bare_value(self.next_cell.text)
        ):
            # pages that drop empty 备注 cells: a name followed by a value
            # starts the next row rather than filling the notes column
            return False
        if cell.token and row.values and all(self.table.optional[len(row.values):]):
            # flattened text drops empty cells: a name-like word after the
            # last filled column starts the next row rather than a 原因 note
            if len(_CJK_RE.findall(cell.text)) >= 2 and not _is_value_like(cell.text):
                return False
        return len(row.values) < limit

    # -- header
    def _read_header(self, cells: list[Cell], start: int) -> int:
        """Collect header cells from ``start``; return the index after them."""
        names: list[Cell] = []
        index = start
        while index < len(cells):
            cell = cells[index]
            key = cell.key
            if not key:
                index += 1
                continue
            if index > start and (classify_label(cell.text) in ("l1", "l2", "dual") or len(key) > 16):
                break
            if index > start and not any(word in key for word in _HEADER_WORDS) and key not in {
                "一级", "二级", "三级"
            }:
                break
            names.append(cell)
            index += 1
        keys = [c.key for c in names]
        if not any("值" in k or "内容" in k or k in _NAME_COLUMNS - {"指标名称"} for k in keys):
            return start  # not a real header
        name_at = next((i for i, k in enumerate(keys) if k in _NAME_COLUMNS - {"指标名称"}), None)
        has_l2_col = any(k.startswith("二级") for k in keys)
        if name_at is None and "指标名称" in keys:
            name_at = keys.index("指标名称")
            has_name = has_l2_col
        else:
            has_name = name_at is not None
        if name_at is None:
            name_at = next((i for i, k in enumerate(keys) if k.startswith("二级")), 0)
        self._new_table_if_needed()
        table = self.table
        table.columns = [_column_role(c.text) for c in names[name_at + 1:]]
        # 中期目标值 beside 年度目标值: the annual one is the value
        mid_role = "other" if "value" in table.columns else "value"
        table.columns = [mid_role if role == "mid_value" else role for role in table.columns]
        table.columns += self._columns_from_upper_header(cells, start, table.columns)
        table.pre_columns = [c.text for c in cells[max(0, start - 8):start] if c.key and c.first_line == cells[start].first_line]
        tail_keys = [c.key for c in names[name_at + 1:]]
        table.optional = [any(w in k for w in ("原因", "备注", "说明", "措施")) for k in tail_keys]
        table.optional += [True] * (len(table.columns) - len(table.optional))
        table.has_name_column = has_name
        table.header_seen = True
        for cell in names:
            self._mark(cell, SKIP_HEADER)
        self.in_table = True
        self.transposed = False
        self.l1 = self.l2 = ""
        return index

    def _columns_from_upper_header(self, cells: list[Cell], start: int, columns: list[str]) -> list[str]:
        """Two-storey headers (Yunnan 自评表): '年度指标值 | 实际完成值 | 分值 | 得分'
        sits above '一级指标 ... 指标性质 | 指标值 | 度量单位'. The roles right of
        the upper 指标值 follow the lower header's value columns."""
        if "value" not in columns:
            return []
        upper = [c for c in cells[max(0, start - 12):start] if c.key]
        at = next((i for i, c in enumerate(upper) if _column_role(c.text) == "value" and len(c.key) <= 8), None)
        if at is None:
            return []
        tail = upper[at + 1:]
        if not tail or any(len(c.key) > 12 or not any(w in c.key for w in _HEADER_WORDS) for c in tail):
            return []
        for cell in upper[at:]:
            self._mark(cell, SKIP_HEADER)
        return [_column_role(c.text) for c in tail]

    def _new_table_if_needed(self) -> None:
        self._close_row()
        if self.table.header_seen:
            title, department, rank, project = "", self.table.department, self.table.department_rank, self.table.project
            self._new_table()
            self.table.department, self.table.department_rank, self.table.project = department, rank, project
            self.table.title = title or self.tables[-2].title

    # -- main loop
    def run(self, cells: list[Cell]) -> None:
        index = 0
        pending_meta: str | None = None
        while index < len(cells):
            cell = cells[index]
            key = cell.key
            text = cell.text
            if not key:
                if self._accepting(cell):
                    self.row.values.append(cell)
                elif cell.ends_row and self.row is not None:
                    self.row.cells[-1].ends_row = True
                index += 1
                continue
            if cell.free and (self.in_table or self.row):
                self._close_row()
                self._drop_unused_l2()
                self.in_table = False
                self._mark(cell, SKIP_NOT_INDICATOR)
                index += 1
                continue
            label = classify_label(text)
            next_cell = next((c for c in cells[index + 1:index + 40] if c.key), None)
            self.next_cell = next_cell
            next_label = classify_label(next_cell.text) if next_cell else ""
            # header
            if key in _HEADER_START and not (self.row and self._accepting(cell) and self.row.values):
                after = self._read_header(cells, index)
                if after > index:
                    index = after
                    continue
            # metadata and titles are read anywhere outside rows
            if _TITLE_RE.search(key) and len(key) <= 60 and not self._accepting(cell):
                self._mark(cell, SKIP_NOT_INDICATOR)
                self._new_table(title=text)
                index += 1
                continue
            meta = re.match(r"^([^:：]{2,12})[:：]\s*(\S.*)$", text)
            bare_key = re.sub(r"\(盖章\)|[:：]|\s", "", to_simplified(nfkc(text)))
            if not self.in_table or not self.row:
                if bare_key in _PROJECT_KEYS or bare_key in _DEPARTMENT_KEYS:
                    if bare_key != "项目":
                        pending_meta = bare_key
                        self._mark(cell, SKIP_NOT_INDICATOR)
                        index += 1
                        continue
                if pending_meta and not self.in_table:
                    self._set_meta(pending_meta, text)
                    pending_meta = None
                    self._mark(cell, SKIP_NOT_INDICATOR)
                    index += 1
                    continue
                if meta and not self.in_table:
                    for found in re.finditer(r"([^\s:：]{2,12})[:：]\s*([^\s:：]+)", text):
                        self._set_meta(found.group(1), found.group(2))
            pending_meta = None
            # level labels
            is_label = label in ("l1", "l2", "dual") or (
                label == "bare" and (next_label in ("l1", "l2", "dual", "bare") or cell.label_hint)
            )
            if is_label and cell.row_line and self.lead and self.lead[-1].first_line == cell.first_line and (
                classify_label(self.lead[-1].text) == label == "l2"
            ):
                # 二级 labels side by side: indicators are columns (a transposed
                # table); its cells cannot be read as rows
                self.transposed = True
            if is_label and not (self.row and self._accepting(cell) and cell.row_line and label == "bare"):
                self._close_row()
                self.in_table = True
                if label == "l1" or (label == "dual" and next_label in ("l2", "dual")) or (
                    label == "bare" and _L1_BARE_RE.match(key)
                ):
                    self._drop_unused_l2()
                    self.l1, self.l2 = text, ""
                    self.lead = [cell]
                else:
                    self._drop_unused_l2()
                    if label == "dual" and key.startswith("满意度") and not self.l1.startswith("满意"):
                        self.l1 = text
                    self.l2 = text
                    self.l2_cells = [cell]
                    self.l2_used = False
                    self.lead = self.lead + [cell]
                index += 1
                continue
            stop = _stop_reason(cell)
            if stop and not self._accepting(cell):
                self._close_row()
                self._mark(cell, stop)
                if self.in_table:
                    self.in_table = False
                    self._drop_unused_l2()
                    self.l1 = self.l2 = ""
                index += 1
                continue
            if self._accepting(cell):
                self.row.values.append(cell)
                index += 1
                continue
            self._close_row()
            if self.in_table and self._context_before_label(cells, index):
                self._mark(cell, SKIP_NOT_INDICATOR)
                index += 1
                continue
            fragment = len(_CJK_RE.findall(text)) < 2 and not _is_value_like(text) and self.table.has_name_column
            if not self.in_table or not (self.l1 or self.l2) or fragment:
                self._mark(cell, SKIP_HEADER if any(w in key for w in ("指标", "绩效")) and len(key) <= 10 else SKIP_NOT_INDICATOR)
                index += 1
                continue
            if self.transposed:
                self._mark(cell, SKIP_NOT_INDICATOR)
                index += 1
                continue
            if _is_cut_label(text) or (self.table.has_name_column and _is_name_fragment(text)):
                self._mark(cell, SKIP_NOT_INDICATOR)
                index += 1
                continue
            if (_is_bare_value(text) or not _CJK_RE.search(text)) and not self.lead:
                # a stray number away from any label is not a row of its own
                self._mark(cell, SKIP_NOT_INDICATOR)
                index += 1
                continue
            if (
                _is_comparator_token(text)
                and len(self.lead) >= 2
                and self.lead[-1].first_line == cell.first_line
                and classify_label(self.lead[-1].text) == "l2"
                and classify_label(self.lead[-2].text) in ("dual", "l2")
            ):
                # '成本指标 | 社会成本指标 | 定量 | 100': two labels and then a type
                # word, so the second label stands in the 三级 column
                name_cell = self.lead[-1]
                self.l2 = self.lead[-2].text
                if classify_label(self.l2) == "dual" and not self.l1:
                    self.l1 = self.l2
                self.l2_used = False
                row = _Row(cells=[name_cell], name=name_cell.text, lead=self.lead[:-1])
                row.values.append(cell)
                self.lead = []
                self.row = row
                index += 1
                continue
            # a 三级 name (or, without a name column, the first value)
            row = _Row(cells=[cell], name=text, lead=self.lead)
            self.lead = []
            if not self.table.has_name_column:
                row.name = ""
                row.values.append(cell)
            elif _is_bare_value(text) or not _CJK_RE.search(text):
                row.name = ""
                if not self._more_cells_than_columns(cells, index):
                    row.values.append(cell)  # the name cell is missing: this is the value
                # else: a number standing in the 三级 column (e.g. '0'): no name
            self.row = row
            index += 1
        self._close_row()
        self._drop_unused_l2()

    def _drop_unused_l2(self) -> None:
        if self.l2_cells and not self.l2_used:
            for cell in self.l2_cells:
                self._mark(cell, SKIP_EMPTY_TEMPLATE)
        self.l2_cells = []
        self.l2_used = True

    def _context_before_label(self, cells: list[Cell], index: int) -> bool:
        """Cells left of a level label on the same row line (单位/项目/预算数
        columns of a multi-project sheet) are context, not a row."""
        cell = cells[index]
        if not cell.row_line:
            return False
        context = [cell]
        for later in cells[index + 1:]:
            if later.first_line != cell.last_line:
                return False
            if classify_label(later.text) in ("l1", "l2", "dual"):
                if index == 0 or cells[index - 1].last_line != cell.first_line:
                    self._read_context(context)
                return True
            if later.ends_row:
                return False
            context.append(later)
        return False

    def _read_context(self, context: list[Cell]) -> None:
        """Columns left of 一级指标 (单位名称 | 项目名称 | 预算数 | 年度目标) are
        filled only on a project's first row; merged cells are the leading ones,
        so the cells present are the rightmost of those columns."""
        columns = self.table.pre_columns
        if not columns or len(context) > len(columns):
            return
        for name, cell in zip(columns[len(columns) - len(context):], context):
            key = re.sub(r"\s", "", to_simplified(nfkc(name)))
            if key in _PROJECT_KEYS and key != "项目" and cell.text:
                self.table.project = cell.text
            elif key in _DEPARTMENT_KEYS and cell.text:
                self.table.department = cell.text

    def _more_cells_than_columns(self, cells: list[Cell], index: int) -> bool:
        cell = cells[index]
        if not cell.row_line or not self.table.columns:
            return False
        count = 0
        for later in cells[index:]:
            if later.first_line != cell.first_line:
                break
            count += 1
        return count > len(self.table.columns)

    # -- accounting
    def skipped(self, lines: list[tuple[int, str]]) -> list[SkippedRow]:
        covered = set()
        for first, last in self.covered:
            covered.update(range(first, last + 1))
        out: list[SkippedRow] = []
        group: list[tuple[int, str, str]] = []

        def flush() -> None:
            if group:
                first, last = group[0][0], group[-1][0]
                out.append(
                    SkippedRow(
                        source_file=self.source_file,
                        table_index=self.table_of_line(first),
                        row_locator=f"L{first}" if first == last else f"L{first}-{last}",
                        reason=group[0][1],
                        text="\n".join(t for _, _, t in group),
                    )
                )
                group.clear()

        for number, line in lines:
            if not line.strip():
                continue
            if number in covered:
                flush()
                continue
            reason = self.line_reason.get(number, SKIP_NOT_INDICATOR)
            if group and (group[-1][1] != reason or number - group[-1][0] > 3):
                flush()
            group.append((number, reason, line.strip()))
        flush()
        return out

    def table_of_line(self, number: int) -> int:
        best = 0
        for row in self.rows:
            first = int(row.row_locator[1:].split("-")[0])
            if first <= number:
                best = row.table_index
        return best


def _stop_reason(cell: Cell) -> str:
    """合计/评价结论/备注 ... or site furniture ends a table: the skip reason, else ''."""
    key = cell.key
    if any(key.startswith(prefix) for prefix in _SUBTOTAL_PREFIXES):
        return SKIP_SUBTOTAL
    if any(key.startswith(_key(prefix)) for prefix in _STOP_PREFIXES) or _BOILERPLATE_RE.search(cell.text):
        return SKIP_NOT_INDICATOR
    return ""


def _is_cut_label(text: str) -> bool:
    """'数量指': a level label cut off at the end of a page."""
    return text.endswith("指") and bool(classify_label(text + "标"))


def _is_name_fragment(text: str) -> bool:
    """Fewer than two characters of words once an '指标1:' prefix is gone
    ('指标1:', '绩', '总'): a broken cell, not a 三级 name. Numbers are not
    fragments (they may be a value standing where the name should be)."""
    if _is_bare_value(text) or not _CJK_RE.search(text):
        return False
    words = re.sub(r"^\s*指标\s*\d+\s*[:：]", "", to_simplified(nfkc(text)))
    return len(_CJK_RE.findall(words)) < 2


def _kind_of(text: str) -> str:
    key = normalize_for_matching(text)
    if "自评" in key:
        return "自评表"
    if "整体" in key:
        return "部门整体"
    if "目标" in key or "申报" in key or "审批" in key:
        return "目标表"
    return ""


# ---------------------------------------------------------------------------
# Bracket headings and prose


_ORGANISATION_RE = re.compile(
    r"(?:局|委员会|委|中心|办公室|办|院|站|所|队|馆|厅|学校|医院|政府|街道办事处|管委会|联合会|研究室)$"
)
_BRACKET_RE = re.compile(r"^\s*【([^】\-－—]+)[-－—]([^】]+)】\s*$")
_BRACKET_ITEM_RE = re.compile(r"^\s*(指标\s*\d+\s*[:：]\s*)?(.+?)[(（]([^()（）]*)[)）]\s*$")


def _read_brackets(source_file: str, lines: list[tuple[int, str]], kind: str, reader: _Reader) -> None:
    """【产出指标-数量指标】 then 指标1:名称(值) lines; 【项目概况】 starts a project."""
    l1 = l2 = ""
    table_index = -1
    project = department = ""
    history: list[tuple[int, str]] = []
    in_block = False
    for number, line in lines:
        text = line.strip()
        if not text:
            continue
        if text.startswith("【项目概况】"):
            for _, previous in reversed(history[-4:]):
                if _CJK_RE.search(previous) and not re.fullmatch(r"[\d\s]+", previous):
                    project = previous
                    break
            # the unit is the nearest short line above naming an organisation
            for _, previous in reversed(history):
                if len(previous) <= 30 and _ORGANISATION_RE.search(to_simplified(previous)) and previous != project:
                    department = previous
                    break
            table_index += 1
            reader.tables.append(_Table(table_index, project=project, department=department))
            in_block, l1, l2 = False, "", ""
            reader.line_reason[number] = SKIP_NOT_INDICATOR
            history.append((number, text))
            continue
        heading = _BRACKET_RE.match(text)
        if heading:
            l1, l2 = heading.group(1).strip(), heading.group(2).strip()
            in_block = True
            reader.line_reason[number] = SKIP_HEADER
            heading_line = number
            continue
        item = _BRACKET_ITEM_RE.match(text) if in_block else None
        if item and item.group(1):
            name, value_raw = item.group(2).strip(), item.group(3).strip()
            norm_l1, norm_l2 = normalize_levels(l1, l2)
            first = heading_line if heading_line else number
            reader.rows.append(
                IndicatorRow(
                    source_file=source_file,
                    table_index=max(table_index, 0),
                    row_locator=f"L{first}-{number}" if first != number else f"L{number}",
                    department=strip_unit_code(department),
                    project=project,
                    table_kind=kind,
                    l1_filed=l1,
                    l2_filed=l2,
                    l1=norm_l1,
                    l2=norm_l2,
                    name=name,
                    value_raw=value_raw,
                    **_value_fields(value_raw),
                )
            )
            reader.covered.append((first, number))
            heading_line = 0
            continue
        in_block = in_block and False
        history.append((number, text))


_PROSE_LABEL_RE = re.compile(
    r"((?:服务对象|社会公众|群众)?满意度(?:指标|目标)|(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|可持续性影响)(?:指标|目标)|效益指标|产出指标)\s*[:：,，]"
)
# a value followed by a comma ends one item: '产值(≥**万元)≥80万元,促使...增加收入'
_PROSE_ITEM_END_RE = re.compile(r"(?:>=|<=|≥|≤|>|<|=|﹦|＝)\s*\d[^;；。,，]*(?=[,，])")
_PROSE_VALUE_RE = re.compile(r"((?:>=|<=|≥|≤|>|<|=|﹦|＝)\s*\d[^;；。,，]*)$")


def _read_prose(source_file: str, lines: list[tuple[int, str]], kind: str, reader: _Reader) -> bool:
    """'数量指标:★名称(≥**株)>=17600株;名称2>=85;时效指标:...' in running text."""
    found = False
    covered = set()
    for first, last in reader.covered:
        covered.update(range(first, last + 1))
    table_index = max((r.table_index for r in reader.rows), default=-1) + 1
    for number, line in lines:
        if number in covered:
            continue
        labels = list(_PROSE_LABEL_RE.finditer(line))
        if not labels or not _PROSE_VALUE_RE.search(re.split(r"[;；。]", line)[0] + "") and not re.search(
            r"(?:>=|<=|≥|≤)\s*\d", line
        ):
            continue
        found = True
        l1 = ""
        for position, match in enumerate(labels):
            label = match.group(1)
            end = labels[position + 1].start() if position + 1 < len(labels) else len(line)
            body = line[match.end():end]
            if classify_label(label) == "l1":
                l1 = label
                if not body.strip(" ;；。,，"):
                    continue
            l2 = label if classify_label(label) != "l1" else ""
            items: list[str] = []
            for chunk in re.split(r"[;；。]", body):
                start = 0
                for found in _PROSE_ITEM_END_RE.finditer(chunk):
                    items.append(chunk[start:found.end()])
                    start = found.end()
                items.append(chunk[start:])
            for item in items:
                item = item.strip(" ,，")
                if not item or len(_CJK_RE.findall(item)) < 2:
                    continue
                value = _PROSE_VALUE_RE.search(item)
                name = item[: value.start()].strip() if value else item
                value_raw = value.group(1).strip() if value else ""
                norm_l1, norm_l2 = normalize_levels(l1, l2)
                reader.rows.append(
                    IndicatorRow(
                        source_file=source_file,
                        table_index=table_index,
                        row_locator=f"L{number}",
                        table_kind=kind,
                        l1_filed=l1,
                        l2_filed=l2,
                        l1=norm_l1,
                        l2=norm_l2,
                        name=name,
                        value_raw=value_raw,
                        **_value_fields(value_raw),
                    )
                )
        reader.covered.append((number, number))
    return found


# ---------------------------------------------------------------------------


_META_LINE_RE = re.compile(r"^sector:.*;\s*province:.*;\s*type:")


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 0
    if raw and raw[0].startswith("source:"):
        start = 1
        if len(raw) > 1 and _META_LINE_RE.match(raw[1]):
            start = 2
    pinyin = len(_TONE_PINYIN_RE.findall(text)) >= 3
    out = []
    for index in range(start, len(raw)):
        line = raw[index].replace("｜", "|").replace("\u3000", " ")
        if pinyin:
            line = strip_pinyin(line)
        out.append((index + 1, line))
    return out


def _fill_goals(lines: list[tuple[int, str]], rows: list[IndicatorRow]) -> None:
    """Each table's rows get the goal text written above (or between) its indicator rows:
    "绩 效 目 标 | 1.根据…", "总体目标 年度目标 … / 为水濂村带来…", "年度\n目标 | 打造…"."""
    from nlp.extract.goals import GoalCollector
    from nlp.extract.grid import _is_goal_stop

    if not rows:
        return
    spans: dict[int, list[tuple[int, int]]] = {}
    for row in rows:
        found = re.match(r"L(\d+)(?:-(\d+))?$", row.row_locator)
        if found:
            first = int(found.group(1))
            spans.setdefault(row.table_index, []).append((first, int(found.group(2) or first)))
    inside = {n for ranges in spans.values() for first, last in ranges for n in range(first, last + 1)}
    order = sorted(spans, key=lambda index: min(first for first, _ in spans[index]))
    goals: dict[int, str] = {}
    previous_end = 0
    cells = split_cells(lines)
    for index in order:
        end = max(last for _, last in spans[index])
        region = [None if c.first_line in inside else c.text for c in cells if previous_end < c.first_line <= end]
        collector = GoalCollector(_is_goal_stop)
        collector.add_cells(region)
        goals[index] = collector.text
        previous_end = end
    for row in rows:
        goal = goals.get(row.table_index, "")
        if goal and normalize_for_matching(goal) in {normalize_for_matching(row.department), normalize_for_matching(row.project)}:
            goal = ""  # the next cell of a list's header row ("绩效目标" then "黄山市公安局"): not a goal
        if not row.goal:
            row.goal = goal


def read_plain_text(path: Path, source_file: str, text: str) -> ExtractResult:
    """Read indicator rows from the plain text of a web page or document dump.

    ``path`` is only used for its name when ``source_file`` is empty. Every
    non-blank line is accounted for: it lies inside an indicator row's
    ``row_locator`` range or in a :class:`SkippedRow`.
    """
    source_file = source_file or Path(path).name
    lines = _numbered_lines(text)
    page = normalize_for_matching("".join(l for _, l in lines[:80]))
    # no title: a 完成值 column or a 评价结论 block means a self-evaluation
    self_evaluation = "自评" in page or any(word in page for word in ("实际完成值", "全年完成值", "评价结论"))
    default_kind = "自评表" if self_evaluation else "部门整体" if "整体" in page else "目标表"
    reader = _Reader(source_file, default_kind)
    grid = _read_pipe_grid(source_file, lines)
    if grid is not None:
        return grid
    records = _field_records(lines)
    if records:
        tables = _read_records(source_file, lines, records, default_kind, reader)
    elif any(_BRACKET_RE.match(l) for _, l in lines):
        reader.tables = []
        _read_brackets(source_file, lines, default_kind, reader)
        tables = max(1, len(reader.tables))
    else:
        cells = split_cells(lines)
        reader.run(cells)
        _drop_shuffled_token_rows(cells, reader)
        _read_prose(source_file, lines, default_kind, reader)
        _read_glued_groups(source_file, lines, default_kind, reader)
        tables = len({r.table_index for r in reader.rows})
    _mark_unreadable(lines, reader)
    _fill_goals(lines, reader.rows)
    for row in reader.rows:
        # "指标1:为全市经济发展保驾护航": the document's numbering, not part of the name (as the grid readers do).
        name = _NAME_PREFIX_RE.sub("", row.name).strip()
        if name:
            row.name = name
    return ExtractResult(
        source_file=source_file,
        rows=reader.rows,
        skipped=reader.skipped(lines),
        tables=tables,
    )


# ---------------------------------------------------------------------------
# Regular markdown tables: a |---| rule and every row "| a |  | c |" with the same number
# of cells, empty cells in place.
# They are grids like a sheet's, so the grid interpreter reads them (column roles,
# two-row headers, extra columns); the cell-stream reader handles irregular renderings.

_PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")


def _pipe_row_cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [re.sub(r"<br\s*/?>", "\n", cell, flags=re.I).strip() for cell in inner.split("|")]


def _read_pipe_grid(source_file: str, lines: list[tuple[int, str]]) -> ExtractResult | None:
    """Rows of a text whose table part is one regular markdown table, or None."""
    from nlp.extract.layout import Context, split_tables
    from nlp.extract.office import _interpret

    table_lines = [(n, l) for n, l in lines if _PIPE_ROW_RE.match(l)]
    if len(table_lines) < 3 or not any(_MARKDOWN_RULE_RE.match(l) for _, l in table_lines):
        return None
    if any(re.search(r"\|\|", l) for _, l in table_lines):
        return None  # "| a | ||||": merged cells dropped to the row's end, not in place
    first, last = table_lines[0][0], table_lines[-1][0]
    inside = [(n, l) for n, l in lines if first <= n <= last and l.strip()]
    if len(inside) != len(table_lines):
        return None  # text between pipe rows: not one regular table
    rows = [(n, _pipe_row_cells(l)) for n, l in table_lines if not _MARKDOWN_RULE_RE.match(l)]
    if len({len(cells) for _, cells in rows}) != 1:
        return None
    above = [(n, l) for n, l in lines if n < first and l.strip()]
    grid_rows = [(f"L{n}", [l.strip()] + [""] * (len(rows[0][1]) - 1)) for n, l in above[-6:]]
    grid_rows += [(f"L{n}", cells) for n, cells in rows]
    tables, _ = split_tables(grid_rows, source_file, 1, Context(), merged_filled=False)
    if not tables:
        return None
    result = _interpret(tables, ExtractResult(source_file=source_file))
    if not result.rows:
        return None
    accounted = {item.row_locator for item in result.rows} | {item.row_locator for item in result.skipped}
    for number, line in lines:
        if line.strip() and f"L{number}" not in accounted:
            reason = SKIP_HEADER if _MARKDOWN_RULE_RE.match(line) else SKIP_NOT_INDICATOR
            result.skipped.append(SkippedRow(source_file, 0, f"L{number}", reason, line.strip()[:200]))
    result.skipped.sort(key=lambda s: int(re.match(r"L(\d+)", s.row_locator).group(1)))
    return result


# ---------------------------------------------------------------------------
# "字段:值" records: 一级指标：产出指标 / 三级指标：... / 指标值：... (one field per line,
# or several on one line), as some budget systems export an indicator list.

_FIELD_RE = re.compile(r"(?:^|(?<=[\s；;，,、|]))([^\s:：|；;，,、]{2,16})\s*[:：]")
_RECORD_ROLES = {"l1", "l2", "kind", "name", "value", "actual", "score", "weight", "unit", "nature", "basis",
                 "description", "deviation", "scoring", "value_type", "direction"}
_META_ROLES = {"department", "project"}


def _fields_of(line: str) -> list[tuple[str, str, int]]:
    """(role, value, start) for each "标签：值" pair of a line whose labels are all column
    names; [] when the line is not (only) such fields."""
    found = []
    matches = [m for m in _FIELD_RE.finditer(line) if header_roles([m.group(1)])]
    if not matches or line[: matches[0].start()].strip():
        return []
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(line)
        role = header_roles([match.group(1)])[0]
        found.append((role, line[match.end():end].strip().rstrip("；;，,、。|").strip(), match.start()))
    return found


def _field_records(lines: list[tuple[int, str]]) -> list[tuple[int, int, dict[str, str]]]:
    """Records (first line, last line, role -> value) when the text is a list of
    "字段:值" records with at least two 三级 names and a value; else []."""
    records: list[tuple[int, int, dict[str, str]]] = []
    current: dict[str, str] = {}
    first = last = 0

    def close() -> None:
        nonlocal current
        if current.get("name") or current.get("value"):
            records.append((first, last, current))
        current = {}

    for number, line in lines:
        fields = [(role, value) for role, value, _ in _fields_of(line) if role in _RECORD_ROLES]
        if not fields:
            if not line.strip() and ("name" in current or "value" in current):
                close()
            continue
        for role, value in fields:
            if role in current or (role in ("l1", "kind") and ("name" in current or "value" in current)):
                close()
            if not current:
                first = number
            current[role] = value
            last = number
    close()
    with_name = sum(1 for _, _, fields in records if fields.get("name"))
    with_value = sum(1 for _, _, fields in records if fields.get("value") or fields.get("actual"))
    return records if with_name >= 2 and with_value >= 1 else []


def _read_records(source_file: str, lines: list[tuple[int, str]], records, default_kind: str, reader: "_Reader") -> int:
    """Indicator rows of "字段:值" records; 单位名称/项目名称 fields and a title line
    above give department and project (the last one above each record wins)."""
    starts = {first for first, _, _ in records}
    title = department = project = ""
    meta_at: list[tuple[int, str, str]] = []
    for number, line in lines:
        if number in starts:
            continue
        fields = _fields_of(line)
        for role, value, _ in fields:
            if role in _META_ROLES and value:
                meta_at.append((number, role, value))
        if not fields and _TITLE_RE.search(_key(line)) and len(line.strip()) <= 80:
            meta_at.append((number, "title", line.strip()))
    l1 = l2 = ""
    for first, last, fields in records:
        for number, role, value in meta_at:
            if number < first:
                if role == "title":
                    title = value
                elif role == "department":
                    department = strip_unit_code(value)
                else:
                    project = value
        if fields.get("kind"):
            from nlp.extract.grid import _split_kind

            kind_l1, kind_l2 = _split_kind(fields["kind"])
            l1, l2 = kind_l1 or l1, kind_l2
        if fields.get("l1"):
            if fields["l1"] != l1:
                l2 = ""
            l1 = fields["l1"]
        if fields.get("l2"):
            l2 = fields["l2"]
        value_raw = fields.get("value", "")
        comparator_hint = parse_value(fields.get("nature", "")).comparator if fields.get("nature") else ""
        norm_l1, norm_l2 = normalize_levels(l1, l2)
        kind = _kind_of(title) or ("自评表" if fields.get("actual") or fields.get("score") else default_kind)
        row_department = department or department_from_title(title)
        row_project = project or project_from_title(title)
        if not row_project and (kind == "部门整体" or "整体" in normalize_for_matching(title)):
            row_project = row_department
        reader.rows.append(
            IndicatorRow(
                source_file=source_file,
                table_index=1,
                row_locator=f"L{first}" if first == last else f"L{first}-{last}",
                department=row_department,
                project=row_project,
                table_kind=kind,
                l1_filed=l1,
                l2_filed=l2,
                l1=norm_l1,
                l2=norm_l2,
                name=fields.get("name", ""),
                description=fields.get("description", ""),
                value_raw=value_raw,
                **_value_fields(value_raw, fields.get("unit", ""), comparator_hint),
                basis=fields.get("basis", ""),
                actual=fields.get("actual", ""),
                score=fields.get("score", ""),
            )
        )
        reader.covered.append((first, last))
    return 1


_HEADER_FRAGMENT_KEYS = {"实际", "指标值", "完成值", "实际完成值", "分值", "得分", "权重", "年度", "指标", "三级指标"}


def _is_fragment(text: str) -> bool:
    key = _key(text)
    return bool(key) and (key in _HEADER_FRAGMENT_KEYS or (len(_CJK_RE.findall(key)) == 1 and len(key) <= 2))


def _drop_shuffled_token_rows(cells: list[Cell], reader: _Reader) -> None:
    """A table flattened onto one line is trusted only if its rows look like rows.
    Column-shuffled PDF text puts header words and split characters where
    names and values should be: then nothing from that line is kept."""
    token_lines = {c.first_line for c in cells if c.token}
    for number in token_lines:
        rows = [r for r in reader.rows if r.row_locator == f"L{number}"]
        broken = [r for r in rows if _is_fragment(r.name) or _is_fragment(r.value_raw) or _is_fragment(r.actual)]
        if rows and len(broken) * 4 > len(rows):
            reader.rows = [r for r in reader.rows if r not in rows]
            reader.covered = [span for span in reader.covered if span != (number, number)]
            reader.line_reason[number] = SKIP_UNREADABLE


def _mark_unreadable(lines: list[tuple[int, str]], reader: _Reader) -> None:
    """Long lines with several level labels glued together (flattened DOCX/PDF
    text) cannot be split into cells safely."""
    for number, line in lines:
        key = normalize_for_matching(line)
        hits = len(re.findall(r"(?:数量|质量|时效|成本|效益|满意度)指标", key))
        glued = re.search(r"(?:产出|效益|满意度)指标(?:数量|质量|时效|成本|经济效益|社会效益|服务对象)", key)
        if (hits >= 2 and len(key) > 60) or (glued and " " not in line.strip() and "|" not in line):
            reader.line_reason[number] = SKIP_UNREADABLE


# ---------------------------------------------------------------------------
# Flattened text: labels, names and values glued together

_GLUED_LABEL_RE = re.compile(
    r"(?:服务对象满意度|社会公众满意度|可持续影响|经济效益|社会效益|生态效益|经济成本|社会成本|生态环境成本|"
    r"(?:产出)?(?:数量|质量|时效|成本)|产出|效益|满意度|制度)(?:指标|目标)"
)
_GLUED_VALUE_RE = re.compile(
    rf"(?:(?:>=|<=|≥|≤|>|<|=|＝|﹦)\s*\d+(?:\.\d+)?(?:%|{_UNIT_WORDS})?(?:以上|以下|以内)?"
    rf"|\d+(?:\.\d+)?%(?:以上|以下|以内)?"
    rf"|\d+(?:\.\d+)?(?:{_UNIT_WORDS})(?:以上|以下|以内)?(?![\u3400-\u9fff])"
    rf"|\d+(?:\.\d+)?(?:{_UNIT_WORDS})(?=\d|\s|$|(?:>=|<=|≥|≤)))"
)
_GLUED_BARE_RE = re.compile(r"\d+(?:\.\d+)?")
_GLUED_UNIT_VALUE_RE = re.compile(rf"\d+(?:\.\d+)?(?:{_UNIT_WORDS})")
_GLUED_NUMBER_START_RE = re.compile(r"(?:>=|<=|≥|≤|>|<|=|＝|﹦)\s*\d|\d")
_GLUED_STOP_RE = re.compile(r"合计|总分|评价结论|存在问题|说明[:：无]|注[:：]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、")
_GLUED_HEADER_ROLES = (
    ("实际完成值", "actual"), ("全年完成值", "actual"), ("完成值", "actual"), ("累计完成率", "other"),
    ("完成率", "other"), ("绩效目标值", "value"), ("年度指标值", "value"), ("指标值", "value"),
    ("目标值", "value"), ("分值", "other"), ("得分", "score"),
)


def _glued_columns(header_text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    taken: list[range] = []
    for word, role in _GLUED_HEADER_ROLES:
        for match in re.finditer(word, header_text):
            span = range(match.start(), match.end())
            if any(set(span) & set(t) for t in taken):
                continue
            taken.append(span)
            found.append((match.start(), role))
    columns = [role for _, role in sorted(found)]
    if "value" not in columns:
        return ["value"]
    last_value = len(columns) - 1 - columns[::-1].index("value")
    return columns[last_value:]


def read_glued_text(text: str) -> list[tuple[int, str, str, str, list[str], list[tuple[int, int]]]]:
    """Items of flattened table text: (offset, 一级, 二级, name, value cells, their spans).

    Level labels are found inside words ('产出指标数量指标足额保障率=100%');
    a value is trusted only when it carries a comparator, a % or a unit:
    a bare run of digits ('210010' = target 2100 + 10 points) is left out.
    """
    labels = list(_GLUED_LABEL_RE.finditer(text))
    items: list[tuple[int, str, str, str, list[str], list[tuple[int, int]]]] = []
    l1 = l2 = ""
    position = -1
    while position + 1 < len(labels):
        position += 1
        label = labels[position]
        word = label.group(0)
        if classify_label(word) == "l1" or (
            classify_label(word) == "dual" and position + 1 < len(labels) and labels[position + 1].start() == label.end()
        ):
            l1, l2 = word, ""
        else:
            l2 = word
        end = labels[position + 1].start() if position + 1 < len(labels) else len(text)
        segment = text[label.end():end]
        stop = _GLUED_STOP_RE.search(segment)
        if stop:
            segment = segment[: stop.start()]
            labels = labels[: position + 1]  # the table ends here: what follows is prose
        cursor = 0
        while cursor < len(segment):
            name_end = len(segment)
            scan = cursor
            while True:
                found = _GLUED_NUMBER_START_RE.search(segment, scan)
                if not found:
                    break
                at = found.start()
                if _GLUED_VALUE_RE.match(segment, at):
                    name_end = at
                    break
                bare = _GLUED_BARE_RE.match(segment, at)
                if bare is None:
                    scan = at + 1
                    continue
                if re.match(rf"(?:{_UNIT_WORDS})", segment[bare.end():]) or at == cursor:
                    scan = bare.end()  # '500吨成品粮': a number inside the name
                    continue
                name_end = at  # digits glued to the next words: the row's last cell
                break
            name = segment[cursor:name_end].strip(" ,，;；、")
            values: list[str] = []
            spans: list[tuple[int, int]] = []
            cursor = name_end
            while cursor < len(segment):
                space = re.match(r"\s*", segment[cursor:]).end()
                match = _GLUED_VALUE_RE.match(segment, cursor + space) or (
                    values and _GLUED_UNIT_VALUE_RE.match(segment, cursor + space)
                ) or _GLUED_BARE_RE.match(segment, cursor + space)
                if not match:
                    break
                values.append(match.group(0).strip())
                spans.append((label.end() + match.start(), label.end() + match.end()))
                cursor = match.end()
            if len(_CJK_RE.findall(name)) < 2 or len(name) > 60:
                break
            if values and _GLUED_BARE_RE.fullmatch(values[0]):
                values, spans = [], []  # digits fused with the score: no value that can be trusted
            items.append((label.end() + name_end - len(name), l1, l2, name, values, spans))
            if cursor >= len(segment) or not values and name_end >= len(segment):
                break
    return items


_PAGE_PREFIX_RE = re.compile(r"^\s*\d{1,2}、")
_GLUED_AFTER_RE = re.compile(r"[\u3400-\u9fff\d]")


def _read_glued_groups(source_file: str, lines: list[tuple[int, str]], kind: str, reader: _Reader) -> None:
    """Rows from runs of lines the table reader could not place, when they are
    a flattened table (several level labels glued to the words after them)."""
    covered = set()
    for first, last in reader.covered:
        covered.update(range(first, last + 1))
    groups: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if not line.strip():
            continue
        if number in covered:
            groups.append([])
        else:
            groups[-1].append((number, line))
    table_index = max((r.table_index for r in reader.rows), default=-1)
    for group in groups:
        if not group:
            continue
        # joined text, spaces inside words removed, with the line of every character
        text = ""
        line_of: list[int] = []
        for number, line in group:
            piece = remove_space_between_cjk(_PAGE_PREFIX_RE.sub("", line.strip()))
            text += piece
            line_of.extend([number] * len(piece))
        simplified = to_simplified(nfkc(text))
        if len(simplified) != len(text):
            continue
        glued = [m for m in _GLUED_LABEL_RE.finditer(simplified) if _GLUED_AFTER_RE.match(simplified[m.end():m.end() + 1])]
        if len(glued) < 2:
            continue
        items = read_glued_text(simplified)
        trusted = [item for item in items if item[4] and not _GLUED_BARE_RE.fullmatch(item[4][0])]
        if not items or len(trusted) * 2 <= len(items):
            continue  # OCR or stripped numbers: names without values are not a table we can trust
        table_index += 1
        header = re.split(r"[。:：;；,，]", simplified[: glued[0].start()])[-1]
        columns = _glued_columns(header)
        group_kind = "自评表" if "actual" in columns else kind
        for offset, l1, l2, name, values, spans in items:
            roles: dict[str, str] = {}
            for role, (start, end) in zip(columns, spans):
                roles.setdefault(role, text[start:end].strip())  # as written, not simplified
            value_raw = roles.get("value", "")
            norm_l1, norm_l2 = normalize_levels(l1, l2)
            number = line_of[min(offset, len(line_of) - 1)]
            reader.rows.append(
                IndicatorRow(
                    source_file=source_file,
                    table_index=table_index,
                    row_locator=f"L{number}",
                    table_kind=group_kind,
                    l1_filed=text[simplified.find(l1):simplified.find(l1) + len(l1)] if l1 and l1 in simplified else l1,
                    l2_filed=text[simplified.find(l2):simplified.find(l2) + len(l2)] if l2 and l2 in simplified else l2,
                    l1=norm_l1,
                    l2=norm_l2,
                    name=text[offset:offset + len(name)],
                    value_raw=value_raw,
                    **_value_fields(value_raw),
                    actual=roles.get("actual", ""),
                    score=roles.get("score", ""),
                )
            )
            reader.covered.append((number, number))
