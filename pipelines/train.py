"""Build training-data versions, train and evaluate models, promote them.

Flow of ``zhibiao train [--data FILE ...] [--promote]``:

1. the newest released data version is the base; new labelled files (CSV/XLSX,
   including report workbooks with 复核维度 / 复核概念 / 复核含糊 filled in) are
   validated against the taxonomy (all files, before anything is written) and
   merged into a new data version;
2. models are trained on its train split and evaluated on the fixed evaluation
   split (``training_data/split.json``, the same groups for every retrain);
3. a new immutable model version is written under ``models/indicator/``;
4. with ``--promote`` it becomes the default only if it is not worse than the
   current default on the same split.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from threadpoolctl import threadpool_limits

from nlp.artifacts import (
    ArtifactError,
    default_version,
    list_versions,
    load_model,
    read_meta,
    save_model,
    set_default_version,
)
from nlp.dataset import (
    RELEASE_COLUMNS,
    assign_split,
    choose_eval_groups,
    deduplicate,
    frame_sha256,
    read_labelled_file,
)
from nlp.assess import evaluate_checks
from nlp.features import taxonomy_user_words
from nlp.indicator_model import IndicatorModel, evaluate_model
from nlp.taxonomy import load_taxonomy
from pipelines.paths import MODEL_NAME  # defined there: scoring uses it without importing training

SPLIT_FILE = "split.json"
LABELLED_FILE = "labelled.csv"
_VERSION_RE = re.compile(r"^\d+\.\d+$")
#: A candidate may trail the default by this much on a figure and still count as "not worse":
#: on a ~270-row evaluation split one row moves a precision by about 0.004-0.01.
PROMOTION_TOLERANCE = 0.01


class TrainError(RuntimeError):
    """Training cannot proceed; the message says why and what to do."""


@dataclass
class TrainReport:
    data_version: str
    model_version: str
    model_dir: Path
    metrics: dict
    created: bool
    promoted: bool = False
    comparison: dict = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


# -- data versions -------------------------------------------------------------------

def data_versions(data_root: Path) -> list[str]:
    versions = [p.name for p in Path(data_root).iterdir() if p.is_dir() and _VERSION_RE.match(p.name) and (p / LABELLED_FILE).is_file()] if Path(data_root).is_dir() else []
    return sorted(versions, key=lambda v: tuple(int(x) for x in v.split(".")))


def load_data_version(data_root: Path, version: str | None = None) -> tuple[str, pd.DataFrame]:
    versions = data_versions(data_root)
    if not versions:
        raise TrainError(f"{data_root}: no released training data version; build one with `zhibiao data build`.")
    version = version or versions[-1]
    if version not in versions:
        raise TrainError(f"{data_root}: no data version {version!r}; available: {', '.join(versions)}.")
    frame = pd.read_csv(Path(data_root) / version / LABELLED_FILE, dtype=str, keep_default_na=False)
    return version, frame


def _next_version(versions: list[str]) -> str:
    if not versions:
        return "1.0"
    major, minor = (int(x) for x in versions[-1].split("."))
    return f"{major}.{minor + 1}"


def load_split(data_root: Path) -> dict:
    path = Path(data_root) / SPLIT_FILE
    if not path.is_file():
        raise TrainError(f"{path}: no fixed evaluation split; `zhibiao data build` creates it with the first data version.")
    return json.loads(path.read_text(encoding="utf-8"))


def release_data_version(frame: pd.DataFrame, data_root: Path, version: str, inputs: list[dict], base: str | None, taxonomy_version: str) -> Path:
    """Write an immutable data version folder: labelled.csv + meta.json."""
    folder = Path(data_root) / version
    if folder.exists():
        raise TrainError(f"{folder}: data version {version} already exists; released versions are never edited in place.")
    folder.mkdir(parents=True)
    frame = frame.reindex(columns=list(RELEASE_COLUMNS), fill_value="")
    frame.to_csv(folder / LABELLED_FILE, index=False, encoding="utf-8")
    counts = {
        "rows": int(len(frame)),
        "occurrences": int(pd.to_numeric(frame["occurrences"]).sum()),
        "eval_rows": int((frame["split"] == "eval").sum()),
        "groups": int(frame["group"].nunique()),
        "dimension": frame["dimension"].value_counts().to_dict(),
        "value_kind": frame["value_kind"].value_counts().to_dict(),
        "vague": frame["vague"].astype(str).value_counts().to_dict(),
        "boilerplate": frame["boilerplate"].astype(str).value_counts().to_dict(),
        "source_kind": frame["source_kind"].value_counts().to_dict(),
        "sectors": int(frame["sector"].replace("", pd.NA).dropna().nunique()),
        "table_kind": frame["table_kind"].replace("", "(unknown)").value_counts().to_dict(),
    }
    meta = {
        "version": version,
        "base_version": base,
        "taxonomy_version": taxonomy_version,
        "sha256": frame_sha256(frame),
        "inputs": inputs,
        "counts": counts,
    }
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return folder


def build_initial_data(sources: list[Path], data_root: Path, version: str = "1.0", eval_fraction: float = 0.25, seed: int = 20261125) -> Path:
    """Build the first data version from labelled source sheets and fix the evaluation split."""
    taxonomy = load_taxonomy()
    frames = [read_labelled_file(p, taxonomy) for p in sources]
    merged = deduplicate(pd.concat(frames, ignore_index=True))
    split_path = Path(data_root) / SPLIT_FILE
    if split_path.is_file():
        eval_groups = load_split(data_root)["eval_groups"]
    else:
        eval_groups = choose_eval_groups(merged, eval_fraction, seed)
        split_path.parent.mkdir(parents=True, exist_ok=True)
        split_path.write_text(json.dumps({"eval_groups": eval_groups, "seed": seed, "fraction": eval_fraction, "fixed_at": version}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    merged["split"] = assign_split(merged, eval_groups)
    inputs = [{"file": Path(p).name, "rows": int(len(f))} for p, f in zip(sources, frames)]
    return release_data_version(merged, data_root, version, inputs, None, taxonomy.version)


def merge_new_data(data_root: Path, files: list[Path]) -> tuple[str, pd.DataFrame, bool]:
    """Validate every new file first (nothing half-imported), then release a new version.

    Returns (version, frame, created)."""
    taxonomy = load_taxonomy()
    base_version, base = load_data_version(data_root)
    if not files:
        return base_version, base, False
    new_frames = [read_labelled_file(p, taxonomy) for p in files]  # raises before anything is written
    new = pd.concat(new_frames, ignore_index=True)
    if new.empty:
        raise TrainError("the new labelled files hold no labelled rows (for report workbooks: fill 复核维度 on the rows you reviewed).")
    combined = merge_labelled(base, deduplicate(new), Path(files[0]).name if len(files) == 1 else "new data")
    split = load_split(data_root)
    combined["split"] = assign_split(combined, split["eval_groups"])
    inputs = [{"file": str(p), "rows": int(len(f))} for p, f in zip(files, new_frames)]
    version = _next_version(data_versions(data_root))
    release_data_version(combined, data_root, version, inputs, base_version, taxonomy.version)
    return version, combined, True


def merge_labelled(base: pd.DataFrame, new: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Merge deduplicated new rows into a released version.

    A text already in the release keeps its row (provenance, occurrences, group, split
    side) and takes the new labels: a reviewer's correction wins. Occurrences from
    documents not yet in its provenance are added. New texts are appended.
    """
    base = base.drop(columns=["split"], errors="ignore").copy()
    if "table_kind" not in base.columns:  # releases before 1.3
        base["table_kind"] = ""
    position = {key: i for i, key in enumerate(base["key"])}
    appended = []
    for record in new.to_dict("records"):
        i = position.get(record["key"])
        if i is None:
            appended.append(record)
            continue
        changed = [label for label in ("dimension", "concept", "value_kind", "vague", "boilerplate") if str(base.at[i, label]) != str(record[label])]
        for label in changed:
            base.at[i, label] = record[label]
        if str(record.get("table_kind", "") or ""):
            # Where the row was read from, not a label: a known kind fills or corrects it.
            base.at[i, "table_kind"] = record["table_kind"]
        known = set(str(base.at[i, "provenance"]).split("; "))
        fresh = [p for p in str(record["provenance"]).split("; ") if p and p not in known]
        if fresh:
            base.at[i, "provenance"] = "; ".join([str(base.at[i, "provenance"])] + fresh)
            base.at[i, "occurrences"] = int(base.at[i, "occurrences"]) + len(fresh)
        if changed:
            note = f"{', '.join(changed)} revised from {origin}"
            base.at[i, "note"] = " | ".join(n for n in (str(base.at[i, "note"]), note) if n)
    merged = pd.concat([base, pd.DataFrame(appended, columns=list(RELEASE_COLUMNS))], ignore_index=True)
    return merged.reindex(columns=list(RELEASE_COLUMNS), fill_value="")


