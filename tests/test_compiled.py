"""The inference-only export (nlp/compiled.py), how artifacts store and verify it
(nlp/artifacts.py), the score path without scikit-learn, and jieba's flat prefix-dictionary
cache (nlp/tokenize.py).

One model is trained per module on the train split of training_data/1.2 (the released data,
as `zhibiao train` does it) and saved into a temp model root; every test reads that copy.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jieba
import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

import nlp.artifacts as artifacts
import nlp.compiled as compiled
import nlp.tokenize as tokenize
from nlp.artifacts import ArtifactError, load_for_scoring, load_model, read_meta, save_model, sha256_file
from nlp.compiled import INFERENCE_FILES, CompiledIndicatorModel, compare_predictions, export_model
from nlp.indicator_model import IndicatorModel
from nlp.prediction import PREDICTION_COLUMNS, model_frame
from nlp.value_features import rows_as_records
from pipelines.score import load_scoring_model, run_score
from pipelines.train import load_data_version, train_model

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "training_data"
SEED_FILE = REPO / "tests" / "fixtures" / "seeds" / "001_ccee6d171f262ac8.txt"
VERSION = "t1.2-s0"


@pytest.fixture(scope="module", autouse=True)
def one_blas_thread():
    # Threaded BLAS on a busy 2-core machine makes lbfgs 10x slower, with the same result.
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    version, frame = load_data_version(DATA, "1.2")
    assert len(frame) == 1197
    return frame


@pytest.fixture(scope="module")
def trained(labelled, tmp_path_factory) -> tuple[IndicatorModel, Path]:
    """(fitted model, its saved version folder) in a temp model root with DEFAULT set."""
    model, metrics, taxonomy = train_model(labelled)
    root = tmp_path_factory.mktemp("models")
    folder = save_model(
        model, root, "indicator", VERSION,
        labels=list(model.labels_), taxonomy_version=taxonomy.version,
        training_data={"version": "1.2", "sha256": "00" * 32, "rows": len(labelled)},
        metrics={"dimension": {"macro_f1": metrics["dimension"]["macro_f1"]}},
        params={"seed": 0, "C": model.C}, check_rows=labelled,
    )
    (root / "indicator" / "DEFAULT").write_text(VERSION + "\n", encoding="utf-8")
    return model, folder


@pytest.fixture
def version_copy(trained, tmp_path) -> Path:
    """A copy of the saved version in its own root, for tests that damage files."""
    target = tmp_path / "indicator" / VERSION
    shutil.copytree(trained[1], target)
    return target


# -- the export predicts what the model predicts ------------------------------------

def test_export_is_saved_beside_the_joblib_model_with_its_sha256(trained):
    _, folder = trained
    assert sorted(p.name for p in folder.iterdir()) == ["MODEL_CARD.md", "inference.json", "inference.npz", "meta.json", "model.joblib"]
    meta = read_meta(folder)
    assert meta["inference"] == {
        "format": compiled.EXPORT_FORMAT,
        "files": [
            {"file": name, "sha256": sha256_file(folder / name), "bytes": (folder / name).stat().st_size}
            for name in INFERENCE_FILES
        ],
    }
    # No pickle anywhere in the export: np.load refuses object arrays with allow_pickle=False.
    with np.load(folder / "inference.npz", allow_pickle=False) as archive:
        assert all(archive[name].dtype != object for name in archive.files)
    spec = json.loads((folder / "inference.json").read_text(encoding="utf-8"))
    assert spec["feature_recipe"] == meta["feature_recipe"]
    assert set(spec["models"]) == {"dimension", "concept", "value_kind", "vague"}
    assert spec["models"]["dimension"]["probability"] == "softmax" and spec["models"]["vague"]["probability"] == "logistic"


def test_compiled_predictions_equal_the_model_on_all_labelled_rows(trained, labelled):
    model, folder = trained
    compiled_model, _ = load_for_scoring(folder)
    assert isinstance(compiled_model, CompiledIndicatorModel)
    expected = model.predict(labelled)
    got = compiled_model.predict(labelled)
    assert list(got.columns) == list(PREDICTION_COLUMNS) and len(got) == 1197
    assert compare_predictions(expected, got) == []
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=0, atol=1e-9)
    # The rows exercise every stage and label the model has.
    assert set(got["concept_method"]) == {"exact", "nearest", "linear", "abstain"}
    assert set(got["dimension"]) >= {"数量", "质量", "时效", "满意度", "社会效益"}
    assert (compiled_model.misfiled_threshold_, compiled_model.review_threshold_, compiled_model.vague_threshold_) == (
        model.misfiled_threshold_, model.review_threshold_, model.vague_threshold_)
    filed = labelled["l2_filed"].tolist()
    np.testing.assert_array_equal(compiled_model.misfiled(got, filed), model.misfiled(expected, filed))
    np.testing.assert_array_equal(compiled_model.needs_review(got), model.needs_review(expected))


@pytest.mark.parametrize("sparse_products", ["numpy", "scipy"])
def test_compiled_probabilities_and_concept_scores_before_rounding(trained, labelled, sparse_products, monkeypatch):
    """The unrounded numbers too: the same operations in the same order as scikit-learn, with
    the sparse products of small batches (numpy) and of large ones (scipy)."""
    monkeypatch.setattr(compiled, "_SCIPY_ABOVE_PRODUCTS", 0 if sparse_products == "scipy" else 10**12)
    model, folder = trained
    compiled_model = CompiledIndicatorModel.load(folder)
    frame = model_frame(labelled)
    records = rows_as_records(frame)
    for name in ("dimension_", "value_kind_", "vague_"):
        np.testing.assert_allclose(getattr(compiled_model, name).predict_proba(records),
                                   getattr(model, name).predict_proba(frame), rtol=0, atol=1e-12)
    expected = model.concept_.predict_detailed(frame)
    got = compiled_model.concept_.predict_detailed(records)
    assert [(p.concept_id, p.method) for p in got] == [(p.concept_id, p.method) for p in expected]
    np.testing.assert_allclose([p.confidence for p in got], [p.confidence for p in expected], rtol=0, atol=1e-12)


def test_repeated_rows_and_chunks_predict_like_the_model(trained, labelled, monkeypatch):
    """Same distinct-text dedup and chunking: a batch larger than a chunk, with repeats."""
    model, folder = trained
    compiled_model = CompiledIndicatorModel.load(folder)
    rows = pd.concat([labelled.iloc[::-1], labelled.iloc[:300]], ignore_index=True)
    monkeypatch.setattr("nlp.prediction.PREDICT_CHUNK_ROWS", 250)
    assert compare_predictions(model.predict(rows), compiled_model.predict(rows)) == []
    empty = compiled_model.predict(pd.DataFrame(columns=["name"]))
    assert empty.columns.tolist() == list(PREDICTION_COLUMNS) and empty.empty


def test_a_model_the_export_does_not_reproduce_is_not_saved(trained, labelled, tmp_path, monkeypatch):
    model, _ = trained
    original = CompiledIndicatorModel._predict_distinct

    def off_by_one_row(self, distinct):
        out = original(self, distinct)
        out.loc[0, "dimension_confidence"] += 0.01
        return out

    monkeypatch.setattr(CompiledIndicatorModel, "_predict_distinct", off_by_one_row)
    with pytest.raises(ArtifactError) as caught:
        save_model(model, tmp_path, "indicator", "bad", labels=list(model.labels_), taxonomy_version="1.1",
                   training_data={"version": "1.2"}, metrics={}, check_rows=labelled.iloc[:50])
    first = float(model.predict(labelled.iloc[:1])["dimension_confidence"][0])
    assert str(caught.value) == (
        "the inference export of this model predicts differently from the model on 50 checked rows "
        f"(dimension_confidence: 1 rows, first row 0: {first!r} vs {first + 0.01!r}); nothing was saved. "
        "nlp/compiled.py no longer reproduces the estimators: fix it first."
    )
    assert not (tmp_path / "indicator" / "bad").exists()


def test_export_refuses_settings_it_does_not_reproduce(trained):
    import copy

    model, _ = trained
    changed = copy.deepcopy(model)
    changed.vague_.features_.text_vectorizers_[0][1].sublinear_tf = False
    with pytest.raises(compiled.ExportError) as caught:
        export_model(changed)
    assert str(caught.value) == "cannot export a TF-IDF block with sublinear_tf=False; extend nlp/compiled.py first."


# -- verification before loading -----------------------------------------------------

@pytest.mark.parametrize("name", INFERENCE_FILES)
def test_a_tampered_inference_file_is_refused_before_reading(version_copy, name, monkeypatch):
    path = version_copy / name
    expected = read_meta(version_copy)["inference"]["files"][INFERENCE_FILES.index(name)]["sha256"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    actual = sha256_file(path)

    def no_reading(*args, **kwargs):
        raise AssertionError("the tampered export was read")

    monkeypatch.setattr(CompiledIndicatorModel, "load", no_reading)
    with pytest.raises(ArtifactError) as caught:
        load_for_scoring(version_copy)
    assert str(caught.value) == (
        f"{path}: sha256 {actual[:12]}… does not match meta.json ({expected[:12]}…); "
        "the file was changed after training. Refusing to load it: retrain with `zhibiao train` or restore the file."
    )


def test_a_missing_inference_file_is_refused(version_copy):
    (version_copy / "inference.npz").unlink()
    with pytest.raises(ArtifactError) as caught:
        load_for_scoring(version_copy)
    assert str(caught.value) == (
        f"{version_copy / 'inference.npz'}: inference file missing; meta.json lists it. "
        "Restore the file, or retrain with `zhibiao train`."
    )


def test_meta_must_list_every_inference_file(version_copy):
    """A meta.json that leaves a file out would let it be read unchecked."""
    meta_path = version_copy / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["inference"]["files"] = meta["inference"]["files"][:1]
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ArtifactError) as caught:
        load_for_scoring(version_copy)
    assert str(caught.value) == (
        f"{meta_path}: lists inference files ['inference.json'], this zhibiao reads ['inference.json', 'inference.npz']; "
        "restore meta.json or retrain with `zhibiao train`."
    )


def test_the_export_does_not_depend_on_the_scikit_learn_version(version_copy):
    """The joblib model needs the scikit-learn it was pickled with; the export needs jieba's."""
    meta_path = version_copy / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["libraries"]["scikit-learn"] = "0.24.2"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    model, _ = load_for_scoring(version_copy)
    assert isinstance(model, CompiledIndicatorModel)
    with pytest.raises(ArtifactError, match=r"scikit-learn 0\.24\.2 \(installed "):
        load_model(version_copy)
    meta["libraries"]["jieba"] = "0.39"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ArtifactError) as caught:
        load_for_scoring(version_copy)
    assert str(caught.value) == (
        f"{version_copy}: model was trained with jieba 0.39 (installed {jieba.__version__}); "
        "install the versions it was trained with, or retrain with `zhibiao train`."
    )


