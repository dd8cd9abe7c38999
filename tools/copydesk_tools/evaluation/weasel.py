"""Weasel and hedge detection on Szeged WikiWeasel, beside a small hedge-word lexicon.

Each WikiWeasel sentence (label 1 = uncertain) goes through the full pipeline
(`analyze_many`), so the real sourcing stage decides. A sentence counts as a weasel sentence
when any of its entries carries the flag "hedged": that flag is what the report shows a reader
as weasel wording. A vague or anonymous source is a different flag of the report, judged by
`copydesk eval attribution` on PolNeAR; counting it here too ("hedged or a vague source",
"... or anonymous") is kept as diagnostic rows: on WikiWeasel each adds more false flags than
it finds (all 7,343 sentences: hedged 0.656, with vague 0.646, with anonymous too 0.638).
Binary P/R/F1 on the positive class (../shared/data/README.md).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from bot.analysis.report import ANONYMOUS, VAGUE
from copydesk_tools.evaluation.scoring import PRF, EvalResult, MissingData
from copydesk_tools import configured

CORPUS = Path("wikiweasel") / "train.csv"
WEASEL_STATUSES = (VAGUE,)
WEAK_STATUSES = (VAGUE, ANONYMOUS)

# The baseline: the hedge words anyone would list first.
BASELINE_WORDS = frozenset(
    """may might could possibly perhaps probably likely reportedly allegedly apparently
    some many believed thought considered suggest suggests""".split()
)
_WORD = re.compile(r"[a-z]+")


def corpus_path(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    for candidate in (data_dir / CORPUS, data_dir / CORPUS.name, data_dir):
        if candidate.is_file():
            return candidate
    raise MissingData(f"WikiWeasel not found: expected {data_dir / CORPUS} (columns text,label)")


def load_sentences(data_dir: Path, limit: int | None = None) -> list[tuple[str, bool]]:
    with corpus_path(data_dir).open(encoding="utf-8", newline="") as handle:
        rows = [(row["text"].strip(), row["label"].strip() == "1") for row in csv.DictReader(handle)]
    rows = [(text, gold) for text, gold in rows if text]
    return spread(rows, limit)


def spread(rows: list, limit: int | None) -> list:
    """`limit` rows evenly spaced through the corpus: the file is sorted by label."""
    if limit is None or limit >= len(rows):
        return rows
    step = len(rows) / max(limit, 1)
    return [rows[int(i * step)] for i in range(limit)]


def baseline_flags(text: str) -> bool:
    return any(word in BASELINE_WORDS for word in _WORD.findall(text.lower()))


def pipeline_flags(texts: list[str]) -> list[tuple[bool, bool, bool]]:
    """For each text: (hedged, hedged or vague, hedged or vague or anonymous)."""
    from bot.analysis import analyze_many

    # One line per item: the pipeline starts a paragraph at every line break.
    items = [{"id": str(i), "text": " ".join(text.split())} for i, text in enumerate(texts)]
    flags = []
    # A sentence the pipeline refuses (too short to look English, say) is simply not flagged.
    for report in analyze_many(items, batch_size=64, errors="collect", **configured.analysis_options()):
        entries = getattr(report, "sentences", [])
        hedged = any("hedged" in s.flags for s in entries)
        statuses = {s.status for s in entries}
        flags.append(
            (hedged, hedged or not statuses.isdisjoint(WEASEL_STATUSES), hedged or not statuses.isdisjoint(WEAK_STATUSES))
        )
    return flags


def score(rows: list[tuple[str, bool]]) -> tuple[PRF, PRF, PRF, PRF]:
    """The "hedged" flag; with vague, and with vague or anonymous sources too (diagnostics); the lexicon."""
    ours, with_vague, with_anonymous, baseline = PRF(), PRF(), PRF(), PRF()
    for (text, gold), (hedged, vague, weak) in zip(rows, pipeline_flags([text for text, _ in rows])):
        ours.add(hedged, gold)
        with_vague.add(vague, gold)
        with_anonymous.add(weak, gold)
        baseline.add(baseline_flags(text), gold)
    return ours, with_vague, with_anonymous, baseline


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    rows = load_sentences(data_dir, limit)
    ours, with_vague, with_anonymous, baseline = score(rows)
    result = EvalResult(task="weasel", dataset="WikiWeasel train (label 1 = uncertain)", items=len(rows))
    result.rows["copydesk (hedged flag)"] = ours.row()
    result.rows["diagnostic: hedged or vague source"] = with_vague.row()
    result.rows["diagnostic: hedged, vague or anonymous source"] = with_anonymous.row()
    result.rows["hedge-word lexicon"] = baseline.row()
    result.notes.append(f"{sum(g for _, g in rows)} uncertain sentences; positive class scored")
    return result