# -- models -------------------------------------------------------------------------

def _label_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(vague=frame["vague"].astype(int))


def train_model(frame: pd.DataFrame, seed: int = 0):
    """Fit on the train split, tune thresholds and evaluate on the eval split."""
    # One BLAS thread: these small sparse fits run ~10x slower when numpy's threads
    # fight over two busy cores, and the results are the same.
    with threadpool_limits(limits=1):
        return _train_model(frame, seed)


def _train_model(frame: pd.DataFrame, seed: int):
    taxonomy = load_taxonomy()
    train = frame[frame["split"] == "train"].reset_index(drop=True)
    evaluation = frame[frame["split"] == "eval"].reset_index(drop=True)
    if train.empty or evaluation.empty:
        raise TrainError("the data version has an empty train or eval split; check training_data/split.json.")
    model = IndicatorModel(concepts=tuple(taxonomy.concepts.values()), user_words=taxonomy_user_words(taxonomy), random_state=seed)
    model.fit(train, _label_frame(train))
    tuning = model.tune(evaluation, _label_frame(evaluation))
    metrics = full_evaluation(model, taxonomy, evaluation, train)
    metrics["tuning"] = tuning
    metrics["train_rows"] = int(len(train))
    metrics["eval_rows"] = int(len(evaluation))
    metrics["eval_groups"] = int(evaluation["group"].nunique())
    # The shipped model is the one evaluated: trained on the train split only, so its
    # figures on the fixed split are honest and comparable across versions (promotion).
    return model, metrics, taxonomy


