"""Check-worthiness: does a sentence make a factual claim worth verifying?

A fact-checker looks for numbers and statistics, dated events, comparisons ("the largest
since"), changes ("cut taxes", "doubled"), causes ("because of") and named actors doing
things in the past; and passes over questions, promises ("we will"), prescriptions ("we
must"), first-person opinion ("I think"), courtesies and evaluative talk ("this is wrong").
Those signals are the named features below. A logistic regression trained on ClaimBuster
(`python -m copydesk_tools.evaluation.train_checkworthy`) weighs them, together with the sentence's
lemmas and part-of-speech tags, and ships as `checkworthy_weights.json` beside this file.

Cost: one walk over the sentence's tokens and a dictionary lookup per feature; no model pass.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

WEIGHTS_PATH = Path(__file__).with_name("checkworthy_weights.json")

NUMBER_ENTITIES = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT", "FAC", "LOC", "PRODUCT"})
MAGNITUDE_WORDS = frozenset(
    """million millions billion billions trillion thousand thousands hundred hundreds percent %
    half twice double triple quarter third dozen dozens""".split()
)
# Verbs of change and of things done: what a record can confirm or refute.
EVENT_VERBS = frozenset(
    """increase decrease rise fall cut raise double triple grow drop lose create add reduce spend
    decline climb kill die invest borrow owe pay collect vote pass sign veto propose oppose
    approve elect appoint send deploy attack invade ban announce report testify fund lower expand
    shrink eliminate cost displace claim arrest charge sentence convict build close open destroy
    launch release sue fire hire win lead rank""".split()
)
OPINION_VERBS = frozenset(
    """think believe feel hope want wish guess suppose like love hate agree disagree trust doubt
    intend plan promise pledge""".split()
)
OBLIGATION_MODALS = frozenset({"should", "must", "ought", "shall"})
FUTURE_MODALS = frozenset({"will", "'ll", "wo", "gonna"})
OTHER_MODALS = frozenset({"would", "could", "might", "may", "can"})
CAUSAL_WORDS = frozenset({"because", "cause", "result", "consequence", "lead", "due", "therefore", "since"})
# "driven by", "fuelled by", "blamed on": a cause asserted through the verb.
CAUSAL_VERBS = frozenset({"cause", "drive", "fuel", "spur", "trigger", "blame", "attribute", "prompt"})
EVALUATIVE_WORDS = frozenset(
    """good bad great wrong right important terrible wonderful best worst fair unfair strong weak
    proud sure clear obvious necessary essential critical vital ridiculous disaster tremendous
    horrible excellent serious true false nice fine amazing""".split()
)
COURTESY_WORDS = frozenset({"thank", "thanks", "congratulate", "appreciate", "welcome", "goodnight"})
QUESTION_WORDS = frozenset({"what", "why", "how", "who", "where", "when", "which", "whether"})
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def claim_features(sentence: Span) -> dict[str, float]:
    """The named signals (value 1.0 when present) plus `lemma=`, `tag=` and `tags=` features."""
    tokens = [t for t in sentence if not t.is_space]
    features: dict[str, float] = {}
    if not tokens:
        return features
    words = [t for t in tokens if not t.is_punct]
    features[_length_bucket(len(words))] = 1.0
    for token in tokens:
        for name in _token_signals(token):
            features[name] = 1.0
    for token in words:
        features["lemma=" + token.lemma_.lower()] = 1.0
        features["tag=" + token.tag_] = 1.0
    for left, right in zip(words, words[1:]):
        features[f"tags={left.tag_}_{right.tag_}"] = 1.0
    for name in _clause_signals(sentence, tokens):
        features[name] = 1.0
    return features


def check_worthiness(sentence: Span) -> float:
    """Probability-like score in [0, 1] that the sentence is a check-worthy factual claim."""
    return _score(claim_features(sentence))


def _score(features: dict[str, float]) -> float:
    model = _model()
    weights = model["weights"]
    logit = model["bias"] + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-logit))


# Something a fact-checker could look up. Without one, a sentence in the past tense is
# narrative ("The sun rose over the valley"), however claim-like its grammar.
CHECKABLE_ANCHORS = frozenset(
    """digits year number_word number_entity percent money date named_entity magnitude
    comparative superlative causal""".split()
)


def is_check_worthy(sentence: Span) -> bool:
    features = claim_features(sentence)
    return decide(_score(features), features)


def decide(score: float, features: dict[str, float], threshold: float | None = None) -> bool:
    """The model's score must clear the threshold and the sentence must name something checkable."""
    if threshold is None:
        threshold = _model()["threshold"]
    return score >= threshold and not CHECKABLE_ANCHORS.isdisjoint(features)


