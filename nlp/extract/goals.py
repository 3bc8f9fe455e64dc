"""The 绩效目标 text of a table: the cells labelled 年度绩效目标 / 绩效目标 / 总体目标 ...

Forms put the goal above the indicators (or, in some 自评表, below them) in one of
three shapes, all handled by :class:`GoalCollector`:

* label and text in one row: ``绩效目标 | 1.提高… | 1.提高…`` (merged cells repeated);
* a label row naming the columns, the text in the row(s) below:
  ``年度总体目标 | 预期目标 | 实际完成目标`` then ``  | 做好… | 做好…`` (the 预期目标
  column is the goal, the 实际 column is not);
* a label alone, the text in the next cell or row (``总体目标`` / ``年度目标`` /
  ``完成项目主体工程70%`` in web text).

年度 texts come first, then 总体 / 实施期 ones, joined by a newline. 部门整体 tables
without a goal cell fall back to their 部门职能 / 年度工作任务 text. Labels are matched
whole (after normalisation), never as part of a longer cell, so an indicator named
"绩效目标设置科学" or a 二级 "绩效目标" in an evaluation system is not a goal label; the
collector is only given rows that are not indicator rows.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.text import nfkc, normalize_for_matching

__all__ = ["GOAL_MAX_CHARS", "GoalCollector", "clean_goal", "goal_label", "goal_of_rows", "is_goal_text"]

#: Goal texts are cut at this many characters (a whole report pasted into a cell stays readable).
GOAL_MAX_CHARS = 2000

ANNUAL = "annual"
OVERALL = "overall"
TASKS = "tasks"
ACTUAL = "actual"
SKIP = "skip"  # a column of a goal or task block that holds no goal text (任务名称, 金额)

_ANNUAL_LABELS = {
    "年度绩效目标", "年度目标", "年度总体目标", "年度总目标", "本年度绩效目标", "年度主要目标", "年度主要目标和成果",
    "年度预期目标", "年度绩效目标总体描述", "年度项目绩效目标", "项目年度绩效目标", "项目年度目标",
    "绩效目标", "项目绩效目标", "绩效目标总体描述", "项目绩效目标总体描述", "实施内容与目标", "项目实施内容与目标",
    "预期目标", "预期绩效目标", "项目预期目标",
}
_OVERALL_LABELS = {
    "总体目标", "总体绩效目标", "项目总体目标", "项目总体绩效目标", "总目标", "绩效总目标", "项目绩效总目标",
    "实施期目标", "实施期总目标", "实施期绩效目标", "实施期总体目标", "中期目标", "中长期目标", "长期目标",
    "整体绩效目标", "部门整体绩效目标", "部门总体绩效目标",
}
_ANNUAL_RE = re.compile(r"^(?:本|项目|部门|单位)?(?:年度|全年)(?:项目|部门|单位)?(?:总体|整体|主要)?(?:绩效)?目标$")
_OVERALL_RE = re.compile(r"^(?:项目|部门|单位)?(?:整体|总体|实施期|中期|长期|中长期)(?:总体)?(?:绩效)?总?目标$")
_TASK_LABELS = {
    "部门职能", "部门职责", "主要职能", "职能职责", "部门主要职能", "年度工作任务", "年度主要任务",
    "年度重点工作任务", "年度重点任务", "主要任务", "重点工作任务", "重点任务", "工作任务",
}
# Columns of a task block that hold the task itself.
_TASK_TEXT_LABELS = {
    "年初任务目标", "任务目标", "主要内容", "任务内容", "工作内容", "主要工作内容", "任务描述", "主要实施内容",
    "期望达到的目标", "预期达到的目标",
}
# Columns of a task block that do not (names, money).
_TASK_OTHER_LABELS = {
    "任务名称", "任务", "名称", "预算金额", "金额", "总额", "财政拨款", "其他资金", "资金", "预算数", "拟投入的资金",
}

_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[、.．]?)")
_BRACKETS_RE = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
_DECORATION_RE = re.compile(r"[★☆*※:：]")
# "(80分)" under a 年度绩效目标 band label, "98分)" cut by a line break: a score, not a goal.
_SCORE_ONLY_RE = re.compile(r"^[(（]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?$")
# "目标1: 目标2: 目标3:" left in a template.
_PLACEHOLDER_RE = re.compile(r"^(?:(?:目标|任务)\s*\d*\s*[:：.、]?\s*)+$")
_EMPTY_WORDS = {"", "/", "-", "—", "--", "无", "暂无", "不适用", "空", "…", "……"}
_HTML_BREAK_RE = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>|</?p[^>]*>", re.I)


def _label_key(cell: str) -> str:
    key = normalize_for_matching(cell or "")
    key = _BRACKETS_RE.sub("", key)  # "年度绩效目标(90分)", "总体目标（必填）"
    key = _DECORATION_RE.sub("", key)
    return _NUMBERING_RE.sub("", key)


def goal_label(cell: str) -> str:
    """The kind of label a cell is: 'annual', 'overall', 'tasks', 'actual', 'skip' or ''."""
    key = _label_key(cell)
    if not key or len(key) > 14:
        return ""
    if key in _ANNUAL_LABELS or _ANNUAL_RE.match(key):
        return ANNUAL
    if key in _OVERALL_LABELS or _OVERALL_RE.match(key):
        return OVERALL
    if key in _TASK_LABELS:
        return TASKS
    if key.startswith("实际") or key.endswith("完成情况") or key in {"实际完成目标", "完成目标", "全年实际完成"}:
        return ACTUAL
    if key in _TASK_TEXT_LABELS:
        return TASKS
    if key in _TASK_OTHER_LABELS:
        return SKIP
    return ""


def clean_goal(text: str) -> str:
    """A goal text as output: NFKC, paragraph tags of web exports as line breaks, every
    line trimmed, blank lines dropped, at most :data:`GOAL_MAX_CHARS` characters."""
    text = _HTML_BREAK_RE.sub("\n", nfkc(text or ""))
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)[:GOAL_MAX_CHARS].strip()


def is_goal_text(cell: str) -> bool:
    """False for "/", "无", a score "(80分)" or a "目标1：目标2：" placeholder."""
    text = (cell or "").strip()
    if normalize_for_matching(text) in _EMPTY_WORDS:
        return False
    key = normalize_for_matching(text)
    # "内容分类：" is the next label of a web page's metadata, not a text
    return not (_SCORE_ONLY_RE.match(key) or _PLACEHOLDER_RE.match(key) or key.endswith((":", "：")))


class GoalCollector:
    """Feed the non-indicator rows of one table in order (:meth:`add_row`; ``None``
    for a row that breaks a block: a header or an indicator row), then read
    :attr:`text`."""

    def __init__(self, is_stop_cell=None):
        # A cell that ends a goal block (a header word, a level label): set by the reader.
        self._is_stop_cell = is_stop_cell or (lambda cell: False)
        self.texts: dict[str, list[str]] = {ANNUAL: [], OVERALL: [], TASKS: []}
        self._columns: dict[int, str] | None = None  # block columns from a label row
        self._block = ""  # the block label's kind ("annual" ...)
        self._block_label = ""  # its text (a merged cell repeats it on content rows)
        self._block_width = 0
        self._waiting = ""  # a label alone: its text comes in the next row

    # -- feeding
    def add_row(self, cells: list[str] | None) -> None:
        if cells is None:
            self._end_block()
            return
        filled = [(i, c.strip()) for i, c in enumerate(cells) if c and c.strip()]
        if not filled:
            return  # an empty row inside a block (a blank paragraph in a merged cell)
        first_index, first = filled[0]
        kind = goal_label(first)
        if kind in (ANNUAL, OVERALL, TASKS):
            repeated_label = self._columns is not None and _same(first, self._block_label)
            if repeated_label and not all(goal_label(c) for _, c in filled[1:]):
                self._content_row(cells)  # "年度总体目标 | 建设… | 启动…": merged label repeated
            else:
                self._label_row(cells, filled, kind)
            return
        if self._waiting:
            if self._is_stop_cell(first) or kind:
                self._end_block()
            elif not all(_SCORE_ONLY_RE.match(normalize_for_matching(c)) for _, c in filled):
                texts = [c for _, c in filled if is_goal_text(c)]
                if texts:
                    self._add(self._waiting, texts[0])
                self._end_block()
            return  # "(80分)" below the label: keep waiting
        if self._columns is not None and not self._is_stop_cell(first):
            offset = max(0, self._block_width - len(cells))
            if first_index + offset > 0:
                self._content_row(cells)  # its first (label) column is empty: merged with the label above
                return
        self._end_block()

    def add_cells(self, cells: Iterable[str | None]) -> None:
        """A stream of cells without reliable row boundaries (web text, one cell per line):
        a label, maybe sub-labels, then the texts in the order of the sub-labels. ``None``
        (or a stop cell) ends a block."""
        labels: list[str] = []  # the run of labels just read
        pending: list[str] = []  # what the next texts are
        for cell in cells:
            text = (cell or "").strip()
            kind = goal_label(text)
            if cell is None or (not kind and self._is_stop_cell(text)):
                labels, pending = [], []
                continue
            if not text or _SCORE_ONLY_RE.match(normalize_for_matching(text)):
                continue
            if kind:
                if kind in (ANNUAL, OVERALL, TASKS) and not labels:
                    labels, pending = [kind], []
                elif labels:
                    labels.append(kind)
                continue
            if labels:
                # The first label is the block when goal sub-labels follow it ("总体目标 | 年度目标 |
                # 完成情况"), else a column of its own ("项目年度目标 | 年度目标完成情况").
                goal_sub = len(labels) > 1 and labels[1] in (ANNUAL, OVERALL, TASKS)
                pending = labels[1:] if goal_sub else labels
                if labels[0] == TASKS:
                    pending = [TASKS if k in (ANNUAL, OVERALL) else k for k in pending]
                labels = []
            if not pending:
                continue
            target = pending.pop(0)
            if target in (ANNUAL, OVERALL, TASKS):
                self._add(target, text)

    # -- result
    @property
    def text(self) -> str:
        annual = "\n".join(_distinct(self.texts[ANNUAL]))
        overall = "\n".join(_distinct(self.texts[OVERALL]))
        goal = "\n".join(t for t in (annual, overall) if t)
        if not goal:
            goal = "\n".join(_distinct(self.texts[TASKS]))
        return clean_goal(goal)

    # -- internals
    def _add(self, kind: str, text: str) -> None:
        if kind in self.texts and is_goal_text(text):
            self.texts[kind].append(text)

    def _end_block(self) -> None:
        self._columns = None
        self._block = self._block_label = self._waiting = ""

    def _label_row(self, cells: list[str], filled: list[tuple[int, str]], kind: str) -> None:
        first_index, first = filled[0]
        rest = [(i, c) for i, c in filled[1:] if normalize_for_matching(c) != normalize_for_matching(first)]
        self._end_block()
        if not rest:
            self._waiting = kind  # the label alone: its text follows
            return
        labels = [goal_label(c) for _, c in rest]
        if all(labels):
            # A label row naming the columns of the rows below it.
            block = any(label in (ANNUAL, OVERALL, TASKS) for label in labels)
            columns = {i: label for (i, _), label in zip(rest, labels)}
            if not block:
                columns[first_index] = kind  # "项目年度目标 | 年度目标完成情况": a column itself
            if kind == TASKS:
                # a task block: its text columns are tasks, whatever their names say
                columns = {i: (TASKS if label in (ANNUAL, OVERALL) else label) for i, label in columns.items()}
            self._columns, self._block, self._block_label = columns, kind, first
            self._block_width = len(cells)
            return
        # Label and text in one row; a sub-label before a text names it ("总体目标 | 年度目标 | X").
        current = kind
        taken: set[str] = set()
        for _, cell in rest:
            label = goal_label(cell)
            if label:
                current = TASKS if kind == TASKS and label in (ANNUAL, OVERALL) else label
                continue
            key = normalize_for_matching(cell)
            if key in taken:
                continue  # a merged cell repeated across the row
            taken.add(key)
            if current in (ANNUAL, OVERALL, TASKS):
                self._add(current, cell)
            current = ACTUAL if current != TASKS else TASKS  # further texts: the 实际 column or more tasks
            if kind != TASKS:
                break

    def _content_row(self, cells: list[str]) -> None:
        assert self._columns is not None
        offset = max(0, self._block_width - len(cells)) if len(cells) < self._block_width else 0
        placed = {i + offset: c.strip() for i, c in enumerate(cells) if c and c.strip()}
        used = False
        for index, text in placed.items():
            if normalize_for_matching(text) == normalize_for_matching(self._block_label):
                continue  # the block label repeated by a merged cell
            kind = self._columns.get(index)
            if kind in (ANNUAL, OVERALL, TASKS):
                self._add(kind, text)
                used = True
        if not used and self._block != TASKS:
            # Columns do not line up (a short row): the first text is the goal.
            texts = [t for i, t in sorted(placed.items()) if normalize_for_matching(t) != normalize_for_matching(self._block_label)]
            expected = [k for k in self._columns.values() if k in (ANNUAL, OVERALL)]
            if texts and expected and not any(self._columns.get(i) for i in placed):
                self._add(expected[0], texts[0])


def _same(a: str, b: str) -> bool:
    return normalize_for_matching(a) == normalize_for_matching(b)


def _distinct(texts: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for text in texts:
        key = normalize_for_matching(text)
        if key and key not in seen:
            seen.add(key)
            out.append(text)
    return out


def goal_of_rows(rows: Iterable[list[str] | None], is_stop_cell=None) -> str:
    """The goal text of a sequence of non-indicator rows (``None`` breaks a block)."""
    collector = GoalCollector(is_stop_cell)
    for cells in rows:
        collector.add_row(cells)
    return collector.text
