"""The column-wise reader of flat delimited lists (nlp/extract/delimited_fast.py) against
the line-by-line reader it replaces for big files: every indicator column, every skipped
line and the table count must be identical. Inputs are the repo's real flat fixtures and
variants of them written to tmp_path (other encodings, line ends and delimiters; blank,
repeated-header, subtotal, short, wide lines; cells with line breaks and spaces)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from nlp.extract import extract_file
from nlp.extract.delimited import (
    _detect_encoding,
    _find_header,
    _Peekable,
    _sniff_delimiter,
    iter_delimited_rows,
    read_delimited_columns,
)
from nlp.extract.delimited_fast import read_flat_fast
from nlp.schema import INDICATOR_COLUMNS, SKIP_EMPTY_TEMPLATE, SKIP_HEADER, SKIP_SUBTOTAL, SkippedRow
from pipelines.score import read_batch, rows_frame

FIXTURES = Path(__file__).parent / "fixtures"
FLAT_FIXTURES = [
    "csv/seed004_xinglong_gbk.csv",
    "csv/shuanggao_utf8_bom.csv",
    "checks/seed_000_rows.csv",
    "checks/seed_004_rows.csv",
    "report/indicators.csv",
    "score/hostile_xuanchuan.csv",
    "variants/flat_101.csv",
    "variants/flat_combined_levels.csv",
    "variants/flat_mid_annual.csv",
    "variants/flat_selfeval.csv",
    "variants/hunan_project_list.csv",
    "variants/levels_last.csv",
    "variants/multi_project_merged.csv",
    "variants/multi_project_repeated.csv",
    "variants/unit_named_department.csv",
]


def _fast_only(path: Path):
    """The column-wise reader alone: its result, or None where it hands the file back."""
    encoding = _detect_encoding(path, path.name)
    delimiter = _sniff_delimiter(path, encoding, path.suffix.lower())
    lines = iter_delimited_rows(path, path.name, encoding, delimiter)
    rows = _Peekable(lines)
    found = _find_header(rows, path.name)
    assert found[0] == "flat", f"{path.name} is no flat list"
    try:
        return read_flat_fast(path, path.name, found, encoding, delimiter, rows.peeked)
    finally:
        lines.close()


def _compared(result):
    return {c: list(result.columns[c]) for c in INDICATOR_COLUMNS}, result.skipped, result.tables


def _assert_same_as_line_by_line(path: Path):
    fast = _fast_only(path)
    assert fast is not None, f"{path.name} fell back to the line-by-line reader"
    reference = read_delimited_columns(path, path.name, fast=False)
    assert len(reference) > 0
    assert _compared(fast) == _compared(reference)
    assert _compared(read_delimited_columns(path, path.name)) == _compared(reference)
    return fast


@pytest.mark.parametrize("name", FLAT_FIXTURES)
def test_flat_fixtures_read_column_wise_match_the_line_by_line_reader(name):
    _assert_same_as_line_by_line(FIXTURES / name)


def _records(name: str) -> list[list[str]]:
    path = FIXTURES / name
    text = path.read_bytes().decode(_detect_encoding(path, name))
    return list(csv.reader(io.StringIO(text, newline="")))


def _write(path: Path, records, encoding="utf-8-sig", delimiter=",", newline="\n", tail="") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(records)
    path.write_bytes((buffer.getvalue() + tail).encode(encoding))
    return path


def _with(records, at: int, *inserted):
    return records[:at] + [list(r) for r in inserted] + records[at:]


def _padded(records, extra: str):
    return [[f"  {c} {extra}" if c else c for c in r] for r in records]


def _blanked(records, *cells):
    out = [list(r) for r in records]
    for row, column in cells:
        out[row][column] = ""
    return out


def _ragged(records):
    out = [list(r) for r in records]
    out[3] = out[3][:5]  # a short line: its 指标值 and later cells are missing
    out[5] = out[5] + [out[5][-1], "备注"]  # a line wider than the header
    out[7] = out[7] + [""] * 6  # trailing delimiters
    return out


VARIANTS = {
    # (fixture, records -> records, how it is written, file suffix)
    "gbk_of_a_utf8_list": ("variants/flat_mid_annual.csv", lambda r: r, dict(encoding="gbk"), ".csv"),
    "gb18030_crlf_merged_cells": ("csv/seed004_xinglong_gbk.csv", lambda r: r, dict(encoding="gb18030", newline="\r\n"), ".csv"),
    "blank_and_whitespace_lines": (
        "variants/multi_project_repeated.csv",
        lambda r: _with(_with(_with(r, 12, ["   "]), 8, [], []), 3, [""] * 9),
        dict(tail="\n\n"),
        ".csv",
    ),
    "repeated_header_and_subtotals": (
        "checks/seed_004_rows.csv",
        lambda r: _with(_with(r, 60, r[0], ["", "", "", "", "小计"] + [""] * (len(r[0]) - 5)), 20, ["", "", "合计"]),
        dict(),
        ".csv",
    ),
    "short_and_wide_lines": ("variants/flat_selfeval.csv", _ragged, dict(), ".csv"),
    "title_above_the_unit_line": (
        "variants/multi_project_merged.csv",
        lambda r: _with(r, 0, ["2024年部门项目支出绩效目标表"], []),
        dict(),
        ".csv",
    ),
    "two_line_cells_with_cr_line_ends": ("variants/hunan_project_list.csv", lambda r: r, dict(newline="\r"), ".csv"),
    "two_line_cells_with_crlf_inside": (
        "csv/shuanggao_utf8_bom.csv",
        lambda r: [[c.replace("\n", "\r\n") for c in row] for row in r],
        dict(newline="\r\n"),
        ".csv",
    ),
    "tab_delimited_combined_levels": ("variants/flat_combined_levels.csv", lambda r: r, dict(delimiter="\t"), ".tsv"),
    "semicolon_delimited_goal_column": ("variants/hunan_project_list.csv", lambda r: r, dict(delimiter=";"), ".csv"),
    "spaces_around_cells": ("variants/unit_named_department.csv", lambda r: _padded(r, "\u3000"), dict(), ".csv"),
    "no_line_end_at_the_end": ("report/indicators.csv", lambda r: r, dict(newline="\n"), ".csv"),
    "new_first_level_without_second": ("csv/seed004_xinglong_gbk.csv", lambda r: _blanked(r, (5, 3), (9, 3)), dict(), ".csv"),
    "second_project_without_goal": ("variants/hunan_project_list.csv", lambda r: _blanked(r, (12, 4)), dict(), ".csv"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variants_read_column_wise_match_the_line_by_line_reader(variant, tmp_path):
    name, change, how, suffix = VARIANTS[variant]
    path = _write(tmp_path / f"{variant}{suffix}", change(_records(name)), **how)
    if variant == "no_line_end_at_the_end":
        path.write_bytes(path.read_bytes().rstrip(b"\n"))
    _assert_same_as_line_by_line(path)


def test_column_wise_rows_and_skipped_lines_of_the_gbk_list_with_a_repeated_header(tmp_path):
    records = _records("csv/seed004_xinglong_gbk.csv")
    path = _write(tmp_path / "xinglong.csv", _with(_with(records, 10, records[0]), 5, []), encoding="gbk")
    fast = _assert_same_as_line_by_line(path)
    dept, labour, fund = "兴隆县医疗保障局本级", "劳务派遣人员经费", "财政对城乡基本医疗保险基金的补助"
    columns = fast.columns
    assert list(columns["row_locator"]) == ["R2", "R3", "R4", "R5", "R7", "R8", "R9", "R10", "R11", "R13", "R15"]
    assert list(columns["table_index"]) == ["1"] * 8 + ["2"] * 3
    assert list(columns["department"]) == [dept] * 11
    assert list(columns["project"]) == [labour] * 8 + [fund] * 3
    assert list(columns["l1_filed"])[3:5] == ["产出指标", "效益指标"]
    assert list(columns["l2_filed"])[3:5] == ["成本指标", "经济效益指标"]
    assert list(columns["comparator"])[0] == "≥" and list(columns["number"])[0] == "100"
    assert fast.tables == 2
    assert fast.skipped == [
        SkippedRow("xinglong.csv", 0, "R1", SKIP_HEADER, "部门 | 项目名称 | 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据"),
        SkippedRow("xinglong.csv", 2, "R12", SKIP_HEADER, "部门 | 项目名称 | 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据"),
        SkippedRow("xinglong.csv", 2, "R14", SKIP_EMPTY_TEMPLATE, f"{dept} | {fund} | 产出指标 | 生态效益指标"),
        SkippedRow("xinglong.csv", 2, "R16", SKIP_SUBTOTAL, "合计"),
    ]


def _fallback_utf16(tmp_path):
    return _write(tmp_path / "utf16.csv", _records("variants/flat_mid_annual.csv"), encoding="utf-16")


def _fallback_nul(tmp_path):
    # A NUL character past the first 64 KiB (the csv module keeps it in the cell, the C
    # tokenizer would end the cell there); the same real rows repeated to get that far.
    records = _records("checks/seed_000_rows.csv")
    records = records[:1] + [list(r) for r in records[1:] * 6]
    records[-1][4] = records[-1][4] + "\x00"
    path = _write(tmp_path / "nul.csv", records)
    assert path.read_bytes().index(b"\x00") > 1 << 16
    return path


def _fallback_blank_last_header_cell(tmp_path):
    # The header ends in an empty cell; a repeated header line without it is shorter and
    # so no header line to the line-by-line reader; padded columns cannot tell the two apart.
    records = _records("variants/flat_mid_annual.csv")
    return _write(tmp_path / "trailing.csv", _with([records[0] + [""]] + records[1:], 5, records[0]))


@pytest.mark.parametrize("make", [_fallback_utf16, _fallback_nul, _fallback_blank_last_header_cell])
def test_files_the_column_wise_reader_cannot_vouch_for_are_read_line_by_line(make, tmp_path):
    path = make(tmp_path)
    assert _fast_only(path) is None
    reference = read_delimited_columns(path, path.name, fast=False)
    assert len(reference) > 0
    assert _compared(read_delimited_columns(path, path.name)) == _compared(reference)


def test_batch_columns_and_frame_keep_file_order_across_array_and_row_readers(tmp_path):
    flat_a = FIXTURES / "csv" / "seed004_xinglong_gbk.csv"
    document = FIXTURES / "doc" / "pingxiang_2021_nested_table.docx"
    flat_b = FIXTURES / "checks" / "seed_000_rows.csv"
    batch = read_batch([flat_a, document, flat_b])
    expected = {c: [] for c in INDICATOR_COLUMNS}
    parts = [
        _compared(read_delimited_columns(flat_a, flat_a.name, fast=False))[0],
        {c: [str(getattr(row, c)) for row in extract_file(document, document.name).rows] for c in INDICATOR_COLUMNS},
        _compared(read_delimited_columns(flat_b, flat_b.name, fast=False))[0],
    ]
    for part in parts:
        for c in INDICATOR_COLUMNS:
            expected[c].extend(part[c])
    assert all(len(part["name"]) for part in parts)
    assert {c: list(batch.columns[c]) for c in INDICATOR_COLUMNS} == expected
    frame = rows_frame(batch)
    assert list(frame.columns) == list(INDICATOR_COLUMNS)
    assert {c: frame[c].tolist() for c in INDICATOR_COLUMNS} == expected
    assert all(pd.api.types.infer_dtype(frame[c], skipna=False) == "string" for c in INDICATOR_COLUMNS)
