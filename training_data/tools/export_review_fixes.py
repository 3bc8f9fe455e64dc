"""Turn reviewed fixes (review/cv_review.csv, decision=fix) into a labelled file that
`zhibiao train --data` merges into the next data version.

Each fixed text is exported once with its released row's content and provenance (so
no occurrence is counted twice) and the corrected label.

Usage: python training_data/tools/export_review_fixes.py 1.0 training_data/review/fixes-1.1.csv
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from nlp.dataset import SOURCE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def main(base_version: str, out: str) -> None:
    base = pd.read_csv(ROOT / base_version / "labelled.csv", dtype=str, keep_default_na=False)
    review = pd.read_csv(ROOT / "review" / "cv_review.csv", dtype=str, keep_default_na=False)
    fixes = review[review["decision"].str.strip().str.lower() == "fix"]
    rows = base[base["key"].isin(set(fixes["key"]))].copy()
    for fix in fixes.itertuples(index=False):
        rows.loc[rows["key"] == fix.key, fix.label] = fix.new_value
        rows.loc[rows["key"] == fix.key, "note"] = f"reviewed: {fix.reason}"
    rows["source_file"] = rows["provenance"]
    rows["row_locator"] = ""
    rows.reindex(columns=list(SOURCE_COLUMNS), fill_value="").to_csv(out, index=False)
    print(f"{len(rows)} rows with {len(fixes)} reviewed fixes -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
