"""`copydesk bench KIND`: dispatch to the benchmark module for KIND. Benchmarks print figures."""

from __future__ import annotations

import importlib
import sys

KINDS = ("analysis", "slack", "digest", "ingest", "interactive")
WITH_OPTIONS = ("ingest",)  # the others take --quick alone


def run_bench(kind: str, *, quick: bool = False, **options) -> int:
    if kind not in KINDS:
        print(f"copydesk bench: unknown benchmark {kind!r}; choose from {', '.join(KINDS)}", file=sys.stderr)
        return 2
    if options and kind not in WITH_OPTIONS:
        print(f"copydesk bench {kind}: takes only --quick (given: {', '.join(sorted(options))})", file=sys.stderr)
        return 2
    module = importlib.import_module(f"copydesk_tools.benchmarks.{kind}")
    return module.run(quick=quick, **options)
