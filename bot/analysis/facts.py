"""Key facts: the sentences a wire editor would keep.

An editor cutting a story to five lines keeps the lede, then the sentences that carry the
story's own subject (the words the headline and the rest of the copy keep coming back to)
together with the hard facts: numbers, dates, named people and organisations, things that
happened. Commentary is cut: sentences whose sourcing is vague ("critics argue"), questions,
and sentences made of evaluative language ("underscores the complexity", "raises questions",
"will likely shape", "remain pressing concerns"). A sentence that says again what an already
kept one said is dropped.

The score is a handful of such features with hand-set weights, over the parse the pipeline
already made: no extra model pass, token overlap only.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from bot.analysis.report import VAGUE, Actor, KeyFact, SentenceSourcing
from bot.analysis.segment import Sentence

# --- What counts as editorialising -------------------------------------------------------------

# Lemmas of evaluative, interpretive language: the commentator's vocabulary, not the reporter's.
EVALUATIVE_LEMMAS = frozenset(
    """underscore highlight underline exemplify epitomize symbolize signify showcase
    complexity stake implication trajectory interplay dichotomy landscape legacy speculation
    polarized polarised fragile pivotal crucial profound precarious delicate nuanced looming
    unnoticed pressing defining relentless deep-seated far-reaching multifaceted
    destabilizing destabilising reliability""".split()
)

# Phrases that mark a sentence as interpretation on their own (each counts as two hits).
EVALUATIVE_PHRASES = re.compile(
    r"\b(?:raises? (?:serious |new |further )?(?:questions|concerns|doubts)"
    r"|remains? to be seen|time will tell|cannot be overstated|it is (?:clear|evident) that"
    r"|(?:will|would) (?:likely|undoubtedly|inevitably) (?:shape|define|determine|influence)"
    r"|marks? an? (?:significant|major|new|important|historic|turning)"
    r"|significant step|turning point|(?:a|the) subject of (?:speculation|debate)"
    r"|(?:has|have) not gone unnoticed|a defining (?:test|moment)|remains? (?:a )?pressing"
    r"|broader implications|sends? an? (?:clear|strong|powerful) (?:message|signal)"
    r"|(?:sparked|sparks|fuelled|fueled) (?:a |an )?(?:debate|controversy)|mixed reactions)\b",
    re.IGNORECASE,
)

# "Critics argue", "analysts note", "some say": opinion held by an unnamed group. Used beside
# the sourcing stage's own `vague` status so the rule holds whatever that stage decides.
VAGUE_HOLDERS = frozenset(
    "critic analyst observer commentator expert some many other supporter opponent sceptic skeptic".split()
)
OPINION_VERBS = frozenset(
    """argue believe contend claim feel fear think suggest say note insist warn worry
    hail praise welcome criticize criticise condemn question doubt""".split()
)

# --- What counts as a hard fact ------------------------------------------------------------------

NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
DATE_LABELS = frozenset({"DATE", "TIME"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
REPORTING_VERBS = frozenset("say tell add state note explain announce report".split())

# Feature weights. Set by hand from what an editor would rank first; checked on two corpora of
# different provenance (BBC extractive summaries, CNN/DailyMail highlights) against Lead-3.
WEIGHTS = {
    "lede": 1.0,  # the first sentence of the body
    # Earlier is better, decaying by sentences from the lede whatever the story's length: in news
    # the lede and the sentences right after it are the strongest single signal, and the other
    # features must add up to clear evidence before a sentence from further down outranks them.
    "position": 1.5,
    "headline": 1.0,  # shares the headline's words
    "centrality": 3.0,  # shares the words the whole story keeps repeating: its subject
    "numbers": 0.2,
    "dates": 0.2,
    "actors": 0.4,  # names the story's main actors
    "event": 0.2,  # the main verb reports something that happened
    "abstract": -0.5,  # no number, date or name at all: nothing a reader could check
    "length": 0.75,  # short fragments carry little; long sentences carry more facts
    "quote": -0.2,  # a sentence that opens on a quotation is usually colour, not the fact
    "evaluative": -0.5,  # each evaluative word
}
MIN_WORDS = 6
POSITION_DECAY = 2.0  # sentences: "position" is 0.37 two sentences after the lede, 0.05 six after
REDUNDANT_OVERLAP = 0.6  # share of the shorter sentence's content words already kept


@dataclass
class _Candidate:
    sentence: Sentence
    words: frozenset[str]
    score: float


@dataclass
class _Story:
    """What the whole article tells us about each sentence's place in it."""

    bags: list[frozenset[str]]  # content words per sentence
    word_counts: Counter  # in how many sentences each content word appears
    top_count: int  # the story's most repeated word's count
    headline_words: frozenset[str]
    salience: dict[str, float]  # actor name or alias (lower case) -> 0..1
    entities: dict[int, list[Span]]  # sentence index -> the entities that start in it


