"""Inference-only export of a fitted :class:`~nlp.indicator_model.IndicatorModel`.

Unpickling the fitted model needs scikit-learn, whose import alone costs most of a
second of ``zhibiao score``'s cold start. Prediction needs much less: the vectorisers'
vocabularies and idf weights, the value-feature names, the linear models' coefficients,
the concept model's exact index, neighbour matrix and thresholds, and the label lists.
:func:`export_model` extracts them as plain data (JSON for names and numbers, ``.npz``
arrays written without pickle, so loading runs no code from the file), and
:class:`CompiledIndicatorModel` predicts from them with numpy, scipy.sparse, jieba and
zhibiao's own feature code, in the same order of floating-point operations as
scikit-learn 1.8 (TF-IDF, DictVectorizer, logistic regression probabilities, linear SVM
margins), so its predictions are those of the fitted model.

Training and evaluation keep the joblib model; :mod:`nlp.artifacts` writes the export
beside it and scoring loads the export when a model version has one. This module must not
import scikit-learn (a test checks it); only :func:`export_model` touches fitted
scikit-learn objects, which the caller already has.
"""
from __future__ import annotations

import json
import re
import zipfile
from array import array
from numbers import Number
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from nlp.prediction import (
    UNKNOWN,
    decide_concept,
    misfiled_flags,
    predict_distinct_rows,
    predictions_frame,
    review_flags,
)
from nlp.text import normalize_for_matching
from nlp.tokenize import JiebaTokenizer, char_analyzer
from nlp.value_features import FEATURE_RECIPE, _field, rows_as_records, value_features

#: Version of the export's layout; bump when the files change shape.
EXPORT_FORMAT = 1
SPEC_FILE = "inference.json"
ARRAYS_FILE = "inference.npz"
INFERENCE_FILES = (SPEC_FILE, ARRAYS_FILE)

# scikit-learn's character analyser collapses runs of whitespace first (VectorizerMixin._white_spaces).
_WHITE_SPACES = re.compile(r"\s\s+")


class ExportError(ValueError):
    """The fitted model uses a setting the export does not reproduce."""


# -- export (training time) ---------------------------------------------------------


