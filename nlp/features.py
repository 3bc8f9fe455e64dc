"""Features of an indicator row for the classifiers.

Text: character n-gram TF-IDF and jieba word TF-IDF over the normalised 三级 name
(and, weighted down, the description). Value: the parsed 指标值 as a few symbolic
features (unit measure type, comparator, percent, date, vague words), because "≥95%"
versus "12月底前" versus "≤65万元" says a lot about the dimension.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer

from nlp.tokenize import JiebaTokenizer, char_analyzer
from nlp.value_features import (  # noqa: F401  (re-exported: FEATURE_RECIPE, TEXT_FIELDS, value_features live there)
    FEATURE_RECIPE,
    TEXT_FIELDS,
    _field,
    rows_as_records,
    value_features,
)

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
