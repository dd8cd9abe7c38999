"""`copydesk eval keyfacts`: key facts on two news corpora of different provenance, each beside Lead-3.

Convention (../shared/data/README.md): ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score,
stemming on, ROUGE-Lsum over newline-separated sentences) of the top three key-fact sentences
against the reference, averaged over articles, beside Lead-3 scored the same way in the same run.

Corpora:
- BBC News Summary (2004-05, extractive summaries). Each article is fed as an editor would paste
  it: the title on the first line, a blank line, then the body with its paragraphs. The
  reference is the summary's sentences one a line, taken from the article sentences the dataset
  says it is made of, or split from its text when that mapping is incomplete.
- CNN/DailyMail (`cnndm_dev/`: abstractive highlights), fed as the file gives it: one line with
  no paragraph breaks, Daily Mail byline headers included, as text pasted from a page often is.
  Scored on all articles, and separately on those that do not open with a Daily Mail byline
  header ("By . Name . PUBLISHED: ..." or "PUBLISHED: ...").

Lead-3 is the README's: the first three sentences of plain spaCy's sentence split (the model
without Copydesk's segmenter) of the article body, so it takes a byline header as a "sentence".
Only the opening 3,000 characters are parsed for it: the split of the first sentences does not
depend on text that far away, and it keeps the baseline's cost small.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy

from bot.analysis import actors as actors_stage
from bot.analysis import sourcing as sourcing_stage
from bot.analysis.facts import rank_key_facts
from bot.analysis.inputs import prepare_text
from bot.analysis.pipeline import load_nlp, resolve_model_name
from bot.analysis.segment import split_sentences
from copydesk_tools.evaluation.scoring import EvalResult, MissingData
from copydesk_tools import configured

BBC_FILE = Path("bbc_news_summary") / "bbc_news_summary.jsonl"
CNNDM_FILE = Path("cnndm_dev") / "cnndm_dev.jsonl"
TOP = 3
METRICS = ("rouge1", "rouge2", "rougeLsum")
LEAD_CHARS = 3000
# All 2,225 BBC articles take most of an hour on a shared machine; every 5th (445, all five
# categories: the file is ordered by category) is the fixed slice `copydesk eval` reports.
BBC_EVERY_NTH = 5
# The dataset joins summary sentences with no space: "...$10.9bn.For the full-year ..."
_SUMMARY_SPLIT = re.compile(r"(?<=[.!?])(?=[A-Z\"'])")
# A Daily Mail page's header as the CNN/DM set keeps it: "By . Name . PUBLISHED: . 14:11 EST ..."
_DAILY_MAIL_HEADER = re.compile(r"(?:By \. |PUBLISHED: \. )")


@dataclass
class KeyFactsArticle:
    id: str
    body: str
    reference: str  # reference sentences, one a line
    title: str = ""

    @property
    def pasted_text(self) -> str:
        return f"{self.title}\n\n{self.body}" if self.title else self.body

    @property
    def has_byline_header(self) -> bool:
        return bool(_DAILY_MAIL_HEADER.match(self.body))


BbcArticle = KeyFactsArticle  # the name the quality test and older callers use


def _read_jsonl(data_dir: Path, relative: Path, limit: int | None) -> list[dict]:
    data_dir = Path(data_dir)
    path = data_dir / relative if (data_dir / relative).exists() else data_dir / relative.name
    if not path.exists():
        raise MissingData(f"{relative.parent} not found at {data_dir / relative}")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(rows) >= limit:
                break
            rows.append(json.loads(line))
    return rows


def load_articles(data_dir: Path, limit: int | None = None) -> list[KeyFactsArticle]:
    """BBC News Summary, in file order (grouped by category)."""
    return [
        KeyFactsArticle(row["id"], row["article"].strip(), _bbc_reference(row), title=row["title"].strip())
        for row in _read_jsonl(data_dir, BBC_FILE, limit)
    ]


def load_cnndm(data_dir: Path, limit: int | None = None) -> list[KeyFactsArticle]:
    return [
        KeyFactsArticle(row["id"], row["article"].strip(), row["highlights"].strip())
        for row in _read_jsonl(data_dir, CNNDM_FILE, limit)
    ]


def _bbc_reference(row: dict) -> str:
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


def top_key_facts(doc) -> list[str]:
    """The top three key facts, from the same stages in the same order as analyze_many runs them."""
    sentences = split_sentences(doc)
    actors = actors_stage.build_actors(doc)
    sourcing = sourcing_stage.attribute(doc, sentences, actors)
    return [f.text for f in rank_key_facts(doc, sentences, sourcing, actors, limit=TOP)]


def score_docs(articles: list[KeyFactsArticle], docs: Iterable) -> tuple[RougeMeans, RougeMeans]:
    """(copydesk top three, Lead-3) over parsed docs aligned with `articles`."""
    return score_subsets(articles, docs, {"all": _every})["all"]


def score_subsets(
    articles: list[KeyFactsArticle], docs: Iterable, subsets: dict[str, Callable[[KeyFactsArticle], bool]]
) -> dict[str, tuple[RougeMeans, RougeMeans]]:
    """For each named subset, (copydesk top three, Lead-3), from one parse of all the articles."""
    means = {name: (RougeMeans(), RougeMeans()) for name in subsets}
    for article, doc, lead3 in zip(articles, docs, lead_three(articles), strict=True):
        facts = top_key_facts(doc)
        for name, keep in subsets.items():
            if keep(article):
                means[name][0].add(article.reference, facts)
                means[name][1].add(article.reference, lead3)
    return means


def parse(texts: list[str]):
    nlp = load_nlp(configured.model())
    return nlp.pipe((prepare_text(t, max_chars=10**9).text for t in texts), batch_size=16)


def lead_three(articles: list[KeyFactsArticle]) -> Iterable[list[str]]:
    """The first three sentences of plain spaCy's split of each body (see the module docstring)."""
    plain = spacy.load(resolve_model_name(configured.model()), exclude=["ner", "lemmatizer", "attribute_ruler"])
    bodies = (a.body[:LEAD_CHARS] for a in articles)
    for doc in plain.pipe(bodies, batch_size=16):
        yield [s.text.strip() for s in doc.sents if s.text.strip()][:TOP]


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    bbc = load_articles(data_dir, limit)[:: 1 if limit else BBC_EVERY_NTH]
    cnndm = load_cnndm(data_dir, limit)
    if not bbc or not cnndm:
        raise MissingData(f"no articles in {Path(data_dir) / BBC_FILE} or {Path(data_dir) / CNNDM_FILE}")
    plain = sum(not a.has_byline_header for a in cnndm)
    cnndm_subsets = {f"CNN/DM all ({len(cnndm)})": _every, f"CNN/DM no header ({plain})": _without_header}
    subsets = {
        **score_subsets(bbc, parse([a.pasted_text for a in bbc]), {f"BBC ({len(bbc)})": _every}),
        **score_subsets(cnndm, parse([a.pasted_text for a in cnndm]), cnndm_subsets),
    }
    rows: dict[str, dict[str, float]] = {}
    for name, (ours, lead) in subsets.items():
        rows[f"{name}: copydesk top 3"] = {m: 100 * v for m, v in ours.row().items()}
        rows[f"{name}: Lead-3"] = {m: 100 * v for m, v in lead.row().items()}
    slice_note = f"first {limit} of each corpus" if limit else f"BBC every {BBC_EVERY_NTH}th article, CNN/DM all"
    return EvalResult(
        task="keyfacts",
        dataset=f"BBC News Summary and CNN/DailyMail dev ({slice_note})",
        items=len(bbc) + len(cnndm),
        rows=rows,
        notes=[
            "ROUGE F1 x100 (rouge-score, stemming on, rougeLsum over newline-separated sentences), mean over articles",
            "BBC fed as title line + body; CNN/DM as one line; Lead-3 = first 3 sentences of plain spaCy's split",
            "CNN/DM 'no header' = articles not opening with a Daily Mail byline header (By . / PUBLISHED: .)",
        ],
    )


def _every(article: KeyFactsArticle) -> bool:
    return True


def _without_header(article: KeyFactsArticle) -> bool:
    return not article.has_byline_header
