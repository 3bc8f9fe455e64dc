"""Workbooks that hold a flat 部门/项目 list (one indicator per row, as systems export a
province's targets), streamed row by row instead of loaded whole.

openpyxl's normal mode keeps every cell of a workbook as an object (a million-row export
takes minutes and gigabytes), and the grid interpreter reads a flat list as one table.
Read-only mode streams the rows; vertically merged 部门/项目/一级/二级 cells arrive as
blanks below their first cell, which the flat-list reader already carries down from the
line above (the same reader as for CSV exports), so nothing is lost by not seeing the
merges. Workbooks where any sheet is something else (a grid table, notes) return None and
go to the normal reader. Formula cells saved without a value are left empty and listed as
skipped cells, as the normal reader does.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from nlp.extract.delimited import ColumnarResult, _Peekable, _find_header, flat_columns
from nlp.schema import INDICATOR_COLUMNS, ExtractError, ExtractResult, IndicatorRow, SkippedRow


def _sheet_lines(sheet) -> Iterator[tuple[int, list[str]]]:
    """(row number, displayed cell texts) of each non-blank row of a read-only sheet."""
    from nlp.extract.office import _clean_text, render_cell

    for row in sheet.iter_rows():
        values = [cell.value for cell in row]
        if not any(v is not None and v != "" for v in values):
            continue
        # Text is shown as it is; only numbers and dates need the cell's number format (a style lookup).
        cells = [_clean_text(v) if isinstance(v, str) else "" if v is None else render_cell(v, cell.number_format)
                 for v, cell in zip(values, row)]
        if any(cells):
            line = next(cell.row for v, cell in zip(values, row) if v is not None)
            yield line, [c.strip() for c in cells]


def _has_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula (its cached value may be missing: the normal
    reader reports those cells, so such workbooks go there)."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as stream:
                    tail = b""
                    while chunk := stream.read(1 << 20):
                        block = tail + chunk
                        if b"<f>" in block or b"<f " in block or b"<f/>" in block:
                            return True
                        tail = block[-3:]
    return False


def read_flat_workbook_columns(path: Path, source_file: str) -> ColumnarResult | None:
    """A workbook whose every visible non-empty sheet is a flat 部门/项目 list, as columns
    (see :class:`nlp.extract.delimited.ColumnarResult`); None for any other workbook."""
    path = Path(path)
    try:
        from openpyxl import load_workbook
        from openpyxl.utils import get_column_letter

        from nlp.extract.office import SKIP_FORMULA_NO_VALUE, _formula_cells

        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a readable workbook: the normal reader says why
        return None
    try:
        sheets = [s for s in workbook.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
        headers = []
        for sheet in sheets:
            lines = _Peekable(_sheet_lines(sheet))
            if lines.peeked is None:
                continue  # an empty sheet
            try:
                found = _find_header(lines, source_file)
            except ExtractError:
                return None
            if found[0] != "flat":
                return None
            headers.append((sheet, found))
        if not headers:
            return None
        # Only now, for a flat list: a whole pass over the sheets' XML that grid workbooks need not pay.
        try:
            formulas = _formula_cells(path) if _has_formulas(path) else {}
        except Exception:  # a damaged part: the normal reader says why
            return None
        result = ColumnarResult(source_file, {c: [] for c in INDICATOR_COLUMNS})
        for sheet, found in headers:
            lines = _Peekable(_sheet_lines(sheet))
            header_line = found[1]
            while lines.peeked is not None and lines.peeked[0] <= header_line:
                next(lines)  # _find_header consumed these the first time
            flat_columns(lines, source_file, found, locator_prefix=f"{sheet.title}!", first_table=result.tables,
                         result=result)
        for sheet, _ in headers:
            for row, column in sorted(formulas.get(sheet.title, ())):
                result.skipped.append(SkippedRow(
                    source_file, 0, f"{sheet.title}!{get_column_letter(column)}{row}", SKIP_FORMULA_NO_VALUE,
                    "cell left empty: the workbook was saved without computed values; "
                    "open it in Excel and save it again to store them"))
        return result
    finally:
        workbook.close()


def read_flat_workbook(path: Path, source_file: str) -> ExtractResult | None:
    """:func:`read_flat_workbook_columns` as an :class:`ExtractResult` of row objects."""
    columnar = read_flat_workbook_columns(path, source_file)
    if columnar is None:
        return None
    result = ExtractResult(source_file=source_file, skipped=columnar.skipped)
    result.tables = columnar.tables
    columns = [columnar.columns[c] for c in INDICATOR_COLUMNS]
    for values in zip(*columns):
        row = IndicatorRow(*values)
        row.table_index = int(row.table_index)
        result.rows.append(row)
    return result
