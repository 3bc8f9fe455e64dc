"""Agreement between the curated labels and the blind second pass (10% sample).

Usage: python training_data/tools/agreement.py  -> writes training_data/agreement/agreement.json
"""
from __future__ import annotations

import glob
import json
from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("dimension", "concept", "value_kind", "vague", "boilerplate")


def main() -> None:
    first = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in sorted(glob.glob(str(ROOT / "sources" / "*.csv")))], ignore_index=True)
    second = pd.read_csv(ROOT / "agreement" / "second_pass.csv", dtype=str, keep_default_na=False)
    keys = ["source_file", "row_locator", "name", "value_raw"]
    first = first.drop_duplicates(subset=keys)
    merged = second.merge(first, on=keys, suffixes=("_second", "_first"), how="left")
    missing = merged["dimension_first"].isna().sum()
    result = {"sample_rows": int(len(second)), "unmatched_rows": int(missing), "labels": {}}
    disagreements = []
    for label in LABELS:
        a = merged[f"{label}_first"].fillna("").str.strip().replace("", "UNKNOWN" if label == "concept" else "")
        b = merged[f"{label}_second"].fillna("").str.strip().replace("", "UNKNOWN" if label == "concept" else "")
        agree = (a == b).mean()
        result["labels"][label] = {"agreement": round(float(agree), 4), "cohen_kappa": round(float(cohen_kappa_score(a, b)), 4)}
        for i in merged.index[a != b]:
            disagreements.append({"label": label, "source_file": merged.at[i, "source_file"], "row_locator": merged.at[i, "row_locator"], "name": merged.at[i, "name"], "first": a[i], "second": b[i]})
    (ROOT / "agreement" / "agreement.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    pd.DataFrame(disagreements).to_csv(ROOT / "agreement" / "disagreements.csv", index=False)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
