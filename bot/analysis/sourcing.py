"""Sentence sourcing: who each sentence is attributed to, and which claims need checking.

STUB: to be replaced by the dependency-parse attribution rules.
"""

from __future__ import annotations

from spacy.tokens import Doc

from bot.analysis.report import FLAGGED_STATUSES, NONE, Actor, Claim, SentenceSourcing
from bot.analysis.segment import Sentence


def attribute(doc: Doc, sentences: list[Sentence], actors: list[Actor]) -> list[SentenceSourcing]:
    return [SentenceSourcing(start=s.start, end=s.end, status=NONE) for s in sentences]


def flagged_claims(sentences: list[Sentence], sourcing: list[SentenceSourcing]) -> list[Claim]:
    return [
        Claim(sentence=s.index, text=s.text, status=info.status, reason=info.status)
        for s, info in zip(sentences, sourcing)
        if info.status in FLAGGED_STATUSES
    ]
