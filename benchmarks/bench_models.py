"""Training time and prediction rows/s of the indicator models.

* training: ``pipelines.train.train_model`` on the newest training data version
  (fit on the train split, thresholds tuned and figures computed on the eval split),
  and the fit alone;
* prediction: the promoted model (models/indicator/DEFAULT) on the rows of the
  benchmark CSVs (benchmarks/data.py): every row distinct, and rows sampled from
  real documents (repeated texts are classified once, so rows/s is far higher).

    python benchmarks/bench_models.py [--distinct-rows 100000] [--sampled-rows 1000000]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from benchmarks.data import build_distinct_csv, build_sampled_csv  # noqa: E402


def _rows(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return pd.DataFrame({"name": frame["三级指标"], "description": "", "value_raw": frame["指标值"], "unit": frame["计量单位"]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--distinct-rows", type=int, default=100_000)
    parser.add_argument("--sampled-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()

    from pipelines import paths
    from pipelines.score import load_scoring_model
    from pipelines.train import load_data_version, train_model

    results: dict = {}
    if not args.skip_training:
        version, frame = load_data_version(paths.training_data_dir())
        started = time.perf_counter()
        model, metrics, _ = train_model(frame)
        results["training"] = {
            "data_version": version,
            "train_rows": metrics["train_rows"],
            "eval_rows": metrics["eval_rows"],
            "train_tune_evaluate_seconds": round(time.perf_counter() - started, 1),
        }
        print(f"training: {results['training']}", file=sys.stderr)

    started = time.perf_counter()
    model, _, version = load_scoring_model(paths.models_dir())
    results["load_seconds"] = round(time.perf_counter() - started, 2)
    model.predict(_rows(build_distinct_csv(1000)).head(10))  # builds the jieba tokenizer once
    for label, path in (("distinct", build_distinct_csv(args.distinct_rows)), ("sampled", build_sampled_csv(args.sampled_rows))):
        rows = _rows(path)
        distinct = int(len(rows.drop_duplicates()))
        started = time.perf_counter()
        model.predict(rows)
        seconds = time.perf_counter() - started
        results[f"predict_{label}"] = {
            "rows": len(rows), "distinct_texts": distinct, "seconds": round(seconds, 2),
            "rows_per_second": round(len(rows) / seconds), "distinct_texts_per_second": round(distinct / seconds),
        }
        print(f"predict {label}: {results[f'predict_{label}']}", file=sys.stderr)
    results["model_version"] = version
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
