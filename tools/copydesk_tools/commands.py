"""`copydesk eval` and `copydesk bench`, added to the product CLI through the `copydesk.commands` entry points."""

from __future__ import annotations

from pathlib import Path

import typer

from copydesk_tools.benchmarks import run_bench
from copydesk_tools.evaluation import run_eval


def register_eval(cli: typer.Typer) -> None:
    @cli.command("eval")
    def evaluate(
        task: str = typer.Argument(..., help="extraction | actors | attribution | sourcing | claims | weasel | keyfacts | all"),
        data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder of the development corpora."),
        limit: int | None = typer.Option(None, "--limit", help="Use only the first N items (quick check)."),
    ) -> None:
        """Measure analysis quality on the development corpora, beside a baseline."""
        raise typer.Exit(run_eval(task, data, limit=limit))


def register_bench(cli: typer.Typer) -> None:
    @cli.command()
    def bench(
        kind: str = typer.Argument("analysis", help="analysis | slack | digest"),
        quick: bool = typer.Option(False, "--quick", help="A smaller run, for a smoke check."),
    ) -> None:
        """Print speed and memory figures (a benchmark, not a test)."""
        raise typer.Exit(run_bench(kind, quick=quick))
