"""Read Word documents dumped to text (the seed format).

Two table layouts occur, often in one file:

* cell per line: each cell is a line starting with a tab; rows are separated
  by one blank line; a cell holding line breaks continues on the following
  lines (which have no leading tab); merged cells come out empty.
* row per line: the cells of a row on one line, separated by tabs; rows whose
  leading cells were merged simply have fewer cells.

Everything else is prose. Tables are handed to
:func:`nlp.extract.grid.interpret_table` with the title, department and
project found around them. In prose, "绩效指标：..." lines of the
department-level 分项绩效目标 sections become 部门整体 indicator rows
(``table_index`` 0, project = department).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.extract.goals import GoalCollector, clean_goal, goal_label, goal_of_rows
from nlp.extract.grid import (
    _is_goal_stop,
    clean_title,
    interpret_table,
    is_header_row,
    kind_from_title,
    project_from_title,
    strip_unit_code,
)
from nlp.schema import SKIP_NOT_INDICATOR, ExtractResult, IndicatorRow, SkippedRow, Table
from nlp.text import normalize_for_matching, strip_pinyin, to_simplified
from nlp.values import parse_value

__all__ = ["looks_like_word_dump", "read_word_dump", "parse_blocks", "prose_indicators"]

_TAB_LINE_RE = re.compile(r"^[ \u3000]*\t")


def looks_like_word_dump(text: str) -> bool:
    """True when the text has table cells as tab-led or tab-separated lines."""
    nonblank = [line for line in text.splitlines() if line.strip()]
    if not nonblank:
        return False
    tabbed = sum(1 for line in nonblank if "\t" in line.strip(" \u3000\r") or _TAB_LINE_RE.match(line))
    return tabbed >= 3 and tabbed * 20 >= len(nonblank)


# ---------------------------------------------------------------- blocks


@dataclass
class TextLine:
    line_no: int
    text: str


@dataclass
class RawTable:
    first_line: int
    last_line: int
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


def _is_blank(line: str) -> bool:
    # "\t" alone is an empty (merged) cell, not a blank line.
    return "\t" not in line and not line.strip()


def _is_row_line(line: str) -> bool:
    """A whole row on one line: a tab that is not only the leading cell marker
    or a trailing one ("\\t用于...\\t" is one cell)."""
    inner = line.strip(" \u3000\r")
    if _TAB_LINE_RE.match(line):
        inner = line[line.index("\t") + 1:]
    return "\t" in inner.rstrip("\t ") or inner.count("\t") >= 2 or (inner.endswith("\t") and not inner.strip())


def _is_section_label(line: str) -> bool:
    from nlp.extract.grid import _level_kind

    return bool(_level_kind(line.strip()))


def _locator(first: int, last: int) -> str:
    return f"L{first}" if first == last else f"L{first}-{last}"


def parse_blocks(text: str) -> list[TextLine | RawTable]:
    """Split a dump into prose lines and raw table grids (line numbers 1-based)."""
    lines = text.splitlines()
    items: list[TextLine | RawTable] = []
    n = len(lines)
    i = 0
    while i < n:
        if "\t" not in lines[i]:
            if not _is_blank(lines[i]):
                items.append(TextLine(i + 1, lines[i]))
            i += 1
            continue
        table, i = _read_table(lines, i)
        items.append(table)
    return items


def _read_table(lines: list[str], start: int) -> tuple[RawTable, int]:
    n = len(lines)
    table = RawTable(first_line=start + 1, last_line=start + 1)
    header_width = 0
    full_rows = short_rows = 0
    i = start
    blank_before = 0
    while i < n:
        # One block: consecutive non-blank lines.
        j = i
        while j < n and not _is_blank(lines[j]):
            j += 1
        block = list(range(i, j))
        if not block or "\t" not in lines[block[0]]:
            break
        row_lines = [k for k in block if "\t" in lines[k] and _is_row_line(lines[k])]
        cell_lines = [k for k in block if "\t" in lines[k] and not _is_row_line(lines[k])]
        if len(row_lines) > len(cell_lines):
            current: list[str] | None = None
            first = last = block[0]
            for k in block:
                line = lines[k].rstrip("\r")
                if "\t" in line or (current is not None and _is_section_label(line)):
                    # a level label alone on its line is a row merged across the table
                    # ("一、产出指标"), not the continuation of the cell above
                    if current is not None:
                        table.rows.append((_locator(first + 1, last + 1), current))
                    current = [c.strip(" \u3000") for c in line.split("\t")]
                    first = last = k
                elif current is not None:
                    current[-1] = (current[-1] + "\n" + line.strip()).strip()
                    last = k
            if current is not None:
                table.rows.append((_locator(first + 1, last + 1), current))
        else:
            cells: list[str] = []
            for k in block:
                line = lines[k].rstrip("\r")
                if _TAB_LINE_RE.match(line):
                    content = line[line.index("\t") + 1:]
                    cells.append(" ".join(part.strip() for part in content.split("\t")).strip())
                elif cells:
                    cells[-1] = (cells[-1] + "\n" + line.strip()).strip()
                else:
                    cells.append(line.strip())
            locator = _locator(block[0] + 1, block[-1] + 1)
            previous = table.rows[-1] if table.rows else None
            # Rows of a dump that writes merged cells as empty cells have the
            # header's width; a short one there was cut by a blank paragraph.
            # Where merged cells are left out, short rows are normal.
            full_width_style = previous is not None and (
                not previous[1][0].strip() or full_rows > short_rows
            )
            if (
                previous is not None
                and blank_before == 1
                and header_width
                and full_width_style
                and len(previous[1]) < header_width
                and len(previous[1]) + len(cells) <= header_width
            ):
                # A blank paragraph inside a cell split the row in two: join it back.
                prev_first = previous[0][1:].split("-")[0]
                table.rows[-1] = (f"L{prev_first}-{block[-1] + 1}", previous[1] + cells)
            else:
                table.rows.append((locator, cells))
                if header_width:
                    if len(cells) >= header_width:
                        full_rows += 1
                    else:
                        short_rows += 1
            if is_header_row(cells):
                header_width = len(cells)
                full_rows = short_rows = 0
        table.last_line = block[-1] + 1
        # Blank lines after the block: one separates rows, two or more end the table.
        k = j
        while k < n and _is_blank(lines[k]):
            k += 1
        blank_before = k - j
        if k >= n or "\t" not in lines[k] or blank_before >= 2:
            i = k
            return table, i
        i = k
    return table, i


# ---------------------------------------------------------------- context

_DEPARTMENT_LABELS = ("部门(单位)名称", "单位名称", "部门名称", "预算单位", "主管部门", "实施单位", "填报单位", "预算部门", "部门")
_DEPARTMENT_LABEL_KEYS = {normalize_for_matching(label) for label in _DEPARTMENT_LABELS}
_INLINE_DEPARTMENT_RE = re.compile(r"^(?:部门\(单位\)名称|单位名称|部门名称|预算单位|主管部门|实施单位|填报单位|预算部门)[:：](?=\S)")
_CODED_UNIT_RE = re.compile(r"^\s*\d{6,}\s*(\S.{1,40})$")
_ORG_SUFFIX = r"(?:局|委员会|委|中心|办公室|办|院|站|所|队|馆|会|处|厅|部|学校|医院|公司|政府|本级|街道|镇|乡)"
_DOC_DEPARTMENT_RE = re.compile(rf"^\s*([\u3400-\u9fff（）()]{{2,30}}?{_ORG_SUFFIX})\s*(?:\d{{4}}\s*年|$)")
_TITLE_RE = re.compile(r"(?:绩效|目标|指标|评价)[^。；;]{0,40}(?:表|体系)\s*(?:[(（][^()（）]{0,12}[)）])?\s*$")
# A title line that names only the kind of table; the line above names what it is for.
_KIND_ONLY_TITLE_RE = re.compile(
    r"^(?:\d{4}\s*年度?)?\s*(?:项目)?(?:支出)?(?:绩效)?(?:目标|评价|自评)?(?:评价)?(?:指标体系|目标表|自评表|评价表|申报表|表)$"
)
_UNIT_LINE_RE = re.compile(r"^\s*(?:金额)?单位\s*[:：]")
_ATTACHMENT_RE = re.compile(r"^\s*(?:附件|附表|表)\s*\d*\s*[:：]?\s*$")


def _department_in_rows(rows: list[tuple[str, list[str]]]) -> str:
    for _, cells in rows:
        values = [c.strip() for c in cells if c and c.strip()]
        for index, cell in enumerate(values):
            key = normalize_for_matching(cell)
            if key in _DEPARTMENT_LABEL_KEYS and index + 1 < len(values):
                candidate = strip_unit_code(values[index + 1])
                if candidate and not is_header_row([candidate, "x"]):
                    return candidate
            inline = _INLINE_DEPARTMENT_RE.match(normalize_for_matching(cell))
            if inline and len(cell) <= 60:
                # "单位名称：某县医疗保障局" in one cell
                return strip_unit_code(re.split(r"[:：]", cell, maxsplit=1)[1])
            coded = _CODED_UNIT_RE.match(cell)
            if coded and re.search(_ORG_SUFFIX + r"$", coded.group(1).strip()):
                return coded.group(1).strip()
    return ""


def _project_in_rows(rows: list[tuple[str, list[str]]]) -> str:
    for _, cells in rows:
        values = [c.strip() for c in cells if c and c.strip()]
        for index, cell in enumerate(values):
            if normalize_for_matching(cell) in {"项目名称", "专项(项目)名称", "专项名称"} and index + 1 < len(values):
                return values[index + 1]
    return ""


_PROSE_LABEL_RE = re.compile(r"^\s*([^:：\s]{2,10})\s*[:：]\s*(\S.{0,80}?)\s*$")
_PROSE_PROJECT_LABELS = {"项目名称", "专项名称", "专项(项目)名称", "项目支出名称"}


def _labels_in_prose(lines: list[TextLine]) -> tuple[str, str]:
    """Department and project named by "单位名称：某局" / "项目名称：某项目" paragraphs
    just above a table (the last of each wins)."""
    department = project = ""
    for line in lines:
        found = _PROSE_LABEL_RE.match(clean_title(line.text))
        if not found:
            continue
        key = normalize_for_matching(found.group(1))
        if key in _DEPARTMENT_LABEL_KEYS:
            department = strip_unit_code(found.group(2))
        elif key in {normalize_for_matching(label) for label in _PROSE_PROJECT_LABELS}:
            project = found.group(2)
    return department, project


def _document_department(items: list[TextLine | RawTable]) -> str:
    for item in items[:15]:
        if isinstance(item, TextLine):
            # "450001平乡县医疗保障局本级": a coded budget unit line names it too
            found = _DOC_DEPARTMENT_RE.match(strip_unit_code(clean_title(item.text)))
            if found:
                return found.group(1)
    for item in items:
        if isinstance(item, RawTable):
            found = _department_in_rows(item.rows)
            if found:
                return found
    return ""


def _looks_like_title(text: str) -> bool:
    return bool(_TITLE_RE.search(to_simplified(strip_pinyin(text))))


def _title_from(lines: list[TextLine]) -> str:
    """The table title among the prose lines just before a table: the last one
    that reads like a title; when it is only kind words ("绩效评价指标体系"),
    the line before it carries the name."""
    recent = [line for line in lines if clean_title(line.text)][-4:]
    for position in range(len(recent) - 1, -1, -1):
        text = clean_title(recent[position].text)
        if len(text) <= 120 and _looks_like_title(text):
            if position > 0 and _KIND_ONLY_TITLE_RE.match(to_simplified(strip_pinyin(text)).strip()):
                before = clean_title(recent[position - 1].text)
                if (
                    before
                    and not _ATTACHMENT_RE.match(before)
                    and not _UNIT_LINE_RE.match(before)
                    and len(before) <= 80
                    and not before.endswith(("。", "：", ":"))
                ):
                    return before + text
            return text
    return ""


def _title_in_first_row(rows: list[tuple[str, list[str]]]) -> str:
    if not rows:
        return ""
    values = [c.strip() for c in rows[0][1] if c and c.strip()]
    if len(values) == 1 and len(values[0]) <= 80 and _looks_like_title(values[0]):
        return values[0]
    return ""


# ---------------------------------------------------------------- prose

_PROSE_INDICATOR_RE = re.compile(
    r"^\s*(?:\[bookmark:[^\]]*\])*\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?(?:年度|主要|具体)?绩效指标\s*[:：]\s*(.+?)\s*$"
)
_PROSE_REFERENCE_RE = re.compile(r"详见|见附表|见附件|见下表|如下")
_COMPARATOR_GLYPH_RE = re.compile(r"[≥≤><=＞＜≧≦]")
_WORD_VALUE_RE = re.compile(r"(?:达到|达|不低于|不少于|不高于|不超过|控制在|高于|低于|大于|小于|超过)\s*\d")
_TRAILING_VALUE_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|‰|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?)?\s*(?:以上|以下|以内)?$"
)
_ITEM_NUMBER_RE = re.compile(r"^\s*(?:\d+[.、．)）]|[（(]\d+[)）]|[①-⑳])\s*")


def split_name_value(text: str) -> tuple[str, str]:
    """"业务案件办结率≥95%" -> ("业务案件办结率", "≥95%"); no value -> (text, "")."""
    text = _ITEM_NUMBER_RE.sub("", text).strip().rstrip("。;；，,")
    for finder in (_COMPARATOR_GLYPH_RE.search, _WORD_VALUE_RE.search, _TRAILING_VALUE_RE.search):
        found = finder(text)
        if found and found.start() > 0:
            return text[: found.start()].strip(" ：:，,"), text[found.start():].strip()
    return text, ""


_OVERALL_GOAL_HEADING_RE = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．]?\s*)?(?:部门)?(?:整体|总体|年度)(?:绩效)?目标\s*[:：]?\s*(.*)$"
)
_NUMBERED_HEADING_RE = re.compile(r"^(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．])")


def prose_overall_goal(lines: list[TextLine]) -> str:
    """The department's goal written as prose above its "绩效指标：" lines: the text under
    an "（一）总体绩效目标" heading (or after "总体绩效目标："), up to the next short
    heading ("（2） 分项绩效目标", "二、分项绩效目标")."""
    parts: list[str] = []
    inside = False
    for line in lines:
        text = clean_title(line.text)
        if not text:
            continue
        heading = _OVERALL_GOAL_HEADING_RE.match(text)
        if heading and len(text) - len(heading.group(1)) <= 14:
            if parts:
                break  # a second heading of the kind: the first section is the goal
            inside = True
            if heading.group(1).strip():
                parts.append(heading.group(1))
            continue
        if not inside:
            continue
        if len(text) <= 20 or _PROSE_INDICATOR_RE.match(line.text):
            break  # the next heading ("（2） 分项绩效目标") or the indicators
        parts.append(text)
    return clean_goal("\n".join(parts))


def prose_indicators(lines: list[TextLine], source_file: str, department: str) -> list[IndicatorRow]:
    """部门整体 indicator rows from "绩效指标：..." prose lines."""
    rows: list[IndicatorRow] = []
    for line in lines:
        found = _PROSE_INDICATOR_RE.match(line.text)
        if not found:
            continue
        for part in re.split(r"[；;]", found.group(1)):
            if not part.strip() or _PROSE_REFERENCE_RE.search(part):
                continue
            name, value_raw = split_name_value(part)
            if not name and not value_raw:
                continue
            parsed = parse_value(value_raw)
            rows.append(
                IndicatorRow(
                    source_file=source_file,
                    table_index=0,
                    row_locator=f"L{line.line_no}",
                    department=department,
                    project=department,
                    table_kind="部门整体",
                    name=name,
                    value_raw=value_raw,
                    comparator=parsed.comparator,
                    number=parsed.number,
                    unit=parsed.unit,
                )
            )
    return rows


# ---------------------------------------------------------------- reader


def read_word_dump(text: str, source_file: str) -> ExtractResult:
    """All indicator rows of a Word text dump. Tables without an indicator
    header and runs of prose lines are reported as one skipped record each,
    so every line of the file is accounted for."""
    items = parse_blocks(text)
    result = ExtractResult(source_file=source_file)
    document_department = _document_department(items)
    department = document_department
    pending_lines: list[TextLine] = []
    prose: list[TextLine] = []
    title = ""
    metadata_project = ""
    metadata_goal = ""
    table_index = 0
    for item in items:
        if isinstance(item, TextLine):
            pending_lines.append(item)
            prose.append(item)
            continue
        found_title = _title_from(pending_lines)
        prose_department, prose_project = _labels_in_prose(pending_lines)
        if prose_department:
            department = prose_department
        if prose_project:
            metadata_project = prose_project
        pending_lines = []
        if found_title:
            title = found_title
        found_department = _department_in_rows(item.rows)
        if found_department:
            department = found_department
        table_index += 1
        if not any(is_header_row(cells) for _, cells in item.rows):
            # A project information table before its indicator table (seed 004 layout).
            metadata_project = _project_in_rows(item.rows) or metadata_project
            # The 绩效目标 row of that information table is the goal of the indicator table below.
            metadata_goal = goal_of_rows((cells for _, cells in item.rows), _is_goal_stop) or metadata_goal
            preview = " | ".join(c.strip() for _, cells in item.rows[:2] for c in cells if c and c.strip())
            result.skipped.append(
                SkippedRow(
                    source_file,
                    table_index,
                    _locator(item.first_line, item.last_line),
                    SKIP_NOT_INDICATOR,
                    f"table without an indicator header ({len(item.rows)} rows): {preview[:120]}",
                )
            )
            continue
        in_table_title = _title_in_first_row(item.rows)
        table_title = in_table_title or title
        kind = kind_from_title(table_title) if table_title else ""
        project = project_from_title(table_title) if table_title else ""
        if not project and kind != "部门整体" and "部门整体" not in table_title:
            project = _project_in_rows(item.rows) or metadata_project
        if "部门整体" in table_title or kind == "部门整体":
            project = department
        grid = Table(
            source_file=source_file,
            table_index=table_index,
            title=table_title,
            department=department,
            project=project,
            table_kind="",
            rows=item.rows,
            goal=metadata_goal,
        )
        interpreted = interpret_table(grid)
        result.rows.extend(interpreted.rows)
        result.skipped.extend(interpreted.skipped)
        result.tables += interpreted.tables
        result.empty_templates.extend(interpreted.empty_templates)
        # A title names one table; later tables need their own.
        title = ""
        metadata_project = ""
        metadata_goal = ""
    prose_rows = prose_indicators(prose, source_file, document_department or department)
    prose_goal = prose_overall_goal(prose)
    for row in prose_rows:
        row.goal = prose_goal
    result.rows = prose_rows + result.rows
    # Every prose line is accounted for: one skipped record per run of text lines.
    used = {row.row_locator for row in prose_rows}
    result.skipped.extend(_prose_runs(items, used, source_file))
    result.skipped.sort(key=lambda skipped: _first_line(skipped.row_locator))
    return result


def _first_line(locator: str) -> int:
    found = re.match(r"L(\d+)", locator)
    return int(found.group(1)) if found else 0


def _prose_runs(items: list[TextLine | RawTable], used: set[str], source_file: str) -> list[SkippedRow]:
    runs: list[list[TextLine]] = [[]]
    for item in items:
        if isinstance(item, TextLine) and f"L{item.line_no}" not in used:
            runs[-1].append(item)
        elif runs[-1]:
            runs.append([])
    skipped = []
    for run in runs:
        if not run:
            continue
        first = clean_title(run[0].text) or run[0].text.strip()
        skipped.append(
            SkippedRow(
                source_file,
                0,
                _locator(run[0].line_no, run[-1].line_no),
                SKIP_NOT_INDICATOR,
                f"text ({len(run)} lines): {first[:100]}",
            )
        )
    return skipped
