"""The `copydesk` command line. Each command parses its options and calls one use case.

Exit codes: 0 ok, 1 some inputs failed (each reported on stderr), 2 usage error.
Heavy imports (spaCy, Slack, SQLAlchemy) happen inside the commands that need them so that
`copydesk --help` stays instant.
"""

from __future__ import annotations

import sys
from enum import Enum
from importlib.metadata import entry_points
from pathlib import Path

import typer

app = typer.Typer(
    help="Copydesk: key facts, named actors and flagged claims for news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
PLUGIN_GROUP = "copydesk.commands"

db_app = typer.Typer(help="Database schema management.", no_args_is_help=True)
app.add_typer(db_app, name="db")


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    blocks = "blocks"


@app.command()
def analyze(
    sources: list[str] = typer.Argument(None, help="URLs, files (.txt, .md, .html) or - for stdin."),
    format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Output format."),
    batch: Path | None = typer.Option(
        None, "--batch", help='JSONL file of {"id","text"}, {"id","html","url"?} or {"id","url"} lines.'
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write reports here instead of stdout."),
    color: bool | None = typer.Option(None, "--color/--no-color", help="Colour the text report (default: on a terminal)."),
) -> None:
    """Analyse articles and print their reports."""
    from bot.cli.analyze import run_analyze

    if not sources and batch is None:
        typer.echo("Give at least one SOURCE (URL, file or -) or --batch FILE. See --help.", err=True)
        raise typer.Exit(2)
    code = run_analyze(sources or [], batch=batch, output_format=format.value, output=output, color=color)
    raise typer.Exit(code)


@app.command()
def doctor(
    serve: bool = typer.Option(False, "--serve", help="Fail unless this set-up can also serve Slack."),
) -> None:
    """Check the Python, spaCy and model versions, configuration, database and Slack token."""
    from bot.cli.doctor import run_doctor

    raise typer.Exit(run_doctor(serve=serve))


@app.command()
def serve(
    socket: bool = typer.Option(False, "--socket", help="Socket Mode (needs SLACK_APP_TOKEN)."),
    http: bool = typer.Option(False, "--http", help="Events API over HTTP."),
    host: str = typer.Option("0.0.0.0", "--host"),
    port: int = typer.Option(3000, "--port"),
    scheduler: bool = typer.Option(True, "--scheduler/--no-scheduler", help="Run the digest scheduler in-process."),
) -> None:
    """Run the Slack app (Socket Mode or HTTP)."""
    from bot.cli.serve import run_serve

    if socket == http:
        typer.echo("Choose exactly one of --socket or --http.", err=True)
        raise typer.Exit(2)
    raise typer.Exit(run_serve(socket_mode=socket, host=host, port=port, with_scheduler=scheduler))


@app.command("scheduler")
def scheduler_command() -> None:
    """Run the digest and feed scheduler alone (one active per database; others stand by)."""
    from bot.cli.scheduler import run_scheduler

    raise typer.Exit(run_scheduler())


@app.command("worker")
def worker_command(
    concurrency: int | None = typer.Option(
        None, "--concurrency", min=1, help="Poll and digest jobs at once (default COPYDESK_WORKER_CONCURRENCY)."
    ),
    queue: list[str] = typer.Option(
        None, "--queue", help="Only these queues: poll, analysis, digest (repeat the option; default all)."
    ),
) -> None:
    """Run one task-queue worker (COPYDESK_TASK_QUEUE=procrastinate): feed polls, analyses, digests."""
    from bot.cli.worker import run_worker

    raise typer.Exit(run_worker(concurrency, queue or []))


@app.command()
def digest(
    channel: str = typer.Argument(..., help="Slack channel id."),
    post: bool = typer.Option(False, "--post", help="Post it to Slack instead of printing it."),
) -> None:
    """Compose (and optionally post) a channel's digest now."""
    from bot.cli.digest import run_digest

    raise typer.Exit(run_digest(channel, post=post))


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("heads")) -> None:
    """Apply migrations up to REVISION (default: all heads)."""
    from bot.config import get_settings
    from bot.store.migrate import upgrade

    settings = get_settings()
    upgrade(revision, url=settings.resolved_database_url)
    typer.echo(f"database at {revision}")
    if settings.task_queue == "procrastinate":
        from bot.tasks import NotPostgres
        from bot.tasks.procrastinate_app import build_app
        from bot.tasks.procrastinate_queue import apply_schema

        try:
            created = apply_schema(build_app(settings.resolved_database_url), settings.resolved_database_url)
        except NotPostgres as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo("task queue schema " + ("created" if created else "already present"))


@db_app.command("current")
def db_current() -> None:
    """Show the database's migration revision."""
    from bot.config import get_settings
    from bot.store.migrate import current

    typer.echo(current(get_settings().resolved_database_url) or "empty")


@db_app.command("rotate-key")
def db_rotate_key() -> None:
    """Re-encrypt every stored Slack token with the first key of COPYDESK_ENCRYPTION_KEY."""
    from bot.config import get_settings
    from bot.store.db import get_engine
    from bot.store.slack_install import rotate_stored_tokens

    settings = get_settings()
    try:
        result = rotate_stored_tokens(get_engine(settings.resolved_database_url), settings.encryption_key)
    except RuntimeError as exc:
        typer.echo(f"error: {exc} Nothing was changed.", err=True)
        raise typer.Exit(2) from exc
    typer.echo(
        f"rotated {result.rotated} stored Slack tokens to the first key"
        f" (and encrypted {result.encrypted} that were stored unencrypted)"
    )


def register_plugin_commands(cli: typer.Typer) -> None:
    """Add the commands that other installed distributions offer under the `copydesk.commands` group.

    The development tools (`tools/`, distribution copydesk-tools: `copydesk eval`, `copydesk bench`)
    are not part of the product; `make install` installs them and they appear here. Each entry point
    names a `register(cli)` function; a broken plugin fails loudly instead of looking absent.
    """
    for entry_point in entry_points(group=PLUGIN_GROUP):
        entry_point.load()(cli)


def main() -> None:  # console-script entry point
    register_plugin_commands(app)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)

