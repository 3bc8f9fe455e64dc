"""The estimators (nlp/tokenize.py, nlp/classifiers.py, nlp/indicator_model.py) keep the
scikit-learn contract: params in __init__ only, fit returns self, learned state ends in
"_", unfitted use raises NotFittedError, clone works, pickles carry no live jieba object.

Rows are real labelled rows (tests/fixtures/train/sources_small.csv); the concept list is
the taxonomy's concepts those rows use, so fitting takes seconds.
"""
from __future__ import annotations

import inspect
import pickle
import pickletools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from threadpoolctl import threadpool_limits

from nlp.classifiers import UNKNOWN, ConceptClassifier, ConceptPrediction, IndicatorClassifier
from nlp.dataset import read_labelled_file
from nlp.features import taxonomy_user_words
from nlp.indicator_model import PREDICTION_COLUMNS, IndicatorModel
from nlp.taxonomy import load_taxonomy
from nlp.tokenize import JiebaTokenizer

FIXTURES = Path(__file__).parent / "fixtures" / "train"


@pytest.fixture(scope="module", autouse=True)
def one_blas_thread():
    # Threaded BLAS on a busy 2-core machine makes lbfgs 10x slower, with the same result.
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def rows(taxonomy) -> pd.DataFrame:
    return read_labelled_file(FIXTURES / "sources_small.csv", taxonomy).reset_index(drop=True)


@pytest.fixture(scope="module")
def concepts(taxonomy, rows):
    used = set(rows["concept"])
    return tuple(c for c in taxonomy.concepts.values() if c.id in used)


@pytest.fixture(scope="module")
def user_words(taxonomy):
    return taxonomy_user_words(taxonomy)


@pytest.fixture(scope="module")
def indicator_model(rows, concepts, user_words):
    return IndicatorModel(concepts=concepts, user_words=user_words).fit(rows, rows)


@pytest.fixture(scope="module")
def concept_model(rows, concepts, user_words):
    return ConceptClassifier(concepts=concepts, user_words=user_words).fit(rows, rows["concept"])


def _not_fitted(name: str) -> str:
    return (
        f"This {name} instance is not fitted yet. Call 'fit' with labelled rows first, "
        "or load a trained model with nlp.artifacts.load_model."
    )


# -- tokeniser ------------------------------------------------------------------------

def test_tokenizer_keeps_user_words_whole():
    assert JiebaTokenizer(("知晓率",))("医疗救助政策知晓率") == ["医疗", "救助", "政策", "知晓率"]
    # A word jieba's own dictionary lacks is split unless it is a user word.
    assert JiebaTokenizer()("医疗救助一站式结算率") == ["医疗", "救助", "一站式", "结算", "率"]
    assert JiebaTokenizer(("一站式结算率",))("医疗救助一站式结算率") == ["医疗", "救助", "一站式结算率"]
    # Input is normalised first: full-width punctuation dropped, Traditional made Simplified.
    assert JiebaTokenizer(("一站式结算率",))("醫療救助「一站式結算率」") == ["医疗", "救助", "一站式结算率"]


def test_tokenizer_pickles_without_the_jieba_object():
    tokenizer = JiebaTokenizer(("一站式结算率", "知晓率"))
    tokenizer("医疗救助一站式结算率")  # builds the live jieba.Tokenizer
    assert tokenizer._tokenizer is not None
    data = pickle.dumps(tokenizer)
    globals_in_pickle = {arg for op, arg, _ in pickletools.genops(data) if op.name in ("GLOBAL", "STACK_GLOBAL") and arg}
    strings = {arg for op, arg, _ in pickletools.genops(data) if isinstance(arg, str)}
    assert "jieba" not in strings and not any("jieba " in g for g in globals_in_pickle)
    assert {"nlp.tokenize", "JiebaTokenizer"} <= strings
    restored = pickle.loads(data)
    assert vars(restored) == {"user_words": ("一站式结算率", "知晓率"), "_tokenizer": None, "_cache": None}
    assert restored("医疗救助一站式结算率") == ["医疗", "救助", "一站式结算率"]


# -- estimator contract ---------------------------------------------------------------

def _check_init_params(estimator_class, params):
    estimator = estimator_class(**params)
    names = [p for p in inspect.signature(estimator_class.__init__).parameters if p != "self"]
    assert sorted(estimator.get_params(deep=False)) == sorted(names)
    # __init__ stores its arguments unchanged and nothing else.
    assert sorted(vars(estimator)) == sorted(names)
    for key, value in params.items():
        assert getattr(estimator, key) is value
    return estimator


def _check_fit(estimator, fit_args, params_before):
    before = set(vars(estimator))
    assert estimator.fit(*fit_args) is estimator
    learned = set(vars(estimator)) - before
    assert learned and all(name.endswith("_") and not name.startswith("_") for name in learned)
    after = estimator.get_params(deep=False)
    assert after.keys() == params_before.keys() and all(after[k] is params_before[k] for k in after)


