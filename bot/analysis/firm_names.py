"""Company names written the way firms write them: partners joined by "&" and commas, and "'s".

A comma usually separates two names ("Mercantile, Commerce") and a possessive usually belongs
to the sentence, not the name ("Trump's aides"). Firms break both habits:
- "Procter & Gamble", "Merrill Lynch, Pierce, Fenner & Smith", "Skadden, Arps, Slate, Meagher &
  Flom", "Goldman, Sachs & Co." are one firm each: a list of capitalised partner names that
  ends in "& Name" (or in a company suffix: "Howard, Weil, Labouisse, Friedrichs Inc"). The
  tagger often cuts them into several spans; here they are put back together.
- "McDonald's", "Moody's", "Sotheby's International Realty" own their "'s": the story never
  writes the name without it, whereas "Trump's" is the possessive of a "Trump" written bare
  elsewhere.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

COMPANY_SUFFIXES = frozenset("inc corp co cos ltd plc llc llp lp ag sa nv gmbh bhd company".split())
MAX_PARTNER_WORDS = 3  # "Merrill Lynch", "Smith Barney": a partner is a short name
MAX_LISTED_PARTNER_WORDS = 2
# A place or a people in the list makes it a list of places ("Britain, France & Germany").
NOT_PARTNER_ENTS = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "PERCENT"})
POSSESSIVES = frozenset({"'s", "’s", "'S", "’S"})


def firm_runs(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges of firm names joined by "&" ("Procter & Gamble", "Skadden, Arps, ... & Flom")."""
    runs: list[tuple[int, int]] = []
    for token in _ampersands(doc, text):
        if runs and token.i < runs[-1][1]:
            continue
        right = _partner_end(doc, token.i + 1)
        left = _partner_start(doc, token.i - 1)
        if right is None or left is None:
            continue
        left = _earlier_partners(doc, left)
        runs.append((left, _with_suffix(doc, right)))
    return runs


def _ampersands(doc: Doc, text: str) -> list[Token]:
    # Found in the text, not by walking every token: most stories have none.
    found = []
    for match in re.finditer(r"(?<=\s)&(?=\s)", text):
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            found.append(span[0])
    return found


def is_suffix(token: Token) -> bool:
    return token.lower_.rstrip(".") in COMPANY_SUFFIXES


def _is_partner_word(token: Token) -> bool:
    if token.ent_type_ in NOT_PARTNER_ENTS or "\n" in token.whitespace_:
        return False
    # A capitalised proper noun or initials ("Lynch", "C.", "W.R."): not "In", "The".
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or bool(token.ent_type_) or is_suffix(token))


def _partner_end(doc: Doc, start: int) -> int | None:
    """End of the partner name that starts at `start`, or None when there is none."""
    limit = min(len(doc), start + MAX_PARTNER_WORDS, _entity_end(doc, start))
    end = start
    while end < limit and _is_partner_word(doc[end]):
        end += 1
    return end if end > start else None


def _partner_start(doc: Doc, last: int) -> int | None:
    """Start of the partner name that ends at token `last` (inclusive), or None.

    It stays inside the tagger's entity when there is one: "Lead Underwriter Bear Stearns & Co"
    is the firm Bear Stearns & Co.
    """
    limit = max(0, last + 1 - MAX_PARTNER_WORDS, _entity_start(doc, last))
    start = last + 1
    while start > limit and _is_partner_word(doc[start - 1]):
        start -= 1
        if doc[start].is_sent_start:
            break
    return start if start <= last else None


def _entity_start(doc: Doc, at: int) -> int:
    if not doc[at].ent_type_:
        return 0
    while at > 0 and doc[at].ent_iob_ == "I":
        at -= 1
    return at


def _entity_end(doc: Doc, at: int) -> int:
    if at >= len(doc) or not doc[at].ent_type_:
        return len(doc)
    at += 1
    while at < len(doc) and doc[at].ent_iob_ == "I":
        at += 1
    return at


def _earlier_partners(doc: Doc, start: int) -> int:
    """Walk back over ", Partner" pieces: "Merrill Lynch, Pierce, Fenner & Smith"."""
    while start >= 2 and doc[start - 1].text == "," and not doc[start].is_sent_start:
        earlier = _partner_start(doc, start - 2)
        # Listed partners are surnames ("Merrill Lynch, Pierce"); a longer piece is another firm
        # ("Prudential-Bache Capital Funding, Smith Barney, Harris Upham & Co").
        if earlier is None or start - 1 - earlier > MAX_LISTED_PARTNER_WORDS:
            break
        start = earlier
    return start


def _with_suffix(doc: Doc, end: int) -> int:
    # "Goldman, Sachs & Co." and "Lovett Mitchell Webb & Garrison, Inc." keep their suffix.
    if end < len(doc) and is_suffix(doc[end]) and doc[end].text[:1].isupper():
        return end + 1
    if end + 1 < len(doc) and doc[end].text == "," and is_suffix(doc[end + 1]) and doc[end + 1].text[:1].isupper():
        return end + 2
    return end


# After a name's "'s", these show the "'s" is part of the name, not a possessive: "McDonald's
# said", "at Moody's.", "Moody's and Fitch" (a possessive is followed by what is owned:
# "Exxon's profits", "Juventus's Zinedine Zidane").
NAME_FOLLOWERS = frozenset({"VERB", "AUX", "PUNCT", "ADP", "CCONJ", "SCONJ", "PART"})


class PossessiveNames:
    """Names spelled with "'s" ("McDonald's", "Moody's"), judged over the whole story.

    A name owns its "'s" when it is a founder's name (one word, or partners: "Standard &
    Poor's"), the story never writes it without the "'s", and at least once uses "Name's" where
    a possessive cannot stand (followed by a verb, punctuation or a preposition: "McDonald's
    said", "at Moody's."). "The University of Michigan's index" stays a possessive.
    Searched only when asked.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        self.seen: dict[str, bool] = {}

    def owns(self, name: str) -> bool:
        if name not in self.seen:
            founder = " " not in name or " & " in name
            self.seen[name] = founder and not self._written_bare(name) and self._used_as_name(name)
        return self.seen[name]

    def _written_bare(self, name: str) -> bool:
        pattern = r"(?<![\w&])" + re.escape(name) + r"(?![\w&'’])"
        return re.search(pattern, self.text) is not None

    def _used_as_name(self, name: str) -> bool:
        for match in re.finditer(r"(?<![\w&])" + re.escape(name) + r"['’][sS]\b\s*", self.text):
            following = self.doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
            follower = following[0] if following is not None and len(following) else None
            if follower is None or follower.pos_ in NAME_FOLLOWERS or is_suffix(follower):  # "Moody's Corp."
                return True
        return False


def owns_possessive(doc: Doc, start: int, possessive: Token, names: PossessiveNames) -> bool:
    """ "McDonald's", "Moody's", "Sotheby's": the "'s" is part of the name at doc[start:possessive]."""
    if possessive.text not in POSSESSIVES or possessive.i <= start:
        return False
    return names.owns(doc[start : possessive.i].text)
