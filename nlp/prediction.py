"""Prediction plumbing shared by the fitted model and its inference-only export.

:class:`nlp.indicator_model.IndicatorModel` (scikit-learn estimators, used to train and
evaluate) and :class:`nlp.compiled.CompiledIndicatorModel` (plain arrays, used to
score) predict through the same functions here, so they take the same input columns,
classify each distinct text once in the same chunks, decide the concept the same way
and return the same frame. This module must not import scikit-learn: scoring imports it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nlp.arrays import first_positions

UNKNOWN = "UNKNOWN"

MODEL_INPUT_COLUMNS = ("name", "description", "value_raw", "unit")
PREDICTION_COLUMNS = (
    "dimension", "dimension_confidence", "concept_id", "concept_confidence", "concept_method",
    "value_kind", "value_kind_confidence", "vague_probability", "vague_model",
)

#: Distinct texts classified at a time.
PREDICT_CHUNK_ROWS = 5_000


def model_frame(rows) -> pd.DataFrame:
    """The model's input columns as strings ("" for missing), index 0..n-1."""
    if isinstance(rows, pd.DataFrame):
        if all(c in rows.columns and rows[c].dtype == object and pd.api.types.infer_dtype(rows[c], skipna=False) == "string"
               for c in MODEL_INPUT_COLUMNS):  # strings already (what the readers give): no copies
            return pd.DataFrame({c: rows[c].to_numpy(dtype=object) for c in MODEL_INPUT_COLUMNS}, copy=False)
        frame = rows.reindex(columns=list(MODEL_INPUT_COLUMNS), fill_value="")
    else:
        frame = pd.DataFrame(list(rows)).reindex(columns=list(MODEL_INPUT_COLUMNS), fill_value="")
    return frame.fillna("").astype(str).reset_index(drop=True)


def distinct_rows(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(code of each row's distinct text, position of each distinct text's first row)."""
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in frame.columns:
        codes, uniques = pd.factorize(frame[column], sort=False)
        combined = pd.factorize(combined * (len(uniques) + 1) + codes, sort=False)[0].astype(np.int64)
    # Codes number the distinct texts in order of first appearance: text k's first row, k = 0, 1, ...
    return combined, first_positions(combined)


def predict_distinct_rows(rows, predict_distinct: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
    """One row of predictions per input row: ``predict_distinct`` sees each distinct
    (name, description, value, unit) once, at most :data:`PREDICT_CHUNK_ROWS` at a time
    (the concept model's similarity matrix is dense, rows x concept texts: in chunks,
    memory stays flat; each row's prediction depends on that row alone)."""
    frame = model_frame(rows)
    if frame.empty:
        return pd.DataFrame(columns=list(PREDICTION_COLUMNS))
    codes, first = distinct_rows(frame)
    distinct = frame.iloc[first].reset_index(drop=True)
    if len(distinct) > PREDICT_CHUNK_ROWS:
        parts = [
            predict_distinct(distinct.iloc[i:i + PREDICT_CHUNK_ROWS].reset_index(drop=True))
            for i in range(0, len(distinct), PREDICT_CHUNK_ROWS)
        ]
        predicted = pd.concat(parts, ignore_index=True)
    else:
        predicted = predict_distinct(distinct)
    return predicted.iloc[codes].reset_index(drop=True)


@dataclass(frozen=True)
class ConceptPrediction:
    concept_id: str
    confidence: float
    method: str  # exact / nearest / linear / abstain


def decide_concept(exact, nearest, linear, nearest_threshold, linear_threshold) -> ConceptPrediction:
    """The concept stages in order: exact match, nearest text above its threshold,
    linear model above its threshold, else abstain (UNKNOWN)."""
    if exact is not None:
        return ConceptPrediction(exact, 1.0, "exact")
    n_label, n_sim = nearest
    if n_label != UNKNOWN and n_sim >= nearest_threshold:
        return ConceptPrediction(str(n_label), float(n_sim), "nearest")
    l_label, l_prob = linear
    if l_label != UNKNOWN and l_prob >= linear_threshold:
        return ConceptPrediction(str(l_label), float(l_prob), "linear")
    return ConceptPrediction(UNKNOWN, float(max(n_sim, l_prob if l_label != UNKNOWN else 0.0)), "abstain")


def predictions_frame(dimension, dimension_confidence, concepts: Sequence[ConceptPrediction], value_kind,
                      value_kind_confidence, vague_classes, vague_proba: np.ndarray, vague_threshold: float) -> pd.DataFrame:
    """The prediction columns of distinct rows, rounded as reported."""
    positive = list(vague_classes).index("1") if "1" in vague_classes else None
    vague_p = vague_proba[:, positive] if positive is not None else np.zeros(len(concepts))
    return pd.DataFrame(
        {
            "dimension": dimension,
            "dimension_confidence": np.round(dimension_confidence, 4),
            "concept_id": [c.concept_id for c in concepts],
            "concept_confidence": np.round([c.confidence for c in concepts], 4),
            "concept_method": [c.method for c in concepts],
            "value_kind": value_kind,
            "value_kind_confidence": np.round(value_kind_confidence, 4),
            "vague_probability": np.round(vague_p, 4),
            "vague_model": (vague_p >= vague_threshold).astype(int),
        }
    )


def misfiled_flags(predictions: pd.DataFrame, l2_filed_normalised: Sequence[str], threshold: float) -> np.ndarray:
    """1 where the filed 二级 differs from a confident prediction."""
    filed = np.asarray([str(v) for v in l2_filed_normalised])
    return (
        (filed != "")
        & (predictions["dimension"].to_numpy() != filed)
        & (predictions["dimension_confidence"].to_numpy() >= threshold)
    ).astype(int)


def review_flags(predictions: pd.DataFrame, threshold: float) -> np.ndarray:
    """1 for the rows the models are least sure of: a reviewer's label helps most there."""
    unsure_dimension = predictions["dimension_confidence"].to_numpy() < threshold
    borderline_vague = np.abs(predictions["vague_probability"].to_numpy() - 0.5) < 0.15
    return (unsure_dimension | borderline_vague).astype(int)
