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
    """The first figure in the sentence, whole, with the noun it counts: "$18.4 million",
    "thousands of lives", "200 soldiers". A figure the entity recogniser found is quoted as the
    whole entity: its first token alone may be just "$"."""
    for token in span:
        if token.ent_type_ in ("ORDINAL", "DATE", "TIME") or not (token.like_num or token.ent_type_ in _NUMERIC_ENTS):
            continue
        first, last = _figure_bounds(token)
        if last.dep_ == "nummod" and last.head.i > last.i:
            return span.doc[first.i : last.head.i + 1].text
        return span.doc[first.i : _of_phrase_end(last) + 1].text
    return None


def _figure_bounds(token: Token) -> tuple[Token, Token]:
    """The first and last tokens of the numeric entity `token` is in (itself when in none)."""
    if token.ent_type_ not in _NUMERIC_ENTS:
        return token, token
    # Walk the IOB tags rather than doc.ents, which builds every entity span anew on each access.
    doc, first, last = token.doc, token.i, token.i
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first], doc[last]


def _of_phrase_end(token: Token) -> int:
    """Where "thousands of lives" ends: the object of an "of" after the figure."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0].i
    return token.i
