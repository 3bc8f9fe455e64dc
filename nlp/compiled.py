"""Inference-only export of a fitted :class:`~nlp.indicator_model.IndicatorModel`.

Unpickling the fitted model needs scikit-learn, whose import alone costs most of a
second of ``zhibiao score``'s cold start. Prediction needs much less: the vectorisers'
vocabularies and idf weights, the value-feature names, the linear models' coefficients,
the concept model's exact index, neighbour matrix and thresholds, and the label lists.
:func:`export_model` extracts them as plain data (JSON for names and numbers, ``.npz``
arrays written without pickle, so loading runs no code from the file), and
:class:`CompiledIndicatorModel` predicts from them with numpy, jieba and zhibiao's own
feature code (not even scipy: its import costs ~0.3 s), in the same order of
floating-point operations as scikit-learn 1.8 and scipy (TF-IDF, DictVectorizer,
logistic regression probabilities, linear SVM margins, cosine neighbours), so its
predictions are those of the fitted model, bit for bit on this machine.

Training and evaluation keep the joblib model; :mod:`nlp.artifacts` writes the export
beside it and scoring loads the export when a model version has one. This module must not
import scikit-learn or scipy (a test checks it); only :func:`export_model` touches fitted
scikit-learn objects (and scipy), which the caller already has.
"""
from __future__ import annotations

import json
import math
import re
import zipfile
from array import array
from numbers import Number
from pathlib import Path

import numpy as np
import pandas as pd

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
        import scipy.sparse as sp

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
                "matrix_t": self._csr("concept.nearest_t", concept.nearest_matrix_.T),
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
            if hasattr(coef, "tocsr"):  # sparsified
                # scikit-learn multiplies sparse by sparse after converting coef_.T to CSR.
                spec["linear"]["coef_t"] = self._csr("concept.linear.coef_t", coef.T)
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
            shown = [value.item() if isinstance(value, np.generic) else value for value in (a[row], b[row])]
            differences.append(f"{column}: {int(bad.sum())} rows, first row {row}: {shown[0]!r} vs {shown[1]!r}")
    return differences


# -- prediction ---------------------------------------------------------------------
#
# scipy.sparse and scipy.special cost ~0.3 s to import (scipy's array-API layer pulls in
# numpy.testing and numpy.f2py), a sixth of the cold-start budget. Prediction needs four
# sparse operations, written here with numpy in scikit-learn's (and scipy's) order of
# floating-point operations, so the results are the same to the last bit: a row's sum of
# squares and its products with the weights accumulate one stored entry after another
# (scipy's csr_matvecs / csr_matmat, scikit-learn's csr_matmul_csr_to_dense and
# inplace_csr_row_normalize_l2 all do), and the logistic function uses the C library's exp
# (math.exp) as scipy.special.expit does; numpy's vectorised exp can differ in the last bit.
# Large sparse products go to scipy (imported then), whose C loop adds in that same order.

#: Products expanded at a time in a sparse product (bounds its temporary arrays to ~130 MB).
_SPARSE_PRODUCT_BLOCK = 4_000_000
#: Above this many products, a sparse product is left to scipy (imported then): its C loop adds
#: in the same order and is ~5x faster; a small file (~20,000 products) never imports it.
_SCIPY_ABOVE_PRODUCTS = 1_000_000


class _Rows:
    """Sparse rows (CSR layout: data, column indices, row pointers) of ``n_cols`` columns."""

    __slots__ = ("data", "indices", "indptr", "n_cols")

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, n_cols: int):
        self.data, self.indices, self.indptr, self.n_cols = data, indices, indptr, n_cols

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def lengths(self) -> np.ndarray:
        return np.diff(self.indptr)

    def sort_indices(self) -> None:
        """Each row's entries by column, as scipy's sort_indices (columns are unique in a row)."""
        row_of = np.repeat(np.arange(self.n_rows), self.lengths())
        order = np.lexsort((self.indices, row_of))
        self.data, self.indices = self.data[order], self.indices[order]

    def copy(self) -> "_Rows":
        return _Rows(self.data.copy(), self.indices, self.indptr, self.n_cols)


