"""The ``zhibiao score`` job: extract, classify, check and score, then write the reports.

Files are read in parallel (``workers`` processes); the models see each distinct
text once; findings that need the whole batch (copy-paste across departments)
run over all rows together.
"""
from __future__ import annotations

import ctypes
import io
import os
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from nlp.artifacts import default_version, load_for_scoring
from nlp.assess import ScoredBatch, score_rows
from nlp.prediction import distinct_rows as _distinct_rows, model_frame as _model_frame
from nlp.extract import SUPPORTED_SUFFIXES, FileFailure, extract_file, iter_input_files
from nlp.extract.delimited import ColumnarResult, read_delimited_columns
from nlp.extract.archive import expand_archives
from nlp.extract.flat_sheet import read_flat_workbook_columns
from nlp.forking import fork_context
from nlp.schema import INDICATOR_COLUMNS, ExtractError, SkippedRow
from nlp.taxonomy import load_taxonomy
from pipelines.report import OUTPUT_FILES, REVIEW_MARK, LargeReport, priority_limits, write_chunk, write_reports
from pipelines.paths import MODEL_NAME


class ScoreError(RuntimeError):
    """The job cannot run at all (no input files, no model); the message says what to do."""


@dataclass
class ScoreRun:
    out_dir: Path
    files: dict[str, Path]
    summary: dict
    failed_files: int
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)


def _read_one(item: tuple[str, str]):
    path, source_file = item
    try:
        if Path(path).suffix.lower() in (".csv", ".tsv"):
            # Flat exports can hold millions of rows: read them into shared-text columns.
            return read_delimited_columns(Path(path), source_file)
        if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
            flat = read_flat_workbook_columns(Path(path), source_file)  # streamed, if a flat list
            if flat is not None:
                return flat
        return extract_file(Path(path), source_file)
    except ExtractError as error:
        return FileFailure(source_file, error.reason)
    except FileNotFoundError:
        return FileFailure(source_file, "file not found: check the path")
    except Exception as error:  # a reader bug must not sink the batch
        return FileFailure(source_file, f"could not be read ({type(error).__name__}: {error}); please report this file")


@dataclass
class ScoreBatch:
    """What the readers gave, as columns of strings (one list or object array per
    indicator column: a big flat file's arrays are kept as they came, not copied)."""

    columns: dict[str, list[str] | np.ndarray] = field(default_factory=lambda: {c: [] for c in INDICATOR_COLUMNS})
    skipped: list[SkippedRow] = field(default_factory=list)
    failures: list[FileFailure] = field(default_factory=list)
    files_read: int = 0
    tables: int = 0
    empty_templates: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.columns["row_locator"])

    def add(self, outcome) -> None:
        if isinstance(outcome, FileFailure):
            self.failures.append(outcome)
            return
        self.files_read += 1
        self.tables += outcome.tables
        self.skipped.extend(outcome.skipped)
        self.empty_templates.extend(f"{outcome.source_file}: {label}" for label in outcome.empty_templates)
        if isinstance(outcome, ColumnarResult):
            for c in INDICATOR_COLUMNS:
                self._extend(c, outcome.columns[c])
        else:
            for c in INDICATOR_COLUMNS:
                self._extend(c, [str(getattr(row, c)) for row in outcome.rows])

    def _extend(self, name: str, values) -> None:
        current = self.columns[name]
        if isinstance(values, np.ndarray) and not len(current):
            self.columns[name] = values
            return
        if isinstance(current, np.ndarray):
            current = self.columns[name] = current.tolist()
        current.extend(values)


def read_batch(paths, workers: int = 1, progress: bool = False, exclude=()) -> ScoreBatch:
    """Extract every input file, in input order, ``workers`` files at a time;
    ``exclude`` names files never to read (the job's own earlier outputs)."""
    items = iter_input_files(paths, exclude)
    if not items:
        raise ScoreError(f"no input files found: give files or folders holding {' '.join(SUPPORTED_SUFFIXES)} documents.")
    batch = ScoreBatch()
    with tempfile.TemporaryDirectory(prefix="zhibiao-zip-") as workdir:
        # Zip archives are read member by member, unpacked into a folder that lives while they are read.
        expanded, failures = expand_archives(items, Path(workdir))
        batch.failures.extend(failures)
        _read_items([(str(p), s) for p, s in expanded], batch, workers, progress)
    return batch


