"""Attribution quality on PolNeAR (sentence level), beside a reporting-verb lexicon baseline.

Convention (../shared/data/README.md): a sentence is "attributed" when a gold Cue span falls
in it; we score the sentences Copydesk marks sourced, vague or anonymous, whatever made them so.
That status-based figure is the "copydesk" row, the one the project is judged by. It counts
carried attribution too (the rest of a quotation, a claim resting on the sentence before),
which PolNeAR leaves unmarked because it marks only the sentence holding the cue. A second,
diagnostic row counts only the sentences attributed by a cue of their own, to tell the cue
rules apart from carrying.

A few PolNeAR articles were annotated by several people: a sentence counts as attributed when
at least half of them put a cue in it, so that each article weighs the same.

`--data` may name the shared data folder or a PolNeAR split folder (with text/ and
attributions/ inside).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis.report import ANONYMOUS, SOURCED, VAGUE
from copydesk_tools.evaluation.scoring import PRF, EvalResult, MissingData
from copydesk_tools import configured

ATTRIBUTED = (SOURCED, ANONYMOUS, VAGUE)
# Diagnostic only: the same statuses, leaving out the sentences whose status was carried.
OWN_CUE_ROW = "diagnostic: own cue only (carried left out)"

# The baseline: the plain lexicon a newsroom would write first.
BASELINE_VERBS = frozenset(
    """say tell state note argue claim add announce confirm report warn explain insist
    write describe suggest deny admit acknowledge believe assert declare reveal""".split()
)

_ANN_NAME = re.compile(r"^(?P<doc>.+)_(?P<annotator>[0-9a-f]+)\.ann$")


@dataclass
class GoldArticle:
    name: str
    text: str
    # One list of (start, end) cue spans per annotator, offsets into `text` as stored.
    cues_by_annotator: list[list[tuple[int, int]]] = field(default_factory=list)


def split_dir(data_dir: Path, split: str = "dev") -> Path:
    data_dir = Path(data_dir)
    for candidate in (data_dir, data_dir / split, data_dir / "polnear" / split):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise MissingData(f"PolNeAR {split} not found under {data_dir} (expected polnear/{split}/text and attributions)")


def load_corpus(directory: Path, limit: int | None = None) -> list[GoldArticle]:
    cue_files: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((directory / "attributions").glob("*.ann")):
        match = _ANN_NAME.match(path.name)
        if match:
            cue_files[match["doc"]].append(path)
    articles = []
    for text_path in sorted((directory / "text").glob("*.txt")):
        name = text_path.stem
        if name not in cue_files:
            continue
        article = GoldArticle(name, text_path.read_text(encoding="utf-8"))
        article.cues_by_annotator = [_read_cues(path) for path in cue_files[name]]
        articles.append(article)
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _read_cues(path: Path) -> list[tuple[int, int]]:
    """The Cue spans of a brat .ann file; a discontinuous span ("3 7;12 15") counts each part."""
    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].startswith("T"):
            continue
        kind, _, offsets = fields[1].partition(" ")
        if kind != "Cue":
            continue
        for part in offsets.split(";"):
            start, end = part.split()
            spans.append((int(start), int(end)))
    return spans


def offset_map(raw: str, normalised: str) -> list[int]:
    """For each position in `raw`, the position it landed on in `normalised`.

    prepare_text deletes characters (CR, BOM, trailing spaces, extra blank lines, the outer
    whitespace), swaps a no-break space for a space and composes accents (NFC). A greedy walk
    over base characters with their combining marks aligns the two texts in linear time.
    """
    mapping = [0] * (len(raw) + 1)
    i = j = 0
    while i < len(raw):
        k = i + 1
        while k < len(raw) and unicodedata.combining(raw[k]):
            k += 1
        cluster = unicodedata.normalize("NFC", raw[i:k]).replace("\u00a0", " ")
        if normalised.startswith(cluster, j):
            for position in range(i, k):
                mapping[position] = j
            i, j = k, j + len(cluster)
        else:  # deleted by the normalisation
            mapping[i] = min(j, len(normalised))
            i += 1
    mapping[len(raw)] = j
    return mapping


def gold_labels(article: GoldArticle, normalised: str, bounds: list[tuple[int, int]]) -> list[bool]:
    """Per sentence (start, end offsets into `normalised`): does the gold put a cue in it?"""
    mapping = offset_map(article.text, normalised)
    votes = [0] * len(bounds)
    for cues in article.cues_by_annotator:
        hit = [False] * len(bounds)
        for start, end in cues:
            first, last = mapping[min(start, len(article.text))], mapping[min(end, len(article.text))]
            for k, (s_start, s_end) in enumerate(bounds):
                if first < s_end and last > s_start:
                    hit[k] = True
        votes = [v + h for v, h in zip(votes, hit)]
    needed = len(article.cues_by_annotator) / 2
    return [v > 0 and v >= needed for v in votes]


def baseline_attributed(span) -> bool:
    """The lexicon baseline: a reporting-verb lemma or "according to" anywhere in the sentence."""
    for token in span:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in BASELINE_VERBS:
            return True
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            return True
    return False


@dataclass
class AnalysedArticle:
    """One gold article beside Copydesk's sourcing of it, sentence by sentence."""

    gold: GoldArticle
    text: str  # as prepare_text normalised it: the offsets the sentences use
    sentences: list  # bot.analysis.segment.Sentence
    sourcing: list  # bot.analysis.report.SentenceSourcing, one per sentence


def analyse_corpus(articles: list[GoldArticle]):
    """Yield each article with the pipeline's own stages run on nlp.pipe docs (as analyze_many does)."""
    from bot.analysis.pipeline import load_nlp
    from bot.analysis.segment import split_sentences
    from bot.analysis.inputs import prepare_text
    from bot.analysis import actors as actors_stage
    from bot.analysis import sourcing

    nlp = load_nlp(configured.model())
    texts = [prepare_text(a.text, max_chars=10**9).text for a in articles]
    for article, text, doc in zip(articles, texts, nlp.pipe(texts, batch_size=16)):
        sentences = split_sentences(doc)
        result = sourcing.attribute(doc, sentences, actors_stage.build_actors(doc))
        yield AnalysedArticle(article, text, sentences, result)


def evaluate(data_dir: Path, limit: int | None = None, split: str = "dev") -> EvalResult:
    directory = split_dir(data_dir, split)
    articles = load_corpus(directory, limit)
    if not articles:
        raise MissingData(f"no annotated PolNeAR articles in {directory}")
    ours, own_cue, baseline = PRF(), PRF(), PRF()
    for analysed in analyse_corpus(articles):
        sentences = analysed.sentences
        gold = gold_labels(analysed.gold, analysed.text, [(s.start, s.end) for s in sentences])
        for sentence, entry, is_gold in zip(sentences, analysed.sourcing, gold):
            attributed = entry.status in ATTRIBUTED
            ours.add(attributed, is_gold)
            own_cue.add(attributed and "carried" not in entry.flags, is_gold)
            baseline.add(baseline_attributed(sentence.span), is_gold)
    return EvalResult(
        task="attribution",
        dataset=f"PolNeAR {directory.name} (sentences)",
        items=len(articles),
        rows={
            "copydesk": ours.row(),
            OWN_CUE_ROW: own_cue.row(),
            "baseline: reporting-verb lexicon": baseline.row(),
        },
        notes=[
            f"{int(ours.tp + ours.fn)} attributed sentences in the gold",
            "copydesk = by status (sourced, vague or anonymous, carried included): the scoring convention",
        ],
    )
