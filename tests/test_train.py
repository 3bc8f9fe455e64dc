"""The training pipeline (pipelines/train.py) and its commands (zhibiao data build / train /
evaluate / info) on a small temp data root built from real labelled rows
(tests/fixtures/train/, see PROVENANCE.md).

One module-scoped root is built and trained once; tests that add data versions or models
work on a copy of it, pointed at by ZHIBIAO_DATA_DIR / ZHIBIAO_MODELS_DIR.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits
from typer.testing import CliRunner

from nlp import __version__
from nlp.artifacts import default_version, list_versions, load_model, read_meta
from nlp.dataset import SOURCE_COLUMNS, frame_sha256
from nlp.taxonomy import load_taxonomy
from pipelines.cli import app
from pipelines.train import (
    TrainReport,
    build_initial_data,
    data_versions,
    headline,
    load_data_version,
    train,
)

FIXTURES = Path(__file__).parent / "fixtures" / "train"
SOURCES = FIXTURES / "sources_small.csv"
NEW_ROWS = FIXTURES / "new_rows.csv"
EVAL_GROUPS = ["lib:aqsiq:fk", "lib:aqsiq:yqsb", "lib:aqsiq:zxjtf", "public:006", "public:010", "seed:001"]
DIMENSION_LIST = "数量 质量 时效 经济成本 社会成本 生态环境成本 经济效益 社会效益 生态效益 可持续影响 满意度"


@pytest.fixture(scope="module", autouse=True)
def one_blas_thread():
    # Threaded BLAS on a busy 2-core machine makes lbfgs 10x slower, with the same result.
    with threadpool_limits(limits=1):
        yield


@dataclass
class Root:
    path: Path

    @property
    def data(self) -> Path:
        return self.path / "training_data"

    @property
    def models(self) -> Path:
        return self.path / "models"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Root, TrainReport]:
    root = Root(tmp_path_factory.mktemp("base"))
    build_initial_data([SOURCES], root.data)
    report = train(root.data, root.models, promote=True)
    return root, report


@pytest.fixture
def workspace(base, tmp_path, monkeypatch) -> Root:
    """A copy of the trained base root, used by the CLI through the environment."""
    root = Root(tmp_path / "root")
    shutil.copytree(base[0].path, root.path)
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(root.data))
    monkeypatch.setenv("ZHIBIAO_MODELS_DIR", str(root.models))
    return root


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- build and train ------------------------------------------------------------------

def test_build_initial_data_fixes_the_split(base):
    root, _ = base
    split = json.loads((root.data / "split.json").read_text(encoding="utf-8"))
    assert split == {"eval_groups": EVAL_GROUPS, "seed": 20261125, "fraction": 0.25, "fixed_at": "1.0"}
    version, frame = load_data_version(root.data)
    meta = json.loads((root.data / "1.0" / "meta.json").read_text(encoding="utf-8"))
    assert version == "1.0" and meta["version"] == "1.0" and meta["base_version"] is None
    assert meta["sha256"] == frame_sha256(frame)
    assert meta["inputs"] == [{"file": "sources_small.csv", "rows": 251}]
    assert meta["counts"]["rows"] == len(frame) == 251  # the fixture rows are already distinct
    assert set(frame.loc[frame["split"] == "eval", "group"]) == set(EVAL_GROUPS)
    assert meta["counts"]["eval_rows"] == int((frame["split"] == "eval").sum()) == 62


def test_train_writes_a_model_with_metrics_and_card(base):
    root, report = base
    assert (report.data_version, report.model_version, report.created, report.promoted) == ("1.0", "d1.0-s0", True, True)
    assert default_version(root.models, "indicator") == "d1.0-s0"
    folder = root.models / "indicator" / "d1.0-s0"
    assert sorted(p.name for p in folder.iterdir()) == ["MODEL_CARD.md", "inference.json", "inference.npz", "meta.json", "metrics.json", "model.joblib"]
    meta = read_meta(folder)
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert meta["metrics"] == metrics == json.loads(json.dumps(report.metrics))
    data_meta = json.loads((root.data / "1.0" / "meta.json").read_text(encoding="utf-8"))
    assert meta["training_data"] == {"version": "1.0", "sha256": data_meta["sha256"], "rows": 251}
    assert meta["params"] == {"seed": 0, "C": 8.0}
    assert (metrics["train_rows"], metrics["eval_rows"], metrics["eval_groups"]) == (189, 62, 6)
    assert metrics["n_rows"] == 62
    for figure in ("dimension", "dimension_baselines", "misfiled", "concept", "value_kind", "vague", "review", "checks", "tuning"):
        assert figure in metrics
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    h = headline(metrics)
    assert card.startswith("# indicator model d1.0-s0\n\nTrained on training data 1.0; figures are on the fixed evaluation split "
                           "(62 deduplicated rows from 6 departments never seen in training).\n")
    assert f"| dimension macro-F1 | {h['dimension_macro_f1']} | ≥ 0.90 |" in card
    assert f"| exact copy-paste recall | {h['exact_copy_recall']} | 1.0 |" in card
    # Trained on 189 rows, the model still beats the majority class on unseen departments.
    assert h["dimension_macro_f1"] > metrics["dimension_baselines"]["majority_class"]["macro_f1"]


def test_same_data_and_seed_give_the_same_model(base, tmp_path):
    root, report = base
    again = train(root.data, tmp_path / "models")
    assert again.model_version == "d1.0-s0" and again.created
    assert json.dumps(again.metrics, sort_keys=True) == json.dumps(report.metrics, sort_keys=True)
    first, _ = load_model(root.models / "indicator" / "d1.0-s0")
    second, _ = load_model(tmp_path / "models" / "indicator" / "d1.0-s0")
    _, frame = load_data_version(root.data)
    rows = pd.concat([frame, pd.read_csv(NEW_ROWS, dtype=str, keep_default_na=False)], ignore_index=True)
    pd.testing.assert_frame_equal(first.predict(rows), second.predict(rows))
    # Asking again for the same data and seed reuses the version instead of retraining.
    reused = train(root.data, tmp_path / "models")
    assert (reused.created, reused.messages) == (False, ["model d1.0-s0 already exists for data 1.0 and seed 0; not retrained."])
    assert reused.metrics == again.metrics


# -- zhibiao train --data ------------------------------------------------------------

def test_train_with_a_bad_label_imports_nothing(workspace):
    good = workspace.path / "good.csv"
    shutil.copy(NEW_ROWS, good)
    bad = pd.read_csv(NEW_ROWS, dtype=str, keep_default_na=False)
    name = bad.at[4, "name"]
    bad.at[4, "dimension"] = "效益指标"
    bad.to_csv(workspace.path / "new.csv", index=False)
    before = tree(workspace.path)
    result = invoke("train", "--data", str(good), "--data", str(workspace.path / "new.csv"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: new.csv: row 6: unknown dimension '效益指标' for '{name}'; expected one of {DIMENSION_LIST}.\n"
    )
    assert result.stdout == ""
    # Neither the good file nor the bad one was imported; no model was trained.
    assert tree(workspace.path) == before
    assert data_versions(workspace.data) == ["1.0"]
    assert list_versions(workspace.models, "indicator") == ["d1.0-s0"]


def test_train_with_new_rows_releases_a_version_and_trains(workspace):
    split_before = (workspace.data / "split.json").read_bytes()
    release_before = tree(workspace.data / "1.0")
    result = invoke("train", "--data", str(NEW_ROWS))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "data 1.1 -> model indicator/d1.1-s0 (new)"
    meta = read_meta(workspace.models / "indicator" / "d1.1-s0")
    assert lines[1:] == [f"  {k}: {v}" for k, v in headline(meta["metrics"]).items()]

    assert data_versions(workspace.data) == ["1.0", "1.1"]
    assert (workspace.data / "split.json").read_bytes() == split_before
    assert tree(workspace.data / "1.0") == release_before
    _, old = load_data_version(workspace.data, "1.0")
    _, new = load_data_version(workspace.data, "1.1")
    data_meta = json.loads((workspace.data / "1.1" / "meta.json").read_text(encoding="utf-8"))
    assert data_meta["base_version"] == "1.0"
    assert data_meta["inputs"] == [{"file": str(NEW_ROWS), "rows": 29}]
    assert data_meta["sha256"] == frame_sha256(new)
    assert len(new) == 251 + 29
    # The evaluation rows are the same rows as before; the new departments all train.
    assert sorted(new.loc[new["split"] == "eval", "key"]) == sorted(old.loc[old["split"] == "eval", "key"])
    assert set(new.loc[new["group"].isin(["public:016", "lib:gx:common"]), "split"]) == {"train"}
    assert (new.loc[new["group"] == "public:016", "provenance"] != "").all()

    assert meta["training_data"] == {"version": "1.1", "sha256": data_meta["sha256"], "rows": 280}
    assert meta["metrics"]["train_rows"] == 189 + 29 and meta["metrics"]["eval_rows"] == 62
    assert list_versions(workspace.models, "indicator") == ["d1.0-s0", "d1.1-s0"]
    assert default_version(workspace.models, "indicator") == "d1.0-s0"  # not promoted without --promote


def test_promote_refuses_a_worse_model(workspace):
    """The candidate learns from the training rows with their labels shuffled: on the
    fixed split it is worse than the default, which stays the default."""
    _, frame = load_data_version(workspace.data)
    shuffled = frame[frame["split"] == "train"].reset_index(drop=True)
    rng = np.random.RandomState(0)
    for column in ("dimension", "concept", "vague"):
        shuffled[column] = rng.permutation(shuffled[column].to_numpy())
    shuffled = shuffled.assign(source_file="shuffled.csv", row_locator=[f"R{i + 2}" for i in range(len(shuffled))])
    shuffled.reindex(columns=list(SOURCE_COLUMNS)).to_csv(workspace.path / "shuffled.csv", index=False)

    result = invoke("train", "--data", str(workspace.path / "shuffled.csv"), "--promote")
    assert result.exit_code == 1
    match = re.fullmatch(
        r"error: not promoting d1\.1-s0: worse than the default d1\.0-s0 on the fixed split \((.+)\)\.\n", result.stderr
    )
    assert match, result.stderr
    comparison = dict(
        (m.group(1), (float(m.group(2)), float(m.group(3))))
        for m in re.finditer(r"(\w+) ([\d.]+) < current ([\d.]+)", match.group(1))
    )
    assert "dimension_macro_f1" in comparison
    assert all(candidate < current for candidate, current in comparison.values())
    assert default_version(workspace.models, "indicator") == "d1.0-s0"
    # The candidate is kept as a version of its own, for inspection.
    assert list_versions(workspace.models, "indicator") == ["d1.0-s0", "d1.1-s0"]
    candidate = read_meta(workspace.models / "indicator" / "d1.1-s0")["metrics"]
    assert comparison["dimension_macro_f1"][0] == pytest.approx(candidate["dimension"]["macro_f1"], abs=0.0005)


# -- zhibiao data build / evaluate / info ---------------------------------------------

def test_data_build_command(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(tmp_path / "data"))
    bad = pd.read_csv(NEW_ROWS, dtype=str, keep_default_na=False)
    bad.at[0, "value_kind"] = "percent"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    result = invoke("data", "build", str(SOURCES), str(tmp_path / "bad.csv"))
    assert result.exit_code == 1
    assert result.stderr == "error: bad.csv: row 2: unknown value_kind 'percent'; expected one of quant date graded vague empty copy.\n"
    assert not (tmp_path / "data").exists()

    result = invoke("data", "build", str(SOURCES))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"released training data 1.0: {tmp_path / 'data' / '1.0'}\n"
    assert data_versions(tmp_path / "data") == ["1.0"]
    result = invoke("data", "build", str(SOURCES))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {tmp_path / 'data' / '1.0'}: data version 1.0 already exists; released versions are never edited in place.\n"
    )


def test_evaluate_command_prints_figures(workspace):
    as_json = invoke("evaluate", str(NEW_ROWS), "--json")
    assert as_json.exit_code == 0, as_json.output
    metrics = json.loads(as_json.stdout)
    assert metrics["model_version"] == "d1.0-s0" and metrics["n_rows"] == 29
    result = invoke("evaluate", str(NEW_ROWS))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"{NEW_ROWS}: 29 rows, model d1.0-s0"] + [
        f"  {k}: {v}" for k, v in headline(metrics).items()
    ]
    assert 0.0 <= metrics["dimension"]["macro_f1"] <= 1.0

    missing = invoke("evaluate", str(NEW_ROWS), "--model", "d9.9-s0")
    assert missing.exit_code == 1
    assert missing.stderr == f"error: {workspace.models / 'indicator' / 'd9.9-s0' / 'meta.json'}: no meta.json; this folder is not a zhibiao model artifact.\n"


def test_info_command_prints_versions(workspace):
    result = invoke("info")
    assert result.exit_code == 0, result.output
    meta = read_meta(workspace.models / "indicator" / "d1.0-s0")
    assert result.stdout.splitlines() == [
        f"zhibiao {__version__}",
        f"taxonomy {load_taxonomy().version}: {len(load_taxonomy().concepts)} concepts",
        "training data: 1.0",
        f"model indicator d1.0-s0 (default), data 1.0, taxonomy {meta['taxonomy_version']}, created {meta['created_at']}",
        *[f"  {k}: {v}" for k, v in headline(meta["metrics"]).items()],
        "model versions: d1.0-s0",
    ]