def _rows_from_counts(indices: list[int], values, indptr: list[int], n_cols: int) -> _Rows:
    rows = _Rows(np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                 np.asarray(indptr, dtype=np.int64), n_cols)
    rows.sort_indices()
    return rows


def _normalize_rows_l2(rows: _Rows) -> None:
    """In place, like scikit-learn's inplace_csr_row_normalize_l2: each row's squares
    summed one by one in stored order, rows of zeros left alone."""
    if not len(rows.data):
        return
    lengths = rows.lengths()
    data, starts = rows.data, rows.indptr[:-1]
    sums = np.zeros(len(lengths), dtype=np.float64)
    for k in range(int(lengths.max())):
        at = np.flatnonzero(lengths > k)
        values = data[starts[at] + k]
        sums[at] += values * values
    norms = np.sqrt(sums)
    norms[sums == 0.0] = 1.0  # such rows are skipped; dividing by 1 leaves them as they are
    np.divide(data, np.repeat(norms, lengths), out=data)


def _hstack(blocks: list[_Rows]) -> _Rows:
    """Blocks side by side: each row's entries block after block, as scipy's csr_hstack."""
    n_rows = blocks[0].n_rows
    offsets = np.cumsum([0] + [b.n_cols for b in blocks[:-1]])
    row_of = np.concatenate([np.repeat(np.arange(n_rows), b.lengths()) for b in blocks])
    order = np.argsort(row_of, kind="stable")
    data = np.concatenate([b.data for b in blocks])[order]
    indices = np.concatenate([b.indices + offset for b, offset in zip(blocks, offsets)])[order]
    indptr = np.sum([b.indptr for b in blocks], axis=0)
    return _Rows(data, indices, indptr, int(sum(b.n_cols for b in blocks)))


def _times_dense(rows: _Rows, weights_t: np.ndarray) -> np.ndarray:
    """rows @ weights_t (features x outputs, dense): each output summed entry by entry in
    stored order, from 0.0, as scipy's csr_matvecs."""
    out = np.zeros((rows.n_rows, weights_t.shape[1]), dtype=np.float64)
    lengths = rows.lengths()
    starts = rows.indptr[:-1]
    for k in range(int(lengths.max()) if len(lengths) else 0):
        at = np.flatnonzero(lengths > k)
        position = starts[at] + k
        out[at] += rows.data[position, None] * weights_t[rows.indices[position]]
    return out


def _times_sparse(rows: _Rows, weights_t: _Rows) -> np.ndarray:
    """rows @ weights_t (features x outputs, sparse) as a dense array: for each output, the
    products summed in the order of the row's entries, from 0.0, as scipy's csr_matmat and
    scikit-learn's csr_matmul_csr_to_dense (exact zeros come out as 0.0, never -0.0)."""
    n_rows, n_out = rows.n_rows, weights_t.n_cols
    out = np.zeros(n_rows * n_out, dtype=np.float64)
    if not len(rows.data):
        return out.reshape(n_rows, n_out)
    w_starts, w_lengths = weights_t.indptr[:-1], weights_t.lengths()
    counts = w_lengths[rows.indices]  # products each stored entry contributes
    cumulative = np.concatenate([[0], np.cumsum(counts)])
    if cumulative[-1] > _SCIPY_ABOVE_PRODUCTS:
        import scipy.sparse as sp

        left = sp.csr_matrix((rows.data, rows.indices, rows.indptr), shape=(n_rows, rows.n_cols))
        right = sp.csr_matrix((weights_t.data, weights_t.indices, weights_t.indptr), shape=(rows.n_cols, n_out))
        return (left @ right).toarray()
    row_ends = cumulative[rows.indptr[1:]]
    first = 0
    while first < n_rows:
        # Rows first..last-1: about _SPARSE_PRODUCT_BLOCK products, at least one row.
        done = cumulative[rows.indptr[first]]
        last = max(int(np.searchsorted(row_ends, done + _SPARSE_PRODUCT_BLOCK, side="right")), first + 1)
        entries = slice(rows.indptr[first], rows.indptr[last])
        entry_counts = counts[entries]
        total = int(cumulative[rows.indptr[last]] - done)
        if total:
            # Products in (row, entry, output) order; np.bincount adds each bin's weights
            # one after another in that order, starting from 0.0.
            w_position = (np.repeat(w_starts[rows.indices[entries]] - (cumulative[entries] - done), entry_counts)
                          + np.arange(total))
            entry_rows = np.repeat(np.arange(first, last), rows.indptr[first + 1:last + 1] - rows.indptr[first:last])
            bins = np.repeat((entry_rows - first) * n_out, entry_counts) + weights_t.indices[w_position]
            products = np.repeat(rows.data[entries], entry_counts) * weights_t.data[w_position]
            out[first * n_out:last * n_out] = np.bincount(bins, weights=products, minlength=(last - first) * n_out)
        first = last
    return out.reshape(n_rows, n_out)


