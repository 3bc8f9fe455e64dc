"""The ``zhibiao`` command. Each command is a thin adapter over one library call."""
from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="zhibiao 指标: read, classify, check and score budget performance indicator tables.")


@app.command()
def version() -> None:
    """Print the zhibiao version."""
    from nlp import __version__

    typer.echo(__version__)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or folders to read (.txt .md .xlsx .xlsm .docx .csv .tsv); folders are read recursively."),
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


if __name__ == "__main__":
    app()
