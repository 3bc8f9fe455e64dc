"""CLI adapters for the model jobs: data build, train, evaluate, info.

pipelines.cli imports this module for every command, ``zhibiao score`` included, so the
training code (scikit-learn, whose import alone is most of a second) is imported inside
the commands that use it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from pipelines import paths
from pipelines.paths import MODEL_NAME

data_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Training-data versions.")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@data_app.command("build")
def data_build(
    sources: list[Path] = typer.Argument(..., help="Labelled source sheets (CSV/XLSX)."),
    version: str = typer.Option("1.0", help="Version to release."),
) -> None:
    """Release a training-data version from labelled source sheets and fix the evaluation split."""
    from nlp.dataset import LabelError
    from nlp.taxonomy import TaxonomyError
    from pipelines.train import TrainError, build_initial_data

    try:
        folder = build_initial_data(sources, paths.training_data_dir(), version)
    except (LabelError, TrainError, TaxonomyError) as exc:
        _fail(str(exc))
    typer.echo(f"released training data {version}: {folder}")


def train_command(
    data: list[Path] = typer.Option([], "--data", help="Newly labelled rows (CSV/XLSX, e.g. a reviewed report.xlsx)."),
    promote: bool = typer.Option(False, "--promote", help="Make the new model the default if it is not worse on the fixed split."),
    seed: int = typer.Option(0, help="Random seed; the same data and seed give the same model."),
) -> None:
    """Merge newly labelled rows into a new data version, train, evaluate on the fixed split, save a model version."""
    from nlp.artifacts import ArtifactError
    from nlp.dataset import LabelError
    from nlp.taxonomy import TaxonomyError
    from pipelines.train import TrainError, headline, train

    try:
        report = train(paths.training_data_dir(), paths.models_dir(), data, promote=promote, seed=seed)
    except (LabelError, TrainError, TaxonomyError, ArtifactError) as exc:
        _fail(str(exc))
    for message in report.messages:
        typer.echo(message, err=True)
    typer.echo(f"data {report.data_version} -> model {MODEL_NAME}/{report.model_version} ({'new' if report.created else 'existing'})")
    for key, value in headline(report.metrics).items():
        typer.echo(f"  {key}: {value}")
    if promote:
        typer.echo(f"promoted {report.model_version} to default")


def evaluate_command(
    file: Path = typer.Argument(..., help="A labelled CSV/XLSX file."),
    model: Optional[str] = typer.Option(None, "--model", help="Model version (default: the promoted one)."),
    json_out: bool = typer.Option(False, "--json", help="Print all figures as JSON."),
) -> None:
    """Score a labelled file with a model and print the figures."""
    from nlp.artifacts import ArtifactError
    from nlp.dataset import LabelError
    from nlp.taxonomy import TaxonomyError
    from pipelines.train import TrainError, evaluate_file, headline

    try:
        metrics = evaluate_file(file, paths.models_dir(), model)
    except (LabelError, TrainError, TaxonomyError, ArtifactError) as exc:
        _fail(str(exc))
    if json_out:
        typer.echo(json.dumps(metrics, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{file}: {metrics['n_rows']} rows, model {metrics['model_version']}")
    for key, value in headline(metrics).items():
        typer.echo(f"  {key}: {value}")


def info_command() -> None:
    """Print model, taxonomy and training-data versions."""
    from nlp import __version__
    from nlp.artifacts import ArtifactError, default_version, read_meta
    from nlp.taxonomy import load_taxonomy
    from pipelines.train import available_models, data_versions, headline

    taxonomy = load_taxonomy()
    typer.echo(f"zhibiao {__version__}")
    typer.echo(f"taxonomy {taxonomy.version}: {len(taxonomy.concepts)} concepts")
    versions = data_versions(paths.training_data_dir())
    typer.echo(f"training data: {', '.join(versions) or 'none'}")
    try:
        default = default_version(paths.models_dir(), MODEL_NAME)
        meta = read_meta(paths.models_dir() / MODEL_NAME / default)
        typer.echo(f"model {MODEL_NAME} {default} (default), data {meta['training_data']['version']}, taxonomy {meta['taxonomy_version']}, created {meta['created_at']}")
        for key, value in headline(meta["metrics"]).items():
            typer.echo(f"  {key}: {value}")
    except ArtifactError as exc:
        typer.echo(f"model: {exc}")
    others = [v for v in available_models(paths.models_dir())]
    typer.echo(f"model versions: {', '.join(others) or 'none'}")