def _expit(margins: np.ndarray) -> np.ndarray:
    """scipy.special.expit, bit for bit: 1 / (1 + exp(-x)) with the C library's exp."""
    out = np.empty(len(margins), dtype=np.float64)
    for i, margin in enumerate(margins.tolist()):
        try:
            out[i] = 1.0 / (1.0 + math.exp(-margin))
        except OverflowError:  # exp(-margin) is infinite: the probability is 0
            out[i] = 0.0
    return out


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

    def transform(self, texts: list[str]) -> _Rows:
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
        rows = _rows_from_counts(indices, np.frombuffer(counts, dtype=np.intc), indptr, len(vocabulary))
        np.log(rows.data, rows.data)
        rows.data += 1.0
        rows.data *= self.idf[rows.indices]
        _normalize_rows_l2(rows)
        return rows


class _Features:
    """IndicatorFeatures.transform: the TF-IDF blocks, the description block weighted,
    then the value features (DictVectorizer: explicit zeros kept), side by side."""

    def __init__(self, spec: dict, blocks: list[_TfidfBlock]):
        self.blocks = [(block["field"], blocks[block["vectorizer"]]) for block in spec["blocks"]]
        self.description_weight = spec["description_weight"]
        names = spec["value_features"]
        self.value_vocabulary = {name: i for i, name in enumerate(names)} if names is not None else None

    def _value_rows(self, records, cache: dict) -> _Rows:
        vocabulary = self.value_vocabulary
        key = ("value_features", id(records))
        if key not in cache:  # the same dicts for every model of one prediction
            cache[key] = (records, [
                value_features(r.get("value_raw", "") or "", r.get("unit", "") or "", r.get("name", "") or "") for r in records
            ])
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for feats in cache[key][1]:
            for feature, value in feats.items():
                if isinstance(value, str):
                    feature, value = f"{feature}={value}", 1
                elif not (isinstance(value, Number) or value is None):
                    raise TypeError(f"value feature {feature} is a {type(value).__name__}; expected a number.")
                if feature in vocabulary:
                    indices.append(vocabulary[feature])
                    values.append(np.float64(value))
            indptr.append(len(indices))
        return _rows_from_counts(indices, values, indptr, len(vocabulary))

    def transform(self, records, cache: dict | None = None) -> _Rows:
        """The feature rows of ``records``. ``cache`` (one dict per prediction) shares the
        blocks that several models compute from the same texts; cached rows are not changed."""
        cache = {} if cache is None else cache
        mats = []
        for field, block in self.blocks:
            mat = _block_rows(block, _field(records, field), cache)
            if field == "description":
                mat = _Rows(mat.data * self.description_weight, mat.indices, mat.indptr, mat.n_cols)
            mats.append(mat)
        if self.value_vocabulary is not None:
            mats.append(self._value_rows(records, cache))
        if not mats:
            return _Rows(np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(len(records) + 1, dtype=np.int64), 0)
        return _hstack(mats)


