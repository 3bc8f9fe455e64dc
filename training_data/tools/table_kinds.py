"""Derive each labelled row's table_kind (目标表 / 自评表 / 部门整体 / 评价指标体系) from its source document.

The labelled source sheets record where every raw row came from (source_file + row_locator);
this runs the repository's extractor (`nlp.extract.extract_file`) on those documents and gives
each raw row the kind of the extracted table that holds it:

1. an extracted row of the same document with the same normalised name and value
   (`nlp.dataset.row_key`): its table's kind;
2. otherwise the extracted table whose locator span (lines `L12-16`, workbook rows
   `Sheet1!R36`) contains the raw row's locator: that table's kind;
3. otherwise empty: the extractor does not read the document (yet), or the row was typed from
   prose outside any table (seed 003's 绩效评价报告 text, L932-935). Nothing is guessed.

Library lists (TSV files from repositories, not documents) get no kind. A released row stands for
every raw row in its `provenance`; it takes the kind of its first raw row that has one (the first
raw row is the one whose text the release keeps), and the disagreements are counted.

Usage:
  python training_data/tools/table_kinds.py [--corpus DIR] [--version 1.2] [--out FILE]
(default corpus ../shared/corpus; default out training_data/review/table-kinds-<next>.csv). The
output holds the released rows with their labels unchanged plus `table_kind`; give it to
`zhibiao train --data FILE` to release the next data version.
"""
from __future__ import annotations

import argparse
import glob
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent))

from nlp.dataset import row_key  # noqa: E402
from nlp.extract import extract_file  # noqa: E402
from nlp.schema import ExtractError  # noqa: E402

_LOCATOR_RE = re.compile(r"^(?:(?P<sheet>[^!]+)!)?(?P<axis>[LR])(?P<start>\d+)(?:-(?P<end>\d+))?$")


def locator_span(locator: str) -> tuple[str, int, int] | None:
    """('L' or 'Sheet1!R', first, last) of a row locator; None when it is not a line/row locator."""
    found = _LOCATOR_RE.match(locator.strip())
    if not found:
        return None
    start = int(found["start"])
    end = int(found["end"] or start)
    prefix = (found["sheet"] + "!" if found["sheet"] else "") + found["axis"]
    return prefix, start, end


def document_kinds(path: Path) -> tuple[dict[str, set[str]], list[tuple[str, int, int, str]]]:
    """Kinds of one document's extracted rows by row key, and each extracted table's
    (locator prefix, first, last, kind); empty when the extractor cannot read it."""
    try:
        rows = extract_file(path).rows
    except (ExtractError, FileNotFoundError):
        return {}, []
    by_key: dict[str, set[str]] = {}
    spans: dict[tuple[int, str], list[int]] = {}
    for row in rows:
        by_key.setdefault(row_key(row.name, row.value_raw), set()).add(row.table_kind)
        span = locator_span(row.row_locator)
        if span:
            prefix, start, end = span
            bounds = spans.setdefault((row.table_index, prefix), [start, end, row.table_kind])
            bounds[0], bounds[1] = min(bounds[0], start), max(bounds[1], end)
    tables = [(prefix, first, last, kind) for (_, prefix), (first, last, kind) in spans.items()]
    return by_key, tables


def raw_row_kind(name: str, value_raw: str, locator: str, by_key: dict[str, set[str]], tables: list[tuple[str, int, int, str]]) -> str:
    kinds = by_key.get(row_key(name, value_raw), set())
    if len(kinds) == 1:
        return next(iter(kinds))
    span = locator_span(locator)
    if span:
        prefix, start, end = span
        holding = {kind for p, first, last, kind in tables if p == prefix and first <= start and end <= last}
        if len(holding) == 1:
            return next(iter(holding))
    return ""


def sheet_kinds(sheet: pd.DataFrame, corpus: Path) -> list[tuple[str, str]]:
    """('source_file:row_locator', table_kind) for every row of a labelled source sheet, in order
    (several raw rows can share a locator: one line of prose, one merged cell)."""
    documents = {f: document_kinds(corpus / f) for f in sheet["source_file"].unique()}
    return [
        (f"{f}:{loc}", raw_row_kind(n, v, loc, *documents[f]))
        for f, loc, n, v in zip(sheet["source_file"], sheet["row_locator"], sheet["name"], sheet["value_raw"])
    ]


def released_kinds(release: pd.DataFrame, raw_kinds: list[tuple[str, str]]) -> tuple[list[str], int]:
    """table_kind of each released row (its first raw row with a kind) and how many released
    rows have raw rows of different kinds."""
    by_entry: dict[str, list[str]] = {}
    for entry, kind in raw_kinds:
        if kind:
            by_entry.setdefault(entry, []).append(kind)
    kinds, conflicts = [], 0
    for provenance in release["provenance"]:
        known = [k for entry in provenance.split("; ") for k in by_entry.get(entry, [])]
        conflicts += len(set(known)) > 1
        kinds.append(known[0] if known else "")
    return kinds, conflicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parents[1] / "shared" / "corpus")
    parser.add_argument("--version", default="1.2", help="released data version whose rows get a table_kind")
    parser.add_argument("--out", type=Path, help="output CSV (default training_data/review/table-kinds-<next version>.csv)")
    args = parser.parse_args()
    raw_kinds: list[tuple[str, str]] = []
    for sheet_path in sorted(glob.glob(str(ROOT / "sources" / "*.csv"))):
        sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
        if sheet.empty or sheet["source_kind"].iloc[0] == "library":
            continue  # lists from repositories, not documents: no table kind
        raw_kinds += sheet_kinds(sheet, args.corpus)
    release = pd.read_csv(ROOT / args.version / "labelled.csv", dtype=str, keep_default_na=False)
    release["table_kind"], conflicts = released_kinds(release, raw_kinds)
    major, minor = args.version.split(".")
    out = args.out or ROOT / "review" / f"table-kinds-{major}.{int(minor) + 1}.csv"
    columns = ["source_kind", "group", "sector", "l1_filed", "l2_filed", "name", "description", "value_raw", "unit",
               "transcribed", "dimension", "concept", "value_kind", "vague", "boilerplate", "table_kind"]
    release[columns].to_csv(out, index=False, encoding="utf-8")
    raw_known = sum(1 for _, k in raw_kinds if k)
    print(f"{out}: {len(release)} rows; raw document rows with a kind {raw_known} of {len(raw_kinds)}; "
          f"released rows by kind {release['table_kind'].replace('', '(none)').value_counts().to_dict()}; "
          f"released rows whose raw rows disagree on the kind: {conflicts}")


if __name__ == "__main__":
    main()
