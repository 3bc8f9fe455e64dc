"""Verified model artifacts (nlp/artifacts.py) and the committed default model."""
from __future__ import annotations

import json
from datetime import datetime
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

import nlp.artifacts as artifacts
from nlp.artifacts import (
    PINNED_LIBRARIES,
    ArtifactError,
    default_version,
    list_versions,
    load_model,
    read_meta,
    save_model,
    set_default_version,
    sha256_file,
    verify_artifact,
)
from nlp.classifiers import IndicatorClassifier
from nlp.dataset import read_labelled_file
from nlp.dimensions import DIMENSIONS
from nlp.taxonomy import load_taxonomy

FIXTURES = Path(__file__).parent / "fixtures" / "train"
REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "models"


@pytest.fixture(scope="module", autouse=True)
def one_blas_thread():
    # Threaded BLAS on a busy 2-core machine makes lbfgs 10x slower, with the same result.
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return read_labelled_file(FIXTURES / "sources_small.csv", load_taxonomy())


@pytest.fixture(scope="module")
def value_kind_model(rows):
    return IndicatorClassifier(use_words=False, use_description=False, value_text=True).fit(rows, rows["value_kind"])


def _save(model, root: Path, version: str = "v1") -> Path:
    return save_model(
        model, root, "indicator", version,
        labels=["quant", "date", "graded", "vague", "empty", "copy"],
        taxonomy_version="1.0",
        training_data={"version": "1.0", "sha256": "ab" * 32, "rows": 251},
        metrics={"accuracy": 0.9},
        params={"C": 8.0},
        card="# value kind v1\n",
    )


def test_save_and_load_round_trip(value_kind_model, rows, tmp_path):
    folder = _save(value_kind_model, tmp_path)
    assert folder == tmp_path / "indicator" / "v1"
    assert sorted(p.name for p in folder.iterdir()) == ["MODEL_CARD.md", "meta.json", "model.joblib"]
    # No staging folder is left beside the version.
    assert sorted(p.name for p in (tmp_path / "indicator").iterdir()) == ["v1"]
    loaded, meta = load_model(folder)
    np.testing.assert_array_equal(loaded.predict(rows), value_kind_model.predict(rows))
    assert meta["name"] == "indicator" and meta["version"] == "v1"
    assert meta["labels"] == ["copy", "date", "empty", "graded", "quant", "vague"]
    assert meta["training_data"] == {"version": "1.0", "sha256": "ab" * 32, "rows": 251}
    assert meta["metrics"] == {"accuracy": 0.9}
    assert meta["params"] == {"C": 8.0}
    assert meta["artifact"]["sha256"] == sha256_file(folder / "model.joblib")
    assert meta["artifact"]["bytes"] == (folder / "model.joblib").stat().st_size
    assert meta["libraries"]["scikit-learn"] == metadata.version("scikit-learn")
    assert set(PINNED_LIBRARIES) <= set(meta["libraries"])
    assert datetime.fromisoformat(meta["created_at"]).utcoffset().total_seconds() == 0
    assert (folder / "MODEL_CARD.md").read_text(encoding="utf-8") == "# value kind v1\n"
    assert list_versions(tmp_path, "indicator") == ["v1"]


def test_tampered_model_is_refused_before_unpickling(value_kind_model, tmp_path, monkeypatch):
    folder = _save(value_kind_model, tmp_path)
    model_path = folder / "model.joblib"
    expected = read_meta(folder)["artifact"]["sha256"]
    data = bytearray(model_path.read_bytes())
    data[len(data) // 2] ^= 0x01
    model_path.write_bytes(bytes(data))
    actual = sha256_file(model_path)
    assert actual != expected

    def no_unpickling(*args, **kwargs):
        raise AssertionError("joblib.load was called on a tampered file")

    monkeypatch.setattr(artifacts.joblib, "load", no_unpickling)
    with pytest.raises(ArtifactError) as caught:
        load_model(folder)
    assert str(caught.value) == (
        f"{model_path}: sha256 {actual[:12]}… does not match meta.json ({expected[:12]}…); "
        "the file was changed after training. Refusing to load it: retrain with `zhibiao train` or restore the file."
    )


def test_other_scikit_learn_version_is_refused(value_kind_model, tmp_path, monkeypatch):
    folder = _save(value_kind_model, tmp_path)
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    installed = metadata.version("scikit-learn")
    major, minor = (int(x) for x in installed.split(".")[:2])
    # Another patch release of the same major.minor is accepted.
    meta["libraries"]["scikit-learn"] = f"{major}.{minor}.99"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    assert verify_artifact(folder)["libraries"]["scikit-learn"] == f"{major}.{minor}.99"

    other = f"{major}.{minor + 1}.0"
    meta["libraries"]["scikit-learn"] = other
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(artifacts.joblib, "load", lambda *a, **k: pytest.fail("unpickled a foreign model"))
    with pytest.raises(ArtifactError) as caught:
        load_model(folder)
    assert str(caught.value) == (
        f"{folder}: model was trained with scikit-learn {other} (installed {installed}); "
        "install the versions it was trained with, or retrain with `zhibiao train`."
    )


def test_numpy_is_checked_by_major_release(value_kind_model, tmp_path):
    folder = _save(value_kind_model, tmp_path)
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    installed = metadata.version("numpy")
    major, minor = (int(x) for x in installed.split(".")[:2])
    meta["libraries"]["numpy"] = f"{major}.{minor + 3}.0"  # pickles are stable within a major release
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    verify_artifact(folder)
    meta["libraries"]["numpy"] = f"{major - 1}.26.4"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ArtifactError) as caught:
        verify_artifact(folder)
    assert str(caught.value) == (
        f"{folder}: model was trained with numpy {major - 1}.26.4 (installed {installed}); "
        "install the versions it was trained with, or retrain with `zhibiao train`."
    )


