"""Reader for delimited text exports: CSV, TSV, semicolon-separated.

Encoding (UTF-8 with or without BOM, GBK/GB18030, UTF-16 with BOM) and delimiter
(comma, tab, semicolon) are detected. Two shapes are read:

* a flat list with 部门 / 项目名称 columns (one indicator per line): read
  directly, rows kept in input order, department and project taken per row;
* an indicator table as exported from a sheet (title lines, then a header with
  一级/二级/三级指标, 指标值 ...): handed to :func:`nlp.extract.grid.interpret_table`.

The file is read line by line (``csv`` module), never as one string; a big flat list
is read column-wise by :mod:`nlp.extract.delimited_fast` (same result, checked there).
"""
from __future__ import annotations

import codecs
import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.dimensions import normalize_levels
from nlp.extract.goals import ANNUAL, OVERALL, clean_goal, goal_label, is_goal_text
from nlp.extract.grid import _split_kind
from nlp.extract.layout import (
    Context,
    Row,
    context_from_lines,
    header_roles,
    split_tables,
    table_kind,
)
from nlp.schema import (
    SKIP_EMPTY_TEMPLATE,
    SKIP_HEADER,
    SKIP_NOT_INDICATOR,
    SKIP_SUBTOTAL,
    TABLE_KINDS,
    ExtractError,
    INDICATOR_COLUMNS,
    ExtractResult,
    IndicatorRow,
    SkippedRow,
)
from nlp.values import parse_value

if TYPE_CHECKING:
    import numpy as np