# -- scoring ---------------------------------------------------------------------------

def _report(run_dir: Path) -> dict[str, str]:
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    return {
        "indicators.csv": (run_dir / "indicators.csv").read_text(encoding="utf-8-sig"),
        "findings.csv": (run_dir / "findings.csv").read_text(encoding="utf-8-sig"),
        "projects.csv": (run_dir / "projects.csv").read_text(encoding="utf-8-sig"),
        "summary": {k: v for k, v in summary.items() if k != "generated_at"},
    }


def test_scoring_with_the_export_writes_the_reports_of_the_joblib_model(trained, tmp_path, monkeypatch):
    _, folder = trained
    root = folder.parents[1]
    with_export = run_score([SEED_FILE], tmp_path / "export", root)
    monkeypatch.setattr(artifacts, "has_inference", lambda meta: False)  # as for a version saved without one
    model, _, _ = load_scoring_model(root)
    assert isinstance(model, IndicatorModel)
    with_joblib = run_score([SEED_FILE], tmp_path / "joblib", root)
    assert with_export.summary["rows_scored"] == with_joblib.summary["rows_scored"] > 10
    assert _report(tmp_path / "export") == _report(tmp_path / "joblib")


def test_an_old_version_without_export_is_scored_with_its_joblib_model(trained, tmp_path):
    """d1.2-s0 was saved before exports existed; versions are never changed, so it keeps its joblib model."""
    models = REPO / "models"
    meta = read_meta(models / "indicator" / "d1.2-s0")
    assert "inference" not in meta
    model, _, version = load_scoring_model(models, "d1.2-s0")
    assert isinstance(model, IndicatorModel) and version == "d1.2-s0"
    run = run_score([SEED_FILE], tmp_path / "old", models, "d1.2-s0")
    assert run.summary["model_version"] == "indicator d1.2-s0" and run.summary["rows_scored"] > 10
    # The model trained here from the same data and seed is the same model: its export scores alike.
    run_score([SEED_FILE], tmp_path / "new", trained[1].parents[1])
    old_report, new_report = _report(tmp_path / "old"), _report(tmp_path / "new")
    for report in (old_report, new_report):
        report["summary"].pop("model_version")
        report["summary"].pop("model_trained_on")
    assert old_report == new_report