def test_saving_over_a_version_is_refused(value_kind_model, tmp_path):
    folder = _save(value_kind_model, tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(ArtifactError) as caught:
        _save(value_kind_model, tmp_path)
    assert str(caught.value) == (
        f"{folder}: version v1 of model 'indicator' already exists; versions are immutable, choose a new version."
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in (tmp_path / "indicator").iterdir()) == ["v1"]


def test_default_version_and_promotion_errors(value_kind_model, tmp_path):
    with pytest.raises(ArtifactError) as caught:
        default_version(tmp_path, "indicator")
    assert str(caught.value) == (
        f"{tmp_path / 'indicator' / 'DEFAULT'}: no default version of model 'indicator'; train one with `zhibiao train --promote`."
    )
    _save(value_kind_model, tmp_path)
    with pytest.raises(ArtifactError) as caught:
        set_default_version(tmp_path, "indicator", "v2")
    assert str(caught.value) == f"{tmp_path / 'indicator' / 'v2'}: no such model version to promote."
    set_default_version(tmp_path, "indicator", "v1")
    assert default_version(tmp_path, "indicator") == "v1"
    with pytest.raises(ArtifactError) as caught:
        verify_artifact(tmp_path / "indicator")
    assert str(caught.value) == f"{tmp_path / 'indicator' / 'meta.json'}: no meta.json; this folder is not a zhibiao model artifact."


# -- the committed default model -------------------------------------------------------

def test_committed_default_model_verifies_and_loads():
    version = default_version(MODELS, "indicator")
    folder = MODELS / "indicator" / version
    meta = verify_artifact(folder)
    data_version = meta["training_data"]["version"]
    data_meta = json.loads((REPO / "training_data" / data_version / "meta.json").read_text(encoding="utf-8"))
    assert version == f"d{data_version}-s{meta['params']['seed']}"
    assert meta["labels"] == sorted(DIMENSIONS)
    assert meta["taxonomy_version"] == load_taxonomy().version == data_meta["taxonomy_version"]
    assert meta["training_data"]["sha256"] == data_meta["sha256"]
    assert meta["training_data"]["rows"] == data_meta["counts"]["rows"]
    assert set(PINNED_LIBRARIES) <= set(meta["libraries"])
    assert meta["artifact"]["sha256"] == sha256_file(folder / "model.joblib")
    assert datetime.fromisoformat(meta["created_at"]).tzinfo is not None
    for figure in ("dimension", "concept", "value_kind", "vague", "misfiled", "checks", "tuning"):
        assert figure in meta["metrics"]
    assert 0.0 < meta["metrics"]["dimension"]["macro_f1"] <= 1.0
    assert json.loads((folder / "metrics.json").read_text(encoding="utf-8")) == meta["metrics"]
    assert (folder / "MODEL_CARD.md").read_text(encoding="utf-8").startswith(f"# indicator model {version}\n")

    model, loaded_meta = load_model(folder)
    assert loaded_meta == meta
    # Rows of its own training data, as labelled in training_data/1.0/labelled.csv.
    pred = model.predict(pd.DataFrame({"name": ["参保对象满意度", "预算执行进度（7月）"], "value_raw": ["≥93%", "40%"]}))
    assert pred["dimension"].tolist() == ["满意度", "时效"]
    assert pred["concept_id"].tolist()[1] == "time.budget_execution_rate"


def test_a_model_of_another_feature_recipe_is_refused(tmp_path):
    """Pickled models call the live feature code: one built under another recipe would see other features."""
    import json

    from nlp.features import FEATURE_RECIPE

    folder = save_model({"toy": 1}, tmp_path, "indicator", "v1", labels=["数量"], taxonomy_version="1.1",
                        training_data={"version": "1.0"}, metrics={})
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["feature_recipe"] == FEATURE_RECIPE
    del meta["feature_recipe"]  # as in models made before the recipe was recorded
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ArtifactError) as caught:
        load_model(folder)
    assert str(caught.value) == (
        f"{folder}: model was built with feature recipe 1, this zhibiao computes recipe {FEATURE_RECIPE}; "
        "its predictions would be wrong. Use a model trained with this version (`zhibiao info` lists them) "
        "or retrain with `zhibiao train`."
    )
