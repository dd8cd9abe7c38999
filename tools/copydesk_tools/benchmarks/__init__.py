"""`copydesk bench KIND`: dispatch to the benchmark module for KIND. Benchmarks print figures."""

from __future__ import annotations

import importlib
import sys

KINDS = ("analysis", "slack", "digest")


def run_bench(kind: str, *, quick: bool = False) -> int:
    if kind not in KINDS:
        print(f"copydesk bench: unknown benchmark {kind!r}; choose from {', '.join(KINDS)}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"copydesk_tools.benchmarks.{kind}")
    return module.run(quick=quick)