def _imported_modules(code: str, env: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **(env or {})}, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return set(done.stdout.split())


def test_compiled_module_imports_neither_scikit_learn_nor_scipy():
    modules = _imported_modules("import sys, nlp.compiled; print(' '.join(sys.modules))")
    assert "nlp.compiled" in modules
    assert {m.split(".")[0] for m in modules} & {"sklearn", "scipy", "joblib"} == set()


def test_score_and_explain_commands_import_no_training_code(trained, tmp_path):
    """The cold start: `zhibiao score` and `zhibiao explain` run on the export alone."""
    root = str(trained[1].parents[1])
    heavy = {"sklearn", "scipy", "joblib", "pipelines.train", "nlp.dataset", "nlp.indicator_model",
             "nlp.classifiers", "nlp.features", "nlp.evaluation"}
    for args in (["score", str(SEED_FILE), "--out", str(tmp_path / "out"), "--no-progress"],
                 ["explain", "参保对象满意度", "--value", "≥93%"]):
        code = ("import sys, runpy\n"
                f"sys.argv = ['zhibiao', *{args!r}]\n"
                "try:\n    runpy.run_module('pipelines.cli', run_name='__main__')\n"
                "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
                "print(' '.join(sys.modules))\n")
        modules = _imported_modules(code, {"ZHIBIAO_MODELS_DIR": root})
        assert "nlp.compiled" in modules and "pipelines.score" in modules
        assert {m for m in modules if m in heavy or m.split(".")[0] in heavy} == set(), args
    assert (tmp_path / "out" / "report.xlsx").is_file()


