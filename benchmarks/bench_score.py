"""End-to-end benchmark of ``zhibiao score``, each figure beside plain jieba on the same rows.

Runs, each in a fresh process so that peak RSS is per run:

* ``sampled``: a 1,000,000-row flat CSV built by sampling real rows (benchmarks/data.py);
* ``distinct``: 100,000 rows whose every 三级指标 name and row text is distinct;
* ``xlsx``: the first 100,000 sampled rows as a flat .xlsx export (streamed in read-only mode);
* ``cold``: ``zhibiao score`` on one small real file (examples/012_...txt), as a user
  runs it: a new interpreter, wall time of the whole command. Measured with a warm
  jieba cache (one untimed run first); the first run on a machine also builds the
  jieba dictionary cache (about a second more). Then the same work in pieces, in a new
  interpreter each time (best of runs per piece): the interpreter alone, importing the
  score command's modules, loading and verifying the model (the inference export when
  the default version has one), building jieba's dictionary, and extracting, classifying
  and writing the six reports.

For every run the same rows are tokenised with plain jieba (``jieba.lcut`` of the 三级指标
name and the 指标值, default dictionary, every row, no deduplication) in the same
process run, so the ratio is meaningful on a loaded machine.

    python benchmarks/bench_score.py              # all runs, figures as JSON on stdout
    python benchmarks/bench_score.py --rows 200000 --distinct-rows 20000   # quicker
    python benchmarks/bench_score.py --workers 2

The figures go to benchmarks/_work/results-<date>.json as well; docs/benchmarks.md
records them with the machine and its load.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# benchmarks.data (pandas) is imported in main(): a child timing the cold start must not have it loaded.

SMALL_FILE = REPO / "examples" / "012_yueyang_county_agri_hsfarmland_linkage.txt"


def _score_in_process(path: str, out: str, workers: int) -> dict:
    """Child: one ``run_score`` with stage timings and peak RSS (this process and its workers)."""
    import resource

    from pipelines import paths
    from pipelines.score import run_score

    started = time.perf_counter()
    run = run_score([path], Path(out), paths.models_dir(), workers=workers)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "rows_read": run.summary["rows_read"],
        "rows_scored": run.summary["rows_scored"],
        "findings": run.summary["findings"],
        "projects": run.summary["projects"],
        "seconds": round(seconds, 2),
        "rows_per_second": round(run.summary["rows_scored"] / seconds),
        "stages": {k: round(v, 2) for k, v in run.timings.items()},
        "peak_rss_mb": round(max(own, children) / 1024),
    }


def _jieba_in_process(path: str) -> dict:
    """Child: plain jieba over the same rows (default dictionary, every row)."""
    import resource

    import jieba

    started = time.perf_counter()
    jieba.initialize()
    init = time.perf_counter() - started
    rows = tokens = 0
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        name, value = header.index("三级指标"), header.index("指标值")
        for record in reader:
            tokens += len(jieba.lcut(f"{record[name]} {record[value]}"))
            rows += 1
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "tokens": tokens,
        "seconds": round(seconds, 2),
        "dictionary_load_seconds": round(init, 2),
        "rows_per_second": round(rows / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _cold_pieces_in_process(path: str, out: str) -> dict:
    """Child: ``zhibiao score`` run in this new interpreter, its pieces timed by wrapping
    the functions that do them (nothing else changes)."""
    started = time.perf_counter()
    import pipelines.cli as cli

    cli_imported = time.perf_counter()
    import pipelines.score as score  # the command imports it when it runs

    score_imported = time.perf_counter()
    from nlp import tokenize

    spans: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spans[name] = spans.get(name, 0.0) + time.perf_counter() - begun
        return wrapper

    score.load_scoring_model = timed("load_model", score.load_scoring_model)
    score.run_score = timed("run_score", score.run_score)
    tokenize.JiebaTokenizer._build = timed("jieba", tokenize.JiebaTokenizer._build)
    sys.argv = ["zhibiao", "score", path, "--out", out, "--no-progress"]
    try:
        cli.app()
    except SystemExit as exit:
        if exit.code not in (0, None):
            raise
    done = time.perf_counter()
    return {
        "import_cli_seconds": round(cli_imported - started, 3),
        "import_score_job_seconds": round(score_imported - cli_imported, 3),
        "load_model_seconds": round(spans["load_model"], 3),
        "jieba_dictionary_seconds": round(spans.get("jieba", 0.0), 3),
        "extract_classify_write_seconds": round(spans["run_score"] - spans["load_model"] - spans.get("jieba", 0.0), 3),
        # typer parsing the command line (typer 0.29 imports pydantic for it) and printing the summary
        "command_rest_seconds": round(done - score_imported - spans["run_score"], 3),
        "in_process_seconds": round(done - started, 3),
        "scikit_learn_imported": "sklearn" in sys.modules,
        "scipy_imported": "scipy" in sys.modules,
        "compiled_model": "nlp.compiled" in sys.modules and "joblib" not in sys.modules,
    }


def _child(kind: str, *args: str) -> dict:
    command = [sys.executable, __file__, "--child", kind, *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child {kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cold_start(repeats: int = 5) -> dict:
    """Wall time of ``zhibiao score <one small file>`` in a new process (best and median of runs)."""
    zhibiao = [sys.executable, "-m", "pipelines.cli"]
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([*zhibiao, "score", str(SMALL_FILE), "--out", out], capture_output=True, cwd=REPO, check=True)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([*zhibiao, "score", str(SMALL_FILE), "--out", out, "--no-progress"],
                           capture_output=True, cwd=REPO, check=True)
            times.append(time.perf_counter() - started)
        jieba_times = []
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import jieba; jieba.lcut('服务对象满意度')"],
                           capture_output=True, cwd=REPO, check=True)
            jieba_times.append(time.perf_counter() - started)
        python_times = []
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], capture_output=True, cwd=REPO, check=True)
            python_times.append(time.perf_counter() - started)
        pieces = [_child("cold-pieces", str(SMALL_FILE), out) for _ in range(repeats)]
    times.sort()
    jieba_times.sort()
    best = {key: min(p[key] for p in pieces) for key in pieces[0] if key.endswith("_seconds")}
    return {
        "file": SMALL_FILE.name,
        "best_seconds": round(times[0], 2),
        "median_seconds": round(times[len(times) // 2], 2),
        "plain_jieba_process_best_seconds": round(jieba_times[0], 2),
        "plain_jieba_process_median_seconds": round(jieba_times[len(jieba_times) // 2], 2),
        "runs": repeats,
        "jieba_cache": "warm (one untimed run first)",
        "pieces_best_seconds": {"python_startup_seconds": round(min(python_times), 3), **best},
        "pieces_used_inference_export": pieces[0]["compiled_model"],
        "pieces_scikit_learn_imported": pieces[0]["scikit_learn_imported"],
        "pieces_scipy_imported": pieces[0]["scipy_imported"],
    }


def _machine() -> dict:
    load = os.getloadavg()
    try:
        import psutil

        memory = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        memory = None
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "memory_gb": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_1_5_15": [round(x, 2) for x in load],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the sampled CSV")
    parser.add_argument("--distinct-rows", type=int, default=100_000, help="rows of the all-distinct CSV")
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="rows of the flat .xlsx export")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", choices=("sampled", "distinct", "xlsx", "cold"), action="append")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "score":
            result = _score_in_process(rest[0], rest[1], int(rest[2]))
        elif kind == "cold-pieces":
            result = _cold_pieces_in_process(rest[0], rest[1])
        else:
            result = _jieba_in_process(rest[0])
        print(json.dumps(result))
        return

    from benchmarks.data import WORK, build_distinct_csv, build_sampled_csv, build_sampled_xlsx

    runs = args.only or ["sampled", "distinct", "xlsx", "cold"]
    results: dict = {"machine_before": _machine(), "workers": args.workers}
    inputs = {}
    if "sampled" in runs:
        inputs["sampled"] = build_sampled_csv(args.rows)
    if "distinct" in runs:
        inputs["distinct"] = build_distinct_csv(args.distinct_rows)
    if "xlsx" in runs:
        inputs["xlsx"] = build_sampled_xlsx(args.xlsx_rows)
    for label, path in inputs.items():
        with tempfile.TemporaryDirectory() as out:
            score = _child("score", str(path), out, str(args.workers))
        # Plain jieba reads the same rows from the CSV they were written from.
        jieba_run = _child("jieba", str(path.with_suffix(".csv")))
        results[label] = {
            "input": str(path.relative_to(REPO)),
            "zhibiao_score": score,
            "plain_jieba": jieba_run,
            "score_vs_jieba_speed": round(score["rows_per_second"] / jieba_run["rows_per_second"], 2),
        }
        print(f"{label}: {score['rows_scored']} rows in {score['seconds']} s = {score['rows_per_second']} rows/s, "
              f"peak RSS {score['peak_rss_mb']} MB; plain jieba {jieba_run['rows_per_second']} rows/s",
              file=sys.stderr)
    if "cold" in runs:
        results["cold_start"] = _cold_start()
        print(f"cold start: {results['cold_start']}", file=sys.stderr)
    results["machine_after"] = _machine()
    WORK.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")  # runs a minute apart kept apart
    (WORK / f"results-{stamp}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
