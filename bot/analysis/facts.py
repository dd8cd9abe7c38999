"""Key facts: the sentences a wire editor would keep.

STUB: to be replaced by the real ranking.
"""

from __future__ import annotations

from spacy.tokens import Doc

from bot.analysis.report import Actor, KeyFact, SentenceSourcing
from bot.analysis.segment import Sentence


def rank_key_facts(
    doc: Doc, sentences: list[Sentence], sourcing: list[SentenceSourcing], actors: list[Actor], limit: int = 5
) -> list[KeyFact]:
    return [
        KeyFact(text=s.text, start=s.start, end=s.end, sentence=s.index, rank=i + 1)
        for i, s in enumerate(sentences[:limit])
    ]