def _read_items(items: list[tuple[str, str]], batch: "ScoreBatch", workers: int, progress: bool) -> None:
    bar = _progress(len(items), "读取文件", progress)
    if workers > 1 and len(items) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = pool.map(_read_one, items, chunksize=max(1, min(16, len(items) // (workers * 8))))
            for outcome in outcomes:
                batch.add(outcome)
                bar.update(1)
    else:
        for item in items:
            batch.add(_read_one(item))
            bar.update(1)
    bar.close()


class _Progress:
    """A plain progress bar on stderr (only when asked for and stderr is a terminal)."""

    def __init__(self, total: int, label: str, enabled: bool):
        self.total, self.label, self.done = total, label, 0
        self.enabled = enabled and total > 1 and sys.stderr.isatty()

    def update(self, n: int) -> None:
        self.done += n
        if self.enabled:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _progress(total: int, label: str, enabled: bool) -> _Progress:
    return _Progress(total, label, enabled)


class _Stages:
    """One line per stage of a long run on stderr (terminal only): what runs, how long the last took."""

    STAGES = ("载入模型", "读取文件", "分类、检查、评分", "写出报告")

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.perf_counter()
        self.step = 0

    def begin(self, detail: str = "") -> None:
        self.step += 1
        if self.enabled:
            label = self.STAGES[self.step - 1]
            elapsed = time.perf_counter() - self.started
            sys.stderr.write(f"[{self.step}/{len(self.STAGES)}] {label}{' ' + detail if detail else ''} (已用 {elapsed:.1f} 秒)\n")
            sys.stderr.flush()


def rows_frame(batch: ScoreBatch) -> pd.DataFrame:
    """All indicator rows as one frame of strings, in input order (the batch's arrays
    become the frame's columns as they are: no copy, no per-cell conversion)."""
    return pd.DataFrame({c: _object_array(batch.columns[c]) for c in INDICATOR_COLUMNS}, copy=False)


def _object_array(values) -> np.ndarray:
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


#: Below this many distinct texts, starting worker processes costs more than it saves.
PARALLEL_PREDICT_MIN_TEXTS = 20_000

_WORKER_MODEL = None


def _init_predict_worker(model_dir: str) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL, _ = load_for_scoring(Path(model_dir))


def _predict_chunk(rows: pd.DataFrame) -> pd.DataFrame:
    return _WORKER_MODEL.predict(rows)


class _ParallelModel:
    """The scoring model with ``predict`` spread over worker processes: distinct texts
    are split into one chunk per worker (each worker loads and verifies the artifact
    once). Predictions of a row depend on that row alone, so the result is the same."""

    def __init__(self, model, model_dir: Path, workers: int):
        self._model, self._model_dir, self._workers = model, model_dir, workers

    def __getattr__(self, name):
        return getattr(self._model, name)

    def predict(self, rows) -> pd.DataFrame:
        frame = _model_frame(rows)
        codes, first = _distinct_rows(frame) if len(frame) else (None, [])
        if len(first) < PARALLEL_PREDICT_MIN_TEXTS:
            return self._model.predict(frame)
        distinct = frame.iloc[first].reset_index(drop=True)
        bounds = np.linspace(0, len(distinct), self._workers + 1).astype(int)
        chunks = [distinct.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        with ProcessPoolExecutor(max_workers=self._workers, initializer=_init_predict_worker,
                                 initargs=(str(self._model_dir),)) as pool:
            parts = list(pool.map(_predict_chunk, chunks))
        return pd.concat(parts, ignore_index=True).iloc[codes].reset_index(drop=True)


def load_scoring_model(models_root: Path, version: str | None = None):
    """(model, meta, version): the version's inference export when it has one (no scikit-learn
    import: the cold start), else its joblib model; both verified against meta.json first."""
    version = version or default_version(models_root, MODEL_NAME)
    model, meta = load_for_scoring(Path(models_root) / MODEL_NAME / version)
    return model, meta, version


def build_summary(batch: ScoreBatch, scored: ScoredBatch, meta: dict, model_version: str, taxonomy_version: str) -> dict:
    skipped = batch.skipped
    reasons = Counter(s.reason for s in skipped)
    n_scored = len(scored)
    rows_read = n_scored + len(skipped)
    scores = pd.Series(scored.row_scores, dtype=float)
    bins = [0, 20, 40, 60, 80, 100.001]
    labels = ["0-20", "20-40", "40-60", "60-80", "80-100"]
    distribution = pd.cut(scores, bins=bins, labels=labels, right=False, include_lowest=True).value_counts().reindex(labels, fill_value=0)
    codes = pd.Series(scored.findings.kind_column("code"), dtype=object)
    projects = scored.projects
    return {
        "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "files": batch.files_read + len(batch.failures),
        "files_read": batch.files_read,
        "files_failed": [{"file": f.source_file, "reason": f.reason} for f in batch.failures],
        "tables": batch.tables,
        "empty_templates": batch.empty_templates,
        "rows_read": rows_read,
        "rows_scored": n_scored,
        "rows_skipped": len(skipped),
        "skipped_by_reason": dict(reasons),
        "skipped_rows": [
            {"file": s.source_file, "table": s.table_index, "row": s.row_locator, "reason": s.reason, "text": s.text[:200]}
            for s in skipped[:5000]
        ],
        "projects": int(len(projects)),
        "departments": int(scored.frame["department"].nunique()) if n_scored else 0,
        "findings": int(len(codes)),
        "findings_by_code": codes.value_counts().to_dict() if len(codes) else {},
        "rows_for_review": int((scored.review == "待复核").sum()) if n_scored else 0,
        "model_version": f"{MODEL_NAME} {model_version}",
        "model_trained_on": meta.get("training_data", {}).get("version", ""),
        "taxonomy_version": taxonomy_version,
        "thresholds_used": {k: scored.thresholds[k] for k in ("misfiled_confidence", "vague_probability",
                                                             "vague_model_confidence") if k in scored.thresholds},
        "score_distribution": {k: int(v) for k, v in distribution.items()},
        "mean_row_score": round(float(scores.mean()), 1) if n_scored else None,
        "mean_project_specificity": round(float(projects["specificity"].mean()), 1) if len(projects) else None,
    }


#: Above this many rows, a batch's tables and reports are made a chunk of this many rows
#: (whole projects, so a little more) at a time.
REPORT_CHUNK_ROWS = 100_000


def run_score(paths, out_dir: Path, models_root: Path, model_version: str | None = None, workers: int = 1, progress: bool = False) -> ScoreRun:
    """Score every file under ``paths`` and write the six report files to ``out_dir`` (glibc's
    allocator is set to keep freed memory for the rest of the process: see _keep_freed_memory)."""
    started = time.perf_counter()
    _keep_freed_memory()
    timings = {}
    stages = _Stages(progress)
    stages.begin()
    model, meta, model_version = load_scoring_model(models_root, model_version)
    taxonomy = load_taxonomy()
    timings["load_model"] = time.perf_counter() - started

    t = time.perf_counter()
    stages.begin()
    # An --out folder inside an input folder must not feed its own reports back in.
    own_outputs = [Path(out_dir) / name for name in OUTPUT_FILES]
    batch = read_batch(paths, workers=workers, progress=progress, exclude=own_outputs)
    frame = rows_frame(batch)
    batch.columns = {c: [] for c in INDICATOR_COLUMNS}  # the frame holds the rows now
    timings["extract"] = time.perf_counter() - t

    t = time.perf_counter()
    stages.begin(f"{len(frame):,} 行")
    scorer = _ParallelModel(model, Path(models_root) / MODEL_NAME / model_version, workers) if workers > 1 else model
    scored = score_rows(frame, scorer, taxonomy, n_jobs=workers)
    del frame
    timings["assess"] = time.perf_counter() - t

    t = time.perf_counter()
    stages.begin(f"{len(scored.findings):,} 个问题")
    summary = build_summary(batch, scored, meta, model_version, taxonomy.version)
    if len(scored) <= REPORT_CHUNK_ROWS:
        indicators, findings = scored.tables(0, len(scored))
        files = write_reports(Path(out_dir), indicators, scored.projects, findings, summary)
    else:
        files = write_large_reports(scored, Path(out_dir), summary, workers, progress)
    timings["write"] = time.perf_counter() - t
    return ScoreRun(Path(out_dir), files, summary, len(batch.failures), time.perf_counter() - started, timings)


def _keep_freed_memory() -> None:
    """With glibc (Linux), keep freed memory for reuse rather than handing it back at once: a big
    batch allocates and frees gigabytes of short-lived arrays and strings, and memory handed back
    costs a page fault per 4 KiB when it is touched again (about 5% of a million-row run; peak
    memory about the same). Other C libraries keep their own ways."""
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # from glibc's malloc.h
    mallopt(m_mmap_threshold, 32 * 2**20)  # bigger blocks are still mapped (and unmapped when freed)
    mallopt(m_trim_threshold, 512 * 2**20)


def write_large_reports(scored: ScoredBatch, out_dir: Path, summary: dict, workers: int = 1,
                        progress: bool = False) -> dict[str, Path]:
    """The six reports of a big batch, a chunk of whole projects at a time (memory holds a
    chunk's cells). With ``workers`` > 1 (on Linux, see :mod:`nlp.forking`), forked worker processes
    prepare the chunks and write their CSV lines into the staged files, each chunk at the
    place the chunks before it leave; the outputs are the same bytes either way."""
    bounds = scored.chunks(REPORT_CHUNK_ROWS)
    bar = _progress(len(scored), "写出报告", progress)
    with LargeReport(out_dir) as report:
        context = fork_context()
        if workers > 1 and len(bounds) > 1 and context is not None:
            _write_chunks_in_workers(scored, bounds, report, workers, bar, context)
        else:
            for start, stop in bounds:
                report.add(*scored.chunk(start, stop), first_row=start)
                bar.update(stop - start)
        bar.close()
        return report.finish(scored.projects, summary, workers)


_SCORED: ScoredBatch | None = None  # the batch forked worker processes write chunks of
_TURN = None  # shared counter: the chunk that may take its place in the files now (_ABANDONED: none)
_ENDS = None  # shared: per chunk k, where its indicators and findings lines end (at 2k + 2 and 2k + 3)
_ABANDONED = -1


def _write_chunks_in_workers(scored: ScoredBatch, bounds: list[tuple[int, int]], report: LargeReport, workers: int,
                             bar: "_Progress", context) -> None:
    global _SCORED, _TURN, _ENDS
    first_ids = (np.searchsorted(scored.anchor, [start for start, _ in bounds]) + 1).tolist()
    targets = (report.staged_csv("indicators.csv"), report.staged_csv("findings.csv"))
    # Rows flagged by a row finding, or marked for review, come first among the rows shown.
    flagged = np.zeros(len(scored), dtype=bool)
    flagged[scored.findings.expand(np.flatnonzero(scored.findings.row_scope()))[1]] = True
    limits = priority_limits(scored.review == REVIEW_MARK, flagged, bounds)
    jobs = [(k, start, stop, first_id, targets, worst)
            for k, ((start, stop), first_id, worst) in enumerate(zip(bounds, first_ids, limits))]
    # Forked workers inherit the batch, the counter and the offsets: nothing is pickled but the jobs and summaries.
    # ProcessPoolExecutor, not multiprocessing.Pool: a worker killed (say, out of memory) breaks the
    # run with an error instead of leaving it waiting for that chunk forever.
    _SCORED, _TURN, _ENDS = scored, context.Value("i", 0), context.Array("q", 2 * len(jobs) + 2, lock=False)
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
            try:
                for chunk in pool.map(_write_chunk_job, jobs):
                    if chunk is None:
                        continue  # given up because a later chunk failed: its error comes next
                    report.add_written(chunk)
                    bar.update(chunk.summary.n_rows)
            except BrokenProcessPool as error:
                _abandon()
                raise ScoreError("a worker process writing the reports was stopped (out of memory?); nothing was "
                                 "written: run again with --workers 1, or with fewer rows at a time") from error
            except BaseException:
                _abandon()  # workers waiting for their turn stop
                raise
    finally:
        _SCORED = _TURN = _ENDS = None


def _write_chunk_job(job):
    """Prepare one chunk; once the chunk before it has taken its place in the CSV files, take
    the place after it and write the lines there (while the next chunk takes its own)."""
    k, start, stop, first_id, targets, worst = job
    try:
        indicators, findings = _SCORED.chunk(start, stop)
        buffers = (io.BytesIO(), io.BytesIO())
        chunk = write_chunk(indicators, findings, start, first_id, start, *buffers, header=k == 0, worst=worst)
        del indicators, findings
    except BaseException:
        _abandon()
        raise
    while _TURN.value != k:
        if _TURN.value == _ABANDONED:
            return None
        time.sleep(0.001)
    offsets = [_ENDS[2 * k + i] for i in range(2)]
    for i, buffer in enumerate(buffers):
        _ENDS[2 * k + 2 + i] = offsets[i] + buffer.getbuffer().nbytes
    with _TURN.get_lock():
        if _TURN.value != _ABANDONED:
            _TURN.value = k + 1
    for target, buffer, offset in zip(targets, buffers, offsets):
        _write_at(target, buffer.getbuffer(), offset)
    return chunk


def _write_at(path: Path, data: memoryview, offset: int) -> None:
    descriptor = os.open(path, os.O_WRONLY)
    try:
        while data.nbytes:
            written = os.pwrite(descriptor, data, offset)
            data, offset = data[written:], offset + written
    finally:
        os.close(descriptor)


def _abandon() -> None:
    with _TURN.get_lock():
        _TURN.value = _ABANDONED