# -- jieba's prefix dictionary cache ----------------------------------------------------

@pytest.fixture
def fresh_jieba_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(tokenize, "_BUILT", {})
    monkeypatch.setattr(tokenize, "_TOKENS", {})
    return tmp_path / "cache" / "jieba"


def _reference_tokenizer(user_words) -> jieba.Tokenizer:
    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tokenize.jieba_cache_dir())
    reference.initialize()  # jieba's own marshal cache
    for word in user_words:
        reference.add_word(word, freq=2000)
    return reference


def test_prefix_dictionary_cache_cuts_as_jieba_does(fresh_jieba_cache, trained, labelled):
    user_words = trained[0].dimension_.features_.text_vectorizers_[1][1].tokenizer.user_words
    first = tokenize.JiebaTokenizer(user_words)._get()  # no cache yet: jieba's own load, then ours written
    flat = tokenize._prefix_dict_path()
    assert flat.parent == fresh_jieba_cache and flat.is_file() and type(first.FREQ) is dict
    reference = _reference_tokenizer(user_words)
    texts = sorted(set(labelled["name"]) | set(labelled["value_raw"]) | set(labelled["description"]))
    expected = [reference.lcut(t, HMM=False) for t in texts]
    assert sum(len(words) for words in expected) > 5000

    # A small file: the tokenizer reads the groups of the characters it meets.
    tokenize._BUILT.clear()
    lazy = tokenize.JiebaTokenizer(user_words)._get()
    assert lazy is not first and lazy.total == reference.total
    names = labelled["name"].tolist()[:40]
    assert [lazy.lcut(t, HMM=False) for t in names] == [reference.lcut(t, HMM=False) for t in names]
    assert isinstance(lazy.FREQ, tokenize._LazyPrefixDict)
    assert 0 < len(lazy.FREQ._source.groups) - len(lazy.FREQ._pending) < 400
    # Then a long run: past the thresholds it cuts from a plain dict, with the same entries.
    assert [lazy.lcut(t, HMM=False) for t in texts] == expected
    assert type(lazy.FREQ) is dict and lazy.FREQ == reference.FREQ == first.FREQ
    assert [first.lcut(t, HMM=False) for t in texts] == expected


def test_lazy_prefix_dictionary_answers_as_the_whole_one(fresh_jieba_cache):
    tokenize.JiebaTokenizer(())._get()  # writes the cache
    reference = _reference_tokenizer(("知晓率", "一站式结算率"))
    tokenizer = jieba.Tokenizer()
    tokenize.initialize_tokenizer(tokenizer)
    lazy = tokenizer.FREQ
    assert isinstance(lazy, tokenize._LazyPrefixDict)
    lazy.add_words(("知晓率", "一站式结算率"), tokenize.USER_WORD_FREQ)
    tokenizer.total += 2 * tokenize.USER_WORD_FREQ
    assert ("知晓" in lazy, lazy.get("知晓率"), lazy["一站式"], lazy.get("一站式结算"), "qqqzzz" in lazy) == (
        "知晓" in reference.FREQ, 2000, reference.FREQ["一站式"], reference.FREQ.get("一站式结算"), False)
    with pytest.raises(KeyError):
        lazy["一站式结算率高"]
    # jieba's own add_word on the lazy dict, as on the whole one.
    tokenizer.add_word("参保率测算", freq=7)
    reference.add_word("参保率测算", freq=7)
    assert tokenizer.lcut("城乡居民参保率测算准确", HMM=False) == reference.lcut("城乡居民参保率测算准确", HMM=False)
    assert lazy == reference.FREQ and len(lazy) == len(reference.FREQ) and tokenizer.total == reference.total


def test_damaged_flat_prefix_dictionary_is_rebuilt(fresh_jieba_cache):
    tokenize.JiebaTokenizer(("知晓率",))._get()
    flat = tokenize._prefix_dict_path()
    flat.write_bytes(flat.read_bytes()[:-8])  # cut short: one count missing
    assert tokenize._read_prefix_dict(flat) is None
    tokenize._BUILT.clear()
    tokenizer = tokenize.JiebaTokenizer(("知晓率",))._get()
    assert type(tokenizer.FREQ) is dict  # jieba's own load
    assert tokenizer.FREQ == _reference_tokenizer(("知晓率",)).FREQ
    assert tokenize._read_prefix_dict(flat) is not None  # written again
