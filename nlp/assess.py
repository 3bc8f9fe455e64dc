"""Classify, check and score a batch of indicator rows: the library call behind ``zhibiao score``."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from nlp.arrays import first_positions
from nlp.checks import CODES, _batch, _check_batch, _gc_paused, load_weights, prediction_free_checks
from nlp.finding_table import CODED_FIELDS, FindingTable
from nlp.forking import start_forked
from nlp.schema import INDICATOR_COLUMNS
from nlp.scoring import _score_table

if TYPE_CHECKING:  # scoring runs on the inference export without importing scikit-learn
    from nlp.indicator_model import IndicatorModel

INDICATOR_OUTPUT_COLUMNS = (
    "row_id", "source_file", "table_index", "row_locator", "department", "project", "table_kind",
    "l1_filed", "l2_filed", "l1", "l2", "name", "description", "value_raw", "comparator", "number", "unit",
    "basis", "actual", "score",
    "dimension", "dimension_confidence", "concept_id", "concept", "concept_confidence",
    "value_kind", "vague", "misfiled", "flags", "row_score", "review",
)
PROJECT_OUTPUT_COLUMNS = (
    "source_file", "department", "project", "n_indicators", "specificity", "n_findings", "top_findings", "goal",
)
FINDING_OUTPUT_COLUMNS = (
    "finding_id", "code", "severity", "message", "evidence", "rule", "rows", "row_locators", "project", "department", "scope", "related",
)
VAGUE_CODES = ("VAGUE_VALUE", "VAGUE_NAME", "EMPTY_VALUE")
MISFILED_CODES = ("MISFILED", "MISFILED_MODEL")


@dataclass
class Assessment:
    indicators: pd.DataFrame
    projects: pd.DataFrame
    departments: pd.DataFrame
    findings: pd.DataFrame


def _as_rows(rows) -> pd.DataFrame:
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame([r.to_dict() if hasattr(r, "to_dict") else r for r in rows])
    # Columns that already hold only strings (what the readers give) are kept as they are:
    # converting a million-row frame costs seconds and changes nothing. Columns are taken one
    # by one (not ``reindex``, which copies a frame of many columns into one block).
    converted = {}
    for c in INDICATOR_COLUMNS:
        values = frame[c].to_numpy() if c in frame else np.full(len(frame), "", dtype=object)
        if values.dtype != object or pd.api.types.infer_dtype(values, skipna=False) != "string":
            values = pd.Series(values, copy=False).fillna("").astype(str).to_numpy(dtype=object)
        converted[c] = values
    return pd.DataFrame(converted, copy=False)


def assess(rows, model: IndicatorModel, taxonomy, weights: dict[str, Any] | None = None) -> Assessment:
    """Predictions, findings and scores for every row, in input order.

    ``rows``: IndicatorRow objects or a frame with :data:`nlp.schema.INDICATOR_COLUMNS`.
    The misfiled threshold is the model's own (chosen on the evaluation split).
    """
    scored = score_rows(rows, model, taxonomy, weights)
    indicators, findings = scored.tables(0, len(scored))
    return Assessment(indicators, scored.projects, scored.departments, findings)


def score_rows(rows, model: IndicatorModel, taxonomy, weights: dict[str, Any] | None = None,
               n_jobs: int = 1) -> "ScoredBatch":
    """Classify, check and score a whole batch; the per-row tables come out of the result a
    range of rows at a time (:meth:`ScoredBatch.tables`), so a million-row batch never holds
    all of them at once. Findings across projects and departments see every row.

    ``n_jobs`` > 1 (on Linux, see :mod:`nlp.forking`): the checks that need no prediction run in
    a second process while the models classify (same findings)."""
    frame = _as_rows(rows)
    config = copy.deepcopy(dict(weights if weights is not None else load_weights()))
    config["thresholds"] = dict(
        config["thresholds"],
        misfiled_confidence=float(model.misfiled_threshold_),
        vague_probability=float(model.vague_threshold_),
    )
    batch = _batch(frame)  # from the rows alone: the same after the predictions join them
    copies = (start_forked(prediction_free_checks, frame, batch, config["thresholds"])
              if n_jobs > 1 and len(frame) >= PARALLEL_CHECK_MIN_ROWS else None)
    predictions = model.predict(frame)
    # Columns gathered without pd.concat, which copies a frame of many blocks into one.
    frame = pd.DataFrame({**{c: frame[c].to_numpy() for c in frame.columns},
                          **{c: predictions[c].to_numpy() for c in predictions.columns}}, copy=False)
    concept_names = {cid: c.name for cid, c in taxonomy.concepts.items()}
    frame["concept"] = frame["concept_id"].map(concept_names).fillna("")

    with _gc_paused():
        findings = _check_batch(frame, None, taxonomy.filler_ids, taxonomy.lookup, config, batch, copies)
    row_scores, project_scores, department_scores = _score_table(frame, findings, config, batch)
    n = len(frame)
    review = np.where(model.needs_review(predictions) == 1, "待复核", "") if n else np.zeros(0, dtype=object)
    nproj = len(batch.project_labels)
    first_row = first_positions(batch.pid, nproj)
    last_row = np.full(nproj, -1, dtype=np.int64)
    last_row[batch.pid] = np.arange(n)
    # Each finding belongs to the chunk of its first row (project findings without rows: the
    # project's first row). Findings in row order (by that row, then as the checks gave them):
    # the same order and ids whether the batch is written whole or a chunk at a time.
    anchor = findings.first_rows()
    no_rows = anchor < 0
    anchor[no_rows] = first_row[findings.pid[no_rows]]
    order = np.argsort(anchor, kind="stable")
    findings, anchor = findings.take(order), anchor[order]
    # A chunk may end before row p only if no project has rows on both sides of p.
    reach = np.maximum.accumulate(last_row[batch.pid]) if n else np.zeros(0, dtype=np.int64)
    projects = _project_table(frame, findings, project_scores, batch, first_row)
    return ScoredBatch(frame, findings, np.round(row_scores.to_numpy(), 1), review, anchor, reach, projects, department_scores,
                       dict(config["thresholds"]))


#: Below this many rows, starting a process for the prediction-free checks costs more than it saves.
PARALLEL_CHECK_MIN_ROWS = 50_000


@dataclass
class ScoredBatch:
    """A classified, checked and scored batch (see :func:`score_rows`)."""

    frame: pd.DataFrame  # the rows, their predictions and concept names
    findings: FindingTable  # in row order (see score_rows)
    row_scores: np.ndarray
    review: np.ndarray
    anchor: np.ndarray  # per finding: the row it belongs to (ascending)
    reach: np.ndarray  # per row: the last row of any project seen so far
    projects: pd.DataFrame
    departments: pd.DataFrame
    thresholds: dict  # the checks' thresholds as used (the model's own misfiled / vague thresholds)

    def __len__(self) -> int:
        return len(self.frame)

    def chunks(self, rows_per_chunk: int) -> list[tuple[int, int]]:
        """(start, stop) ranges of about ``rows_per_chunk`` rows, in order, each holding whole projects."""
        n = len(self.frame)
        bounds, start = [], 0
        while start < n:
            stop = min(start + max(rows_per_chunk, 1), n)
            while stop < n and self.reach[stop - 1] >= stop:
                stop = int(self.reach[stop - 1]) + 1  # a project continues past the cut: move it on
            bounds.append((start, stop))
            start = stop
        return bounds

    def tables(self, start: int, stop: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(indicators, findings) of rows ``start:stop`` (whole projects); row and finding ids
        are those of the whole batch."""
        indicators, findings = self.chunk(start, stop)
        first = int(np.searchsorted(self.anchor, start))
        return indicators, _findings_table(findings, self.frame.iloc[start:stop], start, first + 1)

    def chunk(self, start: int, stop: int) -> tuple[pd.DataFrame, FindingTable]:
        """(indicators, findings) of rows ``start:stop`` (whole projects), the findings as a
        :class:`FindingTable` whose row positions are those of the whole batch."""
        first, last = np.searchsorted(self.anchor, [start, stop]).tolist()
        findings = self.findings.take(np.arange(first, last))
        _, rows = findings.expand(np.arange(len(findings)))
        if len(rows) and (rows.min() < start or rows.max() >= stop):
            raise ValueError(f"rows {start + 1}-{stop} split a project; take ranges from ScoredBatch.chunks")
        flags, vague, misfiled = _row_flags(findings, stop - start, offset=start)
        frame = self.frame.iloc[start:stop].reset_index(drop=True)
        frame["row_id"] = np.arange(start + 1, stop + 1)
        frame["vague"] = vague.astype(int)
        frame["misfiled"] = misfiled.astype(int)
        frame["flags"] = flags
        frame["row_score"] = self.row_scores[start:stop]
        frame["review"] = self.review[start:stop]
        return frame.reindex(columns=list(INDICATOR_OUTPUT_COLUMNS)), findings


