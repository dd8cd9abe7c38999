"""`copydesk eval`: quality on the development corpora, each task beside its baseline.

Each task lives in its own module exposing `evaluate(data_dir, limit) -> EvalResult`.
The corpora are read from ../shared/data (never copied into the project).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from copydesk_tools.evaluation.scoring import EvalResult, MissingData

TASKS = {
    "extraction": "copydesk_tools.evaluation.extraction",
    "actors": "copydesk_tools.evaluation.actors",
    "attribution": "copydesk_tools.evaluation.attribution",
    "sourcing": "copydesk_tools.evaluation.sourcing",
    "claims": "copydesk_tools.evaluation.claims",
    "weasel": "copydesk_tools.evaluation.weasel",
    "keyfacts": "copydesk_tools.evaluation.keyfacts",
    "language": "copydesk_tools.evaluation.language",
}


def evaluate_task(task: str, data_dir: Path, limit: int | None = None) -> EvalResult:
    module = importlib.import_module(TASKS[task])
    return module.evaluate(Path(data_dir), limit=limit)


def run_eval(task: str, data_dir: Path, limit: int | None = None) -> int:
    tasks = list(TASKS) if task == "all" else [task]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        print(f"copydesk eval: unknown task {unknown[0]!r}; choose from {', '.join(TASKS)} or all", file=sys.stderr)
        return 2
    status = 0
    for name in tasks:
        try:
            result = evaluate_task(name, data_dir, limit)
        except MissingData as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(result.format())
        print()
    return status
