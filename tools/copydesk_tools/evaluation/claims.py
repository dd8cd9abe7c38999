"""Check-worthy claims on ClaimBuster, beside a "contains a number" baseline.

Binary P/R/F1 on the positive class (label 1 = check-worthy factual claim). Copydesk's
check-worthiness is a trained model, so the headline row is 5-fold cross-validated: every
sentence is scored by weights, and a threshold, that never saw it. The shipped weights (trained on all of
ClaimBuster) are scored too, labelled in-sample, as a check that the file matches the code.
"""

from __future__ import annotations

import json
from pathlib import Path

from copydesk_tools.evaluation.scoring import PRF, EvalResult, MissingData
from copydesk_tools.evaluation.weasel import spread
from copydesk_tools import configured

CORPUS = Path("claimbuster") / "train.json"
NUMBER_ENTITIES = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY")


def corpus_path(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    for candidate in (data_dir / CORPUS, data_dir / CORPUS.name, data_dir):
        if candidate.is_file():
            return candidate
    raise MissingData(f"ClaimBuster not found: expected {data_dir / CORPUS} (a JSON list of {{text, label}})")


def load_sentences(data_dir: Path, limit: int | None = None) -> list[tuple[str, bool]]:
    records = json.loads(corpus_path(data_dir).read_text(encoding="utf-8"))
    rows = [(r["text"].strip(), int(r["label"]) == 1) for r in records if r.get("text", "").strip()]
    return spread(rows, limit)


def contains_number(doc) -> bool:
    """The baseline a newsroom would write first: any number in the sentence."""
    return any(t.like_num or t.ent_type_ in NUMBER_ENTITIES for t in doc)


def score(sentences: list[tuple[str, bool]], folds: int = 5) -> tuple[PRF, PRF, PRF]:
    """Cross-validated, shipped-weights (in-sample) and baseline P/R/F1 on these sentences."""
    from bot.analysis import load_nlp
    from bot.analysis.checkworthy import claim_features, is_check_worthy
    from copydesk_tools.evaluation.train_checkworthy import cross_validate

    nlp = load_nlp(configured.model())
    rows, in_sample, baseline = [], PRF(), PRF()
    for doc, (_, gold) in zip(nlp.pipe((text for text, _ in sentences), batch_size=128), sentences):
        rows.append(claim_features(doc[:]))
        in_sample.add(is_check_worthy(doc[:]), gold)
        baseline.add(contains_number(doc), gold)
    cross_validated = cross_validate(rows, [int(gold) for _, gold in sentences], folds=folds)
    return cross_validated, in_sample, baseline


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    sentences = load_sentences(data_dir, limit)
    cross_validated, in_sample, baseline = score(sentences)
    result = EvalResult(task="claims", dataset="ClaimBuster train (label 1 = check-worthy)", items=len(sentences))
    result.rows["copydesk, 5-fold cross-validated"] = cross_validated.row()
    result.rows["copydesk shipped weights (in-sample)"] = in_sample.row()
    result.rows["contains a number"] = baseline.row()
    result.notes.append(f"{sum(gold for _, gold in sentences)} check-worthy sentences; positive class scored")
    result.notes.append("retrain with: python -m copydesk_tools.evaluation.train_checkworthy (ClaimBuster repo is GPL-3.0)")
    return result
