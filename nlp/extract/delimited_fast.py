"""The flat 部门/项目 list of a delimited export read column-wise: the same rows, skipped
lines and table count as :func:`nlp.extract.delimited.flat_columns`, in a fraction of
the time on exports of millions of lines.

pandas' C tokenizer (the csv module's rules: same quoting, same records) splits the
file; every column is factorized, so cells are stripped, and levels, values and
goals interpreted, once per distinct text instead of once per line; the merged-down
部门/项目/一级/二级/目标 cells are forward-filled with numpy. Output columns are object
arrays whose texts are the factorized uniques (a repeated text is one object).

:func:`read_flat_fast` returns None whenever it cannot vouch for the result (UTF-16,
NUL bytes, a tokenizer error, records whose line numbers do not add up to the file's
lines, a header it does not find where the csv module found it, a repeated header
that might be a shorter line); the caller then reads the file line by line.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from nlp.arrays import first_positions
from nlp.dimensions import normalize_levels
from nlp.extract.goals import ANNUAL, OVERALL, clean_goal, goal_label, is_goal_text
from nlp.extract.grid import _split_kind
from nlp.extract.layout import context_from_lines, table_kind
from nlp.schema import (
    INDICATOR_COLUMNS,
    SKIP_EMPTY_TEMPLATE,
    SKIP_HEADER,
    SKIP_NOT_INDICATOR,
    SKIP_SUBTOTAL,
    TABLE_KINDS,
    SkippedRow,
)
from nlp.values import parse_value

#: Encodings whose line breaks are the bytes \r and \n (so lines can be counted on bytes).
_BYTE_LINE_ENCODINGS = ("utf-8-sig", "gb18030")
_SCAN_CHUNK = 1 << 24
#: How often a file is tokenized again with more columns after a line wider than the header.
_WIDEN_ATTEMPTS = 3
_WIDER_LINE_RE = re.compile(r"Expected \d+ fields in line \d+, saw (\d+)")


class _Texts:
    """One column of texts as codes into distinct values (``values[codes]`` are the texts)."""

    __slots__ = ("codes", "values")

    def __init__(self, codes: np.ndarray, values: np.ndarray):
        self.codes, self.values = codes, values

    def code_of(self, text: str) -> int:
        """The code of ``text``, added to the values when absent (-1 is never returned)."""
        found = np.flatnonzero(self.values == text) if len(self.values) else ()
        if len(found):
            return int(found[0])
        self.values = np.concatenate([self.values, _objects([text])])
        return len(self.values) - 1

    def nonempty(self) -> np.ndarray:
        return self.codes != self.code_of("")

    def take(self, rows: np.ndarray) -> "_Texts":
        return _Texts(self.codes[rows], self.values)


def _objects(values) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values in order of appearance) of an array or a list of texts."""
    codes, uniques = pd.factorize(values if isinstance(values, np.ndarray) else _objects(values))
    return codes.astype(np.int64, copy=False), np.asarray(uniques)


def _mapped(texts: _Texts, function) -> _Texts:
    """``function`` applied once per distinct text; equal results share one code."""
    remap, values = _factorize([function(v) for v in texts.values])
    return _Texts(remap[texts.codes] if len(remap) else texts.codes, values)


def _combined(*columns: _Texts) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Codes of the distinct combinations of several columns' texts, and those combinations."""
    codes = np.zeros(len(columns[0].codes), dtype=np.int64)
    for column in columns:
        codes, _ = _factorize(codes * len(column.values) + column.codes)
    first = first_positions(codes)  # the first row of each combination
    return codes, [tuple(c.values[c.codes[row]] for c in columns) for row in first.tolist()]


