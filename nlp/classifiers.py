"""Classifiers of indicator rows, as scikit-learn style estimators.

* :class:`IndicatorClassifier`: TF-IDF features + logistic regression; used for
  the dimension (canonical 二级), the value kind and the vague flag.
* :class:`ConceptClassifier`: exact/alias match, then nearest canonical concept,
  then a linear model; abstains with ``UNKNOWN`` below thresholds tuned for precision.

Parameters are stored in ``__init__``, ``fit`` returns ``self`` and learned
state ends in ``_``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.svm import LinearSVC

from nlp.features import IndicatorFeatures, concept_texts, rows_as_records
from nlp.prediction import UNKNOWN, ConceptPrediction, decide_concept
from nlp.text import normalize_for_matching
from nlp.tokenize import char_analyzer


def _check_fitted(estimator, attribute: str) -> None:
    if not hasattr(estimator, attribute):
        raise NotFittedError(
            f"This {type(estimator).__name__} instance is not fitted yet. Call 'fit' with labelled rows "
            "first, or load a trained model with nlp.artifacts.load_model."
        )


class IndicatorClassifier(BaseEstimator, ClassifierMixin):
    """Logistic regression over :class:`~nlp.features.IndicatorFeatures`.

    Parameters
    ----------
    user_words : tuple of str
        jieba user dictionary (taxonomy names and aliases).
    C : float
        Inverse regularisation strength.
    use_words, use_description, value_text : bool
        Feature blocks (see IndicatorFeatures).
    class_weight : "balanced" or None
        Rare dimensions (社会成本, 生态环境成本) need balancing.
    """

    def __init__(
        self,
        user_words: tuple[str, ...] = (),
        C: float = 8.0,
        use_words: bool = True,
        use_description: bool = True,
        value_text: bool = False,
        class_weight: str | None = "balanced",
        max_iter: int = 3000,
    ):
        self.user_words = user_words
        self.C = C
        self.use_words = use_words
        self.use_description = use_description
        self.value_text = value_text
        self.class_weight = class_weight
        self.max_iter = max_iter

    def fit(self, rows, y, sample_weight=None):
        y = np.asarray([str(v) for v in y])
        if len(y) == 0:
            raise ValueError("Cannot fit on zero rows: the training data is empty.")
        if len(set(y)) < 2:
            raise ValueError(f"Cannot fit a classifier on a single label ({str(y[0])!r}): the training data needs at least two.")
        self.features_ = IndicatorFeatures(
            user_words=self.user_words,
            use_words=self.use_words,
            use_description=self.use_description,
            value_text=self.value_text,
        )
        X = self.features_.fit_transform(rows)
        self.model_ = LogisticRegression(C=self.C, max_iter=self.max_iter, class_weight=self.class_weight)
        self.model_.fit(X, y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, rows) -> np.ndarray:
        _check_fitted(self, "model_")
        return self.model_.predict_proba(self.features_.transform(rows))

    def predict(self, rows) -> np.ndarray:
        proba = self.predict_proba(rows)
        return self.classes_[proba.argmax(axis=1)]

    def predict_with_confidence(self, rows) -> tuple[np.ndarray, np.ndarray]:
        proba = self.predict_proba(rows)
        best = proba.argmax(axis=1)
        return self.classes_[best], proba[np.arange(len(best)), best]


def _concept_id(concept) -> str:
    return concept["id"] if isinstance(concept, Mapping) else concept.id


class ConceptClassifier(BaseEstimator, ClassifierMixin):
    """Map a 三级 name to a canonical concept id, or abstain with UNKNOWN.

    Stages: (1) exact match of the normalised name against concept names,
    aliases and training names with one unambiguous label; (2) nearest
    canonical concept by character n-gram cosine similarity, accepted above
    ``nearest_threshold_``; (3) a linear model over names, accepted above
    ``linear_threshold_``. Thresholds start at the constructor values and are
    re-chosen on held-out rows by :meth:`tune_thresholds`.

    Parameters
    ----------
    concepts : sequence
        Taxonomy concepts (objects or dicts with id, name, aliases, phrasings).
    user_words : tuple of str
        jieba user dictionary.
    nearest_threshold, linear_threshold : float
        Initial acceptance thresholds.
    """

    def __init__(
        self,
        concepts: Sequence = (),
        user_words: tuple[str, ...] = (),
        C: float = 8.0,
        nearest_threshold: float = 0.75,
        linear_threshold: float = 0.5,
        softmax_scale: float = 5.0,
        random_state: int = 0,
    ):
        self.softmax_scale = softmax_scale
        self.random_state = random_state
        self.concepts = concepts
        self.user_words = user_words
        self.C = C
        self.nearest_threshold = nearest_threshold
        self.linear_threshold = linear_threshold

    def fit(self, rows, y):
        records = rows_as_records(rows)
        labels = [str(v) for v in y]
        texts: list[str] = []
        text_labels: list[str] = []
        for concept in self.concepts:
            for text in concept_texts(concept):
                texts.append(text)
                text_labels.append(_concept_id(concept))
        # Exact index: taxonomy texts, then training names whose label is unambiguous.
        exact: dict[str, set[str]] = {}
        for text, label in zip(texts, text_labels):
            exact.setdefault(normalize_for_matching(text), set()).add(label)
        for record, label in zip(records, labels):
            key = normalize_for_matching(record.get("name", ""))
            if key:
                exact.setdefault(key, set()).add(label)
        self.exact_index_ = {k: next(iter(v)) for k, v in exact.items() if len(v) == 1}

        # Nearest neighbour: one row per concept text and per labelled training name
        # (real phrasings are the closest thing to the next department's phrasing).
        neighbours = texts + [r.get("name", "") for r, label in zip(records, labels) if label != UNKNOWN and r.get("name")]
        neighbour_labels = text_labels + [label for r, label in zip(records, labels) if label != UNKNOWN and r.get("name")]
        self.nearest_vectorizer_ = TfidfVectorizer(analyzer="char", preprocessor=char_analyzer, ngram_range=(1, 3), sublinear_tf=True)
        self.nearest_matrix_ = l2_normalize(self.nearest_vectorizer_.fit_transform(neighbours)) if neighbours else None
        self.nearest_labels_ = np.asarray(neighbour_labels)

        # Linear model: training rows (including UNKNOWN, so it learns to say so) + taxonomy texts.
        # Hundreds of classes: a one-vs-rest linear SVM trains in seconds where a
        # multinomial logistic regression takes minutes; its margins are turned into
        # softmax scores, and the acceptance threshold is tuned on held-out rows anyway.
        lin_rows = [{"name": r.get("name", "")} for r in records] + [{"name": t} for t in texts]
        lin_labels = labels + text_labels
        if len(set(lin_labels)) >= 2:
            self.linear_features_ = IndicatorFeatures(user_words=self.user_words, use_description=False, use_value=False)
            X = self.linear_features_.fit_transform(lin_rows)
            self.linear_ = LinearSVC(C=self.C / 8, class_weight=None, random_state=self.random_state).fit(X, np.asarray(lin_labels))
            # Hundreds of dense weight rows make a 100 MB artifact; 90% of the weights are
            # negligible. Pruned before thresholds are tuned, so the figures are the shipped model's.
            self.linear_.coef_[np.abs(self.linear_.coef_) < 1e-3] = 0.0
            self.linear_.sparsify()
        else:
            self.linear_ = None
        self.nearest_threshold_ = self.nearest_threshold
        self.linear_threshold_ = self.linear_threshold
        self.classes_ = np.asarray(sorted(set(lin_labels) | {UNKNOWN}))
        return self

    def _stage_scores(self, rows):
        """Per row: exact label or None, nearest (label, sim), linear (label, prob)."""
        _check_fitted(self, "exact_index_")
        records = rows_as_records(rows)
        names = [r.get("name", "") or "" for r in records]
        exact = [self.exact_index_.get(normalize_for_matching(n)) for n in names]
        if self.nearest_matrix_ is not None and names:
            sims = l2_normalize(self.nearest_vectorizer_.transform(names)) @ self.nearest_matrix_.T
            sims = sims.toarray()
            best = sims.argmax(axis=1)
            nearest = list(zip(self.nearest_labels_[best], sims[np.arange(len(best)), best]))
        else:
            nearest = [(UNKNOWN, 0.0)] * len(names)
        if self.linear_ is not None and names:
            margins = self.linear_.decision_function(self.linear_features_.transform([{"name": n} for n in names]))
            if margins.ndim == 1:  # two classes: one margin column
                margins = np.column_stack([-margins, margins])
            scores = np.exp((margins - margins.max(axis=1, keepdims=True)) * self.softmax_scale)
            scores /= scores.sum(axis=1, keepdims=True)
            best = scores.argmax(axis=1)
            linear = list(zip(self.linear_.classes_[best], scores[np.arange(len(best)), best]))
        else:
            linear = [(UNKNOWN, 0.0)] * len(names)
        return exact, nearest, linear

    _decide = staticmethod(decide_concept)

    def predict_detailed(self, rows) -> list[ConceptPrediction]:
        exact, nearest, linear = self._stage_scores(rows)
        return [
            self._decide(e, n, l, self.nearest_threshold_, self.linear_threshold_)
            for e, n, l in zip(exact, nearest, linear)
        ]

    def predict(self, rows) -> np.ndarray:
        return np.asarray([p.concept_id for p in self.predict_detailed(rows)])

    def tune_thresholds(self, rows, y, target_precision: float = 0.90) -> dict[str, float]:
        """Choose the nearest and linear thresholds on held-out rows: the pair with
        the highest coverage whose precision is at least ``target_precision``.
        Falls back to the most precise pair when none reaches the target."""
        y = [str(v) for v in y]
        exact, nearest, linear = self._stage_scores(rows)
        grid = [round(x, 2) for x in np.arange(0.30, 1.0001, 0.05)]
        best = None
        for nt in grid:
            for lt in grid:
                preds = [self._decide(e, n, l, nt, lt).concept_id for e, n, l in zip(exact, nearest, linear)]
                covered = [(p, t) for p, t in zip(preds, y) if p != UNKNOWN]
                coverage = len(covered) / max(len(y), 1)
                precision = sum(p == t for p, t in covered) / len(covered) if covered else 0.0
                key = (precision >= target_precision, coverage if precision >= target_precision else precision, -nt - lt)
                if best is None or key > best[0]:
                    best = (key, nt, lt, precision, coverage)
        _, self.nearest_threshold_, self.linear_threshold_, precision, coverage = best
        return {
            "nearest_threshold": self.nearest_threshold_,
            "linear_threshold": self.linear_threshold_,
            "precision": precision,
            "coverage": coverage,
        }