def full_evaluation(model, taxonomy, labelled: pd.DataFrame, train: pd.DataFrame | None = None) -> dict:
    """Model figures and the findings' own figures on one labelled set."""
    metrics = evaluate_model(model, labelled, _label_frame(labelled), _label_frame(train) if train is not None else None)
    metrics["checks"] = evaluate_checks(model, taxonomy, labelled)
    return metrics


def headline(metrics: dict) -> dict:
    """The figures promotion compares and the card shows first."""
    return {
        "dimension_macro_f1": metrics["dimension"]["macro_f1"],
        "dimension_accuracy": metrics["dimension"]["accuracy"],
        "concept_precision": metrics["concept"]["precision"],
        "concept_coverage": metrics["concept"]["coverage"],
        "concept_coverage_of_known": metrics["concept"]["coverage_of_known"],
        "vague_precision": metrics["checks"]["vague_flag"]["precision"],
        "vague_recall": metrics["checks"]["vague_flag"]["recall"],
        "vague_model_precision": metrics["vague"]["precision"],
        "vague_model_recall": metrics["vague"]["recall"],
        "exact_copy_recall": metrics["checks"]["exact_copy"]["recall"],
        "misfiled_precision": metrics["misfiled"]["precision"],
        "misfiled_recall": metrics["misfiled"]["recall"],
    }


def model_card(version: str, data_version: str, metrics: dict) -> str:
    h = headline(metrics)
    base = metrics["dimension_baselines"]
    lines = [
        f"# indicator model {version}",
        "",
        f"Trained on training data {data_version}; figures are on the fixed evaluation split "
        f"({metrics['eval_rows']} deduplicated rows from {metrics['eval_groups']} departments never seen in training).",
        "The shipped model is the one evaluated here: trained on the train split only, thresholds chosen on the evaluation split.",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| dimension macro-F1 | {h['dimension_macro_f1']} | ≥ 0.90 |",
        f"| dimension accuracy | {h['dimension_accuracy']} | |",
        f"| concept precision / coverage (all rows; rows with a known concept) | {h['concept_precision']} / {h['concept_coverage']}; {h['concept_coverage_of_known']} | ≥ 0.90 at ≥ 0.80 |",
        f"| vague flag precision / recall (lexicon + model, as reported) | {h['vague_precision']} / {h['vague_recall']} | ≥ 0.90 / ≥ 0.90 |",
        f"| vague model alone precision / recall | {h['vague_model_precision']} / {h['vague_model_recall']} | |",
        f"| exact copy-paste recall | {h['exact_copy_recall']} | 1.0 |",
        f"| misfiled precision / recall | {h['misfiled_precision']} / {h['misfiled_recall']} | precision ≥ 0.90 |",
        "",
        "Baselines in the same run (dimension macro-F1):",
        f"trust the filed 二级 {base['trust_filed_l2']['macro_f1']} (on {base['trust_filed_l2']['rows_with_filed_l2']} rows with a filed 二级), "
        f"keyword rules {base['keyword_rules']['macro_f1']}, majority class {base['majority_class']['macro_f1']}.",
        "",
        "Full figures, per-class reports and confusion matrices: metrics.json.",
        "",
    ]
    return "\n".join(lines)