def _row_flags(findings: FindingTable, n: int, offset: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of ``offset:offset + n``: its row-scope finding codes in order of first
    appearance (";"-joined), and whether one is a vague or a misfiled code. Worked on
    arrays of (row, code) pairs; each distinct code sequence is joined into text once."""
    flags = np.full(n, "", dtype=object)
    vague = np.zeros(n, dtype=bool)
    misfiled = np.zeros(n, dtype=bool)
    code_of_kind, code_names = pd.factorize(findings.kind_values("code"))
    code_names = code_names.tolist()
    row_scope = findings.row_scope()
    owner, rows = findings.expand(np.flatnonzero(row_scope))
    if not n or not len(rows):
        return flags, vague, misfiled
    rows = rows - offset
    codes = code_of_kind[findings.kind[owner]].astype(np.int64)
    vague[rows[np.isin(codes, [code_names.index(c) for c in VAGUE_CODES if c in code_names])]] = True
    misfiled[rows[np.isin(codes, [code_names.index(c) for c in MISFILED_CODES if c in code_names])]] = True
    # First appearance of each (row, code), then each row's codes in that order.
    _, first = np.unique(rows * len(code_names) + codes, return_index=True)
    order = first[np.lexsort((first, rows[first]))]
    rows, codes = rows[order], codes[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    rank = np.arange(len(rows)) - np.repeat(starts, ends - starts)
    # A dense id per distinct code sequence, built one position at a time.
    sequence = np.zeros(n, dtype=np.int64)
    for position in range(int(rank.max()) + 1):
        step = np.zeros(n, dtype=np.int64)
        at = rank == position
        step[rows[at]] = codes[at] + 1
        sequence = pd.factorize(sequence * (len(code_names) + 1) + step, sort=False)[0].astype(np.int64)
    flagged_rows = rows[starts]
    texts = np.full(int(sequence.max()) + 1, "", dtype=object)
    distinct, first_flagged = np.unique(sequence[flagged_rows], return_index=True)
    for key, at in zip(distinct.tolist(), first_flagged.tolist()):
        texts[key] = ";".join(code_names[c] for c in codes[starts[at]:ends[at]].tolist())
    flags[flagged_rows] = texts[sequence[flagged_rows]]
    return flags, vague, misfiled


def _project_table(frame: pd.DataFrame, findings: FindingTable, scores: pd.DataFrame, batch, first_row: np.ndarray
                   ) -> pd.DataFrame:
    """One line per project, in the order of ``scores``: its file, row count, specificity, finding
    count, its three most frequent finding types and its goal."""
    nproj = len(batch.project_labels)
    code_of_kind, code_names = pd.factorize(findings.kind_values("code"))
    ncodes = max(len(code_names), 1)
    pair = findings.pid * ncodes + code_of_kind[findings.kind]
    n_findings = np.bincount(findings.pid, minlength=nproj)
    # Per project, codes by count (most first), ties in order of first appearance: Counter.most_common.
    pairs, first, count = np.unique(pair, return_index=True, return_counts=True)
    pair_pid, pair_code = pairs // ncodes, pairs % ncodes
    order = np.lexsort((first, -count, pair_pid))
    pair_pid, pair_code, count = pair_pid[order], pair_code[order], count[order]
    rank = np.arange(len(order)) - np.searchsorted(pair_pid, pair_pid)
    top = rank < 3
    titles = [f"{CODES[code].title}×" for code in code_names.tolist()]
    top_text = [""] * nproj
    for pid, code, k in zip(pair_pid[top].tolist(), pair_code[top].tolist(), count[top].tolist()):
        text = f"{titles[code]}{k}"
        top_text[pid] = f"{top_text[pid]}; {text}" if top_text[pid] else text
    pid_of = {key: i for i, key in enumerate(zip(batch.department_labels, batch.project_labels))}
    pids = np.fromiter((pid_of[key] for key in zip(scores["department"], scores["project"])), dtype=np.int64,
                       count=len(scores))
    source_file = frame["source_file"].to_numpy(dtype=object)
    return pd.DataFrame({
        "source_file": source_file[first_row[pids]] if len(pids) else [],
        "department": scores["department"].to_numpy(dtype=object),
        "project": scores["project"].to_numpy(dtype=object),
        "n_indicators": scores["rows"].astype(int).to_numpy(),
        "specificity": [round(float(v), 1) for v in scores["score"].tolist()],
        "n_findings": n_findings[pids].astype(int),
        "top_findings": np.array(top_text, dtype=object)[pids] if len(pids) else [],
        "goal": batch.goal[pids] if len(pids) else [],
    }, columns=list(PROJECT_OUTPUT_COLUMNS))


#: A finding's row_locators name its first rows only (a copied table's finding lists a whole project).
ROW_LOCATORS_SHOWN = 50


def finding_row_texts(findings: FindingTable, row_ids: np.ndarray, source_files, row_locators,
                      offset: int) -> tuple[np.ndarray, np.ndarray]:
    """Per finding of a chunk whose first row is row ``offset`` of the batch: its rows' ids and
    their locators ("file#locator", the first :data:`ROW_LOCATORS_SHOWN`), each joined by ";"."""
    locators = (pd.Series(source_files, dtype=object).reset_index(drop=True) + "#"
                + pd.Series(row_locators, dtype=object).reset_index(drop=True)).to_numpy(dtype=object)
    return findings.joined(row_ids, offset), findings.joined(locators, offset, limit=ROW_LOCATORS_SHOWN)


def _findings_table(findings: FindingTable, frame: pd.DataFrame, start: int = 0, first_id: int = 1) -> pd.DataFrame:
    """One line per finding, built column by column (millions of findings in a big batch);
    ``frame`` holds rows ``start:`` of the batch the findings' row positions refer to."""
    ids = np.arange(start + 1, start + len(frame) + 1).astype(str).astype(object)
    rows_text, locator_text = finding_row_texts(findings, ids, frame["source_file"], frame["row_locator"], start)
    # Texts that repeat (a finding's text, its project, its related projects) as categoricals:
    # codes over the few distinct values, which the report writers join once each.
    table = {field: findings.categorical(field) for field in CODED_FIELDS}
    table.update(rows=rows_text, row_locators=locator_text, finding_id=np.arange(first_id, first_id + len(findings)))
    return pd.DataFrame({name: table[name] for name in FINDING_OUTPUT_COLUMNS}, columns=list(FINDING_OUTPUT_COLUMNS))


def explain_row(name: str, value: str, l2_filed: str, model: IndicatorModel, taxonomy, *, unit: str = "", model_version: str = "") -> str:
    """A reviewer-readable account of one row: classification, findings, score."""
    from nlp.dimensions import normalize_levels
    from nlp.values import parse_value

    l1, l2 = normalize_levels("", l2_filed)
    parsed = parse_value(value, unit_hint=unit)
    row = {c: "" for c in INDICATOR_COLUMNS}
    row.update(
        source_file="(命令行)", table_index="1", row_locator="1", department="(单行)", project="(单行)",
        l2_filed=l2_filed, l1=l1, l2=l2, name=name, value_raw=value,
        comparator=parsed.comparator, number=parsed.number, unit=parsed.unit or unit,
    )
    result = assess(pd.DataFrame([row]), model, taxonomy)
    r = result.indicators.iloc[0]
    concept = taxonomy.concepts.get(r["concept_id"])
    lines = [
        f"三级指标: {name}",
        f"指标值:   {value or '(空)'}  -> 比较符 {r['comparator'] or '-'} 数值 {r['number'] or '-'} 单位 {r['unit'] or '-'}",
        f"所填二级: {l2_filed or '(未填)'}" + (f" (规范为 {l2})" if l2 else ""),
        f"维度:     {r['dimension']} (置信度 {float(r['dimension_confidence']):.2f})" + ("  ← 与所填二级不符" if int(r["misfiled"]) else ""),
        f"概念:     {r['concept_id']}" + (f" {concept.name}" if concept else "") + f" (置信度 {float(r['concept_confidence']):.2f})",
        f"指标值类型: {r['value_kind']}    含糊: {'是' if int(r['vague']) else '否'}    {r['review']}".rstrip(),
        f"得分:     {r['row_score']}/100",
    ]
    row_findings = result.findings[result.findings["scope"] == "row"]
    if row_findings.empty:
        lines.append("问题:     无")
    else:
        lines.append("问题:")
        for f in row_findings.itertuples(index=False):
            lines.append(f"  [{f.code}] {f.message}")
            lines.append(f"      依据: {f.rule}")
    if model_version:
        lines.append(f"(模型 {model_version}, 分类体系 {taxonomy.version})")
    return "\n".join(lines)


COPY_CODES = (
    "VALUE_REPEATS_NAME", "VALUE_REPEATS_DESCRIPTION", "PASTED_IN_PROJECT", "DUPLICATE_INDICATOR",
    "MULTI_FILED", "SHARED_ACROSS_PROJECTS", "NEAR_DUPLICATE_TEXT",
)


def labelled_rows_as_batch(labelled: pd.DataFrame) -> pd.DataFrame:
    """Turn labelled rows (training-data columns) into an indicator batch: one
    project per group, levels normalised and values parsed as the readers do."""
    from nlp.dimensions import normalize_levels
    from nlp.values import parse_value

    labelled = labelled.reset_index(drop=True).fillna("").astype(str)
    levels = [normalize_levels(a, b) for a, b in zip(labelled["l1_filed"], labelled["l2_filed"])]
    parsed = [parse_value(v, u) for v, u in zip(labelled["value_raw"], labelled["unit"])]
    batch = pd.DataFrame({c: [""] * len(labelled) for c in INDICATOR_COLUMNS})
    batch["source_file"] = labelled["group"]
    batch["table_index"] = "1"
    batch["row_locator"] = [str(i + 1) for i in range(len(labelled))]
    batch["department"] = labelled["group"]
    batch["project"] = labelled["group"]
    for column in ("l1_filed", "l2_filed", "name", "description", "value_raw"):
        batch[column] = labelled[column]
    # Data versions before 1.3 have no table_kind: empty, i.e. checked as a target table.
    if "table_kind" in labelled.columns:
        batch["table_kind"] = labelled["table_kind"]
    batch["l1"] = [a for a, _ in levels]
    batch["l2"] = [b for _, b in levels]
    batch["comparator"] = [p.comparator for p in parsed]
    batch["number"] = [p.number for p in parsed]
    batch["unit"] = [p.unit or u for p, u in zip(parsed, labelled["unit"])]
    return batch


def evaluate_checks(model: IndicatorModel, taxonomy, labelled: pd.DataFrame) -> dict:
    """Figures of the findings themselves on labelled rows: the vague flag that
    reviewers see (lexicon + model), and recall of exact copies (a value that
    repeats the row's name or description)."""
    from nlp.evaluation import binary_metrics
    from nlp.text import normalize_for_matching

    batch = labelled_rows_as_batch(labelled)
    result = assess(batch, model, taxonomy)
    truth = labelled["vague"].astype(int).tolist()
    flags = result.indicators["flags"].tolist()
    name = [normalize_for_matching(v) for v in batch["name"]]
    desc = [normalize_for_matching(v) for v in batch["description"]]
    value = [normalize_for_matching(v) for v in batch["value_raw"]]
    exact = [i for i, (n, d, v) in enumerate(zip(name, desc, value)) if v and (v == n or v == d)]
    caught = [i for i in exact if any(code in flags[i].split(";") for code in COPY_CODES)]
    return {
        "vague_flag": binary_metrics(truth, result.indicators["vague"].astype(int).tolist()),
        "exact_copy": {"rows": len(exact), "flagged": len(caught), "recall": round(len(caught) / len(exact), 4) if exact else None},
        "labelled_copy_rows_flagged": round(
            sum(1 for i, k in enumerate(labelled["value_kind"]) if k == "copy" and flags[i]) / max(sum(labelled["value_kind"] == "copy"), 1), 4
        ),
    }