def test_indicator_classifier_contract(rows, user_words):
    params = {"user_words": user_words, "C": 2.0, "value_text": True, "class_weight": None}
    estimator = _check_init_params(IndicatorClassifier, params)
    with pytest.raises(NotFittedError) as caught:
        estimator.predict(rows.head(2))
    assert str(caught.value) == _not_fitted("IndicatorClassifier")
    _check_fit(estimator, (rows, rows["vague"]), estimator.get_params(deep=False))
    assert estimator.classes_.tolist() == ["0", "1"]
    proba = estimator.predict_proba(rows.head(5))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    copy = clone(estimator)
    assert type(copy) is IndicatorClassifier and copy.get_params(deep=False) == estimator.get_params(deep=False)
    with pytest.raises(NotFittedError):
        copy.predict(rows.head(2))


def test_indicator_classifier_refuses_a_single_label(rows):
    with pytest.raises(ValueError) as caught:
        IndicatorClassifier().fit(rows.head(3), ["质量", "质量", "质量"])
    assert str(caught.value) == "Cannot fit a classifier on a single label ('质量'): the training data needs at least two."


def test_concept_classifier_contract(rows, concepts, user_words):
    params = {"concepts": concepts, "user_words": user_words, "nearest_threshold": 0.8}
    estimator = _check_init_params(ConceptClassifier, params)
    with pytest.raises(NotFittedError) as caught:
        estimator.predict(rows.head(2))
    assert str(caught.value) == _not_fitted("ConceptClassifier")
    _check_fit(estimator, (rows, rows["concept"]), estimator.get_params(deep=False))
    assert estimator.nearest_threshold_ == 0.8
    assert UNKNOWN in estimator.classes_
    copy = clone(estimator)
    assert copy.get_params(deep=False)["concepts"] == concepts
    with pytest.raises(NotFittedError):
        copy.predict(rows.head(2))


def test_concept_classifier_abstains_and_matches_aliases(concept_model, taxonomy):
    unrelated = concept_model.predict_detailed(["今天天气晴朗适合出游", "猫在窗台上睡觉"])
    assert [p.concept_id for p in unrelated] == [UNKNOWN, UNKNOWN]
    assert [p.method for p in unrelated] == ["abstain", "abstain"]
    concept = taxonomy.concepts["qual.coverage_generic"]
    alias = concept.aliases[0]
    # An alias, with full-width brackets and spaces, is matched exactly.
    assert concept_model.predict_detailed([alias, f" {alias} "]) == [
        ConceptPrediction("qual.coverage_generic", 1.0, "exact"),
        ConceptPrediction("qual.coverage_generic", 1.0, "exact"),
    ]
    assert concept_model.predict(["电子监管企业覆盖率"]).tolist() == ["qual.inspection_coverage"]  # a training name


def test_indicator_model_contract(rows, concepts, user_words, indicator_model):
    params = {"concepts": concepts, "user_words": user_words, "C": 4.0}
    estimator = _check_init_params(IndicatorModel, params)
    with pytest.raises(NotFittedError) as caught:
        estimator.predict(rows.head(2))
    assert str(caught.value) == _not_fitted("IndicatorModel")
    learned = set(vars(indicator_model)) - set(vars(estimator))
    assert learned == {
        "dimension_", "concept_", "value_kind_", "vague_",
        "misfiled_threshold_", "review_threshold_", "vague_threshold_", "labels_",
    }
    copy = clone(indicator_model)
    assert set(vars(copy)) == set(vars(estimator))
    assert copy.get_params(deep=False)["concepts"] == concepts
    with pytest.raises(NotFittedError):
        copy.predict(rows.head(2))


def test_indicator_model_fit_returns_self(rows, concepts, user_words):
    sample = rows.head(60)
    model = IndicatorModel(concepts=concepts[:20], user_words=user_words)
    _check_fit(model, (sample, sample), model.get_params(deep=False))


def test_repeated_rows_predict_like_distinct_rows(rows, indicator_model):
    distinct = rows[["name", "description", "value_raw", "unit"]].drop_duplicates().head(25).reset_index(drop=True)
    order = [0, 1, 0, 2, 2, 2, 1, 3] + list(range(25)) + [24, 0]
    repeated = distinct.iloc[order].reset_index(drop=True)
    expected = indicator_model.predict(distinct).iloc[order].reset_index(drop=True)
    got = indicator_model.predict(repeated)
    assert list(got.columns) == list(PREDICTION_COLUMNS)
    pd.testing.assert_frame_equal(got, expected)
    # And row by row, as a caller scoring one row at a time would see them.
    one_by_one = pd.concat([indicator_model.predict(distinct.iloc[[i]]) for i in (0, 3, 24)], ignore_index=True)
    pd.testing.assert_frame_equal(one_by_one, indicator_model.predict(distinct).iloc[[0, 3, 24]].reset_index(drop=True))


def test_indicator_model_survives_pickling(rows, indicator_model):
    restored = pickle.loads(pickle.dumps(indicator_model))
    sample = rows.head(40)
    pd.testing.assert_frame_equal(restored.predict(sample), indicator_model.predict(sample))
    assert indicator_model.predict(pd.DataFrame(columns=["name"])).columns.tolist() == list(PREDICTION_COLUMNS)
