"""`copydesk eval actors`: named actors on every corpus they apply to, each beside raw spaCy.

Corpora (../shared/data): CoNLL-2003 `eng.testa` and `eng.train` (Reuters 1996, wire sport,
markets and world news) and OntoNotes-5 newswire dev (mostly WSJ business news, 1989).
Optionally (`COPYDESK_EVAL_ONTONOTES_TRAIN=1`) OntoNotes newswire train, a larger check that
tuning on dev did not fit dev.

Scoring convention (../shared/data/README.md): per article, the set of (lower-cased,
punctuation-stripped name, type) for people, organisations and places, a leading "the"
dropped on both sides; a consolidated actor contributes its canonical name and every alias;
precision/recall/F1 are summed over articles. CoNLL scores PER, ORG and LOC (spaCy's GPE and
LOC are both LOC); OntoNotes scores PERSON, ORG and GPE (its LOC, "Europe", is not an actor
type there, on either side). The baseline is spaCy's raw entities from the very same parse,
mapped the same way, so the two rows differ only by Copydesk's cleaning and consolidation.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis.actors import build_actors
from copydesk_tools.evaluation.scoring import PRF, EvalResult, MissingData
from copydesk_tools import configured

CONLL_FILE = Path("conll2003") / "eng.testa"
CONLL_TRAIN_FILE = Path("conll2003") / "eng.train"
ONTONOTES_DEV_FILE = Path("ontonotes_nw_dev") / "ontonotes5_conll2012_development_nw.bio"
ONTONOTES_TRAIN_FILE = Path("ontonotes_nw_dev") / "ontonotes5_conll2012_train_nw.bio"

# Gold tag -> scored type, and spaCy label -> scored type, per corpus. Unmapped: not scored.
CONLL_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
ONTONOTES_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE"}
SPACY_ONTONOTES_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE"}

# Detokenising: no space before closing punctuation and clitics, none after opening brackets.
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})
# Penn Treebank escapes in OntoNotes, mapped back to what a reader sees.
_PTB_TOKENS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
# Part-of-speech tags that glue a token to its neighbours: opening quote, closing quote, hyphen.
_GLUE_AFTER_TAGS = frozenset({"``"})
_GLUE_BEFORE_TAGS = frozenset({"''", "HYPH"})
_GLUE_BOTH_TAGS = frozenset({"HYPH"})
_LEADING_THE = re.compile(r"^the\s+")


@dataclass
class Token:
    text: str
    tag: str = ""  # the corpus's part-of-speech tag, where it says how to join ("``", "HYPH")


@dataclass
class Article:
    sentences: list[list[Token]] = field(default_factory=list)
    gold: set[tuple[str, str]] = field(default_factory=set)

    @property
    def text(self) -> str:
        # One corpus sentence a line: a line break is a sentence and paragraph boundary in
        # Copydesk, as the headline and dateline lines of a wire story are.
        return "\n".join(detokenize(tokens) for tokens in self.sentences)


ConllArticle = Article  # the name the quality tests and older callers use


@dataclass(frozen=True)
class Corpus:
    name: str
    path: Path
    read: Callable[[Path], Iterator[Article]]
    system_types: dict[str, str]


def normalise_name(name: str) -> str:
    """The scoring key: lower case, punctuation removed, whitespace collapsed, no leading "the"."""
    kept = "".join(" " if ch.isspace() else ch for ch in name if not unicodedata.category(ch).startswith("P"))
    return _LEADING_THE.sub("", re.sub(r"\s+", " ", kept).strip().lower())


def detokenize(tokens: list[Token] | list[str]) -> str:
    out: list[str] = []
    glue_next = False
    for item in tokens:
        token = item if isinstance(item, Token) else Token(item)
        text = _PTB_TOKENS.get(token.text, token.text)
        glue_before = text in _NO_SPACE_BEFORE or token.tag in _GLUE_BEFORE_TAGS
        if out and not glue_next and not glue_before:
            out.append(" ")
        out.append(text)
        glue_next = text in _NO_SPACE_AFTER or token.tag in _GLUE_AFTER_TAGS or token.tag in _GLUE_BOTH_TAGS
    return "".join(out)


class _Reader:
    """Collects sentences and gold entities; subclasses say how lines are laid out."""

    def __init__(self, types: dict[str, str]) -> None:
        self.types = types
        self.article = Article()
        self.sentence: list[Token] = []
        self.entity: list[Token] = []
        self.entity_type: str | None = None

    def close_entity(self) -> None:
        if self.entity and self.entity_type in self.types:
            key = normalise_name(detokenize(self.entity))
            if key:
                self.article.gold.add((key, self.types[self.entity_type]))
        self.entity, self.entity_type = [], None

    def close_sentence(self) -> None:
        self.close_entity()
        if self.sentence:
            self.article.sentences.append(self.sentence)
        self.sentence = []

    def close_article(self) -> Article | None:
        self.close_sentence()
        done, self.article = self.article, Article()
        return done if done.sentences else None

    def add(self, token: Token, tag: str, iob1: bool) -> None:
        self.sentence.append(token)
        if tag == "O":
            self.close_entity()
            return
        prefix, _, kind = tag.partition("-")
        # IOB1 (CoNLL) opens an entity on a type change or B-; BIO (OntoNotes) on every B-.
        if prefix == "B" or kind != self.entity_type or (not iob1 and not self.entity):
            self.close_entity()
            self.entity_type = kind
        self.entity.append(token)


def read_conll(path: Path) -> Iterator[Article]:
    """Articles from a CoNLL-2003 file (`TOKEN POS CHUNK TAG`, IOB1); `-DOCSTART-` ends each."""
    reader = _Reader(CONLL_TYPES)
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                reader.close_sentence()
            elif parts[0] == "-DOCSTART-":
                if (done := reader.close_article()) is not None:
                    yield done
            else:
                reader.add(Token(parts[0]), parts[-1], iob1=True)
    if (done := reader.close_article()) is not None:
        yield done


def read_ontonotes(path: Path) -> Iterator[Article]:
    """Documents from the OntoNotes BIO file (`TOKEN<TAB>POS<TAB>TAG`); `-DOCSTART-` opens each."""
    reader = _Reader(ONTONOTES_TYPES)
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if not parts[0].strip():
                reader.close_sentence()
            elif parts[0].startswith("-DOCSTART-"):
                if (done := reader.close_article()) is not None:
                    yield done
            else:
                reader.add(Token(parts[0], parts[1]), parts[-1], iob1=False)
    if (done := reader.close_article()) is not None:
        yield done


CONLL_TESTA = Corpus("conll2003/eng.testa", CONLL_FILE, read_conll, SPACY_TYPES)
CONLL_TRAIN = Corpus("conll2003/eng.train", CONLL_TRAIN_FILE, read_conll, SPACY_TYPES)
ONTONOTES_DEV = Corpus("ontonotes nw dev", ONTONOTES_DEV_FILE, read_ontonotes, SPACY_ONTONOTES_TYPES)
ONTONOTES_TRAIN = Corpus("ontonotes nw train", ONTONOTES_TRAIN_FILE, read_ontonotes, SPACY_ONTONOTES_TYPES)


def corpora() -> list[Corpus]:
    chosen = [CONLL_TESTA, CONLL_TRAIN, ONTONOTES_DEV]
    if os.environ.get("COPYDESK_EVAL_ONTONOTES_TRAIN", "") in ("1", "true", "yes"):
        chosen.append(ONTONOTES_TRAIN)  # 1,712 documents: minutes of parsing, so asked for
    return chosen


def actor_keys(actors: Iterable, types: dict[str, str] = SPACY_TYPES) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for actor in actors:
        kind = types.get(actor.type)
        if kind is None:
            continue
        for name in [actor.name, *actor.aliases]:
            key = normalise_name(name)
            if key:
                keys.add((key, kind))
    return keys


def raw_entity_keys(doc, types: dict[str, str] = SPACY_TYPES) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for ent in doc.ents:
        kind = types.get(ent.label_)
        key = normalise_name(ent.text)
        if kind and key:
            keys.add((key, kind))
    return keys


def score_docs(articles: list[Article], docs: Iterable, types: dict[str, str] = SPACY_TYPES) -> tuple[PRF, PRF]:
    """(copydesk, raw spaCy) scores over parsed docs aligned with `articles`."""
    ours, raw = PRF(), PRF()
    for article, doc in zip(articles, docs, strict=True):
        ours.add_sets(actor_keys(build_actors(doc), types), article.gold)
        raw.add_sets(raw_entity_keys(doc, types), article.gold)
    return ours, raw


def load_corpus(data_dir: Path, corpus: Corpus, limit: int | None = None) -> list[Article]:
    path = Path(data_dir) / corpus.path
    if not path.exists():
        raise MissingData(f"{corpus.name} not found at {path}")
    articles = list(corpus.read(path))
    return articles[:limit] if limit else articles


def load_articles(data_dir: Path, limit: int | None = None) -> list[Article]:
    """CoNLL-2003 dev (`eng.testa`), the corpus the quality floors were first set on."""
    return load_corpus(data_dir, CONLL_TESTA, limit)


def score_articles(articles: list[Article], types: dict[str, str] = SPACY_TYPES) -> tuple[PRF, PRF]:
    """Parse the articles once (nlp.pipe, batched as analyze_many does) and score both systems."""
    from bot.analysis import load_nlp

    nlp = load_nlp(configured.model())
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    return score_docs(articles, docs, types)


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    rows: dict[str, dict[str, float]] = {}
    items = 0
    for corpus in corpora():
        articles = load_corpus(data_dir, corpus, limit)
        ours, raw = score_articles(articles, corpus.system_types)
        items += len(articles)
        rows[f"{corpus.name} ({len(articles)}): copydesk"] = ours.row()
        rows[f"{corpus.name} ({len(articles)}): raw spaCy"] = raw.row()
    return EvalResult(
        task="actors",
        dataset=", ".join(c.name for c in corpora()),
        items=items,
        rows=rows,
        notes=[
            "per article: set of (lower-cased, punctuation-stripped name without a leading 'the', type); "
            "CoNLL: PER, ORG, GPE/LOC; OntoNotes: PERSON, ORG, GPE; an actor counts its name and every alias; "
            "P/R/F1 summed over articles; raw spaCy is the same parse's entities, mapped the same way",
        ],
    )