class _Exporter:
    """Collects the spec (JSON) and arrays of one model; identical vectorisers and
    jieba dictionaries are stored once."""

    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}
        self.vectorizers: list[dict] = []
        self.dictionaries: list[list[str]] = []
        self._vectorizer_keys: dict[tuple, int] = {}

    def _array(self, name: str, value) -> str:
        self.arrays[name] = np.ascontiguousarray(value)
        return name

    def _csr(self, prefix: str, matrix) -> dict:
        matrix = sp.csr_matrix(matrix)
        return {
            "data": self._array(prefix + ".data", matrix.data),
            "indices": self._array(prefix + ".indices", matrix.indices),
            "indptr": self._array(prefix + ".indptr", matrix.indptr),
            "shape": list(matrix.shape),
        }

    def _dictionary(self, words) -> int:
        words = list(words)
        if words not in self.dictionaries:
            self.dictionaries.append(words)
        return self.dictionaries.index(words)

    def vectorizer(self, vectorizer) -> int:
        """Index of a fitted TfidfVectorizer in the spec's vectorizer list."""
        name = type(vectorizer).__name__
        problems = []
        if name != "TfidfVectorizer":
            problems.append(f"a {name}")
        for attribute, expected in (("input", "content"), ("strip_accents", None), ("binary", False), ("norm", "l2"),
                                    ("use_idf", True), ("sublinear_tf", True), ("dtype", np.float64), ("stop_words", None)):
            if getattr(vectorizer, attribute, None) != expected:
                problems.append(f"{attribute}={getattr(vectorizer, attribute, None)!r}")
        if vectorizer.analyzer == "char":
            if vectorizer.preprocessor is not char_analyzer or vectorizer.tokenizer is not None:
                problems.append("a character analyser with another preprocessor or a tokenizer")
            dictionary = None
        elif vectorizer.analyzer == "word":
            if not isinstance(vectorizer.tokenizer, JiebaTokenizer) or vectorizer.preprocessor is not None or vectorizer.lowercase:
                problems.append("a word analyser other than JiebaTokenizer without preprocessing")
            if tuple(vectorizer.ngram_range) != (1, 1):
                problems.append(f"word ngram_range {vectorizer.ngram_range}")
            dictionary = self._dictionary(vectorizer.tokenizer.user_words)
        else:
            problems.append(f"analyzer={vectorizer.analyzer!r}")
        if problems:
            raise ExportError("cannot export a TF-IDF block with " + ", ".join(problems) + "; extend nlp/compiled.py first.")
        terms = [None] * len(vectorizer.vocabulary_)
        for term, index in vectorizer.vocabulary_.items():
            terms[index] = term
        idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        key = (vectorizer.analyzer, tuple(vectorizer.ngram_range), dictionary, tuple(terms), idf.tobytes())
        if key not in self._vectorizer_keys:
            number = len(self.vectorizers)
            self.vectorizers.append({
                "analyzer": vectorizer.analyzer,
                "ngram_range": list(vectorizer.ngram_range),
                "dictionary": dictionary,
                "terms": terms,
                "idf": self._array(f"vectorizer{number}.idf", idf),
            })
            self._vectorizer_keys[key] = number
        return self._vectorizer_keys[key]

    def features(self, features) -> dict:
        """An IndicatorFeatures: its TF-IDF blocks in order, the value features' names."""
        value = features.value_vectorizer_
        if value is not None:
            if type(value).__name__ != "DictVectorizer" or value.separator != "=" or value.dtype != np.float64 or not value.sparse:
                raise ExportError("cannot export the value features: expected a sparse float64 DictVectorizer with separator '='.")
            value_names = list(value.feature_names_)
        else:
            value_names = None
        return {
            "blocks": [{"field": field, "vectorizer": self.vectorizer(v)} for field, v in features.text_vectorizers_],
            "description_weight": float(features.description_weight),
            "value_features": value_names,
        }

    def classifier(self, name: str, classifier) -> dict:
        """An IndicatorClassifier: features + LogisticRegression."""
        model = classifier.model_
        if type(model).__name__ != "LogisticRegression":
            raise ExportError(f"cannot export the {name} model: expected a LogisticRegression, got {type(model).__name__}.")
        classes = [str(c) for c in model.classes_]
        return {
            "features": self.features(classifier.features_),
            "classes": classes,
            # scikit-learn 1.8: two classes -> logistic of the one margin; more -> softmax (multinomial).
            "probability": "logistic" if len(classes) <= 2 else "softmax",
            "coef": self._array(f"{name}.coef", np.asarray(model.coef_, dtype=np.float64)),
            "intercept": self._array(f"{name}.intercept", np.asarray(model.intercept_, dtype=np.float64)),
        }

    def concept(self, concept) -> dict:
        """A ConceptClassifier: exact index, nearest neighbours, linear SVM, thresholds."""
        spec = {
            "exact_index": dict(concept.exact_index_),
            "nearest_threshold": float(concept.nearest_threshold_),
            "linear_threshold": float(concept.linear_threshold_),
            "softmax_scale": float(concept.softmax_scale),
            "nearest": None,
            "linear": None,
        }
        if concept.nearest_matrix_ is not None:
            spec["nearest"] = {
                "vectorizer": self.vectorizer(concept.nearest_vectorizer_),
                "labels": [str(label) for label in concept.nearest_labels_],
                # Stored transposed, as scikit-learn's product converts it (csr @ csr.T -> csr @ csr).
                "matrix_t": self._csr("concept.nearest_t", sp.csr_matrix(concept.nearest_matrix_.T)),
            }
        linear = concept.linear_
        if linear is not None:
            if type(linear).__name__ != "LinearSVC":
                raise ExportError(f"cannot export the concept linear model: expected a LinearSVC, got {type(linear).__name__}.")
            coef = linear.coef_
            spec["linear"] = {
                "features": self.features(concept.linear_features_),
                "classes": [str(c) for c in linear.classes_],
                "intercept": self._array("concept.linear.intercept", np.asarray(linear.intercept_, dtype=np.float64)),
            }
            if sp.issparse(coef):
                # scikit-learn multiplies sparse by sparse after converting coef_.T to CSR.
                spec["linear"]["coef_t"] = self._csr("concept.linear.coef_t", sp.csr_matrix(coef.T))
            else:
                spec["linear"]["coef"] = self._array("concept.linear.coef", np.asarray(coef, dtype=np.float64))
        return spec