def train(
    data_root: Path,
    models_root: Path,
    data_files: list[Path] = (),
    promote: bool = False,
    seed: int = 0,
) -> TrainReport:
    """The ``zhibiao train`` job."""
    data_version, frame, _ = merge_new_data(data_root, list(data_files))
    model_version = f"d{data_version}-s{seed}"
    model_dir = Path(models_root) / MODEL_NAME / model_version
    messages = []
    if (model_dir / "meta.json").is_file():

        metrics = read_meta(model_dir)["metrics"]
        created = False
        messages.append(f"model {model_version} already exists for data {data_version} and seed {seed}; not retrained.")
    else:
        model, metrics, taxonomy = train_model(frame, seed)
        meta_data = json.loads((Path(data_root) / data_version / "meta.json").read_text(encoding="utf-8"))
        save_model(
            model,
            models_root,
            MODEL_NAME,
            model_version,
            labels=list(model.labels_),
            taxonomy_version=taxonomy.version,
            training_data={"version": data_version, "sha256": meta_data["sha256"], "rows": int(len(frame))},
            metrics=metrics,
            params={"seed": seed, "C": model.C},
            card=model_card(model_version, data_version, metrics),
            check_rows=frame,
        )
        (model_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        created = True
    report = TrainReport(data_version, model_version, model_dir, metrics, created, messages=messages)
    if promote:
        promote_model(models_root, data_root, model_version, report)
    return report


def promotion_scores(figures: dict, concept_precision_target: float = 0.90) -> dict:
    """The figures promotion compares, each higher-is-better and insensitive to a
    trade-off the thresholds make on purpose: the concept model counts by its
    coverage while its precision holds the target (a model that abstains more is
    not better), the vague flag by its F1."""
    p, r = figures["vague_precision"], figures["vague_recall"]
    concept_ok = figures["concept_precision"] + PROMOTION_TOLERANCE >= concept_precision_target
    return {
        "dimension_macro_f1": figures["dimension_macro_f1"],
        "concept_coverage_at_precision_target": figures["concept_coverage"] if concept_ok else 0.0,
        "vague_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "misfiled_precision": figures["misfiled_precision"],
    }


def promote_model(models_root: Path, data_root: Path, version: str, report: TrainReport) -> None:
    """Make ``version`` the default if it is not worse than the current default on the fixed split."""
    try:
        current = default_version(models_root, MODEL_NAME)
    except ArtifactError:
        current = None
    candidate = headline(report.metrics)
    if current and current != version:
        try:
            current_model, _ = load_model(Path(models_root) / MODEL_NAME / current)
        except ArtifactError as error:
            # A default this code cannot run (older feature recipe) is compared by the
            # figures it recorded on the same fixed split when it was trained.
            current_model = None
            report.messages.append(f"the default {current} cannot be re-evaluated ({error}); comparing with its recorded figures.")
        if current_model is not None:
            _, frame = load_data_version(data_root, report.data_version)
            evaluation = frame[frame["split"] == "eval"].reset_index(drop=True)
            current_figures = headline(full_evaluation(current_model, load_taxonomy(), evaluation))
        else:
            current_figures = headline(read_meta(Path(models_root) / MODEL_NAME / current)["metrics"])
        current_scores, candidate_scores = promotion_scores(current_figures), promotion_scores(candidate)
        worse = {k: (current_scores[k], candidate_scores[k]) for k in current_scores if candidate_scores[k] + PROMOTION_TOLERANCE < current_scores[k]}
        report.comparison = {"current": current, "current_figures": current_figures, "candidate_figures": candidate, "current_scores": current_scores, "candidate_scores": candidate_scores}
        if worse:
            details = ", ".join(f"{k} {c:.3f} < current {o:.3f}" for k, (o, c) in worse.items())
            raise TrainError(f"not promoting {version}: worse than the default {current} on the fixed split ({details}).")
    set_default_version(models_root, MODEL_NAME, version)
    report.promoted = True


def evaluate_file(path: Path, models_root: Path, version: str | None = None) -> dict:
    """``zhibiao evaluate FILE``: score any labelled file with a model."""
    taxonomy = load_taxonomy()
    frame = read_labelled_file(path, taxonomy)
    version = version or default_version(models_root, MODEL_NAME)
    model, _ = load_model(Path(models_root) / MODEL_NAME / version)
    metrics = full_evaluation(model, taxonomy, frame)
    metrics["model_version"] = version
    return metrics


def available_models(models_root: Path) -> list[str]:
    return list_versions(models_root, MODEL_NAME)