def rank_key_facts(
    doc: Doc, sentences: list[Sentence], sourcing: list[SentenceSourcing], actors: list[Actor], limit: int = 5
) -> list[KeyFact]:
    """Up to `limit` sentences, best first, each a fact an editor would keep."""
    story_sentences = [s for s in sentences if s.is_story]  # bylines, datelines, captions are not
    if not story_sentences or limit <= 0:
        return []
    headline = headline_index(story_sentences)
    bags = [content_words(s.span) if s.is_story else frozenset() for s in sentences]
    body = [s for s in story_sentences if s.index != headline]
    word_counts = Counter(word for bag in bags for word in bag)
    story = _Story(
        bags=bags,
        word_counts=word_counts,
        top_count=max(word_counts.values(), default=0),
        headline_words=bags[headline] if headline is not None else frozenset(),
        salience=actor_salience(actors),
        entities=_entities_by_sentence(doc, story_sentences),
    )

    candidates = []
    for position, sentence in enumerate(body):
        # The sourcing stage may be missing or shorter than the sentence list: then it has no say.
        sourced = sourcing[sentence.index] if sentence.index < len(sourcing) else None
        if not _eligible(sentence.span) or is_editorial(sentence.span, sourced):
            continue
        features = _features(sentence, position, story)
        score = sum(WEIGHTS[name] * value for name, value in features.items())
        candidates.append(_Candidate(sentence, bags[sentence.index], score))

    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.sentence.index)):
        if any(_redundant(candidate.words, other.words) for other in kept):
            continue
        kept.append(candidate)
        if len(kept) == limit:
            break
    return [
        KeyFact(text=c.sentence.text, start=c.sentence.start, end=c.sentence.end, sentence=c.sentence.index, rank=i + 1)
        for i, c in enumerate(kept)
    ]


# --- The parts --------------------------------------------------------------------------------


def headline_index(sentences: list[Sentence]) -> int | None:
    """The first line when it reads as a headline: alone in its paragraph, short, no full stop."""
    first = sentences[0]
    if len(sentences) < 2 or sentences[1].paragraph == first.paragraph:
        return None
    text = first.text.rstrip()
    if text[-1:] in '.!?:;"\u201d\u2019\'' or len(text.split()) > 20:
        return None
    return first.index


def content_words(span: Span) -> frozenset[str]:
    """Lower-cased lemmas of the words that carry meaning (no stop words, punctuation, reporting verbs)."""
    return frozenset(
        t.lemma_.lower()
        for t in span
        if t.pos_ in CONTENT_POS and not t.is_stop and not t.is_punct and t.lemma_.lower() not in REPORTING_VERBS
    )


def actor_salience(actors: list[Actor]) -> dict[str, float]:
    """Each actor name and alias (lower case) -> its share of the most-mentioned actor's mentions."""
    top = max((a.mentions for a in actors), default=0)
    salience: dict[str, float] = {}
    for actor in actors:
        weight = actor.mentions / top if top else 0.0
        for name in (actor.name, *actor.aliases):
            key = name.lower()
            salience[key] = max(salience.get(key, 0.0), weight)
    return salience


def is_editorial(span: Span, sourced: SentenceSourcing | None = None) -> bool:
    """Commentary rather than reporting: vague sourcing, a question, or evaluative language."""
    text = span.text.strip()
    if sourced is not None and sourced.status == VAGUE:
        return True
    if text.rstrip("\"'\u201d\u2019").endswith("?") or text.lower().startswith("whether "):
        return True
    return evaluative_hits(span) >= 2 or _held_by_vague_group(span)


def evaluative_hits(span: Span) -> int:
    words = sum(1 for t in span if t.lemma_.lower() in EVALUATIVE_LEMMAS or t.lower_ in EVALUATIVE_LEMMAS)
    return words + 2 * len(EVALUATIVE_PHRASES.findall(span.text))


