"""Reasons for flagged claims, in words a reporter can act on."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.analysis.report import ANONYMOUS, VAGUE, SentenceSourcing

_NUMERIC_ENTS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})


def reason_for(span: Span, info: SentenceSourcing) -> str:
    carried = " (carried from earlier in the paragraph)" if "carried" in info.flags else ""
    if info.status == ANONYMOUS:
        who = info.source or info.cue or "an unnamed source"
        return f"anonymous source: '{who}'{carried} — can we name them or confirm independently?"
    if info.status == VAGUE:
        if info.source:
            return f"vague source: '{info.source}'{carried} — who are they? Name them or cut the claim"
        return f"vague source: '{info.cue}'{carried} — by whom? Name the source or cut the claim"
    numbers = numeric_phrase(span)
    detail = f" (numbers: '{numbers}')" if numbers else ""
    return f"no source for a check-worthy claim{detail} — who says so? Attribute it or cut it"


def numeric_phrase(span: Span) -> str | None:
    """The first figure in the sentence with the noun it counts: "thousands of lives", "200 soldiers"."""
    for token in span:
        if token.ent_type_ in ("ORDINAL", "DATE", "TIME") or not (token.like_num or token.ent_type_ in _NUMERIC_ENTS):
            continue
        if token.dep_ == "nummod" and token.head.i > token.i:
            return span.doc[token.i : token.head.i + 1].text
        return _with_of_phrase(token)
    return None


def _with_of_phrase(token: Token) -> str:
    end = token.i
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                end = objects[0].i
    return token.doc[token.i : end + 1].text
