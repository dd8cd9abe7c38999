"""Hedges and weasel words: "may", "reportedly", "it is believed", "some say".

STUB: to be replaced by the real lexicon and rules.
"""

from __future__ import annotations

from spacy.tokens import Span

_HEDGES = frozenset({"may", "might", "possibly", "reportedly", "allegedly", "perhaps", "likely"})


def hedge_cues(sentence: Span) -> list[str]:
    return [token.text for token in sentence if token.lower_ in _HEDGES]
