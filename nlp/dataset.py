"""Labelled indicator data: validation against the taxonomy, deduplication and the fixed group split.

Indicator data is full of duplicates (the same 三级 pasted into every project of a
department), so accuracy figures are only honest after normalised deduplication
and a split by group (department), with no normalised name on both sides.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from nlp.dimensions import DIMENSIONS
from nlp.schema import TABLE_KINDS
from nlp.text import normalize_for_matching

UNKNOWN = "UNKNOWN"
VALUE_KINDS = ("quant", "date", "graded", "vague", "empty", "copy")

#: Columns of a labelled source sheet (training_data/sources/*.csv).
SOURCE_COLUMNS = (
    "source_kind", "source_file", "row_locator", "group", "sector", "l1_filed", "l2_filed",
    "name", "description", "value_raw", "unit", "transcribed",
    "dimension", "concept", "value_kind", "vague", "boilerplate", "note",
)
#: Optional columns of any labelled file: the extractor's table kind (empty = unknown).
OPTIONAL_COLUMNS = ("table_kind",)
LABEL_COLUMNS = ("dimension", "concept", "value_kind", "vague", "boilerplate")
REQUIRED_COLUMNS = ("name", "dimension")

#: Columns of a released, deduplicated data version (training_data/<version>/labelled.csv).
#: ``table_kind`` (the extractor's kind of the table the row was read from, one of
#: :data:`nlp.schema.TABLE_KINDS`, or empty when unknown) exists from data version 1.3;
#: older releases lack the column and read as all-empty.
RELEASE_COLUMNS = (
    "key", "source_kind", "group", "sector", "l1_filed", "l2_filed", "name", "description", "value_raw", "unit",
    "dimension", "concept", "value_kind", "vague", "boilerplate", "occurrences", "provenance", "transcribed", "split", "note",
    "table_kind",
)


class LabelError(ValueError):
    """A labelled file has a label outside the taxonomy, or a missing column."""


def row_key(name: str, value_raw: str = "") -> str:
    """Deduplication key: normalised name and value."""
    return normalize_for_matching(name) + "|" + normalize_for_matching(value_raw)


def _flag(value, file: str, row: int, column: str) -> int:
    text = str(value).strip()
    if text in ("1", "1.0", "True", "true", "是"):
        return 1
    if text in ("0", "0.0", "False", "false", "否", ""):
        return 0
    raise LabelError(f"{file}: row {row}: {column} must be 0 or 1, got {text!r}.")


def validate_labelled(frame: pd.DataFrame, taxonomy, file: str, *, first_row: int = 2, row_numbers=None) -> pd.DataFrame:
    """Check every label against the taxonomy; return a cleaned copy.

    ``first_row`` is the file row number of the frame's first record (2 for a CSV
    with one header line), so that errors point at the row a person would open.
    ``row_numbers`` gives each record's file row instead, when the frame holds only
    some rows of the file (the reviewed rows of a report sheet).
    Nothing is returned half-checked: the first error raises :class:`LabelError`.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise LabelError(f"{file}: missing column(s) {', '.join(missing)}; found {', '.join(map(str, frame.columns))}.")
    frame = frame.copy()
    for column in SOURCE_COLUMNS + OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame.fillna("").astype(str)
    concept_ids = set(getattr(taxonomy, "concepts", {}) or {})
    numbers = list(row_numbers) if row_numbers is not None else list(range(first_row, first_row + len(frame)))
    errors = []
    for number, row in zip(numbers, frame.itertuples(index=False)):
        if not (row.name.strip() or row.description.strip() or row.value_raw.strip()):
            raise LabelError(f"{file}: row {number}: no 三级 name, description or value; a labelled row needs some text.")
        if row.dimension not in DIMENSIONS:
            raise LabelError(
                f"{file}: row {number}: unknown dimension {row.dimension!r} for {row.name!r}; expected one of {' '.join(DIMENSIONS)}."
            )
        concept = row.concept.strip() or UNKNOWN
        if concept != UNKNOWN and concept_ids and concept not in concept_ids:
            raise LabelError(f"{file}: row {number}: concept {concept!r} is not in the taxonomy; use an existing id or UNKNOWN.")
        if row.value_kind and row.value_kind not in VALUE_KINDS:
            raise LabelError(
                f"{file}: row {number}: unknown value_kind {row.value_kind!r}; expected one of {' '.join(VALUE_KINDS)}."
            )
        if row.table_kind and row.table_kind not in TABLE_KINDS:
            raise LabelError(
                f"{file}: row {number}: unknown table_kind {row.table_kind!r}; expected one of {' '.join(TABLE_KINDS)}, or empty when unknown."
            )
        errors.append((number, concept))
    frame["concept"] = [c for _, c in errors]
    frame["vague"] = [_flag(v, file, n, "vague") for n, v in zip(numbers, frame["vague"])]
    frame["boilerplate"] = [_flag(v, file, n, "boilerplate") for n, v in zip(numbers, frame["boilerplate"])]
    return frame


