"""Self-describing, verified model artifacts (in the spirit of spaCy packages and skops).

An artifact is a folder ``<root>/<name>/<version>/`` holding ``model.joblib``,
``meta.json`` and ``MODEL_CARD.md``. ``meta.json`` records the label set, the
taxonomy version, the training data's sha256, library versions, metrics, the
artifact's sha256 and when it was made. :func:`load_model` checks the sha256
and the library versions *before* unpickling, so a tampered or foreign file is
never loaded. Versions are immutable: saving over an existing version is refused.

An IndicatorModel is also saved as an inference-only export (``inference.json`` and
``inference.npz``, no pickle; :mod:`nlp.compiled`), listed with its sha256 in
``meta.json["inference"]``. :func:`load_for_scoring` verifies and loads the export when
a version has one, without importing scikit-learn, and the joblib model otherwise.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
CARD_FILE = "MODEL_CARD.md"
DEFAULT_FILE = "DEFAULT"

#: Libraries whose versions must match for an unpickled model to behave as trained, and how
#: closely: scikit-learn's pickles are only supported within one minor release; numpy, scipy
#: and joblib keep their pickle formats within a major release.
PINNED_LIBRARIES = ("scikit-learn", "numpy", "scipy", "jieba", "joblib")
_MATCH_PARTS = {"scikit-learn": 2, "jieba": 2, "numpy": 1, "scipy": 1, "joblib": 1}
#: What the inference export depends on: jieba cuts the words, numpy reads and multiplies the
#: arrays, scipy multiplies large batches. scikit-learn and joblib are not used to load or run it.
INFERENCE_LIBRARIES = ("numpy", "scipy", "jieba")


def __getattr__(name: str):
    # joblib is imported when a joblib model is saved or loaded, not by scoring with an
    # export (its import alone is ~50 ms of the cold start); ``artifacts.joblib`` still works.
    if name == "joblib":
        import joblib

        return joblib
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ArtifactError(RuntimeError):
    """A model artifact is missing, tampered with, or made with other library versions."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PINNED_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _compatible(library: str, trained: str, installed: str) -> bool:
    parts = _MATCH_PARTS.get(library, 2)
    return trained.split(".")[:parts] == installed.split(".")[:parts]


