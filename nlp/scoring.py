"""Specificity scores (0-100) per row, project and department, traced to findings.

The formula (docs/findings.md, weights in nlp/resources/scoring/weights-1.1.json):

* row score = clamp(100 - sum of the deductions of the row-scope findings
  that list the row, 0, 100);
* project score = clamp(mean of the project's row scores - sum of the
  deductions of its project-scope findings, 0, 100);
* department score = mean of its projects' scores.

Nothing else moves a score, so every point lost has a finding that says why.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from nlp.checks import Finding, _batch, _gc_paused, load_weights
from nlp.finding_table import FindingTable


def _deductions(weights: Mapping[str, Any]) -> Mapping[str, float]:
    return weights["deductions"]


def row_deductions(n_rows: int, findings: Iterable[Finding], weights: Mapping[str, Any] | None = None) -> np.ndarray:
    """Total points deducted from each row by its row-scope findings."""
    table = _deductions(weights if weights is not None else load_weights())
    scored = [f for f in findings if f.scope == "row" and f.rows and table[f.code]]
    if not scored:
        return np.zeros(n_rows, dtype=float)
    positions = np.fromiter(chain.from_iterable(f.rows for f in scored), dtype=np.int64)
    if positions.min() < 0 or positions.max() >= n_rows:
        bad = next(f for f in scored if min(f.rows) < 0 or max(f.rows) >= n_rows)
        raise ValueError(
            f"finding {bad.code} for project {bad.project!r} lists rows {list(bad.rows)[:5]}, outside the "
            f"{n_rows} rows being scored; score the same rows that were given to check_batch"
        )
    lengths = np.fromiter((len(f.rows) for f in scored), dtype=np.int64, count=len(scored))
    points = np.fromiter((table[f.code] for f in scored), dtype=float, count=len(scored))
    return np.bincount(positions, weights=np.repeat(points, lengths), minlength=n_rows).astype(float)


def score_batch(
    rows: pd.DataFrame,
    findings: Iterable[Finding],
    weights: Mapping[str, Any] | None = None,
) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """(row_scores, project_scores, department_scores) for the batch that
    :func:`nlp.checks.check_batch` produced ``findings`` for.

    ``row_scores``: one float per row, in batch order (index = row position).
    ``project_scores``: columns department, project, rows, row_mean,
    deducted (project-scope points), score; sorted by department then score.
    ``department_scores``: columns department, projects, score.
    """
    with _gc_paused():
        config = weights if weights is not None else load_weights()
        if isinstance(findings, FindingTable):
            return _score_table(rows, findings, config, _batch(rows))
        return _score_batch(rows, list(findings), config)


def _score_table(rows: pd.DataFrame, findings: FindingTable, config: Mapping[str, Any], batch
                 ) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """:func:`score_batch` of a :class:`FindingTable` made by check_batch_table for these rows
    (``batch``: their nlp.checks._batch): the same sums, in the same order, with numpy."""
    table = _deductions(config)
    points_of_kind = np.array([float(table[code]) for code in findings.kind_values("code")], dtype=float)
    row_scope = findings.row_scope()
    points = points_of_kind[findings.kind]
    scored = np.flatnonzero(row_scope & (points != 0))
    owner, positions = findings.expand(scored)
    lost = np.bincount(positions, weights=points[owner], minlength=batch.n).astype(float)
    project_findings = np.flatnonzero(~row_scope)
    project_lost = np.bincount(findings.pid[project_findings], weights=points[project_findings],
                               minlength=len(batch.project_labels)).astype(float)
    return _scores(batch, lost, project_lost)


def _score_batch(rows: pd.DataFrame, findings: list[Finding], config: Mapping[str, Any]
                 ) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    table = _deductions(config)
    batch = _batch(rows)
    lost = row_deductions(batch.n, findings, config)
    project_lost = np.zeros(len(batch.project_labels))
    project_index = {(d, p): i for i, (d, p) in enumerate(zip(batch.department_labels, batch.project_labels))}
    for finding in findings:
        if finding.scope == "project":
            position = project_index.get((finding.department, finding.project))
            if position is None:
                raise ValueError(
                    f"finding {finding.code} is for project {finding.project!r} of department "
                    f"{finding.department!r}, which has no rows in the batch being scored; score the same "
                    "rows that were given to check_batch"
                )
            project_lost[position] += table[finding.code]
    return _scores(batch, lost, project_lost)


def _scores(batch, lost: np.ndarray, project_lost: np.ndarray) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    row_scores = pd.Series(np.clip(100.0 - lost, 0.0, 100.0), name="score")

    nproj = len(batch.project_labels)
    counts = np.bincount(batch.pid, minlength=nproj) if batch.n else np.zeros(0, dtype=np.int64)
    sums = np.bincount(batch.pid, weights=row_scores.to_numpy(), minlength=nproj) if batch.n else np.zeros(0)
    row_mean = np.divide(sums, counts, out=np.zeros(nproj), where=counts > 0)
    projects = pd.DataFrame({
        "department": batch.department_labels,
        "project": batch.project_labels,
        "rows": counts,
        "row_mean": row_mean,
        "deducted": project_lost,
        "score": np.clip(row_mean - project_lost, 0.0, 100.0),
    })
    departments = (
        projects.groupby("department", sort=False)
        .agg(projects=("project", "size"), score=("score", "mean"))
        .reset_index()
    )
    projects = projects.sort_values(["department", "score"], kind="stable").reset_index(drop=True)
    return row_scores, projects, departments


REASON_COLUMNS = ("scope", "row", "department", "project", "code", "points", "severity", "message", "evidence", "rule")


def score_reasons(findings: Iterable[Finding], weights: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Every point deducted, one line per (finding, row) for row-scope findings and one line per
    project-scope finding (row = -1): the "reason for every point" behind :func:`score_batch`.

    For each row, ``100 - points.sum()`` (clamped) is its score; for each project,
    ``mean(row scores) - points of its project lines`` (clamped) is its score.
    """
    table = _deductions(weights if weights is not None else load_weights())
    records = []
    for finding in findings:
        points = float(table[finding.code])
        base = (finding.department, finding.project, finding.code, points, finding.severity, finding.message,
                finding.evidence, finding.rule)
        if finding.scope == "row":
            records.extend(("row", i, *base) for i in finding.rows)
        else:
            records.append(("project", -1, *base))
    return pd.DataFrame.from_records(records, columns=list(REASON_COLUMNS))
