"""Cross-validated list of rows where a model disagrees with the curated label.

Group 5-fold over departments on the deduplicated rows: every row is predicted
by a model that never saw its department. Rows where the dimension or vague
model confidently disagrees are written to training_data/review/cv_disagreements.csv
for a person to review; decisions go to training_data/review/cv_review.csv and
are applied to the source sheets by apply_review.py.
"""
from __future__ import annotations

import glob
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from nlp.classifiers import IndicatorClassifier
from nlp.dataset import deduplicate, validate_labelled
from nlp.features import taxonomy_user_words
from nlp.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    taxonomy = load_taxonomy()
    frames = [validate_labelled(pd.read_csv(f, dtype=str, keep_default_na=False), taxonomy, Path(f).name) for f in sorted(glob.glob(str(ROOT / "sources" / "*.csv")))]
    data = deduplicate(pd.concat(frames, ignore_index=True)).reset_index(drop=True)
    words = taxonomy_user_words(taxonomy)
    dim_pred = np.empty(len(data), dtype=object)
    dim_conf = np.zeros(len(data))
    vague_p = np.zeros(len(data))
    for train_idx, test_idx in GroupKFold(n_splits=5).split(data, groups=data["group"]):
        train, test = data.iloc[train_idx], data.iloc[test_idx]
        dim = IndicatorClassifier(user_words=words).fit(train, train["dimension"])
        labels, conf = dim.predict_with_confidence(test)
        dim_pred[test_idx], dim_conf[test_idx] = labels, conf
        vague = IndicatorClassifier(user_words=words, value_text=True).fit(train, train["vague"].astype(str))
        vague_p[test_idx] = vague.predict_proba(test)[:, list(vague.classes_).index("1")]
    rows = []
    for i, r in data.iterrows():
        if dim_pred[i] != r["dimension"] and dim_conf[i] >= 0.6:
            rows.append({"label": "dimension", "current": r["dimension"], "model": dim_pred[i], "confidence": round(dim_conf[i], 3), **_context(r)})
        vague_model = int(vague_p[i] >= 0.5)
        if vague_model != int(r["vague"]) and abs(vague_p[i] - 0.5) >= 0.25:
            rows.append({"label": "vague", "current": str(r["vague"]), "model": str(vague_model), "confidence": round(max(vague_p[i], 1 - vague_p[i]), 3), **_context(r)})
    out = pd.DataFrame(rows)
    out.to_csv(ROOT / "review" / "cv_disagreements.csv", index=False)
    print(f"{len(out)} disagreements of {len(data)} deduplicated rows -> review/cv_disagreements.csv")


def _context(r) -> dict:
    return {k: r[k] for k in ("key", "group", "l2_filed", "name", "description", "value_raw", "unit", "provenance")}


if __name__ == "__main__":
    main()