# Cells of real exports can be long (narrative 绩效目标 cells); the csv default is 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: How many leading non-empty lines are searched for the header row.
HEADER_SEARCH_LINES = 50
_CHUNK = 1 << 16
_DELIMITERS = (",", "\t", ";")
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive such as .xlsx or .docx; give it its real extension"),
    (b"{\\rtf", "an RTF document; save it as .docx"),
    (b"<html", "an HTML page saved with an Office extension; save it as .xlsx or .docx"),
    (b"<!DOCTYPE html", "an HTML page saved with an Office extension; save it as .xlsx or .docx"),
    (b"<?xml", "an XML file (perhaps an Excel 2003 XML spreadsheet); save it as .xlsx"),
    (b"\xd0\xcf\x11\xe0", "an Office 97-2003 file (.xls/.doc)"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_SUBTOTAL_WORDS = {"合计", "总计", "小计", "总分", "得分合计", "合计得分", "总得分"}


def describe_magic(head: bytes) -> str:
    """What a file's first bytes say it is ("a PNG image"), or ""."""
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return next((label for magic, label in _MAGIC if head[: len(magic)].lower() == magic.lower()), "")


def _detect_encoding(path: Path, source_file: str) -> str:
    """utf-16 (BOM), then utf-8-sig, then gb18030 (a superset of GBK), each checked over the
    whole file in chunks; binary content (NUL bytes) is rejected."""
    with open(path, "rb") as handle:
        head = handle.read(_CHUNK)
    if not head:
        raise ExtractError(source_file, "empty file (0 bytes); nothing to read")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        kind = describe_magic(head)
        looks = f" (it looks like {kind})" if kind else ""
        raise ExtractError(
            source_file,
            f"binary content (NUL bytes), not delimited text{looks}; export the table as CSV or TSV",
        )
    failures: list[str] = []
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        offset = 0
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    decoder.decode(chunk)
                    offset += len(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError as error:
            failures.append(f"{encoding}: byte 0x{error.object[error.start]:02x} at offset {offset + error.start}")
    raise ExtractError(
        source_file,
        "text is neither UTF-8 nor GBK/GB18030 (" + "; ".join(failures) + "); re-save the file as UTF-8 CSV",
    )


def _sniff_delimiter(path: Path, encoding: str, suffix: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields."""
    sample: list[str] = []
    with open(path, encoding=encoding, newline="") as handle:
        for line in handle:
            if line.strip():
                sample.append(line)
            if len(sample) >= 30:
                break
    best, best_score = ("\t" if suffix == ".tsv" else ","), 0
    for delimiter in _DELIMITERS:
        counts = [len(row) - 1 for row in csv.reader(sample, delimiter=delimiter)]
        counts = [c for c in counts if c > 0]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        score = counts.count(modal) * 1000 + modal
        if score > best_score:
            best, best_score = delimiter, score
    return best


def iter_delimited_rows(path: Path, source_file: str, encoding: str | None = None,
                        delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, cells) for each record, streaming; cells are stripped.
    Blank lines are not yielded. ``encoding`` and ``delimiter`` are detected unless given."""
    path = Path(path)
    encoding = encoding or _detect_encoding(path, source_file)
    delimiter = delimiter or _sniff_delimiter(path, encoding, path.suffix.lower())
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        line = 1
        try:
            for record in reader:
                start, line = line, reader.line_num + 1
                cells = [cell.strip() for cell in record]
                if any(cells):
                    yield start, cells
        except csv.Error as error:
            raise ExtractError(
                source_file, f"malformed delimited text at line {line}: {error}; check the quoting there"
            ) from None


def _describe(cells: list[str]) -> str:
    shown = [c.replace("\n", " ") for c in cells if c]
    return " | ".join(shown[:20]) + (" | ..." if len(shown) > 20 else "")


def _missing_columns(roles: dict[str, int]) -> list[str]:
    missing = []
    if "name" not in roles:
        missing.append("三级指标 (or 指标名称)")
    if "value" not in roles and "actual" not in roles:
        missing.append("指标值")
    return missing


def _grid_header(cells: list[str], previous: list[str], rows) -> bool:
    """Whether ``cells`` (with the line above, or the line below for a two-row header)
    head an indicator table by the grid interpreter's vocabulary: a level or name column
    and a value or 完成值 column."""
    from nlp.extract.grid import header_roles as grid_roles, is_header_row as grid_is_header

    if not grid_is_header(cells):
        return False
    found = set(grid_roles(cells).values()) | set(grid_roles(previous).values())
    if not {"name", "kind"} & found and not {"l1", "l2"} <= found:
        return False
    if {"value", "actual"} & found:
        return True
    following = getattr(rows, "peeked", None)
    return bool(following) and bool({"value", "actual"} & set(grid_roles(following[1]).values()))


class _Peekable:
    """An iterator of (line, cells) that can show its next item (``peeked``) without losing it."""

    def __init__(self, rows):
        self._rows = iter(rows)
        self.peeked = next(self._rows, None)

    def __iter__(self):
        return self

    def __next__(self):
        if self.peeked is None:
            raise StopIteration
        current, self.peeked = self.peeked, next(self._rows, None)
        return current


def _find_header(rows: Iterator[tuple[int, list[str]]], source_file: str):
    """Consume lines up to the header row: ("flat", line, cells, roles, leading) for a
    部门/项目 list, ("table", line, cells, roles, leading) for a sheet export."""
    leading: list[tuple[int, list[str]]] = []
    best: tuple[int, int, list[str]] | None = None  # (role count, line, cells) of the best candidate
    previous: list[str] = []
    for line, cells in rows:
        roles = header_roles(cells)
        if not _missing_columns(roles):
            shape = "flat" if "dept" in roles or "project" in roles else "table"
            return shape, line, cells, roles, leading
        if _grid_header(cells, previous, rows):
            # A header in the wider vocabulary of the grid interpreter (数值, 年度目标值 under a
            # merged 自评 cell, two-row headers): read as a sheet export.
            return "table", line, cells, roles, leading
        previous = cells
        leading.append((line, cells))
        if roles and (best is None or len(roles) > best[0]):
            best = (len(roles), line, cells)
        if len(leading) >= HEADER_SEARCH_LINES:
            break
    if not leading:
        raise ExtractError(source_file, "no content: the file holds only blank lines")
    if best is None:
        line, cells = leading[0]
        raise ExtractError(
            source_file,
            f"no header row found in the first {len(leading)} line(s): no line names the columns "
            f"三级指标 (or 指标名称) and 指标值; first line R{line}: {_describe(cells)}",
        )
    _, line, cells = best
    missing = " and ".join(_missing_columns(header_roles(cells)))
    raise ExtractError(
        source_file,
        f"missing required column(s) {missing}; header found at R{line}: {_describe(cells)}; "
        "an indicator list needs a 三级指标 (or 指标名称) column and a 指标值 column",
    )


def read_delimited(path: Path, source_file: str) -> ExtractResult:
    """Read a CSV/TSV export of indicator rows; see the module docstring for the two shapes."""
    path = Path(path)
    rows = _Peekable(iter_delimited_rows(path, source_file))
    shape, line, cells, roles, leading = _find_header(rows, source_file)
    if shape == "flat":
        context = context_from_lines([c for _, c in leading])
        result = _read_flat(rows, source_file, line, cells, roles, context)
        result.skipped[:0] = _lines_above(source_file, leading, line, cells)
        return result
    all_rows: list[Row] = [(f"R{n}", c) for n, c in leading]
    all_rows.append((f"R{line}", cells))
    all_rows.extend((f"R{n}", c) for n, c in rows)
    width = max(len(c) for _, c in all_rows)
    all_rows = [(loc, c + [""] * (width - len(c))) for loc, c in all_rows]
    tables, _ = split_tables(all_rows, source_file, 1, Context(), merged_filled=False)
    from nlp.extract.office import _interpret

    return _interpret(tables, ExtractResult(source_file=source_file))


def _lines_above(source_file: str, leading, header_line: int, header_cells: list[str],
                 locator_prefix: str = "") -> list[SkippedRow]:
    """The title/metadata lines above a flat list's header and the header itself, so that
    every line of the file is accounted for."""
    out = [SkippedRow(source_file, 0, f"{locator_prefix}R{n}", SKIP_NOT_INDICATOR, _describe(c)) for n, c in leading]
    out.append(SkippedRow(source_file, 0, f"{locator_prefix}R{header_line}", SKIP_HEADER, _describe(header_cells)))
    return out


def _read_flat(
    rows: Iterator[tuple[int, list[str]]],
    source_file: str,
    header_line: int,
    header_cells: list[str],
    roles: dict[str, int],
    context: Context,
) -> ExtractResult:
    """One indicator per line. Blank 部门/项目/一级/二级 cells repeat the line above
    (flattened merged cells); a change of 部门 or 项目 starts a new table index."""
    result = ExtractResult(source_file=source_file)
    append = result.rows.append
    result.tables = _flat_rows(
        rows, source_file, header_cells, roles, context, result.skipped, lambda *values: append(IndicatorRow(*values))
    )
    return result


@dataclass
class ColumnarResult:
    """A flat delimited export read into columns (one list or object array per
    :data:`INDICATOR_COLUMNS` entry, strings only, repeated texts shared) instead of one
    object per row: a province's export of millions of rows then takes a few hundred MB,
    not gigabytes."""

    source_file: str
    columns: dict[str, list[str] | np.ndarray]
    skipped: list[SkippedRow] = field(default_factory=list)
    tables: int = 0
    empty_templates: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.columns["row_locator"])


def read_delimited_columns(path: Path, source_file: str, fast: bool = True) -> ColumnarResult | ExtractResult:
    """:func:`read_delimited` for big files: a flat 部门/项目 list comes back as a
    :class:`ColumnarResult` with the same rows as strings (``table_index`` as text);
    an indicator table (a sheet export) as the usual :class:`ExtractResult`.

    A flat list is read column-wise (:mod:`nlp.extract.delimited_fast`) unless ``fast``
    is False or that reader cannot vouch for the file; then line by line."""
    path = Path(path)
    encoding = _detect_encoding(path, source_file)
    delimiter = _sniff_delimiter(path, encoding, path.suffix.lower())
    lines = iter_delimited_rows(path, source_file, encoding, delimiter)
    rows = _Peekable(lines)
    found = _find_header(rows, source_file)
    if found[0] != "flat":
        lines.close()
        return read_delimited(path, source_file)
    if fast:
        from nlp.extract.delimited_fast import read_flat_fast

        result = read_flat_fast(path, source_file, found, encoding, delimiter, rows.peeked)
        if result is not None:
            lines.close()
            return result
    return flat_columns(rows, source_file, found)


def flat_columns(rows, source_file: str, found, locator_prefix: str = "", first_table: int = 0,
                 result: ColumnarResult | None = None) -> ColumnarResult:
    """The lines of a flat list after its header (``found``: what :func:`_find_header` gave)
    as columns, appended to ``result`` when given; table indexes continue from ``first_table``."""
    _, line, cells, roles, leading = found
    context = context_from_lines([c for _, c in leading])
    if result is None:
        result = ColumnarResult(source_file, {c: [] for c in INDICATOR_COLUMNS})
    columns = result.columns
    shared: dict[str, str] = {}
    pending: list[tuple] = []

    def flush() -> None:
        # Column by column, each text kept once: csv gives a new string per cell.
        for name, values in zip(INDICATOR_COLUMNS, zip(*pending)):
            if name == "table_index":
                values = map(str, values)
            if name != "row_locator":
                values = map(shared.setdefault, values, values) if name != "table_index" else values
            columns[name].extend(values)
        pending.clear()

    def emit(*values) -> None:
        if first_table:
            values = (values[0], values[1] + first_table, *values[2:])
        pending.append(values)
        if len(pending) >= 65536:
            flush()

    result.skipped.extend(_lines_above(source_file, leading, line, cells, locator_prefix))
    skipped_before = len(result.skipped)
    result.tables += _flat_rows(rows, source_file, cells, roles, context, result.skipped, emit, locator_prefix)
    if first_table:
        for skipped in result.skipped[skipped_before:]:
            skipped.table_index += first_table if skipped.table_index else 0
    if pending:
        flush()
    return result


def _flat_rows(rows, source_file, header_cells, roles, context, skipped, emit, locator_prefix: str = "") -> int:
    """Walk the lines of a flat list: ``emit`` gets the values of each indicator row in
    :data:`INDICATOR_COLUMNS` order, ``skipped`` the lines that are none; returns the table count."""
    default_kind = table_kind(context.title, header_cells)
    width = len(header_cells)
    wanted = ("dept", "project", "l1", "l2", "name", "value", "actual", "unit", "nature", "kind", "desc", "basis", "score")
    # Cells are padded to a fixed width whose last slot is always blank; a missing role reads it.
    blank = max(roles.values(), default=0) + 1
    dept_at, project_at, l1_at, l2_at, name_at, value_at, actual_at, unit_at, nature_at, kind_at, desc_at, basis_at, score_at = (
        roles.get(role, blank) for role in wanted
    )
    # A 绩效目标 / 年度目标 column that is no indicator column: the project's goal, merged down.
    taken = set(roles.values())
    goal_at = next(
        (i for i, cell in enumerate(header_cells) if i not in taken and goal_label(cell) in (ANNUAL, OVERALL)), None
    )
    padding = [""] * (blank + 1)

    department = project = l1_filed = l2_filed = goal = ""
    table_index = 0
    current_key: tuple[str, str] | None = None
    for line, cells in rows:
        locator = f"{locator_prefix}R{line}"
        if cells[:width] == header_cells:
            skipped.append(SkippedRow(source_file, table_index, locator, SKIP_HEADER, _describe(cells)))
            continue
        padded = cells[: blank] + padding[len(cells) if len(cells) < blank else blank:]
        new_department = padded[dept_at] or department or context.department
        new_project = padded[project_at] or (project if new_department == department else "")
        if (new_department, new_project) != current_key:
            current_key = (new_department, new_project)
            table_index += 1
            l1_filed = l2_filed = goal = ""
        goal_cell = clean_goal(cells[goal_at]) if goal_at is not None and goal_at < len(cells) else ""
        if goal_cell and is_goal_text(goal_cell) and not goal_label(goal_cell):
            goal = goal_cell
        department, project = new_department, new_project
        l1_cell, l2_cell = padded[l1_at], padded[l2_at]
        if bool(l1_cell) != bool(l2_cell):
            # "产出指标-数量指标" in one column (指标类型): both levels
            first, second = _split_kind(l1_cell or l2_cell)
            if first and second:
                l1_cell, l2_cell = first, second
        if l1_cell:
            l1_filed, l2_filed = l1_cell, ""
        if l2_cell:
            l2_filed = l2_cell
        name, value_raw, actual = padded[name_at], padded[value_at], padded[actual_at]
        if (name in _SUBTOTAL_WORDS) or (l1_cell and l1_filed in _SUBTOTAL_WORDS):
            skipped.append(SkippedRow(source_file, table_index, locator, SKIP_SUBTOTAL, _describe(cells)))
            continue
        if not name and not value_raw and not actual:
            reason = SKIP_EMPTY_TEMPLATE if l1_cell or l2_cell else SKIP_NOT_INDICATOR
            skipped.append(SkippedRow(source_file, table_index, locator, reason, _describe(cells)))
            continue
        if not name and not l2_filed:
            skipped.append(SkippedRow(source_file, table_index, locator, SKIP_NOT_INDICATOR, _describe(cells)))
            continue
        l1, l2 = normalize_levels(l1_filed, l2_filed)
        parsed = parse_value(value_raw, padded[unit_at], padded[nature_at])
        kind = padded[kind_at]
        emit(
            source_file, table_index, locator, department, project,
            kind if kind in TABLE_KINDS else default_kind,
            l1_filed, l2_filed, l1, l2, name, padded[desc_at], value_raw,
            parsed.comparator, parsed.number, parsed.unit,
            padded[basis_at], actual, padded[score_at], goal,
        )
    return table_index
