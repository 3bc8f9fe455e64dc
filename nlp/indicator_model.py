"""The bundle of trained models zhibiao scores with, and its evaluation.

:class:`IndicatorModel` holds four estimators trained on the same labelled rows:

* ``dimension_``: canonical 二级 from name, description and value, with probability;
* ``concept_``: canonical 三级 concept or UNKNOWN (abstains when unsure);
* ``value_kind_``: quant / date / graded / vague / empty / copy;
* ``vague_``: 0/1, a reviewer could not check the target at year end.

Thresholds (misfiled confidence, concept acceptance, review uncertainty) are
chosen on the fixed evaluation split by :meth:`IndicatorModel.tune`.
Prediction classifies each distinct text once: real batches repeat rows heavily.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from nlp.classifiers import UNKNOWN, ConceptClassifier, IndicatorClassifier, _check_fitted
from nlp.prediction import (  # noqa: F401  (re-exported: older code imports them from here)
    MODEL_INPUT_COLUMNS,
    PREDICT_CHUNK_ROWS,
    PREDICTION_COLUMNS,
    distinct_rows as _distinct_rows,
    misfiled_flags,
    model_frame as _model_frame,
    predict_distinct_rows,
    predictions_frame,
    review_flags,
)
from nlp.features import concept_texts
from nlp.dimensions import DIMENSIONS, normalize_levels
from nlp.evaluation import (
    binary_metrics,
    expected_calibration_error,
    choose_misfiled_threshold,
    classification_metrics,
    keyword_dimension,
    majority_baseline,
    precision_coverage_curve,
)

class IndicatorModel(BaseEstimator):
    """Dimension, concept, value-kind and vague classifiers, trained together.

    Parameters
    ----------
    concepts : sequence
        Taxonomy concepts (for the concept model's exact and nearest stages).
    user_words : tuple of str
        jieba user dictionary built from the taxonomy; travels in the artifact.
    C : float
        Regularisation of the linear models.
    misfiled_precision : float
        Target precision when choosing the misfiled threshold.
    concept_precision : float
        Target precision when choosing the concept acceptance thresholds.
    """

    def __init__(
        self,
        concepts: Sequence = (),
        user_words: tuple[str, ...] = (),
        C: float = 8.0,
        misfiled_precision: float = 0.90,
        concept_precision: float = 0.90,
        authored_weight: float = 0.3,
        random_state: int = 0,
    ):
        self.authored_weight = authored_weight
        self.random_state = random_state
        self.concepts = concepts
        self.user_words = user_words
        self.C = C
        self.misfiled_precision = misfiled_precision
        self.concept_precision = concept_precision

    def fit(self, rows, labels: pd.DataFrame):
        frame = _model_frame(rows)
        labels = labels.reset_index(drop=True)
        # Taxonomy names, aliases and phrasings are authored examples of each dimension:
        # they widen the vocabulary far beyond the labelled rows, at a lower weight.
        authored = [(text, getattr(c, "dimension", "")) for c in self.concepts for text in concept_texts(c)]
        authored = [(t, d) for t, d in authored if t and d]
        dim_rows = pd.concat([frame, pd.DataFrame({"name": [t for t, _ in authored]}).reindex(columns=list(MODEL_INPUT_COLUMNS), fill_value="")], ignore_index=True)
        dim_labels = list(labels["dimension"].astype(str)) + [d for _, d in authored]
        weights = np.concatenate([np.ones(len(frame)), np.full(len(authored), self.authored_weight)])
        self.dimension_ = IndicatorClassifier(user_words=self.user_words, C=self.C).fit(dim_rows, dim_labels, sample_weight=weights)
        self.concept_ = ConceptClassifier(concepts=self.concepts, user_words=self.user_words, C=self.C, random_state=self.random_state).fit(frame, labels["concept"])
        self.value_kind_ = IndicatorClassifier(user_words=self.user_words, C=self.C, use_words=False, use_description=False, value_text=True).fit(frame, labels["value_kind"])
        self.vague_ = IndicatorClassifier(user_words=self.user_words, C=self.C, value_text=True).fit(frame, labels["vague"].astype(int).astype(str))
        self.misfiled_threshold_ = 0.90
        self.review_threshold_ = 0.55
        self.vague_threshold_ = 0.5
        self.labels_ = tuple(DIMENSIONS)
        return self

    # -- prediction -------------------------------------------------------
    def predict(self, rows) -> pd.DataFrame:
        """One row of predictions per input row (columns :data:`PREDICTION_COLUMNS`)."""
        _check_fitted(self, "dimension_")
        return predict_distinct_rows(rows, self._predict_distinct)

    def _predict_distinct(self, distinct: pd.DataFrame) -> pd.DataFrame:
        dim, dim_conf = self.dimension_.predict_with_confidence(distinct)
        concepts = self.concept_.predict_detailed(distinct)
        kind, kind_conf = self.value_kind_.predict_with_confidence(distinct)
        vague_proba = self.vague_.predict_proba(distinct)
        return predictions_frame(dim, dim_conf, concepts, kind, kind_conf, self.vague_.classes_, vague_proba, self.vague_threshold_)

    def misfiled(self, predictions: pd.DataFrame, l2_filed_normalised: Sequence[str]) -> np.ndarray:
        """1 where the filed 二级 differs from a confident prediction."""
        return misfiled_flags(predictions, l2_filed_normalised, self.misfiled_threshold_)

    def needs_review(self, predictions: pd.DataFrame) -> np.ndarray:
        """1 for the rows the models are least sure of: a reviewer's label helps most there."""
        return review_flags(predictions, self.review_threshold_)

    # -- thresholds and evaluation --------------------------------------
    def tune(self, rows, labels: pd.DataFrame) -> dict:
        """Choose thresholds on held-out rows (the fixed evaluation split)."""
        frame = _model_frame(rows)
        labels = labels.reset_index(drop=True)
        pred = self.predict(frame)
        filed = [normalize_levels(a, b)[1] for a, b in zip(labels.get("l1_filed", [""] * len(labels)), labels.get("l2_filed", [""] * len(labels)))]
        misfiled = choose_misfiled_threshold(filed, pred["dimension"], pred["dimension_confidence"], labels["dimension"], self.misfiled_precision)
        self.misfiled_threshold_ = float(misfiled["threshold"])
        concept = self.concept_.tune_thresholds(frame, labels["concept"], self.concept_precision)
        # Vague threshold: the lowest probability whose calls reach the target precision
        # on rows with a qualitative target (numbers and dates are never called vague).
        truth_vague = labels["vague"].astype(int).to_numpy()
        probability = pred["vague_probability"].to_numpy()
        best_f1, self.vague_threshold_ = -1.0, 0.5
        for threshold in np.round(np.arange(0.40, 0.96, 0.05), 2):
            called = probability >= threshold
            tp = int((called & (truth_vague == 1)).sum())
            precision = tp / max(int(called.sum()), 1)
            recall = tp / max(int(truth_vague.sum()), 1)
            f1 = 2 * precision * recall / max(precision + recall, 1e-9)
            if f1 > best_f1:
                best_f1, self.vague_threshold_ = f1, float(threshold)
        # Review threshold: the dimension confidence below which accuracy drops under 80%.
        conf = pred["dimension_confidence"].to_numpy()
        correct = (pred["dimension"].to_numpy() == labels["dimension"].to_numpy())
        self.review_threshold_ = 0.55
        for threshold in np.arange(0.30, 0.95, 0.05):
            below = conf < threshold
            if below.sum() >= 5 and correct[below].mean() < 0.8:
                self.review_threshold_ = float(round(threshold, 2))
        return {"misfiled": misfiled, "concept": concept, "review_threshold": self.review_threshold_, "vague_threshold": self.vague_threshold_}


def evaluate_model(model: IndicatorModel, rows, labels: pd.DataFrame, train_labels: pd.DataFrame | None = None) -> dict:
    """All figures on one labelled set, with the baselines computed in the same run."""
    frame = _model_frame(rows)
    labels = labels.reset_index(drop=True)
    pred = model.predict(frame)
    truth_dim = labels["dimension"].astype(str).tolist()
    l1 = labels["l1_filed"] if "l1_filed" in labels else pd.Series([""] * len(labels))
    l2 = labels["l2_filed"] if "l2_filed" in labels else pd.Series([""] * len(labels))
    filed = [normalize_levels(a, b)[1] for a, b in zip(l1, l2)]
    train_dims = (train_labels["dimension"].astype(str).tolist() if train_labels is not None else truth_dim)

    metrics: dict = {"n_rows": len(labels)}
    metrics["dimension"] = classification_metrics(truth_dim, pred["dimension"].tolist(), list(DIMENSIONS))
    metrics["dimension"]["calibration"] = expected_calibration_error(
        [t == p for t, p in zip(truth_dim, pred["dimension"])], pred["dimension_confidence"].tolist()
    )
    has_filed = [i for i, f in enumerate(filed) if f]
    metrics["dimension_baselines"] = {
        "trust_filed_l2": classification_metrics([truth_dim[i] for i in has_filed], [filed[i] for i in has_filed], list(DIMENSIONS)) | {"rows_with_filed_l2": len(has_filed)},
        "keyword_rules": classification_metrics(truth_dim, [keyword_dimension(n) for n in frame["name"]], list(DIMENSIONS)),
        "majority_class": classification_metrics(truth_dim, majority_baseline(train_dims, len(truth_dim)), list(DIMENSIONS)),
    }
    metrics["dimension"]["model_on_rows_with_filed_l2"] = classification_metrics(
        [truth_dim[i] for i in has_filed], [pred["dimension"][i] for i in has_filed], list(DIMENSIONS)
    )["macro_f1"]

    actual_misfiled = [int(f != t) for f, t in zip(filed, truth_dim) if f]
    called = model.misfiled(pred, filed)
    metrics["misfiled"] = binary_metrics(actual_misfiled, [int(called[i]) for i in has_filed]) | {"threshold": model.misfiled_threshold_}

    truth_concept = labels["concept"].astype(str).tolist()
    pred_concept = pred["concept_id"].tolist()
    covered = [(t, p) for t, p in zip(truth_concept, pred_concept) if p != UNKNOWN]
    metrics["concept"] = {
        "n": len(truth_concept),
        "labelled_known": sum(t != UNKNOWN for t in truth_concept),
        "coverage": round(len(covered) / max(len(truth_concept), 1), 4),
        "precision": round(sum(t == p for t, p in covered) / len(covered), 4) if covered else 0.0,
        # Coverage among rows whose curated concept is a real taxonomy concept: rows the
        # labellers marked UNKNOWN cannot be covered correctly by any prediction.
        "coverage_of_known": round(
            sum(p != UNKNOWN for t, p in zip(truth_concept, pred_concept) if t != UNKNOWN) / max(sum(t != UNKNOWN for t in truth_concept), 1), 4
        ),
        "unknown_rows_abstained": round(
            sum(p == UNKNOWN for t, p in zip(truth_concept, pred_concept) if t == UNKNOWN) / max(sum(t == UNKNOWN for t in truth_concept), 1), 4
        ),
        "methods": pred["concept_method"].value_counts().to_dict(),
        "thresholds": {"nearest": model.concept_.nearest_threshold_, "linear": model.concept_.linear_threshold_},
        "precision_vs_coverage": precision_coverage_curve(truth_concept, pred_concept, pred["concept_confidence"].tolist()),
    }
    metrics["value_kind"] = classification_metrics(labels["value_kind"].astype(str).tolist(), pred["value_kind"].tolist())
    metrics["vague"] = binary_metrics(labels["vague"].astype(int).tolist(), pred["vague_model"].astype(int).tolist())
    metrics["review"] = {"rows_marked": int(model.needs_review(pred).sum()), "threshold": model.review_threshold_}
    return metrics