def _last_within(event: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each row, the last row at or before it where ``event`` holds, not before the
    start of its segment (segments begin where ``starts`` holds); -1 for none."""
    positions = np.arange(len(event))
    last = np.maximum.accumulate(np.where(event, positions, -1))
    segment = np.maximum.accumulate(np.where(starts, positions, 0))
    return np.where(last >= segment, last, -1)


def _filled(column: _Texts, last: np.ndarray) -> _Texts:
    """The text of row ``last`` (blank where it is -1): a merged cell carried down."""
    blank = column.code_of("")
    return _Texts(np.where(last >= 0, column.codes[np.maximum(last, 0)], blank), column.values)


def _scan_bytes(path: Path) -> tuple[int, bool]:
    """(physical lines as the csv module counts them: \\n, \\r and \\r\\n each end one;
    whether the file holds NUL bytes)."""
    lines, has_nul, previous_cr, last = 0, False, False, b""
    with open(path, "rb") as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            lines += chunk.count(b"\n")
            returns = chunk.count(b"\r")
            if returns:
                lines += returns - chunk.count(b"\r\n")
            if previous_cr and chunk[:1] == b"\n":
                lines -= 1
            previous_cr = chunk[-1:] == b"\r"
            has_nul = has_nul or b"\x00" in chunk
            last = chunk[-1:]
    if last and last not in (b"\n", b"\r"):
        lines += 1
    return lines, has_nul


def _line_breaks(texts: np.ndarray) -> np.ndarray | None:
    """Line breaks in each text (\\r\\n is one), or None when there are none at all."""
    joined = "".join(texts)
    if "\n" not in joined and "\r" not in joined:
        return None
    return np.array([t.count("\n") + t.count("\r") - t.count("\r\n") for t in texts], dtype=np.int64)


def _read_cells(path: Path, encoding: str, delimiter: str, width: int) -> pd.DataFrame | None:
    """Every record of the file (blank ones too) as columns of raw texts, at least
    ``width`` of them (more when a later line is wider: read again, a few times at
    most); shorter lines come padded with "". None when the tokenizer gives up."""
    for _ in range(_WIDEN_ATTEMPTS):
        try:
            with warnings.catch_warnings():
                # "Length of header or names does not match": a wider first line would be cut.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                return pd.read_csv(
                    path, sep=delimiter, header=None, names=range(width), index_col=False, dtype=object,
                    na_filter=False, skip_blank_lines=False, engine="c", encoding=encoding, quotechar='"',
                    doublequote=True, escapechar=None, comment=None, skipinitialspace=False, memory_map=True,
                )
        except pd.errors.ParserError as error:
            wider = _WIDER_LINE_RE.search(str(error))
            if not wider or int(wider.group(1)) <= width:
                return None
            width = int(wider.group(1))
        except Exception:  # whatever else the tokenizer objects to, the line-by-line reader reports
            return None
    return None


def read_flat_fast(path: Path, source_file: str, found, encoding: str, delimiter: str, first_data=None):
    """The flat list after the header ``found`` (what ``_find_header`` gave) as a
    :class:`~nlp.extract.delimited.ColumnarResult`, or None when this reader cannot be
    sure to match the line-by-line reader; ``first_data`` is the first line after the
    header as that reader gave it, (line, cells), to size the columns."""
    from nlp.extract.delimited import _SUBTOTAL_WORDS, ColumnarResult, _describe, _lines_above

    _, header_line, header_cells, roles, leading = found
    if encoding not in _BYTE_LINE_ENCODINGS:
        return None
    lines_in_file, has_nul = _scan_bytes(path)
    if has_nul:
        return None  # the csv module keeps NUL characters, the C tokenizer ends the cell there
    width = max([len(header_cells)] + [len(c) for _, c in leading] + ([len(first_data[1])] if first_data else []))
    frame = _read_cells(path, encoding, delimiter, width)
    if frame is None:
        return None
    width = frame.shape[1]

    # Each column factorized; stripping and line-break counting done per distinct raw text.
    extra_lines = np.zeros(len(frame), dtype=np.int64)
    columns: list[_Texts] = []
    for index in range(width):
        codes, raw = _factorize(frame[index].to_numpy(dtype=object))
        breaks = _line_breaks(raw)
        if breaks is not None:
            extra_lines += breaks[codes]
        columns.append(_mapped(_Texts(codes, raw), str.strip))
    records = len(frame)
    del frame
    ends = np.cumsum(extra_lines + 1)
    if records == 0 or ends[-1] != lines_in_file:
        return None  # the tokenizer saw other records than the csv module would
    starts = ends - extra_lines

    header_record = int(np.searchsorted(starts, header_line))
    if header_record >= records or starts[header_record] != header_line:
        return None
    header_padded = list(header_cells) + [""] * (width - len(header_cells))
    if [c.values[c.codes[header_record]] for c in columns] != header_padded:
        return None

    columns = [_Texts(c.codes[header_record + 1:], c.values) for c in columns]
    data_starts = starts[header_record + 1:]
    nonblank = np.zeros(len(data_starts), dtype=bool)
    for column in columns:
        nonblank |= column.nonempty()
    repeated_header = nonblank.copy()
    for column, text in zip(columns, header_cells):
        repeated_header &= column.codes == column.code_of(text)
    if header_cells[-1] == "" and repeated_header.any():
        return None  # a shorter line would not equal the header; padded cells cannot tell
    active = np.flatnonzero(nonblank & ~repeated_header)

    context = context_from_lines([c for _, c in leading])
    default_kind = table_kind(context.title, header_cells)
    taken = set(roles.values())
    goal_at = next(
        (i for i, cell in enumerate(header_cells) if i not in taken and goal_label(cell) in (ANNUAL, OVERALL)), None
    )
    blank_column = _Texts(np.zeros(len(active), dtype=np.int64), _objects([""]))

    def role(name: str) -> _Texts:
        return columns[roles[name]].take(active) if name in roles else blank_column

    n = len(active)
    positions = np.arange(n)

    # 部门: blank repeats the one above (the title's 部门 before any); 项目 likewise, within a 部门.
    dept_cells = role("dept")
    last = np.maximum.accumulate(np.where(dept_cells.nonempty(), positions, -1))
    department = _Texts(dept_cells.codes[np.maximum(last, 0)], dept_cells.values)
    department.codes = np.where(last >= 0, department.codes, department.code_of(context.department))
    dept_changes = np.ones(n, dtype=bool)
    if n:
        dept_changes[0] = department.values[department.codes[0]] != ""
        dept_changes[1:] = department.codes[1:] != department.codes[:-1]
    dept_starts = dept_changes.copy()
    dept_starts[:1] = True
    project_cells = role("project")
    project = _filled(project_cells, _last_within(project_cells.nonempty(), dept_starts))

    # A new (部门, 项目) starts a table; levels and goal start blank in each.
    table_starts = np.ones(n, dtype=bool)
    table_starts[1:] = (department.codes[1:] != department.codes[:-1]) | (project.codes[1:] != project.codes[:-1])
    table_index = np.cumsum(table_starts)

    # "产出指标-数量指标" in one column gives both levels: decided once per (一级, 二级) pair.
    l1_raw, l2_raw = role("l1"), role("l2")
    pair_codes, pairs = _combined(l1_raw, l2_raw)
    l1_pair, l2_pair = [], []
    for l1_cell, l2_cell in pairs:
        if bool(l1_cell) != bool(l2_cell):
            first, second = _split_kind(l1_cell or l2_cell)
            if first and second:
                l1_cell, l2_cell = first, second
        l1_pair.append(l1_cell)
        l2_pair.append(l2_cell)
    l1_map, l1_values = _factorize(l1_pair)
    l2_map, l2_values = _factorize(l2_pair)
    l1_cells = _Texts(l1_map[pair_codes], l1_values)
    l2_cells = _Texts(l2_map[pair_codes], l2_values)
    l1_given, l2_given = l1_cells.nonempty(), l2_cells.nonempty()
    l1_filed = _filled(l1_cells, _last_within(l1_given, table_starts))
    l2_filed = _filled(l2_cells, _last_within(l1_given | l2_given, table_starts))  # a new 一级 blanks the 二级

    if goal_at is None:
        goal = blank_column
    else:
        goal_cells = _mapped(columns[goal_at].take(active), clean_goal)
        is_goal = np.array([bool(g) and is_goal_text(g) and not goal_label(g) for g in goal_cells.values], dtype=bool)
        goal = _filled(goal_cells, _last_within(is_goal[goal_cells.codes], table_starts))

    name, value_raw, actual = role("name"), role("value"), role("actual")
    subtotal_words = np.array([v in _SUBTOTAL_WORDS for v in name.values], dtype=bool)[name.codes]
    subtotal_words |= np.array([v in _SUBTOTAL_WORDS for v in l1_cells.values], dtype=bool)[l1_cells.codes]
    no_name = ~name.nonempty()
    nothing = no_name & ~value_raw.nonempty() & ~actual.nonempty()
    template = ~subtotal_words & nothing
    unfiled = ~subtotal_words & ~nothing & no_name & ~l2_filed.nonempty()
    emitted = np.flatnonzero(~(subtotal_words | template | unfiled))

    # Skipped lines, in file order, with the table index the line-by-line reader had then.
    reason_texts = ("", SKIP_HEADER, SKIP_SUBTOTAL, SKIP_EMPTY_TEMPLATE, SKIP_NOT_INDICATOR)
    reasons = np.zeros(len(data_starts), dtype=np.int8)
    reasons[repeated_header] = 1
    reasons[active[subtotal_words]] = 2
    reasons[active[template]] = np.where((l1_given | l2_given)[template], 3, 4)
    reasons[active[unfiled]] = 4
    skipped = _lines_above(source_file, leading, header_line, header_cells)
    records = np.flatnonzero(reasons)
    before = np.searchsorted(active, records, side="right") - 1  # the last line that updated the state
    tables_then = np.where(before >= 0, table_index[np.maximum(before, 0)] if n else 0, 0)
    for record, table in zip(records.tolist(), tables_then.tolist()):
        cells = [c.values[c.codes[record]] for c in columns]
        skipped.append(SkippedRow(source_file, table, f"R{int(data_starts[record])}", reason_texts[reasons[record]],
                                  _describe(cells)))

    # The indicator rows: levels normalised and values parsed once per distinct input.
    def pick(column: _Texts) -> np.ndarray:
        return column.values[column.codes[emitted]]

    level_codes, level_pairs = _combined(l1_filed.take(emitted), l2_filed.take(emitted))
    levels = [normalize_levels(l1, l2) for l1, l2 in level_pairs]
    value_codes, value_triples = _combined(*(c.take(emitted) for c in (value_raw, role("unit"), role("nature"))))
    parsed = [parse_value(*triple) for triple in value_triples]
    kind = _mapped(role("kind"), lambda k: k if k in TABLE_KINDS else default_kind)
    tables = int(table_index[-1]) if n else 0
    table_texts = _objects([str(i) for i in range(tables + 1)])

    def per(distinct: list, attribute, codes: np.ndarray) -> np.ndarray:
        return _objects([attribute(item) for item in distinct])[codes]

    out = {
        "source_file": np.full(len(emitted), source_file, dtype=object),
        "table_index": table_texts[table_index[emitted]],
        "row_locator": _objects([f"R{line}" for line in data_starts[active[emitted]].tolist()]),
        "department": pick(department),
        "project": pick(project),
        "table_kind": pick(kind),
        "l1_filed": pick(l1_filed),
        "l2_filed": pick(l2_filed),
        "l1": per(levels, lambda pair: pair[0], level_codes),
        "l2": per(levels, lambda pair: pair[1], level_codes),
        "name": pick(name),
        "description": pick(role("desc")),
        "value_raw": pick(value_raw),
        "comparator": per(parsed, lambda p: p.comparator, value_codes),
        "number": per(parsed, lambda p: p.number, value_codes),
        "unit": per(parsed, lambda p: p.unit, value_codes),
        "basis": pick(role("basis")),
        "actual": pick(actual),
        "score": pick(role("score")),
        "goal": pick(goal),
    }
    if list(out) != list(INDICATOR_COLUMNS):
        raise AssertionError(f"indicator columns changed: {list(INDICATOR_COLUMNS)}; update read_flat_fast")
    return ColumnarResult(source_file, out, skipped, tables=tables)
