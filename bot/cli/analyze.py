"""`copydesk analyze`: turn SOURCE arguments or a batch file into reports on stdout.

Each source becomes one batch item; all items go through one `analyze_many` pass so the
model batches them. A failed item is reported on stderr and the run goes on (exit 1).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from bot.analysis import ItemError, Report, analyze_many
from bot.analysis.inputs import decode_bytes
from bot.cli.textreport import render_text
from bot.config import get_settings
from bot.fetch import FetchPolicy, fetch_article
from bot.slack.blocks import report_blocks

PROGRESS_THRESHOLD = 20  # items; shorter batches finish before a bar is worth drawing


class UsageError(Exception):
    pass


def items_from_sources(sources: list[str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for source in sources:
        if source == "-":
            raw = sys.stdin.buffer.read()
            items.append(_text_or_html_item("stdin", raw))
        elif source.startswith(("http://", "https://")) or "://" in source:
            items.append({"id": source, "url": source})
        else:
            path = Path(source)
            if not path.is_file():
                raise UsageError(f"{source}: no such file (give a URL, a file or - for stdin)")
            raw = path.read_bytes()
            if path.suffix.lower() in (".html", ".htm"):
                items.append({"id": path.name, "html": raw})
            else:
                items.append(_text_or_html_item(path.name, raw))
    return items


def _text_or_html_item(item_id: str, raw: bytes) -> dict[str, Any]:
    head = decode_bytes(raw[:1024]).lstrip().lower().encode("utf-8")  # a UTF-16 page has a BOM and NULs
    if head.startswith((b"<!doctype html", b"<html")):
        return {"id": item_id, "html": raw}
    return {"id": item_id, "text": raw}


def items_from_batch(path: Path) -> Iterator[dict[str, Any] | ItemError]:
    """Batch items, and for each line that is not a JSON object an ItemError in its place."""
    # Read bytes and decode line by line: one line of bad bytes is that line's error, not the run's.
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                message = f"line {number} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
                yield ItemError(f"line-{number}", message, "bad_line")
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ItemError(f"line-{number}", f"line {number} is not JSON: {exc.msg}", "bad_line")
                continue
            if not isinstance(item, dict):
                yield ItemError(f"line-{number}", f"line {number} is not a JSON object", "bad_line")
                continue
            item.setdefault("id", f"line-{number}")
            yield item


def run_analyze(
    sources: list[str],
    *,
    batch: Path | None,
    output_format: str,
    output: Path | None = None,
    color: bool | None = None,
) -> int:
    settings = get_settings()
    try:
        items = list(items_from_sources(sources))
    except UsageError as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return 2
    if batch is not None:
        if not batch.is_file():
            print(f"copydesk: {batch}: no such batch file", file=sys.stderr)
            return 2
        stream = _chain(items, items_from_batch(batch))
        total = len(items) + _count_lines(batch)
    else:
        stream = iter(items)
        total = len(items)
    out: TextIO = output.open("w", encoding="utf-8") if output else sys.stdout
    if output_format == "text" and color is None:
        color = out.isatty()
    failures = 0
    policy = FetchPolicy.from_settings(settings)

    def fetcher(url: str):
        return fetch_article(url, policy)

    results = analyze_many(stream, model=settings.spacy_model, max_chars=settings.max_chars, fetcher=fetcher, errors="collect")
    try:
        with _progress(total) as advance:
            for result in results:
                if isinstance(result, ItemError):
                    failures += 1
                    _report_failure(result, out, output_format)
                else:
                    _write(out, result, output_format, color=bool(color))
                advance()
    finally:
        if output:
            out.close()
    return 1 if failures else 0


def _chain(first, second):
    yield from first
    yield from second


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _report_failure(error: ItemError, out: TextIO, output_format: str) -> None:
    """On stderr always; in jsonl output also as an {"id","error","code"} line, as the README promises."""
    print(f"copydesk: {error.id}: {error.error}", file=sys.stderr)
    if output_format == "jsonl":
        out.write(json.dumps(error.to_dict(), ensure_ascii=False) + "\n")


def _write(out: TextIO, report: Report, output_format: str, *, color: bool) -> None:
    if output_format == "json":
        out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif output_format == "jsonl":
        out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    elif output_format == "blocks":
        # A CLI report is not stored, so it has no buttons: they would point at no report.
        blocks = report_blocks(report, report_id=None)
        out.write(json.dumps({"blocks": [b.to_dict() for b in blocks]}, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_text(report, color=color) + "\n")
    out.flush()


class _progress:
    """A rich progress bar on stderr for long batches on a terminal; silent otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total >= PROGRESS_THRESHOLD and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            task = self.bar.add_task("analysing", total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
