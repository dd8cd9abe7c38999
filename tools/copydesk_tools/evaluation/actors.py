"""`copydesk eval actors`: named actors against CoNLL-2003 (Reuters 1996) entities.

Scoring convention (../shared/data/README.md): per article, the set of (lower-cased,
punctuation-stripped name, type) for people, organisations and places (GPE and LOC are one
type, MISC/NORP ignored); a consolidated actor contributes its canonical name and every
alias; precision/recall/F1 are summed over articles. The baseline is spaCy's raw entities
from the very same parse, mapped the same way, so the two rows differ only by consolidation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from copydesk_tools.evaluation.scoring import PRF, EvalResult, MissingData

CONLL_FILE = Path("conll2003") / "eng.testa"

# CoNLL tag -> scored type; spaCy label -> scored type. Anything unmapped is not scored.
CONLL_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

# Detokenising: no space before closing punctuation and clitics, none after opening brackets.
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


@dataclass
class ConllArticle:
    sentences: list[list[str]] = field(default_factory=list)
    gold: set[tuple[str, str]] = field(default_factory=set)

    @property
    def text(self) -> str:
        # One CoNLL sentence a line: a line break is a sentence and paragraph boundary in
        # Copydesk, as the headline and dateline lines of a wire story are.
        return "\n".join(detokenize(tokens) for tokens in self.sentences)


def normalise_name(name: str) -> str:
    """The scoring key: lower case, punctuation removed, whitespace collapsed."""
    kept = "".join(" " if ch.isspace() else ch for ch in name if not unicodedata.category(ch).startswith("P"))
    return re.sub(r"\s+", " ", kept).strip().lower()


def detokenize(tokens: list[str]) -> str:
    out: list[str] = []
    glue_next = False
    for token in tokens:
        if out and not glue_next and token not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(token)
        glue_next = token in _NO_SPACE_AFTER
    return "".join(out)


def read_conll(path: Path) -> Iterator[ConllArticle]:
    """Articles from a CoNLL-2003 file (IOB1). `-DOCSTART-` separates articles."""
    article = ConllArticle()
    sentence: list[str] = []
    entity: list[str] = []
    entity_type: str | None = None

    def close_entity() -> None:
        nonlocal entity, entity_type
        if entity and entity_type in CONLL_TYPES:
            key = normalise_name(" ".join(entity))
            if key:
                article.gold.add((key, CONLL_TYPES[entity_type]))
        entity, entity_type = [], None

    def close_sentence() -> None:
        nonlocal sentence
        close_entity()
        if sentence:
            article.sentences.append(sentence)
        sentence = []

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                close_sentence()
                continue
            if parts[0] == "-DOCSTART-":
                close_sentence()
                if article.sentences:
                    yield article
                article = ConllArticle()
                continue
            token, tag = parts[0], parts[-1]
            sentence.append(token)
            if tag == "O":
                close_entity()
                continue
            prefix, _, kind = tag.partition("-")
            if prefix == "B" or kind != entity_type:
                close_entity()
                entity_type = kind
            entity.append(token)
    close_sentence()
    if article.sentences:
        yield article


def actor_keys(actors: Iterable) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for actor in actors:
        kind = SPACY_TYPES.get(actor.type)
        if kind is None:
            continue
        for name in [actor.name, *actor.aliases]:
            key = normalise_name(name)
            if key:
                keys.add((key, kind))
    return keys


def raw_entity_keys(doc) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for ent in doc.ents:
        kind = SPACY_TYPES.get(ent.label_)
        key = normalise_name(ent.text)
        if kind and key:
            keys.add((key, kind))
    return keys


def score_docs(articles: list[ConllArticle], docs: Iterable) -> tuple[PRF, PRF]:
    """(copydesk, raw spaCy) scores over parsed docs aligned with `articles`."""
    from bot.analysis.actors import build_actors

    ours, raw = PRF(), PRF()
    for article, doc in zip(articles, docs, strict=True):
        ours.add_sets(actor_keys(build_actors(doc)), article.gold)
        raw.add_sets(raw_entity_keys(doc), article.gold)
    return ours, raw


def load_articles(data_dir: Path, limit: int | None = None) -> list[ConllArticle]:
    path = Path(data_dir) / CONLL_FILE
    if not path.exists():
        raise MissingData(f"CoNLL-2003 development file not found at {path}")
    articles = list(read_conll(path))
    return articles[:limit] if limit else articles


def score_articles(articles: list[ConllArticle]) -> tuple[PRF, PRF]:
    """Parse the articles once (nlp.pipe, batched as analyze_many does) and score both systems."""
    from bot.analysis import load_nlp

    nlp = load_nlp()
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    return score_docs(articles, docs)


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    articles = load_articles(data_dir, limit)
    ours, raw = score_articles(articles)
    return EvalResult(
        task="actors",
        dataset=str(CONLL_FILE),
        items=len(articles),
        rows={"copydesk actors": ours.row(), "raw spaCy entities": raw.row()},
        notes=[
            "per article: set of (lower-cased, punctuation-stripped name, type) for PER, ORG, GPE/LOC; "
            "an actor counts its name and every alias; P/R/F1 summed over articles",
        ],
    )