def export_model(model) -> tuple[dict, dict[str, np.ndarray]]:
    """(spec, arrays) of a fitted IndicatorModel: everything prediction needs, as plain data."""
    for attribute in ("dimension_", "concept_", "value_kind_", "vague_"):
        if not hasattr(model, attribute):
            raise ExportError(f"cannot export {type(model).__name__}: it has no fitted {attribute} (fit it first).")
    exporter = _Exporter()
    models = {
        "dimension": exporter.classifier("dimension", model.dimension_),
        "value_kind": exporter.classifier("value_kind", model.value_kind_),
        "vague": exporter.classifier("vague", model.vague_),
        "concept": exporter.concept(model.concept_),
    }
    spec = {
        "format": EXPORT_FORMAT,
        "feature_recipe": FEATURE_RECIPE,
        "labels": [str(label) for label in model.labels_],
        "thresholds": {
            "misfiled": float(model.misfiled_threshold_),
            "review": float(model.review_threshold_),
            "vague": float(model.vague_threshold_),
        },
        "dictionaries": exporter.dictionaries,
        "vectorizers": exporter.vectorizers,
        "models": models,
    }
    return spec, exporter.arrays


def write_inference(model, folder: Path) -> list[Path]:
    """Write the export of ``model`` into ``folder``; return the files written."""
    spec, arrays = export_model(model)
    folder = Path(folder)
    spec_path, arrays_path = folder / SPEC_FILE, folder / ARRAYS_FILE
    spec_path.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    # An .npz that np.load reads, written by hand: np.savez stamps the current time into the
    # zip (the same model would give other bytes) and compresses all or nothing. Float weights
    # barely compress (-23%) and inflating them costs ~50 ms of the cold start: they are stored;
    # index arrays shrink 5x and are compressed.
    with zipfile.ZipFile(arrays_path, "w") as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if arrays[name].dtype.kind == "f" else zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as handle:
                np.lib.format.write_array(handle, arrays[name], allow_pickle=False)
    return [spec_path, arrays_path]


def compare_predictions(expected: pd.DataFrame, actual: pd.DataFrame, tolerance: float = 1e-9) -> list[str]:
    """What differs between two prediction frames: columns, labels exactly, numbers beyond
    ``tolerance``. Empty when they agree."""
    if list(expected.columns) != list(actual.columns) or len(expected) != len(actual):
        return [f"columns/rows {list(expected.columns)} x {len(expected)} vs {list(actual.columns)} x {len(actual)}"]
    differences = []
    for column in expected.columns:
        a, b = expected[column].to_numpy(), actual[column].to_numpy()
        if a.dtype.kind == "f" or b.dtype.kind == "f":
            bad = ~np.isclose(a.astype(float), b.astype(float), rtol=0.0, atol=tolerance)
        else:
            bad = a != b
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            differences.append(f"{column}: {int(bad.sum())} rows, first row {row}: {a[row]!r} vs {b[row]!r}")
    return differences


# -- prediction ---------------------------------------------------------------------


def _normalize_rows_l2(matrix: sp.csr_matrix) -> None:
    """In place, like scikit-learn's inplace_csr_row_normalize_l2: each row's squares
    summed one by one in stored order (the same rounding), rows of zeros left alone."""
    lengths = np.diff(matrix.indptr)
    if not len(matrix.data):
        return
    data, starts = matrix.data, matrix.indptr[:-1]
    sums = np.zeros(len(lengths), dtype=np.float64)
    for k in range(int(lengths.max())):
        rows = np.flatnonzero(lengths > k)
        values = data[starts[rows] + k]
        sums[rows] += values * values
    norms = np.sqrt(sums)
    norms[sums == 0.0] = 1.0  # never divides: those rows hold no entries, or only zeros
    scale = np.repeat(norms, lengths)
    np.divide(data, scale, out=data)


