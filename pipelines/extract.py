"""``zhibiao extract``: read files and folders, write the indicator rows to
.csv or .xlsx and every skipped row and failed file to ``<out>.skipped.csv``."""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from nlp.extract import BatchResult, extract_paths, iter_input_files
from nlp.schema import INDICATOR_COLUMNS, SKIPPED_COLUMNS, IndicatorRow
from pipelines.safe_io import atomic_path, neutralize_formula, write_csv

OUTPUT_SUFFIXES = (".csv", ".xlsx")
FAILED_FILE_REASON = "file could not be read"


class UsageError(Exception):
    """The command was called wrongly (exit code 2); the message says how to fix it."""


def skipped_path_for(out: Path) -> Path:
    """``out.csv`` -> ``out.skipped.csv`` (always CSV, next to the output)."""
    return out.with_name(f"{out.stem}.skipped.csv")


def _row_values(row: IndicatorRow) -> list[object]:
    data = row.to_dict()
    return [data[column] for column in INDICATOR_COLUMNS]


def write_rows_csv(path: Path, rows: Sequence[IndicatorRow]) -> int:
    return write_csv(path, INDICATOR_COLUMNS, (_row_values(row) for row in rows))


def write_rows_xlsx(path: Path, rows: Sequence[IndicatorRow]) -> int:
    """One sheet "indicators", bold frozen header, every text cell stored as
    text with formula-like values neutralised."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "indicators"
    sheet.append(list(INDICATOR_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(_row_values(row), start=1):
            if isinstance(value, str):
                value = neutralize_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    widths = {"source_file": 28, "project": 30, "name": 36, "description": 36, "value_raw": 16, "basis": 24, "actual": 20, "goal": 40}
    for index, column in enumerate(INDICATOR_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, 12)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as handle:
            workbook.save(handle)
    return len(rows)


def write_skipped(path: Path, batch: BatchResult) -> int:
    """Every skipped row, then every failed file (reason "file could not be read: ...")."""
    records: list[list[object]] = [
        [s.source_file, s.table_index, s.row_locator, s.reason, s.text] for s in batch.skipped
    ]
    records += [[f.source_file, "", "", f"{FAILED_FILE_REASON}: {f.reason}", ""] for f in batch.failures]
    return write_csv(path, SKIPPED_COLUMNS, records)


def summary_line(batch: BatchResult, out: Path | None = None) -> str:
    """The one-line account printed last on stderr."""
    if batch.failures:
        reasons = "; ".join(f"{f.source_file}: {f.reason}" for f in batch.failures)
        failed = f"{len(batch.failures)} failed ({reasons})"
    else:
        failed = "0 failed"
    line = (
        f"extract: {batch.files_read} files read, {failed}, {batch.tables} tables, "
        f"{len(batch.rows)} indicator rows, {len(batch.skipped)} skipped rows"
    )
    return f"{line} -> {out}" if out is not None else line


def check_output(out: Path) -> None:
    if out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise UsageError(f"--out must end in .csv or .xlsx (got {out.name!r})")
    if out.exists() and out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name ending in .csv or .xlsx")


def run_extract(paths: Sequence[str | os.PathLike], out: Path) -> tuple[BatchResult, int]:
    """Read, write both files and return the batch and the exit code
    (0 all files read, 1 some failed). Raises :class:`UsageError` for bad
    arguments and unwritable outputs."""
    out = Path(out)
    check_output(out)
    if not paths:
        raise UsageError("give at least one file or folder to read")
    skipped_out = skipped_path_for(out)
    # Earlier outputs lying in an input folder are not inputs.
    own_outputs = [out, skipped_out]
    if not iter_input_files(paths, own_outputs):
        shown = ", ".join(str(p) for p in paths)
        raise UsageError(f"no input files found in {shown}")
    batch = extract_paths(paths, own_outputs)
    try:
        if out.suffix.lower() == ".xlsx":
            write_rows_xlsx(out, batch.rows)
        else:
            write_rows_csv(out, batch.rows)
        write_skipped(skipped_out, batch)
    except OSError as error:
        raise UsageError(f"cannot write {out}: {error.strerror or error}") from None
    return batch, (1 if batch.failures else 0)

