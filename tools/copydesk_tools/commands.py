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
        kind: str = typer.Argument("analysis", help="analysis | slack | digest | ingest | interactive"),
        quick: bool = typer.Option(False, "--quick", help="A smaller run, for a smoke check."),
        feeds: int | None = typer.Option(None, "--feeds", help="ingest: feeds on the farm (default 2,000)."),
        items: int | None = typer.Option(None, "--items", help="ingest: items over them (default 20,000)."),
        seconds: float | None = typer.Option(None, "--seconds", help="ingest: throughput window (default 60)."),
        warmup: float | None = typer.Option(None, "--warmup", help="ingest: seconds after the first report (20)."),
        max_run: float | None = typer.Option(None, "--max-run", help="ingest: seconds to wait for unpolled feeds."),
        analysis_seconds: float | None = typer.Option(
            None, "--analysis-seconds", help="ingest: then analysis jobs alone this long (30; 0 skips)."
        ),
        workers: list[int] | None = typer.Option(
            None, "--workers", help="ingest: worker counts, repeatable (default 1, 2 and 4; 0 alone: baseline only)."
        ),
        baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="ingest: the inline run too."),
        database_url: str | None = typer.Option(
            None, "--database-url", help="ingest: PostgreSQL (default: $COPYDESK_BENCH_DATABASE_URL, else local)."
        ),
        keep_logs: bool = typer.Option(False, "--keep-logs", help="ingest: keep the processes' logs."),
    ) -> None:
        """Print speed and memory figures (a benchmark, not a test)."""
        options = {
            "feeds": feeds, "items": items, "seconds": seconds, "warmup": warmup, "max_run": max_run,
            "analysis_seconds": analysis_seconds,
            "workers": tuple(workers) if workers else None, "database_url": database_url,
            "baseline": None if baseline else False, "keep_logs": keep_logs or None,
        }  # fmt: skip
        raise typer.Exit(run_bench(kind, quick=quick, **{k: v for k, v in options.items() if v is not None}))