def read_labelled_file(path: Path, taxonomy) -> pd.DataFrame:
    """Read a labelled CSV/XLSX (source sheet, released data, or a reviewed report workbook)."""
    path = Path(path)
    if not path.is_file():
        raise LabelError(f"{path}: no such file.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(path, sheet_name=None, dtype=str)
        except Exception as exc:  # openpyxl raises many types for a broken workbook
            raise LabelError(f"{path}: not a readable workbook ({type(exc).__name__}: {exc}).") from None
        sheet = "指标明细" if "指标明细" in frame else next(iter(frame))
        rows = review_columns_to_labels(frame[sheet].reset_index(drop=True), str(path))
        # Reviewed rows keep their sheet index: row 2 of the sheet is index 0.
        return validate_labelled(rows, taxonomy, f"{path.name}[{sheet}]", row_numbers=[2 + i for i in rows.index])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError:
            raise LabelError(f"{path}: empty file, no header row.") from None
    else:
        raise LabelError(f"{path}: cannot decode as UTF-8 or GB18030 text.")
    rows = review_columns_to_labels(frame, str(path))
    return validate_labelled(rows, taxonomy, path.name, row_numbers=[2 + i for i in rows.index])


REVIEW_COLUMNS = {"复核维度": "dimension", "复核概念": "concept", "复核含糊": "vague"}


def review_columns_to_labels(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Turn a reviewed report sheet (复核维度 / 复核概念 / 复核含糊) into labelled rows.

    Only rows where the reviewer filled 复核维度 are kept; 复核概念 / 复核含糊 fall back
    to the model's prediction when left empty. Sheets without review columns pass through.
    """
    if "复核维度" not in frame.columns:
        return frame
    frame = frame.fillna("").astype(str)
    reviewed = frame[frame["复核维度"].str.strip() != ""].copy()
    reviewed["dimension"] = reviewed["复核维度"].str.strip()
    if "复核概念" in reviewed.columns:
        fallback = reviewed["concept_id"] if "concept_id" in reviewed.columns else UNKNOWN
        reviewed["concept"] = reviewed["复核概念"].str.strip().where(reviewed["复核概念"].str.strip() != "", fallback)
    if "复核含糊" in reviewed.columns:
        fallback = reviewed["vague"] if "vague" in reviewed.columns else "0"
        reviewed["vague"] = reviewed["复核含糊"].str.strip().where(reviewed["复核含糊"].str.strip() != "", fallback)
    if "group" not in reviewed.columns or (reviewed.get("group", "") == "").all():
        reviewed["group"] = "review:" + reviewed.get("department", pd.Series("", index=reviewed.index)).astype(str)
    reviewed["source_kind"] = "review"
    reviewed["source_file"] = Path(file).name
    return reviewed


def deduplicate(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per normalised (name, value); occurrence counts and provenance kept.

    Labels must agree across duplicates; the most frequent label wins and a
    disagreement is recorded in ``note`` so it can be reviewed.
    """
    frame = frame.copy()
    frame["key"] = [row_key(n, v) for n, v in zip(frame["name"], frame["value_raw"])]
    out = []
    for key, group in frame.groupby("key", sort=False):
        first = group.iloc[0].to_dict()
        record = {c: first.get(c, "") for c in RELEASE_COLUMNS}
        record["key"] = key
        notes = [n for n in group["note"] if n]
        for label in LABEL_COLUMNS:
            counts = group[label].astype(str).value_counts()
            record[label] = counts.index[0]
            if len(counts) > 1:
                notes.append(f"{label} disagreement among duplicates: { {k: int(v) for k, v in counts.items()} }")
        # Rows of an earlier release already stand for several occurrences.
        previous = pd.to_numeric(group["occurrences"], errors="coerce") if "occurrences" in group else None
        record["occurrences"] = int(previous.fillna(1).sum()) if previous is not None else len(group)
        record["provenance"] = "; ".join(f"{f}:{loc}" if loc else str(f) for f, loc in zip(group["source_file"], group["row_locator"]))
        record["transcribed"] = int(any(str(t) == "1" for t in group["transcribed"]))
        record["note"] = " | ".join(dict.fromkeys(notes))
        out.append(record)
    return pd.DataFrame(out, columns=list(RELEASE_COLUMNS))


def choose_eval_groups(frame: pd.DataFrame, fraction: float = 0.25, seed: int = 20261125) -> list[str]:
    """Pick evaluation groups (departments) at random, deterministically, so that each
    source kind (seed documents, public pages, library lists, workbooks) gives about
    ``fraction`` of its deduplicated real rows: the figures then speak for every kind of
    document, not for whichever big list happened to be drawn. A group bigger than the
    stratum's target is never drawn. Authored rows never count."""
    real = frame[frame["source_kind"] != "authored"]
    chosen: list[str] = []
    rng = random.Random(seed)
    for kind in sorted(real["source_kind"].unique()):
        sizes = real[real["source_kind"] == kind].groupby("group").size()
        target = fraction * sizes.sum()
        groups = sorted(sizes.index)
        rng.shuffle(groups)
        total = 0
        for group in groups:
            if total >= target * 0.9:
                break
            if sizes[group] > target or total + sizes[group] > target * 1.3:
                continue
            chosen.append(group)
            total += sizes[group]
    return sorted(chosen)


def assign_split(frame: pd.DataFrame, eval_groups: Iterable[str]) -> pd.Series:
    """'eval' for rows of evaluation groups whose normalised name never occurs in
    training rows; 'train' otherwise; authored rows are always 'train'."""
    eval_groups = set(eval_groups)
    names = frame["name"].map(normalize_for_matching)
    is_eval = frame["group"].isin(eval_groups) & (frame["source_kind"] != "authored")
    train_names = set(names[~is_eval])
    split = ["eval" if e and n not in train_names else "train" for e, n in zip(is_eval, names)]
    return pd.Series(split, index=frame.index)


def frame_sha256(frame: pd.DataFrame) -> str:
    """Stable hash of a labelled frame (column order and row order included)."""
    payload = frame.to_csv(index=False).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()
