"""Workbooks holding a flat 部门/项目 list (as systems export a province's targets) are
streamed with openpyxl's read-only mode and read by the same flat-list reader as CSV.

The workbook is built from a real document: seed 004's flat list (tests/fixtures/csv/
seed004_xinglong_gbk.csv, see PROVENANCE.md), with its blank carry-down cells merged
vertically as departments publish them.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from nlp.extract.delimited import read_delimited
from nlp.extract.flat_sheet import read_flat_workbook, read_flat_workbook_columns
from nlp.extract.office import SKIP_FORMULA_NO_VALUE, read_xlsx
from nlp.schema import INDICATOR_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"
SEED004_CSV = FIXTURES / "csv" / "seed004_xinglong_gbk.csv"


def _csv_lines() -> list[list[str]]:
    import csv

    with open(SEED004_CSV, encoding="gbk", newline="") as handle:
        return [row for row in csv.reader(handle)]


def _workbook(path: Path, lines: list[list[str]], merge: bool = True, title: str = "") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    offset = 0
    if title:
        sheet.append([title])
        offset = 1
    for line in lines:
        sheet.append(line)
    if merge:
        # Blank 部门/项目/一级/二级 cells below a filled one become one merged range, as published.
        for column in range(1, 5):
            start = None
            for row in range(2 + offset, len(lines) + 2 + offset):
                value = sheet.cell(row, column).value if row <= len(lines) + offset else "end"
                if value not in (None, ""):
                    if start is not None and row - 1 > start:
                        sheet.merge_cells(start_row=start, start_column=column, end_row=row - 1, end_column=column)
                    start = row
    book.save(path)
    return path


def _rows(result) -> list[dict]:
    return [{k: v for k, v in row.to_dict().items() if k not in ("source_file", "row_locator")} for row in result.rows]


@pytest.mark.parametrize("merge", [True, False])
def test_a_flat_list_workbook_reads_like_the_same_list_as_csv(tmp_path, merge):
    lines = _csv_lines()
    path = _workbook(tmp_path / "seed004_flat.xlsx", lines, merge=merge)
    from_csv = read_delimited(SEED004_CSV, "seed004.csv")
    from_xlsx = read_xlsx(path, "seed004_flat.xlsx")
    assert len(from_xlsx.rows) == len(from_csv.rows) == 11
    assert _rows(from_xlsx) == _rows(from_csv)
    assert [r.row_locator for r in from_xlsx.rows] == ["绩效目标!" + r.row_locator for r in from_csv.rows]
    assert from_xlsx.tables == from_csv.tables == 2
    # The department column is kept (the grid reader used to drop it for flat lists).
    assert {r.department for r in from_xlsx.rows} == {"兴隆县医疗保障局本级"}
    assert [(s.row_locator, s.reason) for s in from_xlsx.skipped] == [
        ("绩效目标!" + s.row_locator, s.reason) for s in from_csv.skipped]


def test_the_score_path_gets_the_same_rows_as_columns(tmp_path):
    path = _workbook(tmp_path / "seed004_flat.xlsx", _csv_lines(), title="兴隆县医疗保障局2022年项目支出绩效目标")
    columns = read_flat_workbook_columns(path, "seed004_flat.xlsx")
    rows = read_flat_workbook(path, "seed004_flat.xlsx")
    assert columns is not None and len(columns) == len(rows.rows) == 11
    for name in INDICATOR_COLUMNS:
        assert columns.columns[name] == [str(getattr(r, name)) for r in rows.rows], name
    # The title line above the header is accounted for as a skipped line.
    assert [(s.row_locator, s.reason) for s in rows.skipped[:2]] == [
        ("绩效目标!R1", "not an indicator row"), ("绩效目标!R2", "header")]


def test_formula_cells_without_a_value_are_listed_and_left_empty(tmp_path):
    lines = _csv_lines()
    row = next(i for i, line in enumerate(lines) if line[6].startswith("≥100"))
    lines[row][6] = "=100%"  # typed as a formula; saved by a program, so no cached value
    path = _workbook(tmp_path / "formula.xlsx", lines)
    result = read_xlsx(path, "formula.xlsx")
    assert len(result.rows) == 11
    assert result.rows[row - 1].value_raw == ""
    notes = [(s.row_locator, s.reason) for s in result.skipped if s.reason == SKIP_FORMULA_NO_VALUE]
    assert notes == [(f"绩效目标!G{row + 1}", SKIP_FORMULA_NO_VALUE)]


def test_a_workbook_with_a_grid_table_is_not_taken_for_a_flat_list():
    path = FIXTURES / "xlsx" / "zhanjiang_hrss_2024_dept_targets.xlsx"
    assert read_flat_workbook_columns(path, path.name) is None
    assert read_flat_workbook_columns(FIXTURES / "bad" / "truncated.xlsx", "truncated.xlsx") is None