def save_model(
    model: Any,
    root: Path,
    name: str,
    version: str,
    *,
    labels: list[str],
    taxonomy_version: str,
    training_data: dict[str, Any],
    metrics: dict[str, Any],
    params: dict[str, Any] | None = None,
    card: str = "",
    check_rows=None,
) -> Path:
    """Write a new immutable artifact version; return its folder.

    An IndicatorModel gets its inference-only export too. With ``check_rows`` (e.g. the
    labelled rows it was trained and evaluated on), the export must predict exactly what
    the model predicts on them, or nothing is saved."""
    import joblib

    target = Path(root) / name / version
    if target.exists():
        raise ArtifactError(f"{target}: version {version} of model '{name}' already exists; versions are immutable, choose a new version.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=target.parent))
    try:
        model_path = staging / MODEL_FILE
        joblib.dump(model, model_path, compress=3)
        inference = _write_inference(model, staging, check_rows)
        meta = {
            "name": name,
            "version": version,
            "created_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            "labels": sorted(labels),
            "taxonomy_version": taxonomy_version,
            "training_data": training_data,
            "libraries": library_versions(),
            "feature_recipe": _feature_recipe(),
            "params": params or {},
            "metrics": metrics,
            "artifact": {"file": MODEL_FILE, "sha256": sha256_file(model_path), "bytes": model_path.stat().st_size},
        }
        if inference is not None:
            meta["inference"] = inference
        (staging / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        (staging / CARD_FILE).write_text(card or f"# {name} {version}\n", encoding="utf-8")
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target


def _write_inference(model: Any, staging: Path, check_rows) -> dict[str, Any] | None:
    """Export an IndicatorModel next to its joblib file; None for other models."""
    from nlp.indicator_model import IndicatorModel

    if not isinstance(model, IndicatorModel):
        return None
    from nlp.compiled import EXPORT_FORMAT, CompiledIndicatorModel, compare_predictions, write_inference

    files = write_inference(model, staging)
    if check_rows is not None:
        differences = compare_predictions(model.predict(check_rows), CompiledIndicatorModel.load(staging).predict(check_rows))
        if differences:
            raise ArtifactError(
                f"the inference export of this model predicts differently from the model on {len(check_rows)} checked rows "
                f"({'; '.join(differences[:5])}); nothing was saved. nlp/compiled.py no longer reproduces the estimators: fix it first."
            )
    return {
        "format": EXPORT_FORMAT,
        "files": [{"file": path.name, "sha256": sha256_file(path), "bytes": path.stat().st_size} for path in files],
    }


def _feature_recipe() -> int:
    from nlp.value_features import FEATURE_RECIPE

    return FEATURE_RECIPE


def read_meta(folder: Path) -> dict[str, Any]:
    meta_path = Path(folder) / META_FILE
    if not meta_path.is_file():
        raise ArtifactError(f"{meta_path}: no meta.json; this folder is not a zhibiao model artifact.")
    try:
        return json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ArtifactError(f"{meta_path}: meta.json is not valid JSON ({exc}).") from None


def _check_sha256(path: Path, expected: str, what: str) -> None:
    if not path.is_file():
        raise ArtifactError(f"{path}: {what} missing; meta.json lists it. Restore the file, or retrain with `zhibiao train`.")
    actual = sha256_file(path)
    if actual != expected:
        raise ArtifactError(
            f"{path}: sha256 {actual[:12]}… does not match meta.json ({expected[:12]}…); "
            "the file was changed after training. Refusing to load it: retrain with `zhibiao train` or restore the file."
        )


def _check_recipe(folder: Path, meta: dict[str, Any]) -> None:
    recipe = meta.get("feature_recipe", 1)  # models made before the recipe was recorded used recipe 1
    if recipe != _feature_recipe():
        raise ArtifactError(
            f"{folder}: model was built with feature recipe {recipe}, this zhibiao computes recipe {_feature_recipe()}; "
            "its predictions would be wrong. Use a model trained with this version (`zhibiao info` lists them) or retrain with `zhibiao train`."
        )


def _check_libraries(folder: Path, meta: dict[str, Any], libraries: tuple[str, ...]) -> None:
    trained = meta.get("libraries", {})
    current = library_versions()
    mismatched = [
        f"{lib} {trained.get(lib)} (installed {current.get(lib)})"
        for lib in libraries
        if trained.get(lib) and not _compatible(lib, trained[lib], current.get(lib, ""))
    ]
    if mismatched:
        raise ArtifactError(
            f"{folder}: model was trained with " + ", ".join(mismatched)
            + "; install the versions it was trained with, or retrain with `zhibiao train`."
        )


def verify_artifact(folder: Path) -> dict[str, Any]:
    """Check sha256 and library versions; return the meta. Raises ArtifactError."""
    folder = Path(folder)
    meta = read_meta(folder)
    model_path = folder / meta.get("artifact", {}).get("file", MODEL_FILE)
    if not model_path.is_file():
        raise ArtifactError(f"{model_path}: model file missing.")
    _check_sha256(model_path, meta.get("artifact", {}).get("sha256", ""), "model file")
    _check_recipe(folder, meta)
    _check_libraries(folder, meta, PINNED_LIBRARIES)
    return meta


def load_model(folder: Path) -> tuple[Any, dict[str, Any]]:
    """Verify, then unpickle. Returns (model, meta)."""
    import joblib

    meta = verify_artifact(folder)
    return joblib.load(Path(folder) / meta["artifact"]["file"]), meta


def has_inference(meta: dict[str, Any]) -> bool:
    """Whether the version was saved with an inference-only export."""
    return bool(meta.get("inference", {}).get("files"))


def verify_inference(folder: Path) -> dict[str, Any]:
    """Check the export's files against their sha256 in meta.json, the feature recipe
    and the libraries the export needs; return the meta. Raises ArtifactError."""
    folder = Path(folder)
    meta = read_meta(folder)
    from nlp.compiled import INFERENCE_FILES

    if not has_inference(meta):
        raise ArtifactError(f"{folder}: this model version has no inference export (older versions have none); load it with load_model.")
    listed = [entry.get("file") for entry in meta["inference"]["files"]]
    if sorted(listed) != sorted(INFERENCE_FILES):  # every file the loader reads is checked, and only those
        raise ArtifactError(
            f"{folder / META_FILE}: lists inference files {listed}, this zhibiao reads {list(INFERENCE_FILES)}; "
            "restore meta.json or retrain with `zhibiao train`."
        )
    for entry in meta["inference"]["files"]:
        _check_sha256(folder / entry["file"], entry.get("sha256", ""), "inference file")
    _check_recipe(folder, meta)
    _check_libraries(folder, meta, INFERENCE_LIBRARIES)
    return meta


def load_inference(folder: Path) -> tuple[Any, dict[str, Any]]:
    """Verify, then read the export into a CompiledIndicatorModel. Returns (model, meta)."""
    from nlp.compiled import EXPORT_FORMAT, CompiledIndicatorModel

    meta = verify_inference(folder)
    if meta["inference"].get("format") != EXPORT_FORMAT:
        raise ArtifactError(
            f"{folder}: inference export format {meta['inference'].get('format')}, this zhibiao reads format {EXPORT_FORMAT}; "
            "use a model trained with this version or retrain with `zhibiao train`."
        )
    return CompiledIndicatorModel.load(folder), meta


def load_for_scoring(folder: Path) -> tuple[Any, dict[str, Any]]:
    """The model to predict with: the inference export when the version has one (no
    scikit-learn import), else the joblib model. Both verified first."""
    if has_inference(read_meta(folder)):
        return load_inference(folder)
    return load_model(folder)


def default_version(root: Path, name: str) -> str:
    path = Path(root) / name / DEFAULT_FILE
    if not path.is_file():
        raise ArtifactError(f"{path}: no default version of model '{name}'; train one with `zhibiao train --promote`.")
    return path.read_text(encoding="utf-8").strip()


def set_default_version(root: Path, name: str, version: str) -> None:
    folder = Path(root) / name
    if not (folder / version / META_FILE).is_file():
        raise ArtifactError(f"{folder / version}: no such model version to promote.")
    tmp = folder / (DEFAULT_FILE + ".tmp")
    tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(tmp, folder / DEFAULT_FILE)


def list_versions(root: Path, name: str) -> list[str]:
    folder = Path(root) / name
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / META_FILE).is_file())