def _block_rows(block: _TfidfBlock, texts: list[str], cache: dict) -> _Rows:
    """block.transform(texts), computed once per prediction for the same block and texts."""
    key = ("block", id(block))
    for cached_texts, rows in cache.get(key, ()):
        if cached_texts == texts:
            return rows
    rows = block.transform(texts)
    cache.setdefault(key, []).append((texts, rows))
    return rows


def _stored_rows(spec: dict, arrays) -> _Rows:
    return _Rows(arrays[spec["data"]], arrays[spec["indices"]], arrays[spec["indptr"]], int(spec["shape"][1]))


class _LogisticModel:
    """IndicatorClassifier.predict_proba / predict_with_confidence."""

    def __init__(self, spec: dict, arrays, blocks: list[_TfidfBlock]):
        self.features = _Features(spec["features"], blocks)
        self.classes_ = np.asarray(spec["classes"])
        self.probability = spec["probability"]
        self.coef_t = np.ascontiguousarray(arrays[spec["coef"]].T)
        self.intercept = arrays[spec["intercept"]]

    def predict_proba(self, records, cache: dict | None = None) -> np.ndarray:
        scores = _times_dense(self.features.transform(records, cache), self.coef_t) + self.intercept
        if self.probability == "logistic":
            positive = _expit(scores.reshape(-1))
            return np.vstack([1 - positive, positive]).T
        scores -= scores.max(axis=1).reshape((-1, 1))
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape((-1, 1))
        return scores

    def predict_with_confidence(self, records, cache: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
        proba = self.predict_proba(records, cache)
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
            self.nearest_t = _stored_rows(nearest["matrix_t"], arrays)
        else:
            self.nearest_block = None
        linear = spec["linear"]
        if linear is not None:
            self.linear_features = _Features(linear["features"], blocks)
            self.linear_classes = np.asarray(linear["classes"])
            self.linear_intercept = arrays[linear["intercept"]]
            self.linear_coef_t = _stored_rows(linear["coef_t"], arrays) if "coef_t" in linear else None
            self.linear_dense_t = np.ascontiguousarray(arrays[linear["coef"]].T) if "coef" in linear else None
        else:
            self.linear_features = None

    def _margins(self, names: list[str], cache: dict) -> np.ndarray:
        X = self.linear_features.transform([{"name": n} for n in names], cache)
        if self.linear_coef_t is not None:
            margins = _times_sparse(X, self.linear_coef_t) + self.linear_intercept
        else:
            margins = _times_dense(X, self.linear_dense_t) + self.linear_intercept
        if margins.shape[1] == 1:  # two classes: one margin column, as scikit-learn returns it
            margins = margins.reshape(-1)
        return margins

    def predict_detailed(self, records, cache: dict | None = None):
        cache = {} if cache is None else cache
        names = [r.get("name", "") or "" for r in records]
        exact = [self.exact_index.get(normalize_for_matching(n)) for n in names]
        if self.nearest_block is not None and names:
            X = _block_rows(self.nearest_block, names, cache).copy()
            _normalize_rows_l2(X)  # the classifier normalises the (already unit) rows again
            sims = _times_sparse(X, self.nearest_t)
            best = sims.argmax(axis=1)
            nearest = list(zip(self.nearest_labels[best], sims[np.arange(len(best)), best]))
        else:
            nearest = [(UNKNOWN, 0.0)] * len(names)
        if self.linear_features is not None and names:
            margins = self._margins(names, cache)
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
        cache: dict = {}  # feature blocks the four models share
        dim, dim_conf = self.dimension_.predict_with_confidence(records, cache)
        concepts = self.concept_.predict_detailed(records, cache)
        kind, kind_conf = self.value_kind_.predict_with_confidence(records, cache)
        vague_proba = self.vague_.predict_proba(records, cache)
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
