"""`copydesk eval keyfacts`: key facts against the BBC News Summary reference summaries.

Convention (../shared/data/README.md): ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score,
stemming on) of the top three key-fact sentences against the reference summary, averaged over
articles, beside Lead-3 (the article's first three sentences) scored the same way in the same run.

Each article is fed as an editor would paste it: the title on the first line, a blank line,
then the body with its paragraphs. Lead-3 takes the first three sentences of the body as our
own segmenter splits it, so both rows are built from the same sentences. The reference is the
summary's sentences one a line (as ROUGE-Lsum expects), taken from the article sentences the
dataset says it is made of, or split from its text when that mapping is incomplete.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from copydesk_tools.evaluation.scoring import EvalResult, MissingData

BBC_FILE = Path("bbc_news_summary") / "bbc_news_summary.jsonl"
TOP = 3
METRICS = ("rouge1", "rouge2", "rougeLsum")
# The dataset joins summary sentences with no space: "...$10.9bn.For the full-year ..."
_SUMMARY_SPLIT = re.compile(r"(?<=[.!?])(?=[A-Z\"'])")


@dataclass
class BbcArticle:
    id: str
    title: str
    body: str
    reference: str  # summary sentences, one a line

    @property
    def pasted_text(self) -> str:
        return f"{self.title}\n\n{self.body}"


def load_articles(data_dir: Path, limit: int | None = None) -> list[BbcArticle]:
    data_dir = Path(data_dir)
    path = data_dir / BBC_FILE if (data_dir / BBC_FILE).exists() else data_dir / BBC_FILE.name
    if not path.exists():
        raise MissingData(f"BBC News Summary not found at {data_dir / BBC_FILE}")
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(articles) >= limit:
                break
            row = json.loads(line)
            articles.append(BbcArticle(row["id"], row["title"].strip(), row["article"].strip(), _reference(row)))
    return articles


def _reference(row: dict) -> str:
    sentences = row.get("article_sentences") or []
    indices = row.get("summary_sentence_idx") or []
    if row.get("summary_fully_matched") and indices and all(0 <= i < len(sentences) for i in indices):
        return "\n".join(sentences[i].strip() for i in indices)
    return "\n".join(part.strip() for part in _SUMMARY_SPLIT.split(row["summary"]) if part.strip())


class RougeMeans:
    """Mean F1 per metric over the articles added so far."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer  # the eval/test extra; imported only when evaluating

        self._scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
        self._sums = dict.fromkeys(METRICS, 0.0)
        self.count = 0

    def add(self, reference: str, chosen: list[str]) -> None:
        scores = self._scorer.score(reference, "\n".join(chosen))
        for metric in METRICS:
            self._sums[metric] += scores[metric].fmeasure
        self.count += 1

    def row(self) -> dict[str, float]:
        return {m: (self._sums[m] / self.count if self.count else 0.0) for m in METRICS}


def score_docs(articles: list[BbcArticle], docs: Iterable) -> tuple[RougeMeans, RougeMeans]:
    """(copydesk top three, Lead-3) over parsed docs aligned with `articles`."""
    from bot.analysis import actors as actors_stage
    from bot.analysis import sourcing as sourcing_stage
    from bot.analysis.facts import rank_key_facts
    from bot.analysis.segment import split_sentences

    ours, lead = RougeMeans(), RougeMeans()
    for article, doc in zip(articles, docs, strict=True):
        sentences = split_sentences(doc)
        # The same stages, in the same order, as analyze_many runs them.
        actors = actors_stage.build_actors(doc)
        sourcing = sourcing_stage.attribute(doc, sentences, actors)
        facts = rank_key_facts(doc, sentences, sourcing, actors, limit=TOP)
        ours.add(article.reference, [f.text for f in facts])
        body = [s.text for s in sentences if s.paragraph > 0]  # paragraph 0 is the title line
        lead.add(article.reference, body[:TOP])
    return ours, lead


def parse(texts: list[str]):
    from bot.analysis import load_nlp
    from bot.analysis.inputs import prepare_text

    nlp = load_nlp()
    return nlp.pipe((prepare_text(t, max_chars=10**9).text for t in texts), batch_size=16)


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    articles = load_articles(data_dir, limit)
    if not articles:
        raise MissingData(f"no articles in {Path(data_dir) / BBC_FILE}")
    ours, lead = score_docs(articles, parse([a.pasted_text for a in articles]))
    subset = f"first {len(articles)}" if limit else "all"
    return EvalResult(
        task="keyfacts",
        dataset=f"BBC News Summary ({subset} articles)",
        items=len(articles),
        rows={"copydesk top 3 key facts": ours.row(), "baseline: Lead-3": lead.row()},
        notes=["ROUGE F1 (rouge-score, stemming on), mean over articles; text fed as title line + body"],
    )