@lru_cache(maxsize=1)
def _model() -> dict:
    with WEIGHTS_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _length_bucket(words: int) -> str:
    if words < 6:
        return "len_short"
    if words < 13:
        return "len_medium"
    if words < 26:
        return "len_long"
    return "len_very_long"


def _token_signals(token: Token) -> list[str]:
    low, lemma, tag = token.lower_, token.lemma_.lower(), token.tag_
    found = []
    if any(c.isdigit() for c in token.text):
        found.append("year" if _YEAR.match(token.text) else "digits")
    elif token.like_num and low != "one":
        found.append("number_word")
    if token.ent_type_ in NUMBER_ENTITIES:
        found.append("number_entity")
    if token.ent_type_ == "PERCENT" or low in ("percent", "%"):
        found.append("percent")
    if token.ent_type_ == "MONEY" or low in ("$", "dollars", "dollar"):
        found.append("money")
    if token.ent_type_ == "DATE":
        found.append("date")
    if token.ent_type_ in NAME_ENTITIES:
        found.append("named_entity")
    if low in MAGNITUDE_WORDS:
        found.append("magnitude")
    if tag in ("JJR", "RBR") or (low in ("fewer", "less", "more") and token.dep_ in ("amod", "advmod", "dobj", "nsubj")):
        found.append("comparative")
    if tag in ("JJS", "RBS"):
        found.append("superlative")
    if lemma in CAUSAL_WORDS and (lemma in ("because", "due") or token.dep_ in ("mark", "prep", "ROOT", "conj", "advcl")):
        found.append("causal")
    elif lemma in CAUSAL_VERBS and token.pos_ == "VERB":
        found.append("causal")
    if token.pos_ == "VERB":
        found.extend(_verb_signals(token, lemma, tag))
    if tag == "MD":
        if low in FUTURE_MODALS:
            found.append("future")
        elif low in OTHER_MODALS:
            found.append("modal_other")
    if low in OBLIGATION_MODALS or (lemma in ("have", "need") and _has_to_infinitive(token)):
        found.append("obligation")
    if lemma in EVALUATIVE_WORDS and token.pos_ in ("ADJ", "NOUN"):
        found.append("evaluative")
    if lemma in COURTESY_WORDS:
        found.append("courtesy")
    if token.dep_ == "neg":
        found.append("negation")
    return found


def _verb_signals(token: Token, lemma: str, tag: str) -> list[str]:
    found = []
    if lemma in EVENT_VERBS:
        found.append("change_verb")
    if tag == "VBD":
        found.append("past_verb")
    elif tag == "VBN":
        deps = {(c.dep_, c.lemma_) for c in token.children}
        if ("aux", "have") in deps:
            found.append("perfect_verb")
        if any(dep == "auxpass" for dep, _ in deps):
            found.append("passive")
    if lemma in OPINION_VERBS and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.children):
        found.append("first_person_opinion")
    return found


def _has_to_infinitive(token: Token) -> bool:
    """'have to go', 'need to act': obligation without a modal."""
    return any(
        c.dep_ == "xcomp" and c.tag_ == "VB" and any(m.lower_ == "to" for m in c.children) for c in token.children
    )


def _clause_signals(sentence: Span, tokens: list[Token]) -> list[str]:
    found = []
    if tokens[-1].text == "?" or (
        tokens[0].lower_ in QUESTION_WORDS and len(tokens) > 1 and tokens[1].tag_ in ("MD", "VBZ", "VBP", "VBD")
    ):
        found.append("question")
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if root.tag_ == "VB" and not subjects and not any(c.dep_ == "aux" for c in root.children):
        found.append("imperative")
    for subject in subjects:
        found.append(_subject_kind(subject))
    if root.lemma_ == "be" and any(c.dep_ == "acomp" for c in root.children):
        found.append("copula_adjective")
    if root.tag_ in ("VBD", "VBN"):
        found.append("root_past")
    return found


def _subject_kind(subject: Token) -> str:
    low = subject.lower_
    if low in ("i", "we", "you"):
        return "subject_" + low
    if subject.pos_ == "PRON":
        return "subject_pronoun"
    if subject.ent_type_ in NAME_ENTITIES or subject.pos_ == "PROPN":
        return "subject_named"
    return "subject_noun"
