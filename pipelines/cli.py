"""The ``zhibiao`` command. Each command is a thin adapter over one library call."""
from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="zhibiao 指标: read, classify, check and score budget performance indicator tables.")


@app.command()
def version() -> None:
    """Print the zhibiao version."""
    from nlp import __version__

    typer.echo(__version__)


if __name__ == "__main__":
    app()