def _held_by_vague_group(span: Span) -> bool:
    """An opinion verb whose holder is an unnamed group: 'critics argue', 'analysts, who note',
    'criticised by many'. The plain word order is checked too, as the parser often misreads it."""
    for token in span:
        holder, verb = token, None
        if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in ("who", "that"):
            holder, verb = token.head.head, token.head  # the noun a relative clause hangs on
        elif token.dep_ == "nsubj":
            verb = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "agent":
            verb = token.head.head
        if verb is not None and _is_vague_holder(holder) and verb.lemma_.lower() in OPINION_VERBS:
            return True
        following = token.nbor() if token.i + 1 < span.end else None
        if following is not None and _is_vague_holder(token) and following.lemma_.lower() in OPINION_VERBS:
            return True
    return False


def _is_vague_holder(token) -> bool:
    return token.lemma_.lower() in VAGUE_HOLDERS and not any(c.pos_ == "PROPN" for c in token.children)


def _eligible(span: Span) -> bool:
    """A sentence, not a byline, caption or fragment: enough words and a verb."""
    words = sum(1 for t in span if t.is_alpha)
    return words >= MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in span)


def _features(sentence: Sentence, position: int, story: _Story) -> dict[str, float]:
    """Each feature named in WEIGHTS, roughly on a 0..1 scale (evaluative is a count)."""
    span = sentence.span
    words = story.bags[sentence.index]
    entities = story.entities.get(sentence.index, [])
    labels = {e.label_ for e in entities}
    names = [e.text.lower() for e in entities if e.label_ in NAME_LABELS]
    headline = story.headline_words
    return {
        "lede": 1.0 if position == 0 else 0.0,
        "position": math.exp(-position / POSITION_DECAY),
        "headline": len(words & headline) / len(headline) if headline else 0.0,
        "centrality": _centrality(words, story.word_counts, story.top_count),
        "numbers": 1.0 if labels & NUMBER_LABELS else 0.0,
        "dates": 1.0 if labels & DATE_LABELS else 0.0,
        "actors": min(1.0, sum(story.salience.get(name, 0.0) for name in names)),
        "event": 1.0 if _reports_an_event(span) else 0.0,
        "abstract": 0.0 if labels & (NUMBER_LABELS | DATE_LABELS | NAME_LABELS) else 1.0,
        "length": min(sum(1 for t in span if t.is_alpha), 30) / 30,
        "quote": 1.0 if _opens_on_quote(span) else 0.0,
        "evaluative": float(evaluative_hits(span)),
    }


def _entities_by_sentence(doc: Doc, sentences: list[Sentence]) -> dict[int, list[Span]]:
    """One pass over doc.ents (Span.ents rebuilds every entity of the doc on each call: quadratic)."""
    starts = [s.span.start for s in sentences]
    by_sentence: dict[int, list[Span]] = {}
    for entity in doc.ents:
        at = bisect_right(starts, entity.start) - 1
        if at >= 0 and entity.end <= sentences[at].span.end:
            by_sentence.setdefault(sentences[at].index, []).append(entity)
    return by_sentence


def _centrality(words: frozenset[str], word_counts: Counter, top_count: int) -> float:
    """How strongly the rest of the story repeats this sentence's words: its subject is the story's.

    Each word counts by the log of how many other sentences use it; the sum grows with the
    square root of the sentence's length (longer sentences may carry more, but not linearly),
    scaled by the story's most repeated word so that long and short stories compare.
    """
    if not words:
        return 0.0
    shared = sum(math.log1p(word_counts[w] - 1) for w in words)
    most_repeated = math.log1p(top_count)
    return shared / (3 * math.sqrt(len(words)) * most_repeated)


def _reports_an_event(span: Span) -> bool:
    """The main verb is an action in the past or present perfect, not a copula or a reporting verb."""
    root = span.root
    if root.lemma_.lower() in REPORTING_VERBS or root.lemma_.lower() in OPINION_VERBS:
        # "X said (that) the troops arrived": the event is the reported clause.
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    if root.pos_ != "VERB" or root.lemma_.lower() in REPORTING_VERBS:
        return False
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return False  # "will be implemented", "could rise": not yet an event
    if root.tag_ == "VBD":
        return True  # "the river burst its banks"
    # "has closed", "were arrested": a participle with a finite auxiliary
    return root.tag_ == "VBN" and any(a.tag_ in ("VBD", "VBZ", "VBP") for a in auxiliaries)


def _opens_on_quote(span: Span) -> bool:
    text = span.text.lstrip()
    return text[:1] in "\"\u201c\u2018'"


def _redundant(words: frozenset[str], other: frozenset[str]) -> bool:
    if not words or not other:
        return False
    return len(words & other) / min(len(words), len(other)) >= REDUNDANT_OVERLAP
