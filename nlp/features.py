"""Features of an indicator row for the classifiers.

Text: character n-gram TF-IDF and jieba word TF-IDF over the normalised 三级 name
(and, weighted down, the description). Value: the parsed 指标值 as a few symbolic
features (unit measure type, comparator, percent, date, vague words), because "≥95%"
versus "12月底前" versus "≤65万元" says a lot about the dimension.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp.text import normalize_for_matching
from nlp.tokenize import JiebaTokenizer, char_analyzer
from nlp.targets import parse_target, unit_measure
from nlp.values import parse_value

TEXT_FIELDS = ("name", "description", "value_raw", "unit")

#: Version of the feature code. A pickled model keeps its fitted vocabularies but calls
#: this module's functions for the value features, so a model built under another
#: recipe would silently see different features: bump this whenever the features
#: change, and nlp.artifacts refuses models of another recipe.
FEATURE_RECIPE = 2

_DATE_RE = re.compile(
    r"(\d{4}[-./年]\d{1,2}|\d{1,2}月(底|末|前|份|\d{1,2}日)|年底|年末|年内|季度|上半年|下半年|月底|日前|前完成|之前|以前)"
)
_GRADE_RE = re.compile(r"^(优|良|中|差|优秀|良好|合格|达标|是|否|好|较好|一般|有|无|完成|已完成|未完成|[abcd]级?)$")


def value_features(value_raw: str, unit: str = "", name: str = "") -> dict[str, float]:
    """Symbolic features of a target value; the name only for copy detection."""
    value = normalize_for_matching(value_raw)
    parsed = parse_value(value_raw or "", unit_hint=unit or "")
    feats: dict[str, float] = {
        "unit_measure=" + ((unit_measure(parsed.unit) or "other") if parsed.unit else "none"): 1.0,
        "comparator=" + (parsed.comparator or "none"): 1.0,
        "has_number": 1.0 if parsed.number else 0.0,
        "is_empty": 1.0 if value in ("", "/", "-", "无", "—") else 0.0,
        "is_date": 1.0 if _DATE_RE.search(value) else 0.0,
        "target_kind=" + parse_target(value_raw or "", unit or "").kind: 1.0,
        "is_grade": 1.0 if _GRADE_RE.match(value) else 0.0,
        "len_bucket=" + str(min(len(value) // 4, 6)): 1.0,
    }
    if parsed.number:
        try:
            number = float(parsed.number)
        except ValueError:
            number = 0.0
        feats["number_ge_100"] = 1.0 if number >= 100 else 0.0
        feats["number_is_100"] = 1.0 if number == 100 else 0.0
    norm_name = normalize_for_matching(name)
    if value and norm_name:
        feats["value_in_name"] = 1.0 if value in norm_name or norm_name in value else 0.0
        shared = len(set(value) & set(norm_name)) / max(len(set(value)), 1)
        feats["value_name_char_overlap"] = shared
    return feats


def rows_as_records(rows) -> list[Mapping[str, str]]:
    """Accept a pandas DataFrame, a list of dicts or of IndicatorRow objects."""
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):
        cols = [c for c in TEXT_FIELDS if c in rows.columns]
        frame = rows[cols].fillna("").astype(str)
        return frame.to_dict("records")
    records = []
    for row in rows:
        if isinstance(row, Mapping):
            records.append(row)
        elif isinstance(row, str):
            records.append({"name": row})
        else:
            records.append({f: getattr(row, f, "") for f in TEXT_FIELDS})
    return records


def _field(records: Sequence[Mapping[str, str]], key: str) -> list[str]:
    return [str(r.get(key, "") or "") for r in records]


class IndicatorFeatures(BaseEstimator, TransformerMixin):
    """Sparse features of indicator rows (name, description, value, unit).

    Parameters
    ----------
    user_words : tuple of str
        jieba user dictionary (taxonomy names and aliases); travels in the pickle.
    char_ngram_range : tuple
        Character n-gram range over the normalised name.
    use_words, use_description, use_value : bool
        Which blocks to include. The value-kind model uses mostly the value text.
    value_text : bool
        Add character n-grams of the value text itself (for the value-kind model).
    description_weight : float
        Scale of the description block relative to the name.
    """

    def __init__(
        self,
        user_words: tuple[str, ...] = (),
        char_ngram_range: tuple[int, int] = (1, 3),
        use_words: bool = True,
        use_description: bool = True,
        use_value: bool = True,
        value_text: bool = False,
        description_weight: float = 0.4,
    ):
        self.user_words = user_words
        self.char_ngram_range = char_ngram_range
        self.use_words = use_words
        self.use_description = use_description
        self.use_value = use_value
        self.value_text = value_text
        self.description_weight = description_weight

    def _blocks(self):
        blocks = [("name", TfidfVectorizer(analyzer="char", preprocessor=char_analyzer, ngram_range=self.char_ngram_range, sublinear_tf=True, min_df=1))]
        if self.use_words:
            blocks.append(("name", TfidfVectorizer(tokenizer=JiebaTokenizer(self.user_words), preprocessor=None, lowercase=False, token_pattern=None, sublinear_tf=True)))
        if self.use_description:
            blocks.append(("description", TfidfVectorizer(analyzer="char", preprocessor=char_analyzer, ngram_range=(2, 2), sublinear_tf=True, min_df=2)))
        if self.value_text:
            blocks.append(("value_raw", TfidfVectorizer(analyzer="char", preprocessor=char_analyzer, ngram_range=(1, 2), sublinear_tf=True)))
        return blocks

    def fit(self, rows, y=None):
        records = rows_as_records(rows)
        self.text_vectorizers_ = []
        for field, vectorizer in self._blocks():
            texts = _field(records, field)
            try:
                vectorizer.fit(texts)
            except ValueError:  # e.g. every description empty: the block is left out
                continue
            self.text_vectorizers_.append((field, vectorizer))
        if self.use_value:
            self.value_vectorizer_ = DictVectorizer().fit(self._value_dicts(records))
        else:
            self.value_vectorizer_ = None
        return self

    def _value_dicts(self, records) -> list[dict[str, float]]:
        return [value_features(r.get("value_raw", "") or "", r.get("unit", "") or "", r.get("name", "") or "") for r in records]

    def transform(self, rows):
        records = rows_as_records(rows)
        mats = []
        for field, vectorizer in self.text_vectorizers_:
            mat = vectorizer.transform(_field(records, field))
            if field == "description":
                mat = mat * self.description_weight
            mats.append(mat)
        if self.value_vectorizer_ is not None:
            mats.append(self.value_vectorizer_.transform(self._value_dicts(records)))
        if not mats:
            return sp.csr_matrix((len(records), 0), dtype=np.float64)
        return sp.hstack(mats, format="csr")


def taxonomy_user_words(taxonomy) -> tuple[str, ...]:
    """Names and aliases of a taxonomy, for jieba's user dictionary."""
    words: set[str] = set()
    for concept in getattr(taxonomy, "concepts", {}).values():
        for text in concept_texts(concept, phrasings=False):
            if 2 <= len(text) <= 10:
                words.add(text)
    return tuple(sorted(words))


def concept_texts(concept, phrasings: bool = True) -> list[str]:
    """A concept's name, aliases and (optionally) typical phrasings, non-empty,
    for a taxonomy Concept or a plain dict."""
    get = concept.get if isinstance(concept, Mapping) else (lambda k, d=None: getattr(concept, k, d))
    texts = [get("name", "") or ""]
    texts += list(get("aliases", ()) or ())
    if phrasings:
        texts += list(get("phrasings", ()) or ())
    return [t for t in texts if t]
