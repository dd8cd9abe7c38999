"""Check-worthiness: does a sentence make a factual claim worth verifying?

STUB: to be replaced by the real rules (numbers, statistics, events, causal assertions).
"""

from __future__ import annotations

from spacy.tokens import Span


def is_check_worthy(sentence: Span) -> bool:
    return any(token.like_num or token.ent_type_ in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY") for token in sentence)
