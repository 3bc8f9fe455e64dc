"""The ``zhibiao`` command. Each command is a thin adapter over one library call."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="zhibiao 指标: read, classify, check and score budget performance indicator tables.")


@app.command()
def version() -> None:
    """Print the zhibiao version."""
    from nlp import __version__

    typer.echo(__version__)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or folders to read (.txt .md .xlsx .xlsm .xls .et .docx .doc .wps .csv .tsv .pdf .html .htm); folders are read recursively."),
    out: Path = typer.Option(..., "--out", "-o", help="Output file: .csv (UTF-8 with BOM) or .xlsx. Skipped rows go to <out>.skipped.csv."),
) -> None:
    """Read indicator tables into one row per indicator (exit 0 all read, 1 some files failed, 2 usage error)."""
    from pipelines.extract import UsageError, run_extract, summary_line

    try:
        batch, code = run_extract(paths, out)
    except UsageError as error:
        typer.echo(f"zhibiao extract: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(summary_line(batch, out), err=True)
    raise typer.Exit(code)


@app.command()
def score(
    paths: list[Path] = typer.Argument(..., help="Files or folders to score (.txt .md .docx .doc .wps .xlsx .xlsm .xls .et .csv .tsv .pdf .html .htm); folders are read recursively."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for indicators.csv, projects.csv, findings.csv, summary.json, report.xlsx, report.html."),
    model: Optional[str] = typer.Option(None, "--model", help="Model version to use (default: the promoted one; see `zhibiao info`)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes working in parallel: reading files, classifying 20,000+ distinct texts, writing the reports of 100,000+ rows."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
) -> None:
    """Extract, classify, check and score every indicator row; write audit-ready reports (exit 1 if any file failed)."""
    from nlp.artifacts import ArtifactError
    from pipelines import paths as repo_paths
    from pipelines.score import ScoreError, run_score

    if out.exists() and not out.is_dir():
        typer.echo(f"zhibiao score: --out {out} is a file; give a folder for the six report files", err=True)
        raise typer.Exit(2)
    try:
        run = run_score(paths, out, repo_paths.models_dir(), model, workers=workers, progress=progress)
    except (ScoreError, ArtifactError) as error:
        typer.echo(f"zhibiao score: {error}", err=True)
        raise typer.Exit(2) from None
    except OSError as error:  # reading errors are per file; this is the reports failing to be written
        typer.echo(f"zhibiao score: cannot write the reports to {out}: {error.strerror or error}; "
                   "reports already there were left as they were", err=True)
        raise typer.Exit(2) from None
    s = run.summary
    for failure in s["files_failed"]:
        typer.echo(f"failed: {failure['file']}: {failure['reason']}", err=True)
    typer.echo(
        f"{s['files_read']} files read, {len(s['files_failed'])} failed, {s['tables']} tables, "
        f"{s['rows_read']} rows read = {s['rows_scored']} scored + {s['rows_skipped']} skipped, "
        f"{s['projects']} projects, {s['findings']} findings -> {run.out_dir}",
        err=True,
    )
    raise typer.Exit(1 if run.failed_files else 0)


@app.command()
def explain(
    name: str = typer.Argument(..., help="The 三级指标 name."),
    value: str = typer.Option("", "--value", help="The target value (指标值), e.g. ≥95%."),
    l2: str = typer.Option("", "--l2", help="The 二级指标 it was filed under."),
    unit: str = typer.Option("", "--unit", help="计量单位, when separate from the value."),
    model: Optional[str] = typer.Option(None, "--model", help="Model version (default: the promoted one)."),
) -> None:
    """Classify, check and score one indicator row, and say why."""
    from nlp.artifacts import ArtifactError
    from nlp.assess import explain_row
    from nlp.taxonomy import load_taxonomy
    from pipelines import paths as repo_paths
    from pipelines.score import load_scoring_model

    try:
        loaded, _, version = load_scoring_model(repo_paths.models_dir(), model)
    except ArtifactError as error:
        typer.echo(f"zhibiao explain: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(explain_row(name, value, l2, loaded, load_taxonomy(), unit=unit, model_version=version))


from pipelines.cli_models import data_app, evaluate_command, info_command, train_command  # noqa: E402

app.add_typer(data_app, name="data")
app.command("train")(train_command)
app.command("evaluate")(evaluate_command)
app.command("info")(info_command)


if __name__ == "__main__":
    app()