class _TfidfBlock:
    """A fitted TfidfVectorizer's transform: counts over a fixed vocabulary, sorted
    indices, 1 + log(tf), times idf, rows scaled to unit length."""

    def __init__(self, analyzer: str, ngram_range, terms: list[str], idf: np.ndarray, tokenizer: JiebaTokenizer | None):
        self.analyzer = analyzer
        self.min_n, self.max_n = int(ngram_range[0]), int(ngram_range[1])
        self.vocabulary = {term: index for index, term in enumerate(terms)}
        self.idf = idf
        self.tokenizer = tokenizer

    def _char_ngrams(self, text: str) -> list[str]:
        text = _WHITE_SPACES.sub(" ", char_analyzer(text))
        length = len(text)
        min_n = self.min_n
        if min_n == 1:
            grams = list(text)
            min_n = 2
        else:
            grams = []
        for n in range(min_n, min(self.max_n + 1, length + 1)):
            grams.extend(text[i:i + n] for i in range(length - n + 1))
        return grams

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        analyze = self._char_ngrams if self.analyzer == "char" else self.tokenizer
        vocabulary = self.vocabulary
        indices: list[int] = []
        counts = array("i")
        indptr = [0]
        for text in texts:
            counter: dict[int, int] = {}
            for feature in analyze(text):
                index = vocabulary.get(feature)
                if index is not None:
                    counter[index] = counter.get(index, 0) + 1
            indices.extend(counter.keys())
            counts.extend(counter.values())
            indptr.append(len(indices))
        matrix = sp.csr_matrix(
            (np.frombuffer(counts, dtype=np.intc), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
            shape=(len(indptr) - 1, len(vocabulary)),
            dtype=np.float64,
        )
        matrix.sort_indices()
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
        matrix.data *= self.idf[matrix.indices]
        _normalize_rows_l2(matrix)
        return matrix


class _Features:
    """IndicatorFeatures.transform: the TF-IDF blocks, the description block weighted,
    then the value features, side by side."""

    def __init__(self, spec: dict, blocks: list[_TfidfBlock]):
        self.blocks = [(block["field"], blocks[block["vectorizer"]]) for block in spec["blocks"]]
        self.description_weight = spec["description_weight"]
        names = spec["value_features"]
        self.value_vocabulary = {name: i for i, name in enumerate(names)} if names is not None else None

    def _value_matrix(self, records) -> sp.csr_matrix:
        vocabulary = self.value_vocabulary
        indices = array("i")
        values = []
        indptr = [0]
        for record in records:
            feats = value_features(record.get("value_raw", "") or "", record.get("unit", "") or "", record.get("name", "") or "")
            for feature, value in feats.items():
                if isinstance(value, str):
                    feature, value = f"{feature}={value}", 1
                elif not (isinstance(value, Number) or value is None):
                    raise TypeError(f"value feature {feature} is a {type(value).__name__}; expected a number.")
                if feature in vocabulary:
                    indices.append(vocabulary[feature])
                    values.append(np.float64(value))
            indptr.append(len(indices))
        matrix = sp.csr_matrix(
            (values, np.frombuffer(indices, dtype=np.intc), indptr), shape=(len(indptr) - 1, len(vocabulary)), dtype=np.float64
        )
        matrix.sort_indices()
        return matrix

    def transform(self, records) -> sp.csr_matrix:
        mats = []
        for field, block in self.blocks:
            mat = block.transform(_field(records, field))
            if field == "description":
                mat = mat * self.description_weight
            mats.append(mat)
        if self.value_vocabulary is not None:
            mats.append(self._value_matrix(records))
        if not mats:
            return sp.csr_matrix((len(records), 0), dtype=np.float64)
        return sp.hstack(mats, format="csr")


def _csr(spec: dict, arrays) -> sp.csr_matrix:
    return sp.csr_matrix((arrays[spec["data"]], arrays[spec["indices"]], arrays[spec["indptr"]]), shape=tuple(spec["shape"]))


class _LogisticModel:
    """IndicatorClassifier.predict_proba / predict_with_confidence."""

    def __init__(self, spec: dict, arrays, blocks: list[_TfidfBlock]):
        self.features = _Features(spec["features"], blocks)
        self.classes_ = np.asarray(spec["classes"])
        self.probability = spec["probability"]
        self.coef = arrays[spec["coef"]]
        self.intercept = arrays[spec["intercept"]]

    def predict_proba(self, records) -> np.ndarray:
        X = self.features.transform(records)
        scores = X @ self.coef.T + self.intercept
        if self.probability == "logistic":
            from scipy.special import expit

            margin = scores.reshape(-1)
            expit(margin, out=margin)
            return np.vstack([1 - margin, margin]).T
        scores -= scores.max(axis=1).reshape((-1, 1))
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape((-1, 1))
        return scores

    def predict_with_confidence(self, records) -> tuple[np.ndarray, np.ndarray]:
        proba = self.predict_proba(records)
        best = proba.argmax(axis=1)
        return self.classes_[best], proba[np.arange(len(best)), best]


class _ConceptModel:
    """ConceptClassifier.predict_detailed: exact, nearest, linear, abstain."""

    def __init__(self, spec: dict, arrays, blocks: list[_TfidfBlock]):
        self.exact_index = spec["exact_index"]
        self.nearest_threshold = spec["nearest_threshold"]
        self.linear_threshold = spec["linear_threshold"]
        self.softmax_scale = spec["softmax_scale"]
        nearest = spec["nearest"]
        if nearest is not None:
            self.nearest_block = blocks[nearest["vectorizer"]]
            self.nearest_labels = np.asarray(nearest["labels"])
            self.nearest_t = _csr(nearest["matrix_t"], arrays)
        else:
            self.nearest_block = None
        linear = spec["linear"]
        if linear is not None:
            self.linear_features = _Features(linear["features"], blocks)
            self.linear_classes = np.asarray(linear["classes"])
            self.linear_intercept = arrays[linear["intercept"]]
            self.linear_coef_t = _csr(linear["coef_t"], arrays) if "coef_t" in linear else None
            self.linear_coef = arrays[linear["coef"]] if "coef" in linear else None
        else:
            self.linear_features = None

    def _margins(self, names: list[str]) -> np.ndarray:
        X = self.linear_features.transform([{"name": n} for n in names])
        if self.linear_coef_t is not None:
            margins = (X @ self.linear_coef_t).toarray() + self.linear_intercept
        else:
            margins = X @ self.linear_coef.T + self.linear_intercept
        if margins.shape[1] == 1:  # two classes: one margin column, as scikit-learn returns it
            margins = margins.reshape(-1)
        return margins

    def predict_detailed(self, records):
        names = [r.get("name", "") or "" for r in records]
        exact = [self.exact_index.get(normalize_for_matching(n)) for n in names]
        if self.nearest_block is not None and names:
            X = self.nearest_block.transform(names)
            _normalize_rows_l2(X)  # the classifier normalises the (already unit) rows again
            sims = (X @ self.nearest_t).toarray()
            best = sims.argmax(axis=1)
            nearest = list(zip(self.nearest_labels[best], sims[np.arange(len(best)), best]))
        else:
            nearest = [(UNKNOWN, 0.0)] * len(names)
        if self.linear_features is not None and names:
            margins = self._margins(names)
            if margins.ndim == 1:
                margins = np.column_stack([-margins, margins])
            scores = np.exp((margins - margins.max(axis=1, keepdims=True)) * self.softmax_scale)
            scores /= scores.sum(axis=1, keepdims=True)
            best = scores.argmax(axis=1)
            linear = list(zip(self.linear_classes[best], scores[np.arange(len(best)), best]))
        else:
            linear = [(UNKNOWN, 0.0)] * len(names)
        return [
            decide_concept(e, n, l, self.nearest_threshold, self.linear_threshold)
            for e, n, l in zip(exact, nearest, linear)
        ]



class CompiledIndicatorModel:
    """Predicts like the IndicatorModel it was exported from, without scikit-learn.

    Same ``predict`` frame (columns :data:`nlp.prediction.PREDICTION_COLUMNS`), same
    ``misfiled`` / ``needs_review`` flags and thresholds. Build it with :meth:`load`
    (a folder holding the export) or :meth:`from_export` (spec and arrays in memory).
    """

    def __init__(self, spec: dict, arrays):
        if spec.get("format") != EXPORT_FORMAT:
            raise ExportError(f"inference export format {spec.get('format')!r}; this zhibiao reads format {EXPORT_FORMAT}.")
        tokenizers = [_tokenizer(words) for words in spec["dictionaries"]]
        blocks = [
            _TfidfBlock(v["analyzer"], v["ngram_range"], v["terms"], arrays[v["idf"]],
                        tokenizers[v["dictionary"]] if v["dictionary"] is not None else None)
            for v in spec["vectorizers"]
        ]
        models = spec["models"]
        self.dimension_ = _LogisticModel(models["dimension"], arrays, blocks)
        self.value_kind_ = _LogisticModel(models["value_kind"], arrays, blocks)
        self.vague_ = _LogisticModel(models["vague"], arrays, blocks)
        self.concept_ = _ConceptModel(models["concept"], arrays, blocks)
        self.labels_ = tuple(spec["labels"])
        self.misfiled_threshold_ = spec["thresholds"]["misfiled"]
        self.review_threshold_ = spec["thresholds"]["review"]
        self.vague_threshold_ = spec["thresholds"]["vague"]
        self.user_words = tuple(spec["dictionaries"][0]) if spec["dictionaries"] else ()
        self.feature_recipe = spec["feature_recipe"]

    @classmethod
    def from_export(cls, spec: dict, arrays) -> "CompiledIndicatorModel":
        return cls(spec, arrays)

    @classmethod
    def load(cls, folder: Path) -> "CompiledIndicatorModel":
        """Read the export in ``folder`` (check its sha256 first: nlp.artifacts does)."""
        folder = Path(folder)
        spec = json.loads((folder / SPEC_FILE).read_text(encoding="utf-8"))
        with np.load(folder / ARRAYS_FILE, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        return cls(spec, arrays)

    def predict(self, rows) -> pd.DataFrame:
        """One row of predictions per input row (columns :data:`nlp.prediction.PREDICTION_COLUMNS`)."""
        return predict_distinct_rows(rows, self._predict_distinct)

    def _predict_distinct(self, distinct: pd.DataFrame) -> pd.DataFrame:
        records = rows_as_records(distinct)
        dim, dim_conf = self.dimension_.predict_with_confidence(records)
        concepts = self.concept_.predict_detailed(records)
        kind, kind_conf = self.value_kind_.predict_with_confidence(records)
        vague_proba = self.vague_.predict_proba(records)
        return predictions_frame(dim, dim_conf, concepts, kind, kind_conf, self.vague_.classes_, vague_proba, self.vague_threshold_)

    def misfiled(self, predictions: pd.DataFrame, l2_filed_normalised) -> np.ndarray:
        """1 where the filed 二级 differs from a confident prediction."""
        return misfiled_flags(predictions, l2_filed_normalised, self.misfiled_threshold_)

    def needs_review(self, predictions: pd.DataFrame) -> np.ndarray:
        """1 for the rows the models are least sure of."""
        return review_flags(predictions, self.review_threshold_)

    def __repr__(self) -> str:
        return f"CompiledIndicatorModel(labels={len(self.labels_)}, recipe={self.feature_recipe})"


def _tokenizer(words) -> JiebaTokenizer:
    """A JiebaTokenizer holding exactly these (already normalised) words, as unpickling makes it."""
    tokenizer = JiebaTokenizer.__new__(JiebaTokenizer)
    tokenizer.__setstate__({"user_words": tuple(words)})
    return tokenizer
