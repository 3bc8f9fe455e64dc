"""Apply reviewed label fixes (training_data/review/cv_review.csv) to the source sheets.

Every source row whose deduplication key matches a fixed row gets the new label;
each change is recorded in training_data/review/applied_fixes.csv. Idempotent.
"""
from __future__ import annotations

import glob
from pathlib import Path

import pandas as pd

from nlp.dataset import row_key

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    review = pd.read_csv(ROOT / "review" / "cv_review.csv", dtype=str, keep_default_na=False)
    fixes = review[review["decision"].str.strip().str.lower() == "fix"]
    applied = []
    for path in sorted(glob.glob(str(ROOT / "sources" / "*.csv"))):
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
        keys = [row_key(n, v) for n, v in zip(sheet["name"], sheet["value_raw"])]
        changed = False
        for fix in fixes.itertuples(index=False):
            for i, key in enumerate(keys):
                if key == fix.key and sheet.at[i, fix.label] != fix.new_value:
                    applied.append({"file": Path(path).name, "row": i + 2, "key": key, "label": fix.label, "old": sheet.at[i, fix.label], "new": fix.new_value, "reason": fix.reason})
                    sheet.at[i, fix.label] = fix.new_value
                    changed = True
        if changed:
            sheet.to_csv(path, index=False)
    log = ROOT / "review" / "applied_fixes.csv"
    previous = pd.read_csv(log, dtype=str, keep_default_na=False) if log.is_file() else pd.DataFrame()
    pd.concat([previous, pd.DataFrame(applied)], ignore_index=True).to_csv(log, index=False)
    print(f"{len(applied)} source rows changed by {len(fixes)} reviewed fixes")


if __name__ == "__main__":
    main()
